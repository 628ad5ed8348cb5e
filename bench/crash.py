"""kill -9 at random moments during continuous saving: coach beside stock TinyDB's JSONStorage.

    python bench/crash.py --kills 500

Each trial starts a child that saves continuously (add record n, then edit record 1, over and over),
kills it with SIGKILL at a random moment and checks the file: it must parse and hold exactly the
records saved, with every acknowledged save (see tests/helpers/crashkit.py; tests/test_crash.py runs
the same harness with 50 kills). Targets for coach: 0 damaged, 0 acknowledged saves lost, no temp
file left after the next start. Stock TinyDB rewrites its file in place, so a kill during that write
can leave a file that doesn't parse, or, worse, one that parses but holds shifted text.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import crashkit  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=500, help="kills per engine (default: 500)")
    parser.add_argument("--seed", type=int, default=4, help="seed of the kill times (default: 4)")
    parser.add_argument("--max-delay", type=float, default=0.06, help="longest wait before a kill, s (default: 0.06)")
    parser.add_argument(
        "--preload", type=int, default=1000, help="records in the file before the kills start (default: 1000)"
    )
    parser.add_argument(
        "--aim-every",
        type=int,
        default=0,
        help="for coach, every Nth kill waits for a temp file, to land mid-save (default: 0, all random)",
    )
    parser.add_argument("--engines", nargs="+", choices=crashkit.ENGINES, default=list(crashkit.ENGINES))
    parser.add_argument("--folder", type=Path, help="where the data files go (default: a temp folder)")
    args = parser.parse_args(argv)

    folder = args.folder or Path(tempfile.mkdtemp(prefix="coach-crash-"))
    print(f"{args.kills} kills per engine, seed {args.seed}, {args.preload} records to start, files in {folder}")
    print(f"python {platform.python_version()} on {platform.platform()}, {_cpus()} cores")
    summaries = []
    for engine in args.engines:
        started = time.perf_counter()

        def progress(number: int, trial: crashkit.Trial, engine: str = engine) -> None:
            if trial.problem:
                print(f"  {engine} trial {number + 1}: {trial.problem}", flush=True)
            elif (number + 1) % 50 == 0:
                print(f"  {engine}: {number + 1} kills", flush=True)

        summaries.append(
            crashkit.run_trials(
                engine,
                folder,
                args.kills,
                seed=args.seed,
                max_delay=args.max_delay,
                preload=args.preload,
                aim_every=args.aim_every,
                progress=progress,
            )
        )
        print(f"  {engine}: {time.perf_counter() - started:.1f} s", flush=True)
    print()
    print(crashkit.table(summaries))
    coach = next((s for s in summaries if s.engine == "coach"), None)
    if coach is not None and (coach.damaged or coach.lost or coach.temp_left_after_open):
        print("\ncoach missed its target (0 damaged, 0 lost, no temp file left).")
        return 1
    return 0


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
