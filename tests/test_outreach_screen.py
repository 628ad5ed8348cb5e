"""The Outreach screen driven from the keyboard: the store first, the screen second."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from coach.app import CoachApp
from coach.errors import StoreError
from coach.models import Channel, Contact, Outreach, Response, Warmth
from coach.screens import outreach as outreach_module
from coach.screens.dialogs import ChoiceDialog
from coach.screens.outreach import MessageDialog, OutreachScreen
from coach.services import Services
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

SIZE = (100, 32)


async def open_outreach(pilot: Pilot[int]) -> OutreachScreen:
    await pilot.press("f6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, OutreachScreen)
    return screen


async def type_into(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


def hint(screen: OutreachScreen) -> str:
    return str(screen.query_one("#outreach-hint", Static).render())


def log_lines(screen: OutreachScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one("#outreach-log", OptionList).options]


def due_lines(screen: OutreachScreen) -> list[str]:
    due = screen.query_one("#outreach-due", OptionList)
    return [str(option.prompt) for option in due.options] if due.display else []


def field(screen: OutreachScreen, name: str) -> Input:
    return screen.query_one(f"#outreach-{name}", Input)


async def resume(pilot: Pilot[int]) -> OutreachScreen:
    """Leave for Home and come back, as a person switching sections does."""
    await pilot.press("f2")
    await pilot.pause()
    return await open_outreach(pilot)


async def test_log_two_attempts_from_the_keyboard(memory_store: Store) -> None:
    ana = memory_store.add(Contact(name="Ana Ruiz", warmth=Warmth.CLOSE))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        assert field(screen, "person").has_focus
        assert screen.query_one("#outreach-empty").display
        # A known person by the start of her name; e-mail is already in "How", "now" in "When".
        await type_into(pilot, "ana")
        assert "Ana Ruiz" in hint(screen)
        await pilot.press("tab", "tab", "tab")  # to the guess
        await type_into(pilot, "30")
        await pilot.press("enter")
        await pilot.pause()
        # Someone new, by phone, with a note.
        await type_into(pilot, "Sam Okafor")
        assert "new" in hint(screen)
        await pilot.press("tab", "ctrl+u")
        await type_into(pilot, "call")
        await pilot.press("tab", "tab", "tab")
        await type_into(pilot, "asked about 20 minutes")
        await pilot.press("enter")
        await pilot.pause()

        logged = sorted(memory_store.all(Outreach), key=lambda item: item.id)
        assert [(item.contact_id, item.channel, item.guess) for item in logged[:1]] == [(ana.id, Channel.EMAIL, 30)]
        sam = next(c for c in memory_store.all(Contact) if c.name == "Sam Okafor")
        assert (logged[1].contact_id, logged[1].channel, logged[1].note) == (
            sam.id,
            Channel.CALL,
            "asked about 20 minutes",
        )
        assert all(item.sent == memory_store.clock() and item.response is Response.WAITING for item in logged)

        lines = log_lines(screen)
        assert lines[0].startswith("Sam Okafor") and "call" in lines[0] and "asked about 20 minutes" in lines[0]
        assert lines[-1].startswith("Ana Ruiz") and "guessed 30 %" in lines[-1]
        assert "new in People" in hint(screen)
        assert field(screen, "person").value == "" and field(screen, "person").has_focus
        assert field(screen, "channel").value == "call"  # the next one is likely sent the same way
        assert "2 logged" in str(screen.query_one("#outreach-headline", Static).render())

        # Ctrl+T writes a first message to whoever the typed name means.
        await type_into(pilot, "sam")
        await pilot.press("ctrl+t")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MessageDialog) and dialog.message is not None
        assert dialog.message.text.startswith("Hi Sam Okafor,")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and field(screen, "person").value == "sam"


async def test_keys_typed_ahead_go_where_tab_says(memory_store: Store) -> None:
    """Keys that queue up while coach is busy (typed ahead as a section opens) are handled in order: Tab moves
    on before the next key is put anywhere, so the words land in the boxes they were typed for."""
    from textual import events

    memory_store.add(Contact(name="Tommy Lee", warmth=Warmth.CLOSE))  # a completion is worked out as Tom is typed
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        field(screen, "channel").value = ""
        for key in ["T", "o", "m", "tab", "c", "a", "l", "l", "tab", "tab", "6", "0"]:
            character = "\t" if key == "tab" else key
            app.post_message(events.Key(key, character))  # all queued before any is handled
        await pilot.pause()
        await pilot.pause()
        assert (field(screen, "person").value, field(screen, "channel").value) == ("Tom", "call")
        assert field(screen, "guess").value == "60"


@pytest.mark.parametrize(
    ("box", "typed", "says"),
    [
        ("guess", "140", "0 to 100"),
        ("channel", "pigeon", "How did you reach out"),
        ("when", "2026-02-30", "not a real date"),
        ("when", "tomorrow", "future"),
        ("person", "   ", "Type who"),
    ],
)
async def test_bad_input_says_why_saves_nothing_and_keeps_the_words(
    memory_store: Store, box: str, typed: str, says: str
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        if box != "person":
            await type_into(pilot, "Ana")
        target = screen.query_one("#outreach-when Input", Input) if box == "when" else field(screen, box)
        target.focus()
        await pilot.press("ctrl+u")
        await type_into(pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert memory_store.all(Outreach) == []
        assert memory_store.all(Contact) == []
        assert says in hint(screen)
        assert screen.query_one("#outreach-hint").has_class("-error")
        assert target.value == typed and target.has_focus
        if box != "person":
            assert field(screen, "person").value == "Ana"


async def test_follow_up_comes_due_after_the_business_days_and_an_answer_clears_it(
    memory_store: Store, clock: FakeClock
) -> None:
    # Wednesday 25 Nov 2026; 7 business days later is Friday 4 Dec (two weekends' worth of days skipped).
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        await type_into(pilot, "[b]Bo[/b] Lee")
        await pilot.press("enter")
        await pilot.pause()
        assert len(memory_store.all(Outreach)) == 1
        assert due_lines(screen) == []

        clock.advance(days=8)  # Thursday 3 Dec: 6 business days
        screen = await resume(pilot)
        assert due_lines(screen) == []
        assert screen.query_one("#outreach-due-empty").display

        clock.advance(days=1)  # Friday 4 Dec: 7 business days
        screen = await resume(pilot)
        lines = due_lines(screen)
        assert len(lines) == 1 and lines[0].startswith("[b]Bo[/b] Lee") and "7 business days" in lines[0]

        # m on the queue writes the follow-up; Esc comes back.
        screen.query_one("#outreach-due", OptionList).focus()
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MessageDialog) and dialog.message is not None
        assert dialog.message.text.startswith("Hi [b]Bo[/b] Lee,") and "earlier note" in dialog.message.text
        await pilot.press("escape")
        await pilot.pause()

        # They answered after all: from the queue, a, then "They said yes".
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [item.response for item in memory_store.all(Outreach)] == [Response.YES]
        assert due_lines(screen) == []
        assert "1 of 1 said yes" in str(screen.query_one("#outreach-headline", Static).render())


async def test_enter_on_a_follow_up_fills_the_form_and_logging_it_clears_the_queue(
    memory_store: Store, clock: FakeClock
) -> None:
    bo = memory_store.add(Contact(name="Bo"))
    memory_store.add(Outreach(contact_id=bo.id, channel=Channel.TEXT, sent=clock() - timedelta(days=14)))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        assert len(due_lines(screen)) == 1
        screen.query_one("#outreach-due", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert (field(screen, "person").value, field(screen, "channel").value) == ("Bo", "text")
        await pilot.press("enter")
        await pilot.pause()
        latest = max(memory_store.all(Outreach), key=lambda item: item.id)
        assert (latest.contact_id, latest.channel, latest.note) == (bo.id, Channel.TEXT, "follow-up")
        assert due_lines(screen) == []


async def test_the_follow_up_queue_is_kept_as_it_is_when_a_message_changes_nothing_in_it(
    memory_store: Store, clock: FakeClock
) -> None:
    bo = memory_store.add(Contact(name="Bo"))
    cy = memory_store.add(Contact(name="Cy"))
    for person in (bo, cy):
        memory_store.add(Outreach(contact_id=person.id, channel=Channel.EMAIL, sent=clock() - timedelta(days=14)))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        queue = screen.query_one("#outreach-due", OptionList)
        before = list(queue.options)
        assert [line.split("\n")[0] for line in due_lines(screen)] == ["Bo", "Cy"]

        await type_into(pilot, "Dee Newcomer")  # someone new: nobody's follow-up changes
        await pilot.press("enter")
        await pilot.pause()
        assert "Dee Newcomer" in {contact.name for contact in memory_store.all(Contact)}
        assert list(queue.options) == before and all(a is b for a, b in zip(queue.options, before, strict=True))

        await type_into(pilot, "Bo")  # Bo's follow-up, sent: Bo leaves the queue
        await pilot.press("enter")
        await pilot.pause()
        assert [line.split("\n")[0] for line in due_lines(screen)] == ["Cy"]
        assert "1 follow-up due" in str(screen.query_one("#outreach-headline", Static).render())


async def test_an_unclear_name_asks_who_is_meant(memory_store: Store) -> None:
    memory_store.add(Contact(name="Ana Ruiz"))
    bell = memory_store.add(Contact(name="Ana Bell"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_outreach(pilot)
        await type_into(pilot, "Ana")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert memory_store.all(Outreach) == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first choice: Ana Bell (the list is sorted)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [item.contact_id for item in memory_store.all(Outreach)] == [bell.id]


async def test_message_helper_fills_a_name_with_brackets_literally_and_copies_it(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "[b]Zoë[/b] 👋🏽 [@click=app.quit]"
    contact = memory_store.add(Contact(name=name))
    long_note = "[i]n[/i] " + "x" * 5_000
    memory_store.add(Outreach(contact_id=contact.id, note=long_note, sent=memory_store.clock()))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        first = log_lines(screen)[0]
        assert first.startswith(name) and "[i]n[/i] xxx" in first
        screen.query_one("#outreach-log", OptionList).focus()
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        assert dialog.message is not None
        assert dialog.message.text.startswith(f"Hi {name},")
        assert str(dialog.query_one("#message-text", Static).render()).startswith(f"Hi {name},")
        assert "coffee" in dialog.message.text  # a first ask: sent today, not due a follow-up yet
        await pilot.press("tab", "tab")  # the template list, to the name, to "to learn"
        await type_into(pilot, "UX [research]")
        assert "UX [research]" in dialog.message.text
        await pilot.press("tab", "tab")  # past "suggested by", to "signed"
        await type_into(pilot, "Sam [/]")
        assert dialog.message.text.endswith("\nSam [/]")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.clipboard == dialog.message.text
        assert str(dialog.message.words) in str(dialog.query_one("#message-count", Static).render())
        assert memory_store.setting("sign_off") == "Sam [/]", "the sign-off is remembered for next time"

        # The editor path: coach hands the terminal over and reads back what was saved there.
        seen: list[str] = []

        def fake_editor(command: list[str]) -> int:
            path = Path(command[-1])
            seen.append(path.read_text(encoding="utf-8"))
            path.write_text("Hello [b]you[/b], edited\n", encoding="utf-8")
            return 0

        @contextlib.contextmanager
        def no_suspend() -> Iterator[None]:
            yield

        monkeypatch.setattr(outreach_module, "run_editor", fake_editor)
        monkeypatch.setattr(app, "suspend", no_suspend)
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen and seen[0].startswith(f"Hi {name},")
        assert dialog.message.text == "Hello [b]you[/b], edited"
        assert str(dialog.query_one("#message-text", Static).render()) == "Hello [b]you[/b], edited"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OutreachScreen)
        assert app.is_running


async def test_fits_80x24_and_resuming_unchanged_redraws_nothing(memory_store: Store) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_outreach(pilot)
        for selector in ("#outreach-person", "#outreach-when", "#outreach-guess", "#outreach-note", "#outreach-hint"):
            region = screen.query_one(selector).region
            assert region.height > 0 and region.right <= 80 and region.bottom <= 23, selector
        empty = screen.query_one("#outreach-empty")
        assert empty.display and empty.region.height > 0 and empty.region.bottom <= 23
        assert "Nothing logged yet" in str(empty.render())
        options = screen.query_one("#outreach-log", OptionList)
        drawn = list(options.options)
        screen = await resume(pilot)
        assert screen.query_one("#outreach-log", OptionList).options == drawn
        memory_store.add(Outreach(contact_id=memory_store.add(Contact(name="Ana")).id, sent=memory_store.clock()))
        screen = await resume(pilot)
        assert log_lines(screen)[0].startswith("Ana")


@pytest.mark.parametrize("answer", ["keep theirs", "use mine"])
async def test_an_answer_set_elsewhere_meanwhile_is_never_overwritten(
    store: Store, data_file: Path, answer: str
) -> None:
    bo = store.add(Contact(name="Bo"))
    sent = store.add(Outreach(contact_id=bo.id, sent=store.clock()))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        await pilot.press("down", "a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        # Meanwhile, in another terminal: coach answer Bo no
        Services.create(Store.open(data_file)).outreach.answer("Bo", "no")
        await pilot.press("down", "enter")  # "They said yes"
        await pilot.pause()
        assert Store.open(data_file).get(Outreach, sent.id).response is Response.NO
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        explanation = str(dialog.query_one("#choice-explanation", Static).render())
        assert "changed elsewhere to “said no”" in explanation and "You chose “said yes”" in explanation
        await pilot.press(*(["enter"] if answer == "keep theirs" else ["down", "enter"]))
        await app.workers.wait_for_complete()
        await pilot.pause()
        expected = Response.NO if answer == "keep theirs" else Response.YES
        assert Store.open(data_file).get(Outreach, sent.id).response is expected
        assert isinstance(app.screen, OutreachScreen)
        assert expected.label in log_lines(screen)[0]


async def test_a_save_that_fails_keeps_everything_typed(memory_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise StoreError("The folder of the data file can't be written to (permission denied).")

        monkeypatch.setattr(app.services.outreach, "log", refuse)
        await type_into(pilot, "Ana")
        await pilot.press("tab", "tab", "tab", "tab")
        await type_into(pilot, "what [b]not[/b] to ask")
        await pilot.press("enter")
        await pilot.pause()
        assert memory_store.all(Outreach) == []
        assert "permission denied" in hint(screen) and screen.query_one("#outreach-hint").has_class("-error")
        assert (field(screen, "person").value, field(screen, "note").value) == ("Ana", "what [b]not[/b] to ask")


async def test_a_log_goes_on_top_without_redrawing_and_brings_in_what_came_from_elsewhere(
    store: Store, data_file: Path, clock: FakeClock
) -> None:
    bo = store.add(Contact(name="Bo"))
    store.add(Outreach(contact_id=bo.id, sent=clock() - timedelta(days=1)))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        drawn = list(screen.query_one("#outreach-log", OptionList).options)
        await type_into(pilot, "Ana")
        await pilot.press("enter")
        await pilot.pause()
        options = screen.query_one("#outreach-log", OptionList).options
        assert options[1:] == drawn  # the new entry on top; the rest kept as drawn
        assert log_lines(screen)[0].startswith("Ana")
        # Meanwhile, in another terminal: coach log Cy --via call
        Services.create(Store.open(data_file, clock=clock)).outreach.log("Cy", "call")
        await type_into(pilot, "Dee")
        await pilot.press("enter")
        await pilot.pause()
        assert len(Store.open(data_file).all(Outreach)) == 4
        assert [line.split("  ")[0] for line in log_lines(screen)] == ["Dee", "Cy", "Ana", "Bo"]
        # An answer given elsewhere shows as soon as the app notices the file changed.
        Services.create(Store.open(data_file, clock=clock)).outreach.answer("Bo", "yes")
        app.check_data_file()
        await pilot.pause()
        assert "said yes" in log_lines(screen)[-1]
        assert "1 of 1 said yes" in str(screen.query_one("#outreach-headline", Static).render())


async def test_the_log_in_pages_and_its_keys(memory_store: Store, clock: FakeClock) -> None:
    ana = memory_store.add(Contact(name="Ana"))
    memory_store.add_many(
        [Outreach(contact_id=ana.id, sent=clock() - timedelta(hours=hour), note=f"ask {hour}") for hour in range(55)]
    )
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        log = screen.query_one("#outreach-log", OptionList)
        assert log.option_count == 51 and "5 older" in log_lines(screen)[-1]  # a page of 50, then "show more"
        log.focus()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert log.option_count == 55
        await pilot.press("home", "e")
        await pilot.pause()
        await pilot.press("ctrl+u", *"asked for [b]20 minutes[/b]", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        newest = max(memory_store.all(Outreach), key=lambda item: item.sent)
        assert memory_store.get(Outreach, newest.id).note == "asked for [b]20 minutes[/b]"
        assert "asked for [b]20 minutes[/b]" in log_lines(screen)[0]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(memory_store.all(Outreach)) == 54
        assert not any(item.id == newest.id for item in memory_store.all(Outreach))
        assert log_lines(screen)[0].endswith("ask 1")
        await pilot.press("n")
        assert field(screen, "person").has_focus


async def test_a_name_close_to_someones_is_asked_about_never_guessed(memory_store: Store) -> None:
    dan = memory_store.add(Contact(name="Dan"))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_outreach(pilot)
        await type_into(pilot, "Dana")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        choices = [str(option.prompt) for option in dialog.query_one(OptionList).options]
        assert choices[0].startswith("Dan (") and choices[-1] == "Someone new called “Dana”"
        assert dialog.query_one(OptionList).highlighted == len(choices) - 1, "what was typed comes first"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        contacts = {contact.name: contact.id for contact in memory_store.all(Contact)}
        assert set(contacts) == {"Dan", "Dana"}
        assert [item.contact_id for item in memory_store.all(Outreach)] == [contacts["Dana"]]

        await type_into(pilot, "Dann")  # a slip this time: up to Dan
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("home", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [item.contact_id for item in memory_store.all(Outreach)] == [contacts["Dana"], dan.id]
        assert len(memory_store.all(Contact)) == 2


async def test_a_person_handed_over_is_logged_even_when_others_share_the_name(memory_store: Store) -> None:
    memory_store.add(Contact(name="Ann Lee", warmth=Warmth.CLOSE))
    second = memory_store.add(Contact(name="Ann Lee", warmth=Warmth.COLD))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        screen.start_ask(second.id)  # what People's o does
        await pilot.pause()
        assert field(screen, "person").value == "Ann Lee"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert [item.contact_id for item in memory_store.all(Outreach)] == [second.id]
        # Typed by hand, the same name is unclear again.
        await type_into(pilot, "Ann Lee")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)


async def test_ctrl_g_sets_how_long_an_ask_waits_for_its_follow_up(memory_store: Store, clock: FakeClock) -> None:
    bo = memory_store.add(Contact(name="Bo"))
    memory_store.add(Outreach(contact_id=bo.id, channel=Channel.EMAIL, sent=clock() - timedelta(days=5)))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        box = screen.query_one("#outreach-due-box")
        assert due_lines(screen) == [] and str(box.border_subtitle).startswith("after 7 business days")
        await pilot.press("ctrl+g")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        labels = [str(option.prompt) for option in dialog.query_one(OptionList).options]
        assert labels[dialog.query_one(OptionList).highlighted or 0] == "7 business days (coach's default)"
        await pilot.press("home", "enter")  # 3 business days
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert Services(memory_store).outreach.follow_up_days() == 3
        assert len(due_lines(screen)) == 1 and str(box.border_subtitle).startswith("after 3 business days")
        assert "after 3 business days" in hint(screen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("end", "enter")  # 15: Bo's ask isn't due any more
        await app.workers.wait_for_complete()
        await pilot.pause()
        empty = str(screen.query_one("#outreach-due-empty", Static).render())
        assert due_lines(screen) == [] and "after 15 business days shows here" in empty


async def test_a_bare_weekday_in_when_is_the_latest_one(memory_store: Store, clock: FakeClock) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        await type_into(pilot, "Bo")
        await pilot.press("tab", "tab")
        when = screen.query_one("#outreach-when").query_one(Input)
        assert when.has_focus
        when.value = ""
        await type_into(pilot, "mon 10:00")  # the clock says Wednesday 25 Nov 2026
        assert "Mon 23 Nov 2026, 10:00" in hint(screen)
        await pilot.press("enter")
        await pilot.pause()
        sent = memory_store.all(Outreach)[0].sent
        assert (sent.day, sent.hour) == (23, 10)


async def test_a_number_in_person_says_who_it_is_and_logs_to_them(memory_store: Store) -> None:
    memory_store.add(Contact(name="Ann Lee", warmth=Warmth.CLOSE))
    second = memory_store.add(Contact(name="Ann Lee", warmth=Warmth.COLD))
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_outreach(pilot)
        await type_into(pilot, "#9")
        await pilot.pause()
        assert "No one on your list has the number #9." in hint(screen)
        field(screen, "person").value = ""
        await type_into(pilot, f"#{second.id}")
        await pilot.pause()
        assert f"→ Ann Lee (#{second.id}, cold). Enter logs it." in hint(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert [item.contact_id for item in memory_store.all(Outreach)] == [second.id]
        assert len(memory_store.all(Contact)) == 2
