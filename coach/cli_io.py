"""`coach import` and `coach export`: bring people in from LinkedIn or a vCard file, take everything out.

    coach import linkedin Connections.csv             everyone in a LinkedIn connections export
    coach import vcard contacts.vcf --warmth close    a phone's or Google's contacts, on the close rung
    coach import linkedin Connections.csv --dry-run   what it would do, saving nothing
    coach export --format json                        the whole data set on standard output
    coach export --format csv --out my-coach          one CSV per table in the folder my-coach
    coach export --format md --out journal.md         a journal of everything, week by week
    coach export --format ics --out coach.ics         interviews, follow-ups and the goal for a calendar

Never imports Textual. A file that can't be imported is one line on stderr and exit 1, with nothing
changed; a usage mistake (an unknown rung, a missing --out for csv, an --out onto the data file, its
lock or backups) exits 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from coach import paths
from coach.models import TABLES, Warmth
from coach.text import printable, usage_line

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

FORMAT_HELP = {
    "json": "the whole data set as one JSON document",
    "csv": "one CSV file per table, in the folder --out names",
    "md": "a readable journal of everything, grouped by week",
    "ics": "an iCalendar file: interviews, follow-ups due and your goal's days",
}


def add_export_parser(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="write everything out: json, csv, md (a journal) or ics (a calendar)",
        description="Write your data out. "
        + "; ".join(f"{name}: {text}" for name, text in FORMAT_HELP.items())
        + ". Exports hold only your own data.",
    )
    export.add_argument("--format", choices=list(FORMAT_HELP), default="json", help="the export format (default: json)")
    export.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE (for csv: the folder) instead of standard output; never the data file, its lock or backups",
    )


def add_import_parser(commands: Any) -> None:
    importer = commands.add_parser(
        "import",
        help="add people from a LinkedIn connections export or a vCard file",
        description="Add people from a file: LinkedIn's Connections.csv (Settings, Data privacy, Get a copy of your "
        "data, Connections) or a vCard file from your phone, Google or Apple contacts. People already on your list "
        "are matched (same e-mail or profile link, else the same name and company) and only their empty details "
        "are filled in, so importing the same file again changes nothing.",
    )
    kinds = importer.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(importer))
    for kind, text in (
        ("linkedin", "LinkedIn's Connections.csv"),
        ("vcard", "a vCard (.vcf) file: phone, Google or Apple contacts"),
    ):
        parser = kinds.add_parser(kind, help=text, description=f"Import {text}.")
        parser.add_argument("file", help="the file to read")
        parser.add_argument(
            "--warmth",
            metavar="RUNG",
            default="warm",
            help=f"the rung new people start on: {', '.join(w.value for w in Warmth)} (default: warm)",
        )
        parser.add_argument("-n", "--dry-run", action="store_true", help="show what would happen and save nothing")


def _usage(prog: str, message: str) -> int:
    print(usage_line(prog, message), end="", file=sys.stderr)
    return EXIT_USAGE


def _fail(message: str) -> int:
    print(f"coach: {printable(message)}", file=sys.stderr)
    return EXIT_ERROR


# --- export -----------------------------------------------------------------------------------------


def export_clash(out: Path, data: Path) -> str | None:
    """What of the data file's an export to `out` would overwrite (by any spelling, symlink or hard link), or None."""
    from coach.store import backups_folder, is_protected, lock_file, real_path

    try:
        same = os.path.samefile(out, data)  # a hard link to the data file, a bind mount
    except OSError:
        same = False
    if not same and not is_protected(out, data):
        return None
    target = real_path(out)
    if same or target == real_path(data):
        return "the data file itself"
    if target == real_path(lock_file(data)) or target == real_path(paths.lock_path(data)):
        return "the data file's lock"
    backups = {real_path(backups_folder(data)), real_path(paths.backups_dir(data))}
    return "the data file's backups folder" if target in backups else "inside the data file's backups folder"


def _out_path(args: argparse.Namespace, data: Path) -> tuple[Path | None, int | None]:
    """(the absolute --out, None) or (None, the exit code after saying what is wrong)."""
    if args.out is None:
        if args.format == "csv":
            return None, _usage(
                "coach export", "csv writes one file per table: give the folder with --out, e.g. --out coach-csv"
            )
        return None, None
    if not args.out.strip():
        return None, _usage(
            "coach export", "--out is empty; give the file to write, or leave --out out to print the export"
        )
    out = Path(args.out).expanduser().absolute()
    targets = [out]
    if args.format == "csv":
        if out.exists() and not out.is_dir():
            return None, _usage("coach export", f"{printable(str(out))} is a file; csv needs a folder for its files")
        targets += [out / f"{table}.csv" for table in TABLES]
    for target in targets:
        clash = export_clash(target, data)
        if clash is not None:
            return None, _usage(
                "coach export", f"won't export onto {printable(str(target))}: it is {clash}; choose another file"
            )
    return out, None


def run_export(args: argparse.Namespace, data: Path) -> int:
    from coach.services.exports import csv_files, json_bytes
    from coach.store import Store, atomic_write

    out, code = _out_path(args, data)
    if code is not None:
        return code
    store = Store.open(data)
    try:
        if args.format == "json":
            payload, total = json_bytes(store)
        elif args.format == "csv":
            assert out is not None
            files, total = csv_files(store)
            for name, content in files.items():
                atomic_write(out / name, content)
            print(
                f"Exported {_records(total)} to {len(files)} CSV files in {printable(str(out))}",
                file=sys.stderr,
            )
            return EXIT_OK
        else:
            payload, total = _rendered(args.format, store)
    finally:
        store.close()
    if out is not None:
        atomic_write(out, payload)
        what = "calendar entries" if args.format == "ics" else "records"
        print(f"Exported {_records(total, what)} to {printable(str(out))}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return EXIT_OK


def _rendered(fmt: str, store: Any) -> tuple[bytes, int]:
    from coach.services import Services
    from coach.services.exports import ExportService

    services = Services.create(store)
    exporter = ExportService(store, services.people, services.outreach, services.goals)
    if fmt == "ics":
        return exporter.calendar_bytes()
    text = exporter.journal()
    total = sum(store.count(kind) for kind in TABLES.values())
    return text.encode("utf-8"), total


def _records(count: int, what: str = "records") -> str:
    singular = what[:-1] if what.endswith("s") else what
    if what == "calendar entries":
        singular = "calendar entry"
    return f"{count:,} {singular if count == 1 else what}"


# --- import -----------------------------------------------------------------------------------------


class _ProgressLine:
    """A progress line on stderr, redrawn in place, only when stderr is a terminal."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        percent = done * 100 // total
        sys.stderr.write(f"\rReading {self.what}: {percent} %")
        sys.stderr.flush()
        self.shown = True

    def say(self, text: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\x1b[2K{text}")
            sys.stderr.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
            self.shown = False


def run_import(args: argparse.Namespace, data: Path) -> int:
    from coach.errors import ValidationError
    from coach.services.imports import ImportFileError, ImportKind, read_file
    from coach.services.people import parse_warmth

    prog = f"coach import {args.kind}"
    try:
        warmth = parse_warmth(args.warmth)
    except ValidationError as error:
        return _usage(prog, str(error))
    if not args.file.strip():
        return _usage(prog, "give the file to import")
    kind = ImportKind(args.kind)
    source = Path(args.file).expanduser()
    try:
        payload = read_file(source)
    except ImportFileError as error:
        return _fail(str(error))
    from coach.services import Services
    from coach.store import Store

    store = Store.open(data)
    progress = _ProgressLine(printable(source.name))
    try:
        services = Services.create(store)
        importer = services.imports
        try:
            plan = importer.plan(kind, payload, warmth=warmth, progress=progress)
        except ImportFileError as error:
            progress.clear()
            return _fail(f"{printable(str(source))}: {error}")
        if args.dry_run:
            summary = importer.summary(plan, examples=10)
        else:
            if plan.new or plan.merges:
                progress.say(f"Saving {plan.kind.label}…")
            summary = importer.apply(plan)
    finally:
        progress.clear()
        store.close()
    for line in summary.lines():
        print(printable(line))
    if not args.dry_run and summary.added:
        print(f"New people start on the {warmth.value} rung; People (F5) lists them, warmest first.")
    return EXIT_OK
