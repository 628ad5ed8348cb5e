"""The reflection after an interview: what was learned, the evidence, referrals and the thank-you."""

from __future__ import annotations

from coach.services.fears import FearService
from coach.services.interviews import InterviewService
from coach.services.people import PeopleService
from coach.store import Store


class ReflectionService:
    """(Being built.)"""

    def __init__(self, store: Store, interviews: InterviewService, people: PeopleService, fears: FearService) -> None:
        self.store = store
        self.interviews = interviews
        self.people = people
        self.fears = fears
