"""`coach contact`, `coach log`, `coach answer`, `coach goal` and `coach today` from a shell, in-process."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.__main__ import main
from coach.models import Contact, Goal, GoalUnit, Outreach, Period, Response, Warmth
from coach.store import Store


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--data", str(data), *args])
    except SystemExit as exit_:  # argparse's own usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def stored(data: Path) -> tuple[list[Contact], list[Outreach], list[Goal]]:
    if not data.exists():
        return [], [], []
    store = Store.open(data)
    try:
        return store.all(Contact), store.all(Outreach), store.all(Goal)
    finally:
        store.close()


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- contact -------------------------------------------------------------------------------------


def test_contact_adds_with_every_option(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    assert run(capsys, data_file, "contact", "Ana [b]Ruiz[/b] 🙈", "--warmth", "close")[0] == 0
    code, out, err = run(
        capsys,
        data_file,
        "contact",
        "Bo Li",
        "--warmth",
        "referred",
        "--referred-by",
        "ana",
        "--company",
        "Acme",
        "--role",
        "Designer",
        "--email",
        "bo@example.org",
    )
    assert (code, err) == (0, "")
    contacts = stored(data_file)[0]
    assert [c.name for c in contacts] == ["Ana [b]Ruiz[/b] 🙈", "Bo Li"]
    bo = contacts[1]
    assert (bo.warmth, bo.referred_by, bo.company, bo.role, bo.email) == (
        Warmth.REFERRED,
        contacts[0].id,
        "Acme",
        "Designer",
        "bo@example.org",
    )
    assert "). Introduced by Ana [b]Ruiz[/b] 🙈. 2 people" in out and "2 people on your list" in out


@pytest.mark.parametrize("referrer", ["Nobody", "Ana"])
def test_an_unknown_or_ambiguous_referrer_saves_nothing(
    capsys: pytest.CaptureFixture[str], data_file: Path, referrer: str
) -> None:
    run(capsys, data_file, "contact", "Ana Ruiz")
    run(capsys, data_file, "contact", "Ana Li")
    code, out, err = run(capsys, data_file, "contact", "Cy", "--referred-by", referrer)
    assert code == 1 and out == ""
    line = one_line_error(err)
    assert referrer in line
    if referrer == "Ana":
        assert "Ana Ruiz" in line and "Ana Li" in line
    assert [c.name for c in stored(data_file)[0]] == ["Ana Ruiz", "Ana Li"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["", "--warmth", "close"], "name"),
        (["Cy", "--warmth", "lukewarm"], "lukewarm"),
        (["Cy", "--email", "x"], "e-mail"),
    ],
)
def test_bad_contacts_are_one_line_and_save_nothing(
    capsys: pytest.CaptureFixture[str], data_file: Path, args: list[str], words: str
) -> None:
    code, _out, err = run(capsys, data_file, "contact", *args)
    assert code in (1, 2)
    assert words in one_line_error(err)
    assert stored(data_file)[0] == []


# --- log -----------------------------------------------------------------------------------------


def test_log_creates_the_contact_and_prints_progress(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "goal", "2 people daily")  # every day, whatever day the test runs on
    code, out, err = run(
        capsys, data_file, "log", "Ana [b] 🙈", "--via", "email", "--note", "coffee?", "--guess", "30%"
    )
    assert (code, err) == (0, "")
    contacts, outreach, _goals = stored(data_file)
    assert [c.name for c in contacts] == ["Ana [b] 🙈"]
    assert [(o.contact_id, o.channel.value, o.note, o.guess) for o in outreach] == [
        (contacts[0].id, "email", "coffee?", 30)
    ]
    assert "Ana [b] 🙈 (new on your list)" in out
    assert "1 of 2 people today." in out
    code, out, _err = run(capsys, data_file, "log", "Bo", "--via", "in-person", "--answer", "yes")
    assert code == 0 and "2 of 2 people today." in out
    assert stored(data_file)[1][1].response is Response.YES


def test_log_never_guesses_a_close_name(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "contact", "Jon Smith")
    code, _out, err = run(capsys, data_file, "log", "John Smith", "--via", "call")
    contacts, outreach, _goals = stored(data_file)
    assert code == 1 and [c.name for c in contacts] == ["Jon Smith"] and outreach == []
    assert '"John Smith" isn\'t on your list, but Jon Smith (#1) is; nothing logged.' in err
    assert "--new" in err and err.count("\n") == 1

    code, out, _err = run(capsys, data_file, "log", "John Smith", "--via", "call", "--new")
    contacts, outreach, _goals = stored(data_file)
    assert code == 0 and [c.name for c in contacts] == ["Jon Smith", "John Smith"]
    assert [o.contact_id for o in outreach] == [contacts[1].id] and "(new on your list)" in out

    code, out, _err = run(capsys, data_file, "log", "smith", "--via", "call")
    assert code == 1  # the start of two names: which one?
    code, out, _err = run(capsys, data_file, "log", "Jon", "--via", "call")
    assert code == 0 and '"Jon" is Jon Smith (#1) on your list.' in out
    assert [o.contact_id for o in stored(data_file)[1]] == [2, 1]
    code, out, _err = run(capsys, data_file, "log", "Jon Smith", "--via", "call")
    assert code == 0 and "on your list." not in out.splitlines()[0] and "#1" not in out


def test_people_who_share_a_name_are_reached_by_number(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "contact", "Ann Lee", "--warmth", "close")
    assert code == 0 and "name too" not in out
    code, out, _err = run(capsys, data_file, "contact", "Ann Lee", "--warmth", "cold")
    assert code == 0 and "Ann Lee is #2; someone else on your list has that name too (#1)" in out
    assert 'coach log "#2"' in out
    code, _out, err = run(capsys, data_file, "log", "Ann Lee", "--via", "email")
    assert code == 1 and 'give the number instead ("#1" or "#2")' in err
    assert stored(data_file)[1] == []
    code, out, _err = run(capsys, data_file, "log", "#2", "--via", "email")
    assert code == 0 and "Logged: e-mail to Ann Lee," in out
    code, out, _err = run(capsys, data_file, "answer", "#2", "yes")
    contacts, outreach, _goals = stored(data_file)
    assert code == 0 and len(contacts) == 2 and [(o.contact_id, o.response.value) for o in outreach] == [(2, "yes")]
    code, _out, err = run(capsys, data_file, "log", "#7", "--via", "email")
    assert code == 1 and "No one on your list has the number #7." in err and len(stored(data_file)[0]) == 2


def test_log_takes_a_bare_weekday_as_the_latest_one(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    now = Store.open(data_file).clock()
    two_days_ago = now - timedelta(days=2)
    weekday = f"{two_days_ago:%a} 10:00".lower()  # "thu 10:00" on a Saturday
    code, _out, err = run(capsys, data_file, "log", "Ana", "--via", "call", "--on", weekday)
    assert code == 0, err
    sent = stored(data_file)[1][0].sent
    assert (sent.date(), sent.hour, sent.minute) == (two_days_ago.date(), 10, 0)
    code, _out, err = run(capsys, data_file, "log", "Ana", "--via", "call", "--on", f"next {weekday}")
    assert code == 1 and "future" in err and len(stored(data_file)[1]) == 1


def test_log_without_a_goal_suggests_one(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "log", "Ana", "--via", "call")
    assert code == 0 and "coach goal" in out


def test_log_on_a_date(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, _out, _err = run(capsys, data_file, "log", "Ana", "--via", "text", "--on", "yesterday")
    assert code == 0
    sent = stored(data_file)[1][0].sent
    assert sent.date() == (Store.open(data_file).clock() - timedelta(days=1)).date()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["", "--via", "email"], "name"),
        (["Ana", "--via", "pigeon"], "pigeon"),
        (["Ana", "--via", "email", "--answer", "maybe"], "maybe"),
        (["Ana", "--via", "email", "--guess", "140"], "140"),
        (["Ana", "--via", "email", "--on", "31 feb"], "31 feb"),
        (["Ana", "--via", "email", "--on", "in 3 days"], "future"),
        (["Ana"], "--via"),
    ],
)
def test_bad_logs_are_one_line_and_save_nothing(
    capsys: pytest.CaptureFixture[str], data_file: Path, args: list[str], words: str
) -> None:
    code, out, err = run(capsys, data_file, "log", *args)
    assert code in (1, 2) and out == ""
    assert words in one_line_error(err)
    assert stored(data_file)[:2] == ([], [])


# --- answer --------------------------------------------------------------------------------------


def test_answer_records_on_the_latest_open_ask(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "log", "Ana", "--via", "email", "--guess", "20")
    code, out, err = run(capsys, data_file, "answer", "ana", "yes")
    assert (code, err) == (0, "")
    assert stored(data_file)[1][0].response is Response.YES
    assert "Ana said yes" in out and "You expected 20 %; 1 of 1 said yes." in out


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["Ana", "maybe"], 2, "maybe"),
        (["Ana", "waiting"], 2, "waiting"),
        (["Zed", "yes"], 1, "Zed"),
        (["Bo", "no"], 1, "Bo"),
    ],
)
def test_bad_answers(
    capsys: pytest.CaptureFixture[str], data_file: Path, args: list[str], code: int, words: str
) -> None:
    run(capsys, data_file, "log", "Ana", "--via", "email")
    run(capsys, data_file, "log", "Bo", "--via", "email", "--answer", "no")
    before = data_file.read_bytes()
    result, _out, err = run(capsys, data_file, "answer", *args)
    assert result == code
    assert words in one_line_error(err)
    assert data_file.read_bytes() == before


# --- goal ----------------------------------------------------------------------------------------


def test_goal_in_words_then_with_options_keeps_history(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "goal", "2 people a day")
    assert code == 0 and "Goal set: 2 people a day, Mon-Fri" in out and "0 of 2 people today" in out
    code, out, _err = run(capsys, data_file, "goal", "--target", "5", "--per", "week", "--days", "MO,WE,FR")
    assert code == 0 and "stays in your history" in out
    goals = stored(data_file)[2]
    assert [(g.target, g.unit, g.period, g.rrule, g.active) for g in goals] == [
        (2, GoalUnit.PEOPLE, Period.DAY, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", False),  # the preset
        (5, GoalUnit.PEOPLE, Period.WEEK, "FREQ=WEEKLY;BYDAY=MO,WE,FR", True),
    ]
    code, out, _err = run(capsys, data_file, "goal")
    assert code == 0
    assert "Goal: 5 people a week, Mon, Wed, Fri" in out and "0 of 5 people this week" in out


def test_a_big_goal_is_nudged_and_kept(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "goal", "8 messages a day")
    assert code == 0 and "8 a day is a lot" in out
    assert stored(data_file)[2][0].target == 8


def test_goal_plan(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "goal", "2 people a day", "--plan", "at the kitchen table [b]", "--at", "8")
    goal = stored(data_file)[2][0]
    assert (goal.plan, goal.plan_time) == ("at the kitchen table [b]", "08:00")
    code, out, _err = run(capsys, data_file, "goal", "--plan", "on the train")
    assert code == 0 and "Plan: on the train (08:00)" in out
    assert len(stored(data_file)[2]) == 1, "a new plan is not a new goal"


@pytest.mark.parametrize(
    "args",
    [
        ["2 giraffes a day"],
        ["0 people a day"],
        ["--target", "two"],
        ["--target", "2", "--per", "month"],
        ["--target", "2", "--days", "funday"],
        ["--target", "2", "--counts", "hugs"],
        ["2 people a day", "--target", "3"],
        ["--per", "week"],
        ["2 people a day", "--at", "25:00"],
    ],
)
def test_bad_goals_are_one_line_and_save_nothing(
    capsys: pytest.CaptureFixture[str], data_file: Path, args: list[str]
) -> None:
    code, out, err = run(capsys, data_file, "goal", *args)
    assert code == 2 and out == ""
    one_line_error(err)
    assert stored(data_file)[2] == []


def test_a_plan_without_a_goal_is_an_error(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, _out, err = run(capsys, data_file, "goal", "--plan", "mornings")
    assert code == 1 and "Set a goal first" in one_line_error(err)


# --- today ---------------------------------------------------------------------------------------


def test_today_prints_homes_content(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, _err = run(capsys, data_file, "today")
    assert code == 0 and "Goal: none yet" in out and "Fears written down: 0" in out
    run(capsys, data_file, "goal", "2 people a day")
    run(capsys, data_file, "contact", "Close [i]Cat[/i]", "--warmth", "close")
    run(capsys, data_file, "contact", "Cold Cal", "--warmth", "cold")
    run(capsys, data_file, "log", "Ana", "--via", "email", "--on", "30 days ago")
    run(capsys, data_file, "fear", "what if they say no")
    code, out, err = run(capsys, data_file, "today")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "Goal: 2 people a day, Mon-Fri" in lines
    assert any(line.startswith("  0 of 2 people today") for line in lines)  # "(a day off ...)" on a weekend
    assert lines[lines.index("Follow-ups due: 1") + 1].startswith("  Ana (sent ")
    people = lines.index("Next people to ask:")
    assert lines[people + 1 : people + 3] == ["  Close [i]Cat[/i] (close)", "  Cold Cal (cold)"]
    assert "Next interview: none planned" in lines
    assert "Fears written down: 1" in lines


def test_a_command_that_saves_parses_the_file_in_one_go_and_today_only_what_it_shows(
    capsys: pytest.CaptureFixture[str], data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`coach log` will save every table, so it parses the file whole, once, not the people alone and then
    the rest; `coach today` saves nothing and never parses the thoughts it doesn't show."""
    from coach.store import storage
    from coach.store.seal import write_pending

    for args in (("fear", "what if they say no"), ("contact", "Ana Ruiz"), ("goal", "2 people a day")):
        assert run(capsys, data_file, *args)[0] == 0
    write_pending()  # as `coach` does on its way out: the file opens by its seal, laid out as coach saved it
    alone: list[str] = []
    whole: list[Path] = []
    read_alone, parse_whole = storage.SafeStorage._table_alone, storage.parse

    def counted_alone(self: storage.SafeStorage, raw: bytes, seal: Any, table: str) -> Any:
        alone.append(table)
        return read_alone(self, raw, seal, table)

    def counted_whole(path: Path, raw: bytes) -> Any:
        whole.append(path)
        return parse_whole(path, raw)

    monkeypatch.setattr(storage.SafeStorage, "_table_alone", counted_alone)
    monkeypatch.setattr(storage, "parse", counted_whole)
    code, out, _err = run(capsys, data_file, "log", "Ana Ruiz", "--via", "email")
    assert code == 0 and out.startswith("Logged: e-mail to Ana Ruiz") and "1 of 2 people today" in out
    assert (alone, len(whole)) == ([], 1)
    write_pending()
    code, out, _err = run(capsys, data_file, "today")
    assert code == 0 and "Fears written down: 1" in out and "1 of 2 people today" in out.replace("  ", "")
    assert whole == [whole[0]] and "thoughts" not in alone and {"contacts", "outreach"} <= set(alone)
    monkeypatch.undo()
    assert [(item.contact_id, item.channel.value) for item in stored(data_file)[1]] == [(1, "email")]


def test_names_with_control_characters_print_safely(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "contact", "Eve\x1b[31m")
    code, out, _err = run(capsys, data_file, "today")
    assert code == 0 and "\x1b" not in out and "Eve[31m" in out


def test_the_reach_commands_never_import_textual(data_file: Path) -> None:
    script = (
        "import sys; from coach.__main__ import main; "
        f"main(['--data', {str(data_file)!r}, 'log', 'Ana', '--via', 'email']); "
        f"main(['--data', {str(data_file)!r}, 'today']); "
        "sys.exit(1 if 'textual' in sys.modules else 0)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


# --- contact --career ----------------------------------------------------------------------------

CAREERS = ("Product design", "[b]Teaching[/b]", "Product management")


def seed_careers(data: Path, *titles: str) -> list[int]:
    from coach.models import Career

    store = Store.open(data)
    try:
        return [store.add(Career(title=title, rank=rank)).id for rank, title in enumerate(titles)]
    finally:
        store.close()


def test_contact_links_a_career_by_its_title_or_a_unique_start(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    design, teaching, _management = seed_careers(data_file, *CAREERS)
    code, out, err = run(capsys, data_file, "contact", "Ana", "--career", "  product DESIGN ")
    assert (code, err) == (0, "") and "). Career option Product design." in out
    code, out, err = run(capsys, data_file, "contact", "Bo", "--career", "[B]teach")
    assert (code, err) == (0, "") and "Career option [b]Teaching[/b]." in out
    run(capsys, data_file, "contact", "Cy")
    assert [(c.name, c.career_id) for c in stored(data_file)[0]] == [("Ana", design), ("Bo", teaching), ("Cy", None)]


@pytest.mark.parametrize(
    ("careers", "title", "words"),
    [
        (CAREERS, "Nursing", "No career option is called"),
        (CAREERS, "product", '"product" could be "Product design" or "Product management"'),
        ((), "Product design", "no career options yet"),
    ],
)
def test_an_unknown_or_ambiguous_career_saves_nothing(
    capsys: pytest.CaptureFixture[str], data_file: Path, careers: tuple[str, ...], title: str, words: str
) -> None:
    seed_careers(data_file, *careers)
    code, out, err = run(capsys, data_file, "contact", "Cy", "--career", title)
    assert code == 1 and out == ""
    line = one_line_error(err)
    assert words in line and all(f'"{career}"' in line for career in careers), "names the options there are"
    assert stored(data_file)[0] == []


def test_a_presets_name_sets_exactly_the_preset(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    from coach.services.goals import presets

    for preset in presets():
        code, out, _err = run(capsys, data_file, "goal", preset.label)
        goal = stored(data_file)[2][-1]
        assert code == 0 and (goal.target, goal.unit, goal.period, goal.rrule) == (
            preset.spec.target,
            preset.spec.unit,
            preset.spec.period,
            preset.spec.rrule,
        )
    messages = [g for g in stored(data_file)[2] if g.unit is GoalUnit.MESSAGES]
    assert [(g.target, g.period, g.rrule) for g in messages] == [(5, Period.DAY, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")]
    code, out, _err = run(capsys, data_file, "goal", "5 messages at a time")
    assert "Goal set: 5 messages a day, Mon-Fri, from today. (five in one sitting, once each weekday)" in out
    code, out, _err = run(capsys, data_file, "goal", "3 people a day")  # not a preset: every day, as it says
    assert stored(data_file)[2][-1].rrule == "FREQ=DAILY"
    code, out, _err = run(capsys, data_file, "goal", "2 people a day", "--days", "MO,WE,FR")
    assert code == 0 and "Goal set: 2 people a day, Mon, Wed, Fri, from today." in out
    code, out, _err = run(capsys, data_file, "goal", "--help")
    assert code == 0
    words = " ".join(out.split())
    for preset in presets():
        assert f'"{preset.label}"' in words
    assert "two different people each weekday (Mon-Fri)" in words and "five in one sitting" in words


def test_today_says_plainly_when_everyone_has_been_asked(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "log", "Ana", "--via", "email")
    code, out, _err = run(capsys, data_file, "today")
    assert code == 0
    assert "Next people to ask: everyone on your list has been asked already; add someone new" in out


def test_log_names_the_year_of_a_date_in_another_and_says_nothing_more_for_a_number(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    code, out, _err = run(capsys, data_file, "log", "Ana Ruiz", "--via", "email", "--on", "2020-01-01")
    assert code == 0 and "Logged: e-mail to Ana Ruiz (new on your list), Wed 01 Jan 2020." in out
    code, out, _err = run(capsys, data_file, "log", "#1", "--via", "call")
    assert code == 0 and out.startswith("Logged: call to Ana Ruiz,") and "on your list." not in out
    code, out, _err = run(capsys, data_file, "contact", "Ana Ruiz")
    assert code == 0 and "someone else on your list has that name too (#1)" in out
    code, out, _err = run(capsys, data_file, "contact", "Ana Ruiz")
    assert code == 0 and "Ana Ruiz is #3; 2 others on your list have that name too (#1, #2)" in out
