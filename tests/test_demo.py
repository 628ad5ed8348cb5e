"""The demo data: it reads back through the services, it is the same for the same `now`, and `coach demo`
never writes to the person's own data file."""

from __future__ import annotations

from datetime import datetime

import pytest

from coach.demo import DemoIds, build_demo
from coach.models import Contact, Interview, Outcome, Outreach, Response, Review, Thought, Warmth
from coach.services import Services
from coach.store import Store

NOW = datetime(2026, 11, 25, 9, 30).astimezone()


@pytest.fixture(scope="module")
def demo() -> tuple[Services, DemoIds]:
    store = Store.memory(clock=lambda: NOW)
    ids = build_demo(store, NOW)
    return Services.create(store), ids


def test_the_sample_reads_back_through_the_services(demo: tuple[Services, DemoIds]) -> None:
    services, ids = demo
    store = services.store
    assert 28 <= store.count(Contact) <= 34
    assert {contact.warmth for contact in store.all(Contact)} == set(Warmth)
    thoughts = store.all(Thought)
    tested = [thought for thought in thoughts if thought.outcome is not Outcome.UNTESTED]
    assert sum(thought.outcome is Outcome.DID_NOT_HAPPEN for thought in tested) > len(tested) / 2
    check = services.fears.reality_check()
    assert check.tested == len(tested) and check.came_true >= 1

    goal = services.goals.current()
    assert goal is not None and (goal.target, goal.unit.value) == (2, "people") and goal.plan

    answers = {item.response for item in store.all(Outreach)}
    assert {Response.YES, Response.WAITING, Response.NO_REPLY} <= answers
    assert all(item.guess is not None for item in store.all(Outreach))

    rows = services.interviews.listing()
    assert [(row.upcoming, row.reflected) for row in rows] == [(True, False), (True, False), (False, True)]
    assert rows[0].interview.id == ids.upcoming_interview
    assert 0 < rows[0].readiness.done < rows[0].readiness.total
    assert len(services.interviews.starred(ids.upcoming_interview)) == 3

    reflection = services.reflections.for_interview(ids.done_interview)
    assert reflection is not None and reflection.complete
    assert (reflection.kindness, reflection.enjoyment, reflection.they_talked) == (5, 4, 70)
    assert services.reflections.referral_names(reflection) == ["Ingrid Solberg", "Kwame Asante"]
    nadia = store.get(Interview, ids.done_interview).contact_id
    assert {store.get(Contact, ref).referred_by for ref in reflection.referrals} == {nadia}
    assert services.reflections.due() == []

    tree = services.people.referral_tree()
    assert len(tree) >= 3  # a small tree: Maya -> Nadia -> Ingrid, Kwame; Priya -> Ben, Luis; Ruth -> Tariq

    assert [review.week_start for review in services.reviews.past()] == sorted(
        (review.week_start for review in store.all(Review)), reverse=True
    )
    assert all(review.completed for review in store.all(Review)) and store.count(Review) == 2
    week = services.reviews.week(NOW.date())
    assert not week.empty and week.highlights.learned

    rows_careers = services.careers.comparison()
    assert [row.career.title for row in rows_careers] == [
        "UX research",
        "Health data analysis",
        "Teaching adults to code",
    ]
    assert rows_careers[0].evidence.conversations == 1

    summary = services.today.summary()
    assert summary.next_interview is not None and summary.next_interview.who == "Ben Carter"


def test_the_same_now_gives_the_same_data() -> None:
    first, second = Store.memory(clock=lambda: NOW), Store.memory(clock=lambda: NOW)
    build_demo(first, NOW)
    build_demo(second, NOW)
    assert first.export() == second.export()
