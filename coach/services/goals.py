"""Set a small goal, then just do it: the goal, its progress from the outreach log, and a forgiving strength.

Rules, in one place:

* A goal counts people reached (different people), messages sent (every logged attempt) or
  conversations held (interviews marked done), per day or per week (Monday to Sunday), in the local
  days of the store's clock.
* Its RRULE says which days it applies to. A day goal is judged only on those days; a week goal
  on every week that has at least one of them. Days the rule leaves out are never missed.
* Changing the goal keeps the old one: it ends the day before the new one starts. Each day is judged
  by the day goal in effect that day; each week by the goal in effect on its last day (for this
  week, today), counting the whole week's log, so a goal changed mid-week judges that week.
* Today (or this week) only ever counts as met, never as missed, while it is still going on.
* Strength is an exponential average of met (1) and missed (0) over the judged days and weeks,
  like habit trackers: one miss lowers it a little, a run of misses lowers it more, nothing resets it.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TypeVar, cast

from coach.errors import ValidationError
from coach.models import Goal, GoalUnit, Period
from coach.services.ledger import DayCounts, Ledger
from coach.store import Store
from coach.text import clean_text, is_decodable
from coach.values import value_type

MAX_TARGET = 999
"""The largest target coach accepts at all (a nudge asks for less long before)."""
SMALL_PER_DAY = 5
SMALL_PER_WEEK = 20
"""Above these a goal gets a gentle nudge to make it smaller (it can still be saved)."""

T = TypeVar("T")

PLAN_WINDOW = timedelta(hours=1)
"""How long after the planned time of day "now is your planned time" stays true."""

DAY_MULTIPLIER = 0.5 ** (1 / 13)
"""How much of the strength a judged day keeps: a daily habit's weight halves in about 13 days."""
WEEK_MULTIPLIER = 0.5 ** (math.sqrt(7) / 13)
"""The same for a weekly goal (about 0.87 a week), so daily and weekly goals weaken alike over time."""

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_RULE = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
EVERY_DAY_RULE = "FREQ=DAILY"
_MAX_PLAN = 500


@value_type
class GoalSpec:
    """What a goal is, before it is saved."""

    target: int
    unit: GoalUnit = GoalUnit.PEOPLE
    period: Period = Period.DAY
    rrule: str = EVERY_DAY_RULE
    note: str = ""
    """How coach read it, when that needs saying ("5 at a time: five in one sitting, once a day")."""


@value_type
class Preset:
    """A goal from the method, ready to pick."""

    key: str
    label: str
    """Its name, and the words that pick it in `coach goal` ("2 people a day", or "two people a day")."""
    spec: GoalSpec
    explanation: str
    words: str
    """The preset in a few words, to fit beside its name in a list ("two different people, Mon-Fri")."""


@functools.cache
def presets() -> tuple[Preset, ...]:
    """The method's goals, ready to pick (made on first use: `coach log` and `coach today` never need them).

    The one definition: the welcome, Goal's g and `coach goal "2 people a day"` all set exactly these."""
    return (
        Preset(
            "two-people",
            "2 people a day",
            GoalSpec(2, GoalUnit.PEOPLE, Period.DAY, WEEKDAYS_RULE, "two different people each weekday"),
            "Two different people each weekday. Weekends are free.",
            "two different people, Mon-Fri",
        ),
        Preset(
            "five-messages",
            "5 messages at a time",
            GoalSpec(5, GoalUnit.MESSAGES, Period.DAY, WEEKDAYS_RULE, "five in one sitting, once each weekday"),
            "Write five in one sitting, once a day on weekdays, and you're done for the day.",
            "in one sitting, each weekday",
        ),
        Preset(
            "three-conversations",
            "3 conversations a week",
            GoalSpec(3, GoalUnit.CONVERSATIONS, Period.WEEK, EVERY_DAY_RULE),
            "Three coffees or calls a week, any days you like.",
            "coffees or calls, any days",
        ),
    )


def preset_named(text: str) -> Preset | None:
    """The preset whose name `text` is (any case and spacing, the number in digits or words:
    "2 people a day", "Two people a day"), else None. Other goals in words are read by `parse_goal`."""
    words = " ".join(clean_text(text).casefold().split())
    count, _space, rest = words.partition(" ")
    number = _NUMBER_WORDS.get(count)
    if number is not None:
        words = f"{number} {rest}"
    return next((preset for preset in presets() if preset.label.casefold() == words), None)


class GoalDateError(ValidationError):
    """A start or end date a goal can't have; `field` says which one ("start" or "end"), so a form can
    put the cursor there."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@value_type
class GoalChange:
    """The result of setting a goal."""

    goal: Goal
    replaced: Goal | None
    """The goal it took over from (kept in history), if there was one."""
    nudge: str | None
    """A gentle word when the goal is not small, else None."""


@value_type
class Progress:
    """Today's (or this week's) count against the target."""

    done: int
    target: int
    unit: GoalUnit
    period: Period
    start: date
    """The first day counted: today, or this week's Monday."""
    applies: bool
    """False on a day the goal leaves out (a weekend for a weekday goal), or a week without any of its days."""

    @property
    def met(self) -> bool:
        return self.done >= self.target

    @property
    def label(self) -> str:
        """ "today" or "this week"."""
        return "today" if self.period is Period.DAY else "this week"

    @property
    def fraction(self) -> float:
        """0-1, for a progress bar (capped at 1)."""
        return min(1.0, self.done / self.target) if self.target else 1.0

    @property
    def text(self) -> str:
        """ "1 of 2 people today"."""
        text = f"{self.done} of {self.target} {self.unit.noun(self.target)} {self.label}"
        if not self.applies:
            text += f" (a {self.period.value} off for this goal)"
        return text


@value_type
class Strength:
    """How well the habit is holding, forgivingly, beside the plain counts."""

    score: float
    """0-100. A miss lowers it a little; nothing resets it."""
    met: int
    """Days (or weeks) met."""
    judged: int
    """Days (or weeks) the goal applied to and that are over, plus today if it is already met."""
    period: Period
    """What `met` and `judged` count: days or weeks (the current goal's period)."""

    @property
    def percent(self) -> int:
        return round(self.score)

    @property
    def text(self) -> str:
        noun = "day" if self.period is Period.DAY else "week"
        return f"strength {self.percent} %; {self.met} of {self.judged} {noun}{'s' if self.judged != 1 else ''} met"


@value_type
class WeekTally:
    """One week of the current goal's count, for a sparkline."""

    week_start: date
    done: int


# --- parsing --------------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a couple of": 2, "a couple": 2, "a few": 3,
}  # fmt: skip
_UNIT_WORDS = {
    "people": GoalUnit.PEOPLE, "person": GoalUnit.PEOPLE, "persons": GoalUnit.PEOPLE,
    "contacts": GoalUnit.PEOPLE, "contact": GoalUnit.PEOPLE,
    "messages": GoalUnit.MESSAGES, "message": GoalUnit.MESSAGES, "e-mails": GoalUnit.MESSAGES,
    "e-mail": GoalUnit.MESSAGES, "emails": GoalUnit.MESSAGES, "email": GoalUnit.MESSAGES,
    "mails": GoalUnit.MESSAGES, "calls": GoalUnit.MESSAGES, "call": GoalUnit.MESSAGES,
    "texts": GoalUnit.MESSAGES, "text": GoalUnit.MESSAGES,
    "conversations": GoalUnit.CONVERSATIONS, "conversation": GoalUnit.CONVERSATIONS,
    "interviews": GoalUnit.CONVERSATIONS, "interview": GoalUnit.CONVERSATIONS,
    "coffees": GoalUnit.CONVERSATIONS, "coffee": GoalUnit.CONVERSATIONS,
    "meetings": GoalUnit.CONVERSATIONS, "meeting": GoalUnit.CONVERSATIONS,
}  # fmt: skip


@functools.cache
def _goal_pattern() -> re.Pattern[str]:
    """A goal in words (compiled when first asked for: `coach log` and `coach today` never need it)."""
    return re.compile(
        r"^(?P<count>\d{1,6}|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")"
        r"(?:\s+(?P<unit>[a-z-]+))?"
        r"(?:\s+(?P<period>a day|per day|each day|every day|daily|/\s*day|a weekday|each weekday|every weekday"
        r"|per weekday|a week|per week|each week|every week|weekly|/\s*week|at a time|a sitting|per sitting))?"
        r"(?:\s+(?P<days>on weekdays|weekdays|on weekends|mon-fri|monday to friday))?$"
    )


GOAL_HINT = 'Try "2 people a day", "5 messages at a time" or "3 conversations a week".'


def parse_goal(text: str) -> GoalSpec:
    """A goal typed in words: "2 people a day", "5 e-mails at a time", "3 conversations a week",
    "two people a weekday". ValidationError with a hint if it can't be read.

    A preset's name gives exactly that preset ("2 people a day": two different people each weekday;
    "5 messages at a time": five in one sitting, each weekday), as picking it in the app does. Other
    words mean what they say, every day unless they name days ("3 people a day", "2 people a weekday")."""
    if not is_decodable(text):
        raise ValidationError(f"That goal isn't readable text. {GOAL_HINT}")
    words = " ".join(clean_text(text).casefold().replace("\u2011", "-").split())
    if not words:
        raise ValidationError(f"Type a goal first. {GOAL_HINT}")
    preset = preset_named(words)
    if preset is not None:
        return preset.spec
    match = _goal_pattern().match(words)
    if match is None:
        raise ValidationError(f'Couldn\'t read "{clean_text(text).strip()[:60]}" as a goal. {GOAL_HINT}')
    raw_count = match.group("count")
    target = int(raw_count) if raw_count.isdigit() else _NUMBER_WORDS[raw_count]
    unit = GoalUnit.PEOPLE
    if match.group("unit"):
        found = _UNIT_WORDS.get(match.group("unit"))
        if found is None:
            raise ValidationError(
                f'coach counts people, messages or conversations; "{match.group("unit")}" isn\'t one of them. '
                f"{GOAL_HINT}"
            )
        unit = found
    period_words = match.group("period") or "a day"
    period = Period.WEEK if "week" in period_words and "weekday" not in period_words else Period.DAY
    rrule = EVERY_DAY_RULE
    note = ""
    if "weekday" in period_words:
        rrule = WEEKDAYS_RULE
    if period_words in ("at a time", "a sitting", "per sitting"):
        note = "at a time: in one sitting, once a day"
    days = match.group("days")
    if days:
        rrule = "FREQ=WEEKLY;BYDAY=SA,SU" if "weekend" in days else WEEKDAYS_RULE
    check_target(target)
    return GoalSpec(target=target, unit=unit, period=period, rrule=rrule, note=note)


def check_target(target: int) -> int:
    if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= MAX_TARGET:
        raise ValidationError(f"A goal needs a whole number from 1 to {MAX_TARGET}; {target!r} is outside that.")
    return target


def parse_unit(value: str | GoalUnit) -> GoalUnit:
    if isinstance(value, GoalUnit):
        return value
    found = _UNIT_WORDS.get(value.strip().casefold())
    if found is None:
        raise ValidationError(
            f'"{clean_text(value)[:40]}" isn\'t something coach counts; use people, messages or conversations.'
        )
    return found


def parse_period(value: str | Period) -> Period:
    if isinstance(value, Period):
        return value
    word = value.strip().casefold()
    if word in ("day", "a day", "daily", "per day"):
        return Period.DAY
    if word in ("week", "a week", "weekly", "per week"):
        return Period.WEEK
    raise ValidationError(f'"{clean_text(value)[:40]}" isn\'t a period coach knows; use day or week.')


def parse_days(value: str) -> str:
    """Weekdays typed as "MO,WE,FR", "mon wed fri", "weekdays" or "every day" -> BYDAY codes ("": every day)."""
    words = value.strip().casefold().replace(",", " ").replace("/", " ").split()
    if not words or words in (["every", "day"], ["daily"], ["all"]):
        return ""
    if words in (["weekdays"], ["mon-fri"], ["mo-fr"]):
        return "MO,TU,WE,TH,FR"
    if words in (["weekends"], ["weekend"]):
        return "SA,SU"
    codes: list[str] = []
    for word in words:
        code = word[:2].upper()
        if code not in WEEKDAY_CODES or not _DAY_NAMES[WEEKDAY_CODES.index(code)].casefold().startswith(word[:3]):
            raise ValidationError(
                f'"{clean_text(word)[:20]}" isn\'t a weekday; write days like MO,WE,FR or "mon wed fri".'
            )
        if code not in codes:
            codes.append(code)
    return ",".join(sorted(codes, key=WEEKDAY_CODES.index))


def rule_for_days(codes: str) -> str:
    """The RRULE for a goal on the weekdays `codes` ("" for every day)."""
    return f"FREQ=WEEKLY;BYDAY={codes}" if codes else EVERY_DAY_RULE


def parse_plan_time(value: str) -> str:
    """A time of day typed as "8", "8:30", "08:30", "8am", "5:15 pm" -> "HH:MM" ("" for none)."""
    text = value.strip().casefold().replace(".", ":")
    if not text:
        return ""
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?", text)
    if match is None:
        raise ValidationError("Type a time of day like 8:00, 8am or 17:30, or leave it empty.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        if not 1 <= hour <= 12:
            raise ValidationError(f"{hour} isn't an hour on a 12-hour clock.")
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValidationError(f'"{clean_text(value)[:20]}" isn\'t a time of day.')
    return f"{hour:02d}:{minute:02d}"


# --- which days a goal applies to -----------------------------------------------------------------

_WEEKLY_PREFIX = "FREQ=WEEKLY;BYDAY="


def simple_weekdays(rule: str) -> list[str] | None:
    """The weekday codes of a rule that only names weekdays ("FREQ=WEEKLY;BYDAY=MO,WE,FR", spaces removed and
    upper case), in its order; None for any other rule."""
    if not rule.startswith(_WEEKLY_PREFIX):
        return None
    codes = rule[len(_WEEKLY_PREFIX) :].split(",")
    return codes if all(code in WEEKDAY_CODES for code in codes) else None


def check_rrule(rrule: str) -> str:
    """`rrule` if dateutil reads it and it gives at least one day a year; ValidationError otherwise."""
    rule = " ".join(rrule.split()).upper().replace(" ", "")
    if not rule:
        return EVERY_DAY_RULE
    if "DTSTART" in rule or "\n" in rule:
        raise ValidationError("Give the days as a repeat rule without a start, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR.")
    if not re.search(r"(^|;)FREQ=(DAILY|WEEKLY|MONTHLY)(;|$)", rule):
        raise ValidationError("A goal repeats daily, weekly or monthly; e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR.")
    from dateutil.rrule import rrulestr

    try:
        start = datetime(2026, 1, 5)
        parsed = rrulestr(rule, dtstart=start)
        if not parsed.between(start, start + timedelta(days=400), inc=True):
            raise ValidationError("That repeat rule never falls on a day; choose some weekdays instead.")
    except (ValueError, TypeError) as exc:
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError(
            f"coach can't read that repeat rule ({str(exc)[:80]}); e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR."
        ) from None
    return rule


def _goal_start(goal: Goal, zone_day: date) -> date:
    return goal.start if goal.start is not None else zone_day


class _Days:
    """The days one goal applies to, worked out once (simple rules by weekday, others with dateutil)."""

    def __init__(self, goal: Goal, start: date) -> None:
        self.start = start
        self.end = goal.end
        self.weekdays: frozenset[int] | None = None
        self.dates: set[date] | None = None
        self._until: date | None = None
        rule = goal.rrule.replace(" ", "").upper()
        simple = simple_weekdays(rule)
        if rule in ("", EVERY_DAY_RULE):
            self.weekdays = frozenset(range(7))
        elif simple:
            self.weekdays = frozenset(WEEKDAY_CODES.index(code) for code in simple)
        else:
            self._rule = rule

    def _load(self, until: date) -> set[date]:
        if self.dates is None or self._until is None or self._until < until:
            from dateutil.rrule import rrulestr

            parsed = rrulestr(self._rule, dtstart=datetime.combine(self.start, time()))
            stop = until + timedelta(days=62)  # a little ahead, so each new day doesn't recompute
            self.dates = {
                moment.date()
                for moment in parsed.between(
                    datetime.combine(self.start, time()), datetime.combine(stop, time()), inc=True
                )
            }
            self._until = stop
        return self.dates

    def applies(self, day: date) -> bool:
        if day < self.start or (self.end is not None and day > self.end):
            return False
        if self.weekdays is not None:
            return day.weekday() in self.weekdays
        return day in self._load(day)

    def any_in(self, first: date, last: date) -> bool:
        return any(self.applies(first + timedelta(days=offset)) for offset in range((last - first).days + 1))


def describe(goal: Goal | GoalSpec) -> str:
    """A goal in words: "2 people a day, Mon-Fri", "3 conversations a week"."""
    text = f"{goal.target} {goal.unit.noun(goal.target)} a {goal.period.value}"
    days = describe_days(goal.rrule)
    return text if days == "every day" else f"{text}, {days}"


def describe_days(rrule: str) -> str:
    rule = rrule.replace(" ", "").upper()
    if rule in ("", EVERY_DAY_RULE):
        return "every day"
    codes = simple_weekdays(rule)
    if codes is None:
        return "on the days of its rule"
    if codes == ["MO", "TU", "WE", "TH", "FR"]:
        return "Mon-Fri"
    if codes == ["SA", "SU"]:
        return "weekends"
    return ", ".join(_DAY_NAMES[WEEKDAY_CODES.index(code)] for code in codes)


def nudge_for(target: int, period: Period) -> str | None:
    """A gentle word when a goal is not small; None when it is."""
    if period is Period.DAY and target > SMALL_PER_DAY:
        return (
            f"{target} a day is a lot to keep up. Small goals are the ones that get done: "
            f"{min(2, target)} a day, done every day, goes further. You can still keep {target}."
        )
    if period is Period.WEEK and target > SMALL_PER_WEEK:
        return (
            f"{target} a week is a big goal. A smaller one you meet most weeks builds the habit faster; "
            f"how about {min(10, target)}? You can still keep {target}."
        )
    return None


def week_start_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _judge_days(
    index: DayCounts,
    goal: Goal,
    days: _Days,
    first: date,
    last: date,
    today: date,
    results: list[tuple[Period, date, bool]],
) -> None:
    """Append (day, met) for each day from `first` to `last` a daily `goal` applies to: the days before
    `today`, and today once met (what `GoalService._judged` does day by day, in one loop)."""
    target, unit, weekdays = goal.target, goal.unit, days.weekdays
    counted = index.messages if unit is GoalUnit.MESSAGES else index.conversations
    people = index.people if unit is GoalUnit.PEOPLE else None
    one_day = timedelta(days=1)
    day = max(first, days.start)
    if days.end is not None:
        last = min(last, days.end)
    append = results.append
    while day <= last:
        if day.weekday() in weekdays if weekdays is not None else days.applies(day):
            done = len(people.get(day, ())) if people is not None else counted.get(day, 0)
            met = done >= target
            if day < today or met:
                append((Period.DAY, day, met))
        day += one_day


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


# --- the service ----------------------------------------------------------------------------------


class GoalService:
    """The current goal, its history, and its progress counted from the outreach log."""

    def __init__(self, store: Store, ledger: Ledger | None = None) -> None:
        self._store = store
        self._ledger = ledger if ledger is not None else Ledger(store)
        self._cache: dict[str, tuple[object, object]] = {}
        self._days_cache: dict[tuple[int, datetime, date], _Days] = {}
        self._version = 0
        self._version_key: object = None
        self._prefix: tuple[tuple[tuple[int, datetime], ...], date, int, tuple[float, int, int]] | None = None
        """(goals, today, ledger version, (score, met, judged) over every day before today)."""

    @property
    def version(self) -> int:
        """Changes whenever a goal, or what goals count (outreach, finished interviews), changed: here or on disk.

        Not on other changes (a thought written down), so a screen keyed on it doesn't redraw for nothing."""
        self._ledger.index()
        key = (self._ledger.version, tuple((goal.id, goal.updated) for goal in self._store.all(Goal)))
        if key != self._version_key:
            self._version_key = key
            self._version += 1
        return self._version

    # time

    def now(self) -> datetime:
        """The store's clock (for dates typed relative to now)."""
        return self._store.clock()

    def today(self) -> date:
        """Today in the clock's zone."""
        return self._store.clock().date()

    # reading

    def goals(self) -> list[Goal]:
        """Every goal, the newest first (the current one, then the ones it replaced)."""
        return sorted(self._store.all(Goal), key=self._order, reverse=True)

    def current(self) -> Goal | None:
        """The goal in effect now, or None if none is set."""
        return self._current_of(self._store.all(Goal))

    def _current_of(self, goals: list[Goal]) -> Goal | None:
        active = [goal for goal in goals if goal.active]
        return max(active, key=self._order) if active else None

    def _order(self, goal: Goal) -> tuple[date, int]:
        return (self._start(goal), goal.id)

    def _start(self, goal: Goal) -> date:
        return _goal_start(goal, goal.created.astimezone(self._store.clock().tzinfo).date())

    @staticmethod
    def presets() -> tuple[Preset, ...]:
        return presets()

    @staticmethod
    def nudge(target: int, period: Period) -> str | None:
        return nudge_for(target, period)

    # writing

    def set_goal(
        self,
        spec: GoalSpec | str,
        *,
        plan: str | None = None,
        plan_time: str | None = None,
        plan_days: str | None = None,
        title: str = "",
        start: date | None = None,
        end: date | None = None,
    ) -> GoalChange:
        """Make `spec` (or a goal in words) the goal from `start` (default today) on, until `end` if given;
        the previous one is kept, ending the day before.

        The plan is carried over from the previous goal unless given. ValidationError (nothing saved) for
        a target outside 1-999, an unreadable repeat rule, plan time or days, a start after today or
        before the previous goal's start, or an end before the start.
        """
        if isinstance(spec, str):
            spec = parse_goal(spec)
        check_target(spec.target)
        rrule = check_rrule(spec.rrule)
        previous = self.current()
        new_plan = self._plan_text(plan) if plan is not None else (previous.plan if previous else "")
        new_time = parse_plan_time(plan_time) if plan_time is not None else (previous.plan_time if previous else "")
        new_days = parse_days(plan_days) if plan_days is not None else (previous.plan_days if previous else "")
        today = self.today()
        first = start if start is not None else today
        self._check_dates(first, end, today, previous)
        goal = Goal(
            title=clean_text(title).strip()[:200],
            target=spec.target,
            unit=spec.unit,
            period=spec.period,
            rrule=rrule,
            start=first,
            end=end,
            plan=new_plan,
            plan_time=new_time,
            plan_days=new_days,
        )
        with self._store.transaction():  # the new goal and the end of the old one: one save, or neither
            saved = self._store.add(goal)
            if previous is not None:
                last = first - timedelta(days=1)
                if previous.end is not None:
                    last = min(last, previous.end)
                ended = replace(previous, active=False, end=last)
                self._store.update(ended, base=previous)
        return GoalChange(goal=saved, replaced=previous, nudge=nudge_for(spec.target, spec.period))

    def _check_dates(self, first: date, end: date | None, today: date, previous: Goal | None) -> None:
        if first > today:
            raise GoalDateError(
                f"A goal starts today or on a day already past; {first:%a %d %b} is still to come. "
                "Start it today: the first days can be easy ones.",
                "start",
            )
        if previous is not None and first < self._start(previous):
            raise GoalDateError(
                f"The goal before this one started on {self._start(previous):%a %d %b %Y}, and its days stay "
                "as they were; start the new one on that day or later.",
                "start",
            )
        if end is not None and end < first:
            raise GoalDateError(f"The end ({end:%a %d %b %Y}) comes before the start ({first:%a %d %b %Y}).", "end")

    def set_plan(self, plan: str, plan_time: str = "", plan_days: str = "", *, seen: Goal | None = None) -> Goal:
        """Change the when-and-where plan of the current goal (no new goal: the plan is not what is counted).

        `seen` is the goal as the person saw it: a plan changed elsewhere since raises ConflictError."""
        goal = self.current()
        if goal is None:
            raise ValidationError("Set a goal first; the plan says when and where you'll work on it.")
        changed = replace(
            goal, plan=self._plan_text(plan), plan_time=parse_plan_time(plan_time), plan_days=parse_days(plan_days)
        )
        base = seen if seen is not None and seen.id == goal.id else goal
        return self._store.update(changed, base=base)

    @staticmethod
    def _plan_text(plan: str) -> str:
        if not is_decodable(plan):
            raise ValidationError("Part of the plan isn't readable text (bytes that aren't UTF-8); nothing was saved.")
        text = clean_text(plan).strip()
        if len(text) > _MAX_PLAN:
            raise ValidationError(f"Keep the plan to {_MAX_PLAN} characters: when and where, in a line or two.")
        return text

    # judging days

    def _days_of(self, goal: Goal) -> _Days:
        key = (goal.id, goal.updated, self._start(goal))
        days = self._days_cache.get(key)
        if days is None:
            days = self._days_cache[key] = _Days(goal, self._start(goal))
        return days

    def applies_on(self, goal: Goal, day: date) -> bool:
        """True if `goal` counts on `day` (inside its dates, and a day of its rule)."""
        return self._days_of(goal).applies(day)

    def _count(self, index: DayCounts, unit: GoalUnit, first: date, last: date) -> int:
        if first == last:  # one day (every day of a daily goal's history): a lookup
            if unit is GoalUnit.MESSAGES:
                return index.messages.get(first, 0)
            if unit is GoalUnit.CONVERSATIONS:
                return index.conversations.get(first, 0)
            return index.reached_on(first)
        if unit is GoalUnit.MESSAGES:
            return sum(index.messages.get(day, 0) for day in _days(first, last))
        if unit is GoalUnit.CONVERSATIONS:
            return sum(index.conversations.get(day, 0) for day in _days(first, last))
        reached: set[int] = set()
        for day in _days(first, last):
            reached.update(index.people.get(day, ()))
        return len(reached)

    def count(self, unit: GoalUnit, first: date, last: date | None = None) -> int:
        """What `unit` counts from `first` to `last` (inclusive, local days) in the log."""
        return self._count(self._ledger.index(), unit, first, last or first)

    def _remember(self, name: str, key: object, compute: Callable[[], T]) -> T:
        """`compute()`, reused while `key` (the ledger's version, the day, the goals) stays the same."""
        hit = self._cache.get(name)
        if hit is not None and hit[0] == key:
            return cast(T, hit[1])
        value = compute()
        self._cache[name] = (key, value)
        return value

    def progress(self, day: date | None = None) -> Progress | None:
        """The count for `day` (default today), or its week for a weekly goal, against the current goal.

        None without a goal."""
        goal = self.current()
        if goal is None:
            return None
        day = day or self.today()
        weekly = goal.period is Period.WEEK
        first = week_start_of(day) if weekly else day
        index, counts_key = self._ledger.counts(
            (first, first + timedelta(days=6) if weekly else day), conversations=goal.unit is GoalUnit.CONVERSATIONS
        )

        def compute() -> Progress:
            if goal.period is Period.WEEK:
                first = week_start_of(day)
                done = self._count(index, goal.unit, first, first + timedelta(days=6))
                applies = self._days_of(goal).any_in(first, first + timedelta(days=6))
                return Progress(done, goal.target, goal.unit, goal.period, first, applies)
            done = self._count(index, goal.unit, day, day)
            return Progress(done, goal.target, goal.unit, goal.period, day, self.applies_on(goal, day))

        return self._remember("progress", (counts_key, goal.id, goal.updated, day), compute)

    def judged(
        self, today: date, goals: list[Goal], first: date | None = None, last: date | None = None
    ) -> list[tuple[Period, date, bool]]:
        """Every judged day and week (period, the day or week start, met), by Goal's own rules: the
        strength score and the weekly review both read these."""
        return self._judged(today, goals, first, last)

    def _judged(
        self, today: date, goals: list[Goal], first: date | None = None, last: date | None = None
    ) -> list[tuple[Period, date, bool]]:
        """(period, day or week start, met) for every judged day and week from `first` to `last` (default: from
        the first goal to today), oldest first (`goals` oldest first)."""
        if not goals:
            return []
        index = self._ledger.index()
        starts = [self._start(goal) for goal in goals]
        spans = [(start, goal.end, goal, self._days_of(goal)) for start, goal in zip(starts, goals, strict=True)]
        results: list[tuple[Period, date, bool]] = []
        begun = 0  # goals[:begun] started on or before the day
        day = max(min(starts), first) if first is not None else min(starts)
        last = today if last is None else last
        one_day = timedelta(days=1)
        # The goal that holds on a day changes only where a goal starts or the day after one ends.
        edges = sorted({span[0] for span in spans} | {span[1] + one_day for span in spans if span[1] is not None})
        while day <= last:
            while begun < len(spans) and spans[begun][0] <= day:
                begun += 1
            held = None
            for position in range(begun - 1, -1, -1):  # the latest-starting goal still in its dates
                end = spans[position][1]
                if end is None or end >= day:
                    held = spans[position]
                    break
            if held is not None and held[2].period is Period.DAY:  # every day up to the next edge at once
                at = bisect.bisect_right(edges, day)
                stretch_end = min(last, edges[at] - one_day) if at < len(edges) else last
                _judge_days(index, held[2], held[3], day, stretch_end, today, results)
                day = stretch_end + one_day
                continue
            if held is not None:
                goal, days = held[2], held[3]
                if day.weekday() == 6 or day == today:
                    week = day - timedelta(days=day.weekday())
                    if days.any_in(max(week, days.start), day):
                        met = self._count(index, goal.unit, week, week + timedelta(days=6)) >= goal.target
                        if (day.weekday() == 6 and day < today) or met:
                            results.append((Period.WEEK, week, met))
            day += one_day
        return results

    def strength(self) -> Strength | None:
        """The forgiving strength of the habit and the plain count of days (or weeks) met; None without a goal."""
        goals = self._store.all(Goal)
        goal = self._current_of(goals)
        if goal is None:
            return None
        today = self.today()
        self._ledger.index()
        version = self._ledger.version
        goals_key = tuple((g.id, g.updated) for g in goals)
        ordered = sorted(goals, key=self._order)

        def fold(state: tuple[float, int, int], slots: list[tuple[Period, date, bool]]) -> tuple[float, int, int]:
            score, met, judged = state
            for period, _day, was_met in slots:
                keep = DAY_MULTIPLIER if period is Period.DAY else WEEK_MULTIPLIER
                score = score * keep + (100.0 if was_met else 0.0) * (1 - keep)
                if period is goal.period:
                    judged += 1
                    met += was_met
            return score, met, judged

        def compute() -> Strength:
            # Every day before today is settled: keep their sum, and redo it only when a change reaches
            # back before today (a log dated yesterday, say), the goals change, or the day turns.
            prefix = self._prefix
            reuse = False
            if prefix is not None and prefix[0] == goals_key and prefix[1] == today:
                days = self._ledger.days_touched_since(prefix[2])
                reuse = days is not None and all(day >= today for day in days)
            if prefix is not None and reuse:
                state = prefix[3]
            else:
                state = fold((0.0, 0, 0), self._judged(today, ordered, last=today - timedelta(days=1)))
            self._prefix = (goals_key, today, version, state)
            score, met, judged = fold(state, self._judged(today, ordered, first=today))
            return Strength(score=score, met=met, judged=judged, period=goal.period)

        return self._remember("strength", (version, today, goals_key), compute)

    def weeks(self, count: int = 8) -> list[WeekTally]:
        """The current goal's count in each of the last `count` weeks, oldest first (this week last)."""
        goal = self.current()
        unit = goal.unit if goal is not None else GoalUnit.PEOPLE
        index = self._ledger.index()
        monday = week_start_of(self.today())
        tallies = []
        for back in range(count - 1, -1, -1):
            first = monday - timedelta(days=7 * back)
            tallies.append(WeekTally(first, self._count(index, unit, first, first + timedelta(days=6))))
        return tallies

    # the plan

    def plan_now(self, now: datetime | None = None) -> bool:
        """True from the planned time of day until an hour later, on a planned day (default: the goal's days)."""
        goal = self.current()
        if goal is None or not goal.plan_time:
            return False
        moment = now or self._store.clock()
        zone = self._store.clock().tzinfo
        local = moment.astimezone(zone) if zone is not None else moment
        try:
            planned_at = time.fromisoformat(goal.plan_time)
        except ValueError:
            return False  # a hand-edited time coach can't read: no claim either way
        day = local.date()
        if goal.plan_days:
            codes = goal.plan_days.upper().replace(" ", "").split(",")
            if WEEKDAY_CODES[day.weekday()] not in codes:
                return False
        elif not self.applies_on(goal, day):
            return False
        start = datetime.combine(day, planned_at, tzinfo=local.tzinfo)
        return start <= local < start + PLAN_WINDOW

    def plan_text(self) -> str:
        """The plan with its time and days ("weekday mornings at the kitchen table (08:00, Mon-Fri)"), or ""."""
        goal = self.current()
        if goal is None:
            return ""
        extra = []
        if goal.plan_time:
            extra.append(goal.plan_time)
        if goal.plan_days:
            extra.append(describe_days(rule_for_days(goal.plan_days)))
        text = goal.plan
        if extra:
            text = f"{text} ({', '.join(extra)})" if text else ", ".join(extra)
        return text
