"""The interview journey's keys at 10,000 records, in a pty beside the floor app in the same run, as ratios.

    .venv/bin/python bench/journey_keys.py            # about 2 minutes on 2 cores
    .venv/bin/python bench/journey_keys.py --quick    # one run each, a first look

Issue 10 asks that opening an interview's prep and moving between walkthrough steps at 10,000
records be no slower than the floor app (bench/floor_app.py) switching modes, measured in a pty in
the same run. Each row here is one of those keys, set against the floor's figure of the same kind,
from run.py's own `floor_session` driven in the same loop:

- F7 Interviews, first visit of the run (the screen is built and its list drawn), against the
  floor's first visit of its second mode; then F7 again from Home, against the floor's mode switch.
- Enter on an interview opens its prep (a screen pushed over the list), and Esc goes back, each
  against the floor's mode switch (a change of screen, nothing saved); each time the next
  interview. The first Enter of a session builds the prep screen (later ones fill the same screen),
  so it has its own row, against the floor's first visit of a mode. The Esc row holds Textual's
  ESCDELAY wait, as a person pressing Esc has it too.
- `coach walk ID` on the interview planned last: PgDn through the walkthrough's five steps and PgUp
  back, each against the floor's mode switch (a step's place is saved a moment after the move, while
  the person reads it, as typing is; a quick run of moves saves once).

Adding a row: append a `Versus` to `ROWS` (its name is the key its samples are stored under) and a
session to `SESSIONS` that opens coach with `coach_terminal` and adds samples with `s.times.add(name, ...)`.
Nothing else changes. It prints one table with the commit and the machine's load, and writes it as
Markdown to bench/results/journey_keys.md (gitignored). Timings are never asserted anywhere.
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
from ptyterm import Frame, PtyTerminal  # noqa: E402
from run import SWITCH, KeyTimes, contains, log, timed_frames, whole_screen  # noqa: E402
from section_keys import Session, Versus, coach_terminal, render, table  # noqa: E402

TITLE = "The interview journey's keys, beside the floor app"
SCRIPT = "bench/journey_keys.py"

FLOOR_FIRST = "open the second mode (first visit)"
"""run.py's floor_session stores the floor's first visit of its second mode under this name."""

INTERVIEWS_MARK = "Upcoming first, then the ones held"
"""The title of F7's list: drawn once the screen is."""
PREP_MARK = "Goals  Questions  Notes  Logistics"
"""The prep's tab row."""

F7_FIRST = "F7 Interviews: first visit"
F7_AGAIN = "F7 Interviews: open it again from Home"
PREP_FIRST = "Interviews: Enter opens the first prep of the session"
PREP_OPEN = "Interviews: Enter opens an interview's prep"
PREP_BACK = "Interviews: Esc back from the prep to the list"


def interviews_session(s: Session, presses: int) -> None:
    """Open F7 at 10,000 records, go back and forth from Home, then open an interview's prep and leave it."""
    data = s.ws.copy("10k")
    with coach_terminal(s.ws, data) as term:
        s.times.add(F7_FIRST, timed_frames(term, "f7", whole_screen(INTERVIEWS_MARK), timeout=60)[1])
        for _ in range(presses):
            timed_frames(term, "f2", whole_screen(run.HOME_MARK))
            s.times.add(F7_AGAIN, timed_frames(term, "f7", whole_screen(INTERVIEWS_MARK))[1])
        for number in range(presses + 1):
            # The first Enter builds the prep screen; later ones fill the same screen with the interview.
            s.times.add(PREP_OPEN if number else PREP_FIRST, timed_frames(term, "enter", whole_screen(PREP_MARK))[1])
            s.times.add(PREP_BACK, timed_frames(term, "escape", whole_screen(INTERVIEWS_MARK))[1])
            timed_frames(term, "down", run.any_frame)  # the next interview, so each prep is another one


WALK_NEXT = "Walkthrough: PgDn to the next step"
WALK_BACK = "Walkthrough: PgUp back a step"


def walk_target(data: Path) -> int:
    """The interview planned last in `data`: the one `coach walk` is opened on."""
    from coach.models import Interview
    from coach.store import Store

    store = Store.open(data)
    try:
        planned = [interview for interview in store.all(Interview) if interview.when is not None]
        return max(planned, key=lambda interview: (interview.when, interview.id)).id
    finally:
        store.close()


def step_shown(step: int) -> Callable[[Frame], bool]:
    return contains(f"Step {step} of 5")


def walk_session(s: Session, presses: int) -> None:
    """`coach walk ID` at 10,000 records: PgDn through the five steps and PgUp back, `presses` times over."""
    data = s.ws.copy("10k")
    argv = [*run.coach_command(), "--data", str(data), "walk", str(walk_target(data))]
    term = PtyTerminal(argv, size=run.SIZE, env=s.ws.env(), cwd=str(run.ROOT))
    try:
        term.start()
        term.wait_frame(step_shown(1), timeout=60)
        for _ in range(max(1, presses // 2)):
            for step in range(2, 6):
                s.times.add(WALK_NEXT, timed_frames(term, "pagedown", step_shown(step))[1])
            for step in range(4, 0, -1):
                s.times.add(WALK_BACK, timed_frames(term, "pageup", step_shown(step))[1])
        term.settle(0.3)
        term.press("ctrl+q")
        term.wait_exit(timeout=30)
    finally:
        term.close()


ROWS: list[Versus] = [
    Versus(
        F7_FIRST,
        "F7 Interviews, 10,000 records: first visit (screen built, list drawn)",
        FLOOR_FIRST,
        "first visit of a mode",
        1.0,
    ),
    Versus(F7_AGAIN, "F7 Interviews, 10,000 records: open it again (F2 then F7)", SWITCH, "mode switch", 1.0),
    Versus(
        PREP_FIRST,
        "F7 Interviews, 10,000 records: Enter opens the session's first prep (screen built)",
        FLOOR_FIRST,
        "first visit of a mode",
        1.0,
    ),
    Versus(PREP_OPEN, "F7 Interviews, 10,000 records: Enter opens an interview's prep", SWITCH, "mode switch", 1.0),
    Versus(PREP_BACK, "F7 Interviews, 10,000 records: Esc back to the list", SWITCH, "mode switch", None),
    Versus(WALK_NEXT, "Walkthrough, 10,000 records: PgDn to the next step", SWITCH, "mode switch", 1.0),
    Versus(WALK_BACK, "Walkthrough, 10,000 records: PgUp back a step", SWITCH, "mode switch", 1.0),
]
"""Each row: the key measured, and the floor's figure it is set against (with the target ratio, if any)."""

SESSIONS: list[tuple[str, Callable[[Session, int], None]]] = [
    ("interviews", interviews_session),
    ("walkthrough", walk_session),
]
"""(name, session(s, presses)): each opens coach on a fresh copy of the 10,000-record file and adds samples."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run of each (a first look, noisier)")
    parser.add_argument("--runs", type=int, default=None, help="how many rounds (default 3, 1 with --quick)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "journey_keys.md", help="the Markdown table")
    args = parser.parse_args(argv)
    runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    presses, adds = (3, 2) if args.quick else (5, 3)
    info = run.machine()
    started = time.perf_counter()
    ours, floor = KeyTimes(), KeyTimes()
    notes: list[str] = []
    with run.workspace(keep=False) as ws:
        log(f"generating the data set in {ws.root}")
        ws.make("10k", 10_000)
        counts = ws.counts["10k"]
        notes.append(
            f"Data: bench/datagen.py, seed 1: 10,000 records ({counts['interviews']:,} interviews, "
            f"{counts['prep_items']:,} prep items, {counts['reflections']:,} reflections)."
        )
        # One untimed start of each program: fills the page cache and the bytecode cache.
        from floor_app import FIRST_MARK

        run.launch(ws, [sys.executable, str(HERE / "floor_app.py")], FIRST_MARK)
        run.launch(ws, [*run.coach_command(), "--data", str(ws.copy("10k"))], run.HOME_MARK)
        for number in range(runs):
            steps: list[tuple[str, Callable[[], None]]] = [
                ("floor", functools.partial(run.floor_session, ws, floor, number, adds, presses)),
                *((name, functools.partial(session, Session(ws, ours, number), presses)) for name, session in SESSIONS),
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
    notes.append(
        "Each figure runs from the key to the end of the last frame it caused (the terminal then quiet for "
        "0.1 s), after 0.12 s of quiet before the key, as in bench/run.py. The floor app is bare Textual "
        "(bench/floor_app.py) driven by run.py's floor_session, alternating with coach. A lone Esc byte is "
        "only read as Esc once Textual has waited ESCDELAY (100 ms by default) for more of an escape "
        "sequence: that wait is in the Esc row."
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
