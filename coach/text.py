"""The one rule for text people give coach, whatever the way in.

Every path that takes text applies it the same way: a command-line argument, typing or pasting in
the app (`coach.widgets.text_input.TextInput`), and records read back from a hand-edited file.

**The rule.** coach keeps every character exactly as given, in order (letters of any script, emoji,
combining marks, spaces of every kind and the invisible format characters that shape text: the
zero-width joiner inside a family emoji, variation selectors, direction marks), except control
characters (Unicode category Cc: C0 such as ESC, NUL and BEL, DEL, and C1), which are removed. In a
one-line field a line break or a tab becomes one space, so words never run together; in a
multi-line field they are kept. Text that is not valid Unicode (bytes that are not UTF-8, which
reach Python as lone surrogates) is refused with a message instead of being stored as U+FFFD.

**Display.** What reaches the terminal goes through the same cleaning (`clean_text`), so no control
character is ever sent, whatever the file holds; format characters are shown as they are.

**Text already in the file** (a hand edit, another program) is never rewritten behind the person's
back: control characters in it are hidden wherever it is shown, and stay in the file (an export
escapes them as JSON) until that text is edited in coach, which saves it under the rule. Changing
something else on the record (an outcome, say) leaves its words as they are.

Nothing here knows about Textual: it makes strings safe to keep; `coach.widgets.safe` makes them
safe to draw.
"""

from __future__ import annotations

import re
import unicodedata

# Every character of category Cc: C0 (U+0000-U+001F), DEL and C1 (U+007F-U+009F).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The same without tab and newline, for multi-line fields (line breaks are normalised to \n first).
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t]+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)

MAX_LINE = 20_000
"""The longest single text coach keeps; a 10,000-character paste fits twice over."""

NOT_UNICODE = (
    "Part of {what} isn't readable text (bytes that aren't UTF-8), so nothing was saved. "
    "Check that the terminal or file uses UTF-8 and try again."
)


def clean_text(value: str, *, multiline: bool = False) -> str:
    """`value` under coach's text rule: control characters removed, everything else kept in order.

    In a one-line field (the default) each line break (CR LF, CR or LF) and each tab becomes one
    space; with `multiline` line breaks become "\\n" and tabs stay. Lone surrogates (undecodable
    bytes) are removed here so that display never fails; `require_text` refuses them before a save.
    The result never holds a character of category Cc (apart from "\\n" and "\\t" when `multiline`),
    can always be encoded as UTF-8, and cleaning it again changes nothing.
    """
    if value.isprintable():  # the usual case: nothing to remove (isprintable is False for every Cc and Cs)
        return value
    if multiline:
        value = _CONTROL_MULTILINE.sub("", _LINE_BREAK.sub("\n", value))
    else:
        value = _CONTROL.sub("", _LINE_BREAK.sub(" ", value).replace("\t", " "))
    return _LONE_SURROGATE.sub("", value)


def is_decodable(value: str) -> bool:
    """False when `value` holds a lone surrogate: bytes that were not UTF-8 (surrogateescape) or broken UTF-16."""
    return _LONE_SURROGATE.search(value) is None


def require_text(value: str, *, what: str, multiline: bool = False, limit: int = MAX_LINE) -> str:
    """Apply the text rule to `value` for saving, and refuse it when undecodable, empty or too long.

    Leading and trailing whitespace is trimmed. Raises `ValidationError` with a message that says
    what to change.
    """
    from coach.errors import ValidationError

    if not is_decodable(value):
        raise ValidationError(NOT_UNICODE.format(what=what))
    cleaned = clean_text(value, multiline=multiline).strip()
    if not cleaned:
        raise ValidationError(f"Type {what} first: an empty line can't be saved.")
    if len(cleaned) > limit:
        raise ValidationError(
            f"That is {len(cleaned):,} characters; {what} can hold up to {limit:,}. Trim it a little and try again."
        )
    return cleaned


def split_lines(value: str) -> tuple[str, ...]:
    """The non-empty lines of `value` (split at CR LF, CR or LF), each cleaned as a one-line text and trimmed.

    What a multi-line paste becomes when each line is to be its own entry.
    """
    lines = (clean_text(line).strip() for line in _LINE_BREAK.split(value))
    return tuple(line for line in lines if line)


def printable(value: str) -> str:
    """`value` safe to print on a terminal as one line: control characters removed, undecodable bytes shown as U+FFFD.

    For messages that echo something back (a path from the shell may hold bytes that aren't UTF-8).
    """
    return clean_text(_LONE_SURROGATE.sub("\ufffd", value))


def usage_line(prog: str, message: str) -> str:
    """A command-line usage error as coach prints it: one line, naming where to read more."""
    return f"{printable(prog)}: error: {printable(message)} (see {printable(prog)} --help)\n"


def normalise_for_match(value: str) -> str:
    """Fold case, accents, punctuation and spacing so that near-identical thoughts compare equal."""
    value = unicodedata.normalize("NFKC", value).casefold()
    value = value.replace("\u2019", "'").replace("'", "")
    value = _NON_WORD.sub(" ", value)
    return _SPACES.sub(" ", value).strip()
