"""Fear Monger: write the worries down as they come, see how many there are, and later what became of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError, ValidationError
from coach.models import Outcome, Thought
from coach.screens.base import SectionScreen
from coach.screens.dialogs import ChoiceDialog, PromptDialog, ReadDialog
from coach.services.fears import CountSummary, FearService, RealityCheck, parse_likelihood
from coach.text import clean_text
from coach.widgets.safe import user_content, user_plain

LIST_LIMIT = 160
"""Characters of a thought shown in the list; the edit dialog holds the whole text."""

PAGE = 100
"""Thoughts drawn in the list at a time; "show more" at the end adds the next page. Drawing is per
option (each is wrapped to measure it), so a page keeps every key fast with 10,000 thoughts."""

MORE_ID = "fear-more"

IDLE_HINT = "Enter saves it. Tab or ↓ goes to the list; F1 shows every key."

OUTCOME_CHOICES: tuple[tuple[str, Outcome], ...] = (
    ("It came true", Outcome.CAME_TRUE),
    ("Partly", Outcome.PARTLY),
    ("It didn't happen", Outcome.DID_NOT_HAPPEN),
    ("Not tested yet", Outcome.UNTESTED),
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def week_line(summary: CountSummary) -> str:
    """The comparison under the count, said plainly."""
    if summary.total == 0:
        return "Nothing written down yet."
    this = f"{summary.this_week} written down this week"
    if summary.last_week == 0 and summary.total_last_week == 0:
        return f"{this}; last week there was nothing yet."
    return f"{this}, {summary.last_week} last week."


def reality_lines(check: RealityCheck) -> list[str]:
    """The reality-check panel, kindly worded, from the service's figures."""
    lines: list[str] = []
    if check.total == 0:
        lines.append("Write a worry down, reach out anyway, then come back and note what really happened.")
    elif check.tested == 0:
        lines.append(f"None of your {_plural(check.total, 'thought')} tested yet. That's fine: they wait here.")
        lines.append("After you reach out, pick one and press o to say how it went.")
    else:
        lines.append(f"Tested so far: {check.tested} of {check.total}")
        lines.append(f"  didn't happen  {check.did_not_happen:>3}")
        lines.append(f"  partly         {check.partly:>3}")
        lines.append(f"  came true      {check.came_true:>3}")
        if check.tested < 3:
            lines.append("Early days. Each one you test tells you a little more.")
        elif check.did_not_happen + check.partly > check.came_true:
            lines.append("So far, most of it went better than the worry said it would.")
        elif check.came_true:
            lines.append("Some came true, and you got through them. That counts too.")
    lines.append("")
    if check.asked == 0:
        lines.append("When you start reaching out (F6), the replies you get will show up here.")
    else:
        people = "1 person" if check.asked == 1 else f"{check.asked} people"
        lines.append(f"Meanwhile you asked {people}, and {check.said_yes} said yes.")
    return lines


class ThoughtList(OptionList):
    """The thoughts, newest first. Its keys act on the highlighted thought, so they never fire while typing."""

    BINDINGS = [
        Binding("e", "screen.edit_thought", "Edit", tooltip="Change the words of this thought"),
        Binding("l", "screen.set_likelihood", "Likely %", tooltip="How likely it feels, 0-100 %"),
        Binding("o", "screen.set_outcome", "Outcome", tooltip="What really happened"),
        Binding("a", "screen.link_thought", "About", tooltip="Link it to a person or an interview"),
        Binding("d,delete", "screen.delete_thought", "Delete", tooltip="Remove it (asks first)"),
        Binding("n,escape", "screen.focus_capture", "New", tooltip="Back to the capture line"),
    ]


class FearScreen(SectionScreen):
    """Capture line, the count as a headline, the list of thoughts, and the reality check beside it."""

    MODE = "fears"
    SECTION = "Fear Monger"
    HELP = (
        "Write down each worry that keeps you from reaching out, exactly as it sounds in your head. "
        "No need to argue with it. Later, after you've reached out, note what really happened. "
        "In the list: Enter shows the whole thought, e changes the words, l says how likely it feels, "
        "o records what happened, a links it to a person or an interview, d deletes it."
    )

    BINDINGS = [Binding("down", "focus_list", "To the list", show=False)]

    def __init__(self, fears: FearService, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._fears = fears
        self._shown: list[Thought] = []
        self._limit = PAGE
        self._drawn_version: int | None = None
        """The data version on screen; resuming with nothing changed redraws nothing."""
        self._drawn_day: date | None = None
        """The day the figures were drawn for: "this week" moves at midnight."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with Horizontal(id="fear-headline"):
            yield Digits("0", id="fear-count")
            with Vertical(id="fear-count-text"):
                yield Static("thoughts on your list", id="fear-count-label", markup=False)
                yield Static("", id="fear-week", markup=False)
        yield Input(placeholder="What is the fear monger saying? Type it as it sounds, then Enter", id="fear-input")
        yield Static(IDLE_HINT, id="fear-hint", markup=False)
        with Horizontal(id="fear-body"):
            with Vertical(id="fear-list-box"):
                yield ThoughtList(id="fear-list")
                yield Static(
                    "Nothing written down yet. Type the first worry above; there's no wrong way to put it.",
                    id="fear-empty",
                    markup=False,
                )
            with Vertical(id="fear-reality"):
                yield Static("Reality check", id="fear-reality-title", markup=False)
                yield Static("", id="fear-reality-text", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#fear-list-box").border_title = "Thoughts, newest first"
        self.query_one("#fear-input", Input).focus()

    # drawing

    def refresh_data(self) -> None:
        if self._drawn_version == self._fears.version and self._drawn_day == self._fears.now().date():
            return
        self.redraw()

    def redraw(self) -> None:
        """Draw every figure and the list from the service, whatever changed."""
        self._drawn_version = self._fears.version
        self._drawn_day = self._fears.now().date()
        summary = self._fears.summary()
        self.query_one("#fear-count", Digits).update(str(summary.total))
        self.query_one("#fear-count-label", Static).update(
            "thought on your list" if summary.total == 1 else "thoughts on your list"
        )
        self.query_one("#fear-week", Static).update(week_line(summary))
        self.query_one("#fear-reality-text", Static).update("\n".join(reality_lines(self._fears.reality_check())))
        self._fill_list()

    def _fill_list(self) -> None:
        options = self.query_one("#fear-list", ThoughtList)
        keep = self._highlighted()
        keep_index = options.highlighted or 0
        everything = self._fears.thoughts()
        self._shown = everything[: self._limit]
        now = self._fears.now()
        entries: list[Option | None] = []
        for thought in self._shown:
            if entries:
                entries.append(None)  # a divider line between thoughts; dividers take no index
            entries.append(Option(self._prompt(thought, now), id=f"thought-{thought.id}"))
        older = len(everything) - len(self._shown)
        if older:
            entries.append(None)
            label = f"Show {min(PAGE, older):,} more  ({older:,} older thoughts not shown yet)"
            entries.append(Option(Content(label).stylize("italic $text-muted"), id=MORE_ID))
        options.set_options(entries)
        self.query_one("#fear-empty").display = not self._shown
        options.display = bool(self._shown)
        if not self._shown:
            return
        # Stay on the same thought; if it is gone, stay at the same place in the list.
        options.highlighted = min(keep_index, len(self._shown) - 1)
        if keep is not None:
            self._highlight(keep.id)

    def _prompt(self, thought: Thought, now: datetime) -> Content:
        created = thought.created.astimezone(now.tzinfo)
        when = f"{created:%d %b}" if created.year == now.year else f"{created:%d %b %Y}"
        details = [when, self._fears.about(thought)]
        if thought.likelihood is not None:
            details.append(f"feels {thought.likelihood}% likely")
        details.append(thought.outcome.label)
        if thought.times_seen > 1:
            details.append(f"seen {thought.times_seen} times")
        meta = Content(" · ".join(details)).stylize("$text-muted")
        return Content.assemble(user_content(thought.text, limit=LIST_LIMIT), "\n", meta)

    def _highlighted(self) -> Thought | None:
        options = self.query_one("#fear-list", ThoughtList)
        index = options.highlighted
        if index is None or not 0 <= index < len(self._shown):
            return None
        return self._shown[index]

    def _highlight(self, thought_id: int) -> None:
        options = self.query_one("#fear-list", ThoughtList)
        for index, thought in enumerate(self._shown):
            if thought.id == thought_id:
                options.highlighted = index
                return

    def _say(self, message: str, *, error: bool = False) -> None:
        hint = self.query_one("#fear-hint", Static)
        hint.update(user_content(message))
        hint.set_class(error, "-error")

    # capture

    @on(Input.Submitted, "#fear-input")
    def add_fear(self, event: Input.Submitted) -> None:
        text = event.value
        if not clean_text(text).strip():
            self._say("Type a worry first: an empty line can't be written down.", error=True)
            return
        try:
            match = self._fears.find_similar(text)
        except CoachError as error:
            self._save_failed(error)
            return
        if match is None:
            self._save(lambda: self._fears.add(text))
        else:
            self._ask_recurring(text, match)

    @work(group="fear-recurring")
    async def _ask_recurring(self, text: str, match: Thought) -> None:
        from coach.screens.dialogs import RecurringThoughtDialog

        choice = await self.app.push_screen_wait(RecurringThoughtDialog(match.text, match.times_seen))
        if choice == "same":
            self._save(lambda: self._fears.add_again(match.id))
        elif choice == "new":
            self._save(lambda: self._fears.add(text))
        else:
            self._say("Nothing saved yet: your words are still in the box.")
            self.query_one("#fear-input", Input).focus()

    def _save(self, action: Callable[[], Thought]) -> None:
        capture = self.query_one("#fear-input", Input)
        try:
            thought = action()
        except CoachError as error:
            self._save_failed(error)
            return
        capture.value = ""
        capture.focus()
        self.refresh_data()
        self._highlight(thought.id)
        if thought.times_seen > 1:
            self._say(f"Counted again: this one has now come by {thought.times_seen} times.")
        else:
            self._say("Written down. Next one, or Tab to the list.")

    def _save_failed(self, error: CoachError) -> None:
        self._say(str(error), error=True)
        self.notify(user_plain(str(error)), title="Not saved", severity="error", markup=False)
        self.query_one("#fear-input", Input).focus()

    # keys

    @on(OptionList.OptionSelected, "#fear-list")
    def read_thought(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE_ID:
            self._limit += PAGE
            self.redraw()
            self.query_one("#fear-list", ThoughtList).highlighted = event.option_index
            return
        thought = self._highlighted()
        if thought is not None:
            self.app.push_screen(ReadDialog(thought.text, "The whole thought"))

    def action_focus_list(self) -> None:
        if self._shown:
            self.query_one("#fear-list", ThoughtList).focus()

    def action_focus_capture(self) -> None:
        self.query_one("#fear-input", Input).focus()

    def _report(self, error: CoachError) -> None:
        self.notify(user_plain(str(error)), title="Not saved", severity="error", markup=False)
        self.refresh_data()

    def _apply(self, change: Callable[[], object], done: str) -> None:
        try:
            change()
        except CoachError as error:
            self._report(error)
            return
        self.refresh_data()
        self._say(done)

    @work(group="fear-edit")
    async def action_edit_thought(self) -> None:
        thought = self._highlighted()
        if thought is None:
            return
        text = await self.app.push_screen_wait(
            PromptDialog("Change the words", thought.text, check=lambda value: _require(value))
        )
        if text is not None:
            self._apply(lambda: self._fears.edit(thought.id, text), "Changed.")

    @work(group="fear-edit")
    async def action_set_likelihood(self) -> None:
        thought = self._highlighted()
        if thought is None:
            return
        current = "" if thought.likelihood is None else str(thought.likelihood)
        typed = await self.app.push_screen_wait(
            PromptDialog(
                "How likely does it feel, 0 to 100 %?",
                current,
                placeholder="for example 70",
                hint="A gut feeling is enough. Empty clears it. Enter saves, Esc cancels.",
                check=parse_likelihood,
            )
        )
        if typed is not None:
            value = parse_likelihood(typed)
            self._apply(
                lambda: self._fears.set_likelihood(thought.id, value),
                "Likelihood cleared." if value is None else f"Noted: feels {value}% likely.",
            )

    @work(group="fear-edit")
    async def action_set_outcome(self) -> None:
        thought = self._highlighted()
        if thought is None:
            return
        current = next(i for i, (_label, outcome) in enumerate(OUTCOME_CHOICES) if outcome is thought.outcome)
        index = await self.app.push_screen_wait(
            ChoiceDialog("What really happened?", [label for label, _o in OUTCOME_CHOICES], current)
        )
        if index is not None:
            outcome = OUTCOME_CHOICES[index][1]
            self._apply(lambda: self._fears.set_outcome(thought.id, outcome), f"Noted: {outcome.label}.")

    @work(group="fear-edit")
    async def action_link_thought(self) -> None:
        thought = self._highlighted()
        if thought is None:
            return
        choices = self._fears.link_choices()
        if len(choices) == 1:
            self._say("No people or interviews yet: add someone under F5 first.")
            return
        current = next(
            (i for i, (_l, c, iv) in enumerate(choices) if (c, iv) == (thought.contact_id, thought.interview_id)),
            0,
        )
        index = await self.app.push_screen_wait(
            ChoiceDialog("What is this thought about?", [label for label, _c, _i in choices], current)
        )
        if index is not None:
            label, contact_id, interview_id = choices[index]
            self._apply(
                lambda: self._fears.link(thought.id, contact_id=contact_id, interview_id=interview_id),
                f"Linked: {user_plain(label, limit=60)}.",
            )

    @work(group="fear-edit")
    async def action_delete_thought(self) -> None:
        from coach.screens.dialogs import ConfirmDialog

        thought = self._highlighted()
        if thought is None:
            return
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog("Delete this thought?", user_plain(thought.text, limit=200), yes="Delete", no="Keep")
        )
        if confirmed:
            self._apply(lambda: self._fears.delete(thought.id), "Deleted.")
            if not self._shown:
                self.action_focus_capture()


def _require(value: str) -> None:
    if not clean_text(value).strip():
        raise ValidationError("Type the thought first: an empty line can't be saved.")
