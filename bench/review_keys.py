"""Weekly Review (F8) in a pty beside the floor app in the same run, as ratios.

    .venv/bin/python bench/review_keys.py            # 3 rounds, 10,000 and 100,000 records
    .venv/bin/python bench/review_keys.py --quick    # one round each, a first look
    .venv/bin/python bench/review_keys.py --no-big   # 10,000 records only

Issue 11 asks that browsing weeks on the review answers no slower than the floor app switching
modes. For each data file (bench/datagen.py, seed 1: three years of records ending 25 Nov 2026,
saved reviews among them) this starts coach on Home and times, to the end of the frames each key
caused:

- F8 opening the Weekly Review the first time (its screen is built then) and again from Home,
  against the floor's first visit to its second mode and its mode switch;
- `[` showing the week before (the header says "last week", "2 weeks ago", ...) and `]` coming back,
  a few weeks each way, against the floor's mode switch (bench/floor_app.py, driven by run.py's
  own `floor_session` in the same loop).

It prints one table with the commit and the machine's load and writes it as Markdown to
bench/results/review_keys.md (gitignored). Timings are never asserted anywhere.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import run  # noqa: E402
from ptyterm import Frame  # noqa: E402
from run import SWITCH, KeyTimes, Workspace, contains, log, timed_frames  # noqa: E402
from section_keys import Versus, coach_terminal, render, table  # noqa: E402

TITLE = "Weekly Review: opening it and browsing weeks, beside the floor app"
SCRIPT = "bench/review_keys.py"

REVIEW_MARK = "Week of "
"""Text only the Weekly Review draws (its header)."""
FLOOR_FIRST = "open the second mode (first visit)"
"""run.floor_session's name for the floor's first visit to its second mode."""

SETS = {"10k": 10_000, "100k": 100_000}


def ago(weeks: int) -> str:
    """The end of the review's header for a week `weeks` before this one."""
    if weeks == 0:
        return "· this week"
    if weeks == 1:
        return "· last week"
    return f"· {weeks} weeks ago"


def header_for(weeks: int) -> Callable[[Frame], bool]:
    """A frame showing the review's header for the week `weeks` back (the figures change in the same frame)."""
    text = ago(weeks)
    return lambda frame: REVIEW_MARK in frame.text and text in frame.text


def names(label: str) -> dict[str, str]:
    return {
        "first": f"{label}: F8 opens the review (first visit)",
        "again": f"{label}: F8 opens the review again (from Home)",
        "back": f"{label}: [ shows the week before",
        "forward": f"{label}: ] shows the week after",
    }


def review_session(ws: Workspace, times: KeyTimes, data_name: str, steps: int, opens: int) -> None:
    """Open F8 on a copy of `data_name`, browse `steps` weeks back and forward again, reopen it from Home."""
    row = names(label(data_name))
    data = ws.copy(data_name)
    with coach_terminal(ws, data) as term:
        times.add(row["first"], timed_frames(term, "f8", header_for(0), timeout=60)[1])
        for _ in range(2):
            for weeks in range(1, steps + 1):
                times.add(row["back"], timed_frames(term, "[", header_for(weeks))[1])
            for weeks in range(steps - 1, -1, -1):
                times.add(row["forward"], timed_frames(term, "]", header_for(weeks))[1])
        for _ in range(opens):
            timed_frames(term, "f2", contains(run.HOME_MARK))
            times.add(row["again"], timed_frames(term, "f8", header_for(0))[1])


def label(data_name: str) -> str:
    return f"{SETS[data_name]:,} records"


def rows_for(data_names: list[str]) -> list[Versus]:
    rows: list[Versus] = []
    for data_name in data_names:
        row = names(label(data_name))
        rows.extend(
            [
                Versus(row["first"], row["first"], FLOOR_FIRST, "first visit to its second mode", None),
                Versus(row["again"], row["again"], SWITCH, "mode switch", 1.0),
                Versus(row["back"], row["back"], SWITCH, "mode switch", 1.0),
                Versus(row["forward"], row["forward"], SWITCH, "mode switch", 1.0),
            ]
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one round of each (a first look, noisier)")
    parser.add_argument("--runs", type=int, default=None, help="how many rounds (default 3, 1 with --quick)")
    parser.add_argument("--no-big", action="store_true", help="leave out the 100,000-record file")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "review_keys.md", help="the Markdown table")
    args = parser.parse_args(argv)
    runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    steps, opens, switches = (3, 2, 4) if args.quick else (4, 3, 6)
    data_names = ["10k"] if args.no_big else ["10k", "100k"]
    info = run.machine()
    started = time.perf_counter()
    ours, floor = KeyTimes(), KeyTimes()
    notes: list[str] = []
    with run.workspace(keep=False) as ws:
        log(f"generating data sets in {ws.root}")
        for data_name in data_names:
            ws.make(data_name, SETS[data_name])
        notes.append(
            "Data: bench/datagen.py, seed 1 (three years ending 25 Nov 2026): "
            + "; ".join(
                f"{sum(ws.counts[name].values()):,} records ({ws.counts[name]['outreach']:,} outreach, "
                f"{ws.counts[name]['thoughts']:,} thoughts, {ws.counts[name]['reviews']:,} saved reviews)"
                for name in data_names
            )
            + "."
        )
        # One untimed start of each program: fills the page cache and the bytecode cache.
        from floor_app import FIRST_MARK

        run.launch(ws, [sys.executable, str(HERE / "floor_app.py")], FIRST_MARK)
        run.launch(ws, [*run.coach_command(), "--data", str(ws.copy("10k"))], run.HOME_MARK)
        for number in range(runs):
            steps_of_round: list[tuple[str, Callable[[], None]]] = [
                ("floor", functools.partial(run.floor_session, ws, floor, number, 0, switches)),
                *((name, functools.partial(review_session, ws, ours, name, steps, opens)) for name in data_names),
            ]
            if number % 2:
                steps_of_round.reverse()
            for which, step in steps_of_round:
                try:
                    step()
                except TimeoutError as error:  # keep the figures so far; say what went wrong
                    log(f"run {number + 1} ({which}) stopped: {error}")
                    notes.append(f"Run {number + 1} ({which}) stopped early: {str(error).splitlines()[0]}")
            log(f"run {number + 1}/{runs} done")
    info["load"] += " -> " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    notes.append(
        "Each figure runs from the key to the end of the last frame it caused (the terminal then quiet for "
        "0.1 s), after 0.12 s of quiet before the key, as in bench/run.py. The floor app is bare Textual "
        "(bench/floor_app.py) driven by run.py's floor_session, alternating with coach. A week's figures are "
        "computed the first time that week is shown (each with its four weeks before) and kept until the "
        "data changes: the first round of [ computes, later rounds and ] mostly find them ready."
    )
    notes.append(f"Run took {time.perf_counter() - started:.0f} s; {runs} round(s).")
    cells = table(ours, floor, rows_for(data_names))
    print()
    print(render(cells, info, notes, markdown=False, title=TITLE, script=SCRIPT))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(cells, info, notes, markdown=True, title=TITLE, script=SCRIPT))
    print(f"\nWritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
