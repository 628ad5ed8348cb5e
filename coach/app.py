"""CoachApp: the sections (Textual modes), global keys, the command palette and the store's lifecycle."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coach.errors import DataFileError, StoreError
from coach.screens.base import SectionScreen
from coach.sections import SECTIONS, Section
from coach.services import Services
from coach.store import Store
from coach.stylesheet import split_stylesheet, stylesheet_path
from coach.textual_private import mark_stylesheet_current, report_crash_without_locals


def section_bindings(sections: Sequence[Section]) -> list[Binding]:
    """One key per section. The section bar shows them, so the footer keeps its room for the screen's own keys."""
    return [
        Binding(
            section.key,
            f"go('{section.mode}')",
            section.title,
            id=f"go-{section.mode}",
            tooltip=section.about,
            show=False,
        )
        for section in sections
    ]


class CoachApp(App[int]):
    """The coach terminal app. It gets its services from the caller, so tests can hand it an in-memory store.

    Its sections come from `SECTIONS` (coach.sections): a subclass that sets `SECTIONS` gets their
    keys, palette entries, help and section bar with nothing else to change."""

    CSS_PATH = None
    """screens.tcss is added by hand (see coach.stylesheet): the shared part at start, each screen's block with it."""
    TITLE = "coach"
    ENABLE_COMMAND_PALETTE = True
    DEFAULT_MODE = "home"
    """coach starts in Home's mode: Textual builds Home at once instead of a blank default screen first."""

    SECTIONS: ClassVar[tuple[Section, ...]] = SECTIONS
    """The sections, in key order."""

    BINDINGS = [
        Binding("f1", "help", "Help", id="help", tooltip="The keys of this screen"),
        Binding("question_mark", "help", "Help", show=False),
        *section_bindings(SECTIONS),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        # Tab moves on before any later key is handled. Textual binds it on the screen, where it is
        # resolved only after the key has gone to the focused field and come back: keys that arrived
        # meanwhile (typed ahead while a section opened, say) went into the field Tab was leaving.
        Binding("tab", "focus_next", "Focus Next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Focus Previous", show=False, priority=True),
        # Textual's own palette key, named in coach's words; the footer shows it at its right end.
        Binding(
            "ctrl+p", "command_palette", "Find", show=False, priority=True, tooltip="Find a section or command by name"
        ),
    ]

    def __init_subclass__(cls, *args: Any, **kwargs: Any) -> None:
        if "SECTIONS" in cls.__dict__ and "BINDINGS" not in cls.__dict__:
            cls.BINDINGS = [*section_bindings(cls.SECTIONS)]
        super().__init_subclass__(*args, **kwargs)

    def __init__(
        self,
        services: Services,
        *,
        watch_interval: float | None = 1.0,
        walk: int | None = None,
        first_run: bool = False,
    ) -> None:
        super().__init__()
        self._walk = walk
        """An interview to open the walkthrough of over Home, after the first frame (`coach walk`)."""
        self._first_run = first_run
        """No data file existed when coach opened: the welcome shows over Home (see `welcome_step`)."""
        self._styled = False
        """The app's own styles were applied (see `_make_screen`)."""
        self._sections_made: list[SectionScreen] = []
        """Every section screen made so far (each asked to keep what it was saving when coach quits)."""
        self._asking_to_quit = False
        """Ctrl+Q asked whether to quit without the words typed in a dialog (a second Ctrl+Q quits)."""
        path = stylesheet_path()
        shared, self._screen_css = split_stylesheet(path.read_text(encoding="utf-8"))
        self._css_location = str(path)
        self.stylesheet.add_source(shared, read_from=(self._css_location, ""))
        self.services = services
        self._watch_interval = watch_interval
        # The saved theme, set before the stylesheet is first parsed: set after start, it makes
        # Textual parse and apply every rule again (about a third more work before the first frame).
        theme = services.settings.theme()
        if theme and theme in self.available_themes:
            self.theme = theme
        for section in self.SECTIONS:
            self.add_mode(section.mode, partial(self._make_screen, section))

    # sections

    def _make_screen(self, section: Section) -> Screen[None]:
        if not self._styled:
            # DEFAULT_MODE: Textual builds Home's screen while composing the app, before it styles the app
            # itself, and a widget keeps the colours it first worked out (Widget.visual_style is cached on
            # the widget's own styles): Home's cards would keep an unstyled app's colours. Style it first.
            self.stylesheet.apply(self)
            self._styled = True
        if section.screen is None:
            from coach.screens.coming import ComingSoonScreen

            screen: Screen[None] = ComingSoonScreen()
        else:
            screen = section.screen(self.services)
        if isinstance(screen, SectionScreen):
            screen.place(section, self.SECTIONS)
            self._sections_made.append(screen)
        self.add_screen_css(screen)
        mark_stylesheet_current(screen, self)
        # A section's screen (and what it read to draw itself) lives as long as the app: once drawn, keep it
        # out of the full collections that would otherwise walk it on a later key (the spikes in its p90).
        self.call_after_refresh(self.settle_memory)
        return screen

    def add_screen_css(self, screen: Screen[Any]) -> None:
        """Hand Textual the screen's block of screens.tcss, once, before the screen is mounted.
        Only that block is parsed; the rest of the stylesheet is cached."""
        for cls in type(screen).__mro__:
            block = self._screen_css.get(cls.__name__)
            if block and not self.stylesheet.has_source(self._css_location, cls.__name__):
                self.stylesheet.add_source(block, read_from=(self._css_location, cls.__name__))

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Textual's push_screen, handing a screen of coach's own its block of screens.tcss first
        (a pushed screen is not made through the registry, so it would never get it otherwise)."""
        if isinstance(screen, Screen):
            self.add_screen_css(screen)
        return super().push_screen(screen, *args, **kwargs)

    def on_mount(self) -> None:
        self.settle_memory()  # the data file's records are loaded by now
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        step = self.welcome_step()
        if step is not None:
            self.open_welcome(step)
        if self._watch_interval:
            self.set_interval(self._watch_interval, self.check_data_file)

    async def action_quit(self) -> None:
        """Ctrl+Q works over every dialog, and must not cost a word: with words typed into an open dialog
        or a line not sent yet (the Fear Monger's, Outreach's) it asks first (Ctrl+Q again, or y, quits);
        words a section was in the middle of saving are saved (see `SectionScreen.keep_unsaved_words`)."""
        if not self._asking_to_quit and self._unsent_words():
            self._asking_to_quit = True
            from coach.screens.dialogs import ConfirmDialog

            def answered(quit_now: bool | None) -> None:
                self._asking_to_quit = False
                if quit_now:
                    self._quit_now()

            self.push_screen(
                ConfirmDialog(
                    "Quit without saving what you typed?",
                    "Words you typed aren't saved yet. Back keeps them where they are; Ctrl+Q again quits.",
                    yes="Quit",
                    no="Back",
                ),
                answered,
            )
            return
        self._quit_now()

    def _unsent_words(self) -> bool:
        """Words typed into an open dialog, or into a section's line that saves only on Enter."""
        from textual.screen import ModalScreen

        from coach.widgets.text_input import TextInput

        for screen in self.screen_stack:
            if isinstance(screen, SectionScreen) and screen.has_unsent_words():
                return True
            if isinstance(screen, ModalScreen) and any(field.edited for field in screen.query(TextInput)):
                return True
        return False

    def _quit_now(self) -> None:
        for screen in self._sections_made:
            screen.keep_unsaved_words()
        self.exit()

    def welcome_step(self) -> int | None:
        """The welcome step to show over Home: where it was left, or 1 on a first run; None once done or skipped."""
        settings = self.services.settings
        step = settings.welcome_step()
        if step is None and self._first_run and not settings.welcome_done():
            step = 1
        return step

    def open_welcome(self, step: int = 1) -> None:
        """Push the first-run welcome over Home, at `step`."""
        from coach.screens.welcome import WelcomeScreen

        services = self.services
        self.push_screen(WelcomeScreen(services.settings, services.fears, services.goals, services.people, step=step))

    def on_ready(self) -> None:
        # Textual sends Ready once the first frame is on its way; after the next refresh it is on
        # screen, and the section under it (Home, under the welcome on a first run) can fill in what
        # takes longer to work out.
        section = next((screen for screen in reversed(self.screen_stack) if isinstance(screen, SectionScreen)), None)
        if section is not None:
            self.screen.call_after_refresh(self._first_frame_shown, section)

    def _first_frame_shown(self, screen: SectionScreen) -> None:
        screen.first_frame_shown()
        self.settle_memory()
        gc.enable()  # coach's launcher keeps the cycle collector off until the first frame (coach.__main__.run)
        if self._walk is not None:
            self.open_walkthrough(self._walk)
            self._walk = None

    def open_walkthrough(self, interview_id: int) -> None:
        """Push the guided walkthrough of one interview over the current screen."""
        from coach.screens.walkthrough import WalkthroughScreen

        self.push_screen(WalkthroughScreen(self.services.walkthrough, interview_id))

    def settle_memory(self) -> None:
        """Put what is alive now (the data's records, the screens built so far) out of reach of
        Python's full garbage collections.

        A full collection walks every tracked object: with 10,000 records loaded it takes about
        80 ms, with 100,000 about 180 ms, and it falls on whichever key is being answered. These
        objects live as long as the app; when one is dropped, reference counting still frees it.
        Not when headless (tests), where many apps share one process and a frozen cycle would
        never be collected."""
        if not self.is_headless:
            gc.freeze()

    def action_go(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def get_key_display(self, binding: Binding) -> str:
        # Keys spelled the way coach's own words spell them ("Ctrl+Q quits", "F1 shows every key").
        key = binding.key
        if binding.key_display is None:
            if key.startswith("f") and key[1:].isdigit():
                return key.upper()
            if key.startswith("ctrl+") and len(key) == 6:
                return f"Ctrl+{key[-1].upper()}"
            if key in ("tab", "shift+tab"):
                return key.title()
        return super().get_key_display(binding)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for section in self.SECTIONS:
            yield SystemCommand(
                section.title, f"{section.about} ({section.key.upper()})", partial(self.action_go, section.mode)
            )
        yield from super().get_system_commands(screen)

    # help

    def action_help(self) -> None:
        from coach.screens.dialogs import HelpDialog

        screen = self.screen
        if isinstance(screen, HelpDialog):
            return
        if isinstance(screen, SectionScreen):
            title, about = screen.section.title, screen.section.help_text
        else:
            # A pushed screen (the walkthrough, say) may name itself and say what it is for.
            title, about = getattr(screen, "HELP_TITLE", "coach"), getattr(screen, "HELP_TEXT", "")
        self.push_screen(HelpDialog(title, about, self.help_keys(screen)))

    def help_keys(self, screen: Screen[object]) -> list[tuple[str, str]]:
        """(key, what it does) for the help dialog: the screen's own keys first, the app's after, sections last."""
        from textual.widgets import Input, TextArea

        own: list[tuple[str, str]] = []
        general: list[tuple[str, str]] = []
        seen: set[str] = set()

        def add(binding: Binding, into: list[tuple[str, str]], key: str = "") -> None:
            description = binding.description
            if binding.action.startswith("go(") or "command_palette" in binding.action:
                return  # sections get one line of their own; Ctrl+P is described below
            if description and description not in seen:
                seen.add(description)
                into.append((key or self.get_key_display(binding), description))

        for active in screen.active_bindings.values():
            if not active.enabled or isinstance(active.node, Input | TextArea):
                continue  # a text field's own editing keys (cursor, selection) are not what people look for
            if active.node is self or "focus_" in active.binding.action:
                add(active.binding, general)
            elif active.binding.show:  # shown keys only: a list's arrows and Enter speak for themselves
                add(active.binding, own)
        # Keys of the screen's lists and panels work once that part has focus: list them too.
        for widget in screen.query("*"):
            if isinstance(widget, Input | TextArea):
                continue
            for declared in type(widget).BINDINGS:
                if isinstance(declared, Binding) and declared.show:
                    keys = Binding.make_bindings([declared])
                    add(declared, own, " ".join(self.get_key_display(binding) for binding in keys))
        general.append(("Ctrl+P", "Find a section or command by name"))
        first, last = self.SECTIONS[0], self.SECTIONS[-1]
        general.append((f"{first.key.upper()}-{last.key.upper()}", "Go to a section (their names are in the top bar)"))
        return own + general

    # crashes

    def _fatal_error(self) -> None:
        # Textual's own report prints local variables, which can hold what the person typed.
        report_crash_without_locals(self)

    # data

    def _remember_theme(self, _theme: object) -> None:
        if self.theme == self.services.settings.theme():
            return  # the saved theme being applied at start: nothing to write
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
            self.settle_memory()

    def show_data_file_error(self, error: DataFileError) -> None:
        from coach.screens.dialogs import DataFileErrorDialog

        if not isinstance(self.screen, DataFileErrorDialog):
            self.push_screen(DataFileErrorDialog(error))


def make_app(
    store: Store, *, watch_interval: float | None = 1.0, walk: int | None = None, first_run: bool = False
) -> CoachApp:
    """coach's app on an open store, its services wired in: the one way the CLI and the tests build it.

    `watch_interval` is how often (seconds) to look for changes made to the file by another program;
    None never looks (tests call `check_data_file` themselves). `walk`: an interview whose walkthrough
    opens over Home once the first frame is shown (`coach walk ID`). `first_run`: no data file existed
    before, so the welcome opens over Home."""
    return CoachApp(Services.create(store), watch_interval=watch_interval, walk=walk, first_run=first_run)
