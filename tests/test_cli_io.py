"""`coach import` and `coach export --format csv|md|ics` from the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from icalendar import Calendar

from coach.__main__ import main
from coach.models import Contact, Interview, PrepItem
from coach.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "d.json"
    store = Store.open(data)
    store.add(Contact(name="Ana Ruiz", company="Acme"))
    store.close()
    return data


# --- import -----------------------------------------------------------------------------------------


def test_import_linkedin_then_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _data(tmp_path)
    source = str(FIXTURES / "linkedin_current.csv")
    assert main(["--data", str(data), "import", "linkedin", source]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines()[:2] == [
        "Added 4 people; filled in details for 1.",
        "Skipped 2: 1 empty row, 1 row without a name.",
    ]
    assert out.err == "", "no progress line when stderr isn't a terminal"
    store = Store.open(data)
    assert store.count(Contact) == 5
    ana = next(contact for contact in store.all(Contact) if contact.name == "Ana Ruiz")
    assert ana.email == "ana@example.org"
    store.close()
    before = data.read_bytes()

    assert main(["--data", str(data), "import", "linkedin", source]) == 0
    assert capsys.readouterr().out.startswith("Added 0 people; 5 already on your list with nothing new.")
    assert data.read_bytes() == before


def test_import_vcard_with_a_rung_and_dry_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _data(tmp_path)
    before = data.read_bytes()
    source = str(FIXTURES / "contacts_android_21.vcf")
    assert main(["--data", str(data), "import", "vcard", source, "--warmth", "close", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would add 2 people" in out and "  + Jürgen Müller (Acme GmbH)" in out
    assert out.rstrip().endswith("Nothing was saved (dry run).")
    assert data.read_bytes() == before

    assert main(["--data", str(data), "import", "vcard", source, "--warmth", "close"]) == 0
    assert "New people start on the close rung" in capsys.readouterr().out
    store = Store.open(data)
    assert {c.name: c.warmth.value for c in store.all(Contact)} == {
        "Ana Ruiz": "warm",
        "Jürgen Müller": "close",
        "Smith, John": "close",
    }
    store.close()


@pytest.mark.parametrize(
    ("kind", "content", "words"),
    [
        ("linkedin", (FIXTURES / "contacts_40.vcf").read_bytes(), "vCard file, not a LinkedIn export"),
        ("vcard", (FIXTURES / "linkedin_old.csv").read_bytes(), "no BEGIN:VCARD"),
        ("linkedin", "First Name,Last Name\nJérôme,Ä\n".encode("latin-1"), "isn't UTF-8"),
        ("vcard", b"\x7fELF\x02\x01\x01\x00\x00\x00BEGIN:VCARD", "binary file"),
        ("linkedin", b"just some words\n", "doesn't look like a LinkedIn"),
    ],
)
def test_a_file_that_cannot_be_imported_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, content: bytes, words: str
) -> None:
    data = _data(tmp_path)
    source = tmp_path / "in" / "file"
    source.parent.mkdir()
    source.write_bytes(content)
    before = _snapshot(tmp_path)
    assert main(["--data", str(data), "import", kind, str(source)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and words in captured.err and captured.err.startswith("coach: ")
    assert _snapshot(tmp_path) == before


def test_import_usage_mistakes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _data(tmp_path)
    before = data.read_bytes()
    assert main(["--data", str(data), "import", "linkedin", str(tmp_path / "missing.csv")]) == 1
    assert "There is no file" in capsys.readouterr().err
    assert main(["--data", str(data), "import", "linkedin", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    source = str(FIXTURES / "linkedin_old.csv")
    assert main(["--data", str(data), "import", "linkedin", source, "--warmth", "hot"]) == 2
    assert "isn't a rung" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["--data", str(data), "import", "outlook", source])
    assert exited.value.code == 2
    assert data.read_bytes() == before


def test_progress_line_only_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    rows = "".join(f"P{n},Q,,,,,\n" for n in range(1200))
    source = tmp_path / "big.csv"
    source.write_text(f"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n{rows}", "utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["--data", str(tmp_path / "d.json"), "import", "linkedin", str(source)]) == 0
    err = capsys.readouterr().err
    assert "\rReading big.csv: 20 %" in err and "\rReading big.csv: 91 %" in err
    assert "Saving LinkedIn connections (CSV)…" in err
    assert err.endswith("\r\x1b[2K"), "the line is cleared before the summary"


# --- export -----------------------------------------------------------------------------------------


def _filled(tmp_path: Path) -> Path:
    from datetime import datetime, timedelta

    data = tmp_path / "d.json"
    store = Store.open(data)
    ana = store.add(Contact(name='=HYPERLINK("http://x")', company="Acme"))
    when = datetime.now().astimezone() + timedelta(days=3)
    interview = store.add(Interview(contact_id=ana.id, when=when, place="Café"))
    store.add(PrepItem(interview_id=interview.id, text="What surprised you?", starred=True))
    store.close()
    return data


def test_export_csv_into_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _filled(tmp_path)
    before = data.read_bytes()
    out = tmp_path / "exported"
    assert main(["--data", str(data), "export", "--format", "csv", "--out", str(out)]) == 0
    assert "Exported 3 records to 9 CSV files in" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO((out / "contacts.csv").read_text("utf-8-sig"), newline="")))
    assert rows[0]["name"] == '\'=HYPERLINK("http://x")'
    assert oct((out / "contacts.csv").stat().st_mode & 0o777) == "0o600"
    assert data.read_bytes() == before


def test_export_csv_needs_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _filled(tmp_path)
    assert main(["--data", str(data), "export", "--format", "csv"]) == 2
    assert "give the folder with --out" in capsys.readouterr().err
    (tmp_path / "a-file").write_text("x", "utf-8")
    assert main(["--data", str(data), "export", "--format", "csv", "--out", str(tmp_path / "a-file")]) == 2
    assert "is a file" in capsys.readouterr().err


@pytest.mark.parametrize("out", ["backups", "backups/inner"])
def test_export_csv_never_into_the_backups(tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str) -> None:
    data = _filled(tmp_path)
    before = _snapshot(tmp_path)
    assert main(["--data", str(data), "export", "--format", "csv", "--out", str(tmp_path / out)]) == 2
    assert "won't export onto" in capsys.readouterr().err
    assert _snapshot(tmp_path) == before


def test_export_csv_never_onto_a_data_file_named_like_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "contacts.csv"
    store = Store.open(data)
    store.add(Contact(name="Ana"))
    store.close()
    before = _snapshot(tmp_path)
    assert main(["--data", str(data), "export", "--format", "csv", "--out", str(tmp_path)]) == 2
    assert "it is the data file itself" in capsys.readouterr().err
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("fmt", ["md", "ics"])
def test_export_md_and_ics_refuse_the_data_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    data = _filled(tmp_path)
    before = _snapshot(tmp_path)
    assert main(["--data", str(data), "export", "--format", fmt, "--out", str(data)]) == 2
    assert _snapshot(tmp_path) == before
    assert capsys.readouterr().err.startswith("coach export: error: won't export onto ")


def test_export_md_to_stdout_and_ics_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _filled(tmp_path)
    assert main(["--data", str(data), "export", "--format", "md"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# coach journal\n")
    assert '\\=HYPERLINK("http://x")' in text

    out = tmp_path / "coach.ics"
    assert main(["--data", str(data), "export", "--format", "ics", "--out", str(out)]) == 0
    assert "Exported 1 calendar entry to" in capsys.readouterr().err
    calendar = Calendar.from_ical(out.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == "interview-1@coach"
    assert "What surprised you?" in str(event["description"])
    assert event["dtstart"].dt.utcoffset() is not None, "never a floating time"
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_import_and_exports_never_import_textual(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = str(tmp_path / "x.json")
    source = str(FIXTURES / "linkedin_current.csv")
    code = (
        "import sys\n"
        "from coach.__main__ import main\n"
        f"assert main(['--data', {data!r}, 'import', 'linkedin', {source!r}]) == 0\n"
        f"assert main(['--data', {data!r}, 'export', '--format', 'md']) == 0\n"
        f"assert main(['--data', {data!r}, 'export', '--format', 'ics']) == 0\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
