"""Exports: one CSV per table (formula injection neutralised), the Markdown journal by week, the iCalendar file."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from coach.models import (
    TABLES,
    Contact,
    Goal,
    Interview,
    InterviewStatus,
    Outreach,
    PrepItem,
    Reflection,
    Response,
    Review,
    Setting,
    Thought,
)
from coach.services import Services
from coach.services.exports import ExportService, csv_files, json_bytes, md_text, safe_cell
from coach.store import Store

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=PARIS)  # a Wednesday


@pytest.fixture
def seeded() -> Store:
    store = Store.memory(clock=lambda: NOW)
    ana = store.add(Contact(name="Ana [b]Ruiz[/b]", company="=cmd|' /C calc'!A0", created=NOW - timedelta(days=10)))
    ben = store.add(Contact(name="Ben\x1b[31m Okafor\nnext", role="@lead", created=NOW - timedelta(days=3)))
    store.add(Thought(text="what if *they* say no\n# heading\n<script>x</script>", created=NOW - timedelta(days=9)))
    store.add(Outreach(contact_id=ana.id, sent=NOW - timedelta(days=12), note="+1 short note"))
    store.add(Outreach(contact_id=ben.id, sent=NOW - timedelta(days=2), response=Response.YES, answered=NOW))
    planned = store.add(
        Interview(
            contact_id=ana.id,
            when=datetime(2026, 12, 4, 15, 0, tzinfo=PARIS),
            place="Café Müller; Rue 1, Paris",
            setting=Setting.COFFEE,
            minutes=45,
            aims=("-2 ideas",),
        )
    )
    store.add(
        Interview(contact_id=ben.id, when=datetime(2026, 12, 8, 10, 0, tzinfo=UTC), setting=Setting.VIDEO, place="x")
    )
    store.add(Interview(contact_id=ben.id, when=NOW, status=InterviewStatus.CANCELLED))
    store.add(PrepItem(interview_id=planned.id, text="What does a normal week look like?", starred=True, rank=2))
    store.add(PrepItem(interview_id=planned.id, text="Who else should I talk to?", starred=True, rank=1))
    store.add(PrepItem(interview_id=planned.id, text="not starred", rank=3))
    store.add(Reflection(interview_id=planned.id, learned="=SUM(A1)", created=NOW))
    store.add(Review(week_start=date(2026, 11, 16), wins="two asks", created=NOW))
    store.add(
        Goal(
            target=2,
            rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            start=date(2026, 11, 2),
            plan="mornings, kitchen table",
            plan_time="08:00",
            created=NOW - timedelta(days=23),
        )
    )
    return store


def _exporter(store: Store, zone: Any = PARIS) -> ExportService:
    services = Services.create(store)
    return ExportService(store, services.people, services.outreach, services.goals, zone=zone)


# --- csv --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        (" =x", "' =x"),
        ("plain", "plain"),
        ("a\x1b[31mb\nc", "a[31mb\nc"),
        (None, ""),
        (True, "true"),
        (3, "3"),
        (["=a", "b"], "'=a\nb"),
    ],
)
def test_safe_cell(value: Any, cell: str) -> None:
    assert safe_cell(value) == cell


def test_csv_one_file_per_table_with_headers_and_no_formula(seeded: Store) -> None:
    files, total = csv_files(seeded)

    assert sorted(files) == sorted(f"{table}.csv" for table in TABLES)
    assert total == sum(seeded.count(kind) for kind in TABLES.values())
    for table, kind in TABLES.items():
        content = files[f"{table}.csv"]
        assert content.startswith(b"\xef\xbb\xbf"), "a byte order mark: spreadsheets read UTF-8 right"
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        assert rows[0] == [field.name for field in dataclasses.fields(kind)]
        assert len(rows) - 1 == seeded.count(kind)
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t")), (table, cell)
    contacts = list(csv.DictReader(io.StringIO(files["contacts.csv"].decode("utf-8-sig"), newline="")))
    assert contacts[0]["name"] == "Ana [b]Ruiz[/b]"
    assert contacts[0]["company"] == "'=cmd|' /C calc'!A0"
    assert contacts[1]["name"] == "Ben[31m Okafor\nnext", "control characters gone, the line break kept"
    assert contacts[1]["role"] == "'@lead"
    interviews = list(csv.DictReader(io.StringIO(files["interviews.csv"].decode("utf-8-sig"), newline="")))
    assert interviews[0]["aims"] == "'-2 ideas"
    assert interviews[0]["when"] == "2026-12-04T15:00:00+01:00"


def test_csv_of_an_empty_store_still_has_every_header() -> None:
    files, total = csv_files(Store.memory())
    assert total == 0
    assert files["contacts.csv"].decode("utf-8-sig").splitlines()[0].startswith("id,created,updated,name,warmth")


def test_json_is_the_whole_data_set(seeded: Store) -> None:
    import json

    payload, total = json_bytes(seeded)
    document = json.loads(payload)
    assert total == sum(len(value) for value in document.values() if isinstance(value, list))
    assert document["contacts"][0]["name"] == "Ana [b]Ruiz[/b]"


# --- the journal ------------------------------------------------------------------------------------


def test_journal_is_grouped_by_week_oldest_first(seeded: Store) -> None:
    text = _exporter(seeded).journal()
    lines = text.splitlines()
    weeks = [line for line in lines if line.startswith("## ")]
    assert weeks == [
        "## Week of Mon 2 Nov 2026",
        "## Week of Mon 9 Nov 2026",
        "## Week of Mon 16 Nov 2026",
        "## Week of Mon 23 Nov 2026",
        "## Week of Mon 30 Nov 2026",
        "## Week of Mon 7 Dec 2026",
    ]

    def week_of(words: str) -> str:
        at = next(index for index, line in enumerate(lines) if words in line)
        return next(line for line in reversed(lines[:at]) if line.startswith("## "))

    assert week_of("Set a goal: 2 people a day, Mon-Fri") == "## Week of Mon 2 Nov 2026"
    assert week_of("Reached out to Ana") == "## Week of Mon 9 Nov 2026"
    assert week_of("Wrote down a worry") == "## Week of Mon 16 Nov 2026"
    assert week_of("Weekly review") == "## Week of Mon 16 Nov 2026", "a review sits in the week it looks back on"
    assert week_of("Coffee with Ana") == "## Week of Mon 30 Nov 2026"
    assert "### Fri 4 Dec" in lines
    assert "  - ★ Who else should I talk to?" in lines
    assert "not starred" not in text
    assert "Cancelled" not in text and "(cancelled)" in text


def test_journal_shows_hostile_text_as_text(seeded: Store) -> None:
    text = _exporter(seeded).journal()
    assert "Ana \\[b\\]Ruiz\\[/b\\]" in text, "brackets can't become a link"
    assert "<script>" not in text and "\\<script\\>" in text
    assert "  > \\# heading" in text, "a worry's # never becomes a heading"
    assert "\x1b" not in text
    assert not any(line.startswith("# ") for line in text.splitlines()[1:])
    assert md_text("1. first") == "1\\. first"
    assert md_text("- item") == "\\- item"


def test_journal_of_an_empty_store_says_what_will_appear() -> None:
    text = _exporter(Store.memory(clock=lambda: NOW)).journal()
    assert "Nothing here yet" in text
    assert "## Week" not in text


def test_journal_folds_a_big_import_into_one_line() -> None:
    store = Store.memory(clock=lambda: NOW)
    store.add_many([Contact(name=f"Person {n}") for n in range(1000)])
    text = _exporter(store).journal()
    assert "Added 1,000 people to your list, among them Person 0, Person 1, Person 2." in text
    assert text.count("\n- ") == 1


# --- the calendar -----------------------------------------------------------------------------------


def _calendar(store: Store, zone: Any = PARIS) -> tuple[Calendar, int]:
    payload, count = _exporter(store, zone).calendar_bytes()
    return Calendar.from_ical(payload), count


def test_calendar_events_todos_alarms_and_zones(seeded: Store) -> None:
    calendar, count = _calendar(seeded)
    events = calendar.walk("VEVENT")
    todos = calendar.walk("VTODO")
    assert count == len(events) + len(todos)
    by_uid = {str(event["uid"]): event for event in events}
    assert set(by_uid) == {"interview-1@coach", "interview-2@coach", "interview-3@coach", "goal-1@coach"}
    cancelled = by_uid["interview-3@coach"]
    assert str(cancelled["status"]) == "CANCELLED", "a calendar that had it takes it out"
    assert not cancelled.walk("VALARM")
    assert str(by_uid["interview-1@coach"]["status"]) == "CONFIRMED"

    coffee = by_uid["interview-1@coach"]
    start = coffee["dtstart"].dt
    assert start == datetime(2026, 12, 4, 15, 0, tzinfo=PARIS)
    assert str(start.tzinfo) == "Europe/Paris" and coffee["dtstart"].params["TZID"] == "Europe/Paris"
    assert coffee["dtend"].dt - start == timedelta(minutes=45)
    assert str(coffee["location"]) == "Café Müller; Rue 1, Paris"
    assert str(coffee["summary"]) == "Coffee with Ana [b]Ruiz[/b]"
    description = str(coffee["description"])
    assert description.index("Who else should I talk to?") < description.index("What does a normal week")
    assert "not starred" not in description
    (alarm,) = coffee.walk("VALARM")
    assert alarm["trigger"].dt == timedelta(hours=-1)
    assert str(alarm["action"]) == "DISPLAY"

    video = by_uid["interview-2@coach"]
    assert video["dtstart"].dt.astimezone(UTC) == datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
    assert video["dtstart"].dt.hour == 11, "shown in the person's zone"
    assert str(video["summary"]) == "Video call with Ben[31m Okafor next"

    assert calendar.walk("VTIMEZONE"), "the zone travels with the file"

    (todo,) = todos
    assert str(todo["uid"]) == "follow-up-1@coach"
    assert todo["due"].dt == date(2026, 11, 24)
    assert type(todo["due"].dt) is date, "all day"
    assert str(todo["summary"]) == "Follow up with Ana [b]Ruiz[/b]"


def test_calendar_goal_repeats_with_its_rule(seeded: Store) -> None:
    calendar, _count = _calendar(seeded)
    goal = next(event for event in calendar.walk("VEVENT") if str(event["uid"]) == "goal-1@coach")
    assert goal["rrule"]["FREQ"] == ["WEEKLY"]
    assert goal["rrule"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert goal["dtstart"].dt == datetime(2026, 11, 2, 8, 0, tzinfo=PARIS)
    assert str(goal["description"]) == "mornings, kitchen table"
    (alarm,) = goal.walk("VALARM")
    assert alarm["trigger"].dt == timedelta(0)


def test_calendar_goal_on_planned_days_all_day_and_ending() -> None:
    store = Store.memory(clock=lambda: NOW)
    store.add(Goal(rrule="FREQ=DAILY", plan_days="MO,WE", start=date(2026, 11, 2), end=date(2026, 12, 31)))
    calendar, count = _calendar(store)
    (goal,) = calendar.walk("VEVENT")
    assert count == 1
    assert goal["rrule"]["BYDAY"] == ["MO", "WE"]
    assert goal["dtstart"].dt == date(2026, 11, 2)
    assert goal["rrule"]["UNTIL"] == [date(2026, 12, 31)]


def test_calendar_uids_are_stable_between_exports(seeded: Store) -> None:
    first, _ = _calendar(seeded)
    second, _ = _calendar(seeded)
    uids = [str(item["uid"]) for item in first.walk() if "uid" in item]
    assert uids == [str(item["uid"]) for item in second.walk() if "uid" in item]
    assert len(uids) == len(set(uids))


def test_calendar_without_a_zone_name_uses_utc(seeded: Store) -> None:
    calendar, _count = _calendar(seeded, zone=timezone(timedelta(hours=1)))
    coffee = next(event for event in calendar.walk("VEVENT") if str(event["uid"]) == "interview-1@coach")
    assert coffee["dtstart"].dt == datetime(2026, 12, 4, 14, 0, tzinfo=UTC)
    assert "TZID" not in coffee["dtstart"].params
    assert not calendar.walk("VTIMEZONE")


def test_calendar_of_an_empty_store_is_a_valid_empty_calendar() -> None:
    calendar, count = _calendar(Store.memory(clock=lambda: NOW))
    assert count == 0
    assert calendar.walk("VEVENT") == [] and str(calendar["version"]) == "2.0"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_no_text_becomes_markup_or_a_formula(text: str) -> None:
    shown = md_text(text)
    assert "\n" not in shown and not any(ord(char) < 32 or 127 <= ord(char) < 160 for char in shown)
    assert not shown.lstrip().startswith(("#", "-", "+", ">", "*", "[", "<", "`", "|", "=")), shown
    cell = safe_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not cell.lstrip().startswith(("=", "+", "-", "@")) or cell.startswith("'")


def test_calendar_leaves_out_a_goal_whose_rule_was_broken_by_hand() -> None:
    store = Store.memory(clock=lambda: NOW)
    store.add(Goal(rrule="FREQ=SOMETIMES;BYDAY=XX"))
    calendar, count = _calendar(store)
    assert count == 0 and calendar.walk("VEVENT") == []


def test_calendar_keeps_a_replaced_goal_ending_on_its_last_day() -> None:
    store = Store.memory(clock=lambda: NOW)
    old = store.add(Goal(target=5, start=date(2026, 10, 1), end=date(2026, 11, 1), active=False, plan_time="09:00"))
    store.add(Goal(target=2, start=date(2026, 11, 2)))
    store.add(Goal(target=9, active=False))  # replaced, with no last day written down: left out
    calendar, count = _calendar(store)
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert count == 2 and set(events) == {f"goal-{old.id}@coach", "goal-2@coach"}
    until = events[f"goal-{old.id}@coach"]["rrule"]["UNTIL"][0]
    assert until.astimezone(PARIS).date() == date(2026, 11, 1)
    assert "UNTIL" not in events["goal-2@coach"]["rrule"]
