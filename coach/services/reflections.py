"""The reflection after an interview: what was learned, the evidence, referrals and the thank-you.

A reflection is saved as it is written (every save may be partial) and can be saved any number of
times: the people suggested become contacts once, a fear's outcome is written once, and a name
corrected right after it was typed renames the contact made from it instead of adding another.
The weekly review and the Careers board read complete reflections (`in_range`).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final, Literal, TypeVar

from coach import values
from coach.errors import NotFoundError, ValidationError
from coach.models import (
    Attraction,
    Career,
    Contact,
    Interview,
    InterviewStatus,
    Outcome,
    PrepItem,
    Reflection,
    Setting,
    Thought,
    Warmth,
)
from coach.text import MAX_LINE, clean_text, is_decodable
from coach.values import value_type

if TYPE_CHECKING:
    from coach.services.fears import FearService
    from coach.services.interviews import InterviewService
    from coach.services.people import PeopleService
    from coach.store import Store

T = TypeVar("T")

THANK_YOU_DAYS = 2
"""A thank-you not sent yet comes due this many days after the reflection says so."""
MAX_NAME = 200
MAX_REFERRALS = 20
"""The most names one reflection records (a paste of a whole address book is a mistake)."""

OUTCOME_CHOICES: tuple[tuple[Outcome, str], ...] = (
    (Outcome.CAME_TRUE, "came true"),
    (Outcome.PARTLY, "partly"),
    (Outcome.DID_NOT_HAPPEN, "didn't happen"),
)
"""The answers the reflection offers for a fear linked to the interview, in order."""

ATTRACTION_CHOICES: tuple[tuple[Attraction, str], ...] = (
    (Attraction.MORE, "more attractive"),
    (Attraction.SAME, "about the same"),
    (Attraction.LESS, "less attractive"),
)

_SETTING_WORDS = {
    Setting.COFFEE: "coffee",
    Setting.LUNCH: "lunch",
    Setting.CALL: "call",
    Setting.VIDEO: "video call",
    Setting.VISIT: "visit",
    Setting.OTHER: "conversation",
}
_NUMBER = r"^\s*(\d{1,3})\s*%?\s*$"
"""Compiled when first used (by `re`)."""


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP: Final = _Keep.KEEP
"""The default of every `save` field: leave it as it is."""
Keep = Literal[_Keep.KEEP]


@value_type
class ThankYou:
    """A thank-you note still to send."""

    reflection: Reflection
    interview: Interview
    person: str
    by: date
    """The day it was meant to go by."""


@value_type
class ReflectOffer:
    """An interview whose time has passed and that has no complete reflection yet."""

    interview: Interview
    person: str
    """The person's name, or "" when the interview isn't linked to anyone."""

    @property
    def text(self) -> str:
        """ "your coffee with Ana", "your call"."""
        return describe_meeting(self.interview, self.person)


def describe_meeting(interview: Interview, person: str) -> str:
    """ "your coffee with Ana" (or "your coffee" when it isn't linked to anyone)."""
    noun = _SETTING_WORDS.get(interview.setting, "conversation")
    return f"your {noun} with {person}" if person else f"your {noun}"


def ends_at(interview: Interview) -> datetime | None:
    """When an interview is over (its time plus its minutes), or None without a time."""
    if interview.when is None:
        return None
    return interview.when + timedelta(minutes=max(0, interview.minutes))


def reflections_by_interview(reflections: Iterable[Reflection]) -> dict[int, Reflection]:
    """Each interview's reflection (a complete one wins over a draft, then the latest)."""
    found: dict[int, Reflection] = {}
    for reflection in reflections:
        known = found.get(reflection.interview_id)
        if known is None or (reflection.complete, reflection.id) > (known.complete, known.id):
            found[reflection.interview_id] = reflection
    return found


def due_interviews(
    interviews: Iterable[Interview], reflections: Iterable[Reflection], now: datetime
) -> list[Interview]:
    """Interviews that are over (time plus minutes before `now`), neither cancelled nor waiting for a new time,
    without a complete reflection; the latest first. Home and `ReflectionService.due` both use this."""
    return due_and_next(interviews, reflections, now)[0]


def due_and_next(
    interviews: Iterable[Interview], reflections: Iterable[Reflection], now: datetime
) -> tuple[list[Interview], datetime | None]:
    """`due_interviews`, and the moment the answer next changes with time alone (the next end after
    `now` of an interview that would then be due; None if none would)."""
    reflected = {r.interview_id for r in reflections if r.complete}
    found: list[tuple[datetime, int, Interview]] = []
    upcoming: datetime | None = None
    for interview in interviews:
        end = ends_at(interview)
        if end is None or interview.id in reflected:
            continue
        if interview.status in (InterviewStatus.CANCELLED, InterviewStatus.RESCHEDULED):
            continue
        if end > now:
            upcoming = end if upcoming is None or end < upcoming else upcoming
            continue
        assert interview.when is not None
        found.append((interview.when, interview.id, interview))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item[2] for item in found], upcoming


def pending_thanks(reflections: Iterable[Reflection]) -> list[Reflection]:
    """Reflections with a thank-you still to send, the earliest day first."""
    found = [r for r in reflections if r.thanked is None and r.thank_by is not None]
    found.sort(key=lambda r: (r.thank_by or date.max, r.id))
    return found


def parse_scale(value: int | str | None, *, what: str, low: int, high: int) -> int | None:
    """A whole number from `low` to `high` typed or given ("4", "60 %"); empty or None clears it."""
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        match = re.match(_NUMBER, value)
        if match is None:
            raise ValidationError(f"{what} is a whole number from {low} to {high}, or nothing at all.")
        value = int(match.group(1))
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{what} goes from {low} to {high}; {value!r} is outside that.")
    return value


def _text(value: str, what: str) -> str:
    if not is_decodable(value):
        raise ValidationError(f"Part of {what} isn't readable text (bytes that aren't UTF-8); nothing was saved.")
    text = clean_text(value, multiline=True).strip()
    if len(text) > MAX_LINE:
        raise ValidationError(
            f"{what[0].upper()}{what[1:]} can hold up to {MAX_LINE:,} characters; that is {len(text):,}."
        )
    return text


def _fold(text: str) -> str:
    from coach.services.people import fold

    return " ".join(fold(text).split())


def clean_names(names: Sequence[str]) -> list[str]:
    """The names typed, cleaned, empty lines dropped, each name once (the first spelling wins)."""
    seen: set[str] = set()
    result: list[str] = []
    for raw in names:
        if not is_decodable(raw):
            raise ValidationError("Part of a name isn't readable text (bytes that aren't UTF-8); nothing was saved.")
        name = " ".join(clean_text(raw).split())
        if not name:
            continue
        if len(name) > MAX_NAME:
            raise ValidationError(f"A name can hold up to {MAX_NAME} characters; one of them has {len(name):,}.")
        key = _fold(name)
        if key in seen:
            continue
        seen.add(key)
        result.append(name)
    if len(result) > MAX_REFERRALS:
        raise ValidationError(f"One conversation can record up to {MAX_REFERRALS} names; that is {len(result)}.")
    return result


class ReflectionService:
    """Write the reflection after an interview, and find the interviews waiting for one."""

    def __init__(self, store: Store, interviews: InterviewService, people: PeopleService, fears: FearService) -> None:
        self.store = store
        self.interviews = interviews
        self.people = people
        self.fears = fears

    # reading

    def now(self) -> datetime:
        return self.store.clock()

    def today(self) -> date:
        now = self.now()
        return now.date()

    def interview(self, interview_id: int) -> Interview:
        """The interview; NotFoundError if it was removed."""
        return self.interviews.get(interview_id)

    def person(self, interview: Interview) -> str:
        """The interviewee's name, or "" when the interview isn't linked to anyone (or they were removed)."""
        if interview.contact_id is None:
            return ""
        try:
            return self.people.get(interview.contact_id).name
        except NotFoundError:
            return ""

    def meeting(self, interview_id: int) -> str:
        """ "your coffee with Ana"."""
        interview = self.interview(interview_id)
        return describe_meeting(interview, self.person(interview))

    def for_interview(self, interview_id: int) -> Reflection | None:
        """The interview's reflection as saved (complete or not), or None before the first save."""
        return reflections_by_interview(r for r in self.store.all(Reflection) if r.interview_id == interview_id).get(
            interview_id
        )

    def draft(self, interview_id: int) -> Reflection:
        """The saved reflection, or a new empty one (not saved: id 0). NotFoundError if the interview is gone."""
        self.interview(interview_id)
        return self.for_interview(interview_id) or Reflection(interview_id=interview_id)

    def due(self, now: datetime | None = None) -> list[Interview]:
        """Interviews whose time has passed, not cancelled, without a complete reflection; the latest first."""
        return due_interviews(self.store.all(Interview), self.store.all(Reflection), now or self.now())

    def offers(self, now: datetime | None = None) -> list[ReflectOffer]:
        """`due`, each with the person's name."""
        return [ReflectOffer(interview, self.person(interview)) for interview in self.due(now)]

    def in_range(self, first: datetime, last: datetime) -> list[Reflection]:
        """Complete reflections whose interview happened in [first, last), in the order they happened.
        A reflection whose interview was removed is left out (there is no time to place it)."""
        interviews = {i.id: i for i in self.store.all(Interview)}
        found: list[tuple[datetime, int, Reflection]] = []
        for reflection in self.store.all(Reflection):
            interview = interviews.get(reflection.interview_id)
            if not reflection.complete or interview is None or interview.when is None:
                continue
            if first <= interview.when < last:
                found.append((interview.when, reflection.id, reflection))
        found.sort(key=lambda item: (item[0], item[1]))
        return [item[2] for item in found]

    def questions(self, interview_id: int) -> list[PrepItem]:
        """The starred questions, in their order (an answer box each)."""
        return self.interviews.starred(interview_id)

    def fears_linked(self, interview_id: int) -> list[Thought]:
        """The fears written down about this interview, oldest first (the order they came)."""
        return list(reversed(self.fears.thoughts_about_interview(interview_id)))

    def career(self, interview: Interview) -> Career | None:
        """The career option the interview speaks to, if any."""
        return self.interviews.career_of(interview)

    def referral_names(self, reflection: Reflection) -> list[str]:
        """The names of the people recorded as suggested, in order (people since removed left out)."""
        names: list[str] = []
        for contact_id in reflection.referrals:
            try:
                names.append(self.people.get(contact_id).name)
            except NotFoundError:
                continue
        return names

    def thanks_due(self) -> list[ThankYou]:
        """Thank-you notes still to send, the earliest day first."""
        interviews = {i.id: i for i in self.store.all(Interview)}
        found: list[ThankYou] = []
        for reflection in pending_thanks(self.store.all(Reflection)):
            interview = interviews.get(reflection.interview_id)
            if interview is None or reflection.thank_by is None:
                continue
            found.append(ThankYou(reflection, interview, self.person(interview), reflection.thank_by))
        return found

    def thank_you_note(self, interview_id: int) -> str:
        """A short thank-you note to copy and send (coach never sends anything), in plain text."""
        interview = self.interview(interview_id)
        name = clean_text(self.person(interview)).strip() or "there"
        reflection = self.for_interview(interview_id)
        suggested = self.referral_names(reflection) if reflection is not None else []
        noun = _SETTING_WORDS.get(interview.setting, "conversation")
        lines = [
            f"Hi {name},",
            "",
            f"Thank you for making time for our {noun}. I learned a lot from how you see your work, "
            "and I came away with a clearer picture and a few things to follow up on.",
        ]
        if suggested:
            people = _join([clean_text(n) for n in suggested])
            lines += ["", f"Thank you as well for suggesting I speak with {people}. I'll get in touch soon."]
        lines += ["", "I'll let you know how things turn out.", "", "With thanks,"]
        return "\n".join(lines)

    # writing

    def save(
        self,
        interview_id: int,
        *,
        learned: str | Keep = KEEP,
        surprised: str | Keep = KEEP,
        best_question: str | Keep = KEEP,
        answers: Mapping[int, str] | None = None,
        kindness: int | str | Keep | None = KEEP,
        they_talked: int | str | Keep | None = KEEP,
        enjoyment: int | str | Keep | None = KEEP,
        fears: Mapping[int, Outcome | str] | None = None,
        referrals: Sequence[str] | None = None,
        thanked: bool | Keep | None = KEEP,
        next_step: str | Keep = KEEP,
        attraction: Attraction | str | Keep = KEEP,
        attraction_why: str | Keep = KEEP,
        complete: bool | Keep = KEEP,
        seen: Reflection | None = None,
    ) -> Reflection:
        """Save what is given (everything left out stays as it is); returns the reflection as saved.

        - `answers`: prep item id -> what they answered (items of this interview only).
        - `kindness`, `enjoyment` 1-5 and `they_talked` 0-100 (numbers, or typed text such as "60 %"; empty clears).
        - `fears`: thought id -> came true / partly / didn't happen (thoughts linked to this interview only).
        - `referrals`: every name suggested so far. Each becomes a contact (warmth "referred", referred by
          the interviewee) once; a contact with the same name referred by the same person is reused; a name
          changed since the last save renames the contact made from it while nothing else refers to it;
          a name taken off the list takes that untouched contact away again.
        - `thanked`: True when the note was sent (now), False when not yet (due in a couple of days).
        - `complete=True` ends it: the interview is marked done if it was planned, and a thank-you not
          marked sent comes due.
        - `seen`: the copy the form showed, so a change made elsewhere meanwhile raises ConflictError.

        Everything is checked before anything is written (ValidationError says what to change)."""
        interview = self.interview(interview_id)
        current = self.for_interview(interview_id)
        base = current or Reflection(interview_id=interview_id)
        changes: dict[str, object] = {}
        for name, value in (
            ("learned", learned),
            ("surprised", surprised),
            ("best_question", best_question),
            ("next_step", next_step),
            ("attraction_why", attraction_why),
        ):
            if not isinstance(value, _Keep):
                changes[name] = _text(value, _FIELD_WORDS[name])
        scales: tuple[tuple[str, int | str | Keep | None, int, int], ...] = (
            ("kindness", kindness, 1, 5),
            ("enjoyment", enjoyment, 1, 5),
            ("they_talked", they_talked, 0, 100),
        )
        for name, scale, low, high in scales:
            if not isinstance(scale, _Keep):
                changes[name] = parse_scale(scale, what=_FIELD_WORDS[name], low=low, high=high)
        if not isinstance(attraction, _Keep):
            changes["attraction"] = _attraction(attraction)
        answer_items = self._check_answers(interview_id, answers or {})
        outcomes = self._check_fears(interview_id, fears or {})
        names = clean_names(referrals) if referrals is not None else None
        if not isinstance(thanked, _Keep):
            if thanked:
                changes["thanked"] = base.thanked or self.now()
                changes["thank_by"] = None
            else:
                changes["thanked"] = None
                changes["thank_by"] = (
                    (base.thank_by or self.today() + timedelta(days=THANK_YOU_DAYS)) if thanked is False else None
                )
        finishing = complete is True and not base.complete
        if finishing:
            changes["complete"] = True
            thanked_at = changes.get("thanked", base.thanked)
            if thanked_at is None and changes.get("thank_by", base.thank_by) is None:
                changes["thank_by"] = self.today() + timedelta(days=THANK_YOU_DAYS)
        elif complete is False:
            changes["complete"] = False

        # Checked: now write, as one save, each part only if it changes something (saving again writes nothing).
        with self.store.transaction():
            reflection = self._write(current, seen, changes, interview_id)
            for item, text in answer_items:
                self._set_answer(item, text)
            for thought, outcome in outcomes:
                if thought.outcome is not outcome:
                    self.fears.set_outcome(thought.id, outcome)
            if names is not None:
                ids = self._referrals(interview, reflection, names)
                if ids != reflection.referrals:
                    reflection = self.store.update(replace(reflection, referrals=ids), base=reflection)
            if reflection.complete and interview.status is InterviewStatus.PLANNED:
                self._mark_done(interview)
        return reflection

    def _write(
        self, current: Reflection | None, seen: Reflection | None, changes: dict[str, object], interview_id: int
    ) -> Reflection:
        if current is None:
            return self.store.add(replace(Reflection(interview_id=interview_id), **changes))  # type: ignore[arg-type]
        changed = replace(current, **changes)  # type: ignore[arg-type]
        if changed == current:
            return current
        # Against the copy the form showed: a field it changed that was also changed elsewhere is a clash.
        base = seen if seen is not None and seen.id == current.id else current
        return self.store.update(changed, base=base)

    def _check_answers(self, interview_id: int, answers: Mapping[int, str]) -> list[tuple[PrepItem, str]]:
        found: list[tuple[PrepItem, str]] = []
        for item_id, text in answers.items():
            try:
                item = self.store.get(PrepItem, item_id)
            except NotFoundError:
                raise ValidationError("One of the questions was removed meanwhile; its answer wasn't saved.") from None
            if item.interview_id != interview_id:
                raise ValidationError(f"Question #{item_id} belongs to another interview.")
            cleaned = _text(text, "an answer")
            if cleaned != item.answer:
                found.append((item, cleaned))
        return found

    def _set_answer(self, item: PrepItem, text: str) -> None:
        self.interviews.set_answer(item.id, text)

    def _mark_done(self, interview: Interview) -> None:
        self.interviews.set_status(interview.id, InterviewStatus.DONE, seen=interview)

    def _check_fears(self, interview_id: int, fears: Mapping[int, Outcome | str]) -> list[tuple[Thought, Outcome]]:
        from coach.services.fears import parse_outcome

        found: list[tuple[Thought, Outcome]] = []
        for thought_id, value in fears.items():
            try:
                thought = self.fears.get(thought_id)
            except NotFoundError:
                raise ValidationError("One of the fears was removed meanwhile; its outcome wasn't saved.") from None
            if thought.interview_id != interview_id:
                raise ValidationError(f"Fear #{thought_id} isn't one written down about this interview.")
            found.append((thought, parse_outcome(value)))
        return found

    # referrals

    def _how_known(self, interview: Interview) -> str:
        who = self.person(interview)
        return f"suggested by {who}" if who else "suggested in an interview"

    def _untouched(self, contact: Contact, interview: Interview, reflection: Reflection) -> bool:
        """True when `contact` is just as this reflection made it and nothing else refers to it: a name
        corrected or taken off the list may rename or remove it without losing anything."""
        from coach.services.people import PersonStatus

        made = Contact(
            name=contact.name,
            warmth=Warmth.REFERRED,
            how_known=self._how_known(interview),
            referred_by=interview.contact_id,
            career_id=interview.career_id,
        )
        if replace(contact, id=0, created=made.created, updated=made.updated) != made:
            return False
        if self.people.status(contact.id) is not PersonStatus.NOT_ASKED:
            return False
        if self.people.referred_by_count(contact.id):
            return False
        if any(i.contact_id == contact.id for i in self.store.all(Interview)):
            return False
        if any(t.contact_id == contact.id for t in self.store.all(Thought)):
            return False
        return not any(
            contact.id in other.referrals for other in self.store.all(Reflection) if other.id != reflection.id
        )

    def _reusable(self, name: str, interview: Interview, taken: set[int]) -> Contact | None:
        """Someone already on the list with this name and referred by the same person."""
        if interview.contact_id is None:
            return None
        key = _fold(name)
        _version, everyone = self.people.directory()
        for contact in everyone.values():
            if contact.id in taken or contact.referred_by != interview.contact_id:
                continue
            if _fold(contact.name) == key:
                return contact
        return None

    def _referrals(self, interview: Interview, reflection: Reflection, names: list[str]) -> tuple[int, ...]:
        from coach.services.people import ContactDraft

        recorded: list[Contact] = []
        for contact_id in reflection.referrals:
            try:
                recorded.append(self.people.get(contact_id))
            except NotFoundError:
                continue  # removed since: dropped from the list
        by_name = {_fold(c.name): c for c in recorded}
        matched = {by_name[_fold(n)].id for n in names if _fold(n) in by_name}
        left_over = [c for c in recorded if c.id not in matched]
        taken = {c.id for c in recorded}
        result: list[int] = []
        for name in names:
            known = by_name.get(_fold(name))
            if known is not None:
                result.append(known.id)
                continue
            reuse = self._reusable(name, interview, taken)
            if reuse is not None:
                taken.add(reuse.id)
                result.append(reuse.id)
                continue
            if left_over and self._untouched(left_over[0], interview, reflection):
                # A name corrected since the last save: the contact made from it takes the new spelling.
                old = left_over.pop(0)
                renamed = self.people.edit(old.id, values.replace(ContactDraft.of(old), name=name), seen=old)
                result.append(renamed.id)
                continue
            made = self.people.add(
                ContactDraft(
                    name,
                    warmth=Warmth.REFERRED,
                    how_known=self._how_known(interview),
                    referred_by=interview.contact_id,
                    career_id=interview.career_id,
                )
            )
            taken.add(made.id)
            result.append(made.id)
        for old in left_over:
            if self._untouched(old, interview, reflection):
                self.people.delete(old.id)  # typed here a moment ago and taken off the list again
        return tuple(result)


_FIELD_WORDS = {
    "learned": "what you learned",
    "surprised": "the surprise",
    "best_question": "the best question",
    "next_step": "the next steps",
    "attraction_why": "the why",
    "kindness": "How kind they were",
    "enjoyment": "How much fun it was",
    "they_talked": "How much they talked",
}


def _attraction(value: Attraction | str) -> Attraction:
    if isinstance(value, Attraction):
        return value
    key = value.strip().casefold()
    for attraction in Attraction:
        if key == attraction.value:
            return attraction
    choices = ", ".join(a.value for a in Attraction)
    raise ValidationError(f'"{clean_text(value)[:40]}" isn\'t an answer coach knows; use one of {choices}.')


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
