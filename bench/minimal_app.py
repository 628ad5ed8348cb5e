"""The baseline for startup, interaction and quit: the smallest useful Textual app, one label.

It is measured exactly like coach (same pseudo-terminal, same size, same Python); Ctrl+Q quits it
through Textual's own default binding. Typing a key redraws the label, so it has a keypress-to-frame
figure to compare with too.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.events import Key
from textual.widgets import Label

GREETING = "Hello from a minimal Textual app"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label(GREETING, id="greeting")

    def on_key(self, event: Key) -> None:
        if event.character and event.character.isprintable():
            self.query_one("#greeting", Label).update(f"{GREETING}: {event.character}")


if __name__ == "__main__":
    MinimalApp().run()
