"""Data format 1 -> 2 (issue 9): goals, contacts and outreach grow their fields, on a real file, after a backup."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from coach.errors import DataFileError
from coach.models import Contact, Goal, GoalUnit, Outreach, Period, Response, Thought
from coach.store import SCHEMA, Store
from coach.store.migrations import migrate
from tests.conftest import FakeClock

VERSION_1: dict[str, Any] = {
    "meta": {"1": {"schema": 1, "last_ids": {"goals": 3, "contacts": 2, "outreach": 2}}},
    "goals": {
        "1": {
            "id": 1,
            "created": "2026-10-01T08:00:00+02:00",
            "updated": "2026-10-01T08:00:00+02:00",
            "title": "Reach out to 3 people",
            "target": 3,
            "unit": "e-mails",
            "rrule": "FREQ=WEEKLY",
            "active": False,
        },
        "2": {
            "id": 2,
            "created": "2026-10-20T08:00:00+02:00",
            "updated": "2026-10-20T08:00:00+02:00",
            "title": "calls",
            "target": 1,
            "unit": "calls",
            "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            "active": False,
        },
        "3": {
            "id": 3,
            "created": "2026-11-02T08:00:00+01:00",
            "updated": "2026-11-02T08:00:00+01:00",
            "title": "two people a day",
            "target": 2,
            "unit": "people",
            "rrule": "FREQ=DAILY",
            "active": True,
        },
    },
    "contacts": {
        "1": {
            "id": 1,
            "created": "2026-10-01T08:00:00+02:00",
            "updated": "2026-10-01T08:00:00+02:00",
            "name": "Ana [b]Ruiz[/b] 🙈",
            "warmth": "close",
            "company": "",
            "role": "",
            "email": "",
            "phone": "",
            "notes": "",
            "referred_by": None,
            "career_id": None,
        },
        "2": {
            "id": 2,
            "created": "2026-10-01T08:00:00+02:00",
            "updated": "2026-10-01T08:00:00+02:00",
            "name": "Bo",
            "warmth": "referred",
            "company": "",
            "role": "",
            "email": "",
            "phone": "",
            "notes": "",
            "referred_by": 1,
            "career_id": None,
        },
    },
    "outreach": {
        "1": {
            "id": 1,
            "created": "2026-10-02T08:00:00+02:00",
            "updated": "2026-10-05T10:00:00+02:00",
            "contact_id": 1,
            "channel": "email",
            "sent": "2026-10-02T08:00:00+02:00",
            "note": "",
            "response": "yes",
            "follow_up": None,
        },
        "2": {
            "id": 2,
            "created": "2026-10-03T08:00:00+02:00",
            "updated": "2026-10-03T08:00:00+02:00",
            "contact_id": 2,
            "channel": "call",
            "sent": "2026-10-03T08:00:00+02:00",
            "note": "",
            "response": "waiting",
            "follow_up": "2026-10-10",
        },
    },
    "thoughts": {
        "1": {"id": 1, "created": "2026-10-01T08:00:00+02:00", "updated": "2026-10-01T08:00:00+02:00", "text": "no"}
    },
}


def write_v1(path: Path, data: dict[str, Any] | None = None) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data or VERSION_1, indent=2, ensure_ascii=False).encode()
    path.write_bytes(raw)
    os.chmod(path, 0o600)
    return raw


def test_schema_is_at_least_2() -> None:
    assert SCHEMA >= 2


def test_a_version_1_file_is_backed_up_then_migrated(data_file: Path, clock: FakeClock) -> None:
    original = write_v1(data_file)
    store = Store.open(data_file, clock=clock)
    on_disk = orjson.loads(data_file.read_bytes())
    assert on_disk["meta"]["1"]["schema"] == SCHEMA
    copies = list((data_file.parent / "backups").glob(f"coach-*-before-format-{SCHEMA}.json"))
    assert len(copies) == 1
    assert copies[0].read_bytes() == original, "the backup is the version-1 file byte for byte"
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600

    goals = {goal.id: goal for goal in store.all(Goal)}
    assert goals[1].unit is GoalUnit.MESSAGES and goals[1].period is Period.WEEK
    assert goals[1].rrule == "FREQ=DAILY"
    assert goals[2].unit is GoalUnit.MESSAGES and goals[2].period is Period.DAY
    assert goals[2].rrule == "FREQ=WEEKLY;BYDAY=MO,WE,FR"
    assert goals[3].unit is GoalUnit.PEOPLE and goals[3].active
    assert [goal.start for goal in goals.values()] == [date(2026, 10, 1), date(2026, 10, 20), date(2026, 11, 2)]
    assert goals[1].end == date(2026, 10, 19), "a replaced goal ends the day before the next one starts"
    assert goals[2].end == date(2026, 11, 1)
    assert goals[3].end is None

    contacts = {contact.id: contact for contact in store.all(Contact)}
    assert contacts[1].name == "Ana [b]Ruiz[/b] 🙈"
    assert contacts[1].how_known == "" and contacts[1].profile_url == ""
    assert contacts[2].referred_by == 1

    outreach = {item.id: item for item in store.all(Outreach)}
    assert outreach[1].response is Response.YES
    assert outreach[1].answered is not None and outreach[1].answered.isoformat() == "2026-10-05T10:00:00+02:00"
    assert outreach[2].answered is None and outreach[2].guess is None
    assert outreach[2].follow_up == date(2026, 10, 10)
    assert [t.text for t in store.all(Thought)] == ["no"]

    # Every new field is written out, and a second open changes nothing and makes no second backup.
    assert on_disk["goals"]["3"]["period"] == "day" and on_disk["outreach"]["2"]["answered"] is None
    store.close()
    before = data_file.read_bytes()
    Store.open(data_file, clock=clock).close()
    assert data_file.read_bytes() == before
    assert len(list((data_file.parent / "backups").glob("coach-*-before-format-*.json"))) == 1


def test_the_migration_is_idempotent_on_already_new_documents() -> None:
    data, migrated_from = migrate(json.loads(json.dumps(VERSION_1)))
    assert migrated_from == 1
    again = json.loads(json.dumps(data))
    again["meta"]["1"]["schema"] = 1
    assert migrate(again)[0] == data


def test_a_read_only_version_1_file_is_migrated_in_memory_only(data_file: Path, clock: FakeClock) -> None:
    raw = write_v1(data_file)
    os.chmod(data_file, 0o400)
    try:
        store = Store.open(data_file, clock=clock)
        assert store.get(Goal, 3).unit is GoalUnit.PEOPLE
        assert data_file.read_bytes() == raw
    finally:
        os.chmod(data_file, 0o600)


def test_a_damaged_version_1_goal_is_refused_untouched(data_file: Path, clock: FakeClock) -> None:
    data = json.loads(json.dumps(VERSION_1))
    data["goals"]["3"]["target"] = "two"
    raw = write_v1(data_file, data)
    with pytest.raises(DataFileError) as caught:
        Store.open(data_file, clock=clock).validate_all()
    assert "goal (#3)" in str(caught.value)
    assert data_file.read_bytes() == raw, "never migrated on disk while a record is damaged"
    assert not list((data_file.parent / "backups").glob("*.json"))


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("people", "people"),
        ("e-mails", "messages"),
        ("calls", "messages"),
        ("Interviews", "conversations"),
        ("?", "people"),
    ],
)
def test_old_units_map_to_what_is_counted(unit: str, expected: str) -> None:
    data = json.loads(json.dumps(VERSION_1))
    data["goals"]["3"]["unit"] = unit
    assert migrate(data)[0]["goals"]["3"]["unit"] == expected


def test_values_of_the_wrong_type_are_left_for_the_check() -> None:
    data = json.loads(json.dumps(VERSION_1))
    data["goals"]["3"]["unit"] = 5
    data["goals"]["2"]["created"] = None
    data["contacts"]["1"] = "not a record"
    migrated = migrate(data)[0]
    assert migrated["goals"]["3"]["unit"] == 5
    assert migrated["goals"]["2"]["start"] is None
    assert migrated["contacts"]["1"] == "not a record"
