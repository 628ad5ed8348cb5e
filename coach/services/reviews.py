"""The weekly review: the week's figures beside the four before, highlights, and the guided part.

What each figure counts, in one place. A week runs from Monday 00:00 to the next Monday 00:00 in the
zone of the store's clock (a moment at Monday 00:00 belongs to the new week). Records deleted are
gone from every figure; outreach to a person who was removed still counts on the day it was sent
(as in Goal and Outreach).

* asked: outreach attempts whose send time falls in the week; people_asked: the different people
  they went to.
* yes / no / no_reply / waiting: the answers those asks have now; answered = yes + no + no reply.
  yes_rate = yes / answered (None when nothing was answered); predicted_yes_rate = the mean guess
  of the week's asks that had one, as a 0-1 fraction (None without guesses).
* conversations: interviews marked done whose time is in the week (the Ledger's count, so it
  matches the goal's).
* referrals: people added in the week with "referred by" set.
* thank_yous: reflections whose thank-you note was sent in the week.
* follow_ups_done: asks sent in the week to someone whose previous ask was still waiting then.
  follow_ups_due: the follow-ups due and not done at the end of the week (for this week: today),
  by the rules of Outreach (coach.services.outreach): one per ask, due after the business days of
  the settings or on the day chosen, cleared by an answer or by anything new logged with that person.
* fears_logged: times a thought was written down in the week (new ones, and ones that came back).
  fears_tested / fears_came_true: thoughts with an outcome, counted in the week they were tested:
  the time of the interview the thought is linked to, else the thought's last change (`updated`),
  which is when the outcome was set unless the thought was edited again later.
* average_kindness / average_fun (1-5) and they_talked_share (0-1): the mean of the complete
  reflections on interviews held in the week (None when none gave a value).
* goal_days_met / goal_days_judged: the days (or, for a weekly goal, the week) of the week the goal
  was judged on and met, by the rules of Goal (coach.services.goals); goal_strength: the goal's
  strength (0-100) at the end of that week (for this week: now), None before any goal.

Speed: the figures come from records already in memory (`store.all`, the Ledger's index), put in
time order once (a sorted list per kind of moment, searched with bisect) and patched by identity
when records change, like the Ledger; a week's figures cost a few bisects and its own records.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Generic, Literal, TypeVar

from dateutil.relativedelta import MO, relativedelta

from coach.errors import ValidationError
from coach.models import (
    Contact,
    Goal,
    Interview,
    InterviewStatus,
    Outcome,
    Outreach,
    Period,
    Record,
    Reflection,
    Response,
    Review,
    Thought,
)
from coach.services.goals import DAY_MULTIPLIER, WEEK_MULTIPLIER, GoalService, describe, nudge_for, parse_goal
from coach.services.ledger import Ledger, LedgerIndex, changed_records
from coach.services.outreach import (
    DEFAULT_FOLLOW_UP_DAYS,
    FOLLOW_UP_SETTING,
    MAX_FOLLOW_UP_DAYS,
    add_business_days,
)
from coach.store import Store
from coach.text import MAX_LINE, clean_text, is_decodable

R = TypeVar("R", bound=Record)

HISTORY_WEEKS = 4
"""How many earlier weeks each figure is shown beside."""
MOVES = 3
"""The guided part's moves: clear, current, ahead."""
WAITING_LONG = timedelta(days=14)
"""An ask with nothing logged for this long is worth a look in the first move."""
_LIST_LIMIT = 6
_SETTING_WORDS = {"coffee": "coffee", "lunch": "lunch", "call": "call", "video": "video call", "visit": "visit"}

KEYS: tuple[str, ...] = (
    "goal_days_met",
    "goal_strength",
    "people_asked",
    "asked",
    "answered",
    "yes",
    "no",
    "no_reply",
    "waiting",
    "yes_rate",
    "predicted_yes_rate",
    "conversations",
    "referrals",
    "thank_yous",
    "follow_ups_done",
    "follow_ups_due",
    "fears_logged",
    "fears_tested",
    "fears_came_true",
    "average_kindness",
    "average_fun",
    "they_talked_share",
)
"""Every figure's key, in the order the review shows them (also the JSON keys)."""

LABELS: dict[str, str] = {
    "goal_days_met": "Goal days met",
    "goal_strength": "Goal strength",
    "people_asked": "People asked",
    "asked": "Asks sent",
    "answered": "Answers",
    "yes": "Said yes",
    "no": "Said no",
    "no_reply": "No reply",
    "waiting": "Still waiting",
    "yes_rate": "Yes rate",
    "predicted_yes_rate": "Yes rate you expected",
    "conversations": "Conversations held",
    "referrals": "Referrals received",
    "thank_yous": "Thank-you notes sent",
    "follow_ups_done": "Follow-ups sent",
    "follow_ups_due": "Follow-ups still due",
    "fears_logged": "Fears written down",
    "fears_tested": "Fears tested",
    "fears_came_true": "Fears that came true",
    "average_kindness": "Kindness (1-5)",
    "average_fun": "Fun (1-5)",
    "they_talked_share": "They talked",
}

Value = int | float | None


def week_start_of(day: date) -> date:
    """The Monday of the week `day` falls in."""
    monday: date = day + relativedelta(weekday=MO(-1))
    return monday


def _next_week(monday: date) -> date:
    following: date = monday + relativedelta(weeks=1)
    return following


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of the week, beside the same figure for the four weeks before."""

    key: str
    label: str
    value: Value
    text: str
    """The value in words ("4 people", "60 % said yes", "no answers yet")."""
    history: tuple[Value, ...] = ()
    """The four previous weeks, oldest first."""


@dataclass(frozen=True, slots=True)
class Highlights:
    """What the week's reflections said."""

    learned: tuple[str, ...] = ()
    best_questions: tuple[str, ...] = ()
    surprises: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.learned or self.best_questions or self.surprises)


@dataclass(frozen=True, slots=True)
class WeekReview:
    """One week's figures, highlights, and whether there is anything to show yet."""

    week_start: date
    figures: tuple[Figure, ...]
    highlights: Highlights
    empty: bool
    """Nothing at all happened in the week (nothing sent, held, written down or reflected on)."""
    first_week: bool
    """The week is the first with any data, or comes before any."""
    history_starts: tuple[date, ...] = ()
    """The Mondays of the four previous weeks, oldest first."""
    goal_days_judged: int = 0
    """The days (or weeks) the goal was judged on in the week: `goal_days_met` of these."""
    goal_period: Period | None = None
    """What goal_days_met counts: days or weeks (None without a goal that week)."""

    @property
    def week_end(self) -> date:
        """The Sunday the week ends on."""
        return self.week_start + timedelta(days=6)

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def value(self, key: str) -> Value:
        return self.figure(key).value

    def as_json(self) -> dict[str, Any]:
        """Every figure under its stable key (README: `coach review --format json`); rates as 0-1 fractions."""
        document: dict[str, Any] = {"week_start": self.week_start.isoformat()}
        for figure in self.figures:
            document[figure.key] = _json_value(figure.value)
        document["goal_days_judged"] = self.goal_days_judged
        document["goal_period"] = self.goal_period.value if self.goal_period is not None else None
        document["empty"] = self.empty
        document["first_week"] = self.first_week
        document["highlights"] = {
            "learned": list(self.highlights.learned),
            "best_questions": list(self.highlights.best_questions),
            "surprises": list(self.highlights.surprises),
        }
        history: list[dict[str, Any]] = []
        for position, monday in enumerate(self.history_starts):
            week: dict[str, Any] = {"week_start": monday.isoformat()}
            for figure in self.figures:
                week[figure.key] = _json_value(figure.history[position]) if position < len(figure.history) else None
            history.append(week)
        document["history"] = history
        return document


def _json_value(value: Value) -> Value:
    return round(value, 4) if isinstance(value, float) else value


@dataclass(frozen=True, slots=True)
class Moves:
    """The guided part: what to tidy up, what is current, and the goal ahead."""

    unlogged: tuple[str, ...]
    """Move one: things that look unlogged (interviews still planned, reflections not written,
    asks with no answer logged for a long time)."""
    follow_ups: tuple[str, ...]
    """Move two: follow-ups due."""
    next_interviews: tuple[str, ...]
    """Move two: the next interviews planned."""
    goal_text: str
    """Move three: the goal now, in words."""
    goal_nudge: str | None
    """A gentle word when the goal isn't small; None when it is (or there is none)."""


# --- indexes -------------------------------------------------------------------------------------


class _Timeline(Generic[R]):
    """The moments of one kind of record in time order: timestamps, and the records beside them.

    Brought up to date from the store's list by identity (see `changed_records`): a save patches
    the one record in; a reload or a deletion rebuilds it. `context` is anything else the moments
    depend on (the interviews, for a fear tested at its interview): when it changes, it rebuilds.
    """

    def __init__(self, moments: Callable[[R], Iterable[datetime]]) -> None:
        self._moments = moments
        self._snapshot: list[R] | None = None
        self._context: object = None
        self.keys: list[float] = []
        self.items: list[R] = []

    def update(
        self,
        records: list[R],
        context: object = None,
        *,
        known: tuple[list[R] | None, tuple[list[R], list[R]] | None] | None = None,
    ) -> None:
        """Catch up with `records` (the store's list now). `known` is (an earlier list, what changed since
        it), when the caller compared them already: used if this timeline was last brought up to that list."""
        if self._snapshot is not None and context == self._context:
            if known is not None and known[0] is self._snapshot:
                changed = known[1]
            else:
                changed = changed_records(self._snapshot, records)
            if changed is not None:
                removed, added = changed
                for record in removed:
                    self._remove(record)
                for record in added:
                    self._add(record)
                self._snapshot = records
                return
        moments = self._moments
        with _quiet_gc():
            if moments is _thought_moments:  # the biggest table: its usual case without a call per record
                thoughts: list[Any] = records
                pairs = [(thought.created.timestamp(), thought.id, thought) for thought in thoughts]
                pairs += [(moment.timestamp(), thought.id, thought) for thought in thoughts for moment in thought.seen]
            else:
                pairs = [(moment.timestamp(), record.id, record) for record in records for moment in moments(record)]
            pairs.sort(key=operator.itemgetter(0))  # stable: equal times keep id order
            self.keys = [pair[0] for pair in pairs]
            self.items = [pair[2] for pair in pairs]
        self._snapshot = records
        self._context = context

    def _add(self, record: R) -> None:
        for moment in self._moments(record):
            stamp = moment.timestamp()
            at = bisect.bisect_right(self.keys, stamp)
            self.keys.insert(at, stamp)
            self.items.insert(at, record)

    def _remove(self, record: R) -> None:
        for moment in self._moments(record):
            stamp = moment.timestamp()
            at = bisect.bisect_left(self.keys, stamp)
            while at < len(self.keys) and self.keys[at] == stamp:
                if self.items[at] is record:
                    del self.keys[at]
                    del self.items[at]
                    break
                at += 1

    def between(self, start: float, end: float) -> list[R]:
        """The records with a moment from `start` (included) to `end` (excluded), in time order."""
        low = bisect.bisect_left(self.keys, start)
        return self.items[low : bisect.bisect_left(self.keys, end, lo=low)]

    def count(self, start: float, end: float) -> int:
        low = bisect.bisect_left(self.keys, start)
        return bisect.bisect_left(self.keys, end, lo=low) - low

    def first(self) -> float | None:
        return self.keys[0] if self.keys else None


@contextlib.contextmanager
def _quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection while an index of many small tuples is built.

    Each collection walks every object alive, and with 100,000 records in memory the collections
    that building 50,000 tuples sets off cost ten times the building itself. The index makes no cycles."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class _DueIndex:
    """When each ask's follow-up was due and not done, as day intervals, to count them at any day.

    An ask is due from its follow-up day until the day it is answered or something new is logged
    with that person (whichever comes first); a follow-up itself is never due again (Outreach's
    rules). The number due at the end of day D is the intervals started by D and not ended by D:
    two bisects. Patched per person from the Ledger's notes of who changed.
    """

    def __init__(self) -> None:
        self.version = -1
        self.key: object = None
        self.by_person: dict[int, list[tuple[int, int]]] = {}
        self.starts: list[int] = []
        self.ends: list[int] = []

    def due_at(self, day: date) -> int:
        ordinal = day.toordinal()
        return bisect.bisect_right(self.starts, ordinal) - bisect.bisect_right(self.ends, ordinal)

    def set_person(self, contact_id: int, intervals: list[tuple[int, int]]) -> None:
        for start, end in self.by_person.pop(contact_id, ()):
            del self.starts[bisect.bisect_left(self.starts, start)]
            del self.ends[bisect.bisect_left(self.ends, end)]
        if intervals:
            self.by_person[contact_id] = intervals
            for start, end in intervals:
                bisect.insort(self.starts, start)
                bisect.insort(self.ends, end)


_NEVER = date.max.toordinal() + 1


def _due_intervals(items: list[Outreach], days: int, day_of: Callable[[datetime], date]) -> list[tuple[int, int]]:
    """(first day due, first day no longer due) of each ask of one person's log (oldest first), as ordinals."""
    sent_days = [day_of(item.sent) for item in items]
    intervals: list[tuple[int, int]] = []
    last = len(items) - 1
    for position, ask in enumerate(items):
        if ask.follow_up is None and position > 0 and items[position - 1].response is Response.WAITING:
            continue  # this one is the follow-up already
        start = (ask.follow_up or add_business_days(sent_days[position], days)).toordinal()
        end = _NEVER
        if ask.response is not Response.WAITING:
            end = (day_of(ask.answered) if ask.answered is not None else sent_days[position]).toordinal()
        if position < last:
            end = min(end, sent_days[position + 1].toordinal())
        if end > start:
            intervals.append((start, end))
    return intervals


def _thought_moments(thought: Thought) -> tuple[datetime, ...]:
    return (thought.created, *thought.seen)


def _referral_moments(contact: Contact) -> tuple[datetime, ...]:
    return (contact.created,) if contact.referred_by is not None else ()


def _thanked_moments(reflection: Reflection) -> tuple[datetime, ...]:
    return (reflection.thanked,) if reflection.thanked is not None else ()


def _interview_moments(interview: Interview) -> tuple[datetime, ...]:
    return (interview.when,) if interview.when is not None else ()


def _outreach_order(outreach: Outreach) -> tuple[datetime, int]:
    return (outreach.sent, outreach.id)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def _day_text(moment: datetime | date, year: int | None = None) -> str:
    """ "Tue 17 Nov", with the year when it isn't `year` ("Mon 27 Nov 2023")."""
    text = f"{moment:%a} {moment.day} {moment:%b}"
    return text if moment.year == year else f"{text} {moment.year}"


# --- the service ---------------------------------------------------------------------------------


class ReviewService:
    """The week's figures (computed here, not by the screen), the guided part, and saved reviews."""

    def __init__(self, store: Store, ledger: Ledger, goals: GoalService) -> None:
        self.store = store
        self.ledger = ledger
        self.goals = goals
        self._thoughts: _Timeline[Thought] = _Timeline(_thought_moments)
        self._tested: _Timeline[Thought] = _Timeline(self._tested_moments)
        self._referrals: _Timeline[Contact] = _Timeline(_referral_moments)
        self._thanked: _Timeline[Reflection] = _Timeline(_thanked_moments)
        self._interviews: _Timeline[Interview] = _Timeline(_interview_moments)
        self._interview_by_id: dict[int, Interview] = {}
        self._interview_list: list[Interview] | None = None
        self._thought_list: list[Thought] | None = None
        self._interviews_version = 0
        self._reflection_list: list[Reflection] | None = None
        self._reflections_by_interview: dict[int, list[Reflection]] = {}
        self._contacts: list[Contact] | None = None
        self._contact_ids: set[int] = set()
        self._first_contact: float | None = None
        self._contacts_version = 0
        self._due = _DueIndex()
        self._goal_slots: tuple[object, int, list[tuple[Period, date, bool]], list[int], list[float]] | None = None
        """(goals and today, ledger version, judged slots, the day each was judged on, running strength)."""
        self._refreshed: tuple[int, object] | None = None
        self._weeks: dict[date, tuple[object, dict[str, Value], tuple[int, Period | None], Highlights, int]] = {}
        self._reviews: dict[date, tuple[object, WeekReview]] = {}
        self._earliest: float | None = None
        """The first moment anything was recorded (a timestamp), None before any data."""
        self._outreach_service: Any = None
        self._moves: dict[date, tuple[object, Moves]] = {}

    # time

    def now(self) -> datetime:
        return self.store.clock()

    def zone(self) -> tzinfo | None:
        return self.store.clock().tzinfo

    def today(self) -> date:
        return self.store.clock().date()

    def _day_of(self, moment: datetime) -> date:
        zone = self.zone()
        return moment.astimezone(zone).date() if zone is not None else moment.date()

    def _midnight(self, day: date) -> datetime:
        """The first instant of `day` in the clock's zone."""
        zone = self.zone()
        if zone is None:
            return datetime.combine(day, time()).astimezone()
        return datetime.combine(day, time(), tzinfo=zone)

    def _monday(self, day: date) -> date:
        """The Monday of the week holding `day` (a datetime is taken in the clock's zone)."""
        return week_start_of(self._day_of(day) if isinstance(day, datetime) else day)

    def this_week(self) -> date:
        """This week's Monday."""
        return week_start_of(self.today())

    # keeping up with the data

    def _follow_up_days(self) -> int:
        value = self.store.setting(FOLLOW_UP_SETTING, DEFAULT_FOLLOW_UP_DAYS)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_FOLLOW_UP_DAYS:
            return DEFAULT_FOLLOW_UP_DAYS
        return value

    def _state(self) -> tuple[LedgerIndex, object]:
        """The ledger's index and a key that changes whenever anything a figure reads changed."""
        index = self.ledger.index()  # reloads first if the file changed on disk
        zone = self.zone()
        key = (self.store.generation, self.ledger.version, zone, self.today(), self._follow_up_days())
        if self._refreshed is not None and self._refreshed[1] == key:
            return index, key
        self._refresh(index, zone)
        self._refreshed = (self.store.generation, key)
        return index, key

    def _refresh(self, index: LedgerIndex, zone: tzinfo | None) -> None:
        store = self.store
        interviews = store.all(Interview)
        previous = self._interview_list
        moved = changed_records(previous, interviews) if previous is not None else None
        if moved is None or any(old.when != new.when for old, new in zip(*moved, strict=False)):
            self._interviews_version += 1  # a fear tested at an interview moves with it
        self._interviews.update(interviews, known=(previous, moved))
        self._interview_by_id = {interview.id: interview for interview in interviews}
        self._interview_list = interviews
        thoughts = store.all(Thought)
        previous_thoughts = self._thought_list
        thoughts_changed = changed_records(previous_thoughts, thoughts) if previous_thoughts is not None else None
        self._thoughts.update(thoughts, known=(previous_thoughts, thoughts_changed))
        self._tested.update(thoughts, self._interviews_version, known=(previous_thoughts, thoughts_changed))
        self._thought_list = thoughts
        contacts = store.all(Contact)
        previous_contacts = self._contacts
        changed = changed_records(previous_contacts, contacts) if previous_contacts is not None else None
        if changed is None:
            self._contacts_version += 1
            self._contact_ids = {contact.id for contact in contacts}
            self._first_contact = min((contact.created.timestamp() for contact in contacts), default=None)
        else:
            for contact in changed[1]:
                self._contact_ids.add(contact.id)
                stamp = contact.created.timestamp()
                if self._first_contact is None or stamp < self._first_contact:
                    self._first_contact = stamp
        self._contacts = contacts
        self._referrals.update(contacts, known=(previous_contacts, changed))
        reflections = store.all(Reflection)
        previous_reflections = self._reflection_list
        if (
            previous_reflections is None
            or len(previous_reflections) != len(reflections)
            or not all(map(operator.is_, previous_reflections, reflections))
        ):
            by_interview: dict[int, list[Reflection]] = {}
            for reflection in reflections:
                by_interview.setdefault(reflection.interview_id, []).append(reflection)
            self._reflections_by_interview = by_interview
            self._reflection_list = reflections
        self._thanked.update(reflections)
        self._refresh_due(index, zone)
        moments: list[float] = []
        if index.log:
            moments.append(index.log[0].sent.timestamp())
        for timeline in (self._thoughts, self._interviews):
            first = timeline.first()
            if first is not None:
                moments.append(first)
        if self._first_contact is not None:
            moments.append(self._first_contact)
        self._earliest = min(moments) if moments else None

    def _refresh_due(self, index: LedgerIndex, zone: tzinfo | None) -> None:
        due = self._due
        days = self._follow_up_days()
        key = (days, zone, self._contacts_version)
        touched = self.ledger.touched_since(due.version) if due.key == key and due.version >= 0 else None

        def day_of(moment: datetime) -> date:
            return moment.astimezone(zone).date()

        if touched is None:
            due = self._due = _DueIndex()
            due.key = key
            starts: list[int] = []
            ends: list[int] = []
            with _quiet_gc():
                for contact_id, items in index.by_contact.items():
                    if contact_id not in self._contact_ids:
                        continue  # someone removed: nothing to follow up
                    intervals = _due_intervals(items, days, day_of)
                    if intervals:
                        due.by_person[contact_id] = intervals
                        for start, end in intervals:
                            starts.append(start)
                            ends.append(end)
                due.starts = sorted(starts)
                due.ends = sorted(ends)
        else:
            for contact_id in touched:
                items = index.by_contact.get(contact_id, []) if contact_id in self._contact_ids else []
                due.set_person(contact_id, _due_intervals(items, days, day_of))
        due.version = self.ledger.version

    def _tested_moments(self, thought: Thought) -> tuple[datetime, ...]:
        if thought.outcome is Outcome.UNTESTED:
            return ()
        if thought.interview_id is not None:
            interview = self._interview_by_id.get(thought.interview_id)
            if interview is not None and interview.when is not None:
                return (interview.when,)
        return (thought.updated,)

    def _goal_state(self) -> tuple[list[tuple[Period, date, bool]], list[int], list[float]]:
        """Every judged day and week of the goals so far (Goal's own rules), with the running strength.

        After a change to the log, the days before the first day it touched are kept (as Goal does)."""
        goals = self.store.all(Goal)
        today = self.today()
        goals_key = (today, tuple((goal.id, goal.updated) for goal in goals))
        version = self.ledger.version
        cached = self._goal_slots
        kept = 0
        first: date | None = None
        if cached is not None and cached[0] == goals_key:
            if cached[1] == version:
                return cached[2], cached[3], cached[4]
            touched = self.ledger.days_touched_since(cached[1])
            if touched is not None:
                if not touched:
                    self._goal_slots = (goals_key, version, *cached[2:])
                    return cached[2], cached[3], cached[4]
                first = min(touched)
                kept = bisect.bisect_left(cached[3], first.toordinal())
        ordered = list(reversed(self.goals.goals()))
        if first is not None and cached is not None:
            slots = cached[2][:kept] + self.goals.judged(today, ordered, first=first)
            ends, scores = cached[3][:kept], cached[4][:kept]
        else:
            slots = self.goals.judged(today, ordered) if ordered else []
            ends, scores = [], []
        score = scores[-1] if scores else 0.0
        for period, day, met in slots[kept:]:
            keep = DAY_MULTIPLIER if period is Period.DAY else WEEK_MULTIPLIER
            score = score * keep + (100.0 if met else 0.0) * (1 - keep)
            scores.append(score)
            end = day if period is Period.DAY else min(day + timedelta(days=6), today)
            ends.append(end.toordinal())
        self._goal_slots = (goals_key, version, slots, ends, scores)
        return slots, ends, scores

    # figures

    def week(self, day: date | None = None) -> WeekReview:
        """The week holding `day` (default today): its figures beside the four weeks before, and highlights."""
        index, key = self._state()
        monday = self._monday(day if day is not None else self.today())
        cached = self._reviews.get(monday)
        if cached is not None and cached[0] == key:
            return cached[1]
        starts = [monday - timedelta(weeks=back) for back in range(HISTORY_WEEKS, -1, -1)]
        weeks = [self._week_values(index, key, start) for start in starts]
        values, (judged, period), highlights, reflected = weeks[-1][0], weeks[-1][1], weeks[-1][2], weeks[-1][3]
        figures = tuple(
            Figure(
                key=name,
                label=self._label(name, period),
                value=values[name],
                text=self._text(name, values, judged, period, monday),
                history=tuple(week[0][name] for week in weeks[:-1]),
            )
            for name in KEYS
        )
        empty = (
            not any(
                values[name]
                for name in (
                    "asked",
                    "conversations",
                    "referrals",
                    "thank_yous",
                    "follow_ups_done",
                    "fears_logged",
                    "fears_tested",
                )
            )
            and not reflected
            and highlights.empty
        )
        review = WeekReview(
            week_start=monday,
            figures=figures,
            highlights=highlights,
            empty=empty,
            first_week=self._first_week(monday),
            history_starts=tuple(starts[:-1]),
            goal_days_judged=judged,
            goal_period=period,
        )
        if len(self._reviews) > 64:
            self._reviews.clear()
        self._reviews[monday] = (key, review)
        return review

    def _week_values(
        self, index: LedgerIndex, key: object, monday: date
    ) -> tuple[dict[str, Value], tuple[int, Period | None], Highlights, int]:
        cached = self._weeks.get(monday)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2], cached[3], cached[4]
        values, goal, highlights, reflected = self._compute_week(index, key, monday)
        if len(self._weeks) > 256:
            self._weeks.clear()
        self._weeks[monday] = (key, values, goal, highlights, reflected)
        return values, goal, highlights, reflected

    def _compute_week(
        self, index: LedgerIndex, key: object, monday: date
    ) -> tuple[dict[str, Value], tuple[int, Period | None], Highlights, int]:
        following = _next_week(monday)
        start_moment, end_moment = self._midnight(monday), self._midnight(following)
        start, end = start_moment.timestamp(), end_moment.timestamp()
        values: dict[str, Value] = {}

        # asks, answers and guesses
        log = index.log
        low = bisect.bisect_left(log, start_moment, key=operator.attrgetter("sent"))
        high = bisect.bisect_left(log, end_moment, lo=low, key=operator.attrgetter("sent"))
        asks = log[low:high]
        counts = dict.fromkeys(Response, 0)
        guesses: list[int] = []
        done = 0
        for ask in asks:
            counts[ask.response] += 1
            if ask.guess is not None:
                guesses.append(ask.guess)
            done += self._is_follow_up(index, ask)
        answered = counts[Response.YES] + counts[Response.NO] + counts[Response.NO_REPLY]
        values["people_asked"] = len({ask.contact_id for ask in asks})
        values["asked"] = len(asks)
        values["answered"] = answered
        values["yes"] = counts[Response.YES]
        values["no"] = counts[Response.NO]
        values["no_reply"] = counts[Response.NO_REPLY]
        values["waiting"] = counts[Response.WAITING]
        values["yes_rate"] = counts[Response.YES] / answered if answered else None
        mean_guess = _mean(guesses)
        values["predicted_yes_rate"] = mean_guess / 100 if mean_guess is not None else None

        # conversations, referrals, thanks, follow-ups
        values["conversations"] = sum(
            index.conversations.get(monday + timedelta(days=offset), 0) for offset in range(7)
        )
        values["referrals"] = self._referrals.count(start, end)
        values["thank_yous"] = self._thanked.count(start, end)
        values["follow_ups_done"] = done
        today = self.today()
        if monday > today:
            values["follow_ups_due"] = 0
        else:
            values["follow_ups_due"] = self._due.due_at(min(following - timedelta(days=1), today))

        # fears
        values["fears_logged"] = self._thoughts.count(start, end)
        tested = self._tested.between(start, end)
        values["fears_tested"] = len(tested)
        values["fears_came_true"] = sum(1 for thought in tested if thought.outcome is Outcome.CAME_TRUE)

        # reflections on the week's interviews
        kindness: list[int] = []
        fun: list[int] = []
        talked: list[int] = []
        learned: list[str] = []
        questions: list[str] = []
        surprises: list[str] = []
        reflected = 0
        for interview in self._interviews.between(start, end):
            for reflection in self._reflections_by_interview.get(interview.id, ()):
                for text, into in (
                    (reflection.learned, learned),
                    (reflection.best_question, questions),
                    (reflection.surprised, surprises),
                ):
                    cleaned = clean_text(text).strip()
                    if cleaned and cleaned not in into:
                        into.append(cleaned)
                if not reflection.complete:
                    continue
                reflected += 1
                if reflection.kindness is not None:
                    kindness.append(reflection.kindness)
                if reflection.enjoyment is not None:
                    fun.append(reflection.enjoyment)
                if reflection.they_talked is not None:
                    talked.append(reflection.they_talked)
        values["average_kindness"] = _mean(kindness)
        values["average_fun"] = _mean(fun)
        talked_mean = _mean(talked)
        values["they_talked_share"] = talked_mean / 100 if talked_mean is not None else None

        # the goal
        slots, ends, scores = self._goal_state()
        first = bisect.bisect_left(ends, monday.toordinal())
        last = bisect.bisect_right(ends, (following - timedelta(days=1)).toordinal())
        week_slots = slots[first:last]
        values["goal_days_met"] = sum(1 for _period, _day, met in week_slots if met)
        values["goal_strength"] = round(scores[last - 1]) if last > 0 else None
        period = week_slots[-1][0] if week_slots else None
        if period is None and last > 0 and monday <= today:
            period = slots[last - 1][0]
        highlights = Highlights(tuple(learned), tuple(questions), tuple(surprises))
        return values, (len(week_slots), period), highlights, reflected

    @staticmethod
    def _is_follow_up(index: LedgerIndex, ask: Outreach) -> bool:
        """True if `ask` went to someone whose previous ask was still waiting when it was sent."""
        items = index.by_contact.get(ask.contact_id, [])
        at = bisect.bisect_left(items, _outreach_order(ask), key=_outreach_order)
        if at == 0:
            return False
        previous = items[at - 1]
        if previous.response is Response.WAITING:
            return True
        return previous.answered is not None and previous.answered > ask.sent

    def _first_week(self, monday: date) -> bool:
        """True if nothing was recorded before `monday` (the week is the first with data, or comes before any)."""
        earliest = self._earliest
        return earliest is None or earliest >= self._midnight(monday).timestamp()

    def _label(self, name: str, period: Period | None) -> str:
        if name == "goal_days_met" and period is Period.WEEK:
            return "Goal weeks met"
        return LABELS[name]

    def _text(self, name: str, values: dict[str, Value], judged: int, period: Period | None, monday: date) -> str:
        value = values[name]
        count = value if isinstance(value, int) else 0
        if name == "goal_days_met":
            if period is None:
                return "no goal set for this week"
            noun = "day" if period is Period.DAY else "week"
            if not judged:
                return f"no {noun}s to count yet"
            return f"{count} of {_plural(judged, noun)} met"
        if name == "goal_strength":
            return "no goal yet" if value is None else f"strength {value} %"
        if name == "people_asked":
            return _plural(count, "person", "people")
        if name == "asked":
            return _plural(count, "ask")
        if name == "answered":
            if not values["asked"]:
                return "no asks this week"
            return f"{count} answered, {values['waiting']} waiting"
        if name in ("yes", "no", "no_reply", "waiting"):
            return str(count)
        if name == "yes_rate":
            if value is None:
                return "no answers yet"
            return f"{_percent(float(value))} said yes ({values['yes']} of {values['answered']})"
        if name == "predicted_yes_rate":
            return "no guesses" if value is None else f"you expected {_percent(float(value))}"
        if name == "conversations":
            return _plural(count, "conversation")
        if name == "referrals":
            return _plural(count, "new name") + " passed on"
        if name == "thank_yous":
            return _plural(count, "note")
        if name == "follow_ups_done":
            return _plural(count, "follow-up")
        if name == "follow_ups_due":
            as_of = "today" if monday == self.this_week() else "at the week's end"
            return f"{count} due {as_of}"
        if name == "fears_logged":
            return _plural(count, "time")
        if name == "fears_tested":
            return f"{_plural(count, 'fear')} tested, {values['fears_came_true']} came true"
        if name == "fears_came_true":
            return f"{count} of {values['fears_tested']}"
        if name in ("average_kindness", "average_fun"):
            return "no ratings yet" if value is None else f"{float(value):.1f} of 5 on average"
        if name == "they_talked_share":
            return "not noted yet" if value is None else f"they talked {_percent(float(value))} of the time"
        return str(value)

    # the guided part

    def _people(self) -> dict[int, Contact]:
        return {contact.id: contact for contact in self.store.all(Contact)}

    @staticmethod
    def _name(people: dict[int, Contact], contact_id: int | None) -> str:
        if contact_id is None:
            return "someone"
        contact = people.get(contact_id)
        return clean_text(contact.name).strip() or "someone" if contact is not None else "someone removed"

    def moves(self, week_start: date) -> Moves:
        """The three moves for the week of `week_start`: what looks unlogged, what is current, the goal ahead.

        "Now" is the end of that week, or the present moment for this week."""
        index, key = self._state()
        monday = self._monday(week_start)
        cached = self._moves.get(monday)
        minute = self.now().replace(second=0, microsecond=0)  # interviews start and end as time goes by
        moves_key = (key, self.goals.version, minute)
        if cached is not None and cached[0] == moves_key:
            return cached[1]
        moves = self._compute_moves(index, monday)
        if len(self._moves) > 16:
            self._moves.clear()
        self._moves[monday] = (moves_key, moves)
        return moves

    def _compute_moves(self, index: LedgerIndex, monday: date) -> Moves:
        week_end = self._midnight(_next_week(monday))
        now = self.now()
        zone, year = self.zone(), self.today().year

        def day(moment: datetime) -> str:
            return _day_text(moment.astimezone(zone), year)

        as_of = min(now, week_end)
        people = self._people()
        unlogged: list[str] = []
        reflected = {
            reflection.interview_id
            for reflection in self.store.all(Reflection)
            if reflection.complete or reflection.learned or reflection.went_well
        }
        window = self._midnight(monday - timedelta(days=7)).timestamp()
        for interview in self._interviews.between(window, as_of.timestamp()):
            assert interview.when is not None
            who = self._name(people, interview.contact_id)
            when = day(interview.when)
            if (
                interview.status is InterviewStatus.PLANNED
                and interview.when + timedelta(minutes=interview.minutes) <= as_of
            ):
                unlogged.append(f"Your talk with {who} on {when}: did it happen? Mark it done, or move it.")
            elif interview.status is InterviewStatus.DONE and interview.id not in reflected:
                unlogged.append(f"A few lines about your talk with {who} ({when}) would keep what you heard.")
        quiet = []
        for contact_id, items in index.by_contact.items():
            latest = items[-1]
            if (
                latest.response is Response.WAITING
                and len(items) > 1
                and items[-2].response is Response.WAITING
                and latest.sent <= as_of - WAITING_LONG
                and contact_id in people
            ):
                quiet.append(latest)  # a follow-up that went unanswered too: coach stops suggesting more
        quiet.sort(key=_outreach_order)
        for ask in quiet:
            who = self._name(people, ask.contact_id)
            unlogged.append(
                f"Nothing logged from {who} since your follow-up on {day(ask.sent)}. "
                "If they answered, note it; if not, marking it 'no reply' and moving on is fine."
            )
        follow_ups = [
            f"{self._name(people, item.contact.id)}: asked on {day(item.outreach.sent)}, "
            f"{_plural(item.waited, 'business day')} ago"
            for item in self._outreach().follow_ups()
        ]
        upcoming = sorted(
            (
                interview
                for interview in self.store.all(Interview)
                if interview.status is InterviewStatus.PLANNED and interview.when is not None and interview.when >= now
            ),
            key=lambda interview: (interview.when, interview.id),
        )[:3]
        next_interviews = []
        for interview in upcoming:
            assert interview.when is not None
            local = interview.when.astimezone(zone)
            where = f" at {clean_text(interview.place).strip()}" if interview.place.strip() else ""
            next_interviews.append(
                f"{day(interview.when)}, {local:%H:%M}: {_SETTING_WORDS.get(interview.setting.value, 'meeting')} with "
                f"{self._name(people, interview.contact_id)}{where}"
            )
        goal = self.goals.current()
        if goal is None:
            goal_text = "No goal set yet. A small one works best, such as 2 people a day."
            nudge = None
        else:
            goal_text = describe(goal)
            strength = self.goals.strength()
            if strength is not None and strength.judged:
                goal_text += f" ({strength.text})"
            nudge = nudge_for(goal.target, goal.period)
        return Moves(
            unlogged=_capped(unlogged),
            follow_ups=_capped(follow_ups),
            next_interviews=tuple(next_interviews),
            goal_text=goal_text,
            goal_nudge=nudge,
        )

    def _outreach(self) -> Any:
        if self._outreach_service is None:
            from coach.services.outreach import OutreachService

            self._outreach_service = OutreachService(self.store, self.ledger)
        return self._outreach_service

    # saved reviews

    def review_for(self, week_start: date) -> Review | None:
        """The saved review of the week holding `week_start`, if there is one (the newest, should there be two)."""
        monday = self._monday(week_start)
        found = [review for review in self.store.all(Review) if review.week_start == monday]
        return max(found, key=operator.attrgetter("id")) if found else None

    def past(self) -> list[Review]:
        """Every saved review, the newest week first (one per week)."""
        by_week: dict[date, Review] = {}
        for review in self.store.all(Review):
            kept = by_week.get(review.week_start)
            if kept is None or review.id > kept.id:
                by_week[review.week_start] = review
        return [by_week[monday] for monday in sorted(by_week, reverse=True)]

    @staticmethod
    def _field(value: str, what: str) -> str:
        if not is_decodable(value):
            raise ValidationError(f"Part of {what} isn't readable text (bytes that aren't UTF-8); nothing was saved.")
        text = clean_text(value, multiline=True).strip()
        if len(text) > MAX_LINE:
            raise ValidationError(f"{what.capitalize()} can hold up to {MAX_LINE:,} characters; that is {len(text):,}.")
        return text

    def save(
        self,
        week_start: date,
        *,
        step: int | None = None,
        clear: str | None = None,
        current: str | None = None,
        note: str | None = None,
        next_goal: str | None = None,
        seen: Review | None = None,
    ) -> Review:
        """Save what was typed so far in the week's review (made on the first save); fields left out stay.

        `seen` is the review as the person saw it: a field changed elsewhere since raises ConflictError.
        ValidationError (nothing saved) for unreadable or overlong text, or a move outside 0-3."""
        monday = self._monday(week_start)
        fields: dict[str, Any] = {}
        for name, value, what in (
            ("clear", clear, "the first move's note"),
            ("current", current, "the second move's note"),
            ("note", note, "the note"),
            ("next_goal", next_goal, "next week's goal"),
        ):
            if value is not None:
                fields[name] = self._field(value, what)
        if step is not None:
            if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= MOVES:
                raise ValidationError(f"The review has moves 0 to {MOVES}; {step!r} isn't one of them.")
            fields["step"] = step
        existing = self.review_for(monday)
        if existing is None:
            return self.store.add(Review(week_start=monday, **fields))
        changed = replace(existing, **fields)
        if changed == existing:
            return existing
        base = seen if seen is not None and seen.id == existing.id else existing
        return self.store.update(changed, base=base)

    def complete(self, week_start: date, *, seen: Review | None = None) -> Review:
        """Mark the week's review done (saving it if it wasn't yet), and note next week's goal on it.

        If its next_goal reads as a goal ("2 people a day") that differs from the current one, that
        goal is set from today (the old one kept in history); other words stay a note. A goal set
        while the review was open (from its own dialog, say) is the one noted in `goal_id`."""
        review = self.save(week_start, step=MOVES, seen=seen)
        goal_id = review.goal_id
        goal = self.goals.current()
        if goal_id is None and review.next_goal:
            try:
                spec = parse_goal(review.next_goal)
            except ValidationError:
                spec = None
            if spec is not None and (
                goal is None
                or (goal.target, goal.unit, goal.period, goal.rrule)
                != (spec.target, spec.unit, spec.period, spec.rrule)
            ):
                goal = self.goals.set_goal(spec).goal
                goal_id = goal.id
        if goal_id is None and goal is not None and goal.created > review.created:
            goal_id = goal.id
        done = replace(review, completed=review.completed or self.now(), goal_id=goal_id)
        if done == review:
            return review
        return self.store.update(done, base=review)

    # printing

    def render(self, review: WeekReview, fmt: Literal["text", "md"] = "text") -> str:
        """The week as plain text for a terminal, or as Markdown to paste into an e-mail."""
        return render_review(review, fmt, self.this_week())


def _capped(items: list[str], limit: int = _LIST_LIMIT) -> tuple[str, ...]:
    if len(items) <= limit:
        return tuple(items)
    return (*items[: limit - 1], f"…and {len(items) - limit + 1} more")


# --- rendering -----------------------------------------------------------------------------------

_SHOWN: tuple[str, ...] = (
    "goal_days_met",
    "goal_strength",
    "people_asked",
    "asked",
    "answered",
    "yes",
    "no",
    "no_reply",
    "yes_rate",
    "predicted_yes_rate",
    "conversations",
    "referrals",
    "thank_yous",
    "follow_ups_done",
    "follow_ups_due",
    "fears_logged",
    "fears_tested",
    "average_kindness",
    "average_fun",
    "they_talked_share",
)
"""The figures a printed review lists (still waiting is in "Answers", came true in "Fears tested")."""

_RATES = frozenset({"yes_rate", "predicted_yes_rate", "they_talked_share"})


def _short(key: str, value: Value) -> str:
    if value is None:
        return "–"
    if key in _RATES:
        return f"{round(float(value) * 100)} %"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def render_review(review: WeekReview, fmt: Literal["text", "md"], this_week: date | None = None) -> str:
    """`review` as text or Markdown: plain, every user text on one line, control characters stripped."""
    start, end = review.week_start, review.week_end
    span = f"{start:%a} {start.day} {start:%b %Y} to {end:%a} {end.day} {end:%b %Y}"
    title = f"Week of {span}" + (" (this week)" if review.week_start == this_week else "")
    lines: list[str] = []
    md = fmt == "md"
    lines.append(f"## {title}" if md else title)
    lines.append("")
    if this_week is not None and review.week_start > this_week and review.empty:
        lines.append("This week hasn't come yet; its figures appear here as it happens.")
        return "\n".join(lines) + "\n"
    if review.first_week and review.empty:
        lines.append(
            "Nothing recorded yet. As you reach out, talk to people and write down what worries you, "
            "this review fills in: who you asked, what they said, and what you learned."
        )
        return "\n".join(lines) + "\n"
    if review.empty:
        lines.append("A quiet week: nothing was logged. That happens; one small ask is a fine way back in.")
        lines.append("")
    history_note = "the four weeks before, oldest first"
    width = max(len(figure.label) for figure in review.figures)
    shown = [review.figure(key) for key in _SHOWN]
    text_width = max(len(figure.text) for figure in shown)
    if not md:
        lines.append(f"  {'':<{width}}  {'this week':<{text_width}}  4 weeks before")
    for figure in shown:
        before = ", ".join(_short(figure.key, value) for value in figure.history)
        if md:
            lines.append(f"- **{figure.label}:** {figure.text} (before: {before})")
        else:
            lines.append(f"  {figure.label:<{width}}  {figure.text:<{text_width}}  {before}")
    if md:
        lines.append("")
        lines.append(f"_The figures in brackets are {history_note}._")
    highlights = review.highlights
    if not highlights.empty:
        lines.append("")
        lines.append("### Highlights" if md else "Highlights")
        for heading, texts in (
            ("Learned", highlights.learned),
            ("Best question", highlights.best_questions),
            ("Most surprising", highlights.surprises),
        ):
            for text in texts:
                words = clean_text(text).strip()
                if words:
                    lines.append(f"- **{heading}:** {words}" if md else f"  {heading}: {words}")
    return "\n".join(lines) + "\n"
