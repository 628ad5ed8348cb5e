"""SVG snapshots of Interviews (F7) at 100x32, an interview's prep, and its cheat sheet at 60x20 (fixed clock)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from coach.app import CoachApp
from coach.models import Contact, Interview, InterviewStatus, PrepItem, Reflection, Setting
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app


def seeded_app() -> CoachApp:
    clock = FakeClock()
    store = Store.memory(clock=clock)
    now = clock()
    ana = store.add(Contact(name="Ana Ruiz"))
    bo = store.add(Contact(name="[b]Bo[/b] Lee 🙂"))
    cy = store.add(Contact(name="Cy Park"))
    next_one = store.add(
        Interview(
            contact_id=ana.id,
            when=(now + timedelta(days=2)).replace(hour=15, minute=0),
            setting=Setting.COFFEE,
            place="Café Blue, Main St",
            minutes=45,
            aims=("Hear how she moved into UX research", "Learn what a normal week looks like"),
            leave_knowing="Whether research suits someone who likes quiet work",
            research="Leads a small research team at Acme.\nWrote a [i]blog post[/i] on diary studies.",
            ready=("time", "place", "route", "bring", "research"),
            walked=now - timedelta(hours=1),
        )
    )
    store.add(
        Interview(
            contact_id=bo.id,
            when=(now + timedelta(days=9)).replace(hour=10, minute=30),
            setting=Setting.VIDEO,
            place="https://meet.example/[x]",
        )
    )
    held = store.add(
        Interview(
            contact_id=cy.id,
            when=(now - timedelta(days=5)).replace(hour=12, minute=0),
            setting=Setting.LUNCH,
            status=InterviewStatus.DONE,
            ready=tuple(key for key in ("time", "place", "route", "bring", "research", "questions", "quiet")),
        )
    )
    store.add(Reflection(interview_id=held.id, learned="Most people are glad to help.", complete=True))
    store.add_many(
        [
            PrepItem(interview_id=next_one.id, text="How did you end up doing what you do now?", rank=0, starred=True),
            PrepItem(interview_id=next_one.id, text="What does an ordinary week look like?", rank=1, starred=True),
            PrepItem(interview_id=next_one.id, text="Who else should I talk to? [red]really[/red]", rank=2),
            PrepItem(interview_id=next_one.id, text="What surprised you most when you started?", rank=3),
        ]
    )
    return make_app(store)


def test_interviews_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f7"], terminal_size=(100, 32))


def test_prep_questions_snapshot(snap_compare: Any) -> None:
    # Enter opens the first upcoming one's prep; Shift+Tab to the tab row, → to Questions, Tab into the list.
    assert snap_compare(seeded_app(), press=["f7", "enter", "shift+tab", "right", "tab"], terminal_size=(100, 32))


def test_cheat_sheet_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f7", "c"], terminal_size=(60, 20))
