"""The Store: records in, records out, every change saved (atomically, under the lock) before the call returns."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from coach import paths
from coach.errors import ConflictError, DataFileError, NotFoundError, StoreError
from coach.models import TABLES, Record
from coach.store.backups import has_backup_of_day, make_backup
from coach.store.codec import decoder_for, first_unreadable, from_doc, to_doc
from coach.store.files import cause, ensure_folder, refuse_read_only, unlink_all
from coach.store.locations import real_path
from coach.store.lock import LockNotAFileError, lock_for
from coach.store.migrations import META, SCHEMA, SETTINGS, fresh_data
from coach.store.storage import SafeStorage

if TYPE_CHECKING:
    from tinydb import TinyDB

R = TypeVar("R", bound=Record)


class _Backend(Protocol):
    """What holds the data, with TinyDB's storage interface: `SafeStorage` for a file, `_MemoryBackend` in memory."""

    def read(self) -> dict[str, Any] | None: ...

    def write(self, data: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class _MemoryBackend:
    """The data of a store that lives only in memory (what TinyDB's MemoryStorage does)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data: dict[str, Any] | None = data

    def read(self) -> dict[str, Any] | None:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data

    def close(self) -> None:
        pass


Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The current time in the machine's zone: by name where it has one (see `local_zone`), so that a
    past or future moment converted to it gets that day's offset, not today's."""
    return datetime.now(local_zone())


def local_zone() -> tzinfo:
    """The machine's time zone by name (TZ, else /etc/localtime, else /etc/timezone), checked against the
    offset the C library reports now; the current fixed offset when no name can be found or trusted
    (a TZ such as "CET-1CEST,M3.5.0,M10.5.0/3", which names no zone)."""
    key = os.environ.get("TZ")
    cached = _ZONES.get(key)
    if cached is None:
        cached = _ZONES[key] = _find_local_zone(key)
    return cached


_ZONES: dict[str | None, tzinfo] = {}


def _find_local_zone(tz_variable: str | None) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    now = datetime.now().astimezone()
    fixed = now.tzinfo if now.tzinfo is not None else UTC
    candidates: list[str] = []
    if tz_variable:
        candidates.append(tz_variable.lstrip(":"))
    else:
        with contextlib.suppress(OSError):
            link = os.readlink("/etc/localtime")
            if "zoneinfo/" in link:
                candidates.append(link.split("zoneinfo/", 1)[1])
        with contextlib.suppress(OSError, UnicodeDecodeError):
            candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
        if now.astimezone(zone).utcoffset() == now.utcoffset():
            return zone
    return fixed


def reset_tinydb_caches(db: TinyDB) -> None:
    """Make TinyDB forget what it derived from the data (query caches, the next id), after a reload.

    TinyDB has no public way to do this: it reaches into `TinyDB._tables` and `Table._next_id`.
    tests/test_store.py names both, so a TinyDB that renames them fails there, loudly.
    """
    for table in db._tables.values():
        table.clear_cache()
        table._next_id = None


class Store:
    """coach's data: records in, records out, every change saved before the call returns.

    Keep calls on one thread (TinyDB is not thread-safe). Create with `Store.open(path)` or `Store.memory()`.
    """

    def __init__(self, path: Path | None, *, clock: Clock = local_now, lock_timeout: float = 10.0) -> None:
        self.path = path
        """The data file as the person named it (perhaps a symlink); messages name it."""
        self.target = None if path is None else real_path(path)
        """The real file behind `path`: saves replace it, its lock and backups sit beside it.
        Resolved once, when the store is made."""
        self.clock = clock
        self._models: dict[str, dict[int, Record]] = {}
        self._some: dict[str, dict[int, Record]] = {}
        """Records decoded one by one (`get` before the whole table was): reused when it is, so a record
        keeps its identity."""
        self._max_ids: dict[str, int] = {}
        """The highest id in each table of the data in memory, so an add doesn't scan every key."""
        self.generation = 0
        """Grows on every change, ours or from disk, so views know when to redraw."""
        self._backup_day: date | None = None
        self._checked_version: int | None = None
        """The version of the file (`SafeStorage.version`) whose every record was last checked."""
        self._lock_timeout = lock_timeout
        self._writer: int | None = None
        """The thread inside the outermost write (a write nested in it joins that one save)."""
        self._lock: contextlib.AbstractContextManager[Any]
        self._tinydb: TinyDB | None = None
        """TinyDB over the same data, made when a table operation first needs it (`_table`): reading and
        adding go to the data directly, so opening coach needn't import TinyDB (about 4 ms of a start)."""
        self._backend: _Backend
        if path is None:
            self._storage: SafeStorage | None = None
            self._backend = _MemoryBackend(fresh_data())
            self._lock = contextlib.nullcontext()
        else:
            assert self.target is not None
            self._storage = self._backend = SafeStorage(path, self._forget, target=self.target)
            self._lock = lock_for(self.target, timeout=lock_timeout)

    # opening

    @classmethod
    def open(cls, path: Path, *, clock: Clock = local_now, lock_timeout: float = 10.0) -> Store:
        """Open the data file at `path` (created on the first save if missing).

        Raises DataFileError, leaving the file untouched, if it can't be read or is from a newer coach.
        An older file is migrated forward after a backup (in memory only if the file is read-only).
        Opening stays cheap: records are decoded when first asked for, and every one is checked
        before the first write (or by `validate_all`).
        """
        store = cls(path, clock=clock, lock_timeout=lock_timeout)
        assert store._storage is not None and store.target is not None
        store.remove_leftover_temp_files(wait=False)
        store._storage.open()
        if store._storage.migrated_from is not None and path.exists() and store._may_write():
            with store._writing():
                store._backup(f"before-format-{SCHEMA}")
                store._storage.write(store._storage.read())
        return store

    @classmethod
    def memory(cls, *, clock: Clock = local_now) -> Store:
        """A store that lives only in memory: for tests and the demo."""
        return cls(None, clock=clock)

    def close(self) -> None:
        if self._tinydb is not None:
            self._tinydb.close()  # closes the storage too
        else:
            self._backend.close()

    # locations

    @property
    def backups_dir(self) -> Path | None:
        """The backups folder, beside the real file."""
        return None if self.target is None else paths.backups_dir(self.target)

    @property
    def lock_path(self) -> Path | None:
        """The lock file, beside the real file, so every spelling of one file takes the same lock."""
        return None if self.target is None else paths.lock_path(self.target)

    def _may_write(self) -> bool:
        if self.path is None or self.target is None:
            return True
        try:
            refuse_read_only(self.path, self.target)
        except StoreError:
            return False
        return True

    # change tracking

    def _forget(self) -> None:
        """Everything derived from the data is stale: after a reload or a failed save."""
        self._models.clear()
        self._some.clear()
        self._max_ids.clear()
        self.generation += 1
        if self._tinydb is not None:
            reset_tinydb_caches(self._tinydb)

    def reload_if_changed(self, *, thorough: bool = True) -> bool:
        """Reload the file if someone else changed it; True if it did. Raises DataFileError if it is now unreadable.

        `thorough` (the app's file watcher, every write) also compares the bytes while the file's
        timestamps are too fresh to trust; services reading figures pass False: one stat.
        """
        return self._storage.refresh(thorough=thorough) if self._storage is not None else False

    def validate_all(self) -> None:
        """Check that every record in the file can be read; DataFileError naming the file, the record
        and the fix if one can't.

        Every write does this first, once per version of the file, so a file with one damaged record is
        never rewritten. Call it early (the app does, after its first frame) to find out before anyone types.
        """
        if self._storage is not None:
            self._storage.refresh()
        self._check_all()

    def _check_all(self) -> None:
        storage = self._storage
        if storage is None or self._checked_version == storage.version:
            return  # a memory store holds only records built in code; coach's own saves keep a file valid
        if storage.records_checked:  # these very bytes were checked (or saved by coach) before: their seal says so
            self._checked_version = storage.version
            return
        for kind in TABLES.values():
            if kind.table in self._models:
                continue  # decoded from this version of the file already
            docs = self._raw(kind.table)
            bad = first_unreadable(kind, docs)
            if bad is not None:
                self._decode(kind, bad, docs[bad])  # raises, saying what is wrong with it
        self._checked_version = storage.version
        storage.records_checked = True

    def _take_lock(self) -> None:
        """Take the write lock; StoreError telling a lock held by another coach from a lock file coach can't make."""
        assert self.path is not None and self.lock_path is not None
        lock = self.lock_path
        try:
            self._lock.__enter__()
        except TimeoutError as exc:  # LockTimeout, or filelock's Timeout: another process really holds it
            raise StoreError(
                f"Couldn't save: another coach is saving to {self.path} and has held its lock ({lock}) for "
                f"{self._lock_timeout:g} s. Nothing was changed. Wait a moment and try again, or close the other coach."
            ) from exc
        except LockNotAFileError as exc:
            raise DataFileError(
                lock,
                "is not a regular file, so coach can't use it as its lock file",
                "Move it away; coach makes a new lock file when it next saves.",
            ) from exc
        except OSError as exc:
            if lock.is_symlink():
                raise DataFileError(
                    lock,
                    "is a symlink, so coach won't use it as its lock file",
                    "Remove it; coach makes a new lock file when it next saves.",
                ) from exc
            if lock.exists():
                problem = f"coach can't open its lock file {lock} ({cause(exc)})"
            else:
                problem = f"coach can't create its lock file in the folder {lock.parent} ({cause(exc)})"
            raise StoreError(f"Couldn't save to {self.path}: {problem}. Nothing was changed.") from exc

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """Several changes saved as one: all of them, once, at the end of the `with` block, or none.

        Adds, updates and deletes inside it join the same write (one lock, one check, one save); an
        exception inside it saves nothing of it. Reads inside it see the changes made so far.
        """
        return self._writing()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the lock, start from what is on disk, check every record, and save once at the end (or not at all)."""
        if self._writer == threading.get_ident():  # inside a transaction: join its save
            yield
            return
        if self.target is not None:
            ensure_folder(self.target.parent)
            self._take_lock()
        else:
            self._lock.__enter__()
        self._writer = threading.get_ident()
        try:
            if self._storage is None:
                yield
                self.generation += 1
                return
            assert self.path is not None and self.target is not None
            self._storage.refresh()
            refuse_read_only(self.path, self.target)
            # The save needs every table: parse the file now, in one go, rather than the table this
            # write looks at alone and then the rest (see `SafeStorage.peek_table`).
            self._storage.read()
            self._check_all()
            try:
                with self._storage.batch():
                    yield
                    if self._storage.dirty:
                        self._daily_backup()
            except BaseException:
                if self._storage.dirty:
                    self._storage.drop()
                raise
            self.generation += 1
        finally:
            self._writer = None
            self._lock.__exit__(None, None, None)

    # backups

    def _daily_backup(self) -> None:
        today = self.clock().date()
        if self._backup_day == today or self.target is None or not self.target.exists():
            return
        if not has_backup_of_day(self.target, today):
            self._backup("daily")
        self._backup_day = today

    def _backup(self, reason: str) -> Path | None:
        """Copy the data file into the backups folder and keep the newest seven."""
        if self.target is None or not self.target.exists():
            return None
        return make_backup(self.target, self.clock(), reason)

    def remove_leftover_temp_files(self, *, wait: bool = True) -> int:
        """Delete temp files a crashed save left beside the data file; the count removed.

        Every save holds the lock while its temp file exists, so holding the lock proves the
        temp files are leftovers. With `wait=False` (at open), a busy lock or a folder where the
        lock can't be made means "not now": nothing is removed and nothing is raised.
        """
        if self.target is None or not self.target.parent.is_dir():
            return 0
        folder = self.target.parent
        pattern = f".{self.target.name}.*.tmp"
        if not any(folder.glob(pattern)):
            return 0
        if not wait:
            lock: Any = self._lock
            try:
                lock.acquire(timeout=0)
            except Exception:  # LockTimeout (someone is saving), or a lock file we may not create
                return 0
            try:
                return unlink_all(folder.glob(pattern))
            finally:
                lock.release()
        with self._writing():
            return unlink_all(folder.glob(pattern))

    # raw access

    def _raw(self, table: str) -> dict[str, Any]:
        if self._storage is not None:
            sealed = self._storage.peek_table(table)
            if sealed is not None:
                return sealed
        data = self._backend.read() or {}
        result = data.get(table, {})
        return result if isinstance(result, dict) else {}

    def _table(self, name: str) -> Any:
        if self._tinydb is None:
            from tinydb import TinyDB

            backend = self._backend
            self._tinydb = TinyDB(storage=lambda: backend)
        return self._tinydb.table(name, cache_size=0)

    def _models_of(self, kind: type[R]) -> dict[int, R]:
        if self._storage is not None:
            self._storage.refresh(thorough=False)
        cached = self._models.get(kind.table)
        if cached is None:
            cached = {}
            some = self._some.pop(kind.table, None)
            docs = self._raw(kind.table)
            decode = decoder_for(kind)
            try:
                if some:
                    for key, doc in docs.items():
                        record_id = int(key)
                        known = some.get(record_id)
                        cached[record_id] = known if known is not None else decode(doc)
                else:  # the usual case, spelled out: one call per record
                    for key, doc in docs.items():
                        cached[int(key)] = decode(doc)
            except ValueError:
                bad = first_unreadable(kind, docs)
                if bad is not None:
                    self._decode(kind, bad, docs[bad])  # raises, saying what is wrong with it
                raise
            self._models[kind.table] = cached
        return cached  # type: ignore[return-value]

    def _decode(self, kind: type[R], key: str, doc: dict[str, Any]) -> R:
        """The record in `doc`; DataFileError naming the file, the record and the fix if it can't be read."""
        try:
            return from_doc(kind, doc)
        except ValueError as exc:
            raise DataFileError(
                self.path or Path(":memory:"),
                f"has a {kind.__name__.lower()} (#{key}) coach can't read: {exc}",
                f"Fix that record by hand, or restore a copy from {self.backups_dir}.",
            ) from None

    # reading

    def all(self, kind: type[R]) -> list[R]:
        """Every record of `kind`, oldest id first."""
        return list(self._models_of(kind).values())

    def read_whole(self) -> None:
        """Parse the whole file now if only some tables were read so far (see `SafeStorage.peek_table`).
        The first write needs every table; an app calls this while idle, so that its first save doesn't
        wait for the parse (about 0.4 s at 100,000 records)."""
        if self._storage is not None:
            self._storage.refresh(thorough=False)
            self._storage.read()

    def decoded(self, kind: type[R]) -> bool:
        """True once every record of `kind` has been read into memory (`all` costs nothing more)."""
        return kind.table in self._models

    def documents(self, kind: type[R]) -> list[dict[str, Any]]:
        """The stored documents of `kind` as they are in the file (oldest id first), without building a
        record: for a figure that needs two fields of every record. Read-only; nothing in them is checked
        (a document that isn't as coach writes it is the caller's cue to use `all`, which says what is wrong)."""
        if self._storage is not None:
            self._storage.refresh(thorough=False)
        return list(self._raw(kind.table).values())

    def count(self, kind: type[R]) -> int:
        if self._storage is not None:
            self._storage.refresh(thorough=False)
            sealed = self._storage.peek_count(kind.table)
            if sealed is not None:
                return sealed
        return len(self._raw(kind.table))

    def get(self, kind: type[R], record_id: int) -> R:
        """The record of `kind` with `record_id`; NotFoundError if there is none."""
        if kind.table not in self._models:  # only this one is wanted: decode it alone
            if self._storage is not None:
                self._storage.refresh(thorough=False)
            if kind.table not in self._models:
                some = self._some.setdefault(kind.table, {})
                record = some.get(record_id)
                if record is None:
                    doc = self._raw(kind.table).get(str(record_id))
                    if doc is None:
                        raise NotFoundError(f"There is no {kind.__name__.lower()} #{record_id}.")
                    record = some[record_id] = self._decode(kind, str(record_id), doc)
                return record  # type: ignore[return-value]
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
        data = self._backend.read()
        assert data is not None
        data.setdefault(table, {})[str(doc_id)] = doc
        self._backend.write(data)

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
            last: dict[str, int] = {}
            data = self._backend.read()
            assert data is not None
            for record in records:
                table = record.table
                new_id = last[table] + 1 if table in last else self._next_id(table)
                stamped = dataclasses.replace(
                    record,
                    id=new_id,
                    created=record.created if record.created.year > 1970 else now,
                    updated=now,
                )
                data.setdefault(table, {})[str(new_id)] = to_doc(stamped)
                last[table] = new_id
                saved.append(stamped)
            self._backend.write(data)
            for table, new_id in last.items():  # once per table, not once per record
                self._remember_last_id(table, new_id)
        for record in saved:
            self._some.pop(record.table, None)
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
                    theirs = self._decode(kind, str(record.id), current_doc)
                    noun = kind.__name__.lower()
                    raise ConflictError(
                        f"This {noun} was changed somewhere else while you were editing it "
                        f"({', '.join(clashes)}). Nothing was saved yet; choose which to keep.",
                        kind=kind,
                        record_id=record.id,
                        changes={name: (getattr(theirs, name), getattr(record, name)) for name in clashes},
                        current=theirs,
                    )
                new_doc = {name: value for name, value in new_doc.items() if value != base_doc.get(name)}
            saved_updated = self.clock()
            new_doc["updated"] = saved_updated.isoformat()
            merged = {**current_doc, **new_doc}
            self._put(kind.table, record.id, merged)
        result = from_doc(kind, merged)
        self._some.pop(kind.table, None)
        cache = self._models.get(kind.table)
        if cache is not None:
            cache[record.id] = result
        return result

    def delete(self, kind: type[R], record_id: int, *, base: R | None = None) -> None:
        """Remove a record; NotFoundError if it is already gone.

        With `base` (the copy the person chose to remove), ConflictError if it was changed somewhere
        else since, so nothing they haven't seen is thrown away; `base=error.current` removes it anyway.
        """
        with self._writing():
            current_doc = self._raw(kind.table).get(str(record_id))
            if current_doc is None:
                raise NotFoundError(f"There is no {kind.__name__.lower()} #{record_id} any more.")
            if base is not None:
                base_doc = to_doc(base)
                clashes = [
                    name
                    for name, value in base_doc.items()
                    if name not in ("updated", "created", "id") and current_doc.get(name) != value
                ]
                if clashes:
                    theirs = self._decode(kind, str(record_id), current_doc)
                    noun = kind.__name__.lower()
                    raise ConflictError(
                        f"This {noun} was changed somewhere else after you chose to remove it "
                        f"({', '.join(clashes)}). Nothing was removed yet.",
                        kind=kind,
                        record_id=record_id,
                        changes={name: (getattr(theirs, name), getattr(base, name)) for name in clashes},
                        current=theirs,
                    )
            self._table(kind.table).remove(doc_ids=[record_id])
        self._some.pop(kind.table, None)
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
            from tinydb.table import Document

            self._table(SETTINGS).upsert(Document(current, doc_id=1))

    # export

    def export(self) -> dict[str, Any]:
        """Everything, as one JSON-ready document keyed by table name, with the schema version."""
        document: dict[str, Any] = {"schema": SCHEMA}
        for name, kind in TABLES.items():
            document[name] = [to_doc(record) for record in self.all(kind)]
        return document
