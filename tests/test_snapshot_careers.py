"""SVG snapshot of the Careers comparison at 100x32: three options, one with enough conversations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from coach.app import CoachApp
from coach.models import Attraction, Career, Contact, Interview, InterviewStatus, Reflection
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app


def seeded_app() -> CoachApp:
    clock = FakeClock()
    store = Store.memory(clock=clock)
    now = clock()
    ux, data, _teaching = store.add_many(
        [
            Career(title="UX design", rank=0, energy=4, skills=3, practicality=2, values=5),
            Career(title="[b]Data[/b] science 🙂", rank=1, energy=3, skills=4),
            Career(title="Teaching maths", rank=2),
        ]
    )
    ana, bo, cy = store.add_many(
        [Contact(name="Ana Ruiz", career_id=ux.id), Contact(name="Bo Lee"), Contact(name="Cy Park", career_id=data.id)]
    )
    done = InterviewStatus.DONE
    held = store.add_many(
        [
            Interview(contact_id=ana.id, career_id=ux.id, when=now - timedelta(days=9), status=done),
            Interview(contact_id=bo.id, career_id=ux.id, when=now - timedelta(days=2), status=done),
            Interview(contact_id=cy.id, career_id=data.id, when=now - timedelta(days=4), status=done),
        ]
    )
    store.add_many(
        [
            Reflection(
                interview_id=held[0].id, learned="juniors start in research", attraction=Attraction.MORE, complete=True
            ),
            Reflection(interview_id=held[1].id, learned="the team was kind", attraction=Attraction.MORE, complete=True),
            Reflection(
                interview_id=held[2].id, learned="lots of cleaning data", attraction=Attraction.LESS, complete=True
            ),
        ]
    )
    return make_app(store)


def test_careers_comparison_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), press=["f9", "c"], terminal_size=(100, 32))
