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
from coach.store import SCHEMA, Store
from tests.helpers.fresh import run_fresh


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
    from coach.store.seal import seal_path

    assert f"seal:       {seal_path(tmp_path.resolve() / 'opt.json')}" in out
    if sys.platform.startswith("linux"):  # the user's cache folder (XDG_CACHE_HOME), never beside the data
        assert str(seal_path(tmp_path.resolve() / "opt.json")).startswith(str(Path.home() / ".cache" / "coach"))


def test_paths_through_a_symlink_names_the_real_file_its_lock_and_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    (synced / "coach.json").write_text("{}", encoding="utf-8")
    link = tmp_path / "coach.json"
    link.symlink_to(synced / "coach.json")
    assert main(["--data", str(link), "paths"]) == 0
    out = capsys.readouterr().out
    real = synced.resolve()
    assert f"data file:  {link}" in out
    assert f"real file:  {real / 'coach.json'}" in out
    assert f"backups:    {real / 'backups'}" in out
    assert f"lock file:  {real / 'coach.json.lock'}" in out


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
    assert document["schema"] == SCHEMA
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
    run_fresh(code)


def test_the_console_script_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coach", "--data", str(tmp_path / "m.json"), "paths"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert str(tmp_path / "m.json") in result.stdout


# --- usage errors are one line ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["--nope"],
        ["export", "--format", "xml"],
        ["fear", "--outcome", "1"],
        ["fear", "--bogus"],
        ["paths", "extra"],
    ],
)
def test_every_usage_error_is_one_line(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert ": error: " in captured.err and "--help)" in captured.err


# --- an empty data path is a usage error, never the default file --------------------------------


@pytest.mark.parametrize(("option", "env"), [("", None), ("   ", None), (None, ""), (None, " \t")])
def test_an_empty_data_path_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    _isolated_data: Path,
    option: str | None,
    env: str | None,
) -> None:
    if env is None:
        monkeypatch.delenv("COACH_DATA")
    else:
        monkeypatch.setenv("COACH_DATA", env)
    args = ([] if option is None else ["--data", option]) + ["fear", "what if"]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert ("--data is empty" if option is not None else "COACH_DATA is empty") in captured.err
    assert not list(_isolated_data.rglob("*.json")), "nothing written, not even to the default file"


# --- export never writes onto the data file, its lock or its backups ----------------------------


def _filled(tmp_path: Path) -> Path:
    data = tmp_path / "d.json"
    store = Store.open(data)
    store.add(Thought(text="what if they say no"))
    store.close()
    (tmp_path / "backups").mkdir(exist_ok=True)
    (tmp_path / "backups" / "d-20261125-000000.json").write_bytes(data.read_bytes())
    return data


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(path.relative_to(folder)): None if path.is_dir() or path.is_symlink() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize(
    ("data_arg", "out_arg"),
    [
        ("d.json", "d.json"),
        ("d.json", "./d.json"),
        ("./d.json", "d.json"),
        ("d.json", "{tmp}/d.json"),
        ("{tmp}/d.json", "sub/../d.json"),
        ("d.json", "{tmp}//./d.json"),
        ("d.json", "link-to-data.json"),
        ("link-to-data.json", "d.json"),
        ("link-to-data.json", "link-to-data.json"),
        ("d.json", "linked-folder/d.json"),
        ("d.json", "hard-link.json"),
        ("d.json", "d.json.lock"),
        ("link-to-data.json", "d.json.lock"),
        ("d.json", "backups"),
        ("d.json", "backups/d-20261125-000000.json"),
        ("d.json", "backups/new.json"),
        ("d.json", "linked-folder/backups/new.json"),
    ],
)
def test_export_refuses_to_write_onto_the_data_files(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_arg: str,
    out_arg: str,
) -> None:
    import os

    data = _filled(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link-to-data.json").symlink_to("d.json")
    (tmp_path / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    os.link(data, tmp_path / "hard-link.json")
    (tmp_path / "d.json.lock").touch()
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)

    code = main(["--data", data_arg.format(tmp=tmp_path), "export", "--out", out_arg.format(tmp=tmp_path)])

    assert _snapshot(tmp_path) == before, "every file byte for byte as it was, nothing added"
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("coach export: error: won't export onto ")
    assert json.loads(data.read_text(encoding="utf-8"))  # and still a data file coach reads
    assert main(["--data", str(data), "fear", "--list"]) == 0


def test_export_beside_the_data_file_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _filled(tmp_path)
    before = data.read_bytes()
    for out in ("d.json.bak", "d.json.lock.json", "backups-2.json", "d2.json"):
        assert main(["--data", str(data), "export", "--out", str(tmp_path / out)]) == 0
        assert json.loads((tmp_path / out).read_text(encoding="utf-8"))["thoughts"][0]["text"] == "what if they say no"
    assert data.read_bytes() == before
    assert "Exported 1 record to" in capsys.readouterr().err


def test_export_replaces_an_existing_file_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed export leaves the old file whole and no temporary file behind."""
    import os

    data = _filled(tmp_path)
    out = tmp_path / "out.json"
    out.write_text("old export", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    assert main(["--data", str(data), "export", "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "old export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")) == []


# --- failures are one line, never a traceback, never someone's words ----------------------------


def test_an_os_error_anywhere_is_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "somewhere"))

    monkeypatch.setattr(Store, "export", refuse)
    assert main(["--data", str(tmp_path / "d.json"), "export"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert str(tmp_path / "somewhere") in captured.err and "Permission denied" in captured.err
    assert "Traceback" not in captured.err


def test_a_bug_is_one_line_without_the_words_involved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.services.fears import FearService

    def explode(_self: object, text: str, **_kwargs: object) -> None:
        raise RuntimeError(f"could not handle {text!r}")

    monkeypatch.setattr(FearService, "add", explode)
    monkeypatch.delenv("COACH_DEBUG", raising=False)
    assert main(["--data", str(tmp_path / "d.json"), "fear", "my private worry"]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    assert "RuntimeError" in captured.err and "COACH_DEBUG" in captured.err
    assert "my private worry" not in captured.err + captured.out
    assert "Traceback" not in captured.err
    monkeypatch.setenv("COACH_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["--data", str(tmp_path / "d.json"), "fear", "my private worry"])


def _drop_root_write_powers() -> None:
    """In the child, before exec: give up root's right to write anywhere (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.mark.parametrize(
    ("args", "fresh"),
    [
        (["fear", "my private worry"], False),
        (["fear", "my private worry"], True),
        (["fear", "--outcome", "1", "came-true"], False),
        (["export", "--out", "{folder}/export.json"], False),
        (["export", "--out", "{folder}/new/export.json"], False),
    ],
)
def test_a_read_only_folder_is_one_line_exit_1(tmp_path: Path, args: list[str], fresh: bool) -> None:
    import os

    folder = tmp_path / "data"
    data = folder / "coach.json"
    (folder / "backups").mkdir(parents=True)
    if not fresh:
        store = Store.open(data)
        store.add(Thought(text="what if"))
        store.close()
    os.chmod(folder / "backups", 0o500)
    os.chmod(folder, 0o500)
    before = data.read_bytes() if not fresh else None
    as_root = os.geteuid() == 0
    try:
        result = subprocess.run(
            [sys.executable, "-m", "coach", "--data", str(data), *(a.format(folder=folder) for a in args)],
            capture_output=True,
            text=True,
            preexec_fn=_drop_root_write_powers if as_root else None,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("root that may not give up CAP_DAC_OVERRIDE writes anywhere")
    finally:
        os.chmod(folder, 0o700)
        os.chmod(folder / "backups", 0o700)
    assert (data.read_bytes() if not fresh else None) == before
    assert not fresh or not data.exists()
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("coach: ") and str(folder) in result.stderr
    assert "Traceback" not in result.stderr and "my private worry" not in result.stderr


@pytest.mark.parametrize("command", [["fear", "--list"], ["export"]])  # both more than a pipe holds
def test_output_closed_early_is_one_line_not_a_traceback(tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "coach.json"
    store = Store.open(data)
    store.add_many([Thought(text=f"what if number {n}") for n in range(2_000)])
    store.close()
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "--data", str(data), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head` that has seen enough, before coach writes
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert err == "coach: stopped writing: the output was closed before the end.\n"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ([], (None,)),
        (["--data", "x.json"], ("x.json",)),
        (["--data=x.json"], ("x.json",)),
        (["--data", "-x.json"], None),  # argparse's business: it refuses a value that looks like an option
        (["--data", "x.json", "today"], None),
        (["--dat", "x.json"], None),
        (["--help"], None),
        (["today"], None),
    ],
)
def test_only_opening_the_app_skips_the_full_parser(arguments: list[str], expected: tuple[str] | None) -> None:
    from coach.__main__ import _app_only

    assert _app_only(arguments) == expected


def test_opening_the_app_on_a_damaged_file_is_still_refused_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert main(["--data", str(bad)]) == 2
    assert main([f"--data={bad}"]) == 2
    err = capsys.readouterr().err
    assert err.count("is not valid JSON") == 2


COMMAND_LINES = [
    ["fear", "what if they say no", "--json"],
    ["--data", "x.json", "log", "Ana", "--via", "email", "--guess", "40", "--note", "hi"],
    ["--data=x.json", "goal", "--target", "3", "--per", "week", "--days", "MO,WE"],
    ["contact", "Ana [b]", "--warmth", "close", "--referred-by", "Tom"],
    ["today"],
    ["import", "linkedin", "c.csv", "--warmth", "cold"],
    ["export", "--format", "md", "--out", "j.md"],
    ["interview", "Ana", "--on", "friday 10:00"],
    ["careers"],
    ["serve", "--port", "8001"],
    ["paths"],
]


@pytest.mark.parametrize("arguments", COMMAND_LINES, ids=lambda line: line[-1])
def test_a_command_is_parsed_as_the_full_parser_would(arguments: list[str]) -> None:
    from coach.__main__ import _command_named, build_parser

    only = _command_named(arguments)
    assert only is not None and only in arguments
    assert build_parser(only).parse_args(arguments) == build_parser().parse_args(arguments)


def test_the_full_parser_for_anything_else_and_every_command_has_its_functions() -> None:
    from coach.__main__ import COMMANDS, _command_function, _command_named, build_parser

    for arguments in (["--help"], ["-h", "fear"], [], ["--data", "x.json"], ["frobnicate"], ["--version", "log"]):
        assert _command_named(arguments) is None, arguments
    for name in COMMANDS:
        assert callable(_command_function(name, 0)) and callable(_command_function(name, 1))
    listed = build_parser().format_help()
    assert all(name in listed for name in COMMANDS)


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from coach.__main__ import main\n"
        f"assert main(['--data', {str(tmp_path / 'x.json')!r}, 'today']) == 0\n"
        "mine = ('coach.cli_reach', 'coach.cli_fear')\n"
        "others = sorted(m for m in sys.modules if m.startswith('coach.cli_') and m not in mine)\n"
        "assert not others, others\n"
    )
    run_fresh(code)
