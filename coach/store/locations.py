"""Where the data file really is, and the files that go with it.

A data file may be a symlink (people keep their notes in a synced folder and link to it). coach writes
through the link: the real file (the link's target) is replaced, the link stays. The lock file and the
backups folder sit beside the real file, so every spelling of one file (the link, the target, a relative
path) takes the same lock and shares one set of backups.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from coach import paths


def real_path(path: Path) -> Path:
    """The file `path` names once every symlink is followed (the file itself if it is not a link)."""
    return Path(os.path.realpath(path))


def lock_file(path: Path) -> Path:
    """The lock file of the data file at `path`: beside the real file."""
    return paths.lock_path(real_path(path))


def backups_folder(path: Path) -> Path:
    """The backups folder of the data file at `path`: beside the real file."""
    return paths.backups_dir(real_path(path))


def protected_paths(data_path: Path) -> set[Path]:
    """Resolved paths no export (or other output) may be written to: the data file and its symlink
    target, the lock file, the backups folder and every file in it, under each spelling (beside the
    link as well as beside the target). A path whose resolved parent is a protected backups folder
    is protected too: check it with `is_protected`.
    """
    given = Path(os.path.abspath(data_path))
    target = real_path(given)
    found: set[Path] = {given, _beside(given), target}
    for spelling in (given, target):
        found.add(paths.lock_path(spelling))
        backups = paths.backups_dir(spelling)
        found.add(backups)
        with contextlib.suppress(OSError):
            found.update(backups.iterdir())
    return {Path(os.path.realpath(p)) for p in found} | {_beside(p) for p in found}


def _beside(path: Path) -> Path:
    """`path` with its folder resolved but its own name not followed (the link itself, if it is one)."""
    return Path(os.path.realpath(path.parent)) / path.name


def is_protected(out: Path, data_path: Path) -> bool:
    """True if writing to `out` would replace the data file, its lock, or anything in its backups folders."""
    protected = protected_paths(data_path)
    resolved = Path(os.path.realpath(out))
    backups = {paths.backups_dir(spelling) for spelling in (Path(os.path.abspath(data_path)), real_path(data_path))}
    backups = {Path(os.path.realpath(b)) for b in backups}
    return resolved in protected or resolved.parent in backups
