"""Preferences kept in the data file, such as the theme."""

from __future__ import annotations

from coach.store import Store
from coach.text import clean_text


class SettingsService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def theme(self) -> str | None:
        """The theme chosen last time, if any."""
        value = self._store.setting("theme")
        return value if isinstance(value, str) and value else None

    def set_theme(self, name: str) -> None:
        self._store.set_setting("theme", clean_text(name)[:64])
