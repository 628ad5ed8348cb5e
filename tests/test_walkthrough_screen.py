"""The walkthrough driven from the keyboard: the store first, the screen second."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, SelectionList, Static

from coach.app import CoachApp
from coach.models import Contact, Goal, GoalUnit, Interview, Period, PrepItem, Thought
from coach.screens.home import HomeScreen
from coach.screens.walkthrough import QuestionList, WalkthroughScreen
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SIZE = (100, 32)


def seed(store: Store, clock: FakeClock) -> Interview:
    ana = store.add(Contact(name="Ana [b]Ruiz[/b]"))
    store.add(Goal(target=3, unit=GoalUnit.CONVERSATIONS, period=Period.WEEK, start=clock().date()))
    return store.add(Interview(contact_id=ana.id, when=clock() + timedelta(hours=2, minutes=10), ready=("time",)))


async def open_walk(pilot: Pilot[int]) -> WalkthroughScreen:
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, WalkthroughScreen)
    return screen


def text(screen: WalkthroughScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def stored(store: Store, interview: Interview) -> Interview:
    return store.get(Interview, interview.id)


async def test_walk_all_five_steps_from_the_keyboard(
    memory_store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Saved at once instead of a moment after each key, so the store can be checked after each step.
    # (The real delay is tested by the other tests here and by tests/test_walkthrough_crash.py.)
    monkeypatch.setattr(WalkthroughScreen, "SAVE_DELAY", 0.0)
    interview = seed(memory_store, clock)
    app = make_app(memory_store, walk=interview.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot)
        assert "Step 1 of 5" in text(screen, "#walk-step")
        assert "Coffee with Ana [b]Ruiz[/b]" in text(screen, "#walk-heading")  # a name shows as typed
        fear_box = screen.query_one("#walk-fear-input", Input)
        assert fear_box.has_focus

        # Step 1: a fear, saved on Enter and linked to this interview.
        await pilot.press(*"what if I [i]go blank[/i]", "enter")
        await pilot.pause()
        [thought] = memory_store.all(Thought)
        assert (thought.text, thought.interview_id) == ("what if I [i]go blank[/i]", interview.id)
        assert fear_box.value == "" and fear_box.has_focus
        assert "what if I [i]go blank[/i]" in text(screen, "#walk-fear-list")
        assert text(screen, "#walk-fear-count").startswith("1 fear written down")
        await pilot.press(*"half")

        # Step 2: the goal; the place is saved, and so is what was typed in step 1 on the way.
        await pilot.press("pagedown")
        await pilot.pause()
        assert stored(memory_store, interview).walk_step == 2
        assert "Step 2 of 5" in text(screen, "#walk-step")
        assert "3 conversations a week" in text(screen, "#walk-goal-text")
        assert "1 of 3 this week" in text(screen, "#walk-goal-fits")
        assert screen.query_one("#walk-next-button", Button).has_focus

        # Back to step 1 and on again: the half-typed words are still in the box.
        await pilot.press("pageup")
        await pilot.pause()
        assert fear_box.value == "half" and fear_box.has_focus
        assert stored(memory_store, interview).walk_draft == "half"
        await pilot.press("ctrl+u", "pagedown")
        await pilot.pause()
        await pilot.press("enter")  # Enter on the Next button
        await pilot.pause()

        # Step 3: add a question, tick two logistics items, star the question.
        assert stored(memory_store, interview).walk_step == 3
        question_box = screen.query_one("#walk-question-input", Input)
        assert question_box.has_focus
        await pilot.press(*"How did you start?", "enter")
        await pilot.pause()
        [item] = memory_store.all(PrepItem)
        assert (item.text, item.interview_id, item.starred) == ("How did you start?", interview.id, False)
        await pilot.press("tab")
        assert screen.query_one("#walk-logistics", SelectionList).has_focus
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert set(stored(memory_store, interview).ready) == {"time", "place", "route"}
        assert "3 of 7 ready" in str(screen.query_one("#walk-logistics").border_title)
        await pilot.press("tab")
        assert screen.query_one("#walk-questions", QuestionList).has_focus
        await pilot.press("s")
        await pilot.pause()
        assert memory_store.get(PrepItem, item.id).starred

        # Step 4: the starred question and the reminder.
        await pilot.press("pagedown")
        await pilot.pause()
        assert "★ How did you start?" in text(screen, "#walk-starred")
        assert "listen" in text(screen, "#walk-reminders").lower()

        # Step 5: the time left, then Finish.
        await pilot.press("pagedown")
        await pilot.pause()
        assert "expects you in 2 h 10 min" in text(screen, "#walk-time-left")
        assert "Finish" in str(screen.query_one("#walk-next-button", Button).label)
        await pilot.press("enter")
        await pilot.pause()

        done = stored(memory_store, interview)
        assert (done.walked, done.walk_step, done.walk_draft) == (clock(), 0, "")
        assert isinstance(app.screen, HomeScreen)


async def test_quit_mid_step_one_and_come_back_to_the_typed_words(memory_store: Store, clock: FakeClock) -> None:
    interview = seed(memory_store, clock)
    app = make_app(memory_store, walk=interview.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_walk(pilot)
        # It fits 80x24: the field, the buttons and the footer's keys are all on screen.
        for selector in ("#walk-fear-input", "#walk-next-button", "#walk-back-button"):
            region = screen.query_one(selector).region
            assert region.height and region.bottom <= 23, selector
        await pilot.press(*"they'll think I'm wasting")
        await pilot.press("ctrl+q")
        await pilot.pause()
    state = stored(memory_store, interview)
    assert (state.walk_step, state.walk_draft) == (1, "they'll think I'm wasting")
    assert memory_store.all(Thought) == []  # a draft, not a fear yet

    again = make_app(memory_store, walk=interview.id)
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot)
        box = screen.query_one("#walk-fear-input", Input)
        assert box.value == "they'll think I'm wasting" and box.has_focus
        assert "Step 1 of 5" in text(screen, "#walk-step")
        # Esc leaves for Home and keeps the place.
        await pilot.press(*" their time", "pagedown", "pagedown")
        await pilot.pause()
        await pilot.press(*"a question half")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
    state = stored(memory_store, interview)
    assert (state.walk_step, state.walk_draft, state.walked) == (3, "a question half", None)

    third = make_app(memory_store, walk=interview.id)
    async with third.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot)
        assert "Step 3 of 5" in text(screen, "#walk-step")
        assert screen.query_one("#walk-question-input", Input).value == "a question half"


async def test_an_interview_gone_closes_the_walkthrough_with_a_message(memory_store: Store) -> None:
    app: CoachApp = make_app(memory_store, walk=99)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no interview #99" in str(note.message) for note in app._notifications)
