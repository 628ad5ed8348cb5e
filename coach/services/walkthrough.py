"""The guided walkthrough before an interview: five steps, saved as it goes, resumed where it was."""

from __future__ import annotations

from coach.services.fears import FearService
from coach.services.goals import GoalService
from coach.services.interviews import InterviewService
from coach.store import Store


class WalkthroughService:
    """(Being built.)"""

    def __init__(self, store: Store, interviews: InterviewService, fears: FearService, goals: GoalService) -> None:
        self.store = store
        self.interviews = interviews
        self.fears = fears
        self.goals = goals
