"""The career options being explored, the evidence for each, and the comparison."""

from __future__ import annotations

from coach.store import Store


class CareerService:
    """(Being built.)"""

    def __init__(self, store: Store) -> None:
        self.store = store
