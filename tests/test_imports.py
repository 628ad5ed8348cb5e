"""Imports: LinkedIn's Connections.csv (current and old) and vCards (2.1, 3.0, 4.0), matching and merging."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import ConflictError
from coach.models import Contact, Warmth
from coach.services.imports import (
    ImportFileError,
    ImportKind,
    ImportService,
    read,
    read_linkedin,
    read_vcards,
    url_key,
)
from coach.services.people import PeopleService
from coach.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _by_name(store: Store) -> dict[str, Contact]:
    return {contact.name: contact for contact in store.all(Contact)}


@pytest.fixture
def importer(memory_store: Store) -> ImportService:
    return ImportService(memory_store, PeopleService(memory_store))


# --- LinkedIn ---------------------------------------------------------------------------------------


def test_current_linkedin_export_with_its_notes_preamble(importer: ImportService, memory_store: Store) -> None:
    plan = importer.plan("linkedin", _fixture("linkedin_current.csv"))
    summary = importer.apply(plan)

    people = _by_name(memory_store)
    assert set(people) == {"Ana Ruiz", "Zoë Ng (she/her)", "José Álvarez [PhD]", "Mia Chen", "李 伟"}
    ana = people["Ana Ruiz"]
    assert (ana.company, ana.role, ana.email) == ("Acme", "Engineer", "ana@example.org")
    assert ana.profile_url == "https://www.linkedin.com/in/ana-ruiz"
    assert ana.how_known == "connected on LinkedIn since 8 Jan 2024"
    assert ana.warmth is Warmth.WARM
    assert people["Zoë Ng (she/her)"].company == "Big Co, Inc."
    assert people["Mia Chen"].company == '=HYPERLINK("http://evil.example")', "kept as typed; exports neutralise it"
    assert (summary.added, summary.merged, summary.unchanged) == (5, 0, 0)
    assert dict(summary.skipped) == {"empty row": 1, "row without a name": 1}
    assert "Skipped 2: 1 empty row, 1 row without a name." in summary.lines()


def test_old_linkedin_export_without_url_column_or_preamble(importer: ImportService, memory_store: Store) -> None:
    summary = importer.apply(importer.plan("linkedin", _fixture("linkedin_old.csv"), warmth=Warmth.ACQUAINTANCE))

    people = _by_name(memory_store)
    assert set(people) == {"Ben Okafor", "Chloé Dubois", "Dan Ito"}
    assert people["Ben Okafor"].how_known == "connected on LinkedIn since 8 Jan 2018"  # "1/8/18, 6:14 PM"
    assert people["Chloé Dubois"].how_known == "connected on LinkedIn since 24 Dec 2017"
    assert people["Ben Okafor"].profile_url == ""
    assert all(contact.warmth is Warmth.ACQUAINTANCE for contact in people.values())
    assert dict(summary.skipped) == {"empty row": 1, "row without a name": 1}


def test_linkedin_header_found_by_name_in_any_order_and_a_bad_date_is_left_out() -> None:
    text = "Connected On,Company,Last Name,First Name\r\nsometime,Acme,Ruiz,Ana\r\n"
    reading = read_linkedin(text)
    assert [(found.name, found.company, found.how_known) for found in reading.found] == [("Ana Ruiz", "Acme", "")]


def test_linkedin_with_a_byte_order_mark_and_utf16() -> None:
    text = "First Name,Last Name,Company\r\nZoë,Ng,Big Co\r\n"
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16")):
        assert [found.name for found in read(ImportKind.LINKEDIN, data).found] == ["Zoë Ng"]


def test_linkedin_saved_again_by_a_spreadsheet_with_semicolons_or_tabs() -> None:
    for separator in (";", "\t"):
        text = separator.join(["First Name", "Last Name", "Company"]) + "\r\n" + separator.join(["Ana", "Ruiz", "A, B"])
        assert [(f.name, f.company) for f in read_linkedin(text).found] == [("Ana Ruiz", "A, B")]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"name;email\nAna;a@b.c\n", "no line with"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("First Name,Last Name\nJérôme,X\n".encode("latin-1"), "isn't UTF-8"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n", "vCard file, not a LinkedIn"),
        (b"", "no line with"),
    ],
)
def test_wrong_files_for_linkedin_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(ImportFileError, match=words):
        read(ImportKind.LINKEDIN, data)


# --- vCard ------------------------------------------------------------------------------------------


def test_android_vcard_21_quoted_printable_with_soft_line_breaks(importer: ImportService, memory_store: Store) -> None:
    summary = importer.apply(importer.plan("vcard", _fixture("contacts_android_21.vcf")))

    people = _by_name(memory_store)
    assert set(people) == {"Jürgen Müller", "Smith, John"}
    jurgen = people["Jürgen Müller"]
    assert jurgen.phone == "+49 170 1234567", "the cell number first"
    assert (jurgen.email, jurgen.company, jurgen.role) == ("juergen@example.de", "Acme GmbH", "Ingenieur")
    assert jurgen.notes == (
        "Met at the café near the station, a very long note that Android wraps with soft line breaks\n"
        "second line; with a semicolon"
    )
    assert people["Smith, John"].email == "john.smith@example.com", "a 2.1 comma is kept, not a list separator"
    assert dict(summary.skipped) == {"card without a name": 1}


def test_google_vcard_30_folded_lines_escapes_and_grouped_urls(importer: ImportService, memory_store: Store) -> None:
    importer.apply(importer.plan("vcard", _fixture("contacts_google_30.vcf")))

    people = _by_name(memory_store)
    ana = people["Ana Ruiz"]
    assert ana.notes == "Old colleague from the Madrid office, 2019. Loves climbing; ask about the new team."
    assert ana.profile_url == "https://www.linkedin.com/in/ana-ruiz"
    assert (ana.phone, ana.role) == ("+34 600 000 000", "Senior Engineer")
    assert people["Sam O'Neil (climbing)"].email == "sam@example.net"


def test_apple_vcard_with_photo_social_profile_and_org_units(importer: ImportService, memory_store: Store) -> None:
    importer.apply(importer.plan("vcard", _fixture("contacts_apple_30.vcf")))

    (ola,) = memory_store.all(Contact)
    assert (ola.name, ola.company, ola.role) == ("Ola Kowalski", "Żabka, Marketing", "Brand lead")
    assert (ola.email, ola.phone) == ("ola@example.pl", "+48 500 600 700")
    assert ola.profile_url == "https://www.linkedin.com/in/ola-k"
    assert "/9j/" not in ola.notes


def test_vcard_40_preferred_email_uri_phone_and_a_name_from_n(importer: ImportService, memory_store: Store) -> None:
    importer.apply(importer.plan("vcard", _fixture("contacts_40.vcf")))

    people = _by_name(memory_store)
    priya = people["Priya Raman"]
    assert priya.email == "priya@example.in", "PREF=1 wins over the first"
    assert priya.phone == "+91-98765-43210", "tel: dropped"
    assert priya.notes == "Line one\nLine two"
    assert people["Kenji Nakamura"].email == "kenji@example.jp", "no FN: the name comes from N"


def test_vcard_round_trip_through_vobject(importer: ImportService, memory_store: Store) -> None:
    """Cards written by vobject (as other tools write them) come back with every field."""
    import vobject

    written = []
    people = [
        ("Zoë Ng (she/her)", "zoe@example.org", "+44 20 7946 0000", "Big Co, Inc.", "Head; Data", "a, b; c\nline 2"),
        ("Ana [b]Ruiz[/b]", "ana@example.org", "+34 600", "Acme", "Engineer", "likes \\ backslashes"),
    ]
    for name, email, phone, org, title, note in people:
        card = vobject.vCard()
        card.add("fn").value = name
        card.add("n").value = vobject.vcard.Name(family=name.split()[-1], given=name.split()[0])
        card.add("email").value = email
        card.add("tel").value = phone
        card.add("org").value = [org]
        card.add("title").value = title
        card.add("note").value = note
        written.append(card.serialize())
    importer.apply(importer.plan("vcard", "".join(written).encode("utf-8")))

    stored = _by_name(memory_store)
    for name, email, phone, org, title, note in people:
        contact = stored[name]
        assert (contact.email, contact.phone, contact.company, contact.role, contact.notes) == (
            email,
            phone,
            org,
            title,
            note,
        )


def test_a_card_coach_cannot_read_is_skipped_with_the_others_kept() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=NO-SUCH-SET:=41\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\n"
    )
    reading = read_vcards(text)
    assert [found.name for found in reading.found] == ["Ana"]
    assert dict(reading.skipped) == {"card coach couldn't read": 1}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"First Name,Last Name\nAna,Ruiz\n", "LinkedIn export"),
        (b"\x00\x01\x02BEGIN:VCARD", "binary file"),
        ("BEGIN:VCARD\nFN:J\xe9r\xf4me\nEND:VCARD\n".encode("latin-1"), "isn't UTF-8"),
        (b"hello", "no BEGIN:VCARD"),
    ],
)
def test_wrong_files_for_vcard_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(ImportFileError, match=words):
        read(ImportKind.VCARD, data)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_or_refused_never_a_crash(text: str) -> None:
    for kind in ImportKind:
        try:
            reading = read(kind, text.encode("utf-8", "surrogatepass"))
        except ImportFileError:
            continue
        for found in reading.found:
            assert found.name.strip()


# --- matching and merging ---------------------------------------------------------------------------


def test_importing_twice_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "d.json"
    store = Store.open(data)
    importer = ImportService(store, PeopleService(store))
    for name in ("linkedin_current.csv", "linkedin_old.csv"):
        importer.apply(importer.plan("linkedin", _fixture(name)))
    for name in ("contacts_android_21.vcf", "contacts_google_30.vcf", "contacts_apple_30.vcf", "contacts_40.vcf"):
        importer.apply(importer.plan("vcard", _fixture(name)))
    before = data.read_bytes()
    count = store.count(Contact)

    again = importer.apply(importer.plan("linkedin", _fixture("linkedin_current.csv")))
    for name in ("contacts_android_21.vcf", "contacts_google_30.vcf", "contacts_apple_30.vcf", "contacts_40.vcf"):
        importer.apply(importer.plan("vcard", _fixture(name)))

    assert data.read_bytes() == before, "not one byte written"
    assert store.count(Contact) == count
    assert (again.added, again.merged, again.unchanged) == (0, 0, 5)


def test_a_match_fills_only_empty_fields_and_keeps_the_rung(importer: ImportService, memory_store: Store) -> None:
    people = PeopleService(memory_store)
    ana = people.add("Ana Ruiz", warmth=Warmth.CLOSE, company="Acme", role="Team lead", notes="my own words")
    summary = importer.apply(importer.plan("vcard", _fixture("contacts_google_30.vcf")))

    after = memory_store.get(Contact, ana.id)
    assert after.warmth is Warmth.CLOSE
    assert after.role == "Team lead", "typed in coach: never overwritten"
    assert after.notes == "my own words"
    assert (after.email, after.phone) == ("ana@example.org", "+34 600 000 000"), "empty: filled in"
    assert after.profile_url == "https://www.linkedin.com/in/ana-ruiz"
    assert (summary.added, summary.merged) == (1, 1)
    assert memory_store.count(Contact) == 2


def test_matching_by_email_profile_link_name_and_company(importer: ImportService, memory_store: Store) -> None:
    people = PeopleService(memory_store)
    by_email = people.add("A. Ruiz", email="ANA@example.org")
    by_url = people.add("Zoe N.", profile_url="http://linkedin.com/in/zoe-ng/?trk=x")
    by_company = people.add("jose  alvarez [phd]", company="universidad de sevilla")
    no_company = people.add("Mia Chen")
    other = people.add("Li Wei", company="Elsewhere")
    importer.apply(importer.plan("linkedin", _fixture("linkedin_current.csv")))

    assert memory_store.get(Contact, by_email.id).company == "Acme"
    assert memory_store.get(Contact, by_url.id).role == "Head of Data"
    assert memory_store.get(Contact, by_company.id).role == "Profesor"
    assert memory_store.get(Contact, no_company.id).role == "@Lead", "one Mia Chen without a company: the same"
    assert memory_store.get(Contact, other.id).company == "Elsewhere"
    assert memory_store.count(Contact) == 6, "only 李 伟 is new"


def test_same_name_at_different_companies_are_two_people(importer: ImportService, memory_store: Store) -> None:
    people = PeopleService(memory_store)
    people.add("Ben Okafor", company="Other Corp")
    importer.apply(importer.plan("linkedin", b"First Name,Last Name,Company\nBen,Okafor,Globex\n"))
    assert sorted(c.company for c in memory_store.all(Contact)) == ["Globex", "Other Corp"]


def test_duplicates_within_one_file_become_one_person(importer: ImportService, memory_store: Store) -> None:
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ana,Ruiz,,ana@example.org,Acme,,\n"
        b"ana,ruiz,https://linkedin.com/in/ana,,ACME,Engineer,\n"
    )
    summary = importer.apply(importer.plan("linkedin", data))
    (ana,) = memory_store.all(Contact)
    assert (ana.name, ana.email, ana.role, ana.profile_url) == (
        "Ana Ruiz",
        "ana@example.org",
        "Engineer",
        "https://linkedin.com/in/ana",
    )
    assert summary.added == 1


def test_bad_details_are_left_out_and_the_person_kept(importer: ImportService, memory_store: Store) -> None:
    data = (
        "First Name,Last Name,URL,Email Address\n"
        "Ana,Ruiz,not a link,not-an-email\n"
        "\x1b[31mEvil\x1b[0m,Name\x07,,\n"
        "\udcff,,,\n"
    ).encode("utf-8", "surrogateescape")
    with pytest.raises(ImportFileError):
        importer.plan("linkedin", data)  # a byte that isn't UTF-8: the whole file is refused
    plan = importer.plan("linkedin", data.replace(b"\xff", b"x"))
    importer.apply(plan)
    names = sorted(contact.name for contact in memory_store.all(Contact))
    assert names == ["Ana Ruiz", "[31mEvil[0m Name", "x"]
    ana = _by_name(memory_store)["Ana Ruiz"]
    assert (ana.email, ana.profile_url) == ("", "")


def test_dry_run_summary_saves_nothing(tmp_path: Path) -> None:
    data = tmp_path / "d.json"
    store = Store.open(data)
    PeopleService(store).add("Ana Ruiz", company="Acme")
    before = data.read_bytes()
    importer = ImportService(store, PeopleService(store))
    summary = importer.summary(importer.plan("linkedin", _fixture("linkedin_current.csv")), examples=2)
    assert data.read_bytes() == before
    assert (summary.added, summary.merged, summary.dry_run) == (4, 1, True)
    lines = summary.lines()
    assert "  + Zoë Ng (she/her) (Big Co, Inc.)" in lines
    assert "  … and 2 more to add" in lines
    assert "  ~ Ana Ruiz: role, e-mail, profile link, how you know them" in lines
    assert lines[-1] == "Nothing was saved (dry run)."


def test_one_save_for_the_whole_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New people and filled-in details together: one write of the file (Store.transaction)."""
    from coach.store import storage

    data = tmp_path / "d.json"
    store = Store.open(data)
    people = PeopleService(store)
    for name in ("Ana Ruiz", "Ben Okafor", "Mia Chen"):
        people.add(name)
    writes: list[int] = []
    real = storage.SafeStorage.flush

    def counting(self: storage.SafeStorage) -> None:
        writes.append(1)
        real(self)

    monkeypatch.setattr(storage.SafeStorage, "flush", counting)
    importer = ImportService(store, people)
    data_csv = _fixture("linkedin_current.csv") + b"Ben,Okafor,,ben@example.com,,,\r\n"
    summary = importer.apply(importer.plan("linkedin", data_csv))
    assert (summary.added, summary.merged) == (3, 3)
    assert len(writes) == 1


def test_a_failed_save_leaves_nothing_half_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.errors import StoreError
    from coach.store import storage

    data = tmp_path / "d.json"
    store = Store.open(data)
    PeopleService(store).add("Ana Ruiz")
    before = data.read_bytes()

    def broken(self: storage.SafeStorage) -> None:
        self.drop()
        raise StoreError("disk full")

    monkeypatch.setattr(storage.SafeStorage, "flush", broken)
    importer = ImportService(store, PeopleService(store))
    with pytest.raises(StoreError):
        importer.apply(importer.plan("linkedin", _fixture("linkedin_current.csv")))
    monkeypatch.undo()
    assert data.read_bytes() == before
    assert [contact.name for contact in store.all(Contact)] == ["Ana Ruiz"]


def test_the_list_changing_between_plan_and_save_doubles_no_one(importer: ImportService, memory_store: Store) -> None:
    plan = importer.plan("linkedin", _fixture("linkedin_old.csv"))
    PeopleService(memory_store).add("Ben Okafor", company="Globex", role="Lead designer")  # added meanwhile
    summary = importer.apply(plan)
    assert sorted(c.name for c in memory_store.all(Contact)) == ["Ben Okafor", "Chloé Dubois", "Dan Ito"]
    assert _by_name(memory_store)["Ben Okafor"].role == "Lead designer"
    assert (summary.added, summary.merged) == (2, 1)


def test_a_person_changed_elsewhere_keeps_their_change(
    importer: ImportService, memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = PeopleService(memory_store).add("Ana Ruiz", company="Acme")
    plan = importer.plan("linkedin", _fixture("linkedin_current.csv"))
    real_update = memory_store.update

    def clashing(record: Contact, *, base: Contact | None = None) -> Contact:
        if record.id == ana.id:
            raise ConflictError("changed elsewhere")
        return real_update(record, base=base)

    monkeypatch.setattr(memory_store, "update", clashing)
    summary = importer.apply(plan)
    assert memory_store.get(Contact, ana.id).email == ""
    assert (summary.added, summary.merged, summary.unchanged) == (4, 0, 1)


def test_plan_in_a_thread_needs_only_a_copy_of_the_list(importer: ImportService, memory_store: Store) -> None:
    contacts = importer.contacts()
    plan = importer.plan(
        "vcard", _fixture("contacts_40.vcf"), contacts=contacts, generation=importer.generation, progress=None
    )
    assert memory_store.count(Contact) == 0
    assert importer.apply(plan).added == 2


def test_progress_is_reported(importer: ImportService) -> None:
    rows = "".join(f"P{n},Q,,,,,\n" for n in range(1200))
    seen: list[tuple[int, int]] = []
    importer.plan(
        "linkedin",
        f"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n{rows}".encode(),
        progress=lambda done, total: seen.append((done, total)),
    )
    # reading is the first half, checking the second
    assert seen == [(500, 2400), (1000, 2400), (1200, 2400), (1700, 2400), (2200, 2400)]


def test_url_key_ignores_scheme_www_query_and_trailing_slash() -> None:
    assert (
        url_key("https://www.LinkedIn.com/in/ana/?trk=1#x") == url_key("linkedin.com/in/ana") == "linkedin.com/in/ana"
    )


def test_merge_keeps_other_records_unchanged(importer: ImportService, memory_store: Store) -> None:
    """Only contacts change: a merge never replaces a record with an older copy of it."""
    ana = PeopleService(memory_store).add("Ana Ruiz", company="Acme")
    changed = memory_store.update(replace(ana, notes="edited"), base=ana)
    importer.apply(importer.plan("linkedin", _fixture("linkedin_current.csv")))
    assert memory_store.get(Contact, ana.id).notes == changed.notes
