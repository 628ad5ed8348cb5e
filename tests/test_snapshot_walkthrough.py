"""SVG snapshots of each of the walkthrough's five steps at 100x32: seeded data, a fixed clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.app import CoachApp
from coach.models import (
    Career,
    Channel,
    Contact,
    Goal,
    GoalUnit,
    Interview,
    InterviewStatus,
    Outcome,
    Outreach,
    Period,
    PrepItem,
    Response,
    Thought,
)
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app


def seeded_app() -> CoachApp:
    clock = FakeClock()
    store = Store.memory(clock=clock)
    now = clock()
    ana = store.add(Contact(name="Ana [b]Ruiz[/b] 🙂"))
    bo = store.add(Contact(name="Bo Lee"))
    store.add(Goal(target=3, unit=GoalUnit.CONVERSATIONS, period=Period.WEEK, start=now.date()))
    store.add(Interview(contact_id=bo.id, when=now - timedelta(hours=20), status=InterviewStatus.DONE))
    ask = store.add(
        Outreach(
            contact_id=ana.id,
            channel=Channel.EMAIL,
            sent=now - timedelta(days=4),
            response=Response.YES,
            answered=now - timedelta(days=3),
        )
    )
    career = store.add(Career(title="UX research"))
    interview = store.add(
        Interview(
            contact_id=ana.id,
            when=now + timedelta(hours=2, minutes=10),
            place="Café Luna",
            outreach_id=ask.id,
            career_id=career.id,
            leave_knowing="whether research work suits someone who likes [i]people[/i]",
            ready=("time", "place", "research"),
        )
    )
    store.add_many(
        [
            Thought(text="they'll think I'm wasting their time", outcome=Outcome.DID_NOT_HAPPEN),
            Thought(text="I'll stutter", outcome=Outcome.CAME_TRUE),
            Thought(text="nobody will answer", outcome=Outcome.DID_NOT_HAPPEN),
            Thought(text="what if I go blank [@click=app.quit]x[/]", interview_id=interview.id),
            Thought(text="she'll ask why I'm leaving my job", interview_id=interview.id),
        ]
    )
    questions = (
        ("How did you find your way into research?", True),
        ("What does a usual week look like?", False),
        ("What do you wish you had known at the start?", True),
        ("Who else should I talk to?", False),
    )
    store.add_many(
        PrepItem(interview_id=interview.id, text=text, rank=rank, starred=starred)
        for rank, (text, starred) in enumerate(questions)
    )
    return make_app(store, walk=interview.id)


def to_step(step: int) -> Any:
    async def run_before(pilot: Pilot[int]) -> None:
        await pilot.pause()
        await pilot.pause()
        for _ in range(step - 1):
            await pilot.press("pagedown")
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_walkthrough_step_snapshot(snap_compare: Any, step: int) -> None:
    assert snap_compare(seeded_app(), run_before=to_step(step), terminal_size=(100, 32))
