"""`value_type` behaves as the frozen dataclass it stands in for."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import pytest

from coach.services.goals import Progress
from coach.values import value_type


@value_type
class Point:
    LIMIT: ClassVar[int] = 10
    x: int
    y: int = 0
    label: str = ""

    @property
    def far(self) -> bool:
        return abs(self.x) + abs(self.y) > self.LIMIT


@dataclasses.dataclass(frozen=True, slots=True)
class DataPoint:
    x: int
    y: int = 0
    label: str = ""


def test_built_compared_hashed_and_shown_as_a_frozen_dataclass() -> None:
    a = Point(1, label="[b]x[/b]")
    assert (a.x, a.y, a.label) == (1, 0, "[b]x[/b]") and not a.far and Point(9, 9).far
    assert a == Point(x=1, y=0, label="[b]x[/b]") and a != Point(1, 1, "[b]x[/b]")
    assert hash(a) == hash(Point(1, 0, "[b]x[/b]")) and {a: "found"}[Point(1, label="[b]x[/b]")] == "found"
    assert repr(a) == repr(DataPoint(1, label="[b]x[/b]")).replace("DataPoint", "Point")
    assert a != DataPoint(1, label="[b]x[/b]")  # type: ignore[comparison-overlap]  # another type, same fields
    assert Point.__match_args__ == ("x", "y", "label")
    match a:
        case Point(1, 0, label):
            assert label == "[b]x[/b]"
        case _:  # pragma: no cover
            pytest.fail("not matched by position")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.y
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_refuses_what_it_does_not_do() -> None:
    with pytest.raises(TypeError, match="plain defaults"):

        @value_type
        class WithFactory:
            items: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="without a default"):

        @value_type
        class OutOfOrder:
            a: int = 1
            b: int  # type: ignore[misc]


def test_a_service_answer_is_one() -> None:
    from datetime import date

    from coach.models import GoalUnit, Period

    done = Progress(2, 2, GoalUnit.PEOPLE, Period.DAY, date(2026, 11, 27), True)
    assert done.met and done == Progress(2, 2, GoalUnit.PEOPLE, Period.DAY, date(2026, 11, 27), True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        done.done = 3  # type: ignore[misc]


def test_replace_makes_a_changed_copy() -> None:
    from coach.values import replace

    a = Point(1, 2, "here")
    b = replace(a, y=5)
    assert b == Point(1, 5, "here") and a == Point(1, 2, "here")
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(a, z=1)
