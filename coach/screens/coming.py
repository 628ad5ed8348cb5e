"""A section that is not built yet says so plainly, and what it will do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

from coach.screens.base import SectionScreen


class ComingSoonScreen(SectionScreen):
    def __init__(self, mode: str, section: str, promise: str, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self.MODE = mode  # type: ignore[misc]  # one class serves every unbuilt section
        self.SECTION = section  # type: ignore[misc]
        self.HELP = promise  # type: ignore[misc]
        self._promise = promise

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with Vertical(classes="coming"):
            yield Static(f"{self.SECTION} isn't built yet", classes="coming-title", markup=False)
            yield Static(self._promise, classes="coming-body", markup=False)
            yield Static(
                "Meanwhile: F3 opens the Fear Monger, F2 goes back Home, F1 lists the keys.",
                classes="coming-hint",
                markup=False,
            )
        yield Footer(compact=True)
