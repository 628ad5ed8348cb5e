"""bench/section_keys.py waits for text on Goal, People and Outreach: the screens still draw it after
the keys it presses, so a changed wording fails here rather than as a benchmark timeout. No timing here."""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from coach.models import Contact, Goal, Outreach
from coach.store import Store
from tests.helpers.app_factory import make_app
from tests.test_bench_smoke import _load

section_keys = _load("section_keys")


def shown(screen: Screen[object]) -> str:
    """Every Static's text and every border title on the screen."""
    texts = [str(widget.render()) for widget in screen.query(Static)]
    texts += [str(widget.border_title) for widget in screen.query(Widget) if widget.border_title]
    return "\n".join(texts)


def test_the_people_file_holds_the_promised_contacts() -> None:
    records = section_keys.people_records()
    assert section_keys.datagen._counts(records, None)["contacts"] >= section_keys.PEOPLE_CONTACTS
    assert section_keys.datagen._counts(records - 1, None)["contacts"] < section_keys.PEOPLE_CONTACTS


async def test_the_keys_the_bench_presses_show_what_it_waits_for(memory_store: Store) -> None:
    name = "Wren Quiet0"
    person = memory_store.add(Contact(name=name))
    memory_store.add(Contact(name="Rosa Silva"))
    app = make_app(memory_store)
    async with app.run_test(size=(100, 32)) as pilot:
        # People: "/" then a search, Esc clears it.
        await pilot.press("f5", "slash", *"rosa s")
        await pilot.pause()
        assert "\u201crosa s\u201d" in shown(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert "warmest first" in shown(app.screen)

        # Outreach: a name already in People, Enter logs it.
        await pilot.press("f6")
        await pilot.pause()
        assert "Log, newest first" in shown(app.screen)
        await pilot.press(*name, "enter")
        await pilot.pause()
        assert [o.contact_id for o in memory_store.all(Outreach)] == [person.id]
        assert f"Logged: e-mail to {name}." in shown(app.screen)

        # Goal: g opens the dialog, Esc closes it, g and Enter pick the first goal.
        await pilot.press("f4")
        await pilot.pause()
        goal_screen = app.screen
        await pilot.press("g")
        await pilot.pause()
        assert section_keys.GOAL_DIALOG_MARK in shown(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is goal_screen
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(memory_store.all(Goal)) == 1
        assert app.screen is goal_screen and "Your goal is now" in shown(goal_screen)
