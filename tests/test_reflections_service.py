"""The reflection after an interview, on fixed data: saved as it goes, and saving twice writes nothing twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from coach.errors import ConflictError, NotFoundError, ValidationError
from coach.models import (
    Attraction,
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
from coach.services import Services
from coach.services.people import PersonStatus
from coach.services.reflections import ReflectionService, due_interviews, parse_scale
from coach.store import Store
from tests.conftest import FakeClock


def seed(store: Store, clock: FakeClock) -> tuple[Services, Interview]:
    """Ana over coffee yesterday, about a career; two fears about it; three questions, two starred."""
    services = Services.create(store)
    career = store.add(Career(title="UX research"))
    ana = store.add(Contact(name="Ana Ruiz", warmth=Warmth.WARM))
    interview = store.add(
        Interview(contact_id=ana.id, when=clock.now - timedelta(days=1), career_id=career.id, setting=Setting.COFFEE)
    )
    store.add_many(
        [
            Thought(text="what if I go blank", interview_id=interview.id),
            Thought(text="what if she's in a hurry", interview_id=interview.id),
            Thought(text="something else entirely"),
        ]
    )
    store.add_many(
        [
            PrepItem(interview_id=interview.id, text="How did you start?", starred=True, rank=1),
            PrepItem(interview_id=interview.id, text="What surprised you?", rank=2),
            PrepItem(interview_id=interview.id, text="Who else should I ask?", starred=True, rank=3),
        ]
    )
    return services, interview


def test_a_full_reflection_writes_everything_once_even_when_saved_twice(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    reflections = services.reflections
    blank, hurry = reflections.fears_linked(interview.id)
    assert (blank.text, hurry.text) == ("what if I go blank", "what if she's in a hurry")
    first_q, third_q = reflections.questions(interview.id)
    people_before = memory_store.count(Contact)

    def save() -> Reflection:
        return reflections.save(
            interview.id,
            learned="Research is mostly listening.",
            answers={first_q.id: "By accident, through a friend.", third_q.id: "Bo and Cy"},
            kindness="5",
            they_talked="70 %",
            enjoyment=4,
            fears={blank.id: "came-true", hurry.id: Outcome.DID_NOT_HAPPEN},
            referrals=["Bo Lind", "Cy [b]Park[/b]", "  ", "bo lind"],
            thanked=False,
            next_step="Write to Bo this week",
            attraction=Attraction.MORE,
            attraction_why="The work sounds calm.",
            complete=True,
        )

    first = save()
    second = save()
    assert memory_store.count(Reflection) == 1
    saved = memory_store.get(Reflection, first.id)
    assert saved == second
    assert (saved.learned, saved.kindness, saved.they_talked, saved.enjoyment) == (
        "Research is mostly listening.",
        5,
        70,
        4,
    )
    assert (saved.next_step, saved.attraction, saved.attraction_why) == (
        "Write to Bo this week",
        Attraction.MORE,
        "The work sounds calm.",
    )
    assert saved.complete and saved.thanked is None and saved.thank_by == date(2026, 11, 27)
    # Fear outcomes on the thoughts themselves; the unlinked one untouched.
    assert memory_store.get(Thought, blank.id).outcome is Outcome.CAME_TRUE
    assert memory_store.get(Thought, hurry.id).outcome is Outcome.DID_NOT_HAPPEN
    assert [t.outcome for t in memory_store.all(Thought) if t.interview_id is None] == [Outcome.UNTESTED]
    # Answers on the prep items.
    assert memory_store.get(PrepItem, first_q.id).answer == "By accident, through a friend."
    assert memory_store.get(PrepItem, third_q.id).answer == "Bo and Cy"
    # Two new contacts, once, referred by Ana, with the interview's career.
    assert memory_store.count(Contact) == people_before + 2
    made = [memory_store.get(Contact, contact_id) for contact_id in saved.referrals]
    assert [c.name for c in made] == ["Bo Lind", "Cy [b]Park[/b]"]
    assert all(c.referred_by == interview.contact_id and c.warmth is Warmth.REFERRED for c in made)
    assert all(c.career_id == interview.career_id for c in made)
    assert memory_store.get(Interview, interview.id).status is InterviewStatus.DONE
    # They are the next people to ask (nobody warmer is waiting here).
    assert {c.id for c in services.people.suggestions(10)} >= set(saved.referrals)
    assert all(services.people.status(c.id) is PersonStatus.NOT_ASKED for c in made)
    assert reflections.due() == []


def test_partial_saves_keep_what_was_not_given(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    reflections = services.reflections
    draft = reflections.draft(interview.id)
    assert draft.id == 0 and not draft.complete and memory_store.count(Reflection) == 0
    reflections.save(interview.id, learned="a lot")
    reflections.save(interview.id, kindness=3)
    saved = reflections.for_interview(interview.id)
    assert saved is not None and (saved.learned, saved.kindness, saved.complete) == ("a lot", 3, False)
    assert memory_store.get(Interview, interview.id).status is InterviewStatus.PLANNED
    assert reflections.draft(interview.id) == saved
    reflections.save(interview.id, kindness="")
    assert memory_store.get(Reflection, saved.id).kindness is None
    assert memory_store.count(Reflection) == 1


def test_thank_you_sent_or_due(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    reflections = services.reflections
    reflections.save(interview.id, complete=True)  # never said: a thank-you comes due all the same
    saved = reflections.for_interview(interview.id)
    assert saved is not None and saved.thank_by == date(2026, 11, 27) and saved.thanked is None
    [due] = reflections.thanks_due()
    assert (due.person, due.by) == ("Ana Ruiz", date(2026, 11, 27))
    clock.advance(days=1)
    reflections.save(interview.id, thanked=False)  # still not sent: the day stays where it was
    assert memory_store.get(Reflection, saved.id).thank_by == date(2026, 11, 27)
    reflections.save(interview.id, thanked=True)
    sent = memory_store.get(Reflection, saved.id)
    assert sent.thanked == clock.now and sent.thank_by is None
    assert reflections.thanks_due() == []
    note = reflections.thank_you_note(interview.id)
    assert note.startswith("Hi Ana Ruiz,") and "coffee" in note


def test_the_thank_you_note_names_the_people_suggested(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    services.reflections.save(interview.id, referrals=["Bo", "Cy", "Di"])
    note = services.reflections.thank_you_note(interview.id)
    assert "suggesting I speak with Bo, Cy and Di" in note


def test_a_corrected_name_renames_its_contact_and_a_removed_one_goes(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    reflections = services.reflections
    before = memory_store.count(Contact)
    reflections.save(interview.id, referrals=["Bo Li"])
    reflections.save(interview.id, referrals=["Bo Lind", "Cy"])
    saved = reflections.for_interview(interview.id)
    assert saved is not None
    assert [memory_store.get(Contact, i).name for i in saved.referrals] == ["Bo Lind", "Cy"]
    assert memory_store.count(Contact) == before + 2
    cy = saved.referrals[1]
    services.outreach.log(cy, "email")  # Cy was asked: no longer untouched, so taking Cy off keeps them
    reflections.save(interview.id, referrals=["Bo Lind"])
    assert memory_store.count(Contact) == before + 2
    reflections.save(interview.id, referrals=[])
    assert memory_store.count(Contact) == before + 1  # Bo, typed here and untouched, goes with the line
    assert memory_store.get(Contact, cy).name == "Cy"
    saved = reflections.for_interview(interview.id)
    assert saved is not None and saved.referrals == ()


def test_an_existing_referral_by_the_same_person_is_reused(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    assert interview.contact_id is not None
    bo = services.people.add("Bo Lind", warmth="referred", referred_by=interview.contact_id)
    other = services.people.add("Cy", warmth="warm")  # same name as a suggestion, but not referred by Ana
    before = memory_store.count(Contact)
    saved = services.reflections.save(interview.id, referrals=["bo lind", "Cy"])
    assert saved.referrals[0] == bo.id
    assert saved.referrals[1] != other.id
    assert memory_store.count(Contact) == before + 1
    # Taking Bo off again never removes someone who was on the list before.
    services.reflections.save(interview.id, referrals=["Cy"])
    assert memory_store.get(Contact, bo.id).name == "Bo Lind"


def test_due_lists_past_interviews_without_a_complete_reflection_latest_first(
    memory_store: Store, clock: FakeClock
) -> None:
    services, yesterday = seed(memory_store, clock)
    now = clock.now
    ana = yesterday.contact_id
    ongoing = memory_store.add(Interview(contact_id=ana, when=now - timedelta(minutes=20), minutes=30))
    just_over = memory_store.add(Interview(contact_id=ana, when=now - timedelta(minutes=31), minutes=30))
    memory_store.add(Interview(contact_id=ana, when=now - timedelta(days=2), status=InterviewStatus.CANCELLED))
    memory_store.add(Interview(contact_id=ana, when=now - timedelta(days=2), status=InterviewStatus.RESCHEDULED))
    memory_store.add(Interview(contact_id=ana, when=None))
    done_earlier = memory_store.add(
        Interview(contact_id=ana, when=now - timedelta(days=3), status=InterviewStatus.DONE)
    )
    reflections = services.reflections
    assert [i.id for i in reflections.due()] == [just_over.id, yesterday.id, done_earlier.id]
    reflections.save(yesterday.id, learned="started, not finished")
    assert [i.id for i in reflections.due()] == [just_over.id, yesterday.id, done_earlier.id]
    reflections.save(yesterday.id, complete=True)
    assert [i.id for i in reflections.due()] == [just_over.id, done_earlier.id]
    assert [i.id for i in reflections.due(now + timedelta(minutes=11))] == [ongoing.id, just_over.id, done_earlier.id]
    [offer, *_rest] = reflections.offers()
    assert offer.text == "your coffee with Ana Ruiz"
    assert due_interviews([], [], now) == []


def test_in_range_gives_complete_reflections_by_when_the_interview_happened(
    memory_store: Store, clock: FakeClock
) -> None:
    services, yesterday = seed(memory_store, clock)
    reflections = services.reflections
    monday = datetime(2026, 11, 23).astimezone()
    last_week = memory_store.add(Interview(contact_id=yesterday.contact_id, when=monday - timedelta(minutes=1)))
    reflections.save(yesterday.id, learned="this week", complete=True)
    reflections.save(last_week.id, learned="last week", complete=True)
    draft_only = memory_store.add(Interview(contact_id=yesterday.contact_id, when=monday + timedelta(hours=1)))
    reflections.save(draft_only.id, learned="not finished")
    week = reflections.in_range(monday, monday + timedelta(days=7))
    assert [r.learned for r in week] == ["this week"]
    assert [r.learned for r in reflections.in_range(monday - timedelta(days=7), monday)] == ["last week"]


def test_bad_input_saves_nothing(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    reflections = services.reflections
    other = memory_store.add(Interview(contact_id=interview.contact_id, when=clock.now))
    stranger = memory_store.add(Thought(text="about something else", interview_id=other.id))
    foreign = memory_store.add(PrepItem(interview_id=other.id, text="elsewhere"))
    bad_calls = [
        {"kindness": 6},
        {"kindness": "very"},
        {"they_talked": "120"},
        {"enjoyment": 0},
        {"fears": {stranger.id: "came-true"}},
        {"fears": {reflections.fears_linked(interview.id)[0].id: "maybe"}},
        {"answers": {foreign.id: "no"}},
        {"attraction": "sideways"},
        {"referrals": ["x" * 201]},
    ]
    for bad in bad_calls:
        with pytest.raises(ValidationError):
            reflections.save(interview.id, **{"learned": "kept?", "referrals": ["Bo"], **bad})  # type: ignore[arg-type]
    assert memory_store.count(Reflection) == 0
    assert not any(c.name == "Bo" for c in memory_store.all(Contact))
    with pytest.raises(NotFoundError):
        reflections.save(9999, learned="x")
    assert parse_scale(" 60% ", what="x", low=0, high=100) == 60


def test_a_change_made_elsewhere_is_a_clash_not_an_overwrite(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    reflections = services.reflections
    shown = reflections.save(interview.id, learned="mine")
    memory_store.update(replace(shown, learned="theirs"), base=shown)
    with pytest.raises(ConflictError) as caught:
        reflections.save(interview.id, learned="mine, longer", seen=shown)
    assert memory_store.get(Reflection, shown.id).learned == "theirs"
    assert caught.value.current is not None
    saved = reflections.save(interview.id, learned="mine, longer", seen=caught.value.current)  # type: ignore[arg-type]
    assert saved.learned == "mine, longer"
    # A field the form didn't change never clashes.
    assert reflections.save(interview.id, kindness=4, seen=shown).kindness == 4


def test_a_service_made_on_its_own_works_too(memory_store: Store, clock: FakeClock) -> None:
    services, interview = seed(memory_store, clock)
    service = ReflectionService(memory_store, services.interviews, services.people, services.fears)
    assert service.meeting(interview.id) == "your coffee with Ana Ruiz"
    career = service.career(interview)
    assert career is not None and career.title == "UX research"
