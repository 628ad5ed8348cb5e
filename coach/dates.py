"""Dates people type: one parser, python-dateutil plus a small layer of words.

"today", "tomorrow", "yesterday", "now", "next tue", "last fri", "fri 3pm", "in 3 days", "2 weeks ago",
"2026-12-03 10:00", "3 Dec", "noon". Every result can describe itself, so the screen can echo back what
it understood; anything else raises DateParseError with a hint.

A bare weekday ("mon 10:00") means the coming one, or with `past=True` (a date something already
happened: a message sent) the latest one, today included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coach.errors import DateParseError

HINT = 'Try "tomorrow 3pm", "fri", "next tue 10:00", "in 3 days" or "2026-12-03 10:00".'
PAST_HINT = 'Try "now", "yesterday 3pm", "mon 10:00", "last fri", "2 days ago" or "2026-11-20 10:00".'
MAX_LENGTH = 80

_WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_DAY_WORDS = {"today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1}
_UNITS = {
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours",
    "day": "days", "days": "days",
    "week": "weeks", "weeks": "weeks", "wk": "weeks", "wks": "weeks",
    "month": "months", "months": "months",
}  # fmt: skip
_RELATIVE = re.compile(r"^(?:in\s+)?(\d{1,4}|a|an|one|two|three)\s+([a-z]+)(\s+ago)?$")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
_TIME_HINT = re.compile(r"\d:\d|\d\s*(?:am|pm|a\.m\.|p\.m\.)\b|\bnoon\b|\bmidnight\b|\d{1,2}h\d{0,2}\b|T\d", re.I)
_WORD_TIMES = {"noon": time(12, 0), "midnight": time(0, 0), "tonight": time(19, 0)}


CLOCK_SLACK = timedelta(minutes=5)
"""How far ahead of the clock a moment that already happened may be (another device's clock, a rounded time)."""


@dataclass(frozen=True)
class When:
    """A parsed date, with whether the person gave a time of day."""

    value: datetime
    has_time: bool

    @property
    def day(self) -> date:
        return self.value.date()

    def still_to_come(self, now: datetime) -> bool:
        """A later day than `now`'s, or (given a time) more than CLOCK_SLACK after it."""
        if self.day > now.date():
            return True
        return self.has_time and self.value > now + CLOCK_SLACK

    def describe(self) -> str:
        """How coach echoes the date back: "Thu 3 Dec 2026, 10:00" or "Thu 3 Dec 2026"."""
        text = f"{self.value:%a} {self.value.day} {self.value:%b %Y}"
        return f"{text}, {self.value:%H:%M}" if self.has_time else text


def parse_when(text: str, now: datetime, *, past: bool = False) -> When:
    """Understand `text` relative to `now` (timezone-aware); raises DateParseError if it can't.

    With `past`, a bare weekday is the latest one (today included) and the hints suggest past dates."""
    try:
        return _parse_when(text, now, past)
    except DateParseError as error:
        if past:
            raise DateParseError(str(error).replace(HINT, PAST_HINT)) from None
        raise


def _parse_when(text: str, now: datetime, past: bool) -> When:
    raw = " ".join(text.split())
    if not raw:
        raise DateParseError(f"Type a date. {HINT}")
    if len(raw) > MAX_LENGTH:
        raise DateParseError(f"That is too long to be a date. {HINT}")
    words = raw.lower()
    try:
        result = _parse_words(words, now, past)
        if result is None:
            result = _parse_with_dateutil(raw, now)
    except DateParseError:
        raise
    except (ValueError, OverflowError, TypeError, ArithmeticError) as exc:
        raise DateParseError(_explain(raw, exc)) from None
    if result.value.tzinfo is None:
        result = When(result.value.replace(tzinfo=now.tzinfo), result.has_time)
    return result


def _midnight(day: date, now: datetime) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=now.tzinfo)


def _with_time(day: date, rest: str, now: datetime, word: str = "") -> When:
    if not rest:
        if word in _WORD_TIMES:
            return When(datetime.combine(day, _WORD_TIMES[word], tzinfo=now.tzinfo), True)
        return When(_midnight(day, now), False)
    if rest in _WORD_TIMES:
        return When(datetime.combine(day, _WORD_TIMES[rest], tzinfo=now.tzinfo), True)
    rest = rest.removeprefix("at ").strip()
    if not _TIME_HINT.search(rest) and not rest.isdigit():
        raise DateParseError(f'Couldn\'t read "{rest}" as a time of day. {HINT}')
    from dateutil import parser

    if rest.isdigit():
        hour = int(rest)
        if not 0 <= hour <= 23:
            raise DateParseError(f"{rest} is not an hour of the day. {HINT}")
        parsed_time = time(hour, 0)
    else:
        parsed_time = parser.parse(rest, default=datetime.combine(day, time(0, 0))).time()
    return When(datetime.combine(day, parsed_time, tzinfo=now.tzinfo), True)


def _parse_words(words: str, now: datetime, past: bool = False) -> When | None:
    if words == "now":
        return When(now, True)
    if words in _WORD_TIMES and words != "tonight":
        return _with_time(now.date(), words, now)
    head, _, rest = words.partition(" ")
    if head in _DAY_WORDS:
        return _with_time(now.date() + timedelta(days=_DAY_WORDS[head]), rest, now, head)
    is_next, is_last = head == "next", head == "last"
    if is_next or is_last:
        head, _, rest = rest.partition(" ")
    if head in _WEEKDAYS:
        if is_last or (past and not is_next):
            back = (now.weekday() - _WEEKDAYS[head]) % 7
            if is_last and back == 0:
                back = 7
            return _with_time(now.date() - timedelta(days=back), rest, now)
        ahead = (_WEEKDAYS[head] - now.weekday()) % 7
        if is_next and ahead == 0:
            ahead = 7
        return _with_time(now.date() + timedelta(days=ahead), rest, now)
    if is_last and head == "week":
        return _with_time(now.date() - timedelta(days=7 + now.weekday()), rest, now)
    if is_next and head == "week":
        return _with_time(now.date() + timedelta(days=7 - now.weekday()), rest, now)
    match = _RELATIVE.match(words)
    if match and match.group(2) in _UNITS:
        amount = _NUMBER_WORDS.get(match.group(1)) or int(match.group(1))
        unit = _UNITS[match.group(2)]
        if match.group(3):
            amount = -amount
        from dateutil.relativedelta import relativedelta

        moved = now + relativedelta(**{unit: amount})
        if unit in ("minutes", "hours"):
            return When(moved, True)
        return When(_midnight(moved.date(), now), False)
    return None


def _parse_with_dateutil(raw: str, now: datetime) -> When:
    from dateutil import parser

    if not any(ch.isdigit() for ch in raw) and not re.search(r"[a-z]{3}", raw, re.I):
        raise DateParseError(f'Couldn\'t read "{raw}" as a date. {HINT}')
    try:
        parsed = parser.parse(raw, default=_midnight(now.date(), now).replace(tzinfo=None))
    except parser.ParserError as exc:
        raise DateParseError(_explain(raw, exc)) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(now.tzinfo)
    return When(parsed, bool(_TIME_HINT.search(raw)))


def _explain(raw: str, exc: BaseException) -> str:
    reason = str(exc).split(":")[0].lower()
    if "out of range" in reason or "must be in" in reason:
        return f'"{raw}" is not a real date ({reason}). {HINT}'
    return f'Couldn\'t read "{raw}" as a date. {HINT}'
