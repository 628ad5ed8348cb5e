"""The app shell, driven as a person would: sections by key and palette, help, theme, quit, outside changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from coach.app import CoachApp
from coach.models import Thought
from coach.screens.base import SectionScreen
from coach.screens.dialogs import DataFileErrorDialog, HelpDialog
from coach.sections import SECTIONS, Section
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SIZE = (100, 32)


def screen_text(app: CoachApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static) if widget.display)


async def test_opens_on_home_with_how_to_start(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "home"
        text = screen_text(app)
        assert "How to start" in text and "none yet: F3 to start" in text


@pytest.mark.parametrize("section", SECTIONS, ids=[s.mode for s in SECTIONS])
async def test_every_section_is_reachable_by_its_key(memory_store: Store, section: object) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = "fears" if section.mode == "home" else "home"  # type: ignore[attr-defined]
        app.switch_mode(start)
        await pilot.pause()
        await pilot.press(section.key)  # type: ignore[attr-defined]
        await pilot.pause()
        assert app.current_mode == section.mode  # type: ignore[attr-defined]
        assert isinstance(app.screen, SectionScreen)
        assert section.mode == app.screen.section.mode  # type: ignore[attr-defined]


@pytest.mark.parametrize("section", SECTIONS[1:], ids=[s.mode for s in SECTIONS[1:]])
async def test_every_section_is_reachable_from_the_palette(memory_store: Store, section: object) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*section.title)  # type: ignore[attr-defined]
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == section.mode  # type: ignore[attr-defined]


async def test_every_section_key_opens_its_built_screen(memory_store: Store) -> None:
    """F2-F9 each open their own section, built (no "isn't built yet" left), even on an empty file."""
    from coach.screens.base import SectionScreen
    from coach.screens.coming import ComingSoonScreen
    from coach.sections import SECTIONS

    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        for section in SECTIONS:
            await pilot.press(section.key)
            await pilot.pause()
            assert app.current_mode == section.mode
            assert isinstance(app.screen, SectionScreen) and not isinstance(app.screen, ComingSoonScreen)
            assert "isn't built yet" not in screen_text(app)


async def test_help_lists_the_keys_and_closes(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        text = screen_text(app)
        assert "Help: Home" in text
        assert "F2-F9  Go to a section" in text
        assert "Quit" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)


async def test_help_puts_the_screens_own_keys_first(memory_store: Store) -> None:
    memory_store.add(Thought(text="what if they say no"))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog)
        lines = str(app.screen.query_one("#help-key-lines", Static).render()).splitlines()
        descriptions = [line.strip().split("  ", 1)[1] for line in lines]  # key, two spaces, what it does
        assert descriptions[:6] == ["Edit", "Likely %", "Outcome", "About", "Delete", "New"]
        assert "Help: Fear Monger" in str(app.screen.query_one("#help-title", Static).render())
        # all of it fits at 80x24: the key list does not scroll
        scroll = app.screen.query_one("#help-keys")
        assert scroll.max_scroll_y == 0


async def test_theme_is_remembered_in_the_data_file(data_file: Path, clock: FakeClock) -> None:
    store = Store.open(data_file, clock=clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert Store.open(data_file).setting("theme") == "nord"
    saved = data_file.read_bytes()
    again = make_app(Store.open(data_file))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        assert again.get_css_variables()["primary"] == again.available_themes["nord"].primary
    assert data_file.read_bytes() == saved  # applying the saved theme wrote nothing


async def test_quit_exits_cleanly(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_outside_change_refreshes_home(data_file: Path) -> None:
    store = Store.open(data_file)
    store.add(Thought(text="one"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        Store.open(data_file).add(Thought(text="two, from another terminal"))
        app.check_data_file()
        await pilot.pause()
        assert store.count(Thought) == 2
        assert "2" in str(app.screen.query_one("#home-fear-count", Static).render())


async def test_a_file_gone_bad_while_open_shows_the_path_not_a_traceback(data_file: Path) -> None:
    store = Store.open(data_file)
    store.add(Thought(text="one"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        data_file.write_text("{ damaged", encoding="utf-8")
        app.check_data_file()
        await pilot.pause()
        assert isinstance(app.screen, DataFileErrorDialog)
        text = screen_text(app)
        assert str(data_file) in text and "not valid JSON" in text
        await pilot.press("enter")
        await pilot.pause()
    assert data_file.read_text(encoding="utf-8") == "{ damaged"


async def test_markup_in_a_data_path_is_shown_literally(tmp_path: Path) -> None:
    odd = tmp_path / "[bold]x[/] [@click=app.quit]y[/]" / "coach.json"
    store = Store.open(odd)
    store.add(Thought(text="one"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        odd.write_text("[]", encoding="utf-8")
        app.check_data_file()
        await pilot.pause()
        assert str(odd) in screen_text(app)
        assert app.is_running


async def test_an_unreadable_record_is_a_message_not_a_crash(data_file: Path) -> None:
    import json

    store = Store.open(data_file)
    store.add(Thought(text="one"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        raw = json.loads(data_file.read_text(encoding="utf-8"))
        raw["thoughts"]["1"]["created"] = "not a date"
        data_file.write_text(json.dumps(raw), encoding="utf-8")
        screen = app.screen
        assert isinstance(screen, SectionScreen)
        screen.refresh_data = lambda: [t.text for t in store.all(Thought)]  # type: ignore[method-assign]
        app.check_data_file()
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, DataFileErrorDialog)
        assert "thought (#1)" in screen_text(app)


async def test_home_fits_80x24_without_scrolling(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#home-body")
        assert body.max_scroll_y == 0
        assert "Outreach: send one message" in screen_text(app)


@pytest.mark.parametrize("section", SECTIONS, ids=[s.mode for s in SECTIONS])
async def test_the_bar_names_the_current_section_in_full_at_80_columns(memory_store: Store, section: Section) -> None:
    from coach.widgets.nav import SectionBar

    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(section.key)
        await pilot.pause()
        bar = str(app.screen.query_one(SectionBar).render())
        key = section.key.upper()
        assert f"{key}{section.title}" in bar or f"{key} {section.title}" in bar
        assert len(bar) <= 80


async def test_the_bar_follows_the_width_and_a_click_on_a_name_goes_there(memory_store: Store) -> None:
    """The bar is drawn for its width when painted (no new layout of the screen): narrower, it shortens the
    other sections' names; a click on one opens that section."""
    from coach.screens.fears import FearScreen
    from coach.widgets.nav import SectionBar

    app = make_app(memory_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        wide = str(app.screen.query_one(SectionBar).render())
        assert "Home   F3 Fear Monger" in wide  # the widest layout: three spaces between sections
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = str(app.screen.query_one(SectionBar).render())
        assert len(narrow) <= 80 and "F2Home F3Fears" in narrow
        x = narrow.index("F3") + 1
        await pilot.click(SectionBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, FearScreen)


async def test_the_cycle_collector_the_launcher_turned_off_is_back_on_after_the_first_frame(
    data_file: Path, clock: FakeClock
) -> None:
    """`coach` starts with Python's cycle collector off (coach.__main__.run); a long session needs it back."""
    import gc

    seeded = Store.open(data_file, clock=clock)
    seeded.add(Thought(text="what if they say no"))
    seeded.close()
    gc.disable()
    try:
        app = make_app(Store.open(data_file, clock=clock))
        async with app.run_test() as pilot:
            home = app.screen
            for _ in range(50):
                if getattr(home, "stage", 0) >= 1:
                    break
                await pilot.pause(0.02)
            assert getattr(home, "stage", 0) >= 1
            assert gc.isenabled()
            assert "1" in str(home.query_one("#home-fear-count", Static).render())
    finally:
        gc.enable()


async def test_the_cycle_collector_is_back_on_after_a_first_runs_first_frame_too(memory_store: Store) -> None:
    """On a first run the welcome covers Home from the first frame: the collector still comes back on, and
    Home still works out its figures behind the welcome."""
    import gc

    from coach.screens.home import HomeScreen
    from coach.screens.welcome import WelcomeScreen

    gc.disable()
    try:
        app = make_app(memory_store, first_run=True)
        async with app.run_test() as pilot:
            for _ in range(50):
                if gc.isenabled():
                    break
                await pilot.pause(0.02)
            assert isinstance(app.screen, WelcomeScreen)
            assert gc.isenabled()
            home = app.screen_stack[0]
            assert isinstance(home, HomeScreen) and home.stage >= 1
    finally:
        gc.enable()


def test_coach_serve_turns_the_collector_back_on(monkeypatch: pytest.MonkeyPatch, data_file: Path) -> None:
    import gc

    from coach.__main__ import main

    gc.disable()
    try:
        assert main(["--data", str(data_file), "serve", "--port", "0"]) == 2  # refused at once: not a port
        assert gc.isenabled()
    finally:
        gc.enable()


def test_the_section_bar_measures_each_layout_as_drawn() -> None:
    """The bar picks its layout by arithmetic, before drawing: each width it works out is the drawn one."""
    from coach.widgets.nav import SectionBar

    entries = [(s.mode, s.key, s.title, s.short_title) for s in SECTIONS] + [("x", "f12", "日本 Place", "日本")]
    for current in ("home", "x"):
        bar = SectionBar(entries, current)
        for gap, short, space, lead in ((3, False, " ", " "), (1, True, " ", ""), (1, True, "", "")):
            assert bar._width(gap, short, space, lead) == bar._bar(gap, short, space, lead).cell_length
        for width in range(20, 160, 7):
            drawn = bar._render_bar(width)
            assert drawn.cell_length <= width or drawn.plain == bar._bar(1, True, "", "").plain
