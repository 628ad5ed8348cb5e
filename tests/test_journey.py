"""One interview's whole journey in one app launch, by keys alone: plan it on F7, prepare it, walk through
the five steps, then (once it is over) reflect with two referrals. The store first, Home second."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, SelectionList, Static, Tabs

from coach.app import CoachApp
from coach.dates import parse_when
from coach.models import Contact, Interview, InterviewStatus, Outcome, PrepItem, Reflection, Thought, Warmth
from coach.screens.home import HomeScreen
from coach.screens.interviews import InterviewFormDialog, InterviewsScreen
from coach.screens.prep import BankDialog, PrepScreen
from coach.screens.reflection import ReflectionScreen
from coach.screens.walkthrough import WalkthroughScreen
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SIZE = (100, 32)
NAME = "Ana [b]Ruiz[/b]"
"""A new person, with markup in the name: it must show as typed everywhere."""


async def settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def keys(pilot: Pilot[int], *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.pause()


def top(app: CoachApp) -> Screen[Any]:
    """The screen on top, read afresh each time (no narrowing carried over from an earlier check)."""
    return app.screen


def shown(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def to_tab(pilot: Pilot[int], prep: Screen[Any], pane: str) -> None:
    """Shift+Tab up to the prep's tab row, → until `pane` shows, then Tab into it."""
    for _ in range(8):
        if isinstance(prep.focused, Tabs):
            break
        await pilot.press("shift+tab")
    assert isinstance(prep.focused, Tabs)
    for _ in range(4):
        if prep.query_one("#prep-tabs").active == pane:  # type: ignore[attr-defined]
            break
        await keys(pilot, "right")
    await keys(pilot, "tab")


async def test_plan_prepare_walk_through_and_reflect_with_two_referrals(
    memory_store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WalkthroughScreen, "SAVE_DELAY", 0.0)  # each step's place saved at once
    app = make_app(memory_store)
    app.services.goals.set_goal("3 conversations a week")
    app.services.people.add("Someone already known", warmth=Warmth.WARM)
    known = {contact.id for contact in memory_store.all(Contact)}
    async with app.run_test(size=SIZE) as pilot:
        # Plan: F7, n, a new person and a time, Enter saves.
        await keys(pilot, "f7")
        interviews = top(app)
        assert isinstance(interviews, InterviewsScreen)
        await keys(pilot, "n")
        form = top(app)
        assert isinstance(form, InterviewFormDialog)
        await keys(pilot, *NAME, "tab", *"tomorrow 3pm", "enter")
        await settle(pilot)
        assert top(app) is interviews
        (planned,) = memory_store.all(Interview)
        (ana,) = [contact for contact in memory_store.all(Contact) if contact.id not in known]
        assert ana.name == NAME and planned.contact_id == ana.id
        assert planned.when == parse_when("tomorrow 3pm", clock()).value

        # Prep: Enter opens it on the first aim; one question from the bank, one of our own, both starred;
        # two logistics items ticked.
        await keys(pilot, "enter")
        prep = top(app)
        assert isinstance(prep, PrepScreen)
        assert NAME in shown(prep, "#prep-title")
        assert prep.query_one("#prep-aim-1", Input).has_focus
        await keys(pilot, *"[i]Her[/i] path", "enter")
        await to_tab(pilot, prep, "prep-questions")
        await keys(pilot, "b")
        bank = top(app)
        assert isinstance(bank, BankDialog)
        from_bank = app.services.interviews.bank()[0].questions[0]
        await keys(pilot, "enter")
        await settle(pilot)
        await keys(pilot, "a")
        await keys(pilot, *"Why [b]UX[/b]?", "enter")
        await settle(pilot)
        assert top(app) is prep
        await keys(pilot, "home", "asterisk", "down", "asterisk")
        await to_tab(pilot, prep, "prep-logistics")
        assert isinstance(prep.focused, SelectionList)
        await keys(pilot, "space", "down", "space")
        await keys(pilot, "escape")
        assert top(app) is interviews
        items = sorted(memory_store.all(PrepItem), key=lambda item: item.rank)
        assert [(item.text, item.starred, item.interview_id) for item in items] == [
            (from_bank.text, True, planned.id),
            ("Why [b]UX[/b]?", True, planned.id),
        ]
        prepared = memory_store.get(Interview, planned.id)
        assert prepared.aims == ("[i]Her[/i] path",) and len(prepared.ready) == 2

        # Walk through: w, a fear on step 1, PgDn through steps 2 to 5, Enter on Finish.
        await keys(pilot, "w")
        walk = top(app)
        assert isinstance(walk, WalkthroughScreen)
        assert walk.query_one("#walk-fear-input", Input).has_focus
        await keys(pilot, *"I'll [i]freeze[/i]", "enter")
        (fear,) = memory_store.all(Thought)
        assert (fear.text, fear.interview_id) == ("I'll [i]freeze[/i]", planned.id)
        for step in (2, 3, 4, 5):
            await keys(pilot, "pagedown")
            assert shown(walk, "#walk-step").startswith(f"Step {step} of 5")
        assert "★ Why [b]UX[/b]?" in shown(walk, "#walk-starred")
        await keys(pilot, "enter")  # Finish
        assert top(app) is interviews
        assert memory_store.get(Interview, planned.id).walked == clock()

        # Two days later it is over: r on F7 reflects on it.
        clock.advance(days=2)
        await keys(pilot, "r")
        reflection = top(app)
        assert isinstance(reflection, ReflectionScreen)
        assert app.focused is not None and app.focused.id == "reflection-learned"
        await pilot.press(*"Luck", "tab", "tab", "tab")  # past "surprised" and "best question"
        assert app.focused.id == f"reflection-answer-{items[0].id}"
        await pilot.press(*"[b]Meetups[/b]", "tab", "tab")  # the second answer left empty
        assert app.focused.id == "reflection-kindness"
        await pilot.press("5", "tab", *"70", "tab", "right", "right", "right", "enter", "tab")  # fun: 4
        assert app.focused.id == f"reflection-fear-{fear.id}"
        await pilot.press("1", "tab")  # came true
        await pilot.press(*"Bo [i]L[/i]", "enter", *"Cy", "enter", "enter")  # two names, then on
        assert app.focused.id == "reflection-thanked"
        await pilot.press("2", "tab", *"Ask Bo", "ctrl+f")  # not sent yet; the next step
        await settle(pilot)
        assert top(app) is interviews

        # The store: the reflection, the fear's outcome, the referred people, the interview held.
        saved = app.services.reflections.for_interview(planned.id)
        assert saved is not None and saved.complete
        assert (saved.learned, saved.kindness, saved.they_talked, saved.enjoyment) == (
            "Luck",
            5,
            70,
            4,
        )
        assert (saved.next_step, saved.thanked) == ("Ask Bo", None)
        assert saved.thank_by is not None and saved.thank_by >= clock().date()
        assert memory_store.count(Reflection) == 1
        assert memory_store.get(PrepItem, items[0].id).answer == "[b]Meetups[/b]"
        (fear,) = memory_store.all(Thought)
        assert (fear.outcome, fear.interview_id) == (Outcome.CAME_TRUE, planned.id)
        new = sorted(
            (contact for contact in memory_store.all(Contact) if contact.id not in known | {ana.id}),
            key=lambda contact: contact.id,
        )
        assert [(c.name, c.referred_by, c.warmth) for c in new] == [
            ("Bo [i]L[/i]", ana.id, Warmth.REFERRED),
            ("Cy", ana.id, Warmth.REFERRED),
        ]
        assert sorted(saved.referrals) == [c.id for c in new]
        held = memory_store.get(Interview, planned.id)
        assert held.status is InterviewStatus.DONE and held.walked is not None
        assert sum(item.starred for item in memory_store.all(PrepItem)) == 2

        # Home: the thank-you still to send, for her, name as typed.
        await keys(pilot, "f2")
        for _ in range(20):
            home = top(app)
            if isinstance(home, HomeScreen) and home.stage == 2:
                break
            await pilot.pause()
        home = top(app)
        assert isinstance(home, HomeScreen) and home.stage == 2
        lines = shown(home, "#home-next-text").splitlines()
        assert f"t thank-you to {NAME}, by {saved.thank_by:%a} {saved.thank_by.day} {saved.thank_by:%b}" in lines
        assert home.check_action("thank", ())
