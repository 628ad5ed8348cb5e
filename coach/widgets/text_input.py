"""A one-line text field that keeps what people type and paste under coach's text rule (`coach.text`).

Textual's `Input` differs from the rule in two ways, both fixed here:

* Typing: it inserts a key only when `str.isprintable()` is true of its character, which drops
  every format character (the zero-width joiner inside a family emoji, direction marks, variation
  selectors), no-break and other spaces, and private-use characters. `TextInput` inserts every
  typed character that is not a control character, in the order typed. Control characters
  (Enter, Tab, Backspace, Escape, Ctrl+letter) are left to the bindings, as before.
* Pasting: it keeps only the first line of a paste. `TextInput` never drops a line: a paste of
  more than one non-empty line inserts nothing and posts `TextInput.LinesPasted`, so the screen
  can ask whether each line is its own entry or all of them are one; a paste of one line is
  inserted with control characters removed and everything else kept.

* Undecodable input: bytes from the terminal that aren't UTF-8 arrive as lone surrogates (see
  `coach.terminal_input`). They are never inserted, and the field says once, in a notification,
  that part of the input wasn't readable text; a paste holding any is refused whole.

An ESC inside a paste used to reorder the paste before it even reached a widget; see
`coach.terminal_input`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events
from textual.message import Message
from textual.widgets import Input

from coach.text import clean_text, is_decodable, split_lines

NOT_READABLE = (
    "Part of that wasn't readable text (the terminal sent bytes that aren't UTF-8), so it was left out. "
    "Setting the terminal to UTF-8 fixes it."
)


def is_typed_text(character: str) -> bool:
    """True when a key's character is text to insert under the rule: no control character, no lone surrogate."""
    return bool(character) and clean_text(character) == character


class TextInput(Input):
    """An `Input` that inserts every typed character the text rule keeps, and never drops a pasted line."""

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(value, *args, **kwargs)
        self._given = value or ""

    @property
    def edited(self) -> bool:
        """True when it holds words other than the ones it was made with (what quitting would lose)."""
        return self.value != self._given and bool(self.value.strip())

    @dataclass
    class LinesPasted(Message):
        """A paste of more than one non-empty line; nothing was inserted.

        Handle it with `@on(TextInput.LinesPasted, "#my-input")` and offer the choice, e.g.::

            @on(TextInput.LinesPasted, "#fear-input")
            def offer_lines(self, event: TextInput.LinesPasted) -> None:
                # each line its own thought: event.lines; all of it as one: event.as_one_line
                ...
        """

        text_input: TextInput
        """The field the text was pasted into (its value and cursor are unchanged)."""

        lines: tuple[str, ...]
        """The non-empty lines, in order, each cleaned by the text rule and trimmed: what to add one by one."""

        text: str
        """The paste exactly as the terminal sent it (after `coach.terminal_input` removed any ESC)."""

        @property
        def control(self) -> TextInput:
            """The field, for `@on(..., selector)` matching."""
            return self.text_input

        @property
        def as_one_line(self) -> str:
            """All of the paste as one text under the one-line rule (line breaks become spaces), trimmed.

            The same text `coach fear "<the paste>"` would store.
            """
            return clean_text(self.text).strip()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """A typed character the text rule keeps goes into the field, before any binding on that key."""
        return character is not None and is_typed_text(character)

    _warned_at: str | None = None
    """The value when the field last said some input wasn't readable (said once until the value changes)."""

    async def _on_key(self, event: events.Key) -> None:
        # Input inserts printable characters itself (it runs after this handler); what it would drop
        # but the rule keeps (format characters, other spaces, private use) is inserted here.
        character = event.character
        if character is None or event.is_printable:
            return
        if not is_decodable(character):
            event.stop()
            event.prevent_default()
            self._not_readable()
            return
        if not is_typed_text(character):
            return
        event.stop()
        event.prevent_default()  # Input's own handler would do nothing with it; skip it
        self._insert(character)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own handler keeps only the first line
        if not is_decodable(event.text):
            self._not_readable()
            return
        lines = split_lines(event.text)
        if len(lines) > 1:
            self.post_message(self.LinesPasted(self, lines, event.text))
            return
        if "\n" in event.text or "\r" in event.text:
            # At most one non-empty line among line breaks: that line, as a line is added (trimmed).
            self._insert(lines[0] if lines else "")
        else:
            self._insert(clean_text(event.text))

    def _not_readable(self) -> None:
        if self._warned_at != self.value:
            self._warned_at = self.value
            self.notify(NOT_READABLE, title="Not readable text", severity="warning", markup=False)

    def _insert(self, text: str) -> None:
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)
