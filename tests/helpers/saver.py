"""A child process that saves continuously until it is killed: the crash suites' victim.

    python saver.py coach|tinydb FILE

It opens FILE (coach's Store, or stock TinyDB with its JSONStorage), prints "ready N" (N: the
records it found), then adds records N+1, N+2, ... forever, printing each record's id on its own
line (flushed) only after the save returned: a printed id is an acknowledged save. After each add
it edits record 1 (`crashkit.edited_first(n)`) and prints "edited". Record n holds `crashkit.content(n)`.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crashkit import content, edited_first  # type: ignore[import-not-found]


def save_with_coach(path: Path) -> None:
    from coach.models import Thought
    from coach.store import Store

    store = Store.open(path)
    n = store.count(Thought)
    print("ready", n, flush=True)
    while True:
        n += 1
        saved = store.add(Thought(text=content(n)))
        if saved.id != n:
            raise SystemExit(f"expected id {n}, the store gave {saved.id}")
        print(saved.id, flush=True)
        if n > 1:
            store.update(dataclasses.replace(store.get(Thought, 1), text=edited_first(n)))
            print("edited", flush=True)


def save_with_tinydb(path: Path) -> None:
    from tinydb import TinyDB

    db = TinyDB(path)  # stock: JSONStorage, which rewrites the file in place
    n = len(db)
    print("ready", n, flush=True)
    while True:
        n += 1
        doc_id = db.insert({"n": n, "text": content(n)})
        if doc_id != n:
            raise SystemExit(f"expected id {n}, TinyDB gave {doc_id}")
        print(doc_id, flush=True)
        if n > 1:
            db.update({"text": edited_first(n)}, doc_ids=[1])
            print("edited", flush=True)


if __name__ == "__main__":
    engine, file_name = sys.argv[1], Path(sys.argv[2])
    {"coach": save_with_coach, "tinydb": save_with_tinydb}[engine](file_name)
