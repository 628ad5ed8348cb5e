"""SVG snapshot of the Fear Monger screen with seeded data, a fixed clock and a fixed size."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from coach.app import CoachApp
from coach.models import Contact, Outcome, Outreach, Response, Thought
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SEED_NOW = datetime(2026, 11, 25, 9, 30).astimezone()


def seeded_fear_app() -> CoachApp:
    store = Store.memory(clock=FakeClock(SEED_NOW))
    ana = store.add(Contact(name="Ana Ruiz"))
    ben = store.add(Contact(name="Ben"))
    day = timedelta(days=1)
    store.add_many(
        [
            Thought(
                text="what if they think I'm stupid",
                created=SEED_NOW - 9 * day,
                outcome=Outcome.DID_NOT_HAPPEN,
                likelihood=80,
            ),
            Thought(
                text="what if they say no",
                created=SEED_NOW - 8 * day,
                outcome=Outcome.PARTLY,
                contact_id=ana.id,
                seen=(SEED_NOW - 2 * day, SEED_NOW - day),
            ),
            Thought(text="what if I get the information and still don't know", created=SEED_NOW - 3 * day),
            Thought(text="[bold]what if[/] I go blank [@click=app.quit]x[/]", created=SEED_NOW - day, likelihood=40),
        ]
    )
    store.add_many(
        [
            Outreach(contact_id=ana.id, sent=SEED_NOW - 2 * day, response=Response.YES),
            Outreach(contact_id=ben.id, sent=SEED_NOW - day, response=Response.WAITING),
        ]
    )
    return make_app(store)


def test_fear_monger_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_fear_app(), press=["f3"], terminal_size=(100, 32))
