"""screens.tcss, the one stylesheet, split so that start-up parses only what the first frame needs.

Each section screen's rules sit in one top-level block under its type selector (`FearScreen { ... }`).
Those blocks are handed to Textual when their screen is first made; everything else (shared rules,
dialogs) is parsed at start. Parsing a block later costs only that block: every section added to the
file would otherwise slow every start. No Textual here.
"""

from __future__ import annotations

import re
from pathlib import Path

SCREEN_SELECTOR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*Screen")
"""A top-level selector that is a single screen type: that screen's own block."""


def stylesheet_path() -> Path:
    """screens.tcss inside the installed package, or at the root of a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "screens.tcss"
    return packaged if packaged.exists() else here.parent / "screens.tcss"


def split_stylesheet(text: str) -> tuple[str, dict[str, str]]:
    """(the rules every screen needs, {screen type name: its block}).

    Top-level blocks are found by counting braces outside comments; a block whose whole selector is
    one screen type goes to that type, anything else stays shared, in its original order."""
    shared: list[str] = []
    blocks: dict[str, str] = {}
    depth = 0
    start = 0  # where the current top-level piece (selector and block) began
    i = 0
    while i < len(text):
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = len(text) if end == -1 else end + 2
            continue
        char = text[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                piece = text[start : i + 1]
                rule = _without_comments(piece).strip()
                selector = rule[: rule.index("{")].strip()
                if SCREEN_SELECTOR.fullmatch(selector):
                    blocks[selector] = blocks.get(selector, "") + rule + "\n"
                else:
                    shared.append(piece)
                start = i + 1
        i += 1
    shared.append(text[start:])
    return "".join(shared), blocks


def _without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
