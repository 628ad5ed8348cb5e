"""`coach demo` to its first frame, against `coach` on a 10,000-record file, in a real pseudo-terminal.

    .venv/bin/python bench/demo_start.py [--repeats 7]

`coach demo` builds its month of sample data (about 130 records) into a new temporary file before
the app starts; the row says whether that costs more than opening a 10,000-record file does. Both are
timed from the spawn to the first frame that shows Home (bench/run.py's `launch`, the same terminal
and bytecode cache), alternating, then quit with Ctrl+Q. Medians; nothing here is a test.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import run  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7, help="rounds of each (default 7)")
    args = parser.parse_args(argv)
    coach = run.coach_command()
    demo_times: list[float] = []
    file_times: list[float] = []
    with run.workspace(keep=False) as ws:
        ws.make("10k", 10_000)
        data = ws.copy("10k")
        # Untimed: fills the page cache and the bytecode cache for both.
        run.launch(ws, [*coach, "demo"], run.HOME_MARK)
        run.launch(ws, [*coach, "--data", str(data)], run.HOME_MARK)
        for round_ in range(args.repeats):
            order = ("demo", "file") if round_ % 2 == 0 else ("file", "demo")
            for which in order:
                if which == "demo":
                    demo_times.append(run.launch(ws, [*coach, "demo"], run.HOME_MARK).first_paint)
                else:
                    file_times.append(run.launch(ws, [*coach, "--data", str(data)], run.HOME_MARK).first_paint)
    demo, plain = run.median(demo_times), run.median(file_times)
    ratio = demo / plain
    print(f"{'row':<58} {'coach demo':>12} {'coach, 10k':>12} {'ratio':>7}  target")
    print(
        f"{'Startup, first frame of Home (demo vs 10,000 records)':<58} {run.ms(demo):>12} {run.ms(plain):>12} "
        f"{ratio:>6.2f}x  <= 1.0x {'met' if ratio <= 1.0 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
