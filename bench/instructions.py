"""Instructions, not milliseconds: what a start and the quick-capture commands execute, counted by
valgrind (callgrind), each beside its baseline.

The timed rows of `run.py` are what the issues set targets on, but on a shared 2-core machine a median
moves by 5-10 % between runs, so a change worth 2 % can't be seen in them. An instruction count moves
by well under 0.5 % between runs of the same code: run this before and after a change to know whether
it helps. (It leaves out waiting: fsync, the terminal, the page cache. Compare like with like.)

    .venv/bin/python bench/instructions.py          # about 3 minutes; needs valgrind

Rows: the start to Home's first frame (empty file, 10,000 records) against the one-label app's start to
its first frame (both in a pseudo-terminal, leaving at once: `bench/first_frame.py`); `coach log` and
`coach today` against `coach fear` (10,000 records, a file coach saved and sealed, as the timed rows use).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ptyterm import PtyTerminal  # noqa: E402
from run import SIZE, Workspace, coach_command  # noqa: E402


def callgrind(argv: list[str], env: dict[str, str], *, terminal: bool) -> int:
    """Instructions executed by `argv` under callgrind (in a pseudo-terminal if `terminal`)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--log-file=/dev/null", *argv]
        if terminal:
            run_in_pty(command, env, timeout=600)
        else:
            subprocess.run(command, env=env, capture_output=True, check=True, timeout=600)
        found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
        if found is None:
            raise SystemExit(f"callgrind wrote no summary for {argv}")
        return int(found.group(1))


def run_in_pty(argv: list[str], env: dict[str, str], *, timeout: float = 120) -> None:
    term = PtyTerminal(argv, size=SIZE, env=env, cwd=str(HERE.parent))
    try:
        term.start()
        term.wait_exit(timeout=timeout)
    finally:
        term.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="startup,cli", help="startup, cli or both")
    only = set(parser.parse_args().only.split(","))
    if shutil.which("valgrind") is None:
        raise SystemExit("bench/instructions.py needs valgrind (apt install valgrind)")
    ws = Workspace()
    env = ws.env()
    rows: list[tuple[str, int, str, int]] = []
    try:
        ws.make("empty", 0)
        ws.make("10k", 10_000)
        python = [sys.executable, str(HERE / "first_frame.py")]
        if "startup" in only:
            run_in_pty([*python, "minimal"], env)  # once uncounted: the bytecode cache
            minimal = callgrind([*python, "minimal"], env, terminal=True)
            for name, label in (("empty", "empty file"), ("10k", "10,000 records")):
                data = ws.copy(name)
                run_in_pty([*python, "coach", "--data", str(data)], env)  # the first open checks and seals it
                coach = callgrind([*python, "coach", "--data", str(data)], env, terminal=True)
                rows.append((f"start to Home's first frame, {label}", coach, "the one-label app's", minimal))
        if "cli" in only:
            data = ws.copy("10k")
            commands = {
                "fear": ["fear", "what if they think I'm wasting their time"],
                "log": ["log", "Ana Ruiz", "--via", "email", "--note", "coffee?"],
                "today": ["today"],
            }
            for arguments in commands.values():  # a file coach saved and sealed, as in the timed rows
                subprocess.run([*coach_command(), "--data", str(data), *arguments], env=env, capture_output=True)
            counts = {
                name: callgrind([*coach_command(), "--data", str(data), *arguments], env, terminal=False)
                for name, arguments in commands.items()
            }
            for name in ("log", "today"):
                rows.append((f"`coach {name}` (10,000 records)", counts[name], "`coach fear`", counts["fear"]))
    finally:
        shutil.rmtree(ws.root, ignore_errors=True)
    print(f"{'measure':48} {'coach':>14} {'baseline':>14}  ratio")
    for label, coach, baseline_label, baseline in rows:
        print(f"{label:48} {coach:>14,} {baseline:>14,}  {coach / baseline:.3f}x  ({baseline_label})")
    print(f"(instructions counted by callgrind; commit {_commit()})")


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
