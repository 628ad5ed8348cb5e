"""Face the fear monger: anxious thoughts written down as they are, counted, and later tested.

Everything here is computed from the store with the store's clock, so tests can fix "now".
Weeks run Monday to Sunday in the clock's time zone, the same weeks the weekly review uses.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import typing
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from coach.errors import ConflictError, NotFoundError, ValidationError
from coach.models import Contact, Interview, Outcome, Outreach, Response, Thought
from coach.store import Store
from coach.text import normalise_for_match, require_text
from coach.values import replace as replace_value
from coach.values import value_type

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

_PERCENT = r"^\s*(\d{1,3})\s*%?\s*$"
"""Compiled when first used (by `re`): opening coach needn't."""


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
    match = re.match(_PERCENT, value)
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
    from difflib import SequenceMatcher  # here: Home counts thoughts before its first frame, it never compares them

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


_FIELD = 10
"""Bits per character count in a text's packed counts: 9 for the count (a text that can match fuzzily
is at most MATCH_MAX_CHARS long) and a guard bit."""
_BUCKETS = 32
_GUARDS = sum(1 << (_FIELD * field + _FIELD - 1) for field in range(_BUCKETS))
_ONES = sum(1 << (_FIELD * field) for field in range(_BUCKETS))
_VALUE = (1 << (_FIELD - 1)) - 1


def _bucket(char: str) -> int:
    code = ord(char)
    if 97 <= code <= 122:  # a-z
        return code - 97
    if 48 <= code <= 57:
        return 26
    if code == 32:
        return 27
    return 28 + code % 4


def _packed_counts(folded: str) -> int:
    """How often each kind of character occurs in `folded`, as fields of one integer."""
    packed = 0
    for char in set(folded):
        packed += folded.count(char) << (_FIELD * _bucket(char))
    return packed


def _shared_at_most(first: int, second: int) -> int:
    """An upper bound on the characters two texts share as multisets (what `quick_ratio` counts),
    from their packed counts: the sum over the fields of the smaller count, worked out for all 32
    fields at once. Characters that share a field only make the bound looser, never too small."""
    first_is_larger = ((first | _GUARDS) - second) & _GUARDS  # the guard survives where first >= second
    flags = first_is_larger >> (_FIELD - 1)
    take_second = (flags << (_FIELD - 1)) - flags  # all value bits set in those fields
    smaller = (second & take_second) | (first & ~take_second)
    return ((smaller * _ONES) >> (_FIELD * (_BUCKETS - 1))) & ((1 << _FIELD) - 1)


def _common_subsequence(masks: dict[str, int], length: int, other: str) -> int:
    """The length of the longest common subsequence of a text (given by `masks`, its positions of each
    character as bits, and `length`) and `other`: bit-parallel (Hyyrö). SequenceMatcher's matching
    blocks form a common subsequence, so this bounds the matches `ratio` counts."""
    full = (1 << length) - 1
    row = full
    for char in other:
        matched = row & masks.get(char, 0)
        row = ((row + matched) | (row - matched)) & full
    return length - row.bit_count()


class _Folded:
    """One distinct folded text and the thoughts that fold to it."""

    __slots__ = ("ids", "packed", "text")

    def __init__(self, text: str, packed: int, ids: set[int]) -> None:
        self.text = text
        self.packed = packed
        self.ids = ids


class _MatchIndex:
    """Earlier thoughts by folded text, so that finding a similar one scores a few instead of all.

    Thoughts that fold to the same text are kept once, under their length. A lookup visits only the
    lengths `_folded_similarity` can accept (the shorter at least 2/3 of the longer), and of those
    scores only the texts whose character counts and longest common subsequence leave room for the
    threshold: each test is an upper bound on what SequenceMatcher would find, so nothing that could
    match is skipped and the answer is the one scoring every thought gives."""

    def __init__(self) -> None:
        self.generation: int | None = None
        self._thoughts: dict[int, Thought] = {}
        self._folded_of: dict[int, str] = {}
        self._texts: dict[str, _Folded] = {}
        self._by_length: dict[int, dict[str, _Folded]] = {}

    def __len__(self) -> int:
        return len(self._thoughts)

    def ids(self) -> set[int]:
        return set(self._thoughts)

    def thought(self, thought_id: int) -> Thought | None:
        return self._thoughts.get(thought_id)

    def add(self, thought: Thought, folded: str) -> None:
        self._thoughts[thought.id] = thought
        self._folded_of[thought.id] = folded
        if not folded:
            return
        entry = self._texts.get(folded)
        if entry is None:
            packed = _packed_counts(folded) if len(folded) <= MATCH_MAX_CHARS else 0
            entry = self._texts[folded] = _Folded(folded, packed, set())
            self._by_length.setdefault(len(folded), {})[folded] = entry
        entry.ids.add(thought.id)

    def remove(self, thought_id: int) -> None:
        del self._thoughts[thought_id]
        folded = self._folded_of.pop(thought_id)
        entry = self._texts.get(folded)
        if entry is None:
            return
        entry.ids.discard(thought_id)
        if not entry.ids:
            del self._texts[folded]
            same_length = self._by_length[len(folded)]
            del same_length[folded]
            if not same_length:
                del self._by_length[len(folded)]

    def replace(self, thought: Thought) -> None:
        """A newer copy of a record with the same words (an outcome or a time added)."""
        self._thoughts[thought.id] = thought

    def candidates(self, folded: str) -> list[tuple[float, list[Thought]]]:
        """(score, thoughts) for every distinct text scoring at least MATCH_THRESHOLD against `folded`."""
        found: list[tuple[float, list[Thought]]] = []
        exact = self._texts.get(folded)
        if exact is not None:
            found.append((1.0, [self._thoughts[i] for i in exact.ids]))
        size = len(folded)
        if not 0 < size <= MATCH_MAX_CHARS:
            return found
        packed = _packed_counts(folded)
        masks: dict[str, int] = {}
        for position, char in enumerate(folded):
            masks[char] = masks.get(char, 0) | (1 << position)
        for length in range(max(1, size * 2 // 3 - 1), min(MATCH_MAX_CHARS, size * 3 // 2 + 1) + 1):
            same_length = self._by_length.get(length)
            if not same_length:
                continue
            total = size + length
            if 2 * min(size, length) / total < MATCH_THRESHOLD:
                continue
            for entry in same_length.values():
                if entry is exact:
                    continue
                if 2.0 * _shared_at_most(packed, entry.packed) / total < MATCH_THRESHOLD:
                    continue
                if 2.0 * _common_subsequence(masks, size, entry.text) / total < MATCH_THRESHOLD:
                    continue
                score = _folded_similarity(folded, entry.text)
                if score >= MATCH_THRESHOLD:
                    found.append((score, [self._thoughts[i] for i in entry.ids]))
        return found


# --- figures ---------------------------------------------------------------------------------


@value_type
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
    times: int = 0
    """Times any thought was written down, in all (a thought that came back three times counts three)."""
    this_week_thoughts: int = 0
    """Different thoughts written down this week (new ones and ones that came back)."""
    last_week_thoughts: int = 0
    """The same for last week."""

    @property
    def added_since_last_week(self) -> int:
        return self.total - self.total_last_week


@value_type
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
    evidence: str = ""
    """How likely a yes felt before asking against the answers ("You expected 30 %; 9 of 11 said yes."),
    or "" before any answer."""


@value_type
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


def _reality_moved(check: RealityCheck, old: Thought | None, new: Thought | None) -> RealityCheck:
    """`check` after one thought went from `old` to `new` (None: not there); outreach is unchanged."""
    by_outcome = {
        Outcome.CAME_TRUE: check.came_true,
        Outcome.PARTLY: check.partly,
        Outcome.DID_NOT_HAPPEN: check.did_not_happen,
        Outcome.UNTESTED: check.untested,
    }
    for thought, sign in ((old, -1), (new, 1)):
        if thought is not None:
            by_outcome[thought.outcome] += sign
    total = sum(by_outcome.values())
    return replace_value(
        check,
        total=total,
        tested=total - by_outcome[Outcome.UNTESTED],
        came_true=by_outcome[Outcome.CAME_TRUE],
        partly=by_outcome[Outcome.PARTLY],
        did_not_happen=by_outcome[Outcome.DID_NOT_HAPPEN],
        untested=by_outcome[Outcome.UNTESTED],
    )


def week_start_of(moment: datetime | date) -> date:
    """The Monday of the week `moment` falls in."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


# --- the service -----------------------------------------------------------------------------


class FearService:
    """Write thoughts down, count them, spot the ones that come back, and test them against reality."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._index = _MatchIndex()
        self._figures: dict[str, tuple[tuple[int, date], object]] = {}

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
        """The earlier thought `text` most closely repeats, or None if it is a new one.

        The most alike wins; among equally alike ones the newest. Only a few candidates are scored
        (see `_MatchIndex`), with the same answer as scoring every thought."""
        folded = normalise_for_match(text)
        if not folded:
            return None
        best: tuple[float, datetime, int] | None = None
        found: Thought | None = None
        for score, thoughts in self._match_index().candidates(folded):
            for thought in thoughts:
                key = (score, thought.created, thought.id)
                if best is None or key > best:
                    best, found = key, thought
        return found

    def prepare_matching(self, limit: int | None = None) -> bool:
        """Build (or bring up to date) what `find_similar` looks things up in, ahead of the first Enter.

        With `limit`, index at most that many more thoughts now, so a screen can spread the work
        over idle moments; True once the index is complete (call again until then)."""
        index = self._index
        if limit is not None and index.generation != self._store.generation:
            added = 0
            for thought in self._store.all(Thought):
                if index.thought(thought.id) is None:
                    index.add(thought, normalise_for_match(thought.text))
                    added += 1
                    if added >= limit:
                        return False
        self._match_index()
        return True

    def _match_index(self) -> _MatchIndex:
        """The index, in step with the store: only thoughts added, changed or removed since are redone."""
        index = self._index
        if index.generation == self._store.generation:
            return index
        thoughts = self._store.all(Thought)
        generation = self._store.generation  # reading may have reloaded a file changed on disk
        for thought in thoughts:
            indexed = index.thought(thought.id)
            if indexed is thought:
                continue
            if indexed is None:
                index.add(thought, normalise_for_match(thought.text))
            elif indexed.text == thought.text:
                index.replace(thought)
            else:
                index.remove(thought.id)
                index.add(thought, normalise_for_match(thought.text))
        if len(index) != len(thoughts):
            for gone in index.ids() - {thought.id for thought in thoughts}:
                index.remove(gone)
        index.generation = generation
        return index

    # writing

    def add(self, text: str, *, contact_id: int | None = None, interview_id: int | None = None) -> Thought:
        """Write a thought down as typed (control characters removed); refuses empty text."""
        cleaned = require_text(text, what="a thought")
        self._check_links(contact_id, interview_id)
        record = Thought(text=cleaned, contact_id=contact_id, interview_id=interview_id)
        return self._write(None, lambda: self._store.add(record))

    def add_lines(self, lines: Sequence[str]) -> list[Thought]:
        """Write several thoughts down at once (a paste of several lines), in one save; the first line
        ends up oldest, so the list shows them in the order pasted from the bottom up. Refuses them all
        if any is empty or unreadable."""
        cleaned = [require_text(line, what="a thought") for line in lines]
        return self._store.add_many([Thought(text=text) for text in cleaned])

    def add_again(self, thought_id: int, *, seen: Thought | None = None) -> Thought:
        """The same fear came back: note the time on the existing thought instead of adding a line.

        With `seen` (the copy the person matched their words against), ConflictError if its words
        were changed elsewhere meanwhile; times noted elsewhere meanwhile are kept."""
        current = self.get(thought_id)
        if seen is not None and current.text != seen.text:
            raise self._clash(current, {"text": (current.text, seen.text)})
        again = dataclasses.replace(current, seen=(*current.seen, self._now()))
        return self._write(thought_id, lambda: self._store.update(again, base=current))

    def edit(self, thought_id: int, text: str, *, seen: Thought | None = None) -> Thought:
        """Change a thought's words.

        With `seen` (the copy the person edited), ConflictError instead of overwriting words changed
        elsewhere meanwhile; to keep theirs after all, call again with `seen=error.current`."""
        cleaned = require_text(text, what="a thought")
        thought = self._seen_or_current(thought_id, seen)
        if cleaned == thought.text:
            return thought
        return self._write(
            thought_id, lambda: self._store.update(dataclasses.replace(thought, text=cleaned), base=thought)
        )

    def set_likelihood(self, thought_id: int, likelihood: int | None, *, seen: Thought | None = None) -> Thought:
        """How likely it feels, 0-100 %, or None to clear it. `seen`: as for `edit`."""
        value = check_likelihood(likelihood)
        thought = self._seen_or_current(thought_id, seen)
        return self._write(
            thought_id, lambda: self._store.update(dataclasses.replace(thought, likelihood=value), base=thought)
        )

    def set_outcome(self, thought_id: int, outcome: Outcome | str, *, seen: Thought | None = None) -> Thought:
        """What happened: came true, partly, didn't happen, or not tested yet. `seen`: as for `edit`."""
        value = parse_outcome(outcome)
        thought = self._seen_or_current(thought_id, seen)
        return self._write(
            thought_id, lambda: self._store.update(dataclasses.replace(thought, outcome=value), base=thought)
        )

    def link(
        self,
        thought_id: int,
        *,
        contact_id: int | None = None,
        interview_id: int | None = None,
        seen: Thought | None = None,
    ) -> Thought:
        """Say what a thought is about: a person, an interview, or (both None) nothing in particular.
        `seen`: as for `edit`."""
        self._check_links(contact_id, interview_id)
        thought = self._seen_or_current(thought_id, seen)
        linked = dataclasses.replace(thought, contact_id=contact_id, interview_id=interview_id)
        return self._write(thought_id, lambda: self._store.update(linked, base=thought))

    def delete(self, thought_id: int, *, seen: Thought | None = None) -> None:
        """Remove a thought for good.

        With `seen` (the copy the person asked to delete), ConflictError if it was changed elsewhere
        meanwhile, so nothing they haven't seen is thrown away; `seen=error.current` deletes it anyway."""
        if seen is not None:
            current = self.get(thought_id)
            changes = {
                field.name: (getattr(current, field.name), getattr(seen, field.name))
                for field in dataclasses.fields(current)
                if field.name not in ("updated", "created", "id")
                and getattr(current, field.name) != getattr(seen, field.name)
            }
            if changes:
                raise self._clash(current, changes)
        self._write(thought_id, lambda: self._store.delete(Thought, thought_id))

    def _write(self, thought_id: int | None, write: Callable[[], T]) -> T:
        """Run one save of a thought, and carry the remembered figures over to the new data version."""
        old: Thought | None = None
        if thought_id is not None:
            with contextlib.suppress(NotFoundError):  # the write itself says so
                old = self._store.get(Thought, thought_id)
        before = self._store.generation
        result = write()
        new = result if isinstance(result, Thought) else None
        self._carry_figures(before, old, new)
        self._carry_index(before, thought_id, new)
        return result

    def _carry_index(self, before: int, thought_id: int | None, new: Thought | None) -> None:
        """After one save of ours and nothing else, bring the matching index along by that one thought
        instead of checking every thought against it on the next Enter."""
        index = self._index
        if index.generation != before or self._store.generation != before + 1:
            return
        if thought_id is not None and index.thought(thought_id) is not None:
            index.remove(thought_id)
        if new is not None:
            index.add(new, normalise_for_match(new.text))
        index.generation = before + 1

    def _carry_figures(self, before: int, old: Thought | None, new: Thought | None) -> None:
        """After one save of ours and nothing else (the data version moved by exactly one), work out
        the figures from the ones remembered before it and the one thought that changed, instead of
        walking every thought again. Anything else (a change from elsewhere, a new day) recomputes."""
        if self._store.generation != before + 1:
            return
        day = self._now().date()
        summary = self._figures.get("summary")
        if summary is not None and summary[0] == (before, day):
            assert isinstance(summary[1], CountSummary)
            self._figures["summary"] = ((before + 1, day), self._summary_moved(summary[1], old, new))
        reality = self._figures.get("reality")
        if reality is not None and reality[0] == (before, day):
            assert isinstance(reality[1], RealityCheck)
            self._figures["reality"] = ((before + 1, day), _reality_moved(reality[1], old, new))

    def _summary_moved(self, summary: CountSummary, old: Thought | None, new: Thought | None) -> CountSummary:
        this_start, last_start = self._week_starts()
        counts = [
            summary.total,
            summary.total_last_week,
            summary.this_week,
            summary.last_week,
            summary.times,
            summary.this_week_thoughts,
            summary.last_week_thoughts,
        ]
        for thought, sign in ((old, -1), (new, 1)):
            if thought is None:
                continue
            moments = (thought.created, *thought.seen)
            this_week = sum(1 for moment in moments if moment >= this_start)
            last_week = sum(1 for moment in moments if last_start <= moment < this_start)
            part = (1, thought.created < this_start, this_week, last_week, len(moments), this_week > 0, last_week > 0)
            counts = [count + sign * int(value) for count, value in zip(counts, part, strict=True)]
        total, total_last_week, this_week, last_week, times, this_thoughts, last_thoughts = counts
        return CountSummary(
            total=total,
            total_last_week=total_last_week,
            this_week=this_week,
            last_week=last_week,
            week_start=summary.week_start,
            times=times,
            this_week_thoughts=this_thoughts,
            last_week_thoughts=last_thoughts,
        )

    def _week_starts(self) -> tuple[datetime, datetime]:
        """The first instants of this week and of last week, in the clock's time zone."""
        now = self._now()
        this_monday = week_start_of(self._local(now))
        this_start = datetime.combine(this_monday, time(0, 0), tzinfo=now.tzinfo)
        return this_start, datetime.combine(this_monday - timedelta(days=7), time(0, 0), tzinfo=now.tzinfo)

    def _seen_or_current(self, thought_id: int, seen: Thought | None) -> Thought:
        if seen is None:
            return self.get(thought_id)
        if seen.id != thought_id:
            raise ValueError(f"seen is thought #{seen.id}, not #{thought_id}")
        return seen

    @staticmethod
    def _clash(current: Thought, changes: dict[str, tuple[object, object]]) -> ConflictError:
        return ConflictError(
            f"This thought was changed somewhere else while you had it open ({', '.join(changes)}). "
            "Nothing was saved yet; choose which to keep.",
            kind=Thought,
            record_id=current.id,
            changes=changes,
            current=current,
        )

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
        this_monday = week_start_of(self._local(self._now()))
        # Compare aware datetimes with the week's first instant instead of converting each moment to a
        # local date: the same answer, and fast enough to run on every keystroke with 10,000 thoughts.
        this_start, last_start = self._week_starts()
        thoughts = self._store.all(Thought)
        this_week = last_week = before = times = this_week_thoughts = last_week_thoughts = 0
        for thought in thoughts:
            if thought.created < this_start:
                before += 1
            if thought.seen:
                times += 1 + len(thought.seen)
                seen_this = seen_last = False
                for moment in (thought.created, *thought.seen):
                    if moment >= this_start:
                        this_week += 1
                        seen_this = True
                    elif moment >= last_start:
                        last_week += 1
                        seen_last = True
                this_week_thoughts += seen_this
                last_week_thoughts += seen_last
            else:
                times += 1
                if thought.created >= this_start:
                    this_week += 1
                    this_week_thoughts += 1
                elif thought.created >= last_start:
                    last_week += 1
                    last_week_thoughts += 1
        return CountSummary(
            total=len(thoughts),
            total_last_week=before,
            this_week=this_week,
            last_week=last_week,
            week_start=this_monday,
            times=times,
            this_week_thoughts=this_week_thoughts,
            last_week_thoughts=last_week_thoughts,
        )

    def reality_check(self) -> RealityCheck:
        """How the fears tested so far turned out, and how many people said yes when asked."""
        return self._remembered("reality", self._reality_check)

    def _reality_check(self) -> RealityCheck:
        thoughts = self._store.all(Thought)
        by_outcome = {outcome: 0 for outcome in Outcome}
        for thought in thoughts:
            by_outcome[thought.outcome] += 1
        from coach.services.outreach import predict

        asked: set[int] = set()
        said_yes: set[int] = set()
        everything = self._store.all(Outreach)
        for outreach in everything:
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
            evidence=predict(everything).text,
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
