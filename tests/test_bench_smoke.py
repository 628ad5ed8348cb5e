"""The benchmark data generator makes files coach opens, with the counts it promises. No timing here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from coach.models import TABLES, Contact, Interview, Outreach, Thought
from coach.store import Store

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


datagen = _load("datagen")


def test_generated_file_opens_with_the_promised_counts(tmp_path: Path) -> None:
    path = datagen.write(tmp_path / "coach.json", datagen.generate(1_000, seed=3))
    store = Store.open(path)
    counts = {name: store.count(kind) for name, kind in TABLES.items()}
    assert sum(counts.values()) == 1_000
    assert counts["thoughts"] >= 400
    assert counts["contacts"] > 0 and counts["outreach"] > 0 and counts["interviews"] > 0
    # Every record decodes, and links point at records that exist.
    thoughts = store.all(Thought)
    contact_ids = {contact.id for contact in store.all(Contact)}
    interview_ids = {interview.id for interview in store.all(Interview)}
    assert all(t.contact_id is None or t.contact_id in contact_ids for t in thoughts)
    assert all(t.interview_id is None or t.interview_id in interview_ids for t in thoughts)
    assert all(o.contact_id in contact_ids for o in store.all(Outreach))
    # Dates spread over about three years, texts of varied length.
    created = sorted(t.created for t in thoughts)
    assert (created[-1] - created[0]).days > 2 * 365
    lengths = sorted(len(t.text) for t in thoughts)
    assert lengths[0] < 60 < lengths[-1]
    # The next save continues after the generated ids.
    added = store.add(Thought(text="one more"))
    assert added.id == counts["thoughts"] + 1
    store.close()


def test_thought_count_can_be_fixed_and_output_is_seeded() -> None:
    data = datagen.generate(0, seed=1, thoughts=300)
    assert datagen.counts_of(data)["thoughts"] == 300
    assert datagen.generate(500, seed=2) == datagen.generate(500, seed=2)
    assert datagen.generate(500, seed=2) != datagen.generate(500, seed=4)


def test_frames_are_split_at_the_end_of_a_synchronised_update() -> None:
    ptyterm = _load("ptyterm")
    assert ptyterm.plain_text(b"\x1b[?2026h\x1b[1;1H\x1b[38;2;1;2;3mToday\x1b[0m\x1b[?2026l") == "Today"


def test_each_save_puts_exactly_the_whole_data_on_disk(tmp_path: Path) -> None:
    """Saves write one document in place rather than through TinyDB's Table (the benchmarks rely on
    that speed-up): after every kind of change the file is a canonical dump holding that change."""
    import orjson

    from coach.models import Career

    path = datagen.write(tmp_path / "coach.json", datagen.generate(300, seed=5))

    def full_dump() -> bytes:
        return orjson.dumps(orjson.loads(path.read_bytes()), option=orjson.OPT_INDENT_2)

    def on_disk() -> Store:
        assert path.read_bytes() == full_dump()
        return Store.open(path)

    store = Store.open(path)
    first = store.add(Thought(text='first "quoted"\tthought with a tab and ünïcode'))
    assert on_disk().get(Thought, first.id).text == first.text
    second, career = store.add_many([Thought(text="second"), Career(title="Gardener")])
    assert on_disk().get(Thought, second.id).text == "second"
    assert on_disk().get(Career, career.id).title == "Gardener"
    edited = store.update(first.__class__(**{**_fields(first), "text": "first, edited"}), base=first)
    assert on_disk().get(Thought, edited.id).text == "first, edited"
    store.set_setting("theme", "nord")
    store.delete(Thought, 2)
    third = store.add(Thought(text="third"))
    reopened = on_disk()
    assert reopened.setting("theme") == "nord"
    assert [t for t in reopened.all(Thought) if t.id == 2] == []
    assert reopened.get(Thought, third.id).text == "third"
    # A change made by someone else is reloaded, and the next save keeps it.
    Store.open(path).add(Contact(name="From another terminal"))
    after = store.add(Thought(text="after the reload"))
    reopened = on_disk()
    assert any(c.name == "From another terminal" for c in reopened.all(Contact))
    assert reopened.get(Thought, after.id).text == "after the reload"
    assert {name: reopened.count(kind) for name, kind in TABLES.items()} == {
        name: store.count(kind) for name, kind in TABLES.items()
    }


def _fields(record: object) -> dict[str, object]:
    import dataclasses

    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}  # type: ignore[arg-type]


async def test_floor_app_switches_modes_and_inserts_the_typed_line() -> None:
    """The floor the key rows are measured against does what bench/README.md says it does."""
    from textual.widgets import Input, Label, ListView

    floor = _load("floor_app")
    app = floor.FloorApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, floor.SecondScreen)
        rows = screen.query_one("#floor-list", ListView)
        assert len(rows) == floor.ROWS
        assert screen.query_one("#floor-input", Input).has_focus
        await pilot.press(*"one line", "enter")
        await pilot.pause()
        assert len(rows) == floor.ROWS + 1
        assert str(rows.children[0].query_one(Label).render()) == "one line"
        assert screen.query_one("#floor-input", Input).value == ""
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, floor.FirstScreen)


def test_first_frame_leaves_right_after_homes_first_frame(tmp_path: Path) -> None:
    """`bench/instructions.py` counts a start by running `bench/first_frame.py` to the first frame: it must
    show Home and leave by itself (if coach's first-frame hook were renamed, it would never leave)."""
    import os

    ptyterm = _load("ptyterm")
    data = tmp_path / "coach.json"
    from coach.store import fresh_data

    datagen.write(data, fresh_data())  # a file that exists (as the bench's empty one): Home, not the welcome
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    term = ptyterm.PtyTerminal(
        [sys.executable, str(BENCH / "first_frame.py"), "coach", "--data", str(data)], size=(100, 32), env=env
    )
    try:
        term.start()
        term.wait_exit(timeout=60)
        assert "Fears written down" in term.tail(20_000)
        assert term.process is not None and term.process.returncode == 0
    finally:
        term.close()
