"""`coach careers` from a shell, in-process: text, Markdown, JSON and a format it doesn't know."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from coach.__main__ import main
from coach.models import Attraction, Contact, Interview, InterviewStatus, Reflection
from coach.services.careers import STILL_GUESSING, CareerService
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.fresh import run_fresh


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--data", str(data), *args])
    except SystemExit as exit_:  # argparse's own usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def seed(data: Path, clock: FakeClock) -> None:
    store = Store.open(data, clock=clock)
    try:
        careers = CareerService(store)
        design = careers.add("UX | design\x1b[2J", "people")
        careers.add("[b]Data[/b] *science*")
        careers.rate(design.id, "energy", 4)
        careers.rate(design.id, "skills", 3)
        ana, bo = store.add_many([Contact(name="Ana", career_id=design.id), Contact(name="Bo")])
        when = clock() - timedelta(days=2)
        held = store.add_many(
            [
                Interview(contact_id=ana.id, career_id=design.id, when=when, status=InterviewStatus.DONE),
                Interview(
                    contact_id=bo.id, career_id=design.id, when=when + timedelta(hours=1), status=InterviewStatus.DONE
                ),
            ]
        )
        store.add_many(
            [
                Reflection(interview_id=held[0].id, attraction=Attraction.LESS, complete=True),
                Reflection(interview_id=held[1].id, attraction=Attraction.LESS, complete=True),
            ]
        )
    finally:
        store.close()


def test_text_table_with_the_flag(capsys: pytest.CaptureFixture[str], data_file: Path, clock: FakeClock) -> None:
    seed(data_file, clock)
    code, out, err = run(capsys, data_file, "careers")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "Career",
        "Energy",
        "Skills",
        "Practicality",
        "Values",
        "Fit",
        "Talks",
        "To",
        "talk",
        "Trend",
    ]
    assert lines[1].split() == ["UX", "|", "design[2J", "4", "3", "-", "-", "3.5", "2", "0", "↓", "less"]
    assert lines[2].startswith("[b]Data[/b] *science*") and lines[2].endswith(STILL_GUESSING)
    assert "\x1b" not in out
    assert "2 options; 1 has fewer than two conversations" in out


def test_markdown_escapes_the_titles(capsys: pytest.CaptureFixture[str], data_file: Path, clock: FakeClock) -> None:
    seed(data_file, clock)
    code, out, _err = run(capsys, data_file, "careers", "--format", "md")
    assert code == 0
    assert out.startswith("# Career options\n\n| Career | Energy |")
    assert "| UX \\| design\\[2J | 4 | 3 | - | - | 3.5 | 2 | 0 | ↓ less |  |" in out
    assert f"| \\[b\\]Data\\[/b\\] \\*science\\* | - | - | - | - | - | 0 | 0 | - | {STILL_GUESSING} |" in out


def test_json_has_stable_keys(capsys: pytest.CaptureFixture[str], data_file: Path, clock: FakeClock) -> None:
    seed(data_file, clock)
    code, out, _err = run(capsys, data_file, "careers", "--format", "json")
    assert code == 0
    document = orjson.loads(out)
    first, second = document["careers"]
    assert {
        key: first[key]
        for key in ("title", "energy", "skills", "practicality", "values", "fit", "conversations", "to_talk")
    } == {
        "title": "UX | design[2J",  # the escape character was removed when it was added
        "energy": 4,
        "skills": 3,
        "practicality": None,
        "values": None,
        "fit": 3.5,
        "conversations": 2,
        "to_talk": 0,
    }
    assert (first["trend"], first["still_guessing"]) == (["less", "less"], False)
    assert (second["title"], second["fit"], second["trend"], second["still_guessing"]) == (
        "[b]Data[/b] *science*",
        None,
        [],
        True,
    )


def test_empty_says_how_to_start(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "careers")
    assert code == 0 and "F9, then n" in out
    assert orjson.loads(run(capsys, data_file, "careers", "--format", "json")[1]) == {"careers": []}


def test_an_unknown_format_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, err = run(capsys, data_file, "careers", "--format", "xml")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "xml" in err and "Traceback" not in err
    assert not data_file.exists()


def test_the_command_never_imports_textual(data_file: Path) -> None:
    code = (
        "import sys\n"
        "from coach.__main__ import main\n"
        f"main(['--data', {str(data_file)!r}, 'careers', '--format', 'json'])\n"
        "assert not [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
    )
    run_fresh(code)
