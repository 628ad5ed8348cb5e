"""The only module that touches TinyDB and the disk.

The data file is plain TinyDB JSON (one table per kind of record, a `meta` table with the schema version).
What this module adds to stock TinyDB, because people's notes depend on it:

* atomic saves: a temp file in the same folder, flushed and fsynced, then `os.replace`d over the old one,
  and the folder fsynced, so a crash leaves either the old file or the new one, whole;
* one writer at a time across processes (an `flock` on a lock file around every read-modify-write);
* a change made on disk by someone else (another coach, a sync tool, a hand edit) is noticed by its
  inode, size and mtime and reloaded before anything is written over it;
* the data stays in memory: reads never reparse the file unless it changed;
* a file coach cannot read, or one from a newer coach, is refused and never touched;
* a copy in the backups folder once a day and before each migration, keeping the last seven.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import errno
import os
import re
import shutil
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from coach import paths
from coach.errors import ConflictError, DataFileError, NotFoundError, StoreError
from coach.models import TABLES, Record

SCHEMA = 1
"""The data format this coach writes. Bump it with a migration in MIGRATIONS."""

META = "meta"
SETTINGS = "settings"
KEEP_BACKUPS = 7
FILE_MODE = 0o600
DIR_MODE = 0o700

R = TypeVar("R", bound=Record)
Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The current time, timezone-aware, in the machine's zone."""
    return datetime.now().astimezone()


# --- migrations -------------------------------------------------------------------------------


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """A TinyDB file without a meta table (an empty file made by stock TinyDB): add the meta table."""
    if not data.get("_default"):
        data.pop("_default", None)
    data[META] = {"1": {"schema": 1}}
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}
"""from-version -> function that returns the data at from-version + 1."""


# --- mapping between documents and records ----------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    return value


def to_doc(record: Record) -> dict[str, Any]:
    """The JSON document for `record` (dates as ISO 8601, enums by value, tuples as lists)."""
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _decoder(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        decode_inner = _decoder(inner[0])
        return lambda value: None if value is None else decode_inner(value)
    if origin is tuple:
        decode_item = _decoder(typing.get_args(hint)[0])

        def decode_tuple(value: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError("expected a list")
            return tuple(decode_item(item) for item in value)

        return decode_tuple
    if hint is datetime:

        def decode_datetime(value: Any) -> datetime:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                parsed = parsed.astimezone()
            return parsed

        return decode_datetime
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if hint is bool:

        def decode_bool(value: Any) -> bool:
            if not isinstance(value, bool):
                raise TypeError("expected true or false")
            return value

        return decode_bool
    if hint is int:

        def decode_int(value: Any) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError("expected a whole number")
            return value

        return decode_int
    if hint is str:

        def decode_str(value: Any) -> str:
            if not isinstance(value, str):
                raise TypeError("expected text")
            return value

        return decode_str
    raise TypeError(f"no decoder for {hint!r}")  # pragma: no cover - a programming error


_DECODERS: dict[type[Record], list[tuple[str, Callable[[Any], Any], bool]]] = {}


def _decoders(kind: type[Record]) -> list[tuple[str, Callable[[Any], Any], bool]]:
    if kind not in _DECODERS:
        hints = typing.get_type_hints(kind)
        _DECODERS[kind] = [
            (
                f.name,
                _decoder(hints[f.name]),
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            )
            for f in dataclasses.fields(kind)
        ]
    return _DECODERS[kind]


def from_doc(kind: type[R], doc: Mapping[str, Any]) -> R:
    """The record stored in `doc`; unknown fields are ignored, a bad value raises ValueError."""
    values: dict[str, Any] = {}
    for name, decode, required in _decoders(kind):
        if name in doc:
            try:
                values[name] = decode(doc[name])
            except (TypeError, ValueError) as exc:
                raise ValueError(f"its {name!r} value {doc[name]!r} can't be read ({exc})") from None
        elif required:
            raise ValueError(f"it has no {name!r}")
    return kind(**values)


# --- the storage: TinyDB's interface, our file handling ---------------------------------------

_ID_KEY = re.compile(rb'"id"\s*:')
_Stamp = tuple[int, int, int]


def _stamp(st: os.stat_result) -> _Stamp:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def fresh_data() -> dict[str, Any]:
    return {META: {"1": {"schema": SCHEMA}}}


class SafeStorage(Storage):
    """A TinyDB storage that keeps the data in memory and saves it atomically.

    `read` hands TinyDB the in-memory data, reloading only when the file changed on disk.
    `write` inside `batch()` only marks the data dirty; the batch ends with one save.
    A failed save drops the in-memory copy, so the next read comes from the untouched file.
    """

    def __init__(self, path: Path, on_reload: Callable[[], None]) -> None:
        self.path = path
        self._on_reload = on_reload
        self._data: dict[str, Any] | None = None
        self._known: _Stamp | None = None
        self._batch = 0
        self._dirty = False
        self.migrated_from: int | None = None
        """The schema the file had when it was last loaded, if it needed migrating."""

    # TinyDB's interface

    def read(self) -> dict[str, Any]:
        if self._data is None:
            self._load()
        assert self._data is not None
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._dirty = True
        if not self._batch:
            self.flush()

    def close(self) -> None:
        self._data = None

    # ours

    def current_stamp(self) -> _Stamp | None:
        try:
            return _stamp(os.stat(self.path))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DataFileError(
                self.path, f"can't be checked ({exc.strerror})", "Check the file's permissions."
            ) from None

    def changed_on_disk(self) -> bool:
        """True when the file is not the one this storage last read or wrote."""
        return self._data is not None and self.current_stamp() != self._known

    def refresh(self) -> bool:
        """Reload if the file changed on disk; True if it did."""
        if self._data is not None and self.current_stamp() != self._known:
            self._data = None
            self._load()
            return True
        return False

    def drop(self) -> None:
        """Forget the in-memory copy (after a failed save); the next read reloads the file."""
        self._data = None
        self._dirty = False
        self._on_reload()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
        if not self._batch and self._dirty:
            self.flush()

    def _load(self) -> None:
        data, stamp = load_file(self.path)
        schema = data[META]["1"]["schema"] if META in data else 0
        self.migrated_from = schema if schema < SCHEMA else None
        while schema < SCHEMA:
            data = MIGRATIONS[schema](data)
            schema += 1
            data[META]["1"]["schema"] = schema
        self._data = data
        self._known = stamp
        self._dirty = False
        self._on_reload()

    def flush(self) -> None:
        assert self._data is not None
        try:
            payload = orjson.dumps(self._data, option=orjson.OPT_INDENT_2)
            self._known = atomic_write(self.path, payload)
        except orjson.JSONEncodeError as exc:
            # Text that is not valid Unicode (a lone surrogate) reached the store without clean_text.
            self.drop()
            raise StoreError(f"Couldn't save to {self.path}: {exc}. Nothing was changed.") from exc
        except BaseException:
            self.drop()
            raise
        self._dirty = False


def atomic_write(path: Path, payload: bytes) -> _Stamp:
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
    _fsync_dir(path.parent)
    return _stamp(os.stat(path))


def _unlink_all(files: Iterable[Path]) -> int:
    removed = 0
    for leftover in files:
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed


def _fsync_dir(folder: Path) -> None:
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


def load_file(path: Path) -> tuple[dict[str, Any], _Stamp | None]:
    """Read and check a data file; a missing file is a new, empty one.

    Raises DataFileError, without touching the file, for anything coach must not write over.
    """
    restore = f"Restore a copy from {paths.backups_dir(path)}, or move the file away to start afresh."
    try:
        with open(path, "rb") as handle:
            stamp = _stamp(os.fstat(handle.fileno()))
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


# --- the lock --------------------------------------------------------------------------------


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than the timeout."""


class FlockLock:
    """An exclusive, re-entrant lock on a lock file, with `fcntl.flock` (what filelock's FileLock uses on
    POSIX, so the two exclude each other). Importing filelock 4 costs about 35 ms, a quarter of a quick
    capture from the shell; `lock_for` uses it only where flock doesn't exist (Windows).
    """

    POLL = 0.01

    def __init__(self, path: Path, *, timeout: float, mode: int = FILE_MODE) -> None:
        self.path = path
        self.timeout = timeout
        self.mode = mode
        self._fd: int | None = None
        self._depth = 0

    @property
    def is_locked(self) -> bool:
        return self._depth > 0

    def acquire(self, timeout: float | None = None) -> None:
        """Take the lock, waiting up to `timeout` seconds (the lock's own timeout if None, for ever if
        negative, as with filelock); LockTimeout if another process keeps it longer."""
        import fcntl
        import time

        if self._depth:
            self._depth += 1
            return
        wait = self.timeout if timeout is None else timeout
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, self.mode)
        try:
            with contextlib.suppress(OSError):
                os.fchmod(fd, self.mode)
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    pass
                except OSError as exc:
                    if exc.errno not in (errno.EACCES, errno.EAGAIN):
                        raise
                if wait >= 0 and time.monotonic() >= deadline:
                    raise LockTimeout(f"{self.path} is held by another process")
                time.sleep(self.POLL)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            import fcntl

            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    def __enter__(self) -> FlockLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock_for(path: Path, *, timeout: float) -> Any:
    """The lock that lets one coach write `path` at a time (FlockLock, or filelock's FileLock without flock)."""
    lock = paths.lock_path(path)
    if os.name == "posix":
        return FlockLock(lock, timeout=timeout, mode=FILE_MODE)
    from filelock import FileLock  # pragma: no cover - Windows

    return FileLock(lock, timeout=timeout, mode=FILE_MODE)  # pragma: no cover


# --- the store -------------------------------------------------------------------------------


class Store:
    """coach's data: records in, records out, every change saved before the call returns.

    Keep calls on one thread (TinyDB is not thread-safe). Create with `Store.open(path)` or `Store.memory()`.
    """

    def __init__(self, path: Path | None, *, clock: Clock = local_now, lock_timeout: float = 10.0) -> None:
        self.path = path
        self.clock = clock
        self._models: dict[str, dict[int, Record]] = {}
        self._max_ids: dict[str, int] = {}
        """The highest id in each table of the data in memory, so an add doesn't scan every key."""
        self.generation = 0
        """Grows on every change, ours or from disk, so views know when to redraw."""
        self._backup_day: date | None = None
        self._lock_timeout = lock_timeout
        self._lock: contextlib.AbstractContextManager[Any]
        if path is None:
            self._storage: SafeStorage | None = None
            from tinydb.storages import MemoryStorage

            self._db = TinyDB(storage=MemoryStorage)
            self._db.storage.write(fresh_data())
            self._lock = contextlib.nullcontext()
        else:
            self._storage = SafeStorage(path, self._forget)
            storage = self._storage
            self._db = TinyDB(storage=lambda: storage)
            self._lock = lock_for(path, timeout=lock_timeout)

    # opening

    @classmethod
    def open(cls, path: Path, *, clock: Clock = local_now, lock_timeout: float = 10.0) -> Store:
        """Open the data file at `path` (created on the first save if missing).

        Raises DataFileError, leaving the file untouched, if it can't be read or is from a newer coach.
        An older file is migrated forward after a backup.
        """
        store = cls(path, clock=clock, lock_timeout=lock_timeout)
        assert store._storage is not None
        store.remove_leftover_temp_files(wait=False)
        store._storage.read()
        if store._storage.migrated_from is not None and path.exists():
            with store._writing():
                store._backup(f"before-format-{SCHEMA}")
                store._storage.write(store._storage.read())
        return store

    @classmethod
    def memory(cls, *, clock: Clock = local_now) -> Store:
        """A store that lives only in memory: for tests and the demo."""
        return cls(None, clock=clock)

    def close(self) -> None:
        self._db.close()

    # locations

    @property
    def backups_dir(self) -> Path | None:
        return None if self.path is None else paths.backups_dir(self.path)

    @property
    def lock_path(self) -> Path | None:
        return None if self.path is None else paths.lock_path(self.path)

    # change tracking

    def _forget(self) -> None:
        """Everything derived from the data is stale: after a reload or a failed save."""
        self._models.clear()
        self._max_ids.clear()
        self.generation += 1
        for table in self._db._tables.values():
            table.clear_cache()
            table._next_id = None

    def reload_if_changed(self) -> bool:
        """Reload the file if someone else changed it; True if it did. Raises DataFileError if it is now unreadable."""
        return self._storage.refresh() if self._storage is not None else False

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the lock, start from what is on disk, and save once at the end (or not at all)."""
        if self.path is not None:
            ensure_folder(self.path.parent)
        try:
            self._lock.__enter__()
        except Exception as exc:  # LockTimeout, or a lock file we may not create
            raise StoreError(
                f"Couldn't save: another coach has held the lock on {self.lock_path} for {self._lock_timeout:g} s. "
                "Close it or try again."
            ) from exc
        try:
            if self._storage is None:
                yield
                self.generation += 1
                return
            self._storage.refresh()
            try:
                with self._storage.batch():
                    yield
                    if self._storage._dirty:
                        self._daily_backup()
            except BaseException:
                if self._storage._dirty:
                    self._storage.drop()
                raise
            self.generation += 1
        finally:
            self._lock.__exit__(None, None, None)

    # backups

    def _daily_backup(self) -> None:
        today = self.clock().date()
        if self._backup_day == today or self.path is None or not self.path.exists():
            return
        folder = paths.backups_dir(self.path)
        stem = self.path.stem
        if not any(folder.glob(f"{stem}-{today:%Y%m%d}-*.json")):
            self._backup("daily")
        self._backup_day = today

    def _backup(self, reason: str) -> Path | None:
        """Copy the data file into the backups folder and keep the newest seven."""
        if self.path is None or not self.path.exists():
            return None
        folder = paths.backups_dir(self.path)
        ensure_folder(folder)
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{self.path.stem}-{stamp}-{reason}.json"
        tmp = target.with_suffix(".tmp")
        try:
            shutil.copyfile(self.path, tmp)
            os.chmod(tmp, FILE_MODE)
            os.replace(tmp, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()  # a half-written copy on a full disk would only take more room
            raise StoreError(
                f"Couldn't write a backup to {folder}: {exc.strerror or exc}. Nothing was changed."
            ) from exc
        backups = sorted(folder.glob(f"{self.path.stem}-*.json"))
        for old in backups[:-KEEP_BACKUPS]:
            with contextlib.suppress(OSError):
                old.unlink()
        return target

    def remove_leftover_temp_files(self, *, wait: bool = True) -> int:
        """Delete temp files a crashed save left beside the data file; the count removed.

        Every save holds the lock while its temp file exists, so holding the lock proves the
        temp files are leftovers. With `wait=False` (at open), a busy lock or a folder where the
        lock can't be made means "not now": nothing is removed and nothing is raised.
        """
        if self.path is None or not self.path.parent.is_dir():
            return 0
        pattern = f".{self.path.name}.*.tmp"
        if not any(self.path.parent.glob(pattern)):
            return 0
        if not wait:
            lock: Any = self._lock
            try:
                lock.acquire(timeout=0)
            except Exception:  # LockTimeout (someone is saving), or a lock file we may not create
                return 0
            try:
                return _unlink_all(self.path.parent.glob(pattern))
            finally:
                lock.release()
        with self._writing():
            return _unlink_all(self.path.parent.glob(pattern))

    # raw access

    def _raw(self, table: str) -> dict[str, Any]:
        data = self._db.storage.read() or {}
        result = data.get(table, {})
        return result if isinstance(result, dict) else {}

    def _table(self, name: str) -> Any:
        return self._db.table(name, cache_size=0)

    def _models_of(self, kind: type[R]) -> dict[int, R]:
        if self._storage is not None:
            self._storage.refresh()
        cached = self._models.get(kind.table)
        if cached is None:
            cached = {}
            for key, doc in self._raw(kind.table).items():
                try:
                    cached[int(key)] = from_doc(kind, doc)
                except ValueError as exc:
                    raise DataFileError(
                        self.path or Path(":memory:"),
                        f"has a {kind.__name__.lower()} (#{key}) coach can't read: {exc}",
                        f"Fix that record by hand, or restore a copy from {self.backups_dir}.",
                    ) from None
            self._models[kind.table] = cached
        return cached  # type: ignore[return-value]

    # reading

    def all(self, kind: type[R]) -> list[R]:
        """Every record of `kind`, oldest id first."""
        return list(self._models_of(kind).values())

    def count(self, kind: type[R]) -> int:
        if self._storage is not None:
            self._storage.refresh()
        return len(self._raw(kind.table))

    def get(self, kind: type[R], record_id: int) -> R:
        """The record of `kind` with `record_id`; NotFoundError if there is none."""
        try:
            return self._models_of(kind)[record_id]
        except KeyError:
            raise NotFoundError(f"There is no {kind.__name__.lower()} #{record_id}.") from None

    # writing

    def _next_id(self, table: str) -> int:
        meta = self._raw(META).get("1", {})
        last = int(meta.get("last_ids", {}).get(table, 0))
        existing = self._max_ids.get(table)
        if existing is None:
            existing = self._max_ids[table] = max((int(key) for key in self._raw(table)), default=0)
        return max(last, existing) + 1

    def _put(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        """Insert or replace one document in the data in memory (saved when the write ends).

        TinyDB's Table.insert/update rebuild the whole table dict twice per call (about 45 ms at
        100,000 records); the file format is the same either way.
        """
        data = self._db.storage.read()
        assert data is not None
        data.setdefault(table, {})[str(doc_id)] = doc
        self._db.storage.write(data)

    def _remember_last_id(self, table: str, last: int) -> None:
        meta = dict(self._raw(META).get("1", {"schema": SCHEMA}))
        meta["last_ids"] = {**meta.get("last_ids", {}), table: last}
        self._put(META, 1, meta)
        self._max_ids[table] = max(last, self._max_ids.get(table, 0))

    def add(self, record: R) -> R:
        """Save a new record; returns it with its id and timestamps."""
        return self.add_many([record])[0]

    def add_many(self, records: Iterable[R]) -> list[R]:
        """Save several new records in one write."""
        saved: list[R] = []
        now = self.clock()
        with self._writing():
            for record in records:
                new_id = self._next_id(record.table)
                stamped = dataclasses.replace(
                    record,
                    id=new_id,
                    created=record.created if record.created.year > 1970 else now,
                    updated=now,
                )
                self._put(record.table, new_id, to_doc(stamped))
                self._remember_last_id(record.table, new_id)
                saved.append(stamped)
        for record in saved:
            cache = self._models.get(record.table)
            if cache is not None:
                cache[record.id] = record
        return saved

    def update(self, record: R, *, base: R | None = None) -> R:
        """Save changes to an existing record; returns it with a new `updated` time.

        With `base` (the copy the change was made from), a field someone else changed in the
        meantime raises ConflictError instead of being overwritten.
        """
        kind = type(record)
        with self._writing():
            current_doc = self._raw(kind.table).get(str(record.id))
            if current_doc is None:
                raise NotFoundError(f"There is no {kind.__name__.lower()} #{record.id} any more.")
            new_doc = to_doc(record)
            if base is not None:
                base_doc = to_doc(base)
                clashes = [
                    name
                    for name, value in new_doc.items()
                    if name not in ("updated", "created", "id")
                    and value != base_doc.get(name)
                    and current_doc.get(name) != base_doc.get(name)
                    and current_doc.get(name) != value
                ]
                if clashes:
                    raise ConflictError(
                        f"Someone else changed {', '.join(clashes)} of this {kind.__name__.lower()} "
                        "while you were editing. Nothing was saved; reopen it to see their change."
                    )
                new_doc = {name: value for name, value in new_doc.items() if value != base_doc.get(name)}
            saved_updated = self.clock()
            new_doc["updated"] = saved_updated.isoformat()
            merged = {**current_doc, **new_doc}
            self._put(kind.table, record.id, merged)
        result = from_doc(kind, merged)
        cache = self._models.get(kind.table)
        if cache is not None:
            cache[record.id] = result
        return result

    def delete(self, kind: type[R], record_id: int) -> None:
        """Remove a record; NotFoundError if it is already gone."""
        with self._writing():
            if str(record_id) not in self._raw(kind.table):
                raise NotFoundError(f"There is no {kind.__name__.lower()} #{record_id} any more.")
            self._table(kind.table).remove(doc_ids=[record_id])
        cache = self._models.get(kind.table)
        if cache is not None:
            cache.pop(record_id, None)

    # settings

    def setting(self, key: str, default: Any = None) -> Any:
        return self._raw(SETTINGS).get("1", {}).get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a preference (such as the theme) in the data file."""
        if self.setting(key) == value:
            return
        with self._writing():
            current = dict(self._raw(SETTINGS).get("1", {}))
            current[key] = value
            self._table(SETTINGS).upsert(Document(current, doc_id=1))

    # export

    def export(self) -> dict[str, Any]:
        """Everything, as one JSON-ready document keyed by table name, with the schema version."""
        document: dict[str, Any] = {"schema": SCHEMA}
        for name, kind in TABLES.items():
            document[name] = [to_doc(record) for record in self.all(kind)]
        return document
