"""Use cases, one module per area. Services validate, call the store, and never import Textual."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from coach.services.careers import CareerService
    from coach.services.fears import FearService
    from coach.services.goals import GoalService
    from coach.services.imports import ImportService
    from coach.services.interviews import InterviewService
    from coach.services.ledger import Ledger
    from coach.services.outreach import OutreachService
    from coach.services.people import PeopleService
    from coach.services.reflections import ReflectionService
    from coach.services.reviews import ReviewService
    from coach.services.settings import SettingsService
    from coach.services.today import TodayService
    from coach.services.walkthrough import WalkthroughService
    from coach.store import Store


class Services:
    """Everything the screens may call, around one store.

    Each service is made, and its module imported, the first time it is asked for: opening coach
    loads only what its first screen uses (each service module costs 10-30 ms to import)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def create(cls, store: Store) -> Services:
        return cls(store)

    @classmethod
    def open(cls, path: Path, *, writing: bool = False) -> Services:
        """Services over the data file at `path` (see `Store.open`), for a command.

        `writing`: the command is going to save (log, answer, add someone). A save needs every table,
        so the file is parsed now, in one go, rather than table by table as the look-ups before the
        save ask for them and then the rest (for `coach log` at 10,000 records, 1.6 % of its
        instructions). Commands that only read leave it to those look-ups: `coach today` never parses
        the thousands of thoughts it doesn't show."""
        from coach.store import Store

        store = Store.open(path)
        if writing:
            store.read_whole()
        return cls(store)

    @cached_property
    def ledger(self) -> Ledger:
        """One index of the outreach log, shared by every figure."""
        from coach.services.ledger import Ledger

        return Ledger(self.store)

    @cached_property
    def fears(self) -> FearService:
        from coach.services.fears import FearService

        return FearService(self.store)

    @cached_property
    def settings(self) -> SettingsService:
        from coach.services.settings import SettingsService

        return SettingsService(self.store)

    @cached_property
    def goals(self) -> GoalService:
        from coach.services.goals import GoalService

        return GoalService(self.store, self.ledger)

    @cached_property
    def people(self) -> PeopleService:
        from coach.services.people import PeopleService

        return PeopleService(self.store, self.ledger)

    @cached_property
    def outreach(self) -> OutreachService:
        from coach.services.outreach import OutreachService

        return OutreachService(self.store, self.ledger, self.people)

    @cached_property
    def today(self) -> TodayService:
        from coach.services.today import TodayService

        return TodayService(self.store, self.goals, self.people, self.outreach)

    @cached_property
    def interviews(self) -> InterviewService:
        from coach.services.interviews import InterviewService

        return InterviewService(self.store, self.people)

    @cached_property
    def walkthrough(self) -> WalkthroughService:
        from coach.services.walkthrough import WalkthroughService

        return WalkthroughService(self.store, self.interviews, self.fears, self.goals)

    @cached_property
    def reflections(self) -> ReflectionService:
        from coach.services.reflections import ReflectionService

        return ReflectionService(self.store, self.interviews, self.people, self.fears)

    @cached_property
    def reviews(self) -> ReviewService:
        from coach.services.reviews import ReviewService

        return ReviewService(self.store, self.ledger, self.goals)

    @cached_property
    def careers(self) -> CareerService:
        from coach.services.careers import CareerService

        return CareerService(self.store)

    @cached_property
    def imports(self) -> ImportService:
        from coach.services.imports import ImportService

        return ImportService(self.store, self.people)
