"""`coach review`: the weekly review's figures, from a shell.

    coach review                          this week, as text for the terminal
    coach review --week "2 weeks ago"     the week holding that day (any date coach understands)
    coach review --week 2026-11-18 --format md     Markdown, to paste into an e-mail
    coach review --format json            every figure under stable keys (README lists them)

Never imports Textual, so it starts fast, and never writes to the data file. A date coach can't read
or an unknown format is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coach.text import printable, usage_line

EXIT_OK = 0
EXIT_USAGE = 2
FORMATS = ("text", "md", "json")


def add_review_parser(commands: Any) -> None:
    review = commands.add_parser(
        "review",
        help="print the weekly review: the week's figures beside the four weeks before",
        description="Print the week's figures (asks, answers, conversations, fears tested, ...) beside the "
        "four weeks before, and the highlights of its reflections. A week runs Monday to Sunday.",
    )
    review.add_argument(
        "--week",
        metavar="DATE",
        help='any day of the week to show, e.g. "2026-11-18", "18 Nov", "2 weeks ago" (default: this week)',
    )
    review.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text for the terminal, md (Markdown) to paste into an e-mail, json for scripts (default: text)",
    )


def _usage(message: str) -> int:
    print(usage_line("coach review", message), end="", file=sys.stderr)
    return EXIT_USAGE


def run_review(args: argparse.Namespace, data: Path) -> int:
    from coach.dates import parse_when
    from coach.errors import DateParseError
    from coach.store import Store, local_now

    if args.format not in FORMATS:  # argparse checks this already; kept for callers that build args by hand
        return _usage(f"--format must be one of {', '.join(FORMATS)}")
    day = None
    if args.week is not None:
        try:
            day = parse_when(args.week, local_now()).day
        except DateParseError:
            typed = printable(" ".join(args.week.split()))[:40]
            return _usage(f'--week: couldn\'t read "{typed}" as a day; try 2026-11-18, "18 Nov" or "2 weeks ago"')
    store = Store.open(data)
    try:
        from coach.services import Services

        reviews = Services.create(store).reviews
        review = reviews.week(day)
        if args.format == "json":
            import orjson

            sys.stdout.buffer.write(orjson.dumps(review.as_json(), option=orjson.OPT_INDENT_2) + b"\n")
            sys.stdout.flush()
        else:
            for line in reviews.render(review, args.format).splitlines():
                print(printable(line))
    finally:
        store.close()
    return EXIT_OK
