"""Take it all out: the whole data set as JSON, one CSV per table, a journal in Markdown, or a calendar.

Every export holds only the person's own records (no settings, no lock or backup details). Writing
the result to disk is the caller's job (`coach.store.atomic_write`, never onto the data file, its
lock or backups: `coach.cli_io`). Never imports Textual.

The calendar (`calendar_bytes`, built with icalendar):
* each planned interview is an event at its time in the person's zone, with the place or the link as
  its location, the starred questions in its description and an alarm an hour before (interviews held
  stay as events without the alarm; one called off is marked CANCELLED, so calendars remove it);
* each follow-up still waiting (due or not yet) is an all-day to-do on the day it comes due;
* the current goal is a repeating reminder on its days (its RRULE, from its first day, at the planned
  time when there is one); goals it replaced stay in, ending on their last day.
UIDs are stable (`interview-7@coach`, `follow-up-12@coach`, `goal-3@coach`), so a calendar that
imports the file again updates those entries instead of adding copies.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from coach.models import (
    TABLES,
    Career,
    Contact,
    Goal,
    Interview,
    InterviewStatus,
    Outreach,
    PrepItem,
    Reflection,
    Response,
    Review,
    Thought,
)
from coach.services.goals import GoalService, describe
from coach.services.outreach import OutreachService
from coach.services.people import PeopleService
from coach.store import Store, local_zone
from coach.text import clean_text

FORMATS = ("json", "csv", "md", "ics")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula; such cells get a leading '."""

ALARM_BEFORE = timedelta(hours=1)

PRODID = "-//coach//informational interviews//EN"

SETTING_WORDS = {
    "coffee": "Coffee",
    "lunch": "Lunch",
    "call": "Call",
    "video": "Video call",
    "visit": "Visit",
    "other": "Meeting",
}

MANY_ADDED = 8
"""More people added on one day than this are one journal line ("Added 1,200 people, among them ...")."""


# --- the zone -----------------------------------------------------------------------------------------


# --- json and csv ----------------------------------------------------------------------------------------


def json_bytes(store: Store) -> tuple[bytes, int]:
    """The whole data set as one JSON document (every table, with the schema version), and the record count."""
    import orjson

    document = store.export()
    total = sum(len(value) for value in document.values() if isinstance(value, list))
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n", total


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: control characters removed (line breaks kept), lists one item a
    line, and a leading ' before anything a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "\n".join(str(item) for item in value) if isinstance(value, list | tuple) else str(value)
    text = clean_text(text, multiline=True) if isinstance(value, str | list | tuple) else text
    if text.startswith(FORMULA_START) or (text[:1].isspace() and text.lstrip()[:1] in FORMULA_START[:4]):
        return "'" + text
    return text


def csv_files(store: Store) -> tuple[dict[str, bytes], int]:
    """One CSV per table (`contacts.csv`, ...): a header row of field names, then one row per record. UTF-8
    with a byte order mark, so spreadsheets read accents and scripts right. Also the record count."""
    document = store.export()
    files: dict[str, bytes] = {}
    total = 0
    for table, kind in TABLES.items():
        names = [item.name for item in dataclasses.fields(kind)]
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        for doc in document.get(table, []):
            writer.writerow([safe_cell(doc.get(name)) for name in names])
            total += 1
        files[f"{table}.csv"] = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return files, total


# --- the journal ---------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!{}])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def md_text(value: str) -> str:
    """One line of the person's text, safe inside Markdown: shown as typed, never as markup or a link."""
    text = _MD_SPECIAL.sub(r"\\\1", clean_text(value).strip())
    return _MD_LINE_START.sub(_escape_start, text)


def _escape_start(match: re.Match[str]) -> str:
    """ "- x" -> "\\- x", "1. x" -> "1\\. x": a list marker shown as typed (a backslash before a digit is no escape)."""
    marker = match.group(2)
    return f"{match.group(1)}{marker[:-1]}\\{marker[-1]}"


def md_block(value: str, indent: str = "  ") -> list[str]:
    """Several lines of the person's text as a quote under a journal entry."""
    lines = clean_text(value, multiline=True).strip().split("\n")
    return [f"{indent}> {md_text(line)}" if line.strip() else f"{indent}>" for line in lines]


@dataclasses.dataclass(frozen=True, slots=True)
class _Entry:
    when: datetime
    lines: tuple[str, ...]


class ExportService:
    """The person's data as a journal or a calendar (JSON and CSV need only the store: `json_bytes`, `csv_files`)."""

    def __init__(
        self,
        store: Store,
        people: PeopleService,
        outreach: OutreachService,
        goals: GoalService,
        *,
        zone: tzinfo | None = None,
    ) -> None:
        self._store = store
        self._people = people
        self._outreach = outreach
        self._goals = goals
        self.zone = zone if zone is not None else local_zone()
        """The zone times are shown in (the machine's, unless given)."""

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def _name(self, contact_id: int | None, names: dict[int, Contact]) -> str:
        if contact_id is None:
            return "someone"
        contact = names.get(contact_id)
        return contact.name if contact is not None else "someone removed"

    # the journal

    def journal(self) -> str:
        """Everything, as a Markdown journal grouped by week (oldest first), each entry under its day."""
        store = self._store
        names = {contact.id: contact for contact in store.all(Contact)}
        entries: list[_Entry] = []
        entries.extend(self._thought_entries(store.all(Thought)))
        entries.extend(self._goal_entries(store.all(Goal)))
        entries.extend(self._contact_entries(list(names.values())))
        entries.extend(self._outreach_entries(store.all(Outreach), names))
        interviews = {interview.id: interview for interview in store.all(Interview)}
        entries.extend(self._interview_entries(interviews.values(), names))
        entries.extend(self._reflection_entries(store.all(Reflection), interviews, names))
        entries.extend(self._review_entries(store.all(Review)))
        entries.extend(self._career_entries(store.all(Career)))
        entries.sort(key=lambda entry: entry.when)
        today = self._local(store.clock())
        out = [
            "# coach journal",
            "",
            f"Everything you wrote down and did, week by week, oldest first. Exported {_day_words(today.date())} "
            f"{today.year}; times are {_zone_name(self.zone, today)}.",
        ]
        if not entries:
            out += ["", "Nothing here yet: what you write down and log in coach will show up here, week by week."]
        weeks: dict[date, list[_Entry]] = defaultdict(list)
        for entry in entries:
            day = self._local(entry.when).date()
            weeks[day - timedelta(days=day.weekday())].append(entry)
        for monday in sorted(weeks):
            out += ["", f"## Week of {_day_words(monday)} {monday.year}", ""]
            current_day: date | None = None
            for entry in weeks[monday]:
                local = self._local(entry.when)
                if local.date() != current_day:
                    current_day = local.date()
                    if out[-1] != "":
                        out.append("")
                    out += [f"### {_day_words(current_day)}", ""]
                first, *rest = entry.lines
                out.append(f"- {first}")
                out.extend(rest)
        return "\n".join(out) + "\n"

    def _thought_entries(self, thoughts: list[Thought]) -> Iterable[_Entry]:
        for thought in thoughts:
            extra = f" ({thought.likelihood} % likely)" if thought.likelihood is not None else ""
            outcome = f"; later: {thought.outcome.label}" if thought.outcome.value != "untested" else ""
            yield _Entry(thought.created, (f"Wrote down a worry{extra}{outcome}:", *md_block(thought.text)))

    def _goal_entries(self, goals: list[Goal]) -> Iterable[_Entry]:
        for goal in goals:
            lines = [f"Set a goal: {md_text(describe(goal))}"]
            if goal.plan:
                lines.append(f"  Plan: {md_text(goal.plan)}")
            yield _Entry(goal.created, tuple(lines))

    def _contact_entries(self, contacts: list[Contact]) -> Iterable[_Entry]:
        by_day: dict[date, list[Contact]] = defaultdict(list)
        for contact in contacts:
            by_day[self._local(contact.created).date()].append(contact)
        for group in by_day.values():
            if len(group) > MANY_ADDED:
                among = ", ".join(md_text(contact.name) for contact in group[:3])
                yield _Entry(group[0].created, (f"Added {len(group):,} people to your list, among them {among}.",))
                continue
            for contact in group:
                where = f", {md_text(contact.company)}" if contact.company else ""
                yield _Entry(contact.created, (f"Added {md_text(contact.name)}{where} ({contact.warmth.value}).",))

    def _outreach_entries(self, items: list[Outreach], names: dict[int, Contact]) -> Iterable[_Entry]:
        for item in items:
            who = md_text(self._name(item.contact_id, names))
            answer = ""
            if item.response is not Response.WAITING:
                answer = f": {item.response.label}"
                if item.answered is not None:
                    answer += f" ({_day_words(self._local(item.answered).date())})"
            guess = f", guessing {item.guess} % for a yes" if item.guess is not None else ""
            lines = [f"{_clock(self._local(item.sent))} Reached out to {who} ({item.channel.label}{guess}){answer}."]
            if item.note:
                lines += md_block(item.note)
            yield _Entry(item.sent, tuple(lines))

    def _interview_entries(self, interviews: Iterable[Interview], names: dict[int, Contact]) -> Iterable[_Entry]:
        starred: dict[int, list[PrepItem]] = defaultdict(list)
        for item in self._store.all(PrepItem):
            if item.starred:
                starred[item.interview_id].append(item)
        for interview in interviews:
            when = interview.when or interview.created
            who = md_text(self._name(interview.contact_id, names))
            place = f" at {md_text(interview.place)}" if interview.place else ""
            setting = SETTING_WORDS.get(interview.setting.value, "Meeting")
            lines = [
                f"{_clock(self._local(when))} {setting} with {who}{place}, "
                f"{interview.minutes} min ({interview.status.value})."
            ]
            lines += [f"  - Aim: {md_text(aim)}" for aim in interview.aims if aim.strip()]
            if interview.leave_knowing:
                lines.append(f"  - To leave knowing: {md_text(interview.leave_knowing)}")
            for item in sorted(starred.get(interview.id, []), key=lambda item: item.rank):
                lines.append(f"  - ★ {md_text(item.text)}")
            yield _Entry(when, tuple(lines))

    def _reflection_entries(
        self, reflections: list[Reflection], interviews: dict[int, Interview], names: dict[int, Contact]
    ) -> Iterable[_Entry]:
        for reflection in reflections:
            interview = interviews.get(reflection.interview_id)
            who = md_text(self._name(interview.contact_id if interview else None, names))
            lines = [f"Looked back on the talk with {who}."]
            for label, value in (
                ("Went well", reflection.went_well),
                ("Learned", reflection.learned),
                ("Surprised by", reflection.surprised),
                ("Best question", reflection.best_question),
                ("Next step", reflection.next_step),
            ):
                if value.strip():
                    lines.append(f"  - {label}: {md_text(value)}")
            yield _Entry(reflection.created, tuple(lines))

    def _review_entries(self, reviews: list[Review]) -> Iterable[_Entry]:
        for review in reviews:
            when = datetime.combine(review.week_start, time(23, 59), tzinfo=self.zone) + timedelta(days=6)
            lines = ["Weekly review."]
            for label, value in (
                ("Wins", review.wins),
                ("Lessons", review.lessons),
                ("Next", review.next_goal),
                ("Note", review.note),
            ):
                if value.strip():
                    lines.append(f"  - {label}: {md_text(value)}")
            yield _Entry(when, tuple(lines))

    def _career_entries(self, careers: list[Career]) -> Iterable[_Entry]:
        for career in careers:
            lines = [f"Started exploring a career: {md_text(career.title)}."]
            if career.notes:
                lines += md_block(career.notes)
            yield _Entry(career.created, tuple(lines))

    # the calendar

    def calendar_bytes(self) -> tuple[bytes, int]:
        """The interviews, follow-ups and goal as an iCalendar file, and how many entries it holds."""
        from icalendar import Calendar

        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", "coach")
        stamp = self._store.clock().astimezone(UTC).replace(microsecond=0)
        count = 0
        names = {contact.id: contact for contact in self._store.all(Contact)}
        starred: dict[int, list[PrepItem]] = defaultdict(list)
        for item in self._store.all(PrepItem):
            if item.starred:
                starred[item.interview_id].append(item)
        for interview in self._store.all(Interview):
            if interview.when is not None:
                questions = sorted(starred.get(interview.id, []), key=lambda item: item.rank)
                calendar.add_component(self._interview_event(interview, names, questions, stamp))
                count += 1
        far = self._store.clock().date() + timedelta(days=3660)
        for follow_up in self._outreach.follow_ups(far):
            calendar.add_component(self._follow_up_todo(follow_up.outreach, follow_up.contact, follow_up.due, stamp))
            count += 1
        # The current goal, and the ones it replaced with their last day: a calendar that took an earlier
        # export in sees those series end instead of running on beside the new one.
        for goal in self._goals.goals():
            if not goal.active and goal.end is None:
                continue
            event = self._goal_event(goal, stamp)
            if event is not None:
                calendar.add_component(event)
                count += 1
        if _has_tzid(self.zone):
            calendar.add_missing_timezones()
        return calendar.to_ical(), count

    def _moment(self, moment: datetime) -> datetime:
        """`moment` in the person's zone when it has a name (TZID), else in UTC: never a floating time."""
        if _has_tzid(self.zone):
            return moment.astimezone(self.zone)
        return moment.astimezone(UTC)

    def _interview_event(
        self, interview: Interview, names: dict[int, Contact], questions: list[PrepItem], stamp: datetime
    ) -> Any:
        from icalendar import Alarm, Event

        assert interview.when is not None
        who = clean_text(self._name(interview.contact_id, names)).strip()
        setting = SETTING_WORDS.get(interview.setting.value, "Meeting")
        event = Event()
        event.add("uid", f"interview-{interview.id}@coach")
        event.add("dtstamp", stamp)
        event.add("summary", f"{setting} with {who}")
        start = self._moment(interview.when)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=max(interview.minutes, 1)))
        place = clean_text(interview.place).strip()
        if place:
            event.add("location", place)
            if re.match(r"^https?://\S+$", place):
                event.add("url", place)
        description = []
        if questions:
            description.append("Your starred questions:")
            description += [f"* {clean_text(item.text).strip()}" for item in questions]
        if interview.leave_knowing:
            description.append(f"To leave knowing: {clean_text(interview.leave_knowing).strip()}")
        if description:
            event.add("description", "\n".join(description))
        event.add("status", _EVENT_STATUS[interview.status])
        if interview.status is not InterviewStatus.PLANNED:
            return event  # held, called off or moved: no reminder
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"In an hour: {setting.lower()} with {who}")
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
        return event

    def _follow_up_todo(self, outreach: Outreach, contact: Contact, due: date, stamp: datetime) -> Any:
        from icalendar import Todo

        todo = Todo()
        todo.add("uid", f"follow-up-{outreach.id}@coach")
        todo.add("dtstamp", stamp)
        todo.add("summary", f"Follow up with {clean_text(contact.name).strip()}")
        todo.add("dtstart", due)
        todo.add("due", due)
        sent = _day_words(self._local(outreach.sent).date())
        text = f"You asked by {outreach.channel.label} on {sent}; no answer yet. A short, friendly nudge is fine."
        if outreach.note:
            text += f"\n{clean_text(outreach.note, multiline=True).strip()}"
        todo.add("description", text)
        todo.add("status", "NEEDS-ACTION")
        return todo

    def _goal_event(self, goal: Goal, stamp: datetime) -> Any | None:
        from icalendar import Alarm, Event, vRecur

        start_day = goal.start or self._local(goal.created).date()
        rule = goal.rrule
        if goal.plan_days:
            rule = f"FREQ=WEEKLY;BYDAY={goal.plan_days.replace(' ', '').upper()}"
        try:
            recur = vRecur.from_ical(rule)
        except ValueError:
            return None  # a rule edited by hand that no calendar could read: the goal stays out

        event = Event()
        event.add("uid", f"goal-{goal.id}@coach")
        event.add("dtstamp", stamp)
        event.add("summary", f"Your goal: {describe(goal)}")
        planned: time | None = None
        if goal.plan_time:
            try:
                planned = time.fromisoformat(goal.plan_time)
            except ValueError:
                planned = None
        if planned is not None:
            start = datetime.combine(start_day, planned, tzinfo=self.zone)
            event.add("dtstart", self._moment(start))
            event.add("duration", timedelta(minutes=30))
            if goal.end is not None:
                until = datetime.combine(goal.end, time(23, 59, 59), tzinfo=self.zone).astimezone(UTC)
                recur["UNTIL"] = [until]
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Time for your goal: {describe(goal)}")
            alarm.add("trigger", timedelta(0))
            event.add_component(alarm)
        else:
            event.add("dtstart", start_day)
            if goal.end is not None:
                recur["UNTIL"] = [goal.end]
        event.add("rrule", recur)
        if goal.plan:
            event.add("description", clean_text(goal.plan).strip())
        return event


_EVENT_STATUS = {
    InterviewStatus.PLANNED: "CONFIRMED",
    InterviewStatus.DONE: "CONFIRMED",
    InterviewStatus.CANCELLED: "CANCELLED",
    InterviewStatus.RESCHEDULED: "TENTATIVE",
}
"""An interview's status as a calendar event's: one called off stays in the file as CANCELLED, so a calendar
that took it in earlier takes it out (same UID) instead of keeping it."""


def _has_tzid(zone: tzinfo) -> bool:
    from zoneinfo import ZoneInfo

    return isinstance(zone, ZoneInfo)


def _zone_name(zone: tzinfo, when: datetime) -> str:
    key = getattr(zone, "key", None)
    return f"in {key}" if key else f"at UTC{when.strftime('%z')[:3]}:{when.strftime('%z')[3:]}"


def _day_words(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"
