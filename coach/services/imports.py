"""Bring people in from where they already are: a LinkedIn connections export or a vCard file.

Reading a file and saving what it holds are two steps. `ImportService.plan` reads the file, checks
each person as the People form would, and matches them against everyone already on the list; it
touches nothing, so `--dry-run` and the TUI's preview are the same call. `ImportService.apply`
saves the plan in one write (everyone new and every filled-in detail together, or nothing).

Matching, so that importing the same file twice changes nothing:

* the same e-mail address (case ignored), or the same profile link (scheme, `www.`, a trailing
  slash and the query ignored), is the same person;
* otherwise the same name (case, accents and spacing ignored) at the same company is; and when
  one side has no company, the same name is, if only one person on the list has it.

A match only fills fields that are empty on the list (an e-mail, a phone number, a role, ...):
nothing typed in coach is ever overwritten, and a person's rung stays where it is.

A file that isn't what it claims to be (another format, text that isn't UTF-8, a binary file)
raises ImportFileError before anything is read into the list. Never imports Textual.
"""

from __future__ import annotations

import codecs
import csv
import enum
import io
import quopri
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from coach.errors import CoachError, ConflictError, NotFoundError, ValidationError
from coach.models import Contact, Warmth
from coach.services.people import MAX_FIELD, MAX_NAME, MAX_URL, ContactDraft, PeopleService, fold
from coach.store import Store
from coach.text import MAX_LINE, clean_text
from coach.values import replace as replace_value

Progress = Callable[[int, int], None]
"""Called as (done, total) while a file is read (by `read`: rows or cards) and, by `ImportService.plan`,
while it is read and then checked (work units: show them as a share)."""

MAX_IMPORT_BYTES = 200 * 1024 * 1024
"""A bigger file is refused: no export of contacts is anywhere near this."""

PROGRESS_EVERY = 500
"""Rows or cards between two progress calls."""

FILLED_FIELDS = ("company", "role", "email", "phone", "profile_url", "notes", "how_known")
"""The fields a match may fill in when they are empty on the list (never the name or the rung)."""

FIELD_WORDS = {
    "company": "company",
    "role": "role",
    "email": "e-mail",
    "phone": "phone",
    "profile_url": "profile link",
    "notes": "notes",
    "how_known": "how you know them",
}


class ImportKind(enum.StrEnum):
    LINKEDIN = "linkedin"
    VCARD = "vcard"

    @property
    def label(self) -> str:
        return "LinkedIn connections (CSV)" if self is ImportKind.LINKEDIN else "contacts (vCard)"


class ImportFileError(CoachError):
    """The file can't be imported as it is (another format, not UTF-8, binary, unreadable); nothing changed."""


# --- reading ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """One person as read from the file, before any checks."""

    name: str
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    profile_url: str = ""
    notes: str = ""
    how_known: str = ""


@dataclass(slots=True)
class Reading:
    """What a file held: the people in it and what was passed over, with the reason."""

    found: list[Found] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    total: int = 0
    """Rows or cards read (found and skipped)."""


def decode(data: bytes, what: str) -> str:
    """The text of a file: UTF-8 (with or without a byte order mark), or UTF-16 with one.
    ImportFileError for a binary file or another encoding."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(f"That file is {len(data) / 1e6:,.0f} MB, far bigger than {what}; nothing was imported.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(f"That file says it is UTF-16 text but isn't readable as such ({what}).") from None
    head = data[:8192]
    if b"\x00" in head:
        raise ImportFileError(f"That looks like a binary file, not {what}; nothing was imported.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            f"That file isn't UTF-8 text, so coach can't read its names safely; save it as UTF-8 ({what}) "
            "and try again. Nothing was imported."
        ) from None


def read_file(path: Path) -> bytes:
    """The bytes of the file to import; ImportFileError naming it when it can't be read."""
    try:
        if path.is_dir():
            raise ImportFileError(f"{path} is a folder; give the file inside it to import.")
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFileError(f"{path} is {size / 1e6:,.0f} MB, far bigger than a contacts export; not imported.")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}; check the name and try again.") from None
    except OSError as error:
        raise ImportFileError(f"Couldn't read {path} ({error.strerror or type(error).__name__}).") from None


# LinkedIn: Connections.csv

_LINKEDIN_COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "e-mail address": "email",
    "email": "email",
    "company": "company",
    "position": "role",
    "connected on": "connected",
}
_LINKEDIN_WHAT = "a LinkedIn Connections.csv export"
HEADER_SEARCH = 50
"""Rows looked at for the header line (current exports put a few "Notes:" lines first)."""


def _header(cells: Sequence[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _LINKEDIN_COLUMNS.get(" ".join(cell.strip().strip("\ufeff").casefold().split()))
        if key is not None and key not in columns:
            columns[key] = index
    return columns if "first" in columns and "last" in columns else None


_DEFAULT_DAY = datetime(2000, 1, 1)
_CURRENT_DATE = re.compile(r"^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$")
"""Today's exports: "08 Jan 2024"."""
_OLD_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,? .*)?$")
"""Older exports: "1/8/18, 6:14 PM" (month first)."""
_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def _connected_day(text: str) -> date | None:
    """The day in the export's "Connected On" cell: the two formats LinkedIn writes read directly, anything
    else by dateutil (reading 15,000 cells with dateutil alone takes seconds)."""
    try:
        if match := _CURRENT_DATE.match(text):
            month = _MONTHS.get(match.group(2).casefold())
            if month is not None:
                return date(int(match.group(3)), month, int(match.group(1)))
        elif match := _OLD_DATE.match(text):
            year = int(match.group(3))
            return date(year + 2000 if year < 100 else year, int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None
    from dateutil import parser

    try:
        parsed: datetime = parser.parse(text, default=_DEFAULT_DAY)
    except (ValueError, OverflowError):
        return None
    return parsed.date()


def connected_words(value: str, cache: dict[str, str] | None = None) -> str:
    """ "connected on LinkedIn since 8 Jan 2018" from the export's date (any of its formats), or ""."""
    text = value.strip()
    if not text:
        return ""
    if cache is not None and text in cache:
        return cache[text]
    day = _connected_day(text)
    words = f"connected on LinkedIn since {day.day} {day:%b %Y}" if day is not None else ""
    if cache is not None:
        cache[text] = words
    return words


def read_linkedin(text: str, progress: Progress | None = None) -> Reading:
    """The people in a LinkedIn `Connections.csv`: the header found wherever it is, columns by name."""
    reading = Reading()
    if "BEGIN:VCARD" in text[:4096].upper():
        raise ImportFileError("That is a vCard file, not a LinkedIn export; use `coach import vcard` for it.")
    columns: dict[str, int] | None = None
    body: list[list[str]] = []
    try:
        # LinkedIn writes commas; a spreadsheet that saved it again may have used semicolons or tabs.
        for delimiter in (",", ";", "\t"):
            rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            for _ in range(HEADER_SEARCH):
                row = next(rows, None)
                if row is None:
                    break
                columns = _header(row)
                if columns is not None:
                    break
            if columns is not None:
                body = list(rows)
                break
    except csv.Error as error:
        raise ImportFileError(f"That file isn't a CSV coach can read ({error}); nothing was imported.") from None
    if columns is None:
        raise ImportFileError(
            "That doesn't look like a LinkedIn connections export: coach found no line with "
            '"First Name" and "Last Name" columns near the top. Nothing was imported.'
        )
    total = len(body)
    reading.total = total

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    days: dict[str, str] = {}
    for number, row in enumerate(body, 1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, total)
        if not any(value.strip() for value in row):
            reading.skipped["empty row"] += 1
            continue
        name = " ".join(f"{cell(row, 'first')} {cell(row, 'last')}".split())
        if not name:
            reading.skipped["row without a name"] += 1
            continue
        reading.found.append(
            Found(
                name=name,
                company=cell(row, "company"),
                role=cell(row, "role"),
                email=cell(row, "email"),
                profile_url=cell(row, "url"),
                how_known=connected_words(cell(row, "connected"), days),
            )
        )
    if progress is not None:
        progress(total, total)
    return reading


# vCard 2.1, 3.0 and 4.0

_VCARD_WHAT = "a vCard (.vcf) file"
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_SPACE = re.compile(r"\s")
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")


_PROPERTY = re.compile(r"^(?:[^.:;]*\.)?([^.:;]+)")
"""A content line's property name, after its group ("item1.EMAIL" -> EMAIL)."""
_WANTED = frozenset({"FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "ROLE", "NOTE", "URL", "X-SOCIALPROFILE"})


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda match: "\n" if match.group(1) in "nN" else match.group(1), value)


@dataclass(slots=True)
class _Line:
    name: str
    params: dict[str, list[str]]
    value: str

    def has(self, word: str) -> bool:
        """True when `word` (PREF, CELL, ...) is among the line's types, in any version's spelling."""
        word = word.casefold()
        for key, values in self.params.items():
            if key.casefold() == word:
                return True
            if key.casefold() == "type" and any(word in v.casefold().split(",") for v in values):
                return True
        return False


def _parse_line(line: str, number: int) -> _Line:
    from vobject.base import parseLine

    name, params, value, _group = parseLine(line, number)
    found: dict[str, list[str]] = {}
    for param in params:
        if not param:
            continue
        key = str(param[0]).upper()
        found.setdefault(key if len(param) > 1 else str(param[0]), []).extend(str(v) for v in param[1:])
    upper = {key.upper(): key for key in found}
    if "ENCODING" in upper and any(v.upper() in ("QUOTED-PRINTABLE", "QP") for v in found[upper["ENCODING"]]):
        charset = (found.get(upper.get("CHARSET", ""), ["utf-8"]) or ["utf-8"])[0]
        raw = quopri.decodestring(value.encode("ascii", "replace"))
        try:
            value = raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise ValueError("quoted-printable text in an unknown character set") from None
        value = value.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return _Line(str(name).upper(), found, value)


def _cards(text: str) -> Iterator[list[tuple[str, int]]]:
    """The logical lines of each card (folded and quoted-printable lines joined), BEGIN to END."""
    from vobject.base import getLogicalLines

    card: list[tuple[str, int]] | None = None
    depth = 0
    for line, number in getLogicalLines(io.StringIO(text), allowQP=True):
        head = line.strip().upper()
        if head == "BEGIN:VCARD":
            depth += 1
            if depth == 1:
                card = []
                continue
        elif head == "END:VCARD":
            depth -= 1
            if depth == 0 and card is not None:
                yield card
                card = None
                continue
            depth = max(depth, 0)
        if card is not None and depth == 1:
            card.append((line, number))


def _first(lines: list[_Line], *prefer: str) -> str:
    for word in prefer:
        for line in lines:
            if line.has(word) and line.value.strip():
                return line.value
    return next((line.value for line in lines if line.value.strip()), "")


def _card(lines: list[tuple[str, int]]) -> Found | None:
    """The person one card describes, None when it has no name. ValueError for a line that can't be read."""
    by_name: dict[str, list[_Line]] = {}
    for line, number in lines:
        wanted = _PROPERTY.match(line)
        if wanted is None or wanted.group(1).upper() not in _WANTED:
            continue  # a photo, a label, a birthday: not kept, so not parsed
        parsed = _parse_line(line, number)
        by_name.setdefault(parsed.name, []).append(parsed)

    def text(key: str, *prefer: str) -> str:
        return clean_text(_unescape(_first(by_name.get(key, []), *prefer))).strip()

    name = text("FN")
    if not name and "N" in by_name:
        parts = [_unescape(part).strip() for part in _UNESCAPED_SEMICOLON.split(by_name["N"][0].value)]
        family, given, additional, prefix, suffix = (parts + [""] * 5)[:5]
        name = " ".join(" ".join((prefix, given, additional, family, suffix)).split())
    name = clean_text(name).strip()
    if not name:
        return None
    org = ""
    if "ORG" in by_name:
        units = [_unescape(part).strip() for part in _UNESCAPED_SEMICOLON.split(by_name["ORG"][0].value)]
        org = ", ".join(unit for unit in units if unit)
    phone = text("TEL", "PREF", "CELL", "MOBILE")
    if phone.casefold().startswith("tel:"):
        phone = phone[4:]
    urls = [*by_name.get("URL", []), *by_name.get("X-SOCIALPROFILE", [])]
    url = next((line.value for line in urls if "linkedin." in line.value.casefold()), "") or _first(urls)
    notes = "\n".join(_unescape(line.value).strip() for line in by_name.get("NOTE", []) if line.value.strip())
    return Found(
        name=name,
        company=clean_text(org).strip(),
        role=text("TITLE") or text("ROLE"),
        email=text("EMAIL", "PREF"),
        phone=phone.strip(),
        profile_url=clean_text(_unescape(url)).strip(),
        notes=clean_text(notes, multiline=True).strip(),
    )


def read_vcards(text: str, progress: Progress | None = None) -> Reading:
    """The people in a vCard file (2.1, 3.0 or 4.0; several cards; folded and quoted-printable lines)."""
    if "BEGIN:VCARD" not in text.upper():
        hint = ""
        if "first name" in text[:4096].casefold():
            hint = " It looks like a LinkedIn export; use `coach import linkedin` for it."
        raise ImportFileError(f"That doesn't look like a vCard file: it has no BEGIN:VCARD line.{hint}")
    reading = Reading()
    try:
        cards = list(_cards(text))
    except Exception as error:  # vobject's reader on a file it can't split into lines
        raise ImportFileError(f"coach couldn't read that vCard file ({type(error).__name__}).") from None
    reading.total = len(cards)
    for number, lines in enumerate(cards, 1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, reading.total)
        try:
            found = _card(lines)
        except Exception:  # vobject's ParseError or a bad character set: that card only
            reading.skipped["card coach couldn't read"] += 1
            continue
        if found is None:
            reading.skipped["card without a name"] += 1
        else:
            reading.found.append(found)
    if progress is not None:
        progress(reading.total, reading.total)
    return reading


def read(kind: ImportKind, data: bytes, progress: Progress | None = None) -> Reading:
    """The people in `data`, read as `kind`; ImportFileError when it isn't that kind of file."""
    if kind is ImportKind.LINKEDIN:
        return read_linkedin(decode(data, _LINKEDIN_WHAT), progress)
    return read_vcards(decode(data, _VCARD_WHAT), progress)


# --- matching -----------------------------------------------------------------------------------------


def email_key(value: str) -> str:
    return value.strip().casefold()


def url_key(value: str) -> str:
    """A profile link for matching: no scheme, no `www.`, no query or fragment, no trailing slash, case folded."""
    text = value.strip().casefold()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = text.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return text.removeprefix("www.")


def name_key(value: str) -> str:
    return " ".join(fold(value).split())


_Keys = tuple[str, str, str, str]
"""(e-mail, profile link, name, company) as compared."""


def keys_of(contact: Contact) -> _Keys:
    return (
        email_key(contact.email) if contact.email else "",
        url_key(contact.profile_url) if contact.profile_url else "",
        name_key(contact.name),
        name_key(contact.company) if contact.company else "",
    )


@dataclass(slots=True)
class _Matcher:
    """Everyone on the list (and everyone the import adds) by e-mail, profile link and name."""

    emails: dict[str, int] = field(default_factory=dict)
    urls: dict[str, int] = field(default_factory=dict)
    named: dict[tuple[str, str], int] = field(default_factory=dict)
    names: dict[str, list[int]] = field(default_factory=dict)
    companies: dict[int, str] = field(default_factory=dict)
    """The compared company of each person added here."""

    def add(self, key: int, keys: _Keys) -> None:
        email, url, name, company = keys
        if email:
            self.emails.setdefault(email, key)
        if url:
            self.urls.setdefault(url, key)
        self.named.setdefault((name, company), key)
        self.companies[key] = company
        same_name = self.names.setdefault(name, [])
        if key not in same_name:
            same_name.append(key)

    def find(self, keys: _Keys) -> int | None:
        email, url, name, company = keys
        if email and (hit := self.emails.get(email)) is not None:
            return hit
        if url and (hit := self.urls.get(url)) is not None:
            return hit
        hit = self.named.get((name, company))
        if hit is not None:
            return hit
        same_name = self.names.get(name, [])
        if len(same_name) == 1 and (not company or not self.companies[same_name[0]]):
            return same_name[0]
        return None


def _fill(into: Contact, extra: Contact) -> tuple[Contact, tuple[str, ...]]:
    """`into` with its empty fields filled from `extra`, and the names of the fields filled."""
    changes = {name: getattr(extra, name) for name in FILLED_FIELDS if not getattr(into, name) and getattr(extra, name)}
    return (replace(into, **changes), tuple(changes)) if changes else (into, ())


# --- the plan -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Merge:
    """Details filled in on someone already on the list."""

    before: Contact
    after: Contact
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a file would do; nothing is saved until `ImportService.apply`."""

    kind: ImportKind
    new: tuple[Contact, ...]
    merges: tuple[Merge, ...]
    unchanged: int
    """People already on the list with nothing to add."""
    skipped: tuple[tuple[str, int], ...]
    """(reason, how many), the most common first."""
    total: int
    """Rows or cards read."""
    generation: int
    """The store's generation the plan was made against."""
    found: tuple[Found, ...] = ()
    warmth: Warmth = Warmth.WARM


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    added: int
    merged: int
    unchanged: int
    skipped: tuple[tuple[str, int], ...]
    dry_run: bool = False
    examples: tuple[str, ...] = ()
    """A few lines naming who would be added or filled in (dry runs)."""

    @property
    def skipped_count(self) -> int:
        return sum(count for _reason, count in self.skipped)

    def lines(self) -> list[str]:
        """The summary as a few plain lines (names are the person's data: print them through `printable`)."""
        would = self.dry_run
        parts = [f"{'Would add' if would else 'Added'} {_people(self.added)}"]
        if self.merged:
            parts.append(f"{'would fill in' if would else 'filled in'} details for {_count(self.merged)}")
        if self.unchanged:
            parts.append(f"{_count(self.unchanged)} already on your list with nothing new")
        lines = ["; ".join(parts) + "."]
        if self.skipped:
            reasons = ", ".join(f"{count:,} {_plural(reason, count)}" for reason, count in self.skipped)
            lines.append(f"Skipped {self.skipped_count:,}: {reasons}.")
        lines.extend(self.examples)
        if would:
            lines.append("Nothing was saved (dry run).")
        return lines


_PLURALS = {"person": "people"}


def _plural(reason: str, count: int) -> str:
    """ "empty row" -> "empty rows", "person coach couldn't read" -> "people coach couldn't read"."""
    if count == 1:
        return reason
    head, _, rest = reason.partition(" ")
    if head in ("row", "card", "person") or not rest:
        return f"{_PLURALS.get(head, head + 's')} {rest}".strip()
    noun, _, tail = rest.partition(" ")
    return f"{head} {_PLURALS.get(noun, noun + 's')} {tail}".strip()


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


def _count(count: int) -> str:
    return f"{count:,}"


class ImportService:
    """Read a LinkedIn or vCard file, match it against the list, and save it in one write."""

    def __init__(self, store: Store, people: PeopleService | None = None) -> None:
        self._store = store
        self._people = people if people is not None else PeopleService(store)

    def contacts(self) -> list[Contact]:
        """Everyone on the list now (what a plan is matched against). Call on the store's thread."""
        return self._store.all(Contact)

    @property
    def generation(self) -> int:
        return self._store.generation

    def _checked(self, found: Found, warmth: Warmth, skipped: Counter[str]) -> Contact | None:
        """The contact `found` describes, checked as the People form checks it; a detail that doesn't pass
        (an e-mail without @, an over-long field) is left out rather than losing the person."""
        email = found.email if "@" in found.email and len(found.email) <= MAX_FIELD else ""
        phone = found.phone if len(found.phone) <= 60 and any(char.isdigit() for char in found.phone) else ""
        url = clean_text(found.profile_url).strip()
        if len(url) > MAX_URL or _SPACE.search(url):
            url = ""
        draft = ContactDraft(
            name=found.name[:MAX_NAME],
            warmth=warmth,
            company=found.company[:MAX_FIELD],
            role=found.role[:MAX_FIELD],
            email=email,
            phone=phone,
            notes=found.notes[:MAX_LINE],
            how_known=found.how_known[:MAX_FIELD],
        )
        for _attempt in range(2):
            try:
                contact = self._people.check(draft)
            except ValidationError:
                if not clean_text(found.name).strip():
                    break
                draft = replace_value(draft, email="", phone="")  # the likely culprits; keep the person
                continue
            # The link is checked above by the People form's rules (its check scans each character, which is
            # slow over 15,000 links), and set once the rest has passed.
            return replace(contact, profile_url=url) if url else contact
        skipped["person coach couldn't read"] += 1
        return None

    def plan(
        self,
        kind: ImportKind | str,
        data: bytes,
        *,
        warmth: Warmth = Warmth.WARM,
        contacts: Sequence[Contact] | None = None,
        generation: int | None = None,
        progress: Progress | None = None,
    ) -> ImportPlan:
        """What importing `data` would do, against `contacts` (default: the list now). Saves nothing.

        With `contacts` given (a copy taken on the store's thread), this touches no store and may run
        in a worker thread. ImportFileError when the file isn't `kind`."""
        kind = ImportKind(kind)
        if contacts is None:
            contacts = self.contacts()
            generation = self._store.generation
        # Reading is the first half of the work shown, checking and matching the second.
        half = None if progress is None else (lambda done, total: progress(done, 2 * total))
        reading = read(kind, data, half)
        checking = None
        if progress is not None and reading.found:
            rows, people = reading.total, len(reading.found)

            def checking(done: int, _total: int) -> None:
                progress(rows + done * rows // people, 2 * rows)

        return self._match(
            kind, reading.found, reading.skipped, reading.total, warmth, contacts, generation or 0, checking
        )

    def _match(
        self,
        kind: ImportKind,
        found: Iterable[Found],
        skipped_before: Counter[str],
        total: int,
        warmth: Warmth,
        contacts: Sequence[Contact],
        generation: int,
        progress: Progress | None = None,
    ) -> ImportPlan:
        skipped = Counter(skipped_before)
        found = tuple(found)
        matcher = _Matcher()
        # Keys: an existing contact's id (> 0), or -(1 + its place in `new`) for someone this file adds.
        existing: dict[int, Contact] = {}
        for contact in contacts:
            existing[contact.id] = contact
            matcher.add(contact.id, keys_of(contact))
        new: list[Contact] = []
        merged: dict[int, Contact] = {}
        filled: dict[int, set[str]] = {}
        touched: set[int] = set()

        def current(key: int) -> Contact:
            return new[-key - 1] if key < 0 else merged.get(key, existing[key])

        for number, item in enumerate(found, 1):
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress(number, len(found))
            checked = self._checked(item, warmth, skipped)
            if checked is None:
                continue
            keys = keys_of(checked)
            key = matcher.find(keys)
            if key is None:
                new.append(checked)
                matcher.add(-len(new), keys)
                continue
            before = current(key)
            after, fields = _fill(before, checked)
            if key < 0:
                new[-key - 1] = after
            else:
                touched.add(key)
                if fields:
                    merged[key] = after
                    filled.setdefault(key, set()).update(fields)
            if fields:
                matcher.add(key, keys_of(after))
        merges = tuple(
            Merge(existing[key], merged[key], tuple(name for name in FILLED_FIELDS if name in filled[key]))
            for key in sorted(merged)
        )
        unchanged = len(touched - set(merged))
        reasons = tuple(sorted(skipped.items(), key=lambda item: (-item[1], item[0])))
        return ImportPlan(kind, tuple(new), merges, unchanged, reasons, total, generation, found, warmth)

    def apply(self, plan: ImportPlan) -> ImportSummary:
        """Save `plan` in one write: everyone new, and the details filled in on people already listed.

        If the list changed since the plan was made (another coach, an edit), the file's people are
        matched again first, so no one is doubled. A person changed elsewhere in the meantime keeps
        their changes (their details are left for the next import). Call on the store's thread."""
        if plan.generation != self._store.generation:
            plan = self._match(
                plan.kind,
                plan.found,
                Counter(dict(plan.skipped)),
                plan.total,
                plan.warmth,
                self.contacts(),
                self._store.generation,
            )
        merged = 0
        unchanged = plan.unchanged
        if plan.new or plan.merges:
            with self._store.transaction():  # the new people and every filled-in detail: one save, or none
                if plan.new:
                    self._store.add_many(plan.new)
                for merge in plan.merges:
                    try:
                        self._store.update(merge.after, base=merge.before)
                        merged += 1
                    except (ConflictError, NotFoundError):
                        unchanged += 1
        return ImportSummary(len(plan.new), merged, unchanged, plan.skipped)

    def summary(self, plan: ImportPlan, *, examples: int = 0) -> ImportSummary:
        """What `plan` would do, without saving it; `examples` lines naming the first people added or filled in."""
        lines: list[str] = []
        for contact in plan.new[:examples]:
            where = f" ({contact.company})" if contact.company else ""
            lines.append(f"  + {contact.name}{where}")
        if len(plan.new) > examples > 0:
            lines.append(f"  … and {len(plan.new) - examples:,} more to add")
        for merge in plan.merges[:examples]:
            lines.append(f"  ~ {merge.after.name}: {', '.join(FIELD_WORDS[name] for name in merge.fields)}")
        if len(plan.merges) > examples > 0:
            lines.append(f"  … and {len(plan.merges) - examples:,} more to fill in")
        return ImportSummary(len(plan.new), len(plan.merges), plan.unchanged, plan.skipped, True, tuple(lines))

    def run(
        self,
        kind: ImportKind | str,
        path: Path,
        *,
        warmth: Warmth = Warmth.WARM,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportSummary:
        """Import the file at `path` (or, with `dry_run`, say what importing it would do)."""
        plan = self.plan(kind, read_file(path), warmth=warmth, progress=progress)
        if dry_run:
            return self.summary(plan, examples=10)
        return self.apply(plan)
