"""Interviews: plan them, prepare them (aims, questions, research, logistics), the cheat sheet.

An interview is planned for a person (a new name adds them to the list) at a time typed naturally,
and prepared with up to three aims, one sentence of what to leave knowing, questions picked from
coach's packaged question bank or written by hand (ordered, up to three starred), research notes
and a short logistics checklist. Every read works from one `store.all(...)` per kind of record, so
the list stays quick with thousands of records.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from coach.dates import parse_when
from coach.errors import NotFoundError, ValidationError
from coach.models import (
    Career,
    Contact,
    Interview,
    InterviewStatus,
    Outreach,
    PrepItem,
    Reflection,
    Setting,
)
from coach.services.people import ContactDraft, PeopleService, fold
from coach.store import Store
from coach.text import MAX_LINE, clean_text, is_decodable, require_text

MAX_AIMS = 3
MAX_STARS = 3
MIN_MINUTES = 5
MAX_MINUTES = 600
MAX_PLACE = 2000
MAX_AIM = 300
MAX_QUESTION = 500
MAX_CAREER = 200
SHEET_WIDTH = 58
"""The text cheat sheet wraps here, so it reads at a glance in 60 columns."""
SHEET_NOTES = 2
"""How many first lines of the research notes the cheat sheet shows."""
SHEET_OTHERS = 3
"""How many lines the text cheat sheet gives the unstarred questions (the last says "and N more" if needed)."""

_OPEN = (InterviewStatus.PLANNED, InterviewStatus.RESCHEDULED)


# --- small types -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewDraft:
    """An interview as typed in a form (or on the command line), before it is checked."""

    person: str
    when: str
    setting: str = "coffee"
    place: str = ""
    minutes: str = "30"
    career: str = ""


@dataclass(frozen=True, slots=True)
class LogisticsItem:
    key: str
    label: str
    short: str = ""
    """A word or two for the cheat sheet's "still open" line."""


LOGISTICS: tuple[LogisticsItem, ...] = (
    LogisticsItem("time", "Time confirmed with them", "time"),
    LogisticsItem("place", "Place or link known", "place"),
    LogisticsItem("route", "Route planned or link tried", "route"),
    LogisticsItem("bring", "What to bring is ready (notes, pen)", "things to bring"),
    LogisticsItem("research", "Read up on them and their work", "research"),
    LogisticsItem("questions", "Questions picked and starred", "questions"),
    LogisticsItem("quiet", "Phone charged, a quiet spot found", "phone and quiet spot"),
)
"""The logistics checklist, in the order it is shown."""
_LOGISTICS_KEYS = {item.key: item for item in LOGISTICS}


@dataclass(frozen=True, slots=True)
class Readiness:
    """How much of the logistics checklist is ticked off."""

    done: int
    total: int
    missing: tuple[LogisticsItem, ...] = ()
    """The items still open, in checklist order."""

    @property
    def text(self) -> str:
        """ "5 of 7 ready"."""
        return f"{self.done} of {self.total} ready"

    @property
    def complete(self) -> bool:
        return self.done >= self.total


@dataclass(frozen=True, slots=True)
class InterviewRow:
    """One line of the interview list."""

    interview: Interview
    person: str
    upcoming: bool
    readiness: Readiness
    reflected: bool
    """A complete reflection exists for it."""
    questions: int = 0
    starred: int = 0
    career: str = ""
    """The linked career option's title, or ""."""


@dataclass(frozen=True, slots=True)
class BankQuestion:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class BankGroup:
    key: str
    title: str
    questions: tuple[BankQuestion, ...]


@dataclass(frozen=True, slots=True)
class CheatSheet:
    """Everything the one-screen summary of an interview shows, already cleaned for display."""

    interview_id: int
    person: str
    title: str
    """ "Coffee with Ana Ruiz"."""
    when: str
    """ "Fri 4 Dec, 15:00" (or "no time set")."""
    minutes: int
    place: str
    career: str
    status: InterviewStatus
    aims: tuple[str, ...]
    leave_knowing: str
    starred: tuple[str, ...]
    others: tuple[str, ...]
    notes: tuple[str, ...]
    """The first lines of the research notes."""
    readiness: Readiness


# --- the question bank ---------------------------------------------------------------------------


@cache
def load_bank() -> tuple[BankGroup, ...]:
    """The packaged question bank (coach/data/question_bank.json), read once."""
    raw = resources.files("coach.data").joinpath("question_bank.json").read_text(encoding="utf-8")
    return parse_bank(json.loads(raw))


def parse_bank(data: Any) -> tuple[BankGroup, ...]:
    """The bank from its JSON document; ValueError naming the problem if its shape is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise ValueError("the question bank needs a list of groups")
    groups: list[BankGroup] = []
    ids: set[str] = set()
    for group in data["groups"]:
        if not isinstance(group, dict):
            raise ValueError("each group of the question bank is an object")
        key, title, questions = group.get("key"), group.get("title"), group.get("questions")
        if not isinstance(key, str) or not key or not isinstance(title, str) or not title:
            raise ValueError("each group of the question bank needs a key and a title")
        if not isinstance(questions, list) or not questions:
            raise ValueError(f"the group {key!r} of the question bank has no questions")
        items: list[BankQuestion] = []
        for question in questions:
            if not isinstance(question, dict):
                raise ValueError(f"a question of {key!r} is not an object")
            qid, text = question.get("id"), question.get("text")
            if not isinstance(qid, str) or not qid or not isinstance(text, str) or not text.strip():
                raise ValueError(f"a question of {key!r} needs an id and a text")
            if qid in ids:
                raise ValueError(f"the question id {qid!r} is used twice")
            ids.add(qid)
            items.append(BankQuestion(qid, clean_text(text).strip()))
        groups.append(BankGroup(key, title, tuple(items)))
    return tuple(groups)


@cache
def _bank_texts() -> frozenset[str]:
    return frozenset(fold(question.text) for group in load_bank() for question in group.questions)


# --- words and times -----------------------------------------------------------------------------

_SETTING_WORDS: dict[str, Setting] = {setting.value: setting for setting in Setting}
_SETTING_WORDS.update(
    {
        "coffee chat": Setting.COFFEE,
        "tea": Setting.COFFEE,
        "phone": Setting.CALL,
        "phone call": Setting.CALL,
        "video call": Setting.VIDEO,
        "zoom": Setting.VIDEO,
        "teams": Setting.VIDEO,
        "meet": Setting.VIDEO,
        "in person": Setting.VISIT,
        "office": Setting.VISIT,
        "dinner": Setting.LUNCH,
        "breakfast": Setting.LUNCH,
    }
)
_TITLES = {
    Setting.COFFEE: "Coffee with {}",
    Setting.LUNCH: "Lunch with {}",
    Setting.CALL: "Call with {}",
    Setting.VIDEO: "Video call with {}",
    Setting.VISIT: "Visit to {}",
    Setting.OTHER: "Meeting {}",
}


def parse_setting(value: str | Setting) -> Setting:
    """How it happens, from its value ("video") or a word for it ("zoom", "phone")."""
    if isinstance(value, Setting):
        return value
    found = _SETTING_WORDS.get(" ".join(value.strip().casefold().split()))
    if found is None:
        choices = ", ".join(setting.value for setting in Setting)
        raise ValidationError(f'"{clean_text(value)[:40]}" isn\'t a way to meet coach knows; use one of {choices}.')
    return found


def parse_minutes(value: str | int) -> int:
    """How long, as a whole number of minutes from 5 to 600 ("45", "45 min")."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = clean_text(str(value)).strip().casefold()
        for suffix in ("minutes", "minute", "mins", "min", "m"):
            if text.endswith(suffix):
                text = text[: -len(suffix)].strip()
                break
        if not text.isdigit() or not text.isascii():
            raise ValidationError(f"How long is a number of minutes, such as 30; not {clean_text(str(value))[:20]!r}.")
        number = int(text)
    if not MIN_MINUTES <= number <= MAX_MINUTES:
        raise ValidationError(f"How long goes from {MIN_MINUTES} to {MAX_MINUTES} minutes; {number} is outside that.")
    return number


def parse_status(value: str | InterviewStatus) -> InterviewStatus:
    if isinstance(value, InterviewStatus):
        return value
    try:
        return InterviewStatus(value.strip().casefold())
    except ValueError:
        choices = ", ".join(status.value for status in InterviewStatus)
        raise ValidationError(f'"{clean_text(value)[:40]}" isn\'t a status; use one of {choices}.') from None


def format_when(moment: datetime | None, now: datetime) -> str:
    """ "Fri 4 Dec, 15:00" in the clock's zone (with the year when it isn't this year's)."""
    if moment is None:
        return "no time set"
    local = moment.astimezone(now.tzinfo)
    year = f" {local.year}" if local.year != now.year else ""
    return f"{local:%a} {local.day} {local:%b}{year}, {local:%H:%M}"


def ends(interview: Interview) -> datetime | None:
    """When the interview is planned to end (None without a time)."""
    if interview.when is None:
        return None
    return interview.when + timedelta(minutes=interview.minutes)


@lru_cache(maxsize=512)
def _readiness(ready: tuple[str, ...]) -> Readiness:
    """The readiness of a set of ticks (the list asks for the same few combinations again and again)."""
    ticked = set(ready)
    missing = tuple(item for item in LOGISTICS if item.key not in ticked)
    return Readiness(len(LOGISTICS) - len(missing), len(LOGISTICS), missing)


def title_of(setting: Setting, person: str) -> str:
    """ "Coffee with Ana Ruiz", "Video call with Ana Ruiz"."""
    return _TITLES[setting].format(person)


def _one_line(value: str, what: str, limit: int) -> str:
    if not is_decodable(value):
        raise ValidationError(f"Part of {what} isn't readable text (bytes that aren't UTF-8); nothing was saved.")
    text = clean_text(value).strip()
    if len(text) > limit:
        raise ValidationError(
            f"{what[0].upper()}{what[1:]} can hold up to {limit:,} characters; that is {len(text):,}."
        )
    return text


def _rank_key(item: PrepItem) -> tuple[int, int]:
    return (item.rank, item.id)


@dataclass(frozen=True, slots=True)
class _Checked:
    """A draft, parsed and checked: nothing saved yet."""

    name: str
    when: datetime
    setting: Setting
    place: str
    minutes: int
    career: str


# --- the service ---------------------------------------------------------------------------------


class InterviewService:
    """Plan interviews, prepare them, list them, and gather the cheat sheet."""

    def __init__(self, store: Store, people: PeopleService) -> None:
        self.store = store
        self.people = people

    # times

    def now(self) -> datetime:
        return self.store.clock()

    def _parse_when(self, text: str) -> datetime:
        if not is_decodable(text):
            raise ValidationError("Part of the time isn't readable text (bytes that aren't UTF-8).")
        typed = clean_text(text).strip()
        if not typed:
            raise ValidationError('Type when you meet, such as "fri 3pm" or "tomorrow 10:00".')
        when = parse_when(typed, self.now())
        if not when.has_time:
            raise ValidationError(f'Add the time of day too, such as "{typed[:40]} 3pm" or "{typed[:40]} 10:00".')
        return when.value

    def describe_when(self, text: str) -> str:
        """How coach understood a typed time ("Fri 4 Dec, 15:00"); ValidationError if it can't."""
        return format_when(self._parse_when(text), self.now())

    # reading

    def get(self, interview_id: int) -> Interview:
        """The interview with `interview_id`; NotFoundError if there is none."""
        try:
            return self.store.get(Interview, interview_id)
        except NotFoundError:
            raise NotFoundError(f"There is no interview #{interview_id}.") from None

    def name_of(self, interview: Interview) -> str:
        """The person's name, or "someone" (no contact, or one since removed)."""
        if interview.contact_id is None:
            return "someone"
        try:
            return self.store.get(Contact, interview.contact_id).name
        except NotFoundError:
            return "someone"

    def career_of(self, interview: Interview) -> Career | None:
        if interview.career_id is None:
            return None
        try:
            return self.store.get(Career, interview.career_id)
        except NotFoundError:
            return None

    def find_career(self, title: str) -> Career | None:
        """The career option called `title` (case and accents ignored), or None."""
        wanted = fold(clean_text(title).strip())
        if not wanted:
            return None
        return next((career for career in self.store.all(Career) if fold(career.title.strip()) == wanted), None)

    def draft_of(self, interview: Interview) -> InterviewDraft:
        """The interview as a form shows it, ready to edit (its time in a form parse_when reads back)."""
        when = "" if interview.when is None else f"{interview.when.astimezone(self.now().tzinfo):%Y-%m-%d %H:%M}"
        career = self.career_of(interview)
        return InterviewDraft(
            person="" if interview.contact_id is None else self.name_of(interview),
            when=when,
            setting=interview.setting.value,
            place=interview.place,
            minutes=str(interview.minutes),
            career="" if career is None else career.title,
        )

    def draft_from_outreach(self, outreach_id: int) -> InterviewDraft:
        """A new interview's draft with the person of an outreach (an ask that said yes) filled in."""
        outreach = self.store.get(Outreach, outreach_id)
        try:
            name = self.store.get(Contact, outreach.contact_id).name
        except NotFoundError:
            name = ""
        return InterviewDraft(person=name, when="")

    def listing(self) -> list[InterviewRow]:
        """Every interview: upcoming ones first (soonest first), then past ones (latest first)."""
        now = self.now()
        interviews = self.store.all(Interview)
        if not interviews:
            return []
        contacts = {contact.id: contact for contact in self.store.all(Contact)}
        careers = {career.id: career for career in self.store.all(Career)}
        reflected = {reflection.interview_id for reflection in self.store.all(Reflection) if reflection.complete}
        prep: dict[int, list[PrepItem]] = {}
        for item in self.store.all(PrepItem):
            prep.setdefault(item.interview_id, []).append(item)
        upcoming: list[InterviewRow] = []
        past: list[InterviewRow] = []
        cutoffs: dict[int, datetime] = {}
        for interview in interviews:
            contact = contacts.get(interview.contact_id) if interview.contact_id is not None else None
            career = careers.get(interview.career_id) if interview.career_id is not None else None
            items = prep.get(interview.id, ())
            when = interview.when
            if interview.status not in _OPEN:
                is_upcoming = False
            elif when is None:
                is_upcoming = True
            else:
                cutoff = cutoffs.get(interview.minutes)
                if cutoff is None:
                    cutoff = cutoffs[interview.minutes] = now - timedelta(minutes=interview.minutes)
                is_upcoming = when > cutoff  # it ends after now
            row = InterviewRow(
                interview=interview,
                person=contact.name if contact is not None else "someone",
                upcoming=is_upcoming,
                readiness=_readiness(interview.ready),
                reflected=interview.id in reflected,
                questions=len(items),
                starred=sum(1 for item in items if item.starred),
                career=career.title if career is not None else "",
            )
            (upcoming if is_upcoming else past).append(row)
        far = datetime.max.replace(tzinfo=now.tzinfo)
        upcoming.sort(key=lambda row: (row.interview.when or far, row.interview.id))
        near = datetime.min.replace(tzinfo=now.tzinfo)
        past.sort(key=lambda row: (row.interview.when or near, row.interview.id), reverse=True)
        return upcoming + past

    @staticmethod
    def is_upcoming(interview: Interview, now: datetime) -> bool:
        """Planned (or being moved) and not over yet."""
        if interview.status not in _OPEN:
            return False
        end = ends(interview)
        return end is None or end > now

    def next_interview(self, now: datetime | None = None) -> Interview | None:
        """The soonest planned interview that hasn't ended yet."""
        now = now or self.now()
        best: Interview | None = None
        for interview in self.store.all(Interview):
            if interview.status is not InterviewStatus.PLANNED or interview.when is None:
                continue
            end = ends(interview)
            if end is None or end <= now:
                continue
            if best is None or (interview.when, interview.id) < (best.when or interview.when, best.id):
                best = interview
        return best

    # planning

    def _check(self, draft: InterviewDraft) -> _Checked:
        name = require_text(draft.person, what="the person's name", limit=200)
        when = self._parse_when(draft.when)
        setting = parse_setting(draft.setting)
        minutes = parse_minutes(draft.minutes)
        place = _one_line(draft.place, "where", MAX_PLACE)
        career = _one_line(draft.career, "the career option", MAX_CAREER)
        return _Checked(name, when, setting, place, minutes, career)

    def _contact_for(self, name: str, contact_id: int | None) -> int:
        if contact_id is not None:
            self.people.get(contact_id)
            return contact_id
        found = self.people.find(name)
        if found is not None:
            return found.id
        return self.people.add(ContactDraft(name=name)).id

    def _career_for(self, title: str) -> int | None:
        if not title:
            return None
        found = self.find_career(title)
        if found is not None:
            return found.id
        return self.store.add(Career(title=title)).id

    def plan(
        self, draft: InterviewDraft, *, contact_id: int | None = None, outreach_id: int | None = None
    ) -> Interview:
        """Save a new interview. A name not on the list yet adds that person; a career option not known
        yet is added. Everything is checked before anything is saved (ValidationError saying what to change)."""
        checked = self._check(draft)
        if outreach_id is not None:
            self.store.get(Outreach, outreach_id)
        with self.store.transaction():  # the new person, the new career option and the interview: one save
            person = self._contact_for(checked.name, contact_id)
            interview = Interview(
                contact_id=person,
                when=checked.when,
                setting=checked.setting,
                place=checked.place,
                minutes=checked.minutes,
                career_id=self._career_for(checked.career),
                outreach_id=outreach_id,
            )
            return self.store.add(interview)

    def edit(self, interview_id: int, draft: InterviewDraft, *, seen: Interview | None = None) -> Interview:
        """Save changes to when, where, how long, who and the career option."""
        current = self.get(interview_id)
        checked = self._check(draft)
        with self.store.transaction():
            return self._save_edit(current, checked, seen)

    def _save_edit(self, current: Interview, checked: _Checked, seen: Interview | None) -> Interview:
        contact_id = current.contact_id
        if contact_id is None or fold(self.name_of(current)) != fold(checked.name):
            contact_id = self._contact_for(checked.name, None)
        career = self.career_of(current)
        if career is not None and fold(career.title) == fold(checked.career):
            career_id: int | None = career.id
        else:
            career_id = self._career_for(checked.career)
        changed = replace(
            current,
            contact_id=contact_id,
            when=checked.when,
            setting=checked.setting,
            place=checked.place,
            minutes=checked.minutes,
            career_id=career_id,
        )
        return self.store.update(changed, base=seen or current)

    def set_status(
        self, interview_id: int, status: InterviewStatus | str, *, seen: Interview | None = None
    ) -> Interview:
        current = self.get(interview_id)
        return self.store.update(replace(current, status=parse_status(status)), base=seen or current)

    def delete(self, interview_id: int) -> None:
        """Remove an interview and its prepared questions."""
        self.get(interview_id)
        with self.store.transaction():
            for item in [item for item in self.store.all(PrepItem) if item.interview_id == interview_id]:
                self.store.delete(PrepItem, item.id)
            self.store.delete(Interview, interview_id)

    # prep

    def set_aims(self, interview_id: int, aims: Sequence[str], *, seen: Interview | None = None) -> Interview:
        """Up to three things to accomplish in the meeting (empty lines are dropped)."""
        current = self.get(interview_id)
        cleaned = tuple(text for text in (_one_line(aim, "an aim", MAX_AIM) for aim in aims) if text)
        if len(cleaned) > MAX_AIMS:
            raise ValidationError(
                f"Three aims are plenty for one conversation; you have {len(cleaned)}. Keep the three that matter most."
            )
        return self.store.update(replace(current, aims=cleaned), base=seen or current)

    def set_leave_knowing(self, interview_id: int, text: str, *, seen: Interview | None = None) -> Interview:
        """What you want to leave knowing, in one sentence."""
        current = self.get(interview_id)
        cleaned = _one_line(text, "what you want to leave knowing", MAX_QUESTION)
        return self.store.update(replace(current, leave_knowing=cleaned), base=seen or current)

    def set_research(self, interview_id: int, text: str, *, seen: Interview | None = None) -> Interview:
        """Notes about the person and their organisation (several lines)."""
        current = self.get(interview_id)
        if not is_decodable(text):
            raise ValidationError("Part of the notes isn't readable text (bytes that aren't UTF-8); nothing was saved.")
        cleaned = clean_text(text, multiline=True).strip()
        if len(cleaned) > MAX_LINE:
            raise ValidationError(f"The notes can hold up to {MAX_LINE:,} characters; that is {len(cleaned):,}.")
        return self.store.update(replace(current, research=cleaned), base=seen or current)

    # questions

    def _items_of(self, interview_id: int) -> list[PrepItem]:
        items = [item for item in self.store.all(PrepItem) if item.interview_id == interview_id]
        items.sort(key=_rank_key)
        return items

    def _item(self, item_id: int) -> PrepItem:
        try:
            return self.store.get(PrepItem, item_id)
        except NotFoundError:
            raise NotFoundError(f"That question (#{item_id}) isn't there any more.") from None

    def questions(self, interview_id: int) -> list[PrepItem]:
        """The interview's questions, in their order."""
        return self._items_of(interview_id)

    def starred(self, interview_id: int) -> list[PrepItem]:
        """The (up to three) starred questions, in their order."""
        return [item for item in self._items_of(interview_id) if item.starred]

    def add_question(self, interview_id: int, text: str, *, source: str = "") -> PrepItem:
        """Add a question at the end of the list: one of the bank's (`source` = its id) or your own."""
        self.get(interview_id)
        cleaned = require_text(text, what="a question", limit=MAX_QUESTION)
        items = self._items_of(interview_id)
        folded = fold(cleaned)
        if any(fold(item.text) == folded for item in items):
            raise ValidationError("That question is on this interview's list already.")
        rank = max((item.rank for item in items), default=-1) + 1
        return self.store.add(PrepItem(interview_id=interview_id, text=cleaned, rank=rank, source=source))

    def remove_question(self, item_id: int) -> None:
        self._item(item_id)
        self.store.delete(PrepItem, item_id)

    def move_question(self, item_id: int, delta: int) -> list[PrepItem]:
        """Move a question `delta` places (negative: up); returns the list in its new order."""
        item = self._item(item_id)
        items = self._items_of(item.interview_id)
        position = next(index for index, other in enumerate(items) if other.id == item_id)
        target = max(0, min(len(items) - 1, position + delta))
        if target == position:
            return items
        items.insert(target, items.pop(position))
        result: list[PrepItem] = []
        with self.store.transaction():
            for rank, other in enumerate(items):
                if other.rank != rank:
                    other = self.store.update(replace(other, rank=rank), base=other)
                result.append(other)
        return result

    def star(self, item_id: int, starred: bool) -> PrepItem:
        """Star (or unstar) a question; at most three are starred per interview."""
        item = self._item(item_id)
        if item.starred == starred:
            return item
        if starred:
            others = [other for other in self._items_of(item.interview_id) if other.starred and other.id != item_id]
            if len(others) >= MAX_STARS:
                raise ValidationError(
                    "Three stars already: those are the ones that matter most. Unstar one first to star this one."
                )
        return self.store.update(replace(item, starred=starred), base=item)

    def mark_asked(self, item_id: int, done: bool) -> PrepItem:
        item = self._item(item_id)
        if item.done == done:
            return item
        return self.store.update(replace(item, done=done), base=item)

    def set_answer(self, item_id: int, text: str) -> PrepItem:
        """What they answered (several lines allowed)."""
        item = self._item(item_id)
        if not is_decodable(text):
            raise ValidationError(
                "Part of the answer isn't readable text (bytes that aren't UTF-8); nothing was saved."
            )
        cleaned = clean_text(text, multiline=True).strip()
        if len(cleaned) > MAX_LINE:
            raise ValidationError(f"An answer can hold up to {MAX_LINE:,} characters; that is {len(cleaned):,}.")
        return self.store.update(replace(item, answer=cleaned), base=item)

    # the bank and your own questions

    def bank(self) -> tuple[BankGroup, ...]:
        """coach's questions, grouped by what they help with."""
        return load_bank()

    def own_questions(self, limit: int = 50, *, exclude_interview: int | None = None) -> list[str]:
        """Questions you wrote for earlier interviews, newest first, each once (not the bank's; with
        `exclude_interview`, not those already on that interview's list)."""
        bank = _bank_texts()
        items = [item for item in self.store.all(PrepItem) if not item.source]
        taken: set[str] = set(bank)
        if exclude_interview is not None:
            taken.update(fold(item.text) for item in items if item.interview_id == exclude_interview)
        items.sort(key=lambda item: (item.created, item.id), reverse=True)
        result: list[str] = []
        for item in items:
            text = clean_text(item.text).strip()
            folded = fold(text)
            if not text or folded in taken:
                continue
            taken.add(folded)
            result.append(text)
            if len(result) >= limit:
                break
        return result

    # logistics

    def logistics(self, interview_id: int) -> list[tuple[LogisticsItem, bool]]:
        """The checklist with what is ticked off."""
        ready = set(self.get(interview_id).ready)
        return [(item, item.key in ready) for item in LOGISTICS]

    def set_ready(self, interview_id: int, keys: Iterable[str], *, seen: Interview | None = None) -> Interview:
        """Tick off exactly `keys` (LogisticsItem keys)."""
        current = self.get(interview_id)
        wanted = set(keys)
        unknown = wanted - set(_LOGISTICS_KEYS)
        if unknown:
            raise ValidationError(f"coach has no checklist item called {sorted(unknown)[0][:40]!r}.")
        ready = tuple(item.key for item in LOGISTICS if item.key in wanted)
        if ready == current.ready:
            return current
        return self.store.update(replace(current, ready=ready), base=seen or current)

    @staticmethod
    def readiness(interview: Interview) -> Readiness:
        """ "5 of 7 ready": the logistics ticked off."""
        return _readiness(interview.ready)

    # the cheat sheet

    def cheat_sheet(self, interview_id: int) -> CheatSheet:
        """The one-screen summary: who, when, where, the aims, the questions, key notes, readiness."""
        interview = self.get(interview_id)
        person = clean_text(self.name_of(interview)).strip() or "someone"
        career = self.career_of(interview)
        items = self._items_of(interview_id)
        notes = tuple(line for line in (clean_text(raw).strip() for raw in interview.research.splitlines()) if line)[
            :SHEET_NOTES
        ]
        return CheatSheet(
            interview_id=interview.id,
            person=person,
            title=title_of(interview.setting, person),
            when=format_when(interview.when, self.now()),
            minutes=interview.minutes,
            place=clean_text(interview.place).strip(),
            career=clean_text(career.title).strip() if career is not None else "",
            status=interview.status,
            aims=tuple(clean_text(aim).strip() for aim in interview.aims if aim.strip()),
            leave_knowing=clean_text(interview.leave_knowing).strip(),
            starred=tuple(clean_text(item.text).strip() for item in items if item.starred),
            others=tuple(clean_text(item.text).strip() for item in items if not item.starred),
            notes=notes,
            readiness=self.readiness(interview),
        )


# --- rendering the cheat sheet -------------------------------------------------------------------


def _cells(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Roughly how many terminal columns `text` takes (wide characters count two)."""
    if text.isascii():
        return len(text)
    return sum(_cells(char) for char in text)


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` wrapped at `width` terminal columns, the first line starting with `first`, the others with `rest`.

    A word longer than a line is cut. Never returns an empty list."""
    lines: list[str] = []
    line, used = first, cell_width(first)
    fresh = True  # the line holds only its prefix so far
    for word in text.split():
        size = cell_width(word)
        if not fresh and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if not fresh:
            lines.append(line)
            line, used, fresh = rest, cell_width(rest), True
        while used + size > width and size > 0:  # a word longer than a line: cut it
            room, cut, taken = width - used, 0, 0
            while cut < len(word) and taken + _cells(word[cut]) <= room:
                taken += _cells(word[cut])
                cut += 1
            if cut == 0 and (not fresh or used > cell_width(rest)):  # nothing fits here; a new line has more room
                lines.append(line)
                line, used, fresh = rest, cell_width(rest), True
                continue
            cut = max(cut, 1)
            lines.append(line + word[:cut])
            word = word[cut:]
            size = cell_width(word)
            line, used, fresh = rest, cell_width(rest), True
        if word:
            line, used, fresh = line + word, used + size, False
    if not fresh or not lines:
        lines.append(line)
    return lines


def _clip(text: str, width: int) -> str:
    """`text` cut to one line of `width` columns, with an ellipsis if it was cut."""
    if cell_width(text) <= width:
        return text
    out, used = "", 0
    for char in text:
        size = _cells(char)
        if used + size > width - 1:
            break
        out, used = out + char, used + size
    return out.rstrip() + "…"


def _render_text(sheet: CheatSheet, width: int = SHEET_WIDTH) -> str:
    lines: list[str] = []
    head = sheet.title + (f" · {sheet.career}" if sheet.career else "")
    lines += wrap(head, width)
    where = f" · {sheet.place}" if sheet.place else ""
    status = "" if sheet.status in _OPEN else f" ({sheet.status.value})"
    lines += wrap(f"{sheet.when} · {sheet.minutes} min{where}{status}", width, "", "  ")
    if sheet.aims or sheet.leave_knowing:
        lines.append("")
        if sheet.aims:
            lines.append("Aims")
            for number, aim in enumerate(sheet.aims, 1):
                lines += wrap(aim, width, f"  {number}. ", "     ")
        if sheet.leave_knowing:
            lines += wrap(sheet.leave_knowing, width, "Leave knowing: ", "  ")
    if sheet.starred or sheet.others:
        lines.append("")
        lines.append("Questions (★ ask these first)" if sheet.starred else "Questions")
        for text in sheet.starred:
            lines += wrap(text, width, "  ★ ", "    ")
        others = sheet.others
        if len(others) > SHEET_OTHERS:
            shown = others[: SHEET_OTHERS - 1]
            lines += [_clip(f"  - {text}", width) for text in shown]
            lines.append(f"  (and {len(others) - len(shown)} more)")
        else:
            lines += [_clip(f"  - {text}", width) for text in others]
    if sheet.notes:
        lines.append("Notes")
        lines += [_clip(f"  {note}", width) for note in sheet.notes]
    ready = sheet.readiness
    tail = "" if ready.complete else f" · still open: {', '.join(item.short for item in ready.missing)}"
    lines += wrap(f"{ready.text}{tail}", width, "", "  ")
    return "\n".join(line.rstrip() for line in lines) + "\n"


_MD_SPECIAL = str.maketrans({char: f"\\{char}" for char in "\\`*_[]<>|"})


def _md(text: str) -> str:
    """User text as literal Markdown: the characters that would format it escaped."""
    escaped = text.translate(_MD_SPECIAL)
    if escaped[:1] in ("#", "-", "+", "=", "~") or (escaped.split(".", 1)[0].isdigit() and "." in escaped[:10]):
        escaped = "\\" + escaped
    return escaped


def _render_md(sheet: CheatSheet) -> str:
    out = [f"# {_md(sheet.title)}", ""]
    facts = [f"- **When:** {_md(sheet.when)} ({sheet.minutes} min)"]
    if sheet.place:
        facts.append(f"- **Where:** {_md(sheet.place)}")
    if sheet.career:
        facts.append(f"- **Career option:** {_md(sheet.career)}")
    if sheet.status not in _OPEN:
        facts.append(f"- **Status:** {sheet.status.value}")
    out += [*facts, ""]
    if sheet.aims or sheet.leave_knowing:
        out += ["## Aims", ""]
        out += [f"{number}. {_md(aim)}" for number, aim in enumerate(sheet.aims, 1)]
        if sheet.leave_knowing:
            out += ([""] if sheet.aims else []) + [f"**Leave knowing:** {_md(sheet.leave_knowing)}"]
        out.append("")
    if sheet.starred or sheet.others:
        out += ["## Questions", ""]
        out += [f"- ★ {_md(text)}" for text in sheet.starred]
        out += [f"- {_md(text)}" for text in sheet.others]
        out.append("")
    if sheet.notes:
        out += ["## Notes", ""]
        out += [f"- {_md(note)}" for note in sheet.notes]
        out.append("")
    ready = sheet.readiness
    out += ["## Ready", "", f"{ready.text}."]
    if not ready.complete:
        out.append("Still open: " + ", ".join(item.label.lower() for item in ready.missing) + ".")
    return "\n".join(out) + "\n"


def render_cheat_sheet(sheet: CheatSheet, fmt: Literal["text", "md"] = "text") -> str:
    """The cheat sheet as plain text (wrapped at 58 columns) or Markdown; never a control character."""
    rendered = _render_text(sheet) if fmt == "text" else _render_md(sheet)
    return clean_text(rendered, multiline=True).replace("\t", " ")
