"""InterviewService on fixed data: planning, the list, prep (aims, questions, stars, logistics), the cheat sheet."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coach.errors import ConflictError, NotFoundError, ValidationError
from coach.models import (
    Career,
    Contact,
    Interview,
    InterviewStatus,
    Outreach,
    PrepItem,
    Reflection,
    Response,
    Setting,
)
from coach.services import Services
from coach.services.interviews import (
    LOGISTICS,
    SHEET_WIDTH,
    InterviewDraft,
    cell_width,
    load_bank,
    parse_bank,
    render_cheat_sheet,
    wrap,
)
from coach.store import Store
from coach.text import clean_text
from tests.conftest import FakeClock

# The fixed clock stands on Wednesday 25 November 2026, 09:30.


@pytest.fixture
def services(clock: FakeClock) -> Services:
    return Services.create(Store.memory(clock=clock))


def at(clock: FakeClock, days: float = 0, hour: int = 15, minute: int = 0) -> datetime:
    return (clock.now + timedelta(days=days)).replace(hour=hour, minute=minute, second=0, microsecond=0)


def stamp(when: datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M}"


# --- planning ------------------------------------------------------------------------------------


def test_plan_adds_a_new_person_and_career_once(services: Services, clock: FakeClock) -> None:
    store, interviews = services.store, services.interviews
    first = interviews.plan(
        InterviewDraft("Ana Ruiz", "fri 3pm", setting="video", place="https://meet.example/ana", minutes="45 min",
                       career="UX Research")
    )  # fmt: skip
    assert [c.name for c in store.all(Contact)] == ["Ana Ruiz"]
    assert [c.title for c in store.all(Career)] == ["UX Research"]
    saved = store.get(Interview, first.id)
    assert saved.contact_id == store.all(Contact)[0].id
    assert saved.career_id == store.all(Career)[0].id
    assert saved.when == at(clock, 2)  # Friday 27 November
    assert (saved.setting, saved.place, saved.minutes, saved.status) == (
        Setting.VIDEO,
        "https://meet.example/ana",
        45,
        InterviewStatus.PLANNED,
    )
    # the same person (any case) and the same career option (any case) are reused
    second = interviews.plan(InterviewDraft("ana ruiz", "mon 10:00", career="ux research"))
    assert len(store.all(Contact)) == 1 and len(store.all(Career)) == 1
    assert (second.contact_id, second.career_id) == (first.contact_id, first.career_id)
    assert interviews.name_of(second) == "Ana Ruiz"
    assert interviews.find_career("  UX RESEARCH ") == store.all(Career)[0]


def test_plan_links_a_known_contact_and_an_outreach(services: Services) -> None:
    store = services.store
    bo = services.people.add("Bo Li")
    ask = store.add(Outreach(contact_id=bo.id, response=Response.YES))
    draft = services.interviews.draft_from_outreach(ask.id)
    assert draft == InterviewDraft(person="Bo Li", when="")
    interview = services.interviews.plan(
        InterviewDraft(draft.person, "tomorrow 9am"), contact_id=bo.id, outreach_id=ask.id
    )
    assert (interview.contact_id, interview.outreach_id) == (bo.id, ask.id)
    assert len(store.all(Contact)) == 1


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (InterviewDraft("  ", "fri 3pm"), "name"),
        (InterviewDraft("Ana", ""), "when you meet"),
        (InterviewDraft("Ana", "whenever"), "as a date"),
        (InterviewDraft("Ana", "fri"), "time of day"),
        (InterviewDraft("Ana", "fri 3pm", minutes="3"), "5 to 600"),
        (InterviewDraft("Ana", "fri 3pm", minutes="601"), "5 to 600"),
        (InterviewDraft("Ana", "fri 3pm", minutes="half an hour"), "number of minutes"),
        (InterviewDraft("Ana", "fri 3pm", setting="boat"), "coffee, lunch"),
    ],
)
def test_bad_input_saves_nothing(services: Services, draft: InterviewDraft, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        services.interviews.plan(draft)
    store = services.store
    assert (store.all(Interview), store.all(Contact), store.all(Career)) == ([], [], [])


def test_describe_when_echoes_with_the_weekday(services: Services) -> None:
    interviews = services.interviews
    assert interviews.describe_when("fri 3pm") == "Fri 27 Nov, 15:00"
    assert interviews.describe_when("2027-01-08 09:05") == "Fri 8 Jan 2027, 09:05"
    with pytest.raises(ValidationError):
        interviews.describe_when("the day after never")


def test_edit_changes_person_and_career_and_detects_a_clash(services: Services, clock: FakeClock) -> None:
    interviews, store = services.interviews, services.store
    planned = interviews.plan(InterviewDraft("Ana Ruiz", "fri 3pm", career="Teaching"))
    draft = interviews.draft_of(planned)
    assert draft == InterviewDraft("Ana Ruiz", stamp(at(clock, 2)), "coffee", "", "30", "Teaching")
    moved = interviews.edit(planned.id, InterviewDraft("Cy Park", "sat 11:00", "lunch", "Deli", "60", ""))
    assert interviews.name_of(moved) == "Cy Park" and moved.career_id is None
    assert (moved.when, moved.setting, moved.minutes) == (at(clock, 3, 11), Setting.LUNCH, 60)
    assert len(store.all(Contact)) == 2
    # someone else moved it meanwhile: editing the old copy raises a clash, nothing saved
    interviews.edit(moved.id, InterviewDraft("Cy Park", "sun 11:00", "lunch", "Deli", "60"), seen=moved)
    with pytest.raises(ConflictError):
        interviews.edit(moved.id, InterviewDraft("Cy Park", "mon 11:00", "lunch", "Deli", "60"), seen=moved)
    assert store.get(Interview, moved.id).when == at(clock, 4, 11)


def test_status_and_unknown_ids(services: Services) -> None:
    interviews = services.interviews
    planned = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    assert interviews.set_status(planned.id, "done").status is InterviewStatus.DONE
    with pytest.raises(ValidationError):
        interviews.set_status(planned.id, "maybe")
    with pytest.raises(NotFoundError, match="no interview #99"):
        interviews.get(99)
    with pytest.raises(NotFoundError):
        interviews.cheat_sheet(99)


# --- the list ------------------------------------------------------------------------------------


def test_listing_upcoming_soonest_first_then_past_latest_first(services: Services, clock: FakeClock) -> None:
    interviews, store = services.interviews, services.store

    def plan(name: str, days: float, hour: int, status: InterviewStatus = InterviewStatus.PLANNED) -> Interview:
        made = interviews.plan(InterviewDraft(name, stamp(at(clock, days, hour))))
        return made if status is InterviewStatus.PLANNED else interviews.set_status(made.id, status)

    later = plan("Later", 6, 10)
    soon = plan("Soon", 1, 10)
    moving = plan("Moving", 3, 10, InterviewStatus.RESCHEDULED)
    running = plan("Running now", 0, 9)  # 09:00-09:30 ends at 09:30: over
    clock.now = clock.now - timedelta(minutes=1)  # 09:29: still on
    still = interviews.next_interview()
    clock.now = clock.now + timedelta(minutes=1)
    done = plan("Done", -2, 10, InterviewStatus.DONE)
    cancelled = plan("Cancelled", -1, 10, InterviewStatus.CANCELLED)
    forgotten = plan("Forgotten", -5, 10)  # planned but long past
    store.add(Reflection(interview_id=done.id, learned="a lot", complete=True))
    store.add(Reflection(interview_id=forgotten.id, learned="half", complete=False))
    interviews.set_ready(soon.id, ["time", "place", "route", "bring", "research"])

    rows = interviews.listing()
    assert [row.interview.id for row in rows] == [
        soon.id,
        moving.id,
        later.id,
        running.id,
        cancelled.id,
        done.id,
        forgotten.id,
    ]
    assert [row.upcoming for row in rows] == [True, True, True, False, False, False, False]
    assert [row.person for row in rows][:3] == ["Soon", "Moving", "Later"]
    by_id = {row.interview.id: row for row in rows}
    assert by_id[soon.id].readiness.text == "5 of 7 ready"
    assert by_id[later.id].readiness.text == "0 of 7 ready"
    assert [row.reflected for row in rows if not row.upcoming] == [False, False, True, False]
    assert still is not None and still.id == running.id
    assert interviews.next_interview() == store.get(Interview, soon.id)  # the rescheduled one isn't settled


def test_listing_counts_questions_and_handles_a_removed_person(services: Services) -> None:
    interviews = services.interviews
    planned = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    first = interviews.add_question(planned.id, "What changed for you?")
    interviews.add_question(planned.id, "Who else?")
    interviews.star(first.id, True)
    services.people.delete(planned.contact_id or 0)
    (row,) = interviews.listing()
    assert (row.questions, row.starred, row.person) == (2, 1, "someone")
    assert interviews.name_of(row.interview) == "someone"


# --- prep ----------------------------------------------------------------------------------------


def test_aims_leave_knowing_and_research(services: Services) -> None:
    interviews, store = services.interviews, services.store
    planned = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    interviews.set_aims(planned.id, ["Learn her path\x1b[2J", "", "  ", "Hear about the team"])
    interviews.set_leave_knowing(planned.id, "Whether a course\nis worth it")
    interviews.set_research(planned.id, "Acme since 2019\r\nRuns \x07the design team")
    saved = store.get(Interview, planned.id)
    assert saved.aims == ("Learn her path[2J", "Hear about the team")
    assert saved.leave_knowing == "Whether a course is worth it"
    assert saved.research == "Acme since 2019\nRuns the design team"
    with pytest.raises(ValidationError, match="Three aims"):
        interviews.set_aims(planned.id, ["a", "b", "c", "d"])
    assert store.get(Interview, planned.id).aims == saved.aims


def test_logistics_and_readiness(services: Services) -> None:
    interviews, store = services.interviews, services.store
    assert len(LOGISTICS) == 7 and len({item.key for item in LOGISTICS}) == 7
    planned = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    assert interviews.readiness(planned).text == "0 of 7 ready"
    interviews.set_ready(planned.id, ["quiet", "time", "place", "route", "bring"])
    saved = store.get(Interview, planned.id)
    assert saved.ready == ("time", "place", "route", "bring", "quiet")  # checklist order
    readiness = interviews.readiness(saved)
    assert (readiness.done, readiness.total, readiness.text) == (5, 7, "5 of 7 ready")
    assert [item.key for item in readiness.missing] == ["research", "questions"]
    ticked = [item.key for item, done in interviews.logistics(planned.id) if done]
    assert ticked == ["time", "place", "route", "bring", "quiet"]
    with pytest.raises(ValidationError):
        interviews.set_ready(planned.id, ["time", "unicorn"])
    assert store.get(Interview, planned.id).ready == saved.ready
    interviews.set_ready(planned.id, [item.key for item in LOGISTICS])
    assert interviews.readiness(store.get(Interview, planned.id)).complete


def test_three_stars_at_most(services: Services) -> None:
    interviews, store = services.interviews, services.store
    planned = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    items = [interviews.add_question(planned.id, f"Question {n}?") for n in range(5)]
    for item in items[:3]:
        interviews.star(item.id, True)
    with pytest.raises(ValidationError, match="Three stars already"):
        interviews.star(items[3].id, True)
    assert [item.text for item in store.all(PrepItem) if item.starred] == ["Question 0?", "Question 1?", "Question 2?"]
    interviews.star(items[1].id, False)
    interviews.star(items[4].id, True)
    assert [item.text for item in interviews.starred(planned.id)] == ["Question 0?", "Question 2?", "Question 4?"]
    # stars are counted per interview
    other = interviews.plan(InterviewDraft("Bo", "sat 3pm"))
    assert interviews.star(interviews.add_question(other.id, "Mine?").id, True).starred


def test_questions_keep_their_order_and_refuse_duplicates(services: Services) -> None:
    interviews = services.interviews
    planned = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    bank_question = interviews.bank()[0].questions[0]
    first = interviews.add_question(planned.id, bank_question.text, source=bank_question.id)
    interviews.add_question(planned.id, "What do you read?")
    with pytest.raises(ValidationError, match="already"):
        interviews.add_question(planned.id, "what do you READ?")
    with pytest.raises(ValidationError):
        interviews.add_question(planned.id, "   ")
    with pytest.raises(NotFoundError):
        interviews.add_question(99, "Anything?")
    assert [item.text for item in interviews.questions(planned.id)] == [bank_question.text, "What do you read?"]
    assert interviews.questions(planned.id)[0].source == bank_question.id
    interviews.remove_question(first.id)
    assert [item.text for item in interviews.questions(planned.id)] == ["What do you read?"]
    asked = interviews.mark_asked(interviews.questions(planned.id)[0].id, True)
    answered = interviews.set_answer(asked.id, "Two newsletters\x1b[0m\nand a podcast")
    assert (answered.done, answered.answer) == (True, "Two newsletters[0m\nand a podcast")


def test_reorder_swaps_and_persists(data_file: Path, clock: FakeClock) -> None:
    store = Store.open(data_file, clock=clock)
    interviews = Services.create(store).interviews
    planned = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    a, b, c, d = (interviews.add_question(planned.id, text) for text in ("A?", "B?", "C?", "D?"))
    assert [item.text for item in interviews.move_question(c.id, -1)] == ["A?", "C?", "B?", "D?"]
    assert [item.text for item in interviews.move_question(a.id, -5)] == ["A?", "C?", "B?", "D?"]  # at the top already
    assert [item.text for item in interviews.move_question(a.id, 10)] == ["C?", "B?", "D?", "A?"]
    assert [item.text for item in interviews.move_question(d.id, 1)] == ["C?", "B?", "A?", "D?"]
    store.close()
    reopened = Store.open(data_file, clock=clock)
    try:
        items = sorted((item for item in reopened.all(PrepItem)), key=lambda item: item.rank)
        assert [item.text for item in items] == ["C?", "B?", "A?", "D?"]
        assert [item.rank for item in items] == [0, 1, 2, 3]
        assert b.id in {item.id for item in items}
    finally:
        reopened.close()


def test_reorder_settles_equal_ranks(services: Services) -> None:
    interviews, store = services.interviews, services.store
    planned = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    x, y, z = store.add_many([PrepItem(interview_id=planned.id, text=t, rank=0) for t in ("X?", "Y?", "Z?")])
    assert [item.text for item in interviews.questions(planned.id)] == ["X?", "Y?", "Z?"]  # ties by id
    assert [item.text for item in interviews.move_question(z.id, -1)] == ["X?", "Z?", "Y?"]
    assert [item.text for item in interviews.questions(planned.id)] == ["X?", "Z?", "Y?"]
    assert {x.id, y.id} <= {item.id for item in interviews.questions(planned.id)}


def test_own_questions_are_offered_again(services: Services, clock: FakeClock) -> None:
    interviews = services.interviews
    bank_text = interviews.bank()[1].questions[0].text
    first = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    interviews.add_question(first.id, "How did the move to Berlin go?")
    interviews.add_question(first.id, bank_text, source="")  # typed by hand, but the bank has it
    clock.advance(days=1)
    second = interviews.plan(InterviewDraft("Bo", "sat 3pm"))
    interviews.add_question(second.id, "What would you tell your younger self?")
    interviews.add_question(second.id, "how did the move to berlin go?")
    interviews.add_question(
        second.id, interviews.bank()[0].questions[0].text, source=interviews.bank()[0].questions[0].id
    )
    assert interviews.own_questions() == [
        "how did the move to berlin go?",
        "What would you tell your younger self?",
    ]
    assert interviews.own_questions(limit=1) == ["how did the move to berlin go?"]
    third = interviews.plan(InterviewDraft("Cy", "sun 3pm"))
    interviews.add_question(third.id, "What would you tell your younger self?")
    assert interviews.own_questions(exclude_interview=third.id) == ["how did the move to berlin go?"]


def test_delete_removes_its_prep_items_only(services: Services) -> None:
    interviews, store = services.interviews, services.store
    gone = interviews.plan(InterviewDraft("Ana", "fri 3pm"))
    kept = interviews.plan(InterviewDraft("Bo", "sat 3pm"))
    for text in ("One?", "Two?"):
        interviews.add_question(gone.id, text)
    interviews.add_question(kept.id, "Stays?")
    interviews.delete(gone.id)
    assert [i.id for i in store.all(Interview)] == [kept.id]
    assert [(item.interview_id, item.text) for item in store.all(PrepItem)] == [(kept.id, "Stays?")]
    assert len(store.all(Contact)) == 2  # the people stay
    with pytest.raises(NotFoundError):
        interviews.delete(gone.id)


# --- the bank ------------------------------------------------------------------------------------


def test_the_packaged_bank_has_its_shape() -> None:
    bank = load_bank()
    assert [group.key for group in bank] == ["trends", "path", "advice", "resources", "people"]
    questions = [question for group in bank for question in group.questions]
    assert 25 <= len(questions) <= 35
    assert len({question.id for question in questions}) == len(questions)
    assert len({question.text.casefold() for question in questions}) == len(questions)
    for group in bank:
        assert group.title and len(group.questions) >= 4
        for question in group.questions:
            assert question.text.endswith("?") and question.text == question.text.strip()
            assert question.text.isprintable() and len(question.text) <= 100
            assert question.id.startswith(f"{group.key}-")
    assert load_bank() is bank  # read once


def test_the_bank_file_matches_what_is_loaded() -> None:
    raw = Path(__file__).parent.parent / "coach" / "data" / "question_bank.json"
    assert parse_bank(json.loads(raw.read_text(encoding="utf-8"))) == load_bank()


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"groups": {}},
        {"groups": [{"key": "a", "title": "A", "questions": []}]},
        {"groups": [{"key": "", "title": "A", "questions": [{"id": "x", "text": "X?"}]}]},
        {"groups": [{"key": "a", "title": "A", "questions": [{"id": "x", "text": " "}]}]},
        {"groups": [{"key": "a", "title": "A", "questions": [{"id": "x", "text": "X?"}, {"id": "x", "text": "Y?"}]}]},
    ],
)
def test_a_misshapen_bank_is_refused(document: object) -> None:
    with pytest.raises(ValueError):
        parse_bank(document)


# --- the cheat sheet -----------------------------------------------------------------------------


def typical(services: Services, name: str = "Ana Ruiz") -> int:
    interviews = services.interviews
    planned = interviews.plan(InterviewDraft(name, "fri 3pm", place="Café Luna, Main Street", career="UX research"))
    interviews.set_aims(
        planned.id, ["Learn how she moved from teaching into research", "Hear what a normal week holds"]
    )
    interviews.set_leave_knowing(planned.id, "Whether a bootcamp is worth it for someone like me")
    bank = interviews.bank()
    picked = [
        bank[0].questions[0],
        bank[0].questions[1],
        bank[1].questions[0],
        bank[1].questions[1],
        bank[2].questions[0],
    ]
    items = [interviews.add_question(planned.id, q.text, source=q.id) for q in picked]
    interviews.add_question(planned.id, "Which team would you join today?")
    for item in items[2:5]:
        interviews.star(item.id, True)
    interviews.set_research(
        planned.id,
        "Acme since 2019; leads a team of four researchers and writes about diary studies.\n\n"
        "Studied biology first\nLikes climbing\nA fourth line",
    )
    interviews.set_ready(planned.id, ["time", "place", "route", "bring", "research"])
    return planned.id


def test_cheat_sheet_fits_60_by_20_with_starred_first(services: Services) -> None:
    interview_id = typical(services)
    sheet = services.interviews.cheat_sheet(interview_id)
    bank = services.interviews.bank()
    assert sheet.starred == (bank[1].questions[0].text, bank[1].questions[1].text, bank[2].questions[0].text)
    assert sheet.others[-1] == "Which team would you join today?" and len(sheet.others) == 3
    text = render_cheat_sheet(sheet, "text")
    lines = text.splitlines()
    assert len(lines) <= 20, text
    assert max(cell_width(line) for line in lines) <= SHEET_WIDTH, text
    assert lines[0] == "Coffee with Ana Ruiz · UX research"
    assert lines[1] == "Fri 27 Nov, 15:00 · 30 min · Café Luna, Main Street"
    assert "  1. Learn how she moved from teaching into research" in lines
    assert "Leave knowing: Whether a bootcamp is worth it for someone" in lines
    stars = [index for index, line in enumerate(lines) if line.startswith("  ★ ")]
    others = [index for index, line in enumerate(lines) if line.startswith("  - ")]
    assert len(stars) == 3 and len(others) == 3 and max(stars) < min(others)
    assert "  Studied biology first" in lines and "Likes climbing" not in text  # the first two note lines
    assert lines[-1].startswith("5 of 7 ready · still open: questions")


def test_cheat_sheet_with_many_questions_stays_short(services: Services) -> None:
    interview_id = typical(services)
    for n in range(12):
        services.interviews.add_question(interview_id, f"Extra question number {n} about something quite long indeed?")
    lines = render_cheat_sheet(services.interviews.cheat_sheet(interview_id), "text").splitlines()
    assert "  (and 13 more)" in lines
    assert len(lines) <= 20 and max(cell_width(line) for line in lines) <= SHEET_WIDTH


def test_cheat_sheet_of_a_bare_interview(services: Services) -> None:
    planned = services.interviews.plan(InterviewDraft("Bo", "sat 10:00", setting="call"))
    text = render_cheat_sheet(services.interviews.cheat_sheet(planned.id), "text")
    assert text.splitlines()[0] == "Call with Bo"
    assert "Aims" not in text and "Questions" not in text and "Notes" not in text
    assert "0 of 7 ready" in text


def test_cheat_sheet_shows_hostile_text_literally_without_control_characters(services: Services) -> None:
    interviews = services.interviews
    hostile = "Ana [b]Bold[/b] [@click=quit] \x1b]0;owned\x07\x1b[31m"
    planned = interviews.plan(InterviewDraft(hostile, "fri 3pm", place="[/]\x9b2J"))
    interviews.add_question(planned.id, "*Really?* [link](http://x) `code` \x00#1")
    interviews.set_research(planned.id, "# not a heading\x1b[0m\n- not a list")
    formats: tuple[Literal["text", "md"], ...] = ("text", "md")
    for fmt in formats:
        rendered = render_cheat_sheet(interviews.cheat_sheet(planned.id), fmt)
        assert not any((ord(char) < 32 and char != "\n") or 0x7F <= ord(char) <= 0x9F for char in rendered)
    text = render_cheat_sheet(interviews.cheat_sheet(planned.id), "text")
    assert "Ana [b]Bold[/b] [@click=quit] ]0;owned[31m" in text
    assert "[/]2J" in text and "*Really?* [link](http://x) `code` #1" in text
    md = render_cheat_sheet(interviews.cheat_sheet(planned.id), "md")
    assert md.startswith("# Coffee with Ana \\[b\\]Bold\\[/b\\] \\[@click=quit\\]")
    assert "\\*Really?\\* \\[link\\](http://x) \\`code\\` #1" in md
    assert "- \\# not a heading" in md and "- \\- not a list" in md


def test_markdown_cheat_sheet(services: Services) -> None:
    md = render_cheat_sheet(services.interviews.cheat_sheet(typical(services)), "md")
    lines = md.splitlines()
    assert lines[0] == "# Coffee with Ana Ruiz"
    assert "- **When:** Fri 27 Nov, 15:00 (30 min)" in lines
    assert "- **Career option:** UX research" in lines
    assert "1. Learn how she moved from teaching into research" in lines
    assert "**Leave knowing:** Whether a bootcamp is worth it for someone like me" in lines
    questions = [line for line in lines if line.startswith("- ") and "?" in line]
    assert [line.startswith("- ★ ") for line in questions] == [True, True, True, False, False, False]
    assert "5 of 7 ready." in lines


def test_wrap_counts_wide_characters_and_cuts_long_words() -> None:
    assert wrap("ab cd ef", 5) == ["ab cd", "ef"]
    assert wrap("日本語のテキスト", 6, "", "") == ["日本語", "のテキ", "スト"]
    assert all(cell_width(line) <= 10 for line in wrap("x" * 35, 10, "- ", "  "))
    assert wrap("", 10, "Notes: ") == ["Notes: "]


_ANY_TEXT = st.lists(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(["\x1b[31m", "[/", "[@click=quit]", "日本", "👩\u200d👩\u200d👧", " ", "\n"]),
    max_size=20,
).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_ANY_TEXT, question=_ANY_TEXT, notes=_ANY_TEXT, place=_ANY_TEXT)
def test_any_text_renders_within_58_columns_without_control_characters(
    clock: FakeClock, name: str, question: str, notes: str, place: str
) -> None:
    services = Services.create(Store.memory(clock=clock))
    interviews = services.interviews
    planned = interviews.plan(InterviewDraft(name if clean_text(name).strip() else "x", "fri 3pm", place=place))
    if clean_text(question).strip():
        item = interviews.add_question(planned.id, question)
        interviews.star(item.id, True)
        interviews.add_question(planned.id, question + " again")
    interviews.set_research(planned.id, notes)
    interviews.set_aims(planned.id, [question, notes])
    interviews.set_leave_knowing(planned.id, place)
    sheet = interviews.cheat_sheet(planned.id)
    text = render_cheat_sheet(sheet, "text")
    assert all(cell_width(line) <= SHEET_WIDTH for line in text.splitlines()), text
    for rendered in (text, render_cheat_sheet(sheet, "md")):
        assert not any((ord(char) < 32 and char != "\n") or 0x7F <= ord(char) <= 0x9F for char in rendered)


@settings(max_examples=50, deadline=None)
@given(text=_ANY_TEXT, width=st.integers(4, 60), first=st.sampled_from(["", "  - ", "Leave knowing: "]))
@example(text="日本", width=16, first="Leave knowing: ")  # a wide character with one cell left after the label
def test_wrap_keeps_every_word_within_the_width(text: str, width: int, first: str) -> None:
    prefix = first if len(first) < width else ""
    cleaned = " ".join(text.split())
    lines = wrap(cleaned, width, prefix, "  ")
    assert lines
    assert all(cell_width(line) <= width for line in lines), lines
    assert "".join("".join(line.split()) for line in lines) == "".join((prefix + cleaned).split())
