"""GoalService: goal arithmetic on fixed calendars, the forgiving strength, the plan, parsing goals typed in words."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import ValidationError
from coach.models import Goal, GoalUnit, Interview, InterviewStatus, Period
from coach.services import Services
from coach.services.goals import (
    WEEKDAYS_RULE,
    GoalSpec,
    describe,
    parse_days,
    parse_goal,
    parse_plan_time,
    presets,
)
from coach.store import Store
from tests.conftest import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)  # type: ignore[misc]


def make(start: datetime) -> tuple[Services, FakeClock]:
    clock = FakeClock(start)
    return Services.create(Store.memory(clock=clock)), clock


def reach(services: Services, *names: str, when: datetime | None = None) -> None:
    for name in names:
        services.outreach.log(name, "email", when=when)


# --- parsing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "spec"),
    [
        ("3 people a day", GoalSpec(3, GoalUnit.PEOPLE, Period.DAY)),  # "2 people a day" is a preset
        ("two people a weekday", GoalSpec(2, GoalUnit.PEOPLE, Period.DAY, WEEKDAYS_RULE)),
        ("3 conversations a week", GoalSpec(3, GoalUnit.CONVERSATIONS, Period.WEEK)),
        ("5 e-mails per day", GoalSpec(5, GoalUnit.MESSAGES, Period.DAY)),
        ("  4   Calls   Weekly ", GoalSpec(4, GoalUnit.MESSAGES, Period.WEEK)),
        ("1 person a day on weekdays", GoalSpec(1, GoalUnit.PEOPLE, Period.DAY, WEEKDAYS_RULE)),
        ("3", GoalSpec(3, GoalUnit.PEOPLE, Period.DAY)),
    ],
)
def test_goals_in_words(words: str, spec: GoalSpec) -> None:
    assert parse_goal(words) == spec


def test_at_a_time_means_one_sitting_a_day_and_says_so() -> None:
    spec = parse_goal("5 messages at a time")
    assert (spec.target, spec.unit, spec.period) == (5, GoalUnit.MESSAGES, Period.DAY)
    assert "one sitting" in spec.note


@pytest.mark.parametrize("words", ["", "   ", "lots", "2 giraffes a day", "0 people a day", "1000 a day", "-2 a day"])
def test_unreadable_goals_are_one_clear_sentence(words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_goal(words)
    message = str(caught.value)
    assert "\n" not in message and message.endswith((".", '"'))


@given(
    st.integers(1, 999),
    st.sampled_from(["people", "messages", "e-mails", "conversations", "calls", "coffees"]),
    st.sampled_from(["a day", "per day", "a week", "per week", "weekly", "daily", "a weekday"]),
)
def test_any_number_unit_and_period_reads_back(target: int, unit: str, period: str) -> None:
    spec = parse_goal(f"{target} {unit} {period}")
    assert spec.target == target
    assert spec.period is (Period.WEEK if "week" in period and "weekday" not in period else Period.DAY)
    assert spec.unit.value in ("people", "messages", "conversations")
    again = parse_goal(describe(spec).split(",")[0])  # a preset's name ("2 people a day") gives its days too
    assert (again.target, again.unit, again.period) == (spec.target, spec.unit, spec.period)


@given(st.text(max_size=40))
def test_parsing_any_text_either_reads_or_says_why(text: str) -> None:
    try:
        spec = parse_goal(text)
    except ValidationError as error:
        assert str(error)
    else:
        assert 1 <= spec.target <= 999


def test_days_and_times() -> None:
    assert parse_days("mon wed fri") == "MO,WE,FR"
    assert parse_days("FR,MO,MO") == "MO,FR"
    assert parse_days("weekdays") == "MO,TU,WE,TH,FR"
    assert parse_days("every day") == ""
    with pytest.raises(ValidationError):
        parse_days("funday")
    assert parse_plan_time("8") == "08:00"
    assert parse_plan_time("5:15 pm") == "17:15"
    assert parse_plan_time("12am") == "00:00"
    for bad in ("25:00", "8:75", "13pm", "soon"):
        with pytest.raises(ValidationError):
            parse_plan_time(bad)


# --- setting and changing ------------------------------------------------------------------------


def test_presets_are_the_methods_and_small() -> None:
    labels = [preset.label for preset in presets()]
    assert labels == ["2 people a day", "5 messages at a time", "3 conversations a week"]
    for preset in presets():
        assert Services.create(Store.memory()).goals.nudge(preset.spec.target, preset.spec.period) is None


def test_changing_a_goal_keeps_the_old_one_in_history() -> None:
    services, clock = make(berlin(2026, 11, 23, 9))  # a Monday
    first = services.goals.set_goal("2 people a day").goal
    clock.advance(days=2)
    change = services.goals.set_goal("3 people a day", plan="mornings at the kitchen table")
    stored = {goal.id: goal for goal in services.store.all(Goal)}
    assert stored[first.id].active is False
    assert stored[first.id].end == date(2026, 11, 24)
    assert stored[change.goal.id].active and stored[change.goal.id].start == date(2026, 11, 25)
    assert change.replaced is not None and change.replaced.id == first.id
    assert services.goals.current() == stored[change.goal.id]
    assert [goal.id for goal in services.goals.goals()] == [change.goal.id, first.id]
    # The plan carries over to the next goal unless a new one is given.
    assert services.goals.set_goal("4 people a day").goal.plan == "mornings at the kitchen table"


def test_a_big_goal_gets_a_nudge_and_is_saved_anyway() -> None:
    services, _clock = make(berlin(2026, 11, 23, 9))
    change = services.goals.set_goal("6 people a day")
    assert change.nudge is not None and "6 a day" in change.nudge
    assert services.store.get(Goal, change.goal.id).target == 6
    assert services.goals.set_goal("5 people a day").nudge is None
    assert services.goals.set_goal("20 people a week").nudge is None
    assert services.goals.set_goal("21 people a week").nudge is not None


@pytest.mark.parametrize(
    "spec",
    [
        GoalSpec(0),
        GoalSpec(1000),
        GoalSpec(2, rrule="FREQ=HOURLY"),
        GoalSpec(2, rrule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
        GoalSpec(2, rrule="nonsense"),
    ],
)
def test_bad_goals_save_nothing(spec: GoalSpec) -> None:
    services, _clock = make(berlin(2026, 11, 23, 9))
    with pytest.raises(ValidationError):
        services.goals.set_goal(spec)
    assert services.store.all(Goal) == []


def test_a_bad_plan_saves_nothing() -> None:
    services, _clock = make(berlin(2026, 11, 23, 9))
    services.goals.set_goal("2 people a day")
    before = services.store.all(Goal)
    with pytest.raises(ValidationError):
        services.goals.set_plan("mornings", "25:99")
    with pytest.raises(ValidationError):
        services.goals.set_goal("3 people a day", plan_time="soonish")
    assert services.store.all(Goal) == before


# --- progress on fixed calendars ------------------------------------------------------------------


def test_progress_counts_different_people_from_the_log() -> None:
    services, _clock = make(berlin(2026, 11, 25, 9, 30))
    services.goals.set_goal("2 people a day")
    assert services.goals.progress() is not None
    assert services.goals.progress().text == "0 of 2 people today"  # type: ignore[union-attr]
    reach(services, "Ana", "Ana")  # twice to one person: one person reached
    progress = services.goals.progress()
    assert progress is not None and (progress.done, progress.met) == (1, False)
    reach(services, "Bo")
    progress = services.goals.progress()
    assert progress is not None and progress.text == "2 of 2 people today" and progress.met


def test_messages_count_every_attempt_and_conversations_count_interviews_held() -> None:
    services, clock = make(berlin(2026, 11, 25, 9, 30))
    services.goals.set_goal("5 messages a day")
    reach(services, "Ana", "Ana", "Bo")
    assert services.goals.progress().done == 3  # type: ignore[union-attr]
    services.goals.set_goal("3 conversations a week")
    assert services.goals.progress().done == 0  # type: ignore[union-attr]
    services.store.add(Interview(when=clock.now - timedelta(hours=1), status=InterviewStatus.DONE))
    services.store.add(Interview(when=clock.now + timedelta(hours=1), status=InterviewStatus.PLANNED))
    progress = services.goals.progress()
    assert progress is not None and progress.text == "1 of 3 conversations this week"


def test_a_weekday_goal_never_misses_a_weekend() -> None:
    services, clock = make(berlin(2026, 11, 23, 9))  # Monday
    services.goals.set_goal("1 person a weekday")
    for day in range(5):  # Mon-Fri, one person each
        reach(services, f"Person {day}")
        clock.advance(days=1)
    clock.advance(days=2)  # Saturday and Sunday pass with nothing logged
    assert clock.now.date() == date(2026, 11, 30)  # Monday again, nothing yet today
    strength = services.goals.strength()
    assert strength is not None and (strength.met, strength.judged) == (5, 5)
    clock.advance(days=-2)  # Saturday
    progress = services.goals.progress()
    assert progress is not None and not progress.applies and "day off" in progress.text


def test_a_week_that_crosses_a_month_and_a_year_counts_as_one_week() -> None:
    services, clock = make(berlin(2026, 12, 28, 11))  # Monday 28 Dec 2026
    services.goals.set_goal("3 people a week")
    reach(services, "Ana", when=berlin(2026, 12, 28, 10))
    clock.now = berlin(2026, 12, 31, 23, 59)
    reach(services, "Bo")
    clock.now = berlin(2027, 1, 2, 12)  # Saturday of the same week
    reach(services, "Cy")
    progress = services.goals.progress()
    assert progress is not None and progress.start == date(2026, 12, 28)
    assert progress.text == "3 of 3 people this week" and progress.met
    clock.now = berlin(2027, 1, 4, 9)  # the next Monday: a new week
    assert services.goals.progress().done == 0  # type: ignore[union-attr]
    strength = services.goals.strength()
    assert strength is not None and (strength.met, strength.judged, strength.period) == (1, 1, Period.WEEK)


def test_a_goal_changed_mid_week_judges_the_whole_week() -> None:
    services, clock = make(berlin(2026, 11, 23, 9))  # Monday
    services.goals.set_goal("3 people a week")
    reach(services, "Ana", "Bo")
    clock.now = berlin(2026, 11, 25, 9)  # Wednesday: a bigger goal
    services.goals.set_goal("4 people a week")
    progress = services.goals.progress()
    assert progress is not None and progress.text == "2 of 4 people this week"
    reach(services, "Cy", "Di")
    clock.now = berlin(2026, 11, 30, 9)  # next Monday
    strength = services.goals.strength()
    assert strength is not None and (strength.met, strength.judged) == (1, 1), "one week, judged once, by the new goal"


def test_a_day_goal_changed_mid_week_judges_each_day_by_its_own_goal() -> None:
    services, clock = make(berlin(2026, 11, 23, 9))  # Monday, 1 a day
    services.goals.set_goal("1 person a day")
    reach(services, "Ana")  # Monday: met
    clock.advance(days=1)
    reach(services, "Bo")  # Tuesday: met
    services.goals.set_goal("2 people a day")  # from Tuesday: Tuesday now needs 2
    clock.advance(days=1)
    reach(services, "Cy", "Di")  # Wednesday: met
    clock.advance(days=1)
    strength = services.goals.strength()
    assert strength is not None and (strength.met, strength.judged) == (2, 3)


def test_days_end_at_local_midnight_not_utc() -> None:
    # 00:30 in Berlin is 23:30 UTC the day before: it counts for the Berlin day.
    services, _clock = make(berlin(2026, 11, 26, 0, 30))
    services.goals.set_goal("1 person a day")
    reach(services, "Ana", when=datetime(2026, 11, 25, 23, 30, tzinfo=ZoneInfo("UTC")))
    reach(services, "Bo", when=berlin(2026, 11, 25, 23, 59))
    progress = services.goals.progress()
    assert progress is not None and progress.done == 1
    assert services.goals.count(GoalUnit.PEOPLE, date(2026, 11, 25)) == 1


@pytest.mark.parametrize("day", [date(2026, 10, 25), date(2026, 3, 29)])
def test_daylight_saving_days_are_whole_days(day: date) -> None:
    # 25 October 2026 has 25 hours in Berlin, 29 March 2026 has 23.
    start = datetime(day.year, day.month, day.day, 0, 30, tzinfo=BERLIN)
    services, clock = make(start)
    services.goals.set_goal("2 people daily")  # every day: both days are Sundays
    reach(services, "Ana", when=start)
    clock.now = datetime(day.year, day.month, day.day, 23, 30, tzinfo=BERLIN)
    reach(services, "Bo")
    assert services.goals.progress().text == "2 of 2 people today"  # type: ignore[union-attr]
    clock.now = clock.now + timedelta(hours=1)  # the next local day
    assert services.goals.progress().done == 0  # type: ignore[union-attr]
    assert services.goals.progress().start == day + timedelta(days=1)  # type: ignore[union-attr]


# --- strength --------------------------------------------------------------------------------------


def test_strength_forgives_a_miss_and_never_resets() -> None:
    services, clock = make(berlin(2026, 11, 2, 9))
    services.goals.set_goal("1 person a day")
    for day in range(20):
        reach(services, f"Person {day}")
        clock.advance(days=1)
    strong = services.goals.strength()
    assert strong is not None and strong.met == 20
    clock.advance(days=1)  # one missed day
    after_miss = services.goals.strength()
    assert after_miss is not None and after_miss.judged == 21 and after_miss.met == 20
    assert 0 < strong.score - after_miss.score < 10, "a miss lowers it a little"
    clock.advance(days=30)
    long_gap = services.goals.strength()
    assert long_gap is not None and long_gap.score > 0, "never back to zero"
    assert "of 51 days met" in long_gap.text


def test_today_counts_once_met_but_is_never_missed_while_it_lasts() -> None:
    services, _clock = make(berlin(2026, 11, 25, 9))
    services.goals.set_goal("1 person a day")
    assert services.goals.strength().judged == 0  # type: ignore[union-attr]
    reach(services, "Ana")
    strength = services.goals.strength()
    assert strength is not None and (strength.met, strength.judged) == (1, 1)


def test_weeks_for_the_sparkline() -> None:
    services, clock = make(berlin(2026, 11, 2, 9))
    services.goals.set_goal("2 people a day")
    reach(services, "Ana", "Bo")
    clock.advance(days=14)
    reach(services, "Cy")
    tallies = services.goals.weeks(4)
    assert [t.week_start for t in tallies] == [
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]
    assert [t.done for t in tallies] == [0, 2, 0, 1]


# --- the plan ------------------------------------------------------------------------------------


def test_now_is_the_planned_time() -> None:
    services, clock = make(berlin(2026, 11, 25, 8, 30))  # Wednesday
    services.goals.set_goal("2 people a weekday", plan="at the kitchen table, before e-mail", plan_time="8:00")
    assert services.goals.plan_now()
    assert services.goals.plan_text() == "at the kitchen table, before e-mail (08:00)"
    assert not services.goals.plan_now(berlin(2026, 11, 25, 7, 59))
    assert not services.goals.plan_now(berlin(2026, 11, 25, 9, 0))
    assert not services.goals.plan_now(berlin(2026, 11, 28, 8, 30)), "Saturday: not a day of the goal"
    services.goals.set_plan("on the train", "8", "sat")
    assert services.goals.plan_now(berlin(2026, 11, 28, 8, 30))
    assert not services.goals.plan_now(berlin(2026, 11, 25, 8, 30))
    clock.now = berlin(2026, 11, 28, 8, 0)
    assert services.goals.plan_now()


def test_no_goal_no_figures() -> None:
    services, _clock = make(berlin(2026, 11, 25, 9))
    assert services.goals.current() is None
    assert services.goals.progress() is None
    assert services.goals.strength() is None
    assert not services.goals.plan_now()
    with pytest.raises(ValidationError):
        services.goals.set_plan("mornings")


def test_version_moves_only_when_goal_figures_can_change() -> None:
    services, clock = make(berlin(2026, 11, 25, 9))
    first = services.goals.version
    assert services.goals.version == first
    services.goals.set_goal("2 people a day")
    after_goal = services.goals.version
    assert after_goal != first
    services.fears.add("what if they say no")  # not something a goal counts
    assert services.goals.version == after_goal
    reach(services, "Ana")
    assert services.goals.version != after_goal
    assert services.goals.now() == clock.now


def test_simple_weekdays_reads_only_rules_that_name_weekdays() -> None:
    from coach.services.goals import simple_weekdays

    assert simple_weekdays("FREQ=WEEKLY;BYDAY=MO,WE,FR") == ["MO", "WE", "FR"]
    assert simple_weekdays("FREQ=WEEKLY;BYDAY=SU") == ["SU"]
    for other in (
        "",
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=",
        "FREQ=WEEKLY;BYDAY=MO,",
        "FREQ=WEEKLY;BYDAY=MO,XX",
        "FREQ=WEEKLY;BYDAY=MO;INTERVAL=2",
        "FREQ=MONTHLY;BYDAY=MO",
        "XFREQ=WEEKLY;BYDAY=MO",
    ):
        assert simple_weekdays(other) is None, other


def test_a_presets_name_gives_exactly_the_preset_and_other_words_mean_what_they_say() -> None:
    from coach.services.goals import EVERY_DAY_RULE, preset_named

    for preset in presets():
        assert parse_goal(preset.label) == preset.spec
        assert parse_goal(f"  {preset.label.upper()} ") == preset.spec
        assert preset_named(preset.label) is preset
    assert parse_goal("two people a day").rrule == WEEKDAYS_RULE
    assert parse_goal("five messages at a time") == presets()[1].spec
    assert parse_goal("5 messages at a time").rrule == WEEKDAYS_RULE
    assert parse_goal("3 people a day").rrule == EVERY_DAY_RULE
    assert parse_goal("4 messages at a time").rrule == EVERY_DAY_RULE
    assert preset_named("2 people per day") is None


def test_a_weekly_goal_has_weeks_off_not_days_off() -> None:
    from coach.services.goals import rule_for_days

    services, _clock = make(berlin(2026, 11, 29, 9))  # a Sunday: this week has no Monday left for the goal
    services.goals.set_goal(GoalSpec(3, GoalUnit.CONVERSATIONS, Period.WEEK, rule_for_days("MO")))
    progress = services.goals.progress()
    assert progress is not None and not progress.applies
    assert progress.text.endswith("(a week off for this goal)")
