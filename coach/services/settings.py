"""Preferences kept in the data file, such as the theme."""

from __future__ import annotations

from coach.store import Store
from coach.text import clean_text

WELCOME = "welcome"
"""The settings key of the first-run welcome: its step (1-3) while in progress, WELCOME_DONE after."""
WELCOME_DONE = "done"


class SettingsService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def theme(self) -> str | None:
        """The theme chosen last time, if any."""
        value = self._store.setting("theme")
        return value if isinstance(value, str) and value else None

    def set_theme(self, name: str) -> None:
        self._store.set_setting("theme", clean_text(name)[:64])

    # the welcome on a first run

    def welcome_step(self) -> int | None:
        """The welcome step (1-3) to come back to after quitting midway; None if it was never started,
        or is done or skipped."""
        value = self._store.setting(WELCOME)
        return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3 else None

    def welcome_done(self) -> bool:
        """True once the welcome was finished or skipped: it never shows again."""
        return bool(self._store.setting(WELCOME) == WELCOME_DONE)

    def set_welcome_step(self, step: int) -> None:
        """Remember the welcome step being shown (1-3), so quitting midway comes back to it."""
        if not self.welcome_done() and 1 <= step <= 3:
            self._store.set_setting(WELCOME, step)

    def finish_welcome(self) -> None:
        """The welcome was done or skipped: never show it again."""
        self._store.set_setting(WELCOME, WELCOME_DONE)
