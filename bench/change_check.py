"""What noticing an outside change costs, per save and per check, at 10,000 and 100,000 records.

    .venv/bin/python bench/change_check.py [--repeats 30]

Before issue 8, a check was one stat compared by (inode, size, mtime). Now the stamp also holds the
device and the inode's change time (ctime), which an `os.utime` can't set back: the same one stat.
And after each save or load, while the file's timestamps are too fresh to trust (a quarter second where
they carry fractions of a second, 3 s where they are whole seconds), the next check also compares the
file's bytes with what coach wrote: once per save, in practice. This prints each piece, then a whole
save and an idle check (what the app's file watcher does every second) with and without that byte check.
Files come from `bench/datagen.py`, in a temp folder. Medians; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import datagen  # type: ignore[import-not-found]

import coach.store.storage as storage
from coach.models import Thought
from coach.store import Store
from coach.store.files import read_bytes, same_bytes, stamp_of


def median_of(step: Callable[[], object], repeats: int) -> float:
    """The median time of `step` in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e3:.1f} ms"


def measure(records: int, folder: Path, repeats: int) -> list[tuple[str, str]]:
    path = datagen.write(folder / f"coach-{records}.json", datagen.generate(records))
    size = path.stat().st_size
    rows: list[tuple[str, str]] = [("file", f"{records:,} records, {size / 1e6:.1f} MB")]

    st = os.stat(path)
    old_known = (st.st_ino, st.st_size, st.st_mtime_ns)
    new_known = stamp_of(st)
    rows.append(
        ("old check: stat, (inode, size, mtime)", fmt(median_of(lambda: _old_check(path, old_known), repeats * 20)))
    )
    rows.append(
        (
            "new check: stat, + device and ctime",
            fmt(median_of(lambda: stamp_of(os.stat(path)) == new_known, repeats * 20)),
        )
    )
    kept = path.read_bytes()
    whole = fmt(median_of(lambda: read_bytes(path)[0] == kept, repeats))
    rows.append(("byte check: read the whole file, compare (before)", whole))
    rows.append(
        ("byte check: a megabyte at a time, in place (now)", fmt(median_of(lambda: same_bytes(path, kept), repeats)))
    )

    store = Store.open(path)
    started = time.perf_counter()
    store.validate_all()
    rows.append(("check every record (once per version of the file)", fmt(time.perf_counter() - started)))
    store.add(Thought(text="warm-up: the day's backup"))
    far = [time.time_ns() + 3600 * 10**9]
    real_now = storage.now_ns

    def save(settled: bool) -> None:
        # settled: the previous save's timestamps count as old, so the check before this save is one stat.
        storage.now_ns = (lambda: far[0]) if settled else real_now
        try:
            store.reload_if_changed()
            store.add(Thought(text="what if they say no"))
        finally:
            storage.now_ns = real_now

    with_bytes = median_of(lambda: save(False), repeats)
    stat_only = median_of(lambda: save(True), repeats)
    rows.append(("save one thought, stat only", fmt(stat_only)))
    rows.append(
        ("save one thought, with the byte check", f"{fmt(with_bytes)} (+{(with_bytes / stat_only - 1) * 100:.0f} %)")
    )

    def idle_check(settled: bool) -> None:
        store.add(Thought(text="x")) if not settled else None
        storage.now_ns = (lambda: far[0]) if settled else real_now
        try:
            started = time.perf_counter()
            store.reload_if_changed()
            idle.append(time.perf_counter() - started)
        finally:
            storage.now_ns = real_now

    idle: list[float] = []
    for _ in range(repeats):
        idle_check(False)
    first_after_save = statistics.median(idle)
    idle.clear()
    for _ in range(repeats):
        idle_check(True)
    rows.append(("file watcher tick, nothing changed", fmt(statistics.median(idle))))
    rows.append(("file watcher tick, first after a save", fmt(first_after_save)))
    store.close()
    path.unlink()
    return rows


def _old_check(path: Path, known: tuple[int, int, int]) -> bool:
    st = os.stat(path)
    return (st.st_ino, st.st_size, st.st_mtime_ns) == known


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="coach-change-check-") as tmp:
        for records in (int(n) for n in args.sizes.split(",")):
            print(f"\n{records:,} records")
            for name, value in measure(records, Path(tmp), args.repeats):
                print(f"  {name:<52} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
