"""`coach fear`: write a thought down from a shell, list them, or record what happened.

    coach fear "what if they say no"          add it, print the new count
    coach fear --list [--json]                every thought: id, date, outcome, text
    coach fear --outcome ID came-true         what happened (came-true, partly, did-not-happen, untested)

Never imports Textual, so it starts fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coach.models import Outcome, Thought
from coach.text import clean_text, is_decodable, printable, usage_line

EXIT_OK = 0
EXIT_USAGE = 2


def add_fear_parser(commands: Any) -> None:
    fear = commands.add_parser(
        "fear",
        help="write down an anxious thought, list them, or record what happened",
        description="Write down an anxious thought as it is, list them, or record what happened.",
    )
    fear.add_argument("text", nargs="?", help="the thought, in quotes")
    fear.add_argument("--list", action="store_true", help="list every thought with its id, date and outcome")
    fear.add_argument("--json", action="store_true", help="print JSON instead of plain text")
    fear.add_argument(
        "--outcome",
        nargs=2,
        metavar=("ID", "OUTCOME"),
        help=f"record what happened to thought ID: {', '.join(o.value for o in Outcome)}",
    )


def _usage(message: str) -> int:
    print(usage_line("coach fear", message), end="", file=sys.stderr)
    return EXIT_USAGE


def _as_json(thought: Thought, about: str) -> dict[str, Any]:
    return {
        "id": thought.id,
        "text": thought.text,
        "created": thought.created.isoformat(),
        "outcome": thought.outcome.value,
        "likelihood": thought.likelihood,
        "times_seen": thought.times_seen,
        "seen": [moment.isoformat() for moment in thought.seen],
        "contact_id": thought.contact_id,
        "interview_id": thought.interview_id,
        "about": about,
    }


def _emit_json(document: Any) -> None:
    import orjson

    sys.stdout.buffer.write(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    sys.stdout.flush()


def run_fear(args: argparse.Namespace, data: Path) -> int:
    """Errors from the store or the service (CoachError) are reported by `coach.__main__.main`."""
    from coach.errors import ValidationError
    from coach.services.fears import FearService, parse_outcome
    from coach.store import Store
    from coach.text import require_text

    chosen = sum((args.list, args.outcome is not None, args.text is not None))
    if chosen > 1:
        return _usage("give a thought, --list or --outcome, one at a time")
    if args.outcome is not None:
        raw_id, raw_outcome = args.outcome
        try:
            thought_id = int(raw_id)
        except ValueError:
            return _usage(f"{raw_id!r} is not a thought id; `coach fear --list` shows them")
        try:
            outcome = parse_outcome(raw_outcome)
        except ValidationError as error:
            return _usage(str(error))
    elif args.text is not None:
        # The text rule (coach.text) before the file is even opened: nothing is stored unless the whole thought can be.
        if is_decodable(args.text) and not clean_text(args.text).strip():
            return _usage('the thought is empty; put it in quotes, e.g. coach fear "what if they say no"')
        try:
            require_text(args.text, what="a thought")
        except ValidationError as error:
            return _usage(str(error))

    fears = FearService(Store.open(data))
    if args.outcome is not None:
        thought = fears.set_outcome(thought_id, outcome)
        if args.json:
            _emit_json(_as_json(thought, fears.about(thought)))
        else:
            print(f"Noted: #{thought.id} {thought.outcome.label}.")
        return EXIT_OK
    if args.text is not None:
        thought = fears.add(args.text)
        count = fears.count()
        if args.json:
            _emit_json({"id": thought.id, "count": count})
        else:
            print(f"Written down as #{thought.id}. {count} thought{'s' if count != 1 else ''} on the list.")
        return EXIT_OK
    thoughts = fears.thoughts()
    if args.json:
        _emit_json([_as_json(thought, fears.about(thought)) for thought in thoughts])
        return EXIT_OK
    if not args.list:
        return _usage('give the thought in quotes, e.g. coach fear "what if they say no", or --list')
    if not thoughts:
        print('No thoughts written down yet. Add one with: coach fear "what if they say no"')
        return EXIT_OK
    for thought in thoughts:
        seen = f"  (seen {thought.times_seen} times)" if thought.times_seen > 1 else ""
        text = printable(thought.text)  # a hand-edited file must not reach the terminal as escape codes
        print(f"{thought.id:>5}  {thought.created:%Y-%m-%d}  {thought.outcome.label:<14}  {text}{seen}")
    return EXIT_OK
