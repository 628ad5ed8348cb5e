"""FearService on fixed data with a fixed clock: counts, weeks, recurring thoughts, reality check."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from coach.errors import ConflictError, NotFoundError, ValidationError
from coach.models import Contact, Interview, Outcome, Outreach, Response, Thought
from coach.services.fears import (
    FearService,
    parse_likelihood,
    parse_outcome,
    similarity,
    week_start_of,
)
from coach.store import Store
from tests.conftest import FakeClock

# FIXED_NOW in conftest is Wednesday 25 November 2026, 09:30 local time; that week began Monday 23 November.
THIS_MONDAY = date(2026, 11, 23)


@pytest.fixture
def fears(memory_store: Store) -> FearService:
    return FearService(memory_store)


def test_add_stores_the_text_as_typed_and_counts_it(fears: FearService, memory_store: Store) -> None:
    thought = fears.add("  what if they think I'm stupid?  ")
    assert thought.id == 1
    assert memory_store.get(Thought, 1).text == "what if they think I'm stupid?"
    assert fears.count() == 1


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\x00\x1b"])
def test_add_refuses_empty_text_and_saves_nothing(fears: FearService, text: str) -> None:
    with pytest.raises(ValidationError, match="empty"):
        fears.add(text)
    assert fears.count() == 0


def test_thoughts_are_newest_first(fears: FearService, clock: FakeClock) -> None:
    fears.add("first")
    clock.advance(hours=1)
    fears.add("second")
    clock.advance(hours=1)
    fears.add("third")
    assert [t.text for t in fears.thoughts()] == ["third", "second", "first"]


# --- counting and weeks ----------------------------------------------------------------------


def test_summary_with_no_thoughts_is_all_zero(fears: FearService) -> None:
    summary = fears.summary()
    assert (summary.total, summary.total_last_week, summary.this_week, summary.last_week) == (0, 0, 0, 0)
    assert summary.week_start == THIS_MONDAY
    assert summary.added_since_last_week == 0


def test_summary_compares_this_week_with_last_week(fears: FearService, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 10, 12, 0).astimezone()  # two weeks back: counts in neither week
    fears.add("what if I get the information and still don't know")
    clock.now = datetime(2026, 11, 16, 8, 0).astimezone()  # Monday last week
    fears.add("what if they say no")
    clock.now = datetime(2026, 11, 22, 23, 59).astimezone()  # Sunday last week, last minute
    fears.add("what if they think I'm stupid")
    clock.now = datetime(2026, 11, 23, 0, 0).astimezone()  # Monday this week, first minute
    fears.add("what if nobody answers")
    clock.now = datetime(2026, 11, 25, 9, 30).astimezone()
    summary = fears.summary()
    assert summary.total == 4
    assert summary.total_last_week == 3
    assert summary.added_since_last_week == 1
    assert summary.this_week == 1
    assert summary.last_week == 2


def test_a_thought_that_comes_back_counts_once_on_the_list_but_each_time_in_the_week(
    fears: FearService, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 11, 17, 10, 0).astimezone()
    thought = fears.add("what if they say no")
    clock.now = datetime(2026, 11, 24, 10, 0).astimezone()
    fears.add_again(thought.id)
    clock.advance(hours=3)
    again = fears.add_again(thought.id)
    assert again.times_seen == 3
    fears.add("what if the call is awkward")
    summary = fears.summary()
    assert summary.total == 2
    assert summary.times == 4
    assert (summary.this_week, summary.last_week) == (3, 1)
    assert (summary.this_week_thoughts, summary.last_week_thoughts) == (2, 1)


def test_deleted_thoughts_leave_every_figure(fears: FearService, memory_store: Store) -> None:
    keep = fears.add("what if they say no")
    gone = fears.add("what if they think I'm stupid")
    fears.set_outcome(gone.id, Outcome.CAME_TRUE)
    fears.delete(gone.id)
    assert fears.count() == 1
    assert fears.summary().total == 1
    assert fears.summary().this_week == 1
    check = fears.reality_check()
    assert (check.total, check.tested, check.came_true, check.untested) == (1, 0, 0, 1)
    assert fears.find_similar("What if they think I'm stupid?") is None
    assert [t.id for t in fears.thoughts()] == [keep.id]
    with pytest.raises(NotFoundError):
        fears.delete(gone.id)
    with pytest.raises(NotFoundError):
        memory_store.get(Thought, gone.id)


def test_week_start_is_monday() -> None:
    assert week_start_of(date(2026, 11, 29)) == THIS_MONDAY  # a Sunday
    assert week_start_of(datetime(2026, 11, 23, 0, 0)) == THIS_MONDAY


# --- recurring thoughts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "typed"),
    [
        ("what if they say no", "What if they say NO?"),
        ("what if they say no", "what if they say no!!!"),
        ("what if they say no", "what  if   they say no"),
        ("what if they say no", "what if they just say no"),
        ("what if they say no", "what if tehy say no"),
        ("What if they think I'm stupid", "what if they think i am stupid"),
        ("what if I still don't know afterwards", "What if I still dont know afterward?"),
        ("Qu'est-ce qu'ils vont penser", "qu’est-ce qu’ils vont penser"),
    ],
)
def test_find_similar_matches_small_differences(fears: FearService, earlier: str, typed: str) -> None:
    thought = fears.add(earlier)
    assert fears.find_similar(typed) == thought


@pytest.mark.parametrize(
    ("earlier", "typed"),
    [
        ("what if they say no", "what if they say yes"),
        ("what if they say no", "what if they don't say no"),
        ("what if they think I'm stupid", "what if they think I'm boring"),
        ("what if they say no", "what if I get the information and I still don't know"),
        ("what if they ignore me", "what if they laugh at me"),
        ("a" * 500, "a" * 499 + "b"),
    ],
)
def test_find_similar_keeps_clearly_different_thoughts_apart(fears: FearService, earlier: str, typed: str) -> None:
    fears.add(earlier)
    assert fears.find_similar(typed) is None


def test_find_similar_with_no_thoughts_or_only_punctuation(fears: FearService) -> None:
    assert fears.find_similar("what if they say no") is None
    fears.add("?!")
    assert fears.find_similar("...") is None


def test_find_similar_prefers_the_closest_match(fears: FearService, clock: FakeClock) -> None:
    fears.add("what if they just say no to me")
    clock.advance(minutes=1)
    exact = fears.add("what if they say no")
    assert fears.find_similar("What if they say no?") == exact


@pytest.mark.parametrize(
    ("first", "second", "low", "high"),
    [
        ("what if they say no", "What if they say NO?", 1.0, 1.0),  # the same once folded
        ("what if they say no", "what if they just say no", 0.85, 0.95),  # one small word added
        ("what if they say no", "what if tehy say no", 0.85, 0.99),  # a typo
        ("what if they say no", "what if they say yes", 0.0, 0.0),  # a swapped word
        ("what if they say no", "what if they don't say no", 0.0, 0.0),  # a negation added
        ("a", "b", 0.0, 0.0),
        ("", "x", 0.0, 0.0),
    ],
)
def test_similarity_scores_what_it_promises(first: str, second: str, low: float, high: float) -> None:
    assert low <= similarity(first, second) <= high
    assert similarity(first, second) == pytest.approx(similarity(second, first))


def test_add_again_appends_the_time_and_keeps_the_rest(fears: FearService, clock: FakeClock) -> None:
    thought = fears.add("what if they say no")
    fears.set_likelihood(thought.id, 70)
    later = clock.advance(days=2)
    again = fears.add_again(thought.id)
    assert again.seen == (later,)
    assert again.likelihood == 70
    assert again.text == "what if they say no"
    assert fears.count() == 1
    with pytest.raises(NotFoundError):
        fears.add_again(99)


# --- second pass: likelihood, outcome, edit, links -------------------------------------------


def test_set_likelihood_validates_the_range(fears: FearService, memory_store: Store) -> None:
    thought = fears.add("what if they say no")
    assert fears.set_likelihood(thought.id, 0).likelihood == 0
    assert fears.set_likelihood(thought.id, 100).likelihood == 100
    for bad in (-1, 101, True):
        with pytest.raises(ValidationError):
            fears.set_likelihood(thought.id, bad)
    assert memory_store.get(Thought, thought.id).likelihood == 100
    assert fears.set_likelihood(thought.id, None).likelihood is None


@pytest.mark.parametrize(("typed", "value"), [("70", 70), (" 5 % ", 5), ("100%", 100), ("", None), ("0", 0)])
def test_parse_likelihood(typed: str, value: int | None) -> None:
    assert parse_likelihood(typed) == value


@pytest.mark.parametrize("typed", ["101", "-3", "lots", "5.5", "1000"])
def test_parse_likelihood_refuses(typed: str) -> None:
    with pytest.raises(ValidationError):
        parse_likelihood(typed)


@pytest.mark.parametrize(
    ("typed", "outcome"),
    [
        ("came-true", Outcome.CAME_TRUE),
        ("came true", Outcome.CAME_TRUE),
        ("partly", Outcome.PARTLY),
        ("did-not-happen", Outcome.DID_NOT_HAPPEN),
        ("didn't happen", Outcome.DID_NOT_HAPPEN),
        ("Did Not Happen", Outcome.DID_NOT_HAPPEN),
        ("untested", Outcome.UNTESTED),
        ("not tested yet", Outcome.UNTESTED),
    ],
)
def test_parse_outcome(typed: str, outcome: Outcome) -> None:
    assert parse_outcome(typed) is outcome


def test_set_outcome_saves_and_refuses_unknown_words(fears: FearService, memory_store: Store) -> None:
    thought = fears.add("what if they say no")
    fears.set_outcome(thought.id, "did-not-happen")
    assert memory_store.get(Thought, thought.id).outcome is Outcome.DID_NOT_HAPPEN
    with pytest.raises(ValidationError):
        fears.set_outcome(thought.id, "maybe")
    with pytest.raises(NotFoundError):
        fears.set_outcome(42, Outcome.PARTLY)


def test_edit_changes_the_text_and_refuses_empty(fears: FearService, memory_store: Store) -> None:
    thought = fears.add("what if they say no")
    fears.edit(thought.id, "  what if they say no, politely  ")
    assert memory_store.get(Thought, thought.id).text == "what if they say no, politely"
    with pytest.raises(ValidationError):
        fears.edit(thought.id, "   ")
    assert memory_store.get(Thought, thought.id).text == "what if they say no, politely"


def test_link_to_a_contact_or_interview_checks_they_exist(fears: FearService, memory_store: Store) -> None:
    ana = memory_store.add(Contact(name="Ana"))
    coffee = memory_store.add(Interview(contact_id=ana.id))
    thought = fears.add("what if she is too busy")
    assert fears.about(thought) == "general"
    linked = fears.link(thought.id, contact_id=ana.id)
    assert memory_store.get(Thought, thought.id).contact_id == ana.id
    assert fears.about(linked) == "Ana"
    linked = fears.link(thought.id, interview_id=coffee.id)
    assert (linked.contact_id, linked.interview_id) == (None, coffee.id)
    assert fears.about(linked) == "interview with Ana"
    assert fears.thoughts_about_interview(coffee.id) == [linked]
    with pytest.raises(NotFoundError):
        fears.link(thought.id, contact_id=99)
    with pytest.raises(NotFoundError):
        fears.link(thought.id, interview_id=99)
    with pytest.raises(NotFoundError):
        fears.add("what if", contact_id=99)
    assert fears.count() == 1
    assert memory_store.get(Thought, thought.id).interview_id == coffee.id
    assert [label for label, _c, _i in fears.link_choices()] == ["general", "interview with Ana", "Ana"]


def test_about_survives_a_removed_contact(fears: FearService, memory_store: Store) -> None:
    ana = memory_store.add(Contact(name="Ana"))
    thought = fears.add("what if", contact_id=ana.id)
    memory_store.delete(Contact, ana.id)
    assert fears.about(fears.get(thought.id)) == "a person (removed)"


# --- reality check -----------------------------------------------------------------------------


def test_reality_check_with_nothing_is_all_zero(fears: FearService) -> None:
    check = fears.reality_check()
    assert (check.total, check.tested, check.came_true, check.partly, check.did_not_happen, check.untested) == (
        0,
        0,
        0,
        0,
        0,
        0,
    )
    assert (check.asked, check.said_yes) == (0, 0)


def test_reality_check_all_untested(fears: FearService) -> None:
    for text in ("a", "b", "c"):
        fears.add(text)
    check = fears.reality_check()
    assert (check.total, check.tested, check.untested) == (3, 0, 3)


def test_reality_check_counts_outcomes_and_outreach(fears: FearService, memory_store: Store) -> None:
    ids = [fears.add(text).id for text in ("one", "two", "three", "four", "five")]
    fears.set_outcome(ids[0], Outcome.CAME_TRUE)
    fears.set_outcome(ids[1], Outcome.PARTLY)
    fears.set_outcome(ids[2], Outcome.DID_NOT_HAPPEN)
    fears.set_outcome(ids[3], Outcome.DID_NOT_HAPPEN)
    ana, ben, cat = memory_store.add_many([Contact(name="Ana"), Contact(name="Ben"), Contact(name="Cat")])
    memory_store.add_many(
        [
            Outreach(contact_id=ana.id, response=Response.NO_REPLY),
            Outreach(contact_id=ana.id, response=Response.YES),  # a follow-up that worked
            Outreach(contact_id=ben.id, response=Response.YES),
            Outreach(contact_id=cat.id, response=Response.WAITING),
        ]
    )
    check = fears.reality_check()
    assert (check.total, check.tested, check.came_true, check.partly, check.did_not_happen, check.untested) == (
        5,
        4,
        1,
        1,
        2,
        1,
    )
    assert (check.asked, check.said_yes) == (3, 2)


# --- weekly figures ----------------------------------------------------------------------------


def test_week_figures_for_the_review(fears: FearService, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 17, 9, 0).astimezone()
    a = fears.add("what if they say no")
    b = fears.add("what if they think I'm stupid")
    c = fears.add("what if I still don't know")
    clock.now = datetime(2026, 11, 24, 9, 0).astimezone()
    fears.add_again(a.id)
    fears.add("what if nobody replies")
    fears.set_outcome(a.id, Outcome.DID_NOT_HAPPEN)
    fears.set_outcome(b.id, Outcome.CAME_TRUE)
    fears.set_outcome(c.id, Outcome.DID_NOT_HAPPEN)
    last = fears.week(date(2026, 11, 16))
    assert (last.logged, last.new, last.tested, last.came_true, last.did_not_happen) == (3, 3, 3, 1, 2)
    assert last.share_came_true == pytest.approx(1 / 3)
    this = fears.week(date(2026, 11, 25))  # any day of the week finds its Monday
    assert this.week_start == THIS_MONDAY
    assert (this.logged, this.new, this.tested) == (2, 1, 0)
    assert this.share_came_true is None
    weeks = fears.weeks(3)
    assert [w.week_start for w in weeks] == [date(2026, 11, 9), date(2026, 11, 16), THIS_MONDAY]
    assert [w.logged for w in weeks] == [0, 3, 2]


def test_service_module_does_not_import_textual() -> None:
    code = "import sys, coach.services.fears, coach.cli_fear; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- changes made elsewhere while a thought was open ------------------------------------------


def test_set_outcome_on_a_stale_copy_is_refused_and_keeps_theirs(store: Store, data_file: Path) -> None:
    fears = FearService(store)
    seen = fears.add("what if they say no")
    other = Store.open(data_file)  # another coach (the CLI) on the same file
    FearService(other).set_outcome(seen.id, Outcome.CAME_TRUE)
    with pytest.raises(ConflictError) as caught:
        fears.set_outcome(seen.id, Outcome.PARTLY, seen=seen)
    assert Store.open(data_file).get(Thought, seen.id).outcome is Outcome.CAME_TRUE
    assert caught.value.changes == {"outcome": (Outcome.CAME_TRUE, Outcome.PARTLY)}
    assert caught.value.current is not None
    # "Use mine": saved over theirs, on purpose.
    fears.set_outcome(seen.id, Outcome.PARTLY, seen=caught.value.current)
    assert Store.open(data_file).get(Thought, seen.id).outcome is Outcome.PARTLY


def test_a_change_to_another_field_elsewhere_is_kept(store: Store, data_file: Path) -> None:
    fears = FearService(store)
    seen = fears.add("what if they say no")
    FearService(Store.open(data_file)).set_likelihood(seen.id, 40)
    fears.set_outcome(seen.id, Outcome.PARTLY, seen=seen)
    on_disk = Store.open(data_file).get(Thought, seen.id)
    assert (on_disk.outcome, on_disk.likelihood) == (Outcome.PARTLY, 40)


@pytest.mark.parametrize("change", ["edit", "likelihood", "link"])
def test_each_edit_on_a_stale_copy_is_refused(store: Store, data_file: Path, change: str) -> None:
    fears = FearService(store)
    ana = store.add(Contact(name="Ana"))
    bo = store.add(Contact(name="Bo"))
    seen = fears.add("what if they say no")
    theirs = FearService(Store.open(data_file))
    if change == "edit":
        theirs.edit(seen.id, "what if they say no, from the other terminal")
        with pytest.raises(ConflictError):
            fears.edit(seen.id, "what if they say no to me", seen=seen)
        assert Store.open(data_file).get(Thought, seen.id).text.endswith("from the other terminal")
    elif change == "likelihood":
        theirs.set_likelihood(seen.id, 90)
        with pytest.raises(ConflictError):
            fears.set_likelihood(seen.id, 10, seen=seen)
        assert Store.open(data_file).get(Thought, seen.id).likelihood == 90
    else:
        theirs.link(seen.id, contact_id=ana.id)
        with pytest.raises(ConflictError):
            fears.link(seen.id, contact_id=bo.id, seen=seen)
        assert Store.open(data_file).get(Thought, seen.id).contact_id == ana.id


def test_delete_of_a_thought_changed_elsewhere_asks_first(store: Store, data_file: Path) -> None:
    fears = FearService(store)
    seen = fears.add("what if they say no")
    FearService(Store.open(data_file)).set_outcome(seen.id, Outcome.DID_NOT_HAPPEN)
    with pytest.raises(ConflictError) as caught:
        fears.delete(seen.id, seen=seen)
    assert Store.open(data_file).count(Thought) == 1
    assert caught.value.changes == {"outcome": (Outcome.DID_NOT_HAPPEN, Outcome.UNTESTED)}
    fears.delete(seen.id, seen=caught.value.current)
    assert Store.open(data_file).count(Thought) == 0


def test_same_fear_again_on_words_changed_elsewhere_is_refused(store: Store, data_file: Path, clock: FakeClock) -> None:
    fears = FearService(store)
    seen = fears.add("what if they say no")
    theirs = FearService(Store.open(data_file, clock=clock))
    clock.advance(minutes=1)
    theirs.add_again(seen.id)  # counted again elsewhere: no clash, both times kept
    clock.advance(minutes=1)
    assert fears.add_again(seen.id, seen=seen).times_seen == 3
    theirs.edit(seen.id, "what if they never answer")
    with pytest.raises(ConflictError) as caught:
        fears.add_again(seen.id, seen=seen)
    assert caught.value.changes == {"text": ("what if they never answer", "what if they say no")}
    assert Store.open(data_file).get(Thought, seen.id).times_seen == 3


def test_matching_can_be_prepared_a_slice_at_a_time(fears: FearService) -> None:
    for number in range(25):
        fears.add(f"worry number {number} about the call")
    fresh = FearService(fears._store)
    steps = 0
    while not fresh.prepare_matching(limit=10):
        steps += 1
    assert steps == 2
    assert fresh.find_similar("worry number 7 about the call!") == fears.find_similar("worry number 7 about the call")


def test_a_long_thought_matches_only_itself_once_folded(fears: FearService) -> None:
    long = "what if they " + "never answer and " * 40
    thought = fears.add(long)
    assert fears.find_similar(long.upper() + "!") == thought
    assert fears.find_similar(long + "x") is None
    fears.delete(thought.id)
    assert fears.find_similar(long) is None


def test_reality_check_sets_the_guesses_against_the_answers(fears: FearService, memory_store: Store) -> None:
    from coach.screens.fears import reality_lines

    ana, ben, cat = memory_store.add_many([Contact(name="Ana"), Contact(name="Ben"), Contact(name="Cat")])
    assert fears.reality_check().evidence == ""
    memory_store.add_many(
        [
            Outreach(contact_id=ana.id, response=Response.YES, guess=20),
            Outreach(contact_id=ben.id, response=Response.NO, guess=40),
            Outreach(contact_id=cat.id, response=Response.WAITING, guess=90),  # no answer yet: not counted
        ]
    )
    check = fears.reality_check()
    assert check.evidence == "You expected 30 %; 1 of 2 said yes."
    assert reality_lines(check)[-1] == "You expected 30 %; 1 of 2 said yes."
