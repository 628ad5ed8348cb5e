"""The one text rule (coach.text): what is kept, what is removed, what is refused, on every way in."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import StoreError, ValidationError
from coach.models import Thought
from coach.services.fears import FearService
from coach.store import Store
from coach.text import MAX_LINE, clean_text, is_decodable, printable, require_text, split_lines

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl: one family emoji
FORMAT_CHARACTERS = [
    "\u200d",  # zero-width joiner
    "\u200c",  # zero-width non-joiner
    "\ufe0f",  # variation selector 16 (emoji presentation)
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    *(chr(c) for c in range(0x202A, 0x202F)),  # embeddings and overrides, U+202E among them
    *(chr(c) for c in range(0x2066, 0x206A)),  # isolates
    "\u00ad",  # soft hyphen
    "\u2060",  # word joiner
    "\ufeff",  # zero-width no-break space
]

# Any text, with lone surrogates and every control character well represented.
any_character = (
    st.characters(codec=None, categories=None)  # everything but surrogates
    | st.characters(min_codepoint=0, max_codepoint=0x9F)
    | st.characters(categories=["Cs", "Cf"])
)
any_text = st.text(any_character, max_size=60) | st.lists(
    st.sampled_from(["\r\n", "\r", "\n", "\t", "\x1b", "\x00", "\x85", "\ud800", "\udcff", FAMILY, "\u202e", " "])
    | st.text(max_size=4),
    max_size=12,
).map("".join)

PROPERTY = settings(max_examples=400, deadline=None)


def category(character: str) -> str:
    return unicodedata.category(character)


def line_breaks(value: str) -> int:
    return len(re.findall(r"\r\n|\r|\n", value))


def kept(value: str) -> list[str]:
    """What the rule keeps of `value`: every character that is neither a control character nor a lone surrogate."""
    return [ch for ch in value if category(ch) not in ("Cc", "Cs")]


@PROPERTY
@given(any_text)
def test_every_character_but_controls_is_kept_in_order(value: str) -> None:
    cleaned = clean_text(value)
    # Only spaces are added (one per line break or tab); every other kept character is there, in order.
    assert [ch for ch in cleaned if ch != " "] == [ch for ch in kept(value) if ch != " "]
    assert cleaned.count(" ") == value.count(" ") + line_breaks(value) + value.count("\t")


@PROPERTY
@given(any_text)
def test_the_result_never_holds_a_control_character_or_a_surrogate(value: str) -> None:
    cleaned = clean_text(value)
    assert not [ch for ch in cleaned if category(ch) in ("Cc", "Cs")]
    cleaned.encode("utf-8")  # always storable


@PROPERTY
@given(any_text)
def test_multiline_keeps_newlines_and_tabs_only(value: str) -> None:
    cleaned = clean_text(value, multiline=True)
    expected = [ch for ch in value if ch == "\t" or category(ch) not in ("Cc", "Cs")]
    assert [ch for ch in cleaned if ch != "\n"] == expected
    assert cleaned.count("\n") == line_breaks(value)
    assert {ch for ch in cleaned if category(ch) in ("Cc", "Cs")} <= {"\n", "\t"}


@PROPERTY
@given(any_text, st.booleans())
def test_cleaning_is_idempotent(value: str, multiline: bool) -> None:
    once = clean_text(value, multiline=multiline)
    assert clean_text(once, multiline=multiline) == once


@pytest.mark.parametrize("character", FORMAT_CHARACTERS)
def test_format_characters_are_kept_exactly(character: str) -> None:
    value = f"a{character}b"
    assert clean_text(value) == value
    assert require_text(value, what="a thought") == value


def test_a_family_emoji_and_other_scripts_are_kept_whole() -> None:
    for value in (FAMILY, "👍🏽", "🏳️‍🌈", "e\u0301", "表現", "שלום\u200f!", "a\u00a0b", "a\u3000b", "\ue000"):
        assert clean_text(value) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\x1b[31mred\x1b[0m", "a[31mred[0m"),
        ("bell\x07 nul\x00 del\x7f csi\x9b2J", "bell nul del csi2J"),
        ("one\ntwo\r\nthree\rfour", "one two three four"),
        ("tab\there", "tab here"),
        ("\x85next line", "next line"),
    ],
)
def test_control_characters_are_removed_and_line_breaks_become_spaces(value: str, expected: str) -> None:
    assert clean_text(value) == expected


def test_multiline_fields_keep_lines() -> None:
    assert clean_text("one\r\ntwo\rthree\n\tfour\x1b", multiline=True) == "one\ntwo\nthree\n\tfour"


def test_undecodable_text_is_refused_not_replaced() -> None:
    for value in ("caf\udce9", "\ud800", "ok \udcff\udcfe"):
        assert not is_decodable(value)
        with pytest.raises(ValidationError, match="isn't readable text"):
            require_text(value, what="a thought")
    assert "\ufffd" not in clean_text("caf\udce9")  # display drops it rather than showing a replacement
    assert printable("/tmp/caf\udce9.json") == "/tmp/caf\ufffd.json"  # a path is echoed recognisably
    assert require_text("a real \ufffd typed on purpose", what="a thought") == "a real \ufffd typed on purpose"


def test_empty_and_too_long_are_refused() -> None:
    for value in ("", "   ", "\x1b\x07", "\n\t\r\n"):
        with pytest.raises(ValidationError, match="empty"):
            require_text(value, what="a thought")
    with pytest.raises(ValidationError, match="25,000 characters"):
        require_text("a" * 25_000, what="a thought")
    assert require_text("a" * MAX_LINE, what="a thought") == "a" * MAX_LINE


def test_split_lines_is_each_line_under_the_one_line_rule() -> None:
    assert split_lines("first\r\n\n  second \x1b[1m\rthird\u200d\n\n") == ("first", "second [1m", "third\u200d")
    assert split_lines("\n \n") == ()


# --- the same rule on every way in --------------------------------------------------------------


SAMPLES = [FAMILY, "\u202eevil", "what if \x1b[31mthey\x1b[0m laugh", "tabs\tand\nlines", "😬\ufe0f\u200d"]


@pytest.mark.parametrize("value", SAMPLES)
def test_cli_service_and_store_round_trip_store_the_same(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.__main__ import main

    expected = clean_text(value).strip()
    assert main(["--data", str(tmp_path / "cli.json"), "fear", value]) == 0
    store = Store.open(tmp_path / "svc.json")
    FearService(store).add(value)
    store.close()
    for name in ("cli.json", "svc.json"):
        reopened = Store.open(tmp_path / name)
        assert [thought.text for thought in reopened.all(Thought)] == [expected]
        reopened.close()
    capsys.readouterr()


def test_cli_refuses_undecodable_bytes_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coach.__main__ import main

    data = tmp_path / "coach.json"
    # What Python puts in sys.argv for the bytes b"caf\xe9" from a Latin-1 terminal (surrogateescape).
    assert main(["--data", str(data), "fear", "caf\udce9 anxiety"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "isn't readable text" in captured.err and "\ufffd" not in captured.err
    assert not data.exists()


def test_store_refuses_a_lone_surrogate_that_skipped_the_rule(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "coach.json")
    with pytest.raises(StoreError):
        store.add(Thought(text="a\udce9b"))
    assert store.all(Thought) == []
    store.close()


# --- text already in the file -------------------------------------------------------------------


def test_a_hand_edited_record_is_shown_clean_and_saved_clean_only_when_its_text_is_edited(tmp_path: Path) -> None:
    from coach.models import Outcome
    from coach.widgets.safe import user_content, user_plain

    raw = f"what if \x1b[31mthey\x1b[0m laugh {FAMILY}"
    store = Store.open(tmp_path / "coach.json")
    (thought,) = store.add_many([Thought(text=raw)])  # as a hand edit leaves it: the store keeps what it is given
    fears = FearService(store)

    assert user_content(raw).plain == f"what if [31mthey[0m laugh {FAMILY}"  # shown without ESC, ZWJ kept
    assert user_plain(raw) == f"what if [31mthey[0m laugh {FAMILY}"

    fears.set_outcome(thought.id, Outcome.DID_NOT_HAPPEN)
    assert Store.open(tmp_path / "coach.json").all(Thought)[0].text == raw, "words nobody changed stay as written"

    fears.edit(thought.id, user_plain(raw))  # edited in coach: what the field showed is what is saved
    assert Store.open(tmp_path / "coach.json").all(Thought)[0].text == f"what if [31mthey[0m laugh {FAMILY}"


@PROPERTY
@given(any_text)
def test_what_is_shown_is_the_rule_applied(value: str) -> None:
    from coach.widgets.safe import user_content, user_markup, user_plain, user_rich

    expected = clean_text(value)
    assert user_plain(value) == expected
    assert user_content(value).plain == expected
    assert user_rich(value).plain == expected
    assert user_markup(value).replace("\\[", "[") == expected
    assert not [ch for ch in user_content(value, multiline=True).plain if category(ch) == "Cc" and ch not in "\n\t"]
