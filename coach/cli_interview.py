"""`coach interview` and `coach prep`: plan an interview and print its cheat sheet, from a shell.

    coach interview "Ana Ruiz" --on "fri 3pm" --where "Café Luna"    plan one (a new name adds them)
    coach prep 12                                                    its cheat sheet, as plain text
    coach prep 12 --format md                                        ... or as Markdown
    coach prep                                                       the next interview's cheat sheet

`coach interview` prints one line starting "Planned #ID:" (the id `coach prep` and `coach walk`
take), so a script can pick it with `sed -n 's/^Planned #\\([0-9]*\\):.*/\\1/p'`.

Never imports Textual. A date that can't be read, an interview that isn't there: one line on
stderr, exit 1, nothing saved. Usage mistakes (an unknown --how, an id that isn't a number): exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coach.models import Setting
from coach.services import Services
from coach.text import printable, usage_line

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def add_interview_parser(commands: Any) -> None:
    interview = commands.add_parser(
        "interview",
        help="plan an informational interview (prints its id)",
        description="Plan an informational interview with someone. A name that isn't on your list yet is "
        'added. Prints "Planned #ID: ..." where ID is the number coach prep and coach walk take.',
    )
    interview.add_argument("name", help="who you are meeting, in quotes")
    interview.add_argument(
        "--on", metavar="WHEN", required=True, help='when, with a time of day: "fri 3pm", "tomorrow 10:00"'
    )
    interview.add_argument("--where", metavar="TEXT", default="", help="the place, or the link for a call")
    interview.add_argument(
        "--how", metavar="HOW", default="coffee", help=f"{', '.join(s.value for s in Setting)} (default: coffee)"
    )
    interview.add_argument("--minutes", metavar="N", default="30", help="how long, 5-600 (default: 30)")
    interview.add_argument("--career", metavar="NAME", default="", help="the career option it speaks to (added if new)")


def add_prep_parser(commands: Any) -> None:
    prep = commands.add_parser(
        "prep",
        help="print an interview's cheat sheet",
        description="Print the one-screen cheat sheet of an interview: aims, starred questions, key notes, "
        "what is still to get ready. Without an ID, the next interview's.",
    )
    prep.add_argument("id", nargs="?", metavar="ID", help='the interview\'s number (from "Planned #ID")')
    prep.add_argument("--format", choices=["text", "md"], default="text", help="plain text (default) or Markdown")


def _usage(prog: str, message: str) -> int:
    print(usage_line(prog, message), end="", file=sys.stderr)
    return EXIT_USAGE


def _fail(message: str) -> int:
    print(f"coach: {printable(message)}", file=sys.stderr)
    return EXIT_ERROR


def run_interview(args: argparse.Namespace, data: Path) -> int:
    from coach.errors import ValidationError
    from coach.services.interviews import InterviewDraft, format_when, parse_minutes, parse_setting, title_of
    from coach.text import require_text

    try:
        setting = parse_setting(args.how)
        parse_minutes(args.minutes)
        require_text(args.name, what="a name")
    except ValidationError as error:
        return _usage("coach interview", str(error))
    services = Services.open(data, writing=True)
    interviews = services.interviews
    draft = InterviewDraft(
        person=args.name,
        when=args.on,
        setting=setting.value,
        place=args.where,
        minutes=args.minutes,
        career=args.career,
    )
    try:
        interviews.describe_when(args.on)  # a date that can't be read: one line, nothing saved
        known = services.people.find(args.name)
        career_known = not args.career.strip() or interviews.find_career(args.career) is not None
    except ValidationError as error:
        return _fail(str(error))
    interview = interviews.plan(draft)
    name = interviews.name_of(interview)
    when = format_when(interview.when, interviews.now())
    title = title_of(interview.setting, printable(name))
    print(f"Planned #{interview.id}: {title[:1].lower()}{title[1:]}, {when} ({interview.minutes} min).")
    if known is None:
        print(f"{printable(name)} is new on your list.")
    else:
        from coach.services.people import fold
        from coach.text import clean_text

        if fold(known.name) != fold(clean_text(args.name).strip()):
            typed = printable(clean_text(args.name).strip())[:80]
            print(
                f'(You typed "{typed}"; the closest name on your list is {printable(known.name)}. '
                f'If that is someone else, add them first: coach contact "{typed}".)'
            )
    if not career_known:
        career = interviews.career_of(interview)
        if career is not None:
            print(f'Added the career option "{printable(career.title)}".')
    if interview.when is not None and interview.when < interviews.now():
        print("That time has passed, so it is listed with the past ones, ready for a reflection.")
    print(f"Prepare for it in coach (F7), or print its cheat sheet: coach prep {interview.id}")
    return EXIT_OK


def _interview_id(text: str) -> int | None:
    value = text.strip().removeprefix("#")
    if not value.isascii() or not value.isdigit() or len(value) > 12:
        return None
    return int(value)


def run_prep(args: argparse.Namespace, data: Path) -> int:
    from coach.errors import NotFoundError
    from coach.services.interviews import render_cheat_sheet

    interview_id: int | None = None
    if args.id is not None:
        interview_id = _interview_id(args.id)
        if interview_id is None:
            return _usage("coach prep", f'"{printable(args.id)[:20]}" isn\'t an interview number; give one like 12')
    services = Services.open(data)
    interviews = services.interviews
    if interview_id is None:
        upcoming = interviews.next_interview()
        if upcoming is None:
            return _fail('No interview planned yet. Plan one with: coach interview "NAME" --on "fri 3pm"')
        interview_id = upcoming.id
    try:
        sheet = interviews.cheat_sheet(interview_id)
    except NotFoundError:
        return _fail(f'There is no interview #{interview_id}. Its number is the one after "Planned #".')
    sys.stdout.write(render_cheat_sheet(sheet, "md" if args.format == "md" else "text"))
    return EXIT_OK
