"""A child process for the concurrency suite: one of two coaches writing to the same file at once.

    python writer.py tui|cli FILE COUNT

`tui` holds one Store open for the whole run, as the app does; `cli` opens a fresh Store for every
change, as each `coach fear "..."` does. After "ready" it waits for a line on stdin, then makes
COUNT adds and COUNT edits of record #1 (tui: its likelihood, cli: its text), interleaved, and
prints one JSON line: {"added": [ids], "errors": [messages]}.

    python writer.py race FILE FIELD VALUE

reads thought #1, prints "read", waits for a line on stdin, then saves FIELD=VALUE with the copy
it read as the base and prints "saved" or "conflict: <message>".
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from coach.errors import ConflictError
from coach.models import Thought
from coach.services.fears import FearService
from coach.store import Store


def run_writer(role: str, path: Path, count: int) -> None:
    held = Store.open(path) if role == "tui" else None
    print("ready", flush=True)
    sys.stdin.readline()
    added: list[int] = []
    errors: list[str] = []
    for i in range(count):
        try:
            store = held or Store.open(path)
            if role == "tui":
                added.append(store.add(Thought(text=f"tui thought {i}")).id)
            else:
                added.append(FearService(store).add(f"cli thought {i}").id)
            store = held or Store.open(path)
            shared = store.get(Thought, 1)
            if role == "tui":
                store.update(dataclasses.replace(shared, likelihood=i % 101), base=shared)
            else:
                store.update(dataclasses.replace(shared, text=f"shared, cli edit {i}"), base=shared)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
    print(json.dumps({"added": added, "errors": errors}), flush=True)


def run_race(path: Path, field: str, value: str) -> None:
    store = Store.open(path)
    base = store.get(Thought, 1)
    print("read", flush=True)
    sys.stdin.readline()
    new_value: Any = int(value) if field == "likelihood" else value
    changed = dataclasses.replace(base, **{field: new_value})
    try:
        store.update(changed, base=base)
    except ConflictError as error:
        print(f"conflict: {error}", flush=True)
    else:
        print("saved", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "race":
        run_race(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
    else:
        run_writer(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
