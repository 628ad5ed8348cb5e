"""CareerService on a fixed data set: options, ratings, order, evidence, the comparison."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from coach.errors import ConflictError, NotFoundError, ValidationError
from coach.models import Attraction, Career, Contact, Interview, InterviewStatus, Reflection
from coach.services.careers import (
    GAUGES,
    STILL_GUESSING,
    CareerService,
    fit_of,
    trend_arrow,
    trend_word,
)
from coach.store import Store
from tests.conftest import FakeClock


@pytest.fixture
def careers(memory_store: Store) -> CareerService:
    return CareerService(memory_store)


def seed(store: Store, clock: FakeClock) -> dict[str, int]:
    """Three options; Design has three conversations (trend more, less, more), Data one, Teaching none."""
    service = CareerService(store)
    design = service.add("UX design", "making things people enjoy", "is the pay steady?")
    data = service.add("Data science")
    teaching = service.add("Teaching")
    now = clock()
    ana, bo, cy, di, ed, fay = store.add_many(
        [
            Contact(name="Ana", career_id=design.id),
            Contact(name="Bo", career_id=design.id),
            Contact(name="Cy", career_id=design.id),
            Contact(name="Di", career_id=design.id),  # linked, never met: still to talk to
            Contact(name="Ed"),  # booked to talk about Data, not linked
            Contact(name="Fay", career_id=teaching.id),
        ]
    )
    done = InterviewStatus.DONE
    held = store.add_many(
        [
            # Added out of time order: the trend follows when they happened, not the ids.
            Interview(contact_id=cy.id, career_id=design.id, when=now - timedelta(days=1), status=done),
            Interview(
                contact_id=ana.id, career_id=design.id, when=now - timedelta(days=9), status=InterviewStatus.DONE
            ),
            Interview(contact_id=bo.id, career_id=design.id, when=now - timedelta(days=5), status=done),
            Interview(contact_id=bo.id, career_id=data.id, when=now - timedelta(days=3), status=done),
            Interview(contact_id=ed.id, career_id=data.id, when=now + timedelta(days=2)),
            Interview(contact_id=fay.id, career_id=teaching.id, status=InterviewStatus.CANCELLED),
        ]
    )
    late, early, middle, data_talk = held[:4]
    store.add_many(
        [
            Reflection(interview_id=late.id, learned="the late one", attraction=Attraction.MORE, complete=True),
            Reflection(
                interview_id=early.id,
                learned="the early one",
                attraction=Attraction.MORE,
                attraction_why="they loved it",
                complete=True,
            ),
            Reflection(interview_id=middle.id, learned="the middle one", attraction=Attraction.LESS, complete=True),
            # Being written: its attraction answer counts, its half-written lesson doesn't yet.
            Reflection(interview_id=data_talk.id, learned="half a thought", attraction=Attraction.SAME),
        ]
    )
    return {"design": design.id, "data": data.id, "teaching": teaching.id, "di": di.id, "ed": ed.id}


# --- options ----------------------------------------------------------------------------------


def test_add_keeps_the_words_and_puts_each_new_option_last(careers: CareerService, memory_store: Store) -> None:
    first = careers.add("  Nursing\x1b[31m  ", "helping\r\npeople\x07", "night shifts?")
    second = careers.add("Architecture")
    stored = memory_store.get(Career, first.id)
    assert (stored.title, stored.notes, stored.questions) == ("Nursing[31m", "helping\npeople", "night shifts?")
    assert [c.title for c in careers.options()] == ["Nursing[31m", "Architecture"]
    assert second.rank > first.rank
    assert careers.find("NURSING[31m") == stored and careers.find("  nursing[31m ") == stored
    assert careers.find("nurs") is None and careers.find("") is None


@pytest.mark.parametrize("title", ["", "   ", "\x1b\x07", "x" * 121])
def test_an_empty_or_too_long_name_is_refused(careers: CareerService, memory_store: Store, title: str) -> None:
    with pytest.raises(ValidationError):
        careers.add(title)
    assert memory_store.all(Career) == []


def test_a_second_option_with_the_same_name_is_refused(careers: CareerService, memory_store: Store) -> None:
    careers.add("Data science")
    with pytest.raises(ValidationError, match="on your list already"):
        careers.add("data  SCIENCE")
    assert len(memory_store.all(Career)) == 1


def test_options_follow_rank_then_title(careers: CareerService, memory_store: Store) -> None:
    memory_store.add_many([Career(title="b", rank=1), Career(title="C", rank=0), Career(title="a", rank=1)])
    assert [c.title for c in careers.options()] == ["C", "a", "b"]


def test_edit_changes_only_what_is_given_and_refuses_a_taken_name(careers: CareerService, memory_store: Store) -> None:
    law = careers.add("Law", "justice", "hours?")
    careers.add("Medicine")
    careers.edit(law.id, notes="fairness")
    stored = memory_store.get(Career, law.id)
    assert (stored.title, stored.notes, stored.questions) == ("Law", "fairness", "hours?")
    with pytest.raises(ValidationError):
        careers.edit(law.id, title="medicine")
    careers.edit(law.id, title="LAW")  # its own name in other letters is fine
    assert memory_store.get(Career, law.id).title == "LAW"


def test_edit_from_a_stale_copy_clashes(careers: CareerService, memory_store: Store) -> None:
    law = careers.add("Law")
    careers.edit(law.id, notes="changed elsewhere")
    with pytest.raises(ConflictError):
        careers.edit(law.id, notes="mine", seen=law)
    assert memory_store.get(Career, law.id).notes == "changed elsewhere"


def test_rate_sets_and_clears_a_gauge(careers: CareerService, memory_store: Store) -> None:
    law = careers.add("Law")
    for gauge, value in zip(GAUGES, (5, 3, 1, 4), strict=True):
        careers.rate(law.id, gauge, value)
    stored = memory_store.get(Career, law.id)
    assert (stored.energy, stored.skills, stored.practicality, stored.values) == (5, 3, 1, 4)
    assert fit_of(stored) == 3.2
    careers.rate(law.id, "skills", None)
    stored = memory_store.get(Career, law.id)
    assert stored.skills is None and fit_of(stored) == 3.3


@pytest.mark.parametrize(
    ("gauge", "value"), [("energy", 0), ("energy", 6), ("values", -1), ("skills", True), ("fun", 3)]
)
def test_rate_refuses_what_is_not_a_rating(careers: CareerService, memory_store: Store, gauge: str, value: int) -> None:
    law = careers.add("Law")
    careers.rate(law.id, "energy", 2)
    with pytest.raises(ValidationError):
        careers.rate(law.id, gauge, value)
    stored = memory_store.get(Career, law.id)
    assert (stored.energy, stored.skills, stored.values) == (2, None, None)


def test_rate_from_a_stale_copy_of_the_same_gauge_clashes(careers: CareerService, memory_store: Store) -> None:
    law = careers.add("Law")
    careers.rate(law.id, "energy", 2)
    with pytest.raises(ConflictError):
        careers.rate(law.id, "energy", 4, seen=law)
    careers.rate(law.id, "skills", 4, seen=law)  # another gauge: no clash
    stored = memory_store.get(Career, law.id)
    assert (stored.energy, stored.skills) == (2, 4)


def test_move_reorders_and_stops_at_the_ends(careers: CareerService) -> None:
    a, b, c = careers.add("A"), careers.add("B"), careers.add("C")
    assert [x.title for x in careers.move(c.id, -1)] == ["A", "C", "B"]
    assert [x.title for x in careers.move(a.id, 5)] == ["C", "B", "A"]
    assert [x.title for x in careers.move(c.id, -1)] == ["C", "B", "A"]
    assert [x.rank for x in careers.options()] == [0, 1, 2]
    with pytest.raises(NotFoundError):
        careers.move(b.id + 10, 1)


# --- evidence ---------------------------------------------------------------------------------


def test_evidence_counts_conversations_people_lessons_and_the_trend(memory_store: Store, clock: FakeClock) -> None:
    ids = seed(memory_store, clock)
    careers = CareerService(memory_store)

    design = careers.evidence(ids["design"])
    assert design.conversations == 3 and not design.still_guessing
    assert design.talked_with == ("Ana", "Bo", "Cy")  # oldest conversation first
    assert (design.to_talk, design.to_talk_names) == (1, ("Di",))
    assert design.trend == (Attraction.MORE, Attraction.LESS, Attraction.MORE)  # by when they happened
    assert design.learned == ("the late one", "the middle one", "the early one")  # newest first
    assert design.reasons == ("they loved it",)
    assert design.arrow == "↑"

    data = careers.evidence(ids["data"])
    assert data.conversations == 1 and data.still_guessing
    assert (data.to_talk, data.to_talk_names) == (1, ("Ed",))  # booked, not linked
    assert data.trend == (Attraction.SAME,) and data.learned == ()  # still being written
    assert data.arrow == "→"

    teaching = careers.evidence(ids["teaching"])
    assert (teaching.conversations, teaching.to_talk, teaching.trend, teaching.still_guessing) == (0, 1, (), True)
    assert teaching.arrow == ""


def test_evidence_follows_changes_in_the_data(memory_store: Store, clock: FakeClock) -> None:
    ids = seed(memory_store, clock)
    careers = CareerService(memory_store)
    assert careers.evidence(ids["data"]).conversations == 1
    booked = next(i for i in memory_store.all(Interview) if i.contact_id == ids["ed"])
    memory_store.update(replace(booked, status=InterviewStatus.DONE), base=booked)
    data = careers.evidence(ids["data"])
    assert (data.conversations, data.to_talk, data.still_guessing) == (2, 0, False)
    memory_store.add(Contact(name="Gil", career_id=ids["data"]))
    assert careers.evidence(ids["data"]).to_talk_names == ("Gil",)


def test_comparison_rows_and_their_json(memory_store: Store, clock: FakeClock) -> None:
    ids = seed(memory_store, clock)
    careers = CareerService(memory_store)
    careers.rate(ids["design"], "energy", 4)
    careers.rate(ids["design"], "values", 5)
    rows = careers.comparison()
    assert [row.title for row in rows] == ["UX design", "Data science", "Teaching"]
    assert [row.flag for row in rows] == ["", STILL_GUESSING, STILL_GUESSING]
    assert rows[0].as_json() == {
        "id": ids["design"],
        "title": "UX design",
        "energy": 4,
        "skills": None,
        "practicality": None,
        "values": 5,
        "fit": 4.5,
        "conversations": 3,
        "to_talk": 1,
        "trend": ["more", "less", "more"],
        "trend_arrow": "↑",
        "still_guessing": False,
    }
    assert rows[2].as_json()["fit"] is None and rows[2].as_json()["trend"] == []


def test_delete_unlinks_people_and_interviews_and_keeps_them(memory_store: Store, clock: FakeClock) -> None:
    ids = seed(memory_store, clock)
    careers = CareerService(memory_store)
    linked = [c.id for c in memory_store.all(Contact) if c.career_id == ids["design"]]
    talks = [i.id for i in memory_store.all(Interview) if i.career_id == ids["design"]]
    assert linked and talks
    careers.delete(ids["design"])
    assert [c.title for c in careers.options()] == ["Data science", "Teaching"]
    assert [memory_store.get(Contact, key).career_id for key in linked] == [None] * len(linked)
    assert [memory_store.get(Interview, key).career_id for key in talks] == [None] * len(talks)
    assert careers.title_of(ids["design"]) == "" and careers.title_of(None) == ""
    with pytest.raises(NotFoundError):
        careers.delete(ids["design"])
    later = careers.add("Design again")
    assert later.id not in (ids["design"], ids["data"], ids["teaching"])  # a removed option's id isn't reused
    assert careers.evidence(later.id).conversations == 0
    assert [row.title for row in careers.comparison()] == ["Data science", "Teaching", "Design again"]


def test_trend_words() -> None:
    more, less, same, unsure = Attraction.MORE, Attraction.LESS, Attraction.SAME, Attraction.UNSURE
    assert trend_arrow([]) == "" and trend_arrow([unsure]) == ""
    assert trend_arrow([more, less]) == "→" and trend_arrow([same]) == "→"
    assert trend_arrow([less, less, more]) == "↓"
    assert trend_word([more]) == "↑ more" and trend_word([]) == ""


def test_a_hundred_thousand_records_are_indexed_once_per_version(memory_store: Store, clock: FakeClock) -> None:
    """Every option's evidence from one pass over the data (figures are not timed here: bench/)."""
    careers = CareerService(memory_store)
    option = careers.add("Busy")
    memory_store.add_many(
        Interview(contact_id=n, career_id=option.id, status=InterviewStatus.DONE, when=clock()) for n in range(3000)
    )
    first = careers.comparison()
    assert first[0].conversations == 3000
    assert careers.comparison()[0].evidence is first[0].evidence  # nothing changed: nothing worked out again
