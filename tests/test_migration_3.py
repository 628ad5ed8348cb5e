"""Data format 2 -> 3 (issues 10 and 11): interviews, prep items, reflections, reviews and careers grow fields."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import orjson

from coach.models import Attraction, Career, Interview, PrepItem, Reflection, Review, Setting
from coach.store import SCHEMA, Store
from coach.store.migrations import migrate
from tests.conftest import FakeClock

STAMP = "2026-11-02T08:00:00+01:00"

VERSION_2: dict[str, Any] = {
    "meta": {"1": {"schema": 2}},
    "contacts": {"1": {"id": 1, "created": STAMP, "updated": STAMP, "name": "Ana"}},
    "interviews": {
        "1": {
            "id": 1,
            "created": STAMP,
            "updated": STAMP,
            "contact_id": 1,
            "when": "2026-11-05T15:00:00+01:00",
            "place": "Café Central",
            "goals": "what a day in the job looks like",
            "status": "planned",
            "career_id": None,
        }
    },
    "prep_items": {
        "7": {"id": 7, "created": STAMP, "updated": STAMP, "interview_id": 1, "text": "How?", "done": False}
    },
    "reflections": {"1": {"id": 1, "created": STAMP, "updated": STAMP, "interview_id": 1, "learned": "lots"}},
    "reviews": {"1": {"id": 1, "created": STAMP, "updated": STAMP, "week_start": "2026-11-02", "wins": "one coffee"}},
    "careers": {"1": {"id": 1, "created": STAMP, "updated": STAMP, "title": "UX research", "notes": "people"}},
}


def test_version_2_data_grows_every_new_field() -> None:
    data, migrated_from = migrate(json.loads(json.dumps(VERSION_2)))
    assert migrated_from == 2
    interview = data["interviews"]["1"]
    assert interview["leave_knowing"] == "what a day in the job looks like"
    assert "goals" not in interview
    assert interview["aims"] == [] and interview["walk_step"] == 0 and interview["setting"] == "coffee"
    assert data["prep_items"]["7"]["rank"] == 7
    assert data["reflections"]["1"]["complete"] is True
    assert data["reviews"]["1"]["step"] == 0
    assert data["careers"]["1"]["energy"] is None


def test_a_version_2_file_is_backed_up_then_read(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "coach.json"
    original = json.dumps(VERSION_2).encode()
    path.write_bytes(original)
    os.chmod(path, 0o600)
    store = Store.open(path, clock=clock)
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema"] == SCHEMA == 3
    copies = list((tmp_path / "backups").glob("coach-*-before-format-3.json"))
    assert [copy.read_bytes() for copy in copies] == [original]
    interview = store.get(Interview, 1)
    assert interview.leave_knowing == "what a day in the job looks like"
    assert interview.setting is Setting.COFFEE and interview.minutes == 30 and interview.ready == ()
    assert store.get(PrepItem, 7).rank == 7 and not store.get(PrepItem, 7).starred
    reflection = store.get(Reflection, 1)
    assert reflection.learned == "lots" and reflection.complete and reflection.attraction is Attraction.UNSURE
    assert store.get(Review, 1).wins == "one coffee"
    assert store.get(Career, 1).notes == "people" and store.get(Career, 1).values is None
    store.close()
