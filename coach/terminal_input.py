"""How coach reads the terminal: every byte decoded without a crash, every paste whole and in order.

Two fixes to Textual 8's input on POSIX, installed by `harden_terminal_input()`, which
`coach.__main__` calls before the app starts:

* Bytes that aren't UTF-8 (a terminal set to Latin-1 sends é as the single byte 0xE9) make the
  driver's strict decoder raise in its input thread, and the app dies with a traceback, losing
  what was being typed. coach decodes them with `surrogateescape` instead: they arrive as lone
  surrogates, which no field inserts (`coach.widgets.text_input.TextInput` says why) and the text
  rule refuses to store (`coach.text`).
* With bracketed paste, the terminal wraps a paste in ESC[200~ ... ESC[201~. Textual's
  `XTermParser` collects the characters between the markers, but an ESC inside the paste starts
  an escape sequence instead, and that sequence's characters never reach the paste buffer: they
  are sent as separate key presses (the ESC itself as "^") as soon as the next ESC or 32
  characters arrive, while the paste event, holding only what came before the first ESC, is sent
  at the end. So pasting `abc ESC[31mred ESC[0m xyz` typed `^[31mred^[0m xyzabc`: reordered.
  `PasteSafeParser` removes every ESC inside a paste (except the one that ends it) before
  Textual's parser sees it, which is what the text rule does to an ESC anyway; the paste then
  arrives as one `Paste` event, every other character kept, in order. Keys typed outside a paste
  reach Textual untouched and are never delayed.

Both replace a name in Textual's driver modules (`XTermParser`, `getincrementaldecoder`), which is
not public API: tests/test_text_input.py checks that the drivers still use those names and fails,
naming them, if a Textual upgrade changes that. If one is gone, coach still runs, without that fix.
"""

from __future__ import annotations

import codecs
import importlib
from collections.abc import Iterable
from typing import Any

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message

ESC = "\x1b"

DRIVER_MODULES = ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver")
"""Textual's driver modules whose input thread builds its decoder and `XTermParser` by those names (POSIX)."""


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


def tolerant_incremental_decoder(encoding: str) -> type[codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder`, but the decoder turns bytes it can't decode into lone surrogates.

    (Textual asks for the strict one, whose error kills its input thread.)
    """
    strict: Any = codecs.getincrementaldecoder(encoding)

    class SurrogateEscapeDecoder(strict):  # type: ignore[misc]
        def __init__(self, errors: str = "strict") -> None:
            super().__init__("surrogateescape")

    return SurrogateEscapeDecoder


def harden_terminal_input() -> None:
    """Make Textual's POSIX drivers decode with `surrogateescape` and parse with `PasteSafeParser` (idempotent)."""
    for name in DRIVER_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # not on this platform (termios): the Windows driver is left as it is
            continue
        if hasattr(module, "XTermParser"):
            module.XTermParser = PasteSafeParser  # type: ignore[attr-defined]
        if hasattr(module, "getincrementaldecoder"):
            module.getincrementaldecoder = tolerant_incremental_decoder  # type: ignore[attr-defined]
