"""Outreach: log each call, e-mail or message in a few keys, note the answer when it comes, see who is
due a gentle follow-up, and set the guesses made before sending against the answers that came.

coach never sends anything: the message helper fills a short template and copies it, or opens it in
the person's own editor.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.dates import parse_when
from coach.errors import CoachError, ConflictError, ValidationError
from coach.models import Channel, Contact, Outreach, Response
from coach.screens.base import SectionScreen
from coach.screens.dialogs import ChoiceDialog, ConfirmDialog, PromptDialog, ReadDialog, use_mine
from coach.services.ledger import Ledger
from coach.services.outreach import (
    DEFAULT_FOLLOW_UP_DAYS,
    FOLLOW_UP_CHOICES,
    FollowUp,
    LogResult,
    Message,
    OutreachService,
    parse_channel,
    parse_guess,
)
from coach.services.people import AmbiguousNameError, PeopleService, UnsureNameError, fold
from coach.text import MAX_LINE, clean_text
from coach.widgets.date_input import DateInput
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

PAGE = 50
"""Log entries drawn at a time; "show more" at the end adds the next page (never thousands of rows)."""

DUE_LIMIT = 100
"""Follow-ups drawn at most; the headline gives the full count."""

NOTE_LIMIT = 140
"""Characters of a note shown in the log; Enter on the entry shows all of it."""

MORE_ID = "outreach-more"

CHANNEL_HINT = "e-mail, call, message, text, in person or other"

IDLE_HINT = "Enter logs it. Tab: the next box · ↓: the log · F1: every key"

ANSWER_CHOICES: tuple[tuple[str, Response], ...] = (
    ("Still waiting", Response.WAITING),
    ("They said yes", Response.YES),
    ("They said no", Response.NO),
    ("No reply (time to let it go)", Response.NO_REPLY),
)

TEMPLATE_KEYS = ("first-ask", "referral", "follow-up")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _day(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(now.tzinfo)
    return f"{local:%a} {local.day} {local:%b}" + ("" if local.year == now.year else f" {local.year}")


def run_editor(command: list[str]) -> int:
    """Run the person's editor in the terminal coach handed over (tests replace this)."""
    return subprocess.call(command)  # the person's own $EDITOR, on their own file


def editor_command() -> list[str]:
    """$VISUAL or $EDITOR, split as a shell would; `vi` when neither is set."""
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def edit_in_editor(app: App[object], text: str) -> str:
    """Open `text` in the person's editor with the app suspended; the text as saved there.

    The text goes through a private temporary file that is removed afterwards. Raises CoachError when
    the terminal can't be handed over or the editor can't be started."""
    handle, name = tempfile.mkstemp(prefix="coach-message-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text + "\n")
        try:
            suspended: AbstractContextManager[None] = app.suspend()
            with suspended:
                code = run_editor([*editor_command(), str(path)])
        except SuspendNotSupported:
            raise CoachError("This terminal can't hand over to an editor; copy the message instead.") from None
        except OSError as error:
            raise CoachError(f"Couldn't start the editor ({error.strerror or error}); copy it instead.") from None
        if code != 0:
            raise CoachError("The editor stopped with an error; the message is as it was.")
        return path.read_text(encoding="utf-8", errors="replace").rstrip("\n")
    finally:
        path.unlink(missing_ok=True)


class PersonSuggester(Suggester):
    """Completes a name from the people list as it is typed (→ accepts), without caching: people change."""

    def __init__(self, people: PeopleService) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._people = people

    async def get_suggestion(self, value: str) -> str | None:
        typed = fold(value)
        if not typed.strip():
            return None
        try:
            page = self._people.search(value, limit=20)
        except CoachError:
            return None
        for contact in page.contacts:
            name = clean_text(contact.name)
            if fold(name).startswith(typed) and len(name) > len(value):
                return name  # accepting it spells the name as it is on the list
        return None


class ChannelSuggester(Suggester):
    """Completes a way of reaching out ("e" → "e-mail", "in" → "in person")."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.casefold()
        for channel in Channel:
            if typed and channel.label.startswith(typed) and channel.label != typed:
                return value + channel.label[len(value) :]
        return None


class OutreachLog(OptionList):
    """The log, newest first. Its keys act on the highlighted entry, so they never fire while typing."""

    BINDINGS = [
        Binding("a", "screen.answer", "Answer", tooltip="Note what came back: yes, no, no reply"),
        Binding("m", "screen.write_message", "Write", tooltip="Write a message to this person"),
        Binding("e", "screen.edit_note", "Note", tooltip="Change the note of this entry"),
        Binding("d,delete", "screen.delete_entry", "Delete", tooltip="Remove this entry (asks first)"),
        Binding("n,escape", "screen.focus_form", "New", tooltip="Back to the form, to log another"),
    ]


class DueList(OptionList):
    """People due a gentle follow-up. Enter puts the person in the form, ready to log the follow-up."""

    BINDINGS = [
        Binding("a", "screen.answer", "Answer", tooltip="They answered after all"),
        Binding("m", "screen.write_message", "Write", tooltip="Write the follow-up message"),
        Binding("n,escape", "screen.focus_form", "New", tooltip="Back to the form"),
    ]


@dataclass(frozen=True)
class _Drawn:
    """What the screen shows was drawn from (resuming with all of it the same redraws nothing)."""

    ledger: int
    people: int
    day: date
    follow_up_days: int


class OutreachScreen(SectionScreen):
    """The log form on top, the log below with the follow-ups due beside it, and the guesses set against
    the answers in the headline."""

    BINDINGS = [
        Binding("ctrl+t", "message", "Message", tooltip="Write a message from a short template"),
        Binding(
            "ctrl+g",
            "follow_up_days",
            "Follow-up days",
            tooltip="How many business days an ask waits before a follow-up",
        ),
        Binding("down", "focus_log", "To the log", show=False),
    ]

    def __init__(
        self, outreach: OutreachService, people: PeopleService, ledger: Ledger, *, name: str | None = None
    ) -> None:
        super().__init__(name=name)
        self._outreach = outreach
        self._people = people
        self._ledger = ledger
        self._shown: list[Outreach] = []
        self._total = 0
        self._limit = PAGE
        self._due: tuple[FollowUp, ...] = ()
        self._due_shown: tuple[FollowUp, ...] | None = None
        """The follow-ups as last drawn (None before the first drawing)."""
        self._due_year: int | None = None
        """The year the follow-ups list was drawn in (a date in another year shows its year)."""
        self._drawn: _Drawn | None = None
        self._texts: dict[str, str] = {}
        self._person_hint: str | None = None
        """The name typed last, while its hint waits for the screen to show the keystroke."""
        self._placed: dict[str, str] = {"channel": "e-mail"}
        """Values the screen itself put in a box (their Changed events say nothing)."""
        self._picked: tuple[int, str] | None = None
        """(id, name) of the person the screen put in the Person box (from People or the follow-ups): while
        the box still holds that name, Enter logs to exactly them, even if others share the name."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        yield Static("", id="outreach-headline", markup=False)
        with Vertical(id="outreach-form"):
            with Horizontal(id="outreach-row"):
                yield TextInput(
                    placeholder="Who? Type a name",
                    id="outreach-person",
                    suggester=PersonSuggester(self._people),
                    classes="-unsent",
                )
                yield TextInput("e-mail", placeholder="How?", id="outreach-channel", suggester=ChannelSuggester())
                yield DateInput(
                    "now",
                    now=self._outreach.now,
                    placeholder="When? now",
                    past=True,
                    still_to_come="Log a message once it's sent.",
                    id="outreach-when",
                )
                yield TextInput(placeholder="0-100", id="outreach-guess")
            yield TextInput(
                placeholder="A note: what you asked, what you'd like to learn", id="outreach-note", classes="-unsent"
            )
        yield Static(IDLE_HINT, id="outreach-hint", markup=False)
        with Horizontal(id="outreach-body"):
            with Vertical(id="outreach-log-box"):
                yield OutreachLog(id="outreach-log")
                yield Static(
                    "Nothing logged yet. Start safe: type the name of someone friendly above, "
                    "say how you reached out, and press Enter. coach never sends anything; it only keeps count.",
                    id="outreach-empty",
                    markup=False,
                )
            with Vertical(id="outreach-due-box"):
                yield DueList(id="outreach-due")
                yield Static(
                    "No follow-ups due today. An ask still waiting after a week of business days shows here.",
                    id="outreach-due-empty",
                    markup=False,
                )
        yield self.footer()

    def on_mount(self) -> None:
        self.query_one("#outreach-person").border_title = "Person"
        self.query_one("#outreach-channel").border_title = "How"
        self.query_one("#outreach-when", DateInput).query_one(Input).border_title = "When"
        self.query_one("#outreach-guess").border_title = "Yes %"
        self.query_one("#outreach-guess").tooltip = "Before you send it: how likely is a yes, 0-100 %? (optional)"
        self.query_one("#outreach-note").border_title = "Note"
        self.query_one("#outreach-log-box").border_title = "Log, newest first"
        self.query_one("#outreach-due-box").border_title = "Follow-ups due"
        self.query_one("#outreach-person", Input).focus()

    # drawing

    def _state(self) -> _Drawn:
        self._ledger.index()  # notices outside changes first
        return _Drawn(
            self._ledger.version, self._people.version, self._outreach.now().date(), self._outreach.follow_up_days()
        )

    def refresh_data(self) -> None:
        if self._drawn == self._state():
            return
        self.redraw()

    def redraw(self) -> None:
        self._fill_log()
        self._draw_figures()
        focused = self.focused
        if isinstance(focused, OptionList) and not focused.display:  # the list it was on emptied
            if self._shown or self._due:
                self.action_focus_log()
            else:
                self.action_focus_form()

    def _set_text(self, selector: str, text: str) -> None:
        """Update a Static only when its words change: each update lays the screen out again."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text)

    def _draw_figures(self, state: _Drawn | None = None) -> None:
        drawn = self._drawn = state or self._state()
        due = self._outreach.follow_ups()
        prediction = self._outreach.prediction()
        parts = [f"{self._total:,} logged" if self._total else "Nothing logged yet"]
        parts.append(f"{_plural(len(due), 'follow-up')} due" if due else "no follow-ups due")
        guess = prediction.text or "Before sending, guess how likely a yes is; coach sets it against the answers."
        self._set_text("#outreach-headline", f"{' · '.join(parts)}. {guess}")
        wait = f"after {_plural(drawn.follow_up_days, 'business day')}"
        self._set_text(
            "#outreach-due-empty", f"No follow-ups due today. An ask still waiting after {wait[6:]} shows here."
        )
        box = self.query_one("#outreach-due-box")
        if box.border_subtitle != wait:
            box.border_subtitle = wait
        if self._due_shown is due:  # the service hands back the same tuple while nothing changed
            return
        shown = self._due_shown
        if shown is not None and self._due_year == drawn.day.year and shown == due:
            # A new tuple with the same follow-ups (a message to someone who owed none): the list stays as
            # it is. Building it again measures every row (about 20 ms for a hundred).
            self._due = self._due_shown = due
            return
        self._fill_due(due, drawn.day.year)

    def _fill_due(self, due: tuple[FollowUp, ...], year: int) -> None:
        self._due = self._due_shown = due
        self._due_year = year
        options = self.query_one("#outreach-due", DueList)
        keep = options.highlighted or 0
        now = self._outreach.now()
        entries: list[Option] = []
        for item in due[:DUE_LIMIT]:
            waited = _plural(item.waited, "business day")
            meta = Content(f"{item.outreach.channel.label}, {_day(item.outreach.sent, now)} · {waited}")
            entries.append(
                Option(
                    Content.assemble(user_content(item.contact.name, limit=40), "\n", meta.stylize("$text-muted")),
                    id=f"due-{item.outreach.id}",
                )
            )
        options.set_options(entries)
        if entries:
            options.highlighted = min(keep, len(entries) - 1)
        self.query_one("#outreach-due-empty").display = not entries
        options.display = bool(entries)
        box = self.query_one("#outreach-due-box")
        box.border_title = f"Follow-ups due ({len(due)})" if due else "Follow-ups due"

    def _fill_log(self) -> None:
        options = self.query_one("#outreach-log", OutreachLog)
        keep_index = options.highlighted or 0
        page = self._outreach.entries(limit=self._limit)
        self._total = page.total
        self._shown = list(page.items)
        _version, people = self._people.directory()
        now = self._outreach.now()
        entries: list[Option | None] = []
        for item in self._shown:
            if entries:
                entries.append(None)
            entries.append(Option(self._prompt(item, people, now), id=f"outreach-{item.id}"))
        older = self._total - len(self._shown)
        if older:
            entries.append(None)
            entries.append(Option(self._more_label(older), id=MORE_ID))
        options.set_options(entries)
        self._show_log()
        if self._shown:
            options.highlighted = min(keep_index, len(self._shown) - 1)

    def _show_log(self) -> None:
        self.query_one("#outreach-empty").display = not self._shown
        self.query_one("#outreach-log", OutreachLog).display = bool(self._shown)

    @staticmethod
    def _more_label(older: int) -> Content:
        return Content(f"Show {min(PAGE, older):,} more  ({older:,} older not shown yet)").stylize("italic $text-muted")

    @staticmethod
    def _prompt(item: Outreach, people: dict[int, Contact], now: datetime) -> Content:
        contact = people.get(item.contact_id)
        name = user_content(contact.name, limit=40) if contact else Content("someone removed").stylize("italic")
        details = [item.channel.label, _day(item.sent, now), item.response.label]
        if item.guess is not None:
            details.append(f"guessed {item.guess} %")
        parts: list[Content | str] = [name, Content("  " + " · ".join(details)).stylize("$text-muted")]
        if item.note:
            parts += ["\n", user_content(item.note, limit=NOTE_LIMIT)]
        return Content.assemble(*parts)

    def _say(self, message: str, *, error: bool = False) -> None:
        hint = self.query_one("#outreach-hint", Static)
        hint.update(user_content(message))
        hint.set_class(error, "-error")

    # the form

    def _field(self, name: str) -> Input:
        return self.query_one(f"#outreach-{name}", Input)

    def _put(self, field: str, value: str) -> None:
        """Fill a box from the screen (not typed): its echo in the hint line is left alone."""
        self._placed[field] = value
        self._field(field).value = value

    @on(Input.Changed, "#outreach-person")
    def _person_typed(self, event: Input.Changed) -> None:
        if self._placed.pop("person", None) == event.value:
            return
        # Who the name means is worked out after the typed character is on screen, once per burst of keys.
        if self._person_hint is None:
            self.call_after_refresh(self._hint_person)
        self._person_hint = event.value

    def _hint_person(self) -> None:
        value, self._person_hint = self._person_hint, None
        if value is None or value != self._field("person").value:
            return  # cleared meanwhile, or filled by the screen
        name = clean_text(value).strip()
        if not name:
            self._say(IDLE_HINT)
            return
        if name.startswith("#"):  # a person's number: exactly who Enter logs to, or why it can't
            try:
                found = self._people.find(name)
            except CoachError as error:
                self._say(str(error), error=True)
                return
            if found is not None:
                self._say(f"→ {user_plain(found.name, limit=40)} (#{found.id}, {found.warmth.value}). Enter logs it.")
                return
        try:
            page = self._people.search(name, limit=3)
        except CoachError:
            return
        exact = [c for c in page.contacts if fold(c.name) == fold(name)]
        if exact:
            self._say(f"→ {exact[0].name} ({exact[0].warmth.value}). Enter logs it.")
        elif page.total == 0:
            self._say(f"“{name}” is new: Enter adds them to People and logs it.")
        else:
            names = ", ".join(user_plain(c.name, limit=30) for c in page.contacts)
            more = f" and {page.total - len(page.contacts):,} more" if page.total > len(page.contacts) else ""
            self._say(f"Matches {names}{more}. → takes the grey completion; Enter logs it.")

    @on(DateInput.Changed)
    def _when_typed(self, event: DateInput.Changed) -> None:
        if event.error:
            self._say(event.error, error=True)
        elif event.when is None:  # emptied: Enter logs it as now
            self._say(IDLE_HINT)
        elif event.when is not None and event.date_input.text.strip() != "now":
            self._say(f"→ {event.when.describe()}. Enter logs it.")

    @on(Input.Changed, "#outreach-channel")
    def _channel_typed(self, event: Input.Changed) -> None:
        if self._placed.pop("channel", None) == event.value or not event.value.strip():
            return
        try:
            self._say(f"→ by {parse_channel(event.value).label}. Enter logs it.")
        except ValidationError:
            self._say(f"Ways coach knows: {CHANNEL_HINT}. → takes the grey completion.")

    @on(Input.Changed, "#outreach-guess")
    def _guess_typed(self, event: Input.Changed) -> None:
        if self._placed.pop("guess", None) == event.value or not event.value.strip():
            return
        try:
            guess = parse_guess(event.value)
            self._say(f"You guess a {guess} % chance of a yes. Let's see what really happens.")
        except ValidationError as error:
            self._say(str(error), error=True)

    @on(TextInput.LinesPasted)
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        # Each box holds one text: the lines go in together (line breaks become spaces), none dropped.
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @on(Input.Submitted)
    def log_attempt(self, event: Input.Submitted) -> None:
        """Enter in any box of the form logs the attempt; bad input says why and saves nothing."""
        event.stop()
        try:
            name, channel, when, note, guess = self._read_form()
        except ValidationError as error:
            self._failed(error)
            return
        picked = self._picked
        person: int | str = picked[0] if picked is not None and picked[1] == name else name
        try:
            result = self._outreach.log(person, channel, when=when, note=note, guess=guess)
        except AmbiguousNameError as unclear:
            unsure = isinstance(unclear, UnsureNameError)
            self._log_after_asking(name, unclear.candidates, channel, when, note, guess, unsure=unsure)
            return
        except CoachError as error:
            self._failed(error)
            return
        self._logged(result)

    @work(group="outreach-log", exclusive=True)
    async def _log_after_asking(
        self,
        name: str,
        candidates: tuple[Contact, ...],
        channel: Channel,
        when: datetime,
        note: str,
        guess: int | None,
        *,
        unsure: bool = False,
    ) -> None:
        person = await self._which_person(name, candidates, unsure=unsure)
        if person is None:
            self._say("Nothing logged yet; everything you typed is still here.")
            self._field("person").focus()
            return
        try:
            result = self._outreach.log(person, channel, when=when, note=note, guess=guess)
        except CoachError as error:
            self._failed(error)
            return
        self._logged(result)

    def _logged(self, result: LogResult) -> None:
        """Show a logged attempt: on top of the log when this save is the only change since the screen
        was drawn (nothing came in from elsewhere with it), else redraw everything."""
        self._clear_form()
        drawn = self._drawn
        state = self._state()  # also brings the ledger's change notes up to this save
        only_this = (
            drawn is not None
            and self._ledger.touched_since(drawn.ledger) == frozenset({result.contact.id})
            and state.people == drawn.people + result.new_contact
            and (state.day, state.follow_up_days) == (drawn.day, drawn.follow_up_days)
        )
        if only_this and (not self._shown or result.outreach.sent >= self._shown[0].sent):
            self._insert_top(result.outreach)
            self._draw_figures(state)
        else:
            self.redraw()
        who = user_plain(result.contact.name, limit=60)
        added = " (new in People)" if result.new_contact else ""
        self._say(f"Logged: {result.outreach.channel.label} to {who}{added}. Well done. Next one?")

    def _read_form(self) -> tuple[str, Channel, datetime, str, int | None]:
        """The form as values, or ValidationError naming the box to fix (its focus is moved there)."""
        name = self._field("person").value
        if not clean_text(name).strip():
            self._field("person").focus()
            raise ValidationError("Type who you reached out to first.")
        try:
            channel = parse_channel(self._field("channel").value)
        except ValidationError:
            self._field("channel").focus()
            raise ValidationError(f"How did you reach out? Use {CHANNEL_HINT}.") from None
        when_box = self.query_one("#outreach-when", DateInput)
        try:
            when = parse_when(when_box.text.strip() or "now", self._outreach.now(), past=True).value
        except ValidationError:
            when_box.query_one(Input).focus()
            raise
        try:
            guess = parse_guess(self._field("guess").value)
        except ValidationError:
            self._field("guess").focus()
            raise
        return name, channel, when, self._field("note").value, guess

    async def _which_person(
        self, name: str, candidates: tuple[Contact, ...], *, unsure: bool = False
    ) -> int | str | None:
        """Several people fit the name: ask which one (or someone new by exactly that name). `unsure`: no one
        has the name, `candidates` are only spelled close to it, so someone new is the first choice offered."""
        shown = candidates[:8]
        labels = [f"{c.name} (#{c.id}, {c.warmth.value}{', ' + c.company if c.company else ''})" for c in shown]
        labels.append(f"Someone new called “{clean_text(name).strip()}”")
        typed = user_plain(name, limit=40)
        title = f"“{typed}” isn't on your list. Someone new, or one of these?" if unsure else f"Who is “{typed}”?"
        default = len(shown) if unsure else 0
        choice = await self.app.push_screen_wait(
            ChoiceDialog(title, labels, default, hint="↑↓ Enter picks, Esc goes back.")
        )
        if choice is None:
            return None
        if choice < len(shown):
            return shown[choice].id
        found = self._people.add(clean_text(name).strip())
        return found.id

    def _failed(self, error: CoachError) -> None:
        """Nothing was saved: say why under the form; everything typed stays where it was."""
        self._say(f"Not logged. {error}", error=True)
        if not isinstance(error, ValidationError):  # a typing slip is said in place; a failed save also aloud
            self.notify(user_plain(str(error)), title="Not logged", severity="error", markup=False)

    def _clear_form(self) -> None:
        self._picked = None
        for name in ("person", "note", "guess"):
            self._put(name, "")
        self.query_one("#outreach-when", DateInput).query_one(Input).value = "now"
        self._field("person").focus()

    def _insert_top(self, item: Outreach) -> None:
        """A new entry goes on top; the options already drawn are kept as they are."""
        options = self.query_one("#outreach-log", OutreachLog)
        _version, people = self._people.directory()
        old = list(options.options)
        self._shown.insert(0, item)
        self._total += 1
        self._limit += 1
        new = Option(self._prompt(item, people, self._outreach.now()), id=f"outreach-{item.id}")
        options.set_options([new, None, *old] if old else [new])
        options.highlighted = 0
        self._show_log()

    # keys

    def _chosen(self) -> tuple[Outreach, Contact | None] | None:
        """The entry the focused list points at (a log entry, or a follow-up's waiting ask)."""
        focused = self.focused
        if isinstance(focused, DueList):
            index = focused.highlighted
            if index is None or not 0 <= index < min(len(self._due), DUE_LIMIT):
                return None
            item = self._due[index]
            return item.outreach, item.contact
        log = self.query_one("#outreach-log", OutreachLog)
        index = log.highlighted
        if not isinstance(focused, OutreachLog) or index is None or not 0 <= index < len(self._shown):
            return None
        entry = self._shown[index]
        _version, people = self._people.directory()
        return entry, people.get(entry.contact_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On a list, m writes the message: Ctrl+T would say the same thing twice in a full footer.
        return not (action == "message" and isinstance(self.focused, OptionList))

    def action_focus_log(self) -> None:
        if self._shown:
            self.query_one("#outreach-log", OutreachLog).focus()
        elif self._due:
            self.query_one("#outreach-due", DueList).focus()

    def action_focus_form(self) -> None:
        self._field("person").focus()

    @on(OptionList.OptionSelected, "#outreach-log")
    def read_entry(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE_ID:
            self._limit += PAGE
            self._drawn = None
            self.safe_refresh()
            self.query_one("#outreach-log", OutreachLog).highlighted = event.option_index
            return
        chosen = self._chosen()
        if chosen is not None:
            entry, contact = chosen
            who = contact.name if contact else "someone removed"
            text = entry.note or "(no note)"
            self.app.push_screen(ReadDialog(text, f"{user_plain(who, limit=40)}, {entry.channel.label}"))

    def start_ask(self, contact_id: int) -> None:
        """Ready the form to log an ask to one person (People's o key hands them over)."""
        try:
            contact = self._people.get(contact_id)
        except CoachError as error:
            self._say(str(error), error=True)
            return
        self._put("person", clean_text(contact.name))
        self._picked = (contact.id, clean_text(contact.name))
        self._field("note").focus()
        self._say(f"Asking {user_plain(contact.name, limit=40)}: pick how, add a note if you like, then Enter logs it.")

    @on(OptionList.OptionSelected, "#outreach-due")
    def follow_up_now(self, event: OptionList.OptionSelected) -> None:
        """Enter on someone due: their name goes in the form, ready to log the follow-up."""
        index = event.option_index
        if not 0 <= index < len(self._due):
            return
        item = self._due[index]
        self._put("person", clean_text(item.contact.name))
        self._picked = (item.contact.id, clean_text(item.contact.name))
        self._put("channel", item.outreach.channel.label)
        self._put("note", "follow-up")
        self._field("note").focus()
        self._say(f"Send your follow-up to {user_plain(item.contact.name, limit=40)}, then Enter logs it.")

    async def _save_settling(
        self, entry: Outreach, save: Callable[[Outreach], object], explain: Callable[[Outreach], str]
    ) -> bool:
        """Save `save(seen)`; if the entry changed elsewhere meanwhile, say how (`explain(theirs)`) and let the
        person keep that or use theirs. True when the change was saved; errors are shown, never raised."""
        target = entry
        while True:
            try:
                save(target)
                return True
            except ConflictError as clash:
                current = clash.current if isinstance(clash.current, Outreach) else None
                if current is None:
                    self._failed(clash)
                    return False
                if not await use_mine(self.app, explain(current)):
                    self.safe_refresh()
                    self._say("Kept the change made elsewhere; yours wasn't saved.")
                    return False
                target = current
            except CoachError as error:
                self._failed(error)
                return False

    async def _save_answer(self, entry: Outreach, response: Response) -> None:
        saved = await self._save_settling(
            entry,
            lambda seen: self._outreach.set_response(seen.id, response, seen=seen),
            lambda theirs: (
                f"While this was open, the answer was changed elsewhere to "
                f"“{theirs.response.label}”. You chose “{response.label}”."
            ),
        )
        if not saved:
            return
        self.safe_refresh()
        if response is Response.YES:
            self._say("A yes! Noted. That's the fear monger proved wrong once more.")
        elif response is Response.WAITING:
            self._say("Back to waiting.")
        else:
            self._say(f"Noted: {response.label}. It says nothing about you; on to the next one.")

    @work(group="outreach-edit")
    async def action_answer(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        entry, contact = chosen
        current = next(i for i, (_label, r) in enumerate(ANSWER_CHOICES) if r is entry.response)
        who = user_plain(contact.name, limit=40) if contact else "them"
        index = await self.app.push_screen_wait(
            ChoiceDialog(f"What came back from {who}?", [label for label, _r in ANSWER_CHOICES], current)
        )
        if index is not None and ANSWER_CHOICES[index][1] is not entry.response:
            await self._save_answer(entry, ANSWER_CHOICES[index][1])

    @work(group="outreach-edit")
    async def action_edit_note(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        entry, _contact = chosen
        text = await self.app.push_screen_wait(PromptDialog("Change the note", entry.note, check=_check_note))
        if text is None:
            return
        saved = await self._save_settling(
            entry,
            lambda seen: self._outreach.edit(seen.id, note=text, seen=seen),
            lambda _theirs: "While this was open, this entry was changed elsewhere.",
        )
        if not saved:
            return
        self.safe_refresh()
        self._say("Note changed.")

    @work(group="outreach-edit")
    async def action_delete_entry(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        entry, contact = chosen
        who = contact.name if contact else "someone removed"
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                "Remove this entry from the log?",
                user_plain(f"{entry.channel.label} to {who}, {_day(entry.sent, self._outreach.now())}", limit=200),
                yes="Remove",
                no="Keep",
            )
        )
        if not confirmed:
            return
        try:
            try:
                self._outreach.delete(entry.id, seen=entry)
            except ConflictError as clash:
                if not await use_mine(
                    self.app,
                    Content(f"{clash} Remove it anyway, or keep it as it is now?"),
                    mine="Remove it",
                    theirs="Keep it",
                ):
                    self.safe_refresh()
                    self._say("Kept, with the change made elsewhere.")
                    return
                self._outreach.delete(entry.id, seen=clash.current)  # type: ignore[arg-type]
        except CoachError as error:
            self._failed(error)
            return
        self.safe_refresh()
        self._say("Removed from the log.")
        if not self._shown:
            self.action_focus_form()

    @work(group="outreach-edit")
    async def action_follow_up_days(self) -> None:
        """Choose how many business days an ask waits before its follow-up comes due (Ctrl+G)."""
        current = self._outreach.follow_up_days()
        days = sorted({*FOLLOW_UP_CHOICES, current})
        labels = [
            f"{_plural(n, 'business day')}" + (" (coach's default)" if n == DEFAULT_FOLLOW_UP_DAYS else "")
            for n in days
        ]
        index = await self.app.push_screen_wait(
            ChoiceDialog(
                "Follow up after how many business days without an answer?",
                labels,
                days.index(current),
                explanation="Weekends don't count. Any new message to the person, or their answer, clears it.",
            )
        )
        if index is None or days[index] == current:
            return
        try:
            self._outreach.set_follow_up_days(days[index])
        except CoachError as error:
            self._failed(error)
            return
        self.safe_refresh()
        self._say(f"Follow-ups now come due after {_plural(days[index], 'business day')} without an answer.")

    def action_message(self) -> None:
        """The message helper, for the name typed in the form (Ctrl+T)."""
        self.action_write_message()

    def action_write_message(self) -> None:
        """The message helper, for the highlighted person, or the name typed in the form."""
        chosen = self._chosen() if isinstance(self.focused, OptionList) else None
        template = "first-ask"
        referrer = ""
        if chosen is not None:
            entry, contact = chosen
            name = contact.name if contact else ""
            if any(item.outreach.id == entry.id for item in self._due):  # waited long enough for a nudge
                template = "follow-up"
        else:
            name = clean_text(self._field("person").value).strip()
            contact = None
            if name:
                picked = self._picked
                try:
                    if picked is not None and picked[1] == name:
                        contact = self._people.get(picked[0])
                    else:
                        contact = self._people.find(name)
                except CoachError:
                    contact = None
            if contact is not None:
                name = contact.name
        if contact is not None and contact.referred_by is not None:
            referrer = self._people.name_of(contact.referred_by)
            if template == "first-ask":
                template = "referral"
        self.app.push_screen(MessageDialog(self._outreach, name=name, referrer=referrer, template=template))


def _check_note(value: str) -> None:
    if len(clean_text(value).strip()) > MAX_LINE:
        raise ValidationError(f"A note can hold up to {MAX_LINE:,} characters.")


TITLE = "A message to send yourself (coach never sends anything)"


class MessageDialog(ModalScreen[None]):
    """A short message filled in from a template: copy it, or open it in your editor. Nothing is sent."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", show=False),
        Binding("ctrl+y", "copy", "Copy", show=False),
        Binding("ctrl+o", "editor", "Editor", show=False),
    ]

    def __init__(self, outreach: OutreachService, *, name: str = "", referrer: str = "", template: str = "") -> None:
        super().__init__()
        self._outreach = outreach
        self._person_name = name
        self._referrer = referrer
        self._template = template if template in TEMPLATE_KEYS else TEMPLATE_KEYS[0]
        self._edited: str | None = None
        """The message as changed in the editor (None: as the template fills it)."""
        self.message: Message | None = None
        """The message on show."""

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box", classes="dialog"):
            yield Static(
                "A message to send yourself (coach never sends anything)", classes="dialog-title", markup=False
            )
            with Horizontal(id="message-top"):
                yield OptionList(*(template.title for template in self._outreach.templates()), id="message-templates")
                with Vertical(id="message-fields"):
                    with Horizontal(classes="message-field"):
                        yield Static("To", classes="message-label", markup=False)
                        yield TextInput(clean_text(self._person_name), placeholder="their name", id="message-name")
                    with Horizontal(classes="message-field"):
                        yield Static("To learn", classes="message-label", markup=False)
                        yield TextInput(placeholder="e.g. what UX research is like day to day", id="message-learn")
                    with Horizontal(classes="message-field"):
                        yield Static("Suggested by", classes="message-label", markup=False)
                        yield TextInput(
                            clean_text(self._referrer), placeholder="who pointed you to them", id="message-referrer"
                        )
                    with Horizontal(classes="message-field"):
                        yield Static("Signed", classes="message-label", markup=False)
                        yield TextInput(
                            self._outreach.sign_off(), placeholder="your name (remembered)", id="message-me"
                        )
            with VerticalScroll(id="message-preview"):
                yield Static("", id="message-text")
            yield Static("", id="message-count", markup=False)
            yield Static(
                "Enter or Ctrl+Y copies · Ctrl+O opens your editor · Esc closes",
                id="message-hint",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        templates = self.query_one("#message-templates", OptionList)
        templates.highlighted = TEMPLATE_KEYS.index(self._template)
        self._fill()
        (templates if self._person_name else self.query_one("#message-name", Input)).focus()

    def _fill(self) -> None:
        message = self._outreach.fill(
            self._template,
            name=self.query_one("#message-name", Input).value,
            learn=self.query_one("#message-learn", Input).value,
            referrer=self.query_one("#message-referrer", Input).value,
            me=self.query_one("#message-me", Input).value,
        )
        if self._edited is not None:
            message = Message(self._edited, len(self._edited.split()))
        self.message = message
        self.query_one("#message-text", Static).update(user_content(message.text, multiline=True))
        edited = " (as you changed it in your editor)" if self._edited is not None else ""
        self.query_one("#message-count", Static).update(f"{message.length_note}{edited}.")

    @on(OptionList.OptionHighlighted, "#message-templates")
    def _template_chosen(self, event: OptionList.OptionHighlighted) -> None:
        key = TEMPLATE_KEYS[event.option_index]
        if key != self._template:
            self._template = key
            self._edited = None
            self._fill()

    @on(Input.Changed)
    def _typed(self) -> None:
        self._edited = None
        self._fill()

    @on(TextInput.LinesPasted)
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @on(OptionList.OptionSelected, "#message-templates")
    @on(Input.Submitted)
    def _enter(self) -> None:
        self.action_copy()

    def _remember_sign_off(self) -> None:
        """Keep the name typed under Signed for next time (a name too long to keep is simply not kept)."""
        with contextlib.suppress(CoachError):
            self._outreach.set_sign_off(self.query_one("#message-me", Input).value)

    def dismiss(self, result: None = None) -> AwaitComplete:
        self._remember_sign_off()
        return super().dismiss(result)

    def action_copy(self) -> None:
        if self.message is None:
            return
        self._remember_sign_off()
        self.app.copy_to_clipboard(self.message.text)
        self.notify(
            f"Copied: {self.message.words} words. Paste it into your e-mail or message, then log it (F6).",
            title="Copied",
            markup=False,
        )

    @work(group="message-editor", exclusive=True)
    async def action_editor(self) -> None:
        if self.message is None:
            return
        try:
            text = edit_in_editor(self.app, self.message.text)
        except CoachError as error:
            self.notify(str(error), title="No editor", severity="warning", markup=False)
            return
        self._edited = text
        self._fill()
