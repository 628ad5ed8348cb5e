"""Home, the "today" view: each card in each state, seeded through the services on a fixed clock.
The store (or the service's answer) first, the screen second."""

from __future__ import annotations

import sys
from datetime import date, timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from coach import values
from coach.app import CoachApp
from coach.models import Contact, Interview, InterviewStatus, Outreach, Reflection, Setting, Thought, Warmth
from coach.screens.home import HomeScreen
from coach.services import Services
from coach.services.people import ContactDraft
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SIZE = (100, 32)
CARDS = ("#home-goal-text", "#home-followup-text", "#home-people-text", "#home-fear-count", "#home-next-text")


async def home(pilot: Pilot[int]) -> HomeScreen:
    """Home once every card is filled (the first frame shows the fear count only; the rest follows)."""
    for _ in range(20):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and screen.stage == 2:
            return screen
    raise AssertionError("Home never filled its cards")


def card(app: CoachApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def steps_shown(app: CoachApp) -> bool:
    return card(app, "#home-start").startswith("How to start")


def steps(app: CoachApp) -> list[str]:
    """The first steps' lines under "How to start"."""
    lines = card(app, "#home-start").splitlines()
    assert lines[0] == "How to start" and lines[-1].startswith("F1 shows every key")
    return lines[1:-2]


def started(services: Services) -> None:
    """A goal and one attempt logged: the person has started."""
    services.goals.set_goal("2 people a day")
    services.outreach.log("Ana", "email")


def test_summary_counts_people_and_attempts(memory_store: Store) -> None:
    services = Services.create(memory_store)
    empty = services.today.summary()
    assert (empty.people, empty.attempts) == (0, 0)
    services.people.add("Ben", warmth="warm")
    services.outreach.log("Ana", "email")
    assert (memory_store.count(Contact), memory_store.count(Outreach)) == (2, 1)
    summary = services.today.summary()
    assert (summary.people, summary.attempts) == (2, 1)


async def test_a_new_user_sees_how_to_start_and_what_each_card_is_for(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        assert "F4 sets a small one" in card(app, "#home-goal-text")
        assert "None yet" in card(app, "#home-followup-text")
        assert "F5 to add someone" in card(app, "#home-people-text")
        assert card(app, "#home-fear-count") == "none yet: F3 to start"
        assert "None planned" in card(app, "#home-next-text")
        assert steps_shown(app)
        assert "✓" not in card(app, "#home-start") and len(steps(app)) == 4


async def test_steps_tick_what_is_done_and_give_way_once_started(memory_store: Store) -> None:
    app = make_app(memory_store)
    services = app.services
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        services.fears.add("what if they say no")
        services.people.add("Ben", warmth="warm")
        await pilot.press("f3", "f2")
        await pilot.pause()
        lines = steps(app)
        assert [line.startswith("F3 ✓") for line in lines] == [True, False, False, False]
        assert lines[2].startswith("F5 ✓")  # a person on the list
        assert steps_shown(app)
        started(services)
        assert memory_store.count(Outreach) == 1
        await pilot.press("f3", "f2")
        await pilot.pause()
        assert not steps_shown(app)


async def test_goal_progress_the_plan_and_now_is_your_planned_time(memory_store: Store, clock: FakeClock) -> None:
    app = make_app(memory_store)
    services = app.services
    services.goals.set_goal("2 people a day", plan="kitchen table [b]x[/b]", plan_time="9:00")
    services.outreach.log("Ana", "email")
    assert services.goals.plan_now()  # 9:30 on a Wednesday, the plan says 9:00
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(pilot)
        text = card(app, "#home-goal-text")
        assert "1 of 2 people today" in text
        assert "Plan: kitchen table [b]x[/b] (09:00)" in text
        assert "Now is your planned time" in text
        clock.advance(hours=2)
        screen.safe_refresh()  # what the half-minute check does
        await pilot.pause()
        assert not services.goals.plan_now()
        assert "Now is your planned time" not in card(app, "#home-goal-text")
        services.outreach.log("Ben", "call")
        app.switch_mode("fears")
        await pilot.pause()
        app.switch_mode("home")
        await pilot.pause()
        assert services.goals.progress() is not None and services.goals.progress().met  # type: ignore[union-attr]
        assert "2 of 2 people today  ✓ met" in card(app, "#home-goal-text")


async def test_a_goal_without_a_plan_says_where_to_make_one(memory_store: Store) -> None:
    app = make_app(memory_store)
    app.services.goals.set_goal("3 conversations a week")
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        text = card(app, "#home-goal-text")
        assert "0 of 3 conversations this week" in text
        assert "No plan yet" in text and "p says when and where" in text


async def test_follow_ups_due_show_a_few_names_then_how_many_more(memory_store: Store, clock: FakeClock) -> None:
    app = make_app(memory_store)
    services = app.services
    long_ago = clock.now - timedelta(days=14)
    names = ["[b]x[/b]", "Gus", "Hal", "Ida", "Jo"]
    for days, name in enumerate(names):
        services.outreach.log(name, "email", when=long_ago + timedelta(hours=days))
    services.outreach.log("Kim", "email")  # today: not due
    due = services.outreach.follow_ups()
    assert [item.contact.name for item in due] == names
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        lines = card(app, "#home-followup-text").splitlines()
        assert lines == ["[b]x[/b], 10 work days ago", "Gus, 10 work days ago", "and 3 more (F6)"]
        services.outreach.answer("Gus", "yes")
        services.outreach.answer("Hal", "no")
        services.outreach.answer("Ida", "no-reply")
        assert len(services.outreach.follow_ups()) == 2
        app.switch_mode("fears")
        await pilot.pause()
        app.switch_mode("home")
        await pilot.pause()
        assert card(app, "#home-followup-text").splitlines() == ["[b]x[/b], 10 work days ago", "Jo, 10 work days ago"]


async def test_next_people_are_the_warmest_not_yet_asked(memory_store: Store) -> None:
    app = make_app(memory_store)
    services = app.services
    for name, warmth in [("Cole", "cold"), ("Wren", "warm"), ("[i]Cleo[/i]", "close"), ("Abe", "close")]:
        services.people.add(name, warmth=warmth)
    services.outreach.log("Abe", "text")
    assert [contact.name for contact in services.people.suggestions(3)] == ["[i]Cleo[/i]", "Wren", "Cole"]
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        assert card(app, "#home-people-text").splitlines() == ["[i]Cleo[/i], close", "Wren, warm", "Cole, cold"]


async def test_everyone_asked_says_so(memory_store: Store) -> None:
    app = make_app(memory_store)
    app.services.outreach.log("Ana", "email")
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        assert card(app, "#home-people-text") == "All asked. F5 to add more."
        assert card(app, "#home-followup-text") == "None due today."


async def test_interviews_card_walk_through_reflect_and_thank_you_keys(
    memory_store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next interview with w to walk through it; once one is over, r to reflect on it; then t for the
    thank-you still to send. The screens' modules are imported only when their key is pressed."""
    for module in ("coach.screens.reflection", "coach.screens.walkthrough"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    app = make_app(memory_store)
    services = app.services
    contact = services.people.add("Mo [b]", warmth=Warmth.WARM)
    upcoming = memory_store.add(Interview(contact_id=contact.id, when=clock.now + timedelta(hours=2)))
    memory_store.add(Interview(contact_id=contact.id, when=clock.now + timedelta(days=2)))  # later
    held = memory_store.add(Interview(contact_id=contact.id, when=clock.now - timedelta(days=1)))  # over
    assert [i.id for i in services.reflections.due()] == [held.id]
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(pilot)
        assert card(app, "#home-next-text").splitlines() == [
            "Wed 25 Nov, 11:30 with Mo [b]",
            "In 2 hours: w walks through it",
            "r reflect on your coffee with Mo [b]",
        ]
        assert "coach.screens.reflection" not in sys.modules and "coach.screens.walkthrough" not in sys.modules
        assert (screen.check_action("walk", ()), screen.check_action("reflect", ())) == (True, True)
        assert not screen.check_action("thank", ())

        await pilot.press("w")
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkthroughScreen"
        assert services.walkthrough.start(upcoming.id).interview.id == upcoming.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReflectionScreen"
        await pilot.press(*"ok", "ctrl+f")
        await pilot.pause()
        assert app.screen is screen
        reflection = services.reflections.for_interview(held.id)
        assert reflection is not None and reflection.complete and reflection.learned == "ok"
        assert reflection.thank_by == date(2026, 11, 27) and reflection.thanked is None
        assert memory_store.get(Interview, held.id).status is InterviewStatus.DONE
        assert card(app, "#home-next-text").splitlines()[2:] == ["t thank-you to Mo [b], by Fri 27 Nov"]
        assert not screen.check_action("reflect", ()) and screen.check_action("thank", ())

        await pilot.press("t")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "reflection-thanked"
        await pilot.press("1", "escape")  # sent it
        await pilot.pause()
        assert app.screen is screen
        assert memory_store.get(Reflection, reflection.id).thanked == clock.now
        assert len(card(app, "#home-next-text").splitlines()) == 2
        assert not screen.check_action("thank", ())


def test_coach_today_lists_what_to_reflect_on_and_thank_yous(memory_store: Store, clock: FakeClock) -> None:
    services = Services.create(memory_store)
    contact = services.people.add("Mo \x1b[31m", warmth=Warmth.WARM)
    first = memory_store.add(Interview(contact_id=contact.id, when=clock.now - timedelta(days=2)))
    memory_store.add(Interview(contact_id=contact.id, when=clock.now - timedelta(days=1), setting=Setting.CALL))
    services.reflections.save(first.id, thanked=False, complete=True)
    lines = services.today.lines()
    assert "To reflect on: your call with Mo [31m" in lines
    assert "Thank-you note to Mo [31m: send by Fri 27 Nov" in lines
    assert not any("\x1b" in line for line in lines)


def test_an_interview_is_offered_for_reflection_once_it_ends_and_not_before(
    memory_store: Store, clock: FakeClock
) -> None:
    """Home asks on every visit and gets its last answer back while nothing changed; time passing an
    interview's end is a change too."""
    services = Services.create(memory_store)
    ana = services.people.add("Ana", warmth=Warmth.WARM)
    memory_store.add(Interview(contact_id=ana.id, when=clock.now + timedelta(minutes=10), minutes=30))
    today = services.today
    assert today.reflect() == () and today.reflect() is today.reflect()
    clock.advance(minutes=39)
    assert today.reflect() == ()
    clock.advance(minutes=2)  # 41 minutes on: the 30-minute coffee that started at 10 is over
    assert [offer.person for offer in today.reflect()] == ["Ana"]
    services.people.edit(ana.id, values.replace(ContactDraft.of(ana), name="Ana Ruiz"), seen=ana)
    assert [offer.person for offer in today.reflect()] == ["Ana Ruiz"]  # a new name shows at once
    clock.advance(minutes=-30)  # a clock set back: worked out again, not the later answer
    assert today.reflect() == ()


async def test_fears_this_week_and_the_yes_rate_against_the_guess(memory_store: Store, clock: FakeClock) -> None:
    app = make_app(memory_store)
    services = app.services
    memory_store.add(Thought(text="what if they say no"))
    memory_store.add(Thought(text="I'll go blank", created=clock.now - timedelta(days=7)))
    for name, answer in [("Ana", "yes"), ("Ben", "yes"), ("Cy", "no")]:
        services.outreach.log(name, "email", guess=20, response=answer)
    assert services.outreach.prediction().text == "You expected 20 %; 2 of 3 said yes."
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        lines = card(app, "#home-fear-count").splitlines()
        assert lines == ["2  (this week 1, last 1)", "You expected 20 %; 2 of 3 said yes."]


def rich_home(services: Services, clock: FakeClock) -> None:
    """Every card as full as it gets: three lines of follow-ups and people, a plan at its time, answers."""
    services.goals.set_goal("2 people a day", plan="weekday mornings at the kitchen table " * 10, plan_time="9:00")
    for name in ("Warm " * 30, "Bo", "Cy"):
        services.people.add(name, warmth="warm")
    for days, name in enumerate(["Fay " * 30, "Gus", "Hal", "Ida"]):
        services.outreach.log(name, "email", when=clock.now - timedelta(days=14 - days), guess=30)
    services.outreach.log("Kim", "call", guess=30, response="yes")
    services.fears.add("what if they say no")
    # The interviews card at its fullest: the next one, one to reflect on, a thank-you to send.
    kim = services.people.resolve("Kim")
    services.store.add(Interview(contact_id=kim.id, when=clock.now + timedelta(hours=3)))
    services.store.add(Interview(contact_id=kim.id, when=clock.now - timedelta(days=1)))
    thanked_late = services.store.add(Interview(contact_id=kim.id, when=clock.now - timedelta(days=2)))
    services.reflections.save(thanked_late.id, thanked=False, complete=True)


async def test_fits_80x24_without_scrolling_new_and_started(memory_store: Store, clock: FakeClock) -> None:
    app = make_app(memory_store)
    services = app.services
    # Not started yet, with the steps shown: fears, people, and an answer already (the widest cards).
    services.fears.add("what if they say no")
    for name in ("Al", "Bo", "Cy"):
        services.people.add(name, warmth="close")
    services.outreach.log("Kim", "call", guess=30, response="yes")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        body = screen.query_one("#home-body")
        assert steps_shown(app)
        assert body.max_scroll_y == 0
        assert "Outreach: send one message" in card(app, "#home-start")
        for selector in (*CARDS, "#home-start"):
            assert screen.query_one(selector).region.bottom <= 23, selector  # above the footer
    app = make_app(memory_store)
    rich_home(app.services, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await home(pilot)
        assert not steps_shown(app)
        assert screen.query_one("#home-body").max_scroll_y == 0
        goal = screen.query_one("#home-goal-text")
        assert goal.region.bottom <= 23 and "Now is your planned time" in card(app, "#home-goal-text")
        assert "1 of 2 people today" in card(app, "#home-goal-text")
        assert len(card(app, "#home-followup-text").splitlines()) == 3
        assert len(card(app, "#home-next-text").splitlines()) == 4
        assert card(app, "#home-start").startswith("F1 shows every key")
        for selector in (*CARDS, "#home-start"):
            region = screen.query_one(selector).region
            assert region.bottom <= 23 and region.right <= 80, selector


async def test_coming_back_with_nothing_changed_redraws_nothing(memory_store: Store, clock: FakeClock) -> None:
    app = make_app(memory_store)
    rich_home(app.services, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(pilot)
        updates: list[str] = []
        for selector in (*CARDS, "#home-start"):
            widget = screen.query_one(selector, Static)
            widget.update = lambda *args, s=selector, **kw: updates.append(s)  # type: ignore[method-assign]
        await pilot.press("f3", "f2")
        await pilot.pause()
        screen.safe_refresh()
        assert updates == []
        app.services.fears.add("another worry")
        await pilot.press("f3", "f2")
        await pilot.pause()
        assert updates == ["#home-fear-count"]


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
async def test_a_change_made_elsewhere_shows_when_the_file_is_checked(data_file: object, size: tuple[int, int]) -> None:
    from pathlib import Path

    assert isinstance(data_file, Path)
    store = Store.open(data_file)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await home(pilot)
        assert "F4 sets a small one" in card(app, "#home-goal-text")
        other = Store.open(data_file)
        Services.create(other).goals.set_goal("2 people a day")
        Services.create(other).outreach.log("[b]Ana[/b]", "email")
        other.close()
        app.check_data_file()
        await pilot.pause()
        assert app.services.goals.current() is not None
        assert "1 of 2 people today" in card(app, "#home-goal-text")
        assert not steps_shown(app)
    store.close()


def test_prepare_works_out_the_slow_parts_in_steps_and_the_summary_matches(memory_store: Store) -> None:
    services = Services.create(memory_store)
    services.goals.set_goal("2 people a day")
    services.people.add("Ben", warmth="warm")
    services.outreach.log("Ana", "email", guess=50, response="yes")
    steps = list(services.today.prepare())
    assert len(steps) == 6  # after the whole parse, each kind of record, the goal's count and the follow-ups
    assert services.today.summary() == Services.create(memory_store).today.summary()


async def test_the_first_frame_shows_only_the_count_and_the_rest_follows(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(memory_store)
    started(app.services)
    app.services.fears.add("what if they say no")
    seen: list[tuple[int, bool, str]] = []
    first_frame_shown = HomeScreen.first_frame_shown

    def record(screen: HomeScreen) -> None:
        made = "today" in vars(app.services)  # the TodayService (and its modules) not made yet
        seen.append((screen.stage, made, card(app, "#home-goal-text")))
        first_frame_shown(screen)

    monkeypatch.setattr(HomeScreen, "first_frame_shown", record)
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        assert seen == [(0, False, "…")]
        assert "1 of 2 people today" in card(app, "#home-goal-text")


def visible_lines(app: CoachApp, selector: str) -> tuple[list[str], int]:
    """A card's lines as it holds them, and the cells it has for each (a longer line ends in "…")."""
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()).splitlines(), widget.content_region.width


async def test_at_80_columns_the_goal_and_whole_names_lines_show(memory_store: Store, clock: FakeClock) -> None:
    from rich.cells import cell_len

    from coach.models import GoalUnit, Period
    from coach.services.goals import GoalSpec, rule_for_days

    app = make_app(memory_store)
    services = app.services
    spec = GoalSpec(3, GoalUnit.PEOPLE, Period.DAY, rule_for_days("MO,WE,FR"))
    services.goals.set_goal(spec, start=date(2026, 11, 2), plan="desk by the window", plan_time="9:00")
    for name in ("Dan [b]x[/b] Featherstonehaugh-Montgomery", "Alexandra Konstantinopoulou-Richardson"):
        services.outreach.log(name, "email", when=clock.now - timedelta(days=16))
    services.people.add("Bartholomew Fitzwilliam-Worthington the Third", warmth="close")
    for name in ("Ana Lopez", "Ben Okafor", "Cyd Marsh"):
        services.outreach.log(name, "call")  # today's goal met, at the planned time (Wednesday 09:30)
    async with app.run_test(size=(80, 24)) as pilot:
        await home(pilot)
        lines, width = visible_lines(app, "#home-goal-text")
        assert lines[0] == "3 of 3 people today  ✓ met, well done"
        assert lines[1].startswith("Goal: 3 people a day, Mon, Wed, Fri")
        assert lines[2] == "Plan: desk by the window (09:00)"
        assert len(lines) == 3, "no urging to start once the goal is met"
        followups, followup_width = visible_lines(app, "#home-followup-text")
        assert followups[0].startswith("Dan [b]x[/b] F") and followups[1].startswith("Alexandra K")
        assert all(line.endswith("…, 12 work days ago") for line in followups)  # the name gives way
        people, people_width = visible_lines(app, "#home-people-text")
        assert people[0].startswith("Bartholomew") and people[0].endswith("…, close")
        for shown_lines, cells in ((lines, width), (followups, followup_width), (people, people_width)):
            assert all(cell_len(line) <= cells for line in shown_lines), shown_lines  # nothing cut at the edge


def test_coach_today_says_when_everyone_is_asked_and_urges_no_start_once_met(memory_store: Store) -> None:
    services = Services.create(memory_store)
    assert "Next people to ask: no one on your list yet; add someone with coach contact." in services.today.lines()
    services.goals.set_goal("1 person daily", plan="desk", plan_time="9:00")  # Wednesday 09:30: the planned time
    services.people.add("Ana", warmth="close")
    lines = services.today.lines()
    assert "  Now is your planned time." in lines
    services.outreach.log("Ana", "email")
    lines = services.today.lines()
    assert "  1 of 1 person today" in lines and "  Now is your planned time." not in lines
    assert (
        "Next people to ask: everyone on your list has been asked already; add someone new with coach contact." in lines
    )
