"""The prep of one interview (goals, questions, research notes, logistics) and its one-page cheat sheet.

Both are pushed over Interviews (F7). Everything saves as it goes: a line on Enter or when you leave it,
the notes when you leave them or press Ctrl+S, a tick as you tick it. A save that fails says why and
keeps what you typed where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, SelectionList, Static, TabbedContent, TabPane, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from coach.errors import CoachError, ConflictError, ValidationError
from coach.models import Interview, PrepItem
from coach.screens.dialogs import PromptDialog, use_mine
from coach.screens.interviews import when_text
from coach.services.interviews import InterviewService, render_cheat_sheet
from coach.services.people import fold
from coach.text import clean_text
from coach.widgets.footer import SteadyFooter
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

T = TypeVar("T")

AIMS = 3
STARS = 3
QUESTION_LIMIT = 300
"""Characters of a question shown in the list (the cheat sheet and the store keep all of it)."""

GOALS_HINT = "Enter or leaving a line saves it · Tab: next line · Shift+Tab, ← →: other tabs"
QUESTIONS_HINT = "a: your own · b: from the bank · * or space: star · [ ]: move · Delete: remove"
NOTES_HINT = "Saved when you leave the notes, or with Ctrl+S · Shift+Tab, ← →: other tabs"
LOGISTICS_HINT = "Space ticks what's ready · saved as you tick · Shift+Tab, ← →: other tabs"
HINTS = {
    "prep-goals": GOALS_HINT,
    "prep-questions": QUESTIONS_HINT,
    "prep-notes": NOTES_HINT,
    "prep-logistics": LOGISTICS_HINT,
}


class QuestionList(OptionList):
    """The questions, in the order you'll ask them. Its keys act on the highlighted question."""

    BINDINGS = [
        Binding("a", "screen.add_question", "Add", tooltip="Write a question of your own"),
        Binding("b", "screen.pick_from_bank", "Bank", tooltip="Pick from coach's questions, grouped by purpose"),
        Binding("asterisk,space", "screen.star", "Star", tooltip="One of the three that matter most"),
        Binding("left_square_bracket,ctrl+up", "screen.move(-1)", "Up", tooltip="Ask it earlier"),
        Binding("right_square_bracket,ctrl+down", "screen.move(1)", "Down", tooltip="Ask it later"),
        Binding("delete,d", "screen.remove_question", "Remove", tooltip="Take it off the list"),
    ]


class PrepScreen(Screen[None]):
    """One interview's prep in four tabs: goals, questions, notes and logistics."""

    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to Interviews (everything is saved)"),
        Binding("ctrl+s", "save_all", "Save", show=False, tooltip="Save what's typed now"),
    ]

    def __init__(self, interviews: InterviewService, interview_id: int, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._interviews = interviews
        self._interview_id = interview_id
        self._interview: Interview | None = None
        self._missing = ""
        """Why the interview couldn't be read (it was removed meanwhile)."""
        self._questions: list[PrepItem] = []
        self._settling = False
        """A clash is being asked about: saves wait until it is settled."""
        self._built: set[str] = {"prep-goals"}
        """The tabs whose widgets are mounted (each is built the first time it is shown)."""

    # building

    def compose(self) -> ComposeResult:
        try:
            self._interview = self._interviews.get(self._interview_id)
        except CoachError as error:
            self._missing = str(error)
        interview = self._interview
        aims = interview.aims if interview is not None else ()
        yield Static("", id="prep-title", markup=False)
        with TabbedContent(id="prep-tabs"):
            with TabPane("Goals", id="prep-goals"), VerticalScroll(id="prep-goals-scroll", can_focus=False):
                yield Static("Up to three things to get done in this conversation", classes="prep-label")
                for number in range(1, AIMS + 1):
                    yield TextInput(
                        clean_text(aims[number - 1]) if number <= len(aims) else "",
                        placeholder=self._aim_placeholder(number),
                        id=f"prep-aim-{number}",
                    )
                yield Static("What I want to leave knowing, in one sentence", classes="prep-label")
                yield TextInput(
                    clean_text(interview.leave_knowing) if interview is not None else "",
                    placeholder="e.g. whether this job suits someone like me",
                    id="prep-leave",
                )
            # The other tabs are built the first time they are shown: opening the prep stays quick.
            yield TabPane("Questions", id="prep-questions")
            yield TabPane("Notes", id="prep-notes")
            yield TabPane("Logistics", id="prep-logistics")
        yield Static(GOALS_HINT, id="prep-hint", markup=False)
        yield SteadyFooter()

    def _pane_parts(self, pane: str) -> list[Widget]:
        if pane == "prep-questions":
            return [
                Static("", id="prep-questions-head", markup=False),
                Static(
                    "No questions yet. b picks some from coach's bank (grouped by what they're for); "
                    "a writes one of your own. Then star the three that matter most.",
                    id="prep-questions-empty",
                    markup=False,
                ),
                QuestionList(id="prep-question-list"),
            ]
        if pane == "prep-notes":
            research = self._interview.research if self._interview is not None else ""
            return [
                Static("About them and their organisation", classes="prep-label"),
                TextArea(
                    clean_text(research, multiline=True), id="prep-research", soft_wrap=True, tab_behavior="focus"
                ),
            ]
        if pane == "prep-logistics":
            return [Static("", id="prep-ready", markup=False), SelectionList[str](id="prep-logistics-list")]
        return []

    async def _build(self, pane: TabPane) -> None:
        """Mount a tab's widgets the first time it is shown, and fill them."""
        name = pane.id or ""
        if name in self._built:
            return
        self._built.add(name)
        await pane.mount_all(self._pane_parts(name))
        if name == "prep-questions":
            self._fill_questions()
        elif name == "prep-logistics":
            self._fill_logistics()

    @staticmethod
    def _aim_placeholder(number: int) -> str:
        return {
            1: "e.g. hear how they got into the field",
            2: "e.g. learn what a normal week looks like",
            3: "e.g. ask who else I could talk to",
        }.get(number, "")

    def on_mount(self) -> None:
        if self._interview is None:
            self.notify(user_plain(self._missing), title="Can't open the prep", severity="error", markup=False)
            self.dismiss(None)
            return
        self._draw_title()
        self.query_one("#prep-aim-1", Input).focus()

    def show(self, interview_id: int) -> bool:
        """Show another interview's prep on this screen, already built (Interviews keeps one and reuses it,
        so Enter opens a prep without building one). False when the interview can't be read."""
        try:
            interview = self._interviews.get(interview_id)
        except CoachError:
            return False
        self._interview_id, self._interview = interview_id, interview
        self._show_saved(interview)
        if "prep-questions" in self._built:
            self.query_one("#prep-question-list", QuestionList).highlighted = None
            self._fill_questions()
        if "prep-logistics" in self._built:
            self._fill_logistics()
        self.query_one("#prep-tabs", TabbedContent).active = "prep-goals"
        self._draw_title()
        self._say(GOALS_HINT)
        self.set_focus(self.query_one("#prep-aim-1", Input))
        return True

    def _fill_logistics(self) -> None:
        items = self._interviews.logistics(self._interview_id)
        listing = self.query_one("#prep-logistics-list", SelectionList)
        listing.clear_options()
        listing.add_options([Selection(item.label, item.key, ready) for item, ready in items])
        listing.highlighted = 0  # Space ticks the first item straight away
        self._draw_readiness()

    def _draw_readiness(self) -> None:
        if self._interview is None:
            return
        readiness = self._interviews.readiness(self._interview)
        text = readiness.text
        if readiness.done == readiness.total:
            text += ". All set: nothing left to arrange."
        self.query_one("#prep-ready", Static).update(text)
        self._draw_title()

    def _draw_title(self) -> None:
        interview = self._interview
        if interview is None:
            return
        now = self._interviews.now()
        how = interview.setting.value + (f" at {user_plain(interview.place, limit=40)}" if interview.place else "")
        parts = [
            f"Prep: {user_plain(self._interviews.name_of(interview), limit=40)}",
            when_text(interview.when, now),
            how,
            self._interviews.readiness(interview).text,
        ]
        self.query_one("#prep-title", Static).update(" · ".join(parts))

    def _say(self, message: str, *, error: bool = False) -> None:
        hint = self.query_one("#prep-hint", Static)
        hint.update(user_content(message))
        hint.set_class(error, "-error")

    @on(TabbedContent.TabActivated, "#prep-tabs")
    async def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        await self._build(event.pane)
        self._say(HINTS.get(event.pane.id or "", GOALS_HINT))

    # saving

    def _reload(self) -> None:
        try:
            self._interview = self._interviews.get(self._interview_id)
        except CoachError as error:
            self._say(str(error), error=True)
            return
        self._draw_title()

    def _save(self, what: str, call: Callable[[Interview | None], object]) -> bool:
        """Save with `call(seen)`; a clash asks (in a worker) whether to keep theirs. Errors are said, never raised,
        and what was typed stays in its box."""
        if self._settling:
            return False  # a clash is being asked about (the dialog took the focus): one question at a time
        try:
            call(self._interview)
        except ConflictError as clash:
            current = clash.current if isinstance(clash.current, Interview) else None
            self._settling = True
            self._settle(what, call, current)
            return False
        except CoachError as error:
            self._say(f"{what} not saved. {error} What you typed is still there.", error=True)
            return False
        self._reload()
        self._say(f"{what} saved.")
        return True

    @work(group="prep-clash")
    async def _settle(self, what: str, call: Callable[[Interview | None], object], current: Interview | None) -> None:
        try:
            mine = current is not None and await use_mine(
                self.app, f"While the prep was open, this interview was changed elsewhere. {what}: yours or theirs?"
            )
        finally:
            self._settling = False
        if current is None or not mine:
            self._reload()
            if self._interview is not None:
                self._show_saved(self._interview)
                if "prep-logistics" in self._built:
                    self._fill_logistics()
            self._say(f"{what}: kept the change made elsewhere; it is in the boxes now.", error=True)
            return
        self._interview = current
        self._save(what, call)

    def _show_saved(self, interview: Interview) -> None:
        """Put the stored goals and notes back in their boxes (after keeping a change made elsewhere)."""
        for number in range(1, AIMS + 1):
            aim = interview.aims[number - 1] if number <= len(interview.aims) else ""
            self.query_one(f"#prep-aim-{number}", Input).value = clean_text(aim)
        self.query_one("#prep-leave", Input).value = clean_text(interview.leave_knowing)
        if "prep-notes" in self._built:
            self.query_one("#prep-research", TextArea).load_text(clean_text(interview.research, multiline=True))

    def _aims_typed(self) -> list[str]:
        return [self.query_one(f"#prep-aim-{n}", Input).value for n in range(1, AIMS + 1)]

    def save_aims(self) -> None:
        if self._interview is None:
            return
        aims = self._aims_typed()
        if tuple(clean_text(a).strip() for a in aims if clean_text(a).strip()) == self._interview.aims:
            return
        self._save("Goals", lambda seen: self._interviews.set_aims(self._interview_id, aims, seen=seen))

    def save_leave_knowing(self) -> None:
        if self._interview is None:
            return
        text = self.query_one("#prep-leave", Input).value
        if clean_text(text).strip() == self._interview.leave_knowing:
            return
        self._save(
            "What you want to leave knowing",
            lambda seen: self._interviews.set_leave_knowing(self._interview_id, text, seen=seen),
        )

    def save_research(self) -> None:
        if self._interview is None or "prep-notes" not in self._built:
            return
        text = self.query_one("#prep-research", TextArea).text
        if text.strip() == self._interview.research.strip():
            return
        self._save("Notes", lambda seen: self._interviews.set_research(self._interview_id, text, seen=seen))

    @on(Input.Submitted)
    def _line_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._save_line(event.input)
        if event.input.id and event.input.id.startswith("prep-aim-"):
            self.focus_next()

    @on(Input.Blurred)
    def _line_left(self, event: Input.Blurred) -> None:
        self._save_line(event.input)

    def _save_line(self, line: Input) -> None:
        if line.id and line.id.startswith("prep-aim-"):
            self.save_aims()
        elif line.id == "prep-leave":
            self.save_leave_knowing()

    @on(TextInput.LinesPasted)
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "prep-research":
            self.save_research()

    def action_save_all(self) -> None:
        self.save_aims()
        self.save_leave_knowing()
        self.save_research()

    def action_close(self) -> None:
        self.action_save_all()
        self.dismiss(None)

    # logistics

    @on(SelectionList.SelectedChanged, "#prep-logistics-list")
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        if self._interview is None:
            return
        keys = list(event.selection_list.selected)
        if set(keys) == set(self._interview.ready):
            return
        if self._save("Logistics", lambda seen: self._interviews.set_ready(self._interview_id, keys, seen=seen)):
            self._draw_readiness()
            self._say(f"{self._interviews.readiness(self._interview).text if self._interview else ''}. Saved.")

    # questions

    def _fill_questions(self, select: int | None = None) -> None:
        try:
            self._questions = self._interviews.questions(self._interview_id)
        except CoachError as error:
            self._say(str(error), error=True)
            return
        listing = self.query_one("#prep-question-list", QuestionList)
        keep = listing.highlighted
        listing.set_options([self._question_option(n, item) for n, item in enumerate(self._questions, 1)])
        if select is not None:
            index = next((i for i, item in enumerate(self._questions) if item.id == select), None)
        else:
            index = None if keep is None else min(keep, len(self._questions) - 1)
        if self._questions:
            listing.highlighted = index if index is not None and index >= 0 else 0
        self.query_one("#prep-questions-empty").display = not self._questions
        stars = sum(item.starred for item in self._questions)
        head = (
            f"{len(self._questions)} question{'' if len(self._questions) == 1 else 's'} · ★ {stars} of {STARS} starred"
        )
        if self._questions and not stars:
            head += ": star the three that matter most"
        self.query_one("#prep-questions-head", Static).update(head)

    @staticmethod
    def _question_option(number: int, item: PrepItem) -> Option:
        mark = Content("★ ").stylize("bold $warning") if item.starred else Content("  ")
        parts: list[Content | str] = [mark, f"{number:>2}. ", user_content(item.text, limit=QUESTION_LIMIT)]
        if item.done:
            parts.append(Content("  (asked)").stylize("$text-muted"))
        return Option(Content.assemble(*parts), id=f"question-{item.id}")

    def _current_question(self) -> PrepItem | None:
        index = self.query_one("#prep-question-list", QuestionList).highlighted
        if index is None or not 0 <= index < len(self._questions):
            return None
        return self._questions[index]

    def _question_call(self, call: Callable[[], T]) -> T | None:
        try:
            return call()
        except CoachError as error:
            self._say(str(error), error=True)
            return None

    @work(group="prep-question", exclusive=True)
    async def action_add_question(self) -> None:
        text = await self.app.push_screen_wait(
            PromptDialog(
                "A question of your own",
                placeholder="What would you like to ask them?",
                check=self._check_question,
            )
        )
        if text is None or not clean_text(text).strip():
            return
        self._add(text, "")

    def _check_question(self, text: str) -> None:
        """Refuse, with the words kept in the dialog, what the service would refuse: nothing, or a repeat."""
        typed = fold(clean_text(text).strip())
        if not typed:
            raise ValidationError("Type the question first, or Esc to leave it.")
        if any(fold(item.text) == typed for item in self._questions):
            raise ValidationError("That question is on the list already.")

    def _add(self, text: str, source: str) -> None:
        item = self._question_call(lambda: self._interviews.add_question(self._interview_id, text, source=source))
        if item is None:
            return
        self._fill_questions(select=item.id)
        self.query_one("#prep-question-list", QuestionList).focus()
        self._say(f"Added: {user_plain(item.text, limit=60)}")

    @work(group="prep-question", exclusive=True)
    async def action_pick_from_bank(self) -> None:
        try:
            groups = self._interviews.bank()
            own = self._interviews.own_questions()
        except CoachError as error:
            self._say(str(error), error=True)
            return
        have = {clean_text(item.text).strip().casefold() for item in self._questions}
        picked = await self.app.push_screen_wait(BankDialog(groups, own, have))
        if picked is not None:
            text, source = picked
            self._add(text, source)

    def action_star(self) -> None:
        item = self._current_question()
        if item is None:
            return
        changed = self._question_call(lambda: self._interviews.star(item.id, not item.starred))
        if changed is None:
            return
        self._fill_questions(select=item.id)
        if changed.starred:
            self._say("Starred: one of the ones that matter most.")
        else:
            self._say("Star taken off.")

    def action_move(self, delta: int) -> None:
        item = self._current_question()
        if item is None:
            return
        if self._question_call(lambda: self._interviews.move_question(item.id, delta)) is None:
            return
        self._fill_questions(select=item.id)
        self._say("Moved up." if delta < 0 else "Moved down.")

    def action_remove_question(self) -> None:
        item = self._current_question()
        if item is None:
            return
        try:
            self._interviews.remove_question(item.id)
        except CoachError as error:
            self._say(str(error), error=True)
            return
        self._fill_questions()
        self._say(f"Removed: {user_plain(item.text, limit=60)}")


class BankDialog(ModalScreen[tuple[str, str] | None]):
    """coach's questions grouped by what they are for, and your own earlier ones. Returns (text, source)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(self, groups: Sequence[object], own: Sequence[str], have: set[str]) -> None:
        super().__init__()
        self._groups = groups
        self._own = list(own)
        self._have = have
        self._choices: dict[str, tuple[str, str]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="bank-box", classes="dialog"):
            yield Static("Pick a question", classes="dialog-title", markup=False)
            yield OptionList(*self._options(), id="bank-list")
            yield Static(
                "↑↓ to choose, Enter adds it, Esc goes back. ✓: already on your list.",
                classes="dialog-hint",
                markup=False,
            )

    def _options(self) -> list[Option]:
        options: list[Option] = []
        for group in self._groups:
            title = str(getattr(group, "title", ""))
            options.append(Option(Content(title).stylize("bold $accent"), disabled=True))
            for question in getattr(group, "questions", ()):
                options.append(self._choice(str(question.text), str(question.id)))
        if self._own:
            options.append(Option(Content("Your earlier questions").stylize("bold $accent"), disabled=True))
            options += [self._choice(text, "") for text in self._own]
        return options

    def _choice(self, text: str, source: str) -> Option:
        key = f"bank-{len(self._choices)}"
        self._choices[key] = (text, source)
        added = clean_text(text).strip().casefold() in self._have
        prompt = Content.assemble("✓ " if added else "  ", user_content(text, limit=200))
        return Option(prompt.stylize("$text-muted") if added else prompt, id=key)

    def on_mount(self) -> None:
        listing = self.query_one("#bank-list", OptionList)
        listing.focus()
        listing.action_first()

    @on(OptionList.OptionSelected, "#bank-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = self._choices.get(event.option.id or "")
        if chosen is not None:
            self.dismiss(chosen)


SHEET_HEADINGS = ("Aims", "Notes", "Questions")


def styled_sheet(text: str) -> Content:
    """The service's plain cheat sheet with its headings in bold and the stars in colour, the words as they are.

    Only lines that start at the margin are coach's own (the title, the time, headings, readiness); the
    person's words are indented under them."""
    lines: list[Content] = []
    for number, line in enumerate(clean_text(text, multiline=True).rstrip("\n").split("\n")):
        content = Content(line)
        if number == 0:
            content = content.stylize("bold $accent")
        elif line.startswith(SHEET_HEADINGS):
            content = content.stylize("bold")
        elif line.startswith("Leave knowing:"):
            content = content.stylize("bold", 0, len("Leave knowing:"))
        elif line.startswith("  ★ "):
            content = content.stylize("bold $warning", 2, 3)
        lines.append(content)
    return Content("\n").join(lines)


class CheatSheetScreen(Screen[None]):
    """Goals, starred questions and the key notes on one page, to glance at before going in."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", tooltip="Back (nothing to save here)"),
    ]

    def __init__(self, interviews: InterviewService, interview_id: int, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._interviews = interviews
        self._interview_id = interview_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="cheat-scroll"):
            yield Static("", id="cheat-text")
        yield Static("Esc closes · print it with: coach prep " + str(self._interview_id), id="cheat-hint", markup=False)

    def on_mount(self) -> None:
        try:
            sheet = self._interviews.cheat_sheet(self._interview_id)
            text = render_cheat_sheet(sheet, "text")
        except CoachError as error:
            text = str(error)
        self.query_one("#cheat-text", Static).update(styled_sheet(text))
        self.query_one("#cheat-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["BankDialog", "CheatSheetScreen", "PrepScreen", "QuestionList"]
