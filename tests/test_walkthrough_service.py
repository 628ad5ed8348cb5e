"""The walkthrough's service on fixed data: where it resumes, what each step shows, what it saves."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.errors import NotFoundError, ValidationError
from coach.models import (
    Career,
    Channel,
    Contact,
    Goal,
    GoalUnit,
    Interview,
    InterviewStatus,
    Outcome,
    Outreach,
    Period,
    PrepItem,
    Response,
    Thought,
)
from coach.services import Services
from coach.services.walkthrough import LAST_STEP, STEPS, WalkthroughService, past_fears_text, span_text
from coach.store import Store
from tests.conftest import FakeClock


def walkthrough(store: Store) -> WalkthroughService:
    return Services.create(store).walkthrough


def plan(store: Store, clock: FakeClock, *, hours: float = 2, name: str = "Ana Ruiz", **fields: object) -> Interview:
    ana = store.add(Contact(name=name))
    return store.add(Interview(contact_id=ana.id, when=clock() + timedelta(hours=hours), **fields))  # type: ignore[arg-type]


def test_five_steps_in_order() -> None:
    assert [step.number for step in STEPS] == [1, 2, 3, 4, 5] == list(range(1, LAST_STEP + 1))
    assert [step.key for step in STEPS] == ["fears", "goal", "prep", "curious", "fun"]


def test_a_new_walk_starts_at_step_one(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    state = walkthrough(memory_store).start(interview.id)
    assert (state.step, state.draft, state.person) == (1, "", "Ana Ruiz")
    assert state.heading.startswith("Coffee with Ana Ruiz · ")


def test_resumes_at_step_three_with_the_draft_after_reopening(data_file: Path, clock: FakeClock) -> None:
    store = Store.open(data_file, clock=clock)
    interview = plan(store, clock)
    walk = walkthrough(store)
    walk.go(interview.id, 2)
    walk.go(interview.id, 3)
    walk.save_draft(interview.id, 3, "What surprised you\x1b[31m most?")
    store.close()

    reopened = Store.open(data_file, clock=clock)
    stored = reopened.get(Interview, interview.id)
    assert (stored.walk_step, stored.walk_draft) == (3, "What surprised you[31m most?")  # ESC removed
    state = walkthrough(reopened).start(interview.id)
    assert (state.step, state.draft) == (3, "What surprised you[31m most?")


def test_go_carries_the_draft_of_the_step_it_moves_to(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    walk = walkthrough(memory_store)
    walk.save_draft(interview.id, 1, "half a worry")
    walk.go(interview.id, 2)
    assert (
        memory_store.get(Interview, interview.id).walk_step,
        memory_store.get(Interview, interview.id).walk_draft,
    ) == (
        2,
        "",
    )
    walk.go(interview.id, 1, draft="half a worry")
    assert memory_store.get(Interview, interview.id).walk_draft == "half a worry"


def test_an_unchanged_draft_is_not_written_again(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    walk = walkthrough(memory_store)
    walk.save_draft(interview.id, 1, "same")
    before = memory_store.generation
    walk.save_draft(interview.id, 1, "same")
    assert memory_store.generation == before


@pytest.mark.parametrize("step", [0, 6, -1, True])
def test_steps_outside_one_to_five_are_refused(memory_store: Store, clock: FakeClock, step: int) -> None:
    interview = plan(memory_store, clock)
    with pytest.raises(ValidationError, match="steps 1 to 5"):
        walkthrough(memory_store).go(interview.id, step)
    assert memory_store.get(Interview, interview.id).walk_step == 0


def test_an_unknown_interview_is_not_found(memory_store: Store) -> None:
    walk = walkthrough(memory_store)
    with pytest.raises(NotFoundError):
        walk.start(42)
    with pytest.raises(NotFoundError):
        walk.save_draft(42, 1, "x")


def test_add_fear_links_the_interview_and_clears_the_draft(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    walk = walkthrough(memory_store)
    walk.save_draft(interview.id, 1, "what if I go bla")
    thought = walk.add_fear(interview.id, "what if I go blank")
    stored = memory_store.get(Thought, thought.id)
    assert (stored.text, stored.interview_id) == ("what if I go blank", interview.id)
    assert memory_store.get(Interview, interview.id).walk_draft == ""
    view = walk.fears_view(interview.id)
    assert [t.text for t in view.linked] == ["what if I go blank"]
    assert view.count_text.startswith("1 fear written down for this conversation")
    with pytest.raises(ValidationError):
        walk.add_fear(interview.id, "   ")
    assert memory_store.count(Thought) == 1


def test_step_one_says_what_became_of_past_fears(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    memory_store.add_many(
        [
            Thought(text="they'll say no", outcome=Outcome.DID_NOT_HAPPEN),
            Thought(text="I'll stutter", outcome=Outcome.CAME_TRUE),
            Thought(text="awkward silence", outcome=Outcome.DID_NOT_HAPPEN),
            Thought(text="untested one"),
            Thought(text="about this one", interview_id=interview.id),
        ]
    )
    view = walkthrough(memory_store).fears_view(interview.id)
    assert view.past_text == "Of 3 past worries you tested, 1 came true. The rest didn't happen."
    assert len(view.linked) == 1


def test_past_fears_words() -> None:
    assert past_fears_text(12, 1, 0, 20) == "Of 12 past worries you tested, 1 came true. The rest didn't happen."
    assert past_fears_text(2, 1, 1, 2) == "Of 2 past worries you tested, 1 came true and 1 partly."
    assert past_fears_text(1, 0, 0, 1) == "Of 1 past worry you tested, 0 came true. The rest didn't happen."
    assert past_fears_text(0, 0, 0, 0).startswith("This is the first worry")
    assert past_fears_text(0, 0, 0, 1).startswith("Your other worry hasn't been tested")
    assert past_fears_text(0, 0, 0, 4).startswith("None of your 4 other worries")


def test_step_two_places_the_conversation_in_a_conversations_goal(memory_store: Store, clock: FakeClock) -> None:
    memory_store.add(Goal(target=3, unit=GoalUnit.CONVERSATIONS, period=Period.WEEK, start=clock().date()))
    earlier = plan(memory_store, clock, hours=-3, name="Bo", status=InterviewStatus.DONE)
    assert earlier.id
    interview = plan(memory_store, clock, hours=2)
    view = walkthrough(memory_store).goal_view(interview.id)
    assert view.goal_text == "Your goal: 3 conversations a week."
    assert view.progress_text == "1 of 3 conversations this week"
    assert view.fraction == pytest.approx(1 / 3)
    assert view.fits[0] == "Once it's held, it counts toward your goal: 2 of 3 this week."


def test_step_two_other_goals_and_where_it_came_from(memory_store: Store, clock: FakeClock) -> None:
    memory_store.add(Goal(target=2, unit=GoalUnit.PEOPLE, period=Period.DAY, start=clock().date()))
    ana = memory_store.add(Contact(name="Ana Ruiz"))
    ask = memory_store.add(
        Outreach(
            contact_id=ana.id,
            channel=Channel.EMAIL,
            sent=clock() - timedelta(days=3),
            response=Response.YES,
            answered=clock() - timedelta(days=2),
        )
    )
    career = memory_store.add(Career(title="[b]UX research[/b]"))
    interview = memory_store.add(
        Interview(
            contact_id=ana.id,
            when=clock() + timedelta(days=1),
            outreach_id=ask.id,
            career_id=career.id,
            leave_knowing="whether research pays the bills",
        )
    )
    fits = walkthrough(memory_store).goal_view(interview.id).fits
    assert "what all that reaching out was for" in fits[0]
    assert fits[1].startswith("It began with your e-mail on ")
    assert fits[2] == "It tells you more about a career you're exploring: [b]UX research[/b]."
    assert fits[3] == "You want to leave knowing: whether research pays the bills"


def test_step_two_without_a_goal(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    view = walkthrough(memory_store).goal_view(interview.id)
    assert view.fraction is None and view.progress_text == ""
    assert "haven't set a goal" in view.goal_text


def test_step_three_puts_open_items_first_and_edits_in_place(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock, ready=("time", "route"))
    walk = walkthrough(memory_store)
    view = walk.prep_view(interview.id)
    assert [line.ready for line in view.logistics] == [False] * 5 + [True] * 2
    assert [line.key for line in view.logistics[-2:]] == ["time", "route"]
    assert view.readiness_text == "2 of 7 ready"
    assert "no questions yet" in view.open_text

    walk.set_ready(interview.id, ["time", "route", "place"])
    first = walk.add_question(interview.id, "How did you start?")
    walk.add_question(interview.id, "What would you do differently?")
    walk.star(first.id, True)
    assert memory_store.get(Interview, interview.id).ready == ("time", "place", "route")
    view = walk.prep_view(interview.id)
    assert view.readiness_text == "3 of 7 ready"
    assert [(q.text, q.starred) for q in view.questions] == [
        ("How did you start?", True),
        ("What would you do differently?", False),
    ]
    assert view.open_text == "Still open: things to bring, research, questions, phone and quiet spot."

    walk.set_ready(interview.id, [item.key for item in view.logistics])
    assert walk.prep_view(interview.id).open_text == "Everything on the checklist is ready."


def test_add_question_clears_the_draft(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    walk = walkthrough(memory_store)
    walk.save_draft(interview.id, 3, "How did you")
    walk.add_question(interview.id, "How did you start?")
    stored = memory_store.get(Interview, interview.id)
    assert (stored.walk_step, stored.walk_draft) == (3, "")


def test_step_four_shows_the_starred_questions(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    memory_store.add_many(
        [
            PrepItem(interview_id=interview.id, text="one", rank=0, starred=True),
            PrepItem(interview_id=interview.id, text="two", rank=1),
            PrepItem(interview_id=interview.id, text="three", rank=2, starred=True),
        ]
    )
    view = walkthrough(memory_store).curious_view(interview.id)
    assert [q.text for q in view.starred] == ["one", "three"]
    assert view.other_questions == 1
    assert any("listen" in line.lower() for line in view.reminders)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (timedelta(hours=2, minutes=10), "Ana Ruiz expects you in 2 h 10 min ("),
        (timedelta(minutes=45), "Ana Ruiz expects you in 45 min ("),
        (timedelta(days=3, hours=1), "Ana Ruiz expects you in 3 days ("),
        (timedelta(seconds=20), "It's starting now ("),
        (timedelta(minutes=-5), "It started 5 min ago ("),
        (timedelta(days=-2), "It was 2 days ago ("),
    ],
)
def test_step_five_counts_down(memory_store: Store, clock: FakeClock, offset: timedelta, expected: str) -> None:
    interview = plan(memory_store, clock, hours=offset.total_seconds() / 3600)
    view = walkthrough(memory_store).fun_view(interview.id)
    assert view.time_left.startswith(expected)
    assert view.send_off


def test_span_words() -> None:
    assert span_text(timedelta(hours=1)) == "1 h"
    assert span_text(timedelta(days=1, hours=4)) == "1 day 4 h"
    assert span_text(timedelta(minutes=1)) == "1 min"


def test_finish_marks_it_walked_and_starts_over_next_time(memory_store: Store, clock: FakeClock) -> None:
    interview = plan(memory_store, clock)
    walk = walkthrough(memory_store)
    walk.go(interview.id, 5)
    walk.save_draft(interview.id, 5, "")
    clock.advance(minutes=7)
    walk.finish(interview.id)
    stored = memory_store.get(Interview, interview.id)
    assert (stored.walked, stored.walk_step, stored.walk_draft) == (clock(), 0, "")
    assert walk.start(interview.id).step == 1


# --- coach walk [ID] ------------------------------------------------------------------------------


def test_coach_walk_without_an_interview_is_one_line_and_exit_1(
    data_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.__main__ import main

    assert main(["--data", str(data_file), "walk"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("coach walk: no interview coming up")
    assert main(["--data", str(data_file), "walk", "7"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no interview #7" in err


def test_coach_walk_opens_the_next_interview_or_the_one_named(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach import app as app_module
    from coach.__main__ import main

    clock = FakeClock(datetime.now().astimezone())  # the command reads the real time
    store = Store.open(data_file, clock=clock)

    later = plan(store, clock, hours=30, name="Later")
    plan(store, clock, hours=-5, name="Over", status=InterviewStatus.PLANNED)
    soon = plan(store, clock, hours=1, name="Soon")
    opened: list[int | None] = []

    def fake_run(self: app_module.CoachApp) -> int:
        opened.append(self._walk)
        return 0

    monkeypatch.setattr(app_module.CoachApp, "run", fake_run)
    assert main(["--data", str(data_file), "walk"]) == 0
    assert main(["--data", str(data_file), "walk", str(later.id)]) == 0
    assert opened == [soon.id, later.id]
    store.close()
