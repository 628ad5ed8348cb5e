"""The data file on disk: reading and checking it, writing it atomically, private folders."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from coach import paths
from coach.errors import DataFileError, StoreError
from coach.models import TABLES
from coach.store.migrations import META, SCHEMA, fresh_data

FILE_MODE = 0o600
DIR_MODE = 0o700

_ID_KEY = re.compile(rb'"id"\s*:')
Stamp = tuple[int, int, int, int, int]
"""What identifies one version of the file on disk: device, inode, size, mtime and ctime (ns).

The inode's change time is in it because no one can set it back: an edit that keeps the size and
restores the mtime with `os.utime` still moves the ctime.
"""


def stamp_of(st: os.stat_result) -> Stamp:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def cause(exc: OSError) -> str:
    """Why an operation on a file failed, in a person's words ("permission denied", "read-only file system")."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return "a file is in the way"
    return exc.strerror or str(exc)


_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def not_a_file(mode: int) -> str | None:
    """What the thing with `mode` is, if it is not a regular file (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return _KINDS.get(stat.S_IFMT(mode), "not a file")


def atomic_write(path: Path, payload: bytes) -> Stamp:
    """Replace `path` by `payload` so that a crash leaves the old file or the new one, whole.

    `path` is the real file (never a symlink: write to its target, see `locations.real_path`).
    Returns the new file's stamp. Raises StoreError, with the old file and no temp file left, on failure.
    """
    ensure_folder(path.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise StoreError(
            f"Couldn't save to {path}: coach can't write in the folder {path.parent} ({cause(exc)}). "
            "Nothing was changed."
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, FILE_MODE)
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise StoreError(f"Couldn't save to {path}: {cause(exc)}. Nothing was changed.") from exc
        raise
    fsync_dir(path.parent)
    try:
        return stamp_of(os.stat(path))
    except OSError as exc:  # saved, but can't be looked at: the next check reloads it
        raise StoreError(f"Saved to {path}, but it can't be checked now ({cause(exc)}).") from exc


def unlink_all(files: Iterable[Path]) -> int:
    """Delete each of `files` that can be deleted; the count removed."""
    removed = 0
    for leftover in files:
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (best effort: not every file system can sync a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def ensure_folder(folder: Path) -> None:
    """Create `folder` and each missing parent, every one 0700 whatever the umask; existing folders keep their mode.

    Raises StoreError naming the folder and the cause.
    """
    if os.path.isdir(folder):
        return
    missing: list[Path] = []
    walk = folder
    while not os.path.isdir(walk):
        missing.append(walk)
        if walk.parent == walk:
            break
        walk = walk.parent
    for step in reversed(missing):
        try:
            try:
                os.mkdir(step, DIR_MODE)
            except FileExistsError:
                if not os.path.isdir(step):
                    raise
                continue  # made by someone else meanwhile: theirs, its mode stays
            os.chmod(step, DIR_MODE)  # mkdir's mode is cut by the umask; make it exactly 0700
        except OSError as exc:
            where = "" if step == folder else f", at {step}"
            raise StoreError(
                f"Couldn't save: coach can't create the folder {folder}{where} ({cause(exc)}). Nothing was changed."
            ) from exc


def load_file(path: Path) -> tuple[dict[str, Any], Stamp | None]:
    """Read and check a data file; a missing file is a new, empty one.

    Raises DataFileError, without touching the file, for anything coach must not write over.
    """
    data, stamp, _raw = read_file(path)
    return data, stamp


def _refuse_non_file(path: Path, mode: int) -> None:
    what = not_a_file(mode)
    if what == "a folder":
        raise DataFileError(path, "is a folder, not a data file", "Point --data or COACH_DATA at a file.")
    if what is not None:
        raise DataFileError(
            path,
            f"is not a regular file (it is {what})",
            "Point --data or COACH_DATA at a coach data file, or move this one away; nothing was read or changed.",
        )


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file at `path` and its stat, without ever blocking on a pipe or
    device (the caller closes it). FileNotFoundError, DataFileError if it is not a regular file, OSError."""
    _refuse_non_file(path, os.stat(path).st_mode)
    # A FIFO swapped in after the stat must not block the open: O_NONBLOCK, then check the open file itself.
    fd = os.open(
        path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        st = os.fstat(fd)
        _refuse_non_file(path, st.st_mode)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


_COMPARE_CHUNK = 1 << 20


def same_bytes(path: Path, expected: bytes) -> bool:
    """True if the regular file at `path` holds exactly `expected`: read a megabyte at a time and compared
    as it goes (reading a 40 MB file whole to compare it cost a 40 MB allocation and its page faults),
    stopping at the first difference.

    Raises FileNotFoundError, DataFileError or OSError as `read_bytes` does."""
    fd, st = _open_regular(path)
    try:
        if st.st_size != len(expected):
            return False
        position = 0
        while chunk := os.read(fd, _COMPARE_CHUNK):
            if not expected.startswith(chunk, position):  # compared in place: no copy of `expected`
                return False
            position += len(chunk)
        return position == len(expected)
    finally:
        os.close(fd)


def read_bytes(path: Path) -> tuple[bytes, Stamp]:
    """The bytes of the regular file at `path` and its stamp, without ever blocking on a pipe or device.

    Raises FileNotFoundError if it is missing, DataFileError if it is not a regular file, OSError otherwise.
    """
    fd, st = _open_regular(path)
    try:
        chunks = []
        while chunk := os.read(fd, max(st.st_size + 1, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks), stamp_of(st)
    finally:
        os.close(fd)


def _restore_hint(path: Path) -> str:
    return (
        f"Restore a copy from {paths.backups_dir(Path(os.path.realpath(path)))}, or move the file away to start afresh."
    )


def read_raw(path: Path) -> tuple[bytes, Stamp | None]:
    """The data file's bytes and stamp (empty and None for a missing file), DataFileError if it can't be read."""
    try:
        return read_bytes(path)
    except FileNotFoundError:
        return b"", None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a data file", "Point --data or COACH_DATA at a file.") from None
    except PermissionError:
        raise DataFileError(
            path, "can't be read (permission denied)", "Check the file's owner and permissions (chmod 600)."
        ) from None
    except OSError as exc:
        raise DataFileError(path, f"can't be read ({exc.strerror or exc})", "Check the disk and try again.") from None


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector off for a while: parsing or decoding a big file makes hundreds of thousands
    of containers, none of them in a cycle, and the collector would walk them again and again (about a
    fifth of the parse)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(path: Path, raw: bytes) -> dict[str, Any]:
    """The JSON in `raw`, DataFileError if it is none; nothing else is checked (see `parse_checked`)."""
    try:
        with paused_gc():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise DataFileError(path, "is not valid JSON (damaged or cut short)", _restore_hint(path)) from None
    if not isinstance(data, dict):
        problem = f"is not a coach data file (its top level is a JSON {type(data).__name__}, not an object)"
        raise DataFileError(path, problem, _restore_hint(path))
    return data


def parse_checked(path: Path, raw: bytes) -> dict[str, Any]:
    """The data in the bytes `raw` of the file at `path`, checked: DataFileError for anything coach must
    not write over (not JSON, a damaged table, shared ids, a newer data format)."""
    if not raw.strip():
        raise DataFileError(path, "is empty, so it may have been cut short", _restore_hint(path))
    data = parse(path, raw)
    with paused_gc():
        problem = check_data(data, raw)
    if problem:
        raise DataFileError(path, problem, _restore_hint(path))
    schema = data[META]["1"]["schema"] if META in data else 0
    if schema > SCHEMA:
        raise DataFileError(
            path,
            f"was written by a newer coach (data format {schema}; this coach reads up to {SCHEMA})",
            "Update coach (pip install --upgrade coach) to open it; the file was left as it is.",
        )
    return data


def read_file(path: Path) -> tuple[dict[str, Any], Stamp | None, bytes]:
    """`load_file`, also returning the bytes read (empty for a missing file)."""
    raw, stamp = read_raw(path)
    if stamp is None:
        return fresh_data(), None, b""
    return parse_checked(path, raw), stamp, raw


def refuse_read_only(path: Path, target: Path) -> None:
    """StoreError if the data file (`target`, spelled `path` for the person) may not be written.

    Decided by the mode bits, not `os.access` alone: root may write any file, but a file someone made
    read-only (chmod 400) says "don't change me", and an atomic save would otherwise replace it.
    """
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"Couldn't save: {path} can't be checked ({cause(exc)}). Nothing was changed.") from exc
    if not st.st_mode & stat.S_IWUSR:
        raise StoreError(
            f"Couldn't save: {path} is read-only; make it writable with chmod 600 {path} to save. Nothing was changed."
        )
    if not os.access(target, os.W_OK):
        why = "read-only file system" if _on_read_only_fs(target) else "permission denied"
        raise StoreError(f"Couldn't save: {path} can't be written ({why}). Nothing was changed.")


def _on_read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def check_data(data: Any, raw: bytes) -> str | None:
    """What is wrong with the parsed file `data`, or None if coach can use it."""
    if not isinstance(data, dict):
        return f"is not a coach data file (its top level is a JSON {type(data).__name__}, not an object)"
    docs_with_id = 0
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"has a table {name!r} that is not a JSON object"
        for key, doc in table.items():
            if not isinstance(doc, dict):
                return f"has an entry {key!r} in {name!r} that is not a record"
            if not key.isdigit():
                return f"has an entry {key!r} in {name!r} whose key is not a number"
            if name in TABLES and doc.get("id") != int(key):
                return f"has a record {key!r} in {name!r} whose id says {doc.get('id')!r}"
            if "id" in doc:
                docs_with_id += 1
    if META in data:
        meta = data[META].get("1")
        if (
            not isinstance(meta, dict)
            or not isinstance(meta.get("schema"), int)
            or isinstance(meta.get("schema"), bool)
        ):
            return "has no readable data format version in its meta table"
    # coach writes `"id": 1`: count that spelling first (a plain byte count); only a file written some
    # other way needs the pattern.
    if raw.count(b'"id": ') != docs_with_id and len(_ID_KEY.findall(raw)) != docs_with_id:
        return "has records that share an id (the same record key twice)"
    return None
