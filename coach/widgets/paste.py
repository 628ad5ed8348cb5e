"""Pastes that arrive whole and in order, even when they hold an escape character.

Why this exists: with bracketed paste, the terminal wraps a paste in ESC[200~ ... ESC[201~.
Textual 8's `XTermParser` collects the characters between the two markers, but when an ESC
appears inside the paste it starts reading an escape sequence instead, and the characters of
that sequence never reach the paste buffer: they are sent as separate key presses (the ESC itself
as "^") as soon as the next ESC or 32 characters arrive, while the paste event, holding only what
came before the first ESC, is sent at the end. So pasting `abc ESC[31mred ESC[0m xyz` types
`^[31mred^[0m xyzabc` into an Input: reordered, and not the text pasted.

`PasteSafeParser` removes every ESC inside a paste (except the one that ends it) before Textual's
parser sees it, which is what coach's text rule does to an ESC anyway (`coach.text`): the paste
then arrives as one `Paste` event, every other character kept and in order. Keys typed outside a
paste reach Textual untouched and are never delayed.

`keep_pastes_whole()` installs it; `coach.__main__` calls it before the app starts. It replaces the
name `XTermParser` in Textual's driver modules, which is not public API: tests/test_text_input.py
checks that those drivers still build their parser from that name and fails, naming it, if a
Textual upgrade changes that.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message

ESC = "\x1b"

DRIVER_MODULES = ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver")
"""Textual's driver modules that build an `XTermParser` by that name in their input thread (on POSIX)."""


class PasteSafeParser(XTermParser):
    """Textual's terminal input parser, with any ESC inside a bracketed paste removed before parsing."""

    def __init__(self, debug: bool = False) -> None:
        self._in_paste = False
        self._held = ""  # inside a paste: what may be the start of the end marker, until the next read says
        self._tail = ""  # outside a paste: the last few characters passed on, to find a start marker split in two
        super().__init__(debug)

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input
            self._held = ""
            return super().feed(data)
        filtered = self._filter(data)
        return super().feed(filtered) if filtered else ()

    def _filter(self, data: str) -> str:
        text, self._held = self._held + data, ""
        out: list[str] = []
        index = 0
        while index < len(text):
            if not self._in_paste:
                rest = text[index:]
                window = self._tail + rest
                found = window.find(BRACKETED_PASTE_START)
                if found == -1:
                    out.append(rest)
                    self._tail = window[-(len(BRACKETED_PASTE_START) - 1) :]
                    break
                after = found + len(BRACKETED_PASTE_START) - len(self._tail)
                out.append(rest[:after])
                index += after
                self._in_paste, self._tail = True, ""
                continue
            escape = text.find(ESC, index)
            if escape == -1:
                out.append(text[index:])
                break
            out.append(text[index:escape])
            rest = text[escape:]
            if rest.startswith(BRACKETED_PASTE_END):
                out.append(BRACKETED_PASTE_END)
                index = escape + len(BRACKETED_PASTE_END)
                self._in_paste = False
            elif BRACKETED_PASTE_END.startswith(rest):
                self._held = rest  # the end marker cut between two reads: decide with the next one
                break
            else:
                index = escape + 1  # an ESC inside the paste: dropped, as the text rule drops it
        return "".join(out)


def keep_pastes_whole() -> None:
    """Make Textual's terminal drivers parse input with `PasteSafeParser` (idempotent)."""
    for name in DRIVER_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # not on this platform (termios): the Windows driver keeps Textual's parser
            continue
        # If a Textual upgrade renames it, pastes with an ESC are reordered again, but nothing breaks;
        # the test that names the attribute fails.
        if hasattr(module, "XTermParser"):
            module.XTermParser = PasteSafeParser  # type: ignore[attr-defined]
