"""The date parser: the documented forms, and for any text at all, a When or the project's own DateParseError."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coach.dates import When, parse_when
from coach.errors import DateParseError

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))  # a Wednesday

# --- the documented forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "has_time"),
    [
        ("today", datetime(2026, 11, 25), False),
        ("Today", datetime(2026, 11, 25), False),
        ("tomorrow", datetime(2026, 11, 26), False),
        ("yesterday", datetime(2026, 11, 24), False),
        ("next tue", datetime(2026, 12, 1), False),
        ("next wed", datetime(2026, 12, 2), False),
        ("wed", datetime(2026, 11, 25), False),
        ("fri 3pm", datetime(2026, 11, 27, 15, 0), True),
        ("tomorrow 10:30", datetime(2026, 11, 26, 10, 30), True),
        ("2026-12-03 10:00", datetime(2026, 12, 3, 10, 0), True),
        ("2026-12-03", datetime(2026, 12, 3), False),
        ("in 3 days", datetime(2026, 11, 28), False),
        ("2 weeks ago", datetime(2026, 11, 11), False),
        ("in 2 hours", datetime(2026, 11, 25, 11, 30), True),
        ("noon", datetime(2026, 11, 25, 12, 0), True),
        ("3 Dec", datetime(2026, 12, 3), False),
        ("  in   3   days  ", datetime(2026, 11, 28), False),
    ],
)
def test_documented_forms(text: str, expected: datetime, has_time: bool) -> None:
    when = parse_when(text, NOW)
    assert when.value.replace(tzinfo=None) == expected
    assert when.value.tzinfo is not None and when.value.utcoffset() == NOW.utcoffset()
    assert when.has_time is has_time


def test_describe_echoes_what_was_understood() -> None:
    assert parse_when("2026-12-03 10:00", NOW).describe() == "Thu 3 Dec 2026, 10:00"
    assert parse_when("2026-12-03", NOW).describe() == "Thu 3 Dec 2026"


@pytest.mark.parametrize(
    "text",
    ["31/02", "2026-02-31", "asdf", "", "   ", "tomorrow at teatime", "fri 25:00", "in 3 parsecs", "x" * 200, "30 feb"],
)
def test_refused_with_a_hint(text: str) -> None:
    with pytest.raises(DateParseError) as refused:
        parse_when(text, NOW)
    message = str(refused.value)
    assert "Try" in message
    assert "\n" not in message


# --- any text at all ---------------------------------------------------------------------------

TOKENS = [
    "today", "tomorrow", "yesterday", "tonight", "now", "noon", "midnight", "next", "week", "in", "ago", "at",
    "mon", "tue", "fri", "sunday", "a", "an", "one", "three", "min", "hours", "days", "weeks", "months", "years",
    "3pm", "12am", "0am", "13pm", "10:00", "25:61", "12h30", "T10", "a.m.", "p.m.",
    "0", "3", "31", "99", "9999", "10000", "-1", "2026-12-03", "0000-00-00", "9999-12-31", "0001-01-01",
    "31/02", "02/31", "29/02/2027", "3 dec", "dec", "2026", "+14:00", "Z", "UTC", "EST", "+99:99", "1e9",
    "½", "٣", "𝟑", "\x00", "\u200b", "/", ",", ":", ".",
]  # fmt: skip

phrases = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6).map(" ".join)
anything = (
    st.text(max_size=90) | phrases | st.from_regex(r"(in )?\d{1,6} (days|weeks|months|hours)( ago)?", fullmatch=True)
)
zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12, minutes=30)), ZoneInfo("America/St_Johns")]
)
moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=zones)


@settings(max_examples=600, deadline=None)
@given(text=anything, now=moments)
@example(text="in 9999 months", now=datetime(9999, 12, 30, tzinfo=UTC))
@example(text="9999 weeks ago", now=datetime(1, 1, 2, tzinfo=UTC))
@example(text="tomorrow", now=datetime(9999, 12, 30, 23, 59, tzinfo=timezone(timedelta(hours=14))))
@example(text="next sun", now=datetime(9999, 12, 30, tzinfo=UTC))
@example(text="2026-12-03 10:00 +99:99", now=NOW)
@example(text="10000", now=NOW)
def test_any_text_gives_a_date_or_a_date_parse_error(text: str, now: datetime) -> None:
    try:
        when = parse_when(text, now)
    except DateParseError as refused:
        assert str(refused)
        return
    assert isinstance(when, When)
    assert when.value.tzinfo is not None
    assert when.value.utcoffset() is not None
    assert isinstance(when.describe(), str)
