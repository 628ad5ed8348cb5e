"""The career options being explored, the evidence for each, and the comparison.

Evidence is worked out from what other parts of coach record, never typed twice:

* a conversation held is an interview marked done and linked to the option (`Interview.career_id`);
* people still to talk to are those linked to the option (`Contact.career_id`) or booked for a
  conversation about it (a planned or moved interview), with no conversation held with them yet;
* what was learned comes from the finished reflections on its conversations, newest first;
* the attraction trend is each reflection's "more / same / less attractive now" answer, in the
  order the conversations happened (a reflection still being written counts once it has an answer);
* an option with fewer than two conversations is flagged "still guessing".

Deleting an option leaves the people and interviews linked to it as they are: the store never hands
out an id twice, so a link to a removed option can't point at a later one, and every figure here
treats an unknown option id as no option at all (`title_of` gives "" for it). That keeps a delete
one save, whatever else links to it.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from coach.errors import NotFoundError, ValidationError
from coach.models import Attraction, Career, Contact, Interview, InterviewStatus, Record, Reflection
from coach.store import Store
from coach.text import MAX_LINE, clean_text, is_decodable, require_text

GAUGES: tuple[str, ...] = ("energy", "skills", "practicality", "values")
"""The fit gauges, in the order they are shown."""

GAUGE_LABELS: dict[str, str] = {
    "energy": "Energy",
    "skills": "Skills",
    "practicality": "Practicality",
    "values": "Values",
}
GAUGE_MEANINGS: dict[str, str] = {
    "energy": "how much it lifts you",
    "skills": "how well your skills fit",
    "practicality": "pay, place, training",
    "values": "what matters to you",
}

MAX_TITLE = 120
"""The longest name an option can have: it has to fit a table cell and a list line."""

STILL_GUESSING = "still guessing: talk to more people"
"""The flag on an option with fewer than `ENOUGH` conversations."""
ENOUGH = 2
"""Conversations before an option stops being a guess."""

_OPEN = (InterviewStatus.PLANNED, InterviewStatus.RESCHEDULED)


def _fold(title: str) -> str:
    return " ".join(clean_text(title).casefold().split())


def check_rating(gauge: str, value: int | None) -> int | None:
    """`value` if it is a fit rating for `gauge` (1-5, or None to clear it); ValidationError otherwise."""
    if gauge not in GAUGES:
        raise ValidationError(f'"{clean_text(str(gauge))[:40]}" isn\'t a gauge; use one of {", ".join(GAUGES)}.')
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(f"A fit rating goes from 1 to 5 (or none); {value!r} is outside that.")
    return value


def fit_of(career: Career) -> float | None:
    """The average of the gauges rated so far, to one decimal; None while none is rated."""
    values = [getattr(career, gauge) for gauge in GAUGES if getattr(career, gauge) is not None]
    return round(sum(values) / len(values), 1) if values else None


def trend_arrow(trend: Sequence[Attraction]) -> str:
    """↑ when the answers so far lean "more attractive", ↓ when they lean "less", → when they balance
    (or all said "about the same"), "" before any answer (unsure answers don't lean either way)."""
    lean = sum(1 if item is Attraction.MORE else -1 if item is Attraction.LESS else 0 for item in trend)
    if lean > 0:
        return "↑"
    if lean < 0:
        return "↓"
    return "→" if any(item is not Attraction.UNSURE for item in trend) else ""


def trend_word(trend: Sequence[Attraction]) -> str:
    """The arrow with a word: "↑ more", "↓ less", "→ even", or "" before any answer."""
    arrow = trend_arrow(trend)
    return {"↑": "↑ more", "↓": "↓ less", "→": "→ even"}.get(arrow, "")


@dataclass(frozen=True, slots=True)
class CareerEvidence:
    """What the conversations say about one option so far."""

    conversations: int
    """Interviews held (marked done) about it."""
    to_talk: int
    """People linked to it, or booked to talk about it, not talked to yet."""
    learned: tuple[str, ...]
    """What was learned, from the finished reflections, newest first."""
    trend: tuple[Attraction, ...]
    """The reflections' attraction answers, oldest conversation first."""
    still_guessing: bool
    """Fewer than two conversations so far."""
    talked_with: tuple[str, ...] = ()
    """The names of the people the conversations were with, oldest first (distinct)."""
    to_talk_names: tuple[str, ...] = ()
    """The names of the people still to talk to, by name."""
    reasons: tuple[str, ...] = ()
    """Why it felt more or less attractive (the reflections' own words), newest first."""

    @property
    def arrow(self) -> str:
        return trend_arrow(self.trend)


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One option in the side-by-side comparison."""

    career: Career
    evidence: CareerEvidence

    @property
    def title(self) -> str:
        return self.career.title

    @property
    def energy(self) -> int | None:
        return self.career.energy

    @property
    def skills(self) -> int | None:
        return self.career.skills

    @property
    def practicality(self) -> int | None:
        return self.career.practicality

    @property
    def values(self) -> int | None:
        return self.career.values

    @property
    def fit(self) -> float | None:
        return fit_of(self.career)

    @property
    def conversations(self) -> int:
        return self.evidence.conversations

    @property
    def to_talk(self) -> int:
        return self.evidence.to_talk

    @property
    def trend(self) -> tuple[Attraction, ...]:
        return self.evidence.trend

    @property
    def arrow(self) -> str:
        return self.evidence.arrow

    @property
    def still_guessing(self) -> bool:
        return self.evidence.still_guessing

    @property
    def flag(self) -> str:
        return STILL_GUESSING if self.still_guessing else ""

    def as_json(self) -> dict[str, Any]:
        """Stable keys (README): id, title, the four gauges, fit, conversations, to_talk, trend
        (the attraction answers, oldest first), trend_arrow, still_guessing."""
        return {
            "id": self.career.id,
            "title": self.title,
            "energy": self.energy,
            "skills": self.skills,
            "practicality": self.practicality,
            "values": self.values,
            "fit": self.fit,
            "conversations": self.conversations,
            "to_talk": self.to_talk,
            "trend": [item.value for item in self.trend],
            "trend_arrow": self.arrow,
            "still_guessing": self.still_guessing,
        }


@dataclass
class _Index:
    """Interviews, reflections and contacts grouped by option: built once per version of the data."""

    done: dict[int, list[Interview]] = field(default_factory=dict)
    """Option id -> its conversations held, oldest first."""
    met: set[int] = field(default_factory=set)
    """Contacts someone had a conversation with (about anything)."""
    booked: dict[int, set[int]] = field(default_factory=dict)
    """Option id -> contacts with a planned or moved conversation about it."""
    linked: dict[int, list[int]] = field(default_factory=dict)
    """Option id -> contacts linked to it."""
    reflections: dict[int, list[tuple[Any, Reflection]]] = field(default_factory=dict)
    """Option id -> (when the conversation was, reflection), oldest first."""
    names: dict[int, str] = field(default_factory=dict)
    evidence: dict[int, CareerEvidence] = field(default_factory=dict)
    """Worked out on first ask."""


def _same(old: Sequence[Record], new: Sequence[Record]) -> bool:
    return len(old) == len(new) and all(map(operator.is_, old, new))


class CareerService:
    """Add, edit, rate, order and remove career options; their evidence and the comparison."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._snapshot: tuple[list[Interview], list[Reflection], list[Contact]] | None = None
        self._index: _Index | None = None
        self._checked: int | None = None
        """The store generation the index was checked against."""
        self._options: tuple[int, list[Career]] | None = None

    @property
    def store(self) -> Store:
        return self._store

    @property
    def version(self) -> int:
        """Grows whenever anything in the data changed (here or in the file): redraw then."""
        self._store.reload_if_changed(thorough=False)
        return self._store.generation

    # reading

    def options(self) -> list[Career]:
        """Every option, in the person's order (rank, then title)."""
        generation = self.version
        cached = self._options
        if cached is not None and cached[0] == generation:
            return list(cached[1])
        found = sorted(self._store.all(Career), key=lambda c: (c.rank, _fold(c.title), c.id))
        self._options = (generation, found)
        return list(found)

    def get(self, career_id: int) -> Career:
        return self._store.get(Career, career_id)

    def title_of(self, career_id: int | None) -> str:
        """The option's name, or "" for none or an option that was removed."""
        if career_id is None:
            return ""
        try:
            return self.get(career_id).title
        except NotFoundError:
            return ""

    def find(self, name: str) -> Career | None:
        """The option called `name` (case, spacing and control characters aside), or None."""
        wanted = _fold(name)
        if not wanted:
            return None
        return next((career for career in self.options() if _fold(career.title) == wanted), None)

    # checking

    def check_title(self, title: str, *, career_id: int | None = None) -> str:
        """The title as it would be saved; ValidationError when empty, too long or already an option."""
        cleaned = require_text(title, what="a name for the option", limit=MAX_TITLE)
        clash = self.find(cleaned)
        if clash is not None and clash.id != career_id:
            raise ValidationError(f'"{clash.title}" is on your list already; give this one another name.')
        return cleaned

    @staticmethod
    def _words(value: str, what: str) -> str:
        if not is_decodable(value):
            raise ValidationError(f"Part of {what} isn't readable text (bytes that aren't UTF-8); nothing was saved.")
        text = clean_text(value, multiline=True).strip()
        if len(text) > MAX_LINE:
            raise ValidationError(f"{what.capitalize()} can hold up to {MAX_LINE:,} characters; that is {len(text):,}.")
        return text

    def check(self, title: str, notes: str = "", questions: str = "", *, career_id: int | None = None) -> None:
        """Raise ValidationError if these words can't be saved as they are (for a form to check first)."""
        self.check_title(title, career_id=career_id)
        self._words(notes, "what draws you")
        self._words(questions, "the open questions")

    # writing

    def add(self, title: str, notes: str = "", questions: str = "") -> Career:
        """A new option at the end of the list. ValidationError on an empty or duplicate name."""
        cleaned = self.check_title(title)
        record = Career(
            title=cleaned,
            notes=self._words(notes, "what draws you"),
            questions=self._words(questions, "the open questions"),
            rank=max((career.rank for career in self._store.all(Career)), default=-1) + 1,
        )
        return self._store.add(record)

    def edit(
        self,
        career_id: int,
        *,
        title: str | None = None,
        notes: str | None = None,
        questions: str | None = None,
        seen: Career | None = None,
    ) -> Career:
        """Change the words of an option (arguments left out stay as they are)."""
        current = self.get(career_id)
        changed = current
        if title is not None:
            changed = replace(changed, title=self.check_title(title, career_id=career_id))
        if notes is not None:
            changed = replace(changed, notes=self._words(notes, "what draws you"))
        if questions is not None:
            changed = replace(changed, questions=self._words(questions, "the open questions"))
        return self._store.update(changed, base=seen or current)

    def rate(self, career_id: int, gauge: str, value: int | None, *, seen: Career | None = None) -> Career:
        """Set one fit gauge (energy, skills, practicality, values) to 1-5, or None to clear it."""
        value = check_rating(gauge, value)
        current = self.get(career_id)
        changes: dict[str, Any] = {gauge: value}
        changed = replace(current, **changes)
        base = current if seen is None else seen
        return self._store.update(changed, base=base)

    def delete(self, career_id: int) -> None:
        """Remove an option, in one save with unlinking the people and interviews that named it (they stay)."""
        self.get(career_id)
        with self._store.transaction():
            for contact in self._store.all(Contact):
                if contact.career_id == career_id:
                    self._store.update(replace(contact, career_id=None), base=contact)
            for interview in self._store.all(Interview):
                if interview.career_id == career_id:
                    self._store.update(replace(interview, career_id=None), base=interview)
            self._store.delete(Career, career_id)

    def move(self, career_id: int, delta: int) -> list[Career]:
        """Move an option `delta` places up (negative) or down the list; the new order.

        Ranks become 0, 1, 2, ... in the new order; only the options whose rank changes are saved.
        """
        order = self.options()
        index = next((i for i, career in enumerate(order) if career.id == career_id), None)
        if index is None:
            raise NotFoundError(f"There is no career option #{career_id} any more.")
        target = max(0, min(len(order) - 1, index + delta))
        if target != index:
            order.insert(target, order.pop(index))
        with self._store.transaction():  # the new order in one save
            for rank, career in enumerate(order):
                if career.rank != rank:
                    self._store.update(replace(career, rank=rank), base=career)
        return self.options()

    # evidence

    def _built(self) -> _Index:
        generation = self.version
        index = self._index
        if index is not None and self._checked == generation:
            return index
        interviews = self._store.all(Interview)
        reflections = self._store.all(Reflection)
        contacts = self._store.all(Contact)
        snapshot = self._snapshot
        if (
            index is None
            or snapshot is None
            or not (_same(snapshot[0], interviews) and _same(snapshot[1], reflections) and _same(snapshot[2], contacts))
        ):
            index = self._index = _build(interviews, reflections, contacts)
        self._snapshot = (interviews, reflections, contacts)
        self._checked = generation
        return index

    def evidence(self, career_id: int) -> CareerEvidence:
        """Conversations held, people still to talk to, what was learned and the attraction trend."""
        index = self._built()
        found = index.evidence.get(career_id)
        if found is None:
            found = index.evidence[career_id] = _evidence(index, career_id)
        return found

    def comparison(self) -> list[ComparisonRow]:
        """Every option with its gauges and evidence, in the list's order."""
        return [ComparisonRow(career, self.evidence(career.id)) for career in self.options()]


def _build(interviews: list[Interview], reflections: list[Reflection], contacts: list[Contact]) -> _Index:
    index = _Index()
    by_id: dict[int, Interview] = {}
    for interview in interviews:
        if interview.status is InterviewStatus.DONE:
            if interview.contact_id is not None:
                index.met.add(interview.contact_id)
            if interview.career_id is not None:
                index.done.setdefault(interview.career_id, []).append(interview)
                by_id[interview.id] = interview
        elif interview.status in _OPEN and interview.career_id is not None and interview.contact_id is not None:
            index.booked.setdefault(interview.career_id, set()).add(interview.contact_id)
    for held in index.done.values():
        held.sort(key=lambda item: (item.when or item.created, item.id))
    for reflection in reflections:
        about = by_id.get(reflection.interview_id)
        if about is None or about.career_id is None:
            continue
        if not reflection.complete and reflection.attraction is Attraction.UNSURE and not reflection.learned:
            continue  # nothing said about the option yet
        when = about.when or about.created
        index.reflections.setdefault(about.career_id, []).append(((when, about.id, reflection.id), reflection))
    for found in index.reflections.values():
        found.sort(key=lambda pair: pair[0])
    for contact in contacts:
        index.names[contact.id] = contact.name
        if contact.career_id is not None:
            index.linked.setdefault(contact.career_id, []).append(contact.id)
    return index


def _evidence(index: _Index, career_id: int) -> CareerEvidence:
    held = index.done.get(career_id, [])
    talked: list[str] = []
    for interview in held:
        if interview.contact_id is None:
            continue
        name = index.names.get(interview.contact_id, "someone removed")
        if name not in talked:
            talked.append(name)
    waiting = {
        contact_id
        for contact_id in (*index.linked.get(career_id, ()), *index.booked.get(career_id, ()))
        if contact_id not in index.met and contact_id in index.names
    }
    names = sorted((index.names[contact_id] for contact_id in waiting), key=str.casefold)
    pairs = index.reflections.get(career_id, [])
    trend = tuple(
        reflection.attraction
        for _when, reflection in pairs
        if reflection.complete or reflection.attraction is not Attraction.UNSURE
    )
    newest = [reflection for _when, reflection in reversed(pairs)]
    learned = tuple(r.learned.strip() for r in newest if r.complete and r.learned.strip())
    reasons = tuple(r.attraction_why.strip() for r in newest if r.attraction_why.strip())
    return CareerEvidence(
        conversations=len(held),
        to_talk=len(waiting),
        learned=learned,
        trend=trend,
        still_guessing=len(held) < ENOUGH,
        talked_with=tuple(talked),
        to_talk_names=tuple(names),
        reasons=reasons,
    )


__all__ = [
    "ENOUGH",
    "GAUGES",
    "GAUGE_LABELS",
    "GAUGE_MEANINGS",
    "MAX_TITLE",
    "STILL_GUESSING",
    "CareerEvidence",
    "CareerService",
    "ComparisonRow",
    "check_rating",
    "fit_of",
    "trend_arrow",
    "trend_word",
]
