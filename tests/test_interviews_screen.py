"""Interviews (F7), the prep and the cheat sheet, driven from the keyboard: the store first, the screen second."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList, Static, Tab, TabbedContent, Tabs

from coach.dates import parse_when
from coach.models import Contact, Interview, InterviewStatus, Outreach, PrepItem, Response, Setting
from coach.screens.dialogs import ChoiceDialog, ClashDialog, PromptDialog
from coach.screens.interviews import InterviewFormDialog, InterviewsScreen
from coach.screens.prep import BankDialog, CheatSheetScreen, PrepScreen
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app
from tests.test_bench_smoke import _load

journey_keys = _load("journey_keys")

SIZE = (100, 32)


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def list_lines(screen: InterviewsScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one("#interviews-list", OptionList).options]


async def settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_into(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def to_tab(pilot: Pilot[int], prep: PrepScreen, pane: str) -> None:
    """Shift+Tab up to the tab row, then → until `pane` shows, then Tab into it: keys only."""
    for _ in range(8):
        if isinstance(prep.focused, Tabs):
            break
        await pilot.press("shift+tab")
    assert isinstance(prep.focused, Tabs)
    for _ in range(4):
        if prep.query_one("#prep-tabs").active == pane:  # type: ignore[attr-defined]
            break
        await pilot.press("right")
        await pilot.pause()
    await pilot.press("tab")
    await pilot.pause()


async def test_plan_prepare_and_read_the_cheat_sheet(memory_store: Store, clock: FakeClock) -> None:
    now = clock()
    dee = memory_store.add(Contact(name="Dee [i]Yes[/i]"))
    yes = memory_store.add(
        Outreach(contact_id=dee.id, sent=now - timedelta(days=2), response=Response.YES, answered=now)
    )
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewsScreen)
        assert screen.query_one("#interviews-empty").display
        assert (
            screen.query_one("#interviews-box").border_title == journey_keys.INTERVIEWS_MARK
        )  # the bench waits for it
        assert "n to plan one" in text_of(screen, "#interviews-empty")

        # n: a bad time keeps the words and says why; nothing is saved.
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, InterviewFormDialog)
        await type_into(pilot, "Ana [b]Ruiz[/b]")
        assert text_of(form, "#iform-who").startswith("Someone new")
        await pilot.press("tab")
        await type_into(pilot, "blorp")
        assert "blorp" in text_of(form, "#iform-echo")  # echoed as typed: coach can't read it
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and memory_store.all(Interview) == []
        when_box = form.query_one("#iform-when", Input)
        assert when_box.value == "blorp" and when_box.has_focus
        assert form.query_one("#iform-error").has_class("-error")
        assert text_of(form, "#iform-error")

        # Fix the time (echoed back), meet on video, and save.
        await pilot.press("ctrl+u")
        await type_into(pilot, "fri 3pm")
        expected = parse_when("fri 3pm", now).value
        assert text_of(form, "#iform-echo") == f"→ {expected:%a} {expected.day} {expected:%b}, 15:00"
        await pilot.press("tab", "ctrl+u")
        await type_into(pilot, "video")
        await pilot.press("tab")
        await type_into(pilot, "a/b")
        await pilot.press("enter")
        await settle(pilot)
        (planned,) = memory_store.all(Interview)
        ana = next(c for c in memory_store.all(Contact) if c.name == "Ana [b]Ruiz[/b]")
        assert (planned.contact_id, planned.when, planned.setting, planned.place) == (
            ana.id,
            expected,
            Setting.VIDEO,
            "a/b",
        )
        assert app.screen is screen and screen.query_one("#interviews-list").has_focus
        lines = list_lines(screen)
        assert lines[0].startswith("Coming up (1)")
        assert "Ana [b]Ruiz[/b]" in lines[1] and "video" in lines[1] and "0 of 7 ready" in lines[1]

        # y: someone who said yes and has no interview yet, prefilled in the form.
        await pilot.press("y")
        await pilot.pause()  # (the worker waits for the dialog: pause, don't wait for it)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, InterviewFormDialog)
        assert form.query_one("#iform-person", Input).value == "Dee [i]Yes[/i]"
        assert text_of(form, "#iform-who") == "→ Dee [i]Yes[/i], in People"
        assert form.query_one("#iform-when", Input).has_focus
        await type_into(pilot, "tmrw 10am")
        await pilot.press("enter")
        await settle(pilot)
        from_yes = next(i for i in memory_store.all(Interview) if i.contact_id == dee.id)
        assert from_yes.outreach_id == yes.id
        assert "Dee [i]Yes[/i]" in list_lines(screen)[1]  # tomorrow comes before Friday

        # Enter on Ana's interview opens its prep on the first aim.
        options = screen.query_one("#interviews-list", OptionList)
        options.highlighted = options.get_option_index(f"interview-{planned.id}")
        await pilot.press("enter")
        await pilot.pause()
        prep = app.screen
        assert isinstance(prep, PrepScreen)
        assert "Ana [b]Ruiz[/b]" in text_of(prep, "#prep-title")
        assert prep.query_one("#prep-aim-1", Input).has_focus
        assert "  ".join(str(tab.label) for tab in prep.query(Tab)) == journey_keys.PREP_MARK

        # Aims: Enter saves and moves on; leaving a line saves it too.
        await type_into(pilot, "[b]Hi[/b]")
        await pilot.press("enter")
        await type_into(pilot, "Week")
        await pilot.press("tab")
        await pilot.pause()
        assert memory_store.get(Interview, planned.id).aims == ("[b]Hi[/b]", "Week")

        # Questions: one from the bank, three of your own (one hostile).
        await to_tab(pilot, prep, "prep-questions")
        assert isinstance(prep.focused, OptionList)
        await pilot.press("b")
        await pilot.pause()
        bank = app.screen
        assert isinstance(bank, BankDialog)
        first_bank = app.services.interviews.bank()[0].questions[0]
        await pilot.press("enter")
        await settle(pilot)
        for own in ("[red]Who[/red]?", "Why?", "How?"):
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, PromptDialog)
            await type_into(pilot, own)
            await pilot.press("enter")
            await settle(pilot)
        # A repeat is refused in the dialog, the words kept there.
        await pilot.press("a")
        await pilot.pause()
        await type_into(pilot, "why?")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PromptDialog) and dialog.query_one(Input).value == "why?"
        assert "on the list already" in text_of(dialog, "#prompt-hint")
        await pilot.press("escape")
        await pilot.pause()
        items = sorted(memory_store.all(PrepItem), key=lambda item: item.rank)
        assert [(item.text, item.source) for item in items] == [
            (first_bank.text, first_bank.id),
            ("[red]Who[/red]?", ""),
            ("Why?", ""),
            ("How?", ""),
        ]
        shown = [str(option.prompt) for option in prep.query_one("#prep-question-list", OptionList).options]
        assert "[red]Who[/red]?" in shown[1]

        # Star the first three; a fourth is refused with the service's words.
        await pilot.press("home", "asterisk", "down", "asterisk", "down", "space", "down", "asterisk")
        await pilot.pause()
        starred = {item.text for item in memory_store.all(PrepItem) if item.starred}
        assert starred == {first_bank.text, "[red]Who[/red]?", "Why?"}
        assert "Three stars already" in text_of(prep, "#prep-hint")
        assert prep.query_one("#prep-hint").has_class("-error")
        assert "★ 3 of 3 starred" in text_of(prep, "#prep-questions-head")

        # Move the last one up twice: the order is stored.
        await pilot.press("left_square_bracket", "ctrl+up")
        await pilot.pause()
        order = [item.text for item in sorted(memory_store.all(PrepItem), key=lambda item: item.rank)]
        assert order[1] == "How?"
        assert prep.query_one("#prep-question-list", OptionList).highlighted == 1

        # Logistics: two ticks stored, and the progress says so.
        await to_tab(pilot, prep, "prep-logistics")
        assert isinstance(prep.focused, SelectionList)
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert memory_store.get(Interview, planned.id).ready == ("time", "place")
        assert text_of(prep, "#prep-ready").startswith("2 of 7 ready")
        assert "2 of 7 ready" in text_of(prep, "#prep-title")

        # Esc goes back; the list shows the readiness, and c shows the cheat sheet.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        line = next(line for line in list_lines(screen) if "Ana [b]Ruiz[/b]" in line)
        assert "2 of 7 ready" in line
        await pilot.press("c")
        await pilot.pause()
        sheet = app.screen
        assert isinstance(sheet, CheatSheetScreen)
        text = text_of(sheet, "#cheat-text")
        assert "[b]Hi[/b]" in text and "★ [red]Who[/red]?" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        # The prep of another interview: the same screen, filled with that one (nothing of Ana's left).
        options.highlighted = options.get_option_index(f"interview-{from_yes.id}")
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is prep
        assert "Dee [i]Yes[/i]" in text_of(prep, "#prep-title") and "0 of 7 ready" in text_of(prep, "#prep-title")
        assert prep.query_one("#prep-aim-1", Input).value == "" and prep.query_one("#prep-aim-1", Input).has_focus
        await to_tab(pilot, prep, "prep-questions")
        assert prep.query_one("#prep-question-list", OptionList).option_count == 0
        assert prep.query_one("#prep-questions-empty").display
        await pilot.press("escape")
        await pilot.pause()
        assert memory_store.get(Interview, from_yes.id).aims == ()


async def test_at_80x24_edit_status_notes_walk_reflect_and_delete(memory_store: Store, clock: FakeClock) -> None:
    bo = memory_store.add(Contact(name="Bo"))
    planned = memory_store.add(Interview(contact_id=bo.id, when=clock() + timedelta(days=1)))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewsScreen)
        footer_keys = {key for key, active in screen.active_bindings.items() if active.binding.show}
        assert {"n", "y", "p", "w", "r", "c"} <= footer_keys

        # e: the form, filled in and fitting the terminal; a new length is stored.
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, InterviewFormDialog)
        assert form.query_one("#iform-person", Input).value == "Bo"
        box = form.query_one("#iform-box").region
        assert box.y >= 0 and box.bottom <= 24 and box.right <= 80
        await pilot.press("tab", "tab", "tab", "tab", "ctrl+u")
        await type_into(pilot, "60")
        await pilot.press("enter")
        await settle(pilot)
        assert memory_store.get(Interview, planned.id).minutes == 60
        assert "60 min" in list_lines(screen)[1]

        # p: the prep fits; the notes are saved with Ctrl+S.
        await pilot.press("p")
        await pilot.pause()
        prep = app.screen
        assert isinstance(prep, PrepScreen)
        assert prep.query_one("#prep-leave", Input).region.bottom <= 24 - 2  # above the hint and the footer
        await to_tab(pilot, prep, "prep-notes")
        await type_into(pilot, "[b]x")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert memory_store.get(Interview, planned.id).research == "[b]x"

        # An aim changed elsewhere while the prep is open is never overwritten silently: asked, theirs kept.
        theirs = memory_store.get(Interview, planned.id)
        memory_store.update(replace(theirs, aims=("theirs",)), base=theirs)
        prep.query_one("#prep-tabs", TabbedContent).active = "prep-goals"
        prep.query_one("#prep-aim-1", Input).focus()
        await type_into(pilot, "mine")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClashDialog)
        await pilot.press("enter")  # keep the change made elsewhere
        await settle(pilot)
        assert memory_store.get(Interview, planned.id).aims == ("theirs",)
        assert prep.query_one("#prep-aim-1", Input).value == "theirs"  # the kept version is what the box shows
        assert "kept the change made elsewhere" in text_of(prep, "#prep-hint")
        # Again, and this time "Use mine": saved over theirs.
        theirs = memory_store.get(Interview, planned.id)
        memory_store.update(replace(theirs, aims=("theirs again",)), base=theirs)
        prep.query_one("#prep-aim-1", Input).focus()
        await pilot.press("ctrl+u")
        await type_into(pilot, "mine")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClashDialog)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert memory_store.get(Interview, planned.id).aims == ("mine",)
        await pilot.press("escape")
        await pilot.pause()

        # w and r open the walkthrough and the reflection over the list, and come back to it.
        for key in ("w", "r"):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ in {"WalkthroughScreen", "ReflectionScreen"}
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen

        # s: done; it moves under the ones held.
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert memory_store.get(Interview, planned.id).status is InterviewStatus.DONE
        assert list_lines(screen)[0].startswith("Held or earlier (1)")

        # d asks first, then removes it; the empty state says what goes here. y: nobody said yes yet.
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert memory_store.all(Interview) == []
        assert screen.query_one("#interviews-empty").display
        await pilot.press("y")
        await pilot.pause()
        assert "everyone who said yes" in text_of(screen, "#interviews-hint")


async def test_years_of_interviews_are_drawn_a_page_at_a_time(memory_store: Store, clock: FakeClock) -> None:
    ana = memory_store.add(Contact(name="Ana"))
    memory_store.add_many(
        [Interview(contact_id=ana.id, when=clock() - timedelta(days=day), minutes=day + 5) for day in range(1, 56)]
    )
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewsScreen)
        lines = list_lines(screen)
        assert lines[0] == "Held or earlier (55)" and len(lines) == 1 + 50 + 1
        assert lines[-1].startswith("Show 5 more")
        await pilot.press("end", "enter")
        await pilot.pause()
        lines = list_lines(screen)
        assert len(lines) == 1 + 55 and not lines[-1].startswith("Show")
        assert "60 min" in lines[-1]  # the oldest one, 55 days ago
