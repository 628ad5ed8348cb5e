"""Cleaning of text people type or paste, before it is stored or shown.

Nothing here knows about Textual: it makes strings safe to keep; `coach.widgets.safe` makes them safe to draw.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, and the C1 block (which terminals read as escape sequences).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t]+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)

MAX_LINE = 20_000
"""The longest single text coach keeps; a 10,000-character paste fits twice over."""


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Strip control characters and lone surrogates; fold line breaks unless `multiline`.

    The result is what coach stores: it can always be encoded as UTF-8 and never
    moves the terminal's cursor or changes its title.
    """
    if not multiline:
        value = value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    else:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    value = _LONE_SURROGATE.sub("\ufffd", value)
    return value


def require_text(value: str, *, what: str, multiline: bool = False, limit: int = MAX_LINE) -> str:
    """Clean `value` and refuse it when empty or too long, with a message that says so."""
    from coach.errors import ValidationError

    cleaned = clean_text(value, multiline=multiline).strip()
    if not cleaned:
        raise ValidationError(f"Type {what} first: an empty line can't be saved.")
    if len(cleaned) > limit:
        raise ValidationError(
            f"That is {len(cleaned):,} characters; {what} can hold up to {limit:,}. Trim it a little and try again."
        )
    return cleaned


def normalise_for_match(value: str) -> str:
    """Fold case, accents, punctuation and spacing so that near-identical thoughts compare equal."""
    value = unicodedata.normalize("NFKC", value).casefold()
    value = value.replace("\u2019", "'").replace("'", "")
    value = _NON_WORD.sub(" ", value)
    return _SPACES.sub(" ", value).strip()
