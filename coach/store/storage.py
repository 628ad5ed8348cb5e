"""TinyDB's storage interface over coach's file handling: data kept in memory, saved atomically."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from coach.errors import DataFileError, StoreError
from coach.store.files import Stamp, atomic_write, load_file, stamp_of
from coach.store.migrations import migrate


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
        self._known: Stamp | None = None
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
        self._data, self.migrated_from = migrate(data)
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
