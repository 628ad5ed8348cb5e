"""Run a snippet in a fresh interpreter: for what one process imports or leaves behind."""

from __future__ import annotations

import subprocess
import sys


def run_fresh(code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` with this Python in a new process; fail the test with its stderr unless it exits 0."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result
