"""Fear Monger: write the worries down as they come, see how many there are, and later what became of them."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Digits, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError, ConflictError, ValidationError
from coach.models import Outcome, Thought
from coach.screens.base import SectionScreen
from coach.screens.dialogs import ChoiceDialog, PromptDialog, ReadDialog
from coach.screens.dialogs import use_mine as ask_use_mine
from coach.services.fears import CountSummary, FearService, RealityCheck, parse_likelihood
from coach.text import clean_text
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

LIST_LIMIT = 160
"""Characters of a thought shown in the list; the edit dialog holds the whole text."""

PAGE = 50
"""Thoughts drawn in the list at a time; "show more" at the end adds the next page. Drawing is per
option (each is wrapped to measure it, again whenever a thought is added on top), so a page keeps
every key fast with 10,000 thoughts; 50 is several screens of them."""

MORE_ID = "fear-more"

MATCH_SLICE = 600
"""Thoughts indexed for recurring-thought matching per idle slice (about 15 ms on a slow machine)."""

IDLE_HINT = "Enter saves it. Tab or ↓ goes to the list; F1 shows every key."

OUTCOME_CHOICES: tuple[tuple[str, Outcome], ...] = (
    ("It came true", Outcome.CAME_TRUE),
    ("Partly", Outcome.PARTLY),
    ("It didn't happen", Outcome.DID_NOT_HAPPEN),
    ("Not tested yet", Outcome.UNTESTED),
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def count_label(summary: CountSummary) -> str:
    """Beside the big number: what it counts, and how often they came by in all when that differs."""
    if summary.total == 1:
        label = "thought on your list"
    elif summary.times > summary.total:
        label = "different thoughts on your list"
    else:
        label = "thoughts on your list"
    if summary.times > summary.total:
        label += f", written down {summary.times} times in all"
    return label


def week_line(summary: CountSummary) -> str:
    """This week against last week, said plainly: how many times, and how many different thoughts."""
    if summary.total == 0:
        return "Nothing written down yet."

    def week(times: int, thoughts: int) -> str:
        if times == 0:
            return "nothing"
        if times == thoughts:
            return _plural(thoughts, "thought")
        return f"{_times(times)}, {_plural(thoughts, 'different thought')}"

    this = f"This week: {week(summary.this_week, summary.this_week_thoughts)}"
    if summary.last_week == 0 and summary.total_last_week == 0:
        return f"{this}. Last week there was nothing yet."
    return f"{this}. Last week: {week(summary.last_week, summary.last_week_thoughts)}."


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
        if check.evidence and check.evidence.startswith("You expected"):
            lines.append(check.evidence)
    return lines


class CaptureInput(TextInput):
    """The capture line: keeps every character typed or pasted (coach's text rule), and its size never
    depends on what is typed in it."""

    def _watch_value(self, value: str) -> None:
        # Input's own watcher sets `virtual_size` (a reactive that asks for a layout) to the width of
        # the text on every change, so each typed character laid out the whole screen again, and
        # redrew the thought list's scrollbar in a second frame about 30 ms after the echo. The
        # field's place on screen can't change with its text: set the same size without a layout.
        # (A private Textual method: coach.textual_private names it, and its test fails if it goes.)
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)


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


FIELD_WORDS = {
    "text": "its words were",
    "outcome": "its outcome was",
    "likelihood": "how likely it feels was",
    "contact_id": "what it is about was",
    "interview_id": "what it is about was",
    "seen": "the times it came by were",
}


class FearScreen(SectionScreen):
    """Capture line, the count as a headline, the list of thoughts, and the reality check beside it."""

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
        self._texts: dict[str, str] = {}
        """What each figure's Static shows now."""
        self._asking = False
        """A question (dialog) of this screen is open or about to open: a second one waits its turn."""
        self._held: str | None = None
        """A thought sent with Enter while the question whether it came by before is open."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with Horizontal(id="fear-headline"):
            yield Digits("0", id="fear-count")
            with Vertical(id="fear-count-text"):
                yield Static("thoughts on your list", id="fear-count-label", markup=False)
                yield Static("", id="fear-week", markup=False)
        yield CaptureInput(
            placeholder="What is the fear monger saying? Type it as it sounds, then Enter",
            id="fear-input",
            classes="-unsent",  # saved on Enter: Ctrl+Q asks before leaving words typed here
        )
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
        yield self.footer()

    def on_mount(self) -> None:
        self.query_one("#fear-list-box").border_title = "Thoughts, newest first"
        self.query_one("#fear-input", Input).focus()
        # Ready the recurring-thought index while the person reads the screen, a slice at a time so
        # a key pressed meanwhile still answers at once, instead of on their first Enter.
        self._preparing = self.set_interval(0.05, self._prepare_matching)

    def _prepare_matching(self) -> None:
        done = True
        with contextlib.suppress(CoachError):  # the first Enter builds the rest, and reports what is wrong
            done = self._fears.prepare_matching(limit=MATCH_SLICE)
        if done:
            self._preparing.stop()

    # drawing

    def refresh_data(self) -> None:
        if self._drawn_version == self._fears.version and self._drawn_day == self._fears.now().date():
            return
        self.redraw()

    def redraw(self) -> None:
        """Draw every figure and the list from the service, whatever changed."""
        self._draw_figures()
        self._fill_list()

    def _draw_figures(self) -> None:
        self._drawn_version = self._fears.version
        self._drawn_day = self._fears.now().date()
        summary = self._fears.summary()
        self.query_one("#fear-count", Digits).update(str(summary.total))
        self._set_text("#fear-count-label", count_label(summary))
        self._set_text("#fear-week", week_line(summary))
        self._set_text("#fear-reality-text", "\n".join(reality_lines(self._fears.reality_check())))

    def _set_text(self, selector: str, text: str) -> None:
        """Update a Static only when its words change: each update lays the screen out again."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text)

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
            entries.append(Option(self._more_label(older), id=MORE_ID))
        options.set_options(entries)
        self._show_list()
        if not self._shown:
            return
        # Stay on the same thought; if it is gone, stay at the same place in the list.
        options.highlighted = min(keep_index, len(self._shown) - 1)
        if keep is not None:
            self._highlight(keep.id)

    def _show_list(self) -> None:
        self.query_one("#fear-empty").display = not self._shown
        self.query_one("#fear-list", ThoughtList).display = bool(self._shown)

    @staticmethod
    def _more_label(older: int) -> Content:
        label = f"Show {min(PAGE, older):,} more  ({older:,} older thoughts not shown yet)"
        return Content(label).stylize("italic $text-muted")

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

    # drawing one change

    def _changed(self, before: int, thought: Thought | None, thought_id: int) -> None:
        """After a change made here (`thought` as saved, None if deleted): draw just that thought and
        the figures when nothing else changed since the screen was drawn; otherwise everything."""
        if self._drawn_version != before or self._fears.version != before + 1:
            self.safe_refresh()
            return
        try:
            self._draw_one(thought, thought_id)
            self._draw_figures()
        except CoachError:
            self.safe_refresh()

    def _draw_one(self, thought: Thought | None, thought_id: int) -> None:
        options = self.query_one("#fear-list", ThoughtList)
        index = next((i for i, shown in enumerate(self._shown) if shown.id == thought_id), None)
        now = self._fears.now()
        if thought is None:  # deleted
            if index is not None:
                keep = options.highlighted
                del self._shown[index]
                options.remove_option_at_index(index)
                if self._shown and keep is not None:
                    options.highlighted = min(keep, len(self._shown) - 1)
                self._limit -= 1
        elif index is not None:
            self._shown[index] = thought
            options.replace_option_prompt_at_index(index, self._prompt(thought, now))
        elif not self._shown or thought.created >= self._shown[0].created:
            # A new thought goes on top. The options already drawn are kept as they are (their
            # wrapped text is remembered), so only the new one is measured.
            old = list(options.options)
            self._shown.insert(0, thought)
            self._limit += 1
            new = Option(self._prompt(thought, now), id=f"thought-{thought.id}")
            options.set_options([new, None, *old] if old else [new])
            self._show_list()
        else:  # an old thought that isn't on this page: nothing on screen changes but the figures
            return
        self._show_list()

    @contextlib.contextmanager
    def _one_question(self) -> Iterator[bool]:
        """True when no other question is open: a key pressed twice before its dialog shows asks once."""
        if self._asking:
            yield False
            return
        self._asking = True
        try:
            yield True
        finally:
            self._asking = False

    # capture

    @on(Input.Submitted, "#fear-input")
    def add_fear(self, event: Input.Submitted) -> None:
        if self._asking:
            return  # the answer to the question on screen comes first
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
            self._asking = True  # before the worker starts: a second Enter now must not ask again
            self._held = text
            self._ask_recurring(text, match)

    @work(group="fear-recurring")
    async def _ask_recurring(self, text: str, match: Thought) -> None:
        try:
            await self._answer_recurring(text, match)
        finally:
            self._asking = False
            self._held = None

    def has_unsent_words(self) -> bool:
        return self._held is None and super().has_unsent_words()  # a thought held by the question is kept anyway

    def keep_unsaved_words(self) -> None:
        """Quitting while "has this come by before?" is open: the thought was sent with Enter, so it is
        kept, as a line of its own (nothing is merged without an answer)."""
        text, self._held = self._held, None
        if text is not None:
            with contextlib.suppress(CoachError):
                self._fears.add(text)

    async def _answer_recurring(self, text: str, match: Thought) -> None:
        from coach.screens.dialogs import RecurringThoughtDialog

        choice = await self.app.push_screen_wait(RecurringThoughtDialog(match.text, match.times_seen))
        if choice == "same":
            try:
                self._save(lambda: self._fears.add_again(match.id, seen=match))
            except ConflictError as clash:
                await self._same_fear_changed(clash, text, match)
        elif choice == "new":
            self._save(lambda: self._fears.add(text))
        else:
            self._say("Nothing saved yet: your words are still in the box.")
            self.query_one("#fear-input", Input).focus()

    async def _same_fear_changed(self, clash: ConflictError, text: str, match: Thought) -> None:
        """The earlier thought's words changed elsewhere while the person decided: ask again."""
        current = clash.current if isinstance(clash.current, Thought) else None
        if current is None:
            self._save_failed(clash)
            return
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                "That thought changed meanwhile",
                ["Count it as the same fear anyway", "Add mine as a new line", "Go back to my words"],
                0,
                explanation=f"While you were deciding, its words were changed elsewhere to "
                f"“{user_plain(current.text, limit=200)}”.",
            )
        )
        if choice == 0:
            self._save(lambda: self._fears.add_again(current.id, seen=current), conflicts=False)
        elif choice == 1:
            self._save(lambda: self._fears.add(text), conflicts=False)
        else:
            self._say("Nothing saved yet: your words are still in the box.")
            self.query_one("#fear-input", Input).focus()

    @on(TextInput.LinesPasted, "#fear-input")
    def offer_lines(self, event: TextInput.LinesPasted) -> None:
        """Several lines were pasted: most likely several thoughts. Ask; never drop a line."""
        if self._asking:
            self.notify("Answer the question on screen first, then paste again.", markup=False)
            return
        self._asking = True
        self._ask_lines(event.lines, event.as_one_line)

    @work(group="fear-paste")
    async def _ask_lines(self, lines: tuple[str, ...], as_one: str) -> None:
        try:
            await self._answer_lines(lines, as_one)
        finally:
            self._asking = False

    async def _answer_lines(self, lines: tuple[str, ...], as_one: str) -> None:
        capture = self.query_one("#fear-input", Input)
        preview = "\n".join(f"  {user_plain(line, limit=70)}" for line in lines[:3])
        more = f"\n  … and {len(lines) - 3} more" if len(lines) > 3 else ""
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                "Several lines pasted",
                [f"Add each line as its own thought ({len(lines)})", "Keep them all as one thought", "Cancel"],
                0,
                explanation=f"You pasted {len(lines)} lines:\n{preview}{more}",
            )
        )
        capture.focus()
        if choice == 0:
            try:
                added = self._fears.add_lines(lines)
            except CoachError as error:
                self._save_failed(error)
                return
            self.safe_refresh()
            self._say(f"Written down: {_plural(len(added), 'thought')}, one for each line.")
        elif choice == 1:
            capture.insert_text_at_cursor(as_one)
            self._say("All the lines are in the box as one thought. Enter saves it.")
        else:
            self._say("Nothing added. What you had typed is still in the box.")

    def _save(self, action: Callable[[], Thought], *, conflicts: bool = True) -> None:
        """Run a save from the capture line. On success the line empties; on failure the words stay.
        With `conflicts`, ConflictError is left to the caller to ask about."""
        capture = self.query_one("#fear-input", Input)
        before = self._fears.version
        try:
            thought = action()
        except ConflictError:
            if conflicts:
                raise
            self._save_failed(ConflictError("It changed again elsewhere; nothing was saved. Please try once more."))
            return
        except CoachError as error:
            self._save_failed(error)
            return
        capture.value = ""
        capture.focus()
        self._changed(before, thought, thought.id)
        self._highlight(thought.id)
        if thought.times_seen > 1:
            self._say(f"Counted again: this one has now come by {thought.times_seen} times.")
        else:
            self._say("Written down. Next one, or Tab to the list.")

    def _save_failed(self, error: CoachError) -> None:
        """Nothing was saved: say why under the line, keep the words in it, and leave the cursor there."""
        self._say(f"Not saved, your words are still here. {error}", error=True)
        self.notify(user_plain(str(error)), title="Not saved", severity="error", markup=False)
        self.query_one("#fear-input", Input).focus()

    # keys

    @on(OptionList.OptionSelected, "#fear-list")
    def read_thought(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE_ID:
            self._limit += PAGE
            self._drawn_version = None
            self.safe_refresh()
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
        self._say(f"Not saved. {error}", error=True)
        self.notify(user_plain(str(error)), title="Not saved", severity="error", markup=False)
        self.safe_refresh()

    async def _apply(
        self,
        seen: Thought,
        change: Callable[[Thought], Thought | None],
        done: str,
        *,
        mine: str = "",
        use_mine: str = "Use mine",
    ) -> None:
        """Save `change(seen)`. If the thought changed elsewhere meanwhile, say what changed and let
        the person keep that or use theirs; never overwrite it silently."""
        target = seen
        while True:
            before = self._fears.version
            try:
                result = change(target)
            except ConflictError as clash:
                current = clash.current if isinstance(clash.current, Thought) else None
                if current is None:
                    self._report(clash)
                    return
                if not await ask_use_mine(self.app, self._describe_clash(clash, current, mine), mine=use_mine):
                    self.safe_refresh()
                    self._say("Kept the change made elsewhere; yours wasn't saved.")
                    return
                target = current
                continue
            except CoachError as error:
                self._report(error)
                return
            self._changed(before, result, seen.id)
            self._say(done)
            return

    def _describe_clash(self, clash: ConflictError, current: Thought, mine: str) -> str:
        parts: list[str] = []
        for field in clash.changes:
            if field == "interview_id" and "contact_id" in clash.changes:
                continue
            parts.append(f"{FIELD_WORDS.get(field, field + ' was')} changed to {self._value(field, current)}")
        said = "; ".join(parts) or "it was changed"
        text = f"While this was open, {said} elsewhere."
        if mine:
            text += f" You chose {mine}."
        return text

    def _value(self, field: str, thought: Thought) -> str:
        if field == "outcome":
            return f"“{thought.outcome.label}”"
        if field == "likelihood":
            return "nothing" if thought.likelihood is None else f"{thought.likelihood}%"
        if field == "text":
            return f"“{user_plain(thought.text, limit=120)}”"
        if field in ("contact_id", "interview_id"):
            return f"“{user_plain(self._fears.about(thought), limit=60)}”"
        if field == "seen":
            return _times(thought.times_seen)
        return "something else"

    @work(group="fear-edit")
    async def action_edit_thought(self) -> None:
        with self._one_question() as mine:
            if mine:
                await self._edit_thought()

    async def _edit_thought(self) -> None:
        thought = self._highlighted()
        if thought is None:
            return
        text = await self.app.push_screen_wait(
            PromptDialog("Change the words", thought.text, check=lambda value: _require(value))
        )
        if text is not None:
            await self._apply(
                thought,
                lambda seen: self._fears.edit(seen.id, text, seen=seen),
                "Changed.",
                mine=f"“{user_plain(text, limit=120)}”",
            )

    @work(group="fear-edit")
    async def action_set_likelihood(self) -> None:
        with self._one_question() as mine:
            if mine:
                await self._set_likelihood()

    async def _set_likelihood(self) -> None:
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
            await self._apply(
                thought,
                lambda seen: self._fears.set_likelihood(seen.id, value, seen=seen),
                "Likelihood cleared." if value is None else f"Noted: feels {value}% likely.",
                mine="to clear it" if value is None else f"{value}%",
            )

    @work(group="fear-edit")
    async def action_set_outcome(self) -> None:
        with self._one_question() as mine:
            if mine:
                await self._set_outcome()

    async def _set_outcome(self) -> None:
        thought = self._highlighted()
        if thought is None:
            return
        current = next(i for i, (_label, outcome) in enumerate(OUTCOME_CHOICES) if outcome is thought.outcome)
        index = await self.app.push_screen_wait(
            ChoiceDialog("What really happened?", [label for label, _o in OUTCOME_CHOICES], current)
        )
        if index is not None:
            outcome = OUTCOME_CHOICES[index][1]
            await self._apply(
                thought,
                lambda seen: self._fears.set_outcome(seen.id, outcome, seen=seen),
                f"Noted: {outcome.label}.",
                mine=f"“{outcome.label}”",
            )

    @work(group="fear-edit")
    async def action_link_thought(self) -> None:
        with self._one_question() as mine:
            if mine:
                await self._link_thought()

    async def _link_thought(self) -> None:
        thought = self._highlighted()
        if thought is None:
            return
        try:
            choices = self._fears.link_choices()
        except CoachError as error:
            self._report(error)
            return
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
            await self._apply(
                thought,
                lambda seen: self._fears.link(seen.id, contact_id=contact_id, interview_id=interview_id, seen=seen),
                f"Linked: {user_plain(label, limit=60)}.",
                mine=f"“{user_plain(label, limit=60)}”",
            )

    @work(group="fear-edit")
    async def action_delete_thought(self) -> None:
        with self._one_question() as mine:
            if mine:
                await self._delete_thought()

    async def _delete_thought(self) -> None:
        from coach.screens.dialogs import ConfirmDialog

        thought = self._highlighted()
        if thought is None:
            return
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog("Delete this thought?", user_plain(thought.text, limit=200), yes="Delete", no="Keep")
        )
        if confirmed:

            def delete(seen: Thought) -> None:
                self._fears.delete(seen.id, seen=seen)

            await self._apply(thought, delete, "Deleted.", use_mine="Delete it anyway")
            if not self._shown:
                self.action_focus_capture()


def _require(value: str) -> None:
    if not clean_text(value).strip():
        raise ValidationError("Type the thought first: an empty line can't be saved.")
