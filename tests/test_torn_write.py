"""A save cut short at any byte leaves the live file exactly as it was, and it still loads.

The process "dies" after writing the first k bytes of the temp file: the write raises a
BaseException no handler catches as an error and the clean-up never runs (as after kill -9),
so the torn temp file stays behind for the next start to remove.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.models import Thought
from coach.store import Store
from tests.conftest import FakeClock

CUTS = 1_000


class Died(BaseException):
    """The process ended here: nothing after this point ran."""


class _DyingHandle:
    """A file handle that writes the first `cut` bytes it is given, then dies."""

    def __init__(self, real: Any, cut: int) -> None:
        self._real = real
        self._cut = cut

    def write(self, data: bytes) -> int:
        self._real.write(data[: self._cut])
        self._real.flush()
        raise Died

    def __enter__(self) -> _DyingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def saved(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Store, Path, list[str]]]:
    path = tmp_path / "coach.json"
    store = Store.open(path, clock=clock)
    texts = [f"thought {n}: what if they think I'm pushy? « ünïcode » 🙈" for n in range(40)]
    store.add_many([Thought(text=text) for text in texts[:1]])
    store.add_many([Thought(text=text) for text in texts[1:]])  # the day's backup is made here, not mid-test
    yield store, path, texts
    store.close()


def _die_while_saving(monkeypatch: pytest.MonkeyPatch, store: Store, cut: int | None) -> bytes:
    """Try to add a thought; the save dies after `cut` bytes (None: after the whole write, before the rename).

    Returns what the temp file held.
    """
    real_fdopen = os.fdopen
    written: list[Path] = []

    def dying_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        written.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        handle = real_fdopen(fd, *args, **kwargs)
        return handle if cut is None else _DyingHandle(handle, cut)

    def die(*_args: object, **_kwargs: object) -> None:
        raise Died

    with monkeypatch.context() as patch:
        patch.setattr(os, "fdopen", dying_fdopen)
        patch.setattr(os, "unlink", lambda *_a, **_k: None)  # a dead process cleans nothing up
        if cut is None:
            patch.setattr(os, "replace", die)
        with pytest.raises(Died):
            store.add(Thought(text="the one that never made it"))
    (temp,) = written
    return temp.read_bytes()


def test_a_save_cut_at_any_of_1000_points_leaves_the_live_file_unchanged(
    monkeypatch: pytest.MonkeyPatch, saved: tuple[Store, Path, list[str]], clock: FakeClock
) -> None:
    store, path, texts = saved
    before = _sha(path)
    full = _die_while_saving(monkeypatch, store, None)  # the whole payload, as the save would have written it
    assert len(full) > CUTS
    for leftover in path.parent.glob(".coach.json.*.tmp"):
        leftover.unlink()
    cuts = sorted({round(i * len(full) / (CUTS - 1)) for i in range(CUTS)} | {1, len(full) - 1})
    assert len(cuts) >= CUTS

    for number, cut in enumerate(cuts):
        torn = _die_while_saving(monkeypatch, store, cut)
        assert torn == full[:cut]
        assert _sha(path) == before, f"the live file changed when a save died after {cut} bytes"
        leftovers = list(path.parent.glob(".coach.json.*.tmp"))
        assert len(leftovers) == 1, "the dead save's temp file should still be there"
        if number % 20 == 0:
            reopened = Store.open(path, clock=clock)  # the next start: loads the old file, removes the leftover
            assert [t.text for t in reopened.all(Thought)] == texts
            assert list(path.parent.glob(".coach.json.*.tmp")) == []
        else:
            leftovers[0].unlink()  # (the same file every time: the sha above proves it loads as it did)

    # The store whose save died still reads the file as it is, and its next save works.
    assert [t.text for t in store.all(Thought)] == texts
    store.add(Thought(text="after all that"))
    assert [t.text for t in Store.open(path).all(Thought)] == [*texts, "after all that"]


def test_stock_tinydb_cut_the_same_way_loses_its_file(tmp_path: Path) -> None:
    """The comparison that shows what the check catches: stock JSONStorage rewrites the file in place."""
    import json

    from tinydb import TinyDB

    path = tmp_path / "stock.json"
    with TinyDB(path) as db:
        db.insert_multiple({"text": f"thought {n}: what if they think I'm pushy?"} for n in range(40))
    original = path.read_bytes()
    cuts = range(1, len(original), len(original) // 50)
    damaged = 0
    for cut in cuts:
        path.write_bytes(original)
        db = TinyDB(path)
        handle: Any = db.storage._handle  # type: ignore[attr-defined]
        real_write = handle.write

        def dying_write(data: str, cut: int = cut, real_write: Any = real_write, handle: Any = handle) -> None:
            real_write(data[:cut])
            handle.flush()
            raise Died

        handle.write = dying_write
        with pytest.raises(Died):  # an edit near the start of the file: every byte after it moves
            db.update({"text": "thought 0, changed: what if they think I'm pushy AND rude?"}, doc_ids=[1])
        handle.close()
        try:
            intact = json.loads(path.read_text()) == json.loads(original)
        except ValueError:
            intact = False
        damaged += not intact
    assert damaged >= len(cuts) * 9 // 10
