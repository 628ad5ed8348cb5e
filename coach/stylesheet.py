"""screens.tcss, the one stylesheet, split so that start-up parses only what the first frame needs.

Each section screen's rules sit in one top-level block under its type selector (`FearScreen { ... }`).
Those blocks are handed to Textual when their screen is first made; everything else (shared rules,
dialogs) is parsed at start. Parsing a block later costs only that block: every section added to the
file would otherwise slow every start. No Textual here.
"""

from __future__ import annotations

import re
from pathlib import Path

SCREEN_SELECTOR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(Screen|Dialog)")
"""A top-level selector naming one screen or dialog type: that type's own block (a list of such types
gives each of them the block)."""
_TOKENS = re.compile(r"/\*.*?(?:\*/|\Z)|[{}]", re.DOTALL)
"""What the split looks at: comments (skipped whole, even unclosed) and braces."""


def stylesheet_path() -> Path:
    """screens.tcss inside the installed package, or at the root of a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "screens.tcss"
    return packaged if packaged.exists() else here.parent / "screens.tcss"


def split_stylesheet(text: str) -> tuple[str, dict[str, str]]:
    """(the rules every screen needs, {screen or dialog type name: its block}).

    Top-level blocks are found by counting braces outside comments; a block whose selector is only
    screen or dialog types goes to those types, anything else stays shared, in its original order."""
    shared: list[str] = []
    blocks: dict[str, str] = {}
    depth = 0
    start = 0  # where the current top-level piece (selector and block) began
    for token in _TOKENS.finditer(text):
        char = token.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                end = token.end()
                piece = text[start:end]
                rule = _without_comments(piece).strip()
                selectors = [part.strip() for part in rule[: rule.index("{")].split(",")]
                if all(SCREEN_SELECTOR.fullmatch(selector) for selector in selectors):
                    for selector in selectors:
                        blocks[selector] = blocks.get(selector, "") + rule + "\n"
                else:
                    shared.append(piece)
                start = end
    shared.append(text[start:])
    return "".join(shared), blocks


def _without_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
