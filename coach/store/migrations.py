"""The data format: its version, the tables every file has, and the steps from older formats."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

SCHEMA = 3
"""The data format this coach writes. Bump it with a migration in MIGRATIONS."""

META = "meta"
"""The table that holds the schema version (and the last id given in each table)."""
SETTINGS = "settings"
"""The table that holds preferences such as the theme."""


def fresh_data() -> dict[str, Any]:
    """The data of a new, empty file."""
    return {META: {"1": {"schema": SCHEMA}}}


def schema_of(data: dict[str, Any]) -> int:
    """The data format version of checked data (0: a stock TinyDB file without a meta table)."""
    return int(data[META]["1"]["schema"]) if META in data else 0


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """A TinyDB file without a meta table (an empty file made by stock TinyDB): add the meta table."""
    if not data.get("_default"):
        data.pop("_default", None)
    data[META] = {"1": {"schema": 1}}
    return data


_UNIT_WORDS = {
    "people": "people",
    "person": "people",
    "contacts": "people",
    "messages": "messages",
    "message": "messages",
    "e-mails": "messages",
    "emails": "messages",
    "calls": "messages",
    "texts": "messages",
    "conversations": "conversations",
    "interviews": "conversations",
    "coffees": "conversations",
}


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Goals, contacts and outreach grow the fields of issue 9.

    Goals: `unit` becomes one of people / messages / conversations ("e-mails" and "calls" are
    messages), a plain "FREQ=WEEKLY" goal becomes a weekly one, and each goal gets a start (the day
    it was made) and, if a later goal replaced it, an end (the day before the next one starts), so
    history keeps judging each day by the goal that held then. Contacts get `how_known` and
    `profile_url`; outreach gets `guess` and `answered` (the last change, for an answer already in).
    A value of the wrong type is left as it is, for the file check to report, never guessed at.
    """
    goals = data.get("goals")
    if isinstance(goals, dict):
        docs = [doc for doc in goals.values() if isinstance(doc, dict)]
        for doc in docs:
            unit = doc.get("unit", "people")
            if isinstance(unit, str):
                doc["unit"] = _UNIT_WORDS.get(unit.strip().casefold(), "people")
            rrule = doc.get("rrule", "FREQ=DAILY")
            if "period" not in doc:
                weekly = isinstance(rrule, str) and rrule.replace(" ", "").upper() == "FREQ=WEEKLY"
                doc["period"] = "week" if weekly else "day"
                if weekly:
                    doc["rrule"] = "FREQ=DAILY"
            created = doc.get("created")
            if "start" not in doc:
                doc["start"] = created[:10] if isinstance(created, str) and len(created) >= 10 else None
            doc.setdefault("end", None)
            for name in ("plan", "plan_time", "plan_days"):
                doc.setdefault(name, "")
        ordered = sorted(
            (doc for doc in docs if isinstance(doc.get("start"), str)),
            key=lambda doc: (doc["start"], doc.get("id") if isinstance(doc.get("id"), int) else 0),
        )
        for earlier, later in itertools.pairwise(ordered):
            if earlier.get("active") is False and earlier.get("end") is None:
                earlier["end"] = _day_before(later["start"])
    contacts = data.get("contacts")
    if isinstance(contacts, dict):
        for doc in contacts.values():
            if isinstance(doc, dict):
                doc.setdefault("how_known", "")
                doc.setdefault("profile_url", "")
    outreach = data.get("outreach")
    if isinstance(outreach, dict):
        for doc in outreach.values():
            if isinstance(doc, dict):
                doc.setdefault("guess", None)
                answered = doc.get("updated") if doc.get("response", "waiting") != "waiting" else None
                doc.setdefault("answered", answered)
    return data


def _day_before(iso_day: str) -> str | None:
    try:
        return (date.fromisoformat(iso_day) - timedelta(days=1)).isoformat()
    except (ValueError, OverflowError):
        return None


_NEW_FIELDS_3: dict[str, dict[str, Any]] = {
    "interviews": {
        "setting": "coffee",
        "place": "",
        "minutes": 30,
        "outreach_id": None,
        "aims": [],
        "leave_knowing": "",
        "research": "",
        "ready": [],
        "walk_step": 0,
        "walk_draft": "",
        "walked": None,
    },
    "prep_items": {"starred": False, "rank": 0, "source": "", "answer": ""},
    "reflections": {
        "best_question": "",
        "kindness": None,
        "they_talked": None,
        "referrals": [],
        "thanked": None,
        "thank_by": None,
        "attraction": "unsure",
        "attraction_why": "",
        "complete": True,
    },
    "reviews": {"clear": "", "current": "", "note": "", "step": 0, "goal_id": None, "completed": None},
    "careers": {"questions": "", "energy": None, "skills": None, "practicality": None, "values": None},
}


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Interviews, prep items, reflections, reviews and careers grow the fields of issues 10 and 11.

    An interview's old `goals` text (what the person wanted to leave knowing) becomes `leave_knowing`;
    a prep item keeps its place through `rank` (its id); a reflection written before this format was
    finished when it was saved, so it is `complete`. Every other new field starts empty.
    """
    for table, fields in _NEW_FIELDS_3.items():
        docs = data.get(table)
        if not isinstance(docs, dict):
            continue
        for key, doc in docs.items():
            if not isinstance(doc, dict):
                continue
            if table == "interviews" and "leave_knowing" not in doc:
                doc["leave_knowing"] = doc.pop("goals", "")
            if table == "prep_items" and "rank" not in doc:
                doc["rank"] = int(key) if key.isdigit() else 0
            for name, default in fields.items():
                doc.setdefault(name, list(default) if isinstance(default, list) else default)
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_0_to_1,
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}
"""from-version -> function that returns the data at from-version + 1."""


def migrate(data: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
    """`data` brought up to SCHEMA, and the version it had if that was older (else None)."""
    schema = schema_of(data)
    migrated_from = schema if schema < SCHEMA else None
    while schema < SCHEMA:
        data = MIGRATIONS[schema](data)
        schema += 1
        data[META]["1"]["schema"] = schema
    return data, migrated_from
