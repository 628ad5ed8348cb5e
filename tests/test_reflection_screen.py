"""The reflection screen, driven by keys alone: the store first, the screen second."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from coach.app import CoachApp
from coach.models import (
    Career,
    Contact,
    Interview,
    InterviewStatus,
    Outcome,
    PrepItem,
    Reflection,
    Setting,
    Thought,
    Warmth,
)
from coach.screens.reflection import ChoiceRow, ReflectionScreen
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app


def seed(store: Store, clock: FakeClock) -> Interview:
    """Ana over coffee three hours ago, about UX research; two fears about it; two starred questions."""
    career = store.add(Career(title="UX research"))
    ana = store.add(Contact(name="Ana [b]Ruiz[/b]", warmth=Warmth.WARM))
    interview = store.add(
        Interview(contact_id=ana.id, when=clock.now - timedelta(hours=3), career_id=career.id, setting=Setting.COFFEE)
    )
    store.add_many(
        [
            Thought(text="what if I go blank", interview_id=interview.id),
            Thought(text="what if she's in a hurry", interview_id=interview.id),
        ]
    )
    store.add_many(
        [
            PrepItem(interview_id=interview.id, text="How did you start out?", starred=True, rank=1),
            PrepItem(interview_id=interview.id, text="Not starred", rank=2),
            PrepItem(interview_id=interview.id, text="Who else should I ask?", starred=True, rank=3),
        ]
    )
    return interview


async def open_reflection(app: CoachApp, pilot: Pilot[int], interview_id: int) -> ReflectionScreen:
    screen = ReflectionScreen(app.services.reflections, interview_id)
    app.add_screen_css(screen)
    app.push_screen(screen)
    await pilot.pause()
    assert app.screen is screen
    return screen


def focused_id(app: CoachApp) -> str:
    return (app.focused.id or ",".join(app.focused.classes)) if app.focused is not None else ""


async def test_a_whole_reflection_by_keys_writes_outcomes_referrals_and_the_thank_you(
    memory_store: Store, clock: FakeClock
) -> None:
    interview = seed(memory_store, clock)
    app = make_app(memory_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflection(app, pilot, interview.id)
        assert focused_id(app) == "reflection-learned"
        await pilot.press(*"Calm")
        await pilot.press("tab", *"hrs", "tab", *"Q1", "enter")  # Enter moves on to the next box
        assert memory_store.count(Reflection) == 1  # saved on the way
        assert focused_id(app).startswith("reflection-answer")
        await pilot.press(*"A pal", "tab", *"Bo", "tab")
        assert focused_id(app) == "reflection-kindness"
        await pilot.press("5", "tab", *"70", "tab", "right", "right", "right", "enter", "tab")  # fun: arrows, Enter
        assert focused_id(app).startswith("reflection-fear-")
        await pilot.press("1", "tab", "3", "tab")  # came true; didn't happen
        assert "reflection-referral" in focused_id(app)
        await pilot.press(*"Bo L", "enter", *"Cy", "enter")
        assert len(screen.query(".reflection-referral")) == 3
        assert screen.query_one("#reflection-referrals").outer_size.height == 9  # every line shows
        await pilot.press("enter")  # an empty line: on to the thank-you
        assert focused_id(app) == "reflection-thanked"
        await pilot.press("2", "tab", *"Ask Bo", "tab", "1", "tab", *"calm")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert not isinstance(app.screen, ReflectionScreen)

        saved = app.services.reflections.for_interview(interview.id)
        assert saved is not None and saved.complete
        assert (saved.learned, saved.surprised, saved.best_question) == ("Calm", "hrs", "Q1")
        assert (saved.kindness, saved.they_talked, saved.enjoyment) == (5, 70, 4)
        assert (saved.next_step, saved.attraction_why) == ("Ask Bo", "calm")
        assert saved.attraction.value == "more"
        assert saved.thanked is None and saved.thank_by == date(2026, 11, 27)
        outcomes = sorted((t.text, t.outcome) for t in memory_store.all(Thought))
        assert outcomes == [
            ("what if I go blank", Outcome.CAME_TRUE),
            ("what if she's in a hurry", Outcome.DID_NOT_HAPPEN),
        ]
        answers = {p.text: p.answer for p in memory_store.all(PrepItem)}
        assert answers == {"How did you start out?": "A pal", "Not starred": "", "Who else should I ask?": "Bo"}
        referred = [memory_store.get(Contact, i) for i in saved.referrals]
        assert [c.name for c in referred] == ["Bo L", "Cy"]
        assert all(c.referred_by == interview.contact_id and c.warmth is Warmth.REFERRED for c in referred)
        assert memory_store.count(Contact) == 3
        assert memory_store.get(Interview, interview.id).status is InterviewStatus.DONE

        # Again: everything shows as saved, and saving twice adds no one.
        screen = await open_reflection(app, pilot, interview.id)
        assert screen.query_one("#reflection-learned", TextArea).text == "Calm"
        assert screen.query_one("#reflection-kindness", ChoiceRow).choice == 4
        assert [line.value for line in screen.query(".reflection-referral").results(Input)] == ["Bo L", "Cy", ""]
        assert "Send it by Fri 27 Nov" in str(screen.query_one("#reflection-thanks-status", Static).render())
        note = str(screen.query_one("#reflection-note", Static).render())
        assert note.startswith("Hi Ana [b]Ruiz[/b],") and "Bo L and Cy" in note
        await pilot.press("ctrl+s", "ctrl+f")
        await pilot.pause()
        assert memory_store.count(Contact) == 3


async def test_bad_input_keeps_the_typed_text_esc_keeps_what_is_saved_and_it_fits_80x24(
    memory_store: Store, clock: FakeClock
) -> None:
    interview = seed(memory_store, clock)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reflection(app, pilot, interview.id)
        await pilot.press(*"kind")
        talked = screen.query_one("#reflection-talked", Input)
        talked.focus()
        await pilot.press(*"lots", "ctrl+s")
        saved = app.services.reflections.for_interview(interview.id)
        assert saved is not None and saved.learned == "kind" and saved.they_talked is None
        assert talked.value == "lots"
        status = screen.query_one("#reflection-status", Static)
        assert "How much they talked" in str(status.render()) and status.has_class("-error")
        # Changed elsewhere meanwhile: the screen asks whose to keep, and "use mine" saves it.
        theirs = memory_store.get(Reflection, saved.id)
        memory_store.update(replace(theirs, learned="theirs"), base=theirs)
        learned = screen.query_one("#reflection-learned", TextArea)
        learned.focus()
        await pilot.press("!", "ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ClashDialog"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert memory_store.get(Reflection, saved.id).learned == learned.text == "kind!"
        # Everything on screen stays inside 80x24: the title on top, the status and footer at the bottom.
        assert screen.query_one("#reflection-title").region.y == 0
        assert status.region.bottom <= 23
        body = screen.query_one("#reflection-body")
        assert body.region.right <= 80 and body.max_scroll_y > 0
        finish = screen.query_one("#reflection-finish")
        finish.focus()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert body.region.contains_region(finish.region)  # focus scrolls the form to it
        # Esc with a box that can't be saved: stays and says so; Esc again leaves, with the rest saved.
        await pilot.press("escape")
        assert isinstance(app.screen, ReflectionScreen) and "Esc again" in str(status.render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReflectionScreen)
        saved = app.services.reflections.for_interview(interview.id)
        assert saved is not None and saved.learned == "kind!" and not saved.complete
        assert memory_store.get(Interview, interview.id).status is InterviewStatus.PLANNED
        # An interview removed meanwhile: says so, and Esc goes back.
        screen = await open_reflection(app, pilot, 9999)
        assert "no interview #9999" in str(screen.query_one("#reflection-title", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReflectionScreen)
