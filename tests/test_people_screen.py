"""The People screen driven from the keyboard: the store first, the screen second."""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

import coach.screens.people as people_screen
from coach import values
from coach.app import CoachApp
from coach.errors import StoreError
from coach.models import Career, Contact, Outreach, Response, Warmth
from coach.screens.dialogs import ChoiceDialog, ConfirmDialog
from coach.screens.people import PAGE, ContactFormDialog, PeopleScreen, PeopleTable, PersonPickDialog, ReferralTree
from coach.services.people import ContactDraft
from coach.store import Store
from tests.helpers.app_factory import make_app
from tests.test_footer import footer_line

SIZE = (100, 32)
NAME = "Bo [b]Li[/b] 🌱"
"""A name that looks like markup and holds an emoji: it must be stored and shown as typed.
(`pilot.press` can't type a joiner; tests/test_text_input.py covers typing those.)"""


async def open_people(pilot: Pilot[int]) -> PeopleScreen:
    await pilot.press("f5")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PeopleScreen)
    return screen


async def settle(app: CoachApp, pilot: Pilot[int]) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def table_names(screen: PeopleScreen) -> list[str]:
    table = screen.query_one("#people-table", PeopleTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


def hint(screen: PeopleScreen) -> str:
    return str(screen.query_one("#people-hint", Static).render())


def tree_labels(screen: PeopleScreen) -> list[str]:
    tree = screen.query_one("#people-tree", ReferralTree)
    labels: list[str] = []

    def walk(node: object, depth: int) -> None:
        for child in node.children:  # type: ignore[attr-defined]
            labels.append("  " * depth + str(child.label))
            walk(child, depth + 1)

    walk(tree.root, 0)
    return labels


async def test_add_a_referred_contact_and_see_it_in_the_tree(memory_store: Store) -> None:
    ana = memory_store.add(Contact(name="Ana Ruiz", warmth=Warmth.CLOSE))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormDialog)
        await pilot.press(*NAME)
        await pilot.press("tab", "tab", "tab")  # warmth, how you know them, introduced by
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonPickDialog)
        await pilot.press("a", "n", "a", "enter")  # picked by typing part of the name, never an id
        await pilot.pause()
        await pilot.press("tab", "A", "c", "m", "e")  # company
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        bo = next(c for c in memory_store.all(Contact) if c.id != ana.id)
        assert (bo.name, bo.referred_by, bo.company) == (NAME, ana.id, "Acme")
        assert bo.warmth is Warmth.REFERRED, "someone introduced: the rung follows unless changed"
        assert app.screen is screen
        assert table_names(screen) == ["Ana Ruiz", NAME], "warmest first, the name as typed"
        assert "Added" in hint(screen)

        await pilot.press("r")
        await settle(app, pilot)
        assert screen.query_one("#people-tree", ReferralTree).has_focus
        labels = tree_labels(screen)
        assert labels[0].startswith("Ana Ruiz") and "led to 1" in labels[0]
        assert labels[1].strip().startswith(NAME)
        await pilot.press("r")
        await pilot.pause()
        assert screen.query_one("#people-table", PeopleTable).has_focus


async def test_bad_input_is_told_inline_nothing_saved_and_the_words_stay(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        assert screen.query_one("#people-empty", Static).display, "an empty list says what to do first"
        keys = set(footer_line(app).split())
        assert {"Add", "Import"} <= keys and not {"Edit", "Delete", "Referrals", "Ask"} & keys, "no one to act on yet"
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # an empty name
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormDialog)
        assert "name" in str(form.query_one("#contact-error", Static).render())
        await pilot.press(*"Cy Park", "tab", "enter")  # the rung: a list in the method's words
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("up", "enter")  # from warm up to close
        await pilot.pause()
        assert app.screen is form
        await pilot.press(*["tab"] * 6, *"not an address", "enter")  # to the e-mail
        await pilot.pause()
        assert app.screen is form
        assert memory_store.count(Contact) == 0
        assert "e-mail" in str(form.query_one("#contact-error", Static).render())
        assert form.typed().name == "Cy Park" and form.typed().email == "not an address"
        await pilot.press(*["backspace"] * len("not an address"), *"cy@example.org", "enter")
        await settle(app, pilot)
        assert [(c.name, c.email, c.warmth) for c in memory_store.all(Contact)] == [
            ("Cy Park", "cy@example.org", Warmth.CLOSE)
        ]
        assert table_names(screen) == ["Cy Park"]
        assert not screen.query_one("#people-empty", Static).display
        await pilot.pause()
        assert {"Edit", "Delete", "Referrals"} <= set(footer_line(app).split())


async def test_ctrl_q_over_a_form_with_words_in_it_asks_first(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_people(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormDialog)
        await pilot.press(*"Cy [b]Park")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.is_running  # asked, not gone
        await pilot.press("n")  # back to the form, the words where they were
        await pilot.pause()
        assert app.screen is form and form.typed().name == "Cy [b]Park"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("ctrl+q")  # a second Ctrl+Q quits
        await pilot.pause()
    assert app.return_code == 0 and memory_store.count(Contact) == 0


async def test_ctrl_q_over_an_untouched_form_quits_at_once(memory_store: Store) -> None:
    memory_store.add(Contact(name="Ana", email="ana@example.org"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        await settle(app, pilot)
        screen.query_one("#people-table", PeopleTable).focus()
        await pilot.press("e")  # an edit form, filled with Ana's details: nothing typed yet
        await pilot.pause()
        assert isinstance(app.screen, ContactFormDialog)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_search_as_you_type_draws_a_window_and_pages_on(memory_store: Store) -> None:
    memory_store.add_many(
        Contact(name=f"Person {i:04d}", company="Acme" if i % 10 == 0 else "Globex", warmth=Warmth.COLD)
        for i in range(1000)
    )
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        table = screen.query_one("#people-table", PeopleTable)
        assert table.row_count == PAGE, "a window of rows, never all of them"
        assert "1,000 people" in hint(screen)
        await pilot.press("ctrl+end")  # to the last row drawn: the next page follows
        await pilot.pause()
        assert table.row_count == 2 * PAGE
        table.scroll_end(animate=False, immediate=True)  # the mouse wheel down to the end does too
        await pilot.pause()
        assert table.row_count == 3 * PAGE
        await pilot.press("slash", *"acme")
        await pilot.pause()
        assert table.row_count == 100
        assert all(name.startswith("Person") for name in table_names(screen))
        assert "100 people match" in hint(screen)
        await pilot.press(*" 009")
        await pilot.pause()
        assert table_names(screen) == ["Person 0090"]
        await pilot.press("escape")  # clears the search
        await pilot.pause()
        assert table.row_count == PAGE
        assert memory_store.count(Contact) == 1000


async def test_delete_asks_first(memory_store: Store) -> None:
    ana = memory_store.add(Contact(name="Ana Ruiz", warmth=Warmth.CLOSE))
    memory_store.add_many([Outreach(contact_id=ana.id), Outreach(contact_id=ana.id)])
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        for _ in range(2):  # pressed twice, both keys in before the question shows: asked once
            app.post_message(events.Key("d", "d"))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert sum(isinstance(shown, ConfirmDialog) for shown in app.screen_stack) == 1
        detail = str(app.screen.query_one("#confirm-detail", Static).render())
        assert "Their 2 Outreach log entries will stay" in detail and "can't be undone" in detail
        await pilot.press("n")
        await settle(app, pilot)
        assert memory_store.count(Contact) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert memory_store.count(Contact) == 0
        assert table_names(screen) == []


async def test_edit_keeps_long_notes_and_asks_on_a_clash(memory_store: Store) -> None:
    notes = "first line [link]x[/link]\nsecond " + "é" * 5000
    ana = memory_store.add(Contact(name="Ana", notes=notes, role="Designer"))
    memory_store.add(Outreach(contact_id=ana.id, response=Response.YES))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        assert "said yes" in str(screen.query_one("#people-table", PeopleTable).get_row_at(0)[2])
        details = str(screen.query_one("#people-detail-text", Static).render())
        assert "[link]x[/link]" in details and "5,0" in details  # literal, cut, and says how long
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormDialog)
        app.services.people.edit(ana.id, values.replace(ContactDraft.of(ana), company="Elsewhere", role="Manager"))
        await pilot.press(*["tab"] * 5, *["backspace"] * 8, *"Lead", "ctrl+s")  # the role
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog), "changed elsewhere meanwhile: asked, not overwritten"
        assert memory_store.get(Contact, ana.id).role == "Manager"
        await pilot.press("down", "enter")  # use mine
        await settle(app, pilot)
        saved = memory_store.get(Contact, ana.id)
        assert (saved.role, saved.company) == ("Lead", "Elsewhere"), "mine where I changed it, theirs elsewhere"
        assert saved.notes == notes, "the notes kept whole, line break and all"


async def test_fits_80_by_24_and_o_goes_to_outreach(memory_store: Store) -> None:
    memory_store.add_many(Contact(name=f"Person {i}") for i in range(30))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_people(pilot)
        table = screen.query_one("#people-table", PeopleTable)
        detail = screen.query_one("#people-detail")
        assert table.region.height >= 6 and detail.region.height >= 5
        assert detail.region.bottom <= 23, "above the footer"
        assert table.virtual_size.width <= table.size.width, "no sideways scrolling at 80 columns"
        chosen = screen._current()
        assert chosen is not None
        await pilot.press("o")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "outreach"
        assert app.screen.query_one("#outreach-person", Input).value == chosen.name, "the person handed over"


async def test_a_big_tree_fills_branches_when_opened(memory_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(people_screen, "TREE_EXPANDED", 0)  # as with thousands of people: nothing opened ahead
    ana = memory_store.add(Contact(name="Ana", warmth=Warmth.CLOSE))
    bo = memory_store.add(Contact(name="Bo", warmth=Warmth.WARM, referred_by=ana.id))
    cy = memory_store.add(Contact(name="Cy", warmth=Warmth.REFERRED, referred_by=bo.id))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        assert table_names(screen) == ["Ana", "Bo", "Cy"]
        await pilot.press("down", "down", "r")  # from Cy in the list
        await pilot.pause()
        tree = screen.query_one("#people-tree", ReferralTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == cy.id, "the branches to Cy were opened"
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormDialog) and form.typed().name == "Cy"
        await pilot.press("escape")
        await pilot.pause()
        assert memory_store.get(Contact, cy.id).name == "Cy"


async def test_a_failed_save_keeps_every_word_typed(memory_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_people(pilot)
        people = app.services.people
        add = people.add
        disk_full = [True]

        def add_unless_full(draft: ContactDraft) -> Contact:
            if disk_full[0]:
                raise StoreError("The disk is full.")
            return add(draft)

        monkeypatch.setattr(people, "add", add_unless_full)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Ana Ruiz", *["tab"] * 4, *"Acme", "enter")  # name, then the company
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormDialog), "the form comes back"
        assert memory_store.count(Contact) == 0
        assert (form.typed().name, form.typed().company) == ("Ana Ruiz", "Acme")
        assert "disk is full" in str(form.query_one("#contact-error", Static).render())
        disk_full[0] = False
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [(c.name, c.company) for c in memory_store.all(Contact)] == [("Ana Ruiz", "Acme")]


async def test_coming_back_redraws_only_what_changed(memory_store: Store) -> None:
    ana = memory_store.add(Contact(name="Ana", warmth=Warmth.CLOSE))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        table = screen.query_one("#people-table", PeopleTable)
        clears: list[bool] = []
        clear = table.clear

        def counted_clear(columns: bool = False) -> PeopleTable:
            clears.append(columns)
            return clear(columns)

        table.clear = counted_clear  # type: ignore[method-assign]
        await pilot.press("f2")
        await pilot.pause()
        await open_people(pilot)
        assert clears == [], "nothing changed: nothing drawn again"
        memory_store.add(Outreach(contact_id=ana.id, response=Response.WAITING))  # logged elsewhere
        await pilot.press("f2")
        await pilot.pause()
        await open_people(pilot)
        assert clears == [False]
        assert str(table.get_row_at(0)[2]) == "waiting"
        assert "0 not asked yet" in str(screen.query_one("#people-headline", Static).render())


async def test_someone_added_far_down_a_long_list_is_found_by_name(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_screen, "SELECT_PAGES", 1)  # as with thousands: the list isn't drawn down to them
    memory_store.add_many(Contact(name=f"Person {i:03d}", warmth=Warmth.COLD) for i in range(150))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Zed", "tab", "enter")
        await pilot.pause()
        await pilot.press("end", "enter", "ctrl+s")  # the coldest rung: last in the list
        await settle(app, pilot)
        assert memory_store.count(Contact) == 151
        assert "Added Zed (further down the list" in hint(screen)
        assert screen.query_one("#people-table", PeopleTable).row_count <= 2 * PAGE


async def test_the_palette_finds_a_person_by_name_and_goes_to_them(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_screen, "SELECT_PAGES", 0)  # as with thousands: too far down to draw to them
    memory_store.add_many(Contact(name=f"Person {i:03d}", warmth=Warmth.CLOSE) for i in range(120))
    zed = memory_store.add(Contact(name="Zed [b]Li[/b]", warmth=Warmth.COLD, company="[i]Acme[/i]"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zed")
        await settle(app, pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        shown = [str(option.prompt) for option in palette.query_one(CommandList).options]
        assert any("Zed [b]Li[/b]" in line and "[i]Acme[/i]" in line for line in shown), shown
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen
        current = screen._current()
        assert current is not None and current.id == zed.id
        assert screen.query_one("#people-search", Input).value == "Zed [b]Li[/b]"
        assert table_names(screen) == ["Zed [b]Li[/b]"]


async def test_shown_again_the_table_keeps_what_it_drew_until_its_look_changes(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Coming back to People redraws no cell (SteadyTable); focus and a theme change still do."""
    from textual.widgets import DataTable

    memory_store.add_many([Contact(name=f"Person {n}", warmth=Warmth.CLOSE) for n in range(30)])
    cleared: list[str] = []
    original = DataTable.notify_style_update

    def counting(self: DataTable[object]) -> None:
        cleared.append(type(self).__name__)
        original(self)

    monkeypatch.setattr(DataTable, "notify_style_update", counting)
    app = make_app(memory_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_people(pilot)
        await settle(app, pilot)
        table = screen.query_one("#people-table", PeopleTable)
        drawn = [strip.text for strip in table.render_lines(table.region.reset_offset)]
        assert any("Person 0" in line for line in drawn)
        await pilot.press("f2")
        await pilot.pause()
        cleared.clear()
        await pilot.press("f5")
        await settle(app, pilot)
        assert cleared == []  # the styles were applied again, unchanged: nothing thrown away
        assert [strip.text for strip in table.render_lines(table.region.reset_offset)] == drawn
        if table.has_focus:
            screen.query_one("#people-search").focus()
        else:
            table.focus()
        await pilot.pause()
        assert cleared  # focus tints the table: drawn again
        cleared.clear()
        before = table.render_lines(table.region.reset_offset)[1]
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert cleared
        after = table.render_lines(table.region.reset_offset)[1]
        assert after.text == before.text and list(after) != list(before)  # same words, the new theme's colours


def details(screen: PeopleScreen) -> str:
    return str(screen.query_one("#people-detail-text", Static).render())


async def test_a_career_option_is_picked_shown_and_kept_or_changed_on_edit(memory_store: Store) -> None:
    design = memory_store.add(Career(title="Product design", rank=0))
    teaching = memory_store.add(Career(title="[b]Teaching[/b]", rank=1))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormDialog)
        await pilot.press(*"Ana", *["tab"] * 6, "enter")  # past the rung, how, introduced by, company, role
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "down", "enter")  # below "none" and Product design
        await pilot.pause()
        assert app.screen is form and "[b]Teaching[/b]" in str(form.query_one("#contact-career", Button).label)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        (ana,) = memory_store.all(Contact)
        assert ana.career_id == teaching.id
        assert "Career option: [b]Teaching[/b]" in details(screen), "the title as typed, never markup"

        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*["tab"] * 5, *"Lead", "ctrl+s")  # the role only: the option stays
        await settle(app, pilot)
        saved = memory_store.get(Contact, ana.id)
        assert (saved.role, saved.career_id) == ("Lead", teaching.id)

        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*["tab"] * 6, "enter")
        await pilot.pause()
        await pilot.press("up", "enter")  # the list opens on the current option: one up is Product design
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert memory_store.get(Contact, ana.id).career_id == design.id
        assert "Career option: Product design" in details(screen)


async def test_with_no_careers_yet_the_field_says_so_at_80_by_24(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormDialog)
        await pilot.press(*["tab"] * 6, "enter")  # the career field
        await pilot.pause()
        assert app.screen is form, "nothing to pick from: no empty list opens"
        button = form.query_one("#contact-career", Button)
        assert button.has_focus and str(button.label) == "no careers on the board yet (F9)"
        assert button.region.width >= len(str(button.label))
        assert form.query_one("#contact-form").region.bottom <= 24


async def test_an_error_goes_as_soon_as_the_form_changes(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_people(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # no name yet
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormDialog)
        error = form.query_one("#contact-error", Static)
        assert "name" in str(error.render())
        await pilot.press("C")
        await pilot.pause()
        assert str(error.render()) == "" and not error.has_class("-error"), "a name typed: the error went"
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert "name" in str(error.render()) and error.has_class("-error")
        await pilot.press("tab", "enter")  # the rung, nothing typed
        await pilot.pause()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.screen is form and str(error.render()) == "", "a rung chosen: the error went too"
        assert memory_store.count(Contact) == 0


async def test_adding_a_namesake_says_the_numbers_that_tell_them_apart(memory_store: Store) -> None:
    dan = memory_store.add(Contact(name="Dan"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"dan", "ctrl+s")
        await settle(app, pilot)
        added = max(memory_store.all(Contact), key=lambda contact: contact.id)
        assert (added.name, memory_store.count(Contact)) == ("dan", 2)
        assert f"Added dan. Also called that: #{dan.id}. This one is #{added.id}." in hint(screen)
