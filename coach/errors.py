"""The project's own errors. Everything a person can cause ends in one of these, never a traceback."""

from __future__ import annotations

from pathlib import Path


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
    """Someone else changed the same field since this copy was read."""


class DataFileError(StoreError):
    """A data file coach must not touch: unreadable, damaged or from a newer coach."""

    def __init__(self, path: Path, problem: str, advice: str) -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        super().__init__(f"{path}: {problem}. {advice}")
