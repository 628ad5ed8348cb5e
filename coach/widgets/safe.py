"""The one way user text reaches the screen: as data, never as markup.

Textual parses markup in plain strings: `[/` crashes a Label and `[@click=app.quit]` runs an action.
Everything a person typed goes through these helpers, which also strip control characters so that
no ESC, NUL or BEL from a hand-edited file reaches the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from coach.text import clean_text

ELLIPSIS = "…"


def shorten(value: str, limit: int | None) -> str:
    """Cut `value` to `limit` characters with an ellipsis (no cut when `limit` is None)."""
    if limit is None or len(value) <= limit:
        return value
    return value[: max(limit - 1, 0)] + ELLIPSIS


def user_content(value: str, *, limit: int | None = None, multiline: bool = False, style: str = "") -> Content:
    """User text as Textual `Content`: for Label, Static, OptionList, Tree, titles."""
    return (
        Content.styled(shorten(clean_text(value, multiline=multiline), limit), style)
        if style
        else Content(shorten(clean_text(value, multiline=multiline), limit))
    )


def user_rich(value: str, *, limit: int | None = None, multiline: bool = False, style: str = "") -> Text:
    """User text as a Rich `Text`: for DataTable cells and other Rich renderables."""
    return Text(shorten(clean_text(value, multiline=multiline), limit), style=style)


def user_plain(value: str, *, limit: int | None = None) -> str:
    """User text as a plain string for places that take `markup=False` (notify, tooltips)."""
    return shorten(clean_text(value), limit)
