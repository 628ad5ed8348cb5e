"""`coach contact`, `coach log`, `coach answer`, `coach goal` and `coach today`: reaching out, from a shell.

    coach contact "Ana Ruiz" --warmth close --company Acme      add someone
    coach log "Ana Ruiz" --via email --guess 30                 log an attempt (a new name adds them)
    coach answer "Ana Ruiz" yes                                 the answer to their latest ask
    coach goal "2 people a day"                                 set a small goal (coach goal alone shows it)
    coach today                                                 what Home shows, as plain text

Never imports Textual, so it starts fast. Usage mistakes (an unknown channel or answer, a date or a
guess that can't be read) exit 2; something that can't be done (an unknown or ambiguous name) exits 1.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.models import Channel, GoalUnit, Response, Warmth
from coach.services import Services
from coach.text import clean_text, printable, usage_line

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def add_contact_parser(commands: Any) -> None:
    contact = commands.add_parser(
        "contact",
        help="add someone you might talk to",
        description="Add someone to your list, on the warm-to-cold ladder.",
    )
    contact.add_argument("name", help="their name, in quotes")
    contact.add_argument(
        "--warmth",
        metavar="RUNG",
        default="warm",
        help=f"how well they know you: {', '.join(w.value for w in Warmth)} (default: warm)",
    )
    contact.add_argument("--referred-by", metavar="NAME", help="the person on your list who introduced you")
    contact.add_argument("--how-known", metavar="TEXT", default="", help="how you know them")
    contact.add_argument("--company", metavar="C", default="")
    contact.add_argument("--role", metavar="R", default="")
    contact.add_argument(
        "--career", metavar="TITLE", help="the career option on your board they can tell you about (its title)"
    )
    contact.add_argument("--email", metavar="E", default="")
    contact.add_argument("--phone", metavar="P", default="")
    contact.add_argument("--url", metavar="URL", default="", help="a profile link")
    contact.add_argument("--notes", metavar="TEXT", default="")


def add_log_parser(commands: Any) -> None:
    log = commands.add_parser(
        "log",
        help="log a call, e-mail or message you sent",
        description="Log one attempt to reach someone. A name that isn't on your list yet is added; one spelled "
        "close to a name on your list is refused until you say which you mean (the name on the list, or --new). "
        '"#12" means person number 12.',
    )
    log.add_argument("name", help="who you reached out to, in quotes")
    log.add_argument("--via", metavar="CHANNEL", required=True, help=", ".join(c.value for c in Channel))
    log.add_argument("--on", metavar="DATE", help='when, e.g. "yesterday" or "mon 10:00" (default: now)')
    log.add_argument("--note", metavar="TEXT", default="")
    log.add_argument("--answer", metavar="ANSWER", default="waiting", help=", ".join(r.value for r in Response))
    log.add_argument("--guess", metavar="PERCENT", help="how likely a yes felt before sending, 0-100")
    log.add_argument(
        "--new",
        action="store_true",
        help='someone new: add them even if the name is like (or the same as) one on your list; without it, "#12" '
        "names person number 12",
    )


def add_answer_parser(commands: Any) -> None:
    answer = commands.add_parser(
        "answer",
        help="record the answer to someone's latest ask",
        description="Record the answer on that person's latest ask still waiting.",
    )
    answer.add_argument("name", help="who answered, in quotes")
    answer.add_argument("answer", help="yes, no or no-reply")


def add_goal_parser(commands: Any) -> None:
    goal = commands.add_parser(
        "goal",
        help="set a small goal, or show it and today's progress",
        description="Set a small goal in words or with --target and --per. Without arguments, show the goal "
        "and today's progress. The app's presets, named, set exactly those goals: "
        '"2 people a day" is two different people each weekday (Mon-Fri); '
        '"5 messages at a time" is five in one sitting, once each weekday (Mon-Fri); '
        '"3 conversations a week" is three in any week, on any days. Other words mean what they say, '
        'every day unless they name days ("3 people a day", "2 people a weekday"). '
        "--days sets the days of either.",
    )
    goal.add_argument(
        "words", nargs="?", help='the goal in words, e.g. "2 people a day" (a preset), "3 people a day on weekdays"'
    )
    goal.add_argument("--target", type=str, metavar="N", help="how many")
    goal.add_argument("--per", metavar="PERIOD", help="day or week (default: day)")
    goal.add_argument("--counts", metavar="WHAT", help=f"{', '.join(u.value for u in GoalUnit)} (default: people)")
    goal.add_argument(
        "--days",
        metavar="DAYS",
        help="which days, e.g. MO,WE,FR or \"weekdays\" (default: every day, or the words' or preset's days)",
    )
    goal.add_argument("--plan", metavar="TEXT", help='when and where, e.g. "mornings at the kitchen table"')
    goal.add_argument("--at", metavar="TIME", help="the planned time of day, e.g. 8:00")


def add_today_parser(commands: Any) -> None:
    commands.add_parser("today", help="what Home shows: goal progress, follow-ups, whom to ask next")


def _usage(prog: str, message: str) -> int:
    print(usage_line(prog, message), end="", file=sys.stderr)
    return EXIT_USAGE


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def run_contact(args: argparse.Namespace, data: Path) -> int:
    from coach.errors import ValidationError
    from coach.services.people import ContactDraft, parse_warmth
    from coach.text import require_text

    try:
        warmth = parse_warmth(args.warmth)
        require_text(args.name, what="a name")
        if args.career is not None:
            require_text(args.career, what="the career option's title")
    except ValidationError as error:
        return _usage("coach contact", str(error))
    services = Services.open(data, writing=True)
    people = services.people
    referred_by = None
    if args.referred_by is not None:
        referred_by = people.resolve(args.referred_by).id
    career = people.career_named(args.career) if args.career is not None else None
    draft = ContactDraft(
        name=args.name,
        warmth=warmth,
        how_known=args.how_known,
        referred_by=referred_by,
        company=args.company,
        role=args.role,
        career_id=career.id if career is not None else None,
        email=args.email,
        phone=args.phone,
        profile_url=args.url,
        notes=args.notes,
    )
    contact = people.add(draft)
    links = [f"introduced by {printable(people.name_of(referred_by))}"] if referred_by is not None else []
    links += [f"career option {printable(career.title)}"] if career is not None else []
    linked = f" {', '.join(links)[:1].upper()}{', '.join(links)[1:]}." if links else ""
    count = people.count()
    print(f"Added {printable(contact.name)} ({contact.warmth.label}).{linked} {_people(count)} on your list.")
    namesakes = people.namesakes(contact)
    if namesakes:
        numbers = ", ".join(f"#{other.id}" for other in namesakes)
        who = "someone else on your list has" if len(namesakes) == 1 else f"{len(namesakes)} others on your list have"
        print(
            f"{printable(contact.name)} is #{contact.id}; {who} that name too ({numbers}). "
            f'Give the number to mean this one, e.g. coach log "#{contact.id}" --via email.'
        )
    return EXIT_OK


def _day(moment: datetime, now: datetime) -> str:
    """ "Mon 23 Nov", with the year when it isn't this one ("Wed 01 Jan 2020")."""
    return f"{moment:%a %d %b}" if moment.year == now.year else f"{moment:%a %d %b %Y}"


def _when(text: str | None, now: datetime) -> datetime | None:
    if text is None:
        return None
    from coach.dates import parse_when

    when = parse_when(text, now, past=True)
    if not when.has_time and when.day == now.date():
        return now
    return when.value


def run_log(args: argparse.Namespace, data: Path) -> int:
    from coach.errors import ValidationError
    from coach.services.outreach import parse_channel, parse_guess, parse_response
    from coach.store import local_now
    from coach.text import require_text

    try:
        channel = parse_channel(args.via)
        response = parse_response(args.answer)
        guess = parse_guess(args.guess) if args.guess is not None else None
        when = _when(args.on, local_now())
        require_text(args.name, what="a name")
    except ValidationError as error:
        return _usage("coach log", str(error))
    from coach.services.people import UnsureNameError

    services = Services.open(data, writing=True)
    try:
        result = services.outreach.log(
            args.name, channel, when=when, note=args.note, guess=guess, response=response, new=args.new
        )
    except UnsureNameError as unsure:
        typed = printable(clean_text(args.name).strip())[:80]
        close = unsure.candidates[0]
        print(
            f'coach: "{typed}" isn\'t on your list, but {printable(close.name)} (#{close.id}) is; nothing logged. '
            f'To log it for them, give "{printable(close.name)}"; to add "{typed}" as someone new, add --new.',
            file=sys.stderr,
        )
        return EXIT_ERROR
    item = result.outreach
    new = " (new on your list)" if result.new_contact else ""
    print(
        f"Logged: {item.channel.label} to {printable(result.contact.name)}{new}, "
        f"{_day(item.sent.astimezone(local_now().tzinfo), local_now())}"
        + (f", {item.response.label}" if item.response is not Response.WAITING else "")
        + "."
    )
    from coach.services.people import fold, tidy_name

    typed_number = clean_text(args.name).strip().startswith("#")
    if not result.new_contact and not typed_number and fold(result.contact.name) != fold(tidy_name(args.name)):
        typed = printable(clean_text(args.name).strip())[:80]
        print(
            f'("{typed}" is {printable(result.contact.name)} (#{result.contact.id}) on your list. If you meant '
            "someone new, delete this entry in Outreach (F6) and log it again with --new.)"
        )
    progress = services.goals.progress()
    if progress is None:
        print('No goal yet. A small one helps: coach goal "2 people a day"')
    else:
        print(f"{progress.text}." + (" That's the goal met. Well done." if progress.met else ""))
    return EXIT_OK


def run_answer(args: argparse.Namespace, data: Path) -> int:
    from coach.errors import ValidationError
    from coach.services.outreach import parse_response
    from coach.text import require_text

    try:
        try:
            response = parse_response(args.answer)
        except ValidationError:
            response = Response.WAITING
        if response is Response.WAITING:
            raise ValidationError(f'"{printable(args.answer)[:40]}" isn\'t an answer; use yes, no or no-reply')
        require_text(args.name, what="a name")
    except ValidationError as error:
        return _usage("coach answer", str(error))
    services = Services.open(data, writing=True)
    contact = services.people.resolve(args.name)
    services.outreach.answer(contact.id, response)
    kind = {Response.YES: "said yes", Response.NO: "said no", Response.NO_REPLY: "didn't reply"}[response]
    print(f"Noted: {printable(contact.name)} {kind}." + (" Wonderful." if response is Response.YES else ""))
    prediction = services.outreach.prediction().text
    if prediction:
        print(prediction)
    return EXIT_OK


def _print_goal(services: Services) -> None:
    from coach.services.goals import describe

    goal = services.goals.current()
    if goal is None:
        print('No goal yet. Pick a small one, e.g. coach goal "2 people a day".')
        return
    print(f"Goal: {describe(goal)}")
    progress = services.goals.progress()
    if progress is not None:
        print(f"  {progress.text}")
    strength = services.goals.strength()
    if strength is not None and strength.judged:
        print(f"  {strength.text}")
    plan = services.goals.plan_text()
    if plan:
        start_now = services.goals.plan_now() and not (progress is not None and progress.met)
        print(f"  Plan: {printable(plan)}" + (" (now is your planned time)" if start_now else ""))


def run_goal(args: argparse.Namespace, data: Path) -> int:
    from coach.errors import ValidationError
    from coach.services.goals import (
        GoalSpec,
        check_rrule,
        check_target,
        describe,
        parse_days,
        parse_goal,
        parse_period,
        parse_plan_time,
        parse_unit,
        rule_for_days,
    )

    numbers = (args.target, args.per, args.counts, args.days)
    if args.words is None and all(value is None for value in (*numbers, args.plan, args.at)):
        _print_goal(Services.open(data))
        return EXIT_OK
    try:
        if args.words is not None:
            if any(value is not None for value in (args.target, args.per, args.counts)):
                raise ValidationError("give the goal in words or with --target/--per/--counts, not both")
            spec = parse_goal(args.words)
            if args.days is not None:  # the days given take the place of the words' (or the preset's)
                rrule = check_rrule(rule_for_days(parse_days(args.days)))
                spec = GoalSpec(target=spec.target, unit=spec.unit, period=spec.period, rrule=rrule)
        elif args.target is not None:
            try:
                target = int(args.target.strip())
            except ValueError:
                raise ValidationError(f"--target takes a whole number, such as 2; not {args.target!r}") from None
            spec = GoalSpec(
                target=check_target(target),
                unit=parse_unit(args.counts) if args.counts is not None else GoalUnit.PEOPLE,
                period=parse_period(args.per) if args.per is not None else parse_period("day"),
                rrule=check_rrule(rule_for_days(parse_days(args.days))) if args.days is not None else "FREQ=DAILY",
            )
        elif any(value is not None for value in numbers):
            raise ValidationError("give --target with --per, --counts or --days")
        else:
            spec = None
        plan_time = parse_plan_time(args.at) if args.at is not None else None
    except ValidationError as error:
        return _usage("coach goal", str(error))
    services = Services.open(data, writing=True)
    if spec is None:  # only the plan changes
        goal = services.goals.current()
        if goal is None:
            raise ValidationError('Set a goal first, e.g. coach goal "2 people a day"; then give it a plan.')
        services.goals.set_plan(
            args.plan if args.plan is not None else goal.plan,
            plan_time if plan_time is not None else goal.plan_time,
            goal.plan_days,
        )
        print("Plan saved.")
        _print_goal(services)
        return EXIT_OK
    change = services.goals.set_goal(spec, plan=args.plan, plan_time=plan_time)
    print(f"Goal set: {describe(change.goal)}, from today." + (f" ({spec.note})" if spec.note else ""))
    if change.replaced is not None:
        print(f"The old goal ({describe(change.replaced)}) stays in your history.")
    if change.nudge:
        print(change.nudge)
    progress = services.goals.progress()
    if progress is not None:
        print(f"{progress.text}.")
    return EXIT_OK


def run_today(_args: argparse.Namespace, data: Path) -> int:
    services = Services.open(data)
    for line in services.today.lines():
        print(line)
    return EXIT_OK
