"""Two coaches on one file at once (an open app and quick adds from a shell): nothing lost, nothing
overwritten, and a clash on the same field is told to the second writer instead of being dropped."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.errors import ConflictError
from coach.models import Thought
from coach.store import Store

WRITER = Path(__file__).resolve().parent / "helpers" / "writer.py"
ROOT = Path(__file__).resolve().parent.parent
COUNT = 200
CLI_RUNS = 8


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _expect(child: subprocess.Popen[str], line: str) -> None:
    assert child.stdout is not None
    got = child.stdout.readline()
    if got.strip() != line:
        _, err = child.communicate(timeout=30)
        raise AssertionError(f"expected {line!r}, got {got!r}: {err[-800:]}")


def test_an_open_app_and_quick_adds_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "coach.json"
    Store.open(path).add(Thought(text="shared"))
    tui = _start("tui", str(path), str(COUNT))
    cli = _start("cli", str(path), str(COUNT))
    children = [tui, cli]
    for child in children:
        _expect(child, "ready")
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    # Meanwhile, the real command line adds a few more.
    real_cli = [
        subprocess.run(
            [sys.executable, "-m", "coach", "--data", str(path), "fear", f"real cli thought {i}"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        for i in range(CLI_RUNS)
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-800:]
        results.append(json.loads(out.strip().splitlines()[-1]))

    assert [run.returncode for run in real_cli] == [0] * CLI_RUNS, [run.stderr for run in real_cli]
    assert results[0]["errors"] == [] and results[1]["errors"] == []
    store = Store.open(path)
    thoughts = store.all(Thought)
    texts = sorted(t.text for t in thoughts)
    expected = sorted(
        [f"tui thought {i}" for i in range(COUNT)]
        + [f"cli thought {i}" for i in range(COUNT)]
        + [f"real cli thought {i}" for i in range(CLI_RUNS)]
        + ["shared, cli edit 199"]
    )
    assert texts == expected
    assert len(thoughts) == 2 * COUNT + CLI_RUNS + 1
    assert sorted(t.id for t in thoughts) == list(range(1, 2 * COUNT + CLI_RUNS + 2))
    assert sorted(results[0]["added"] + results[1]["added"]) == sorted(
        t.id for t in thoughts if t.text.startswith(("tui", "cli"))
    )
    # Both writers' last edits of the shared record survived: each changed its own field.
    shared = store.get(Thought, 1)
    assert shared.text == "shared, cli edit 199"
    assert shared.likelihood == (COUNT - 1) % 101


@pytest.mark.parametrize("first", ["open app", "other process"])
def test_the_same_field_changed_by_both_is_a_conflict_for_the_second(tmp_path: Path, first: str) -> None:
    path = tmp_path / "coach.json"
    app_store = Store.open(path)
    original = app_store.add(Thought(text="they'll say no", likelihood=80))
    other = _start("race", str(path), "likelihood", "30")
    _expect(other, "read")
    base = app_store.get(Thought, 1)  # both now hold the same copy
    assert other.stdin is not None

    if first == "open app":
        app_store.update(dataclasses.replace(base, likelihood=60), base=base)
        out, err = other.communicate("go\n", timeout=60)
        assert out.startswith("conflict: This thought was changed somewhere else"), out + err
        assert "(likelihood)" in out, out
        assert Store.open(path).get(Thought, 1).likelihood == 60
    else:
        out, err = other.communicate("go\n", timeout=60)
        assert out.strip() == "saved", err
        with pytest.raises(ConflictError, match="likelihood"):
            app_store.update(dataclasses.replace(base, likelihood=60), base=base)
        assert Store.open(path).get(Thought, 1).likelihood == 30
        assert app_store.get(Thought, 1).likelihood == 30  # the app now shows the other's value
    assert Store.open(path).get(Thought, 1).text == original.text


def test_different_fields_changed_by_both_are_merged(tmp_path: Path) -> None:
    path = tmp_path / "coach.json"
    app_store = Store.open(path)
    app_store.add(Thought(text="they'll say no", likelihood=80))
    other = _start("race", str(path), "text", "they might say yes")
    _expect(other, "read")
    base = app_store.get(Thought, 1)
    out, err = other.communicate("go\n", timeout=60)
    assert out.strip() == "saved", err
    app_store.update(dataclasses.replace(base, likelihood=40), base=base)
    merged = Store.open(path).get(Thought, 1)
    assert (merged.text, merged.likelihood) == ("they might say yes", 40)
