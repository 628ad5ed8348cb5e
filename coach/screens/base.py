"""What every section screen shares: the section bar, and reloading from its services whenever shown."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.events import ScreenResume
from textual.screen import Screen

from coach.errors import CoachError, DataFileError
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

    def safe_refresh(self) -> None:
        """`refresh_data`, with coach's own errors shown as messages instead of ending the screen."""
        try:
            self.refresh_data()
        except DataFileError as error:
            show = getattr(self.app, "show_data_file_error", None)
            if show is not None:
                show(error)
        except CoachError as error:
            self.notify(str(error), title="Couldn't show everything", severity="error", markup=False)

    @on(ScreenResume)
    def _reload_on_resume(self) -> None:
        self.safe_refresh()
