"""Bring people in from a file: pick a LinkedIn export or a vCard file, see what it holds, then add them.

The dialog reads and matches the file in a worker thread (a progress bar while it reads) against a
copy of the list taken on the app's thread, so the store is never touched from the worker. It saves
nothing itself: it returns the plan, and People saves it (`ImportService.apply`), in one write.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, ProgressBar, RadioButton, RadioSet, Static

from coach.models import Contact
from coach.services.imports import ImportFileError, ImportKind, ImportPlan, ImportService, read_file
from coach.text import clean_text
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

SUFFIXES = {".csv": ImportKind.LINKEDIN, ".vcf": ImportKind.VCARD, ".vcard": ImportKind.VCARD}

HINT = "Enter reads the file; nothing is added until you choose to. Esc cancels."


class ImportFiles(DirectoryTree):
    """Folders, and only the files coach can import (.csv, .vcf); hidden ones left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".") and (path.is_dir() or path.suffix.casefold() in SUFFIXES)
        ]


class ImportDialog(ModalScreen[ImportPlan | None]):
    """Pick the file and its kind; read it (in a thread); show what importing would do. Returns the plan to
    save, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(self, imports: ImportService, *, start: Path | None = None) -> None:
        super().__init__()
        self._imports = imports
        self._start = start if start is not None else Path.home()
        self._plan: ImportPlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box", classes="dialog"):
            yield Static("Bring people in from a file", classes="dialog-title", markup=False)
            with RadioSet(id="import-kind"):
                yield RadioButton("LinkedIn connections (Connections.csv)", value=True, id="import-linkedin")
                yield RadioButton("Contacts from a phone, Google or Apple (.vcf)", id="import-vcard")
            yield TextInput(placeholder="Type the file's path, or pick it below", compact=True, id="import-path")
            yield ImportFiles(self._start, id="import-files")
            yield ProgressBar(total=None, show_eta=False, id="import-progress")
            yield Static("", id="import-result", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Read the file", id="import-read", variant="primary", compact=True)
                yield Button("Add them", id="import-save", variant="success", disabled=True, compact=True)
                yield Button("Cancel", id="import-cancel", compact=True)
            yield Static(HINT, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#import-progress").display = False
        self.query_one("#import-path", TextInput).focus()

    # choosing

    @property
    def kind(self) -> ImportKind:
        vcard = self.query_one("#import-vcard", RadioButton).value
        return ImportKind.VCARD if vcard else ImportKind.LINKEDIN

    def _set_kind(self, kind: ImportKind) -> None:
        self.query_one(f"#import-{kind.value}", RadioButton).value = True

    @on(DirectoryTree.FileSelected, "#import-files")
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        path = event.path
        self.query_one("#import-path", TextInput).value = str(path)
        kind = SUFFIXES.get(path.suffix.casefold())
        if kind is not None:
            self._set_kind(kind)
        self._forget_plan()
        self.query_one("#import-read", Button).focus()

    @on(TextInput.Changed, "#import-path")
    @on(RadioSet.Changed, "#import-kind")
    def _changed(self) -> None:
        self._forget_plan()

    def _forget_plan(self) -> None:
        self.query_one("#import-files").display = True
        if self._plan is not None:
            self._plan = None
            save = self.query_one("#import-save", Button)
            save.disabled = True
            save.label = "Add them"
            save.refresh(layout=True)
            self._say("")

    def _say(self, text: str, *, error: bool = False) -> None:
        result = self.query_one("#import-result", Static)
        result.update(user_content(text, multiline=True))
        result.set_class(error, "-error")

    # reading

    @on(TextInput.Submitted, "#import-path")
    @on(Button.Pressed, "#import-read")
    def read(self) -> None:
        typed = clean_text(self.query_one("#import-path", TextInput).value).strip()
        if not typed:
            self._say("Type the file's path first, or pick it in the list of folders.", error=True)
            return
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self._start / path
        self._say("Reading…")
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#import-read", Button).disabled = True
        contacts = self._imports.contacts()  # a copy, taken here: the worker never touches the store
        self._read(self.kind, path, contacts, self._imports.generation)

    @work(thread=True, exclusive=True, group="import-read")
    def _read(self, kind: ImportKind, path: Path, contacts: list[Contact], generation: int) -> None:
        try:
            data = read_file(path)
            plan = self._imports.plan(
                kind, data, contacts=contacts, generation=generation, progress=self._progress_from_thread
            )
        except ImportFileError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        except Exception as error:  # a bug: say so calmly, in one line, without the file's words
            self.app.call_from_thread(self._failed, f"Something went wrong reading that file ({type(error).__name__}).")
            return
        self.app.call_from_thread(self._planned, plan)

    def _progress_from_thread(self, done: int, total: int) -> None:
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        if not self.is_attached:
            return  # closed while the file was read
        self.query_one("#import-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _failed(self, message: str) -> None:
        if not self.is_attached:
            return
        self.query_one("#import-progress").display = False
        self.query_one("#import-read", Button).disabled = False
        self._say(message, error=True)

    def _planned(self, plan: ImportPlan) -> None:
        if not self.is_attached:
            return  # closed while the file was read: nothing to show, nothing saved
        self.query_one("#import-progress").display = False
        self.query_one("#import-read", Button).disabled = False
        summary = self._imports.summary(plan, examples=2)
        lines = summary.lines()[:-1]  # not "nothing was saved": the hint and the button say it
        save = self.query_one("#import-save", Button)
        if plan.new or plan.merges:
            self._plan = plan
            save.disabled = False
            save.label = f"Add {plan_count(plan)}"
            save.refresh(layout=True)  # Button's label doesn't lay it out again by itself: a longer one would be cut
            save.focus()
        else:
            lines.append("Everyone in it is on your list already: nothing to add.")
        self.query_one("#import-files").display = False  # room for the summary on a small terminal
        self._say("\n".join(user_plain(line) for line in lines))

    @on(Button.Pressed, "#import-save")
    def save(self) -> None:
        if self._plan is not None:
            self.dismiss(self._plan)

    @on(Button.Pressed, "#import-cancel")
    def cancel(self) -> None:
        self.dismiss(None)


def plan_count(plan: ImportPlan) -> str:
    """ "3 people", "2 people and 1 update", "1 update": what the save button adds."""
    parts = []
    if plan.new:
        parts.append(f"{len(plan.new):,} {'person' if len(plan.new) == 1 else 'people'}")
    if plan.merges:
        parts.append(f"{len(plan.merges):,} update{'s' if len(plan.merges) != 1 else ''}")
    return " and ".join(parts)
