"""The reflection right after an interview: what you learned, what they answered, the evidence (how kind,
how much they talked, how much fun), what became of the fears, who they suggested, the thank-you note,
next steps and the career it spoke to. A calm form that saves as it goes; Esc leaves with it saved."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, RadioButton, RadioSet, Static, TextArea

from coach.errors import CoachError, ConflictError, ValidationError
from coach.models import Attraction, Interview, Outcome, PrepItem, Reflection, Thought
from coach.screens.dialogs import use_mine
from coach.services.reflections import (
    ATTRACTION_CHOICES,
    KEEP,
    OUTCOME_CHOICES,
    Keep,
    ReflectionService,
    parse_scale,
)
from coach.widgets.footer import SteadyFooter
from coach.widgets.safe import user_content, user_plain
from coach.widgets.text_input import TextInput

if TYPE_CHECKING:
    from coach.models import Career

IDLE_SAVE = 1.5
"""Seconds after the last keystroke before what was typed is saved (it is saved on leaving a box too)."""

HINT = "Saved as you go · Enter: next box · Ctrl+F finishes · Esc goes back"
SCALE = ("1", "2", "3", "4", "5")
THANKS_CHOICES = ("Sent it", "Not yet")


class ChoiceRow(RadioSet):
    """A one-line row of choices: ←/→ move, Enter or Space picks, and a digit picks that one straight away."""

    DEFAULT_CSS = """
    ChoiceRow {
        layout: horizontal;
        width: auto;
        height: auto;
        border: none;
        padding: 0;
        overflow: hidden hidden;
        & > RadioButton {
            width: auto;
            margin-right: 1;
        }
        &:focus {
            border: none;
        }
        & > RadioButton.-on {
            text-style: bold;
        }
        /* Away from it, only the choice made stands out (not the cursor's place). */
        &:blur > RadioButton.-selected > .toggle--label {
            background: transparent;
        }
    }
    """

    def __init__(self, *labels: str, pressed: int | None = None, id: str | None = None) -> None:
        super().__init__(*(RadioButton(label, value=index == pressed) for index, label in enumerate(labels)), id=id)

    def on_mount(self) -> None:
        self.call_after_refresh(self._cursor_to_choice)

    def _cursor_to_choice(self) -> None:
        """The set puts its cursor on the first choice when mounted; move it to the choice made, if any."""
        for _ in range(max(self.pressed_index, 0)):
            self.action_next_button()

    def on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if len(character) == 1 and character.isdigit():
            index = int(character) - 1
            buttons = list(self.query(RadioButton))
            if 0 <= index < len(buttons):
                event.stop()
                event.prevent_default()
                self.choose(index)

    def choose(self, index: int) -> None:
        """Make choice `index` (the set hears of it, and moves its cursor there)."""
        buttons = list(self.query(RadioButton))
        if 0 <= index < len(buttons):
            buttons[index].value = True

    @property
    def choice(self) -> int | None:
        """The index of the choice made, or None before one is made."""
        index = self.pressed_index
        return None if index < 0 else index


@dataclass(frozen=True)
class _Form:
    """What the form holds, to tell whether anything changed since the last save."""

    learned: str
    surprised: str
    best_question: str
    answers: tuple[tuple[int, str], ...]
    kindness: int | None
    they_talked: str
    enjoyment: int | None
    fears: tuple[tuple[int, Outcome], ...]
    thanked: bool | None
    next_step: str
    attraction: Attraction | None
    attraction_why: str
    referrals: tuple[str, ...]


def _day(moment: datetime, now: datetime) -> str:
    """ "Tue 24 Nov"."""
    local = moment.astimezone(now.tzinfo)
    return f"{local:%a} {local.day} {local:%b}"


def _when(moment: datetime, now: datetime) -> str:
    """ "Tue 24 Nov, 10:30"."""
    local = moment.astimezone(now.tzinfo)
    return f"{_day(local, now)}, {local:%H:%M}"


class ReflectionScreen(Screen[None]):
    """One interview's reflection, pushed over the screen that opened it; dismisses with None."""

    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back, with everything saved"),
        Binding("ctrl+s", "save", "Save", tooltip="Save what's typed now (it saves as you go too)"),
        Binding("ctrl+f", "finish", "Finish", tooltip="Save it as complete and go back"),
        Binding("ctrl+t", "copy_note", "Copy note", tooltip="Copy the thank-you note to send yourself"),
    ]

    def __init__(
        self, reflections: ReflectionService, interview_id: int, *, start: str = "", name: str | None = None
    ) -> None:
        super().__init__(name=name)
        self._reflections = reflections
        self._interview_id = interview_id
        self._start = start
        """Where the focus starts: "" at what you learned, "thanks" at the thank-you note."""
        self._interview: Interview | None = None
        self._reflection: Reflection | None = None
        self._questions: list[PrepItem] = []
        self._fears: list[Thought] = []
        self._career: Career | None = None
        self._names: list[str] = []
        self._seen: Reflection | None = None
        """The reflection as last loaded or saved: the copy the form shows (None before the first save)."""
        self._saved_form: _Form | None = None
        self._saved_referrals: tuple[str, ...] | None = None
        self._idle: Timer | None = None
        self._leaving = False
        """True once Esc failed to save: the next Esc leaves without it."""
        self._done = False
        self._settling = False
        """True while a clash is being settled: nothing else is saved meanwhile."""

    # building

    def _load(self) -> None:
        self._interview = self._reflections.interview(self._interview_id)
        self._reflection = self._reflections.draft(self._interview_id)
        self._seen = self._reflection if self._reflection.id else None
        self._questions = self._reflections.questions(self._interview_id)
        self._fears = self._reflections.fears_linked(self._interview_id)
        self._career = self._reflections.career(self._interview)
        self._names = self._reflections.referral_names(self._reflection)

    def compose(self) -> ComposeResult:
        try:
            self._load()
        except CoachError as error:
            yield Static(user_plain(str(error)), id="reflection-title", markup=False)
            yield Static("Esc goes back.", id="reflection-status", markup=False)
            yield SteadyFooter()
            return
        interview = self._interview
        reflection = self._reflection
        assert interview is not None and reflection is not None
        yield Static(self._title(interview), id="reflection-title")
        with VerticalScroll(id="reflection-body", can_focus=False):
            yield from self._learned(reflection)
            yield from self._answers()
            yield from self._evidence(reflection)
            yield from self._fear_rows()
            yield from self._referral_lines()
            yield from self._thanks(reflection)
            yield Static("Next steps", classes="reflection-heading", markup=False)
            yield TextInput(
                reflection.next_step,
                placeholder="e.g. write to Bo this week",
                id="reflection-next",
                select_on_focus=False,
            )
            if self._career is not None:
                yield from self._career_rows(self._career, reflection)
            with Horizontal(id="reflection-end"):
                yield Button("Finish (Ctrl+F)", id="reflection-finish", variant="primary")
                yield Static(
                    "Finishing marks the conversation as held; you can come back and add more.",
                    id="reflection-finish-hint",
                    markup=False,
                )
        yield Static(HINT, id="reflection-status", markup=False)
        yield SteadyFooter()

    def _title(self, interview: Interview) -> Content:
        who = self._reflections.person(interview)
        meeting = self._reflections.meeting(interview.id)
        parts: list[Content | str | tuple[str, str]] = [("After ", "bold")]
        if who:
            prefix = meeting[: len(meeting) - len(who)]
            parts += [(prefix, "bold"), user_content(who, limit=60, style="bold")]
        else:
            parts.append((meeting, "bold"))
        if interview.when is not None:
            parts.append((f"  ·  {_when(interview.when, self._reflections.now())}", "$text-muted"))
        return Content.assemble(*parts)

    def _learned(self, reflection: Reflection) -> ComposeResult:
        yield Static("What did you learn?", classes="reflection-heading", markup=False)
        yield TextArea(reflection.learned, id="reflection-learned", soft_wrap=True, tab_behavior="focus")
        yield Static("The most surprising thing they said", classes="reflection-label", markup=False)
        yield TextInput(reflection.surprised, placeholder="optional", id="reflection-surprised", select_on_focus=False)
        yield Static("The question that worked best", classes="reflection-label", markup=False)
        yield TextInput(reflection.best_question, placeholder="optional", id="reflection-best", select_on_focus=False)

    def _answers(self) -> ComposeResult:
        yield Static("Your starred questions: what did they say?", classes="reflection-heading", markup=False)
        if not self._questions:
            yield Static(
                "No starred questions for this one. In its prep (F7, then p) you can star up to three.",
                classes="reflection-empty",
                markup=False,
            )
        for item in self._questions:
            yield Static(user_content(f"★ {item.text}", limit=300), classes="reflection-label")
            yield TextInput(
                item.answer,
                placeholder="what they said",
                id=f"reflection-answer-{item.id}",
                classes="reflection-answer",
                select_on_focus=False,
            )

    def _evidence(self, reflection: Reflection) -> ComposeResult:
        yield Static("The evidence", classes="reflection-heading", markup=False)
        with Horizontal(classes="reflection-scale"):
            yield Static("How kind were they?", classes="reflection-question", markup=False)
            yield ChoiceRow(*SCALE, pressed=_index(reflection.kindness), id="reflection-kindness")
            yield Static("1 not very · 5 very", classes="reflection-caption", markup=False)
        with Horizontal(classes="reflection-scale"):
            yield Static("How much did they talk?", classes="reflection-question", markup=False)
            talked = "" if reflection.they_talked is None else str(reflection.they_talked)
            yield TextInput(talked, placeholder="0-100", id="reflection-talked", select_on_focus=False)
            yield Static("% of the time (more than half: you listened)", classes="reflection-caption", markup=False)
        with Horizontal(classes="reflection-scale"):
            yield Static("How much fun was it?", classes="reflection-question", markup=False)
            yield ChoiceRow(*SCALE, pressed=_index(reflection.enjoyment), id="reflection-fun")
            yield Static("1 a chore · 5 a joy", classes="reflection-caption", markup=False)

    def _fear_rows(self) -> ComposeResult:
        yield Static("The fears you wrote down about it", classes="reflection-heading", markup=False)
        if not self._fears:
            yield Static(
                "None were written down for this one. Next time, the walkthrough (w) asks before you go.",
                classes="reflection-empty",
                markup=False,
            )
        outcomes = [outcome for outcome, _label in OUTCOME_CHOICES]
        for thought in self._fears:
            yield Static(user_content(f"“{thought.text}”", limit=300), classes="reflection-label")
            pressed = outcomes.index(thought.outcome) if thought.outcome in outcomes else None
            yield ChoiceRow(
                *(label for _outcome, label in OUTCOME_CHOICES),
                pressed=pressed,
                id=f"reflection-fear-{thought.id}",
            )

    def _referral_lines(self) -> ComposeResult:
        yield Static("Who did they suggest you talk to?", classes="reflection-heading", markup=False)
        with Vertical(id="reflection-referrals"):
            for name in [*self._names, ""]:
                yield self._referral_input(name)
        assert self._interview is not None
        who = self._reflections.person(self._interview) or "them"
        yield Static(
            Content.assemble(
                "One name a line; Enter adds another. Each goes on People (F5) as referred by ",
                user_content(who, limit=60),
                ", ready to ask.",
            ),
            classes="reflection-hint",
        )

    @staticmethod
    def _referral_input(name: str) -> TextInput:
        return TextInput(name, placeholder="a name", classes="reflection-referral", select_on_focus=False)

    def _thanks(self, reflection: Reflection) -> ComposeResult:
        yield Static("Thank-you note", classes="reflection-heading", markup=False)
        pressed = 0 if reflection.thanked is not None else (1 if reflection.thank_by is not None else None)
        with Horizontal(classes="reflection-scale"):
            yield Static("Sent one yet?", classes="reflection-question", markup=False)
            yield ChoiceRow(*THANKS_CHOICES, pressed=pressed, id="reflection-thanked")
        yield Static("", id="reflection-thanks-status", markup=False)
        yield Static("", id="reflection-note")
        yield Static("Ctrl+T copies the note; coach never sends anything.", classes="reflection-hint", markup=False)

    def _career_rows(self, career: Career, reflection: Reflection) -> ComposeResult:
        yield Static(
            Content.assemble(user_content(career.title, limit=80), ": after this, does it feel"),
            classes="reflection-heading",
        )
        choices = [attraction for attraction, _label in ATTRACTION_CHOICES]
        pressed = choices.index(reflection.attraction) if reflection.attraction in choices else None
        yield ChoiceRow(*(label for _a, label in ATTRACTION_CHOICES), pressed=pressed, id="reflection-attraction")
        yield TextInput(reflection.attraction_why, placeholder="why?", id="reflection-why", select_on_focus=False)

    def on_mount(self) -> None:
        if self._interview is None:
            return
        self._saved_form = self._form()
        self._saved_referrals = self._form().referrals
        self._draw_thanks()
        if self._start == "thanks":
            self.query_one("#reflection-thanked", ChoiceRow).focus()
        else:
            self.query_one("#reflection-learned", TextArea).focus()
            body = self.query_one("#reflection-body", VerticalScroll)
            self.call_after_refresh(body.scroll_home, animate=False)  # its heading in view too

    # reading the form

    def _form(self) -> _Form:
        answers = tuple(
            (item.id, self.query_one(f"#reflection-answer-{item.id}", Input).value) for item in self._questions
        )
        fears: list[tuple[int, Outcome]] = []
        for thought in self._fears:
            choice = self.query_one(f"#reflection-fear-{thought.id}", ChoiceRow).choice
            if choice is not None:
                fears.append((thought.id, OUTCOME_CHOICES[choice][0]))
        thanked = self.query_one("#reflection-thanked", ChoiceRow).choice
        attraction: Attraction | None = None
        why = ""
        if self._career is not None:
            chosen = self.query_one("#reflection-attraction", ChoiceRow).choice
            attraction = None if chosen is None else ATTRACTION_CHOICES[chosen][0]
            why = self.query_one("#reflection-why", Input).value
        return _Form(
            learned=self.query_one("#reflection-learned", TextArea).text,
            surprised=self.query_one("#reflection-surprised", Input).value,
            best_question=self.query_one("#reflection-best", Input).value,
            answers=answers,
            kindness=_scale(self.query_one("#reflection-kindness", ChoiceRow).choice),
            they_talked=self.query_one("#reflection-talked", Input).value,
            enjoyment=_scale(self.query_one("#reflection-fun", ChoiceRow).choice),
            fears=tuple(fears),
            thanked=None if thanked is None else thanked == 0,
            next_step=self.query_one("#reflection-next", Input).value,
            attraction=attraction,
            attraction_why=why,
            referrals=tuple(line.value for line in self.query(".reflection-referral").results(Input)),
        )

    # saving

    def _save(self, *, referrals: bool = False, complete: bool = False) -> bool:
        """Save what the form holds (the names too when `referrals`); False, with the typed text kept, on failure."""
        if self._interview is None or self._done or self._settling:
            return False
        self._stop_idle()
        form = self._form()
        names_changed = referrals and form.referrals != self._saved_referrals
        if form == self._saved_form and not names_changed and not complete:
            return True
        talked: int | Keep | None = KEEP
        talked_problem = ""
        try:
            talked = parse_scale(form.they_talked, what="How much they talked", low=0, high=100)
        except ValidationError as error:
            talked_problem = str(error)  # the rest is saved; this box keeps what was typed
        try:
            saved = self._reflections.save(
                self._interview_id,
                learned=form.learned,
                surprised=form.surprised,
                best_question=form.best_question,
                answers=dict(form.answers),
                kindness=form.kindness,
                they_talked=talked,
                enjoyment=form.enjoyment,
                fears=dict(form.fears),
                referrals=list(form.referrals) if referrals else None,
                thanked=KEEP if form.thanked is None else form.thanked,
                next_step=form.next_step,
                attraction=KEEP if form.attraction is None else form.attraction,
                attraction_why=form.attraction_why,
                complete=True if complete else KEEP,
                seen=self._seen,
            )
        except ConflictError as clash:
            self._settle(clash, referrals=referrals, complete=complete)
            return False
        except CoachError as error:
            self._say(f"Not saved: {error} What you typed is still here.", error=True)
            return False
        self._seen = saved
        self._reflection = saved
        # A box that couldn't be saved never counts as saved: the next save tries it again.
        self._saved_form = replace(form, they_talked=f"{form.they_talked}\x00") if talked_problem else form
        if referrals:
            self._saved_referrals = form.referrals
        self._draw_thanks()
        if talked_problem:
            self._say(f"The rest is saved. {talked_problem}", error=True)
            return False
        self._say(f"Saved at {self._reflections.now():%H:%M}.")
        return True

    @work(group="reflection-clash", exclusive=True)
    async def _settle(self, clash: ConflictError, *, referrals: bool, complete: bool) -> None:
        """Someone changed the reflection elsewhere (another coach on the same file): ask whose to keep."""
        current = clash.current
        if not isinstance(current, Reflection):
            self._say(f"Not saved: {clash} What you typed is still here.", error=True)
            return
        fields = ", ".join(_FIELD_NAMES.get(name, name.replace("_", " ")) for name in clash.changes)
        self._settling = True
        try:
            mine = await use_mine(self.app, f"This reflection was changed somewhere else while it was open ({fields}).")
        finally:
            self._settling = False
        self._seen = current
        self._reflection = current
        if mine:
            if self._save(referrals=referrals, complete=complete) and complete:
                self._finished()
            return
        self._show_saved(current, set(clash.changes))
        self._saved_form = self._form()
        self._say("Kept the change made elsewhere; it is in the form now.")

    def _show_saved(self, reflection: Reflection, names: set[str]) -> None:
        """Put the saved values of the fields `names` back in the form."""
        texts = {
            "learned": "#reflection-learned",
            "surprised": "#reflection-surprised",
            "best_question": "#reflection-best",
            "next_step": "#reflection-next",
            "attraction_why": "#reflection-why",
        }
        for name, selector in texts.items():
            if name not in names or not self.query(selector):
                continue
            value = getattr(reflection, name)
            widget = self.query_one(selector)
            if isinstance(widget, TextArea):
                widget.text = value
            elif isinstance(widget, Input):
                widget.value = value
        if "they_talked" in names:
            talked = reflection.they_talked
            self.query_one("#reflection-talked", Input).value = "" if talked is None else str(talked)
        for name, selector in (("kindness", "#reflection-kindness"), ("enjoyment", "#reflection-fun")):
            value = getattr(reflection, name)
            if name in names and value is not None:
                self.query_one(selector, ChoiceRow).choose(value - 1)

    def _say(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#reflection-status", Static)
        status.update(user_plain(message))
        status.set_class(error, "-error")

    def _draw_thanks(self) -> None:
        reflection = self._reflection
        if reflection is None or self._interview is None:
            return
        now = self._reflections.now()
        if reflection.thanked is not None:
            text = f"Sent on {_day(reflection.thanked, now)}. That's the kind of thing people remember."
        elif reflection.thank_by is not None:
            day = reflection.thank_by
            text = f"Not yet: Home will remind you. Send it by {day:%a} {day.day} {day:%b}; a few lines is plenty."
        else:
            text = "A short note within a day or two is plenty. Here is one to start from:"
        self.query_one("#reflection-thanks-status", Static).update(text)
        note = self._reflections.thank_you_note(self._interview_id)
        self.query_one("#reflection-note", Static).update(user_content(note, multiline=True))

    def _stop_idle(self) -> None:
        if self._idle is not None:
            self._idle.stop()
            self._idle = None

    def _typed(self) -> None:
        self._stop_idle()
        self._leaving = False
        self._idle = self.set_timer(IDLE_SAVE, self._save)

    # events

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | TextArea.Changed) -> None:
        if isinstance(event, Input.Changed) and event.input.has_class("reflection-referral"):
            self._leaving = False
            return  # names are saved on Enter and on leaving the line: each one makes a contact
        self._typed()

    @on(RadioSet.Changed)
    def _chosen(self, event: RadioSet.Changed) -> None:
        self._leaving = False
        self._save()

    @on(TextInput.LinesPasted)
    def _pasted(self, event: TextInput.LinesPasted) -> None:
        field = event.text_input
        if field.has_class("reflection-referral"):
            self._add_names(field, list(event.lines))
        else:
            field.insert_text_at_cursor(event.as_one_line)

    def _add_names(self, field: Input, names: list[str]) -> None:
        """A paste of several names: one line each."""
        if not names:
            return
        field.value = names[0]
        lines = self.query_one("#reflection-referrals", Vertical)
        after: Widget = field
        for name in names[1:]:
            line = self._referral_input(name)
            lines.mount(line, after=after)
            after = line
        self.call_after_refresh(self._save, referrals=True)

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        field = event.input
        if field.has_class("reflection-referral"):
            lines = list(self.query(".reflection-referral").results(Input))
            if not field.value.strip():
                self._save(referrals=True)
                self.focus_next()
                return
            self._save(referrals=True)
            at = lines.index(field)
            if at + 1 < len(lines) and not lines[at + 1].value.strip():
                lines[at + 1].focus()
            else:
                line = self._referral_input("")
                self.query_one("#reflection-referrals", Vertical).mount(line, after=field)
                line.focus()
            return
        self._save()
        self.focus_next()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        if self._done or self._interview is None:
            return
        if isinstance(widget, Input) and widget.has_class("reflection-referral"):
            self._save(referrals=True)
        elif isinstance(widget, (Input, TextArea)):
            self._save()

    @on(Button.Pressed, "#reflection-finish")
    def _finish_pressed(self) -> None:
        self.action_finish()

    # actions

    def action_save(self) -> None:
        if self._interview is None:
            return
        if self._save(referrals=True):
            self._say(f"Saved at {self._reflections.now():%H:%M}.")

    def action_finish(self) -> None:
        if self._interview is None:
            return
        if self._save(referrals=True, complete=True):
            self._finished()

    def _finished(self) -> None:
        who = self._reflections.person(self._interview) if self._interview is not None else ""
        sent = self._reflection is not None and self._reflection.thanked is not None
        thanks = "" if sent else " Home will remind you of the thank-you."
        went = f"talking with {who}" if who else "going"
        self.app.notify(
            user_plain(f"Your reflection is saved. Well done for {went}.{thanks}"),
            title="Done",
            markup=False,
        )
        self._close()

    def action_close(self) -> None:
        if self._interview is None or self._leaving:
            self._close()
            return
        if self._save(referrals=True):
            self._close()
            return
        self._leaving = True
        self._say("Something wasn't saved (see above). Esc again leaves without it.", error=True)

    def _close(self) -> None:
        self._done = True
        self._stop_idle()
        self.dismiss(None)

    def action_copy_note(self) -> None:
        if self._interview is None:
            return
        note = self._reflections.thank_you_note(self._interview_id)
        self.app.copy_to_clipboard(note)
        self.notify("Copied. Paste it into an e-mail or message, and change any words you like.", markup=False)


_FIELD_NAMES = {
    "learned": "what you learned",
    "surprised": "the surprise",
    "best_question": "the best question",
    "next_step": "next steps",
    "attraction_why": "why",
    "they_talked": "how much they talked",
    "enjoyment": "fun",
    "thank_by": "the thank-you",
    "thanked": "the thank-you",
}


def _index(value: int | None) -> int | None:
    return None if value is None else value - 1


def _scale(choice: int | None) -> int | None:
    return None if choice is None else choice + 1
