"""What every section screen shares: its registry entry, the section bar, and reloading whenever shown."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import on
from textual.events import ScreenResume
from textual.screen import Screen

from coach.errors import CoachError, DataFileError
from coach.sections import SECTIONS, Section
from coach.widgets.footer import SteadyFooter
from coach.widgets.nav import SectionBar


class SectionScreen(Screen[None]):
    """A top-level section (a Textual mode). Subclasses fill `refresh_data`.

    The app hands each screen its registry entry with `place` before the screen is shown; the screen
    reads its name and help from there instead of repeating them."""

    section: Section = SECTIONS[0]
    """This screen's entry in the registry (set by the app through `place`)."""
    sections: tuple[Section, ...] = SECTIONS
    """Every section, for the section bar."""
    _flow_running: bool = False
    """An add, edit or delete flow (`one_at_a_time`) is open."""

    def place(self, section: Section, sections: tuple[Section, ...]) -> None:
        """Tell the screen which section it is and what the others are (before it is composed)."""
        self.section = section
        self.sections = sections

    def section_bar(self) -> SectionBar:
        entries = [(entry.mode, entry.key, entry.title, entry.short_title) for entry in self.sections]
        return SectionBar(entries, self.section.mode)

    def footer(self) -> SteadyFooter:
        """The footer of the screen's own keys; rebuilt only when they change."""
        return SteadyFooter()

    def refresh_data(self) -> None:
        """Redraw from the services. Must be idempotent: it runs on every resume and after outside changes."""

    def has_unsent_words(self) -> bool:
        """True when a line of this screen that saves only on Enter (a `TextInput` with the class
        `-unsent`) holds words typed into it: Ctrl+Q asks before leaving them."""
        from coach.widgets.text_input import TextInput

        return any(field.edited for field in self.query(TextInput).filter(".-unsent"))

    def keep_unsaved_words(self) -> None:
        """Called as coach quits: save what the person already asked to save but a question still holds
        back (an Enter answered by a dialog that is still open). Must not raise; the default has nothing."""

    def first_frame_shown(self) -> None:
        """Called once the app's first frame is on the terminal, on the screen it showed first.
        Work that can wait for the first frame belongs here."""

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

    async def one_at_a_time(self, flow: Callable[[], Awaitable[None]]) -> None:
        """Run one add, edit or delete flow at a time: a key pressed twice before its dialog shows opens one."""
        if self._flow_running:
            return
        self._flow_running = True
        try:
            await flow()
        finally:
            self._flow_running = False

    @on(ScreenResume)
    def _reload_on_resume(self) -> None:
        self.safe_refresh()
