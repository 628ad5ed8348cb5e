"""A full disk: the save fails with a clear message, the old file stays as it was, no temp file is left,
and the store still agrees with the file (the failed change is not shown as saved)."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.__main__ import main
from coach.errors import StoreError
from coach.models import Outcome, Thought
from coach.store import Store
from tests.conftest import FakeClock


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stray_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def _no_space(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullDiskHandle:
    """Takes part of the bytes, then the disk is full."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, data: bytes) -> int:
        self._real.write(data[: len(data) // 3])
        self._real.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __enter__(self) -> _FullDiskHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def _fail_write(patch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    patch.setattr(os, "fdopen", lambda *a, **k: _FullDiskHandle(real_fdopen(*a, **k)))


def _fail_fsync(patch: pytest.MonkeyPatch) -> None:
    patch.setattr(os, "fsync", _no_space)


def _fail_backup(patch: pytest.MonkeyPatch) -> None:
    def copy_part(source: Path, target: Path, **_kwargs: Any) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:100])
        _no_space()

    patch.setattr(shutil, "copyfile", copy_part)


FAILURES: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "write": _fail_write,
    "fsync": _fail_fsync,
    "daily-backup": _fail_backup,
}


@pytest.fixture
def filled(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Store, Path]]:
    path = tmp_path / "coach.json"
    store = Store.open(path, clock=clock)
    store.add_many([Thought(text=f"worry {n}") for n in range(1, 6)])
    clock.advance(days=1)  # the next save of the day makes a daily backup first
    yield store, path
    store.close()


CHANGES: dict[str, Callable[[Store], object]] = {
    "add": lambda store: store.add(Thought(text="this one does not fit")),
    "update": lambda store: store.update(dataclasses.replace(store.get(Thought, 2), outcome=Outcome.PARTLY)),
    "delete": lambda store: store.delete(Thought, 3),
    "setting": lambda store: store.set_setting("theme", "nord"),
}


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("change", CHANGES)
def test_no_space_leaves_the_old_file_and_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, filled: tuple[Store, Path], clock: FakeClock, failure: str, change: str
) -> None:
    store, path = filled
    before = _sha(path)
    texts = [t.text for t in store.all(Thought)]
    outcomes = [t.outcome for t in store.all(Thought)]

    with monkeypatch.context() as patch:
        FAILURES[failure](patch)
        with pytest.raises(StoreError) as failed:
            CHANGES[change](store)

    message = str(failed.value)
    assert "No space left on device" in message
    assert "Nothing was changed" in message
    assert "\n" not in message
    assert _sha(path) == before
    assert _stray_files(path.parent) == []
    # The store shows what the file holds, not the change that failed...
    assert [t.text for t in store.all(Thought)] == texts
    assert [t.outcome for t in store.all(Thought)] == outcomes
    assert store.count(Thought) == len(texts)
    assert store.setting("theme") is None
    # ...and once there is room again, the same change saves, with the next id.
    CHANGES[change](store)
    reopened = Store.open(path, clock=clock)
    if change == "add":
        assert [t.id for t in reopened.all(Thought)] == [1, 2, 3, 4, 5, 6]
    elif change == "delete":
        assert [t.id for t in reopened.all(Thought)] == [1, 2, 4, 5]
    elif change == "update":
        assert reopened.get(Thought, 2).outcome is Outcome.PARTLY
    else:
        assert reopened.setting("theme") == "nord"


def test_the_cli_reports_a_full_disk_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "coach.json"
    assert main(["--data", str(path), "fear", "first"]) == 0
    before = _sha(path)
    capsys.readouterr()
    _fail_write(monkeypatch)

    assert main(["--data", str(path), "fear", "this one does not fit"]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "No space left on device" in err, err
    assert _sha(path) == before
    assert _stray_files(tmp_path) == []


# --- a real, small, full file system -----------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs root and a kernel that allows the mount); skipped where it can't be made."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"can't mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False, capture_output=True)


def test_a_really_full_disk(tiny_disk: Path, clock: FakeClock) -> None:
    path = tiny_disk / "coach.json"
    store = Store.open(path, clock=clock)
    saved: list[str] = []
    error: StoreError | None = None
    for n in range(1, 1_000):
        text = f"worry {n}: " + "what if they think I'm wasting their time " * 6
        try:
            store.add(Thought(text=text))
        except StoreError as failed:
            error = failed
            break
        saved.append(text)
        if n % 10 == 0:
            clock.advance(days=1)  # daily backups fill the disk too
    assert error is not None, "the 64 KiB disk never filled up"
    assert saved, "nothing fitted at all"
    message = str(error)
    assert "No space left on device" in message and "Nothing was changed" in message
    assert _stray_files(tiny_disk) == []
    assert [t.text for t in store.all(Thought)] == saved
    assert [t.text for t in Store.open(path, clock=clock).all(Thought)] == saved
    # Making room (the backups go elsewhere) lets the next save through.
    backups = store.backups_dir
    assert backups is not None
    shutil.rmtree(backups)
    store.add(Thought(text="there is room again"))
    assert [t.text for t in Store.open(path, clock=clock).all(Thought)] == [*saved, "there is room again"]


# --- in the app: the typed words stay, and the error is shown ----------------------------------


async def test_fear_monger_keeps_the_typed_thought_when_the_disk_is_full(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: FakeClock
) -> None:
    from textual.widgets import Input, Static

    from tests.helpers.app_factory import make_app

    path = tmp_path / "coach.json"
    store = Store.open(path, clock=clock)
    store.add(Thought(text="they will think I'm wasting their time"))
    store.set_setting("theme", "textual-dark")  # the day's backup and the theme are saved before the test
    app = make_app(store)
    typed = "what if my voice shakes [bold] on the call"
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        capture = app.screen.query_one("#fear-input", Input)
        assert capture.has_focus
        await pilot.press(*typed)
        before = _sha(path)

        with monkeypatch.context() as patch:
            _fail_write(patch)
            await pilot.press("enter")
            await pilot.pause()

        assert capture.value == typed
        hint = app.screen.query_one("#fear-hint", Static)
        assert hint.has_class("-error")
        assert "No space left on device" in str(hint.render())
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "No space left on device" in errors[-1].message
        assert _sha(path) == before
        assert _stray_files(tmp_path) == []
        assert [t.text for t in store.all(Thought)] == ["they will think I'm wasting their time"]

        # Room again: the same Enter saves the same words, and the box empties.
        await pilot.press("enter")
        await pilot.pause()
        assert capture.value == ""
        assert not hint.has_class("-error")
    assert [t.text for t in Store.open(path).all(Thought)] == ["they will think I'm wasting their time", typed]
