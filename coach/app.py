"""CoachApp: the sections (Textual modes), global keys, the command palette and the store's lifecycle."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coach.errors import DataFileError, StoreError
from coach.screens.base import SectionScreen
from coach.sections import SECTIONS, Section
from coach.services import Services
from coach.store import Store


def stylesheet_path() -> Path:
    """screens.tcss inside the installed package, or at the root of a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "screens.tcss"
    return packaged if packaged.exists() else here.parent / "screens.tcss"


SECTION_KEYS = Binding.Group("Sections")


class CoachApp(App[int]):
    """The coach terminal app. It gets its services from the caller, so tests can hand it an in-memory store."""

    CSS_PATH = stylesheet_path()
    TITLE = "coach"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="The keys of this screen"),
        Binding("question_mark", "help", "Help", show=False),
        *(
            Binding(
                section.key,
                f"go('{section.mode}')",
                section.label or section.title,
                id=f"go-{section.mode}",
                tooltip=section.about,
                group=SECTION_KEYS,
            )
            for section in SECTIONS
        ),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    def __init__(self, services: Services, *, watch_interval: float | None = 1.0) -> None:
        super().__init__()
        self.services = services
        self._watch_interval = watch_interval
        for section in SECTIONS:
            self.add_mode(section.mode, partial(self._make_screen, section))

    # sections

    def _make_screen(self, section: Section) -> Screen[None]:
        screen = self._new_screen(section)
        # A mode's first screen makes Textual re-parse and re-apply the whole stylesheet unless the
        # screen says it has seen the current CSS (about 70 ms of each first visit on 2 cores). coach
        # screens bring no CSS of their own (widgets' DEFAULT_CSS is parsed lazily anyway), and a
        # theme change still refreshes every screen in the stack, so the app's stylesheet is current.
        screen._css_update_count = self._css_update_count
        return screen

    def _new_screen(self, section: Section) -> Screen[None]:
        factories: dict[str, Callable[[], Screen[None]]] = {
            "home": self._home_screen,
            "fears": self._fears_screen,
        }
        factory = factories.get(section.mode)
        if factory is not None:
            return factory()
        from coach.screens.coming import ComingSoonScreen

        return ComingSoonScreen(section.mode, section.title, section.about)

    def _home_screen(self) -> Screen[None]:
        from coach.screens.home import HomeScreen

        return HomeScreen(self.services.fears)

    def _fears_screen(self) -> Screen[None]:
        from coach.screens.fears import FearScreen

        return FearScreen(self.services.fears)

    def on_mount(self) -> None:
        theme = self.services.settings.theme()
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.switch_mode("home")
        if self._watch_interval:
            self.set_interval(self._watch_interval, self.check_data_file)

    def action_go(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def get_key_display(self, binding: Binding) -> str:
        if binding.key.startswith("f") and binding.key[1:].isdigit():
            return binding.key.upper()
        return super().get_key_display(binding)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for section in SECTIONS:
            yield SystemCommand(
                section.title, f"{section.about} ({section.key.upper()})", partial(self.action_go, section.mode)
            )
        yield from super().get_system_commands(screen)

    # help

    def action_help(self) -> None:
        from textual.widgets import Input, TextArea

        from coach.screens.dialogs import HelpDialog

        screen = self.screen
        if isinstance(screen, HelpDialog):
            return
        keys: list[tuple[str, str]] = []
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if isinstance(active.node, Input | TextArea):
                continue  # a text field's own editing keys (cursor, selection) are not what people look for
            description = binding.description or binding.action
            if not active.enabled or (not binding.description and not binding.show) or description in seen:
                continue
            seen.add(description)
            keys.append((self.get_key_display(binding), description))
        keys.append(("Ctrl+P", "Find a section or command by name"))
        section = screen.SECTION if isinstance(screen, SectionScreen) else "coach"
        about = screen.HELP if isinstance(screen, SectionScreen) else ""
        self.push_screen(HelpDialog(section, about, keys))

    # data

    def _remember_theme(self, _theme: object) -> None:
        try:
            self.services.settings.set_theme(self.theme)
        except StoreError as error:
            self.notify(str(error), title="Theme not saved", severity="error", markup=False)

    def check_data_file(self) -> None:
        """Reload when another program changed the data file, and redraw what is shown."""
        try:
            changed = self.services.store.reload_if_changed()
        except DataFileError as error:
            self.show_data_file_error(error)
            return
        if changed and isinstance(self.screen, SectionScreen):
            self.screen.safe_refresh()

    def show_data_file_error(self, error: DataFileError) -> None:
        from coach.screens.dialogs import DataFileErrorDialog

        if not isinstance(self.screen, DataFileErrorDialog):
            self.push_screen(DataFileErrorDialog(error))


def make_app(store: Store, *, watch_interval: float | None = 1.0) -> CoachApp:
    """coach's app on an open store, its services wired in: the one way the CLI and the tests build it.

    `watch_interval` is how often (seconds) to look for changes made to the file by another program;
    None never looks (tests call `check_data_file` themselves)."""
    return CoachApp(Services.create(store), watch_interval=watch_interval)
