"""The demo data: it reads back through the services, it is the same for the same `now`, and `coach demo`
never writes to the person's own data file."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.__main__ import main
from coach.app import CoachApp
from coach.demo import DemoIds, build_demo
from coach.models import Contact, Interview, Outcome, Outreach, Response, Review, Thought, Warmth
from coach.services import Services
from coach.store import Store
from tests.helpers.app_factory import make_app

NOW = datetime(2026, 11, 25, 9, 30).astimezone()
SHOT_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
"""The screenshots' clock (scripts/screenshots.py): a zone of its own, so the picture is the same everywhere."""


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


def test_coach_demo_never_touches_the_real_data_file(
    _isolated_data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = Path(os.environ["COACH_DATA"])
    seen: dict[str, object] = {}

    async def look(pilot: Pilot[object]) -> None:
        app = pilot.app
        assert isinstance(app, CoachApp)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        store = app.services.store
        seen["path"] = store.path
        seen["title"] = (app.title, app.sub_title)
        seen["contacts"] = store.count(Contact)
        seen["home"] = type(app.screen).__name__
        seen["exists"] = store.path is not None and store.path.exists()
        app.exit(0)

    original_run = CoachApp.run

    def headless_run(self: CoachApp, **_kwargs: object) -> int | None:
        return original_run(self, headless=True, size=(100, 32), auto_pilot=look)

    monkeypatch.setattr(CoachApp, "run", headless_run)

    # No file at the real path: none is made.
    assert main(["demo"]) == 0
    demo_path = seen["path"]
    assert isinstance(demo_path, Path) and seen["exists"] and seen["contacts"] == 32
    assert seen["title"] == ("coach demo", "demo data: nothing here is saved to your own file")
    assert seen["home"] == "HomeScreen"
    assert not demo_path.parent.exists()  # the temporary folder is gone
    assert not real.exists() and not real.parent.exists()
    assert Path(tempfile.gettempdir()) in demo_path.parents

    # A real file that holds data: its bytes and times are left as they were.
    store = Store.open(real)
    store.add(Thought(text="my own thought"))
    store.close()
    before = (real.read_bytes(), real.stat().st_mtime_ns, sorted(p.name for p in real.parent.iterdir()))
    assert main(["--data", str(real), "demo"]) == 0
    assert (real.read_bytes(), real.stat().st_mtime_ns, sorted(p.name for p in real.parent.iterdir())) == before
    assert seen["path"] != real and seen["contacts"] == 32


def test_demo_home_snapshot(snap_compare: Any) -> None:
    """Home on the demo month at a fixed time: the sample the README's screenshots come from."""
    store = Store.memory(clock=lambda: SHOT_NOW)
    build_demo(store, SHOT_NOW)
    assert snap_compare(make_app(store), terminal_size=(100, 32), run_before=settle)


async def settle(pilot: Pilot[object]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
