"""The ledger's two ways to the per-day counters agree: counted from the stored documents (before the
index is built, for a quick `coach log`) and from the whole index (records decoded, patched on change)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.models import Channel, Goal, GoalUnit, Interview, InterviewStatus, Outreach
from coach.services.goals import GoalService
from coach.services.ledger import DayCounts, Ledger, count_days
from coach.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 27, 20, 0, tzinfo=UTC)  # the weekend the clocks go forward in Berlin

moments = st.builds(
    lambda hours, zone: (START + timedelta(hours=hours)).astimezone(zone),
    st.integers(min_value=-72, max_value=72),
    st.sampled_from([UTC, BERLIN, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]),
)
outreach = st.lists(st.tuples(st.integers(min_value=1, max_value=6), moments), max_size=40)
interviews = st.lists(
    st.tuples(st.sampled_from(list(InterviewStatus)), st.one_of(st.none(), moments), st.integers(1, 6)), max_size=15
)


def _counters(counts: object) -> tuple[object, object, object]:
    return (
        dict(counts.messages),  # type: ignore[attr-defined]
        {day: dict(people) for day, people in counts.people.items()},  # type: ignore[attr-defined]
        dict(counts.conversations),  # type: ignore[attr-defined]
    )


@settings(max_examples=60, deadline=None)
@given(outreach, interviews)
def test_counting_the_documents_gives_the_index_counters(
    sent: list[tuple[int, datetime]], met: list[tuple[InterviewStatus, datetime | None, int]]
) -> None:
    store = Store.memory(clock=lambda: datetime(2026, 3, 30, 9, 0, tzinfo=BERLIN))
    store.add_many([Outreach(contact_id=who, channel=Channel.EMAIL, sent=when) for who, when in sent])
    store.add_many([Interview(contact_id=who, when=when, status=status) for status, when, who in met])
    ledger = Ledger(store)
    light, key = ledger.counts()
    assert isinstance(light, DayCounts) and key[0] == "documents"  # type: ignore[index]
    full = ledger.index()
    assert _counters(light) == _counters(full)
    for day in full.people:
        assert light.reached_on(day) == full.reached_on(day)
    # counting a window of days only: the same figures for each day in it
    for first_offset, length in ((-3, 0), (-2, 2), (0, 6), (1, 0)):
        first = datetime(2026, 3, 28).date() + timedelta(days=first_offset)
        last = first + timedelta(days=length)
        window = count_days(store.documents(Outreach), store.documents(Interview), BERLIN, (first, last))
        assert window is not None
        day = first
        while day <= last:
            assert window.messages.get(day, 0) == full.messages.get(day, 0)
            assert dict(window.people.get(day, {})) == dict(full.people.get(day, {}))
            assert window.conversations.get(day, 0) == full.conversations.get(day, 0)
            day += timedelta(days=1)
    # once the index is built, the counters come from it (and follow each change)
    counts, key = ledger.counts()
    assert counts is full and key[0] == "index"  # type: ignore[index]


def test_an_unusual_document_leaves_the_count_to_the_records() -> None:
    docs = [{"contact_id": 1, "sent": "2026-03-28T10:00:00+01:00"}]
    assert count_days(docs, [], BERLIN) is not None
    assert count_days([{"contact_id": True, "sent": "2026-03-28T10:00:00+01:00"}], [], BERLIN) is None
    assert count_days([{"contact_id": 1, "sent": 5}], [], BERLIN) is None
    assert count_days([{"contact_id": 1, "sent": "yesterday"}], [], BERLIN) is None
    assert count_days(docs, [{"status": "maybe", "when": None}], BERLIN) is None


def test_progress_counted_from_documents_matches_and_follows_a_new_log() -> None:
    now = datetime(2026, 3, 30, 9, 0, tzinfo=BERLIN)
    store = Store.memory(clock=lambda: now)
    store.add(Goal(title="two people a day", target=2, unit=GoalUnit.PEOPLE))
    store.add(Outreach(contact_id=1, sent=now - timedelta(hours=1)))
    store.add(Outreach(contact_id=1, sent=now - timedelta(hours=2)))  # the same person twice: one reached
    store.add(Outreach(contact_id=2, sent=now - timedelta(days=1)))  # yesterday
    goals = GoalService(store)
    first = goals.progress()
    assert first is not None and first.done == 1
    store.add(Outreach(contact_id=3, sent=now))
    second = goals.progress()
    assert second is not None and second.done == 2
    built = GoalService(store)
    built._ledger.index()  # the whole index first: the same answer from it
    third = built.progress()
    assert third is not None and third.done == 2


@settings(max_examples=40, deadline=None)
@given(outreach, interviews)
def test_the_index_built_in_bulk_is_the_one_built_record_by_record(
    sent: list[tuple[int, datetime]], met: list[tuple[InterviewStatus, datetime | None, int | None]]
) -> None:
    from coach.services.ledger import LedgerIndex

    store = Store.memory(clock=lambda: datetime(2026, 3, 30, 9, 0, tzinfo=BERLIN))
    store.add_many([Outreach(contact_id=who, channel=Channel.EMAIL, sent=when) for who, when in sent])
    store.add_many([Interview(contact_id=who, when=when, status=status) for status, when, who in met])
    built = Ledger(store).index()
    one_by_one = LedgerIndex(zone=BERLIN)
    for item in store.all(Outreach):
        one_by_one.add(item)
    for interview in store.all(Interview):
        one_by_one.add_interview(interview)
    assert _counters(built) == _counters(one_by_one)
    assert dict(built.met) == dict(one_by_one.met)
    assert built.log == one_by_one.log and built.by_contact == one_by_one.by_contact


def test_a_goal_counting_people_never_reads_the_interviews(monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress of a people (or messages) goal is counted without the interviews (`coach goal` never
    parses them); a goal that counts conversations still counts the interviews done that day."""
    now = datetime(2026, 3, 30, 9, 0, tzinfo=BERLIN)
    store = Store.memory(clock=lambda: now)
    store.add(Outreach(contact_id=1, sent=now - timedelta(hours=1)))
    store.add(Interview(contact_id=1, when=now - timedelta(hours=2), status=InterviewStatus.DONE))
    goal = store.add(Goal(title="two people a day", target=2, unit=GoalUnit.PEOPLE))
    read: list[str] = []
    documents = store.documents
    monkeypatch.setattr(store, "documents", lambda kind: read.append(kind.__name__) or documents(kind))
    progress = GoalService(store).progress()
    assert progress is not None and progress.done == 1 and read == ["Outreach"]
    store.update(replace(goal, unit=GoalUnit.CONVERSATIONS, target=1))
    progress = GoalService(store).progress()
    assert progress is not None and progress.done == 1 and "Interview" in read
