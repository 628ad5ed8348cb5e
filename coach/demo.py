"""A realistic, kind sample of a month with coach, for `coach demo`, the screenshots and snapshot tests.

`build_demo(store, now)` fills an empty store with about four weeks of someone's reaching out: fears
with what became of them (most didn't happen), a small goal with a plan, about thirty people on every
rung of the ladder with a small tree of referrals, the outreach log with answers and guesses, three
interviews (one held and reflected on, one tomorrow being prepared, one next week), two weekly
reviews and three career options. The same `now` always gives the same data.

Records are built from the models directly (one transaction), so the sample never depends on how a
service happens to check its input; tests read it back through the services. No Textual here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from coach.models import (
    Attraction,
    Career,
    CareerStatus,
    Channel,
    Contact,
    Goal,
    GoalUnit,
    Interview,
    InterviewStatus,
    Outcome,
    Outreach,
    Period,
    PrepItem,
    Reflection,
    Response,
    Review,
    Setting,
    Thought,
    Warmth,
)
from coach.store import Store

SEED = 20261128
"""The random choices (who answers, which day) come from this seed, so a given `now` gives the same data."""

WEEKDAYS_RULE = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
DAYS_BACK = 28
"""How far back the sample's story starts."""


@dataclass(frozen=True)
class DemoIds:
    """The ids of the records the screenshots and tests point at."""

    done_interview: int
    upcoming_interview: int
    next_week_interview: int
    careers: tuple[int, ...]
    referrals: tuple[int, ...] = field(default=())


# (name, warmth, how known, company, role, career index or None, referred by (name) or None)
_PEOPLE: tuple[tuple[str, Warmth, str, str, str, int | None, str | None], ...] = (
    ("Maya Okafor", Warmth.CLOSE, "best friend since school", "City Hospital", "nurse", None, None),
    ("Tom Berg", Warmth.CLOSE, "my brother-in-law", "Berg & Sons", "carpenter", None, None),
    ("Lena Fischer", Warmth.CLOSE, "old flatmate", "Northwind Bank", "analyst", 1, None),
    ("Sam Reyes", Warmth.CLOSE, "my cousin", "Riverside College", "librarian", 2, None),
    ("Priya Nair", Warmth.WARM, "worked together at Brightline", "Brightline", "project manager", None, None),
    ("Jonas Weber", Warmth.WARM, "from the running club", "", "physiotherapist", None, None),
    ("Aiko Tanaka", Warmth.WARM, "studied together", "Studio Kumo", "product designer", 0, None),
    ("Chris Doyle", Warmth.WARM, "neighbour two doors down", "", "retired teacher", 2, None),
    ("Hannah Lind", Warmth.WARM, "old colleague", "Brightline", "team lead", None, None),
    ("Omar Haddad", Warmth.WARM, "choir", "Harbour Health", "data engineer", 1, None),
    ("Eva Novak", Warmth.WARM, "Maya's partner", "", "architect", None, None),
    ("Kate Murphy", Warmth.WARM, "book club", "Open Door Charity", "volunteer coordinator", None, None),
    ("Peter Holm", Warmth.WARM, "my first manager", "Brightline", "director", None, None),
    ("Ella Brooks", Warmth.WARM, "worked at the café together", "", "office manager", None, None),
    ("Ruth Adeyemi", Warmth.ACQUAINTANCE, "met at the design meetup", "Fieldnote", "UX researcher", 0, None),
    ("Marco Bianchi", Warmth.ACQUAINTANCE, "friend of a friend at a barbecue", "", "statistician", 1, None),
    ("Sofia Lindqvist", Warmth.ACQUAINTANCE, "parent at the school gate", "Code Club", "coach", 2, None),
    (
        "Daniel Kim",
        Warmth.ACQUAINTANCE,
        "spoke at a webinar I joined",
        "Pulse Analytics",
        "founder",
        1,
        None,
    ),
    ("Grace Mensah", Warmth.ACQUAINTANCE, "met on a train, swapped cards", "", "service designer", 0, None),
    ("Felix Moreau", Warmth.ACQUAINTANCE, "gym", "", "nurse educator", None, None),
    ("Rosa Jimenez", Warmth.ACQUAINTANCE, "met at a careers fair", "Westside Adult Ed", "programme lead", 2, None),
    (
        "Nadia Petrova",
        Warmth.REFERRED,
        "Maya's friend from university",
        "Fieldnote",
        "senior UX researcher",
        0,
        "Maya Okafor",
    ),
    ("Ben Carter", Warmth.REFERRED, "Priya's old teammate", "Harbour Health", "data analyst", 1, "Priya Nair"),
    (
        "Luis Ortega",
        Warmth.REFERRED,
        "Priya met him at a conference",
        "LearnWorks",
        "bootcamp instructor",
        2,
        "Priya Nair",
    ),
    ("Mei Chen", Warmth.REFERRED, "Ben's manager", "Harbour Health", "head of analytics", 1, "Ben Carter"),
    ("Tariq Aziz", Warmth.REFERRED, "Ruth's research partner", "Fieldnote", "UX researcher", 0, "Ruth Adeyemi"),
    ("Julia Meyer", Warmth.COLD, "wrote the post on research in small teams", "", "research lead", 0, None),
    ("Arjun Patel", Warmth.COLD, "runs the health data newsletter", "", "writer", 1, None),
    ("Zoe Williams", Warmth.COLD, "teaches the evening SQL course", "Riverside College", "lecturer", 2, None),
    ("Noah Schmidt", Warmth.COLD, "profile came up in a search", "Civic Design Lab", "designer", 0, None),
)

# Made in the done interview's reflection, referred by Nadia (created after the meeting).
_REFERRALS = (
    ("Ingrid Solberg", "Nadia suggested her: runs research at a small agency", "Solberg Studio", "research director"),
    ("Kwame Asante", "Nadia suggested him: moved into research from teaching", "Greenline", "UX researcher"),
)

# The order people were asked in: safe first, then outward along the ladder.
_ASK_ORDER = (
    "Maya Okafor",
    "Lena Fischer",
    "Priya Nair",
    "Sam Reyes",
    "Aiko Tanaka",
    "Tom Berg",
    "Hannah Lind",
    "Omar Haddad",
    "Chris Doyle",
    "Jonas Weber",
    "Kate Murphy",
    "Nadia Petrova",
    "Ruth Adeyemi",
    "Eva Novak",
    "Ella Brooks",
    "Marco Bianchi",
    "Ben Carter",
    "Sofia Lindqvist",
    "Grace Mensah",
    "Luis Ortega",
    "Daniel Kim",
    "Julia Meyer",
    "Tariq Aziz",
    "Mei Chen",
    "Arjun Patel",
    "Rosa Jimenez",
    "Ingrid Solberg",
    "Kwame Asante",
    "Peter Holm",
)

_INTERVIEWED = ("Nadia Petrova", "Ben Carter", "Luis Ortega")
"""Their asks were answered yes and became the three interviews."""

_THIS_MORNING = ("Peter Holm",)
"""Asked this morning (when `now` is past 9), so today's goal has begun."""
_STILL_WAITING = ("Daniel Kim",)
"""No answer yet, long enough ago that a gentle follow-up is due."""

_YES_CHANCE = {
    Warmth.CLOSE: 0.95,
    Warmth.WARM: 0.75,
    Warmth.ACQUAINTANCE: 0.6,
    Warmth.REFERRED: 0.7,
    Warmth.COLD: 0.35,
}
_GUESS_RANGE = {
    Warmth.CLOSE: (50, 70),
    Warmth.WARM: (25, 45),
    Warmth.ACQUAINTANCE: (15, 35),
    Warmth.REFERRED: (15, 35),
    Warmth.COLD: (5, 15),
}
_NOTES = (
    "asked for 20 minutes about how they got into it",
    "short message, asked if they'd have time for a coffee",
    "mentioned who suggested them",
    "asked what a normal week looks like for them",
    "kept it to three lines",
    "",
)

# (days ago, hour, text, likelihood, outcome, about: a name, "done", "tomorrow" or None, times seen again)
_THOUGHTS: tuple[tuple[int, int, str, int | None, Outcome, str | None, int], ...] = (
    (27, 21, "They'll think I only get in touch when I want something", 70, Outcome.DID_NOT_HAPPEN, None, 2),
    (27, 21, "I'll be bothering busy people", 80, Outcome.DID_NOT_HAPPEN, None, 3),
    (26, 8, "Maya will say yes just to be polite", 40, Outcome.DID_NOT_HAPPEN, "Maya Okafor", 0),
    (24, 22, "No one will answer at all", 60, Outcome.DID_NOT_HAPPEN, None, 0),
    (20, 9, "Priya won't remember me", 50, Outcome.DID_NOT_HAPPEN, "Priya Nair", 0),
    (19, 19, "I'll sound desperate in the message", 60, Outcome.PARTLY, None, 1),
    (15, 7, "I won't know what to say when the call starts", 70, Outcome.DID_NOT_HAPPEN, None, 0),
    (12, 21, "A stranger won't write back", 75, Outcome.CAME_TRUE, "Julia Meyer", 0),
    (9, 20, "I'll run out of questions after five minutes", 65, Outcome.DID_NOT_HAPPEN, "done", 0),
    (8, 8, "Nadia will see I don't know anything about research", 70, Outcome.DID_NOT_HAPPEN, "done", 0),
    (7, 22, "I'll go over the time and annoy her", 30, Outcome.PARTLY, "done", 0),
    (3, 21, "Ben will think I'm wasting his time", 60, Outcome.UNTESTED, "tomorrow", 0),
    (2, 7, "The video call will freeze and I'll panic", 40, Outcome.UNTESTED, "tomorrow", 0),
    (1, 22, "Asking Mei directly is too forward", None, Outcome.UNTESTED, "Mei Chen", 0),
    (0, 7, "I'm too old to change careers", 50, Outcome.UNTESTED, None, 1),
)


def _at(day: date, hour: int, minute: int, now: datetime) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=now.tzinfo)


def _weekdays(first: date, last: date) -> list[date]:
    days = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def build_demo(store: Store, now: datetime) -> DemoIds:
    """Fill `store` (meant to be empty) with the sample, relative to `now` (timezone-aware); the ids of note.

    Everything is saved in one transaction: all of it or none."""
    if now.tzinfo is None:
        now = now.astimezone()
    rng = random.Random(SEED)
    today = now.date()
    start = today - timedelta(days=DAYS_BACK)
    held_at = _at(today - timedelta(days=2), 10, 0, now)
    with store.transaction():
        careers = _careers(store, now, start)
        people = _people(store, now, start, careers, held_at)
        store.add(
            Goal(
                target=2,
                unit=GoalUnit.PEOPLE,
                period=Period.DAY,
                rrule=WEEKDAYS_RULE,
                start=start + timedelta(days=7),
                plan="weekday mornings at 8:30, with the first coffee, at the kitchen table",
                plan_time="08:30",
                plan_days="MO,TU,WE,TH,FR",
                created=_at(start + timedelta(days=7), 8, 5, now),
            )
        )
        asks = _outreach(store, now, start, people, rng)
        done, upcoming, next_week = _interviews(store, now, held_at, people, asks, careers)
        referrals = tuple(people[name].id for name, *_rest in _REFERRALS)
        _thoughts(store, now, people, done, upcoming, held_at)
        _reviews(store, now)
    return DemoIds(
        done_interview=done,
        upcoming_interview=upcoming,
        next_week_interview=next_week,
        careers=tuple(careers),
        referrals=referrals,
    )


def _careers(store: Store, now: datetime, start: date) -> list[int]:
    made = _at(start, 20, 0, now)
    options = [
        Career(
            title="UX research",
            notes="Listening to people and turning it into better products: the part of my old job I liked best.",
            questions="How do people get in without a design degree? Is it mostly meetings?",
            status=CareerStatus.PROMISING,
            rank=0,
            energy=5,
            skills=3,
            practicality=3,
            values=5,
            created=made,
        ),
        Career(
            title="Health data analysis",
            notes="Numbers that help patients. I already know spreadsheets and some SQL.",
            questions="How much statistics is really needed? Do hospitals hire juniors?",
            rank=1,
            energy=3,
            skills=4,
            practicality=4,
            values=4,
            created=made,
        ),
        Career(
            title="Teaching adults to code",
            notes="Evening classes and bootcamps: explaining things patiently is something I'm good at.",
            questions="Can it be a full-time job? What does a term look like?",
            rank=2,
            energy=4,
            skills=3,
            practicality=2,
            created=made,
        ),
    ]
    return [career.id for career in store.add_many(options)]


def _people(store: Store, now: datetime, start: date, careers: list[int], held_at: datetime) -> dict[str, Contact]:
    people: dict[str, Contact] = {}
    for index, (name, warmth, how, company, role, career, referrer) in enumerate(_PEOPLE):
        added_on = start + timedelta(days=min(index // 4, 20))
        contact = Contact(
            name=name,
            warmth=warmth,
            how_known=how,
            company=company,
            role=role,
            career_id=None if career is None else careers[career],
            referred_by=None if referrer is None else people[referrer].id,
            created=_at(added_on, 20, index % 60, now),
        )
        people[name] = store.add(contact)
    for name, how, company, role in _REFERRALS:  # suggested by Nadia in the interview
        people[name] = store.add(
            Contact(
                name=name,
                warmth=Warmth.REFERRED,
                how_known=how,
                company=company,
                role=role,
                referred_by=people["Nadia Petrova"].id,
                career_id=careers[0],
                created=held_at + timedelta(hours=3),
            )
        )
    return people


def _outreach(
    store: Store, now: datetime, start: date, people: dict[str, Contact], rng: random.Random
) -> dict[str, Outreach]:
    """One a day while the names are gathered, then two people most weekdays, in ladder order; the
    last week's asks may still be waiting."""
    today = now.date()
    last = today if now.time() >= time(9, 0) else today - timedelta(days=1)  # this morning too, once it is past
    days = _weekdays(start + timedelta(days=1), last)
    pattern = (1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 2)
    queue = list(_ASK_ORDER)
    asked: set[str] = set()
    records: list[Outreach] = []
    follow_ups: list[str] = []
    for number, day in enumerate(days):
        for slot in range(pattern[number % len(pattern)]):
            sent = _at(day, 8, 30 + slot * 9 + rng.randrange(10), now)
            ready = [
                name
                for name in queue
                if people[name].created.date() <= day and (name not in _THIS_MORNING or day == today)
            ]
            if ready:
                name = ready[0]
                queue.remove(name)
                sent = max(sent, people[name].created + timedelta(hours=2))
            elif follow_ups:
                name = follow_ups.pop(0)
            else:
                break
            contact = people[name]
            low, high = _GUESS_RANGE[contact.warmth]
            guess = rng.randrange(low, high + 1, 5)
            response, answered = Response.WAITING, None
            age = (today - day).days
            answered_yet = age > 9 or (age > 3 and rng.random() < 0.6)  # the last days' asks may still wait
            if (answered_yet or name in _INTERVIEWED) and name not in _STILL_WAITING:
                roll = rng.random()
                if name in _INTERVIEWED or roll < _YES_CHANCE[contact.warmth]:
                    response = Response.YES  # these three became the interviews
                elif roll < _YES_CHANCE[contact.warmth] + 0.08:
                    response = Response.NO
                else:
                    response = Response.NO_REPLY
                if response is not Response.NO_REPLY:
                    answered = min(sent + timedelta(hours=rng.randrange(3, 50)), now - timedelta(hours=1))
            if response is Response.NO_REPLY and name not in asked:
                follow_ups.append(name)
            records.append(
                Outreach(
                    contact_id=contact.id,
                    channel=rng.choice((Channel.EMAIL, Channel.EMAIL, Channel.MESSAGE, Channel.TEXT, Channel.CALL)),
                    sent=sent,
                    note="a gentle follow-up" if name in asked else rng.choice(_NOTES),
                    response=response,
                    answered=answered,
                    guess=guess,
                    created=sent,
                )
            )
            asked.add(name)
    saved = store.add_many(records)
    by_contact = {record.contact_id: record for record in reversed(saved)}  # each person's first ask
    return {name: by_contact[contact.id] for name, contact in people.items() if contact.id in by_contact}


def _interviews(
    store: Store,
    now: datetime,
    held_at: datetime,
    people: dict[str, Contact],
    asks: dict[str, Outreach],
    careers: list[int],
) -> tuple[int, int, int]:
    today = now.date()
    nadia, ben, luis = people["Nadia Petrova"], people["Ben Carter"], people["Luis Ortega"]
    done = store.add(
        Interview(
            contact_id=nadia.id,
            when=held_at,
            setting=Setting.COFFEE,
            place="Café Lindgren, Market Street",
            minutes=30,
            status=InterviewStatus.DONE,
            career_id=careers[0],
            outreach_id=asks["Nadia Petrova"].id if "Nadia Petrova" in asks else None,
            aims=(
                "Hear how she moved into research",
                "Learn what a junior researcher does all week",
                "Ask who else I could talk to",
            ),
            leave_knowing="whether research suits someone who likes people more than tools",
            research="Eight years at Fieldnote; wrote a talk on interviewing nervous users.",
            ready=("time", "place", "route", "bring", "research", "questions", "quiet"),
            walked=held_at - timedelta(minutes=50),
            created=held_at - timedelta(days=6),
        )
    )
    questions = (
        ("How did you get your first research job?", True, "A friend's startup needed someone to talk to users."),
        ("What does a normal week look like?", True, "Two or three interviews, a lot of note sorting, one readout."),
        ("What do you wish you had known at the start?", True, "That nobody expects you to know the answers."),
        ("Which skills from my old job would carry over?", False, "Running workshops, writing clearly."),
        ("What's the hardest part of the work?", False, "Telling a team their favourite idea didn't test well."),
        ("Who else would you suggest I talk to?", False, "Ingrid and Kwame."),
    )
    store.add_many(
        PrepItem(
            interview_id=done.id,
            text=text,
            starred=starred,
            rank=rank,
            done=True,
            answer=answer,
            created=held_at - timedelta(days=2),
        )
        for rank, (text, starred, answer) in enumerate(questions)
    )
    store.add(
        Reflection(
            interview_id=done.id,
            went_well="I asked my three starred questions and she did most of the talking.",
            learned="Research is mostly listening and writing up; my workshop experience counts.",
            surprised="She was nervous before her first interviews too.",
            best_question="What do you wish you had known at the start?",
            next_step="Write to Ingrid and Kwame this week, mentioning Nadia.",
            enjoyment=4,
            kindness=5,
            they_talked=70,
            referrals=tuple(people[name].id for name, *_rest in _REFERRALS),
            thanked=held_at + timedelta(hours=8),
            attraction=Attraction.MORE,
            attraction_why="The day-to-day sounds like the parts of my job I enjoy.",
            complete=True,
            created=held_at + timedelta(hours=2),
        )
    )
    tomorrow = _at(today + timedelta(days=1), 15, 0, now)
    upcoming = store.add(
        Interview(
            contact_id=ben.id,
            when=tomorrow,
            setting=Setting.VIDEO,
            place="video link in Ben's e-mail",
            minutes=25,
            career_id=careers[1],
            outreach_id=asks["Ben Carter"].id if "Ben Carter" in asks else None,
            aims=("Find out how much statistics the job needs", "Ask how he got his first analyst role"),
            leave_knowing="whether a short SQL course would be enough to start",
            research="Five years at Harbour Health; moved over from the wards.",
            ready=("time", "place", "research"),
            created=now - timedelta(days=2),
        )
    )
    tomorrow_questions = (
        ("How did you move from the wards into data?", True),
        ("Which tools do you use every day?", True),
        ("What would you learn first, in my place?", True),
        ("What does a bad week look like?", False),
        ("Is there anyone else you'd suggest I talk to?", False),
    )
    store.add_many(
        PrepItem(interview_id=upcoming.id, text=text, starred=starred, rank=rank, created=now - timedelta(days=1))
        for rank, (text, starred) in enumerate(tomorrow_questions)
    )
    later = _at(today + timedelta(days=7), 12, 30, now)
    next_week = store.add(
        Interview(
            contact_id=luis.id,
            when=later,
            setting=Setting.LUNCH,
            place="the noodle place near LearnWorks",
            minutes=45,
            career_id=careers[2],
            outreach_id=asks["Luis Ortega"].id if "Luis Ortega" in asks else None,
            aims=("Hear what a bootcamp term is like",),
            ready=("time",),
            created=now - timedelta(hours=20),
        )
    )
    store.add(
        PrepItem(
            interview_id=next_week.id,
            text="Can teaching be a full-time job?",
            starred=True,
            created=now - timedelta(hours=20),
        )
    )
    return done.id, upcoming.id, next_week.id


def _thoughts(
    store: Store, now: datetime, people: dict[str, Contact], done: int, upcoming: int, held_at: datetime
) -> None:
    today = now.date()
    for days_ago, hour, text, likelihood, outcome, about, again in _THOUGHTS:
        created = min(_at(today - timedelta(days=days_ago), hour, 10, now), now - timedelta(minutes=30))
        contact_id = interview_id = None
        if about == "done":
            interview_id = done
        elif about == "tomorrow":
            interview_id = upcoming
        elif about is not None:
            contact_id = people[about].id
        seen = tuple(created + timedelta(days=3 * (n + 1), hours=1) for n in range(again))
        thought = Thought(
            text=text,
            likelihood=likelihood,
            outcome=outcome,
            contact_id=contact_id,
            interview_id=interview_id,
            seen=tuple(moment for moment in seen if moment < now),
            created=created,
        )
        # The store stamps `updated` with its clock; a tested fear's is when it met reality (the weekly
        # review counts tests by it), so each is saved with the clock set to that moment.
        tested = held_at + timedelta(hours=1) if interview_id == done else created + timedelta(days=2)
        _add_at(store, thought, min(tested, now) if outcome is not Outcome.UNTESTED else now)


def _add_at(store: Store, record: Thought, moment: datetime) -> None:
    clock = store.clock
    store.clock = lambda: moment
    try:
        store.add(record)
    finally:
        store.clock = clock


def _reviews(store: Store, now: datetime) -> None:
    monday = now.date() - timedelta(days=now.date().weekday())
    two_ago, last = monday - timedelta(days=14), monday - timedelta(days=7)
    store.add_many(
        [
            Review(
                week_start=two_ago,
                wins="Asked four friends and all of them said yes. Maya introduced me to Nadia.",
                lessons="The first message was the hardest; the second took five minutes.",
                next_goal="2 people a day",
                clear="Logged the call with Tom.",
                current="Follow up with Hannah on Tuesday.",
                note="Less scary than I thought.",
                step=3,
                completed=_at(two_ago + timedelta(days=6), 18, 0, now),
                created=_at(two_ago + timedelta(days=6), 17, 40, now),
            ),
            Review(
                week_start=last,
                wins="First real interview booked, and Nadia was lovely.",
                lessons="Starring three questions kept me calm.",
                next_goal="2 people a day",
                clear="Added Ingrid and Kwame from Nadia's suggestions.",
                current="Ben tomorrow; Luis next week.",
                note="Write to the referrals while the name is fresh.",
                step=3,
                completed=_at(last + timedelta(days=6), 19, 0, now),
                created=_at(last + timedelta(days=6), 18, 30, now),
            ),
        ]
    )
