"""People: everyone you might talk to, from safe and warm to cold, who led to whom, and where each one stands.

A person's status is never typed: it comes from the outreach log and the interviews held.
Search and the list work from memory (a folded copy of every contact, made once per store
generation and patched after saves made here), and hand back a window of rows, never all of them.
"""

from __future__ import annotations

import bisect
import enum
import re
import unicodedata
from dataclasses import replace
from typing import TypeVar

from coach.errors import NotFoundError, ValidationError
from coach.models import Career, Contact, Interview, InterviewStatus, Response, Warmth
from coach.services.ledger import Ledger, LedgerIndex, changed_records
from coach.store import Store
from coach.text import MAX_LINE, clean_text, is_decodable, require_text
from coach.values import value_type

T = TypeVar("T")

MAX_NAME = 200
MAX_FIELD = 300
MAX_URL = 2000
SEARCH_LIMIT = 200
"""The most rows a search hands back at once; a screen asks for the next window as it scrolls."""


class PersonStatus(enum.StrEnum):
    """Where a person stands, derived from the log."""

    NOT_ASKED = "not-asked"
    WAITING = "waiting"
    SAID_YES = "said-yes"
    MET = "met"
    DECLINED = "declined"
    NO_REPLY = "no-reply"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


class AmbiguousNameError(ValidationError):
    """A name that fits more than one person; `candidates` are the people it could mean."""

    def __init__(self, message: str, candidates: tuple[Contact, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


class UnsureNameError(AmbiguousNameError):
    """A name that is on no one's list entry but is spelled close to some: a new person, or a slip?
    `candidates` are the close names; nothing is guessed."""


_NUMBER = re.compile(r"#(\d{1,9})")
_NUMBER_LIKE = re.compile(r"#\s*[-+]?\d+")
"""A name that looks like a person's number ("#3", "# 3"): refused, so "#3" always means number 3."""
_DIGITS = re.compile(r"\d+")


def tidy_name(name: str) -> str:
    """A name as typed, control characters gone and runs of spaces made one ("  Amy   Lee " -> "Amy Lee")."""
    return " ".join(clean_text(name).split())


def _or(contacts: list[Contact]) -> str:
    """ "Dan", "Dan or Dana", "Dan, Dana or Dani": names as a sentence offers them."""
    names = [
        f"{clean_text(c.name)} (#{c.id})" if sum(d.name == c.name for d in contacts) > 1 else clean_text(c.name)
        for c in contacts
    ]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


@value_type
class ContactDraft:
    """A contact as typed in a form, before it is checked and saved."""

    name: str
    warmth: Warmth | str = Warmth.WARM
    how_known: str = ""
    referred_by: int | None = None
    company: str = ""
    role: str = ""
    career_id: int | None = None
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    notes: str = ""

    @classmethod
    def of(cls, contact: Contact) -> ContactDraft:
        return cls(
            name=contact.name,
            warmth=contact.warmth,
            how_known=contact.how_known,
            referred_by=contact.referred_by,
            company=contact.company,
            role=contact.role,
            career_id=contact.career_id,
            email=contact.email,
            phone=contact.phone,
            profile_url=contact.profile_url,
            notes=contact.notes,
        )


@value_type
class PeoplePage:
    """One window of a search or of the list."""

    total: int
    """How many people match in all."""
    offset: int
    contacts: tuple[Contact, ...]


@value_type
class ReferralNode:
    """A person in the referral tree, with the people they led to."""

    contact: Contact
    children: tuple[ReferralNode, ...]
    count: int
    """Everyone below this person (children, their children, ...)."""


def fold(text: str) -> str:
    """`text` for matching: accents dropped, case folded."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


_WARMTH_WORDS: dict[str, Warmth] = {warmth.value: warmth for warmth in Warmth}
_WARMTH_WORDS.update({"safe": Warmth.CLOSE, "friend": Warmth.CLOSE, "family": Warmth.CLOSE, "stranger": Warmth.COLD})


def parse_warmth(value: str | Warmth) -> Warmth:
    """A rung of the ladder from its value ("close") or a word for it ("friend", "stranger")."""
    if isinstance(value, Warmth):
        return value
    found = _WARMTH_WORDS.get(value.strip().casefold())
    if found is None:
        choices = ", ".join(w.value for w in Warmth)
        raise ValidationError(f'"{clean_text(value)[:40]}" isn\'t a rung coach knows; use one of {choices}.')
    return found


def sort_key(contact: Contact) -> tuple[int, str, int]:
    """Start safe: by rung (close first), then name, then id."""
    return (contact.warmth.rung, fold(contact.name), contact.id)


_EMAIL = r"^[^@\s]+@[^@\s]+$"
"""Compiled when first used (by `re`), not by every command that imports the module."""


class _Row:
    __slots__ = ("_text", "contact", "key", "name")

    def __init__(self, key: tuple[int, str, int], contact: Contact, name: str) -> None:
        self.key = key
        self.contact = contact
        self.name = name
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The folded name, company, role, how-known and notes, one per line (a search word never spans
        two). Folded on the first search that needs it: a command that only looks names up never does."""
        text = self._text
        if text is None:
            contact = self.contact
            rest = "\n".join((contact.company, contact.role, contact.how_known, contact.notes))
            text = self._text = f"{self.name}\n{fold(rest)}"
        return text


class _Index:
    __slots__ = ("_rows", "by_id", "generation", "version")

    def __init__(self, generation: int, by_id: dict[int, Contact] | None = None, version: int = 0) -> None:
        self.generation = generation
        """The store generation it was last brought up to."""
        self.by_id = by_id if by_id is not None else {}
        self.version = version
        """Grows whenever a contact was added, changed or removed."""
        self._rows: list[_Row] | None = None

    @property
    def rows(self) -> list[_Row]:
        """Everyone, sorted by `sort_key`: made when first asked for (a list or a search), not by a command
        that only looks people up by id (`coach today`: folding and sorting every name was a tenth of it)."""
        rows = self._rows
        if rows is None:
            rows = self._rows = sorted(map(_row, self.by_id.values()), key=lambda row: row.key)
        return rows

    def insert(self, contact: Contact) -> None:
        if self._rows is not None:
            bisect.insort(self._rows, _row(contact), key=lambda item: item.key)
        self.by_id[contact.id] = contact

    def remove(self, contact_id: int) -> None:
        old = self.by_id.pop(contact_id, None)
        rows = self._rows
        if old is not None and rows is not None:
            key = sort_key(old)
            at = bisect.bisect_left(rows, key, key=lambda item: item.key)
            if at < len(rows) and rows[at].contact.id == contact_id:
                del rows[at]
            else:  # pragma: no cover - the key changed under us; fall back to a scan
                self._rows = [row for row in rows if row.contact.id != contact_id]


def _row(contact: Contact) -> _Row:
    name = fold(contact.name)
    return _Row((contact.warmth.rung, name, contact.id), contact, name)


class PeopleService:
    """Add, change and find people; their status from the log; whom to ask next; who led to whom."""

    def __init__(self, store: Store, ledger: Ledger | None = None) -> None:
        self._store = store
        self._ledger = ledger if ledger is not None else Ledger(store)
        self._index: _Index | None = None
        self._snapshot: list[Contact] = []
        self._last_search: tuple[int, str, list[_Row]] | None = None
        self._name_list: tuple[int, list[tuple[str, Contact]]] | None = None
        """(people version, folded query, the rows it matched): the next keystroke filters these."""
        """The store's contacts when the index was last brought up to date (compared by identity)."""
        self._statuses: tuple[int, dict[int, PersonStatus]] | None = None
        """(ledger version, status of everyone asked or met)."""

    # the in-memory list

    def _people(self) -> _Index:
        """The sorted, folded list of everyone, brought up to date by what changed in the store."""
        self._store.reload_if_changed(thorough=False)  # one stat while nothing changed
        index = self._index
        generation = self._store.generation
        if index is not None and index.generation == generation:
            return index
        contacts = self._store.all(Contact)
        generation = self._store.generation
        changed = None if index is None else changed_records(self._snapshot, contacts)
        if index is None or changed is None:
            version = 0 if index is None else index.version + 1
            index = self._index = _Index(generation, {c.id: c for c in contacts}, version)
        else:
            removed, added = changed
            for contact in removed:
                index.remove(contact.id)
            for contact in added:
                index.insert(contact)
            index.generation = generation
            if removed or added:
                index.version += 1
        self._snapshot = contacts
        return index

    # reading

    @property
    def version(self) -> int:
        """Grows whenever someone was added, changed or removed (here or in the file)."""
        return self._people().version

    def directory(self) -> tuple[int, dict[int, Contact]]:
        """(version, everyone by id) as of now. Read-only: it is the service's own index."""
        index = self._people()
        return index.version, index.by_id

    def count(self) -> int:
        return self._store.count(Contact)

    def get(self, contact_id: int) -> Contact:
        """The person with `contact_id`; NotFoundError if there is none."""
        contact = self._people().by_id.get(contact_id)
        if contact is None:
            raise NotFoundError(f"There is no contact #{contact_id}.")
        return contact

    def name_of(self, contact_id: int | None) -> str:
        """The person's name, or "someone removed" for a link to a deleted contact."""
        if contact_id is None:
            return ""
        contact = self._people().by_id.get(contact_id)
        return contact.name if contact is not None else "someone removed"

    def contacts(self, offset: int = 0, limit: int = SEARCH_LIMIT) -> PeoplePage:
        """A window of everyone, sorted by warmth (close first) then name."""
        return self.search("", offset=offset, limit=limit)

    def search(self, query: str, *, offset: int = 0, limit: int = SEARCH_LIMIT) -> PeoplePage:
        """People whose name, company, role, how-known or notes hold every word of `query` (accents and case
        ignored), name matches first, each group by warmth then name; a window of `limit` from `offset`."""
        index = self._people()
        rows = index.rows
        terms = fold(clean_text(query)).split()
        if not terms:
            window = rows[offset : offset + limit]
            return PeoplePage(len(rows), offset, tuple(row.contact for row in window))
        folded = " ".join(terms)
        last = self._last_search
        # Typing on: every row that matches the longer query matched the shorter one, so only those are looked at.
        typing_on = last is not None and last[0] == index.version and folded.startswith(last[1])
        candidates = last[2] if last is not None and typing_on else rows
        for term in terms:
            candidates = [row for row in candidates if term in row.text]
        self._last_search = (index.version, folded, candidates)
        by_name: list[Contact] = []
        elsewhere: list[Contact] = []
        for row in candidates:
            if all(term in row.name for term in terms):
                by_name.append(row.contact)
            else:
                elsewhere.append(row.contact)
        total = len(by_name) + len(elsewhere)
        return PeoplePage(total, offset, tuple((by_name + elsewhere)[offset : offset + limit]))

    def statuses(self) -> dict[int, PersonStatus]:
        """Each person's status by id (people never asked are absent: NOT_ASKED)."""
        index = self._ledger.index()
        cached = self._statuses
        if cached is not None and cached[0] == self._ledger.version:
            return cached[1]
        touched = self._ledger.touched_since(cached[0]) if cached is not None else None
        if cached is None or touched is None:
            result: dict[int, PersonStatus] = {}
            for contact_id in (*index.by_contact, *index.met):
                _set_status(result, index, contact_id)
        else:
            result = dict(cached[1])
            for contact_id in touched:
                _set_status(result, index, contact_id)
        self._statuses = (self._ledger.version, result)
        return result

    def status(self, contact_id: int) -> PersonStatus:
        """not asked / waiting / said yes / met / declined / no reply, from the log and the interviews."""
        return self.statuses().get(contact_id, PersonStatus.NOT_ASKED)

    def suggestions(self, limit: int = 3) -> list[Contact]:
        """Whom to ask next: people not asked yet and not already booked for a conversation, the warmest
        first (close, then warm, ...), then by name."""
        statuses = self.statuses()
        booked = {
            interview.contact_id
            for interview in self._store.all(Interview)
            if interview.status in (InterviewStatus.PLANNED, InterviewStatus.RESCHEDULED)
        }
        eligible = [c for c in self._people().by_id.values() if c.id not in statuses and c.id not in booked]
        # In `sort_key` order, as the sorted list would give them; names are folded only on the warmest rungs.
        import heapq  # here: `coach log` finds a person without ever suggesting one

        found: list[Contact] = []
        for rung in sorted({contact.warmth.rung for contact in eligible}):
            if len(found) >= limit:
                break
            group = [contact for contact in eligible if contact.warmth.rung == rung]
            found.extend(heapq.nsmallest(limit - len(found), group, key=sort_key))
        return found

    def referral_tree(self) -> tuple[ReferralNode, ...]:
        """Who led to whom: one tree per person who referred someone and was not referred by anyone on the list."""
        index = self._people()
        children: dict[int, list[Contact]] = {}
        for row in index.rows:  # sorted, so children come out warmest first
            parent = row.contact.referred_by
            if parent is not None and parent in index.by_id and parent != row.contact.id:
                children.setdefault(parent, []).append(row.contact)

        def node(contact: Contact, path: frozenset[int]) -> ReferralNode:
            below = tuple(
                node(child, path | {child.id}) for child in children.get(contact.id, ()) if child.id not in path
            )
            return ReferralNode(contact, below, sum(1 + item.count for item in below))

        roots: list[ReferralNode] = []
        for row in index.rows:
            contact = row.contact
            parent = contact.referred_by
            is_root = parent is None or parent not in index.by_id or parent == contact.id
            if is_root and contact.id in children:
                roots.append(node(contact, frozenset({contact.id})))
        return tuple(roots)

    def asks_to(self, contact_id: int) -> int:
        """How many entries of the Outreach log are to `contact_id`."""
        return len(self._ledger.index().by_contact.get(contact_id, ()))

    def referred_by_count(self, contact_id: int) -> int:
        """How many people `contact_id` introduced directly."""
        return sum(1 for row in self._people().rows if row.contact.referred_by == contact_id)

    # names

    def find(self, name: str) -> Contact | None:
        """The one person `name` means: their number ("#12"), else the exact name, else the same name ignoring
        case, accents and extra spaces, else a unique start of a name or of a word in it ("ana" for Ana Ruiz).
        None if no one fits (a close spelling is never taken for someone: see `close_names`);
        AmbiguousNameError listing them if several do; NotFoundError for a number no one has."""
        text = tidy_name(require_text(name, what="a name", limit=MAX_NAME))
        number = _NUMBER.fullmatch(text)
        if number is not None:
            try:
                return self._store.get(Contact, int(number.group(1)))
            except NotFoundError:
                raise NotFoundError(f"No one on your list has the number {text}.") from None
        # The exact name first, straight from the stored documents: a command naming someone exactly
        # needn't fold every name on the list, nor decode every contact (about 30 ms at 1,500 people).
        exact = sorted(
            (
                self._store.get(Contact, doc["id"])
                for doc in self._store.documents(Contact)
                if doc.get("name") == text and type(doc.get("id")) is int
            ),
            key=lambda contact: (contact.warmth.rung, fold(contact.name), contact.id),
        )
        if exact:
            return self._one(text, exact)
        rows = self._names()
        folded = fold(text)
        same = [contact for name_folded, contact in rows if name_folded == folded]
        if same:
            return self._one(text, same)
        word = f" {folded}"
        starts = [contact for name_folded, contact in rows if name_folded.startswith(folded) or word in name_folded]
        if starts:
            return self._one(text, starts)
        return None

    def close_names(self, name: str, limit: int = 3) -> list[Contact]:
        """People whose names are spelled close to `name` ("Dana" for Dan, "Jon Parker" for Jon Park), the
        closest first: what to ask about or suggest, never whom to pick."""
        folded = fold(tidy_name(name))
        if len(folded) < 3:
            return []
        # A ratio of 0.85 needs the shorter name to be at least 0.74 of the longer: skip the rest unscored.
        low, high = len(folded) * 0.73, len(folded) / 0.73
        letters = _DIGITS.sub("", folded)
        names: dict[str, list[Contact]] = {}
        for name_folded, contact in self._names():
            # Names apart only by their numbers ("Guest 1", "Guest 2") are different people, not slips.
            if low <= len(name_folded) <= high and _DIGITS.sub("", name_folded) != letters:
                names.setdefault(name_folded, []).append(contact)
        import difflib  # only for a name that matched no other way

        close = difflib.get_close_matches(folded, list(names), n=limit, cutoff=0.85)
        return [contact for match in close for contact in names[match]][:limit]

    def _names(self) -> list[tuple[str, Contact]]:
        """(folded name, contact) for everyone, warmest first: from the full index when it is up to date, else
        names only (a command that looks up one name needn't fold every note)."""
        self._store.reload_if_changed(thorough=False)
        generation = self._store.generation
        index = self._index
        if index is not None and index.generation == generation:
            return [(row.name, row.contact) for row in index.rows]
        cached = self._name_list
        if cached is not None and cached[0] == generation:
            return cached[1]
        contacts = self._store.all(Contact)
        names = [(fold(contact.name), contact) for contact in contacts]
        names.sort(key=lambda item: (item[1].warmth.rung, item[0], item[1].id))
        self._name_list = (self._store.generation, names)
        return names

    def resolve(self, name: str) -> Contact:
        """Like `find`, but someone unknown is an error too (NotFoundError)."""
        found = self.find(name)
        if found is None:
            close = self.close_names(name)
            maybe = f" Did you mean {_or(close)}?" if close else ""
            raise NotFoundError(f'There is no one called "{clean_text(name).strip()[:80]}" on your list yet.{maybe}')
        return found

    def namesakes(self, contact: Contact) -> list[Contact]:
        """The others on the list with `contact`'s name (ignoring case and accents), oldest first."""
        folded = fold(contact.name)
        return sorted((c for name, c in self._names() if name == folded and c.id != contact.id), key=lambda c: c.id)

    def check_new_name(self, name: str) -> None:
        """For a name `find` doesn't know, about to become a new person: UnsureNameError if it is spelled close
        to someone already on the list (a slip, or really someone new? the caller asks)."""
        close = self.close_names(name)
        if close:
            typed = tidy_name(name)[:80]
            raise UnsureNameError(
                f'"{typed}" isn\'t on your list, but {_or(close)} is. Is it someone new, or a slip of the keys?',
                tuple(close),
            )

    @staticmethod
    def _one(text: str, matches: list[Contact]) -> Contact:
        if len(matches) == 1:
            return matches[0]
        shown = ", ".join(f"{c.name} (#{c.id})" for c in matches[:5])
        more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
        if len({fold(c.name) for c in matches}) == 1:
            numbers = " or ".join(f'"#{c.id}"' for c in matches[:5])
            how = f"they share the name, so give the number instead ({numbers})"
        else:
            how = f'give the full name, or the number (such as "#{matches[0].id}"), so coach knows who you mean'
        raise AmbiguousNameError(f'"{text[:80]}" could be {shown}{more}; {how}.', tuple(matches))

    # the career options a person can be linked to

    def careers(self) -> list[Career]:
        """The career options on the board, in its order (rank, then title)."""
        self._store.reload_if_changed(thorough=False)
        return sorted(self._store.all(Career), key=lambda career: (career.rank, fold(career.title), career.id))

    def career_title(self, career_id: int | None) -> str:
        """The title of the option a person is linked to; "" for none, or for an option since removed."""
        if career_id is None:
            return ""
        try:
            return self._store.get(Career, career_id).title
        except NotFoundError:
            return ""

    def career_named(self, title: str) -> Career:
        """The option `title` means: the same title (case, accents and spacing aside), else the one title that
        starts with it. ValidationError naming the options on the board when none or several fit."""
        wanted = " ".join(fold(clean_text(title)).split())
        careers = self.careers()

        def folded(career: Career) -> str:
            return " ".join(fold(career.title).split())

        matches = [career for career in careers if folded(career) == wanted]
        if not matches and wanted:
            matches = [career for career in careers if folded(career).startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        typed = clean_text(title).strip()[:60]
        if not careers:
            raise ValidationError(f'There are no career options yet, so none is called "{typed}"; add one first.')
        shown = ", ".join(f'"{career.title}"' for career in careers[:10])
        more = f" and {len(careers) - 10} more" if len(careers) > 10 else ""
        if not matches:
            raise ValidationError(f'No career option is called "{typed}"; the options are {shown}{more}.')
        could = " or ".join(f'"{career.title}"' for career in matches[:5])
        raise ValidationError(f'"{typed}" could be {could}; give more of the title. The options are {shown}{more}.')

    # writing

    def check(self, draft: ContactDraft, *, contact_id: int | None = None) -> Contact:
        """The contact `draft` describes, cleaned and checked (ValidationError saying what to change; nothing saved)."""
        name = tidy_name(require_text(draft.name, what="a name", limit=MAX_NAME))
        if _NUMBER_LIKE.fullmatch(name):
            raise ValidationError(
                f'"{name}" looks like a person\'s number; coach keeps those for finding people. Type a name.'
            )
        warmth = parse_warmth(draft.warmth)
        referred_by = draft.referred_by
        if referred_by is not None:
            people = self._people().by_id
            if referred_by not in people:
                raise ValidationError(f"The person who introduced them (#{referred_by}) isn't on your list.")
            if contact_id is not None:
                seen = {contact_id}
                step: int | None = referred_by
                while step is not None and step in people:
                    if step in seen:
                        raise ValidationError("That would make a circle of introductions; choose someone else.")
                    seen.add(step)
                    step = people[step].referred_by
        if draft.career_id is not None:
            try:
                self._store.get(Career, draft.career_id)
            except NotFoundError:
                raise ValidationError(f"There is no career option #{draft.career_id} to link.") from None
        email = _field(draft.email, "the e-mail", MAX_FIELD)
        if email and not re.match(_EMAIL, email):
            raise ValidationError(f'"{email[:60]}" doesn\'t look like an e-mail address (name@example.org).')
        phone = _field(draft.phone, "the phone number", 60)
        if phone and not any(char.isdigit() for char in phone):
            raise ValidationError("A phone number needs some digits.")
        url = _field(draft.profile_url, "the profile link", MAX_URL)
        if url and any(char.isspace() for char in url):
            raise ValidationError("A profile link has no spaces; paste the whole address.")
        return Contact(
            name=name,
            warmth=warmth,
            how_known=_field(draft.how_known, "how you know them", MAX_FIELD),
            referred_by=referred_by,
            company=_field(draft.company, "the company", MAX_FIELD),
            role=_field(draft.role, "the role", MAX_FIELD),
            career_id=draft.career_id,
            email=email,
            phone=phone,
            profile_url=url,
            notes=_field(draft.notes, "the notes", MAX_LINE, multiline=True),
        )

    def add(self, draft: ContactDraft | str, **fields: object) -> Contact:
        """Save a new person (a draft, or a name and keyword fields of ContactDraft)."""
        if isinstance(draft, str):
            draft = ContactDraft(draft, **fields)  # type: ignore[arg-type]
        contact = self.check(draft)
        return self._store.add(contact)

    def edit(self, contact_id: int, draft: ContactDraft, *, seen: Contact | None = None) -> Contact:
        """Save changes to a person. With `seen` (the copy the form showed), a field changed elsewhere in the
        meantime raises ConflictError instead of being overwritten."""
        current = self.get(contact_id)
        checked = self.check(draft, contact_id=contact_id)
        changed = replace(
            current,
            **{name: getattr(checked, name) for name in ContactDraft.__match_args__},
        )
        return self._store.update(changed, base=seen or current)

    def delete(self, contact_id: int) -> None:
        """Remove a person. People they introduced stay (no longer linked); their logged outreach stays in the
        counts of the days it happened, shown as "someone removed"."""
        self.get(contact_id)
        for child in [row.contact for row in self._people().rows if row.contact.referred_by == contact_id]:
            self._unlink(child)
        self._store.delete(Contact, contact_id)

    def _unlink(self, child: Contact) -> None:
        self._store.update(replace(child, referred_by=None), base=child)


def _set_status(statuses: dict[int, PersonStatus], index: LedgerIndex, contact_id: int) -> None:
    items = index.by_contact.get(contact_id, ())
    if contact_id in index.met:
        statuses[contact_id] = PersonStatus.MET
    elif not items:
        statuses.pop(contact_id, None)
    elif any(item.response is Response.YES for item in items):
        statuses[contact_id] = PersonStatus.SAID_YES
    else:
        statuses[contact_id] = _STATUS_OF[items[-1].response]


_STATUS_OF = {
    Response.WAITING: PersonStatus.WAITING,
    Response.YES: PersonStatus.SAID_YES,
    Response.NO: PersonStatus.DECLINED,
    Response.NO_REPLY: PersonStatus.NO_REPLY,
}


def _field(value: str, what: str, limit: int, *, multiline: bool = False) -> str:
    if not is_decodable(value):
        raise ValidationError(f"Part of {what} isn't readable text (bytes that aren't UTF-8); nothing was saved.")
    text = clean_text(value, multiline=multiline).strip()
    if len(text) > limit:
        raise ValidationError(
            f"{what[0].upper()}{what[1:]} can hold up to {limit:,} characters; that is {len(text):,}."
        )
    return text
