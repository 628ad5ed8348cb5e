"""A date field that says back what it understood as you type, or why it can't.

Every screen that asks for a date (follow-ups, interviews, reviews) uses this one widget, so people
see the same echo everywhere: "→ Thu 3 Dec 2026, 10:00", or an inline hint and nothing to save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from coach.dates import When, parse_when
from coach.errors import DateParseError
from coach.widgets.text_input import TextInput


class DateInput(Vertical):
    """A TextInput (coach's text rule) plus a one-line echo of the parsed date.

    `when` is None until the text is a real date."""

    DEFAULT_CSS = """
    DateInput {
        height: auto;
        & > .date-echo {
            color: $text-muted;
            padding: 0 1;
        }
        & > .date-echo.-error {
            color: $error;
        }
    }
    """

    @dataclass
    class Changed(Message):
        """The parsed date changed (None when the text is empty or can't be read)."""

        date_input: DateInput
        when: When | None
        error: str | None

    def __init__(
        self,
        value: str = "",
        *,
        now: Callable[[], datetime],
        placeholder: str = 'e.g. "fri 3pm", "in 3 days", "2026-12-03 10:00"',
        required: bool = False,
        past: bool = False,
        still_to_come: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._initial = value
        self._now = now
        self._past = past
        """A date something already happened on: a bare weekday is the latest one (see `parse_when`), and a
        moment still to come is an error, saying `still_to_come`."""
        self._still_to_come = still_to_come
        self._placeholder = placeholder
        self.required = required
        """Whether an empty field counts as an error."""
        self.when: When | None = None
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield TextInput(self._initial, placeholder=self._placeholder, classes="date-text")
        yield Static("", classes="date-echo", markup=False)

    def on_mount(self) -> None:
        self._interpret(self._initial)

    @property
    def text(self) -> str:
        return self.query_one(Input).value

    @on(TextInput.LinesPasted, ".date-text")
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        """A date pasted across lines ("Fri 4 Dec" / "15:00") is one date: join it."""
        event.stop()
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @on(Input.Changed, ".date-text")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._interpret(event.value)

    def _interpret(self, text: str) -> None:
        echo = self.query_one(".date-echo", Static)
        if not text.strip():
            self.when = None
            self.error = "Type a date." if self.required else None
            echo.update(Content(self.error or ""))
        else:
            try:
                now = self._now()
                self.when = parse_when(text, now, past=self._past)
                self.error = None
                if self._past and self.when.still_to_come(now):
                    self.error = " ".join(f"{self.when.describe()} is still to come. {self._still_to_come}".split())
                    self.when = None
                    echo.update(Content(self.error))
                else:
                    echo.update(Content(f"→ {self.when.describe()}"))
            except DateParseError as error:
                self.when = None
                self.error = str(error)
                echo.update(Content(self.error))
        echo.set_class(self.error is not None, "-error")
        self.post_message(self.Changed(self, self.when, self.error))
