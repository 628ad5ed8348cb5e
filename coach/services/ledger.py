"""The outreach log and finished interviews, indexed in memory for the figures of Goal, People and Outreach.

Progress, strength, statuses and follow-ups are asked for on every redraw, so they never scan the
file. The index is built once from the store's records; after that, whenever the store's generation
moves (a save by any service, or a reload from disk), the store's records are compared with the ones
indexed *by identity*: the store keeps the same record objects until one is saved or the file is
reloaded, so the comparison finds exactly the records that changed (usually one, appended) in a
fraction of a millisecond, and only those are patched in. A reload from disk gives new objects and
so a rebuild. Days are local days in the zone of the store's clock.

`version` grows only when what the index holds changed, and `touched_since` says which people a
change was about, so figures built on the index (statuses, follow-ups) can patch themselves too.
"""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, TypeVar

from coach.models import EPOCH, Interview, InterviewStatus, Outreach, Record
from coach.store import Store

R = TypeVar("R", bound=Record)

_HISTORY = 64
"""How many versions of change notes to keep; a consumer further behind rebuilds."""


_order: Callable[[Outreach], tuple[datetime, int]] = operator.attrgetter("sent", "id")
"""The log's order: sent, ties by id (a C getter: the index sorts thousands with it)."""


def local_day(moment: datetime, zone: tzinfo | None) -> date:
    """The day `moment` falls on in `zone` (the moment's own day without a zone)."""
    return moment.astimezone(zone).date() if zone is not None else moment.date()


class DayCounts:
    """The per-day counters of the log (what a goal's progress needs). `count_days` makes them straight
    from the stored documents, for `Ledger.counts` before the whole index is built; `LedgerIndex` keeps
    them with the rest. Read-only for callers."""

    __slots__ = ("conversations", "messages", "people", "zone")

    def __init__(self, zone: tzinfo | None) -> None:
        self.zone = zone
        self.messages: Counter[date] = Counter()
        """Outreach logged per local day (every message counts)."""
        self.people: dict[date, dict[int, int]] = {}
        """Per local day, how many messages went to each person reached that day (plain dicts: a Counter
        each cost more to make than the rest of the index, and nothing needs one)."""
        self.conversations: Counter[date] = Counter()
        """Interviews marked done per local day."""

    def day_of(self, moment: datetime) -> date:
        return local_day(moment, self.zone)

    def reached_on(self, day: date) -> int:
        """How many different people were reached on `day`."""
        return len(self.people.get(day, ()))


_DONE = InterviewStatus.DONE.value
_DONE_STATUS = InterviewStatus.DONE
_DAY = timedelta(days=1)
_EPOCH_TEXT = EPOCH.isoformat()
_STATUSES = frozenset(status.value for status in InterviewStatus)


def _moment(text: object) -> datetime:
    """A stored time as the decoders read it (ValueError for anything they wouldn't read the same way)."""
    if type(text) is not str:
        raise ValueError("not a time")
    moment = datetime.fromisoformat(text)
    return moment.astimezone() if moment.tzinfo is None else moment


def count_days(
    outreach: list[dict[str, Any]],
    interviews: list[dict[str, Any]],
    zone: tzinfo | None,
    days: tuple[date, date] | None = None,
) -> DayCounts | None:
    """The counters `LedgerIndex` keeps, from stored documents (no record built); None if a document is
    not as coach writes it (then the records decide, and say what is wrong).

    `days` (first, last): only those local days are counted (the others are left out, unchecked). A stored
    time's own date is at most a day from its local date, so the rest are passed over by their text."""
    messages: dict[date, int] = {}
    people: dict[date, dict[int, int]] = {}
    conversations: dict[date, int] = {}
    planned = InterviewStatus.PLANNED.value
    low, high = ("", "~") if days is None else ((days[0] - _DAY).isoformat(), (days[1] + _DAY).isoformat() + "~")
    try:
        for doc in outreach:
            text = doc.get("sent", _EPOCH_TEXT)
            if type(text) is str and not low <= text <= high:
                continue
            contact_id = doc["contact_id"]
            if type(contact_id) is not int:
                return None
            day = local_day(_moment(text), zone)
            messages[day] = messages.get(day, 0) + 1
            reached = people.get(day)
            if reached is None:
                people[day] = {contact_id: 1}
            else:
                reached[contact_id] = reached.get(contact_id, 0) + 1
        for doc in interviews:
            status = doc.get("status", planned)
            if type(status) is not str or status not in _STATUSES:
                return None
            when = doc.get("when")
            if status != _DONE or when is None or (type(when) is str and not low <= when <= high):
                continue
            day = local_day(_moment(when), zone)
            conversations[day] = conversations.get(day, 0) + 1
    except (KeyError, ValueError, TypeError, OverflowError):
        return None
    counts = DayCounts(zone)
    counts.messages.update(messages)
    counts.people = people
    counts.conversations.update(conversations)
    return counts


class LedgerIndex(DayCounts):
    """What the figures need, by local day and by person. Read-only for callers."""

    __slots__ = ("by_contact", "log", "met")

    def __init__(self, zone: tzinfo | None) -> None:
        super().__init__(zone)
        self.by_contact: dict[int, list[Outreach]] = {}
        """Each person's outreach, oldest sent first (ties by id)."""
        self.met: Counter[int] = Counter()
        """Interviews marked done with each person."""
        self.log: list[Outreach] = []
        """All outreach, oldest sent first (ties by id)."""

    def add(self, outreach: Outreach) -> None:
        day = self.day_of(outreach.sent)
        self.messages[day] += 1
        reached = self.people.get(day)
        if reached is None:
            self.people[day] = {outreach.contact_id: 1}
        else:
            reached[outreach.contact_id] = reached.get(outreach.contact_id, 0) + 1
        for items in (self.by_contact.setdefault(outreach.contact_id, []), self.log):
            if not items or _order(items[-1]) <= _order(outreach):
                items.append(outreach)
            else:
                bisect.insort(items, outreach, key=_order)

    def remove(self, outreach: Outreach) -> None:
        day = self.day_of(outreach.sent)
        items = self.by_contact.get(outreach.contact_id, [])
        items[:] = [item for item in items if item.id != outreach.id]
        if not items:
            self.by_contact.pop(outreach.contact_id, None)
        at = bisect.bisect_left(self.log, _order(outreach), key=_order)
        if at < len(self.log) and self.log[at].id == outreach.id:
            del self.log[at]
        _take(self.messages, day)
        reached = self.people.get(day)
        if reached is not None:
            _take(reached, outreach.contact_id)
            if not reached:
                del self.people[day]

    def add_interview(self, interview: Interview) -> None:
        if interview.status is not InterviewStatus.DONE or interview.when is None:
            return
        self.conversations[self.day_of(interview.when)] += 1
        if interview.contact_id is not None:
            self.met[interview.contact_id] += 1

    def remove_interview(self, interview: Interview) -> None:
        if interview.status is not InterviewStatus.DONE or interview.when is None:
            return
        _take(self.conversations, self.day_of(interview.when))
        if interview.contact_id is not None:
            _take(self.met, interview.contact_id)


K = TypeVar("K")


def _take(counter: dict[K, int], key: K) -> None:
    counter[key] -= 1
    if counter[key] <= 0:
        del counter[key]


def changed_records(old: Sequence[R], new: Sequence[R]) -> tuple[list[R], list[R]] | None:
    """(removed, added) between two snapshots of a store table, compared by identity; None if the
    table was reloaded or shrank (then rebuild). An updated record shows up as removed and added."""
    if len(new) < len(old):
        return None
    if all(map(operator.is_, old, new)):  # the usual case, in C: nothing changed or records were appended
        return [], list(new[len(old) :])
    removed: list[R] = []
    added: list[R] = []
    for before, after in zip(old, new, strict=False):
        if before is not after:
            if before.id != after.id:
                return None
            removed.append(before)
            added.append(after)
    if len(removed) > 64:
        return None  # a reload, most likely: rebuilding is as quick
    added.extend(new[len(old) :])
    return removed, added


class Ledger:
    """One shared index of the outreach log for every service that counts from it."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._index: LedgerIndex | None = None
        self._outreach: list[Outreach] = []
        self._interviews: list[Interview] = []
        self._checked: int | None = None
        """The store generation the index was last brought up to."""
        self.version = 0
        """Grows whenever the indexed outreach or interviews changed."""
        self._touched: dict[int, frozenset[int] | None] = {}
        """version -> the people that change was about (None: everyone, after a rebuild)."""
        self._days: dict[int, frozenset[date] | None] = {}
        """version -> the local days that change was about (None: every day, after a rebuild)."""
        self._days_now: set[date] = set()
        self._light: tuple[object, DayCounts] | None = None
        """(key, counters) counted from the documents, while the whole index isn't built."""

    @property
    def store(self) -> Store:
        return self._store

    def zone(self) -> tzinfo | None:
        """The zone local days are counted in: the store clock's."""
        return self._store.clock().tzinfo

    def counts(self, days: tuple[date, date] | None = None, *, conversations: bool = True) -> tuple[DayCounts, object]:
        """(the per-day counters, a key that changes whenever they do); with `days` (first, last), the
        counters may hold those local days only; without `conversations`, they may leave the interviews
        out (a goal counting people or messages never reads them).

        From the whole index once it has been built (it is patched on each change) or the outreach records
        are read anyway; before that, counted from the stored documents without building a record, so that
        a command asking for today's progress (`coach log`) needn't decode and sort the whole log (about
        40 ms at 10,000 records, against 10)."""
        self._store.reload_if_changed(thorough=False)
        if self._index is not None or self._store.decoded(Outreach):  # the index is (almost) there: use it
            index = self.index()
            return index, ("index", self.version)
        zone = self.zone()
        key = ("documents", self._store.generation, zone, days, conversations)
        light = self._light
        if light is not None and light[0] == key:
            return light[1], key
        interviews = self._store.documents(Interview) if conversations else []
        counts = count_days(self._store.documents(Outreach), interviews, zone, days)
        if counts is None:  # a record written some other way: the records decide (and say what is wrong)
            index = self.index()
            return index, ("index", self.version)
        self._light = (key, counts)
        return counts, key

    def index(self) -> LedgerIndex:
        """The index for the data as it is now (the file is reloaded first if it changed on disk)."""
        self._store.reload_if_changed(thorough=False)  # one stat while nothing changed
        index = self._index
        zone = self.zone()
        generation = self._store.generation
        if index is not None and self._checked == generation and index.zone == zone:
            return index
        outreach = self._store.all(Outreach)
        interviews = self._store.all(Interview)
        if self._store.generation != generation:  # the file changed again between the reads
            outreach = self._store.all(Outreach)
            generation = self._store.generation
        touched: set[int] | None = None
        if index is not None and index.zone == zone:
            touched = self._patch(index, outreach, interviews)
        if touched is None:
            index = self._build(zone, outreach, interviews)
            self._note(None)
        elif touched:
            self._note(frozenset(touched))
        self._outreach, self._interviews = outreach, interviews
        self._checked = generation
        assert self._index is not None
        return self._index

    def _build(self, zone: tzinfo | None, outreach: list[Outreach], interviews: list[Interview]) -> LedgerIndex:
        index = LedgerIndex(zone=zone)
        # What `add` does for each, in bulk: in order already, so every list is appended to.
        messages, people, by_contact = index.messages, index.people, index.by_contact
        index.log = ordered = sorted(outreach, key=_order)
        sent = map(operator.attrgetter("sent"), ordered)
        days = [moment.astimezone(zone).date() for moment in sent] if zone is not None else [m.date() for m in sent]
        messages.update(days)
        for day, item in zip(days, ordered, strict=True):
            contact_id = item.contact_id
            reached = people.get(day)
            if reached is None:
                people[day] = {contact_id: 1}
            else:
                reached[contact_id] = reached.get(contact_id, 0) + 1
            items = by_contact.get(contact_id)
            if items is None:
                by_contact[contact_id] = [item]
            else:
                items.append(item)
        # What `add_interview` does for each, in bulk.
        done = [
            (when, item.contact_id)
            for item in interviews
            if item.status is _DONE_STATUS and (when := item.when) is not None
        ]
        index.conversations.update([local_day(when, zone) for when, _ in done])
        index.met.update([contact_id for _, contact_id in done if contact_id is not None])
        self._index = index
        return index

    def _patch(self, index: LedgerIndex, outreach: list[Outreach], interviews: list[Interview]) -> set[int] | None:
        """Apply what changed since the last look; the people it touched, or None to rebuild."""
        changed = changed_records(self._outreach, outreach)
        changed_interviews = changed_records(self._interviews, interviews)
        if changed is None or changed_interviews is None:
            return None
        touched: set[int] = set()
        days = self._days_now = set()
        removed, added = changed
        for item in removed:
            index.remove(item)
        for item in added:
            index.add(item)
        for item in (*removed, *added):
            touched.add(item.contact_id)
            days.add(index.day_of(item.sent))
        removed_interviews, added_interviews = changed_interviews
        for interview in removed_interviews:
            index.remove_interview(interview)
        for interview in added_interviews:
            index.add_interview(interview)
        for interview in (*removed_interviews, *added_interviews):
            if interview.when is not None:
                days.add(index.day_of(interview.when))
            touched.add(interview.contact_id if interview.contact_id is not None else -1)
        return touched

    def _note(self, touched: frozenset[int] | None) -> None:
        self.version += 1
        self._touched[self.version] = touched
        self._touched.pop(self.version - _HISTORY, None)
        self._days[self.version] = None if touched is None else frozenset(self._days_now)
        self._days.pop(self.version - _HISTORY, None)

    def days_touched_since(self, version: int) -> frozenset[date] | None:
        """The local days whose outreach or finished interviews changed after `version` (None: unknown).

        Call after `index()`, which brings the notes up to date."""
        days: set[date] = set()
        for step in range(version + 1, self.version + 1):
            changed = self._days.get(step)
            if changed is None:
                return None
            days |= changed
        return frozenset(days)

    def touched_since(self, version: int) -> frozenset[int] | None:
        """The people whose outreach or interviews changed after `version` (None: unknown, rebuild).

        Call after `index()`, which brings the notes up to date."""
        if version == self.version:
            return frozenset()
        people: set[int] = set()
        for step in range(version + 1, self.version + 1):
            if step not in self._touched:
                return None
            touched = self._touched[step]
            if touched is None:
                return None
            people |= touched
        return frozenset(people)
