"""The kill -9 harness shared by tests/test_crash.py (CI counts) and bench/crash.py (the full run).

One trial: start `saver.py` on a data file, wait until it is saving, SIGKILL it at a random
moment, then check the file as the next start of coach would see it:

* it parses (for coach: `Store.open` accepts it);
* it holds exactly records 1..N, record n holding `content(n)` (record 1, edited after every add,
  `edited_first(k)` for some k): nothing torn, nothing reordered;
* N covers every acknowledged save (an id the child printed after its save returned), and at
  most one save more (the one in flight when the kill landed);
* for coach, temp files the kill left beside the data file are gone after that `Store.open`.

This module imports nothing from coach at the top, so `saver.py` can import `content` cheaply.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SAVER = Path(__file__).resolve().with_name("saver.py")
ENGINES = ("coach", "tinydb")
_WORRIES = ("what if they say no", "they'll think I'm wasting their time", "I'll freeze on the call")


def content(n: int) -> str:
    """The text record `n` always holds: varied lengths, so a torn file can't look whole by chance."""
    return f"#{n} {_WORRIES[n % len(_WORRIES)]}" + " ..." * (n % 11)


def edited_first(n: int) -> str:
    """Record 1's text after the edit that follows the add of record `n`.

    Every add is followed by an edit of record 1, whose length changes each time: an edit near the
    start of the file shifts every byte after it, which is where a writer that rewrites the file in
    place (stock TinyDB) can be caught half-way. Appends alone would only ever touch its tail.
    """
    return content(1) + "!" * (n % 37)


def temp_files(path: Path) -> list[Path]:
    """Temp files a save of `path` would leave if it died between creating and renaming them."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


@dataclass
class Trial:
    acked: int
    """The highest id the child acknowledged before the kill (0: none)."""
    found: int | None
    """How many records the file held afterwards (None: damaged)."""
    problem: str | None = None
    """What was wrong with the file, if anything."""
    lost: int = 0
    """Acknowledged saves missing from a file that still parsed."""
    saves: int = 0
    """How many saves (adds and edits) the child acknowledged in this trial."""
    temp_left_by_kill: int = 0
    temp_left_after_open: int = 0
    waited_for_a_save: bool = False
    """The kill's random delay started only after the child's first acknowledged save."""


@dataclass
class Summary:
    engine: str
    trials: list[Trial] = field(default_factory=list)

    @property
    def damaged(self) -> int:
        return sum(1 for trial in self.trials if trial.problem is not None)

    @property
    def lost(self) -> int:
        return sum(trial.lost for trial in self.trials)

    @property
    def acknowledged(self) -> int:
        return sum(trial.saves for trial in self.trials)

    @property
    def temp_left_by_kill(self) -> int:
        return sum(trial.temp_left_by_kill for trial in self.trials)

    @property
    def temp_left_after_open(self) -> int:
        return sum(trial.temp_left_after_open for trial in self.trials)

    @property
    def problems(self) -> list[str]:
        return [trial.problem for trial in self.trials if trial.problem is not None]


def check_records(pairs: list[tuple[int, str]], acked: int, most: int | None = None) -> tuple[int, str | None, int]:
    """(records found, what is wrong or None, acknowledged saves lost) for the (id, text) pairs read back.

    `acked` is the highest acknowledged id; `most` the highest id that may have been saved
    (default `acked` + 1: the save in flight when the kill landed).
    """
    most = acked + 1 if most is None else most
    ids = [record_id for record_id, _ in pairs]
    count = len(pairs)
    if ids != list(range(1, count + 1)):
        return count, f"ids are not 1..{count}: {ids[:5]}...{ids[-5:]}", 0
    for record_id, text in pairs:
        whole = text == content(record_id) or (record_id == 1 and text.rstrip("!") == content(1))
        if not whole:
            return count, f"record {record_id} holds {text[:40]!r}", 0
    if count > most:
        return count, f"{count} records but only {acked} saves acknowledged (at most {most} possible)", 0
    return count, None, max(acked - count, 0)


def verify_coach(path: Path, acked: int, most: int | None = None) -> Trial:
    from coach.errors import StoreError
    from coach.models import Thought
    from coach.store import Store

    left = len(temp_files(path))
    try:
        store = Store.open(path)
        try:
            pairs = [(thought.id, thought.text) for thought in store.all(Thought)]
        finally:
            store.close()
    except StoreError as error:
        return Trial(
            acked, None, f"refused: {error}", temp_left_by_kill=left, temp_left_after_open=len(temp_files(path))
        )
    found, problem, lost = check_records(pairs, acked, most)
    return Trial(
        acked,
        None if problem else found,
        problem,
        lost,
        temp_left_by_kill=left,
        temp_left_after_open=len(temp_files(path)),
    )


def verify_tinydb(path: Path, acked: int, most: int | None = None) -> Trial:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raw = b""
    if not raw.strip():
        # Stock TinyDB creates an empty file at open: fine only if nothing was acknowledged yet.
        return Trial(acked, 0 if acked == 0 else None, None if acked == 0 else "empty file")
    try:
        data = json.loads(raw)
        table = data.get("_default", {})
        pairs = sorted((int(key), doc["text"]) for key, doc in table.items())
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        return Trial(acked, None, f"unreadable: {type(error).__name__}: {str(error)[:60]}")
    found, problem, lost = check_records(pairs, acked, most)
    return Trial(acked, None if problem else found, problem, lost)


VERIFIERS: dict[str, Callable[[Path, int, int | None], Trial]] = {"coach": verify_coach, "tinydb": verify_tinydb}


def run_trial(
    engine: str,
    path: Path,
    rng: random.Random,
    max_delay: float,
    previous: int = 0,
    *,
    aim: bool = False,
    after_a_save: bool = False,
) -> Trial:
    """Start a saver on `path`, kill it at a random moment once it is saving, and check the file.

    `previous` is the highest id acknowledged by earlier trials on the same file. With `aim`, the
    kill lands as soon as a temp file shows up (mid-save) instead of at a random time. With
    `after_a_save`, the random delay starts at the first acknowledged save instead of at "ready", so
    the kill surely follows a save however slow the machine is.
    """
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(
            [sys.executable, str(SAVER), engine, str(path)], stdout=subprocess.PIPE, stderr=errors, text=True
        )
        assert child.stdout is not None
        early = ""
        try:
            first = child.stdout.readline()
            if first.startswith("ready "):
                if aim:
                    _wait_for_temp_file(path, time.monotonic() + max(1.0, 4 * max_delay))
                else:
                    if after_a_save:
                        early = child.stdout.readline()  # "" if the child died first: caught below
                    time.sleep(rng.uniform(0, max_delay))
                os.kill(child.pid, signal.SIGKILL)
            # Read on from the same buffered reader: readline() may already hold the first acknowledgements.
            out = early + child.stdout.read()
            child.wait()
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
        errors.seek(0)
        err = errors.read()
    if not first.startswith("ready "):
        raise RuntimeError(f"the saver did not start: {first!r} {err.strip()[-500:]}")
    if child.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the saver stopped by itself ({child.returncode}): {err.strip()[-500:]}")
    # The child goes on from what the file held when it started: `start` (>= previous, as checked by the
    # previous trial), then acknowledges start + 1, start + 2, ...; one more save may have landed unacknowledged.
    start = int(first.split()[1])
    lines = out.split()
    acked_ids = [int(line) for line in lines if line != "edited"]
    if start < previous or acked_ids != list(range(start + 1, start + 1 + len(acked_ids))):
        raise RuntimeError(f"the saver started at {start} after id {previous} and acknowledged {acked_ids[:10]}")
    last = acked_ids[-1] if acked_ids else start
    trial = VERIFIERS[engine](path, max(previous, last), last + 1)
    trial.saves = len(lines)
    trial.waited_for_a_save = after_a_save and not aim
    return trial


def run_trials(
    engine: str,
    folder: Path,
    kills: int,
    *,
    seed: int = 4,
    max_delay: float = 0.06,
    reset_every: int = 100,
    preload: int = 0,
    aim_every: int = 0,
    after_a_save_every: int = 0,
    progress: Callable[[int, Trial], None] | None = None,
) -> Summary:
    """`kills` trials on one file in `folder`.

    The file starts with `preload` records (a bigger file makes every save longer), and starts afresh
    after damage and every `reset_every` trials. For coach, every `aim_every`-th kill waits for a temp
    file to appear, so that some kills surely land mid-save. Every `after_a_save_every`-th of the
    other kills starts its random delay at the child's first acknowledged save (see `run_trial`).
    """
    rng = random.Random(f"{seed}-{engine}")
    folder.mkdir(parents=True, exist_ok=True)
    summary = Summary(engine)
    path = folder / f"{engine}.json"
    highest_ack = _start_afresh(engine, path, preload)
    for number in range(kills):
        if number and number % reset_every == 0:
            highest_ack = _start_afresh(engine, path, preload)
        aim = engine == "coach" and aim_every > 0 and number % aim_every == aim_every - 1
        after_a_save = after_a_save_every > 0 and number % after_a_save_every == 0
        trial = run_trial(engine, path, rng, max_delay, highest_ack, aim=aim, after_a_save=after_a_save)
        highest_ack = trial.acked
        summary.trials.append(trial)
        if progress is not None:
            progress(number, trial)
        if trial.problem is not None:
            highest_ack = _start_afresh(engine, path, preload)
    return summary


def _wait_for_temp_file(path: Path, deadline: float) -> None:
    prefix = f".{path.name}."
    while time.monotonic() < deadline:
        if any(name.startswith(prefix) and name.endswith(".tmp") for name in os.listdir(path.parent)):
            return


def _start_afresh(engine: str, path: Path, preload: int) -> int:
    """Remove the file and its temp files, then write records 1..`preload`; returns `preload`."""
    for leftover in [path, *temp_files(path)]:
        leftover.unlink(missing_ok=True)
    if preload and engine == "coach":
        from coach.models import Thought
        from coach.store import Store

        Store.open(path).add_many(Thought(text=content(n)) for n in range(1, preload + 1))
    elif preload:
        from tinydb import TinyDB

        with TinyDB(path) as db:
            db.insert_multiple({"n": n, "text": content(n)} for n in range(1, preload + 1))
    return preload


def table(summaries: list[Summary]) -> str:
    """The results as a plain-text table."""
    header = (
        "engine",
        "trials",
        "damaged",
        "lost acked saves",
        "saves acked",
        "temp left by kill",
        "temp left at open",
    )
    rows = [
        (
            s.engine if s.engine != "tinydb" else "stock TinyDB JSONStorage",
            str(len(s.trials)),
            f"{s.damaged} ({100 * s.damaged / max(len(s.trials), 1):.1f} %)",
            str(s.lost),
            str(s.acknowledged),
            str(s.temp_left_by_kill) if s.engine == "coach" else "-",
            str(s.temp_left_after_open) if s.engine == "coach" else "-",
        )
        for s in summaries
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
