"""Where coach keeps its data: --data, then $COACH_DATA, then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "COACH_DATA"
FILE_NAME = "coach.json"


class DataPathError(ValueError):
    """A data file location that names no file (empty or only spaces): a usage error, never the default."""


def default_data_path() -> Path:
    """The data file used when neither --data nor $COACH_DATA says otherwise."""
    from platformdirs import user_data_path

    return user_data_path("coach", appauthor=False) / FILE_NAME


def data_path(option: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the data file: the --data option wins, then $COACH_DATA, then the default.

    A given but empty location (`--data ""`, `COACH_DATA=""`, or only spaces) raises DataPathError
    rather than quietly falling back to the default file: that is almost always a script whose
    variable came out empty, and writing to someone's real data would be the wrong guess.
    """
    if option is not None:
        return _given(os.fspath(option), "--data")
    from_env = os.environ.get(ENV_VAR)
    if from_env is not None:
        return _given(from_env, ENV_VAR)
    return default_data_path()


def _given(value: str, source: str) -> Path:
    if not value.strip():
        raise DataPathError(f"{source} is empty; give the data file's path, or leave {source} out for the default")
    return Path(value).expanduser().absolute()


def backups_dir(path: Path) -> Path:
    """The folder that holds the daily and pre-migration copies of `path`."""
    return path.parent / "backups"


def lock_path(path: Path) -> Path:
    """The lock file that lets one coach write at a time."""
    return path.with_name(path.name + ".lock")
