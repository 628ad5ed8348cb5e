"""The domain of coach: frozen records and their enums. No I/O and no Textual here.

Every record has an `id` (0 until the store saves it), and timezone-aware `created`/`updated` times.
Links between records are ids (`contact_id`, `referred_by`, `interview_id`, `career_id`).
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import ClassVar

from coach.values import record_type

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Outcome(enum.StrEnum):
    """What became of a fear once it met reality."""

    UNTESTED = "untested"
    CAME_TRUE = "came-true"
    PARTLY = "partly"
    DID_NOT_HAPPEN = "did-not-happen"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.UNTESTED: "not tested yet",
    Outcome.CAME_TRUE: "came true",
    Outcome.PARTLY: "partly",
    Outcome.DID_NOT_HAPPEN: "didn't happen",
}


class Warmth(enum.StrEnum):
    """How well the person already knows you: the ladder runs from safe and warm to cold."""

    CLOSE = "close"
    WARM = "warm"
    ACQUAINTANCE = "acquaintance"
    REFERRED = "referred"
    COLD = "cold"

    @property
    def label(self) -> str:
        """The rung's name with what it means, in coach's words ("close: family and friends, ...")."""
        return f"{self.value}: {_WARMTH_MEANINGS[self]}"

    @property
    def meaning(self) -> str:
        return _WARMTH_MEANINGS[self]

    @property
    def rung(self) -> int:
        """0 for the safest rung (close) up to 4 (cold): the order "start safe" asks in."""
        return _WARMTH_ORDER[self]


_WARMTH_MEANINGS = {
    Warmth.CLOSE: "family and friends, the safe people to start with",
    Warmth.WARM: "people you know and like: old colleagues, classmates, neighbours",
    Warmth.ACQUAINTANCE: "people you have met once or twice",
    Warmth.REFERRED: "someone a contact pointed you to",
    Warmth.COLD: "strangers, people you have never met",
}
_WARMTH_ORDER = {warmth: rung for rung, warmth in enumerate(Warmth)}


class Channel(enum.StrEnum):
    """How a message was sent."""

    EMAIL = "email"
    CALL = "call"
    MESSAGE = "message"
    TEXT = "text"
    IN_PERSON = "in-person"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    Channel.EMAIL: "e-mail",
    Channel.CALL: "call",
    Channel.MESSAGE: "message",
    Channel.TEXT: "text",
    Channel.IN_PERSON: "in person",
    Channel.OTHER: "other",
}


class Response(enum.StrEnum):
    """What came back from a piece of outreach."""

    WAITING = "waiting"
    YES = "yes"
    NO = "no"
    NO_REPLY = "no-reply"

    @property
    def label(self) -> str:
        return _RESPONSE_LABELS[self]


_RESPONSE_LABELS = {
    Response.WAITING: "waiting",
    Response.YES: "said yes",
    Response.NO: "said no",
    Response.NO_REPLY: "no reply",
}


class GoalUnit(enum.StrEnum):
    """What a goal counts."""

    PEOPLE = "people"
    """Different people reached (two messages to one person count once)."""
    MESSAGES = "messages"
    """Every message, call or visit logged."""
    CONVERSATIONS = "conversations"
    """Informational interviews held (marked done)."""

    @property
    def label(self) -> str:
        return _UNIT_LABELS[self][2]

    def noun(self, count: int) -> str:
        """The word for `count` of them: "person" or "people", "message" or "messages", ..."""
        singular, plural, _label = _UNIT_LABELS[self]
        return singular if count == 1 else plural


_UNIT_LABELS = {
    GoalUnit.PEOPLE: ("person", "people", "people reached"),
    GoalUnit.MESSAGES: ("message", "messages", "messages sent"),
    GoalUnit.CONVERSATIONS: ("conversation", "conversations", "conversations held"),
}


class Period(enum.StrEnum):
    """How often a goal's count starts again."""

    DAY = "day"
    WEEK = "week"


class InterviewStatus(enum.StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"
    """Moved to a new time that isn't settled yet (a settled new time is simply PLANNED again)."""


class Setting(enum.StrEnum):
    """How an interview happens: over coffee, lunch, a call, a video call, a visit."""

    COFFEE = "coffee"
    LUNCH = "lunch"
    CALL = "call"
    VIDEO = "video"
    VISIT = "visit"
    OTHER = "other"


class Attraction(enum.StrEnum):
    """After a conversation: is the career option it spoke to more or less attractive now?"""

    UNSURE = "unsure"
    MORE = "more"
    SAME = "same"
    LESS = "less"


class CareerStatus(enum.StrEnum):
    EXPLORING = "exploring"
    PROMISING = "promising"
    SET_ASIDE = "set-aside"


@record_type
class Record:
    """Fields every stored record shares."""

    table: ClassVar[str] = ""
    """The TinyDB table that holds this kind of record."""

    id: int = 0
    """Assigned by the store on first save; 0 means not saved yet."""
    created: datetime = EPOCH
    updated: datetime = EPOCH


@record_type
class Thought(Record):
    """An anxious thought, written down as it is, without arguing with it."""

    table: ClassVar[str] = "thoughts"
    text: str
    likelihood: int | None = None
    """How likely it feels, 0-100 %, if the person chose to say."""
    outcome: Outcome = Outcome.UNTESTED
    contact_id: int | None = None
    interview_id: int | None = None
    seen: tuple[datetime, ...] = ()
    """Later times the same thought came back (the first time is `created`)."""

    @property
    def times_seen(self) -> int:
        return 1 + len(self.seen)


@record_type
class Goal(Record):
    """A small, repeatable target such as two people a day."""

    table: ClassVar[str] = "goals"
    title: str = ""
    """An optional name; coach describes a goal from its numbers ("2 people a day")."""
    target: int = 2
    unit: GoalUnit = GoalUnit.PEOPLE
    """What is counted."""
    period: Period = Period.DAY
    """Per day or per week."""
    rrule: str = "FREQ=DAILY"
    """An iCalendar RRULE (without DTSTART) saying which days the goal applies to, e.g.
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR". A weekly goal applies to every week that has such a day."""
    start: date | None = None
    """The first day it applies (None: the day it was created)."""
    end: date | None = None
    """The last day it applies (None: open-ended). A goal that was replaced ends the day before its successor."""
    plan: str = ""
    """When and where, in the person's words ("weekday mornings at 8, at the kitchen table")."""
    plan_time: str = ""
    """The planned time of day as "HH:MM", or empty."""
    plan_days: str = ""
    """The planned weekdays as RRULE BYDAY codes ("MO,WE,FR"); empty: the goal's own days."""
    active: bool = True
    """False once it was replaced by a newer goal (kept for history)."""


@record_type
class Contact(Record):
    """A person on the warm-to-cold ladder."""

    table: ClassVar[str] = "contacts"
    name: str
    warmth: Warmth = Warmth.WARM
    how_known: str = ""
    """How you know them ("Sam's sister", "met at the meetup")."""
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    notes: str = ""
    referred_by: int | None = None
    """The contact who introduced this one."""
    career_id: int | None = None
    """The career option this person can speak to."""


@record_type
class Outreach(Record):
    """One attempt to reach someone."""

    table: ClassVar[str] = "outreach"
    contact_id: int
    channel: Channel = Channel.EMAIL
    sent: datetime = EPOCH
    note: str = ""
    response: Response = Response.WAITING
    answered: datetime | None = None
    """When the answer came (None while waiting)."""
    guess: int | None = None
    """How likely a yes felt before sending, 0-100 %, if the person guessed."""
    follow_up: date | None = None
    """A follow-up day the person chose; None: a number of business days after `sent`."""


@record_type
class Interview(Record):
    """An informational interview: a coffee, a call, a visit, with its preparation and walkthrough."""

    table: ClassVar[str] = "interviews"
    contact_id: int | None = None
    when: datetime | None = None
    setting: Setting = Setting.COFFEE
    """Over coffee, lunch, a call, video, a visit."""
    place: str = ""
    """Where, or the link for a call."""
    minutes: int = 30
    """How long it is planned to last."""
    status: InterviewStatus = InterviewStatus.PLANNED
    career_id: int | None = None
    outreach_id: int | None = None
    """The ask that led to it (an outreach answered yes), if it came from one."""
    aims: tuple[str, ...] = ()
    """Up to three things to accomplish in the meeting."""
    leave_knowing: str = ""
    """What the person wants to leave knowing, in one sentence."""
    research: str = ""
    """Notes about the person and their organisation."""
    ready: tuple[str, ...] = ()
    """The keys of the logistics checklist items ticked off (the service defines the list)."""
    walk_step: int = 0
    """The walkthrough step to resume at (0 = not started)."""
    walk_draft: str = ""
    """Text typed in the walkthrough and not saved yet (restored on resume)."""
    walked: datetime | None = None
    """When the walkthrough was finished."""


@record_type
class PrepItem(Record):
    """A question or topic prepared for an interview."""

    table: ClassVar[str] = "prep_items"
    interview_id: int
    text: str
    done: bool = False
    """Asked (or covered) in the meeting."""
    starred: bool = False
    """One of the (up to) three that matter most."""
    rank: int = 0
    """Its place in the interview's list (smaller first)."""
    source: str = ""
    """The bank question's id it came from, or "" for the person's own question."""
    answer: str = ""
    """What they answered (written in the reflection)."""


@record_type
class Reflection(Record):
    """What the person noticed after an interview."""

    table: ClassVar[str] = "reflections"
    interview_id: int
    went_well: str = ""
    learned: str = ""
    surprised: str = ""
    """The most surprising answer."""
    best_question: str = ""
    """The question that worked best."""
    next_step: str = ""
    enjoyment: int | None = None
    """How much fun it was, 1-5."""
    kindness: int | None = None
    """How kind they were, 1-5: the "people are nice" evidence."""
    they_talked: int | None = None
    """How much of the conversation the other person did, 0-100 %."""
    referrals: tuple[int, ...] = ()
    """Contacts created from the people they suggested (each referred by the interviewee)."""
    thanked: datetime | None = None
    """When the thank-you note was sent."""
    thank_by: date | None = None
    """A thank-you note still to send by this day (None when sent or not wanted)."""
    attraction: Attraction = Attraction.UNSURE
    """The linked career option: more or less attractive now."""
    attraction_why: str = ""
    complete: bool = False
    """False while it is being written (saved as it goes)."""


@record_type
class Review(Record):
    """A weekly look back, and the small step planned for the next week."""

    table: ClassVar[str] = "reviews"
    week_start: date
    """The Monday the week starts on (local time)."""
    wins: str = ""
    lessons: str = ""
    next_goal: str = ""
    clear: str = ""
    """Move one: anything that happened and wasn't logged yet."""
    current: str = ""
    """Move two: notes on follow-ups and the next interviews."""
    note: str = ""
    """A free-text note for the week."""
    step: int = 0
    """The guided part's move to resume at."""
    goal_id: int | None = None
    """The goal set for next week at the end of the review, if it was changed."""
    completed: datetime | None = None


@record_type
class Career(Record):
    """One of the three or four careers being explored."""

    table: ClassVar[str] = "careers"
    title: str
    notes: str = ""
    """What draws you to it."""
    questions: str = ""
    """What you still want to find out about it."""
    status: CareerStatus = CareerStatus.EXPLORING
    rank: int = 0
    energy: int | None = None
    """Fit, 1-5: how much energy it gives you."""
    skills: int | None = None
    """Fit, 1-5: how well your skills match."""
    practicality: int | None = None
    """Fit, 1-5: pay, place, training needed."""
    values: int | None = None
    """Fit, 1-5: how well it matches what matters to you."""


RECORD_TYPES: tuple[type[Record], ...] = (
    Thought,
    Goal,
    Contact,
    Outreach,
    Interview,
    PrepItem,
    Reflection,
    Review,
    Career,
)
"""Every kind of record, in export order."""

TABLES: dict[str, type[Record]] = {kind.table: kind for kind in RECORD_TYPES}
