"""SVG snapshot of the Weekly Review at 100x32: a seeded week (asks with guesses and answers, a
conversation with its reflection, fears), fixed clock."""

from __future__ import annotations

from typing import Any

from coach.app import CoachApp
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app
from tests.test_review_screen import seed_week


def seeded_app() -> CoachApp:
    clock = FakeClock()
    store = Store.memory(clock=clock)
    seed_week(store, clock)
    return make_app(store)


def test_review_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f8"], terminal_size=(100, 32))
