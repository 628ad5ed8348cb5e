"""The one way user text reaches the screen: as data, never as markup.

Textual parses markup in plain strings: `[/` crashes a Label and `[@click=app.quit]` runs an action.
Everything a person typed goes through these helpers, which also apply coach's text rule
(`coach.text.clean_text`): control characters are removed, so no ESC, NUL or BEL from a hand-edited
file reaches the terminal, while format characters (joiners, direction marks) are shown as stored.

Which helper where:

* Label, Static, OptionList options, titles inside widgets: `user_content`
* DataTable cells, Tree labels and other Rich renderables: `user_rich`
* `notify(..., markup=False)`, `Static(..., markup=False)`, `Screen.title`/`sub_title`: `user_plain`
* `widget.tooltip`: `user_tooltip` (a str tooltip is parsed as markup)
* command palette: `user_hit` / `user_discovery_hit` (a hit's help is always parsed as markup, and
  `Matcher.highlight` parses its argument too; `user_highlight` highlights without parsing)
* an API that only takes markup: `user_markup`

tests/test_hostile_text.py pushes arbitrary text through each of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from coach.text import clean_text

if TYPE_CHECKING:
    from textual.command import DiscoveryHit, Hit
    from textual.fuzzy import Matcher
    from textual.types import IgnoreReturnCallbackType

ELLIPSIS = "…"


def shorten(value: str, limit: int | None) -> str:
    """Cut `value` to `limit` characters with an ellipsis (no cut when `limit` is None)."""
    if limit is None or len(value) <= limit:
        return value
    return value[: max(limit - 1, 0)] + ELLIPSIS


def user_content(value: str, *, limit: int | None = None, multiline: bool = False, style: str = "") -> Content:
    """User text as Textual `Content`: for Label, Static, OptionList, titles inside widgets."""
    return (
        Content.styled(shorten(clean_text(value, multiline=multiline), limit), style)
        if style
        else Content(shorten(clean_text(value, multiline=multiline), limit))
    )


def user_rich(value: str, *, limit: int | None = None, multiline: bool = False, style: str = "") -> Text:
    """User text as a Rich `Text`: for DataTable cells, Tree labels and other Rich renderables.

    Tabs become spaces: some widgets (Tree) would otherwise send a raw tab to the terminal.
    """
    text = Text(shorten(clean_text(value, multiline=multiline), limit), style=style)
    if "\t" in text.plain:
        text.expand_tabs(4)
    return text


def user_plain(value: str, *, limit: int | None = None) -> str:
    """User text as a plain string, on one line, for places that never parse markup.

    That is: `notify(..., markup=False)` (message and title), `Static(..., markup=False)`, and
    `Screen.title`/`sub_title` (the Header shows them as plain Content). Not for tooltips:
    see `user_tooltip`.
    """
    return shorten(clean_text(value), limit)


def user_markup(value: str, *, limit: int | None = None) -> str:
    """User text escaped for the few Textual APIs that always parse markup (a palette hit's help).

    Every `[` is escaped, so no tag, link or `@click` action can start inside the text.
    """
    return shorten(clean_text(value), limit).replace("[", "\\[")


def user_tooltip(value: str, *, limit: int | None = 400) -> Content:
    """User text for `widget.tooltip`: a tooltip given a plain str parses it as markup, so hand it Content."""
    return user_content(value, limit=limit, multiline=True)


def user_highlight(matcher: Matcher, value: str, *, limit: int | None = None) -> Content:
    """User text with the palette's fuzzy match highlighted (`Matcher.highlight` would parse it as markup)."""
    text = shorten(clean_text(value), limit)
    content = Content(text)
    if not matcher.query.strip():
        return content  # FuzzySearch.match raises on an empty query
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def user_hit(
    score: float,
    value: str,
    command: IgnoreReturnCallbackType,
    *,
    help: str | None = None,
    matcher: Matcher | None = None,
    limit: int | None = 120,
) -> Hit:
    """A command palette hit that shows user text as typed (highlighted when `matcher` is given)."""
    from textual.command import Hit

    prompt = user_highlight(matcher, value, limit=limit) if matcher else user_content(value, limit=limit)
    return Hit(score, prompt, command, text=prompt.plain, help=None if help is None else user_markup(help, limit=limit))


def user_discovery_hit(
    value: str, command: IgnoreReturnCallbackType, *, help: str | None = None, limit: int | None = 120
) -> DiscoveryHit:
    """A palette entry shown before anything is typed, with user text as typed."""
    from textual.command import DiscoveryHit

    prompt = user_content(value, limit=limit)
    return DiscoveryHit(
        prompt, command, text=prompt.plain, help=None if help is None else user_markup(help, limit=limit)
    )
