"""Where coach keeps its data: --data, then $COACH_DATA, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "COACH_DATA"
FILE_NAME = "coach.json"


def default_data_path() -> Path:
    """The data file used when neither --data nor $COACH_DATA says otherwise."""
    from platformdirs import user_data_path

    return user_data_path("coach", appauthor=False) / FILE_NAME


def data_path(option: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the data file: the --data option wins, then $COACH_DATA, then the default."""
    chosen = option if option not in (None, "") else os.environ.get(ENV_VAR) or None
    if chosen is None:
        return default_data_path()
    return Path(chosen).expanduser().absolute()


def backups_dir(path: Path) -> Path:
    """The folder that holds the daily and pre-migration copies of `path`."""
    return path.parent / "backups"


def lock_path(path: Path) -> Path:
    """The lock file that lets one coach write at a time."""
    return path.with_name(path.name + ".lock")
