"""The first-run welcome: complete, skip, and resume after quitting midway; never shown again once done.
The store is checked first, the screen second."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from coach.models import Contact, Goal, GoalUnit, Period, Thought, Warmth
from coach.screens.home import HomeScreen
from coach.screens.welcome import WelcomeScreen
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SIZE = (100, 32)


def shown(screen: object, selector: str) -> str:
    assert hasattr(screen, "query_one")
    return str(screen.query_one(selector, Static).render())


async def type_line(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*text, "enter")
    await pilot.pause()


async def test_complete_all_three_steps(data_file: Path, clock: FakeClock) -> None:
    store = Store.open(data_file, clock=clock)
    app = make_app(store, first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WelcomeScreen) and screen.step == 1
        assert "Step 1 of 3" in shown(screen, "#welcome-step")
        assert not data_file.exists()  # nothing is written until the person does something

        await type_line(pilot, "They will think I am pushy")
        await type_line(pilot, "No one answers")
        assert [t.text for t in store.all(Thought)] == ["They will think I am pushy", "No one answers"]
        assert store.setting("welcome") == 1
        assert "No one answers" in shown(screen, "#welcome-fear-list")

        await pilot.press("enter")  # an empty line goes on
        await pilot.pause()
        assert screen.step == 2 and store.setting("welcome") == 2
        await pilot.press("down", "enter")  # the second preset
        await pilot.pause()
        [goal] = store.all(Goal)
        assert (goal.target, goal.unit, goal.period) == (5, GoalUnit.MESSAGES, Period.DAY)
        assert screen.step == 3 and store.setting("welcome") == 3

        await type_line(pilot, "Ana")
        await type_line(pilot, "Ben")
        people = store.all(Contact)
        assert [(c.name, c.warmth) for c in people] == [("Ana", Warmth.CLOSE), ("Ben", Warmth.CLOSE)]
        assert "That's two" in shown(screen, "#welcome-person-hint")

        await pilot.press("pagedown")  # done
        await pilot.pause()
        assert store.setting("welcome") == "done"
        assert isinstance(app.screen, HomeScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "5 messages" in shown(app.screen, "#home-goal-text")
    store.close()

    # Never again, even with first_run (a file deleted and rebuilt by hand would say so; the setting wins).
    reopened = Store.open(data_file, clock=clock)
    app = make_app(reopened, first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    reopened.close()


async def test_skip_and_quit_midway(data_file: Path, clock: FakeClock) -> None:
    # Quit at step 2: coach opens at step 2 next time (the file now exists, so it isn't a first run).
    store = Store.open(data_file, clock=clock)
    app = make_app(store, first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "I'll sound silly")
        await pilot.press("pagedown")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.screen.step == 2
        await pilot.press("ctrl+q")
    store.close()
    reopened = Store.open(data_file, clock=clock)
    assert reopened.setting("welcome") == 2 and reopened.count(Thought) == 1
    app = make_app(reopened, first_run=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WelcomeScreen) and screen.step == 2
        assert "Step 2 of 3" in shown(screen, "#welcome-step")
        await pilot.press("pageup")  # back to the thoughts: the one saved is counted
        await pilot.pause()
        assert screen.step == 1 and "1 thought on your list" in shown(screen, "#welcome-fear-hint")
        await pilot.press("escape")  # skip the rest
        await pilot.pause()
        assert reopened.setting("welcome") == "done"
        assert reopened.count(Goal) == 0 and reopened.count(Contact) == 0
        assert isinstance(app.screen, HomeScreen)
    reopened.close()
    again = Store.open(data_file, clock=clock)
    app = make_app(again, first_run=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    again.close()


async def test_a_file_with_data_opens_home(memory_store: Store) -> None:
    memory_store.add(Thought(text="from quick capture"))
    app = make_app(memory_store)  # not a first run: no welcome
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert memory_store.setting("welcome") is None


def test_welcome_first_step_snapshot(snap_compare: Any) -> None:
    store = Store.memory(clock=FakeClock())
    assert snap_compare(make_app(store, first_run=True), terminal_size=SIZE)
