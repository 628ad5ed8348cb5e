"""What coach writes is private: data file, backups and lock 0600, folders it creates 0700, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.__main__ import main
from coach.models import Thought
from coach.store import Store
from tests.conftest import FakeClock


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o002], ids=["umask-000", "umask-022", "umask-002"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_data_file_folder_backups_and_lock_are_private(tmp_path: Path, clock: FakeClock, umask: int) -> None:
    path = tmp_path / "private" / "coach.json"
    store = Store.open(path, clock=clock)
    store.add(Thought(text="first"))
    clock.advance(days=1)
    store.add(Thought(text="second, the next day: makes a daily backup"))

    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600
    backups = store.backups_dir
    assert backups is not None and backups.is_dir()
    assert _mode(backups) == 0o700
    copies = sorted(backups.iterdir())
    assert copies, "a daily backup should exist"
    assert {_mode(copy) for copy in copies} == {0o600}
    lock = store.lock_path
    assert lock is not None and lock.exists()
    assert _mode(lock) == 0o600


def test_a_save_makes_a_loosened_file_private_again(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "coach.json"
    store = Store.open(path, clock=clock)
    store.add(Thought(text="first"))
    os.chmod(path, 0o644)
    store.add(Thought(text="second"))
    assert _mode(path) == 0o600


def test_an_existing_folder_keeps_its_mode(tmp_path: Path, clock: FakeClock) -> None:
    """coach never changes the mode of a folder it did not create (it might be a home or a shared folder)."""
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    Store.open(folder / "coach.json", clock=clock).add(Thought(text="first"))
    assert _mode(folder) == 0o755
    assert _mode(folder / "coach.json") == 0o600


def test_the_cli_creates_a_private_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], umask: int) -> None:
    path = tmp_path / "new-folder" / "coach.json"
    assert main(["--data", str(path), "fear", "what if I freeze"]) == 0
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600
    exported = tmp_path / "export.json"
    assert main(["--data", str(path), "export", "--out", str(exported)]) == 0
    assert _mode(exported) == 0o600
