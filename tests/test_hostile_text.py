"""Hostile text is data: markup payloads, control characters and arbitrary Unicode go through every
place user text is shown, via coach.widgets.safe, without a crash, without running an action,
shown as typed (cleaned of control characters), and with no ESC or NUL in what reaches the terminal.

One app is started per path; hypothesis then updates its widgets example after example and reads
back what they render (the strips the terminal would be sent).
"""

from __future__ import annotations

import asyncio
import dataclasses
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.command import CommandList, DiscoveryHit, Hit, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.geometry import Region
from textual.notifications import Notification
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static, Tree
from textual.widgets._header import HeaderTitle
from textual.widgets._toast import Toast
from textual.widgets._tooltip import Tooltip
from textual.widgets.option_list import Option

from coach.errors import ValidationError
from coach.models import Contact, Thought
from coach.services import Services
from coach.store import Store
from coach.text import clean_text, is_decodable
from coach.widgets.safe import (
    user_content,
    user_discovery_hit,
    user_hit,
    user_markup,
    user_plain,
    user_rich,
    user_tooltip,
)
from tests.helpers.app_factory import make_app

EXAMPLES = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PAYLOADS = [
    "[/",
    "[/]",
    "oops [/] there",
    "[bold]",
    "[bold]loud[/bold]",
    "[b]",
    "[i]x[/i]",
    "[link=https://example.com/x]click[/link]",
    "[link='javascript:alert(1)']x[/]",
    "[@click=app.quit]quit[/]",
    "[@click=app.boom]boom[/]",
    "[@click=screen.dismiss]x[/]",
    "[x] done",
    "[ ] todo",
    "[red on blue]",
    "[$accent]",
    "$accent",
    "[#ff0000]",
    "\\[escaped]",
    "\\",
    "]",
    "[[",
    "\x1b[31mred\x1b[0m",
    "\x1b]2;pwned\x07",
    "\x1b]8;;https://evil/\x1b\\link\x1b]8;;\x1b\\",
    "\x9b2J",
    "\x00",
    "\x07",
    "\x08",
    "\x7f",
    "\r\n",
    "\t",
    "\ud800",
    "\udfff",
    "\u202e",
    "\u200b",
    "e\u0301",
    "🙈",
    "表",
    "👩‍👩‍👧",
]
pieces = st.sampled_from(PAYLOADS) | st.text(max_size=8)
hostile = (st.lists(pieces, max_size=6).map("".join) | st.text(max_size=40)).map(lambda text: text[:150])


# --- reading back what a widget renders ---------------------------------------------------------


def _strips(widget: Widget) -> list[Strip]:
    widget.refresh()
    return widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))


def _text(strips: Iterable[Strip]) -> str:
    """The visible text, lines joined by a space and runs of spaces folded (wrapping and padding vary)."""
    return _fold(" ".join(strip.text for strip in strips))


def _fold(text: str) -> str:
    return " ".join(text.replace("\t", " ").split(" ")).strip().replace("  ", " ")


def _squash(text: str) -> str:
    """Compare ignoring all whitespace and zero-width/combining characters, whose cell layout varies."""
    return "".join(
        ch
        for ch in unicodedata.normalize("NFC", text)
        if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Me", "Cf") and ch != "…"
    )


def assert_safe_render(strips: list[Strip], expected: str) -> None:
    """No ESC/NUL/BEL or other control character, no link or click action, and the expected text shown."""
    segments: list[Segment] = [segment for strip in strips for segment in strip]
    for segment in segments:
        assert not any(unicodedata.category(ch) == "Cc" for ch in segment.text), repr(segment.text)
        assert not any("\ud800" <= ch <= "\udfff" for ch in segment.text), repr(segment.text)
        style = segment.style
        if style is not None:
            assert not style.link, f"a link reached the screen: {style.link!r}"
            meta = style.meta or {}
            assert "@click" not in meta, f"an action reached the screen: {meta}"
    assert _squash(_text(strips)) == _squash(expected), (_text(strips), expected)


def shown(value: str, limit: int | None = None) -> str:
    """What the screen should show for `value`: the cleaned text (cut at `limit`)."""
    from coach.widgets.safe import shorten

    return shorten(clean_text(value), limit)


# --- one app with every kind of widget ----------------------------------------------------------


class Showcase(App[None]):
    CSS = """
    Static, HeaderTitle, #tip { width: 1fr; height: 3; }
    DataTable { height: 3; }
    Tree { height: 3; }
    OptionList, CommandList { height: 4; border: none; padding: 0; visibility: visible; }
    #toast { width: 100%; max-width: 100%; height: 4; layer: default; border: none; padding: 0; margin: 0; }
    #tip { height: 12; display: block; layer: default; offset: 0 0; margin: 0; padding: 0; max-width: 400; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.actions_run: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="static")
        yield Static("", id="plain", markup=False)
        table: DataTable[Any] = DataTable(id="table", show_header=False)
        yield table
        yield Tree("root", id="tree")
        yield OptionList(id="options")
        yield HeaderTitle(id="title")
        yield Tooltip(id="tip")
        yield Toast(Notification("…", markup=False))
        yield CommandList(id="commands")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("text", key="text", width=390)
        table.add_row("", key="row")
        self.query_one(Toast).id = "toast"

    def action_boom(self) -> None:
        self.actions_run.append("boom")

    def action_quit(self) -> None:  # type: ignore[override]
        self.actions_run.append("quit")


def run_in_showcase(check: Callable[[Showcase], None]) -> None:
    async def go() -> None:
        app = Showcase()
        async with app.run_test(size=(400, 60)) as pilot:
            await pilot.pause()
            check(app)
            assert app.actions_run == []

    asyncio.run(go())


# --- the paths ----------------------------------------------------------------------------------


def test_label_and_static() -> None:
    def check(app: Showcase) -> None:
        static = app.query_one("#static", Static)
        plain = app.query_one("#plain", Static)

        @EXAMPLES
        @given(hostile)
        def each(value: str) -> None:
            static.update(user_content(value))
            assert_safe_render(_strips(static), shown(value))
            plain.update(user_plain(value))
            assert_safe_render(_strips(plain), shown(value))

        each()

    run_in_showcase(check)


def test_data_table_cells() -> None:
    def check(app: Showcase) -> None:
        table: DataTable[Any] = app.query_one(DataTable)

        @EXAMPLES
        @given(hostile)
        def each(value: str) -> None:
            table.update_cell("row", "text", user_rich(value))
            table._clear_caches()
            assert_safe_render(_strips(table)[:1], shown(value))

        each()

    run_in_showcase(check)


def test_tree_labels() -> None:
    def check(app: Showcase) -> None:
        tree: Tree[None] = app.query_one(Tree)
        tree.root.allow_expand = False  # no ▶ icon beside the label

        @EXAMPLES
        @given(hostile)
        def each(value: str) -> None:
            tree.root.set_label(user_rich(value))
            assert_safe_render(_strips(tree)[:1], shown(value))

        each()

    run_in_showcase(check)


def test_option_list_options() -> None:
    def check(app: Showcase) -> None:
        options = app.query_one("#options", OptionList)

        @EXAMPLES
        @given(hostile)
        def each(value: str) -> None:
            options.clear_options()
            options.add_option(Option(user_content(value)))
            assert_safe_render(_strips(options)[:1], shown(value))

        each()

    run_in_showcase(check)


def test_toasts() -> None:
    def check(app: Showcase) -> None:
        toast = app.query_one(Toast)

        @EXAMPLES
        @given(hostile, hostile)
        def each(title: str, message: str) -> None:
            # What app.notify(user_plain(message), title=user_plain(title), markup=False) hands the toast.
            toast._notification = Notification(user_plain(message), title=user_plain(title), markup=False)
            expected = f"{shown(title)} {shown(message)}" if shown(title) else shown(message)
            assert_safe_render(_strips(toast), expected)

        each()

    run_in_showcase(check)


def test_tooltips() -> None:
    def check(app: Showcase) -> None:
        tip = app.query_one("#tip", Tooltip)
        target = app.query_one("#plain", Static)

        @EXAMPLES
        @given(hostile.filter(lambda value: value.count("\n") + value.count("\r") < 10))
        def each(value: str) -> None:
            target.tooltip = user_tooltip(value)
            tip.update(target.tooltip)  # as Screen._handle_tooltip_timer does on hover
            assert_safe_render(_strips(tip), shown(value))

        each()

    run_in_showcase(check)


def test_screen_titles() -> None:
    def check(app: Showcase) -> None:
        title = app.query_one(HeaderTitle)

        @EXAMPLES
        @given(hostile, hostile)
        def each(main: str, sub: str) -> None:
            app.screen.title = user_plain(main)
            app.screen.sub_title = user_plain(sub)
            # What the Header shows for them (Header.format_title -> App.format_title).
            title.update(app.format_title(app.screen.title or "", app.screen.sub_title or ""))
            expected = f"{shown(main)} — {shown(sub)}" if shown(sub) else shown(main)
            assert_safe_render(_strips(title), expected)

        each()

    run_in_showcase(check)


def test_command_palette_hits() -> None:
    def check(app: Showcase) -> None:
        commands = app.query_one(CommandList)

        def show(hit: Hit | DiscoveryHit) -> list[Strip]:
            # What CommandPalette._gather_commands builds from a hit (prompt, then help, both through from_markup).
            prompt = hit.prompt
            assert isinstance(prompt, str | Content)
            parts = [Content.from_markup(prompt)]
            if hit.help:
                parts.append(Content.from_markup(hit.help))
            commands.clear_options()
            commands.add_option(Option(Content("\n").join(parts)))
            return _strips(commands)[:2]

        @EXAMPLES
        @given(hostile, hostile, st.sampled_from(["", "a", "the", "[", "x] d"]))
        def each(value: str, help_text: str, query: str) -> None:
            hit = user_hit(0.5, value, lambda: None, help=help_text or None, matcher=Matcher(query))
            assert hit.text == shown(value, 120)
            expected = shown(value, 120) + (" " + shown(help_text, 120) if help_text else "")
            assert_safe_render(show(hit), expected)
            discovery = user_discovery_hit(value, lambda: None, help=help_text or None)
            assert_safe_render(show(discovery), expected)

        each()

    run_in_showcase(check)


@EXAMPLES
@given(hostile)
def test_user_markup_survives_any_markup_parser(value: str) -> None:
    assert Content.from_markup(user_markup(value)).plain == shown(value)


# --- the exports --------------------------------------------------------------------------------


def test_json_export_round_trip(tmp_path: Path) -> None:
    store = Store.memory()
    services = Services.create(store)
    expected: list[str] = []

    @EXAMPLES
    @given(hostile)
    def each(value: str) -> None:
        try:
            thought = services.fears.add(value)
        except ValidationError:  # empty once cleaned, or not decodable: refused, never stored as U+FFFD
            assert not clean_text(value).strip() or not is_decodable(value)
            return
        assert thought.text == clean_text(value).strip()
        expected.append(thought.text)
        store.add(Contact(name=clean_text(value)))

    each()
    document = store.export()
    payload = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    assert b"\x1b" not in payload and b"\x00" not in payload and b"\x07" not in payload
    assert orjson.loads(payload) == document
    assert [t["text"] for t in orjson.loads(payload)["thoughts"]] == expected
    # And a data file holding all of it reads back the same.
    on_disk = Store.open(tmp_path / "coach.json")
    on_disk.add_many(store.all(Thought) + store.all(Contact))
    reopened = Store.open(tmp_path / "coach.json")
    assert [t.text for t in reopened.all(Thought)] == expected
    assert [c["name"] for c in reopened.export()["contacts"]] == [c["name"] for c in document["contacts"]]


@pytest.mark.parametrize("value", ["a\ud800b", "\udfff"])
def test_text_that_is_not_unicode_is_refused_by_the_store_not_crashing_it(tmp_path: Path, value: str) -> None:
    from coach.errors import StoreError

    store = Store.open(tmp_path / "coach.json")
    store.add(Thought(text="fine"))
    with pytest.raises(StoreError, match="Nothing was changed"):
        store.add(Thought(text=value))
    assert [t.text for t in store.all(Thought)] == ["fine"]
    assert dataclasses.replace(store.all(Thought)[0]).text == "fine"


# --- end to end: real clicks, a real palette, a real toast --------------------------------------


class _HostileProvider(Provider):
    async def search(self, query: str) -> Any:
        matcher = self.matcher(query)
        for value in PAYLOADS[:16]:
            if matcher.match(value):
                yield user_hit(matcher.match(value), value, lambda: None, help=value, matcher=matcher)


class _PaletteApp(Showcase):
    COMMANDS = {_HostileProvider}


async def test_clicking_hostile_text_runs_nothing_and_the_raw_string_would() -> None:
    app = Showcase()
    async with app.run_test(size=(400, 60)) as pilot:
        static = app.query_one("#static", Static)
        static.update(user_content("[@click=app.boom]click me[/] and [@click=app.quit]me[/]"))
        await pilot.pause()
        for x in range(0, 30, 3):
            await pilot.click(static, offset=(x, 0))
        assert app.actions_run == []
        # The same text as a plain str is markup, and a click runs it: this is what the helpers prevent.
        static.update("[@click=app.boom]click me[/]")
        await pilot.pause()
        await pilot.click(static, offset=(2, 0))
        await pilot.pause()
        assert app.actions_run == ["boom"]


async def test_a_real_toast_and_a_real_palette() -> None:
    app = _PaletteApp()
    async with app.run_test(size=(400, 60), notifications=True) as pilot:
        nasty = "[@click=app.boom]x[/] \x1b]2;pwned\x07 oops [/] there"
        app.notify(user_plain(nasty), title=user_plain("[bold]\x00title"), markup=False)
        toasts: list[Toast] = []
        for _ in range(40):
            await pilot.pause(0.05)
            toasts = [toast for toast in app.screen.query(Toast) if toast.id != "toast"]
            if toasts:
                break
        assert toasts
        toast = toasts[-1]
        assert toast.render().plain == f"{shown('[bold]title')}\n{shown(nasty)}"
        assert_safe_render(_strips(toast), _text(_strips(toast)))  # no control character, link or action

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"lin")
        for _ in range(20):
            await pilot.pause(0.05)
            palette_list = app.screen.query(CommandList)
            if palette_list and palette_list.first().option_count:
                break
        command_list = app.screen.query_one(CommandList)
        assert command_list.option_count >= 1
        strips = _strips(command_list)
        text = _text(strips)
        assert "[link=https://example.com/x]click[/link]" in text
        for segment in (segment for strip in strips for segment in strip):
            assert "\x1b" not in segment.text and "\x00" not in segment.text
            assert segment.style is None or not segment.style.link
        await pilot.press("escape")
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x00" not in svg
    assert app.actions_run == []


# --- the real screens, with records a hand edit (or another program) put in the file ------------

HAND_EDITED = [
    "oops [/] there",
    "[@click=app.quit]click me[/] \x1b]2;pwned\x07 and [link=https://example.com]here[/link]",
    "[x] done \x1b[2J\x00 cleared? \u009b31m",
    "[bold]loud[/bold] \x1b[31mred\x1b[0m",
]


async def test_real_screens_show_hostile_records_as_text(tmp_path: Path) -> None:
    from textual.widgets import OptionList as ScreenOptionList

    store = Store.open(tmp_path / "coach.json")
    store.add_many([Thought(text=text) for text in HAND_EDITED])  # raw, as a hand edit would leave them
    app = make_app(store)
    async with app.run_test(size=(160, 48)) as pilot:
        for key in ("f2", "f3"):
            await pilot.press(key)
            await pilot.pause()
            svg = app.export_screenshot()
            assert "\x1b" not in svg and "\x00" not in svg and "\x07" not in svg
        thoughts = app.screen.query_one("#fear-list", ScreenOptionList)
        strips = _strips(thoughts)
        segments = [segment for strip in strips for segment in strip]
        assert all("\x1b" not in s.text and "\x00" not in s.text for s in segments)
        assert all(s.style is None or (not s.style.link and "@click" not in (s.style.meta or {})) for s in segments)
        shown_text = _squash(_text(strips))
        for text in HAND_EDITED:
            assert _squash(shown(text)) in shown_text
        # Clicking on the "[@click=app.quit]click me" thought runs nothing and quits nothing.
        row = next(y for y, strip in enumerate(strips) if strip.text.lstrip().startswith("[@click"))
        for x in (1, 3, 6):
            await pilot.click(thoughts, offset=(x, row))
            await pilot.pause()
            if app.screen is not thoughts.screen:  # a click may open a thought: close it again
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running
        assert app.return_code is None


# --- the command line ---------------------------------------------------------------------------


def test_json_export_from_the_command_line_escapes_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.__main__ import main

    path = tmp_path / "coach.json"
    Store.open(path).add_many([Thought(text=text) for text in HAND_EDITED])
    capsys.readouterr()
    assert main(["--data", str(path), "export"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out
    assert [t["text"] for t in orjson.loads(out)["thoughts"]] == HAND_EDITED  # kept as stored, escaped as JSON


def test_fear_list_sends_no_escape_sequences_to_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.__main__ import main

    path = tmp_path / "coach.json"
    Store.open(path).add_many([Thought(text=text) for text in HAND_EDITED])
    capsys.readouterr()
    assert main(["--data", str(path), "fear", "--list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out
