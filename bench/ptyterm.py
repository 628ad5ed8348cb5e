"""A tiny terminal for the benchmarks: runs a program in a real pseudo-terminal and timestamps its frames.

How a frame is recognised: Textual asks the terminal whether it supports synchronised output
(DECRQM `CSI ? 2026 $ p`). This terminal answers yes (`CSI ? 2026 ; 2 $ y`), the way kitty, WezTerm,
iTerm2, foot or Windows Terminal do, so Textual wraps every frame it draws in `CSI ? 2026 h` ...
`CSI ? 2026 l`. A frame ends at the chunk of output that holds the closing `CSI ? 2026 l`; its time is
when that chunk was read from the pseudo-terminal (time.perf_counter in this process, the same clock
used to stamp the start of the process or the write of a key). Nothing is drawn to a screen: a frame's
text is its output with escape sequences removed, which is enough to tell which frame shows what.

Output drawn before the program learns that the terminal supports synchronised output has no
closing sequence; such output is counted as a frame when it is followed by a quiet gap (see
`settle`), but in practice Textual receives the answer before it paints its first screen.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"
SYNC_END = b"\x1b[?2026l"

_ESCAPES = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS and friends
    rb"|\x1b[()*+][\x20-\x7e]"  # charset selection
    rb"|\x1b[\x20-\x7e]"  # two-byte escapes
)

KEYS: dict[str, bytes] = {
    "enter": b"\r",
    "tab": b"\t",
    "escape": b"\x1b",
    "backspace": b"\x7f",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "ctrl+q": b"\x11",
    "ctrl+u": b"\x15",
    "f1": b"\x1bOP",
    "f2": b"\x1bOQ",
    "f3": b"\x1bOR",
    "f4": b"\x1bOS",
    "f5": b"\x1b[15~",
    "f6": b"\x1b[17~",
    "f7": b"\x1b[18~",
    "f8": b"\x1b[19~",
    "f9": b"\x1b[20~",
}
"""What an xterm-style terminal sends for each key (legacy encoding; this terminal never answers
the kitty keyboard query, so Textual reads these)."""


def plain_text(output: bytes) -> str:
    """`output` with every escape sequence removed: the characters a frame writes."""
    return _ESCAPES.sub(b"", output).decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Frame:
    index: int
    end: float
    """perf_counter() when the chunk holding the frame's end was read."""
    raw: bytes

    @property
    def text(self) -> str:
        return plain_text(self.raw)


class PtyTerminal:
    """One program running in a pseudo-terminal of `size` (columns, rows), its frames recorded."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        size: tuple[int, int] = (100, 32),
        env: Mapping[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        self.argv = list(argv)
        self.size = size
        child_env = dict(os.environ if env is None else env)
        child_env.setdefault("TERM", "xterm-256color")
        child_env.setdefault("COLORTERM", "truecolor")
        child_env.pop("TEXTUAL", None)
        self.env = child_env
        self.cwd = cwd
        self.frames: list[Frame] = []
        self.exited_at: float | None = None
        self.eof_at: float | None = None
        self.started_at = 0.0
        self._buffer = bytearray()
        self._frame_start = 0
        self._last_read = 0.0
        self._cond = threading.Condition()
        self._master = -1
        self.process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._waiter: threading.Thread | None = None

    # lifecycle

    def start(self) -> float:
        """Start the program; returns the perf_counter() taken just before it was spawned."""
        master, slave = os.openpty()
        columns, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._master = master
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            self.argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=self.env,
            cwd=self.cwd,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read_loop, name="pty-reader", daemon=True)
        self._reader.start()
        self._waiter = threading.Thread(target=self._wait_loop, name="pty-waiter", daemon=True)
        self._waiter.start()
        return self.started_at

    def __enter__(self) -> PtyTerminal:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the program if it still runs (SIGTERM, then SIGKILL) and release the terminal."""
        process = self.process
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._waiter is not None:
            self._waiter.join(timeout)
        if self._reader is not None:
            self._reader.join(timeout)
        if self._master >= 0:
            with contextlib.suppress(OSError):
                os.close(self._master)
            self._master = -1

    # input

    def write(self, data: bytes) -> float:
        """Send bytes as if typed; returns the perf_counter() taken just before the write."""
        sent_at = time.perf_counter()
        os.write(self._master, data)
        return sent_at

    def press(self, key: str) -> float:
        """Send one key by name (see KEYS) or one printable character."""
        return self.write(KEYS.get(key, key.encode()))

    # output

    def _read_loop(self) -> None:
        pending = b""
        while True:
            try:
                ready, _, _ = select.select([self._master], [], [], 0.5)
            except (OSError, ValueError):
                break
            if not ready:
                if self.exited_at is not None:
                    break
                continue
            try:
                chunk = os.read(self._master, 1 << 16)
            except OSError:  # EIO: the program and every process holding the terminal are gone
                chunk = b""
            now = time.perf_counter()
            if not chunk:
                with self._cond:
                    self.eof_at = now
                    self._cond.notify_all()
                break
            window = pending + chunk
            if SYNC_QUERY in window:
                with contextlib.suppress(OSError):
                    os.write(self._master, SYNC_REPLY)
            pending = window[-(len(SYNC_QUERY) - 1) :]
            with self._cond:
                scan_from = max(self._frame_start, len(self._buffer) - len(SYNC_END) + 1)
                self._buffer += chunk
                self._last_read = now
                while True:
                    end = self._buffer.find(SYNC_END, scan_from)
                    if end < 0:
                        break
                    end += len(SYNC_END)
                    raw = bytes(self._buffer[self._frame_start : end])
                    self.frames.append(Frame(len(self.frames), now, raw))
                    self._frame_start = scan_from = end
                self._cond.notify_all()

    def _wait_loop(self) -> None:
        assert self.process is not None
        self.process.wait()
        with self._cond:
            self.exited_at = time.perf_counter()
            self._cond.notify_all()

    def wait_frame(
        self,
        predicate: Callable[[Frame], bool] = lambda frame: True,
        *,
        after: int = 0,
        timeout: float = 30.0,
    ) -> Frame:
        """The first frame from index `after` on that satisfies `predicate`; TimeoutError if none comes."""
        deadline = time.perf_counter() + timeout
        checked = after
        with self._cond:
            while True:
                while checked < len(self.frames):
                    frame = self.frames[checked]
                    checked += 1
                    if predicate(frame):
                        return frame
                if self.exited_at is not None and self.eof_at is not None:
                    raise TimeoutError(f"{self.argv[0]} exited before the expected frame:\n{self.tail()}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"no expected frame from {self.argv} within {timeout} s:\n{self.tail()}")
                self._cond.wait(left)

    def settle(self, quiet: float = 0.15, timeout: float = 10.0) -> None:
        """Wait until the program has written nothing for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        with self._cond:
            while time.perf_counter() < deadline:
                idle = time.perf_counter() - max(self._last_read, self.started_at)
                if idle >= quiet or self.exited_at is not None:
                    return
                self._cond.wait(quiet - idle)

    def wait_exit(self, timeout: float = 30.0) -> float:
        """perf_counter() when the program exited (its waitpid returned)."""
        deadline = time.perf_counter() + timeout
        with self._cond:
            while self.exited_at is None:
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"{self.argv} did not exit within {timeout} s")
                self._cond.wait(left)
            return self.exited_at

    def last_frame_end(self) -> float:
        """perf_counter() when the latest frame ended (0.0 before the first)."""
        with self._cond:
            return self.frames[-1].end if self.frames else 0.0

    @property
    def frame_count(self) -> int:
        with self._cond:
            return len(self.frames)

    def tail(self, size: int = 2000) -> str:
        return plain_text(bytes(self._buffer[-size:]))
