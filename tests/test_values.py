"""`value_type` and `record_type` behave as the frozen dataclasses they stand in for."""

from __future__ import annotations

import dataclasses
import inspect
from typing import ClassVar

import pytest

from coach.services.goals import Progress
from coach.values import record_type, value_type


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


def test_one_field_and_no_field_types_compare_and_hash() -> None:
    @value_type
    class One:
        x: int

    @value_type
    class Zero:
        pass

    @record_type
    class Single:
        name: str

    assert One(1) == One(1) and One(1) != One(2) and hash(One(1)) == hash(One(1))
    assert Zero() == Zero() and hash(Zero()) == hash(())
    assert Single(name="a") == Single(name="a") and Single(name="a") != Single(name="b")
    assert len({Single(name="a"), Single(name="a"), Single(name="b")}) == 2


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


@record_type
class Base:
    id: int = 0


@record_type
class Item(Base):
    KIND: ClassVar[str] = "items"
    name: str
    tags: tuple[str, ...] = ()
    extra: list[int] = dataclasses.field(default_factory=list)
    note: str = dataclasses.field(default="", compare=False)
    secret: str = dataclasses.field(default="", repr=False)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RealBase:
    id: int = 0


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RealItem(RealBase):
    KIND: ClassVar[str] = "items"
    name: str
    tags: tuple[str, ...] = ()
    extra: list[int] = dataclasses.field(default_factory=list)
    note: str = dataclasses.field(default="", compare=False)
    secret: str = dataclasses.field(default="", repr=False)


def test_a_record_type_is_the_dataclass_it_replaces() -> None:
    kw = {"id": 3, "name": "[b]Ana[/b]", "tags": ("x",), "note": "n", "secret": "s"}
    ours, real = Item(**kw), RealItem(**kw)
    assert repr(ours) == repr(real).replace("RealItem", "Item")
    assert [(f.name, f.default, f.compare) for f in dataclasses.fields(Item)] == [
        (f.name, f.default, f.compare) for f in dataclasses.fields(RealItem)
    ]
    assert Item.__slots__ == RealItem.__slots__ and not hasattr(ours, "__dict__")
    assert Item.__match_args__ == RealItem.__match_args__ == ()
    # equality and hashing follow compare=: `note` is left out, the rest counts
    assert ours == Item(**{**kw, "note": "other"}) and ours != Item(**{**kw, "name": "Ana"})
    assert ours != Base(id=3) and ours != real  # type: ignore[comparison-overlap]
    assert (ours == Item(**{**kw, "note": "other"})) == (real == RealItem(**{**kw, "note": "other"}))
    with pytest.raises(TypeError, match="unhashable"):
        hash(ours)  # `extra` is a list, as with the real one
    with pytest.raises(TypeError, match="unhashable"):
        hash(real)
    # a fresh default per instance from the factory
    a, b = Item(name="a"), Item(name="b")
    assert a.extra == [] and a.extra is not b.extra
    # dataclasses.replace works, keeps the type and calls __init__ (a missing field still refused)
    changed = dataclasses.replace(ours, name="Bo")
    assert type(changed) is Item and changed.name == "Bo" and changed.tags == ("x",) and ours.name == "[b]Ana[/b]"
    with pytest.raises(dataclasses.FrozenInstanceError):
        ours.name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del ours.tags  # type: ignore[misc]
    with pytest.raises(TypeError, match="required keyword-only argument: 'name'"):
        Item()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        Item(name="a", bogus=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Item("a")  # type: ignore[misc]
    assert str(inspect.signature(Item)) == str(inspect.signature(RealItem))


def test_a_record_survives_copy_deepcopy_and_pickle() -> None:
    import copy
    import pickle

    from coach.models import Contact, Warmth

    record = Contact(id=7, name="[b]Ana[/b] 🌱", warmth=Warmth.CLOSE, notes="x" * 5000)
    for twin in (copy.copy(record), copy.deepcopy(record), pickle.loads(pickle.dumps(record))):
        assert twin == record and twin is not record and type(twin) is Contact
        assert twin.name == "[b]Ana[/b] 🌱" and len(twin.notes) == 5000
        with pytest.raises(dataclasses.FrozenInstanceError):
            twin.name = "Bo"  # type: ignore[misc]


def test_the_stored_records_hash_and_compare_by_their_fields() -> None:
    from datetime import UTC, datetime

    from coach.models import Outcome, Thought

    when = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    a = Thought(id=4, created=when, text="they'll say no", seen=(when,))
    assert a == Thought(id=4, created=when, text="they'll say no", seen=(when,))
    assert {a: 1}[Thought(id=4, created=when, text="they'll say no", seen=(when,))] == 1
    assert a != dataclasses.replace(a, outcome=Outcome.DID_NOT_HAPPEN)
    assert repr(a).startswith("Thought(id=4, created=datetime.datetime(2026, 11, 28, 8, 0, tzinfo=")
