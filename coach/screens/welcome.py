"""The welcome on a first run: what coach is for in one sentence, then three small steps that save as they go.

1. the thoughts on your mind about reaching out (written into the Fear Monger),
2. a small first goal (one of the presets),
3. the first two close, safe people to ask.

A pushed screen over Home. Every step can be passed (PgDn, or Enter on an empty line) and the whole
welcome skipped (Esc). The step shown is remembered in the data file, so quitting midway comes back
to it; once finished or skipped it never shows again. It dismisses with None.
"""

from __future__ import annotations

import contextlib

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError
from coach.models import Warmth
from coach.services.fears import FearService
from coach.services.goals import GoalService, describe
from coach.services.people import PeopleService
from coach.services.settings import SettingsService
from coach.widgets.footer import SteadyFooter
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

LAST_STEP = 3

PURPOSE = (
    "coach helps you reach out to people about the work you might like, one small, calm step at a time: "
    "write the worries down, set a small goal, start with the people who already like you."
)
"""The one sentence on what coach is for."""

STEP_TITLES = {
    1: "What's on your mind about reaching out?",
    2: "A small first goal",
    3: "Two close, safe people to ask first",
}
STEP_INTROS = {
    1: "Write each worry down as it comes, just as it sounds in your head: Enter saves it, then the next. "
    "Nothing has to be true or fair. Later you'll see what became of them.",
    2: "Small is the point: a goal you meet most days builds the habit. Pick one with ↑ ↓ and Enter; "
    "you can change it any time in Goal (F4).",
    3: "Friends and family, people who'd be glad to hear from you. A name is enough; Enter saves it. "
    "People (F5) holds everything else about them later.",
}
PLACEHOLDERS = {
    1: "A worry, in your own words. Enter writes it down",
    3: "A name, like your sister or an old friend. Enter adds them",
}
INPUTS = {1: "#welcome-fear-input", 3: "#welcome-person-input"}
"""The field each typing step puts the cursor in."""
SHOWN_LINES = 6
"""Lines of what was just added shown under a field (the rest are counted)."""


class WelcomeScreen(Screen[None]):
    """The first-run welcome, resumed at `step`."""

    HELP_TITLE = "Welcome"
    HELP_TEXT = (
        "Three small steps to start: the worries on your mind, a small goal, and the first two safe people "
        "to ask. Each one is saved as you go. PgDn goes to the next step (Enter on an empty line too), "
        "PgUp back; Esc skips the rest. Quit at any time: coach opens at the same step next time."
    )

    BINDINGS = [
        Binding("pagedown", "next", "Next step", key_display="PgDn", priority=True, id="welcome-next"),
        Binding("pageup", "back", "Back", key_display="PgUp", priority=True, id="welcome-back"),
        Binding("escape", "skip", "Skip the welcome", key_display="Esc", id="welcome-skip"),
    ]

    def __init__(
        self,
        settings: SettingsService,
        fears: FearService,
        goals: GoalService,
        people: PeopleService,
        *,
        step: int = 1,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._fears = fears
        self._goals = goals
        self._people = people
        self._step = min(max(step, 1), LAST_STEP)
        self._added: dict[int, list[str]] = {1: [], 3: []}
        """What was added in this visit, per typing step, newest last."""
        self._finished = False
        with contextlib.suppress(Exception):  # no running app (built outside one): nothing to add
            add_css = getattr(self.app, "add_screen_css", None)
            if add_css is not None:
                add_css(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-top"):
            yield Static(Content.styled("Welcome to coach", "bold"), id="welcome-heading")
            yield Static(PURPOSE, id="welcome-purpose", markup=False)
        with Vertical(id="welcome-box"):
            yield Static("", id="welcome-step")
            yield Static("", id="welcome-intro")
            with ContentSwitcher(initial="welcome-page-1", id="welcome-pages"):
                with Vertical(id="welcome-page-1", classes="welcome-page"):
                    yield TextInput(placeholder=PLACEHOLDERS[1], id="welcome-fear-input")
                    yield Static("", id="welcome-fear-hint", classes="welcome-hint")
                    yield Static("", id="welcome-fear-list", classes="welcome-list")
                with Vertical(id="welcome-page-2", classes="welcome-page"):
                    yield OptionList(id="welcome-goals")
                    yield Static("", id="welcome-goal-hint", classes="welcome-hint")
                with Vertical(id="welcome-page-3", classes="welcome-page"):
                    yield TextInput(placeholder=PLACEHOLDERS[3], id="welcome-person-input")
                    yield Static("", id="welcome-person-hint", classes="welcome-hint")
                    yield Static("", id="welcome-person-list", classes="welcome-list")
        with Horizontal(id="welcome-keys"):
            yield Static("", id="welcome-where", markup=False)
        yield SteadyFooter()

    def on_mount(self) -> None:
        goals = self.query_one("#welcome-goals", OptionList)
        goals.set_options(
            Option(
                Content.assemble((preset.label, "bold"), "\n", (preset.explanation, "$text-muted")),
                id=f"welcome-goal-{preset.key}",
            )
            for preset in self._goals.presets()
        )
        self._show(self._step)

    # drawing

    def _show(self, step: int) -> None:
        self._step = step
        self.query_one("#welcome-step", Static).update(
            Content.assemble((f"Step {step} of {LAST_STEP}", "bold $accent"), "  ", (STEP_TITLES[step], "bold"))
        )
        self.query_one("#welcome-intro", Static).update(Content(STEP_INTROS[step]))
        self.query_one("#welcome-pages", ContentSwitcher).current = f"welcome-page-{step}"
        where = "Empty Enter or PgDn: next step" if step in INPUTS else "PgDn: next step without a goal"
        if step == LAST_STEP:
            where = "Empty Enter or PgDn: done, to Home"
        self.query_one("#welcome-where", Static).update(f"{where} · PgUp: back · Esc: skip the rest")
        try:
            self._draw(step)
        except CoachError as error:
            self.notify(user_plain(str(error)), title="Couldn't show everything", severity="error", markup=False)
        field = INPUTS.get(step)
        if field is not None:
            self.query_one(field, Input).focus()
        else:
            self.query_one("#welcome-goals", OptionList).focus()

    def _draw(self, step: int) -> None:
        if step == 1:
            count = self._fears.count()
            self._list("#welcome-fear-list", self._added[1], "Written down:")
            if count and not self._added[1]:
                self._say(
                    "#welcome-fear-hint", f"{_plural(count, 'thought')} on your list already. Add more, or go on."
                )
            elif not self._added[1]:
                self._say("#welcome-fear-hint", "One line is plenty to start. Empty Enter goes on.")
        elif step == 2:
            goal = self._goals.current()
            options = self.query_one("#welcome-goals", OptionList)
            if options.highlighted is None:
                options.highlighted = 0
            if goal is None:
                self._say("#welcome-goal-hint", "No goal yet. Enter picks the highlighted one.")
            else:
                self._say("#welcome-goal-hint", f"Your goal: {self._goals_text()}. Enter on another changes it.")
        else:
            self._list("#welcome-person-list", self._added[3], "On your list, close and safe:")
            close = self._close_people()
            if not self._added[3]:
                if close:
                    self._say("#welcome-person-hint", f"{_plural(close, 'close person', 'close people')} already.")
                else:
                    self._say("#welcome-person-hint", "Two is plenty. Empty Enter finishes.")

    def _goals_text(self) -> str:
        goal = self._goals.current()
        if goal is None:
            return "none"
        return describe(goal)

    def _close_people(self) -> int:
        page = self._people.contacts(0, 200)
        return sum(1 for contact in page.contacts if contact.warmth is Warmth.CLOSE)

    def _list(self, selector: str, items: list[str], title: str) -> None:
        shown = items[-SHOWN_LINES:]
        lines = [Content.assemble(("✓ ", "$success"), user_content(item, limit=200)) for item in shown]
        if len(items) > len(shown):
            lines.insert(0, Content(f"… and {len(items) - len(shown)} more before").stylize("$text-muted"))
        if lines:
            lines.insert(0, Content(title).stylize("bold"))
        widget = self.query_one(selector, Static)
        widget.update(Content("\n").join(lines))
        widget.display = bool(lines)

    def _say(self, selector: str, message: str, *, error: bool = False) -> None:
        hint = self.query_one(selector, Static)
        hint.update(user_content(message))
        hint.set_class(error, "-error")

    # saving

    def _remember(self) -> bool:
        """Keep the step shown in the data file; False (and said) if it couldn't be saved."""
        try:
            self._settings.set_welcome_step(self._step)
        except CoachError as error:
            self.notify(user_plain(str(error)), title="Not saved", severity="error", markup=False)
            return False
        return True

    @on(Input.Submitted, "#welcome-fear-input")
    def add_fear(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            self.action_next()
            return
        try:
            self._remember()
            thought = self._fears.add(text)
        except CoachError as error:
            self._say("#welcome-fear-hint", str(error), error=True)
            return
        event.input.value = ""
        self._added[1].append(thought.text)
        self._list("#welcome-fear-list", self._added[1], "Written down:")
        count = len(self._added[1])
        self._say(
            "#welcome-fear-hint",
            "Written down. Another, or Enter on an empty line to go on."
            if count < 3
            else f"{_plural(count, 'thought')} out of your head and onto the list. Empty Enter goes on.",
        )

    @on(TextInput.LinesPasted, "#welcome-fear-input")
    def add_pasted_fears(self, event: TextInput.LinesPasted) -> None:
        """A paste of several lines: each line its own thought, in one save."""
        event.stop()
        try:
            self._remember()
            thoughts = self._fears.add_lines(event.lines)
        except CoachError as error:
            self._say("#welcome-fear-hint", str(error), error=True)
            return
        self._added[1].extend(thought.text for thought in thoughts)
        self._list("#welcome-fear-list", self._added[1], "Written down:")
        self._say("#welcome-fear-hint", f"{_plural(len(thoughts), 'line')} written down. Empty Enter goes on.")

    @on(OptionList.OptionSelected, "#welcome-goals")
    def pick_goal(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        presets = self._goals.presets()
        preset = presets[event.option_index]
        goal = self._goals.current()
        spec = preset.spec
        try:
            self._remember()
            if goal is None or (goal.target, goal.unit, goal.period, goal.rrule) != (
                spec.target,
                spec.unit,
                spec.period,
                spec.rrule,
            ):
                self._goals.set_goal(spec)
        except CoachError as error:
            self._say("#welcome-goal-hint", str(error), error=True)
            return
        self.notify(f"Your goal: {preset.label}.", title="Saved", markup=False)
        self._move(3)

    @on(Input.Submitted, "#welcome-person-input")
    def add_person(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value
        if not name.strip():
            self.action_next()
            return
        try:
            self._remember()
            contact = self._people.add(name, warmth=Warmth.CLOSE, how_known="one of the first safe people to ask")
        except CoachError as error:
            self._say("#welcome-person-hint", str(error), error=True)
            return
        event.input.value = ""
        self._added[3].append(contact.name)
        self._list("#welcome-person-list", self._added[3], "On your list, close and safe:")
        count = len(self._added[3])
        self._say(
            "#welcome-person-hint",
            "Saved. One more?" if count == 1 else "That's two: a good start. Empty Enter or PgDn finishes.",
        )

    # moving

    def _move(self, step: int) -> None:
        self._step = step
        if self._remember():
            self._show(step)

    def action_next(self) -> None:
        if self._step >= LAST_STEP:
            self._finish("Welcome done. This is Home: today's goal and the next small step.")
        else:
            self._move(self._step + 1)

    def action_back(self) -> None:
        if self._step > 1:
            self._move(self._step - 1)

    def action_skip(self) -> None:
        self._finish("Skipped. Everything is here when you want it: F1 shows the keys.")

    def _finish(self, message: str) -> None:
        if self._finished:
            return
        try:
            self._settings.finish_welcome()
        except CoachError as error:
            self.notify(user_plain(str(error)), title="Not saved", severity="error", markup=False)
            return
        self._finished = True
        self.app.clear_notifications()  # "goal saved" and the like: Home shows them now
        self.notify(message, markup=False)
        self.dismiss(None)

    @property
    def step(self) -> int:
        """The step on screen (1-3)."""
        return self._step


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
