"""SVG snapshots of the shell: Home for someone new, Home once started (every card filled, fixed clock),
and the help dialog."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from textual.pilot import Pilot

from coach.app import CoachApp
from coach.models import Contact, Goal, GoalUnit, Interview, Outreach, Period, Response, Thought, Warmth
from coach.screens.home import HomeScreen
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SEED_NOW = datetime(2026, 11, 25, 9, 30).astimezone()  # a Wednesday, in the plan's hour


def seeded_app() -> CoachApp:
    store = Store.memory(clock=FakeClock())
    store.add_many([Thought(text="what if they say no"), Thought(text="what if I go blank")])
    return make_app(store)


def started_app() -> CoachApp:
    store = Store.memory(clock=FakeClock(SEED_NOW))
    day = timedelta(days=1)
    store.add(
        Goal(
            target=2,
            unit=GoalUnit.PEOPLE,
            period=Period.DAY,
            start=SEED_NOW.date() - 3 * day,
            plan="weekday mornings at the [b]kitchen[/b] table, before e-mail ☕",
            plan_time="09:00",
        )
    )
    waiting = store.add_many(
        [Contact(name=name, warmth=Warmth.WARM) for name in ("Fay [i]Lo[/i]", "Gus", "Hal", "Ida")]
    )
    fresh = store.add_many(
        [
            Contact(name="Cleo 🙂", warmth=Warmth.CLOSE),
            Contact(name="[b]Wren[/b]", warmth=Warmth.WARM),
            Contact(name="Cole", warmth=Warmth.COLD),
        ]
    )
    said_yes = store.add_many([Contact(name=name, warmth=Warmth.ACQUAINTANCE) for name in ("Kim", "Lee", "Max")])
    store.add_many(
        [Outreach(contact_id=person.id, sent=SEED_NOW - (12 - n) * day, guess=30) for n, person in enumerate(waiting)]
    )
    store.add_many(
        [
            Outreach(contact_id=person.id, sent=SEED_NOW - 3 * day, guess=30, response=answer)
            for person, answer in zip(said_yes, (Response.YES, Response.YES, Response.NO), strict=True)
        ]
    )
    store.add(Outreach(contact_id=said_yes[0].id, sent=SEED_NOW - timedelta(hours=1), guess=40))
    store.add(Interview(contact_id=said_yes[0].id, when=SEED_NOW + 2 * day + timedelta(hours=1)))
    store.add_many([Thought(text="what if they say no", created=SEED_NOW - 8 * day), Thought(text="I'll go blank")])
    assert fresh and store.count(Outreach) == 8
    return make_app(store)


async def filled(pilot: Pilot[int]) -> None:
    """Wait until Home has filled every card (it fills them after the first frame)."""
    for _ in range(20):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, HomeScreen) and screen.stage == 2:
            return
    raise AssertionError("Home never filled its cards")


def test_home_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), terminal_size=(100, 32), run_before=filled)


def test_home_started_snapshot(snap_compare: Any) -> None:
    assert snap_compare(started_app(), terminal_size=(100, 32), run_before=filled)


def test_help_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f1"], terminal_size=(80, 24), run_before=filled)
