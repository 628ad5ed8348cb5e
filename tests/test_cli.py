"""The command line: version, paths, export, data-file precedence, and refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach import __version__
from coach.__main__ import main
from coach.models import Contact, Thought
from coach.store import Store


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"coach {__version__}"


def test_paths_uses_the_data_option_over_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_DATA", str(tmp_path / "env.json"))
    assert main(["--data", str(tmp_path / "opt.json"), "paths"]) == 0
    out = capsys.readouterr().out
    assert f"data file:  {tmp_path / 'opt.json'}" in out
    assert f"backups:    {tmp_path / 'backups'}" in out
    assert f"lock file:  {tmp_path / 'opt.json.lock'}" in out


def test_paths_uses_the_environment_over_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_DATA", str(tmp_path / "env.json"))
    assert main(["paths"]) == 0
    assert f"data file:  {tmp_path / 'env.json'}" in capsys.readouterr().out


def test_paths_default_is_the_user_data_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("COACH_DATA")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["paths"]) == 0
    assert f"data file:  {tmp_path / 'xdg' / 'coach' / 'coach.json'}" in capsys.readouterr().out
    assert not (tmp_path / "xdg").exists(), "printing paths creates nothing"


def test_export_of_an_empty_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == 1
    for key in ("thoughts", "goals", "contacts", "outreach", "interviews", "reflections", "reviews", "careers"):
        assert document[key] == []


def test_export_of_a_filled_file_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d.json"
    store = Store.open(data)
    ana = store.add(Contact(name="Ana [b]Ruiz[/b]"))
    store.add(Contact(name="Ben", referred_by=ana.id))
    store.add(Thought(text="what if I'm boring", contact_id=ana.id))
    out = tmp_path / "export.json"
    assert main(["--data", str(data), "export", "--format", "json", "--out", str(out)]) == 0
    assert "Exported 3 records" in capsys.readouterr().err
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [c["name"] for c in document["contacts"]] == ["Ana [b]Ruiz[/b]", "Ben"]
    assert document["contacts"][1]["referred_by"] == ana.id
    assert document["thoughts"][0]["text"] == "what if I'm boring"
    assert document["thoughts"][0]["contact_id"] == ana.id
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_corrupt_file_gives_exit_2_and_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "bad.json"
    data.write_text("{ truncated", encoding="utf-8")
    assert main(["--data", str(data), "export"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and str(data) in lines[0] and "not valid JSON" in lines[0]
    assert data.read_text(encoding="utf-8") == "{ truncated"


def test_corrupt_file_refuses_the_tui_before_it_starts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "bad.json"
    data.write_text("[]", encoding="utf-8")
    assert main(["--data", str(data)]) == 2
    assert "top level" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["frobnicate"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, "one line, as the README promises"
    assert err.startswith("coach: error: argument COMMAND: invalid choice: 'frobnicate'")
    assert err.rstrip().endswith("(see coach --help)")


def test_subcommands_never_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from coach.__main__ import main\n"
        f"assert main(['--data', {str(tmp_path / 'x.json')!r}, 'fear', 'what if']) == 0\n"
        f"assert main(['--data', {str(tmp_path / 'x.json')!r}, 'export']) == 0\n"
        f"assert main(['--data', {str(tmp_path / 'x.json')!r}, 'paths']) == 0\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_console_script_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coach", "--data", str(tmp_path / "m.json"), "paths"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert str(tmp_path / "m.json") in result.stdout
