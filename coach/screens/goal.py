"""Goal: one small target, how today (or this week) is going against it, and a forgiving look back.

Progress is never typed here: it comes from the outreach log (F6). The screen sets the goal (a preset
from the method or your own numbers), keeps the goals it replaced in view, and holds the
when-and-where plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, ProgressBar, RadioButton, RadioSet, Sparkline, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError, ConflictError, ValidationError
from coach.models import Goal, GoalUnit, Period
from coach.screens.base import SectionScreen
from coach.screens.dialogs import ChoiceDialog, ReadDialog, use_mine
from coach.services.goals import (
    GoalChange,
    GoalDateError,
    GoalService,
    GoalSpec,
    check_target,
    describe,
    describe_days,
    nudge_for,
    parse_days,
    parse_plan_time,
    presets,
    rule_for_days,
)
from coach.widgets.date_input import DateInput
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

WEEKS = 8
"""Weeks in the sparkline."""

UNITS = (GoalUnit.PEOPLE, GoalUnit.MESSAGES, GoalUnit.CONVERSATIONS)
PERIODS = (Period.DAY, Period.WEEK)

EMPTY_TEXT = (
    "No goal yet. Pick one small enough to do even on a bad day.\n\n"
    "Press g and choose: 2 people a day, 5 messages at a time, 3 conversations a week, "
    "or your own numbers. Progress then fills in by itself from what you log under F6."
)
IDLE_HINT = "g: a new goal (the old one is kept). p: when and where. F1: every key."
_MY_OWN = "My own numbers…"
PRESET_WORDS = {preset.key: preset.words for preset in presets()}
"""Each preset in a few words, to fit beside its name in the list (the Weekly Review reads it too)."""
PLAN_NOW = "Now is your planned time. One message is enough to start."
FORM_HINT = "Tab: next · Space: pick · Esc: cancel\nCtrl+S saves from any field, Enter from a text box"
"""Enter on "What counts" or "Each" picks the option under the cursor, so Ctrl+S is the key that saves from anywhere."""
FORM_FIELDS = ("target", "unit", "period", "days", "start", "end")
"""The goal form's fields, by the names a failed save points at."""


def forgiving(period: Period) -> str:
    """How the strength treats a miss, in the goal's own period."""
    return f"A missed {period.value} lowers it a little; nothing resets it."


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _not_saved(error: CoachError) -> str:
    return f"Not saved, what you typed is kept. {error}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def days_code(rrule: str) -> str:
    """The days field's text for a goal's rule: "MO,TU,WE,TH,FR", "" for every day (what parse_days reads back)."""
    rule = rrule.replace(" ", "").upper()
    prefix = "FREQ=WEEKLY;BYDAY="
    return rule[len(prefix) :] if rule.startswith(prefix) else ""


def days_words(codes: str) -> str:
    """BYDAY codes as the days field shows them: "weekdays", "every day", "mon wed fri"."""
    if not codes:
        return "every day"
    if codes == "MO,TU,WE,TH,FR":
        return "weekdays"
    if codes == "SA,SU":
        return "weekends"
    return " ".join(code.lower() for code in codes.split(","))


@dataclass(frozen=True)
class GoalDraft:
    """What the goal form holds: the words as typed (to put back after a failed save) and what they mean."""

    target_text: str
    unit: GoalUnit
    period: Period
    days_text: str
    start_text: str
    end_text: str
    target: int = 0
    days: str = ""
    start: date | None = None
    end: date | None = None

    @property
    def spec(self) -> GoalSpec:
        return GoalSpec(self.target, self.unit, self.period, rule_for_days(self.days))


@dataclass(frozen=True)
class PlanDraft:
    """The plan form's three fields, as typed."""

    plan: str
    time: str
    days: str


def _compact(*widgets: Input) -> None:
    for widget in widgets:
        widget.compact = True


class GoalDialog(ModalScreen[GoalDraft | None]):
    """Your own goal: a number, what counts, per day or week, which days, a start and an optional end.

    Returns what was typed, checked, or None on Esc. It saves nothing; `error` is shown when the
    screen reopens it after a save that failed, with the words kept and the cursor in `focus` (one of
    FORM_FIELDS), the field the error is about."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
    ]

    def __init__(
        self, draft: GoalDraft, *, now: Callable[[], datetime], error: str = "", focus: str = "target"
    ) -> None:
        super().__init__()
        self._draft = draft
        self._now = now
        self._error = error
        self._focus = focus if focus in FORM_FIELDS else "target"
        self._shown_for: tuple[str, Period] | None = None
        """The number and period the message under the form was written for."""

    def compose(self) -> ComposeResult:
        draft = self._draft
        with Vertical(id="goal-form", classes="dialog"):
            yield Static("Your own goal", classes="dialog-title", markup=False)
            with Horizontal(classes="goal-form-row"):
                yield Static("How many", classes="goal-form-label", markup=False)
                yield TextInput(draft.target_text, placeholder="2", id="goal-form-target")
            with Horizontal(classes="goal-form-row"):
                yield Static("What counts", classes="goal-form-label", markup=False)
                with RadioSet(id="goal-form-unit", compact=True):
                    for unit in UNITS:
                        yield RadioButton(unit.value, value=unit is draft.unit)
            with Horizontal(classes="goal-form-row"):
                yield Static("Each", classes="goal-form-label", markup=False)
                with RadioSet(id="goal-form-period", compact=True):
                    for period in PERIODS:
                        yield RadioButton(period.value, value=period is draft.period)
            with Horizontal(classes="goal-form-row"):
                yield Static("Which days", classes="goal-form-label", markup=False)
                yield TextInput(draft.days_text, placeholder="every day, weekdays, or mon wed fri", id="goal-form-days")
            with Horizontal(classes="goal-form-row -date"):
                yield Static("Starts", classes="goal-form-label", markup=False)
                yield DateInput(
                    draft.start_text,
                    now=self._now,
                    placeholder="today",
                    past=True,
                    still_to_come="A goal starts today or on a day already past.",
                    id="goal-form-start",
                )
            with Horizontal(classes="goal-form-row -date"):
                yield Static("Ends", classes="goal-form-label", markup=False)
                yield DateInput(draft.end_text, now=self._now, placeholder="optional", id="goal-form-end")
            yield Static("", id="goal-form-message")
            with Horizontal(id="goal-form-foot"):
                yield Static(FORM_HINT, classes="dialog-hint", markup=False)
                yield Button("Save", id="goal-form-save", variant="primary", compact=True)

    def on_mount(self) -> None:
        _compact(*self.query(Input).results(Input))
        self._shown_for = self._nudge_key()
        if self._error:
            self._say(self._error, error=True)
            self._focus_field(self._focus)
        else:
            self._show_nudge()
            self.query_one("#goal-form-target", Input).focus()

    def _field(self, name: str) -> Widget:
        if name in ("start", "end"):
            return self.query_one(f"#goal-form-{name} .date-text", Input)
        return self.query_one(f"#goal-form-{name}")

    def _focus_field(self, name: str) -> None:
        """The cursor to the field a message is about, its text kept whole: not selected, so the next key
        can't type over it."""
        field = self._field(name)
        if field.has_focus:
            return
        if isinstance(field, Input):
            field.select_on_focus = False
            field.cursor_position = len(field.value)
        field.focus()

    def _nudge_key(self) -> tuple[str, Period]:
        return (self.query_one("#goal-form-target", Input).value, self._period())

    def _say(self, text: str, *, error: bool = False, nudge: bool = False) -> None:
        message = self.query_one("#goal-form-message", Static)
        message.update(user_content(text))
        message.set_class(error, "-error")
        message.set_class(nudge, "-nudge")

    def _unit(self) -> GoalUnit:
        index = self.query_one("#goal-form-unit", RadioSet).pressed_index
        return UNITS[index] if index >= 0 else GoalUnit.PEOPLE

    def _period(self) -> Period:
        index = self.query_one("#goal-form-period", RadioSet).pressed_index
        return PERIODS[index] if index >= 0 else Period.DAY

    @on(Input.Changed, "#goal-form-target")
    @on(RadioSet.Changed, "#goal-form-period")
    def _show_nudge(self) -> None:
        """A goal that isn't small gets a gentle word as it is typed; it can still be saved."""
        key = self._nudge_key()
        if self._error and key == self._shown_for:
            return  # the words of a failed save stay until something is changed
        self._shown_for = key
        text = key[0].strip()
        nudge = nudge_for(int(text), self._period()) if text.isdecimal() and len(text) < 5 else None
        self._say(nudge or "", nudge=nudge is not None)

    def action_save(self) -> None:
        self._save()

    @on(Input.Submitted)
    @on(Button.Pressed, "#goal-form-save")
    def _save(self) -> None:
        target_text = self.query_one("#goal-form-target", Input).value
        days_text = self.query_one("#goal-form-days", Input).value
        start_input = self.query_one("#goal-form-start", DateInput)
        end_input = self.query_one("#goal-form-end", DateInput)
        field = "target"  # the field being checked: where the cursor goes if it is wrong
        try:
            number = target_text.strip()
            if not number.isdecimal():
                raise ValidationError("How many: type a whole number, like 2.")
            target = check_target(int(number)) if len(number) < 5 else check_target(1000)
            field = "days"
            days = parse_days(days_text)
            field = "start"
            if start_input.text.strip() and start_input.when is None:
                raise ValidationError(f"Starts: {start_input.error}")
            field = "end"
            if end_input.text.strip() and end_input.when is None:
                raise ValidationError(f"Ends: {end_input.error}")
        except ValidationError as error:
            self._say(str(error), error=True)
            self._focus_field(field)
            return
        self.dismiss(
            GoalDraft(
                target_text,
                self._unit(),
                self._period(),
                days_text,
                start_input.text,
                end_input.text,
                target=target,
                days=days,
                start=start_input.when.day if start_input.when else None,
                end=end_input.when.day if end_input.when else None,
            )
        )


class PlanDialog(ModalScreen[PlanDraft | None]):
    """When and where: the plan in your words, a time of day and the days. Returns what was typed, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
    ]

    def __init__(self, draft: PlanDraft, *, error: str = "") -> None:
        super().__init__()
        self._draft = draft
        self._error = error
        self._error_for: tuple[str, ...] | None = None
        """The fields' words when the error line was written (None: no error showing)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="goal-plan-form", classes="dialog"):
            yield Static("When and where", classes="dialog-title", markup=False)
            yield Static(
                "A set time and place makes starting much easier than waiting to feel ready.",
                classes="goal-form-about",
                markup=False,
            )
            with Horizontal(classes="goal-form-row"):
                yield Static("Plan", classes="goal-form-label", markup=False)
                yield TextInput(
                    self._draft.plan, placeholder="weekday mornings, kitchen table, before e-mail", id="goal-plan-text"
                )
            with Horizontal(classes="goal-form-row"):
                yield Static("Time of day", classes="goal-form-label", markup=False)
                yield TextInput(self._draft.time, placeholder="8:00 (optional)", id="goal-plan-time")
            with Horizontal(classes="goal-form-row"):
                yield Static("Days", classes="goal-form-label", markup=False)
                yield TextInput(self._draft.days, placeholder="mon wed fri (empty: the goal's)", id="goal-plan-days")
            yield Static("", id="goal-plan-message")
            yield Static("Tab: next field · Enter or Ctrl+S saves · Esc cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        _compact(*self.query(Input).results(Input))
        if self._error:
            self._say(self._error)
        self.query_one("#goal-plan-text", Input).focus()

    def _typed(self) -> tuple[str, ...]:
        return tuple(field.value for field in self.query(Input).results(Input))

    def _say(self, text: str) -> None:
        message = self.query_one("#goal-plan-message", Static)
        message.update(user_content(text))
        message.add_class("-error")
        self._error_for = self._typed()

    @on(Input.Changed)
    def _clear_a_stale_error(self) -> None:
        """The error was about the words as they were: once they change, it goes (until the next Enter)."""
        if self._error_for is not None and self._error_for != self._typed():
            self._error_for = None
            message = self.query_one("#goal-plan-message", Static)
            message.update("")
            message.remove_class("-error")

    @on(TextInput.LinesPasted)
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    def action_save(self) -> None:
        self._save()

    @on(Input.Submitted)
    def _save(self) -> None:
        draft = PlanDraft(
            self.query_one("#goal-plan-text", Input).value,
            self.query_one("#goal-plan-time", Input).value,
            self.query_one("#goal-plan-days", Input).value,
        )
        try:
            parse_plan_time(draft.time)
            parse_days(draft.days)
        except ValidationError as error:
            self._say(str(error))
            return
        self.dismiss(draft)


class GoalScreen(SectionScreen):
    """The goal in words, today's progress bar, the strength beside the plain count, the last weeks,
    the plan, and the goals it replaced."""

    BINDINGS = [
        Binding("g", "set_goal", "New goal", tooltip="Pick one of the method's goals or set your own numbers"),
        Binding("p", "edit_plan", "Plan", tooltip="When and where you'll work on it"),
        Binding("h", "focus_history", "Earlier goals", tooltip="The goals this one replaced"),
    ]

    def __init__(self, goals: GoalService, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._goals = goals
        self._drawn: tuple[int, date, bool, tuple[Goal, ...]] | None = None
        """(data version, day, planned time now, goals) on screen; resuming with nothing changed redraws nothing."""
        self._texts: dict[str, str] = {}
        """What each Static shows now."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with Vertical(id="goal-body"):
            yield Static("", id="goal-title", markup=False)
            yield Static("", id="goal-detail", markup=False)
            yield Static("", id="goal-nudge", markup=False)
            with Vertical(id="goal-progress-box"):
                with Horizontal(id="goal-today"):
                    yield Static("", id="goal-count", markup=False)
                    yield ProgressBar(total=1, show_eta=False, id="goal-bar")
                yield Static("", id="goal-strength", markup=False)
                with Horizontal(id="goal-weeks-row"):
                    yield Static(f"Last {WEEKS} weeks", id="goal-weeks-label", markup=False)
                    yield Sparkline([], id="goal-weeks")
                    yield Static("", id="goal-weeks-text", markup=False)
            with Vertical(id="goal-plan-box"):
                yield Static("", id="goal-plan", markup=False)
                yield Static("", id="goal-plan-now", markup=False)
            with Vertical(id="goal-history-box"):
                yield OptionList(id="goal-history")
                yield Static("None yet: when you change the goal, the old one stays here.", id="goal-history-empty")
        yield Static(IDLE_HINT, id="goal-hint", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        self.query_one("#goal-progress-box").border_title = "Progress, from your outreach log"
        self.query_one("#goal-plan-box").border_title = "When and where"
        self.query_one("#goal-history-box").border_title = "Earlier goals"
        # "Now is your planned time" starts and stops with the clock, not with a save.
        self.set_interval(30, self._check_plan_time)

    def _check_plan_time(self) -> None:
        if self.is_current:
            self.safe_refresh()

    # drawing

    def refresh_data(self) -> None:
        # The goals themselves are in the key (a handful of records, compared field by field): two
        # saves within one tick of the clock leave the same `updated` time, and the version with it.
        key = (self._goals.version, self._goals.today(), self._goals.plan_now(), tuple(self._goals.goals()))
        if key == self._drawn:
            return
        if self._drawn is not None and key[3] != self._drawn[3]:
            # The goals changed (here, or from elsewhere): what the line under the screen said may be out of
            # date. A save made here says its own words right after this redraw.
            self._say(IDLE_HINT)
        self._drawn = key
        self._draw(key[2])

    def _set_text(self, selector: str, text: str | Content) -> None:
        """Update a Static only when its words change: each update lays the screen out again."""
        plain = text.plain if isinstance(text, Content) else text
        if self._texts.get(selector) != plain:
            self._texts[selector] = plain
            self.query_one(selector, Static).update(text)

    def _draw(self, plan_now: bool) -> None:
        goal = self._goals.current()
        for box in ("#goal-progress-box", "#goal-plan-box", "#goal-detail", "#goal-history-box"):
            self.query_one(box).display = goal is not None
        self._draw_history(goal)
        if goal is None:
            self._set_text("#goal-title", EMPTY_TEXT)
            self.query_one("#goal-title").add_class("-empty")
            self.query_one("#goal-nudge").display = False
            return
        self.query_one("#goal-title").remove_class("-empty")
        self._set_text("#goal-title", self._goal_words(goal))
        self._set_text("#goal-detail", self._goal_dates(goal))
        nudge = nudge_for(goal.target, goal.period)
        self.query_one("#goal-nudge").display = nudge is not None
        self._set_text("#goal-nudge", nudge or "")
        self._draw_progress()
        self._draw_plan(goal, plan_now)

    @staticmethod
    def _goal_words(goal: Goal) -> Content:
        words = Content(f"Your goal: {describe(goal)}")
        if goal.title:
            words = Content.assemble(words, "  ", user_content(goal.title, limit=60, style="$text-muted"))
        return words

    def _goal_dates(self, goal: Goal) -> str:
        start = goal.start or goal.created.date()
        text = f"Since {_day(start)}"
        if goal.end is not None:
            today = self._goals.today()
            if goal.end < today:
                return f"{text}. It ended on {_day(goal.end)}: press g to set the next one."
            text += f", until {_day(goal.end)}"
        if goal.period is Period.WEEK:  # a week goal counts the whole week, whichever days its rule names
            return f"{text}. Counting {goal.unit.label} each week, Mon-Sun."
        return f"{text}. Counting {goal.unit.label}, {describe_days(goal.rrule)}."

    def _draw_progress(self) -> None:
        progress = self._goals.progress()
        strength = self._goals.strength()
        if progress is None or strength is None:
            return
        count = f"{progress.done} of {progress.target} {progress.unit.noun(progress.target)} {progress.label}"
        self._set_text("#goal-count", count)
        bar = self.query_one("#goal-bar", ProgressBar)
        bar.update(total=progress.target, progress=min(progress.done, progress.target))
        noun = "day" if strength.period is Period.DAY else "week"
        if strength.judged:
            met = f"met on {strength.met} of {_plural(strength.judged, noun)}"
            words = f"Strength {strength.percent} %, {met}. {forgiving(strength.period)}"
        else:
            words = "Strength grows as you meet it; a miss only lowers it a little."
        if not progress.applies:
            words = f"A {progress.period.value} off: {progress.label} doesn't count for this goal. {words}"
        self._set_text("#goal-strength", words)
        weeks = self._goals.weeks(WEEKS)
        self.query_one("#goal-weeks", Sparkline).data = [float(week.done) for week in weeks]
        counts = " ".join(str(week.done) for week in weeks)
        self._set_text("#goal-weeks-text", f"{counts}  (this week last)")

    def _draw_plan(self, goal: Goal, plan_now: bool) -> None:
        plan = self._goals.plan_text()
        if plan:
            self._set_text("#goal-plan", user_content(plan, limit=300))
            self.query_one("#goal-plan").remove_class("-empty")
        else:
            self._set_text("#goal-plan", "No plan yet. Press p: when and where will you do it?")
            self.query_one("#goal-plan").add_class("-empty")
        now = self.query_one("#goal-plan-now", Static)
        now.display = plan_now
        progress = self._goals.progress()
        words = PLAN_NOW
        if progress is not None and progress.met:  # no urging to start what is already done
            words = f"Now is your planned time, and the goal is met {progress.label}. Well done."
        self._set_text("#goal-plan-now", words)

    def _draw_history(self, goal: Goal | None) -> None:
        earlier = [old for old in self._goals.goals() if goal is None or old.id != goal.id]
        history = self.query_one("#goal-history", OptionList)
        history.set_options([Option(self._history_line(old), id=f"goal-{old.id}") for old in earlier])
        history.display = bool(earlier)
        self.query_one("#goal-history-empty").display = not earlier

    @staticmethod
    def _history_line(goal: Goal) -> Content:
        start = goal.start or goal.created.date()
        if goal.end is None:
            when = f"from {_day(start)}"
        elif goal.end < start:
            when = f"set on {_day(start)}, changed the same day"
        else:
            when = f"{_day(start)} to {_day(goal.end)}"
        parts = [Content(describe(goal)), Content(f"  ·  {when}").stylize("$text-muted")]
        if goal.plan:
            parts.append(Content("  ·  ").stylize("$text-muted"))
            parts.append(user_content(goal.plan, limit=60, style="$text-muted"))
        return Content.assemble(*parts)

    @on(OptionList.OptionSelected, "#goal-history")
    def read_earlier_goal(self, event: OptionList.OptionSelected) -> None:
        """An earlier goal in full: its words, its days and its whole plan."""
        goal = next((old for old in self._goals.goals() if f"goal-{old.id}" == event.option.id), None)
        if goal is None:
            return
        parts = [f"{describe(goal)}, {self._history_line(goal).plain.split('  ·  ')[1]}."]
        if goal.title:
            parts.append(f"Named “{goal.title}”.")
        if goal.plan:
            parts.append(f"Plan: {goal.plan}")
        self.app.push_screen(ReadDialog("  ".join(parts), "An earlier goal"))

    def _say(self, message: str, *, error: bool = False) -> None:
        hint = self.query_one("#goal-hint", Static)
        hint.update(user_content(message))
        hint.set_class(error, "-error")

    # keys

    def action_focus_history(self) -> None:
        history = self.query_one("#goal-history", OptionList)
        if history.display:
            history.focus()
            if history.highlighted is None:
                history.highlighted = 0
        else:
            self._say("No earlier goals yet: when you change the goal, the old one stays there.")

    @work(group="goal-edit", exclusive=True)
    async def action_set_goal(self) -> None:
        presets = self._goals.presets()
        labels = [f"{preset.label}: {preset.words}" for preset in presets]
        explanation = "Small goals are the ones that get done. Pick one, or set your own numbers."
        if self._goals.current() is not None:
            explanation += " The goal you have now stays under Earlier goals."
        index = await self.app.push_screen_wait(
            ChoiceDialog("A new goal", [*labels, _MY_OWN], 0, explanation=explanation)
        )
        if index is None:
            return
        if index < len(presets):
            preset = presets[index]
            self._save_goal(lambda: self._goals.set_goal(preset.spec), f"Your goal is now {preset.label}.")
            return
        await self._own_goal()

    async def _own_goal(self) -> None:
        goal = self._goals.current()
        draft = GoalDraft(
            str(goal.target) if goal else "2",
            goal.unit if goal else GoalUnit.PEOPLE,
            goal.period if goal else Period.DAY,
            days_words(days_code(goal.rrule)) if goal else "weekdays",
            "today",
            "",
        )
        failed: CoachError | None = None
        while True:
            # After a failed save: the form again, as typed, with the cursor in the field the error is about.
            error = _not_saved(failed) if failed is not None else ""
            field = failed.field if isinstance(failed, GoalDateError) else "target"
            typed = await self.app.push_screen_wait(GoalDialog(draft, now=self._goals.now, error=error, focus=field))
            if typed is None:
                self._say("Nothing changed: the goal is as it was.")
                return
            spec = typed.spec
            failed = self._save_goal(
                partial(self._goals.set_goal, spec, start=typed.start, end=typed.end),
                f"Your goal is now {describe(spec)}.",
            )
            if failed is None:
                return
            draft = typed

    def _save_goal(self, save: Callable[[], GoalChange], done: str) -> CoachError | None:
        """Run a save; None when it worked, else what went wrong (said under the screen too)."""
        try:
            change = save()
        except CoachError as error:
            self._say(_not_saved(error), error=True)
            return error
        self.safe_refresh()
        if change.nudge:
            self._say(f"{done} Saved as it is; the note above is only a suggestion.")
        elif change.replaced is not None:
            self._say(f"{done} The old one is kept under Earlier goals.")
        else:
            self._say(f"{done} Progress fills in as you log outreach (F6).")
        return None

    @work(group="goal-edit", exclusive=True)
    async def action_edit_plan(self) -> None:
        seen = self._goals.current()
        if seen is None:
            self._say("Set a goal first (g); the plan says when and where you'll work on it.", error=True)
            return
        draft = PlanDraft(seen.plan, seen.plan_time, days_words(seen.plan_days) if seen.plan_days else "")
        typed = await self.app.push_screen_wait(PlanDialog(draft))
        while typed is not None:
            try:
                self._goals.set_plan(typed.plan, typed.time, typed.days, seen=seen)
            except ConflictError as clash:
                current = clash.current if isinstance(clash.current, Goal) else None
                if current is None or not await self._use_mine(current):
                    self.safe_refresh()
                    self._say("Kept the plan saved elsewhere; yours wasn't saved.")
                    return
                seen = current  # and save again, over what is there now
                continue
            except CoachError as error:
                # Nothing saved: the dialog opens again with the words as they were typed.
                typed = await self.app.push_screen_wait(
                    PlanDialog(typed, error=f"Not saved, what you typed is kept. {error}")
                )
                continue
            self.safe_refresh()
            self._say("Plan saved. It shows here and on Home.")
            return
        self._say("The plan is as it was.")

    async def _use_mine(self, current: Goal) -> bool:
        theirs = current.plan or "no plan"
        return await use_mine(
            self.app,
            f"While this was open, the plan was changed elsewhere to “{user_plain(theirs, limit=200)}”."
            " Which one should stay?",
            title="The plan changed elsewhere",
            theirs="Keep the plan saved elsewhere",
        )
