"""A seeded generator of realistic coach data files, for the benchmarks.

The records are built as coach's own dataclasses and mapped with `coach.store.to_doc`, then written
in one go as the TinyDB JSON file coach itself writes (orjson, two-space indent, a `meta` table with
the schema version and the last id of each table). Nothing goes through `Store.add`, so 100,000
records take a second or two, not an hour.

The mix follows one person who has used coach for three years: about half the records are anxious
thoughts (most a sentence long, a few a paragraph), then outreach, contacts, interviews with their
prep items and reflections, a weekly review, a handful of goals and careers. Dates are spread over
the three years before `END`, ids follow creation order, links point at records that exist.

    .venv/bin/python bench/datagen.py 10000 /tmp/coach-10k.json [--seed 1] [--thoughts 10000]

Generated files are never committed: write them to a temp folder or bench/results/ (gitignored).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.models import (
    Career,
    CareerStatus,
    Channel,
    Contact,
    Goal,
    GoalUnit,
    Interview,
    InterviewStatus,
    Outcome,
    Outreach,
    Period,
    PrepItem,
    Record,
    Reflection,
    Response,
    Review,
    Thought,
    Warmth,
)
from coach.store import META, SCHEMA, to_doc

END = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
"""The newest record's time: fixed, so a seed always gives the same bytes."""
SPAN = timedelta(days=3 * 365)

SHARES: dict[str, float] = {
    "thoughts": 0.45,
    "outreach": 0.22,
    "contacts": 0.15,
    "prep_items": 0.08,
    "interviews": 0.06,
    "reflections": 0.04,
}
"""The share of each bulk table; reviews, goals and careers are capped small counts on top."""


# Word stock for text. Written for this generator; the sentences it makes are nonsense-adjacent on
# purpose: what matters here is their length and their variety, not their meaning.
def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_OPENERS = (
    "What if",
    "Maybe",
    "I worry that",
    "They will probably think",
    "It feels like",
    "Someone will notice",
    "I keep imagining that",
    "Surely",
    "There's a chance",
    "Everyone already knows",
)
_FEARS = (
    "they never answer my message",
    "I sound like I'm asking for a job",
    "I forget what I wanted to ask",
    "the call goes quiet and stays quiet",
    "they think I'm wasting their time",
    "my voice shakes on the first sentence",
    "I mix up the name of their company",
    "they say no and tell their colleagues",
    "I'm too late to change careers",
    "I have nothing useful to offer in return",
    "they ask why I left my last job",
    "the coffee place is too loud to talk",
    "I talk too much about myself",
    "they remember the awkward thing I said years ago",
    "I can't explain what I actually want",
    "my e-mail lands in their spam folder",
)
_TAILS = (
    "and then I'll feel silly for a week.",
    "which would be embarrassing.",
    "so why even try?",
    "and I won't get another chance.",
    "although it has never happened before.",
    "even though my friend said it went fine for her.",
    "",
)
_WORDS = _split(
    "project team manager coffee weekend design nurse teacher data hospital library budget friend "
    "cousin neighbour introduction question career change interview follow-up thanks email phone "
    "message meeting morning evening office remote startup council charity research field visit "
    "advice story lesson surprise plan idea shadow day week month goal small steady kind warm cold "
    "referral list notes agenda calendar train walk lunch portfolio volunteer course certificate"
)
_FIRST = _split(
    "Ana Ben Chloe Dev Elif Femi Greta Hugo Ines Jonas Kofi Lena Mateo Nadia Oskar Priya Quentin Rosa "
    "Sami Tove Uma Viktor Wen Ximena Yusuf Zoe"
)
_LAST = _split(
    "Almeida Brandt Chen Dubois Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Larsen Moreau "
    "Novak Okafor Petrov Quinn Rossi Silva Tanaka Urban Varga Weber Yilmaz Zimmermann"
)
_COMPANIES = (
    "Northwind Clinic",
    "Harbour Library",
    "Bluebird Analytics",
    "City Council",
    "Greenleaf School",
    "Orbit Studio",
    "Fern & Co",
    "Riverside Hospital",
    "Open Field Trust",
    "",
)
_ROLES = ("nurse", "librarian", "data analyst", "teacher", "designer", "project manager", "researcher", "")
_PLACES = ("their office", "a café near the station", "video call", "phone", "the park", "the canteen", "")
_CAREERS = (
    "Librarian",
    "UX researcher",
    "Nurse",
    "Data analyst",
    "Teacher",
    "Park ranger",
    "Project manager",
    "Translator",
    "Carpenter",
    "Pharmacist",
    "Archivist",
    "Social worker",
)


class _Maker:
    """Random values of the right shapes, from one seeded generator."""

    def __init__(self, seed: int, end: datetime) -> None:
        self.rng = random.Random(seed)
        self.end = end

    def when(self, position: float) -> datetime:
        """A time about `position` (0..1) of the way through the three years, with some jitter."""
        jitter = self.rng.uniform(-0.002, 0.002)
        spot = min(1.0, max(0.0, position + jitter))
        moment = self.end - SPAN * (1.0 - spot)
        return moment.replace(microsecond=self.rng.randrange(1_000_000))

    def length(self, median: float, low: int, high: int) -> int:
        """A text length from a log-normal spread: most near `median`, a long tail."""
        return max(low, min(high, int(self.rng.lognormvariate(math.log(median), 0.7))))

    def words(self, target: int) -> str:
        """Filler prose of about `target` characters."""
        if target <= 0:
            return ""
        parts: list[str] = []
        size = 0
        while size < target:
            sentence = " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(4, 12)))
            sentence = sentence[0].upper() + sentence[1:] + "."
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)[:target].rstrip()

    def thought_text(self) -> str:
        rng = self.rng
        text = f"{rng.choice(_OPENERS)} {rng.choice(_FEARS)}"
        tail = rng.choice(_TAILS)
        if tail:
            text = f"{text} {tail}"
        else:
            text += "?"
        target = self.length(70, 12, 600)
        if target > len(text) + 20:
            text = f"{text} {self.words(target - len(text) - 1)}"
        elif rng.random() < 0.3:
            text = text.split(" ", 3)[-1].capitalize()
        return text

    def optional(self, chance: float, make: Callable[[], Any]) -> Any:
        return make() if self.rng.random() < chance else None


def _counts(records: int, thoughts: int | None) -> dict[str, int]:
    """How many records of each table make up `records` in all (or a file with `thoughts` thoughts)."""
    if thoughts is not None:
        records = max(records, round(thoughts / SHARES["thoughts"]))
    small = {
        "reviews": min(156, max(1, records // 50)),
        "goals": min(20, max(1, records // 200)),
        "careers": min(len(_CAREERS), max(1, records // 300)),
    }
    bulk = max(0, records - sum(small.values()))
    counts = {name: int(bulk * share) for name, share in SHARES.items()}
    counts["contacts"] = max(counts["contacts"], 1)
    counts["interviews"] = max(counts["interviews"], 1)
    if thoughts is not None:
        counts["thoughts"] = thoughts
    else:
        counts["thoughts"] += records - sum(small.values()) - sum(counts.values())
    return {**counts, **small}


def generate(records: int, *, seed: int = 1, thoughts: int | None = None, end: datetime = END) -> dict[str, Any]:
    """The data of a coach file holding `records` records in all (at least `thoughts` thoughts if given).

    Deterministic: the same arguments always give the same data.
    """
    counts = _counts(records, thoughts)
    make = _Maker(seed, end)
    rng = make.rng
    tables: dict[str, dict[str, Any]] = {}

    def put(record: Record) -> None:
        tables.setdefault(record.table, {})[str(record.id)] = to_doc(record)

    def spread(n: int) -> list[float]:
        return sorted(rng.random() for _ in range(n))

    for i, pos in enumerate(spread(counts["careers"]), start=1):
        created = make.when(pos * 0.3)
        put(
            Career(
                id=i,
                created=created,
                updated=created,
                title=_CAREERS[i - 1],
                notes=make.words(make.length(120, 0, 800)),
                status=rng.choice(list(CareerStatus)),
                rank=i,
            )
        )
    for i, pos in enumerate(spread(counts["goals"]), start=1):
        created = make.when(pos)
        put(
            Goal(
                id=i,
                created=created,
                updated=created,
                title=f"Reach out to {rng.randint(1, 5)} people",
                target=rng.randint(1, 5),
                unit=rng.choice(list(GoalUnit)),
                period=rng.choice((Period.DAY, Period.DAY, Period.WEEK)),
                rrule=rng.choice(("FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")),
                start=created.date(),
                plan="weekday mornings at the kitchen table" if rng.random() < 0.5 else "",
                active=i == counts["goals"],
            )
        )
    contact_times: list[datetime] = []
    for i, pos in enumerate(spread(counts["contacts"]), start=1):
        created = make.when(pos)
        contact_times.append(created)
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        put(
            Contact(
                id=i,
                created=created,
                updated=created + timedelta(days=rng.randint(0, 30)),
                name=f"{first} {last}",
                warmth=rng.choice(list(Warmth)),
                company=rng.choice(_COMPANIES),
                role=rng.choice(_ROLES),
                email=f"{first.lower()}.{last.lower()}@example.org" if rng.random() < 0.7 else "",
                phone=f"+44 7700 9{rng.randrange(100000):05d}" if rng.random() < 0.4 else "",
                notes=make.words(make.length(60, 0, 1500)) if rng.random() < 0.6 else "",
                referred_by=rng.randint(1, i - 1) if i > 1 and rng.random() < 0.25 else None,
                career_id=rng.randint(1, counts["careers"]) if rng.random() < 0.5 else None,
            )
        )
    n_contacts = counts["contacts"]
    for i, pos in enumerate(spread(counts["outreach"]), start=1):
        sent = make.when(pos)
        put(
            Outreach(
                id=i,
                created=sent,
                updated=sent + timedelta(days=rng.randint(0, 14)),
                contact_id=rng.randint(1, n_contacts),
                channel=rng.choice(list(Channel)),
                sent=sent,
                note=make.words(make.length(50, 0, 500)) if rng.random() < 0.5 else "",
                response=(response := rng.choice(list(Response))),
                answered=None if response is Response.WAITING else sent + timedelta(days=rng.randint(0, 14)),
                guess=rng.randint(0, 100) if rng.random() < 0.4 else None,
                follow_up=(sent + timedelta(days=rng.randint(3, 14))).date() if rng.random() < 0.4 else None,
            )
        )
    n_interviews = counts["interviews"]
    interview_times: list[datetime] = []
    for i, pos in enumerate(spread(n_interviews), start=1):
        created = make.when(pos)
        when = created + timedelta(days=rng.randint(1, 21), hours=rng.randint(8, 18))
        interview_times.append(when)
        put(
            Interview(
                id=i,
                created=created,
                updated=created,
                contact_id=rng.randint(1, n_contacts),
                when=when,
                place=rng.choice(_PLACES),
                leave_knowing=make.words(make.length(90, 0, 600)),
                aims=tuple(make.words(make.length(40, 5, 120)) for _ in range(rng.randint(0, 3))),
                status=InterviewStatus.DONE if when < end else InterviewStatus.PLANNED,
                career_id=rng.randint(1, counts["careers"]) if rng.random() < 0.6 else None,
            )
        )
    for i, pos in enumerate(spread(counts["prep_items"]), start=1):
        created = make.when(pos)
        put(
            PrepItem(
                id=i,
                created=created,
                updated=created,
                interview_id=rng.randint(1, n_interviews),
                text=make.words(make.length(55, 8, 300)).rstrip(".") + "?",
                done=rng.random() < 0.5,
                starred=rng.random() < 0.3,
                rank=i,
            )
        )
    for i, pos in enumerate(spread(counts["reflections"]), start=1):
        created = make.when(pos)
        put(
            Reflection(
                id=i,
                created=created,
                updated=created,
                interview_id=rng.randint(1, n_interviews),
                went_well=make.words(make.length(120, 0, 1200)),
                learned=make.words(make.length(120, 0, 1200)),
                surprised=make.words(make.length(60, 0, 800)),
                next_step=make.words(make.length(50, 0, 300)),
                enjoyment=rng.randint(1, 5) if rng.random() < 0.8 else None,
                kindness=rng.randint(2, 5) if rng.random() < 0.8 else None,
                they_talked=rng.randint(40, 90) if rng.random() < 0.8 else None,
                complete=True,
            )
        )
    first_monday = (end - SPAN).date()
    first_monday -= timedelta(days=first_monday.weekday())
    for i in range(1, counts["reviews"] + 1):
        week: date = first_monday + timedelta(weeks=i - 1)
        created = datetime.combine(week + timedelta(days=6), datetime.min.time(), UTC) + timedelta(hours=19)
        put(
            Review(
                id=i,
                created=created,
                updated=created,
                week_start=week,
                wins=make.words(make.length(100, 0, 800)),
                lessons=make.words(make.length(100, 0, 800)),
                next_goal=make.words(make.length(40, 0, 200)),
            )
        )
    for i, pos in enumerate(spread(counts["thoughts"]), start=1):
        created = make.when(pos)
        seen: tuple[datetime, ...] = ()
        if rng.random() < 0.12:
            seen = tuple(
                sorted(
                    min(end, created + timedelta(days=rng.randint(1, 200), minutes=rng.randrange(1440)))
                    for _ in range(rng.randint(1, 4))
                )
            )
        outcome = Outcome.UNTESTED if rng.random() < 0.6 else rng.choice(list(Outcome))
        put(
            Thought(
                id=i,
                created=created,
                updated=max((created, *seen)),
                text=make.thought_text(),
                likelihood=rng.randrange(0, 101, 5) if rng.random() < 0.4 else None,
                outcome=outcome,
                contact_id=rng.randint(1, n_contacts) if rng.random() < 0.15 else None,
                interview_id=rng.randint(1, n_interviews) if rng.random() < 0.1 else None,
                seen=seen,
            )
        )
    last_ids = {name: len(table) for name, table in tables.items()}
    return {META: {"1": {"schema": SCHEMA, "last_ids": last_ids}}, **tables}


def write(path: Path, data: dict[str, Any]) -> Path:
    """Write `data` the way coach saves it (plain TinyDB JSON, indent 2, mode 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    os.chmod(path, 0o600)
    return path


def counts_of(data: dict[str, Any]) -> dict[str, int]:
    """How many records each table of `data` holds (the meta table left out)."""
    return {name: len(table) for name, table in data.items() if name != META}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a seeded, realistic coach data file.")
    parser.add_argument("records", type=int, help="records in all, e.g. 1000, 10000, 100000")
    parser.add_argument("out", type=Path, help="the file to write (never commit it)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--thoughts", type=int, default=None, help="exactly this many thoughts (others scale up)")
    args = parser.parse_args(argv)
    data = generate(args.records, seed=args.seed, thoughts=args.thoughts)
    write(args.out, data)
    counts = counts_of(data)
    summary = ", ".join(f"{name} {n:,}" for name, n in counts.items())
    size = args.out.stat().st_size
    print(f"{args.out}: {sum(counts.values()):,} records ({summary}); {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
