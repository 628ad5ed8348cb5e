"""The guided walkthrough before an interview: five short steps, Next and Back, saved as it goes.

A pushed screen (not a section): others open it with
`app.push_screen(WalkthroughScreen(services.walkthrough, interview_id))`; it dismisses with None.
What is typed in a step is kept as a draft a moment after each keystroke, on every step change and
when coach quits, so a quit or a crash comes back to the same step with the same words.
"""

from __future__ import annotations

import contextlib

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, ContentSwitcher, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from coach.errors import CoachError
from coach.models import PrepItem
from coach.services.walkthrough import LAST_STEP, STEPS, WalkState, WalkthroughService
from coach.text import clean_text
from coach.widgets.footer import SteadyFooter
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

INPUTS = {1: "#walk-fear-input", 3: "#walk-question-input"}
"""The step whose field keeps a draft, and that field."""

CLOCK_TICK = 20.0
"""Seconds between redraws of step 5's time left."""

QUESTION_LIMIT = 120
"""Characters of a question shown in a list line."""


STEP_BAR = 20
GOAL_BAR = 24
"""Cells of the step's progress bar and of the goal's."""


def bar(fraction: float, width: int) -> Content:
    """A small bar, `fraction` (0-1) of it filled: drawn as text, so it costs one Static and no timer
    (Textual's ProgressBar refreshes itself every second)."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return Content.assemble(("━" * filled, "$accent"), ("━" * (width - filled), "$surface-lighten-2"))


def _question_line(item: PrepItem) -> Content:
    mark = ("★ " if item.starred else "  ", "$accent")
    return Content.assemble(mark, user_content(item.text, limit=QUESTION_LIMIT))


class QuestionList(OptionList):
    """Step 3's questions. s stars or unstars the highlighted one."""

    BINDINGS = [Binding("s", "screen.star_question", "Star", tooltip="Star it (up to three), or take the star away")]


class WalkthroughScreen(Screen[None]):
    """The walkthrough of one interview, resumed at the step (and with the words) it was left at."""

    SAVE_DELAY = 0.4
    """Seconds after the last keystroke or step change before the place and the typed text are saved
    (0: right after the frame that shows the change)."""

    HELP_TITLE = "Walk through"
    HELP_TEXT = (
        "Five short steps before you go: the fears on your mind, your goal, what's still open in your prep, "
        "your starred questions, and a send-off. PgDn and PgUp move between them (Enter on Next too). "
        "Everything is saved as you go: Esc, Ctrl+Q or even a crash comes back to the same step with your words."
    )

    BINDINGS = [
        Binding("pagedown", "next", "Next step", key_display="PgDn", priority=True, id="walk-next"),
        Binding("pageup", "back", "Back", key_display="PgUp", priority=True, id="walk-back"),
        Binding(
            "escape",
            "leave",
            "Leave",
            key_display="Esc",
            tooltip="Leave the walkthrough; it keeps your place",
            id="walk-leave",
        ),
    ]

    def __init__(self, walkthrough: WalkthroughService, interview_id: int) -> None:
        super().__init__()
        self._walk = walkthrough
        self._interview_id = interview_id
        self._step = 1
        self._drafts: dict[int, str] = {}
        """What is typed in each step's field, kept while moving between steps."""
        self._saved: tuple[int, str] | None = None
        """(step, draft) as last saved, so an unchanged draft isn't written again."""
        self._draft_timer: Timer | None = None
        self._questions: list[PrepItem] = []
        self._done = False

    # building

    def compose(self) -> ComposeResult:
        with Vertical(id="walk-top"):
            yield Static("", id="walk-heading")
            with Horizontal(id="walk-progress"):
                yield Static("", id="walk-step")
                yield Static("", id="walk-bar")
            yield Static("", id="walk-intro")
        with ContentSwitcher(initial="walk-step-1", id="walk-steps"):
            with VerticalScroll(id="walk-step-1", classes="walk-page"):
                yield TextInput(
                    placeholder="What is worrying you about this one? Enter writes it down", id="walk-fear-input"
                )
                yield Static("", id="walk-fear-hint", classes="walk-hint")
                yield Static("", id="walk-fear-count", classes="walk-lead")
                yield Static("", id="walk-fear-list")
                yield Static("", id="walk-fear-past", classes="walk-note")
            with VerticalScroll(id="walk-step-2", classes="walk-page"):
                yield Static("", id="walk-goal-text", classes="walk-lead")
                with Horizontal(id="walk-goal-row"):
                    yield Static("", id="walk-goal-bar")
                    yield Static("", id="walk-goal-progress")
                yield Static("", id="walk-goal-fits")
            with Vertical(id="walk-step-3", classes="walk-page"):
                yield TextInput(placeholder="A question of your own? Type it, Enter adds it", id="walk-question-input")
                yield Static("", id="walk-prep-hint", classes="walk-hint")
                with Horizontal(id="walk-prep-lists"):
                    yield SelectionList[str](id="walk-logistics")
                    yield QuestionList(id="walk-questions")
            with VerticalScroll(id="walk-step-4", classes="walk-page"):
                yield Static("", id="walk-starred")
                yield Static("", id="walk-reminders", classes="walk-box")
            with VerticalScroll(id="walk-step-5", classes="walk-page"):
                yield Static("", id="walk-time-left", classes="walk-lead")
                yield Static("", id="walk-send-off")
                yield Static("", id="walk-finish-hint", classes="walk-note")
        with Horizontal(id="walk-buttons"):
            yield Button("← Back", id="walk-back-button", compact=True)
            yield Button("Next →", id="walk-next-button", compact=True, variant="primary")
            yield Static("Saved as you go; Esc keeps your place", id="walk-keys", markup=False)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#walk-logistics").border_title = "Logistics"
        self.query_one("#walk-questions").border_title = "Questions · s stars"
        try:
            state = self._walk.start(self._interview_id)
        except CoachError as error:
            self.notify(user_plain(str(error)), title="Can't open the walkthrough", severity="error", markup=False)
            self._done = True
            self.call_later(self._close)
            return
        self.query_one("#walk-heading", Static).update(user_content(f"Walk through · {state.heading}"))
        self._step = state.step
        if state.draft and state.step in INPUTS:
            self._drafts[state.step] = state.draft
        self._saved = (state.step, state.draft)
        self._show(state.step, state)
        self.set_interval(CLOCK_TICK, self._clock_tick)

    def _clock_tick(self) -> None:
        """Step 5 counts down to the meeting: keep its time left current while it is on screen."""
        if self._step == LAST_STEP and not self._done:
            with contextlib.suppress(CoachError):
                self._draw_fun(None)

    def _close(self) -> None:
        self.dismiss(None)

    # drawing

    def _show(self, step: int, state: WalkState | None = None) -> None:
        """Put `step` on screen, drawn fresh from the service, with the focus where you'd type."""
        self._step = step
        info = STEPS[step - 1]
        self.query_one("#walk-step", Static).update(
            Content.assemble((f"Step {step} of {LAST_STEP}", "bold"), "  ", info.title)
        )
        self.query_one("#walk-bar", Static).update(bar(step / LAST_STEP, STEP_BAR))
        self.query_one("#walk-intro", Static).update(Content(info.intro))
        self.query_one("#walk-steps", ContentSwitcher).current = f"walk-step-{step}"
        self.query_one("#walk-back-button", Button).disabled = step == 1
        self.query_one("#walk-next-button", Button).label = "Finish ✓" if step == LAST_STEP else "Next →"
        try:
            self._draw(step, state)
        except CoachError as error:
            self.notify(user_plain(str(error)), title="Couldn't show everything", severity="error", markup=False)
        field = INPUTS.get(step)
        if field is not None:
            box = self.query_one(field, Input)
            box.value = self._drafts.get(step, "")
            box.cursor_position = len(box.value)
            box.focus()
        else:
            self.query_one("#walk-next-button", Button).focus()

    def _draw(self, step: int, state: WalkState | None) -> None:
        if step == 1:
            self._draw_fears(state)
        elif step == 2:
            self._draw_goal(state)
        elif step == 3:
            self._draw_prep(state)
        elif step == 4:
            self._draw_curious(state)
        else:
            self._draw_fun(state)

    def _draw_fears(self, state: WalkState | None) -> None:
        view = state.fears if state is not None else self._walk.fears_view(self._interview_id)
        self.query_one("#walk-fear-count", Static).update(Content(view.count_text))
        lines = [Content.assemble("• ", user_content(thought.text, limit=200)) for thought in view.linked[:8]]
        if len(view.linked) > 8:
            lines.append(Content(f"  … and {len(view.linked) - 8} more in the Fear Monger (F3)").stylize("$text-muted"))
        fear_list = self.query_one("#walk-fear-list", Static)
        fear_list.update(Content("\n").join(lines))
        fear_list.display = bool(lines)
        past = view.past_text + (f"\n{view.asked_text}" if view.asked_text else "")
        self.query_one("#walk-fear-past", Static).update(Content(past))

    def _draw_goal(self, state: WalkState | None) -> None:
        view = state.goal if state is not None else self._walk.goal_view(self._interview_id)
        self.query_one("#walk-goal-text", Static).update(Content(view.goal_text))
        row = self.query_one("#walk-goal-row")
        row.display = view.fraction is not None
        if view.fraction is not None:
            self.query_one("#walk-goal-bar", Static).update(bar(view.fraction, GOAL_BAR))
            self.query_one("#walk-goal-progress", Static).update(Content(view.progress_text))
        self.query_one("#walk-goal-fits", Static).update(
            Content("\n").join(user_content(line, limit=300) for line in view.fits)
        )

    def _draw_prep(self, state: WalkState | None, *, logistics: bool = True) -> None:
        """Step 3. The logistics list is drawn (open items first) when the step opens; ticks made
        here leave it in place, so an item never jumps away from under the cursor."""
        view = state.prep if state is not None else self._walk.prep_view(self._interview_id)
        if logistics:
            checklist = self.query_one("#walk-logistics", SelectionList)
            checklist.clear_options()
            checklist.add_options([Selection(line.label, line.key, line.ready) for line in view.logistics])
            if view.logistics:
                checklist.highlighted = 0  # Space ticks the first open item straight away
        self.query_one("#walk-logistics").border_title = f"Logistics · {view.readiness_text}"
        questions = self.query_one("#walk-questions", QuestionList)
        keep = questions.highlighted
        self._questions = list(view.questions)
        questions.set_options(
            [Option(_question_line(item), id=f"walk-question-{item.id}") for item in view.questions]
            or [Option(Content("No questions yet: type one above.").stylize("$text-muted"), disabled=True)]
        )
        if keep is not None and self._questions:
            questions.highlighted = min(keep, len(self._questions) - 1)
        self._say("#walk-prep-hint", view.open_text)

    def _draw_curious(self, state: WalkState | None) -> None:
        view = state.curious if state is not None else self._walk.curious_view(self._interview_id)
        if view.starred:
            lines = [Content("The questions that matter most to you:").stylize("bold")]
            lines += [Content.assemble(("★ ", "$accent"), user_content(item.text, limit=240)) for item in view.starred]
            if view.other_questions:
                more = "one more" if view.other_questions == 1 else f"{view.other_questions} more"
                lines.append(Content(f"…and {more} in your prep, if there's time.").stylize("$text-muted"))
        elif view.other_questions:
            lines = [
                Content("No question starred yet. Back in step 3 (PgUp), s stars the ones that matter most.").stylize(
                    "$text-muted"
                )
            ]
        else:
            lines = [
                Content("No questions prepared. Back in step 3 (PgUp) you can add a few; even one helps.").stylize(
                    "$text-muted"
                )
            ]
        self.query_one("#walk-starred", Static).update(Content("\n").join(lines))
        self.query_one("#walk-reminders", Static).update(
            Content("\n").join(Content(f"• {line}") for line in view.reminders)
        )

    def _draw_fun(self, state: WalkState | None) -> None:
        view = state.fun if state is not None else self._walk.fun_view(self._interview_id)
        self.query_one("#walk-time-left", Static).update(user_content(view.time_left))
        self.query_one("#walk-send-off", Static).update(Content("\n\n").join(Content(line) for line in view.send_off))
        self.query_one("#walk-finish-hint", Static).update(
            Content("Enter on Finish marks it walked through. Have a good conversation.")
        )

    def _say(self, selector: str, message: str, *, error: bool = False) -> None:
        hint = self.query_one(selector, Static)
        hint.update(user_content(message))
        hint.set_class(error, "-error")

    # moving

    def action_next(self) -> None:
        if self._step >= LAST_STEP:
            self.finish()
        else:
            self._move(self._step + 1)

    def action_back(self) -> None:
        if self._step > 1:
            self._move(self._step - 1)

    def _move(self, step: int) -> None:
        self._keep_typed()
        self._show(step)
        # The new place is saved a moment later, like typing: while the person reads the step, not
        # in the key's time (a save rewrites the whole file), and once for a quick run of moves.
        # Esc, quitting and leaving the screen save at once.
        self._save_soon()

    @on(Button.Pressed, "#walk-next-button")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#walk-back-button")
    def _back_pressed(self) -> None:
        self.action_back()

    def finish(self) -> None:
        """Mark the interview walked through, and leave."""
        try:
            interview = self._walk.finish(self._interview_id)
        except CoachError as error:
            self.notify(user_plain(str(error)), title="Not marked yet", severity="error", markup=False)
            return
        self._done = True
        self._cancel_timer()
        self.notify(
            user_plain(f"Walked through. Have a good conversation with {self._walk.person(interview)}."),
            title="Ready",
            markup=False,
        )
        self.dismiss(None)

    def action_leave(self) -> None:
        """Esc: save the draft and leave; the next walk opens here again."""
        self.save_draft_now()
        self._done = True
        self.dismiss(None)

    # drafts

    def _keep_typed(self) -> None:
        field = INPUTS.get(self._step)
        if field is not None:
            self._drafts[self._step] = self.query_one(field, Input).value

    @on(Input.Changed, "#walk-fear-input")
    @on(Input.Changed, "#walk-question-input")
    def _typed(self, event: Input.Changed) -> None:
        self._drafts[self._step] = event.value
        self._save_soon()

    def _save_soon(self) -> None:
        """Save the step and its draft SAVE_DELAY seconds from now, unless asked again before
        (a delay of 0: right after the next frame)."""
        self._cancel_timer()
        if self.SAVE_DELAY <= 0:
            self.call_after_refresh(self.save_draft_now)
            return
        self._draft_timer = self.set_timer(self.SAVE_DELAY, self.save_draft_now)

    def _cancel_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def save_draft_now(self, *, from_field: bool = True) -> None:
        """Save the current step and what is typed in it, if either changed since the last save.

        `from_field=False` trusts what the last keystroke left in `_drafts` (the field may be gone)."""
        self._cancel_timer()
        if self._done:
            return
        if from_field:
            self._keep_typed()
        draft = clean_text(self._drafts.get(self._step, ""))
        if self._saved == (self._step, draft):
            return
        try:
            self._walk.save_draft(self._interview_id, self._step, draft)
        except CoachError as error:
            self.notify(user_plain(str(error)), title="Draft not saved", severity="error", markup=False)
            return
        self._saved = (self._step, draft)

    def on_unmount(self) -> None:
        # Quitting coach (Ctrl+Q) takes the screen down, its fields first: keep what was last typed.
        with contextlib.suppress(CoachError):
            self.save_draft_now(from_field=False)

    @on(TextInput.LinesPasted)
    def _lines_pasted(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)
        hint = "#walk-fear-hint" if self._step == 1 else "#walk-prep-hint"
        self._say(hint, "Several lines pasted: they're in the box as one line. Enter saves them.")

    # step 1: fears

    @on(Input.Submitted, "#walk-fear-input")
    def add_fear(self, event: Input.Submitted) -> None:
        text = event.value
        if not clean_text(text).strip():
            self._say("#walk-fear-hint", "Type a worry first; if nothing's nagging you, PgDn goes on.", error=True)
            return
        try:
            self._walk.add_fear(self._interview_id, text)
        except CoachError as error:
            self._say("#walk-fear-hint", f"Not saved, your words are still here. {error}", error=True)
            return
        self._drafts[1] = ""
        self._saved = (1, "")
        self._cancel_timer()
        box = self.query_one("#walk-fear-input", Input)
        box.value = ""
        box.focus()
        self._say("#walk-fear-hint", "Written down. Another one, or PgDn when you're ready.")
        self._draw_fears(None)

    # step 3: prep

    @on(Input.Submitted, "#walk-question-input")
    def add_question(self, event: Input.Submitted) -> None:
        text = event.value
        if not clean_text(text).strip():
            self._say("#walk-prep-hint", "Type a question first, then Enter.", error=True)
            return
        try:
            item = self._walk.add_question(self._interview_id, text)
        except CoachError as error:
            self._say("#walk-prep-hint", f"Not added, your words are still here. {error}", error=True)
            return
        self._drafts[3] = ""
        self._saved = (3, "")
        self._cancel_timer()
        self.query_one("#walk-question-input", Input).value = ""
        self._draw_prep(None, logistics=False)
        self._highlight_question(item.id)
        self._say("#walk-prep-hint", "Added. Tab to the list and s stars it, if it's one that matters most.")

    @on(SelectionList.SelectionToggled, "#walk-logistics")
    def _ticked(self, event: SelectionList.SelectionToggled[str]) -> None:
        keys = list(self.query_one("#walk-logistics", SelectionList).selected)
        try:
            self._walk.set_ready(self._interview_id, keys)
        except CoachError as error:
            self._draw_prep(None)
            self._say("#walk-prep-hint", f"Not saved. {error}", error=True)
            return
        self._draw_prep(None, logistics=False)

    def action_star_question(self) -> None:
        questions = self.query_one("#walk-questions", QuestionList)
        index = questions.highlighted
        if index is None or not 0 <= index < len(self._questions):
            return
        item = self._questions[index]
        try:
            self._walk.star(item.id, not item.starred)
        except CoachError as error:
            self._say("#walk-prep-hint", str(error), error=True)
            return
        self._draw_prep(None, logistics=False)
        self._highlight_question(item.id)

    def _highlight_question(self, item_id: int) -> None:
        for index, item in enumerate(self._questions):
            if item.id == item_id:
                self.query_one("#walk-questions", QuestionList).highlighted = index
                return
