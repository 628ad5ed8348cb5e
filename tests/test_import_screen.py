"""People's import dialog, driven from the keyboard: the store first, the screen second."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Button, ProgressBar, Static

from coach.app import CoachApp
from coach.models import Contact, Warmth
from coach.screens.import_dialog import ImportDialog
from coach.screens.people import PeopleScreen, PeopleTable
from coach.store import Store
from tests.helpers.app_factory import make_app

FIXTURES = Path(__file__).parent / "fixtures"


async def _read_done(app: CoachApp) -> None:
    """Wait for the dialog's reading worker (not every worker: the folder list's loader runs until it closes)."""
    for worker in list(app.workers):
        if worker.group == "import-read":
            await worker.wait()


def _result(dialog: ImportDialog) -> str:
    return str(dialog.query_one("#import-result", Static).render())


def _names(screen: PeopleScreen) -> list[str]:
    table = screen.query_one("#people-table", PeopleTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def test_import_from_people_typed_path_then_picked_file_then_a_wrong_one(
    memory_store: Store, _isolated_data: Path
) -> None:
    ana = memory_store.add(Contact(name="Ana Ruiz", company="Acme", warmth=Warmth.CLOSE))
    home = _isolated_data
    shutil.copy(FIXTURES / "contacts_40.vcf", home / "phone.vcf")
    (home / "notes.txt").write_text("not offered", encoding="utf-8")
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        people = app.screen
        assert isinstance(people, PeopleScreen)

        # A typed path: read in a thread, what it holds shown, nothing saved until asked.
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await pilot.press(*str(FIXTURES / "linkedin_current.csv"), "enter")
        await _read_done(app)
        await pilot.pause()
        assert memory_store.count(Contact) == 1, "read, not saved"
        assert "Would add 4 people; would fill in details for 1" in _result(dialog)
        save = dialog.query_one("#import-save", Button)
        assert not save.disabled and str(save.label) == "Add 4 people and 1 update"
        assert save.region.bottom <= 24 and save.region.right <= 80, "fits 80x24"
        assert app.focused is save
        await pilot.press("enter")
        await pilot.pause()

        assert app.screen is people
        assert memory_store.count(Contact) == 5
        after = memory_store.get(Contact, ana.id)
        assert (after.email, after.warmth) == ("ana@example.org", Warmth.CLOSE)
        assert "José Álvarez [PhD]" in _names(people), "the list shows them, brackets as typed"

        # Picked in the folder list: the kind follows the file; Esc leaves without saving.
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await pilot.pause()
        await pilot.press("tab")  # from the path to the folders
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert dialog.query_one("#import-path").value == str(home / "phone.vcf")  # type: ignore[attr-defined]
        assert dialog.query_one("#import-vcard").value is True  # type: ignore[attr-defined]
        await pilot.press("enter")  # the read button has the focus
        await _read_done(app)
        await pilot.pause()
        assert "Would add 2 people" in _result(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is people
        assert memory_store.count(Contact) == 5

        # A wrong file: one calm line, nothing changed, the dialog stays to try another.
        (home / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        await pilot.press(*"photo.csv", "enter")
        await _read_done(app)
        await pilot.pause()
        assert "binary file" in _result(dialog)
        assert dialog.query_one("#import-save", Button).disabled
        assert not dialog.query_one("#import-progress", ProgressBar).display
        await pilot.press("escape")
        await pilot.pause()
        assert memory_store.count(Contact) == 5


async def test_the_palette_offers_import_on_people(memory_store: Store) -> None:
    from textual.command import CommandPalette

    app = make_app(memory_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"import people")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)


async def test_closing_while_reading_shows_and_saves_nothing(memory_store: Store) -> None:
    from coach.services.imports import ImportService
    from coach.services.people import PeopleService

    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        imports = ImportService(memory_store, PeopleService(memory_store))
        dialog = ImportDialog(imports, start=FIXTURES)
        app.push_screen(dialog)
        await pilot.pause()
        plan = imports.plan("linkedin", (FIXTURES / "linkedin_old.csv").read_bytes())
        await pilot.press("escape")
        await pilot.pause()
        dialog._progress(1, 2)  # what the reading thread would still send
        dialog._planned(plan)
        dialog._failed("late")
        await pilot.pause()
        assert memory_store.count(Contact) == 0
        assert not isinstance(app.screen, ImportDialog)
