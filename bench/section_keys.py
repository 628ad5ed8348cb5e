"""A typical key on each newer section, in a pty beside the floor app in the same run, as ratios.

    .venv/bin/python bench/section_keys.py            # about 3 minutes on 2 cores
    .venv/bin/python bench/section_keys.py --quick    # one run each, a first look

bench/run.py times opening every section and the Fear Monger's keys; this adds the key a person
presses most on Goal (F4), People (F5) and Outreach (F6), each against the floor app
(bench/floor_app.py) driven by run.py's own `floor_session` in the same loop:

- People, 15,000 contacts (a file of about 100,000 records): a search keystroke (typing a name and
  rubbing part of it out again), to the end of the frames showing the changed list, against the
  floor's row insert (issue 9).
- Outreach, 10,000 records: Enter in the form logging an attempt to someone already in People,
  save included, to the end of its frames, against the floor's row insert (issue 9); and the same
  for a name that is new, which also adds the person.
- Goal, 10,000 records: `g` opening the new-goal dialog and Esc closing it, against the floor's mode
  switch (a dialog over the screen, or back, is a change of screen, not a row: nothing is saved);
  and Enter picking the first of the method's goals (save included) against the floor's row insert.

It prints one table with the commit and the machine's load and writes it as Markdown to
bench/results/section_keys.md (gitignored). Timings are never asserted anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import datagen  # noqa: E402
import run  # noqa: E402
from ptyterm import Frame, PtyTerminal  # noqa: E402
from run import (  # noqa: E402
    ADD,
    SIZE,
    SWITCH,
    WORDS,
    KeyTimes,
    Workspace,
    contains,
    log,
    median,
    ms,
    p90,
    timed_frames,
)

PEOPLE_CONTACTS = 15_000
SEARCHES = ("rosa silva", "kofi weber", "ines okafor")
"""Names typed into People's search (first and last names the generator uses), one per round."""
RUB_OUT = 4
"""How many characters of each search are rubbed out again with Backspace."""

PEOPLE_SEARCH = "People: a search keystroke"
OUTREACH_LOG = "Outreach: log an attempt to someone in People"
OUTREACH_NEW = "Outreach: log an attempt to someone new"
GOAL_OPEN = "Goal: g opens the new-goal dialog"
GOAL_CLOSE = "Goal: Esc closes it"
GOAL_PICK = "Goal: Enter picks a goal"
LOST = "LOST"

GOAL_DIALOG_MARK = "Small goals are the ones"
"""Text only the new-goal dialog draws."""


def people_records() -> int:
    """The fewest records in a generated file that holds `PEOPLE_CONTACTS` contacts."""
    records = PEOPLE_CONTACTS * 6
    while datagen._counts(records, None)["contacts"] < PEOPLE_CONTACTS:
        records += 1
    return records


def without(text: str) -> Callable[[Frame], bool]:
    """A frame repainting (most of) the screen without `text`: what taking a dialog down draws."""
    cells = SIZE[0] * SIZE[1]
    return lambda frame: text not in frame.text and len(frame.text) >= cells // 2


def search_shown(query: str) -> Callable[[Frame], bool]:
    """People's line under the search names the query once the list for it is drawn."""
    return contains(f"\u201c{query}\u201d")


def count(path: Path, kind_name: str) -> int:
    from coach import models
    from coach.store import Store

    store = Store.open(path)
    try:
        return store.count(getattr(models, kind_name))
    finally:
        store.close()


@dataclass
class Session:
    ws: Workspace
    times: KeyTimes
    round: int


@contextlib.contextmanager
def coach_terminal(ws: Workspace, data: Path) -> Iterator[PtyTerminal]:
    """coach on `data` in a pty, showing Home; quits it with Ctrl+Q afterwards."""
    term = PtyTerminal([*run.coach_command(), "--data", str(data)], size=SIZE, env=ws.env(), cwd=str(run.ROOT))
    try:
        term.start()
        term.wait_frame(contains(run.HOME_MARK), timeout=60)
        yield term
        term.settle(0.3)
        term.press("ctrl+q")
        term.wait_exit(timeout=30)
    finally:
        term.close()


def type_untimed(term: PtyTerminal, text: str) -> None:
    for char in text:
        term.press(char)
        term.settle(0.05)


def people_session(s: Session) -> None:
    """Search People over 15,000 contacts: each character typed, then a few rubbed out."""
    data = s.ws.copy("people")
    with coach_terminal(s.ws, data) as term:
        timed_frames(term, "f5", contains("warmest first"), timeout=60)
        timed_frames(term, "/", run.any_frame)  # the search box takes the keys
        for query in SEARCHES[s.round % len(SEARCHES) :] + SEARCHES[: s.round % len(SEARCHES)]:
            typed = ""
            for char in query:
                typed += char
                if char == " ":  # "rosa " lists what "rosa" did: nothing new to wait for
                    term.press(char)
                    continue
                s.times.add(PEOPLE_SEARCH, timed_frames(term, char, search_shown(typed))[1])
            for _ in range(RUB_OUT):
                typed = typed[:-1]
                if typed.endswith(" "):
                    term.press("backspace")
                    typed = typed[:-1]
                    continue
                s.times.add(PEOPLE_SEARCH, timed_frames(term, "backspace", search_shown(typed))[1])
            timed_frames(term, "escape", contains("warmest first"))  # clears the search, stays in the box


def outreach_session(s: Session, logs: int) -> None:
    """Log attempts from Outreach's form at 10,000 records, to people already in the file, then one new."""
    from coach.models import Contact
    from coach.store import Store

    data = s.ws.copy("10k")
    names = [f"Wren {WORDS[(s.round + n) % len(WORDS)].capitalize()}{s.round}" for n in range(logs)]
    store = Store.open(data)
    try:
        store.add_many([Contact(name=name) for name in names])
    finally:
        store.close()
    before = count(data, "Outreach")
    logged = 0
    with coach_terminal(s.ws, data) as term:
        timed_frames(term, "f6", contains("Log, newest first"), timeout=60)
        for name in names:
            type_untimed(term, name)
            s.times.add(OUTREACH_LOG, timed_frames(term, "enter", contains(f"Logged: e-mail to {name}."))[1])
            logged += 1
        name = f"Zed Newcomer{s.round}"
        type_untimed(term, name)
        s.times.add(OUTREACH_NEW, timed_frames(term, "enter", contains(f"Logged: e-mail to {name} (new"))[1])
        logged += 1
    if count(data, "Outreach") != before + logged:
        s.times.add(LOST, 1.0)


def goal_session(s: Session, presses: int) -> None:
    """Open and close Goal's new-goal dialog at 10,000 records, then pick a goal from it."""
    data = s.ws.copy("10k")
    with coach_terminal(s.ws, data) as term:
        timed_frames(term, "f4", run.whole_screen("Goal"), timeout=60)
        for _ in range(presses):
            s.times.add(GOAL_OPEN, timed_frames(term, "g", contains(GOAL_DIALOG_MARK))[1])
            s.times.add(GOAL_CLOSE, timed_frames(term, "escape", without(GOAL_DIALOG_MARK))[1])
        for _ in range(max(1, presses // 2)):
            timed_frames(term, "g", contains(GOAL_DIALOG_MARK))
            picked = timed_frames(
                term,
                "enter",
                lambda frame: "Your goal is now" in frame.text and GOAL_DIALOG_MARK not in frame.text,
            )
            s.times.add(GOAL_PICK, picked[1])


@dataclass(frozen=True)
class Versus:
    name: str
    measure: str
    floor_name: str
    floor_what: str
    target: float | None


ROWS = (
    Versus(
        PEOPLE_SEARCH,
        f"F5 People, {PEOPLE_CONTACTS:,} contacts: a search keystroke, to the end of the frames showing the list",
        ADD,
        "row insert",
        1.0,
    ),
    Versus(
        OUTREACH_LOG,
        "F6 Outreach, 10,000 records: Enter logs an attempt (someone in People), save included",
        ADD,
        "row insert",
        1.0,
    ),
    Versus(
        OUTREACH_NEW,
        "F6 Outreach, 10,000 records: Enter logs an attempt to someone new (adds them), save included",
        ADD,
        "row insert",
        None,
    ),
    Versus(GOAL_OPEN, "F4 Goal, 10,000 records: g opens the new-goal dialog", SWITCH, "mode switch", None),
    Versus(GOAL_CLOSE, "F4 Goal, 10,000 records: Esc closes the dialog", SWITCH, "mode switch", None),
    Versus(GOAL_PICK, "F4 Goal, 10,000 records: Enter picks a goal, save included", ADD, "row insert", None),
)


def spread(samples: list[float]) -> str:
    return f"{ms(median(samples))} / {ms(p90(samples))} (n={len(samples)})" if samples else "n/a"


def table(ours: KeyTimes, floor: KeyTimes, versus: Sequence[Versus] | None = None) -> list[tuple[str, str, str, str]]:
    """One table row per `versus` row (default: this script's ROWS): coach beside the floor, with the ratio.
    The other key scripts (journey_keys, careers_keys, review_keys) use this one too."""
    rows = []
    for row in ROWS if versus is None else versus:
        coach_s, floor_s = ours.get(row.name), floor.get(row.floor_name)
        ratio = median(coach_s) / median(floor_s) if coach_s and floor_s else float("nan")
        met = ""
        if row.target is not None and ratio == ratio:
            met = f" ({'met' if ratio <= row.target else 'MISSED'}: <= {row.target:g}x)"
        rows.append(
            (
                row.measure,
                spread(coach_s),
                f"{spread(floor_s)} {row.floor_what}",
                "n/a" if ratio != ratio else f"{ratio:.2f}x{met}",
            )
        )
    return rows


def render(
    rows: list[tuple[str, str, str, str]],
    info: dict[str, str],
    notes: list[str],
    markdown: bool,
    *,
    title: str = "A typical key on Goal, People and Outreach, beside the floor app",
    script: str = "bench/section_keys.py",
) -> str:
    """The table as Markdown (with `title`) or as plain text, with the command and the machine."""
    headers = ("Row", "coach median / p90", "floor median / p90", "Ratio (medians)")
    cells = rows
    command = " ".join([f".venv/bin/python {script}", *sys.argv[1:]])
    machine = "Machine: " + ", ".join(f"{key} {value}" for key, value in info.items())
    if markdown:
        lines = [
            f"# {title}",
            "",
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Command: `{command}`. {machine}",
            "",
            "| " + " | ".join(headers) + " |",
            "|---|---|---|---|",
            *("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in cells),
            "",
            *(f"- {note}" for note in notes),
        ]
        return "\n".join(lines) + "\n"
    widths = [max(len(cell) for cell in column) for column in zip(headers, *cells, strict=False)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
        for row in (headers, tuple("-" * w for w in widths), *cells)
    ]
    return "\n".join([*lines, "", f"Command: {command}", machine, *notes])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run of each (a first look, noisier)")
    parser.add_argument("--runs", type=int, default=None, help="how many rounds (default 3, 1 with --quick)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "section_keys.md", help="the Markdown table")
    args = parser.parse_args(argv)
    runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    logs, presses, adds = (3, 3, 3) if args.quick else (5, 5, 5)
    info = run.machine()
    started = time.perf_counter()
    ours, floor = KeyTimes(), KeyTimes()
    notes: list[str] = []
    with run.workspace(keep=False) as ws:
        log(f"generating data sets in {ws.root}")
        ws.make("10k", 10_000)
        ws.make("people", people_records())
        notes.append(
            f"Data: bench/datagen.py, seed 1: 10,000 records ({ws.counts['10k']['outreach']:,} outreach, "
            f"{ws.counts['10k']['goals']} goals) for Goal and Outreach; {sum(ws.counts['people'].values()):,} "
            f"records holding {ws.counts['people']['contacts']:,} contacts for People."
        )
        # One untimed start of each program: fills the page cache and the bytecode cache.
        from floor_app import FIRST_MARK

        run.launch(ws, [sys.executable, str(HERE / "floor_app.py")], FIRST_MARK)
        run.launch(ws, [*run.coach_command(), "--data", str(ws.copy("10k"))], run.HOME_MARK)
        for number in range(runs):
            steps: list[tuple[str, Callable[[], None]]] = [
                ("floor", functools.partial(run.floor_session, ws, floor, number, adds, 4)),
                ("people", functools.partial(people_session, Session(ws, ours, number))),
                ("outreach", functools.partial(outreach_session, Session(ws, ours, number), logs)),
                ("goal", functools.partial(goal_session, Session(ws, ours, number), presses)),
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
        notes.append("OUTREACH: an attempt logged in the app was missing from the file after quitting!")
    else:
        notes.append("Every attempt logged in the app was in the file after Ctrl+Q.")
    notes.append(
        "Each figure runs from the key to the end of the last frame it caused (the terminal then quiet for "
        "0.1 s), after 0.12 s of quiet before the key, as in bench/run.py. The floor app is bare Textual "
        "(bench/floor_app.py) driven by run.py's floor_session, alternating with coach. Goal's dialog keys are "
        "set against the floor's mode switch: a dialog over the screen, or back, is a change of screen, and "
        "Goal has no row to insert without saving a goal. A lone Esc byte is only read as Esc once Textual "
        "has waited ESCDELAY (100 ms by default) for more of an escape sequence: that wait is in the Esc row, "
        "as it is for a person pressing it."
    )
    notes.append(f"Run took {time.perf_counter() - started:.0f} s; {runs} round(s).")
    rows = table(ours, floor)
    print()
    print(render(rows, info, notes, markdown=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(rows, info, notes, markdown=True))
    print(f"\nWritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
