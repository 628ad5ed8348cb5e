"""One writer at a time across processes: an exclusive lock on a file beside the data."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Any

from coach import paths
from coach.store.files import FILE_MODE


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than the timeout."""


class LockNotAFileError(OSError):
    """Something that is not a regular file (a FIFO, a device) sits where the lock file goes."""


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
        # O_NONBLOCK: a FIFO put where the lock file goes must not hang the open. O_NOFOLLOW: a symlink
        # there must not make coach chmod whatever it points at (the lock sits beside the real data file).
        flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, self.mode)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise LockNotAFileError(errno.EINVAL, "not a regular file", str(self.path))
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
