"""SVG snapshots of the shell: Home with seeded data, and the help dialog."""

from __future__ import annotations

from typing import Any

from coach.app import CoachApp
from coach.models import Thought
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app


def seeded_app() -> CoachApp:
    store = Store.memory(clock=FakeClock())
    store.add_many([Thought(text="what if they say no"), Thought(text="what if I go blank")])
    return make_app(store)


def test_home_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), terminal_size=(100, 32))


def test_help_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f1"], terminal_size=(80, 24))
