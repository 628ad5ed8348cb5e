"""The Goal screen driven from the keyboard: the store first, the screen second."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, ProgressBar, Static

from coach.models import Goal, GoalUnit, Period
from coach.screens.dialogs import ChoiceDialog
from coach.screens.goal import GoalDialog, GoalScreen, PlanDialog
from coach.store import Store
from tests.helpers.app_factory import make_app

SIZE = (100, 32)


async def open_goal(pilot: Pilot[int]) -> GoalScreen:
    await pilot.press("f4")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GoalScreen)
    return screen


def shown(screen: GoalScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_set_a_preset_log_two_attempts_see_two_of_two(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        assert "No goal yet" in shown(screen, "#goal-title")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first preset: 2 people a day
        await settle(pilot)
        [goal] = memory_store.all(Goal)
        assert (goal.target, goal.unit, goal.period) == (2, GoalUnit.PEOPLE, Period.DAY)
        assert "2 people a day, Mon-Fri" in shown(screen, "#goal-title")
        assert shown(screen, "#goal-count").startswith("0 of 2 people today")

        app.services.outreach.log("Ana [b]Ruiz[/b]", "email")
        app.services.outreach.log("Ben 🙂", "call")
        await pilot.press("f2")
        await pilot.pause()
        screen = await open_goal(pilot)
        assert shown(screen, "#goal-count").startswith("2 of 2 people today")
        bar = screen.query_one("#goal-bar", ProgressBar)
        assert (bar.progress, bar.total) == (2, 2)
        assert "met on 1 of 1 day" in shown(screen, "#goal-strength")
        assert shown(screen, "#goal-weeks-text").startswith("0 0 0 0 0 0 0 2")
