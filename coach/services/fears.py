"""Face the fear monger: anxious thoughts written down as they are, counted, and later tested."""

from __future__ import annotations

from coach.models import Thought
from coach.store import Store
from coach.text import require_text


class FearService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, text: str) -> Thought:
        """Write a thought down as typed (control characters removed); refuses empty text."""
        return self._store.add(Thought(text=require_text(text, what="a thought")))

    def thoughts(self) -> list[Thought]:
        """Every thought, newest first."""
        return sorted(self._store.all(Thought), key=lambda t: (t.created, t.id), reverse=True)

    def count(self) -> int:
        """How many thoughts are on the list now."""
        return self._store.count(Thought)
