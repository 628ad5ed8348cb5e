"""SVG snapshot of Outreach at 100x32: seeded log, one follow-up due, guesses against answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from coach.app import CoachApp
from coach.models import Channel, Contact, Outreach, Response, Warmth
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app


def seeded_app() -> CoachApp:
    clock = FakeClock()
    store = Store.memory(clock=clock)
    now = clock()
    ana = store.add(Contact(name="Ana Ruiz", warmth=Warmth.CLOSE))
    bo = store.add(Contact(name="[b]Bo[/b] Lee 🙂", warmth=Warmth.WARM))
    cy = store.add(Contact(name="Cy Park", warmth=Warmth.REFERRED, referred_by=ana.id))
    store.add_many(
        [
            Outreach(contact_id=bo.id, channel=Channel.CALL, sent=now - timedelta(days=14), guess=20),
            Outreach(
                contact_id=ana.id,
                channel=Channel.MESSAGE,
                sent=now - timedelta(days=6),
                note="coffee next week?",
                guess=30,
                response=Response.YES,
                answered=now - timedelta(days=5),
            ),
            Outreach(
                contact_id=cy.id,
                sent=now - timedelta(hours=2),
                note="Ana suggested I ask about [i]product design[/i]",
                guess=10,
                response=Response.YES,
                answered=now - timedelta(hours=1),
            ),
        ]
    )
    return make_app(store)


def test_outreach_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f6"], terminal_size=(100, 32))
