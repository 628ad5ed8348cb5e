"""Modal dialogs. They return values with `dismiss` and never save anything themselves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static

from coach.errors import DataFileError, ValidationError
from coach.text import clean_text
from coach.widgets.safe import user_content
from coach.widgets.text_input import TextInput


class HelpDialog(ModalScreen[None]):
    """The keys of the screen underneath, and what that screen is for."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", show=False),
        Binding("f1", "dismiss(None)", "Close", show=False),
        Binding("question_mark", "dismiss(None)", "Close", show=False),
    ]

    def __init__(self, section: str, about: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self._section = section
        self._about = about
        self._keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            with Horizontal(id="help-head"):
                yield Static(Content(f"Help: {self._section}"), id="help-title", classes="dialog-title")
                yield Static("Esc or F1 closes this", id="help-close", markup=False)
            if self._about:
                yield Static(self._about, id="help-about", markup=False)
            with VerticalScroll(id="help-keys"):
                yield Static(self.key_lines(), id="help-key-lines")

    def key_lines(self) -> Content:
        """One line per key: the key right-aligned in a column, then what it does (one widget for all)."""
        width = max((len(key) for key, _ in self._keys), default=0)
        return Content("\n").join(
            Content.assemble((f"{key:>{width}}", "bold $accent"), "  ", description) for key, description in self._keys
        )


class ConfirmDialog(ModalScreen[bool]):
    """Ask before something that can't be undone. Returns True to go ahead."""

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Cancel", show=False),
        Binding("y", "dismiss(True)", "Yes", show=False),
        Binding("n", "dismiss(False)", "No", show=False),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "Delete", no: str = "Keep") -> None:
        super().__init__()
        self._question = question
        self._detail = detail
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self._question, id="confirm-question", classes="dialog-title", markup=False)
            if self._detail:
                yield Static(self._detail, id="confirm-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (y)", id="confirm-yes", variant="error")
                yield Button(f"{self._no} (n)", id="confirm-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no_pressed(self) -> None:
        self.dismiss(False)


class DataFileErrorDialog(ModalScreen[None]):
    """The data file became unreadable while coach was open: say where and what to do, then quit safely."""

    BINDINGS = [Binding("escape,q,enter", "app.quit", "Quit", show=False)]

    def __init__(self, error: DataFileError) -> None:
        super().__init__()
        self._error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="file-error-box", classes="dialog"):
            yield Static("coach can't use its data file", classes="dialog-title", markup=False)
            yield Static(str(self._error.path), id="file-error-path", markup=False)
            yield Static(f"It {self._error.problem}.", id="file-error-problem", markup=False)
            yield Static(self._error.advice, id="file-error-advice", markup=False)
            yield Static("Nothing was written to it. Press Enter to quit.", classes="dialog-hint", markup=False)
            yield Button("Quit", id="file-error-quit", variant="error")

    @on(Button.Pressed, "#file-error-quit")
    def _quit(self) -> None:
        self.app.exit(2)


class PromptDialog(ModalScreen[str | None]):
    """One line of text to type or change; returns it, or None on Esc.

    `check` may refuse the text by raising ValidationError: its message shows under the line and the
    dialog stays open with the words kept."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        placeholder: str = "",
        hint: str = "Enter saves, Esc cancels.",
        check: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._placeholder = placeholder
        self._hint = hint
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield TextInput(clean_text(self._value), placeholder=self._placeholder, id="prompt-input")
            yield Static(self._hint, id="prompt-hint", classes="dialog-hint", markup=False)

    @on(TextInput.LinesPasted, "#prompt-input")
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        # One field holds one text: the lines go in together (line breaks become spaces), none dropped.
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @on(Input.Submitted, "#prompt-input")
    def _submit(self, event: Input.Submitted) -> None:
        if self._check is not None:
            try:
                self._check(event.value)
            except ValidationError as error:
                hint = self.query_one("#prompt-hint", Static)
                hint.update(user_content(str(error)))
                hint.add_class("-error")
                return
        self.dismiss(event.value)


class ChoiceDialog(ModalScreen[int | None]):
    """Pick one of a few labels; returns its index, or None on Esc.

    `explanation`, when given, is a short paragraph above the choices saying why they are asked
    (for instance what changed elsewhere). Labels and explanation are shown as plain text."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(
        self,
        title: str,
        labels: Sequence[str],
        current: int | None = None,
        *,
        explanation: str | Content = "",
        hint: str = "↑↓ to choose, Enter to pick, Esc to leave it as it is.",
    ) -> None:
        super().__init__()
        self._title = title
        self._labels = list(labels)
        self._current = current
        self._explanation = explanation
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box", classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            if self._explanation:
                explanation = self._explanation
                if isinstance(explanation, str):
                    explanation = user_content(explanation, limit=600)
                yield Static(explanation, id="choice-explanation")
            yield OptionList(*(user_content(label, limit=60) for label in self._labels), id="choice-list")
            yield Static(self._hint, id="choice-hint", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#choice-list", OptionList)
        if self._current is not None:
            options.highlighted = self._current
        options.focus()

    @on(OptionList.OptionSelected, "#choice-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)


class ClashDialog(ChoiceDialog):
    """What the person was editing changed elsewhere while the dialog or form was open: keep that
    change or use theirs. Every section settles a clash with this one dialog; `use_mine` asks it."""

    KEEP_THEIRS = 0
    USE_MINE = 1

    def __init__(
        self,
        explanation: str | Content,
        *,
        title: str = "Changed elsewhere while this was open",
        theirs: str = "Keep the change made elsewhere",
        mine: str = "Use mine",
    ) -> None:
        super().__init__(title, [theirs, mine], self.KEEP_THEIRS, explanation=explanation)


async def use_mine(app: App[Any], explanation: str | Content, **labels: str) -> bool:
    """Ask with a ClashDialog (inside a worker); True when the person chose their own version."""
    return await app.push_screen_wait(ClashDialog(explanation, **labels)) == ClashDialog.USE_MINE


class ReadDialog(ModalScreen[None]):
    """A long text in full, wrapped and scrollable."""

    BINDINGS = [Binding("escape,enter", "dismiss(None)", "Close", show=False)]

    def __init__(self, text: str, title: str = "The whole text") -> None:
        super().__init__()
        self._text = text
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="read-box", classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            with VerticalScroll(id="read-scroll"):
                yield Static(user_content(self._text), id="read-text")
            yield Static(f"{len(self._text):,} characters. Esc closes.", classes="dialog-hint", markup=False)


class RecurringThoughtDialog(ModalScreen[str | None]):
    """A typed thought closely matches an earlier one. Returns "same", "new", or None to go back and edit."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", show=False),
        Binding("s", "dismiss('same')", "Same fear", show=False),
        Binding("n", "dismiss('new')", "New line", show=False),
    ]

    def __init__(self, earlier: str, times_seen: int) -> None:
        super().__init__()
        self._earlier = earlier
        self._times_seen = times_seen

    def compose(self) -> ComposeResult:
        times = "once" if self._times_seen == 1 else f"{self._times_seen} times"
        with Vertical(id="recurring-box", classes="dialog"):
            yield Static("This one has come by before", classes="dialog-title", markup=False)
            yield Static(f"You wrote this down {times} already:", markup=False)
            yield Static(user_content(self._earlier, limit=400), id="recurring-earlier")
            yield Static(
                "Count it as the same fear coming back, or keep it as a separate line?",
                id="recurring-question",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Same fear again (s)", id="recurring-same", variant="primary")
                yield Button("Add as new (n)", id="recurring-new")
            yield Static("Esc goes back to your words, nothing saved.", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#recurring-same", Button).focus()

    @on(Button.Pressed, "#recurring-same")
    def _same(self) -> None:
        self.dismiss("same")

    @on(Button.Pressed, "#recurring-new")
    def _new(self) -> None:
        self.dismiss("new")
