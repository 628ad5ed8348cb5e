"""The footer (`SteadyFooter`): the screen's keys in one line, clickable, drawn again only when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from coach.models import Contact
from coach.store import Store
from coach.widgets.footer import SteadyFooter
from tests.helpers.app_factory import make_app


def footer_line(app: App[object]) -> str:
    """The footer's line as the terminal shows it."""
    footer = app.screen.query_one(SteadyFooter)
    return app.screen._compositor.render_strips()[footer.region.y].text


class Quiet(Input):
    BINDINGS = [Binding("ctrl+o", "noop", "Open"), Binding("ctrl+k", "noop", "Keep", show=False)]

    def action_noop(self) -> None:
        pass


class KeysApp(App[None]):
    """Keys of every kind the footer meets: shown, hidden, two keys for one action, one disabled."""

    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f5", "delete", "Delete"),
        Binding("f6", "delete", "Delete"),
        Binding("ctrl+h", "hidden", "Hidden", show=False),
        Binding("ctrl+s", "send", "Send"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.can_send: bool | None = None

    def compose(self) -> ComposeResult:
        yield Quiet(id="first")
        yield Input(id="second")
        yield SteadyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_send if action == "send" else True

    def action_help(self) -> None:
        self.done.append("help")

    def action_delete(self) -> None:
        self.done.append("delete")

    def action_send(self) -> None:
        self.done.append("send")


async def test_shows_each_action_once_and_the_palette_key_at_the_right_end() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith("^o Open f1 Help f5 Delete ^s Send "), line
        assert "Hidden" not in line and "Keep" not in line and line.count("Delete") == 1
        assert line.endswith(" ▏^p palette") and len(line) == 80, line


async def test_follows_focus_and_enabled_keys() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        assert "^o Open" in footer_line(app)
        app.query_one("#second").focus()
        await pilot.pause()
        assert "Open" not in footer_line(app)  # the first field's own key went with its focus
        footer = app.query_one(SteadyFooter)
        send = next(key for key in footer.keys[0] if key.key == "ctrl+s")
        assert send.enabled is False  # check_action said None: shown, but not usable now
        app.can_send = True
        app.refresh_bindings()
        await pilot.pause()
        assert next(key for key in footer.keys[0] if key.key == "ctrl+s").enabled is True


async def test_a_click_presses_the_key_and_a_disabled_one_only_rings() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        bells: list[None] = []
        app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
        await pilot.click(SteadyFooter, offset=(line.index("Help"), 0))
        await pilot.click(SteadyFooter, offset=(line.index("f5 Delete"), 0))
        await pilot.pause()
        assert app.done == ["help", "delete"]
        await pilot.click(SteadyFooter, offset=(line.index("Send"), 0))
        await pilot.pause()
        assert app.done == ["help", "delete"] and len(bells) == 1


async def test_the_key_under_the_pointer_is_highlighted() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(SteadyFooter)
        line = footer_line(app)
        x = line.index("Help")

        def background(column: int) -> object:
            strip = app.screen._compositor.render_strips()[footer.region.y]
            cells = strip.crop(column, column + 1)
            return next(iter(cells)).style.bgcolor

        plain = background(x)
        await pilot.hover(SteadyFooter, offset=(x, 0))
        await pilot.pause()
        assert background(x) != plain
        assert background(line.index("f1")) == background(x)  # the whole key: its name and what it does
        assert background(line.index("Delete")) == plain
        await pilot.hover(Input, offset=(0, 0))
        await pilot.pause()
        assert background(x) == plain


async def test_narrow_keeps_the_palette_key() -> None:
    app = KeysApp()
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line == "^o Open f1 Help …  ▏^p palette", line  # whole keys, and a mark for the rest


async def test_coach_screens_keep_their_footer_line_when_shown_again(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(SteadyFooter)
        line = footer_line(app)
        assert "Ctrl+Q Quit" in line and "F1 Help" in line and line.rstrip().endswith("Ctrl+P Find")
        drawn = footer.render()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert footer.render() is drawn  # not laid out again: the keys on show didn't change
        assert footer_line(app) == line


async def test_when_narrow_the_help_key_stays(memory_store: Store) -> None:
    """People's keys don't all fit at 80 columns: the last ones are left out, never F1 (it lists them all)."""
    memory_store.add(Contact(name="Ana"))  # someone to act on: every key of the list is offered
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith("a Add e Edit") and "F1 Help" in line and "…" in line, line
        assert "Ctrl+Q Quit" not in line and line.rstrip().endswith("▏Ctrl+P Find")
        await pilot.click(SteadyFooter, offset=(line.index("F1 Help"), 0))
        await pilot.pause()
        from coach.screens.dialogs import HelpDialog

        assert isinstance(app.screen, HelpDialog)  # a click on the key opens the help, which lists them all
