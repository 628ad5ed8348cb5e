"""ReviewService: every figure of a week on fixed data, week boundaries in local time (DST included),
weeks across months and years, deleted records, empty and first weeks, and the guided part."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import ConflictError, ValidationError
from coach.models import (
    Contact,
    Interview,
    InterviewStatus,
    Outcome,
    Outreach,
    Record,
    Reflection,
    Response,
    Review,
    Thought,
)
from coach.services import Services
from coach.services.reviews import KEYS, Highlights, ReviewService, render_review, week_start_of
from coach.store import Store
from coach.text import clean_text
from tests.conftest import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
R = TypeVar("R", bound=Record)
BENCH = Path(__file__).resolve().parent.parent / "bench"


def at(*args: int, zone: ZoneInfo = BERLIN) -> datetime:
    return datetime(*args, tzinfo=zone)  # type: ignore[misc]


def make(now: datetime) -> tuple[Services, Store, FakeClock]:
    clock = FakeClock(now)
    store = Store.memory(clock=clock)
    return Services.create(store), store, clock


def put(store: Store, record: R, clock: FakeClock | None = None, when: datetime | None = None) -> R:
    """Save `record`; with `when`, the clock stands there for the save (so `updated` is `when`)."""
    if clock is None or when is None:
        return store.add(record)
    saved_now = clock.now
    clock.now = when
    try:
        return store.add(record)
    finally:
        clock.now = saved_now


def person(store: Store, name: str, created: datetime, referred_by: int | None = None) -> Contact:
    return store.add(Contact(name=name, created=created, referred_by=referred_by))


def ask(
    store: Store,
    contact: Contact,
    sent: datetime,
    response: Response = Response.WAITING,
    guess: int | None = None,
    answered: datetime | None = None,
) -> Outreach:
    if response is not Response.WAITING and answered is None:
        answered = sent
    return store.add(
        Outreach(contact_id=contact.id, sent=sent, created=sent, response=response, guess=guess, answered=answered)
    )


# --- the whole week, figure by figure ----------------------------------------------------------

WEEK = date(2026, 11, 16)  # Mon 16 - Sun 22 Nov 2026; today is Wed 25 Nov


@pytest.fixture
def week_data() -> tuple[Services, Store, FakeClock, dict[str, Record]]:
    services, store, clock = make(at(2026, 11, 25, 10, 0))
    early = at(2026, 10, 1, 9, 0)
    ana = person(store, "Ana", early)
    ben = person(store, "Ben", early)
    cara = person(store, "Cara", early)
    gus = person(store, "Gus", early)
    dev = person(store, "Dev", at(2026, 11, 17, 12, 0), referred_by=ana.id)  # a referral in the week
    person(store, "Eve", at(2026, 11, 23, 0, 0), referred_by=ana.id)  # next week
    person(store, "Fay", at(2026, 11, 18, 12, 0))  # in the week, not referred
    gone = person(store, "Gone", at(2026, 11, 19, 12, 0), referred_by=ana.id)
    store.delete(Contact, gone.id)  # deleted: not a referral any more

    # earlier weeks
    ask(store, cara, at(2026, 11, 2, 9, 0))  # still waiting
    ask(store, gus, at(2026, 11, 5, 9, 0))  # still waiting: its follow-up came due on Mon 16 Nov
    # the week
    ask(store, ana, at(2026, 11, 16, 0, 0), Response.YES, guess=40, answered=at(2026, 11, 17, 8, 0))
    ask(store, ben, at(2026, 11, 17, 10, 0), Response.NO, guess=20)
    ask(store, cara, at(2026, 11, 19, 10, 0))  # a follow-up: Cara's ask of 2 Nov was waiting
    ask(store, dev, at(2026, 11, 22, 23, 59), Response.NO_REPLY)
    deleted = ask(store, ben, at(2026, 11, 18, 10, 0), Response.YES, guess=90)
    store.delete(Outreach, deleted.id)
    ask(store, ana, at(2026, 11, 23, 0, 0), Response.YES, guess=100)  # next week

    def interview(contact: Contact, when: datetime, status: InterviewStatus = InterviewStatus.DONE) -> Interview:
        return store.add(Interview(contact_id=contact.id, when=when, status=status))

    talk_ana = interview(ana, at(2026, 11, 18, 15, 0))
    talk_ben = interview(ben, at(2026, 11, 21, 11, 0))
    talk_dev = interview(dev, at(2026, 11, 23, 9, 0))  # next week
    cancelled = interview(gus, at(2026, 11, 20, 9, 0), InterviewStatus.CANCELLED)
    removed = interview(cara, at(2026, 11, 19, 9, 0))
    store.delete(Interview, removed.id)

    store.add(
        Reflection(
            interview_id=talk_ana.id,
            learned="Libraries hire in spring",
            best_question="What surprised you most?",
            surprised="No degree needed",
            kindness=5,
            enjoyment=4,
            they_talked=70,
            thanked=at(2026, 11, 19, 20, 0),
            complete=True,
        )
    )
    store.add(
        Reflection(
            interview_id=talk_ben.id,
            learned="Shadowing is common",
            kindness=4,
            enjoyment=2,
            they_talked=60,
            thanked=at(2026, 11, 23, 8, 0),
            complete=True,
        )
    )
    store.add(Reflection(interview_id=talk_dev.id, kindness=1, enjoyment=1, they_talked=10, complete=True))
    store.add(Reflection(interview_id=cancelled.id, learned="half written", kindness=1, complete=False))

    store.add(Thought(text="new in the week", created=at(2026, 11, 16, 8, 0)))
    store.add(Thought(text="came back twice", created=at(2026, 10, 5, 8, 0), seen=(at(2026, 11, 17), at(2026, 11, 19))))
    store.add(Thought(text="Sunday night", created=at(2026, 11, 22, 23, 59)))
    store.add(Thought(text="Monday morning", created=at(2026, 11, 23, 0, 0)))
    store.add(
        Thought(text="tested at the talk", created=early, outcome=Outcome.DID_NOT_HAPPEN, interview_id=talk_ana.id)
    )
    put(store, Thought(text="tested, came true", created=early, outcome=Outcome.CAME_TRUE), clock, at(2026, 11, 20, 9))
    store.add(Thought(text="tested next week", created=early, outcome=Outcome.CAME_TRUE, interview_id=talk_dev.id))
    gone_thought = store.add(Thought(text="deleted", created=at(2026, 11, 18, 8, 0)))
    store.delete(Thought, gone_thought.id)

    clock.now = at(2026, 11, 16, 7, 0)
    services.goals.set_goal("1 person a weekday")
    clock.now = at(2026, 11, 25, 10, 0)
    return services, store, clock, {"ana": ana, "talk_ana": talk_ana}


def test_every_figure_of_a_week(week_data: tuple[Services, Store, FakeClock, dict[str, Record]]) -> None:
    services, _store, _clock, _records = week_data
    review = services.reviews.week(date(2026, 11, 19))
    assert review.week_start == WEEK
    assert review.week_end == date(2026, 11, 22)
    values = {figure.key: figure.value for figure in review.figures}
    assert set(values) == set(KEYS)
    assert values == {
        "goal_days_met": 3,  # Mon, Tue, Thu; nobody on Wed or Fri (Dev's ask was on Sunday)
        "goal_strength": values["goal_strength"],
        "people_asked": 4,
        "asked": 4,
        "answered": 3,
        "yes": 1,
        "no": 1,
        "no_reply": 1,
        "waiting": 1,
        "yes_rate": pytest.approx(1 / 3),
        "predicted_yes_rate": pytest.approx(0.30),
        "conversations": 2,
        "referrals": 1,
        "thank_yous": 1,
        "follow_ups_done": 1,
        "follow_ups_due": 1,  # Gus, due since Mon 16 Nov
        "fears_logged": 4,
        "fears_tested": 2,
        "fears_came_true": 1,
        "average_kindness": pytest.approx(4.5),
        "average_fun": pytest.approx(3.0),
        "they_talked_share": pytest.approx(0.65),
    }
    assert review.goal_days_judged == 5
    assert values["fears_logged"] == services.fears.week(WEEK).logged  # the Fear Monger counts the same
    assert isinstance(values["goal_strength"], int) and 0 < values["goal_strength"] < 100
    assert review.highlights.learned == ("Libraries hire in spring", "half written", "Shadowing is common")  # by time
    assert review.highlights.best_questions == ("What surprised you most?",)
    assert review.highlights.surprises == ("No degree needed",)
    assert not review.empty
    assert not review.first_week
    assert review.history_starts == tuple(WEEK - timedelta(weeks=back) for back in (4, 3, 2, 1))
    assert review.figure("asked").history == (0, 0, 2, 0)  # Cara and Gus in the week of 2 Nov
    assert review.figure("yes_rate").history == (None, None, None, None)

    document = review.as_json()
    assert document["week_start"] == "2026-11-16"
    assert document["yes_rate"] == 0.3333
    assert document["predicted_yes_rate"] == 0.3
    assert document["goal_days_met"] == 3
    assert [week["week_start"] for week in document["history"]] == [
        "2026-10-19",
        "2026-10-26",
        "2026-11-02",
        "2026-11-09",
    ]
    assert document["history"][2]["asked"] == 2
    assert set(document["history"][0]) == {"week_start", *KEYS}


def test_this_week_matches_goal_and_outreach(week_data: tuple[Services, Store, FakeClock, dict[str, Record]]) -> None:
    services, _store, _clock, _records = week_data
    review = services.reviews.week()
    assert review.week_start == date(2026, 11, 23)
    strength = services.goals.strength()
    assert strength is not None
    assert review.value("goal_strength") == strength.percent
    assert review.value("follow_ups_due") == len(services.outreach.follow_ups())
    assert review.value("asked") == 1
    assert review.value("referrals") == 1  # Eve, at Monday 00:00
    assert review.value("fears_logged") == 1  # Monday 00:00 belongs to the new week
    assert review.value("fears_tested") == 1 and review.value("fears_came_true") == 1  # linked to Dev's talk
    assert review.value("average_kindness") == 1.0
    assert review.value("thank_yous") == 1
    assert review.figure("asked").history[-1] == 4


def test_changes_are_picked_up(week_data: tuple[Services, Store, FakeClock, dict[str, Record]]) -> None:
    services, store, _clock, records = week_data
    reviews = services.reviews
    assert reviews.week(WEEK).value("asked") == 4
    ana = records["ana"]
    assert isinstance(ana, Contact)
    extra = ask(store, ana, at(2026, 11, 20, 12, 0), Response.YES, guess=60)
    after = reviews.week(WEEK)
    assert after.value("asked") == 5 and after.value("yes") == 2
    store.delete(Outreach, extra.id)
    assert reviews.week(WEEK).value("asked") == 4
    services.outreach.log("Ben", "call", when=at(2026, 11, 10, 9, 0))  # back-dated: a weekday long before
    thought = store.add(Thought(text="a new fear", created=at(2026, 11, 18, 9, 0), outcome=Outcome.CAME_TRUE))
    patched = reviews.week(WEEK)
    rebuilt = ReviewService(store, services.ledger, services.goals).week(WEEK)
    assert patched == rebuilt
    assert patched.figure("asked").history[-1] == 1
    assert patched.value("fears_logged") == 5 and patched.value("fears_came_true") == 1
    now = reviews.week()
    assert now.value("fears_tested") == 2  # tested when saved with its outcome: today
    strength = services.goals.strength()
    assert strength is not None and now.value("goal_strength") == strength.percent
    store.delete(Thought, thought.id)
    talk = records["talk_ana"]
    assert isinstance(talk, Interview)
    store.update(replace(talk, when=at(2026, 11, 24, 15, 0)), base=talk)  # moved to next week
    moved = reviews.week(WEEK)
    assert moved.value("conversations") == 1
    assert moved.value("fears_tested") == 1  # the fear tested at that talk moved with it
    assert moved.value("average_kindness") == 4.0


# --- boundaries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "last", "first"),
    [
        # Europe/Berlin leaves summer time on Sun 25 Oct 2026 at 03:00
        (BERLIN, at(2026, 10, 25, 23, 59, 59, zone=BERLIN), at(2026, 10, 26, 0, 0, zone=BERLIN)),
        # America/New_York leaves summer time on Sun 1 Nov 2026 at 02:00
        (NEW_YORK, at(2026, 11, 1, 23, 59, zone=NEW_YORK), at(2026, 11, 2, 0, 0, zone=NEW_YORK)),
        # Europe/Berlin starts summer time on Sun 29 Mar 2026, New York on Sun 8 Mar 2026
        (BERLIN, at(2026, 3, 29, 23, 59, zone=BERLIN), at(2026, 3, 30, 0, 0, zone=BERLIN)),
        (NEW_YORK, at(2026, 3, 8, 23, 59, zone=NEW_YORK), at(2026, 3, 9, 0, 0, zone=NEW_YORK)),
    ],
)
def test_sunday_night_and_monday_midnight_across_dst(zone: ZoneInfo, last: datetime, first: datetime) -> None:
    # "now" is in winter time: a week's bounds come from the zone's rules on those days, not from now's offset
    services, store, _clock = make(at(2026, 12, 15, 12, 0, zone=zone))
    someone = person(store, "Ana", last - timedelta(days=30))
    ask(store, someone, last)
    ask(store, someone, first)
    # the same moments, written in UTC, as a file from another machine would hold them
    store.add(Thought(text="late", created=last.astimezone(ZoneInfo("UTC"))))
    store.add(Thought(text="early", created=first.astimezone(ZoneInfo("UTC"))))
    ending = services.reviews.week(last.date())
    starting = services.reviews.week(first.date())
    assert ending.week_start == last.date() - timedelta(days=6)
    assert starting.week_start == first.date()
    assert ending.value("asked") == 1 and ending.value("fears_logged") == 1
    assert starting.value("asked") == 1 and starting.value("fears_logged") == 1
    assert starting.figure("asked").history[-1] == 1


def test_a_week_across_months() -> None:
    services, store, _clock = make(at(2026, 12, 10, 9, 0))
    someone = person(store, "Ana", at(2026, 11, 1, 9, 0))
    for moment in (at(2026, 11, 29, 23, 0), at(2026, 11, 30, 0, 0), at(2026, 12, 6, 23, 59), at(2026, 12, 7, 0, 0)):
        ask(store, someone, moment)
    review = services.reviews.week(date(2026, 12, 3))
    assert review.week_start == date(2026, 11, 30)
    assert review.value("asked") == 2
    assert review.value("people_asked") == 1
    assert review.figure("asked").history == (0, 0, 0, 1)


def test_a_week_across_years() -> None:
    services, store, _clock = make(at(2026, 1, 7, 9, 0))
    someone = person(store, "Ana", at(2025, 12, 1, 9, 0))
    for moment in (at(2025, 12, 28, 23, 59), at(2025, 12, 29, 0, 0), at(2026, 1, 1, 12, 0), at(2026, 1, 4, 23, 59)):
        ask(store, someone, moment, Response.YES, guess=50)
    ask(store, someone, at(2026, 1, 5, 0, 0))
    review = services.reviews.week(date(2026, 1, 1))
    assert review.week_start == date(2025, 12, 29)
    assert review.value("asked") == 3 and review.value("yes_rate") == 1.0
    assert review.value("predicted_yes_rate") == 0.5
    assert review.as_json()["week_start"] == "2025-12-29"
    assert review.history_starts[-1] == date(2025, 12, 22)
    assert services.reviews.week(date(2026, 1, 5)).figure("asked").history[-1] == 3


def test_week_start_of_uses_mondays() -> None:
    assert week_start_of(date(2026, 11, 22)) == date(2026, 11, 16)
    assert week_start_of(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_start_of(date(2026, 1, 4)) == date(2025, 12, 29)


# --- empty and first weeks -----------------------------------------------------------------------


def test_no_data_at_all_is_an_empty_first_week() -> None:
    services, _store, _clock = make(at(2026, 11, 25, 9, 0))
    review = services.reviews.week()
    assert review.empty and review.first_week
    assert review.value("yes_rate") is None
    assert review.value("predicted_yes_rate") is None
    assert review.value("average_kindness") is None
    assert review.value("they_talked_share") is None
    assert review.value("goal_strength") is None
    assert review.value("asked") == 0
    assert review.figure("goal_days_met").text == "no goal set for this week"
    text = services.reviews.render(review, "text")
    assert "Nothing recorded yet" in text


def test_first_week_and_a_quiet_week_later() -> None:
    services, store, clock = make(at(2026, 11, 4, 9, 0))
    someone = person(store, "Ana", at(2026, 11, 3, 9, 0))
    ask(store, someone, at(2026, 11, 3, 10, 0), Response.NO)
    first = services.reviews.week()
    assert first.first_week and not first.empty
    assert first.value("yes_rate") == 0.0
    assert services.reviews.week(date(2026, 10, 20)).first_week  # before any data
    clock.now = at(2026, 11, 25, 9, 0)
    quiet = services.reviews.week()
    assert quiet.empty and not quiet.first_week
    assert quiet.value("yes_rate") is None
    assert "A quiet week" in services.reviews.render(quiet, "md")
    ahead = services.reviews.week(date(2026, 12, 9))
    assert ahead.empty and "hasn't come yet" in services.reviews.render(ahead, "text")


# --- the guided part -----------------------------------------------------------------------------


def test_moves(week_data: tuple[Services, Store, FakeClock, dict[str, Record]]) -> None:
    services, store, _clock, _records = week_data
    ana = store.all(Contact)[0]
    store.add(Interview(contact_id=ana.id, when=at(2026, 11, 24, 9, 0), status=InterviewStatus.PLANNED))
    store.add(Interview(contact_id=ana.id, when=at(2026, 11, 27, 15, 0), place="Café Nord"))
    ask(store, person(store, "Olga", at(2025, 10, 1, 9, 0)), at(2025, 11, 3, 9, 0))
    moves = services.reviews.moves(date(2026, 11, 23))
    assert any("Ana on Tue 24 Nov: did it happen?" in line for line in moves.unlogged)
    assert moves.follow_ups[0].startswith("Olga: asked on Mon 3 Nov 2025, ")  # another year: said
    assert moves.follow_ups[1].startswith("Gus: asked on Thu 5 Nov, 14 business days ago")
    assert moves.next_interviews == ("Fri 27 Nov, 15:00: coffee with Ana at Café Nord",)
    assert moves.goal_text.startswith("1 person a day, Mon-Fri")
    assert moves.goal_nudge is None
    services.goals.set_goal("9 people a day")
    assert services.reviews.moves(date(2026, 11, 23)).goal_nudge is not None


def test_save_complete_and_past(week_data: tuple[Services, Store, FakeClock, dict[str, Record]]) -> None:
    services, store, clock, _records = week_data
    reviews = services.reviews
    assert reviews.review_for(WEEK) is None
    first = reviews.save(date(2026, 11, 19), step=1, clear="Logged Ben's answer")
    assert first.week_start == WEEK and first.step == 1 and first.clear == "Logged Ben's answer"
    second = reviews.save(WEEK, step=2, current="Follow up with Gus\x1b[31m", seen=first)
    assert second.id == first.id and second.current == "Follow up with Gus[31m" and second.clear == first.clear
    assert store.all(Review) == [second]
    # a clash: the same field changed elsewhere since `first` was read
    with pytest.raises(ConflictError):
        reviews.save(WEEK, current="something else", seen=first)
    with pytest.raises(ValidationError):
        reviews.save(WEEK, step=7)
    with pytest.raises(ValidationError):
        reviews.save(WEEK, note="x" * 20_001)
    reviews.save(WEEK, note="A good week", next_goal="2 people a weekday")
    done = reviews.complete(WEEK)
    assert done.completed is not None and done.step == 3
    goal = services.goals.current()
    assert goal is not None and goal.target == 2 and done.goal_id == goal.id
    again = reviews.complete(WEEK)
    assert again == done and len(services.goals.goals()) == 2  # completing twice sets no new goal
    later = reviews.save(date(2026, 11, 23), note="free words", next_goal="keep going")
    assert reviews.complete(later.week_start).goal_id is None
    assert services.goals.current() == goal  # words that aren't a goal stay words
    # the screen's way: the goal set from its own dialog while the review is open, its words saved
    clock.advance(days=7)
    third = reviews.save(date(2026, 11, 30), step=2)
    clock.advance(minutes=5)
    change = services.goals.set_goal("3 conversations a week")
    reviews.save(third.week_start, next_goal="3 conversations a week, Mon-Fri", seen=third)
    assert reviews.complete(third.week_start).goal_id == change.goal.id
    assert services.goals.current() == change.goal
    assert [review.week_start for review in reviews.past()] == [date(2026, 11, 30), date(2026, 11, 23), WEEK]
    assert reviews.review_for(WEEK) == done


def test_render_text_and_markdown(week_data: tuple[Services, Store, FakeClock, dict[str, Record]]) -> None:
    services, store, _clock, _records = week_data
    talk = store.all(Interview)[0]
    store.add(Reflection(interview_id=talk.id, learned="[bold]x[/bold] \x1b[2J# not a heading\nsecond line"))
    review = services.reviews.week(WEEK)
    text = render_review(review, "text")
    assert text.startswith("Week of Mon 16 Nov 2026 to Sun 22 Nov 2026\n")
    assert "People asked" in text and "4 people" in text
    assert "\x1b" not in text
    assert "[bold]x[/bold] [2J# not a heading second line" in text
    md = services.reviews.render(review, "md")
    assert md.startswith("## Week of Mon 16 Nov 2026 to Sun 22 Nov 2026\n")
    assert "- **Yes rate:** 33 % said yes (1 of 3) (before: –, –, –, –)" in md
    assert "- **Learned:** Libraries hire in spring" in md


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=4), st.sampled_from(["text", "md"]))
def test_any_highlight_text_prints_on_one_line_without_control_characters(texts: list[str], fmt: str) -> None:
    services, _store, _clock = make(at(2026, 11, 25, 9, 0))
    base = services.reviews.week()
    review = replace(base, highlights=Highlights(learned=tuple(texts)), empty=False, first_week=False)
    printed = render_review(review, "md" if fmt == "md" else "text")
    assert not any(unicodedata.category(char) == "Cc" for char in printed.replace("\n", ""))
    shown = [text for text in texts if clean_text(text).strip()]
    learned = [line for line in printed.splitlines() if "Learned:" in line]
    assert len(learned) == len(shown)


# --- against an independent count -------------------------------------------------------------


def _bench_module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("weeks_back", [1, 40])
def test_figures_match_stock_tinydb_queries_on_generated_data(tmp_path: Path, weeks_back: int) -> None:
    """The bench's stock TinyDB version of the figures (written separately, row by row) agrees on seeded data."""
    datagen = _bench_module("datagen")
    bench = _bench_module("review_week")
    path = datagen.write(tmp_path / "coach.json", datagen.generate(3_000, seed=5))
    now = datagen.END.astimezone(BERLIN)
    store = Store.open(path, clock=lambda: now)
    services = Services.create(store)
    monday = week_start_of(now.date()) - timedelta(weeks=weeks_back)
    review = services.reviews.week(monday)
    stock = bench.stock_weeks(path, monday, BERLIN, now.date())
    assert sum(week["asked"] for week in stock) > 0
    for key in bench.STOCK_KEYS:
        figure = review.figure(key)
        assert [*figure.history, figure.value] == pytest.approx([week[key] for week in stock]), key
    store.close()
