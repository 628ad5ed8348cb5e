"""The weekly review: the week's figures beside the four before, highlights, and the guided part."""

from __future__ import annotations

from coach.services.goals import GoalService
from coach.services.ledger import Ledger
from coach.store import Store


class ReviewService:
    """(Being built.)"""

    def __init__(self, store: Store, ledger: Ledger, goals: GoalService) -> None:
        self.store = store
        self.ledger = ledger
        self.goals = goals
