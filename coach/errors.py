"""The project's own errors. Everything a person can cause ends in one of these, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.models import Record


class CoachError(Exception):
    """Base of every error coach reports to a person."""


class ValidationError(CoachError, ValueError):
    """Input that cannot be saved as typed: the message says what to change."""


class DateParseError(ValidationError):
    """A date or time that could not be understood, or does not exist."""


class NotFoundError(CoachError, LookupError):
    """A record id that is not in the data file."""


class StoreError(CoachError):
    """A save or load that did not happen; the data file is unchanged."""


class ConflictError(StoreError):
    """Someone else changed the same field since this copy was read; nothing was saved.

    Carries what a screen needs to show the clash and let the person choose: to keep their own
    values, save again with `base=error.current` (the record as it is on disk now).
    """

    def __init__(
        self,
        message: str,
        *,
        kind: type[Record] | None = None,
        record_id: int | None = None,
        changes: dict[str, tuple[Any, Any]] | None = None,
        current: Record | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        """The kind of record that clashed (Thought, Contact, ...)."""
        self.record_id = record_id
        """Its id."""
        self.changes: dict[str, tuple[Any, Any]] = dict(changes or {})
        """field name -> (their value, now on disk; your value, not saved), as record values (enums, dates)."""
        self.current = current
        """The whole record as it is on disk now."""


class DataFileError(StoreError):
    """A data file coach must not touch: unreadable, damaged or from a newer coach."""

    def __init__(self, path: Path, problem: str, advice: str) -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        super().__init__(f"{path}: {problem}. {advice}")
