"""The one way a test gets a CoachApp: on a given store, not watching the file unless asked."""

from __future__ import annotations

from coach.app import CoachApp
from coach.app import make_app as _make_app
from coach.store import Store


def make_app(
    store: Store, *, watch_interval: float | None = None, walk: int | None = None, first_run: bool = False
) -> CoachApp:
    """The real app on `store`. Tests call `app.check_data_file()` themselves instead of a timer.
    `walk`: open that interview's walkthrough over Home after the first frame. `first_run`: as if no
    data file existed before (the welcome opens over Home)."""
    return _make_app(store, watch_interval=watch_interval, walk=walk, first_run=first_run)
