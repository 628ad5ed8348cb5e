"""What every section screen shares: the section bar, and reloading from its services whenever shown."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.events import ScreenResume
from textual.screen import Screen

from coach.sections import SECTION_BAR
from coach.widgets.nav import SectionBar


class SectionScreen(Screen[None]):
    """A top-level section (a Textual mode). Subclasses fill `refresh_data`."""

    MODE: ClassVar[str] = ""
    """The mode name of this section (see coach.sections)."""
    SECTION: ClassVar[str] = ""
    """The section's name, as shown in the help dialog and the command palette."""
    HELP: ClassVar[str] = ""
    """A sentence or two for the help dialog: what this section is for."""

    def section_bar(self) -> SectionBar:
        return SectionBar(SECTION_BAR, self.MODE)

    def refresh_data(self) -> None:
        """Redraw from the services. Must be idempotent: it runs on every resume and after outside changes."""

    @on(ScreenResume)
    def _reload_on_resume(self) -> None:
        self.refresh_data()
