"""Copies of the data file in the backups folder: once a day and before each migration, the last seven kept."""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import date, datetime
from pathlib import Path

from coach import paths
from coach.errors import StoreError
from coach.store.files import FILE_MODE, cause, ensure_folder

KEEP_BACKUPS = 7


def has_backup_of_day(path: Path, day: date) -> bool:
    """True if the backups folder already holds a copy of `path` made on `day`."""
    return any(paths.backups_dir(path).glob(f"{path.stem}-{day:%Y%m%d}-*.json"))


def make_backup(path: Path, now: datetime, reason: str) -> Path:
    """Copy the data file at `path` into its backups folder and keep the newest seven; the copy's path."""
    folder = paths.backups_dir(path)
    ensure_folder(folder)
    target = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S}-{reason}.json"
    tmp = target.with_suffix(".tmp")
    try:
        shutil.copyfile(path, tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()  # a half-written copy on a full disk would only take more room
        raise StoreError(f"Couldn't write a backup to {folder}: {cause(exc)}. Nothing was changed.") from exc
    copies = sorted(folder.glob(f"{path.stem}-*.json"))
    for old in copies[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target
