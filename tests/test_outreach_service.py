"""OutreachService: logging, answers, business-day follow-ups, guesses against answers, message templates."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import ConflictError, NotFoundError, ValidationError
from coach.models import Channel, Contact, Interview, InterviewStatus, Outreach, Response
from coach.services import Services
from coach.services.outreach import (
    DEFAULT_FOLLOW_UP_DAYS,
    add_business_days,
    business_days_between,
    parse_channel,
    parse_guess,
    parse_response,
)
from coach.store import Store
from tests.conftest import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")


def make(start: datetime) -> tuple[Services, FakeClock]:
    clock = FakeClock(start)
    return Services.create(Store.memory(clock=clock)), clock


@pytest.fixture
def services(clock: FakeClock) -> Services:
    return Services.create(Store.memory(clock=clock))


# --- words ---------------------------------------------------------------------------------------


def test_channels_and_answers_by_value_or_label() -> None:
    assert parse_channel("in person") is Channel.IN_PERSON
    assert parse_channel("E-Mail") is Channel.EMAIL
    assert parse_channel("in-person") is Channel.IN_PERSON
    assert parse_response("no reply") is Response.NO_REPLY
    assert parse_response("YES") is Response.YES
    for bad in ("pigeon", ""):
        with pytest.raises(ValidationError):
            parse_channel(bad)
    with pytest.raises(ValidationError):
        parse_response("maybe")
    assert parse_guess(" 30 % ") == 30
    assert parse_guess("") is None
    for bad in ("140", "-5", "thirty", "3.5"):
        with pytest.raises(ValidationError):
            parse_guess(bad)


# --- logging -------------------------------------------------------------------------------------


def test_log_a_new_name_makes_a_contact(services: Services, clock: FakeClock) -> None:
    result = services.outreach.log("[b]Ana[/b] 🙈", "email", note="asked for coffee\n[red]soon[/red]", guess=30)
    assert result.new_contact
    stored = services.store.get(Outreach, result.outreach.id)
    assert stored.contact_id == result.contact.id
    assert services.store.get(Contact, result.contact.id).name == "[b]Ana[/b] 🙈"
    assert (stored.channel, stored.sent, stored.guess, stored.response) == (
        Channel.EMAIL,
        clock.now,
        30,
        Response.WAITING,
    )
    assert stored.note == "asked for coffee\n[red]soon[/red]"
    assert stored.answered is None
    again = services.outreach.log("[b]ana[/b] 🙈", "call")
    assert not again.new_contact and again.contact.id == result.contact.id
    assert len(services.store.all(Contact)) == 1


def test_log_with_an_answer_already_in(services: Services, clock: FakeClock) -> None:
    item = services.outreach.log("Ana", "in person", response="yes").outreach
    assert (item.response, item.answered) == (Response.YES, clock.now)


@pytest.mark.parametrize(
    ("person", "channel", "kwargs", "words"),
    [
        ("", "email", {}, "name"),
        ("  \x1b ", "email", {}, "name"),
        ("Ana", "pigeon", {}, "pigeon"),
        ("Ana", "email", {"guess": 140}, "140"),
        ("Ana", "email", {"guess": -1}, "-1"),
        ("Ana", "email", {"response": "maybe"}, "maybe"),
        ("Ana", "email", {"when_days": 2}, "future"),
        ("Ana", "email", {"note": "x" * 20_001}, "20,000"),
        ("Ana", "email", {"follow_up": date(2000, 1, 1)}, "follow-up"),
        (42, "email", {}, "#42"),
    ],
)
def test_bad_input_is_one_sentence_and_saves_nothing(
    services: Services, clock: FakeClock, person: int | str, channel: str, kwargs: dict[str, object], words: str
) -> None:
    if "when_days" in kwargs:
        kwargs = {"when": clock.now + timedelta(days=int(kwargs.pop("when_days")))}  # type: ignore[call-overload]
    with pytest.raises((ValidationError, NotFoundError)) as caught:
        services.outreach.log(person, channel, **kwargs)  # type: ignore[arg-type]
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert services.store.all(Outreach) == []
    assert services.store.all(Contact) == []


def test_an_ambiguous_name_logs_nothing(services: Services) -> None:
    services.people.add("Ana Ruiz")
    services.people.add("Ana Li")
    with pytest.raises(ValidationError) as caught:
        services.outreach.log("Ana", "email")
    assert "Ana Ruiz" in str(caught.value)
    assert services.store.all(Outreach) == []


def test_answer_goes_on_the_latest_open_ask(services: Services, clock: FakeClock) -> None:
    first = services.outreach.log("Ana", "email").outreach
    clock.advance(days=1)
    second = services.outreach.log("Ana", "call").outreach
    clock.advance(days=1)
    answered = services.outreach.answer("Ana", "yes")
    assert answered.id == second.id
    assert services.store.get(Outreach, second.id).response is Response.YES
    assert services.store.get(Outreach, second.id).answered == clock.now
    assert services.store.get(Outreach, first.id).response is Response.WAITING
    assert services.outreach.answer("Ana", "no-reply").id == first.id
    with pytest.raises(ValidationError) as caught:
        services.outreach.answer("Ana", "no")
    assert "waiting" in str(caught.value)
    with pytest.raises(ValidationError):
        services.outreach.answer("Ana", "waiting")
    with pytest.raises(NotFoundError):
        services.outreach.answer("Nobody", "yes")


def test_entries_newest_first_in_windows(services: Services, clock: FakeClock) -> None:
    for name in ("Ana", "Bo", "Ana"):
        services.outreach.log(name, "email")
        clock.advance(minutes=5)
    page = services.outreach.entries(limit=2)
    assert page.total == 3 and [item.id for item in page.items] == [3, 2]
    assert [item.id for item in services.outreach.entries(offset=2, limit=5).items] == [1]
    assert services.outreach.entries(offset=3).items == ()
    ana = services.people.resolve("Ana")
    assert [item.id for item in services.outreach.entries(ana.id).items] == [3, 1]


# --- business days and follow-ups ----------------------------------------------------------------


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 60))
def test_business_days_agree_with_dateutil(day: date, count: int) -> None:
    if count == 0:
        assert add_business_days(day, 0) == day
        return
    rule = rrule(
        DAILY, byweekday=(MO, TU, WE, TH, FR), dtstart=datetime.combine(day + timedelta(days=1), datetime.min.time())
    )
    expected = rule[count - 1].date()
    assert add_business_days(day, count) == expected
    assert business_days_between(day, expected) == count


def test_business_days_over_weekends_and_month_ends() -> None:
    assert add_business_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday -> Monday
    assert add_business_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # Saturday -> Monday
    assert add_business_days(date(2026, 11, 25), 7) == date(2026, 12, 4)  # across the month end
    assert add_business_days(date(2026, 12, 24), 7) == date(2027, 1, 4)  # across the year end
    assert business_days_between(date(2026, 11, 27), date(2026, 11, 29)) == 0


def test_a_follow_up_comes_due_after_seven_business_days() -> None:
    services, clock = make(datetime(2026, 11, 25, 9, 30, tzinfo=BERLIN))  # a Wednesday
    services.outreach.log("Ana [x] 🙈", "email")
    assert DEFAULT_FOLLOW_UP_DAYS == 7
    clock.now = datetime(2026, 12, 3, 23, 59, tzinfo=BERLIN)  # 6 business days later
    assert services.outreach.follow_ups() == ()
    clock.now = datetime(2026, 12, 4, 0, 1, tzinfo=BERLIN)  # Friday 4 December: 7 business days
    due = services.outreach.follow_ups()
    assert [(item.contact.name, item.due, item.waited) for item in due] == [("Ana [x] 🙈", date(2026, 12, 4), 7)]
    clock.now = datetime(2026, 12, 6, 12, tzinfo=BERLIN)  # still due on Sunday
    assert len(services.outreach.follow_ups()) == 1


def test_an_answer_clears_a_follow_up(services: Services, clock: FakeClock) -> None:
    services.outreach.log("Ana", "email")
    clock.advance(days=14)
    assert len(services.outreach.follow_ups()) == 1
    services.outreach.answer("Ana", "no-reply")
    assert services.outreach.follow_ups() == ()


def test_any_new_contact_clears_a_follow_up_and_one_follow_up_is_suggested(
    services: Services, clock: FakeClock
) -> None:
    services.outreach.log("Ana", "email")
    clock.advance(days=14)
    assert len(services.outreach.follow_ups()) == 1
    services.outreach.log("Ana", "call")  # the follow-up itself
    assert services.outreach.follow_ups() == ()
    clock.advance(days=30)
    assert services.outreach.follow_ups() == (), "one follow-up per ask, never a nag"


def test_the_follow_up_wait_is_a_setting(services: Services, clock: FakeClock) -> None:
    services.outreach.log("Ana", "email")  # Wednesday 25 November
    services.outreach.set_follow_up_days(2)
    assert services.store.setting("follow_up_days") == 2
    clock.advance(days=2)  # Friday: 2 business days
    assert len(services.outreach.follow_ups()) == 1
    for bad in (0, 61, True):
        with pytest.raises(ValidationError):
            services.outreach.set_follow_up_days(bad)  # type: ignore[arg-type]
    assert services.store.setting("follow_up_days") == 2


def test_a_chosen_follow_up_day_wins(services: Services, clock: FakeClock) -> None:
    services.outreach.log("Ana", "email", follow_up=clock.now.date() + timedelta(days=1))
    clock.advance(days=1)
    assert [item.due for item in services.outreach.follow_ups()] == [clock.now.date()]


def test_follow_ups_see_a_log_made_elsewhere(data_file: object, clock: FakeClock) -> None:
    from pathlib import Path

    assert isinstance(data_file, Path)
    here = Services.create(Store.open(data_file, clock=clock))
    here.outreach.log("Ana", "email")
    clock.advance(days=14)
    assert len(here.outreach.follow_ups()) == 1
    there = Services.create(Store.open(data_file, clock=clock))
    there.outreach.answer("Ana", "yes")
    assert here.outreach.follow_ups() == ()


# --- guesses against answers ---------------------------------------------------------------------


def test_predicted_against_actual(services: Services) -> None:
    assert services.outreach.prediction().text == ""
    for index, guess in enumerate((20, 40, 30)):
        services.outreach.log(f"Person {index}", "email", guess=guess)
    services.outreach.log("No guess", "email")
    assert services.outreach.prediction().text == ""
    services.outreach.answer("Person 0", "yes")
    services.outreach.answer("Person 1", "yes")
    services.outreach.answer("Person 2", "no")
    services.outreach.answer("No guess", "yes")
    prediction = services.outreach.prediction()
    assert (prediction.answered, prediction.yes, prediction.guessed, prediction.guessed_yes) == (4, 3, 3, 2)
    assert prediction.text == "You expected 30 %; 2 of 3 said yes."


# --- messages ------------------------------------------------------------------------------------


def test_templates_fill_in_literally_and_count_words(services: Services) -> None:
    keys = [template.key for template in services.outreach.templates()]
    assert keys == ["first-ask", "referral", "follow-up"]
    message = services.outreach.fill(
        "referral", name="[b]Ana[/b] {me}", learn="UX {name} research", referrer="Bo 🙈", me="Sam"
    )
    assert message.text.startswith("Hi [b]Ana[/b] {me},")
    assert "Bo 🙈 suggested I talk to you" in message.text
    assert "UX {name} research" in message.text
    assert message.text.endswith("Sam")
    assert message.words == len(message.text.split())
    first = services.outreach.fill("first-ask", name="Ana")
    assert "coffee" in first.text and "20 minutes" in first.text
    assert first.words < 80
    with pytest.raises(ValidationError):
        services.outreach.fill("nope", name="Ana")


def test_the_sign_off_is_remembered_and_signs_every_template(services: Services) -> None:
    assert services.outreach.sign_off() == ""
    assert not services.outreach.fill("first-ask", name="Ana").text.endswith("Sam")
    assert services.outreach.set_sign_off("  Sam \x1b[31m Lee\n ") == "Sam [31m Lee"
    assert services.store.setting("sign_off") == "Sam [31m Lee"
    for template in services.outreach.templates():
        assert services.outreach.fill(template.key, name="Ana").text.endswith("\nSam [31m Lee")
    assert services.outreach.fill("first-ask", name="Ana", me="Bo").text.endswith("\nBo"), "a name given wins"
    with pytest.raises(ValidationError):
        services.outreach.set_sign_off("x" * 81)
    assert services.outreach.sign_off() == "Sam [31m Lee", "a refused sign-off changes nothing"


# --- figures kept up to date in place equal figures worked out afresh ----------------------------

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["log", "log", "log earlier", "answer", "later", "contact", "interview", "rename", "delete"]),
        st.integers(0, 4),
        st.sampled_from([Response.YES, Response.NO, Response.NO_REPLY]),
    ),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(OPERATIONS)
def test_figures_patched_after_each_change_match_figures_worked_out_afresh(
    operations: list[tuple[str, int, Response]],
) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 9, tzinfo=BERLIN))
    store = Store.memory(clock=clock)
    live = Services.create(store)
    live.goals.set_goal("2 people a weekday")
    live.outreach.set_follow_up_days(2)
    for operation, who, answer in operations:
        name = f"P{who}"
        person = live.people.find(name)
        if operation == "log":
            live.outreach.log(name, "email", guess=who * 20)
        elif operation == "log earlier":
            live.outreach.log(name, "call", when=clock.now - timedelta(days=2 + who))
        elif operation == "answer" and person is not None and live.outreach.latest_open(person.id) is not None:
            live.outreach.answer(person.id, answer)
        elif operation == "later":
            clock.advance(days=who + 1)
        elif operation == "contact" and person is None:
            live.people.add(name, warmth="close" if who % 2 else "cold")
        elif operation == "interview" and person is not None:
            store.add(Interview(contact_id=person.id, when=clock.now, status=InterviewStatus.DONE))
        elif operation == "rename" and person is not None:
            store.update(dataclasses.replace(person, name=f"{name} [renamed]"))
        elif operation == "delete" and person is not None:
            live.people.delete(person.id)
        fresh = Services.create(store)
        assert live.outreach.follow_ups() == fresh.outreach.follow_ups()
        assert live.people.statuses() == fresh.people.statuses()
        assert live.outreach.prediction() == fresh.outreach.prediction()
        assert live.goals.progress() == fresh.goals.progress()
        assert live.goals.strength() == fresh.goals.strength()
        assert live.people.suggestions(5) == fresh.people.suggestions(5)
        assert live.people.search("p") == fresh.people.search("p")
        assert live.today.summary() == fresh.today.summary()
        assert live.outreach.entries(offset=1, limit=3) == fresh.outreach.entries(offset=1, limit=3)
        assert live.outreach.entries() == fresh.outreach.entries()


@given(st.integers(-1000, 1000), st.sampled_from(["", "%", " %", " % "]))
def test_a_guess_reads_back_or_says_why(value: int, suffix: str) -> None:
    text = f"{value}{suffix}"
    if 0 <= value <= 100:
        assert parse_guess(text) == value
    else:
        with pytest.raises(ValidationError) as caught:
            parse_guess(text)
        assert "0 to 100" in str(caught.value)


@given(st.text(max_size=20))
def test_any_channel_or_answer_text_reads_or_is_one_clear_sentence(text: str) -> None:
    for parse, kind in ((parse_channel, Channel), (parse_response, Response)):
        try:
            value = parse(text)
        except ValidationError as error:
            assert "\n" not in str(error).strip()
        else:
            assert isinstance(value, kind)


def test_removing_an_entry_changed_elsewhere_asks_first(services: Services) -> None:
    shown = services.outreach.log("Ana", "email").outreach
    services.outreach.set_response(shown.id, "yes")  # another window notes the answer meanwhile
    with pytest.raises(ConflictError) as clash:
        services.outreach.delete(shown.id, seen=shown)
    assert services.store.get(Outreach, shown.id).response is Response.YES, "nothing removed yet"
    assert clash.value.current is not None and "response" in clash.value.changes
    services.outreach.delete(shown.id, seen=clash.value.current)  # type: ignore[arg-type]
    assert services.store.all(Outreach) == []
