"""kill -9 in the middle of a walkthrough step: the next start resumes at that step with the typed words.

A real `coach walk ID` runs in a pseudo-terminal (bench/ptyterm.py), moves to step 3 and types a
question without pressing Enter; once the draft is on disk it is killed with SIGKILL, and the file
is checked, then opened again in a new `coach walk`, which must show the same step and words.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest

from coach.models import Contact, Interview
from coach.store import Store

BENCH = Path(__file__).resolve().parents[1] / "bench"
TYPED = "What surprised you most?"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def _ptyterm() -> ModuleType:
    if "ptyterm" in sys.modules:
        return sys.modules["ptyterm"]
    spec = importlib.util.spec_from_file_location("ptyterm", BENCH / "ptyterm.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ptyterm"] = module
    spec.loader.exec_module(module)
    return module


def _on_disk(path: Path, interview_id: int) -> tuple[int, str]:
    """(walk_step, walk_draft) as the file holds them now (read without the store: the child owns it)."""
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return (-1, "")
    record = document.get("interviews", {}).get(str(interview_id), {})
    return (int(record.get("walk_step", 0)), str(record.get("walk_draft", "")))


def _wait_for_disk(path: Path, interview_id: int, wanted: tuple[int, str], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while _on_disk(path, interview_id) != wanted:
        if time.monotonic() > deadline:
            raise AssertionError(f"the file never held {wanted}: {_on_disk(path, interview_id)}")
        time.sleep(0.05)


def test_sigkill_mid_step_resumes_with_the_typed_words(tmp_path: Path) -> None:
    ptyterm = _ptyterm()
    path = tmp_path / "coach.json"
    store = Store.open(path)
    ana = store.add(Contact(name="Ana Ruiz"))
    interview = store.add(Interview(contact_id=ana.id, when=store.clock() + timedelta(hours=3)))
    store.close()
    argv = [sys.executable, "-m", "coach", "--data", str(path), "walk", str(interview.id)]
    env = {**os.environ, "COACH_DATA": str(path)}

    term = ptyterm.PtyTerminal(argv, size=(100, 32), env=env)
    with term:
        first = term.wait_frame(lambda frame: "Step 1 of 5" in frame.text, timeout=60)
        term.press("pagedown")
        second = term.wait_frame(lambda frame: "Step 2 of 5" in frame.text, after=first.index + 1)
        term.press("pagedown")
        term.wait_frame(lambda frame: "Step 3 of 5" in frame.text, after=second.index + 1)
        _wait_for_disk(path, interview.id, (3, ""))
        term.write(TYPED.encode())
        _wait_for_disk(path, interview.id, (3, TYPED))  # the draft, saved a moment after the last key
        assert term.process is not None
        os.kill(term.process.pid, signal.SIGKILL)
        term.process.wait()
        assert term.process.returncode == -signal.SIGKILL

    reopened = Store.open(path)
    state = reopened.get(Interview, interview.id)
    reopened.close()
    assert (state.walk_step, state.walk_draft, state.walked) == (3, TYPED, None)

    again = ptyterm.PtyTerminal(argv, size=(100, 32), env=env)
    with again:
        again.wait_frame(lambda frame: "Step 3 of 5" in frame.text and TYPED in frame.text, timeout=60)
