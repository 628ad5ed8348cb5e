"""coach's benchmarks: every figure measured beside its baseline in the same run, as medians.

    .venv/bin/python bench/run.py            # the full run, about 10 minutes on 2 cores
    .venv/bin/python bench/run.py --quick    # fewer repeats, for a first look (about 3 minutes)
    .venv/bin/python bench/run.py --only startup,save

It prints one table (coach, baseline, ratio, target) with the machine it ran on and writes the same
table as Markdown to bench/results/latest.md. Data files are generated into a temp folder by
bench/datagen.py (seeded) and deleted afterwards. How each row is measured: see bench/README.md.

Each coach measurement and its baseline alternate inside the same loop, so a busy machine slows
both alike; the figures are medians (and 90th percentiles for key presses) over the repeats.
No timing is ever asserted in the test suite; this script only reports.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import datagen  # noqa: E402
from minimal_app import GREETING  # noqa: E402
from ptyterm import Frame, PtyTerminal  # noqa: E402

SIZE = (100, 32)
"""The pseudo-terminal's columns and rows (the size the Pilot tests use)."""
HOME_MARK = "Fears written down"
"""Text only the Home screen draws (a card title)."""
FEAR_MARK = "thoughts on your list"
"""Text only the Fear Monger screen draws (beside the count)."""
WEEK_MARK = "this week"
"""Part of Home's fear card once the week's figures are in."""


# --- small helpers ------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p90(values: list[float]) -> float:
    """The 90th percentile, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, -(-len(ordered) * 9 // 10) - 1))]


def ms(seconds: float) -> str:
    if seconds != seconds:  # nan
        return "n/a"
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def sec(seconds: float) -> str:
    return "n/a" if seconds != seconds else f"{seconds:.3f} s"


def log(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Row:
    measure: str
    coach: str
    baseline: str
    ratio: str
    target: str
    met: str
    """"yes", "NO" or "" (no target for this row)."""


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        measure: str,
        coach: str,
        baseline: str = "",
        ratio: float | None = None,
        target: str = "",
        met: bool | None = None,
    ) -> None:
        self.rows.append(
            Row(
                measure,
                coach,
                baseline or "-",
                "-" if ratio is None or ratio != ratio else f"{ratio:.2f}x",
                target or "-",
                "" if met is None else ("yes" if met else "NO"),
            )
        )


# --- the environment ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count() or 0
    versions = {}
    for name in ("textual", "tinydb", "orjson", "filelock"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "?"
    commit = "?"
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    return {
        "cpu": cpu,
        "nproc": str(usable),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        **versions,
        "commit": commit,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


class Workspace:
    """A temp folder holding the generated data files and a private HOME for the child processes."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="coach-bench-"))
        self.home = self.root / "home"
        self.home.mkdir()
        self.files: dict[str, Path] = {}
        self.counts: dict[str, dict[str, int]] = {}
        self._copies = 0

    def make(self, name: str, records: int, *, thoughts: int | None = None) -> Path:
        path = self.root / "sets" / f"{name}.json"
        if records == 0 and thoughts is None:
            from coach.store import fresh_data

            data = fresh_data()
        else:
            data = datagen.generate(records, seed=1, thoughts=thoughts)
        datagen.write(path, data)
        self.files[name] = path
        self.counts[name] = datagen.counts_of(data)
        return path

    def copy(self, name: str) -> Path:
        """A fresh copy of a data set, in its own folder (so backups and locks don't mix)."""
        self._copies += 1
        folder = self.root / "runs" / f"{self._copies:05d}"
        folder.mkdir(parents=True)
        target = folder / "coach.json"
        shutil.copyfile(self.files[name], target)
        os.chmod(target, 0o600)
        return target

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "COACH_"))}
        # An installed coach has its .pyc files; with PYTHONDONTWRITEBYTECODE set (as on some dev
        # machines) every start would compile coach's modules again. Cache bytecode in the temp folder.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.root / "pycache")
        env.update(
            HOME=str(self.home),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            TERM="xterm-256color",
            COLORTERM="truecolor",
            LANG=env.get("LANG", "C.UTF-8"),
        )
        return env

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def coach_command() -> list[str]:
    script = Path(sys.executable).parent / "coach"
    return [str(script)] if script.exists() else [sys.executable, "-m", "coach"]


def minimal_command() -> list[str]:
    return [sys.executable, str(HERE / "minimal_app.py")]


def thoughts_on_disk(path: Path) -> int:
    from coach.models import Thought
    from coach.store import Store

    store = Store.open(path)
    try:
        return store.count(Thought)
    finally:
        store.close()


# --- 1 and 4: startup and quit -----------------------------------------------------------------------


@dataclass
class Launch:
    first_paint: float
    figures: float | None
    details: float | None
    quit: float
    intact: bool


def launch(
    ws: Workspace,
    argv: list[str],
    mark: str,
    *,
    figures: str | None = None,
    details: str | None = None,
    data: Path | None = None,
) -> Launch:
    """Start a program in a pseudo-terminal, time its first frame (and the frames showing `figures`
    and `details`), then quit it."""
    term = PtyTerminal(argv, size=SIZE, env=ws.env(), cwd=str(ROOT))
    try:
        started = term.start()
        first = term.wait_frame(lambda frame: mark in frame.text, timeout=60)
        shown: float | None = None
        if figures is not None:
            shown = term.wait_frame(lambda frame: figures in frame.text, timeout=60).end - started
        detailed: float | None = None
        if details is not None:
            detailed = term.wait_frame(lambda frame: details in frame.text, timeout=60).end - started
        term.settle(0.3)
        pressed = term.press("ctrl+q")
        exited = term.wait_exit(timeout=30)
        intact = True
        if data is not None:
            intact = term.process is not None and term.process.returncode == 0
        return Launch(first.end - started, shown, detailed, exited - pressed, intact)
    finally:
        term.close()


def figure_text(count: int) -> str:
    return f"{count}"


def warm_up(ws: Workspace) -> None:
    """One untimed run of each program: fills the page cache and the bytecode cache. First, the data
    sets just generated (about 120 MB) are flushed to disk, so that the kernel's writeback doesn't run
    during the first rows timed (the empty file's startup)."""
    os.sync()
    time.sleep(1.0)
    launch(ws, minimal_command(), GREETING)
    from floor_app import FIRST_MARK

    launch(ws, [sys.executable, str(HERE / "floor_app.py")], FIRST_MARK)
    launch(ws, [*coach_command(), "--data", str(ws.copy("empty"))], HOME_MARK)
    subprocess.run(
        [*coach_command(), "--data", str(ws.copy("1k")), "fear", "warming up"],
        env=ws.env(),
        capture_output=True,
        check=True,
    )


def bench_startup_quit(ws: Workspace, results: Results, repeats: int) -> None:
    coach, minimal = coach_command(), minimal_command()
    quits: dict[str, tuple[list[float], list[float], bool]] = {}
    for name, label in (("empty", "empty file"), ("10k", "10,000 records"), ("100k", "100,000 records")):
        thoughts = ws.counts[name].get("thoughts", 0)
        coach_paint: list[float] = []
        coach_figures: list[float] = []
        coach_details: list[float] = []
        coach_quit: list[float] = []
        base_paint: list[float] = []
        base_quit: list[float] = []
        unsealed: list[float] = []
        intact = True
        data = ws.copy(name)
        # The file as coach usually meets it: opened before, so its seal matches (see coach/store/seal.py).
        launch(ws, [*coach, "--data", str(data)], HOME_MARK, data=data)
        kinds = (0, 1, 2) if name != "empty" else (0, 1)
        for round_ in range(repeats):
            order = kinds if round_ % 2 == 0 else tuple(reversed(kinds))
            for which in order:
                if which == 0:
                    run = launch(ws, minimal, GREETING)
                    base_paint.append(run.first_paint)
                    base_quit.append(run.quit)
                elif which == 2:
                    # A file coach has no seal for (new to it, or changed by another program): checked in full first.
                    shutil.rmtree(ws.home / ".cache" / "coach", ignore_errors=True)
                    run = launch(ws, [*coach, "--data", str(data)], HOME_MARK, data=data)
                    unsealed.append(run.first_paint)
                    intact = intact and run.intact
                else:
                    run = launch(
                        ws,
                        [*coach, "--data", str(data)],
                        HOME_MARK,
                        figures=figure_text(thoughts) if thoughts else None,
                        details=WEEK_MARK if thoughts else None,
                        data=data,
                    )
                    coach_paint.append(run.first_paint)
                    if run.figures is not None:
                        coach_figures.append(run.figures)
                    if run.details is not None:
                        coach_details.append(run.details)
                    coach_quit.append(run.quit)
                    intact = intact and run.intact
        intact = intact and thoughts_on_disk(data) == thoughts
        log(f"startup {label}: coach {ms(median(coach_paint))}, minimal {ms(median(base_paint))}")
        ratio = median(coach_paint) / median(base_paint)
        target = {"empty": 1.2, "10k": 1.3, "100k": 1.6}[name]
        results.add(
            f"Startup, first paint of Home ({label})",
            ms(median(coach_paint)),
            f"{ms(median(base_paint))} (one-label Textual app)",
            ratio,
            f"<= {target}x",
            ratio <= target,
        )
        if unsealed:
            results.add(
                f"Startup, first paint of Home, a file without its seal: checked in full first ({label})",
                ms(median(unsealed)),
                f"{ms(median(base_paint))} (one-label Textual app)",
                median(unsealed) / median(base_paint),
            )
        if name == "100k":
            shown = median(coach_figures)
            results.add(
                "Startup, Home shows the real thought count (100,000 records)",
                ms(shown),
                "",
                None,
                "<= 1 s",
                shown <= 1.0,
            )
            results.add(
                "Startup, Home also shows this week against last week (100,000 records)",
                ms(median(coach_details)),
            )
        quits[name] = (coach_quit, base_quit, intact)
    for name, label in (("10k", "10,000 records"), ("100k", "100,000 records")):
        coach_quit, base_quit, intact = quits[name]
        ratio = median(coach_quit) / median(base_quit)
        results.add(
            f"Quit, Ctrl+Q to process exit ({label})",
            ms(median(coach_quit)) + ("" if intact else " (FILE CHANGED!)"),
            f"{ms(median(base_quit))} (one-label Textual app)",
            ratio,
            "<= 1.2x",
            ratio <= 1.2 and intact,
        )


# --- 2: save -------------------------------------------------------------------------------------------


def _savers(store: Any, stock_table: Any, maker: datagen._Maker) -> tuple[Callable[[], None], Callable[[], None]]:
    """One save each: coach's Store.add, and stock TinyDB inserting the same kind of document."""
    from coach.models import Thought
    from coach.store import to_doc

    def ours() -> None:
        store.add(Thought(text=maker.thought_text()))

    def theirs() -> None:
        stamped = Thought(text=maker.thought_text(), created=datagen.END, updated=datagen.END)
        stock_table.insert(to_doc(stamped))

    return ours, theirs


def bench_save(ws: Workspace, results: Results, repeats: dict[str, int]) -> None:
    from tinydb import TinyDB

    from coach.store import Store

    for name, label in (("1k", "1,000"), ("10k", "10,000"), ("100k", "100,000")):
        ours_path, stock_path = ws.copy(name), ws.copy(name)
        store = Store.open(ours_path)
        stock = TinyDB(stock_path)
        ours, theirs = _savers(store, stock.table("thoughts"), datagen._Maker(7, datagen.END))

        # The first save of a day also copies the file into backups/ (once a day): left out of the figure.
        ours()
        theirs()
        ours_times: list[float] = []
        stock_times: list[float] = []
        for round_ in range(repeats[name]):
            steps: list[tuple[Callable[[], None], list[float]]] = [(ours, ours_times), (theirs, stock_times)]
            if round_ % 2:
                steps.reverse()
            for step, times in steps:
                started = time.perf_counter()
                step()
                times.append(time.perf_counter() - started)
        expected = ws.counts[name]["thoughts"] + 1 + repeats[name]
        store.close()
        stock.close()
        on_disk = thoughts_on_disk(ours_path)
        ratio = median(stock_times) / median(ours_times)
        limit = {"10k": 0.015, "100k": 0.200}.get(name)
        speedup = {"10k": 5.0, "100k": 8.0}.get(name)
        log(f"save {label}: coach {ms(median(ours_times))}, stock {ms(median(stock_times))}")
        met = None
        target = ""
        if limit is not None and speedup is not None:
            met = median(ours_times) <= limit and ratio >= speedup and on_disk == expected
            target = f"<= {ms(limit)}, >= {speedup:g}x faster"
        results.add(
            f"Save one thought ({label} records)",
            ms(median(ours_times)) + ("" if on_disk == expected else f" (ONLY {on_disk} ON DISK)"),
            f"{ms(median(stock_times))} (stock TinyDB JSONStorage)",
            ratio,
            target,
            met,
        )
    results.notes.append(
        "Save ratios are stock / coach (how many times faster coach is); every other ratio is coach / baseline."
    )


# --- 3: interaction ------------------------------------------------------------------------------------


@dataclass
class KeyTimes:
    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.samples.setdefault(name, []).append(seconds)

    def get(self, name: str) -> list[float]:
        return self.samples.get(name, [])


def timed_key(term: PtyTerminal, key: str, predicate: Callable[[Frame], bool], *, timeout: float = 20.0) -> float:
    """Seconds from writing `key` to the end of the first later frame that satisfies `predicate`."""
    return timed_frames(term, key, predicate, timeout=timeout, quiet=None)[0]


def timed_frames(
    term: PtyTerminal,
    key: str,
    predicate: Callable[[Frame], bool],
    *,
    timeout: float = 20.0,
    quiet: float | None = 0.1,
) -> tuple[float, float]:
    """Seconds from writing `key` to the first frame that shows its effect, and to the end of the
    last frame it caused (the frame before the terminal stays quiet for `quiet` seconds)."""
    term.settle(0.12)
    before = term.frame_count
    pressed = term.press(key)
    frame = term.wait_frame(predicate, after=before, timeout=timeout)
    if quiet is None:
        return frame.end - pressed, frame.end - pressed
    term.settle(quiet)
    return frame.end - pressed, max(frame.end, term.last_frame_end()) - pressed


def contains(text: str) -> Callable[[Frame], bool]:
    return lambda frame: text in frame.text


def any_frame(frame: Frame) -> bool:
    return True


def whole_screen(text: str) -> Callable[[Frame], bool]:
    """A frame that repaints (most of) the screen and shows `text`: what a switch to a screen draws."""
    cells = SIZE[0] * SIZE[1]
    return lambda frame: text in frame.text and len(frame.text) >= cells // 2


WORDS = ["quiet", "amber", "lantern", "orbit", "velvet", "cobalt", "meadow", "thistle", "harbor", "pebble"]

SWITCH = "switch F2 Home / F3 Fear Monger"
TYPE = "type a character"
TYPE_END = "type a character, to the end of its frames"
ADD = "add a line (Enter)"
ADD_FIRST = "add a line (Enter), first frame showing it"
SWITCH_FIRST = "switch, first frame of the other screen"
HELP_OPEN = "F1 opens the help, to the end of its frames"
HELP_CLOSE = "Esc closes the help, to the end of its frames"


@dataclass(frozen=True)
class SectionMark:
    key: str
    title: str
    predicate: Callable[[Frame], bool]


def section_marks() -> list[SectionMark]:
    """Every section coach has, with what tells its screen is showing: Home and the Fear Monger by
    text only they draw, any other by a repaint of the whole screen that shows its name."""
    try:
        from coach.sections import SECTIONS

        sections = [(section.key, section.title) for section in SECTIONS]
    except (ImportError, AttributeError):  # the registry moved: the keys as the README lists them
        sections = [
            ("f2", "Home"),
            ("f3", "Fear Monger"),
            ("f4", "Goal"),
            ("f5", "People"),
            ("f6", "Outreach"),
            ("f7", "Interviews"),
            ("f8", "Weekly Review"),
            ("f9", "Careers"),
        ]
    special = {"f2": contains(HOME_MARK), "f3": contains(FEAR_MARK)}
    return [SectionMark(key, title, special.get(key) or whole_screen(title)) for key, title in sections]


def type_line(term: PtyTerminal, times: KeyTimes, text: str) -> None:
    """Type `text` a character at a time, timing each echo (the frame showing the last characters)."""
    typed = ""
    for char in text:
        typed += char
        if char == " ":  # a trailing space draws nothing new to look for
            term.press(char)
            continue
        echo, end = timed_frames(term, char, contains(typed[-8:]), quiet=0.08)
        times.add(TYPE, echo)
        times.add(TYPE_END, end)


def line_text(run: int, number: int) -> str:
    return f"bench {run}-{number} {WORDS[(run + number) % len(WORDS)]} zq{run * 97 + number * 13}"


def fear_session(ws: Workspace, times: KeyTimes, run: int, adds: int, scrolls: int, switches: int) -> bool:
    """One coach process on a copy of the 10,000-thought file; True if every added thought is on disk.

    The Fear Monger's rows come first and the other sections last, so a section that fails (or
    crashes coach) costs only its own rows."""
    data = ws.copy("fears")
    before = thoughts_on_disk(data)
    sections = section_marks()
    home, fear = sections[0], sections[1]
    term = PtyTerminal([*coach_command(), "--data", str(data)], size=SIZE, env=ws.env(), cwd=str(ROOT))
    added = 0
    try:
        term.start()
        term.wait_frame(home.predicate, timeout=60)
        times.add(f"open {fear.title} (first visit)", timed_frames(term, fear.key, fear.predicate)[1])
        for _ in range(switches):
            for section in (home, fear):
                first, end = timed_frames(term, section.key, section.predicate)
                times.add(SWITCH_FIRST, first)
                times.add(SWITCH, end)
        for number in range(adds):
            text = line_text(run, number)
            type_line(term, times, text)
            first, end = timed_frames(term, "enter", contains(text), timeout=30)
            times.add(ADD_FIRST, first)
            times.add(ADD, end)
            added += 1
        times.add("Fear Monger: focus the list (Down from the capture line)", timed_key(term, "down", any_frame))
        for step in range(scrolls):
            key = "down" if step % 10 != 9 else "pagedown"
            times.add("Fear Monger: scroll the list (Down / Page Down)", timed_key(term, key, any_frame))
        timed_frames(term, home.key, home.predicate)
        # Home's typical key: F1 opens the help over it, Esc closes it.
        for _ in range(max(1, switches // 2)):
            times.add(HELP_OPEN, timed_frames(term, "f1", any_frame)[1])
            times.add(HELP_CLOSE, timed_frames(term, "escape", any_frame)[1])
        # Every other section: its first visit from Home (the screen is built then), then again.
        for section in sections[2:]:
            times.add(f"open {section.title} (first visit)", timed_frames(term, section.key, section.predicate)[1])
            times.add("open Home", timed_frames(term, home.key, home.predicate)[1])
        for _ in range(max(1, switches // 2)):
            for section in sections[1:]:
                times.add(f"open {section.title}", timed_frames(term, section.key, section.predicate)[1])
                times.add("open Home", timed_frames(term, home.key, home.predicate)[1])
        term.settle(0.3)
        term.press("ctrl+q")
        term.wait_exit(timeout=30)
    finally:
        term.close()
        if thoughts_on_disk(data) != before + added:
            times.add("LOST", 1.0)
    return True


def floor_session(ws: Workspace, times: KeyTimes, run: int, adds: int, switches: int) -> None:
    """The floor app (bench/floor_app.py), driven with the same keys as coach."""
    from floor_app import FIRST_MARK, SECOND_MARK

    first_mode, second_mode = contains(FIRST_MARK), contains(SECOND_MARK)
    term = PtyTerminal([sys.executable, str(HERE / "floor_app.py")], size=SIZE, env=ws.env(), cwd=str(ROOT))
    try:
        term.start()
        term.wait_frame(first_mode, timeout=60)
        times.add("open the second mode (first visit)", timed_frames(term, "f3", second_mode)[1])
        for _ in range(switches):
            for key, predicate in (("f2", first_mode), ("f3", second_mode)):
                first, end = timed_frames(term, key, predicate)
                times.add(SWITCH_FIRST, first)
                times.add(SWITCH, end)
        for number in range(adds):
            text = line_text(run, number)
            type_line(term, times, text)
            first, end = timed_frames(term, "enter", contains(text), timeout=30)
            times.add(ADD_FIRST, first)
            times.add(ADD, end)
        timed_frames(term, "f2", first_mode)
        for _ in range(max(1, switches // 2)):
            times.add(HELP_OPEN, timed_frames(term, "f1", any_frame)[1])
            times.add(HELP_CLOSE, timed_frames(term, "escape", any_frame)[1])
        term.settle(0.3)
        term.press("ctrl+q")
        term.wait_exit(timeout=30)
    finally:
        term.close()


def _spread(samples: list[float]) -> str:
    return f"{ms(median(samples))} median, {ms(p90(samples))} p90 (n={len(samples)})"


def bench_interaction(ws: Workspace, results: Results, runs: int, adds: int, scrolls: int, switches: int) -> None:
    ours = KeyTimes()
    floor = KeyTimes()
    intact = True
    for run in range(runs):
        order = ("floor", "coach") if run % 2 == 0 else ("coach", "floor")
        for which in order:
            try:
                if which == "floor":
                    floor_session(ws, floor, run, adds, switches)
                else:
                    intact = fear_session(ws, ours, run, adds, scrolls, switches) and intact
            except TimeoutError as error:  # keep the figures gathered so far; say what went wrong
                log(f"interaction run {run + 1} ({which}) stopped: {error}")
                results.notes.append(f"Interaction run {run + 1} ({which}) stopped early: {str(error).splitlines()[0]}")
        log(f"interaction run {run + 1}/{runs} done")
    label = "Key to frame, 10,000 thoughts"

    def versus(
        name: str, measure: str, floor_name: str, target: float | None, *, p90_target: float | None = None
    ) -> None:
        coach_s, floor_s = ours.get(name), floor.get(floor_name)
        ratio = median(coach_s) / median(floor_s) if coach_s and floor_s else None
        met: bool | None = None
        target_text = ""
        if target is not None and ratio is not None:
            met = ratio <= target
            target_text = f"<= {target:g}x"
            if p90_target is not None:
                met = met and p90(coach_s) <= p90_target * p90(floor_s)
                target_text += f", p90 <= {p90_target:g}x the floor's p90"
        results.add(f"{label}: {measure}", _spread(coach_s), f"{_spread(floor_s)} (floor app)", ratio, target_text, met)

    versus(SWITCH, "switch sections F2 Home / F3 Fear Monger, to the end of its frames", SWITCH, 1.0, p90_target=1.2)
    versus(SWITCH_FIRST, "switch sections, to the first frame of the other screen", SWITCH_FIRST, None)
    versus(TYPE, "type a character in the Fear Monger's capture line, to its echo", TYPE, 1.2)
    versus(TYPE_END, "type a character, to the end of the frames it causes", TYPE_END, None)
    versus(ADD, "add a thought (Enter, save included), to the end of its frames", ADD, 1.0)
    versus(ADD_FIRST, "add a thought, to the first frame showing it", ADD_FIRST, None)
    floor_switch = floor.get(SWITCH)
    floor_cold = floor.get("open the second mode (first visit)")
    for section in section_marks():
        for name, cold in ((f"open {section.title} (first visit)", True), (f"open {section.title}", False)):
            samples = ours.get(name)
            if not samples:
                continue
            base = floor_cold if cold else floor_switch
            ratio = median(samples) / median(base) if base else None
            what = "the floor's first visit to its second mode" if cold else "the floor's mode switch"
            results.add(
                f"{label}: {section.key.upper()} {name}, to the end of its frames",
                _spread(samples),
                f"{ms(median(base))} ({what})",
                ratio,
                "" if cold else "<= 1x",
                None if cold or ratio is None else ratio <= 1.0,
            )
    versus(HELP_OPEN, f"Home: {HELP_OPEN}", HELP_OPEN, 1.0)
    versus(HELP_CLOSE, f"Home: {HELP_CLOSE}", HELP_CLOSE, 1.0)
    for name in (
        "Fear Monger: focus the list (Down from the capture line)",
        "Fear Monger: scroll the list (Down / Page Down)",
    ):
        samples = ours.get(name)
        if samples:
            results.add(
                f"{label}: {name}",
                _spread(samples),
                "",
                None,
                "<= 50 ms median, <= 100 ms p90",
                median(samples) <= 0.050 and p90(samples) <= 0.100,
            )
    if not intact or ours.get("LOST"):
        results.notes.append("INTERACTION: a thought added in the app was missing from the file after quitting!")
    else:
        results.notes.append("Every thought added during the interaction runs was in the file after Ctrl+Q.")
    results.notes.append(
        "The floor app (bench/floor_app.py) is bare Textual: two modes on F2/F3 with a Footer each, an Input "
        "over a 100-row ListView where Enter inserts the line at the top. It runs in the same terminal, "
        "alternating with coach, typing the same lines."
    )


# --- 5: CLI quick capture -------------------------------------------------------------------------------


def bench_cli(ws: Workspace, results: Results, repeats: int) -> None:
    env = ws.env()
    data = ws.copy("10k")
    commands = {
        "coach": [*coach_command(), "--data", str(data), "fear", "what if they think I'm wasting their time"],
        "log": [*coach_command(), "--data", str(data), "log", "Ana Ruiz", "--via", "email", "--note", "coffee?"],
        "today": [*coach_command(), "--data", str(data), "today"],
        "pass": [sys.executable, "-c", "pass"],
        "textual": [sys.executable, "-c", "import textual"],
        "textual.app": [sys.executable, "-c", "import textual.app"],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # warm-up
        subprocess.run(argv, env=env, capture_output=True, check=True)
    names = list(commands)
    for round_ in range(repeats):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            started = time.perf_counter()
            subprocess.run(commands[name], env=env, capture_output=True, check=True)
            samples[name].append(time.perf_counter() - started)
    coach = median(samples["coach"])
    log(f"cli: coach {sec(coach)}")
    results.add(
        'CLI quick capture, `coach fear "..."`, whole process (10,000 records)',
        sec(coach),
        f"{sec(median(samples['pass']))} (`python -c pass`)",
        coach / median(samples["pass"]),
        "<= 0.15 s",
        coach <= 0.15,
    )
    for name, what in (("log", '`coach log "NAME" --via email`'), ("today", "`coach today`")):
        took = median(samples[name])
        log(f"cli: {name} {sec(took)}")
        results.add(
            f"CLI {what}, whole process (10,000 records)",
            sec(took),
            f"{sec(coach)} (`coach fear`)",
            took / coach,
            "<= 1.0x",
            took <= coach,
        )
    results.add(
        "CLI quick capture vs a process that only imports Textual",
        sec(coach),
        f"{sec(median(samples['textual']))} (`import textual`), "
        f"{sec(median(samples['textual.app']))} (`import textual.app`)",
        coach / median(samples["textual"]),
        "",
        None,
    )


# --- the table -------------------------------------------------------------------------------------------


def render_text(results: Results, info: dict[str, str], command: str) -> str:
    headers = ("Measure", "coach", "Baseline", "Ratio", "Target", "Met")
    rows = [(r.measure, r.coach, r.baseline, r.ratio, r.target, r.met) for r in results.rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
        for row in (headers, tuple("-" * w for w in widths), *rows)
    ]
    lines.append("")
    lines.append(f"Command: {command}")
    lines.append("Machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    lines.extend(results.notes)
    return "\n".join(lines)


def render_markdown(results: Results, info: dict[str, str], command: str, when: str) -> str:
    def cell(value: str) -> str:
        return value.replace("|", "\\|")

    lines = [
        f"# coach benchmarks ({when})",
        "",
        f"Command: `{command}`",
        "",
        "Machine: " + ", ".join(f"{key} {value}" for key, value in info.items()),
        "",
        "| Measure | coach | Baseline | Ratio | Target | Met |",
        "|---|---|---|---|---|---|",
    ]
    for r in results.rows:
        lines.append(
            f"| {cell(r.measure)} | {cell(r.coach)} | {cell(r.baseline)} | {r.ratio} | {cell(r.target)} | {r.met} |"
        )
    lines.append("")
    lines.extend(f"- {note}" for note in results.notes)
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def workspace(keep: bool) -> Iterator[Workspace]:
    ws = Workspace()
    try:
        yield ws
    finally:
        if keep:
            log(f"kept {ws.root}")
        else:
            ws.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a first look, noisier)")
    parser.add_argument("--only", default="startup,save,interaction,cli", help="comma-separated rows to run")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder with the data files")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.md", help="the Markdown table")
    args = parser.parse_args(argv)
    only = {part.strip() for part in args.only.split(",") if part.strip()}
    quick = args.quick
    command = "  ".join(["bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    command = f".venv/bin/python {command}".strip()
    info = machine()
    results = Results()
    started = time.perf_counter()
    with workspace(args.keep) as ws:
        log(f"generating data sets in {ws.root}")
        ws.make("empty", 0)
        ws.make("1k", 1_000)
        ws.make("10k", 10_000)
        ws.make("100k", 100_000)
        ws.make("fears", 0, thoughts=10_000)
        fear_counts = ws.counts["fears"]
        results.notes.append(
            "Data: bench/datagen.py, seed 1; 10,000 records = "
            + ", ".join(f"{n:,} {k}" for k, n in ws.counts["10k"].items())
            + f"; the Fear Monger file holds {fear_counts['thoughts']:,} thoughts in "
            f"{sum(fear_counts.values()):,} records."
        )
        warm_up(ws)
        rows: list[tuple[str, Callable[[], None]]] = [
            ("startup", lambda: bench_startup_quit(ws, results, repeats=5 if quick else 15)),
            (
                "save",
                lambda: bench_save(
                    ws, results, {"1k": 10, "10k": 10, "100k": 3} if quick else {"1k": 40, "10k": 30, "100k": 9}
                ),
            ),
            (
                "interaction",
                lambda: (
                    bench_interaction(ws, results, runs=1, adds=3, scrolls=10, switches=4)
                    if quick
                    else bench_interaction(ws, results, runs=4, adds=5, scrolls=30, switches=6)
                ),
            ),
            ("cli", lambda: bench_cli(ws, results, repeats=8 if quick else 20)),
        ]
        for name, run_row in rows:
            if name not in only and not (name == "startup" and "quit" in only):
                continue
            try:
                run_row()
            except Exception as error:  # one broken row must not cost the others their figures
                log(f"{name} failed: {error!r}")
                results.add(f"{name}: FAILED", f"{type(error).__name__}: {str(error).splitlines()[0][:80]}")
    info["load"] += " -> " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    results.notes.append(f"Run took {time.perf_counter() - started:.0f} s.")
    print()
    print(render_text(results, info, command))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    args.out.write_text(render_markdown(results, info, command, when))
    print(f"\nWritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
