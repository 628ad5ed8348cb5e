"""The data file on disk: reading and checking it, writing it atomically, private folders."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
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
Stamp = tuple[int, int, int]
"""What identifies one version of the file on disk."""


def stamp_of(st: os.stat_result) -> Stamp:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def atomic_write(path: Path, payload: bytes) -> Stamp:
    """Replace `path` by `payload` so that a crash leaves the old file or the new one, whole.

    Returns the new file's stamp. Raises StoreError, with the old file and no temp file left, on failure.
    """
    ensure_folder(path.parent)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
            raise StoreError(f"Couldn't save to {path}: {exc.strerror or exc}. Nothing was changed.") from exc
        raise
    fsync_dir(path.parent)
    return stamp_of(os.stat(path))


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
    """Create `folder` (mode 0700) if it is missing; an existing folder keeps its mode."""
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, mode=DIR_MODE, exist_ok=True)
            os.chmod(folder, DIR_MODE)
        except OSError as exc:
            raise StoreError(f"Couldn't create the folder {folder}: {exc.strerror or exc}.") from exc


def load_file(path: Path) -> tuple[dict[str, Any], Stamp | None]:
    """Read and check a data file; a missing file is a new, empty one.

    Raises DataFileError, without touching the file, for anything coach must not write over.
    """
    restore = f"Restore a copy from {paths.backups_dir(path)}, or move the file away to start afresh."
    try:
        with open(path, "rb") as handle:
            stamp = stamp_of(os.fstat(handle.fileno()))
            raw = handle.read()
    except FileNotFoundError:
        return fresh_data(), None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a data file", "Point --data or COACH_DATA at a file.") from None
    except PermissionError:
        raise DataFileError(
            path, "can't be read (permission denied)", "Check the file's owner and permissions (chmod 600)."
        ) from None
    except OSError as exc:
        raise DataFileError(path, f"can't be read ({exc.strerror or exc})", "Check the disk and try again.") from None
    if not raw.strip():
        raise DataFileError(path, "is empty, so it may have been cut short", restore)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise DataFileError(path, "is not valid JSON (damaged or cut short)", restore) from None
    problem = check_data(data, raw)
    if problem:
        raise DataFileError(path, problem, restore)
    schema = data[META]["1"]["schema"] if META in data else 0
    if schema > SCHEMA:
        raise DataFileError(
            path,
            f"was written by a newer coach (data format {schema}; this coach reads up to {SCHEMA})",
            "Update coach (pip install --upgrade coach) to open it; the file was left as it is.",
        )
    return data, stamp


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
    if len(_ID_KEY.findall(raw)) != docs_with_id:
        return "has records that share an id (the same record key twice)"
    return None
