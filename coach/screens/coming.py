"""A section that is not built yet says so plainly, and what it will do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from coach.screens.base import SectionScreen


class ComingSoonScreen(SectionScreen):
    """Stands in for any section whose registry entry has no screen yet; its words come from the entry."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with Vertical(classes="coming"):
            yield Static(f"{self.section.title} isn't built yet", classes="coming-title", markup=False)
            yield Static(self.section.about, classes="coming-body", markup=False)
            yield Static(
                "Meanwhile: F3 opens the Fear Monger, F2 goes back Home, F1 lists the keys.",
                classes="coming-hint",
                markup=False,
            )
        yield self.footer()
