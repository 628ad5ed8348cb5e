"""Use cases, one module per area. Services validate, call the store, and never import Textual."""

from __future__ import annotations

from dataclasses import dataclass

from coach.services.fears import FearService
from coach.services.settings import SettingsService
from coach.store import Store


@dataclass(frozen=True)
class Services:
    """Everything the screens may call, built once around one store."""

    store: Store
    fears: FearService
    settings: SettingsService

    @classmethod
    def create(cls, store: Store) -> Services:
        return cls(store=store, fears=FearService(store), settings=SettingsService(store))
