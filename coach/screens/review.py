"""Weekly Review: what the week held, each figure beside the four weeks before it, the highlights of
the week's reflections, and a short guided part in three moves that is saved as it goes.

Every figure and its words come from ReviewService; this screen only lays them out. Browsing weeks
updates the widgets already on screen (nothing is mounted again), so it stays as quick as switching
sections.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Sparkline, Static

from coach.errors import CoachError, ConflictError
from coach.models import GoalUnit, Period, Review
from coach.screens.base import SectionScreen
from coach.screens.dialogs import ChoiceDialog, use_mine
from coach.services.goals import GoalChange, GoalService, describe, week_start_of
from coach.services.reviews import KEYS, LABELS, Figure, Highlights, Moves, ReviewService, WeekReview
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("reach", "Reaching out", ("people_asked", "asked", "answered", "yes_rate")),
    (
        "talks",
        "Conversations",
        ("conversations", "referrals", "thank_yous", "average_kindness", "average_fun", "they_talked_share"),
    ),
    ("follow", "Follow-ups", ("follow_ups_done", "follow_ups_due")),
    ("fears", "Fears", ("fears_logged", "fears_tested", "fears_came_true")),
    ("goal", "Goal", ("goal_days_met", "goal_strength")),
)
"""The figures' groups, in order: (id, title, the keys of the service's figures it holds, in order)."""

FOLDED = frozenset({"yes", "no", "no_reply", "waiting", "predicted_yes_rate"})
"""Figures said inside another one's line (the answers beside "Answers", the guess beside the yes rate)."""

OTHER_GROUP = ("other", "More")
"""Where a figure the groups don't name goes (a figure is never left out)."""

FIRST_WEEK_TEXT = (
    "This is where each week will be looked back on: how many people you asked and how many said yes "
    "(beside the yes you expected), the conversations you had, the follow-ups, the fears you tested and "
    "whether any came true, and your goal, each beside the four weeks before. What you learn in your "
    "reflections shows up here too.\n\n"
    "Nothing to look back on yet, and that's fine. A good first step: ask one friendly person (F6), "
    "then come back at the end of the week and press g."
)
EMPTY_WEEK_TEXT = (
    "A quiet week: nothing logged. Weeks like that happen, and they count for nothing against you. "
    "When you're ready, one small ask (F6) is enough to start again."
)
NO_HIGHLIGHTS = "No reflections this week. After a conversation, a few lines of reflection (F7) show up here."
HIGHLIGHTS_SHOWN = 4
"""Highlights of each kind shown; a busy week says how many more its reflections hold."""
START_LABEL = "Start the review"
OPEN_LABEL = "Open your review"
"""As long as START_LABEL: the button keeps its width while browsing."""
STEPS = ("Clear", "Current", "Ahead")
"""The guided part's three moves."""

KEEP_GOAL = "Keep it as it is"
OWN_GOAL = "My own numbers…"


def week_words(start: date, today: date) -> str:
    """'Week of Mon 23 Nov – Sun 29 Nov' (the year added when it isn't this year's)."""
    end = start + timedelta(days=6)
    year = "" if end.year == today.year else f" {end.year}"
    first_year = f" {start.year}" if start.year != end.year else ""
    return f"Week of {start:%a} {start.day} {start:%b}{first_year} – {end:%a} {end.day} {end:%b}{year}"


def how_long_ago(start: date, this_week: date) -> str:
    weeks = (this_week - start).days // 7
    if weeks == 0:
        return "this week"
    if weeks == 1:
        return "last week"
    return f"{weeks} weeks ago"


def spark_values(figure: Figure) -> list[float]:
    """The four weeks before and this one, oldest first; a week without a value draws as nothing."""
    return [float(value) if value is not None else 0.0 for value in (*figure.history, figure.value)]


def figure_text(figure: Figure) -> str:
    if figure.text:
        return figure.text
    return "nothing yet" if figure.value is None else f"{figure.value:g}"


def yes_rate_text(rate: Figure, predicted: Figure | None) -> str:
    """The yes rate beside the guess made before asking.

    "people are nice: 80 % said yes (4 of 5); you expected 35 %"."""
    text = figure_text(rate)
    if rate.value is not None:
        text = f"people are nice: {text}"
    if predicted is not None and predicted.value is not None:
        text = f"{text}; {figure_text(predicted)}"
    return text


def answers_text(answered: Figure, by_key: dict[str, Figure]) -> str:
    """The answers with how they went: "3 answered (2 yes, 1 no), 1 waiting" from the service's counts."""
    parts = [
        f"{figure.value} {word}"
        for key, word in (("yes", "yes"), ("no", "no"), ("no_reply", "no reply"))
        if (figure := by_key.get(key)) is not None and figure.value
    ]
    if not answered.value or not parts:
        return figure_text(answered)
    waiting = by_key.get("waiting")
    text = f"{answered.value} answered ({', '.join(parts)})"
    return f"{text}, {waiting.value} waiting" if waiting is not None and waiting.value else text


def _day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def put(widget: Static, text: str | Content) -> None:
    """`widget.update(text)`, laying the screen out again only when the new text changes the widget's height.

    Browsing weeks changes two dozen figures and the highlights: a layout of the whole screen costs
    more than drawing them, and most weeks' words take as many lines as the last week's."""
    width = widget.content_region.width
    same_height = False
    if width > 0:
        before = widget.content
        old = before if isinstance(before, Content) else Content(str(before))
        new = text if isinstance(text, Content) else Content(text)
        rules: Any = widget.styles  # what Textual itself measures with (Widget._get_content_height)
        same_height = old.get_height(rules, width) == new.get_height(rules, width)
    widget.update(text, layout=not same_height)


@dataclass
class _Row:
    """One figure's widgets, kept to update them in place."""

    box: Horizontal
    label: Static
    spark: Sparkline
    text: Static


class ReviewScreen(SectionScreen):
    """The week's header, its figures in groups (each with a sparkline of five weeks), the highlights,
    and the saved review of the week, if any."""

    BINDINGS = [
        Binding("left_square_bracket", "earlier", "Earlier", tooltip="The week before", key_display="["),
        Binding("right_square_bracket", "later", "Later", tooltip="The week after", key_display="]"),
        Binding("left", "earlier", "Earlier week", show=False, priority=True),
        Binding("right", "later", "Later week", show=False, priority=True),
        Binding("t", "this_week", "This week", tooltip="Back to this week"),
        Binding("g", "guide", "Review", tooltip="Three short moves: clear, current, ahead"),
        Binding("enter", "guide", "Review", show=False),
        Binding("o", "reopen", "Open review", show=False, tooltip="Open the saved review of this week to change it"),
    ]

    def __init__(self, reviews: ReviewService, goals: GoalService, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._reviews = reviews
        self._goals = goals
        self._week: date | None = None
        """The Monday of the week shown (None: this week, whichever that is now)."""
        self._shown: tuple[WeekReview, Review | None] | None = None
        self._rows: dict[str, _Row] = {}
        self._row_keys: tuple[str, ...] = ()
        """The figures the rows were laid out for, in the service's order."""
        self._texts: dict[str, str | Content] = {}
        self._saved: Review | None = None

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        with Horizontal(id="review-top"):
            yield Static("", id="review-week", markup=False)
            yield Button(START_LABEL, id="review-start", compact=True, variant="primary")
        yield Static("", id="review-status", markup=False)
        with VerticalScroll(id="review-body"):
            yield Static(FIRST_WEEK_TEXT, id="review-empty", markup=False)
            with Vertical(id="review-figures"):
                # The service's figures, laid out once here; each week fills them in place.
                yield from self._group_widgets([(key, LABELS[key]) for key in KEYS if key not in FOLDED])
            yield Static("", id="review-highlights")
            yield Static("", id="review-saved")
        yield self.footer()

    def on_mount(self) -> None:
        self.query_one("#review-highlights").border_title = "Highlights from your reflections"
        self.query_one("#review-saved").border_title = "Your review of this week"
        self.query_one("#review-body").focus()

    # the week shown

    def this_week(self) -> date:
        return week_start_of(self._goals.today())

    @property
    def week_start(self) -> date:
        """The Monday of the week on screen."""
        return self._week if self._week is not None else self.this_week()

    def action_earlier(self) -> None:
        self._week = self.week_start - timedelta(days=7)
        self.safe_refresh()

    def action_later(self) -> None:
        this_week = self.this_week()
        if self.week_start >= this_week:
            self._say("This is the latest week; the next one starts on Monday.")
            return
        later = self.week_start + timedelta(days=7)
        self._week = None if later >= this_week else later
        self.safe_refresh()

    def action_this_week(self) -> None:
        self._week = None
        self.safe_refresh()

    # drawing

    def refresh_data(self) -> None:
        week = self.week_start
        review = self._reviews.week(week)
        saved = self._reviews.review_for(review.week_start)
        if self._shown is not None and self._shown[0] is review and self._shown[1] == saved:
            return
        self._shown = (review, saved)
        self._saved = saved
        self._draw(review, saved)

    def _set_text(self, selector: str, text: str | Content) -> None:
        """Update a Static only when its words change."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            put(self.query_one(selector, Static), text)

    def _draw(self, review: WeekReview, saved: Review | None) -> None:
        this_week = self.this_week()
        header = f"{week_words(review.week_start, self._goals.today())} · {how_long_ago(review.week_start, this_week)}"
        self._set_text("#review-week", header)
        empty = self.query_one("#review-empty", Static)
        if review.first_week:
            self._set_text("#review-empty", FIRST_WEEK_TEXT)
        elif review.empty:
            self._set_text("#review-empty", EMPTY_WEEK_TEXT)
        empty.display = review.first_week or review.empty
        self.query_one("#review-figures").display = not review.first_week
        self._draw_figures(review.figures)
        self._draw_highlights(review.highlights, review.first_week)
        self._draw_saved(saved)
        start = self.query_one("#review-start", Button)
        label = OPEN_LABEL if saved is not None else START_LABEL
        if str(start.label) != label:
            start.label = label

    def _draw_figures(self, all_figures: Sequence[Figure]) -> None:
        figures = [figure for figure in all_figures if figure.key not in FOLDED]
        by_key = {figure.key: figure for figure in all_figures}
        predicted = by_key.get("predicted_yes_rate")
        if tuple(figure.key for figure in figures) != self._row_keys:
            self._build_rows(figures)
        for figure in figures:
            row = self._rows[figure.key]
            label = figure.label
            if str(row.label.content) != label:
                put(row.label, label)
            if figure.key == "yes_rate":
                text = yes_rate_text(figure, predicted)
            elif figure.key == "answered":
                text = answers_text(figure, by_key)
            else:
                text = figure_text(figure)
            if str(row.text.content) != text:
                put(row.text, text)
            values = spark_values(figure)
            if row.spark.data != values:
                row.spark.data = values

    def _group_widgets(self, figures: Sequence[tuple[str, str]]) -> list[Widget]:
        """One row per figure ((key, label) pairs), in its group; remembered in `_rows` to update in place."""
        self._rows = {}
        self._row_keys = tuple(key for key, _label in figures)
        group_of = {key: (group_id, title) for group_id, title, keys in GROUPS for key in keys}
        order = {key: index for index, (_g, _t, keys) in enumerate(GROUPS) for key in keys}
        grouped: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for group_id, title, _keys in (*GROUPS, (*OTHER_GROUP, ())):
            grouped[(group_id, title)] = []
        for key, label in figures:
            grouped[group_of.get(key, OTHER_GROUP)].append((key, label))
        widgets: list[Widget] = []
        for (group_id, title), members in grouped.items():
            if not members:
                continue
            rows: list[Widget] = []
            for key, label in sorted(members, key=lambda member: order.get(member[0], len(order))):
                row = _Row(
                    Horizontal(classes="review-figure", name=key),
                    Static(label, classes="review-figure-label", markup=False),
                    Sparkline([], classes="review-figure-spark"),
                    Static("", classes="review-figure-text", markup=False),
                )
                row.box.compose_add_child(row.label)
                row.box.compose_add_child(row.spark)
                row.box.compose_add_child(row.text)
                row.spark.tooltip = "The four weeks before, then this one"
                self._rows[key] = row
                rows.append(row.box)
            widgets.append(
                Vertical(
                    Static(title, classes="review-group-title", markup=False),
                    *rows,
                    classes=f"review-group -{group_id}",
                )
            )
        return widgets

    def _build_rows(self, figures: Sequence[Figure]) -> None:
        """Lay the rows out again for figures other than the ones composed (the service changed them)."""
        box = self.query_one("#review-figures", Vertical)
        box.remove_children()
        box.mount_all(self._group_widgets([(figure.key, figure.label) for figure in figures]))

    def _draw_highlights(self, highlights: Highlights, first_week: bool) -> None:
        widget = self.query_one("#review-highlights", Static)
        parts: list[Content] = []
        for one, many, items in (
            ("What you learned", "What you learned", highlights.learned),
            ("The question that worked best", "Questions that worked well", highlights.best_questions),
            ("The most surprising answer", "Surprising answers", highlights.surprises),
        ):
            if not items:
                continue
            lines = [Content(one if len(items) == 1 else many).stylize("bold")]
            lines.extend(Content.assemble("• ", user_content(item, limit=240)) for item in items[:HIGHLIGHTS_SHOWN])
            if len(items) > HIGHLIGHTS_SHOWN:
                more = len(items) - HIGHLIGHTS_SHOWN
                lines.append(Content(f"  …and {more} more in the week's reflections (F7)").stylize("$text-muted"))
            parts.append(Content("\n").join(lines))
        content = Content("\n").join(parts) if parts else Content(NO_HIGHLIGHTS).stylize("$text-muted")
        self._set_text("#review-highlights", content)
        widget.display = not first_week

    def _draw_saved(self, saved: Review | None) -> None:
        widget = self.query_one("#review-saved", Static)
        widget.display = saved is not None
        if saved is None:
            self._set_text(
                "#review-status",
                "Not reviewed yet: g walks you through three short moves.",
            )
            return
        if saved.completed is not None:
            when = _day(saved.completed.astimezone(self._goals.now().tzinfo))
            status = f"Reviewed on {when}. o opens it to change what you wrote."
        else:
            status = f"Not finished yet (move {min(saved.step, 2) + 1} of 3): g carries on where you left off."
        self._set_text("#review-status", status)
        lines: list[Content] = []
        for title, text in (
            ("Went well", saved.wins),
            ("Lessons", saved.lessons),
            ("Not logged before", saved.clear),
            ("Follow-ups and next talks", saved.current),
            ("Next week's goal", saved.next_goal),
            ("Note", saved.note),
        ):
            if text.strip():
                lines.append(Content.assemble(Content(f"{title}: ").stylize("bold"), user_content(text, limit=600)))
        if not lines:
            lines.append(Content("Nothing written yet.").stylize("$text-muted"))
        self._set_text("#review-saved", Content("\n").join(lines))

    def _say(self, text: str) -> None:
        self._set_text("#review-status", text)

    # the guided part

    @on(Button.Pressed, "#review-start")
    def _start_pressed(self) -> None:
        self.action_guide()

    def action_guide(self) -> None:
        self._open_guide(resume=True)

    def action_reopen(self) -> None:
        if self._saved is None:
            self._say("No saved review for this week yet: g starts one.")
            return
        self._open_guide(resume=False)

    def _open_guide(self, *, resume: bool) -> None:
        guide = ReviewGuideDialog(self._reviews, self._goals, self.week_start, resume=resume)
        self.app.push_screen(guide, self._guide_closed)

    def _guide_closed(self, finished: bool | None) -> None:
        self._shown = None
        self.safe_refresh()
        if finished:
            self._say("Review saved. Well done for looking back; next week starts small.")
            self.notify("Saved. See you at the end of next week.", title="Review done", markup=False)


class ReviewGuideDialog(Screen[bool]):
    """The guided part: three moves, one at a time, saved at each step. Dismisses with True when the
    review was completed, False when closed before the end (what was typed is saved either way)."""

    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Keep what you wrote and come back to it later", key_display="Esc"),
        Binding("ctrl+b", "back", "Back", tooltip="The move before (what you wrote is kept)"),
        Binding("ctrl+n", "next", "Next", show=False, tooltip="Save and go to the next move"),
        Binding("ctrl+g", "adjust_goal", "Change goal", tooltip="Pick a smaller or different goal"),
    ]

    def __init__(self, reviews: ReviewService, goals: GoalService, week_start: date, *, resume: bool = True) -> None:
        super().__init__()
        self._reviews = reviews
        self._goals = goals
        self._week = week_start
        self._resume = resume
        self._seen: Review | None = None
        self.step = 0
        """The move on show: 0 clear, 1 current, 2 ahead."""
        self._moves: Moves | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="guide-title", markup=False)
        yield Static("", id="guide-steps", markup=False)
        with VerticalScroll(id="guide-body"):
            with Vertical(id="guide-move-0", classes="guide-move"):
                yield Static(
                    "First, clear the decks: is there anything from this week that isn't in coach yet?",
                    classes="guide-about",
                    markup=False,
                )
                yield Static("", id="guide-unlogged")
                yield TextInput(placeholder="Anything else: a chat, a reply, an idea (optional)", id="guide-clear")
            with Vertical(id="guide-move-1", classes="guide-move"):
                yield Static(
                    "Now, where things stand: who is due a friendly follow-up, and which talks are coming up.",
                    classes="guide-about",
                    markup=False,
                )
                yield Static("", id="guide-current-list")
                yield TextInput(placeholder="A note on these: what you'll do, or when (optional)", id="guide-current")
            with Vertical(id="guide-move-2", classes="guide-move"):
                yield Static(
                    "Last, next week. Keep it small: a goal you'd meet even on a tiring week does more "
                    "than a big one you drop.",
                    classes="guide-about",
                    markup=False,
                )
                yield Static("", id="guide-goal")
                yield Static("", id="guide-nudge", markup=False)
                yield Button("Adjust the goal", id="guide-adjust", compact=True)
                yield TextInput(placeholder="A note for the week, or for next week (optional)", id="guide-note")
        yield Static("", id="guide-message", markup=False)
        with Horizontal(id="guide-buttons"):
            yield Button("Back", id="guide-back", compact=True)
            yield Button("Next", id="guide-next", compact=True, variant="primary")
        yield _footer()

    def on_mount(self) -> None:
        try:
            self._moves = self._reviews.moves(self._week)
            saved = self._reviews.review_for(self._week)
        except CoachError as error:
            self._say(str(error), error=True)
            saved = None
        self._seen = saved
        if saved is not None:
            self._fill(saved)
            if self._resume and saved.completed is None:
                self.step = max(0, min(saved.step, 2))
        self._set_title()
        self._draw_moves()
        self._show_step()

    def _fill(self, review: Review) -> None:
        """Put a saved review's words in the boxes."""
        self._field("clear").value = user_plain(review.clear)
        self._field("current").value = user_plain(review.current)
        self._field("note").value = user_plain(review.note)

    def _field(self, name: str) -> Input:
        return self.query_one(f"#guide-{name}", Input)

    def _set_title(self) -> None:
        today = self._goals.today()
        self.query_one("#guide-title", Static).update(f"Weekly review · {week_words(self._week, today)}")

    def _draw_moves(self) -> None:
        moves = self._moves
        if moves is None:
            return
        self.query_one("#guide-unlogged", Static).update(_bullets(moves.unlogged, "Nothing looks left out."))
        parts: list[Content] = [Content("Follow-ups due").stylize("bold")]
        parts.append(_bullets(moves.follow_ups, "None due: no one is waiting on you."))
        parts.append(Content("Coming up").stylize("bold"))
        parts.append(_bullets(moves.next_interviews, "No interviews planned yet. That's the next ask's job."))
        self.query_one("#guide-current-list", Static).update(Content("\n").join(parts))
        self._draw_goal(moves.goal_text, moves.goal_nudge)

    def _draw_goal(self, goal_text: str, nudge: str | None) -> None:
        words = goal_text or "No goal set yet."
        line = Content.assemble(Content("Your goal now: ").stylize("bold"), user_content(words))
        self.query_one("#guide-goal", Static).update(line)
        nudge_widget = self.query_one("#guide-nudge", Static)
        nudge_widget.update(nudge or "")
        nudge_widget.display = bool(nudge)

    def _show_step(self) -> None:
        for index in range(len(STEPS)):
            self.query_one(f"#guide-move-{index}").display = index == self.step
        marks = "  ".join(
            f"{'●' if index == self.step else '○'} {index + 1} {name}" for index, name in enumerate(STEPS)
        )
        self.query_one("#guide-steps", Static).update(f"Move {self.step + 1} of 3   {marks}")
        self.query_one("#guide-back", Button).disabled = self.step == 0
        self.query_one("#guide-next", Button).label = "Finish" if self.step == len(STEPS) - 1 else "Next"
        self._field(("clear", "current", "note")[self.step]).focus()
        self.refresh_bindings()

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#guide-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.step > 0
        if action == "adjust_goal":
            return self.step == len(STEPS) - 1
        return True

    # saving

    def _typed(self) -> dict[str, str]:
        return {name: self._field(name).value for name in ("clear", "current", "note")}

    async def _save(self, step: int) -> bool:
        """Save what is typed and the move to come back to; True when saved (errors are shown here)."""
        while True:
            typed = self._typed()
            try:
                self._seen = saved = self._reviews.save(self._week, step=step, **typed, seen=self._seen)
            except ConflictError as clash:
                current = clash.current if isinstance(clash.current, Review) else None
                if current is None or not await use_mine(
                    self.app, "This week's review was changed elsewhere while it was open here."
                ):
                    self._seen = current
                    if current is not None:
                        self._fill(current)
                    self._say("Kept the version saved elsewhere: the boxes show it now.", error=True)
                    return False
                self._seen = current
            except CoachError as error:
                self._say(f"Not saved, what you typed is kept. {error}", error=True)
                return False
            else:
                # A box left as it was while the same field changed elsewhere keeps the other change:
                # show it, so a later save doesn't put the old words back.
                for name, value in typed.items():
                    stored = getattr(saved, name)
                    if stored != value:
                        self._field(name).value = user_plain(stored)
                return True

    @on(Input.Submitted)
    @on(Button.Pressed, "#guide-next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#guide-back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#guide-adjust")
    def _adjust_pressed(self) -> None:
        self.action_adjust_goal()

    @on(TextInput.LinesPasted)
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @work(group="review-guide", exclusive=True)
    async def action_next(self) -> None:
        if self.step < len(STEPS) - 1:
            if await self._save(self.step + 1):
                self.step += 1
                self._say("Saved.")
                self._show_step()
            return
        if not await self._save(self.step):
            return
        try:
            self._seen = self._reviews.complete(self._week, seen=self._seen)
        except CoachError as error:
            self._say(f"Not finished: {error}", error=True)
            return
        self.dismiss(True)

    @work(group="review-guide", exclusive=True)
    async def action_back(self) -> None:
        if self.step == 0:
            return
        if await self._save(self.step - 1):
            self.step -= 1
            self._say("")
            self._show_step()

    @work(group="review-guide", exclusive=True)
    async def action_close(self) -> None:
        if self._seen is None and not any(value.strip() for value in self._typed().values()):
            self.dismiss(False)  # opened and closed with nothing written: no empty review is kept
            return
        if await self._save(self.step):
            self.dismiss(False)

    @work(group="review-guide", exclusive=True)
    async def action_adjust_goal(self) -> None:
        if self.step != len(STEPS) - 1:
            return
        from coach.screens.goal import PRESET_WORDS

        presets = self._goals.presets()
        labels = [
            KEEP_GOAL,
            *(f"{preset.label}: {PRESET_WORDS.get(preset.key, preset.explanation)}" for preset in presets),
            OWN_GOAL,
        ]
        index = await self.app.push_screen_wait(
            ChoiceDialog(
                "Next week's goal",
                labels,
                0,
                explanation="Small goals are the ones that get done. Keep yours, or pick one that fits next week.",
            )
        )
        if not index:  # Esc, or keep it
            self._say("The goal stays as it is.")
            return
        if index <= len(presets):
            spec = presets[index - 1].spec
            await self._set_goal(lambda: self._goals.set_goal(spec), describe(spec))
            return
        from coach.screens.goal import GoalDialog, GoalDraft, days_code, days_words

        goal = self._goals.current()
        draft = GoalDraft(
            str(goal.target) if goal else "2",
            goal.unit if goal else GoalUnit.PEOPLE,
            goal.period if goal else Period.DAY,
            days_words(days_code(goal.rrule)) if goal else "weekdays",
            "today",
            "",
        )
        typed = await self.app.push_screen_wait(GoalDialog(draft, now=self._goals.now))
        if typed is None:
            self._say("The goal stays as it is.")
            return
        own = typed.spec
        await self._set_goal(lambda: self._goals.set_goal(own, start=typed.start, end=typed.end), describe(own))

    async def _set_goal(self, save: Callable[[], GoalChange], words: str) -> None:
        try:
            change = save()
        except CoachError as error:
            self._say(f"The goal wasn't changed. {error}", error=True)
            return
        with contextlib.suppress(CoachError):  # the goal itself is saved; the review only keeps its words
            self._seen = self._reviews.save(self._week, next_goal=words, seen=self._seen)
        try:
            self._moves = self._reviews.moves(self._week)
            goal_text = self._moves.goal_text
        except CoachError:
            goal_text = describe(change.goal)
        self._draw_goal(goal_text, change.nudge)
        if change.nudge:
            self._say(f"Your goal is now {words}. Saved as it is; the note above is only a suggestion.")
        else:
            self._say(f"Your goal is now {words}. Small and doable: good.")


def _bullets(items: Sequence[str], empty: str) -> Content:
    if not items:
        return Content(empty).stylize("$text-muted")
    return Content("\n").join(Content.assemble("• ", user_content(item, limit=300)) for item in items)


def _footer() -> Widget:
    from coach.widgets.footer import SteadyFooter

    return SteadyFooter()
