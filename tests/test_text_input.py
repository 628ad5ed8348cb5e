"""TextInput: typing and pasting follow the text rule, and pastes arrive whole (coach.widgets.text_input, .paste)."""

from __future__ import annotations

import importlib
import inspect
import itertools
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input

from coach.terminal_input import DRIVER_MODULES, PasteSafeParser, harden_terminal_input, tolerant_incremental_decoder
from coach.text import clean_text
from coach.widgets.text_input import TextInput

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


class Field(App[None]):
    """One focused field: a TextInput, or Textual's Input to compare."""

    def __init__(self, kind: type[Input] = TextInput, value: str = "") -> None:
        super().__init__()
        self.kind = kind
        self.value = value
        self.pasted: list[TextInput.LinesPasted] = []
        self.submitted: list[str] = []
        self.notices: list[str] = []

    def compose(self) -> ComposeResult:
        yield self.kind(self.value, id="field")

    @property
    def field(self) -> Input:
        return self.query_one("#field", Input)

    def on_mount(self) -> None:
        self.field.focus()

    def notify(self, message: str, **options: Any) -> None:  # type: ignore[override]
        self.notices.append(message)
        super().notify(message, **options)

    def on_text_input_lines_pasted(self, event: TextInput.LinesPasted) -> None:
        self.pasted.append(event)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submitted.append(event.value)


def deliver(app: App[None], messages: Iterable[Message]) -> None:
    """Hand the app what a terminal driver would (the events its parser made), in order."""
    for message in messages:
        message.set_sender(app)
        app.post_message(message)


# --- typing -------------------------------------------------------------------------------------


async def type_through_the_terminal(app: App[None], pilot: Pilot[None], text: str) -> None:
    """Type `text` one code point per read, as the terminal sends it, through the parser coach runs with.

    (`pilot.press` can't: it sends U+200D as a key with no character, which a terminal never does.)
    """
    parser = PasteSafeParser()
    for character in text:
        deliver(app, parser.feed(character))
        await pilot.pause()


async def test_typing_a_family_emoji_code_point_by_code_point_keeps_it_whole() -> None:
    app = Field()
    async with app.run_test(size=(100, 32)) as pilot:
        typed = f"{FAMILY} \u202eabc\u200f\ufe0f"
        await type_through_the_terminal(app, pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert app.submitted == [typed]
        assert app.field.value == typed
        assert app.field.cursor_position == len(typed)


async def test_stock_input_drops_the_joiner_which_is_why_text_input_exists() -> None:
    app = Field(Input)
    async with app.run_test(size=(100, 32)) as pilot:
        await type_through_the_terminal(app, pilot, f"{FAMILY}\u202ex")
        assert app.field.value == "\U0001f468\U0001f469\U0001f467x"  # three emoji, no override: not as typed


async def test_typed_characters_that_arrive_from_the_terminal_parser_are_kept() -> None:
    app = Field()
    async with app.run_test(size=(100, 32)) as pilot:
        # NBSP, ideographic space, a private-use character, a line separator: not isprintable, but text.
        typed = f"a\u00a0b\u3000c\ue000{FAMILY}\u2028d"
        deliver(app, PasteSafeParser().feed(typed))
        await pilot.pause()
        assert app.field.value == typed


async def test_control_keys_still_edit_and_are_never_inserted() -> None:
    app = Field()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"abc", "backspace", "ctrl+a", "x", "tab")
        await pilot.pause()
        assert app.field.value == "xab"
        assert all(ch.isprintable() for ch in app.field.value)


# --- pasting ------------------------------------------------------------------------------------


async def test_a_multi_line_paste_inserts_nothing_and_offers_the_lines() -> None:
    app = Field(value="keep me")
    async with app.run_test(size=(100, 32)) as pilot:
        paste = "what if they say no\r\n\n  what if I freeze \x07\nwhat if \u202ethey laugh\n"
        deliver(app, [events.Paste(paste)])
        await pilot.pause()
        assert app.field.value == "keep me"
        assert len(app.pasted) == 1
        event = app.pasted[0]
        assert event.lines == ("what if they say no", "what if I freeze", "what if \u202ethey laugh")
        assert event.text == paste
        assert event.control is app.field
        assert event.as_one_line == clean_text(paste).strip()
        assert "\n" not in event.as_one_line and "\x07" not in event.as_one_line


@pytest.mark.parametrize(
    ("paste", "inserted"),
    [
        ("they \x1b[1msaid\x00 yes", "they [1msaid yes"),
        (f" {FAMILY}\u200d ", f" {FAMILY}\u200d "),
        ("only one line\n", "only one line"),
        ("\n\n  one line among breaks  \r\n", "one line among breaks"),
        ("\n\n", ""),
        ("tab\tin it", "tab in it"),
    ],
)
async def test_a_one_line_paste_is_inserted_under_the_rule(paste: str, inserted: str) -> None:
    app = Field(value="ab")
    async with app.run_test(size=(100, 32)) as pilot:
        app.field.cursor_position = 1
        deliver(app, [events.Paste(paste)])
        await pilot.pause()
        assert app.field.value == f"a{inserted}b"
        assert app.pasted == []


async def test_a_paste_replaces_the_selection() -> None:
    app = Field(value="what if they hate me")
    async with app.run_test(size=(100, 32)) as pilot:
        app.field.selection = (13, 17)
        deliver(app, [events.Paste("ignore")])
        await pilot.pause()
        assert app.field.value == "what if they ignore me"


async def test_a_pasted_escape_sequence_arrives_whole_and_in_order() -> None:
    raw = f"{PASTE_START}abc \x1b[31mred\x1b[0m xyz \x1b]2;title\x07 end{PASTE_END}"
    app = Field()
    async with app.run_test(size=(100, 32)) as pilot:
        deliver(app, PasteSafeParser().feed(raw))
        await pilot.pause()
        assert app.field.value == "abc [31mred[0m xyz ]2;title end"


# --- the parser ---------------------------------------------------------------------------------


def parse(parser: XTermParser, chunks: Iterable[str]) -> list[Message]:
    return [message for chunk in chunks for message in parser.feed(chunk)]


def test_textuals_own_parser_reorders_a_paste_with_an_escape() -> None:
    """Why PasteSafeParser exists. If this fails, Textual fixed it and the workaround can go."""
    raw = f"{PASTE_START}abc\x1b[31mred\x1b[0m xyz{PASTE_END}"
    messages = parse(XTermParser(), [raw])
    pastes = [m.text for m in messages if isinstance(m, events.Paste)]
    keys = "".join(m.character or "" for m in messages if isinstance(m, events.Key))
    assert pastes == ["abc"]  # what came before the first ESC, sent last
    assert keys == "^[31mred^[0m xyz"  # the rest, as key presses, the ESC shown as ^


@settings(max_examples=300, deadline=None)
@given(
    content=st.lists(
        st.sampled_from(["\x1b", "[", "2", "0", "1", "~", "\x1b[201", "\x1b[20", "a", "é", FAMILY, "\n", " "])
        | st.text(max_size=3),
        max_size=15,
    ).map("".join),
    cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=6),
)
def test_any_paste_in_any_chunks_arrives_as_one_paste_without_escapes(content: str, cuts: list[int]) -> None:
    if PASTE_END in content:  # a terminal never sends the end marker inside a paste
        content = content.replace(PASTE_END, "")
    raw = f"k{PASTE_START}{content}{PASTE_END}z"
    points = sorted({min(cut, len(raw)) for cut in cuts} | {0, len(raw)})
    chunks = [raw[a:b] for a, b in itertools.pairwise(points) if raw[a:b]]
    messages = parse(PasteSafeParser(), chunks)
    pastes = [m for m in messages if isinstance(m, events.Paste)]
    keys = [m for m in messages if isinstance(m, events.Key)]
    assert [p.text for p in pastes] == [content.replace("\x1b", "").replace("\x00", "")]
    assert [k.character for k in keys] == ["k", "z"]


def test_keys_outside_a_paste_pass_through_untouched() -> None:
    messages = parse(PasteSafeParser(), ["ab", "\x1b[A", "\r", "\x1b[", "B"])
    assert [m.key for m in messages if isinstance(m, events.Key)] == ["a", "b", "up", "enter", "down"]


def test_harden_terminal_input_installs_both_fixes_in_textuals_drivers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names the non-public attributes it relies on, so a Textual upgrade that moves them fails here."""
    import codecs

    for name in DRIVER_MODULES:
        module = importlib.import_module(name)
        # An earlier test in this process may have opened the app through coach's own entry point,
        # which installs the fixes for good: put Textual's own names back first (monkeypatch undoes it).
        if getattr(module, "XTermParser", None) is PasteSafeParser:
            monkeypatch.setattr(module, "XTermParser", XTermParser)
        if getattr(module, "getincrementaldecoder", None) is tolerant_incremental_decoder:
            monkeypatch.setattr(module, "getincrementaldecoder", codecs.getincrementaldecoder)
        assert getattr(module, "XTermParser", None) is XTermParser, f"{name}.XTermParser changed in Textual"
        assert getattr(module, "getincrementaldecoder", None) is codecs.getincrementaldecoder, (
            f"{name}.getincrementaldecoder changed in Textual"
        )
        driver = next(value for key, value in vars(module).items() if key.endswith("Driver") and key != "Driver")
        source = inspect.getsource(driver.run_input_thread)
        assert "XTermParser(" in source, f"{name} no longer builds its parser as XTermParser(...)"
        assert 'getincrementaldecoder("utf-8")' in source, f"{name} no longer decodes with getincrementaldecoder"
        monkeypatch.setattr(module, "XTermParser", XTermParser)
        monkeypatch.setattr(module, "getincrementaldecoder", codecs.getincrementaldecoder)
    harden_terminal_input()
    harden_terminal_input()
    for name in DRIVER_MODULES:
        module = importlib.import_module(name)
        assert module.XTermParser is PasteSafeParser
        assert module.getincrementaldecoder is tolerant_incremental_decoder


def test_bytes_that_are_not_utf8_decode_instead_of_killing_the_input_thread() -> None:
    import codecs

    with pytest.raises(UnicodeDecodeError):  # what Textual's own decoder does with a Latin-1 é
        codecs.getincrementaldecoder("utf-8")().decode(b"caf\xe9 ok")
    decode = tolerant_incremental_decoder("utf-8")().decode
    assert decode(b"caf\xe9 ok") == "caf\udce9 ok"
    assert decode(b"\xe2\x80") + decode(b"\x8d!") == "\u200d!"  # a character cut between two reads still joins


async def test_undecodable_typing_is_left_out_with_one_notice() -> None:
    app = Field()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await type_through_the_terminal(app, pilot, "caf\udce9\udcff ok")
        assert app.field.value == "caf ok"
        assert len(app.notices) == 1 and "UTF-8" in app.notices[0]


async def test_an_undecodable_paste_is_refused_whole() -> None:
    app = Field(value="kept")
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        deliver(app, [events.Paste("line one\nline \udce9 two")])
        await pilot.pause()
        assert app.field.value == "kept"
        assert app.pasted == []
        assert len(app.notices) == 1
