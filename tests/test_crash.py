"""kill -9 while saving: the file always parses, holds exactly what was saved, and loses no acknowledged save.

The harness lives in tests/helpers/crashkit.py; `python bench/crash.py --kills 500` runs it longer,
beside stock TinyDB. Set COACH_CRASH_KILLS to change the count here (CI default: 50).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.models import Thought
from coach.store import Store
from tests.helpers import crashkit

KILLS = int(os.environ.get("COACH_CRASH_KILLS", "50"))


def test_sigkill_at_random_moments_never_damages_or_loses_a_save(tmp_path: Path) -> None:
    # Every fifth kill waits for a save's temp file to appear, so some surely land mid-save; half of the
    # others wait for a first acknowledged save, so they follow saves on a slow machine too.
    summary = crashkit.run_trials("coach", tmp_path, KILLS, seed=2026, aim_every=5, after_a_save_every=2)

    assert len(summary.trials) == KILLS
    assert summary.problems == []
    assert summary.damaged == 0
    assert summary.lost == 0
    assert summary.temp_left_by_kill > 0, "no kill landed mid-save: the run proved little"
    assert summary.temp_left_after_open == 0
    # The kills really landed while saving: every trial that waited for a save had one acknowledged.
    # (How many of the purely random kills come after a save depends on the machine's speed.)
    after_a_save = [trial for trial in summary.trials if trial.waited_for_a_save]
    assert len(after_a_save) >= KILLS // 3
    assert all(trial.saves >= 1 for trial in after_a_save)
    thoughts = Store.open(tmp_path / "coach.json").all(Thought)
    assert len(thoughts) >= summary.trials[-1].acked
    assert [t.text for t in thoughts[1:]] == [crashkit.content(n) for n in range(2, len(thoughts) + 1)]
    assert thoughts[0].text.rstrip("!") == crashkit.content(1)  # record 1 is edited after every add


def test_the_checks_catch_a_torn_or_short_file(tmp_path: Path) -> None:
    """The harness must be able to fail: a file cut mid-write, a wrong record and a lost save are all caught."""
    pairs = [(n, crashkit.content(n)) for n in range(1, 6)]
    assert crashkit.check_records(pairs, acked=5) == (5, None, 0)
    assert crashkit.check_records(pairs, acked=6) == (5, None, 1)  # one acknowledged save lost
    assert crashkit.check_records(pairs[:2] + pairs[3:], acked=5)[1] is not None  # a gap
    assert crashkit.check_records([*pairs[:4], (5, "torn")], acked=5)[1] is not None
    assert crashkit.check_records([(1, crashkit.edited_first(9)), *pairs[1:]], acked=5)[1] is None
    assert crashkit.check_records([(1, crashkit.content(1)[:-2]), *pairs[1:]], acked=5)[1] is not None
    assert crashkit.check_records(pairs, acked=3)[1] is not None  # more than acknowledged + 1 in flight
    assert crashkit.check_records(pairs, acked=3, most=5)[1] is None  # a restart found 4 and saved 1 more

    path = tmp_path / "coach.json"
    store = Store.open(path)
    store.add_many([Thought(text=crashkit.content(n)) for n in range(1, 4)])
    whole = path.read_bytes()
    assert crashkit.verify_coach(path, acked=3).problem is None
    path.write_bytes(whole[: len(whole) // 2])
    assert crashkit.verify_coach(path, acked=3).problem is not None


def test_leftover_temp_files_are_removed_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "coach.json"
    Store.open(path).add(Thought(text="first"))
    before = path.read_bytes()
    leftovers = [tmp_path / ".coach.json.k1l2ed.tmp", tmp_path / ".coach.json.x9.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(before[:10])
    unrelated = tmp_path / ".other.json.abc.tmp"
    unrelated.write_bytes(b"not ours")

    store = Store.open(path)

    assert crashkit.temp_files(path) == []
    assert unrelated.exists()
    assert path.read_bytes() == before
    assert [t.text for t in store.all(Thought)] == ["first"]


def test_temp_files_are_left_alone_while_another_coach_holds_the_lock(tmp_path: Path) -> None:
    """A temp file may belong to a save in progress elsewhere: opening must neither wait nor remove it."""
    path = tmp_path / "coach.json"
    Store.open(path).add(Thought(text="first"))
    in_progress = tmp_path / ".coach.json.busy.tmp"
    in_progress.write_bytes(b"{")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire(); "
            "print('held', flush=True); sys.stdin.read()",
            str(tmp_path / "coach.json.lock"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        store = Store.open(path, lock_timeout=0.2)
        assert in_progress.exists()
        assert [t.text for t in store.all(Thought)] == ["first"]
    finally:
        holder.communicate("")
    assert Store.open(path).remove_leftover_temp_files() == 0
    assert not in_progress.exists()


@pytest.mark.parametrize("engine", ["tinydb"])
def test_stock_tinydb_runs_under_the_same_harness(tmp_path: Path, engine: str) -> None:
    """The comparison side works (its damage rate is measured in bench/crash.py, not asserted)."""
    summary = crashkit.run_trials(engine, tmp_path, 3, seed=1)
    assert len(summary.trials) == 3
    assert summary.acknowledged > 0
