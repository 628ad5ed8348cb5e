"""Interviews: plan them, prepare them (aims, questions, research, logistics), the cheat sheet."""

from __future__ import annotations

from coach.services.people import PeopleService
from coach.store import Store


class InterviewService:
    """(Being built.)"""

    def __init__(self, store: Store, people: PeopleService) -> None:
        self.store = store
        self.people = people
