"""The seal: a data file whose bytes coach checked or wrote itself opens without the check and without
the parse before the first frame; any other file is checked in full, and a bad one is still refused."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import DataFileError
from coach.models import RECORD_TYPES, Contact, Outreach, Thought
from coach.store import Store
from coach.store.seal import TableSpans, read_seal, seal_path
from tests.conftest import FakeClock


def _fill(path: Path, clock: FakeClock, thoughts: int = 3) -> None:
    store = Store.open(path, clock=clock)
    for number in range(thoughts):
        store.add(Thought(text=f"what if number {number} says no"))
    store.add(Contact(name="Ana"))
    store.set_setting("theme", "gruvbox")
    store.close()


def test_a_file_coach_saved_opens_by_its_seal_without_a_parse(data_file: Path, clock: FakeClock) -> None:
    _fill(data_file, clock)
    assert seal_path(data_file.resolve()).exists()
    store = Store.open(data_file, clock=clock)
    storage = store._storage
    assert storage is not None and not storage.parsed
    # what the first frame asks for comes from the seal: counts and the small tables
    assert store.count(Thought) == 3 and store.count(Contact) == 1
    assert store.setting("theme") == "gruvbox"
    assert not storage.parsed
    # the first real read parses that table alone, and finds what the seal promised
    assert [t.text for t in store.all(Thought)] == [f"what if number {n} says no" for n in range(3)]
    assert not storage.parsed and set(storage._tables) == {"thoughts"}
    assert [c.name for c in store.all(Contact)] == ["Ana"]
    assert set(storage._tables) == {"thoughts", "contacts"} and store.count(Thought) == 3
    # the first write parses the rest of the file (the tables read alone are not parsed again), and the
    # save keeps every table
    contacts = storage._tables["contacts"]
    store.add(Thought(text="one more"))
    assert storage.parsed and storage._tables == {}
    assert storage.read()["contacts"] is contacts
    store.close()
    reopened = Store.open(data_file, clock=clock)
    assert reopened.count(Thought) == 4 and not reopened._storage.parsed  # type: ignore[union-attr]
    assert len(reopened.all(Thought)) == 4
    assert [c.name for c in reopened.all(Contact)] == ["Ana"] and reopened.setting("theme") == "gruvbox"


def test_a_write_parses_the_file_in_one_go_not_its_table_first(
    data_file: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save writes every table, so a write to a file known by its seal only parses it whole at once,
    rather than the table it changes alone and then the rest."""
    from coach.store.storage import SafeStorage

    _fill(data_file, clock)
    alone: list[str] = []
    read_alone = SafeStorage._table_alone

    def counted(self: SafeStorage, raw: bytes, seal: Any, table: str) -> Any:
        alone.append(table)
        return read_alone(self, raw, seal, table)

    monkeypatch.setattr(SafeStorage, "_table_alone", counted)
    store = Store.open(data_file, clock=clock)
    assert store._storage is not None and not store._storage.parsed
    store.delete(Thought, 2)
    assert store._storage.parsed and alone == []
    store.close()
    reopened = Store.open(data_file, clock=clock)
    assert [t.id for t in reopened.all(Thought)] == [1, 3] and [c.name for c in reopened.all(Contact)] == ["Ana"]
    assert alone == ["thoughts", "contacts"]  # reading still takes a table at a time


def test_a_file_changed_by_another_program_is_checked_and_a_bad_one_refused(data_file: Path, clock: FakeClock) -> None:
    _fill(data_file, clock)
    raw = data_file.read_bytes()
    # the same size, one id changed: only the full check sees it (the seal's CRC no longer matches)
    damaged = raw.replace(b'"id": 2', b'"id": 9', 1)
    assert len(damaged) == len(raw) and damaged != raw
    data_file.write_bytes(damaged)
    with pytest.raises(DataFileError, match="whose id says 9"):
        Store.open(data_file, clock=clock)
    assert data_file.read_bytes() == damaged  # refused untouched


def test_a_good_outside_change_is_checked_then_sealed(data_file: Path, clock: FakeClock) -> None:
    _fill(data_file, clock)
    data = orjson.loads(data_file.read_bytes())
    data["thoughts"]["1"]["text"] = "edited by hand"
    data_file.write_bytes(orjson.dumps(data))  # compact: another program's spelling
    store = Store.open(data_file, clock=clock)
    assert store._storage is not None and store._storage.parsed  # checked in full, parsed
    assert store.get(Thought, 1).text == "edited by hand"
    store.close()
    again = Store.open(data_file, clock=clock)
    assert again._storage is not None and not again._storage.parsed  # the check left a seal
    assert again.get(Thought, 1).text == "edited by hand"
    # another program's layout: no table is read alone (where one ends is only known in coach's own)
    assert again._storage.parsed


@pytest.mark.parametrize(
    "seal",
    [b"", b"not json", b"[]", b'{"version": 1}', b'{"version": 99, "size": 1, "crc32": 1}'],
    ids=["empty", "not-json", "a-list", "half", "another-version"],
)
def test_a_damaged_seal_is_ignored(data_file: Path, clock: FakeClock, seal: bytes) -> None:
    _fill(data_file, clock)
    seal_path(data_file.resolve()).write_bytes(seal)
    store = Store.open(data_file, clock=clock)
    assert store._storage is not None and store._storage.parsed  # the full check, not the seal
    assert store.count(Thought) == 3


def test_a_forged_seal_with_wrong_counts_for_other_bytes_is_not_believed(data_file: Path, clock: FakeClock) -> None:
    _fill(data_file, clock)
    path = seal_path(data_file.resolve())
    doc = orjson.loads(path.read_bytes())
    doc["counts"]["thoughts"] = 999
    doc["crc32"] ^= 1
    path.write_bytes(orjson.dumps(doc))
    store = Store.open(data_file, clock=clock)
    assert store.count(Thought) == 3


def test_no_seal_for_a_file_that_needs_migrating_or_is_refused(data_file: Path, clock: FakeClock) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(b'{"thoughts": {"1": {"id": 2}}}')
    with pytest.raises(DataFileError):
        Store.open(data_file, clock=clock)
    assert not seal_path(data_file.resolve()).exists()
    assert read_seal(data_file.resolve(), data_file.read_bytes()) is None


def test_an_unwritable_cache_costs_only_the_speed(
    data_file: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    _fill(data_file, clock)  # saves work; no seal can be written
    store = Store.open(data_file, clock=clock)
    assert store._storage is not None and store._storage.parsed
    assert store.count(Thought) == 3


def test_a_change_on_disk_while_unparsed_is_read_from_disk(data_file: Path, clock: FakeClock) -> None:
    _fill(data_file, clock)
    store = Store.open(data_file, clock=clock)
    assert store._storage is not None and not store._storage.parsed
    other = Store.open(data_file, clock=clock)
    other.add(Thought(text="from the command line"))
    other.close()
    os.utime(data_file, ns=(1, 1))  # a different stamp for certain, whatever the clock's step
    assert [t.text for t in store.all(Thought)][-1] == "from the command line"
    assert store.count(Thought) == 4


def test_a_save_leaves_its_seal_for_close_and_a_command_writes_it_before_exiting(
    data_file: Path, clock: FakeClock
) -> None:
    import subprocess
    import sys

    _fill(data_file, clock)
    store = Store.open(data_file, clock=clock)
    store.add(Thought(text="one more"))
    saved = data_file.read_bytes()
    assert read_seal(data_file.resolve(), saved) is None  # not yet: the save didn't wait for the CRC
    store.close()
    assert read_seal(data_file.resolve(), saved) is not None
    done = subprocess.run(
        [sys.executable, "-m", "coach", "--data", str(data_file), "fear", "from the command line"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    after = Store.open(data_file, clock=clock)
    assert after._storage is not None and not after._storage.parsed  # the command sealed what it saved
    assert after.count(Thought) == 5


def test_a_save_vouches_for_every_record_so_the_next_write_checks_none(
    data_file: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.store import database

    _fill(data_file, clock)
    assert orjson.loads(seal_path(data_file.resolve()).read_bytes())["records"] is True
    looked_at: list[str] = []
    real_check = database.first_unreadable
    monkeypatch.setattr(
        database, "first_unreadable", lambda kind, docs: looked_at.extend(docs) or real_check(kind, docs)
    )
    store = Store.open(data_file, clock=clock)
    store.add(Thought(text="written without checking the others again"))
    assert looked_at == []  # the seal said every record of these bytes was read through already
    store.close()
    assert Store.open(data_file, clock=clock).count(Thought) == 4


def test_a_file_only_opened_still_has_its_records_checked_before_the_first_write(
    data_file: Path, clock: FakeClock
) -> None:
    _fill(data_file, clock)
    data = orjson.loads(data_file.read_bytes())
    data["thoughts"]["2"]["outcome"] = "maybe"  # well formed, but no outcome coach knows
    data_file.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    damaged = data_file.read_bytes()
    Store.open(data_file, clock=clock).close()  # opening checks the shape only: sealed, records not vouched for
    assert orjson.loads(seal_path(data_file.resolve()).read_bytes())["records"] is False
    store = Store.open(data_file, clock=clock)
    assert store._storage is not None and not store._storage.parsed  # known by its seal
    with pytest.raises(DataFileError, match="maybe"):
        store.add(Thought(text="this must not be saved over a damaged record"))
    assert data_file.read_bytes() == damaged  # refused untouched
    store.close()


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_TABLES = st.dictionaries(
    st.sampled_from(["meta", "thoughts", "contacts", "goals", "outreach"]),
    st.dictionaries(
        st.integers(1, 50).map(str),
        st.fixed_dictionaries({"id": st.integers(1, 50), "text": _TEXT, "tags": st.lists(_TEXT, max_size=3)}),
        max_size=4,
    ),
    min_size=1,
)


@settings(max_examples=300, deadline=None)
@given(data=_TABLES)
def test_each_table_is_found_alone_in_bytes_laid_out_as_coach_saves_them(data: dict[str, dict[str, Any]]) -> None:
    """Whatever the text holds (quotes, braces, '},' and line breaks of its own), each span parses to its table,
    whether the tables are asked for in order, backwards or all at once."""
    raw = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    order = list(data)
    spans = TableSpans(raw, order).all()
    assert spans is not None and list(spans) == order
    for name, (start, end) in spans.items():
        assert orjson.loads(raw[start:end]) == data[name]
    backwards = TableSpans(raw, order)
    for name in reversed(order):
        span = backwards.span(name)
        assert span is not None and orjson.loads(raw[span[0] : span[1]]) == data[name]


def test_a_table_is_found_without_reading_the_ones_after_it() -> None:
    data = {"meta": {"1": {"schema": 3}}, "contacts": {"1": {"name": "Ana"}}, "thoughts": {"1": {"text": "x"}}}
    raw = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    spans = TableSpans(raw, list(data))
    assert spans.span("meta") is not None
    assert spans._next == 1  # contacts and thoughts not looked for yet
    assert spans.span("nowhere") is None


@pytest.mark.parametrize(
    ("raw", "order"),
    [
        (b'{"thoughts": {}}', ["thoughts"]),  # compact
        (b'{\n    "thoughts": {}\n}', ["thoughts"]),  # four spaces
        (b'{\n  "thoughts": []\n}', ["thoughts"]),
        (b'{\n  "meta": {},\n  "thoughts": {}\n}', ["thoughts", "meta"]),  # not in the seal's order
        (b"", ["thoughts"]),
    ],
)
def test_bytes_laid_out_otherwise_are_not_split(raw: bytes, order: list[str]) -> None:
    """(Only a seal written for coach's own save says its bytes are laid out so: see the outside-change test.)"""
    assert TableSpans(raw, order).all() is None


def test_a_table_read_alone_matches_the_whole_parse(data_file: Path, clock: FakeClock) -> None:
    """Every kind read table by table from a sealed file is what a full parse of the same bytes gives."""
    store = Store.open(data_file, clock=clock)
    ana = store.add(Contact(name='Ana "}," [b]', notes='  },\n  "thoughts": {'))
    store.add(Outreach(contact_id=ana.id, note="{}"))
    store.add(Thought(text="]}"))
    store.close()
    alone = Store.open(data_file, clock=clock)
    whole = Store.open(data_file, clock=clock)
    assert whole._storage is not None
    whole._storage.read()  # parsed as a whole
    for kind in RECORD_TYPES:
        assert alone.all(kind) == whole.all(kind), kind.__name__
    assert alone._storage is not None and not alone._storage.parsed


def test_homes_preparation_parses_the_whole_file_so_the_first_save_needn_t(data_file: Path, clock: FakeClock) -> None:
    from coach.services import Services

    _fill(data_file, clock)
    store = Store.open(data_file, clock=clock)
    assert store._storage is not None and not store._storage.parsed
    steps = Services.create(store).today.prepare()
    next(steps)
    assert store._storage.parsed
