"""The guided walkthrough before an interview: five steps, saved as it goes, resumed where it was.

The steps are numbered 1 to 5. `Interview.walk_step` holds the step to resume at (0: never started,
or finished) and `Interview.walk_draft` the text typed in that step and not saved yet, so a quit or a
crash comes back to the same step with the same words. Everything a step shows is worked out here,
from the store's clock, so the screen only draws it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.errors import NotFoundError, ValidationError
from coach.models import Career, GoalUnit, Interview, Outreach, PrepItem, Thought
from coach.services.fears import FearService
from coach.services.goals import GoalService, Progress
from coach.services.interviews import InterviewService, format_when, title_of
from coach.store import Store
from coach.text import clean_text

MAX_DRAFT = 20_000
"""The longest draft kept (the same limit as any one line of text)."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the walkthrough."""

    number: int
    """1 to 5."""
    key: str
    title: str
    """What the progress line names it."""
    intro: str
    """One line under the title, in coach's words."""


STEPS: tuple[Step, ...] = (
    Step(1, "fears", "The fears on your mind", "Whatever is nagging you about this one: put it into words."),
    Step(2, "goal", "Your goal, and where this fits", "Why this conversation matters for what you set out to do."),
    Step(3, "prep", "Your prep: what's still open", "A last look at the checklist. Tick, star or add as you go."),
    Step(4, "curious", "Be curious", "The questions that matter most, and how to carry yourself."),
    Step(5, "fun", "Have fun", "Nearly time."),
)
LAST_STEP = len(STEPS)

CURIOUS_REMINDERS: tuple[str, ...] = (
    "You're there to find out, not to impress. Ask, then listen.",
    "Aim to talk less than half the time: their answers are what you came for.",
    "When something surprises you, stay with it and ask one more thing about it.",
    "A pause is fine. Give them a moment to think before you fill it.",
)
"""Step 4's reminder: listen more than talk, stay curious."""

SEND_OFF: tuple[str, ...] = (
    "You've prepared, and that was the hard part.",
    "Most people enjoy being asked about their work. Go and hear their side of it.",
    "However it goes, you'll come back knowing more than you do now.",
)
"""Step 5's warm send-off."""


# --- what each step shows -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FearsView:
    """Step 1: this interview's fears, and what became of earlier ones."""

    linked: tuple[Thought, ...]
    """The fears linked to this interview, newest first."""
    count_text: str
    past_text: str
    """What happened to the fears tested so far ("Of 12 past worries you tested, 1 came true.")."""
    asked_text: str = ""
    """How people answered when asked ("You asked 9 people so far; 7 said yes."), or "" before any ask."""


@dataclass(frozen=True, slots=True)
class GoalView:
    """Step 2: the current goal and where this conversation fits in it."""

    goal_text: str
    """ "Your goal: 3 conversations a week" or what to do without one."""
    progress_text: str
    """ "1 of 3 conversations this week", or "" without a goal."""
    fraction: float | None
    """0-1 for a bar, None without a goal."""
    fits: tuple[str, ...]
    """Where this conversation fits, a sentence a line."""


@dataclass(frozen=True, slots=True)
class LogisticsLine:
    key: str
    label: str
    ready: bool


@dataclass(frozen=True, slots=True)
class PrepView:
    """Step 3: the prep checklist, what is still open first."""

    aims: tuple[str, ...]
    leave_knowing: str
    logistics: tuple[LogisticsLine, ...]
    """Open items first, then the ones ticked, each group in the checklist's order."""
    readiness_text: str
    """ "5 of 7 ready"."""
    questions: tuple[PrepItem, ...]
    """By rank."""
    open_text: str
    """What is still open, in a sentence."""


@dataclass(frozen=True, slots=True)
class CuriousView:
    """Step 4: the starred questions and the reminder."""

    starred: tuple[PrepItem, ...]
    other_questions: int
    """How many prepared questions are not starred."""
    reminders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FunView:
    """Step 5: the send-off and the time left."""

    send_off: tuple[str, ...]
    time_left: str
    """ "Ana Ruiz expects you in 2 h 10 min (Fri 4 Dec, 15:00)." or "It started 5 minutes ago." """


@dataclass(frozen=True, slots=True)
class WalkState:
    """Everything the walkthrough shows for one interview, and where to resume."""

    interview: Interview
    person: str
    heading: str
    """ "Coffee with Ana Ruiz · Fri 4 Dec, 15:00"."""
    step: int
    """The step to open at, 1 to 5."""
    draft: str
    """The text typed in that step and not saved yet."""
    fears: FearsView
    goal: GoalView
    prep: PrepView
    curious: CuriousView
    fun: FunView


# --- words --------------------------------------------------------------------------------------


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def span_text(delta: timedelta) -> str:
    """A stretch of time in words: "2 h 10 min", "45 min", "3 days", "1 day 4 h"."""
    minutes = max(0, round(delta.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days >= 2:
        return _plural(days, "day")
    if days == 1:
        return "1 day" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


def time_left_text(when: datetime | None, minutes: int, now: datetime, person: str) -> str:
    """How long until the meeting, or how long since it started, in a sentence."""
    if when is None:
        return "No time is set for it yet; add one in its prep so coach can count down with you."
    at = format_when(when, now)
    delta = when - now
    if abs(delta) < timedelta(minutes=1):
        return f"It's starting now ({at}). Off you go."
    if delta > timedelta(0):
        return f"{person} expects you in {span_text(delta)} ({at})."
    ago = -delta
    if ago < timedelta(minutes=max(minutes, 1)):
        return f"It started {span_text(ago)} ago ({at}). It's not too late: go, and say sorry for the wait."
    return f"It was {span_text(ago)} ago ({at}). When you're ready, note how it went."


def past_fears_text(tested: int, came_true: int, partly: int, total_other: int) -> str:
    """What became of earlier fears, kindly: "Of 12 past worries you tested, 1 came true." """
    if tested == 0:
        if total_other == 0:
            return "This is the first worry you're keeping an eye on. Afterwards you can note what really happened."
        if total_other == 1:
            return "Your other worry hasn't been tested yet. Afterwards you can note what really happened."
        return (
            f"None of your {total_other} other worries has been tested yet. "
            "After this conversation you'll know more about a few of them."
        )
    worries = "past worry" if tested == 1 else "past worries"
    text = f"Of {tested} {worries} you tested, {came_true} came true"
    if partly:
        text += f" and {partly} partly"
    text += "."
    if came_true + partly < tested:
        text += " The rest didn't happen."
    return text


# --- the service --------------------------------------------------------------------------------


class WalkthroughService:
    """The five steps before an interview: what each shows, and where the person is in them."""

    def __init__(self, store: Store, interviews: InterviewService, fears: FearService, goals: GoalService) -> None:
        self.store = store
        self.interviews = interviews
        self.fears = fears
        self.goals = goals

    # reading

    def now(self) -> datetime:
        return self.store.clock()

    def get(self, interview_id: int) -> Interview:
        """The interview; NotFoundError if it is gone."""
        return self.interviews.get(interview_id)

    def start(self, interview_id: int) -> WalkState:
        """Where to open the walkthrough (the saved step and draft, or step 1) and what every step shows."""
        interview = self.get(interview_id)
        step = interview.walk_step if 1 <= interview.walk_step <= LAST_STEP else 1
        person = self.person(interview)
        return WalkState(
            interview=interview,
            person=person,
            heading=self.heading(interview),
            step=step,
            draft=interview.walk_draft,
            fears=self.fears_view(interview_id),
            goal=self.goal_view(interview_id),
            prep=self.prep_view(interview_id),
            curious=self.curious_view(interview_id),
            fun=self.fun_view(interview_id),
        )

    def person(self, interview: Interview) -> str:
        """Who the conversation is with, or "someone"."""
        return self.interviews.name_of(interview)

    def heading(self, interview: Interview) -> str:
        """ "Coffee with Ana Ruiz · Fri 4 Dec, 15:00"."""
        text = title_of(interview.setting, self.person(interview))
        if interview.when is not None:
            text += f" · {format_when(interview.when, self.now())}"
        return text

    def fears_view(self, interview_id: int) -> FearsView:
        linked = tuple(self.fears.thoughts_about_interview(interview_id))
        if linked:
            count_text = f"{_plural(len(linked), 'fear')} written down for this conversation."
        else:
            count_text = "Nothing written down for this one yet. If something is nagging you, type it above."
        check = self.fears.reality_check()
        return FearsView(
            linked=linked,
            count_text=count_text,
            past_text=past_fears_text(check.tested, check.came_true, check.partly, check.total - len(linked)),
            asked_text=f"You asked {_plural(check.asked, 'person', 'people')} so far; {check.said_yes} said yes."
            if check.asked
            else "",
        )

    def goal_view(self, interview_id: int) -> GoalView:
        interview = self.get(interview_id)
        goal = self.goals.current()
        fits: list[str] = []
        if goal is None:
            goal_text = "You haven't set a goal yet, and that's fine: this conversation is a step all the same."
            progress_text = ""
            fraction: float | None = None
            fits.append("Afterwards, the Goal section (F4) can turn steps like this into a small habit.")
        else:
            progress = self.goals.progress()
            assert progress is not None
            goal_text = f"Your goal: {goal.target} {goal.unit.noun(goal.target)} a {goal.period.value}."
            progress_text = progress.text
            fraction = progress.fraction
            if goal.unit is GoalUnit.CONVERSATIONS:
                fits.append(self._counts_toward(interview, progress))
            else:
                fits.append(
                    "Your goal counts the reaching out. This conversation is what all that reaching out was for."
                )
        fits.extend(self._where_from(interview))
        return GoalView(goal_text=goal_text, progress_text=progress_text, fraction=fraction, fits=tuple(fits))

    def _counts_toward(self, interview: Interview, today: Progress) -> str:
        """Where a conversation fits in a goal that counts conversations: in the day or week it falls in."""
        now = self.now()
        day = interview.when.astimezone(now.tzinfo).date() if interview.when is not None else now.date()
        there = self.goals.progress(day) if day >= now.date() else None
        if there is None or there.start != today.start:
            return "Once it's held, it counts toward your goal for the day or week it falls in."
        after = there.done + 1
        if after == there.target:
            return f"This is the one that meets it: {after} of {there.target} {there.label}."
        if after > there.target:
            return f"You've met it {there.label} already; this one is a bonus."
        return f"Once it's held, it counts toward your goal: {after} of {there.target} {there.label}."

    def _where_from(self, interview: Interview) -> list[str]:
        lines: list[str] = []
        if interview.outreach_id is not None:
            try:
                ask = self.store.get(Outreach, interview.outreach_id)
            except NotFoundError:
                pass
            else:
                now = self.now()
                sent = ask.sent.astimezone(now.tzinfo) if now.tzinfo is not None else ask.sent
                lines.append(f"It began with your {ask.channel.label} on {sent:%a} {sent.day} {sent:%b}, and a yes.")
        if interview.career_id is not None:
            try:
                career = self.store.get(Career, interview.career_id)
            except NotFoundError:
                pass
            else:
                lines.append(f"It tells you more about a career you're exploring: {career.title}.")
        if interview.leave_knowing:
            lines.append(f"You want to leave knowing: {interview.leave_knowing}")
        return lines

    def prep_view(self, interview_id: int) -> PrepView:
        interview = self.get(interview_id)
        lines = [
            LogisticsLine(item.key, item.label, ticked) for item, ticked in self.interviews.logistics(interview_id)
        ]
        ordered = tuple([line for line in lines if not line.ready] + [line for line in lines if line.ready])
        readiness = self.interviews.readiness(interview)
        questions = tuple(self.interviews.questions(interview_id))
        parts: list[str] = []
        if readiness.missing:
            parts.append(", ".join(item.short or item.label for item in readiness.missing))
        if not questions:
            parts.append("no questions yet")
        elif not any(question.starred for question in questions):
            parts.append("no question starred yet")
        open_text = f"Still open: {'; '.join(parts)}." if parts else "Everything on the checklist is ready."
        return PrepView(
            aims=interview.aims,
            leave_knowing=interview.leave_knowing,
            logistics=ordered,
            readiness_text=readiness.text,
            questions=questions,
            open_text=open_text,
        )

    def curious_view(self, interview_id: int) -> CuriousView:
        starred = tuple(self.interviews.starred(interview_id))
        others = sum(1 for question in self.interviews.questions(interview_id) if not question.starred)
        return CuriousView(starred=starred, other_questions=others, reminders=CURIOUS_REMINDERS)

    def fun_view(self, interview_id: int) -> FunView:
        interview = self.get(interview_id)
        left = time_left_text(interview.when, interview.minutes, self.now(), self.person(interview))
        return FunView(send_off=SEND_OFF, time_left=left)

    # where the person is

    def go(self, interview_id: int, step: int, *, draft: str = "") -> Interview:
        """Move to `step` (1-5), with `draft` as the text typed there so far (usually none): one save."""
        return self._set(interview_id, walk_step=_check_step(step), walk_draft=_check_draft(draft))

    def save_draft(self, interview_id: int, step: int, draft: str) -> Interview:
        """Keep the text typed in `step` so far (called as the person types); nothing is written when unchanged."""
        return self._set(interview_id, walk_step=_check_step(step), walk_draft=_check_draft(draft))

    def finish(self, interview_id: int) -> Interview:
        """The walkthrough is done: mark the interview walked through; a later walk starts at step 1."""
        return self._set(interview_id, walk_step=0, walk_draft="", walked=self.now())

    def _set(self, interview_id: int, **changes: object) -> Interview:
        current = self.get(interview_id)
        if all(getattr(current, name) == value for name, value in changes.items()):
            return current
        return self.store.update(dataclasses.replace(current, **changes), base=current)  # type: ignore[arg-type]

    # changes made inside the steps

    def add_fear(self, interview_id: int, text: str) -> Thought:
        """Write a fear down, linked to this interview, and clear the step's draft."""
        thought = self.fears.add(text, interview_id=interview_id)
        self._clear_draft(interview_id)
        return thought

    def add_question(self, interview_id: int, text: str) -> PrepItem:
        """Add one of the person's own questions to the prep, and clear the step's draft."""
        item = self.interviews.add_question(interview_id, text)
        self._clear_draft(interview_id)
        return item

    def star(self, item_id: int, starred: bool) -> PrepItem:
        """Star a question (at most three) or take its star away."""
        return self.interviews.star(item_id, starred)

    def set_ready(self, interview_id: int, keys: Iterable[str]) -> Interview:
        """The logistics items ticked off, all of them."""
        return self.interviews.set_ready(interview_id, keys)

    def _clear_draft(self, interview_id: int) -> None:
        current = self.get(interview_id)
        if current.walk_draft:
            self.store.update(dataclasses.replace(current, walk_draft=""), base=current)


def _check_step(step: int) -> int:
    if isinstance(step, bool) or not isinstance(step, int) or not 1 <= step <= LAST_STEP:
        raise ValidationError(f"The walkthrough has steps 1 to {LAST_STEP}; {step!r} isn't one of them.")
    return step


def _check_draft(draft: str) -> str:
    """The draft under the text rule; undecodable bytes are left out rather than refusing a save made while typing."""
    return clean_text(draft)[:MAX_DRAFT]
