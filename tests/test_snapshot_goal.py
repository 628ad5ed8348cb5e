"""SVG snapshot of the Goal screen with seeded data, a fixed clock and a fixed size."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from coach.app import CoachApp
from coach.models import Contact, Goal, GoalUnit, Outreach, Period, Response
from coach.services.goals import WEEKDAYS_RULE
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SEED_NOW = datetime(2026, 11, 25, 9, 30).astimezone()  # a Wednesday, at the planned time


def seeded_goal_app() -> CoachApp:
    store = Store.memory(clock=FakeClock(SEED_NOW))
    store.add(Goal(target=1, unit=GoalUnit.PEOPLE, start=date(2026, 10, 19), end=date(2026, 11, 8), active=False))
    store.add(
        Goal(
            target=2,
            unit=GoalUnit.PEOPLE,
            period=Period.DAY,
            rrule=WEEKDAYS_RULE,
            start=date(2026, 11, 9),
            plan="weekday mornings at the [b]kitchen[/b] table, before e-mail ☕",
            plan_time="09:15",
        )
    )
    people = store.add_many([Contact(name=f"[i]Person[/i] {n} 🙂") for n in range(12)])
    day = timedelta(days=1)
    sent = [0, 0, 1, 2, 2, 5, 6, 7, 8, 9, 13, 14, 14, 16]  # days before today
    store.add_many(
        [
            Outreach(contact_id=people[i % len(people)].id, sent=SEED_NOW - back * day, response=Response.YES)
            for i, back in enumerate(sent)
        ]
    )
    return make_app(store)


def test_goal_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_goal_app(), press=["f4"], terminal_size=(100, 32))
