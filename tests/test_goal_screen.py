"""The Goal screen driven from the keyboard: the store first, the screen second."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, ProgressBar, Static

from coach.models import Goal, GoalUnit, Period
from coach.screens.dialogs import ChoiceDialog
from coach.screens.goal import GoalDialog, GoalScreen, PlanDialog
from coach.store import Store
from tests.helpers.app_factory import make_app

SIZE = (100, 32)
OWN = ("down", "down", "down", "enter")
"""In the new-goal list: past the three presets to "My own numbers"."""


async def open_goal(pilot: Pilot[int]) -> GoalScreen:
    await pilot.press("f4")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GoalScreen)
    return screen


def shown(screen: object, selector: str) -> str:
    assert hasattr(screen, "query_one")
    return str(screen.query_one(selector, Static).render())


async def settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def fill(pilot: Pilot[int], selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    if text.isascii():
        await pilot.press(*text)
    else:  # keys are typed one by one; an emoji arrives as a paste would
        field.insert_text_at_cursor(text)
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


async def test_own_goal_a_failed_save_keeps_the_words_and_the_old_goal_stays_in_history(
    memory_store: Store,
) -> None:
    app = make_app(memory_store)
    first = app.services.goals.set_goal("1 person a day", start=date(2026, 11, 2)).goal
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        await pilot.press("g", *OWN)
        await pilot.pause()
        assert isinstance(app.screen, GoalDialog)
        await fill(pilot, "#goal-form-target", "6")
        assert "6 a day is a lot" in shown(app.screen, "#goal-form-message")  # a nudge, as it is typed
        await fill(pilot, "#goal-form-days", "mon wed fri")
        await fill(pilot, "#goal-form-start .date-text", "next mon")  # still to come
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert memory_store.all(Goal) == [first]
        dialog = app.screen
        assert isinstance(dialog, GoalDialog)  # open again, with what was typed
        assert "still to come" in shown(dialog, "#goal-form-message")
        assert dialog.query_one("#goal-form-target", Input).value == "6"
        assert dialog.query_one("#goal-form-days", Input).value == "mon wed fri"
        await fill(pilot, "#goal-form-start .date-text", "2026-11-23")
        await fill(pilot, "#goal-form-end .date-text", "2026-12-31")
        await pilot.press("enter")
        await settle(pilot)
        goals = {goal.id: goal for goal in memory_store.all(Goal)}
        new = next(goal for goal in goals.values() if goal.id != first.id)
        assert (new.target, new.rrule, new.start, new.end) == (
            6,
            "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            date(2026, 11, 23),
            date(2026, 12, 31),
        )
        assert goals[first.id].end == date(2026, 11, 22) and not goals[first.id].active
        assert app.screen is screen
        assert "6 people a day, Mon, Wed, Fri" in shown(screen, "#goal-title")
        assert "until Thu 31 Dec 2026" in shown(screen, "#goal-detail")
        assert screen.query_one("#goal-nudge").display
        history = screen.query_one("#goal-history", OptionList)
        assert str(history.get_option_at_index(0).prompt).startswith("1 person a day")


async def test_bad_numbers_days_and_dates_are_said_inline_and_save_nothing(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_goal(pilot)
        await pilot.press("g", *OWN)
        await pilot.pause()
        for selector, text, words in [
            ("#goal-form-target", "two", "whole number"),
            ("#goal-form-target", "1000", "from 1 to 999"),
            ("#goal-form-target", "0", "from 1 to 999"),
            ("#goal-form-days", "someday", "isn't a weekday"),
            ("#goal-form-end .date-text", "31 feb", "not a real date"),
        ]:
            await fill(pilot, selector, text)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, GoalDialog), text
            assert words in shown(app.screen, "#goal-form-message"), text
            await fill(pilot, selector, {"#goal-form-target": "2", "#goal-form-days": "weekdays"}.get(selector, ""))
        await pilot.press("escape")
        await settle(pilot)
        assert memory_store.all(Goal) == []
        assert "No goal yet" in shown(app.screen, "#goal-title")


async def test_the_plan_is_kept_literally_and_says_when_it_is_time(memory_store: Store) -> None:
    app = make_app(memory_store)
    app.services.goals.set_goal("2 people a day")  # the clock says Wednesday 09:30
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        assert not screen.query_one("#goal-plan-now").display
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanDialog)
        await fill(pilot, "#goal-plan-text", "[b]kitchen[/b] table 🙂")
        await fill(pilot, "#goal-plan-time", "25:99")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanDialog)
        assert "time of day" in shown(app.screen, "#goal-plan-message")
        await fill(pilot, "#goal-plan-time", "9:15")
        assert shown(app.screen, "#goal-plan-message") == "", "the error goes once the words change"
        await pilot.press("enter")
        await settle(pilot)
        goal = app.services.goals.current()
        assert goal is not None and (goal.plan, goal.plan_time) == ("[b]kitchen[/b] table 🙂", "09:15")
        assert shown(screen, "#goal-plan") == "[b]kitchen[/b] table 🙂 (09:15)"
        assert screen.query_one("#goal-plan-now").display
        assert "Now is your planned time" in shown(screen, "#goal-plan-now")


async def test_a_plan_changed_elsewhere_asks_which_to_keep(memory_store: Store) -> None:
    app = make_app(memory_store)
    app.services.goals.set_goal("2 people a day", plan="mornings")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        await pilot.press("p")
        await pilot.pause()
        await fill(pilot, "#goal-plan-text", "lunch breaks")
        seen = app.services.goals.current()
        assert seen is not None
        memory_store.update(replace(seen, plan="evenings on the sofa"), base=seen)  # elsewhere, meanwhile
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "evenings on the sofa" in shown(app.screen, "#choice-explanation")
        await pilot.press("down", "enter")  # use mine
        await settle(pilot)
        current = app.services.goals.current()
        assert current is not None and current.plan == "lunch breaks"
        assert shown(screen, "#goal-plan") == "lunch breaks"


async def test_coming_back_with_nothing_changed_redraws_nothing(memory_store: Store) -> None:
    app = make_app(memory_store)
    app.services.goals.set_goal("2 people a day")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        draws: list[bool] = []
        original = screen._draw
        screen._draw = lambda plan_now: (draws.append(plan_now), original(plan_now))[1]  # type: ignore[method-assign]
        await pilot.press("f2", "f4")
        await pilot.pause()
        assert draws == []
        app.services.outreach.log("Ana", "email")
        await pilot.press("f2", "f4")
        await pilot.pause()
        assert draws == [False]
        assert shown(screen, "#goal-count").startswith("1 of 2 people today")


async def test_what_matters_first_fits_80_by_24() -> None:
    from tests.test_snapshot_goal import seeded_goal_app

    app = seeded_goal_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_goal(pilot)
        for selector in ("#goal-title", "#goal-count", "#goal-bar", "#goal-strength", "#goal-weeks", "#goal-plan-now"):
            region = screen.query_one(selector).region
            assert region.height >= 1 and region.bottom <= 22, selector  # above the hint line and the footer
        assert screen.query_one("#goal-history").region.height >= 1
        assert "Now is your planned time" in shown(screen, "#goal-plan-now")
        await pilot.press("h", "enter")
        await pilot.pause()
        assert "Mon 19 Oct 2026 to Sun 8 Nov 2026" in str(app.screen.query_one("#read-text", Static).render())


async def test_markup_emoji_and_a_5000_character_plan_show_literally(memory_store: Store) -> None:
    plan = ("[bold]x[/] [@click=app.quit]q[/] 🙂 " * 200)[:5000]
    memory_store.add(Goal(title="[b]Mine[/b] 👩‍💻", target=2, start=date(2026, 11, 1), plan=plan))  # a hand-edited file
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        assert "[b]Mine[/b] 👩‍💻" in shown(screen, "#goal-title")
        drawn = shown(screen, "#goal-plan")
        assert drawn.startswith("[bold]x[/] [@click=app.quit]q[/] 🙂") and drawn.endswith("…")
        assert app.is_running


async def test_a_refused_start_puts_the_cursor_in_starts_and_never_over_the_number(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_goal(pilot)
        await pilot.press("g", *OWN)
        await pilot.pause()
        await fill(pilot, "#goal-form-target", "3")
        await fill(pilot, "#goal-form-start .date-text", "next mon")  # a day still to come: the service says no
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()  # the form opens again (the worker waits on it: no waiting for workers here)
        dialog = app.screen
        assert memory_store.all(Goal) == []
        assert isinstance(dialog, GoalDialog) and "still to come" in shown(dialog, "#goal-form-message")
        start = dialog.query_one("#goal-form-start .date-text", Input)
        target = dialog.query_one("#goal-form-target", Input)
        assert app.focused is start and start.selection.is_empty  # its text kept whole, not selected
        await pilot.press("ctrl+u", *"today")  # the next keys go where the error is
        await pilot.pause()
        assert (start.value, target.value) == ("today", "3")
        # A date the form itself can't read takes the cursor to its field too, from wherever Enter was pressed.
        await fill(pilot, "#goal-form-end .date-text", "31 feb")
        target.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is dialog.query_one("#goal-form-end .date-text", Input)
        assert target.value == "3" and "Ends:" in shown(dialog, "#goal-form-message")


async def test_ctrl_s_saves_from_the_choices_where_enter_picks(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_goal(pilot)
        await pilot.press("g", *OWN)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GoalDialog)
        assert "Ctrl+S saves" in shown(dialog, ".dialog-hint") and "Enter: save" not in shown(dialog, ".dialog-hint")
        await fill(pilot, "#goal-form-days", "every day")
        dialog.query_one("#goal-form-unit").focus()
        await pilot.press("down", "enter")  # Enter picks "messages" and saves nothing
        await pilot.pause()
        assert app.screen is dialog and memory_store.all(Goal) == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        [goal] = memory_store.all(Goal)
        assert (goal.target, goal.unit, goal.period) == (2, GoalUnit.MESSAGES, Period.DAY)


async def test_a_weekly_goal_speaks_of_weeks(memory_store: Store) -> None:
    app = make_app(memory_store)
    app.services.goals.set_goal("3 conversations a week", start=date(2026, 11, 2))  # three weeks over, all missed
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        assert "Counting conversations held each week, Mon-Sun." in shown(screen, "#goal-detail")
        strength = shown(screen, "#goal-strength")
        assert "met on 0 of 3 weeks" in strength and "A missed week lowers it" in strength
        assert "day" not in strength


async def test_at_the_planned_time_with_the_goal_met_there_is_no_urging_to_start(memory_store: Store) -> None:
    app = make_app(memory_store)
    app.services.goals.set_goal("1 person daily", plan="desk", plan_time="9:00")  # Wednesday 09:30
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        assert shown(screen, "#goal-plan-now") == "Now is your planned time. One message is enough to start."
        app.services.outreach.log("Ana", "email")
        await pilot.press("f2", "f4")
        await pilot.pause()
        assert screen.query_one("#goal-plan-now").display
        assert shown(screen, "#goal-plan-now") == "Now is your planned time, and the goal is met today. Well done."


async def test_a_goal_changed_elsewhere_clears_what_the_line_said_about_the_old_one(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goal(pilot)
        app.services.goals.set_goal("2 people a day")
        screen.refresh_data()
        screen._say("Your goal is now 2 people a day, Mon-Fri.")  # as a save here says
        await pilot.pause()
        app.services.goals.set_goal("1 person a day")  # from the command line, say
        screen.refresh_data()
        await pilot.pause()
        assert shown(screen, "#goal-hint").startswith("g: a new goal")
