"""Home: the "today" view. Later sections add their figures here; until then it shows how to start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from coach.screens.base import SectionScreen
from coach.services.fears import FearService

FIRST_STEPS = (
    ("F3", "Fear Monger", "write down the worries that keep you from reaching out."),
    ("F4", "Goal", "pick a small target, like two people a day. Small is the point."),
    ("F5", "People", "list a few friendly people you already know. Start there."),
    ("F6", "Outreach", "send one message, and log it. Most people are glad to help."),
)
"""(key, section, advice): one line each at 80 columns."""

CARDS = (
    ("home-fear-count", "Fears written down", "…"),
    ("home-goal-text", "Today's goal", "not set yet"),
    ("home-followup-text", "Follow-ups due", "none yet"),
    ("home-next-text", "Next interview", "none planned"),
)
"""(id, title, figure until there is one). A card is one widget: its title sits in the border."""

NO_FEARS = "none yet: F3 to start"


def first_steps() -> Content:
    lines = [
        Content.assemble((f"{key:<4}", "bold $accent"), (section, "bold"), f": {advice}")
        for key, section, advice in FIRST_STEPS
    ]
    return Content("\n").join(lines)


class HomeScreen(SectionScreen):
    """Four cards of figures, and how to start, in few widgets: Home is the first screen drawn."""

    def __init__(self, fears: FearService, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._fears = fears
        self._full_figures = False
        """False until the first frame is on screen: until then only the cheap count is shown."""
        self._fear_text = ""
        """What the fear card shows now."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with VerticalScroll(id="home-body"):
            yield Static("Today", id="home-heading", markup=False)
            with Grid(id="home-cards"):
                for figure_id, title, figure in CARDS:
                    card = Static(figure, id=figure_id, classes="card", markup=False)
                    card.border_title = title
                    card.set_class(figure_id != "home-fear-count", "-muted")
                    yield card
            yield Static("How to start", id="home-start-heading", markup=False)
            yield Static(first_steps(), id="home-steps")
            yield Static(
                "F1 shows every key. Ctrl+P finds any section by name. Ctrl+Q quits; everything is already saved.",
                id="home-keys-hint",
                markup=False,
            )
        yield self.footer()

    def first_frame_shown(self) -> None:
        self._full_figures = True
        self.safe_refresh()

    def refresh_data(self) -> None:
        if not self._full_figures:
            # The first frame shows the count (free: no record is decoded); this week against last
            # week follows right after it, as with 100,000 records working it out takes a second.
            count = self._fears.count()
            self._show_fears(count, NO_FEARS if count == 0 else f"{count}")
            return
        summary = self._fears.summary()
        count = summary.total
        week = f"{count}  (this week {summary.this_week}, last {summary.last_week})"
        self._show_fears(count, NO_FEARS if count == 0 else week)

    def _show_fears(self, count: int, text: str) -> None:
        if text == self._fear_text:
            return  # coming back to Home with nothing changed redraws nothing
        self._fear_text = text
        figure = self.query_one("#home-fear-count", Static)
        figure.update(text)
        figure.set_class(count == 0, "-muted")
