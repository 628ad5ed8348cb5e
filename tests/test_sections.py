"""The section registry: one entry gives a section its key, palette entry, help and place in the bar."""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import Static

from coach.app import CoachApp
from coach.screens.base import SectionScreen
from coach.screens.coming import ComingSoonScreen
from coach.screens.dialogs import HelpDialog
from coach.sections import SECTIONS, Section
from coach.services import Services
from coach.store import Store
from coach.widgets.nav import SectionBar

FAKE = Section("fake", "Fake Place", "f10", "Somewhere only this test goes.", help="Help text only the fake has.")


class FakeSectionApp(CoachApp):
    SECTIONS: ClassVar[tuple[Section, ...]] = (*SECTIONS, FAKE)


def test_every_entry_has_its_own_mode_key_and_name() -> None:
    assert len({section.mode for section in SECTIONS}) == len(SECTIONS)
    assert len({section.key for section in SECTIONS}) == len(SECTIONS)
    assert len({section.title for section in SECTIONS}) == len(SECTIONS)
    assert all(section.about and len(section.short_title) <= len(section.title) for section in SECTIONS)


def test_every_factory_builds_a_section_screen_from_the_services(memory_store: Store) -> None:
    services = Services.create(memory_store)
    built = [section.screen(services) for section in SECTIONS if section.screen is not None]
    assert [type(screen).__name__ for screen in built][:2] == ["HomeScreen", "FearScreen"]
    assert all(isinstance(screen, SectionScreen) for screen in built)


async def test_a_section_added_to_the_registry_alone_gets_key_palette_help_and_bar(memory_store: Store) -> None:
    app = FakeSectionApp(Services.create(memory_store), watch_interval=None)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        palette = [command.title for command in app.get_system_commands(app.screen)]
        assert "Fake Place" in palette
        assert "Fake Place" in str(app.screen.query_one(SectionBar).render())

        await pilot.press("f10")
        await pilot.pause()
        assert app.current_mode == "fake"
        screen = app.screen
        assert isinstance(screen, ComingSoonScreen) and screen.section is FAKE
        assert "Fake Place isn't built yet" in str(screen.query_one(".coming-title", Static).render())

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        assert "Help: Fake Place" in str(app.screen.query_one("#help-title", Static).render())
        assert "Help text only the fake has." in str(app.screen.query_one("#help-about", Static).render())


async def test_the_real_app_has_no_fake_section(memory_store: Store) -> None:
    app = CoachApp(Services.create(memory_store), watch_interval=None)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        assert app.current_mode == "home"
        assert "Fake Place" not in [command.title for command in app.get_system_commands(app.screen)]
