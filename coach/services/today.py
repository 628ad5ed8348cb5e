"""Today at a glance, for Home and `coach today`: goal progress, follow-ups due, whom to ask next,
the next interview, the interviews waiting for a reflection, thank-you notes still to send, the fear
count, and the when-and-where plan. No Textual here."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from datetime import datetime

from coach.models import Contact, Goal, Interview, InterviewStatus, Outreach, Reflection, Thought
from coach.services.goals import GoalService, Progress, Strength, describe
from coach.services.ledger import changed_records
from coach.services.outreach import FollowUp, OutreachService
from coach.services.people import PeopleService
from coach.services.reflections import ReflectOffer, ThankYou, describe_meeting, due_and_next, pending_thanks
from coach.store import Store
from coach.text import printable
from coach.values import value_type

NO_ONE_YET = "no one on your list yet; add someone with coach contact."
NO_ONE_LEFT = "everyone on your list has been asked already; add someone new with coach contact."


@value_type
class NextInterview:
    interview: Interview
    who: str
    """The person's name, or "" when the interview isn't linked to anyone."""

    @property
    def when(self) -> datetime:
        assert self.interview.when is not None
        return self.interview.when


@value_type
class TodaySummary:
    """Everything Home shows, worked out once."""

    goal: Goal | None
    goal_text: str
    """ "2 people a day, Mon-Fri", or "" without a goal."""
    progress: Progress | None
    strength: Strength | None
    follow_ups: tuple[FollowUp, ...]
    next_people: tuple[Contact, ...]
    next_interview: NextInterview | None
    fear_count: int
    plan: str
    plan_now: bool
    prediction: str
    """ "You expected 30 %; 9 of 11 said yes.", or ""."""
    people: int = 0
    """How many people are on the list (tells "no one yet" from "everyone asked")."""
    attempts: int = 0
    """How many attempts are logged in all (Home's first steps give way once there is one)."""
    reflect: tuple[ReflectOffer, ...] = ()
    """Interviews over and not reflected on yet, the latest first."""
    thanks: tuple[ThankYou, ...] = ()
    """Thank-you notes still to send, the earliest day first."""
    now: datetime | None = None
    """The time the summary was worked out (for "in 2 hours")."""

    @property
    def start_now(self) -> bool:
        """Now is the planned time and the goal isn't met yet: the moment to say "start"."""
        return self.plan_now and not (self.progress is not None and self.progress.met)


class TodayService:
    """Puts the other services' figures together for one glance."""

    def __init__(
        self,
        store: Store,
        goals: GoalService,
        people: PeopleService,
        outreach: OutreachService,
    ) -> None:
        self._store = store
        self._goals = goals
        self._people = people
        self._outreach = outreach
        self._planned: tuple[int, list[datetime], list[Interview], list[Interview]] | None = None
        """(store generation, planned interviews' times in order, those interviews, every interview as read)."""
        self._offers: tuple[list[Interview], int, datetime, datetime | None, tuple[ReflectOffer, ...]] | None = None
        """(the interviews read, people's version, when, the next end after it, the offers): `reflect`'s last answer."""
        self._after: tuple[int, list[Interview], list[Reflection]] | None = None
        """(store generation, every interview, every reflection): what the reflection offers are read from."""

    def next_interview(self) -> NextInterview | None:
        """The soonest planned interview from now on."""
        now = self._store.clock()
        self._store.reload_if_changed(thorough=False)
        if self._planned is None or self._planned[0] != self._store.generation:
            interviews = self._store.all(Interview)
            previous = self._planned
            same = previous is not None and changed_records(previous[3], interviews) == ([], [])
            if previous is not None and same:
                self._planned = (self._store.generation, previous[1], previous[2], interviews)
            else:
                planned = sorted(
                    (interview.when, interview.id, interview)
                    for interview in interviews
                    if interview.status is InterviewStatus.PLANNED and interview.when is not None
                )
                times = [item[0] for item in planned]
                self._planned = (self._store.generation, times, [item[2] for item in planned], interviews)
        _generation, times, planned_interviews, _snapshot = self._planned
        at = bisect.bisect_left(times, now)
        if at == len(times):
            return None
        first = planned_interviews[at]
        return NextInterview(first, self._people.name_of(first.contact_id))

    def prepare(self) -> Iterator[None]:
        """Work out the summary's slow parts one at a time, pausing (yielding) after each, so a screen can
        answer keys in between; `summary` is quick afterwards. Each part is slow only the first time: with
        100,000 records, reading each kind of record takes up to 0.6 s, the outreach index as much again.
        The file is parsed whole first: a command reads only the tables it needs, but the app's first save
        needs them all."""
        self._store.read_whole()
        yield
        for kind in (Outreach, Interview, Contact):
            self._store.all(kind)  # read once and kept by the store
            yield
        self._goals.progress()
        yield
        self._outreach.follow_ups()
        yield
        self._people.suggestions()
        self._outreach.prediction()
        self.next_interview()
        self.reflect()

    def _interviews_and_reflections(self) -> tuple[list[Interview], list[Reflection]]:
        self._store.reload_if_changed(thorough=False)
        cached = self._after
        if cached is None or cached[0] != self._store.generation:
            cached = self._after = (self._store.generation, self._store.all(Interview), self._store.all(Reflection))
        return cached[1], cached[2]

    def reflect(self) -> tuple[ReflectOffer, ...]:
        """Interviews whose time has passed without a complete reflection, the latest first."""
        interviews, reflections = self._interviews_and_reflections()
        now = self._store.clock()
        version, everyone = self._people.directory()  # one look for every name, not one per offer
        cached = self._offers
        # The same answer while nothing changed and no interview has ended since (Home asks on every visit).
        if (
            cached is not None
            and cached[0] is interviews
            and cached[1] == version
            and cached[2] <= now
            and (cached[3] is None or now < cached[3])
        ):
            return cached[4]
        due, upcoming = due_and_next(interviews, reflections, now)
        offers = tuple(ReflectOffer(interview, _who(interview, everyone)) for interview in due)
        self._offers = (interviews, version, now, upcoming, offers)
        return offers

    def thanks(self) -> tuple[ThankYou, ...]:
        """Thank-you notes still to send, the earliest day first."""
        interviews, reflections = self._interviews_and_reflections()
        by_id = {interview.id: interview for interview in interviews} if reflections else {}
        found: list[ThankYou] = []
        pending = pending_thanks(reflections)
        everyone = self._people.directory()[1] if pending else {}
        for reflection in pending:
            interview = by_id.get(reflection.interview_id)
            if interview is not None and reflection.thank_by is not None:
                found.append(ThankYou(reflection, interview, _who(interview, everyone), reflection.thank_by))
        return tuple(found)

    def summary(self, *, suggestions: int = 3) -> TodaySummary:
        follow_ups = self._outreach.follow_ups()  # first: it builds the outreach index the goal figures read too
        goal = self._goals.current()
        return TodaySummary(
            goal=goal,
            goal_text=describe(goal) if goal is not None else "",
            progress=self._goals.progress(),
            strength=self._goals.strength(),
            follow_ups=follow_ups,
            next_people=tuple(self._people.suggestions(suggestions)),
            next_interview=self.next_interview(),
            fear_count=self._store.count(Thought),
            plan=self._goals.plan_text(),
            plan_now=self._goals.plan_now(),
            prediction=self._outreach.prediction().text,
            people=self._people.count(),
            attempts=self._store.count(Outreach),
            reflect=self.reflect(),
            thanks=self.thanks(),
            now=self._store.clock(),
        )

    def lines(self) -> list[str]:
        """The summary as plain text lines (what `coach today` prints), every name made safe to print."""
        summary = self.summary()
        lines: list[str] = []
        if summary.progress is not None:
            lines.append(f"Goal: {summary.goal_text}")
            lines.append(f"  {summary.progress.text}")
            if summary.strength is not None and summary.strength.judged:
                lines.append(f"  {summary.strength.text}")
        else:
            lines.append('Goal: none yet. Set a small one, e.g. coach goal "2 people a day".')
        if summary.plan:
            lines.append(f"Plan: {printable(summary.plan)}")
            if summary.start_now:
                lines.append("  Now is your planned time.")
        if summary.follow_ups:
            lines.append(f"Follow-ups due: {len(summary.follow_ups)}")
            for item in summary.follow_ups[:10]:
                lines.append(
                    f"  {printable(item.contact.name)} (sent {item.outreach.sent:%a %d %b}, "
                    f"{item.waited} business day{'s' if item.waited != 1 else ''} ago)"
                )
            if len(summary.follow_ups) > 10:
                lines.append(f"  and {len(summary.follow_ups) - 10} more")
        else:
            lines.append("Follow-ups due: none")
        if summary.next_people:
            lines.append("Next people to ask:")
            for contact in summary.next_people:
                lines.append(f"  {printable(contact.name)} ({contact.warmth.value})")
        else:
            lines.append(f"Next people to ask: {NO_ONE_LEFT if summary.people else NO_ONE_YET}")
        if summary.next_interview is not None:
            upcoming = summary.next_interview
            local = upcoming.when.astimezone(self._store.clock().tzinfo)
            who = f" with {printable(upcoming.who)}" if upcoming.who else ""
            lines.append(f"Next interview: {local:%a %d %b, %H:%M}{who}")
        else:
            lines.append("Next interview: none planned")
        for offer in summary.reflect[:3]:
            lines.append(f"To reflect on: {printable(describe_meeting(offer.interview, offer.person))}")
        if len(summary.reflect) > 3:
            lines.append(f"  and {len(summary.reflect) - 3} more")
        for thank in summary.thanks[:3]:
            who = f" to {printable(thank.person)}" if thank.person else ""
            lines.append(f"Thank-you note{who}: send by {thank.by:%a %d %b}")
        lines.append(f"Fears written down: {summary.fear_count}")
        if summary.prediction:
            lines.append(summary.prediction)
        return lines


def _who(interview: Interview, everyone: Mapping[int, Contact]) -> str:
    """The name of the person the interview is with ("" for none, or for someone removed since)."""
    contact = everyone.get(interview.contact_id) if interview.contact_id is not None else None
    return contact.name if contact is not None else ""
