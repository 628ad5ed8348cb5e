"""`coach review` from a shell, in-process: each format on a seeded week, bad input, hostile text."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.__main__ import main
from coach.models import Contact, Interview, InterviewStatus, Outreach, Reflection, Response, Thought
from coach.services.reviews import KEYS
from coach.store import Store
from tests.helpers.fresh import run_fresh

BERLIN = ZoneInfo("Europe/Berlin")
HOSTILE = "\x1b]0;pwned\x07[red]loud[/red] <b>bold</b> *not emphasis* \x1b[2J"
SHOWN = "]0;pwned[red]loud[/red] <b>bold</b> *not emphasis* [2J"


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone is Europe/Berlin, so "local time" is the same wherever the tests run."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--data", str(data), *args])
    except SystemExit as exit_:  # argparse's own usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seeded(data_file: Path) -> Path:
    """A week (Mon 16 - Sun 22 Nov 2026): two people asked, one yes; one talk with a reflection; a fear."""
    store = Store.open(data_file, clock=lambda: at(2026, 11, 25, 9, 0))
    ana = store.add(Contact(name="Ana", created=at(2026, 11, 1, 9, 0)))
    ben = store.add(Contact(name=HOSTILE, created=at(2026, 11, 1, 9, 0)))
    store.add(Outreach(contact_id=ana.id, sent=at(2026, 11, 16, 0, 0), response=Response.YES, guess=20))
    store.add(Outreach(contact_id=ben.id, sent=at(2026, 11, 22, 23, 59), response=Response.NO, guess=40))
    store.add(Outreach(contact_id=ben.id, sent=at(2026, 11, 23, 0, 0)))  # the next week
    talk = store.add(Interview(contact_id=ana.id, when=at(2026, 11, 18, 15, 0), status=InterviewStatus.DONE))
    store.add(
        Reflection(interview_id=talk.id, learned=HOSTILE, best_question="# What next?", kindness=5, complete=True)
    )
    store.add(Thought(text="they'll say no", created=at(2026, 11, 17, 8, 0)))
    store.close()
    return data_file


def test_text(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    before = seeded.read_bytes()
    code, out, err = run(capsys, seeded, "review", "--week", "2026-11-19")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Week of Mon 16 Nov 2026 to Sun 22 Nov 2026"
    assert any(line.split() == ["People", "asked", "2", "people", "0,", "0,", "0,", "0"] for line in lines)
    assert any("Yes rate" in line and "50 % said yes (1 of 2)" in line for line in lines)
    assert any("you expected 30 %" in line for line in lines)
    assert any("Conversations held" in line and "1 conversation " in line for line in lines)
    assert f"  Learned: {SHOWN}" in lines
    assert "\x1b" not in out and "\x07" not in out
    assert seeded.read_bytes() == before  # a review only reads


def test_markdown(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _err = run(capsys, seeded, "review", "--week", "22 Nov 2026", "--format", "md")
    assert code == 0
    assert out.startswith("## Week of Mon 16 Nov 2026 to Sun 22 Nov 2026\n\n")
    assert "- **Asks sent:** 2 asks (before: 0, 0, 0, 0)\n" in out
    assert "- **Kindness (1-5):** 5.0 of 5 on average (before: –, –, –, –)\n" in out
    assert f"- **Learned:** {SHOWN}\n" in out
    assert "- **Best question:** # What next?\n" in out
    assert "\x1b" not in out


def test_json(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _err = run(capsys, seeded, "review", "--week", "2026-11-16", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["week_start"] == "2026-11-16"
    assert {key: document[key] for key in ("asked", "answered", "yes", "yes_rate", "predicted_yes_rate")} == {
        "asked": 2,
        "answered": 2,
        "yes": 1,
        "yes_rate": 0.5,
        "predicted_yes_rate": 0.3,
    }
    assert document["conversations"] == 1 and document["fears_logged"] == 1
    assert document["referrals"] == 0 and document["fears_tested"] == 0 and document["fears_came_true"] == 0
    assert document["goal_days_met"] == 0 and document["goal_strength"] is None
    assert document["highlights"]["learned"] == [SHOWN]
    assert len(document["history"]) == 4
    assert all(set(week) == {"week_start", *KEYS} for week in document["history"])
    assert set(KEYS) <= set(document)
    code, out, _err = run(capsys, seeded, "review", "--week", "2026-11-23", "--format", "json")
    assert json.loads(out)["history"][-1]["asked"] == 2


def test_every_json_key_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("coach review") :]
    missing = [key for key in ("week_start", *KEYS, "history", "highlights") if f"`{key}`" not in section]
    assert not missing


def test_this_week_by_default(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "review")
    assert code == 0
    assert "(this week)" in out.splitlines()[0]
    assert "Nothing recorded yet" in out  # an empty first week says what will appear
    assert not data_file.exists()  # nothing written


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--week", "notadate"), 'couldn\'t read "notadate" as a day'),
        (("--week", HOSTILE), "couldn't read"),
        (("--format", "xml"), "invalid choice: 'xml'"),
        (("--week",), "expected one argument"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], seeded: Path, args: tuple[str, ...], expected: str
) -> None:
    code, out, err = run(capsys, seeded, "review", *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("coach review: error: ") and expected in lines[0]
    assert "\x1b" not in err and "\x07" not in err


def test_never_imports_textual(seeded: Path) -> None:
    code = (
        "import sys\n"
        "from coach.__main__ import main\n"
        f"assert main(['--data', {str(seeded)!r}, 'review', '--week', '2026-11-16', '--format', 'md']) == 0\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    result = run_fresh(code)
    assert "- **Asks sent:** 2 asks" in result.stdout
