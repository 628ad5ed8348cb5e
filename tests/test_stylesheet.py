"""screens.tcss is split so start-up parses only the shared rules; each screen's block comes with it."""

from __future__ import annotations

from textual.widgets import Static

from coach.sections import SECTIONS
from coach.store import Store
from coach.stylesheet import split_stylesheet, stylesheet_path
from tests.helpers.app_factory import make_app

SAMPLE = """/* shared */
.-muted { color: $text-muted; }

/* --- Fear Monger { not a brace that counts } */
FearScreen {
    #fear-list { height: 1fr; }
    .x { &.-y { color: red; } }
}

HelpDialog, ConfirmDialog { align: center middle; }
#help-keys { height: auto; }
HelpDialog #help-keys { width: 1fr; }
/* unclosed comment { at the end
"""


def test_split_keeps_shared_rules_and_takes_each_screen_block() -> None:
    shared, blocks = split_stylesheet(SAMPLE)
    assert list(blocks) == ["FearScreen", "HelpDialog", "ConfirmDialog"]
    assert blocks["FearScreen"].startswith("FearScreen {") and "&.-y { color: red; }" in blocks["FearScreen"]
    assert "FearScreen" not in shared.replace("/* --- Fear Monger", "")
    # a block naming only dialog types goes to each of them; one that also names an id stays shared
    assert blocks["HelpDialog"] == blocks["ConfirmDialog"] == "HelpDialog, ConfirmDialog { align: center middle; }\n"
    assert "HelpDialog, ConfirmDialog" not in shared
    assert ".-muted" in shared and "#help-keys { height: auto; }" in shared and "HelpDialog #help-keys" in shared
    assert shared.rstrip().endswith("unclosed comment { at the end")


def test_the_real_stylesheet_splits_into_shared_and_screen_blocks() -> None:
    shared, blocks = split_stylesheet(stylesheet_path().read_text(encoding="utf-8"))
    assert {"HomeScreen", "FearScreen", "ComingSoonScreen"} <= set(blocks)
    assert ".dialog" in shared and "HomeScreen {" not in shared


async def test_a_screens_rules_arrive_with_the_screen(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        location = str(stylesheet_path())
        assert app.stylesheet.has_source(location, "HomeScreen")
        assert not app.stylesheet.has_source(location, "FearScreen")  # not parsed at start
        await pilot.press("f3")
        await pilot.pause()
        assert app.stylesheet.has_source(location, "FearScreen")
        reality = app.screen.query_one("#fear-reality")
        assert reality.styles.border_left[0] == "round"  # the block's rules are applied
        unbuilt = next((section for section in SECTIONS if section.screen is None), None)
        if unbuilt is not None:
            await pilot.press(unbuilt.key)
            await pilot.pause()
            assert app.screen.query_one(".coming-title", Static).styles.text_style.bold


def test_every_screen_block_belongs_to_a_screen_of_coach(memory_store: Store) -> None:
    """A `XScreen { }` block is handed to Textual when the app makes that section's screen, or when a
    screen is pushed (CoachApp.push_screen); a block naming no screen class of coach would never arrive."""
    import importlib
    import pkgutil

    from textual.screen import Screen

    import coach.screens
    from coach.screens.coming import ComingSoonScreen
    from coach.services import Services

    services = Services.create(memory_store)
    made = {ComingSoonScreen.__name__}
    for section in SECTIONS:
        if section.screen is not None:
            made.update(cls.__name__ for cls in type(section.screen(services)).__mro__)
    for module_info in pkgutil.iter_modules(coach.screens.__path__):
        module = importlib.import_module(f"coach.screens.{module_info.name}")
        made.update(
            name for name, value in vars(module).items() if isinstance(value, type) and issubclass(value, Screen)
        )
    _shared, blocks = split_stylesheet(stylesheet_path().read_text(encoding="utf-8"))
    assert set(blocks) <= made, sorted(set(blocks) - made)


async def test_a_pushed_screen_gets_its_block_of_the_stylesheet(memory_store: Store) -> None:
    from textual.app import ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    from tests.helpers.app_factory import make_app

    class WalkthroughScreen(Screen[None]):  # named like a screen with a block in screens.tcss
        def compose(self) -> ComposeResult:
            yield Static("x")

    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.stylesheet.has_source(str(stylesheet_path()), "WalkthroughScreen")
        app.push_screen(WalkthroughScreen())
        await pilot.pause()
        assert app.stylesheet.has_source(str(stylesheet_path()), "WalkthroughScreen")
