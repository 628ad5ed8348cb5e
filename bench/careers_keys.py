"""Careers (F9) in a pty beside the floor app in the same run, as ratios.

    .venv/bin/python bench/careers_keys.py            # about a minute and a half on 2 cores
    .venv/bin/python bench/careers_keys.py --quick    # one run each, a first look

Built like bench/section_keys.py (which it imports for its table and terminal helpers), over a
file of 10,000 records (bench/datagen.py, seed 1: 12 career options, about 600 interviews, their
reflections and 1,500 contacts, every option's evidence worked out from them):

- F9 the first time: the section's screen made and drawn with every option's evidence, against the
  floor app's first visit to its second mode;
- F9 again, from Home: against the floor's mode switch;
- c opening the side-by-side comparison (a DataTable of every option): against the mode switch;
- a digit on a gauge cell rating it, save included, to the end of its frames: against the floor's
  row insert (issue 9).

It prints one table and writes it as Markdown to bench/results/careers_keys.md (gitignored).
Timings are never asserted anywhere.
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
from run import ADD, SWITCH, KeyTimes, contains, log, timed_frames  # noqa: E402
from section_keys import LOST, Session, Versus, coach_terminal, render, table  # noqa: E402

TITLE = "Careers (F9), beside the floor app"
SCRIPT = "bench/careers_keys.py"

FLOOR_FIRST = "open the second mode (first visit)"
"""bench/run.py's floor_session name for the floor's first visit to its second mode."""

OPEN_FIRST = "Careers: F9 the first time"
OPEN_AGAIN = "Careers: F9 again, from Home"
COMPARE = "Careers: c opens the comparison"
RATE = "Careers: a digit rates a gauge"

LIST_MARK = "Your options, in your order"
"""The list view's border title: the screen is showing."""
COMPARE_MARK = "Side by side"
"""The comparison view's border title."""


def rated(value: int) -> Callable[[Frame], bool]:
    """The hint after a rating names the gauge and the value ("Librarian: energy 3 of 5. ...")."""
    return contains(f"energy {value} of 5")


def careers_session(s: Session, switches: int, rates: int) -> None:
    """Open Careers at 10,000 records, switch away and back, open the comparison and rate the first
    option's energy from it (the cursor starts on that cell)."""
    data = s.ws.copy("10k")
    last = 0
    with coach_terminal(s.ws, data) as term:
        s.times.add(OPEN_FIRST, timed_frames(term, "f9", contains(LIST_MARK), timeout=60)[1])
        for _ in range(switches):
            timed_frames(term, "f2", run.whole_screen(run.HOME_MARK))
            s.times.add(OPEN_AGAIN, timed_frames(term, "f9", run.whole_screen(LIST_MARK))[1])
        for number in range(switches):
            s.times.add(COMPARE, timed_frames(term, "c", contains(COMPARE_MARK))[1])
            timed_frames(term, "c", contains(LIST_MARK))  # back to the list (c, not Esc: no ESCDELAY)
            if number == switches - 1:
                timed_frames(term, "c", contains(COMPARE_MARK))
        for number in range(rates):
            last = (s.round + number) % 5 + 1
            s.times.add(RATE, timed_frames(term, str(last), rated(last))[1])
    if last and _energy_of_first(data) != last:
        s.times.add(LOST, 1.0)


def _energy_of_first(path: Path) -> int | None:
    from coach.services.careers import CareerService
    from coach.store import Store

    store = Store.open(path)
    try:
        options = CareerService(store).options()
        return options[0].energy if options else None
    finally:
        store.close()


ROWS = (
    Versus(
        OPEN_FIRST,
        "F9 Careers, 10,000 records: the first visit, every option's evidence",
        FLOOR_FIRST,
        "first visit",
        1.0,
    ),
    Versus(OPEN_AGAIN, "F9 Careers, 10,000 records: again, from Home", SWITCH, "mode switch", 1.0),
    Versus(COMPARE, "F9 Careers, 10,000 records: c opens the side-by-side comparison", SWITCH, "mode switch", 1.0),
    Versus(RATE, "F9 Careers, 10,000 records: a digit rates a gauge, save included", ADD, "row insert", 1.0),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run of each (a first look, noisier)")
    parser.add_argument("--runs", type=int, default=None, help="how many rounds (default 3, 1 with --quick)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "careers_keys.md", help="the Markdown table")
    args = parser.parse_args(argv)
    runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    switches, rates, adds = (3, 3, 3) if args.quick else (5, 5, 5)
    info = run.machine()
    started = time.perf_counter()
    ours, floor = KeyTimes(), KeyTimes()
    notes: list[str] = []
    with run.workspace(keep=False) as ws:
        log(f"generating the data set in {ws.root}")
        ws.make("10k", 10_000)
        counts = ws.counts["10k"]
        notes.append(
            f"Data: bench/datagen.py, seed 1, 10,000 records: {counts['careers']} career options, "
            f"{counts['interviews']:,} interviews, {counts['reflections']:,} reflections, "
            f"{counts['contacts']:,} contacts."
        )
        from floor_app import FIRST_MARK

        run.launch(ws, [sys.executable, str(HERE / "floor_app.py")], FIRST_MARK)
        run.launch(ws, [*run.coach_command(), "--data", str(ws.copy("10k"))], run.HOME_MARK)
        for number in range(runs):
            steps: list[tuple[str, Callable[[], None]]] = [
                ("floor", functools.partial(run.floor_session, ws, floor, number, adds, 4)),
                ("careers", functools.partial(careers_session, Session(ws, ours, number), switches, rates)),
            ]
            if number % 2:
                steps.reverse()
            for which, step in steps:
                try:
                    step()
                except TimeoutError as error:  # keep the figures so far; say what went wrong
                    log(f"run {number + 1} ({which}) stopped: {error}")
                    notes.append(f"Run {number + 1} ({which}) stopped early: {str(error).splitlines()[0]}")
            log(f"run {number + 1}/{runs} done")
    info["load"] += " -> " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    if ours.get(LOST):
        notes.append("CAREERS: a rating made in the app was missing from the file after quitting!")
    else:
        notes.append("The last rating made in the app was in the file after Ctrl+Q.")
    notes.append(
        "Each figure runs from the key to the end of the last frame it caused (the terminal then quiet for "
        "0.1 s), after 0.12 s of quiet before the key, as in bench/run.py. The floor app is bare Textual "
        "(bench/floor_app.py) driven by run.py's floor_session, alternating with coach. Opening the "
        "comparison changes the view within the screen, set against the floor's mode switch."
    )
    notes.append(f"Run took {time.perf_counter() - started:.0f} s; {runs} round(s).")
    rows = table(ours, floor, ROWS)
    print()
    print(render(rows, info, notes, markdown=False, title=TITLE, script=SCRIPT))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(rows, info, notes, markdown=True, title=TITLE, script=SCRIPT))
    print(f"\nWritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
