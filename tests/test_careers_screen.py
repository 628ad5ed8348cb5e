"""The Careers screen (F9) from the keyboard: the store first, the screen second."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from coach.models import Attraction, Career, Contact, Interview, InterviewStatus, Reflection
from coach.screens.careers import CareerFormDialog, CareersScreen
from coach.screens.dialogs import ConfirmDialog
from coach.services.careers import STILL_GUESSING
from coach.store import Store
from tests.helpers.app_factory import make_app
from tests.test_footer import footer_line

HOSTILE = "[b]Data[/b] [@click=app.quit]science[/]"


async def open_careers(pilot: Pilot[int]) -> CareersScreen:
    await pilot.press("f9")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CareersScreen)
    return screen


def text_of(screen: CareersScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def cards(screen: CareersScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one("#careers-list", OptionList).options]


def table_rows(screen: CareersScreen) -> list[list[str]]:
    table = screen.query_one("#careers-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def add_option(pilot: Pilot[int], title: str, notes: str = "", questions: str = "") -> None:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CareerFormDialog)
    for value in (title, notes, questions):
        await pilot.press(*value)
        await pilot.press("tab")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_add_rate_and_compare_from_the_keyboard(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_careers(pilot)
        assert screen.query_one("#careers-empty").display
        assert "Press n to add the first" in text_of(screen, "#careers-empty")
        # With nothing to open, edit, delete or move, the footer offers only what can be done.
        empty_footer = footer_line(app)
        assert "New" in empty_footer and not {"Open", "Edit", "Delete", "Up"} & set(empty_footer.split())

        await add_option(pilot, "UX design", "making things people enjoy", "is the pay steady?")
        assert {"Open", "Edit", "Delete", "Up", "Down"} <= set(footer_line(app).split())
        await add_option(pilot, HOSTILE)
        # An empty name is refused in the form, which stays open with the reason.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CareerFormDialog)
        assert "Type a name" in str(dialog.query_one("#career-error", Static).render())
        await pilot.press("escape")
        await pilot.pause()

        stored = sorted(memory_store.all(Career), key=lambda career: career.id)
        assert [(c.title, c.notes, c.questions) for c in stored] == [
            ("UX design", "making things people enjoy", "is the pay steady?"),
            (HOSTILE, "", ""),
        ]
        ux, data = stored
        assert app.is_running and not screen.query_one("#careers-empty").display
        assert cards(screen)[0].startswith("UX design\n0 conversations")
        assert cards(screen)[-1].startswith(HOSTILE + "\n")  # literal, not markup

        # Open UX design (the first card) and rate its gauges with the digits.
        await pilot.press("home", "enter")
        await pilot.pause()
        assert screen.query_one("#careers-gauges", OptionList).has_focus
        assert "UX design" in text_of(screen, "#careers-detail-title")
        await pilot.press("4", "down", "3", "down", "6", "down", "5")
        await pilot.pause()
        ux = memory_store.get(Career, ux.id)
        assert (ux.energy, ux.skills, ux.practicality, ux.values) == (4, 3, None, 5)  # 6 is not a key
        assert "Fit 4.0 (3 of 4 rated)" in text_of(screen, "#careers-fit")
        await pilot.press("up", "up", "0")  # clear skills again
        await pilot.pause()
        assert memory_store.get(Career, ux.id).skills is None
        evidence = text_of(screen, "#careers-evidence-text")
        assert "making things people enjoy" in evidence and STILL_GUESSING in evidence

        # Two conversations about UX design happen (recorded elsewhere), with reflections.
        ana, bo = memory_store.add_many([Contact(name="Ana", career_id=ux.id), Contact(name="Bo")])
        when = memory_store.clock() - timedelta(days=3)
        held = memory_store.add_many(
            [
                Interview(contact_id=ana.id, career_id=ux.id, when=when, status=InterviewStatus.DONE),
                Interview(
                    contact_id=bo.id, career_id=ux.id, when=when + timedelta(days=1), status=InterviewStatus.DONE
                ),
            ]
        )
        memory_store.add_many(
            [
                Reflection(
                    interview_id=held[0].id,
                    learned="juniors start in research",
                    attraction=Attraction.MORE,
                    complete=True,
                ),
                Reflection(
                    interview_id=held[1].id, learned="[red]long[/red] hours", attraction=Attraction.LESS, complete=True
                ),
            ]
        )

        # The comparison: the cells and the flag on the option with fewer than two conversations.
        await pilot.press("c")
        await pilot.pause()
        table = screen.query_one("#careers-table", DataTable)
        assert table.has_focus
        rows = table_rows(screen)
        assert rows[0][1:] == ["4", "-", "-", "5", "4.5", "2", "→ even"]
        assert rows[0][0] == "UX design"
        assert rows[1][0].startswith("[b]Data[/b] [@click=app.quit]") and STILL_GUESSING in rows[1][0]
        assert rows[1][1:] == ["-", "-", "-", "-", "-", "0", "-"]
        assert "still guessing" in text_of(screen, "#careers-legend")

        # A digit on a gauge column rates that option's gauge; Enter opens the option.
        await pilot.press("down", "right")  # it opens on Energy: Data science, Skills
        await pilot.press("2")
        await pilot.pause()
        assert memory_store.get(Career, data.id).skills == 2
        assert table_rows(screen)[1][2] == "2"
        await pilot.press("up", "enter")
        await pilot.pause()
        evidence = text_of(screen, "#careers-evidence-text")
        assert "Conversations held: 2" in evidence and "with Ana, Bo" in evidence
        assert "more → less  (overall → even)" in evidence
        assert evidence.index("[red]long[/red] hours") < evidence.index("juniors start in research")
        assert STILL_GUESSING not in evidence
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#careers-list", OptionList).has_focus
        assert app.is_running


async def test_small_terminal_move_edit_and_delete(memory_store: Store) -> None:
    for title in ("Law", "Nursing", "Teaching"):
        memory_store.add(Career(title=title, rank=len(memory_store.all(Career))))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_careers(pilot)
        # Move Teaching to the top, then edit it and remove Nursing.
        await pilot.press("down", "down", "shift+up", "shift+up")
        await pilot.pause()
        assert [c.title for c in sorted(memory_store.all(Career), key=lambda c: c.rank)] == [
            "Teaching",
            "Law",
            "Nursing",
        ]
        assert cards(screen)[0].startswith("Teaching") and "number 1 of 3" in text_of(screen, "#careers-hint")

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CareerFormDialog)
        await pilot.press("tab", *"the summers off", "enter")
        await pilot.pause()
        teaching = next(c for c in memory_store.all(Career) if c.title == "Teaching")
        assert teaching.notes == "the summers off"

        await pilot.press("down", "down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert sorted(c.title for c in memory_store.all(Career)) == ["Law", "Teaching"]
        assert [card.split("\n")[0] for card in cards(screen)] == ["Teaching", "Law"]
        assert "Removed Nursing" in text_of(screen, "#careers-hint")

        # Everything fits 80 columns: the comparison's columns and the footer's keys.
        await pilot.press("c")
        await pilot.pause()
        table = screen.query_one("#careers-table", DataTable)
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= table.size.width
        assert screen.query_one("#careers-table").region.right <= 80
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


def test_names_and_the_trend_line_in_words() -> None:
    from coach.screens.careers import names, trend_line

    assert names(("Ana", "Bo")) == "Ana, Bo"
    assert names(tuple(f"P{n}" for n in range(14)), shown=3) == "P0, P1, P2 and 11 more"
    assert trend_line(()) == "no answers yet"
    assert trend_line((Attraction.LESS,)) == "less"
    assert trend_line((Attraction.MORE, Attraction.UNSURE, Attraction.MORE)) == "more → unsure → more  (overall ↑ more)"
