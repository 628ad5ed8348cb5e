"""The import rows: `coach import linkedin` on a generated 15,000-row Connections.csv, as a whole process.

    .venv/bin/python bench/imports.py              # 5 repeats of each row
    .venv/bin/python bench/imports.py --repeats 1 --rows 2000

Rows (each the median wall time of a fresh `coach` process, start to exit; target <= 3 s for the first):
* new:      15,000 rows into an empty data file (every person added: one add_many, one save);
* again:    the same file once more (every row matched, nothing to fill in: no save at all);
* merge:    15,000 rows into a file already holding the same people without e-mails or links
            (every row fills in details: one save for all of them);
* vcard:    the same people as 15,000 vCards 3.0 into an empty file;
* dry run:  the first row with --dry-run.
The floor beside them: `coach paths` (the process starting and exiting, nothing read).

The CSV is made as LinkedIn writes it today (the "Notes:" preamble, then the header), seeded, with
some empty rows and names, non-ASCII names and one person in a hundred listed twice. Figures only:
nothing is asserted. The data files live in a temp folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIRST = ["Ana", "Ben", "Zoë", "José", "Mia", "Li", "Priya", "Ola", "Kenji", "Chloé", "Sam", "Jürgen", "Amara"]
LAST = ["Ruiz", "Okafor", "Ng", "Álvarez", "Chen", "Wei", "Raman", "Kowalski", "Ito", "Dubois", "O'Neil", "Müller"]
COMPANIES = ["Acme", "Globex", "Initech", "Big Co, Inc.", "Umbrella", "Hooli", "Stark Industries", ""]
ROLES = ["Engineer", "Designer", "Head of Data", "Analyst", "Product Manager", "Recruiter", ""]
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n'
    "\r\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def people(count: int, seed: int = 12) -> list[tuple[str, str, str, str, str, str, str]]:
    """(first, last, url, email, company, role, connected) rows; about 2 % without a name."""
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{number}"
        if rng.random() < 0.02:
            first = last = ""
        slug = f"{first}-{last}-{number}".casefold()
        email = f"{slug}@example.org" if rng.random() < 0.3 else ""
        company, role = rng.choice(COMPANIES), rng.choice(ROLES)
        connected = f"{rng.randint(1, 28):02d} {rng.choice(['Jan', 'Mar', 'Jun', 'Nov'])} {rng.randint(2012, 2026)}"
        rows.append((first, last, f"https://www.linkedin.com/in/{slug}", email, company, role, connected))
    return rows


def write_csv(path: Path, rows: list[tuple[str, ...]]) -> None:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, row in enumerate(rows):
        writer.writerow(row)
        if index % 100 == 0:
            writer.writerow(row)  # listed twice
        if index % 250 == 0:
            writer.writerow([""] * 7)
    path.write_text(PREAMBLE + HEADER + buffer.getvalue(), encoding="utf-8")


def write_vcards(path: Path, rows: list[tuple[str, ...]]) -> None:
    cards = []
    for first, last, url, email, company, role, _connected in rows:
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{first} {last}".rstrip(), f"N:{last};{first};;;"]
        if email:
            lines.append(f"EMAIL;TYPE=INTERNET:{email}")
        if company:
            lines.append("ORG:" + company.replace(",", "\\,"))
        if role:
            lines.append(f"TITLE:{role}")
        lines += [f"item1.URL:{url}", "END:VCARD"]
        cards.append("\r\n".join(lines))
    path.write_text("\r\n".join(cards) + "\r\n", encoding="utf-8")


def seed_without_details(data: Path, rows: list[tuple[str, ...]]) -> None:
    """A data file holding the same people with their names and companies only (the merge row)."""
    from coach.models import Contact
    from coach.store import Store

    store = Store.open(data)
    seen: set[tuple[str, str]] = set()
    contacts = []
    for first, last, _url, _email, company, _role, _connected in rows:
        name = f"{first} {last}".strip()
        if name and (name, company) not in seen:
            seen.add((name, company))
            contacts.append(Contact(name=name, company=company))
    store.add_many(contacts)
    store.close()


def coach_command() -> list[str]:
    script = Path(sys.executable).parent / "coach"
    return [str(script)] if script.exists() else [sys.executable, "-m", "coach"]


def timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done.stdout.strip().splitlines()[0] if done.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=15_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    coach = coach_command()
    root = Path(tempfile.mkdtemp(prefix="coach-bench-imports-"))
    try:
        rows = people(args.rows)
        source = root / "Connections.csv"
        write_csv(source, rows)
        cards = root / "contacts.vcf"
        write_vcards(cards, rows)
        seeded = root / "seeded.json"
        seed_without_details(seeded, rows)
        figures: dict[str, list[float]] = {"floor (coach paths)": [], "new": [], "again": [], "merge": []}
        figures.update({"vcard": [], "dry run": []})
        said: dict[str, str] = {}
        for repeat in range(args.repeats):
            data = root / f"new-{repeat}.json"
            merge = root / f"merge-{repeat}.json"
            shutil.copyfile(seeded, merge)
            runs = {
                "floor (coach paths)": [*coach, "--data", str(data), "paths"],
                "new": [*coach, "--data", str(data), "import", "linkedin", str(source)],
                "again": [*coach, "--data", str(data), "import", "linkedin", str(source)],
                "merge": [*coach, "--data", str(merge), "import", "linkedin", str(source)],
                "vcard": [*coach, "--data", str(root / f"vcard-{repeat}.json"), "import", "vcard", str(cards)],
                "dry run": [
                    *coach,
                    "--data",
                    str(root / f"dry-{repeat}.json"),
                    "import",
                    "linkedin",
                    str(source),
                    "-n",
                ],
            }
            for name, command in runs.items():
                seconds, first_line = timed(command)
                figures[name].append(seconds)
                said[name] = first_line
        print(
            f"coach import, {args.rows:,} LinkedIn rows ({source.stat().st_size / 1e6:.1f} MB), "
            f"median of {args.repeats} whole processes:"
        )
        floor = statistics.median(figures["floor (coach paths)"])
        for name, values in figures.items():
            value = statistics.median(values)
            ratio = "" if name.startswith("floor") else f"  ({value / floor:.1f}x the floor)"
            print(f"  {name:<20} {value:6.2f} s{ratio}  {said.get(name, '')}")
        print("  target: new <= 3 s")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
