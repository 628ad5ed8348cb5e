"""The store against a hostile world (issue 8): outside edits that hide, clashing edits, damaged records,
folders and files coach may not write, things at the data path that are not files, symlinks, the umask.

Each test here failed on the store before the fix it names.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.__main__ import main
from coach.errors import ConflictError, DataFileError, StoreError
from coach.models import TABLES, Contact, Outcome, Record, Thought
from coach.store import FlockLock, Store, from_doc, lock_file, protected_paths, to_doc
from coach.store.codec import first_unreadable
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parent.parent


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- 2. a clash carries what changed, so a screen can show it and let the person choose --------


def test_a_clash_says_which_fields_changed_theirs_and_yours(data_file: Path, clock: FakeClock) -> None:
    app = Store.open(data_file, clock=clock)
    shown = app.add(Thought(text="what if I freeze", likelihood=60))  # what the dialog was opened on
    cli = Store.open(data_file, clock=clock)
    cli.update(dataclasses.replace(cli.get(Thought, shown.id), outcome=Outcome.CAME_TRUE), base=shown)

    with pytest.raises(ConflictError) as caught:
        app.update(dataclasses.replace(shown, outcome=Outcome.PARTLY, likelihood=40), base=shown)

    assert Store.open(data_file).get(Thought, shown.id).outcome is Outcome.CAME_TRUE, "nothing was saved"
    assert Store.open(data_file).get(Thought, shown.id).likelihood == 60
    clash = caught.value
    assert clash.kind is Thought and clash.record_id == shown.id
    assert clash.changes == {"outcome": (Outcome.CAME_TRUE, Outcome.PARTLY)}
    assert clash.current is not None and clash.current.outcome is Outcome.CAME_TRUE
    assert "outcome" in str(clash) and "\n" not in str(clash)
    # Keeping one's own value is a save with the record on disk as the new base.
    kept = app.update(dataclasses.replace(clash.current, outcome=Outcome.PARTLY, likelihood=40), base=clash.current)
    assert Store.open(data_file).get(Thought, shown.id).outcome is Outcome.PARTLY
    assert kept.likelihood == 40


def test_a_clash_is_found_when_the_base_is_what_the_screen_showed_even_after_a_reload(
    data_file: Path, clock: FakeClock
) -> None:
    app = Store.open(data_file, clock=clock)
    shown = app.add(Thought(text="they'll think I'm pushy"))
    Store.open(data_file, clock=clock).update(dataclasses.replace(shown, outcome=Outcome.CAME_TRUE), base=shown)
    assert app.reload_if_changed() is True  # the app's file watcher saw the change before the dialog closed
    with pytest.raises(ConflictError) as caught:
        app.update(dataclasses.replace(shown, outcome=Outcome.DID_NOT_HAPPEN), base=shown)
    assert caught.value.changes == {"outcome": (Outcome.CAME_TRUE, Outcome.DID_NOT_HAPPEN)}
    assert Store.open(data_file).get(Thought, shown.id).outcome is Outcome.CAME_TRUE


# --- 3. what an export may not overwrite ------------------------------------------------------


def test_protected_paths_cover_every_spelling_of_the_data_file_its_lock_and_backups(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "synced" / "coach.json"
    store = Store.open(real, clock=clock)
    store.add(Thought(text="one"))
    clock.advance(days=1)
    store.add(Thought(text="two"))  # makes a daily backup
    link = tmp_path / "link.json"
    link.symlink_to(real)
    monkeypatch.chdir(tmp_path)

    protected = protected_paths(Path("link.json"))

    backups = real.parent / "backups"
    copies = list(backups.iterdir())
    assert copies
    for path in [real, link, real.parent / "coach.json.lock", backups, *copies]:
        assert path.resolve() in protected, path
    assert Path(tmp_path / "synced" / ".." / "synced" / "coach.json").resolve() in protected
    assert (tmp_path / "export.json").resolve() not in protected


# --- 1. an outside edit that keeps the size and puts the mtime back ---------------------------


def _edit_in_place_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    """What a sync tool or a careful hand edit can do: same length, same inode, mtime restored."""
    assert len(old.encode()) == len(new.encode())
    before = os.stat(path)
    raw = path.read_bytes()
    assert raw.count(old.encode()) == 1
    with open(path, "r+b") as handle:
        handle.write(raw.replace(old.encode(), new.encode()))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)


def _recreate_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    """Delete and write anew (the inode number is often reused at once), mtime restored."""
    before = os.stat(path)
    raw = path.read_bytes()
    path.unlink()
    path.write_bytes(raw.replace(old.encode(), new.encode()))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _wait_for_the_file_clock_to_move_past(path: Path) -> None:
    """Touch a scratch file beside `path` until its ctime is later than `path`'s (a few ms: one tick)."""
    scratch = path.with_name("clock-tick")
    for _ in range(1_000_000):
        scratch.write_bytes(b"x")
        if os.stat(scratch).st_ctime_ns > os.stat(path).st_ctime_ns:
            scratch.unlink()
            return
    raise AssertionError("the file system's clock never moved")


@pytest.mark.parametrize("edit", [_edit_in_place_keeping_size_and_mtime, _recreate_keeping_size_and_mtime])
def test_an_outside_edit_that_keeps_size_and_mtime_is_not_overwritten(data_file: Path, store: Store, edit: Any) -> None:
    store.add(Thought(text="they will say no"))
    edit(data_file, "they will say no", "they MAY say yes")
    store.add(Thought(text="added in the app"))
    on_disk = json.loads(data_file.read_text(encoding="utf-8"))
    assert [doc["text"] for doc in on_disk["thoughts"].values()] == ["they MAY say yes", "added in the app"]
    assert [t.text for t in store.all(Thought)] == ["they MAY say yes", "added in the app"]


@pytest.mark.parametrize("then", ["save", "watcher"])
def test_an_edit_in_the_same_clock_step_as_the_save_is_caught_by_its_bytes(
    data_file: Path, store: Store, monkeypatch: pytest.MonkeyPatch, then: str
) -> None:
    """Where timestamps step coarsely, an in-place edit right after coach's save leaves the whole stamp
    (mtime and ctime too) as it was: here the file system's clock is frozen, so only the bytes can tell."""
    import coach.store.files as files
    import coach.store.storage as storage

    frozen = 1_700_000_000 * 10**9

    def frozen_stamp(st: os.stat_result) -> tuple[int, int, int, int, int]:
        return (st.st_dev, st.st_ino, st.st_size, frozen, frozen)

    monkeypatch.setattr(files, "stamp_of", frozen_stamp)
    monkeypatch.setattr(storage, "stamp_of", frozen_stamp)
    monkeypatch.setattr(storage, "now_ns", lambda: frozen + 10**6)  # a millisecond later
    store.add(Thought(text="they will say no"))
    _edit_in_place_keeping_size_and_mtime(data_file, "they will say no", "they MAY say yes")
    if then == "watcher":
        assert store.reload_if_changed() is True
    store.add(Thought(text="added in the app"))
    on_disk = json.loads(data_file.read_text(encoding="utf-8"))
    assert [doc["text"] for doc in on_disk["thoughts"].values()] == ["they MAY say yes", "added in the app"]


def test_the_file_watcher_notices_such_an_edit(data_file: Path, store: Store) -> None:
    store.add(Thought(text="they will say no"))
    _edit_in_place_keeping_size_and_mtime(data_file, "they will say no", "they MAY say yes")
    assert store.reload_if_changed() is True
    assert store.get(Thought, 1).text == "they MAY say yes"
    assert store.reload_if_changed() is False


def test_an_edit_long_after_the_last_save_is_seen_by_the_inode_change_time(
    data_file: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the file's timestamps are older than the file system's clock step, the stamp alone decides,
    and it holds the inode's change time, which no one can set back."""
    import coach.store.storage as storage

    store.add(Thought(text="they will say no"))
    later = os.stat(data_file).st_ctime_ns + 60 * 10**9
    monkeypatch.setattr(storage, "now_ns", lambda: later)
    assert store.reload_if_changed() is False  # the one content check that ends the racy window
    read: list[object] = []
    real_compare = storage.same_bytes
    monkeypatch.setattr(storage, "same_bytes", lambda path, known: read.append(path) or real_compare(path, known))
    assert store.reload_if_changed() is False
    assert read == [], "outside the window a check is one stat, not a read of the file"
    _wait_for_the_file_clock_to_move_past(data_file)  # as it has, long after the save
    _edit_in_place_keeping_size_and_mtime(data_file, "they will say no", "they MAY say yes")
    assert store.reload_if_changed() is True
    assert store.get(Thought, 1).text == "they MAY say yes"


def test_the_content_check_compares_a_megabyte_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check inside the racy window reads the file in pieces and stops at the first difference."""
    from coach.store import files

    monkeypatch.setattr(files, "_COMPARE_CHUNK", 4)  # pieces of 4 bytes, so a 10-byte file takes three
    path = tmp_path / "coach.json"
    path.write_bytes(b"0123456789")
    assert files.same_bytes(path, b"0123456789") is True
    assert files.same_bytes(path, b"0123456788") is False  # the last piece differs
    assert files.same_bytes(path, b"0123X56789") is False  # a middle one
    assert files.same_bytes(path, b"012345678") is False  # shorter
    assert files.same_bytes(path, b"0123456789!") is False  # longer
    path.write_bytes(b"")
    assert files.same_bytes(path, b"") is True
    with pytest.raises(FileNotFoundError):
        files.same_bytes(tmp_path / "missing.json", b"")
    with pytest.raises(DataFileError):
        files.same_bytes(tmp_path, b"")  # a folder is not a data file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(DataFileError):
        files.same_bytes(fifo, b"")  # never blocks on a pipe


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    on_disk=st.binary(max_size=64),
    edit=st.one_of(
        st.none(),
        st.tuples(st.integers(min_value=0, max_value=70), st.binary(max_size=3)),  # replace a few bytes
    ),
    extra=st.binary(max_size=3),
    chunk=st.integers(min_value=1, max_value=9),
)
def test_the_content_check_agrees_with_comparing_the_whole_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    on_disk: bytes,
    edit: tuple[int, bytes] | None,
    extra: bytes,
    chunk: int,
) -> None:
    """Whatever the piece size, the piecewise check says "the same" exactly when the bytes are equal."""
    from coach.store import files

    monkeypatch.setattr(files, "_COMPARE_CHUNK", chunk)
    expected = on_disk
    if edit is not None:
        at, new = edit
        expected = on_disk[:at] + new + on_disk[at + len(new) :]
    expected += extra
    path = tmp_path / "coach.json"
    path.write_bytes(on_disk)
    assert files.same_bytes(path, expected) is (on_disk == expected)


def test_whole_second_timestamps_get_the_longer_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """FAT, HFS+ and some shares keep whole (or even seconds): there a change can hide for up to 2 s."""
    import coach.store.storage as storage

    second = 1_700_000_000 * 10**9
    monkeypatch.setattr(storage, "now_ns", lambda: second + 10**9)  # one second after the change
    assert storage._racy((1, 2, 3, second, second)) is True
    assert storage._racy((1, 2, 3, second + 123_456, second + 123_456)) is False
    monkeypatch.setattr(storage, "now_ns", lambda: second + 10**8)  # a tenth of a second after it
    assert storage._racy((1, 2, 3, second + 123_456, second + 123_456)) is True


# --- 4. one damaged record: the whole file is refused before any write ------------------------


def _file_with(path: Path, **thought: Any) -> bytes:
    store = Store.open(path)
    store.add_many([Thought(text="what if they say no"), Thought(text="I'll ramble")])
    store.add(Contact(name="Ana"))
    store.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["thoughts"]["2"].update(thought)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path.read_bytes()


DAMAGED = {
    "outcome-exploded": {"outcome": "exploded"},
    "text-null": {"text": None},
    "likelihood-text": {"likelihood": "x"},
}


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_file_with_one_damaged_record_is_never_rewritten(
    data_file: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _file_with(data_file, **DAMAGED[damage])
    listing = sorted(p.name for p in data_file.parent.iterdir())

    store = Store.open(data_file)  # opening stays cheap: nothing is decoded yet
    with pytest.raises(DataFileError) as caught:
        store.add(Contact(name="someone else entirely"))  # a write to another table still checks them all
    message = str(caught.value)
    assert str(data_file) in message and "thought (#2)" in message and "Fix that record by hand" in message
    for change in (
        lambda: store.add(Thought(text="x")),
        lambda: store.set_setting("theme", "nord"),
        lambda: store.delete(Thought, 1),
        lambda: store.update(dataclasses.replace(store.get(Contact, 1), name="Ana R")),
    ):
        with pytest.raises(DataFileError):
            change()
    assert data_file.read_bytes() == before
    assert main(["--data", str(data_file), "fear", "x"]) == 2
    assert main(["--data", str(data_file), "fear", "--outcome", "1", "came-true"]) == 2
    _out, err = capsys.readouterr()
    assert err.count("\n") == 2 and "thought (#2)" in err
    assert data_file.read_bytes() == before
    assert sorted(p.name for p in data_file.parent.iterdir()) == listing  # no backup, no temp file


def test_validate_all_checks_every_record_early(data_file: Path) -> None:
    _file_with(data_file, outcome="exploded")
    store = Store.open(data_file)
    with pytest.raises(DataFileError, match="thought"):
        store.validate_all()


def test_records_are_checked_once_per_version_of_the_file(
    data_file: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coach.store.database as database

    store.add_many([Thought(text=f"worry {n}") for n in range(50)])
    store.validate_all()
    looked_at: list[object] = []
    real_check, real_decode = database.first_unreadable, database.from_doc
    monkeypatch.setattr(
        database, "first_unreadable", lambda kind, docs: looked_at.extend(docs) or real_check(kind, docs)
    )
    monkeypatch.setattr(database, "from_doc", lambda kind, doc: looked_at.append(doc) or real_decode(kind, doc))
    for n in range(3):
        store.add(Thought(text=f"one more {n}"))
    store.validate_all()
    assert looked_at == [], "a save must not check the whole file again when it hasn't changed"
    Store.open(data_file).add(Thought(text="from elsewhere"))
    store.add(Thought(text="after a reload"))
    assert len(looked_at) >= 54, "a new version of the file is checked again"


HOSTILE_VALUES: list[object] = [
    None, "", "x", 0, 7, -1, True, False, 1.5, [], [1], ["2026-11-25T09:30:00+01:00"], ["x"], {}, {"a": 1},
    "2026-11-25T09:30:00+01:00", "2026-11-25T09:30:00", "2026-11-25", "2026-13-01", "0001-01-01T00:00:00",
    "9999-12-31T23:59:59", "came-true", "did-not-happen", "exploded", "close", "call", "yes", "done", "promising",
]  # fmt: skip


@pytest.mark.parametrize("kind", list(TABLES.values()), ids=list(TABLES))
def test_the_quick_check_agrees_with_decoding_on_every_field(kind: type[Record]) -> None:
    """Writes check records with `first_unreadable` (quick) and reads decode them with `from_doc`: they must
    accept and refuse exactly the same documents, or a damaged record would slip through a write."""
    good = to_doc(every_kind_by_table()[kind.table])
    for name in good:
        for value in HOSTILE_VALUES:
            doc = {**good, name: value}
            try:
                from_doc(kind, doc)
                decodes = True
            except ValueError:
                decodes = False
            assert (first_unreadable(kind, {"1": good, "2": doc}) is None) is decodes, (name, value)
        missing = {key: value for key, value in good.items() if key != name}
        try:
            from_doc(kind, missing)
            decodes = True
        except ValueError:
            decodes = False
        assert (first_unreadable(kind, {"1": good, "2": missing}) is None) is decodes, name


def every_kind_by_table() -> dict[str, Record]:
    from tests.test_store import every_kind

    return {record.table: record for record in every_kind()}  # type: ignore[attr-defined]


# --- 7./8. a folder or file coach may not write -----------------------------------------------


def _raise(code: int) -> Any:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


def test_a_lock_file_that_cannot_be_made_is_not_called_a_held_lock(
    data_file: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(Thought(text="kept"))
    before = _sha(data_file)
    lock = lock_file(data_file)
    lock.unlink()
    real_open = os.open

    def refuse_lock(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path) == str(lock):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_lock)
    with pytest.raises(StoreError) as caught:
        store.add(Thought(text="not saved"))
    message = str(caught.value)
    assert "another coach" not in message and "held" not in message
    assert "permission denied" in message and str(data_file.parent) in message
    assert "\n" not in message
    monkeypatch.undo()
    assert _sha(data_file) == before


@pytest.mark.parametrize(
    ("where", "code", "cause"),
    [
        ("tempfile.mkstemp", errno.EROFS, "read-only file system"),
        ("tempfile.mkstemp", errno.EACCES, "permission denied"),
        ("os.replace", errno.EROFS, "read-only file system"),
        ("os.mkdir", errno.EACCES, "permission denied"),
        ("shutil.copyfile", errno.EACCES, "permission denied"),
        ("os.fsync", errno.ENOSPC, "No space left on device"),
    ],
)
def test_every_failure_on_the_write_path_is_one_clear_store_error(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, where: str, code: int, cause: str
) -> None:
    path = tmp_path / "data" / "coach.json"
    store = Store.open(path, clock=clock)
    store.add(Thought(text="kept"))
    clock.advance(days=1)  # the next save makes a daily backup first
    before = _sha(path)
    if where == "os.mkdir":
        path = tmp_path / "new" / "folder" / "coach.json"
        store = Store.open(path, clock=clock)
    module, name = where.split(".")
    monkeypatch.setattr(f"{module}.{name}", _raise(code))
    with pytest.raises(StoreError) as caught:
        store.add(Thought(text="not saved"))
    monkeypatch.undo()
    message = str(caught.value)
    assert cause in message, message
    assert "another coach" not in message
    assert "Nothing was changed" in message and "\n" not in message
    assert str(path.parent) in message, message
    if where != "os.mkdir":
        assert _sha(path) == before
        assert not list(path.parent.rglob("*.tmp"))


def test_a_lock_really_held_by_another_coach_says_so(data_file: Path, clock: FakeClock) -> None:
    store = Store.open(data_file, clock=clock, lock_timeout=0.05)
    store.add(Thought(text="kept"))
    other = FlockLock(lock_file(data_file), timeout=0)
    other.acquire()
    try:
        with pytest.raises(StoreError, match="another coach is saving"):
            store.add(Thought(text="must wait"))
    finally:
        other.release()
    assert store.add(Thought(text="now it can")).id == 2


def _drop_root_write_powers() -> None:
    """In the child, before exec: root gives up writing where the mode says no (CAP_DAC_OVERRIDE, CAP_FOWNER)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):  # DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _run_cli(args: list[str], *, unprivileged: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_drop_root_write_powers if unprivileged and os.geteuid() == 0 else None,
        timeout=60,
    )


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o555)
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, pathlib; pathlib.Path(sys.argv[1], 'probe').write_text('x')", str(folder)],
        capture_output=True,
        preexec_fn=_drop_root_write_powers if os.geteuid() == 0 else None,
    )
    if probe.returncode == 0:
        pytest.skip("a mode 0555 folder does not stop this user from writing")
    yield folder
    os.chmod(folder, 0o700)


@pytest.mark.parametrize("where", ["the folder", "a folder inside it"])
def test_the_cli_in_a_read_only_folder_says_so_in_one_line(read_only_folder: Path, where: str) -> None:
    path = read_only_folder / "coach.json" if where == "the folder" else read_only_folder / "sub" / "coach.json"
    result = _run_cli(["--data", str(path), "fear", "what if my voice shakes"], unprivileged=True)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert "permission denied" in result.stderr and str(read_only_folder) in result.stderr
    assert "another coach" not in result.stderr
    assert "voice shakes" not in result.stderr
    assert list(read_only_folder.iterdir()) == []


# --- 9. a FIFO, a socket or a device at the data path -----------------------------------------


@pytest.fixture
def alarm() -> Iterator[None]:
    """Turn a hang into a failure."""

    def hung(*_args: object) -> None:
        raise AssertionError("coach hung on a file that is not a regular file")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    import socket

    holder = socket.socket(socket.AF_UNIX)
    short = Path(tempfile.mkdtemp(dir="/tmp")) / "s"  # a socket path must be short
    holder.bind(str(short))
    holder.close()
    path.symlink_to(short)


def _device(path: Path) -> None:
    path.symlink_to("/dev/null")


def _link_to_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("pipe"))
    path.symlink_to(path.with_name("pipe"))


NOT_FILES = {"fifo": _fifo, "socket": _socket, "device": _device, "link-to-fifo": _link_to_fifo}


@pytest.mark.parametrize("kind", NOT_FILES)
def test_something_that_is_not_a_file_is_refused_at_once(tmp_path: Path, alarm: None, kind: str) -> None:
    path = tmp_path / "coach.json"
    NOT_FILES[kind](path)
    with pytest.raises(DataFileError, match="not a regular file") as caught:
        Store.open(path)
    assert str(path) in str(caught.value)


def test_the_cli_refuses_a_fifo_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "coach.json"
    os.mkfifo(path)
    for args in (["fear", "x"], ["fear", "--list"], ["export"]):
        result = _run_cli(["--data", str(path), *args], unprivileged=False)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


def test_a_fifo_where_the_lock_file_goes_is_refused_at_once(data_file: Path, store: Store, alarm: None) -> None:
    store.add(Thought(text="kept"))
    before = _sha(data_file)
    lock = lock_file(data_file)
    lock.unlink()
    os.mkfifo(lock)
    reopened = Store(data_file, lock_timeout=0.05)
    assert [t.text for t in reopened.all(Thought)] == ["kept"]  # reading needs no lock
    with pytest.raises(StoreError, match="not a regular file") as caught:
        reopened.add(Thought(text="x"))
    assert str(lock) in str(caught.value) and "another coach" not in str(caught.value)
    assert _sha(data_file) == before


# --- 10. a symlinked data file ----------------------------------------------------------------


def test_a_symlinked_file_is_written_through_the_link(tmp_path: Path, clock: FakeClock) -> None:
    real = tmp_path / "synced" / "coach.json"
    Store.open(real, clock=clock).add(Thought(text="from before"))
    link = tmp_path / "home" / "coach.json"
    link.parent.mkdir()
    link.symlink_to(real)

    store = Store.open(link, clock=clock)
    clock.advance(days=1)
    store.add(Thought(text="through the link"))

    assert link.is_symlink() and link.resolve() == real
    assert [doc["text"] for doc in json.loads(real.read_text())["thoughts"].values()] == [
        "from before",
        "through the link",
    ]
    assert sorted(p.name for p in link.parent.iterdir()) == ["coach.json"], "nothing beside the link"
    assert not list(real.parent.glob(".*.tmp"))
    assert store.lock_path == real.parent / "coach.json.lock"
    assert store.backups_dir == real.parent / "backups" and any(store.backups_dir.iterdir())
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_two_spellings_of_one_file_take_the_same_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "synced" / "coach.json"
    Store.open(real).add(Thought(text="first"))
    (tmp_path / "link.json").symlink_to(real)
    monkeypatch.chdir(tmp_path)
    held = FlockLock(lock_file(real), timeout=0)
    held.acquire()
    try:
        for spelling in (Path("link.json"), Path("synced/../synced/coach.json")):
            with pytest.raises(StoreError, match="another coach is saving"):
                Store.open(spelling, lock_timeout=0.05).add(Thought(text="x"))
    finally:
        held.release()


# --- 11. a read-only data file -----------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o400, 0o444, 0o500])
def test_a_read_only_file_is_read_but_never_rewritten(
    data_file: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str], mode: int
) -> None:
    Store.open(data_file, clock=clock).add(Thought(text="kept"))
    os.chmod(data_file, mode)
    before = _sha(data_file)
    store = Store.open(data_file, clock=clock)
    assert [t.text for t in store.all(Thought)] == ["kept"]
    assert store.export()["thoughts"][0]["text"] == "kept"
    with pytest.raises(StoreError) as caught:
        store.add(Thought(text="would rewrite it"))
    message = str(caught.value)
    assert f"{data_file} is read-only" in message and f"chmod 600 {data_file}" in message
    assert _sha(data_file) == before and stat.S_IMODE(data_file.stat().st_mode) == mode
    capsys.readouterr()
    assert main(["--data", str(data_file), "fear", "--list"]) == 0
    assert main(["--data", str(data_file), "fear", "x"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert _sha(data_file) == before and stat.S_IMODE(data_file.stat().st_mode) == mode


# --- 12. every folder coach creates is private, whatever the umask -----------------------------


@pytest.mark.parametrize("mask", [0o000, 0o002, 0o022])
def test_every_folder_coach_creates_is_private(tmp_path: Path, clock: FakeClock, mask: int) -> None:
    os.chmod(tmp_path, 0o755)
    path = tmp_path / "a" / "b" / "c" / "coach.json"
    old = os.umask(mask)
    try:
        store = Store.open(path, clock=clock)
        store.add(Thought(text="first"))
        clock.advance(days=1)
        store.add(Thought(text="makes a backup"))
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", path.parent, path.parent / "backups"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755, "a folder coach did not create keeps its mode"


def test_is_protected_covers_a_new_file_in_the_backups_folder(tmp_path: Path, clock: FakeClock) -> None:
    from coach.store import is_protected

    data = tmp_path / "coach.json"
    Store.open(data, clock=clock).add(Thought(text="one"))
    assert is_protected(tmp_path / "backups" / "new-export.json", data)
    assert is_protected(tmp_path / "." / "coach.json", data)
    assert is_protected(tmp_path / "coach.json.lock", data)
    assert not is_protected(tmp_path / "export.json", data)


def test_a_symlink_where_the_lock_file_goes_is_not_followed(data_file: Path, store: Store, tmp_path: Path) -> None:
    store.add(Thought(text="kept"))
    elsewhere = tmp_path / "someone-elses-file"
    elsewhere.write_text("not coach's")
    os.chmod(elsewhere, 0o644)
    lock = lock_file(data_file)
    lock.unlink()
    lock.symlink_to(elsewhere)
    with pytest.raises(DataFileError, match="is a symlink, so coach won't use it as its lock file"):
        store.add(Thought(text="x"))
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o644 and elsewhere.read_text() == "not coach's"


def test_a_read_only_file_in_an_older_format_is_read_without_migrating_it(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_text('{"_default": {}}', encoding="utf-8")
    os.chmod(data_file, 0o400)
    before = _sha(data_file)
    store = Store.open(data_file)
    assert store.all(Thought) == []
    with pytest.raises(StoreError, match="is read-only"):
        store.add(Thought(text="x"))
    assert _sha(data_file) == before
    assert not (data_file.parent / "backups").exists()


def _on_a_read_only_mount(folder: Path, command: list[str]) -> subprocess.CompletedProcess[str] | None:
    """Run `command` with `folder` bind-mounted read-only onto itself, in a private mount namespace
    (nothing outside the child sees the mount; it goes when the child ends). None where not allowed."""
    import shlex
    import shutil

    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    script = (
        f"mount --bind {shlex.quote(str(folder))} {shlex.quote(str(folder))} "
        f"&& mount -o remount,ro,bind {shlex.quote(str(folder))} || exit 99; "
        f"exec {shlex.join(command)}"
    )
    result = subprocess.run(
        [unshare, "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    return None if result.returncode == 99 or "unshare:" in result.stderr else result


def test_a_real_read_only_file_system_is_named_as_the_cause(tmp_path: Path) -> None:
    folder = tmp_path / "mounted"
    path = folder / "coach.json"
    Store.open(path).add(Thought(text="kept"))
    before = _sha(path)
    cli = [sys.executable, "-m", "coach", "--data", str(path)]

    listed = _on_a_read_only_mount(folder, [*cli, "fear", "--list"])
    if listed is None:
        pytest.skip("no private mount namespace here (unshare and mount need privileges)")
    assert listed.returncode == 0 and "kept" in listed.stdout, listed.stderr
    added = _on_a_read_only_mount(folder, [*cli, "fear", "what if my voice shakes"])
    assert added is not None
    assert added.returncode == 1, added.stderr
    assert added.stderr.count("\n") == 1 and "Traceback" not in added.stderr, added.stderr
    assert "read-only file system" in added.stderr and str(folder) in added.stderr
    assert "another coach" not in added.stderr and "voice shakes" not in added.stderr
    assert _sha(path) == before
