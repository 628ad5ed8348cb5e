"""The outreach log and finished interviews, indexed in memory for the figures of Goal, People and Outreach.

Progress, strength, statuses and follow-ups are asked for on every redraw, so they never scan the
file: the index is built from the store's records once per store generation (any change, ours or
from disk) and, after a save made here, updated in place instead of rebuilt. Days are local days in
the zone of the store's clock.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TypeVar

from coach.models import Interview, InterviewStatus, Outreach
from coach.store import Store

T = TypeVar("T")


def _order(outreach: Outreach) -> tuple[datetime, int]:
    return (outreach.sent, outreach.id)


@dataclass(slots=True)
class LedgerIndex:
    """What the figures need, by local day and by person. Read-only for callers."""

    generation: int
    zone: tzinfo | None
    messages: Counter[date] = field(default_factory=Counter)
    """Outreach logged per local day (every message counts)."""
    people: dict[date, set[int]] = field(default_factory=dict)
    """The different people reached per local day."""
    conversations: Counter[date] = field(default_factory=Counter)
    """Interviews marked done per local day."""
    by_contact: dict[int, list[Outreach]] = field(default_factory=dict)
    """Each person's outreach, oldest sent first (ties by id)."""
    met: set[int] = field(default_factory=set)
    """People with at least one interview marked done."""
    first_day: date | None = None
    """The earliest local day with any outreach or finished interview."""

    def day_of(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date() if self.zone is not None else moment.date()

    def add(self, outreach: Outreach) -> None:
        day = self.day_of(outreach.sent)
        self.messages[day] += 1
        self.people.setdefault(day, set()).add(outreach.contact_id)
        items = self.by_contact.setdefault(outreach.contact_id, [])
        if not items or _order(items[-1]) <= _order(outreach):
            items.append(outreach)
        else:
            bisect.insort(items, outreach, key=_order)
        if self.first_day is None or day < self.first_day:
            self.first_day = day

    def remove(self, outreach: Outreach) -> None:
        day = self.day_of(outreach.sent)
        items = self.by_contact.get(outreach.contact_id, [])
        items[:] = [item for item in items if item.id != outreach.id]
        if not items:
            self.by_contact.pop(outreach.contact_id, None)
        self.messages[day] -= 1
        if self.messages[day] <= 0:
            del self.messages[day]
        if not any(self.day_of(item.sent) == day for item in items):
            reached = self.people.get(day)
            if reached is not None:
                reached.discard(outreach.contact_id)
                if not reached:
                    del self.people[day]

    def add_interview(self, interview: Interview) -> None:
        if interview.status is not InterviewStatus.DONE or interview.when is None:
            return
        day = self.day_of(interview.when)
        self.conversations[day] += 1
        if interview.contact_id is not None:
            self.met.add(interview.contact_id)
        if self.first_day is None or day < self.first_day:
            self.first_day = day


class Ledger:
    """One shared index of the outreach log for every service that counts from it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._index: LedgerIndex | None = None

    @property
    def store(self) -> Store:
        return self._store

    def zone(self) -> tzinfo | None:
        """The zone local days are counted in: the store clock's."""
        return self._store.clock().tzinfo

    def index(self) -> LedgerIndex:
        """The index for the data as it is now (reloaded first if the file changed on disk)."""
        self._store.reload_if_changed()
        index = self._index
        zone = self.zone()
        if index is None or index.generation != self._store.generation or index.zone != zone:
            index = self._build(zone)
        return index

    @property
    def generation(self) -> int:
        """The store generation the index (and anything derived from it) describes, after bringing it up to date."""
        return self.index().generation

    def _build(self, zone: tzinfo | None) -> LedgerIndex:
        outreach = self._store.all(Outreach)
        interviews = self._store.all(Interview)
        index = LedgerIndex(generation=self._store.generation, zone=zone)
        for item in sorted(outreach, key=_order):
            index.add(item)
        for interview in interviews:
            index.add_interview(interview)
        self._index = index
        return index

    def saving(self, write: Callable[[], T], apply: Callable[[LedgerIndex, T], None] | None = None) -> T:
        """Run `write` (one store write) and bring the index along without a rebuild when nothing else changed.

        `apply(index, result)` updates the index for what `write` did; without it the write is taken
        to change nothing the index holds (a contact's name, a goal).
        """
        index = self._index
        before = self._store.generation
        result = write()
        if index is not None and index.generation == before and self._store.generation == before + 1:
            if apply is not None:
                apply(index, result)
            index.generation = self._store.generation
        return result
