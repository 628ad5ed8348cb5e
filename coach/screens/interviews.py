"""Interviews (F7): every conversation planned or held, upcoming first, and the way into each one's
prep, walkthrough, reflection and cheat sheet.

The prep and the cheat sheet live in coach/screens/prep.py; the walkthrough and the reflection are
other modules, imported only when their key is pressed, so this section works while they are built.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError, ConflictError, ValidationError
from coach.models import Interview, InterviewStatus, Response, Setting
from coach.screens.base import SectionScreen
from coach.screens.dialogs import ChoiceDialog, ConfirmDialog, use_mine
from coach.services.interviews import (
    InterviewDraft,
    InterviewRow,
    InterviewService,
    format_when,
    parse_minutes,
    parse_setting,
)
from coach.services.people import AmbiguousNameError, PersonStatus, fold
from coach.text import clean_text
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

if TYPE_CHECKING:
    from coach.screens.prep import PrepScreen
    from coach.services.outreach import OutreachService
    from coach.services.reflections import ReflectionService
    from coach.services.walkthrough import WalkthroughService

IDLE_HINT = "Enter prepares it · w walks through it · r reflects · F1: every key"

EMPTY_TEXT = (
    "No interviews yet. Each conversation you plan shows up here, the next one first, with how ready "
    "you are for it. Press n to plan one, or y to start from someone who said yes."
)

PAGE = 50
"""Interviews held or earlier drawn at a time (the upcoming ones are all drawn): with years of them,
drawing every one would slow the first visit."""

MORE_ID = "interviews-more"

STATUS_CHOICES: tuple[tuple[str, InterviewStatus], ...] = (
    ("Planned", InterviewStatus.PLANNED),
    ("Done: it happened", InterviewStatus.DONE),
    ("Cancelled", InterviewStatus.CANCELLED),
    ("Rescheduled: a new time isn't settled yet", InterviewStatus.RESCHEDULED),
)

SETTING_HINT = "coffee, lunch, call, video, visit or other"


def when_text(moment: datetime | None, now: datetime) -> str:
    """ "Fri 4 Dec, 15:00" in local time (with the year when it isn't this year's), or "no time set"."""
    return format_when(moment, now)


def days_away(moment: datetime | None, now: datetime) -> str:
    """ "today", "tomorrow", "in 3 days" for a time in the coming week; "" otherwise."""
    if moment is None:
        return ""
    days = (moment.astimezone(now.tzinfo).date() - now.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days" if 1 < days <= 7 else ""


def lazy_screen(module: str, name: str) -> Callable[..., Screen[Any]] | None:
    """A screen class imported only when it is first wanted; None while its module isn't there."""
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return found if isinstance(found, type) and issubclass(found, Screen) else None


class PersonSuggester(Suggester):
    """Completes a name from People as it is typed (→ accepts); no cache, people change."""

    def __init__(self, interviews: InterviewService) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._interviews = interviews

    async def get_suggestion(self, value: str) -> str | None:
        typed = fold(value)
        if not typed.strip():
            return None
        try:
            page = self._interviews.people.search(value, limit=20)
        except CoachError:
            return None
        for contact in page.contacts:
            name = clean_text(contact.name)
            if fold(name).startswith(typed) and len(name) > len(value):
                return name
        return None


class SettingSuggester(Suggester):
    """Completes how you meet ("v" → "video")."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.casefold()
        for setting in Setting:
            if typed and setting.value.startswith(typed) and setting.value != typed:
                return value + setting.value[len(value) :]
        return None


@dataclass(frozen=True)
class YesPerson:
    """Someone who said yes and has no interview planned yet."""

    outreach_id: int
    name: str


def people_who_said_yes(interviews: InterviewService, outreach: OutreachService) -> list[YesPerson]:
    """People who said yes and have no interview yet, the latest yes first, each with the ask that said yes.

    Worked out from service calls: who said yes (People's statuses), who has an interview (the list),
    and each one's latest yes from their log."""
    statuses = interviews.people.statuses()
    meeting = {row.interview.contact_id for row in interviews.listing()}
    found: list[tuple[datetime, YesPerson]] = []
    for contact_id, status in statuses.items():
        if status is not PersonStatus.SAID_YES or contact_id in meeting:
            continue
        page = outreach.entries(contact_id, limit=1000)
        yes = next((item for item in page.items if item.response is Response.YES), None)
        if yes is None:
            continue
        name = interviews.people.name_of(contact_id)
        found.append((yes.answered or yes.sent, YesPerson(yes.id, name)))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [person for _when, person in found]


class InterviewFormDialog(ModalScreen[InterviewDraft | None]):
    """Plan or change an interview on one form. Returns the draft once it reads well, or None on Esc.

    The time is echoed back as it is typed; a time coach can't read keeps the form open with the words
    as typed and the reason under them. The dialog never saves: the screen does, and reopens the form
    with the draft and the reason if the save fails."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        draft: InterviewDraft,
        *,
        interviews: InterviewService,
        error: str = "",
        focus: str = "person",
    ) -> None:
        super().__init__()
        self._title = title
        self._draft = draft
        self._interviews = interviews
        self._error = error
        self._focus = focus
        self._person_typed_last: str | None = None
        """The name typed last, while its lookup waits for the keystroke to be on screen."""

    def compose(self) -> ComposeResult:
        draft = self._draft
        with Vertical(id="iform-box", classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            with VerticalScroll(id="iform-fields", can_focus=False):
                yield Label("Who", classes="form-label")
                yield TextInput(
                    clean_text(draft.person),
                    placeholder="their name (→ takes a name from People)",
                    id="iform-person",
                    suggester=PersonSuggester(self._interviews),
                    compact=True,
                )
                yield Label("", classes="form-label")
                yield Static("", id="iform-who", markup=False)
                yield Label("When", classes="form-label")
                yield TextInput(
                    clean_text(draft.when),
                    placeholder='e.g. "fri 3pm", "tomorrow 10:00"',
                    id="iform-when",
                    compact=True,
                )
                yield Label("", classes="form-label")
                yield Static("", id="iform-echo", markup=False)
                yield Label("How", classes="form-label")
                yield TextInput(
                    clean_text(draft.setting), placeholder=SETTING_HINT, id="iform-setting",
                    suggester=SettingSuggester(), compact=True,
                )  # fmt: skip
                yield Label("Where", classes="form-label")
                yield TextInput(
                    clean_text(draft.place), placeholder="a café, an office, or the call's link", id="iform-place",
                    compact=True,
                )  # fmt: skip
                yield Label("Minutes", classes="form-label")
                yield TextInput(clean_text(draft.minutes), placeholder="30", id="iform-minutes", compact=True)
                yield Label("Career", classes="form-label")
                yield TextInput(
                    clean_text(draft.career), placeholder="the career option it speaks to (optional)",
                    id="iform-career", compact=True,
                )  # fmt: skip
            yield Static(
                user_content(self._error), id="iform-error", classes="-error" if self._error else "", markup=False
            )
            yield Static("Tab moves on · Enter or Ctrl+S saves · Esc cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._echo(self._field("when").value)
        self._who(self._field("person").value)
        self._field(self._focus).focus()

    @on(Input.Changed, "#iform-person")
    def _person_typed(self, event: Input.Changed) -> None:
        # Who the name means is looked up after the typed character is on screen, once per burst of keys.
        if self._person_typed_last is None:
            self.call_after_refresh(self._who_later)
        self._person_typed_last = event.value

    def _who_later(self) -> None:
        value, self._person_typed_last = self._person_typed_last, None
        if value is not None and value == self._field("person").value:
            self._who(value)

    def _who(self, value: str) -> None:
        """Say whether the typed name is someone in People or someone new."""
        name = clean_text(value).strip()
        text = ""
        if name:
            try:
                found = self._interviews.people.find(name)
            except AmbiguousNameError as several:
                names = ", ".join(user_plain(c.name, limit=30) for c in several.candidates[:3])
                text = f"Several people fit ({names}): type more of the name"
            except CoachError:
                text = ""
            else:
                if found is not None:
                    text = f"→ {user_plain(found.name, limit=50)}, in People"
                else:
                    text = "Someone new: saving adds them to People"
        self.query_one("#iform-who", Static).update(user_content(text))

    def _field(self, name: str) -> Input:
        return self.query_one(f"#iform-{name}", Input)

    @on(Input.Changed, "#iform-when")
    def _when_typed(self, event: Input.Changed) -> None:
        self._echo(event.value)

    def _echo(self, text: str) -> None:
        echo = self.query_one("#iform-echo", Static)
        if not clean_text(text).strip():
            echo.update(Content("Type a day and a time, as you'd say it."))
            echo.set_class(False, "-error")
            return
        try:
            echo.update(Content(f"→ {self._interviews.describe_when(text)}"))
            echo.set_class(False, "-error")
        except ValidationError as error:
            echo.update(user_content(str(error)))
            echo.set_class(True, "-error")

    @on(TextInput.LinesPasted)
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def draft(self) -> InterviewDraft:
        """The form as typed."""
        return InterviewDraft(
            person=self._field("person").value,
            when=self._field("when").value,
            setting=self._field("setting").value,
            place=self._field("place").value,
            minutes=self._field("minutes").value,
            career=self._field("career").value,
        )

    def action_save(self) -> None:
        draft = self.draft()
        field = "person"
        try:
            if not clean_text(draft.person).strip():
                raise ValidationError("Type who you're meeting first.")
            field = "when"
            self._interviews.describe_when(draft.when)
            field = "setting"
            setting = parse_setting(draft.setting or "coffee")
            field = "minutes"
            parse_minutes(draft.minutes or "30")
        except ValidationError as error:
            self._show_error(str(error))
            self._field(field).focus()
            return
        self.dismiss(
            InterviewDraft(
                person=draft.person,
                when=draft.when,
                setting=setting.value,  # "zoom" is saved as video: the form shows the word coach keeps
                place=draft.place,
                minutes=clean_text(draft.minutes).strip() or "30",
                career=draft.career,
            )
        )

    def _show_error(self, message: str) -> None:
        error = self.query_one("#iform-error", Static)
        error.update(user_content(message))
        error.add_class("-error")


class InterviewList(OptionList):
    """Interviews, upcoming first. Its keys act on the highlighted interview."""

    BINDINGS = [
        Binding("p", "screen.prep", "Prep", tooltip="Goals, questions, notes and logistics for it"),
        Binding("w", "screen.walk", "Walk", tooltip="The five steps to take just before you go"),
        Binding("r", "screen.reflect", "Reflect", tooltip="What you learned, right after"),
        Binding("c", "screen.cheat_sheet", "Sheet", tooltip="Goals, starred questions and notes on one page"),
        # In the help paragraph (F1), not the footer: it has room for the keys of the journey only.
        Binding("s", "screen.status", "Status", show=False, tooltip="Planned, done, cancelled or rescheduled"),
        Binding("e", "screen.edit", "Edit", show=False, tooltip="Change who, when, how or where"),
        Binding("d,delete", "screen.delete", "Delete", show=False, tooltip="Remove it and its prep (asks first)"),
    ]


class InterviewsScreen(SectionScreen):
    """The list of interviews with a headline; each interview opens into its prep and the rest."""

    BINDINGS = [
        Binding("n", "plan", "New", tooltip="Plan a new interview"),
        Binding("y", "from_yes", "From a yes", tooltip="Plan one with someone who said yes"),
    ]

    def __init__(
        self,
        interviews: InterviewService,
        walkthrough: WalkthroughService,
        reflections: ReflectionService,
        *,
        outreach: OutreachService | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name)
        self._interviews = interviews
        self._outreach = outreach
        """The log, for "from a yes" (who said yes and has no interview yet)."""
        self._walkthrough = walkthrough
        self._reflections = reflections
        self._rows: list[InterviewRow] = []
        self._drawn: list[InterviewRow] | None = None
        self._drawn_day: str = ""
        self._prep: PrepScreen | None = None
        """The prep screen, once built (reused for every interview)."""
        self._past_limit = PAGE
        """How many of the ones held or earlier are drawn ("show more" at the end adds the next page)."""
        self._select_next: int | None = None
        """An interview to highlight on the next redraw (one just planned)."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        yield Static("", id="interviews-headline", markup=False)
        with Vertical(id="interviews-box"):
            yield InterviewList(id="interviews-list")
            yield Static(EMPTY_TEXT, id="interviews-empty", markup=False)
        yield Static(IDLE_HINT, id="interviews-hint", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        self.query_one("#interviews-box").border_title = "Upcoming first, then the ones held"
        self.query_one("#interviews-list", InterviewList).focus()

    # drawing

    def refresh_data(self) -> None:
        rows = self._interviews.listing()
        now = self._interviews.now()
        day = f"{now:%Y-%m-%d %H}"
        if rows == self._drawn and day == self._drawn_day and self._select_next is None:
            return
        self._drawn, self._drawn_day = rows, day
        self._rows = rows
        self._draw(rows, now)

    def _draw(self, rows: list[InterviewRow], now: datetime) -> None:
        options = self.query_one("#interviews-list", InterviewList)
        keep = self._highlighted_id()
        upcoming = [row for row in rows if row.upcoming]
        past = [row for row in rows if not row.upcoming]
        entries: list[Option] = []
        if upcoming:
            entries.append(Option(Content(f"Coming up ({len(upcoming)})").stylize("bold $accent"), disabled=True))
            entries += [self._option(row, now) for row in upcoming]
        if past:
            entries.append(Option(Content(f"Held or earlier ({len(past)})").stylize("bold $accent"), disabled=True))
            entries += [self._option(row, now) for row in past[: self._past_limit]]
            older = len(past) - self._past_limit
            if older > 0:
                label = f"Show {min(PAGE, older):,} more  ({older:,} older not shown yet)"
                entries.append(Option(Content(label).stylize("italic $text-muted"), id=MORE_ID))
        options.set_options(entries)
        empty = not rows
        self.query_one("#interviews-empty").display = empty
        options.display = not empty
        wanted = self._select_next if self._select_next is not None else keep
        self._select_next = None
        index = self._index_of(wanted) if wanted is not None else None
        if index is None and rows:
            index = 1  # the first interview under its heading
        if index is not None:
            options.highlighted = index
        if rows and self.focused is None:  # the first one planned: Enter on it prepares it
            options.focus()
        self._draw_headline(upcoming, past, now)
        self.refresh_bindings()

    def _draw_headline(self, upcoming: list[InterviewRow], past: list[InterviewRow], now: datetime) -> None:
        if not upcoming and not past:
            text = "Plan a conversation, prepare it, walk through it before you go, and reflect afterwards."
        elif upcoming:
            first = upcoming[0]
            who = user_plain(first.person, limit=40)
            text = (
                f"{len(upcoming)} coming up. Next: {who}, {when_text(first.interview.when, now)} "
                f"({first.readiness.text})."
            )
            if past:
                text += f" {len(past)} held or earlier."
        else:
            text = f"{len(past)} held or earlier, none coming up. n plans the next one."
        self.query_one("#interviews-headline", Static).update(text)

    @staticmethod
    def _option(row: InterviewRow, now: datetime) -> Option:
        interview = row.interview
        head = Content.assemble(
            Content(f"{when_text(interview.when, now):<19}").stylize("bold"),
            "  ",
            user_content(row.person, limit=50),
        )
        how = interview.setting.value
        if interview.place:
            how = f"{how}, {user_plain(interview.place, limit=40)}"
        details = [how, f"{interview.minutes} min", interview.status.value]
        if row.upcoming:  # readiness matters before; afterwards the reflection mark says what's next
            details.append(row.readiness.text)
        soon = days_away(interview.when, now) if row.upcoming else ""
        if soon:
            details.insert(0, soon)
        marks = []
        if interview.walked is not None:
            marks.append("✓ walked through")
        if row.reflected:
            marks.append("✓ reflected")
        line = Content("   " + " · ".join([*details, *marks])).stylize("$text-muted")
        return Option(Content.assemble(head, "\n", line), id=f"interview-{interview.id}")

    def _index_of(self, interview_id: int) -> int | None:
        options = self.query_one("#interviews-list", InterviewList)
        try:
            return options.get_option_index(f"interview-{interview_id}")
        except Exception:  # OptionDoesNotExist: it was removed meanwhile
            return None

    def _highlighted_id(self) -> int | None:
        options = self.query_one("#interviews-list", InterviewList)
        index = options.highlighted
        if index is None or not options.option_count:
            return None
        option = options.get_option_at_index(index)
        if option.id is None or not option.id.startswith("interview-"):
            return None
        return int(option.id.removeprefix("interview-"))

    def _chosen(self) -> Interview | None:
        """The highlighted interview as stored now (None when there is none, or it is gone)."""
        interview_id = self._highlighted_id()
        if interview_id is None:
            return None
        try:
            return self._interviews.get(interview_id)
        except CoachError as error:
            self._say(str(error), error=True)
            self.safe_refresh()
            return None

    def _say(self, message: str, *, error: bool = False) -> None:
        hint = self.query_one("#interviews-hint", Static)
        hint.update(user_content(message))
        hint.set_class(error, "-error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"prep", "walk", "reflect", "cheat_sheet", "status", "edit", "delete"}:
            return bool(self._rows)
        return True

    # opening an interview

    @on(OptionList.OptionSelected, "#interviews-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE_ID:
            self._past_limit += PAGE
            self._drawn = None
            self.safe_refresh()
            self.query_one("#interviews-list", InterviewList).highlighted = event.option_index
            return
        self.action_prep()

    def action_prep(self) -> None:
        interview = self._chosen()
        if interview is None:
            return
        from coach.screens.prep import PrepScreen

        prep = self._prep
        if prep is None:
            # Built once and kept (installed): each later Enter fills it with another interview.
            prep = self._prep = PrepScreen(self._interviews, interview.id)
            self.app.install_screen(prep, f"interviews-prep-{id(self)}")
        elif not prep.show(interview.id):
            self._say("That interview isn't there any more.", error=True)
            self.safe_refresh()
            return
        self.app.push_screen(prep)

    def action_cheat_sheet(self) -> None:
        interview = self._chosen()
        if interview is None:
            return
        from coach.screens.prep import CheatSheetScreen

        self.app.push_screen(CheatSheetScreen(self._interviews, interview.id))

    def action_walk(self) -> None:
        interview = self._chosen()
        if interview is None:
            return
        walkthrough = lazy_screen("coach.screens.walkthrough", "WalkthroughScreen")
        if walkthrough is None:
            self._say("The walkthrough isn't ready in this version yet; the prep (p) has everything meanwhile.")
            return
        self.app.push_screen(walkthrough(self._walkthrough, interview.id))

    def action_reflect(self) -> None:
        interview = self._chosen()
        if interview is None:
            return
        reflection = lazy_screen("coach.screens.reflection", "ReflectionScreen")
        if reflection is None:
            self._say("The reflection isn't ready in this version yet. Jot what you learned in the prep's notes.")
            return
        self.app.push_screen(reflection(self._reflections, interview.id))

    # planning

    def action_plan(self) -> None:
        self._plan(InterviewDraft(person="", when=""))

    @work(group="interviews-form", exclusive=True)
    async def _plan(self, draft: InterviewDraft, outreach_id: int | None = None, error: str = "") -> None:
        focus = "when" if draft.person and not error else "person"
        while True:
            typed = await self.app.push_screen_wait(
                InterviewFormDialog("Plan an interview", draft, interviews=self._interviews, error=error, focus=focus)
            )
            if typed is None:
                self._say("Nothing planned; press n whenever you're ready.")
                return
            try:
                interview = self._interviews.plan(typed, outreach_id=outreach_id)
            except CoachError as failed:
                draft, error, focus = typed, f"Not saved. {failed}", "person"
                continue
            break
        self._select_next = interview.id
        self.safe_refresh()
        who = user_plain(self._interviews.name_of(interview), limit=40)
        self._say(f"Planned: {who}, {when_text(interview.when, self._interviews.now())}. Enter prepares it.")

    @work(group="interviews-form", exclusive=True)
    async def action_from_yes(self) -> None:
        if self._outreach is None:
            self._say("Plan it with n and type their name: coach links it to them.")
            return
        try:
            people = people_who_said_yes(self._interviews, self._outreach)
        except CoachError as error:
            self._say(str(error), error=True)
            return
        if not people:
            self._say("No one is waiting for a date: everyone who said yes has an interview. n plans one anyway.")
            return
        shown = people[:30]
        index = await self.app.push_screen_wait(
            ChoiceDialog(
                "Who said yes?",
                [person.name for person in shown],
                0,
                explanation="They said yes and have no interview yet. Pick one to plan it.",
                hint="↑↓ to choose, Enter plans it, Esc goes back.",
            )
        )
        if index is None:
            return
        chosen = shown[index]
        try:
            draft = self._interviews.draft_from_outreach(chosen.outreach_id)
        except CoachError as error:
            self._say(str(error), error=True)
            return
        self._plan(draft, chosen.outreach_id)

    @work(group="interviews-form", exclusive=True)
    async def action_edit(self) -> None:
        interview = self._chosen()
        if interview is None:
            return
        draft = self._interviews.draft_of(interview)
        error = ""
        while True:
            typed = await self.app.push_screen_wait(
                InterviewFormDialog("Change the interview", draft, interviews=self._interviews, error=error)
            )
            if typed is None:
                return
            try:
                self._interviews.edit(interview.id, typed, seen=interview)
            except ConflictError as clash:
                current = clash.current if isinstance(clash.current, Interview) else None
                if current is None or not await use_mine(
                    self.app, "While the form was open, this interview was changed elsewhere."
                ):
                    self.safe_refresh()
                    self._say("Kept the change made elsewhere; yours wasn't saved.")
                    return
                interview = current
                draft = typed
                continue
            except CoachError as failed:
                draft, error = typed, f"Not saved. {failed}"
                continue
            break
        self.safe_refresh()
        self._say("Changed.")

    @work(group="interviews-form", exclusive=True)
    async def action_status(self) -> None:
        interview = self._chosen()
        if interview is None:
            return
        current = next(i for i, (_label, status) in enumerate(STATUS_CHOICES) if status is interview.status)
        who = user_plain(self._interviews.name_of(interview), limit=40)
        index = await self.app.push_screen_wait(
            ChoiceDialog(f"The interview with {who} is…", [label for label, _s in STATUS_CHOICES], current)
        )
        if index is None or STATUS_CHOICES[index][1] is interview.status:
            return
        status = STATUS_CHOICES[index][1]
        try:
            self._interviews.set_status(interview.id, status, seen=interview)
        except ConflictError:
            self.safe_refresh()
            self._say("It was changed elsewhere meanwhile; here it is as it is now. Press s again to set it.")
            return
        except CoachError as error:
            self._say(f"Not saved. {error}", error=True)
            return
        self.safe_refresh()
        if status is InterviewStatus.DONE:
            self._say("Done: well done for going. r reflects while it's fresh.")
        else:
            self._say(f"Now {status.value}.")

    @work(group="interviews-form", exclusive=True)
    async def action_delete(self) -> None:
        interview = self._chosen()
        if interview is None:
            return
        who = user_plain(self._interviews.name_of(interview), limit=40)
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                "Remove this interview and its prep?",
                f"{who}, {when_text(interview.when, self._interviews.now())}",
                yes="Remove",
                no="Keep",
            )
        )
        if not confirmed:
            return
        try:
            self._interviews.delete(interview.id)
        except CoachError as error:
            self._say(f"Not removed. {error}", error=True)
            return
        self.safe_refresh()
        self._say("Removed, with its questions.")
