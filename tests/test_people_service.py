"""PeopleService: adding and checking people, start-safe order, statuses from the log, search, referrals, names."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach import values
from coach.errors import ConflictError, NotFoundError, ValidationError
from coach.models import Contact, Interview, InterviewStatus, Outreach, Warmth
from coach.services import Services
from coach.services.people import (
    AmbiguousNameError,
    ContactDraft,
    PersonStatus,
    UnsureNameError,
    fold,
    parse_warmth,
)
from coach.store import Store
from tests.conftest import FakeClock


@pytest.fixture
def services(clock: FakeClock) -> Services:
    return Services.create(Store.memory(clock=clock))


def test_warmth_rungs_are_told_in_the_methods_words() -> None:
    assert Warmth.CLOSE.label.startswith("close: family and friends, the safe people to start with")
    assert Warmth.COLD.label.startswith("cold: strangers")
    assert [w.rung for w in Warmth] == [0, 1, 2, 3, 4]
    assert parse_warmth("stranger") is Warmth.COLD
    with pytest.raises(ValidationError):
        parse_warmth("lukewarm")


def test_add_keeps_every_field_and_the_text_literally(services: Services) -> None:
    ana = services.people.add("Ana Ruiz", warmth="close")
    name = "[bold]Bo[/bold] 👨‍👩‍👧 Li"
    notes = "line one\nline two [link]x[/link] " + "é" * 5000
    bo = services.people.add(
        ContactDraft(
            name=f"  {name}\x1b ",
            warmth=Warmth.REFERRED,
            how_known="Ana's colleague",
            referred_by=ana.id,
            company="Acme",
            role="Designer",
            email="bo@example.org",
            phone="+44 7700 900123",
            profile_url="https://example.org/bo",
            notes=notes,
        )
    )
    stored = services.store.get(Contact, bo.id)
    assert stored.name == name, "control characters removed, everything else kept, trimmed"
    assert stored.notes == notes
    assert (stored.referred_by, stored.how_known, stored.profile_url) == (
        ana.id,
        "Ana's colleague",
        "https://example.org/bo",
    )


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        (ContactDraft(""), "name"),
        (ContactDraft(" \x07 "), "name"),
        (ContactDraft("x" * 201), "200"),
        (ContactDraft("Ana", warmth="tepid"), "rung"),
        (ContactDraft("Ana", referred_by=99), "isn't on your list"),
        (ContactDraft("Ana", email="not an address"), "e-mail"),
        (ContactDraft("Ana", phone="call me"), "digits"),
        (ContactDraft("Ana", profile_url="https://x.org/a b"), "spaces"),
        (ContactDraft("Ana", career_id=3), "career"),
        (ContactDraft("Ana\udcff"), "readable"),
    ],
)
def test_bad_input_is_one_sentence_and_saves_nothing(services: Services, draft: ContactDraft, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.people.add(draft)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert services.store.all(Contact) == []


def test_the_list_starts_safe(services: Services) -> None:
    for name, warmth in [("Zoe", "cold"), ("amy", "warm"), ("Bea", "close"), ("Al", "close"), ("Cy", "referred")]:
        services.people.add(name, warmth=warmth)
    page = services.people.contacts()
    assert [c.name for c in page.contacts] == ["Al", "Bea", "amy", "Cy", "Zoe"]
    assert page.total == 5
    window = services.people.contacts(offset=1, limit=2)
    assert [c.name for c in window.contacts] == ["Bea", "amy"] and window.total == 5


def test_status_comes_from_the_log(services: Services, clock: FakeClock) -> None:
    people = services.people
    names = ["Never", "Waiting", "Yes", "Met", "No", "Silent", "Again"]
    ids = {name: people.add(name).id for name in names}
    outreach = services.outreach
    outreach.log("Waiting", "email")
    outreach.log("Yes", "call", response="yes")
    outreach.log("Met", "email", response="yes")
    services.store.add(Interview(contact_id=ids["Met"], when=clock.now, status=InterviewStatus.DONE))
    outreach.log("No", "email", response="no")
    outreach.log("Silent", "text", response="no-reply")
    outreach.log("Again", "email", response="no-reply")
    clock.advance(hours=1)
    outreach.log("Again", "call")
    assert {name: people.status(ids[name]) for name in names} == {
        "Never": PersonStatus.NOT_ASKED,
        "Waiting": PersonStatus.WAITING,
        "Yes": PersonStatus.SAID_YES,
        "Met": PersonStatus.MET,
        "No": PersonStatus.DECLINED,
        "Silent": PersonStatus.NO_REPLY,
        "Again": PersonStatus.WAITING,
    }
    outreach.answer("Waiting", "yes")
    assert people.status(ids["Waiting"]) is PersonStatus.SAID_YES
    assert PersonStatus.NO_REPLY.label == "no reply"


def test_suggestions_are_the_warmest_not_yet_asked_then_the_next_rung(services: Services) -> None:
    for name, warmth in [("Cold Cal", "cold"), ("Warm Wu", "warm"), ("Close Cat", "close"), ("Close Cid", "close")]:
        services.people.add(name, warmth=warmth)
    assert [c.name for c in services.people.suggestions(2)] == ["Close Cat", "Close Cid"]
    services.outreach.log("Close Cat", "email")
    services.outreach.log("Close Cid", "email")
    assert [c.name for c in services.people.suggestions(3)] == ["Warm Wu", "Cold Cal"]
    wu = services.people.find("Warm Wu")
    assert wu is not None
    services.store.add(Interview(contact_id=wu.id, when=services.store.clock()))  # booked without an ask
    assert [c.name for c in services.people.suggestions(3)] == ["Cold Cal"], "someone already booked isn't 'to ask'"


def test_search_finds_names_companies_and_notes_folded_names_first(services: Services) -> None:
    people = services.people
    people.add(ContactDraft("José Álvarez", warmth="cold", company="Acme"))
    people.add(ContactDraft("Ann Acme", warmth="cold"))
    people.add(ContactDraft("Bea", warmth="close", notes="met at the ACME picnic"))
    people.add(ContactDraft("Cy", warmth="close", role="nurse"))
    result = people.search("acme")
    assert result.total == 3
    assert [c.name for c in result.contacts] == ["Ann Acme", "Bea", "José Álvarez"], "name matches first"
    assert [c.name for c in people.search("jose alv").contacts] == ["José Álvarez"]
    assert [c.name for c in people.search("NURSE").contacts] == ["Cy"]
    assert people.search("zzz").total == 0
    assert people.search("acme", limit=1).contacts[0].name == "Ann Acme"
    assert people.search("acme", offset=2, limit=5).contacts[0].name == "José Álvarez"


def test_search_returns_a_window_of_a_big_list(services: Services) -> None:
    services.store.add_many([Contact(name=f"Person {i:05d}", notes="linkedin export") for i in range(15_000)])
    page = services.people.search("linkedin", limit=50)
    assert page.total == 15_000 and len(page.contacts) == 50
    assert page.contacts[0].name == "Person 00000"
    assert [c.name for c in services.people.search("person 14999").contacts] == ["Person 14999"]
    assert services.people.search("1499").total == 12, "14990-14999, 01499 and 11499"


def test_search_sees_changes_made_here_and_on_disk(data_file: object, clock: FakeClock) -> None:
    from pathlib import Path

    assert isinstance(data_file, Path)
    services = Services.create(Store.open(data_file, clock=clock))
    services.people.add("Ana")
    assert services.people.search("ana").total == 1
    other = Services.create(Store.open(data_file, clock=clock))
    other.people.add("Anabel")
    assert {c.name for c in services.people.search("ana").contacts} == {"Ana", "Anabel"}


@given(st.text(max_size=30))
def test_search_with_any_text_never_fails(query: str) -> None:
    services = Services.create(Store.memory())
    services.people.add("Ana [b] 🙈")
    page = services.people.search(query)
    assert page.total in (0, 1)


def test_fold_drops_accents_and_case() -> None:
    assert fold("JOSÉ Ñandú") == "jose nandu"


def test_referral_tree_with_counts(services: Services) -> None:
    people = services.people
    ana = people.add("Ana", warmth="close")
    bo = people.add("Bo", warmth="referred", referred_by=ana.id)
    people.add("Cy", warmth="referred", referred_by=bo.id)
    people.add("Di", warmth="referred", referred_by=ana.id)
    people.add("Loner")
    roots = people.referral_tree()
    assert [root.contact.name for root in roots] == ["Ana"]
    assert roots[0].count == 3
    assert [child.contact.name for child in roots[0].children] == ["Bo", "Di"]
    assert [child.contact.name for child in roots[0].children[0].children] == ["Cy"]
    assert people.referred_by_count(ana.id) == 2


def test_a_circle_of_introductions_is_refused(services: Services) -> None:
    people = services.people
    ana = people.add("Ana")
    bo = people.add("Bo", referred_by=ana.id)
    with pytest.raises(ValidationError):
        people.edit(ana.id, ContactDraft("Ana", referred_by=bo.id))
    with pytest.raises(ValidationError):
        people.edit(ana.id, ContactDraft("Ana", referred_by=ana.id))
    assert services.store.get(Contact, ana.id).referred_by is None


def test_names_resolve_exactly_then_by_number_then_folded_then_by_start(services: Services) -> None:
    people = services.people
    ana = people.add("Ana Ruiz")
    people.add("Ana Li")
    jose = people.add("José [x] Ñ")
    bob = people.add("Bob")
    people.add("Bobby")
    assert people.resolve("Bob") == bob, "an exact name wins over a longer one it starts"
    assert people.resolve("ana ruiz") == ana
    assert people.resolve("jose [x] n") == jose
    assert people.resolve("ruiz") == ana, "the start of a word in the name"
    assert people.resolve(f"#{jose.id}") == jose, "a person's number"
    with pytest.raises(NotFoundError, match="number #99"):
        people.find("#99")
    # A close spelling is never taken for someone: only suggested.
    assert people.find("Ana Ruis") is None
    with pytest.raises(NotFoundError, match=r"Did you mean Ana Ruiz\?"):
        people.resolve("Ana Ruis")
    with pytest.raises(AmbiguousNameError) as caught:
        people.resolve("ana")
    assert {c.name for c in caught.value.candidates} == {"Ana Ruiz", "Ana Li"}
    assert "Ana Ruiz" in str(caught.value) and "Ana Li" in str(caught.value)
    with pytest.raises(NotFoundError):
        people.resolve("Zed")
    assert people.find("Zed") is None
    with pytest.raises(ValidationError):
        people.find("   ")


def test_edit_keeps_a_change_made_elsewhere(services: Services, clock: FakeClock) -> None:
    people = services.people
    ana = people.add("Ana", company="Acme")
    clock.advance(minutes=1)
    services.store.update(dataclasses.replace(ana, company="Globex"))  # another coach, say
    with pytest.raises(ConflictError):
        people.edit(ana.id, values.replace(ContactDraft.of(ana), company="Initech"), seen=ana)
    assert services.store.get(Contact, ana.id).company == "Globex"
    edited = people.edit(ana.id, values.replace(ContactDraft.of(ana), role="Lead"), seen=ana)
    assert (edited.company, edited.role) == ("Globex", "Lead"), "a field nobody else changed is saved"


def test_delete_keeps_the_log_and_unlinks_referrals(services: Services) -> None:
    people = services.people
    ana = people.add("Ana")
    bo = people.add("Bo", referred_by=ana.id)
    services.outreach.log("Ana", "email")
    people.delete(ana.id)
    assert [c.name for c in services.store.all(Contact)] == ["Bo"]
    assert services.store.get(Contact, bo.id).referred_by is None
    assert len(services.store.all(Outreach)) == 1
    assert people.name_of(ana.id) == "someone removed"
    with pytest.raises(NotFoundError):
        people.delete(ana.id)


def test_statuses_follow_a_log_made_elsewhere(data_file: object, clock: FakeClock) -> None:
    from pathlib import Path

    assert isinstance(data_file, Path)
    here = Services.create(Store.open(data_file, clock=clock))
    ana = here.people.add("Ana")
    assert here.people.status(ana.id) is PersonStatus.NOT_ASKED
    there = Services.create(Store.open(data_file, clock=clock))
    there.outreach.log("Ana", "email")
    assert here.people.status(ana.id) is PersonStatus.WAITING


WORDS = st.sampled_from(["ana", "anabel", "acme", "design", "José", "é", "li", "[b]", "🙈", "nurse"])


@given(
    st.lists(st.tuples(st.lists(WORDS, min_size=1, max_size=3), st.lists(WORDS, max_size=3)), max_size=12),
    st.lists(WORDS, min_size=1, max_size=3),
)
def test_search_as_you_type_matches_a_fresh_search_at_every_keystroke(
    people: list[tuple[list[str], list[str]]], words: list[str]
) -> None:
    store = Store.memory()
    typing = Services.create(store).people
    for name, notes in people:
        typing.add(ContactDraft(" ".join(name), notes=" ".join(notes)))
    query = " ".join(words)
    for end in range(1, len(query) + 1):
        expected = Services.create(store).people.search(query[:end])
        assert typing.search(query[:end]) == expected
    typing.add("ana acme design José")  # the list changed: the next keystroke must see it
    assert typing.search(query) == Services.create(store).people.search(query)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(Warmth)),
            st.sampled_from(["Ana", "ana", "Ána", "Bo", "björn", "Zoë", "zoe", "Émile", "[b]x", "Li"]),
            st.booleans(),
        ),
        max_size=25,
    ),
    st.integers(min_value=1, max_value=6),
)
def test_suggestions_follow_the_sorted_list(people: list[tuple[Warmth, str, bool]], limit: int) -> None:
    """The next people to ask are the first not-yet-asked people of the list sorted warmest first, by name:
    worked out without sorting everyone, the same answer."""
    services = Services.create(Store.memory(clock=FakeClock()))
    added = services.store.add_many([Contact(name=name, warmth=warmth) for warmth, name, _asked in people])
    services.store.add_many(
        [Outreach(contact_id=contact.id) for contact, (_w, _n, asked) in zip(added, people, strict=True) if asked]
    )
    statuses = services.people.statuses()
    expected = [contact for contact in services.people.contacts(limit=1000).contacts if contact.id not in statuses]
    assert services.people.suggestions(limit) == expected[:limit]


def test_a_close_spelling_is_asked_about_and_a_shared_name_needs_its_number(services: Services) -> None:
    people = services.people
    dan = people.add("Dan")
    people.check_new_name("Zed")  # nothing close: fine
    people.check_new_name("Guest 2")  # no one yet
    people.add("Guest 1")
    people.check_new_name("Guest 2")  # apart only by a number: someone else, not a slip
    with pytest.raises(UnsureNameError) as unsure:
        people.check_new_name("Dana")
    assert unsure.value.candidates == (dan,)
    assert '"Dana" isn\'t on your list, but Dan is' in str(unsure.value)
    people.add("Jon Park")
    with pytest.raises(UnsureNameError, match='"jon parker" isn\'t on your list, but Jon Park is'):
        people.check_new_name("  jon   parker ")  # spaces as typed in a hurry: tidied first

    first = people.add("Ann Lee", warmth="close")
    second = people.add("Ann Lee", warmth="cold")
    with pytest.raises(AmbiguousNameError) as caught:
        people.resolve("Ann Lee")
    assert f'give the number instead ("#{first.id}" or "#{second.id}")' in str(caught.value)
    assert people.resolve(f"#{second.id}") == second


def test_a_number_always_means_the_number_and_no_name_can_look_like_one(services: Services) -> None:
    people = services.people
    dan = people.add("Dan")
    for number_like in ("#3", "# 3", "#-1", " #12 "):
        with pytest.raises(ValidationError, match="looks like a person's number"):
            people.add(number_like)
    assert people.count() == 1
    amy = people.add("  Amy    Lee  ")
    assert amy.name == "Amy Lee", "spaces inside a name are tidied as it is saved"
    assert people.find("amy   lee") == amy and people.find(f"#{dan.id}") == dan
