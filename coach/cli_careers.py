"""`coach careers`: the career options side by side, from a shell.

    coach careers                    a plain-text table
    coach careers --format md        a Markdown table, to paste into a note or an e-mail
    coach careers --format json      {"careers": [...]} with stable keys (README)

Never imports Textual, so it starts fast. A format coach doesn't know exits 2 with one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.text import printable

if TYPE_CHECKING:
    from coach.services.careers import ComparisonRow

EXIT_OK = 0
FORMATS = ("text", "md", "json")

EMPTY = "No career options yet. Open coach, press F9, then n to add the first (most people explore three or four)."
HEADERS = ("Career", "Energy", "Skills", "Practicality", "Values", "Fit", "Talks", "To talk", "Trend", "")
TITLE_WIDTH = 28


def add_careers_parser(commands: Any) -> None:
    careers = commands.add_parser(
        "careers",
        help="the career options you're exploring, side by side",
        description="Print the career options side by side: fit ratings, conversations held, "
        "people still to talk to, and the attraction trend from your reflections.",
    )
    careers.add_argument("--format", choices=FORMATS, default="text", help="text (default), md (Markdown) or json")


def _gauge(value: int | None) -> str:
    return "-" if value is None else str(value)


def _fit(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _cells(row: ComparisonRow) -> tuple[str, ...]:
    from coach.services.careers import trend_word

    return (
        printable(row.title),
        _gauge(row.energy),
        _gauge(row.skills),
        _gauge(row.practicality),
        _gauge(row.values),
        _fit(row.fit),
        str(row.conversations),
        str(row.to_talk),
        trend_word(row.trend) or "-",
        row.flag,
    )


def _shorten(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def render_text(rows: list[ComparisonRow]) -> str:
    """A plain table, titles cut to fit; the flag on the options with fewer than two conversations."""
    if not rows:
        return EMPTY
    cells = [HEADERS, *(_cells(row) for row in rows)]
    cells = [(_shorten(line[0], TITLE_WIDTH), *line[1:]) for line in cells]
    widths = [max(len(line[column]) for line in cells) for column in range(len(HEADERS))]
    lines = []
    for line in cells:
        parts = [line[0].ljust(widths[0])]
        parts += [cell.rjust(widths[column]) for column, cell in enumerate(line[1:-2], start=1)]
        parts += [line[-2].ljust(widths[-2]), line[-1]]
        lines.append("  ".join(parts).rstrip())
    guessing = sum(row.still_guessing for row in rows)
    lines.append("")
    lines.append(_summary(len(rows), guessing))
    return "\n".join(lines)


def _summary(total: int, guessing: int) -> str:
    options = "1 option" if total == 1 else f"{total} options"
    if not guessing:
        return f"{options}, each with two conversations or more behind it."
    few = "1 has" if guessing == 1 else f"{guessing} have"
    return f"{options}; {few} fewer than two conversations so far: a guess until you talk to more people."


def _md(value: str) -> str:
    """A table cell: pipes and the characters Markdown would read as formatting escaped."""
    for char in "\\|*_`[]<>#":
        value = value.replace(char, "\\" + char)
    return value


def render_md(rows: list[ComparisonRow]) -> str:
    if not rows:
        return f"# Career options\n\n{EMPTY}\n"
    lines = [
        "# Career options",
        "",
        "| " + " | ".join((*HEADERS[:-1], "Flag")) + " |",
        "|---|" + "---:|" * 7 + "---|---|",
    ]
    for row in rows:
        cells = _cells(row)
        lines.append("| " + " | ".join((_md(cells[0]), *cells[1:-1], cells[-1])) + " |")
    lines += ["", _summary(len(rows), sum(row.still_guessing for row in rows)), ""]
    return "\n".join(lines)


def run_careers(args: argparse.Namespace, data: Path) -> int:
    """Errors from the store (CoachError) are reported by `coach.__main__.main`."""
    from coach.services.careers import CareerService
    from coach.store import Store

    store = Store.open(data)
    try:
        rows = CareerService(store).comparison()
    finally:
        store.close()
    if args.format == "json":
        import orjson

        document = {"careers": [row.as_json() for row in rows]}
        sys.stdout.buffer.write(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
        sys.stdout.flush()
    elif args.format == "md":
        print(render_md(rows), end="")
    else:
        print(render_text(rows))
    return EXIT_OK
