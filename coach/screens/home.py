"""Home: the "today" view. Today's goal, who is due a follow-up, whom to ask next, the next interview (w walks
through it), the interviews to reflect on (r) and thank-you notes to send (t), the fears and what really
happened; and, until the person has started, how to start."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import ScreenSuspend
from textual.widgets import Static

from coach.errors import CoachError
from coach.screens.base import SectionScreen
from coach.services.fears import FearService
from coach.widgets.safe import user_content

if TYPE_CHECKING:
    from textual.screen import Screen

    from coach.services.reflections import ReflectionService
    from coach.services.today import TodayService, TodaySummary
    from coach.services.walkthrough import WalkthroughService

FIRST_STEPS = (
    ("F3", "Fear Monger", "write down the worries that keep you from reaching out."),
    ("F4", "Goal", "pick a small target, like two people a day. Small is the point."),
    ("F5", "People", "list a few friendly people you already know. Start there."),
    ("F6", "Outreach", "send one message, and log it. Most people are glad to help."),
)
"""(key, section, advice): one line each at 80 columns, with room for a tick."""

CARDS = (
    ("home-goal-text", "Today's goal"),
    ("home-followup-text", "Follow-ups due"),
    ("home-people-text", "Next people to ask"),
    ("home-fear-count", "Fears written down"),
    ("home-next-text", "Interviews"),
)
"""(id, title). A card is one widget: its title sits in the border, its lines are one Content."""

WAITING = "…"
"""What a card shows in the first frame, before its figures are worked out."""
NO_FEARS = "none yet: F3 to start"
NO_GOAL = "None yet. F4 sets a small one, like two people a day."
NO_PLAN = "No plan yet: on Goal (F4), p says when and where."
PLAN_NOW = "Now is your planned time. One message is enough to start."
NO_FOLLOW_UPS_YET = "None yet. F6 logs an ask."
NO_FOLLOW_UPS = "None due today."
NO_PEOPLE = "No one yet: F5 to add someone."
EVERYONE_ASKED = "All asked. F5 to add more."
NO_INTERVIEW = "None planned yet: F7 plans one."
KEYS_HINT = "F1 shows every key · Ctrl+P finds a section · Ctrl+Q quits (all is saved)"
FOLLOW_UP_LINES = 3
"""A card shows this many lines of names at most; more people become "and N more"."""
NAME_LIMIT = 60
"""Names are cut here before the card cuts them to its width (a pasted 5,000-character name stays cheap)."""
NAME_ROOM = 8
"""Cells a name keeps at least, however narrow the card: the words after it give way below that."""
PREPARE_PAUSE = 0.02
"""Seconds of pause after a slow part of the work after the first frame, for the keys that came meanwhile."""
PLAN_CHECK_SECONDS = 30
"""How often Home looks whether the planned time has started or ended."""


def how_to_start(shown: bool, done: tuple[bool, ...] = (False,) * len(FIRST_STEPS)) -> Content:
    """What sits under the cards: how to start (while `shown`), then where the keys are. One widget, not
    three: each widget costs Home's first frame a few milliseconds."""
    hint = Content.styled(KEYS_HINT, "$text-muted")
    if not shown:
        return hint
    return Content("\n").join([Content.styled("How to start", "bold $accent"), first_steps(done), Content(""), hint])


def first_steps(done: tuple[bool, ...] = (False,) * len(FIRST_STEPS)) -> Content:
    """How to start, a tick beside the steps already taken."""
    lines = []
    for (key, section, advice), taken in zip(FIRST_STEPS, done, strict=True):
        if taken:
            lines.append(
                Content.assemble((f"{key} ", "bold $text-muted"), ("✓ ", "$success"), (f"{section}: {advice}", "dim"))
            )
        else:
            lines.append(Content.assemble((f"{key}   ", "bold $accent"), (section, "bold"), f": {advice}"))
    return Content("\n").join(lines)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --- the cards' words (pure: a summary in, Content out) -------------------------------------------


def name_and(name: str, after: Content, width: int | None = None) -> Content:
    """A name and the words after it on one line of `width` cells: the name is cut (…) so that the words
    after it stay whole. `width` None: the card cuts the line's end instead."""
    shown = user_content(name, limit=NAME_LIMIT)
    if width is not None:
        room = max(width - after.cell_length, NAME_ROOM)
        if shown.cell_length > room:
            shown = shown.truncate(room, ellipsis=True)
    return Content.assemble(shown, after)


def goal_card(summary: TodaySummary, width: int | None = None) -> tuple[Content, bool]:
    """(lines, muted): today's count against the goal, the goal itself, the plan, and whether now is the
    planned time to start. What matters most comes first, each on its own line: the count, then what the
    goal is; the strength follows the goal only when the line has room for all of it (`width` cells)."""
    progress = summary.progress
    if summary.goal is None or progress is None:
        return Content(NO_GOAL), True
    count = Content.styled(progress.text, "bold")
    if progress.met and progress.applies:
        count = Content.assemble(count, ("  ✓ met, well done", "bold $success"))
    goal = Content.assemble(("Goal: ", "bold"), summary.goal_text)
    if summary.strength is not None and summary.strength.judged:
        strength = Content.styled(f"  ·  {summary.strength.text}", "$text-muted")
        if width is None or goal.cell_length + strength.cell_length <= width:
            goal = Content.assemble(goal, strength)
    lines = [count, goal]
    if summary.plan:
        lines.append(Content.assemble(("Plan: ", "bold"), user_content(summary.plan, limit=300)))
        if summary.start_now:  # met already: the tick says it all, no urging to start
            lines.append(Content.styled(PLAN_NOW, "bold $success"))
    else:
        lines.append(Content.styled(NO_PLAN, "$text-muted"))
    return Content("\n").join(lines), False


def follow_up_card(summary: TodaySummary, width: int | None = None) -> tuple[Content, bool]:
    """(lines, muted): a few names of people due a gentle follow-up (each cut to leave room for how long
    it has waited), then how many more."""
    due = summary.follow_ups
    if not due:
        return Content(NO_FOLLOW_UPS if summary.attempts else NO_FOLLOW_UPS_YET), True
    shown = due if len(due) <= FOLLOW_UP_LINES else due[: FOLLOW_UP_LINES - 1]
    lines = [
        name_and(item.contact.name, Content.styled(f", {plural(item.waited, 'work day')} ago", "$text-muted"), width)
        for item in shown
    ]
    if len(due) > len(shown):
        lines.append(Content(f"and {len(due) - len(shown):,} more (F6)"))
    return Content("\n").join(lines), False


def people_card(summary: TodaySummary, width: int | None = None) -> tuple[Content, bool]:
    """(lines, muted): the warmest people not asked yet."""
    if not summary.next_people:
        return Content(EVERYONE_ASKED if summary.people else NO_PEOPLE), True
    lines = [
        name_and(contact.name, Content.styled(f", {contact.warmth.value}", "$text-muted"), width)
        for contact in summary.next_people
    ]
    return Content("\n").join(lines), False


def until(when: datetime, now: datetime) -> str:
    """ "in 40 minutes", "in 2 hours", "tomorrow", "in 3 days"."""
    minutes = int((when - now).total_seconds() // 60)
    if minutes < 60:
        return f"in {plural(max(minutes, 1), 'minute')}"
    if minutes < 20 * 60:
        return f"in {plural(round(minutes / 60), 'hour')}"
    days = (when.astimezone(now.tzinfo).date() - now.date()).days
    return "tomorrow" if days <= 1 else f"in {days} days"


def _key(key: str) -> tuple[str, str]:
    return (key, "bold $accent")


def interview_card(summary: TodaySummary) -> tuple[Content, bool]:
    """(lines, muted): when the next interview is and with whom, with the walkthrough's key; the latest
    interview to reflect on; the first thank-you note still to send."""
    lines: list[Content] = []
    upcoming = summary.next_interview
    if upcoming is None:
        lines.append(Content.styled(NO_INTERVIEW, "$text-muted"))
    else:
        when = Content.styled(f"{upcoming.when.astimezone():%a %d %b, %H:%M}", "bold")
        if upcoming.who:
            when = Content.assemble(when, " with ", user_content(upcoming.who, limit=NAME_LIMIT))
        lines.append(when)
        soon = until(upcoming.when, summary.now) if summary.now is not None else ""
        lines.append(Content.assemble(f"{soon.capitalize()}: " if soon else "", _key("w"), " walks through it"))
    if summary.reflect:
        offer = summary.reflect[0]
        more = f" (and {len(summary.reflect) - 1} more)" if len(summary.reflect) > 1 else ""
        lines.append(
            Content.assemble(
                _key("r"), " reflect on ", user_content(offer.text, limit=NAME_LIMIT + 20), (more, "$text-muted")
            )
        )
    if summary.thanks:
        thank = summary.thanks[0]
        to: list[str | Content] = [" to ", user_content(thank.person, limit=NAME_LIMIT)] if thank.person else []
        by = f", by {thank.by:%a} {thank.by.day} {thank.by:%b}"
        lines.append(Content.assemble(_key("t"), " thank-you", *to, (by, "$text-muted")))
    muted = upcoming is None and not summary.reflect and not summary.thanks
    return Content("\n").join(lines), muted


def fear_card(count: int, week: tuple[int, int] | None = None, prediction: str | None = None) -> tuple[Content, bool]:
    """(lines, muted): how many fears, this week against last, and how many said yes against the guess.

    `week` and `prediction` are None until they are worked out (the first frame shows the count only)."""
    if count == 0 and not prediction:
        return Content(NO_FEARS), True
    if count == 0:
        figure = Content.styled("none yet", "$text-muted")
    else:
        figure = Content.styled(f"{count}", "bold")
        if week is not None:
            figure = Content.assemble(figure, f"  (this week {week[0]}, last {week[1]})")
    if not prediction:
        return figure, False
    return Content("\n").join([figure, Content(prediction)]), False


def started(summary: TodaySummary) -> bool:
    """The person has a goal and has reached out once: How to start has done its job."""
    return summary.goal is not None and summary.attempts > 0


def steps_done(summary: TodaySummary) -> tuple[bool, ...]:
    return (summary.fear_count > 0, summary.goal is not None, summary.people > 0, summary.attempts > 0)


# --- the screen -----------------------------------------------------------------------------------


class HomeScreen(SectionScreen):
    """Five cards and, for a new user, how to start, in few widgets: Home is the first screen drawn.

    The first frame shows only what costs nothing (the fear count is a length, no record is decoded);
    this week's fears follow right after it, then everything else (which imports and works out the
    goal, follow-up and people figures). The walkthrough and reflection screens (and their services)
    are imported only when their key is pressed."""

    BINDINGS = [
        Binding("w", "walk", "Walk through", tooltip="The five steps to take before your next interview"),
        Binding("r", "reflect", "Reflect", tooltip="What you learned from the interview just held"),
        Binding("t", "thank", "Thank-you", tooltip="The thank-you note still to send"),
    ]

    def __init__(
        self,
        fears: FearService,
        today: Callable[[], TodayService],
        *,
        walkthrough: Callable[[], WalkthroughService] | None = None,
        reflections: Callable[[], ReflectionService] | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name)
        self._fears = fears
        self._today = today
        """Gives the TodayService when first needed: making it imports three services, after the first frame."""
        self._walkthrough = walkthrough
        self._reflections = reflections
        """Give those services when their key is first pressed."""
        self._summary: TodaySummary | None = None
        """What the cards show, once every card is filled."""
        self._stage = 0
        """0: the first frame (the count only); 1: the fears' week too; 2: every card."""
        self._left = False
        """True once another screen was shown over or instead of Home (the first frame is gone by then)."""
        self._shown: dict[str, object] = {}
        """What each widget shows now (words, styles, muted, displayed), so an unchanged card isn't redrawn."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with VerticalScroll(id="home-body"):  # a grid: the cards two by two, the start text across both columns
            for card_id, title in CARDS:
                card = Static(WAITING, id=card_id, classes="card -muted", markup=False)
                card.border_title = title
                yield card
            yield Static(how_to_start(True), id="home-start")
        self._shown["steps"] = (True, (False,) * len(FIRST_STEPS))  # as composed: not drawn again unless it changes
        yield self.footer()

    @on(ScreenSuspend)
    def _leave(self) -> None:
        self._left = True

    def on_mount(self) -> None:
        # "Now is your planned time" starts and ends with the clock, not with a change of data.
        self.set_interval(PLAN_CHECK_SECONDS, self._check_plan_time)

    def _check_plan_time(self) -> None:
        if self.is_current and self._stage == 2:
            self.safe_refresh()

    def first_frame_shown(self) -> None:
        if self._stage != 0:
            return
        self._stage = 1
        self.safe_refresh()
        self.app.call_after_refresh(self._start_preparing)  # once the fears' week is on screen too

    def _in_use(self) -> bool:
        """False once the app is quitting or taking its screens down (the work after the first frame may
        outlast both)."""
        return self.app.is_running and self.app.return_code is None and self.is_attached

    def _start_preparing(self) -> None:
        if self._in_use():
            self.run_worker(self._prepare(), name="home-prepare", exclusive=True)

    async def _prepare(self) -> None:
        """Work out the summary's slow parts on the app's thread (the store is used from one thread only),
        giving the event loop a turn after each part, so a key (Ctrl+Q) waits for one part at most instead
        of all of them (with 100,000 records each takes up to 0.6 s the first time). Then every card."""
        try:
            started = time.perf_counter()
            for _ in self._today().prepare():
                # A part that took a while may have kept a key waiting: give it time to be answered.
                slow = time.perf_counter() - started > PREPARE_PAUSE
                await asyncio.sleep(PREPARE_PAUSE if slow else 0)
                started = time.perf_counter()
                if not self._in_use() or self._stage != 1:
                    return  # quitting, or everything was shown meanwhile
        except CoachError:
            pass  # refresh_data meets it again and shows it the usual way
        if not self._in_use():
            return
        self._stage = 2
        self.safe_refresh()
        settle = getattr(self.app, "settle_memory", None)
        if settle is not None:
            settle()  # the records just read live as long as the app: keep them out of full collections

    @property
    def stage(self) -> int:
        """How much Home shows: 0 the first frame's count, 1 the fears' week too, 2 every card."""
        return self._stage

    def refresh_data(self) -> None:
        if self._stage == 0 and self._left:
            self._stage = 2  # shown again later: the first frame is long gone, whatever was on top of it
        if self._stage == 0:
            count = self._fears.count()
            self._show("#home-fear-count", *fear_card(count))
            # A good guess at no cost: someone with nothing written down is almost surely new here.
            self._show_steps(count == 0, (False,) * len(FIRST_STEPS))
            return
        week = self._fears.summary()
        if self._stage == 1:
            self._show("#home-fear-count", *fear_card(week.total, (week.this_week, week.last_week)))
            return
        summary = self._today().summary()
        keys_before = self._keys(self._summary)
        self._summary = summary
        if self._keys(summary) != keys_before:
            self.refresh_bindings()
        self._show("#home-goal-text", *goal_card(summary, self._width("#home-goal-text")))
        self._show("#home-followup-text", *follow_up_card(summary, self._width("#home-followup-text")))
        self._show("#home-people-text", *people_card(summary, self._width("#home-people-text")))
        self._show("#home-next-text", *interview_card(summary))
        fears = fear_card(week.total, (week.this_week, week.last_week), summary.prediction)
        self._show("#home-fear-count", *fears)
        self._show_steps(not started(summary), steps_done(summary))

    def _width(self, selector: str) -> int | None:
        """The cells a card has for a line (None before it is laid out)."""
        width = self.query_one(selector).content_region.width
        return width if width > 0 else None

    def on_resize(self) -> None:
        # The cards' lines are fitted to their width (a name gives way to the words after it).
        if self._stage == 2:
            self.safe_refresh()

    def _show(self, selector: str, content: Content, muted: bool) -> None:
        """Update one card, only when its words, styles or shade changed: each update lays it out again."""
        key = (content.plain, tuple(content.spans), muted)
        if self._shown.get(selector) == key:
            return  # coming back to Home with nothing changed redraws nothing
        self._shown[selector] = key
        card = self.query_one(selector, Static)
        card.update(content)
        card.set_class(muted, "-muted")

    def _show_steps(self, shown: bool, done: tuple[bool, ...]) -> None:
        key = (shown, done if shown else ())
        if self._shown.get("steps") == key:
            return
        self._shown["steps"] = key
        self.query_one("#home-start", Static).update(how_to_start(shown, done))

    # the interview keys

    @staticmethod
    def _keys(summary: TodaySummary | None) -> tuple[bool, bool, bool]:
        if summary is None:
            return (False, False, False)
        return (summary.next_interview is not None, bool(summary.reflect), bool(summary.thanks))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        walk, reflect, thank = self._keys(self._summary)
        if action == "walk":
            return walk and self._walkthrough is not None
        if action in ("reflect", "thank"):
            return (reflect if action == "reflect" else thank) and self._reflections is not None
        return True

    def _push(self, screen: Screen[Any]) -> None:
        add_css = getattr(self.app, "add_screen_css", None)
        if add_css is not None:
            add_css(screen)  # its block of screens.tcss, parsed only now
        self.app.push_screen(screen)

    def action_walk(self) -> None:
        upcoming = self._summary.next_interview if self._summary is not None else None
        if upcoming is None or self._walkthrough is None:
            return
        from coach.screens.walkthrough import WalkthroughScreen

        self._push(WalkthroughScreen(self._walkthrough(), upcoming.interview.id))

    def action_reflect(self) -> None:
        if self._summary is None or not self._summary.reflect or self._reflections is None:
            return
        from coach.screens.reflection import ReflectionScreen

        self._push(ReflectionScreen(self._reflections(), self._summary.reflect[0].interview.id))

    def action_thank(self) -> None:
        if self._summary is None or not self._summary.thanks or self._reflections is None:
            return
        from coach.screens.reflection import ReflectionScreen

        thank = self._summary.thanks[0]
        self._push(ReflectionScreen(self._reflections(), thank.interview.id, start="thanks"))
