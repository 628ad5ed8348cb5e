"""SVG snapshot of People's import dialog at 80x24, after reading a LinkedIn export (what it would add, unsaved)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from coach.app import CoachApp
from coach.models import Contact, Warmth
from coach.screens.import_dialog import ImportDialog
from coach.services.imports import ImportService
from coach.services.people import PeopleService
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

FIXTURES = Path(__file__).parent / "fixtures"


def seeded() -> tuple[CoachApp, Store]:
    store = Store.memory(clock=FakeClock())
    store.add(Contact(name="Ana Ruiz", company="Acme", warmth=Warmth.CLOSE))
    return make_app(store), store


def test_import_dialog_snapshot(snap_compare: Any) -> None:
    app, store = seeded()

    async def read_a_file(pilot: Pilot[int]) -> None:
        await pilot.press("f5")
        await pilot.pause()
        app.push_screen(ImportDialog(ImportService(store, PeopleService(store)), start=FIXTURES))
        await pilot.pause()
        await pilot.press(*"linkedin_current.csv", "enter")
        for worker in list(app.workers):
            if worker.group == "import-read":
                await worker.wait()
        await pilot.pause()

    assert snap_compare(app, run_before=read_a_file, terminal_size=(80, 24))
