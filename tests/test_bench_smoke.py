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
