"""Use cases, one module per area. Services validate, call the store, and never import Textual."""

from __future__ import annotations

from dataclasses import dataclass

from coach.services.fears import FearService
from coach.services.goals import GoalService
from coach.services.ledger import Ledger
from coach.services.outreach import OutreachService
from coach.services.people import PeopleService
from coach.services.settings import SettingsService
from coach.services.today import TodayService
from coach.store import Store


@dataclass(frozen=True)
class Services:
    """Everything the screens may call, built once around one store."""

    store: Store
    fears: FearService
    settings: SettingsService
    goals: GoalService
    people: PeopleService
    outreach: OutreachService
    today: TodayService

    @classmethod
    def create(cls, store: Store) -> Services:
        ledger = Ledger(store)  # one index of the outreach log, shared by every figure
        fears = FearService(store)
        goals = GoalService(store, ledger)
        people = PeopleService(store, ledger)
        outreach = OutreachService(store, ledger, people)
        return cls(
            store=store,
            fears=fears,
            settings=SettingsService(store),
            goals=goals,
            people=people,
            outreach=outreach,
            today=TodayService(store, goals, people, outreach, fears),
        )
