"""The store on a real file: round trips, reopen, modes, external edits, refusals, backups, migrations."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from coach.errors import ConflictError, DataFileError, NotFoundError
from coach.models import (
    Career,
    CareerStatus,
    Channel,
    Contact,
    Goal,
    Interview,
    InterviewStatus,
    Outcome,
    Outreach,
    PrepItem,
    Record,
    Reflection,
    Response,
    Review,
    Thought,
    Warmth,
)
from coach.store import SCHEMA, Store
from tests.conftest import FakeClock
from tests.helpers.fresh import run_fresh

WHEN = datetime(2026, 12, 3, 10, 0).astimezone()


def every_kind() -> list[object]:
    return [
        Thought(text="what if they say no 🙈 مرحبا", likelihood=70, outcome=Outcome.PARTLY, seen=(WHEN,)),
        Goal(title="two people a day", target=2, unit="people", rrule="FREQ=WEEKLY;BYDAY=MO,TU", active=False),
        Contact(name="Ana Ruiz", warmth=Warmth.CLOSE, company="Acme", role="Designer", email="a@x.org", referred_by=7),
        Outreach(
            contact_id=1,
            channel=Channel.CALL,
            sent=WHEN,
            note="asked for coffee",
            response=Response.YES,
            follow_up=date(2026, 12, 7),
        ),
        Interview(
            contact_id=1, when=WHEN, place="Café", leave_knowing="learn a day in the life", status=InterviewStatus.DONE
        ),
        PrepItem(interview_id=1, text="How did you start?", done=True),
        Reflection(interview_id=1, went_well="they talked a lot", learned="lots", enjoyment=5),
        Review(week_start=date(2026, 11, 23), wins="two coffees", lessons="ask earlier", next_goal="three"),
        Career(title="UX research", notes="curious", status=CareerStatus.PROMISING, rank=1),
    ]


def test_every_model_round_trips_through_a_real_file(data_file: Path, clock: FakeClock) -> None:
    store = Store.open(data_file, clock=clock)
    saved = [store.add(record) for record in every_kind()]  # type: ignore[type-var]
    reopened = Store.open(data_file, clock=clock)
    for record in saved:
        assert record.id == 1
        assert record.created == clock.now and record.created.tzinfo is not None
        assert reopened.get(type(record), record.id) == record
    raw = json.loads(data_file.read_text(encoding="utf-8"))
    assert raw["meta"]["1"]["schema"] == SCHEMA
    assert raw["thoughts"]["1"]["text"] == "what if they say no 🙈 مرحبا"
    assert raw["thoughts"]["1"]["created"] == clock.now.isoformat()
    assert raw["outreach"]["1"]["channel"] == "call"
    assert "🙈" in data_file.read_text(encoding="utf-8"), "the file stays human-readable (no \\u escapes)"


def test_data_file_is_private(data_file: Path, store: Store) -> None:
    store.add(Thought(text="x"))
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_file.parent.stat().st_mode) == 0o700


def test_missing_file_is_not_created_until_the_first_save(data_file: Path) -> None:
    store = Store.open(data_file)
    assert store.all(Thought) == []
    assert not data_file.exists()
    store.add(Thought(text="first"))
    assert data_file.exists()


def test_ids_are_never_reused_after_a_delete(store: Store) -> None:
    _first, second = store.add_many([Thought(text="a"), Thought(text="b")])
    store.delete(Thought, second.id)
    third = store.add(Thought(text="c"))
    assert third.id == 3
    assert [t.text for t in store.all(Thought)] == ["a", "c"]


def test_update_and_delete(store: Store, clock: FakeClock) -> None:
    thought = store.add(Thought(text="they will think I'm stupid"))
    clock.advance(hours=1)
    changed = store.update(replace(thought, outcome=Outcome.DID_NOT_HAPPEN), base=thought)
    assert changed.outcome is Outcome.DID_NOT_HAPPEN
    assert changed.updated == clock.now and changed.created == thought.created
    store.delete(Thought, thought.id)
    with pytest.raises(NotFoundError):
        store.get(Thought, thought.id)
    with pytest.raises(NotFoundError):
        store.delete(Thought, thought.id)


def test_external_edit_is_reloaded_not_overwritten(data_file: Path, store: Store) -> None:
    store.add(Thought(text="mine"))
    other = Store.open(data_file)
    other.add(Thought(text="from the command line"))
    # Our store never reread the file, yet it must see the other writer's record and keep it.
    store.add(Thought(text="mine again"))
    texts = sorted(t.text for t in Store.open(data_file).all(Thought))
    assert texts == ["from the command line", "mine", "mine again"]
    assert [t.id for t in store.all(Thought)] == [1, 2, 3]


def test_hand_edit_is_noticed(data_file: Path, store: Store) -> None:
    store.add(Thought(text="before"))
    raw = json.loads(data_file.read_text(encoding="utf-8"))
    raw["thoughts"]["1"]["text"] = "edited by hand"
    data_file.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    assert store.reload_if_changed() is True
    assert store.get(Thought, 1).text == "edited by hand"
    assert store.reload_if_changed() is False


def test_same_field_edit_from_two_writers_is_a_conflict(data_file: Path, store: Store) -> None:
    thought = store.add(Thought(text="what if I freeze"))
    other = Store.open(data_file)
    theirs = other.get(Thought, thought.id)
    other.update(replace(theirs, outcome=Outcome.CAME_TRUE), base=theirs)
    with pytest.raises(ConflictError):
        store.update(replace(thought, outcome=Outcome.DID_NOT_HAPPEN), base=thought)
    assert Store.open(data_file).get(Thought, thought.id).outcome is Outcome.CAME_TRUE
    # A different field merges cleanly.
    merged = store.update(replace(thought, likelihood=40), base=thought)
    assert merged.likelihood == 40 and merged.outcome is Outcome.CAME_TRUE


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"{not json", "not valid JSON"),
        (b"", "empty"),
        (b"[1, 2]", "top level"),
        (b'{"meta": {"1": {"schema": 99}}}', "newer coach"),
        (b'{"meta": {"1": {"schema": 1}}, "thoughts": {"1": "oops"}}', "not a record"),
    ],
)
def test_unreadable_files_are_refused_and_left_alone(data_file: Path, content: bytes, phrase: str) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(content)
    before = sha(data_file)
    with pytest.raises(DataFileError) as caught:
        Store.open(data_file)
    assert phrase in str(caught.value)
    assert str(data_file) in str(caught.value)
    assert sha(data_file) == before


def test_a_file_that_turns_bad_while_open_is_refused_on_the_next_write(data_file: Path, store: Store) -> None:
    store.add(Thought(text="safe"))
    data_file.write_bytes(b'{"meta": {"1": {"schema": 42}}}')
    before = sha(data_file)
    with pytest.raises(DataFileError):
        store.add(Thought(text="would overwrite"))
    assert sha(data_file) == before


def test_daily_backup_keeps_the_last_seven(data_file: Path, clock: FakeClock) -> None:
    store = Store.open(data_file, clock=clock)
    store.add(Thought(text="day 0"))  # no file before the first save: nothing to back up
    backups = data_file.parent / "backups"
    for day in range(1, 10):
        clock.advance(days=1)
        store.add(Thought(text=f"day {day}"))
        store.add(Thought(text=f"day {day} again"))  # once a day only
    copies = sorted(backups.glob("coach-*.json"))
    assert len(copies) == 7
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in copies)
    newest = orjson.loads(copies[-1].read_bytes())
    # The newest copy is the file as it was before the first save of day 9.
    assert len(newest["thoughts"]) == 1 + 2 * 8


def test_old_file_is_migrated_after_a_backup(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_text('{"_default": {}}', encoding="utf-8")
    store = Store.open(data_file)
    assert orjson.loads(data_file.read_bytes())["meta"]["1"]["schema"] == SCHEMA
    copies = list((data_file.parent / "backups").glob("coach-*-before-format-*.json"))
    assert len(copies) == 1 and copies[0].read_text() == '{"_default": {}}'
    assert store.add(Thought(text="works")).id == 1


def test_memory_store_never_touches_disk(memory_store: Store, tmp_path: Path) -> None:
    memory_store.add(Thought(text="kept in memory"))
    assert [t.text for t in memory_store.all(Thought)] == ["kept in memory"]
    assert memory_store.path is None


def test_settings_persist(data_file: Path, store: Store) -> None:
    store.set_setting("theme", "nord")
    assert Store.open(data_file).setting("theme") == "nord"


def test_export_has_every_table_with_ids_and_timestamps(store: Store) -> None:
    contact = store.add(Contact(name="Ben"))
    store.add(Thought(text="nervous", contact_id=contact.id))
    document = store.export()
    assert set(document) == {
        "schema", "thoughts", "goals", "contacts", "outreach", "interviews", "prep_items", "reflections",
        "reviews", "careers",
    }  # fmt: skip
    thought = document["thoughts"][0]
    assert thought["text"] == "nervous" and thought["contact_id"] == contact.id
    assert {"id", "created", "updated"} <= set(thought)
    assert document["contacts"][0]["name"] == "Ben"


def test_a_record_with_a_bad_field_is_reported_not_raised_as_a_traceback(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    doc = {"meta": {"1": {"schema": 1}}, "thoughts": {"1": {"id": 1, "text": "x", "created": "yesterday-ish"}}}
    data_file.write_text(json.dumps(doc), encoding="utf-8")
    before = sha(data_file)
    with pytest.raises(DataFileError) as caught:
        # Refused at the latest when read; at open already if the file needs migrating (a write).
        Store.open(data_file).all(Thought)
    assert "thought (#1)" in str(caught.value) and "created" in str(caught.value)
    assert sha(data_file) == before


def test_failed_save_leaves_file_and_memory_unchanged(
    data_file: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(Thought(text="kept"))
    before = sha(data_file)

    def no_space(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    from coach.errors import StoreError

    with pytest.raises(StoreError, match="No space left"):
        store.add(Thought(text="lost?"))
    monkeypatch.undo()
    assert sha(data_file) == before
    assert [t.text for t in store.all(Thought)] == ["kept"]
    assert not list(data_file.parent.glob(".*.tmp"))
    assert store.add(Thought(text="next")).id == 2


def test_tinydb_still_has_the_private_caches_the_store_resets() -> None:
    """`reset_tinydb_caches` is the one place the store reaches into TinyDB's private `TinyDB._tables`
    and `Table._next_id`; if a TinyDB upgrade renames them, this fails and names them."""
    from tinydb import TinyDB
    from tinydb.storages import MemoryStorage

    from coach.store import reset_tinydb_caches

    db = TinyDB(storage=MemoryStorage)
    table = db.table("thoughts")
    table.insert({"text": "x"})
    assert isinstance(getattr(db, "_tables", None), dict), "TinyDB no longer has the private TinyDB._tables"
    assert table in db._tables.values()
    assert getattr(table, "_next_id", "missing") == 2, "TinyDB no longer has the private Table._next_id"
    reset_tinydb_caches(db)
    assert table._next_id is None
    db.storage.write({"thoughts": {"7": {"text": "reloaded"}}})
    assert table.insert({"text": "y"}) == 8, "after a reset TinyDB must count ids from the data again"


def test_reads_right_after_a_save_only_stat_while_writes_and_the_watcher_compare_bytes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-reading the whole file on every read after a save made each figure slow at 100,000 records."""
    import coach.store.storage as storage_module
    from coach.models import Thought

    monkeypatch.setattr(storage_module, "now_ns", lambda: 0)  # every stamp stays "too fresh to trust"
    store.add(Thought(text="first"))
    reads: list[Path] = []
    real = storage_module.same_bytes

    def counting(path: Path, known: bytes) -> Any:
        reads.append(path)
        return real(path, known)

    monkeypatch.setattr(storage_module, "same_bytes", counting)
    assert [t.text for t in store.all(Thought)] == ["first"]
    assert store.count(Thought) == 1
    assert store.reload_if_changed(thorough=False) is False
    assert reads == []
    assert store.reload_if_changed() is False
    assert len(reads) == 1
    store.add(Thought(text="second"))
    assert len(reads) == 2


def test_the_quick_decoder_builds_the_same_records_as_the_general_one() -> None:
    """from_doc's written-out decoder against the general path, on documents as coach writes them and on odd ones."""
    from coach.store.codec import _general_from_doc, from_doc, prebuilt_decoder, to_doc

    def _fast_decoder(kind: type[Record]) -> Any:
        decoder = prebuilt_decoder(kind)
        assert decoder is not None, f"no written-out decoder for {kind.__name__}"
        return decoder

    rich = [
        Interview(contact_id=1, when=WHEN, aims=("learn", "ask"), ready=("time",), walked=WHEN, walk_step=2),
        Reflection(interview_id=1, referrals=(4, 5), thanked=WHEN, thank_by=date(2026, 12, 5), kindness=5),
    ]
    for record in [*every_kind(), *rich]:
        assert isinstance(record, Record)
        doc = to_doc(record)
        fast, general = _fast_decoder(type(record))(doc), _general_from_doc(type(record), doc)
        assert fast == general == from_doc(type(record), doc)
        assert repr(fast) == repr(general) == repr(from_doc(type(record), to_doc(fast)))
    thought = Thought(text="seen twice", seen=(WHEN, WHEN))
    assert from_doc(Thought, {"text": "bare"}) == Thought(text="bare")  # every other field at its default
    assert from_doc(Thought, to_doc(thought)).seen == (WHEN, WHEN)
    naive = {**to_doc(thought), "created": "2026-11-20T10:00:00"}
    assert from_doc(Thought, naive).created.tzinfo is not None
    for bad in ({"text": 3}, {"text": "x", "outcome": "maybe"}, {"text": "x", "seen": ["not a time"]}, {}):
        with pytest.raises(ValueError):
            from_doc(Thought, bad)
        with pytest.raises(ValueError):
            _fast_decoder(Thought)(bad)  # the written-out one leaves odd documents to the general path


def test_the_written_out_decoders_match_the_models() -> None:
    """coach/store/decoders.py is what `python -m coach.store.codegen` writes for the models as they are."""
    from coach.store import codegen

    assert codegen.TARGET.read_text(encoding="utf-8") == codegen.render(), (
        "coach/store/decoders.py is out of date: run `python -m coach.store.codegen`"
    )


def test_a_decoder_written_for_other_fields_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind whose fields changed since its decoder was written is read by the general path, correctly."""
    from coach.store import codec, decoders

    stale = {**decoders.BUILDERS, "Thought": ("id:int=;text:str", decoders.BUILDERS["Thought"][1])}
    monkeypatch.setattr(decoders, "BUILDERS", stale)
    monkeypatch.setattr(codec, "_FAST", {})
    assert codec.prebuilt_decoder(Thought) is None
    assert codec.prebuilt_decoder(Contact) is not None
    thought = Thought(text="still read", seen=(WHEN,))
    assert codec.from_doc(Thought, codec.to_doc(thought)) == thought
    assert isinstance(codec._FAST[Thought], functools.partial)


def test_a_transaction_saves_its_changes_once_or_not_at_all(data_file: Path, clock: FakeClock) -> None:
    store = Store.open(data_file, clock=clock)
    store.add(Thought(text="before"))
    before = data_file.stat().st_mtime_ns, data_file.read_bytes()
    with store.transaction():
        ana = store.add(Contact(name="Ana"))
        store.add(Outreach(contact_id=ana.id))
        assert data_file.read_bytes() == before[1], "nothing is written until the transaction ends"
        assert [c.name for c in store.all(Contact)] == ["Ana"], "reads inside see the changes so far"
    reopened = Store.open(data_file, clock=clock)
    assert [c.name for c in reopened.all(Contact)] == ["Ana"]
    assert [o.contact_id for o in reopened.all(Outreach)] == [ana.id]
    saved = data_file.read_bytes()
    with pytest.raises(RuntimeError), store.transaction():
        store.add(Contact(name="Bo"))
        raise RuntimeError("changed my mind")
    assert data_file.read_bytes() == saved, "a failed transaction writes nothing"
    assert [c.name for c in store.all(Contact)] == ["Ana"], "and the store forgets its half"


@pytest.mark.parametrize(
    ("tz", "named"),
    [("Europe/Berlin", True), ("America/New_York", True), ("CET-1CEST,M3.5.0,M10.5.0/3", False), ("UTC", True)],
)
def test_the_clock_uses_the_named_zone_so_other_seasons_get_their_own_offset(
    monkeypatch: pytest.MonkeyPatch, tz: str, named: bool
) -> None:
    import time
    from zoneinfo import ZoneInfo

    from coach.store import local_now, local_zone

    monkeypatch.setenv("TZ", tz)
    time.tzset()
    try:
        zone = local_zone()
        now = local_now()
        assert now.utcoffset() == datetime.now().astimezone().utcoffset(), "agrees with the C library now"
        assert isinstance(zone, ZoneInfo) is named
        if named and tz != "UTC":
            winter = datetime(2026, 1, 15, 12, tzinfo=UTC).astimezone(zone)
            summer = datetime(2026, 7, 15, 12, tzinfo=UTC).astimezone(zone)
            assert winter.utcoffset() != summer.utcoffset(), "summer time is known all year"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_get_decodes_one_record_alone_and_the_whole_table_reuses_it(data_file: Path, clock: FakeClock) -> None:
    seeded = Store.open(data_file, clock=clock)
    seeded.add_many([Contact(name=f"person {n}") for n in range(5)])
    seeded.close()
    store = Store.open(data_file, clock=clock)
    one = store.get(Contact, 3)
    assert one.name == "person 2" and store.get(Contact, 3) is one
    assert "contacts" not in store._models  # nothing else decoded yet
    with pytest.raises(NotFoundError):
        store.get(Contact, 99)
    everyone = store.all(Contact)
    assert everyone[2] is one and [c.name for c in everyone] == [f"person {n}" for n in range(5)]
    # a write to a table known one record at a time forgets those records: no stale copy survives it
    again = Store.open(data_file, clock=clock)
    before = again.get(Contact, 1)
    again.update(replace(before, name="renamed"))
    assert again.get(Contact, 1).name == "renamed"
    assert again.all(Contact)[0].name == "renamed"


def test_reading_and_adding_never_import_tinydb(tmp_path: Path) -> None:
    """TinyDB is imported only for what goes through its tables (a delete, a setting): opening the app and
    the quick-capture commands don't pay for it. Both ways reach the same data."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from coach.models import Thought\n"
        "from coach.store import Store\n"
        f"path = Path({str(tmp_path / 'x.json')!r})\n"
        "store = Store.open(path)\n"
        "first = store.add(Thought(text='one'))\n"
        "store.add(Thought(text='two'))\n"
        "assert store.count(Thought) == 2\n"
        "store.close()\n"
        "store = Store.open(path)\n"
        "assert [t.text for t in store.all(Thought)] == ['one', 'two']\n"
        "assert 'tinydb' not in sys.modules, sorted(m for m in sys.modules if m.startswith('tinydb'))\n"
        "store.delete(Thought, first.id)\n"
        "store.set_setting('theme', 'dark')\n"
        "assert 'tinydb' in sys.modules\n"
        "assert [t.text for t in store.all(Thought)] == ['two'] and store.setting('theme') == 'dark'\n"
        "store.close()\n"
        "again = Store.open(path)\n"
        "assert [t.text for t in again.all(Thought)] == ['two'] and again.setting('theme') == 'dark'\n"
    )
    run_fresh(code)
