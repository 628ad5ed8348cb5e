"""`coach fear`: write a thought down from a shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_fear_parser(commands: Any) -> None:
    fear = commands.add_parser("fear", help="write down an anxious thought, or list them")
    fear.add_argument("text", nargs="?", help="the thought, in quotes")
    fear.add_argument("--list", action="store_true", help="list every thought with its id, date and outcome")


def run_fear(args: argparse.Namespace, data: Path) -> int:
    from coach.services.fears import FearService
    from coach.store import Store

    fears = FearService(Store.open(data))
    if args.list:
        for thought in fears.thoughts():
            print(f"{thought.id:>5}  {thought.created:%Y-%m-%d}  {thought.outcome.label:<14}  {thought.text}")
        return 0
    if args.text is None:
        print('coach: give the thought in quotes, e.g. coach fear "what if they say no"', file=sys.stderr)
        return 2
    fears.add(args.text)
    count = fears.count()
    print(f"Written down. {count} thought{'s' if count != 1 else ''} on the list.")
    return 0
