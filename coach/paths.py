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


def protected_paths(path: Path) -> dict[Path, str]:
    """What an export must never be written onto, as real paths, each with what it is.

    The data file, its lock file and its backups folder, both as `path` names them and as the
    link's target does when `path` is a symlink. Anything inside the backups folder is protected
    too (see `protection`).
    """
    found: dict[Path, str] = {}
    for data in (path, Path(os.path.realpath(path))):
        found.setdefault(Path(os.path.realpath(data)), "the data file itself")
        found.setdefault(Path(os.path.realpath(lock_path(data))), "the data file's lock")
        found.setdefault(Path(os.path.realpath(backups_dir(data))), "the data file's backups folder")
    return found


def protection(target: Path, data: Path) -> str | None:
    """What writing to `target` would overwrite of `data`'s (by any spelling, symlink or hard link), or None."""
    real = Path(os.path.realpath(target))
    for protected, what in protected_paths(data).items():
        if real == protected:
            return what
        if protected in real.parents:
            return f"inside {what}"
    try:
        if os.path.samefile(target, data):  # a hard link to the data file, a bind mount
            return "the data file itself (another name for it)"
    except OSError:
        pass
    return None
