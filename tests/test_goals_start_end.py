"""GoalService additions the Goal screen uses: a chosen start and end, a plan saved against what was seen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from coach.errors import ConflictError, ValidationError
from coach.models import Goal
from coach.services import Services
from coach.store import Store
from tests.conftest import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")


def make() -> tuple[Services, FakeClock]:
    clock = FakeClock(datetime(2026, 11, 25, 9, tzinfo=BERLIN))  # a Wednesday
    return Services.create(Store.memory(clock=clock)), clock


def test_a_goal_from_a_past_day_until_an_end() -> None:
    services, _clock = make()
    first = services.goals.set_goal("1 person a day", start=date(2026, 11, 2)).goal
    change = services.goals.set_goal("2 people a day", start=date(2026, 11, 23), end=date(2026, 12, 31))
    stored = {goal.id: goal for goal in services.store.all(Goal)}
    assert stored[change.goal.id].start == date(2026, 11, 23)
    assert stored[change.goal.id].end == date(2026, 12, 31)
    assert stored[first.id].end == date(2026, 11, 22) and not stored[first.id].active
    assert services.goals.current() == stored[change.goal.id]


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (date(2026, 11, 26), None, "still to come"),
        (date(2026, 11, 25), date(2026, 11, 24), "before the start"),
        (date(2026, 11, 1), None, "started on"),
    ],
)
def test_impossible_dates_save_nothing(start: date, end: date | None, words: str) -> None:
    services, _clock = make()
    services.goals.set_goal("1 person a day", start=date(2026, 11, 2))
    before = services.store.all(Goal)
    with pytest.raises(ValidationError, match=words):
        services.goals.set_goal("2 people a day", start=start, end=end)
    assert services.store.all(Goal) == before


def test_a_plan_changed_elsewhere_is_a_conflict_not_an_overwrite() -> None:
    services, _clock = make()
    seen = services.goals.set_goal("2 people a day", plan="mornings").goal
    services.store.update(replace(seen, plan="evenings on the sofa"), base=seen)
    with pytest.raises(ConflictError):
        services.goals.set_plan("lunch breaks", seen=seen)
    current = services.goals.current()
    assert current is not None and current.plan == "evenings on the sofa"
    assert services.goals.set_plan("lunch breaks", seen=current).plan == "lunch breaks"


def test_version_moves_with_every_save() -> None:
    services, _clock = make()
    before = services.goals.version
    services.goals.set_goal("2 people a day")
    assert services.goals.version != before


def test_a_new_goal_and_the_end_of_the_old_one_are_saved_together_or_not_at_all(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.errors import StoreError
    from coach.services.goals import GoalService

    goals = GoalService(store)
    goals.set_goal("2 people a day")
    saved = store.path.read_bytes() if store.path else b""

    def broken_update(*_args: object, **_kwargs: object) -> None:
        raise StoreError("the disk is full")

    monkeypatch.setattr(store, "update", broken_update)
    with pytest.raises(StoreError):
        goals.set_goal("5 messages a day")
    monkeypatch.undo()
    assert store.path is not None and store.path.read_bytes() == saved, "the file is as it was"
    assert [(goal.target, goal.active) for goal in goals.goals()] == [(2, True)]
