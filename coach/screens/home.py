"""Home: the "today" view. Later sections add their figures here; until then it shows how to start."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static

from coach.screens.base import SectionScreen
from coach.services.fears import FearService

FIRST_STEPS = (
    ("F3", "Fear Monger", "Write down the worries that keep you from reaching out. Just list them; no need to argue."),
    ("F4", "Goal", "Pick a small target, like two people a day. Small is the point."),
    ("F5", "People", "List a few friendly people you already know. Start with them, strangers later."),
    ("F6", "Outreach", "Send one message. Log it. Most people are glad to be asked."),
)


class HomeScreen(SectionScreen):
    MODE = "home"
    SECTION = "Home"
    HELP = "Today at a glance: what you've written down, what's due, and where to start."

    def __init__(self, fears: FearService, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._fears = fears
        self._painted = False

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with VerticalScroll(id="home-body"):
            yield Static("Today", id="home-heading", markup=False)
            with Grid(id="home-cards"):
                with Vertical(classes="card", id="home-fears"):
                    yield Static("Fears written down", classes="card-title", markup=False)
                    yield Static("…", id="home-fear-count", classes="card-figure", markup=False)
                with Vertical(classes="card", id="home-goal"):
                    yield Static("Today's goal", classes="card-title", markup=False)
                    yield Static("not set yet", id="home-goal-text", classes="card-figure -muted", markup=False)
                with Vertical(classes="card", id="home-followups"):
                    yield Static("Follow-ups due", classes="card-title", markup=False)
                    yield Static("none yet", id="home-followup-text", classes="card-figure -muted", markup=False)
                with Vertical(classes="card", id="home-next"):
                    yield Static("Next interview", classes="card-title", markup=False)
                    yield Static("none planned", id="home-next-text", classes="card-figure -muted", markup=False)
            yield Static("How to start", id="home-start-heading", markup=False)
            for key, section, advice in FIRST_STEPS:
                with Horizontal(classes="home-step"):
                    yield Static(key, classes="home-step-key", markup=False)
                    yield Static(f"{section}: {advice}", classes="home-step-text", markup=False)
            yield Static(
                "F1 shows every key. Ctrl+P finds any section by name. Ctrl+Q quits; everything is already saved.",
                id="home-keys-hint",
                markup=False,
            )
        yield Footer(compact=True)

    def _compositor_refresh(self) -> None:
        super()._compositor_refresh()
        # The first frame has gone to the terminal (Textual draws nothing during its start-up batch):
        # now fill in the figures.
        if not self._painted and self is self.app.screen and not self.app._batch_count:
            self._painted = True
            self.call_later(self.safe_refresh)

    def refresh_data(self) -> None:
        figure = self.query_one("#home-fear-count", Static)
        if not self._painted:
            # The first frame shows the count (free: no record is decoded); this week against last
            # week follows right after it, as with 100,000 records working it out takes a second.
            count = self._fears.count()
            figure.update("none yet: F3 to start" if count == 0 else f"{count}")
            figure.set_class(count == 0, "-muted")
            return
        summary = self._fears.summary()
        count = summary.total
        figure.update(
            "none yet: F3 to start"
            if count == 0
            else f"{count}  (this week {summary.this_week}, last {summary.last_week})"
        )
        figure.set_class(count == 0, "-muted")
