"""Every kind of bad data file is refused with one clear line, exit code 2, and left byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest

from coach.__main__ import main
from coach.models import Thought
from coach.store import SCHEMA, Store

ROOT = Path(__file__).resolve().parent.parent


def _good_file(path: Path) -> bytes:
    store = Store.open(path)
    store.add_many([Thought(text="what if they say no"), Thought(text="I'll ramble")])
    store.close()
    return path.read_bytes()


def _not_json(path: Path) -> None:
    path.write_bytes(b"{this is not json, it was typed over by hand\n")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    whole = _good_file(path)
    path.write_bytes(whole[: len(whole) * 2 // 3])


def _wrong_top_level(path: Path) -> None:
    path.write_bytes(b'[{"text": "a list, not an object"}]\n')


def _duplicate_ids(path: Path) -> None:
    whole = _good_file(path).decode()
    first = '"1": {'
    start = whole.index(first, whole.index('"thoughts"'))
    end = whole.index("\n    }", start) + len("\n    }")
    record = whole[start:end]
    path.write_text(whole.replace(record, record + ",\n    " + record.replace("what if they say no", "a twin"), 1))
    assert whole.count('"1": {') + 1 == path.read_text().count('"1": {')


def _string_for_record(path: Path) -> None:
    data = orjson.loads(_good_file(path))
    data["thoughts"]["2"] = "I'll ramble"
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))


def _newer_schema(path: Path) -> None:
    data = orjson.loads(_good_file(path))
    data["meta"]["1"]["schema"] = SCHEMA + 1
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "not-json": (_not_json, "is not valid JSON"),
    "empty": (_empty, "is empty"),
    "truncated": (_truncated, "is not valid JSON"),
    "wrong-top-level-type": (_wrong_top_level, "is not a coach data file"),
    "duplicate-ids": (_duplicate_ids, "share an id"),
    "string-for-a-record": (_string_for_record, "not a record"),
    "newer-schema": (_newer_schema, "newer coach"),
}
COMMANDS = {"export": ["export"], "fear": ["fear", "x"], "fear-list": ["fear", "--list"]}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder_listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.endswith(".lock"))


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_is_refused_in_one_line_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, command: str
) -> None:
    path = tmp_path / "coach.json"
    make, expected = BAD_FILES[case]
    make(path)
    capsys.readouterr()
    before, listing = _sha(path), _folder_listing(tmp_path)

    code = main(["--data", str(path), *COMMANDS[command]])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith(f"coach: {path}: ")
    assert expected in err
    assert _sha(path) == before
    assert _folder_listing(tmp_path) == listing  # no backup, no temp file, nothing written beside it


def test_a_folder_where_the_file_should_be(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "coach.json"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    for command in COMMANDS.values():
        assert main(["--data", str(path), *command]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and "is a folder" in err, err
    assert sorted(p.name for p in path.iterdir()) == ["keep.txt"]
    assert (path / "keep.txt").read_text() == "mine"


@pytest.mark.parametrize("case", [*BAD_FILES, "folder"])
def test_the_app_refuses_a_bad_file_before_starting_textual(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    import coach.app

    def must_not_run(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Textual was started with a bad data file")

    monkeypatch.setattr(coach.app.CoachApp, "run", must_not_run)
    path = tmp_path / "coach.json"
    if case == "folder":
        path.mkdir()
    else:
        BAD_FILES[case][0](path)
    before = _folder_listing(tmp_path) if case == "folder" else _sha(path)
    capsys.readouterr()

    assert main(["--data", str(path)]) == 2

    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("coach: "), err
    assert (_folder_listing(tmp_path) if case == "folder" else _sha(path)) == before


# --- a file coach may not read -----------------------------------------------------------------


def _drop_root_read_powers() -> None:
    """In the child, before exec: give up root's right to read any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture
def unreadable_file(tmp_path: Path) -> Iterator[tuple[Path, Callable[[list[str]], subprocess.CompletedProcess[str]]]]:
    """A mode-000 data file, and a way to run the real CLI so that the mode applies.

    Root reads any file whatever its mode, so as root the CLI runs without the two capabilities
    that allow it (dropped from the bounding set before exec); skipped where that is not allowed.
    """
    path = tmp_path / "coach.json"
    _good_file(path)
    os.chmod(path, 0)
    as_root = os.geteuid() == 0

    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "coach", "--data", str(path), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            preexec_fn=_drop_root_read_powers if as_root else None,
            timeout=60,
        )

    probe = (
        subprocess.run(
            [sys.executable, "-c", "import sys; open(sys.argv[1], 'rb')", str(path)],
            capture_output=True,
            text=True,
            preexec_fn=_drop_root_read_powers if as_root else None,
        )
        if _can_drop(as_root)
        else None
    )
    if probe is None or probe.returncode == 0:
        pytest.skip("mode 000 does not stop this user from reading (root that may not drop CAP_DAC_OVERRIDE)")
    yield path, run
    os.chmod(path, 0o600)


def _can_drop(as_root: bool) -> bool:
    if not as_root:
        return True
    try:
        subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_root_read_powers, check=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreadable_file_is_refused(
    unreadable_file: tuple[Path, Callable[[list[str]], subprocess.CompletedProcess[str]]], command: str
) -> None:
    path, run = unreadable_file
    os.chmod(path, 0o600)
    before = _sha(path)
    os.chmod(path, 0)

    result = run(COMMANDS[command])

    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "permission denied" in result.stderr, result.stderr
    os.chmod(path, 0o600)
    assert _sha(path) == before
