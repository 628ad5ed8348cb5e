"""Outreach: each call, e-mail or message, the answers, gentle follow-ups, and guesses set against reality.

Follow-ups, in one place: an ask still waiting for an answer comes due a number of business days
after it was sent (Monday to Friday; 7 unless changed in settings), or on the day chosen for it.
Only a person's latest ask counts, so logging anything new with that person, or an answer, clears
it. coach suggests one follow-up per ask: once the follow-up itself is logged and also goes
unanswered, it stops asking (mark it "no reply" and move on).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TypeVar

from coach.errors import ValidationError
from coach.models import Channel, Contact, Outreach, Response
from coach.services.ledger import Ledger, local_day
from coach.services.people import ContactDraft, PeopleService
from coach.store import Store
from coach.text import MAX_LINE, clean_text, is_decodable
from coach.values import value_type

T = TypeVar("T")

DEFAULT_FOLLOW_UP_DAYS = 7
FOLLOW_UP_CHOICES = (3, 5, 7, 10, 15)
"""The waits Outreach offers (work days); any of 1 to MAX_FOLLOW_UP_DAYS can be stored."""
FOLLOW_UP_SETTING = "follow_up_days"
"""The settings key for the number of business days before a follow-up comes due."""
MAX_FOLLOW_UP_DAYS = 60
SIGN_OFF_SETTING = "sign_off"
"""The settings key for the name messages are signed with."""
MAX_SIGN_OFF = 80


# --- words ---------------------------------------------------------------------------------------

_CHANNEL_WORDS: dict[str, Channel] = {}
for _channel in Channel:
    _CHANNEL_WORDS[_channel.value] = _channel
    _CHANNEL_WORDS[_channel.label] = _channel
_CHANNEL_WORDS.update(
    {
        "mail": Channel.EMAIL,
        "phone": Channel.CALL,
        "sms": Channel.TEXT,
        "dm": Channel.MESSAGE,
        "inperson": Channel.IN_PERSON,
    }
)
_RESPONSE_WORDS: dict[str, Response] = {}
for _response in Response:
    _RESPONSE_WORDS[_response.value] = _response
    _RESPONSE_WORDS[_response.label] = _response
_RESPONSE_WORDS.update({"no reply": Response.NO_REPLY, "noreply": Response.NO_REPLY, "none": Response.NO_REPLY})
_PERCENT = r"^\s*(\d{1,3})\s*%?\s*$"
"""Compiled when first used (by `re`), as `_SLOT`."""


def _key(value: str) -> str:
    return " ".join(value.strip().casefold().replace("_", "-").split())


def parse_channel(value: str | Channel) -> Channel:
    """A channel from its value ("in-person") or label ("in person", "e-mail")."""
    if isinstance(value, Channel):
        return value
    found = _CHANNEL_WORDS.get(_key(value)) or _CHANNEL_WORDS.get(_key(value).replace(" ", "-"))
    if found is None:
        choices = ", ".join(c.value for c in Channel)
        raise ValidationError(f'"{clean_text(value)[:40]}" isn\'t a way coach logs; use one of {choices}.')
    return found


def parse_response(value: str | Response) -> Response:
    """An answer from its value ("no-reply") or label ("no reply", "said yes")."""
    if isinstance(value, Response):
        return value
    found = _RESPONSE_WORDS.get(_key(value)) or _RESPONSE_WORDS.get(_key(value).replace(" ", "-"))
    if found is None:
        choices = ", ".join(r.value for r in Response)
        raise ValidationError(f'"{clean_text(value)[:40]}" isn\'t an answer coach knows; use one of {choices}.')
    return found


def parse_guess(value: str) -> int | None:
    """A guess typed as "30" or "30 %"; empty means no guess. Refuses anything outside 0-100."""
    if not value.strip():
        return None
    match = re.match(_PERCENT, value)
    if match is None:
        raise ValidationError("A guess is a whole number from 0 to 100, such as 30, or nothing at all.")
    return check_guess(int(match.group(1)))


def check_guess(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError(f"A guess goes from 0 to 100 %; {value!r} is outside that.")
    return value


# --- business days -------------------------------------------------------------------------------


def add_business_days(day: date, count: int) -> date:
    """The business day (Monday-Friday) `count` business days after `day` (`day` itself never counts).

    The same answer as the `count`-th occurrence of dateutil's rrule(DAILY, byweekday=MO..FR) after
    `day` (tests check it), in constant time: follow-ups are worked out for every waiting person.
    """
    if count <= 0:
        return day
    weekday = day.weekday()
    if weekday >= 5:  # from a weekend, Friday is where the count starts
        day -= timedelta(days=weekday - 4)
        weekday = 4
    weeks, rest = divmod(count, 5)
    extra = rest + (2 if weekday + rest >= 5 else 0)
    return day + timedelta(days=7 * weeks + extra)


def business_days_between(first: date, last: date) -> int:
    """Business days after `first` up to and including `last` (0 if `last` is not after `first`)."""
    if last <= first:
        return 0
    days = (last - first).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (first.weekday() + offset) % 7 < 5:
            count += 1
    return count


# --- results -------------------------------------------------------------------------------------


@value_type
class LogResult:
    outreach: Outreach
    contact: Contact
    new_contact: bool
    """True when the name was new and a contact was made for it."""


@value_type
class FollowUp:
    """A person waiting for a gentle follow-up."""

    contact: Contact
    outreach: Outreach
    """The ask that is still waiting."""
    due: date
    waited: int
    """Business days since it was sent."""


@value_type
class OutreachPage:
    total: int
    offset: int
    items: tuple[Outreach, ...]


@value_type
class Prediction:
    """Guesses before sending, against the answers that came."""

    answered: int
    """Asks with an answer (yes, no or no reply)."""
    yes: int
    guessed: int
    """Answered asks that had a guess."""
    guessed_yes: int
    expected: float | None
    """The average guess of those, in %."""

    @property
    def text(self) -> str:
        """ "You expected 30 %; 9 of 11 said yes." (or without the guess, or "" before any answer)."""
        if self.guessed:
            return f"You expected {round(self.expected or 0)} %; {self.guessed_yes} of {self.guessed} said yes."
        if self.answered:
            return f"{self.yes} of {self.answered} said yes."
        return ""


@value_type
class MessageTemplate:
    key: str
    title: str
    text: str
    """With {name}, {learn}, {referrer} and {me} where the details go."""


@value_type
class Message:
    text: str
    words: int

    @property
    def length_note(self) -> str:
        return f"{self.words} words" + (
            "; short asks get answers" if self.words <= 120 else "; shorter gets more answers"
        )


@functools.cache
def templates() -> tuple[MessageTemplate, ...]:
    """The message helper's templates, in coach's own words (made on first use)."""
    return (
        MessageTemplate(
            "first-ask",
            "First ask",
            "Hi {name},\n\n"
            "I'm finding out about {learn}, and I'd love to hear how it looks from where you are. "
            "Could I buy you a coffee, or have 20 minutes of your time on a call, sometime in the next "
            "couple of weeks? Whatever suits you is fine.\n\n"
            "Thank you,\n{me}",
        ),
        MessageTemplate(
            "referral",
            "Referral ask",
            "Hi {name},\n\n"
            "{referrer} suggested I talk to you. I'm learning about {learn}, and they thought you'd be "
            "a good person to ask. Would you have 20 minutes for a call or a coffee in the next few weeks?\n\n"
            "Many thanks,\n{me}",
        ),
        MessageTemplate(
            "follow-up",
            "Follow-up",
            "Hi {name},\n\n"
            "I'm bringing my earlier note back to the top, since inboxes get busy. If 20 minutes to talk "
            "about {learn} would work at some point, I'd be grateful; and if not, no problem at all.\n\n"
            "Best wishes,\n{me}",
        ),
    )


_SLOT = r"\{(name|learn|referrer|me)\}"


def fill_template(
    template: MessageTemplate, *, name: str, learn: str = "", referrer: str = "", me: str = ""
) -> Message:
    """The template with the details put in literally (in one pass, so braces in them stay as typed)."""
    values = {
        "name": clean_text(name).strip() or "there",
        "learn": clean_text(learn).strip() or "your line of work",
        "referrer": clean_text(referrer).strip() or "A friend",
        "me": clean_text(me).strip(),
    }
    text = re.sub(_SLOT, lambda match: values[match.group(1)], template.text).rstrip()
    return Message(text=text, words=len(text.split()))


# --- the service ---------------------------------------------------------------------------------


def _follow_up_order(item: FollowUp) -> tuple[date, datetime, int]:
    return (item.due, item.outreach.sent, item.contact.id)


def _tally(items: list[Outreach]) -> tuple[int, int, int, int, int]:
    """One person's (answered, yes, guessed, guessed yes, sum of guesses)."""
    answered = yes = guessed = guessed_yes = total = 0
    for item in items:
        if item.response is Response.WAITING:
            continue
        answered += 1
        said_yes = item.response is Response.YES
        yes += said_yes
        if item.guess is not None:
            guessed += 1
            guessed_yes += said_yes
            total += item.guess
    return (answered, yes, guessed, guessed_yes, total)


def predict(items: Iterable[Outreach]) -> Prediction:
    """Guesses against answers over `items` (any outreach records): the figures `prediction()` keeps
    up to date, worked out once (for the Fear Monger's reality check)."""
    answered, yes, guessed, guessed_yes, total = _tally(list(items))
    return Prediction(answered, yes, guessed, guessed_yes, total / guessed if guessed else None)


class OutreachService:
    """Log attempts and answers, see follow-ups due, and set guesses against what happened."""

    def __init__(self, store: Store, ledger: Ledger | None = None, people: PeopleService | None = None) -> None:
        self._store = store
        self._ledger = ledger if ledger is not None else Ledger(store)
        self._people = people if people is not None else PeopleService(store, self._ledger)
        self._due: tuple[int, int, dict[int, tuple[date, Outreach]]] | None = None
        """(ledger version, business days, each waiting person's due day and ask)."""
        self._due_result: tuple[tuple[int, int, date, int], tuple[FollowUp, ...]] | None = None
        self._prediction: tuple[int, Prediction, dict[int, tuple[int, int, int, int, int]]] | None = None
        """(ledger version, the figures, each person's share of them)."""

    def now(self) -> datetime:
        return self._store.clock()

    def _day(self, moment: datetime) -> date:
        return local_day(moment, self._store.clock().tzinfo)

    # reading

    def get(self, outreach_id: int) -> Outreach:
        return self._store.get(Outreach, outreach_id)

    def entries(self, contact_id: int | None = None, *, offset: int = 0, limit: int = 200) -> OutreachPage:
        """A window of the log, newest first (one person's, if `contact_id` is given)."""
        index = self._ledger.index()
        items = index.log if contact_id is None else index.by_contact.get(contact_id, [])
        end = max(0, len(items) - offset)
        window = items[max(0, end - max(0, limit)) : end]
        return OutreachPage(len(items), offset, tuple(reversed(window)))

    def latest_open(self, contact_id: int) -> Outreach | None:
        """The person's latest ask still waiting for an answer, if any."""
        for item in reversed(self._ledger.index().by_contact.get(contact_id, [])):
            if item.response is Response.WAITING:
                return item
        return None

    # writing

    def _check_when(self, when: datetime | None) -> datetime:
        now = self.now()
        if when is None:
            return now
        if when.tzinfo is None:
            when = when.replace(tzinfo=now.tzinfo)
        if self._day(when) > self._day(now):
            raise ValidationError("That date is in the future; log a message once it's sent.")
        from coach.dates import CLOCK_SLACK  # here: a command logging "now" needn't load the date parser

        if when > now + CLOCK_SLACK:
            raise ValidationError(f"{when:%H:%M} today is still ahead; log a message once it's sent.")
        return when

    @staticmethod
    def _note(note: str) -> str:
        if not is_decodable(note):
            raise ValidationError("Part of the note isn't readable text (bytes that aren't UTF-8); nothing was saved.")
        text = clean_text(note, multiline=True).strip()
        if len(text) > MAX_LINE:
            raise ValidationError(f"A note can hold up to {MAX_LINE:,} characters; that is {len(text):,}.")
        return text

    def log(
        self,
        person: int | str,
        channel: Channel | str,
        *,
        when: datetime | None = None,
        note: str = "",
        guess: int | None = None,
        response: Response | str = Response.WAITING,
        follow_up: date | None = None,
        new: bool = False,
    ) -> LogResult:
        """Log one attempt to reach `person` (an id, or a name: a new name makes a contact; with `new`, the
        name always makes a new contact, even if someone on the list has it).

        Everything is checked before anything is saved: an unknown channel or answer, a guess outside
        0-100, a date in the future or an empty name is a ValidationError and nothing is stored. A name
        that is no one's but is spelled close to someone's is an UnsureNameError (never a guess).
        """
        channel = parse_channel(channel)
        response = parse_response(response)
        guess = check_guess(guess)
        sent = self._check_when(when)
        text = self._note(note)
        contact: Contact | None
        draft: Contact | None = None
        if isinstance(person, int):
            contact = self._people.get(person)
        else:
            contact = None if new else self._people.find(person)
            if contact is None:
                draft = self._people.check(ContactDraft(person))
                if not new:
                    self._people.check_new_name(person)
        if follow_up is not None and follow_up < self._day(sent):
            raise ValidationError("A follow-up day comes after the day the message was sent.")
        new_contact = contact is None
        with self._store.transaction():  # a new person and the message to them: one save, or none
            if contact is None:
                assert draft is not None
                contact = self._people.add(ContactDraft.of(draft))
            record = Outreach(
                contact_id=contact.id,
                channel=channel,
                sent=sent,
                note=text,
                response=response,
                answered=sent if response is not Response.WAITING else None,
                guess=guess,
                follow_up=follow_up,
            )
            saved = self._store.add(record)
        return LogResult(saved, contact, new_contact)

    def answer(self, person: int | str, response: Response | str, *, when: datetime | None = None) -> Outreach:
        """Record the answer on the person's latest ask still waiting. ValidationError if none is waiting."""
        response = parse_response(response)
        if response is Response.WAITING:
            raise ValidationError("An answer is yes, no or no-reply.")
        moment = self._check_when(when)
        contact = self._people.get(person) if isinstance(person, int) else self._people.resolve(person)
        open_ask = self.latest_open(contact.id)
        if open_ask is None:
            raise ValidationError(f"Nothing sent to {contact.name} is waiting for an answer; log the ask first.")
        return self.set_response(open_ask.id, response, when=moment, seen=open_ask)

    def set_response(
        self, outreach_id: int, response: Response | str, *, when: datetime | None = None, seen: Outreach | None = None
    ) -> Outreach:
        """Set the answer of one logged attempt (back to waiting clears the answer time)."""
        response = parse_response(response)
        current = self.get(outreach_id)
        moment = self._check_when(when)
        changed = replace(current, response=response, answered=None if response is Response.WAITING else moment)
        return self._replace(current, changed, seen)

    def edit(
        self,
        outreach_id: int,
        *,
        channel: Channel | str | None = None,
        when: datetime | None = None,
        note: str | None = None,
        guess: int | str | None = "",
        follow_up: date | str | None = "",
        seen: Outreach | None = None,
    ) -> Outreach:
        """Change a logged attempt (arguments left out stay as they are; "" for guess/follow_up means unchanged)."""
        current = self.get(outreach_id)
        changed = current
        if channel is not None:
            changed = replace(changed, channel=parse_channel(channel))
        if when is not None:
            changed = replace(changed, sent=self._check_when(when))
        if note is not None:
            changed = replace(changed, note=self._note(note))
        if guess != "":
            changed = replace(changed, guess=check_guess(guess if not isinstance(guess, str) else parse_guess(guess)))
        if follow_up != "":
            if isinstance(follow_up, str):
                raise ValidationError("Give the follow-up day as a date.")
            changed = replace(changed, follow_up=follow_up)
        return self._replace(current, changed, seen)

    def _replace(self, current: Outreach, changed: Outreach, seen: Outreach | None) -> Outreach:
        return self._store.update(changed, base=seen or current)

    def delete(self, outreach_id: int, *, seen: Outreach | None = None) -> None:
        """Remove an entry from the log. With `seen` (the entry as shown), ConflictError if it was
        changed elsewhere meanwhile; `seen=error.current` removes it anyway."""
        self.get(outreach_id)
        self._store.delete(Outreach, outreach_id, base=seen)

    # follow-ups

    def follow_up_days(self) -> int:
        """Business days an ask waits before a follow-up comes due (settings; 7 unless changed)."""
        value = self._store.setting(FOLLOW_UP_SETTING, DEFAULT_FOLLOW_UP_DAYS)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_FOLLOW_UP_DAYS:
            return DEFAULT_FOLLOW_UP_DAYS
        return value

    def set_follow_up_days(self, days: int) -> None:
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_FOLLOW_UP_DAYS:
            raise ValidationError(
                f"Follow-ups come due after 1 to {MAX_FOLLOW_UP_DAYS} business days; {days!r} is outside that."
            )
        self._store.set_setting(FOLLOW_UP_SETTING, days)

    def due_on(self, outreach: Outreach) -> date:
        """The day a follow-up on `outreach` comes due (if it is still waiting then)."""
        if outreach.follow_up is not None:
            return outreach.follow_up
        return add_business_days(self._day(outreach.sent), self.follow_up_days())

    def _due_entry(self, items: list[Outreach], days: int, zone: tzinfo | None) -> tuple[date, Outreach] | None:
        if not items:
            return None
        latest = items[-1]
        if latest.response is not Response.WAITING:
            return None
        if latest.follow_up is None and len(items) > 1 and items[-2].response is Response.WAITING:
            return None  # this one is the follow-up already
        due = latest.follow_up or add_business_days(local_day(latest.sent, zone), days)
        return (due, latest)

    def follow_ups(self, day: date | None = None) -> tuple[FollowUp, ...]:
        """Asks due for a follow-up on `day` (default today) or earlier, the longest waiting first."""
        now = self.now()
        day = day or now.date()
        zone = now.tzinfo  # the clock is asked once, not for each of a thousand people
        index = self._ledger.index()
        version = self._ledger.version
        days = self.follow_up_days()
        people_version, people = self._people.directory()
        key = (version, days, day, people_version)
        cached = self._due_result
        if cached is not None and cached[0] == key:
            return cached[1]
        due = self._due
        touched = self._ledger.touched_since(due[0]) if due is not None and due[1] == days else None
        if due is None or touched is None:
            entries: dict[int, tuple[date, Outreach]] = {}
            for contact_id, items in index.by_contact.items():
                entry = self._due_entry(items, days, zone)
                if entry is not None:
                    entries[contact_id] = entry
        else:
            entries = due[2]
            for contact_id in touched:
                entries.pop(contact_id, None)
                entry = self._due_entry(index.by_contact.get(contact_id, []), days, zone)
                if entry is not None:
                    entries[contact_id] = entry
        self._due = (version, days, entries)

        def follow_up(contact_id: int) -> FollowUp | None:
            entry = entries.get(contact_id)
            contact = people.get(contact_id)
            if entry is None or entry[0] > day or contact is None:  # not due, or someone removed
                return None
            due_day, outreach = entry
            return FollowUp(contact, outreach, due_day, business_days_between(local_day(outreach.sent, zone), day))

        previous = self._due_result
        if (
            previous is not None
            and due is not None
            and touched is not None
            and previous[0][1:] == key[1:]
            and previous[0][0] == due[0]
        ):
            # Only a few people changed since the last answer: patch it instead of building every row again.
            found = [item for item in previous[1] if item.contact.id not in touched]
            for contact_id in touched:
                item = follow_up(contact_id)
                if item is not None:
                    bisect.insort(found, item, key=_follow_up_order)
        else:
            found = [item for item in map(follow_up, entries) if item is not None]
            found.sort(key=_follow_up_order)
        result = tuple(found)
        self._due_result = (key, result)
        return result

    # guesses against answers

    def prediction(self) -> Prediction:
        """How likely a yes felt before sending, against how many said yes (answered asks only)."""
        index = self._ledger.index()
        version = self._ledger.version
        cached = self._prediction
        if cached is not None and cached[0] == version:
            return cached[1]
        touched = self._ledger.touched_since(cached[0]) if cached is not None else None
        if cached is None or touched is None:
            parts = {contact_id: _tally(items) for contact_id, items in index.by_contact.items()}
        else:
            parts = cached[2]
            for contact_id in touched:
                parts[contact_id] = _tally(index.by_contact.get(contact_id, []))
        answered = yes = guessed = guessed_yes = total_guess = 0
        for part in parts.values():
            answered += part[0]
            yes += part[1]
            guessed += part[2]
            guessed_yes += part[3]
            total_guess += part[4]
        result = Prediction(answered, yes, guessed, guessed_yes, total_guess / guessed if guessed else None)
        self._prediction = (version, result, parts)
        return result

    # message helper

    @staticmethod
    def templates() -> tuple[MessageTemplate, ...]:
        return templates()

    def fill(self, key: str, *, name: str, learn: str = "", referrer: str = "", me: str | None = None) -> Message:
        """The template `key` ("first-ask", "referral", "follow-up") filled in, signed `me` (default: the
        saved sign-off); ValidationError for another key."""
        for template in templates():
            if template.key == key:
                signed = self.sign_off() if me is None else me
                return fill_template(template, name=name, learn=learn, referrer=referrer, me=signed)
        raise ValidationError(f'There is no message template "{clean_text(key)[:40]}".')

    def sign_off(self) -> str:
        """The name the person signs messages with ("" until they give one)."""
        value = self._store.setting(SIGN_OFF_SETTING, "")
        return clean_text(value).strip() if isinstance(value, str) else ""

    def set_sign_off(self, name: str) -> str:
        """Remember the name to sign messages with (one line, up to 80 characters); returns it as saved."""
        text = " ".join(clean_text(name).split())
        if len(text) > MAX_SIGN_OFF:
            raise ValidationError(f"A sign-off can be up to {MAX_SIGN_OFF} characters; that is {len(text):,}.")
        if text != self.sign_off():
            self._store.set_setting(SIGN_OFF_SETTING, text)
        return text
