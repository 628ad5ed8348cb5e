"""SVG snapshots of People: the list (warmest first, statuses, details) and the referral tree."""

from __future__ import annotations

from typing import Any

from coach.app import CoachApp
from coach.models import Contact, Outreach, Response, Warmth
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app


def seeded_app() -> CoachApp:
    clock = FakeClock()
    store = Store.memory(clock=clock)
    ana = store.add(
        Contact(
            name="Ana Ruiz",
            warmth=Warmth.CLOSE,
            how_known="my cousin",
            company="Acme",
            role="Designer",
            notes="[b]not bold[/b] " + "a long note " * 420,
        )
    )
    bo = store.add(Contact(name="Bo [b]Li[/b]", warmth=Warmth.WARM, company="[red]Globex[/red]"))
    cy = store.add(Contact(name="Cy 👨‍👩‍👧 Park", warmth=Warmth.REFERRED, referred_by=ana.id, company="Initech"))
    store.add(Contact(name="Dee Okafor", warmth=Warmth.COLD, referred_by=cy.id))
    store.add(Contact(name="Eli Stone", warmth=Warmth.ACQUAINTANCE))
    store.add(Outreach(contact_id=ana.id, sent=clock.now, response=Response.YES, answered=clock.now))
    store.add(Outreach(contact_id=bo.id, sent=clock.now))
    return make_app(store)


def test_people_list_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f5"], terminal_size=(100, 32))


def test_people_tree_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f5", "r"], terminal_size=(100, 32))
