"""TinyDB's storage interface over coach's file handling: data kept in memory, saved atomically."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from coach.errors import DataFileError, StoreError
from coach.store.files import (
    Stamp,
    atomic_write,
    parse,
    parse_checked,
    paused_gc,
    read_raw,
    same_bytes,
    stamp_of,
)
from coach.store.migrations import fresh_data, migrate
from coach.store.seal import SMALL_TABLES, Seal, TableSpans, read_seal, seal_later, write_pending, write_seal

RACY_WINDOW_NS = 3 * 10**9
"""How long after a file's last change its timestamps can't tell a second change from the first, on a
file system that keeps whole seconds (FAT steps 2 s, HFS+ and some network shares 1 s).

An outside edit in the same step as coach's own save, with the same size, leaves the stamp as it was.
So after each save or load whose ctime is that recent, the next check also compares the bytes, and
keeps doing so until a check made after the window finds them equal (the "racily clean" case git has).
"""
FINE_RACY_WINDOW_NS = 250 * 10**6
"""The same window where timestamps carry fractions of a second (Linux steps a few ms)."""

now_ns: Callable[[], int] = time.time_ns
"""The clock the racy window is measured with (tests replace it)."""


class SafeStorage:
    """A TinyDB storage that keeps the data in memory and saves it atomically.

    `read` hands TinyDB the in-memory data, reloading only when the file changed on disk.
    `write` inside `batch()` only marks the data dirty; the batch ends with one save.
    A failed save drops the in-memory copy, so the next read comes from the untouched file.

    `path` is the file as the person named it (read and looked at through any symlink, named in
    messages); `target` is the real file, the one a save replaces.

    A file whose bytes match their seal (coach checked or wrote exactly them: see `coach.store.seal`)
    is not checked again; `open` then leaves them unparsed until the first read, and answers the
    first frame's questions (how many records, the small tables) from the seal.
    """

    def __init__(self, path: Path, on_reload: Callable[[], None], *, target: Path | None = None) -> None:
        self.path = path
        self.target = target or path
        self._on_reload = on_reload
        self._data: dict[str, Any] | None = None
        self._pending: bytes | None = None
        """The file's bytes, sealed and not parsed yet (after `open`, until the first read)."""
        self._seal: Seal | None = None
        """The seal the pending bytes matched."""
        self._tables: dict[str, dict[str, Any]] = {}
        """Tables parsed one by one from the pending bytes (see `peek_table`)."""
        self._spans: TableSpans | None = None
        """Where each table lies in the pending bytes, found as far as asked."""
        self._tables_of: bytes | None = None
        """The pending bytes `_tables` and `_spans` were read from."""
        self._known: Stamp | None = None
        self._known_bytes: bytes | None = None
        """The file's bytes while its stamp is too fresh to trust on its own (see RACY_WINDOW_NS)."""
        self._batch = 0
        self._dirty = False
        self.version = 0
        """Grows each time the data is loaded from the file (not when coach saves its own change)."""
        self.records_checked = False
        """Every record of the data in memory is known to be readable: the file's seal says so, or the store
        checked them (`Store._check_all`). A save's seal carries it on."""
        self.migrated_from: int | None = None
        """The schema the file had when it was last loaded, if it needed migrating."""

    # TinyDB's interface

    def read(self) -> dict[str, Any]:
        if self._data is None:
            if self._pending is not None:
                self._unseal()
            else:
                self._load()
        assert self._data is not None
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._dirty = True
        if not self._batch:
            self.flush()

    def close(self) -> None:
        write_pending(self.target)
        self._data = None
        self._pending = None
        self._forget_tables()
        self._known_bytes = None

    def open(self) -> None:
        """Read and check the file, or recognise it by its seal and leave the parse for the first read.

        Raises DataFileError, touching nothing, for a file coach must not use."""
        if self._data is None and self._pending is None:
            self._load(lazy=True)

    def peek_count(self, table: str) -> int | None:
        """How many records `table` holds, from the seal while the file is not parsed yet; None otherwise."""
        if self._data is None and self._pending is not None and self._seal is not None:
            return self._seal.counts.get(table, 0)
        return None

    def peek_table(self, table: str) -> dict[str, Any] | None:
        """One table while the file is not parsed as a whole yet (after `open`, until the first `read`);
        None otherwise (read it the usual way). Not to be changed in place.

        The small tables (meta, settings) come from the seal. Any other table is parsed alone when the
        sealed bytes are laid out as coach saves them: `coach today` needs the people and the log, not
        thousands of thoughts, and Home's first figures needn't wait for the Fear Monger's table."""
        seal = self._seal
        if self._data is None and self._pending is not None and seal is not None:
            if table in SMALL_TABLES:
                return seal.small.get(table, {})
            if seal.laid_out:
                return self._table_alone(self._pending, seal, table)
        return None

    def _table_alone(self, raw: bytes, seal: Seal, table: str) -> dict[str, Any] | None:
        if self._tables_of is not raw:
            self._forget_tables()
            self._tables_of = raw
        found = self._tables.get(table)
        if found is not None:
            return found
        if table not in seal.counts:
            return {}  # no such table in the file
        if self._spans is None:
            self._spans = TableSpans(raw, list(seal.counts))
        span = self._spans.span(table)
        if span is None:  # not where the layout says: parse it all
            return None
        try:
            with paused_gc():
                found = orjson.loads(memoryview(raw)[span[0] : span[1]])  # a view: no copy of the table's bytes
        except orjson.JSONDecodeError:  # pragma: no cover - bytes that match their seal parse
            return None
        if not isinstance(found, dict):  # pragma: no cover - as above
            return None
        self._tables[table] = found
        return found

    def _forget_tables(self) -> None:
        self._tables = {}
        self._spans = None
        self._tables_of = None

    @property
    def parsed(self) -> bool:
        """False while the file is known by its seal only (see `open`)."""
        return self._pending is None

    # ours

    @property
    def dirty(self) -> bool:
        """True while a batch holds changes not yet saved."""
        return self._dirty

    def current_stamp(self) -> Stamp | None:
        try:
            return stamp_of(os.stat(self.path))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DataFileError(
                self.path, f"can't be checked ({exc.strerror})", "Check the file's permissions."
            ) from None

    def _remember(self, stamp: Stamp | None, raw: bytes) -> None:
        self._known = stamp
        self._known_bytes = raw if stamp is not None and _racy(stamp) else None

    def unchanged(self, *, thorough: bool = True) -> bool:
        """True when the file on disk is the one this storage last read or wrote.

        One stat, except while the file's timestamps are too fresh to trust: then a thorough check
        compares its bytes too. Writes and the app's file watcher check thoroughly; plain reads only
        stat (re-reading a 40 MB file on every read right after a save made each figure slow, and a
        read that is a moment stale loses nothing: the next write or watcher tick compares the bytes).
        """
        current = self.current_stamp()
        if current != self._known:
            return False
        if self._known_bytes is None or current is None or not thorough:
            return True
        settled = not _racy(current)  # decided before reading: a change after the read moves the ctime
        try:
            if not same_bytes(self.path, self._known_bytes):
                return False
        except (OSError, DataFileError):
            return False  # let the reload say what is wrong
        if settled:
            self._known_bytes = None
        return True

    def _loaded(self) -> bool:
        return self._data is not None or self._pending is not None

    def changed_on_disk(self) -> bool:
        """True when the file is not the one this storage last read or wrote."""
        return self._loaded() and not self.unchanged()

    def refresh(self, *, thorough: bool = True) -> bool:
        """Reload if the file changed on disk; True if it did. `thorough`: see `unchanged`."""
        if self._loaded() and not self.unchanged(thorough=thorough):
            self._data = None
            self._pending = None
            self._load()
            return True
        return False

    def drop(self) -> None:
        """Forget the in-memory copy (after a failed save); the next read reloads the file."""
        self._data = None
        self._pending = None
        self._forget_tables()
        self._dirty = False
        self._known_bytes = None
        self.records_checked = False
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

    def _load(self, *, lazy: bool = False) -> None:
        """Read the file: checked in full, or recognised by its seal (then left unparsed if `lazy`)."""
        raw, stamp = read_raw(self.path)
        seal = read_seal(self.target, raw) if stamp is not None else None
        self._seal = seal
        self.records_checked = seal is not None and seal.records
        if seal is not None:
            self._data, self._pending, self.migrated_from = None, raw, None
            if not lazy:
                self._unseal()
        else:
            self._pending = None
            data = parse_checked(self.path, raw) if stamp is not None else fresh_data()
            self._data, self.migrated_from = migrate(data)
            if stamp is not None and self.migrated_from is None:
                write_seal(self.target, raw, data)
        self._remember(stamp, raw)
        self._dirty = False
        self.version += 1
        self._on_reload()

    def _unseal(self) -> None:
        """Parse the pending bytes, which match their seal: checked when it was written, so not again."""
        raw = self._pending
        assert raw is not None
        self._data = self._join_tables(raw) or parse(self.path, raw)
        self._pending = None
        self._forget_tables()

    def _join_tables(self, raw: bytes) -> dict[str, Any] | None:
        """The whole data from the tables already read alone and the rest parsed the same way (a command
        that read the people before saving needn't parse them twice); None if none was read alone."""
        if not self._tables or self._tables_of is not raw or self._spans is None:
            return None
        spans = self._spans.all()
        if spans is None:
            return None
        data: dict[str, Any] = {}
        view = memoryview(raw)  # parsed in place: slices of bytes would copy each table first
        try:
            with paused_gc():
                for name, (start, end) in spans.items():
                    table = self._tables.get(name)
                    data[name] = table if table is not None else orjson.loads(view[start:end])
        except orjson.JSONDecodeError:  # pragma: no cover - bytes that match their seal parse
            return None
        return data

    def flush(self) -> None:
        assert self._data is not None
        try:
            payload = orjson.dumps(self._data, option=orjson.OPT_INDENT_2)
            self._remember(atomic_write(self.target, payload), payload)
            # The seal is written at close or exit: a save needn't wait for its CRC.
            seal_later(self.target, payload, self._data, records=self.records_checked)
        except orjson.JSONEncodeError as exc:
            # Text that is not valid Unicode (a lone surrogate) reached the store without clean_text.
            self.drop()
            raise StoreError(f"Couldn't save to {self.path}: {exc}. Nothing was changed.") from exc
        except BaseException:
            self.drop()
            raise
        self._dirty = False


def _racy(stamp: Stamp) -> bool:
    """True while the file's last change is too recent for its timestamps to tell another change from it."""
    _dev, _ino, _size, mtime, ctime = stamp
    coarse = mtime % 10**9 == 0 and ctime % 10**9 == 0
    return now_ns() - ctime < (RACY_WINDOW_NS if coarse else FINE_RACY_WINDOW_NS)
