"""Face the fear monger: anxious thoughts written down as they are, counted, and later tested.

Everything here is computed from the store with the store's clock, so tests can fix "now".
Weeks run Monday to Sunday in the clock's time zone, the same weeks the weekly review uses.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from difflib import SequenceMatcher

from coach.errors import NotFoundError, ValidationError
from coach.models import Contact, Interview, Outcome, Outreach, Response, Thought
from coach.store import Store
from coach.text import normalise_for_match, require_text

T = typing.TypeVar("T")

MATCH_THRESHOLD = 0.8
"""How alike two thoughts must be (0-1, on the folded text) to count as the same fear."""

WORD_THRESHOLD = 0.6
"""How alike a swapped word must be to its counterpart to pass as a typo rather than a new word."""

MATCH_MAX_CHARS = 400
"""Longer thoughts only match when they are the same after folding: fuzzy matching long pastes is slow and unhelpful."""

_NEGATIONS = frozenset(
    {"not", "no", "never", "nobody", "nothing", "cannot", "cant", "dont", "doesnt", "didnt", "wont", "wouldnt"}
    | {"shouldnt", "couldnt", "isnt", "arent", "wasnt", "werent"}
)
"""Words whose presence or absence turns a thought around, so adding or dropping one makes a different fear."""

_OUTCOME_WORDS: dict[str, Outcome] = {}
for _outcome in Outcome:
    _OUTCOME_WORDS[_outcome.value] = _outcome
    _OUTCOME_WORDS[_outcome.label] = _outcome
_OUTCOME_WORDS.update(
    {
        "came true": Outcome.CAME_TRUE,
        "true": Outcome.CAME_TRUE,
        "did not happen": Outcome.DID_NOT_HAPPEN,
        "didnt happen": Outcome.DID_NOT_HAPPEN,
        "didn't-happen": Outcome.DID_NOT_HAPPEN,
        "didnt-happen": Outcome.DID_NOT_HAPPEN,
        "not tested": Outcome.UNTESTED,
        "not tested yet": Outcome.UNTESTED,
        "not-tested": Outcome.UNTESTED,
    }
)

_PERCENT = re.compile(r"^\s*(\d{1,3})\s*%?\s*$")


def parse_outcome(value: str | Outcome) -> Outcome:
    """An Outcome from its value ("came-true"), its label ("didn't happen") or a near spelling."""
    if isinstance(value, Outcome):
        return value
    key = " ".join(value.strip().casefold().replace("_", "-").split())
    outcome = _OUTCOME_WORDS.get(key) or _OUTCOME_WORDS.get(key.replace(" ", "-"))
    if outcome is None:
        choices = ", ".join(o.value for o in Outcome)
        raise ValidationError(f"{value!r} isn't an outcome coach knows; use one of {choices}.")
    return outcome


def parse_likelihood(value: str) -> int | None:
    """A likelihood typed as "70" or "70 %"; empty text means "not said". Refuses anything outside 0-100."""
    if not value.strip():
        return None
    match = _PERCENT.match(value)
    if match is None:
        raise ValidationError("Type a whole number from 0 to 100, such as 40, or leave it empty.")
    return check_likelihood(int(match.group(1)))


def check_likelihood(value: int | None) -> int | None:
    """`value` if it is a percentage (or None); ValidationError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError(f"A likelihood goes from 0 to 100 %; {value!r} is outside that.")
    return value


def similarity(first: str, second: str) -> float:
    """How alike two thoughts are, 0 to 1, after folding case, accents, punctuation and spacing.

    Small wording differences (a typo, an extra "just", "I'm" for "I am") keep the score high;
    a swapped word ("say no" / "say yes") or an added or dropped negation makes it 0.
    """
    return _folded_similarity(normalise_for_match(first), normalise_for_match(second))


def _folded_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if len(a) > MATCH_MAX_CHARS or len(b) > MATCH_MAX_CHARS:
        return 0.0
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < MATCH_THRESHOLD:
        return 0.0  # the lengths alone rule it out
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    score = matcher.ratio()
    if score < MATCH_THRESHOLD:
        return 0.0
    words_a, words_b = a.split(), b.split()
    for tag, a1, a2, b1, b2 in SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        removed, added = words_a[a1:a2], words_b[b1:b2]
        if _NEGATIONS.intersection(removed) ^ _NEGATIONS.intersection(added):
            return 0.0
        if tag == "replace":
            before, after = "".join(removed), "".join(added)
            if SequenceMatcher(None, before, after, autojunk=False).ratio() < WORD_THRESHOLD:
                return 0.0
    return score


# --- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountSummary:
    """The headline: how many thoughts are on the list, and this week against last week."""

    total: int
    """Thoughts on the list now (a recurring thought counts once)."""
    total_last_week: int
    """Of today's list, how many were already on it when this week began."""
    this_week: int
    """Times a thought was written down this week, new ones and ones that came back."""
    last_week: int
    """The same for last week."""
    week_start: date
    """The Monday this week began."""

    @property
    def added_since_last_week(self) -> int:
        return self.total - self.total_last_week


@dataclass(frozen=True, slots=True)
class RealityCheck:
    """Fears set against what happened, and the evidence from outreach."""

    total: int
    tested: int
    came_true: int
    partly: int
    did_not_happen: int
    untested: int
    asked: int
    """People reached out to (each person once, however many messages)."""
    said_yes: int
    """Of those, people who said yes at least once."""


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """One week of the fear list, for the weekly review."""

    week_start: date
    logged: int
    """Times a thought was written down that week (new ones and ones that came back)."""
    new: int
    """Thoughts first written down that week."""
    tested: int
    """Of the new ones, how many have an outcome now."""
    came_true: int
    partly: int
    did_not_happen: int

    @property
    def share_came_true(self) -> float | None:
        """Came true / tested, 0-1; None while none of that week's thoughts is tested."""
        return self.came_true / self.tested if self.tested else None


def week_start_of(moment: datetime | date) -> date:
    """The Monday of the week `moment` falls in."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


# --- the service -----------------------------------------------------------------------------


class FearService:
    """Write thoughts down, count them, spot the ones that come back, and test them against reality."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._folds: dict[str, str] = {}
        self._figures: dict[str, tuple[tuple[int, date], object]] = {}

    def _folded(self, text: str) -> str:
        """`normalise_for_match(text)`, remembered: matching runs on every Enter against every thought."""
        folded = self._folds.get(text)
        if folded is None:
            if len(self._folds) > 10_000:
                self._folds.clear()
            folded = self._folds[text] = normalise_for_match(text)
        return folded

    # time

    def now(self) -> datetime:
        """The store's clock: what "this week" and "today" mean for every figure here."""
        return self._store.clock()

    def _now(self) -> datetime:
        return self._store.clock()

    def _local(self, moment: datetime) -> datetime:
        now = self._now()
        return moment.astimezone(now.tzinfo) if now.tzinfo is not None else moment

    # reading

    def thoughts(self) -> list[Thought]:
        """Every thought, newest first."""
        return sorted(self._store.all(Thought), key=lambda t: (t.created, t.id), reverse=True)

    def get(self, thought_id: int) -> Thought:
        """The thought with `thought_id`; NotFoundError if there is none."""
        return self._store.get(Thought, thought_id)

    def count(self) -> int:
        """How many thoughts are on the list now."""
        return self._store.count(Thought)

    @property
    def version(self) -> int:
        """Changes whenever the data may have changed (a save here, or the file changed on disk)."""
        return self._store.generation

    def thoughts_about_contact(self, contact_id: int) -> list[Thought]:
        """The thoughts linked to one person, newest first."""
        return [t for t in self.thoughts() if t.contact_id == contact_id]

    def thoughts_about_interview(self, interview_id: int) -> list[Thought]:
        """The thoughts linked to one interview, newest first (for the walkthrough and the reflection)."""
        return [t for t in self.thoughts() if t.interview_id == interview_id]

    def about(self, thought: Thought) -> str:
        """What a thought is about, in words: a person's name, an interview, or "general"."""
        if thought.interview_id is not None:
            try:
                return self._interview_label(self._store.get(Interview, thought.interview_id))
            except NotFoundError:
                return "an interview (removed)"
        if thought.contact_id is not None:
            return self._contact_name(thought.contact_id) or "a person (removed)"
        return "general"

    def _interview_label(self, interview: Interview) -> str:
        who = self._contact_name(interview.contact_id)
        if who:
            return f"interview with {who}"
        if interview.when is not None:
            return f"interview on {self._local(interview.when):%d %b}"
        return f"interview #{interview.id}"

    def _contact_name(self, contact_id: int | None) -> str:
        if contact_id is None:
            return ""
        try:
            return self._store.get(Contact, contact_id).name
        except NotFoundError:
            return ""

    def link_choices(self) -> list[tuple[str, int | None, int | None]]:
        """What a thought can be about: (label, contact_id, interview_id).

        "general" comes first, then interviews, then people by name.
        """
        choices: list[tuple[str, int | None, int | None]] = [("general", None, None)]
        for interview in self._store.all(Interview):
            choices.append((self._interview_label(interview), None, interview.id))
        for contact in sorted(self._store.all(Contact), key=lambda c: c.name.casefold()):
            choices.append((contact.name, contact.id, None))
        return choices

    # recurring thoughts

    def find_similar(self, text: str) -> Thought | None:
        """The earlier thought `text` most closely repeats, or None if it is a new one."""
        best: tuple[float, datetime, int] | None = None
        found: Thought | None = None
        folded = normalise_for_match(text)
        for thought in self._store.all(Thought):
            score = _folded_similarity(folded, self._folded(thought.text))
            if score < MATCH_THRESHOLD:
                continue
            key = (score, thought.created, thought.id)
            if best is None or key > best:
                best, found = key, thought
        return found

    # writing

    def add(self, text: str, *, contact_id: int | None = None, interview_id: int | None = None) -> Thought:
        """Write a thought down as typed (control characters removed); refuses empty text."""
        cleaned = require_text(text, what="a thought")
        self._check_links(contact_id, interview_id)
        return self._store.add(Thought(text=cleaned, contact_id=contact_id, interview_id=interview_id))

    def add_again(self, thought_id: int) -> Thought:
        """The same fear came back: note the time on the existing thought instead of adding a line."""
        thought = self.get(thought_id)
        return self._store.update(dataclasses.replace(thought, seen=(*thought.seen, self._now())), base=thought)

    def edit(self, thought_id: int, text: str) -> Thought:
        """Change a thought's words."""
        cleaned = require_text(text, what="a thought")
        thought = self.get(thought_id)
        if cleaned == thought.text:
            return thought
        return self._store.update(dataclasses.replace(thought, text=cleaned), base=thought)

    def set_likelihood(self, thought_id: int, likelihood: int | None) -> Thought:
        """How likely it feels, 0-100 %, or None to clear it."""
        value = check_likelihood(likelihood)
        thought = self.get(thought_id)
        return self._store.update(dataclasses.replace(thought, likelihood=value), base=thought)

    def set_outcome(self, thought_id: int, outcome: Outcome | str) -> Thought:
        """What happened: came true, partly, didn't happen, or not tested yet."""
        value = parse_outcome(outcome)
        thought = self.get(thought_id)
        return self._store.update(dataclasses.replace(thought, outcome=value), base=thought)

    def link(self, thought_id: int, *, contact_id: int | None = None, interview_id: int | None = None) -> Thought:
        """Say what a thought is about: a person, an interview, or (both None) nothing in particular."""
        self._check_links(contact_id, interview_id)
        thought = self.get(thought_id)
        return self._store.update(
            dataclasses.replace(thought, contact_id=contact_id, interview_id=interview_id), base=thought
        )

    def delete(self, thought_id: int) -> None:
        """Remove a thought for good."""
        self._store.delete(Thought, thought_id)

    def _check_links(self, contact_id: int | None, interview_id: int | None) -> None:
        if contact_id is not None:
            self._store.get(Contact, contact_id)
        if interview_id is not None:
            self._store.get(Interview, interview_id)

    # figures

    def _occurrences(self, thought: Thought) -> list[date]:
        return [self._local(moment).date() for moment in (thought.created, *thought.seen)]

    def _remembered(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, reused until the data changes or the day turns (screens ask on every redraw)."""
        key = (self._store.generation, self._now().date())
        hit = self._figures.get(name)
        if hit is not None and hit[0] == key:
            return typing.cast(T, hit[1])
        value = compute()
        self._figures[name] = (key, value)
        return value

    def summary(self) -> CountSummary:
        """The count now, and how this week compares with last week."""
        return self._remembered("summary", self._summary)

    def _summary(self) -> CountSummary:
        now = self._now()
        this_monday = week_start_of(self._local(now))
        # Compare aware datetimes with the week's first instant instead of converting each moment to a
        # local date: the same answer, and fast enough to run on every keystroke with 10,000 thoughts.
        this_start = datetime.combine(this_monday, time(0, 0), tzinfo=now.tzinfo)
        last_start = datetime.combine(this_monday - timedelta(days=7), time(0, 0), tzinfo=now.tzinfo)
        thoughts = self._store.all(Thought)
        this_week = last_week = before = 0
        for thought in thoughts:
            if thought.created < this_start:
                before += 1
            for moment in (thought.created, *thought.seen) if thought.seen else (thought.created,):
                if moment >= this_start:
                    this_week += 1
                elif moment >= last_start:
                    last_week += 1
        return CountSummary(
            total=len(thoughts),
            total_last_week=before,
            this_week=this_week,
            last_week=last_week,
            week_start=this_monday,
        )

    def reality_check(self) -> RealityCheck:
        """How the fears tested so far turned out, and how many people said yes when asked."""
        return self._remembered("reality", self._reality_check)

    def _reality_check(self) -> RealityCheck:
        thoughts = self._store.all(Thought)
        by_outcome = {outcome: 0 for outcome in Outcome}
        for thought in thoughts:
            by_outcome[thought.outcome] += 1
        asked: set[int] = set()
        said_yes: set[int] = set()
        for outreach in self._store.all(Outreach):
            asked.add(outreach.contact_id)
            if outreach.response is Response.YES:
                said_yes.add(outreach.contact_id)
        return RealityCheck(
            total=len(thoughts),
            tested=len(thoughts) - by_outcome[Outcome.UNTESTED],
            came_true=by_outcome[Outcome.CAME_TRUE],
            partly=by_outcome[Outcome.PARTLY],
            did_not_happen=by_outcome[Outcome.DID_NOT_HAPPEN],
            untested=by_outcome[Outcome.UNTESTED],
            asked=len(asked),
            said_yes=len(said_yes),
        )

    def week(self, week_start: date) -> WeekFigures:
        """The fear list's figures for the week that begins on `week_start` (a Monday)."""
        start = week_start_of(week_start)
        end = start + timedelta(days=7)
        logged = new = tested = came_true = partly = did_not_happen = 0
        for thought in self._store.all(Thought):
            logged += sum(1 for day in self._occurrences(thought) if start <= day < end)
            if not start <= self._local(thought.created).date() < end:
                continue
            new += 1
            if thought.outcome is not Outcome.UNTESTED:
                tested += 1
            came_true += thought.outcome is Outcome.CAME_TRUE
            partly += thought.outcome is Outcome.PARTLY
            did_not_happen += thought.outcome is Outcome.DID_NOT_HAPPEN
        return WeekFigures(
            week_start=start,
            logged=logged,
            new=new,
            tested=tested,
            came_true=came_true,
            partly=partly,
            did_not_happen=did_not_happen,
        )

    def weeks(self, count: int = 8) -> list[WeekFigures]:
        """The last `count` weeks, oldest first, ending with this week."""
        this_monday = week_start_of(self._local(self._now()))
        return [self.week(this_monday - timedelta(days=7 * back)) for back in range(count - 1, -1, -1)]
