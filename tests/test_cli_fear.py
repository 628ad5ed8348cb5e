"""`coach fear` from a shell: add, list, JSON, outcomes, and the errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.__main__ import main
from coach.models import Outcome, Thought
from coach.store import Store


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data", str(data), "fear", *args])
    out, err = capsys.readouterr()
    return code, out, err


def stored(data: Path) -> list[Thought]:
    store = Store.open(data)
    try:
        return store.all(Thought)
    finally:
        store.close()


def test_add_prints_the_new_count(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    assert run(capsys, data_file, "what if they say no")[0] == 0
    code, out, err = run(capsys, data_file, "what if they think I'm [bold]stupid[/]")
    assert code == 0
    assert err == ""
    assert "2 thoughts on the list" in out
    assert [t.text for t in stored(data_file)] == ["what if they say no", "what if they think I'm [bold]stupid[/]"]


def test_add_once_says_thought_in_the_singular(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "what if")
    assert code == 0
    assert "1 thought on the list" in out


@pytest.mark.parametrize("text", ["", "   ", "\x1b\x07"])
def test_empty_text_is_a_usage_error(capsys: pytest.CaptureFixture[str], data_file: Path, text: str) -> None:
    code, out, err = run(capsys, data_file, text)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "empty" in err
    assert not data_file.exists() or stored(data_file) == []


def test_no_arguments_is_a_usage_error(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, _out, err = run(capsys, data_file)
    assert code == 2
    assert "--list" in err


def test_list_shows_ids_dates_outcomes_newest_first(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "first fear")
    run(capsys, data_file, "second fear")
    run(capsys, data_file, "--outcome", "1", "did-not-happen")
    code, out, _err = run(capsys, data_file, "--list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[0] == "2"
    assert "second fear" in lines[0]
    assert "not tested yet" in lines[0]
    assert lines[1].split()[0] == "1"
    assert "didn't happen" in lines[1]
    created = stored(data_file)[0].created
    assert f"{created:%Y-%m-%d}" in lines[1]


def test_list_when_empty_says_how_to_start(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "--list")
    assert code == 0
    assert "coach fear" in out


def test_json_lists_every_field(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "what if they say no 🙈")
    run(capsys, data_file, "--outcome", "1", "partly")
    code, out, _err = run(capsys, data_file, "--list", "--json")
    assert code == 0
    document = json.loads(out)
    assert len(document) == 1
    assert document[0]["id"] == 1
    assert document[0]["text"] == "what if they say no 🙈"
    assert document[0]["outcome"] == "partly"
    assert document[0]["times_seen"] == 1
    assert document[0]["about"] == "general"
    assert json.loads(run(capsys, data_file, "--json")[1]) == document


def test_add_with_json(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "--json", "what if")
    assert code == 0
    assert json.loads(out) == {"id": 1, "count": 1}


@pytest.mark.parametrize(
    ("word", "outcome"),
    [
        ("came-true", Outcome.CAME_TRUE),
        ("partly", Outcome.PARTLY),
        ("did-not-happen", Outcome.DID_NOT_HAPPEN),
        ("untested", Outcome.UNTESTED),
    ],
)
def test_outcome_is_saved(capsys: pytest.CaptureFixture[str], data_file: Path, word: str, outcome: Outcome) -> None:
    run(capsys, data_file, "what if they say no")
    code, out, _err = run(capsys, data_file, "--outcome", "1", word)
    assert code == 0
    assert outcome.label in out
    assert stored(data_file)[0].outcome is outcome


def test_outcome_for_an_unknown_id_exits_1(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "what if they say no")
    code, out, err = run(capsys, data_file, "--outcome", "42", "came-true")
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "#42" in err
    assert stored(data_file)[0].outcome is Outcome.UNTESTED


@pytest.mark.parametrize(("thought_id", "word"), [("x", "partly"), ("1", "maybe")])
def test_outcome_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], data_file: Path, thought_id: str, word: str
) -> None:
    run(capsys, data_file, "what if they say no")
    code, _out, err = run(capsys, data_file, "--outcome", thought_id, word)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert stored(data_file)[0].outcome is Outcome.UNTESTED


def test_text_and_list_together_is_a_usage_error(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, _out, err = run(capsys, data_file, "what if", "--list")
    assert code == 2
    assert "one at a time" in err
    assert not data_file.exists()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("a" * 25_000, "25,000 characters"),
        ("\t \n", "empty"),
        ("\x1b\x00\x07\x7f\x9b", "empty"),
        ("caf\udce9", "isn't readable text"),
    ],
    ids=["25000-characters", "whitespace", "controls-only", "undecodable"],
)
def test_a_thought_that_cant_be_stored_is_refused_before_the_file_is_opened(
    capsys: pytest.CaptureFixture[str], data_file: Path, text: str, says: str
) -> None:
    run(capsys, data_file, "the one already there")
    before = data_file.read_bytes()
    code, out, err = run(capsys, data_file, text)
    assert data_file.read_bytes() == before
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("coach fear: error: ")
    assert says in err


def test_format_characters_and_other_scripts_are_stored_exactly(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = f"{family} \u202eevil\u202c \u05e9\u05dc\u05d5\u05dd\u200f \u2066x\u2069\ufe0f"
    assert run(capsys, data_file, text)[0] == 0
    assert [t.text for t in stored(data_file)] == [text]
    code, out, _err = run(capsys, data_file, "--list")
    assert code == 0 and text in out
