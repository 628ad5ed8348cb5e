"""The Fear Monger screen driven from the keyboard: the store first, the screen second."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, Input, OptionList, Static

from coach.app import CoachApp
from coach.errors import StoreError
from coach.models import Contact, Outcome, Thought
from coach.screens.dialogs import ChoiceDialog, ConfirmDialog, PromptDialog, ReadDialog, RecurringThoughtDialog
from coach.screens.fears import FearScreen
from coach.services.fears import FearService
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SIZE = (100, 32)


async def open_fears(pilot: Pilot[int]) -> FearScreen:
    await pilot.press("f3")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, FearScreen)
    return screen


async def type_line(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def count_shown(screen: FearScreen) -> str:
    return str(screen.query_one("#fear-count", Digits).value)


def list_text(screen: FearScreen) -> list[str]:
    options = screen.query_one("#fear-list", OptionList)
    return [str(option.prompt) for option in options.options]


def hint(screen: FearScreen) -> str:
    return str(screen.query_one("#fear-hint", Static).render())


async def test_three_thoughts_from_the_keyboard(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        capture = screen.query_one("#fear-input", Input)
        assert capture.has_focus
        assert count_shown(screen) == "0"
        await type_line(pilot, "what if they think I am stupid")
        await type_line(pilot, "what if I get the info and still don't know")
        await type_line(pilot, "what if the call is awkward")
        assert [t.text for t in memory_store.all(Thought)] == [
            "what if they think I am stupid",
            "what if I get the info and still don't know",
            "what if the call is awkward",
        ]
        assert count_shown(screen) == "3"
        assert capture.value == ""
        assert capture.has_focus
        shown = list_text(screen)
        assert shown[0].startswith("what if the call is awkward")
        assert "general" in shown[0]
        assert "not tested yet" in shown[0]
        assert "This week: 3 thoughts" in str(screen.query_one("#fear-week", Static).render())


async def test_typing_never_triggers_list_keys(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "dread")
        # Every key the list binds (e, l, o, a, d, n) typed into the capture line is just text.
        await type_line(pilot, "delete all old notes, and one more")
        assert not isinstance(app.screen, ConfirmDialog | PromptDialog | ChoiceDialog)
        assert [t.text for t in memory_store.all(Thought)] == ["dread", "delete all old notes, and one more"]
        assert count_shown(screen) == "2"


async def test_empty_input_shows_a_hint_and_saves_nothing(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await pilot.press("space", "space", "enter")
        await pilot.pause()
        assert memory_store.count(Thought) == 0
        assert "empty" in hint(screen)
        assert screen.query_one("#fear-hint", Static).has_class("-error")
        assert count_shown(screen) == "0"
        assert screen.query_one("#fear-empty", Static).display


async def test_mark_an_outcome(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "what if they say no")
        await pilot.press("tab")
        assert screen.query_one("#fear-list", OptionList).has_focus
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("up", "enter")  # from "not tested yet" up to "it didn't happen"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.all(Thought)[0].outcome is Outcome.DID_NOT_HAPPEN
        assert "didn't happen" in list_text(screen)[0]
        reality = str(screen.query_one("#fear-reality-text", Static).render())
        assert "Tested so far: 1 of 1" in reality


async def test_set_likelihood_and_edit_text(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "what if they say no")
        await pilot.press("down", "l")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("1", "5", "0", "enter")  # refused inline, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        assert memory_store.all(Thought)[0].likelihood is None
        await pilot.press("backspace", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.all(Thought)[0].likelihood == 15
        assert "feels 15% likely" in list_text(screen)[0]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("end", *" to me", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.all(Thought)[0].text == "what if they say no to me"
        assert list_text(screen)[0].startswith("what if they say no to me")


async def test_delete_asks_first(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "keep me")
        await type_line(pilot, "delete me")
        await pilot.press("tab", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.count(Thought) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [t.text for t in memory_store.all(Thought)] == ["keep me"]
        assert count_shown(screen) == "1"
        assert len(list_text(screen)) == 1


async def test_markup_looking_text_stays_literal(memory_store: Store) -> None:
    text = "[bold]what if[/] they say no [@click=app.quit]x[/]"
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, text)
        assert memory_store.all(Thought)[0].text == text
        assert list_text(screen)[0].startswith(text)
        await pilot.click("#fear-list", offset=(20, 0))  # a click on the text opens the whole thought
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ReadDialog)
        assert str(app.screen.query_one("#read-text", Static).render()) == text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FearScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert text in str(app.screen.query_one("#confirm-detail", Static).render())
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running


async def test_recurring_thought_counts_as_the_same_fear(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "what if they say no")
        await type_line(pilot, "What if they say NO?")
        assert isinstance(app.screen, RecurringThoughtDialog)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        thoughts = memory_store.all(Thought)
        assert len(thoughts) == 1
        assert thoughts[0].times_seen == 2
        assert "seen 2 times" in list_text(screen)[0]
        assert count_shown(screen) == "1"
        capture = screen.query_one("#fear-input", Input)
        assert capture.value == ""
        assert capture.has_focus
        # Add as new keeps both lines.
        await type_line(pilot, "what if they just say no")
        assert isinstance(app.screen, RecurringThoughtDialog)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.count(Thought) == 2
        assert count_shown(screen) == "2"
        # Esc goes back with the words still in the box.
        await type_line(pilot, "what if they say no!")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.count(Thought) == 2
        assert capture.value == "what if they say no!"


async def test_quitting_while_asked_if_it_came_by_before_keeps_the_thought(memory_store: Store) -> None:
    """Ctrl+Q works over the question; the thought sent with Enter is kept as its own line, as typed."""
    memory_store.add(Thought(text="what if they say no"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_fears(pilot)
        await type_line(pilot, "What if they say NO? [b]")
        assert isinstance(app.screen, RecurringThoughtDialog)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert sorted(t.text for t in memory_store.all(Thought)) == ["What if they say NO? [b]", "what if they say no"]
    assert [t.times_seen for t in memory_store.all(Thought)] == [1, 1]  # nothing merged without an answer


async def test_ctrl_q_with_a_thought_typed_but_not_sent_asks_first(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await pilot.press(*"what if I freeze")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#fear-input", Input).value == "what if I freeze"
        await pilot.press("enter")  # sent: nothing left to ask about
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running and [t.text for t in memory_store.all(Thought)] == ["what if I freeze"]


async def test_quitting_after_answering_saves_nothing_twice(memory_store: Store) -> None:
    memory_store.add(Thought(text="what if they say no"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "what if they say no!")
        await pilot.press("escape")  # back to the words: nothing saved, and nothing held any more
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#fear-input", Input).value == "what if they say no!"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert [t.text for t in memory_store.all(Thought)] == ["what if they say no"]


async def test_a_different_thought_is_not_offered_as_recurring(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_fears(pilot)
        await type_line(pilot, "what if they say no")
        await type_line(pilot, "what if they say yes")
        assert not isinstance(app.screen, RecurringThoughtDialog)
        assert memory_store.count(Thought) == 2


async def test_link_to_a_person(memory_store: Store) -> None:
    ana = memory_store.add(Contact(name="Ana [b]Ruiz[/b]"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "what if she is too busy")
        await pilot.press("tab", "a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.all(Thought)[0].contact_id == ana.id
        assert "Ana [b]Ruiz[/b]" in list_text(screen)[0]


async def test_save_error_keeps_the_text(memory_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(record: object) -> object:
        raise StoreError("Couldn't save to /somewhere: disk full. Nothing was changed.")

    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        monkeypatch.setattr(memory_store, "add", refuse)
        await type_line(pilot, "what if it fails")
        assert screen.query_one("#fear-input", Input).value == "what if it fails"
        assert screen.query_one("#fear-hint", Static).has_class("-error")
        assert "Couldn't save" in hint(screen)
        assert app.is_running
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert [t.text for t in memory_store.all(Thought)] == ["what if it fails"]
        assert screen.query_one("#fear-input", Input).value == ""


def screen_text(app: CoachApp) -> str:
    """What the terminal shows, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_fits_at_80x24(memory_store: Store, clock: FakeClock) -> None:
    from datetime import timedelta

    for index in range(6):
        thought = FearScreenSeed.add(memory_store, f"worry number {index} with a few more words to wrap")
    memory_store.update(Thought(**{**_fields(thought), "seen": (clock() - timedelta(days=8), clock())}))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_fears(pilot)
        for selector in ("#fear-count", "#fear-input", "#fear-hint", "#fear-list", "#fear-reality"):
            region = screen.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert region.right <= 80 and region.bottom <= 23, selector
        assert screen.query_one("#fear-list", OptionList).region.height >= 6
        assert count_shown(screen) == "6"
        shown = " ".join(screen_text(app).split())
        # The headline says in full which figure is which, nothing cut.
        assert "different thoughts on your list, written down 8 times in all" in shown
        assert "This week: 7 times, 6 different thoughts. Last week: 1 thought." in shown
        await pilot.press("tab")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for key in ("e Edit", "l Likely %", "o Outcome", "a About", "d Delete"):
            assert key in footer, f"{key!r} missing from the footer at 80 columns: {footer!r}"


def _fields(record: object) -> dict[str, object]:
    import dataclasses

    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}  # type: ignore[arg-type]


class FearScreenSeed:
    @staticmethod
    def add(store: Store, text: str) -> Thought:
        return store.add(Thought(text=text))


async def test_enter_on_a_long_thought_shows_all_of_it(memory_store: Store) -> None:
    long_text = "what if " + "they never answer and " * 500
    memory_store.add(Thought(text=long_text.strip()))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        assert list_text(screen)[0].startswith("what if they never")
        assert "…" in list_text(screen)[0]
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadDialog)
        assert str(app.screen.query_one("#read-text", Static).render()) == long_text.strip()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FearScreen)


async def test_link_without_people_says_where_to_add_them(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "what if")
        await pilot.press("tab", "a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FearScreen)
        assert "F5" in hint(screen)
        assert memory_store.all(Thought)[0].contact_id is None


async def test_a_long_list_is_drawn_a_page_at_a_time(memory_store: Store) -> None:
    from datetime import timedelta

    from coach.screens.fears import MORE_ID, PAGE

    now = memory_store.clock()
    memory_store.add_many(
        [Thought(text=f"worry number {i}", created=now - timedelta(hours=i)) for i in range(PAGE + 30)]
    )
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        assert count_shown(screen) == str(PAGE + 30), "the headline counts every thought, not just the page"
        options = screen.query_one("#fear-list", OptionList)
        assert options.option_count == PAGE + 1
        assert options.get_option_at_index(PAGE).id == MORE_ID
        assert "Show 30 more" in str(options.get_option_at_index(PAGE).prompt)
        assert str(options.get_option_at_index(0).prompt).startswith("worry number 0\n")
        options.focus()
        options.highlighted = PAGE
        await pilot.press("enter")
        await pilot.pause()
        assert options.option_count == PAGE + 30
        assert str(options.get_option_at_index(PAGE + 29).prompt).startswith(f"worry number {PAGE + 29}\n")
        assert options.highlighted == PAGE, "the highlight stays where the button was: on the next thought"


async def test_returning_to_an_unchanged_screen_redraws_nothing(memory_store: Store) -> None:
    memory_store.add(Thought(text="what if I'm late"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        options = screen.query_one("#fear-list", OptionList)
        first = options.get_option_at_index(0)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert options.get_option_at_index(0) is first
        memory_store.add(Thought(text="what if they cancel"))  # as another terminal would
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert str(options.get_option_at_index(0).prompt).startswith("what if they cancel")
        assert count_shown(screen) == "2"


# --- the headline says which figure is which ----------------------------------------------------


async def test_headline_tells_times_from_different_thoughts(memory_store: Store) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "what if they say no")
        await type_line(pilot, "what if the call is awkward")
        await type_line(pilot, "What if they say NO?")
        assert isinstance(app.screen, RecurringThoughtDialog)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.count(Thought) == 2
        assert sum(t.times_seen for t in memory_store.all(Thought)) == 3
        assert count_shown(screen) == "2"
        label = str(screen.query_one("#fear-count-label", Static).render())
        week = str(screen.query_one("#fear-week", Static).render())
        assert label == "different thoughts on your list, written down 3 times in all"
        assert "This week: 3 times, 2 different thoughts." in week
        assert len(list_text(screen)) == 2
        assert "your 2 thoughts" in str(screen.query_one("#fear-reality-text", Static).render())


# --- a change made elsewhere while a dialog is open ------------------------------------------------


@pytest.mark.parametrize("answer", ["keep theirs", "use mine"])
async def test_outcome_set_elsewhere_while_the_dialog_is_open_is_never_overwritten(
    store: Store, data_file: Path, answer: str
) -> None:
    thought = store.add(Thought(text="what if they say no"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await pilot.press("tab", "o")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        # Meanwhile, in another terminal: coach fear --outcome 1 came-true
        FearService(Store.open(data_file)).set_outcome(thought.id, "came-true")
        await pilot.press("up", "up", "enter")  # from "not tested yet" up to "partly"
        await pilot.pause()
        assert Store.open(data_file).get(Thought, thought.id).outcome is Outcome.CAME_TRUE
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        explanation = str(dialog.query_one("#choice-explanation", Static).render())
        assert "its outcome was changed to “came true” elsewhere" in explanation
        assert "You chose “partly”" in explanation
        if answer == "keep theirs":
            await pilot.press("enter")
        else:
            await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = Outcome.CAME_TRUE if answer == "keep theirs" else Outcome.PARTLY
        assert Store.open(data_file).get(Thought, thought.id).outcome is expected
        assert isinstance(app.screen, FearScreen)
        assert expected.label in list_text(screen)[0]


@pytest.mark.parametrize("action", ["edit", "likelihood", "link", "delete"])
async def test_every_edit_asks_when_the_thought_changed_elsewhere(store: Store, data_file: Path, action: str) -> None:
    ana = store.add(Contact(name="Ana"))
    bo = store.add(Contact(name="Bo"))
    thought = store.add(Thought(text="what if they say no"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_fears(pilot)
        await pilot.press("tab", {"edit": "e", "likelihood": "l", "link": "a", "delete": "d"}[action])
        await pilot.pause()
        elsewhere = FearService(Store.open(data_file))
        if action == "edit":
            elsewhere.edit(thought.id, "what if they say no, said elsewhere")
            await pilot.press("end", *" to me", "enter")
        elif action == "likelihood":
            elsewhere.set_likelihood(thought.id, 80)
            await pilot.press(*"20", "enter")
        elif action == "link":
            elsewhere.link(thought.id, contact_id=ana.id)
            await pilot.press("down", "down", "enter")  # general, Ana, Bo
        else:
            elsewhere.set_outcome(thought.id, Outcome.DID_NOT_HAPPEN)
            await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog), "the person is asked, nothing is overwritten"
        on_disk = Store.open(data_file)
        assert on_disk.count(Thought) == 1
        saved = on_disk.get(Thought, thought.id)
        assert (saved.text, saved.likelihood, saved.contact_id, saved.outcome) == (
            "what if they say no, said elsewhere" if action == "edit" else "what if they say no",
            80 if action == "likelihood" else None,
            ana.id if action == "link" else None,
            Outcome.DID_NOT_HAPPEN if action == "delete" else Outcome.UNTESTED,
        )
        await pilot.press("down", "enter")  # use mine
        await app.workers.wait_for_complete()
        await pilot.pause()
        on_disk = Store.open(data_file)
        if action == "delete":
            assert on_disk.count(Thought) == 0
        else:
            saved = on_disk.get(Thought, thought.id)
            assert {
                "edit": saved.text == "what if they say no to me",
                "likelihood": saved.likelihood == 20,
                "link": saved.contact_id == bo.id,
            }[action]


# --- saving fails --------------------------------------------------------------------------------


async def test_a_failed_save_anywhere_keeps_the_app_and_says_so(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise StoreError("Couldn't save to /somewhere: permission denied. Nothing was changed.")

    memory_store.add(Thought(text="what if they say no"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        monkeypatch.setattr(memory_store, "update", refuse)
        monkeypatch.setattr(memory_store, "delete", refuse)
        await pilot.press("tab", "o", "up", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, FearScreen)
        assert memory_store.all(Thought)[0].outcome is Outcome.UNTESTED
        assert "permission denied" in hint(screen)
        await pilot.press("d", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and memory_store.count(Thought) == 1
        assert len(list_text(screen)) == 1


async def test_a_read_only_data_folder_keeps_the_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import coach.store.files

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    folder = tmp_path / "data"
    path = folder / "coach.json"
    Store.open(path).add(Thought(text="the first one"))
    store = Store.open(path)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        folder.chmod(0o500)
        if os.geteuid() == 0:  # root may write into a read-only folder: the OS refuses the rename instead
            monkeypatch.setattr(coach.store.files.os, "replace", refuse)
        try:
            await type_line(pilot, "what if it can't be saved")
        finally:
            monkeypatch.undo()
            folder.chmod(0o700)
        assert app.is_running
        assert [t.text for t in Store.open(path).all(Thought)] == ["the first one"]
        assert screen.query_one("#fear-input", Input).value == "what if it can't be saved"
        assert screen.query_one("#fear-hint", Static).has_class("-error")
        assert "Not saved" in hint(screen)


# --- work per key ---------------------------------------------------------------------------------


async def test_typing_lays_nothing_out_again(memory_store: Store) -> None:
    """A typed character changes the capture line only: no layout of the screen, no scrollbar redraw."""
    from textual.widgets import Input as TextualInput

    assert hasattr(TextualInput, "_watch_value"), "Textual's Input no longer has _watch_value (see CaptureInput)"
    memory_store.add_many([Thought(text=f"worry number {i}") for i in range(40)])
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
        await pilot.press(*"what if")
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one("#fear-input", Input).value == "what if"
        assert layouts == []


async def test_adding_a_thought_keeps_the_rows_already_drawn(memory_store: Store) -> None:
    memory_store.add_many([Thought(text=f"worry number {i}") for i in range(5)])
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        options = screen.query_one("#fear-list", OptionList)
        drawn = list(options.options)
        await type_line(pilot, "what if the room is too loud")
        assert memory_store.count(Thought) == 6
        assert options.option_count == 6
        assert str(options.get_option_at_index(0).prompt).startswith("what if the room is too loud")
        assert list(options.options)[1:] == drawn
        assert all(new is old for new, old in zip(list(options.options)[1:], drawn, strict=True))
        assert count_shown(screen) == "6"
        # A change made elsewhere meanwhile still redraws everything.
        memory_store.add(Thought(text="what if they cancel"))
        await type_line(pilot, "what if I freeze")
        assert [str(o.prompt).split("\n")[0] for o in options.options][:2] == [
            "what if I freeze",
            "what if they cancel",
        ]
        assert count_shown(screen) == "8"


# --- pasting several lines -------------------------------------------------------------------------


def paste(app: CoachApp, text: str) -> None:
    """What a terminal driver hands the app for a bracketed paste."""
    from textual import events

    message = events.Paste(text)
    message.set_sender(app)
    app.post_message(message)


@pytest.mark.parametrize("answer", ["each line", "as one", "cancel"])
async def test_pasting_several_lines_offers_a_choice_and_loses_nothing(memory_store: Store, answer: str) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        capture = screen.query_one("#fear-input", Input)
        await pilot.press(*"typed first ")
        paste(app, "what if they say no\r\n\r\nwhat if the call is awkward\nwhat if I freeze\n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert memory_store.count(Thought) == 0
        assert "3 lines" in str(dialog.query_one("#choice-explanation", Static).render())
        await pilot.press({"each line": "enter", "as one": "down", "cancel": "escape"}[answer])
        if answer == "as one":
            await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FearScreen)
        texts = sorted(t.text for t in memory_store.all(Thought))
        if answer == "each line":
            assert texts == ["what if I freeze", "what if the call is awkward", "what if they say no"]
            assert count_shown(screen) == "3"
            assert capture.value == "typed first "
        elif answer == "as one":
            assert texts == []
            # each line break becomes a space, the empty line too: what `coach fear "<the paste>"` stores
            assert capture.value == "typed first what if they say no  what if the call is awkward what if I freeze"
            await pilot.press("enter")
            await pilot.pause()
            assert [t.text for t in memory_store.all(Thought)] == [
                "typed first what if they say no  what if the call is awkward what if I freeze"
            ]
        else:
            assert texts == []
            assert capture.value == "typed first "
        assert capture.has_focus


async def test_a_typed_zero_width_joiner_is_kept(memory_store: Store) -> None:
    from coach.widgets.text_input import TextInput

    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        assert isinstance(screen.query_one("#fear-input"), TextInput)
        family = "what if 👩\u200d👩\u200d👧 visits"
        paste(app, family)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [t.text for t in memory_store.all(Thought)] == [family]


async def test_pasting_lines_into_the_edit_dialog_keeps_them_as_one_text(memory_store: Store) -> None:
    memory_store.add(Thought(text="what if"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await pilot.press("tab", "e", "end", "space")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        paste(app, "they say no\nand I freeze")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.all(Thought)[0].text == "what if they say no and I freeze"
        assert list_text(screen)[0].startswith("what if they say no and I freeze")


async def test_same_fear_again_when_its_words_changed_elsewhere_asks_first(store: Store, data_file: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await type_line(pilot, "what if they say no")
        await type_line(pilot, "What if they say NO?")
        assert isinstance(app.screen, RecurringThoughtDialog)
        first = store.all(Thought)[0]
        FearService(Store.open(data_file)).edit(first.id, "what if they never write back")  # elsewhere, meanwhile
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "what if they never write back" in str(dialog.query_one("#choice-explanation", Static).render())
        assert Store.open(data_file).get(Thought, first.id).times_seen == 1
        await pilot.press("down", "enter")  # add mine as a new line
        await app.workers.wait_for_complete()
        await pilot.pause()
        on_disk = Store.open(data_file)
        assert sorted(t.text for t in on_disk.all(Thought)) == ["What if they say NO?", "what if they never write back"]
        assert on_disk.get(Thought, first.id).times_seen == 1
        assert screen.query_one("#fear-input", Input).value == ""
        assert count_shown(screen) == "2"


async def test_a_key_pressed_twice_before_its_dialog_shows_asks_once(memory_store: Store) -> None:
    from textual import events

    memory_store.add(Thought(text="what if they say no"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_fears(pilot)
        await pilot.press("tab")
        for _ in range(2):  # both keys in before the question shows
            app.post_message(events.Key("o", "o"))
        await pilot.pause()
        assert sum(isinstance(shown, ChoiceDialog) for shown in app.screen_stack) == 1
        await pilot.press("up", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FearScreen)
        assert memory_store.all(Thought)[0].outcome is Outcome.DID_NOT_HAPPEN
        # Enter twice on a line that repeats an earlier one: asked once, counted once.
        screen.query_one("#fear-input", Input).focus()
        await pilot.press(*"What if they say NO?")
        for _ in range(2):
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        assert sum(isinstance(shown, RecurringThoughtDialog) for shown in app.screen_stack) == 1
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert memory_store.all(Thought)[0].times_seen == 2
