"""Shared fixtures. An autouse fixture keeps every test away from the real user data folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.store import Store

FIXED_NOW = datetime(2026, 11, 25, 9, 30).astimezone()


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime = FIXED_NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every way coach finds its data at a fresh temp folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("COACH_DATA", str(home / "coach-data" / "coach.json"))
    yield home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "coach.json"


@pytest.fixture
def store(data_file: Path, clock: FakeClock) -> Iterator[Store]:
    """A store on a real file in tmp_path, with a fixed clock."""
    opened = Store.open(data_file, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def memory_store(clock: FakeClock) -> Store:
    return Store.memory(clock=clock)
