"""`coach walk [ID]`: open the app straight into the guided walkthrough before an interview.

    coach walk          the next planned interview
    coach walk 3        interview #3

The one command that opens the TUI; everything before that (finding the interview) happens without
Textual, so a missing interview is one line on stderr and exit 1, with no screen drawn.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coach.text import printable

EXIT_OK = 0
EXIT_ERROR = 1


def add_walk_parser(commands: Any) -> None:
    walk = commands.add_parser(
        "walk",
        help="walk through an interview just before you go (opens the app)",
        description="Open coach on the guided walkthrough of an interview: the fears on your mind, your goal, "
        "what's still open in your prep, your starred questions, and a send-off. Without an id, the next "
        "planned interview.",
    )
    walk.add_argument("id", nargs="?", type=int, metavar="ID", help="the interview's id (default: the next one)")


def run_walk(args: argparse.Namespace, data: Path) -> int:
    from coach.errors import NotFoundError
    from coach.services import Services
    from coach.store import Store

    store = Store.open(data)
    try:
        services = Services.create(store)
        if args.id is None:
            interview = services.interviews.next_interview()
            if interview is None:
                return _fail(
                    'no interview coming up to walk through. Plan one with coach interview "NAME" --on "fri 3pm", '
                    "or give an id: coach walk ID."
                )
        else:
            try:
                interview = services.interviews.get(args.id)
            except NotFoundError:
                return _fail(f"there is no interview #{args.id}. The Interviews section (F7) lists them with ids.")
        from coach.app import CoachApp
        from coach.terminal_input import harden_terminal_input

        harden_terminal_input()
        app = CoachApp(services, walk=interview.id)
        result = app.run()
    finally:
        store.close()
    return result if isinstance(result, int) else (app.return_code or EXIT_OK)


def _fail(message: str) -> int:
    print(f"coach walk: {printable(message)}", file=sys.stderr)
    return EXIT_ERROR
