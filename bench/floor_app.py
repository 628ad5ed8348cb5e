"""The floor for keys: what bare Textual takes for what coach does on a key, with nothing of coach's own.

Two modes on F2 and F3, a Footer on each. The second holds an Input over a ListView of 100 rows;
Enter puts the typed line at the top of the list and clears the Input. F1 opens a help dialog (a
`ModalScreen` with Textual's own dimmed background, a title and a few lines of keys); Esc closes it.
bench/run.py runs it in the same pseudo-terminal as coach, in the same run, and times a mode switch,
a typed character to its echo, Enter to the inserted row and the help dialog opened and closed,
beside coach's switch between sections, a character typed in the Fear Monger's capture line, adding
a thought and Home's help.
"""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, ListItem, ListView, Static

FIRST_MARK = "Floor app: the first mode"
"""Text only the first mode draws."""
SECOND_MARK = "Floor app: the second mode"
"""Text only the second mode draws."""
HELP_MARK = "Floor app: help"
"""Text only the help dialog draws."""
ROWS = 100


class FirstScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label(FIRST_MARK)
        yield Footer()


class SecondScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Label(SECOND_MARK)
        yield Input(placeholder="Type a line, then Enter", id="floor-input")
        yield ListView(*(ListItem(Label(f"row {index}")) for index in range(ROWS)), id="floor-list")
        yield Footer()

    @on(Input.Submitted, "#floor-input")
    def insert_line(self, event: Input.Submitted) -> None:
        self.query_one("#floor-list", ListView).insert(0, [ListItem(Label(event.value, markup=False))])
        event.input.value = ""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="floor-help"):
            yield Label(HELP_MARK)
            yield Static("\n".join(f"F{number}  does thing {number}" for number in range(1, 10)))


class FloorApp(App[None]):
    CSS = """
    #floor-list { height: 1fr; }
    HelpScreen { align: center middle; }
    #floor-help { width: 60; height: auto; border: round $primary; padding: 0 1; background: $surface; }
    """
    MODES = {"first": FirstScreen, "second": SecondScreen}
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f2", "switch_mode('first')", "First"),
        Binding("f3", "switch_mode('second')", "Second"),
    ]

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def on_mount(self) -> None:
        self.switch_mode("first")


if __name__ == "__main__":
    FloorApp().run()
