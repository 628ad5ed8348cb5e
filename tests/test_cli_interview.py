"""`coach interview` and `coach prep` from a shell, in-process (one subprocess checks Textual stays out)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.__main__ import main
from coach.models import Career, Contact, Interview, PrepItem, Setting
from coach.store import Store
from tests.helpers.fresh import run_fresh

WHEN = "2030-12-06 15:00"  # a Friday, far enough ahead to stay upcoming
PLANNED = re.compile(r"^Planned #(\d+): ", re.M)


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["--data", str(data), *args])
    except SystemExit as exit_:  # argparse's own usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def stored(data: Path) -> tuple[list[Interview], list[Contact], list[Career]]:
    if not data.exists():
        return [], [], []
    store = Store.open(data)
    try:
        return store.all(Interview), store.all(Contact), store.all(Career)
    finally:
        store.close()


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def no_control_characters(text: str) -> bool:
    return not any((ord(char) < 32 and char != "\n") or 0x7F <= ord(char) <= 0x9F for char in text)


def planned_id(out: str) -> int:
    match = PLANNED.search(out)
    assert match is not None, out
    return int(match.group(1))


# --- coach interview -----------------------------------------------------------------------------


def test_interview_plans_one_and_prints_its_id(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, err = run(
        capsys, data_file, "interview", "Ana Ruiz", "--on", WHEN, "--where", "Café Luna", "--career", "UX research"
    )
    assert (code, err) == (0, "")
    interviews, contacts, careers = stored(data_file)
    assert [c.name for c in contacts] == ["Ana Ruiz"] and [c.title for c in careers] == ["UX research"]
    (interview,) = interviews
    assert (interview.contact_id, interview.career_id) == (contacts[0].id, careers[0].id)
    assert (interview.place, interview.setting, interview.minutes) == ("Café Luna", Setting.COFFEE, 30)
    assert f"{interview.when:%Y-%m-%d %H:%M}" == WHEN
    lines = out.splitlines()
    assert lines[0] == f"Planned #{interview.id}: coffee with Ana Ruiz, Fri 6 Dec 2030, 15:00 (30 min)."
    assert planned_id(out) == interview.id
    assert "Ana Ruiz is new on your list." in lines
    assert 'Added the career option "UX research".' in lines
    assert lines[-1].endswith(f"coach prep {interview.id}")


def test_a_known_person_and_career_are_reused(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "interview", "Ana Ruiz", "--on", WHEN, "--career", "UX Research")
    code, out, err = run(
        capsys,
        data_file,
        "interview",
        "ana ruiz",
        "--on",
        "2030-12-09 10:00",
        "--how",
        "video",
        "--minutes",
        "45",
        "--career",
        "ux research",
    )
    assert (code, err) == (0, "")
    interviews, contacts, careers = stored(data_file)
    assert len(interviews) == 2 and len(contacts) == 1 and len(careers) == 1
    assert interviews[1].career_id == careers[0].id
    assert (interviews[1].setting, interviews[1].minutes) == (Setting.VIDEO, 45)
    assert (
        out.splitlines()[0] == f"Planned #{interviews[1].id}: video call with Ana Ruiz, Mon 9 Dec 2030, 10:00 (45 min)."
    )
    assert "new on your list" not in out and "career option" not in out and "has passed" not in out
    # a name that only starts like someone's is taken as them, and coach says so
    code, out, _err = run(capsys, data_file, "interview", "Ana", "--on", WHEN)
    assert code == 0 and "the closest name on your list is Ana Ruiz" in out
    assert len(stored(data_file)[1]) == 1
    # one that already happened is planned too, and coach says where it went
    code, out, _err = run(capsys, data_file, "interview", "Ana Ruiz", "--on", "2020-03-02 10:00")
    assert code == 0 and "That time has passed" in out and len(stored(data_file)[0]) == 4


@pytest.mark.parametrize(
    ("when", "words"),
    [("whenever it suits", "as a date"), ("fri", "time of day"), ("2030-02-30 10:00", "date"), ("", "when you meet")],
)
def test_a_date_that_cant_be_read_is_one_line_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], data_file: Path, when: str, words: str
) -> None:
    code, out, err = run(capsys, data_file, "interview", "Bo Li", "--on", when, "--career", "Design")
    assert (code, out) == (1, "")
    assert words in one_line(err) and err.startswith("coach: ")
    assert stored(data_file) == ([], [], [])


@pytest.mark.parametrize(
    "args",
    [
        ("interview", "Bo", "--on", WHEN, "--how", "boat"),
        ("interview", "Bo", "--on", WHEN, "--minutes", "2"),
        ("interview", "Bo", "--on", WHEN, "--minutes", "ten"),
        ("interview", "Bo"),
        ("interview", "  ", "--on", WHEN),
    ],
)
def test_usage_mistakes_exit_2(capsys: pytest.CaptureFixture[str], data_file: Path, args: tuple[str, ...]) -> None:
    code, out, err = run(capsys, data_file, *args)
    assert (code, out) == (2, "")
    assert "error:" in one_line(err)
    assert stored(data_file) == ([], [], [])


def test_an_ambiguous_name_saves_nothing(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    run(capsys, data_file, "contact", "Ana Ruiz")
    run(capsys, data_file, "contact", "Ana Lopez")
    code, out, err = run(capsys, data_file, "interview", "Ana", "--on", WHEN)
    assert (code, out) == (1, "")
    assert "could be" in one_line(err)
    assert stored(data_file)[0] == []


# --- coach prep ----------------------------------------------------------------------------------


def test_prep_prints_the_cheat_sheet(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    _code, out, _err = run(capsys, data_file, "interview", "Ana Ruiz", "--on", WHEN, "--where", "Café Luna")
    interview_id = planned_id(out)
    store = Store.open(data_file)
    try:
        store.add_many(
            [
                PrepItem(interview_id=interview_id, text="How did you start?", rank=0, starred=True),
                PrepItem(interview_id=interview_id, text="Who else should I ask?", rank=1),
            ]
        )
    finally:
        store.close()
    code, out, err = run(capsys, data_file, "prep", str(interview_id))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == ["Coffee with Ana Ruiz", "Fri 6 Dec 2030, 15:00 · 30 min · Café Luna"]
    assert "  ★ How did you start?" in lines and "  - Who else should I ask?" in lines
    assert any(line.startswith("0 of 7 ready · still open: time, place") for line in lines)
    assert max(len(line) for line in lines) <= 58
    code, md, err = run(capsys, data_file, "prep", f"#{interview_id}", "--format", "md")
    assert (code, err) == (0, "")
    assert md.splitlines()[0] == "# Coffee with Ana Ruiz" and "- ★ How did you start?" in md.splitlines()
    # without an id: the next interview
    assert run(capsys, data_file, "prep") == (0, out, "")


def test_prep_of_a_missing_interview(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    code, out, err = run(capsys, data_file, "prep")
    assert (code, out) == (1, "")
    assert "No interview planned yet" in one_line(err)
    code, out, err = run(capsys, data_file, "prep", "42")
    assert (code, out) == (1, "")
    assert "There is no interview #42" in one_line(err)
    for bad in ("abc", "-3", "4.5", "١٢"):
        code, out, err = run(capsys, data_file, "prep", "--", bad)
        assert (code, out) == (2, ""), bad
        assert "isn't an interview number" in one_line(err)
    code, out, err = run(capsys, data_file, "prep", "1", "--format", "pdf")
    assert (code, out) == (2, "")
    one_line(err)


def test_hostile_text_is_printed_literally_without_control_characters(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    name = "Ana\x1b[31m [/ [@click=quit] \x1b]0;owned\x07"
    code, out, err = run(capsys, data_file, "interview", name, "--on", WHEN, "--where", "[b]Room[/b]\x9b2J")
    assert (code, err) == (0, "")
    assert no_control_characters(out)
    assert "coffee with Ana[31m [/ [@click=quit] ]0;owned," in out
    interview_id = planned_id(out)
    (contact,) = stored(data_file)[1]
    assert contact.name == "Ana[31m [/ [@click=quit] ]0;owned"  # saved under the text rule
    store = Store.open(data_file)
    try:
        store.add(PrepItem(interview_id=interview_id, text="Really\x1b[2J [@click=quit]?\x07", rank=0))
    finally:
        store.close()
    for fmt in ("text", "md"):
        code, out, err = run(capsys, data_file, "prep", str(interview_id), "--format", fmt)
        assert (code, err) == (0, "")
        assert no_control_characters(out)
    assert "Really[2J [@click=quit]?" in run(capsys, data_file, "prep", str(interview_id))[1]
    assert "[b]Room[/b]2J" in run(capsys, data_file, "prep", str(interview_id))[1]


def test_interview_and_prep_never_import_textual(data_file: Path) -> None:
    code = (
        "import sys\n"
        "from coach.__main__ import main\n"
        f"data = {str(data_file)!r}\n"
        f"assert main(['--data', data, 'interview', 'Ana', '--on', {WHEN!r}]) == 0\n"
        "assert main(['--data', data, 'prep', '1']) == 0\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    run_fresh(code)
