"""Weekly Review (F8) driven from the keyboard: the figures on screen are the service's, browsing weeks
updates them in place, and the three guided moves end in a saved review and next week's goal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from textual.pilot import Pilot
from textual.widgets import Button, Input, Sparkline, Static

from coach.models import (
    Channel,
    Contact,
    Goal,
    GoalUnit,
    Interview,
    InterviewStatus,
    Outcome,
    Outreach,
    Period,
    Reflection,
    Response,
    Review,
    Thought,
    Warmth,
)
from coach.screens.dialogs import ClashDialog
from coach.screens.review import (
    FIRST_WEEK_TEXT,
    FOLDED,
    ReviewGuideDialog,
    ReviewScreen,
    answers_text,
    figure_text,
    yes_rate_text,
)
from coach.services.goals import WEEKDAYS_RULE
from coach.services.reviews import WeekReview
from coach.store import Store
from tests.conftest import FIXED_NOW, FakeClock
from tests.helpers.app_factory import make_app

SIZE = (100, 32)
THIS_WEEK = date(2026, 11, 23)
"""The Monday of FIXED_NOW's week (Wed 25 Nov 2026)."""

LEARNED = "[b]not bold[/b] and [@click=app.quit]no link[/]: most of the job is writing"
QUESTION = "What would you tell yourself in year one?"
SURPRISE = "She said nobody feels ready at first 🙂"


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in the test clock's zone."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=FIXED_NOW.tzinfo)


def seed_week(store: Store, clock: FakeClock) -> None:
    """A goal since 2 Nov, asks last week and this week (answers and guesses), a conversation held on
    Tuesday with a complete reflection (with hostile text), and fears, one tested."""
    monday = THIS_WEEK
    last_monday = monday - timedelta(days=7)
    store.add(
        Goal(
            target=2,
            unit=GoalUnit.PEOPLE,
            period=Period.DAY,
            rrule=WEEKDAYS_RULE,
            start=date(2026, 11, 2),
            created=at(date(2026, 11, 2), 8),
        )
    )
    ana = store.add(Contact(name="Ana Ruiz", warmth=Warmth.CLOSE, created=at(date(2026, 11, 2), 9)))
    bo = store.add(Contact(name="Bo Lee", created=at(date(2026, 11, 2), 9)))
    cy = store.add(Contact(name="Cy Park", created=at(date(2026, 11, 2), 9)))
    dee = store.add(Contact(name="Dee Moss", created=at(date(2026, 11, 2), 9)))
    store.add_many(
        [
            # last week: one yes, one no
            Outreach(
                contact_id=ana.id,
                sent=at(last_monday, 9),
                guess=50,
                response=Response.YES,
                answered=at(last_monday, 12),
            ),
            Outreach(
                contact_id=bo.id,
                sent=at(last_monday + timedelta(days=1), 9),
                guess=30,
                response=Response.NO,
                answered=at(last_monday + timedelta(days=2), 9),
            ),
            # this week: two yes, one no, one waiting; guesses average 35 %
            Outreach(
                contact_id=ana.id,
                channel=Channel.CALL,
                sent=at(monday, 9),
                guess=30,
                response=Response.YES,
                answered=at(monday, 11),
            ),
            Outreach(
                contact_id=bo.id,
                sent=at(monday, 10),
                guess=40,
                response=Response.NO,
                answered=at(monday + timedelta(days=1), 8),
            ),
            Outreach(
                contact_id=cy.id,
                sent=at(monday + timedelta(days=1), 9),
                guess=20,
                response=Response.YES,
                answered=at(monday + timedelta(days=1), 10),
            ),
            Outreach(contact_id=dee.id, sent=at(monday + timedelta(days=1), 9, 30), guess=50),
        ]
    )
    talk = store.add(
        Interview(
            contact_id=ana.id,
            when=at(monday + timedelta(days=1), 15),
            status=InterviewStatus.DONE,
            created=at(monday, 11),
        )
    )
    store.add(
        Reflection(
            interview_id=talk.id,
            learned=LEARNED,
            best_question=QUESTION,
            surprised=SURPRISE,
            kindness=5,
            enjoyment=4,
            they_talked=70,
            thanked=at(monday + timedelta(days=1), 18),
            complete=True,
            created=at(monday + timedelta(days=1), 17),
        )
    )
    store.add_many(
        [
            Thought(
                text="they'll think I'm wasting their time",
                interview_id=talk.id,
                outcome=Outcome.DID_NOT_HAPPEN,
                created=at(monday, 8),
            ),
            Thought(text="I'll freeze on the phone", created=at(monday + timedelta(days=1), 8)),
        ]
    )
    clock.now = FIXED_NOW


async def open_review(pilot: Pilot[int]) -> ReviewScreen:
    await pilot.press("f8")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def text_of(screen: ReviewScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def shown_figures(screen: ReviewScreen) -> dict[str, tuple[str, str, list[float]]]:
    """key -> (label, words, sparkline data) as on screen."""
    shown = {}
    for row in screen.query(".review-figure"):
        key = row.name or ""
        label = str(row.query_one(".review-figure-label", Static).render())
        words = str(row.query_one(".review-figure-text", Static).render())
        spark = row.query_one(Sparkline).data
        shown[key] = (label, words, list(spark or []))
    return shown


def expected_figures(review: WeekReview) -> dict[str, tuple[str, str, list[float]]]:
    by_key = {figure.key: figure for figure in review.figures}
    words = {"yes_rate": yes_rate_text(by_key["yes_rate"], by_key["predicted_yes_rate"])}
    words["answered"] = answers_text(by_key["answered"], by_key)
    return {
        figure.key: (
            figure.label,
            words.get(figure.key) or figure_text(figure),
            [float(value or 0) for value in (*figure.history, figure.value)],
        )
        for figure in review.figures
        if figure.key not in FOLDED
    }


async def test_figures_browsing_and_the_guided_moves(memory_store: Store, clock: FakeClock) -> None:
    seed_week(memory_store, clock)
    app = make_app(memory_store)
    reviews = app.services.reviews
    this_week = reviews.week()
    # What the store holds, as the service counts it.
    assert this_week.week_start == THIS_WEEK
    assert (this_week.value("asked"), this_week.value("yes"), this_week.value("answered")) == (4, 2, 3)
    assert this_week.value("predicted_yes_rate") == 0.35
    assert this_week.value("conversations") == 1 and this_week.value("fears_tested") == 1
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        assert text_of(screen, "#review-week") == "Week of Mon 23 Nov – Sun 29 Nov · this week"
        shown = shown_figures(screen)
        assert shown == expected_figures(this_week)
        assert shown["yes_rate"][1] == "people are nice: 67 % said yes (2 of 3); you expected 35 %"
        assert shown["answered"][1] == "3 answered (2 yes, 1 no), 1 waiting"
        # Highlights: the reflection's words exactly as typed, never read as markup.
        highlights = text_of(screen, "#review-highlights")
        assert LEARNED in highlights and QUESTION in highlights and SURPRISE in highlights
        assert not screen.query_one("#review-empty").display
        rows_before = {row.name: row for row in screen.query(".review-figure")}

        # A week back, and forward again: the same widgets, updated in place.
        await pilot.press("left_square_bracket")
        await pilot.pause()
        last_week = reviews.week(THIS_WEEK - timedelta(days=7))
        assert text_of(screen, "#review-week") == "Week of Mon 16 Nov – Sun 22 Nov · last week"
        assert shown_figures(screen) == expected_figures(last_week)
        assert last_week.value("asked") == 2
        assert {row.name: row for row in screen.query(".review-figure")} == rows_before
        await pilot.press("right")
        await pilot.pause()
        assert shown_figures(screen) == expected_figures(this_week)
        await pilot.press("right_square_bracket")  # no week after this one
        await pilot.pause()
        assert "latest week" in text_of(screen, "#review-status")

        # A quiet week is said kindly; before any data, what will appear here.
        await pilot.press("left", "left")
        await pilot.pause()
        quiet = reviews.week(THIS_WEEK - timedelta(days=14))
        assert quiet.empty and not quiet.first_week
        assert screen.query_one("#review-empty").display
        assert "A quiet week" in text_of(screen, "#review-empty")
        assert "%" not in shown_figures(screen)["yes_rate"][1]
        await pilot.press("left", "left", "left")
        await pilot.pause()
        assert reviews.week(THIS_WEEK - timedelta(days=35)).first_week
        assert text_of(screen, "#review-empty") == FIRST_WEEK_TEXT
        assert not screen.query_one("#review-figures").display
        await pilot.press("g", "escape")  # opened and closed with nothing written: nothing kept
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen and memory_store.all(Review) == []
        await pilot.press("t")
        await pilot.pause()
        assert "this week" in text_of(screen, "#review-week")

        # The guided part: three moves, saved as they go.
        assert str(screen.query_one("#review-start", Button).label) == "Start the review"
        await pilot.press("g")
        await pilot.pause()
        guide = app.screen
        assert isinstance(guide, ReviewGuideDialog) and guide.step == 0
        await pilot.press(*"met Eli at a meetup")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert guide.step == 1
        saved = reviews.review_for(THIS_WEEK)
        assert saved is not None and saved.clear == "met Eli at a meetup" and saved.step == 1
        assert saved.completed is None
        await pilot.press("ctrl+b")  # back to the first move, and on again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert guide.step == 0 and guide.query_one("#guide-clear", Input).value == "met Eli at a meetup"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert guide.step == 1
        await pilot.press(*"write to Dee on Friday")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert guide.step == 2
        # Adjust next week's goal, a few minutes on: the third of the method's goals (after "keep it").
        clock.advance(minutes=5)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert "3 conversations a week" in str(guide.query_one("#guide-goal", Static).render())
        assert isinstance(guide.focused, Input)
        await pilot.press(*"one coffee is plenty")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

        stored = [review for review in memory_store.all(Review) if review.week_start == THIS_WEEK]
        assert len(stored) == 1
        review = stored[0]
        assert review.completed is not None
        assert (review.clear, review.current, review.note) == (
            "met Eli at a meetup",
            "write to Dee on Friday",
            "one coffee is plenty",
        )
        goal = app.services.goals.current()
        assert goal is not None and (goal.target, goal.unit, goal.period) == (3, GoalUnit.CONVERSATIONS, Period.WEEK)
        assert review.goal_id == goal.id and review.next_goal == "3 conversations a week"
        assert app.screen is screen
        saved_text = text_of(screen, "#review-saved")
        assert "one coffee is plenty" in saved_text and "write to Dee on Friday" in saved_text
        assert text_of(screen, "#review-status").startswith("Review saved.")

        # A saved review reopens (o). Changed elsewhere meanwhile: keeping that change shows it in the boxes.
        await pilot.press("o")
        await pilot.pause()
        guide = app.screen
        assert isinstance(guide, ReviewGuideDialog) and guide.step == 0
        assert guide.query_one("#guide-clear", Input).value == "met Eli at a meetup"
        memory_store.update(replace(review, clear="met Eli and Fay", note="changed on the laptop"), base=review)
        await pilot.press(*" too")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClashDialog)
        await pilot.press("enter")  # keep the change made elsewhere
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is guide and guide.step == 0
        kept = reviews.review_for(THIS_WEEK)
        assert kept is not None and (kept.clear, kept.note) == ("met Eli and Fay", "changed on the laptop")
        assert guide.query_one("#guide-clear", Input).value == "met Eli and Fay"
        assert guide.query_one("#guide-note", Input).value == "changed on the laptop"
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert text_of(screen, "#review-status").startswith("Reviewed on Wed 25 Nov.")

        # At 80x24 everything is still reachable: the header, the start button, and the guide's buttons.
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.query_one("#review-start").region.right <= 80
        await pilot.press("g")
        await pilot.pause()
        guide = app.screen
        assert isinstance(guide, ReviewGuideDialog)
        assert guide.query_one("#guide-next").region.bottom <= 24
        assert guide.query_one("#guide-clear").region.bottom <= 24
