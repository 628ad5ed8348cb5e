"""Careers: the options being explored, the evidence the conversations gave for each, and a comparison.

Three views in one section: the list of options (Enter opens one), one option's evidence with its fit
gauges (1-5 rates the highlighted gauge), and the side-by-side comparison (c), where 1-5 rates the
gauge under the cursor too. Evidence is never typed here: it comes from interviews and reflections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ContentSwitcher, DataTable, Input, Label, OptionList, Static
from textual.widgets.data_table import ColumnKey
from textual.widgets.option_list import Option

from coach.errors import CoachError, ConflictError, NotFoundError, ValidationError
from coach.models import Attraction, Career
from coach.screens.base import SectionScreen
from coach.screens.dialogs import ConfirmDialog, use_mine
from coach.services.careers import (
    GAUGE_LABELS,
    GAUGE_MEANINGS,
    GAUGES,
    STILL_GUESSING,
    CareerEvidence,
    CareerService,
    ComparisonRow,
    fit_of,
    trend_word,
)
from coach.text import clean_text
from coach.widgets.safe import shorten, user_content, user_plain, user_rich
from coach.widgets.table import SteadyTable
from coach.widgets.text_input import TextInput

LIST_VIEW = "careers-list-view"
DETAIL_VIEW = "careers-detail-view"
COMPARE_VIEW = "careers-compare-view"

FLAG = "⚑"
EMPTY_TEXT = (
    "No career options yet. Most people weigh up three or four.\n\n"
    "Press n to add the first: its name, what draws you to it, and what you still want to find out. "
    "Each conversation you hold about it (F7) then adds evidence here: what you learned, and whether "
    "it felt more or less attractive afterwards."
)
IDLE_HINT = "Enter opens one · c: side by side · n adds one · F1: every key"
DETAIL_HINT = "↑↓ picks a gauge, 1-5 rates it, 0 clears it. Esc goes back to the list."
COMPARE_HINT = "On a gauge, 1-5 rates it and 0 clears it. Enter opens the option; Esc: back."
NO_EVIDENCE = (
    "No conversations about it yet. Plan one under Interviews (F7) and link it to this option; "
    "after you reflect on it, what you learned and how it felt show up here."
)
LEGEND = (
    f"{FLAG} still guessing: fewer than two conversations so far, so talk to more people before you decide. "
    "Fit is the average of the gauges you rated."
)
TITLE_LIMIT = 120
NAMES_SHOWN = 12
"""People named in the evidence before "and N more"."""

STARS = "●"
EMPTY_STAR = "○"

FIXED_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("energy", "Energy", 6),
    ("skills", "Skills", 6),
    ("practicality", "Practical", 9),
    ("values", "Values", 6),
    ("fit", "Fit", 3),
    ("talks", "Talks", 5),
    ("trend", "Trend", 6),
)
"""(key, header, width) of every column after the option's name."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def dots(value: int | None) -> str:
    """A rating as five dots ("●●●○○"), or five empty ones when not rated."""
    filled = value or 0
    return STARS * filled + EMPTY_STAR * (5 - filled)


def trend_line(trend: tuple[Attraction, ...]) -> str:
    """Each answer in order ("more → less → more"), with where it leans."""
    if not trend:
        return "no answers yet"
    steps = " → ".join(item.value for item in trend)
    lean = trend_word(trend)
    return f"{steps}  (overall {lean})" if lean and len(trend) > 1 else steps


def figures_line(evidence: CareerEvidence, career: Career) -> str:
    """The card's second line: conversations, people to talk to, fit and trend."""
    parts = [_plural(evidence.conversations, "conversation")]
    if evidence.to_talk:
        parts.append(f"{evidence.to_talk} to talk to")
    fit = fit_of(career)
    parts.append(f"fit {fit:.1f}" if fit is not None else "not rated yet")
    lean = trend_word(evidence.trend)
    if lean:
        parts.append(lean)
    return " · ".join(parts)


def names(people: tuple[str, ...], shown: int = NAMES_SHOWN) -> str:
    """A few names, then how many more ("Ana, Bo and 3 more"), each name cut to a sensible length."""
    listed = ", ".join(shorten(name, 40) for name in people[:shown])
    rest = len(people) - shown
    return f"{listed} and {rest} more" if rest > 0 else listed


@dataclass(frozen=True)
class CareerDraft:
    """What the option form holds, as typed."""

    title: str = ""
    notes: str = ""
    questions: str = ""


class CareerList(OptionList):
    """The options, in the person's order. Its keys act on the highlighted option."""

    BINDINGS = [
        Binding("enter", "select", "Open", tooltip="Open this option: its evidence and fit"),
        Binding("e", "screen.edit_option", "Edit", tooltip="Change its name, what draws you, open questions"),
        Binding("d,delete", "screen.delete_option", "Delete", tooltip="Remove this option (asks first)"),
        Binding("shift+up", "screen.move(-1)", "Up", key_display="⇧↑", tooltip="Move it up the list"),
        Binding("shift+down", "screen.move(1)", "Down", key_display="⇧↓", tooltip="Move it down the list"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            return self.option_count > 0  # Enter opens an option: shown only when there is one
        return super().check_action(action, parameters)


class GaugeList(OptionList):
    """The four fit gauges of the option open. A digit rates the highlighted one."""

    BINDINGS = [
        Binding("1", "screen.rate(1)", "Rate", key_display="1-5", tooltip="Rate the highlighted gauge"),
        *(Binding(str(n), f"screen.rate({n})", f"Rate {n}", show=False) for n in range(2, 6)),
        Binding("0", "screen.rate(0)", "Clear", tooltip="Clear the highlighted gauge"),
        Binding("e", "screen.edit_option", "Edit", tooltip="Change its name, what draws you, open questions"),
        Binding("escape", "screen.show_list", "Back", tooltip="Back to the list of options"),
    ]


class ComparisonTable(SteadyTable[Text]):
    """Every option side by side. A digit on a gauge column rates that gauge."""

    BINDINGS = [
        Binding("1", "screen.rate(1)", "Rate", key_display="1-5", tooltip="Rate the gauge under the cursor"),
        *(Binding(str(n), f"screen.rate({n})", f"Rate {n}", show=False) for n in range(2, 6)),
        Binding("0", "screen.rate(0)", "Clear", tooltip="Clear the gauge under the cursor"),
        Binding("escape,c", "screen.show_list", "List", tooltip="Back to the list of options"),
    ]

    @dataclass
    class Resized(Message):
        """The table's width changed: its columns are made again to fill it."""

        table: ComparisonTable

    def on_resize(self) -> None:
        self.post_message(self.Resized(self))


class CareersScreen(SectionScreen):
    """The options as cards, one option's evidence and gauges, and the comparison table."""

    BINDINGS = [
        Binding("n", "add_option", "New", tooltip="Add a career option"),
        Binding("c", "compare", "Compare", tooltip="Every option side by side"),
    ]

    def __init__(self, careers: CareerService, *, name: str | None = None) -> None:
        super().__init__(name=name)
        self._careers = careers
        self._options: list[Career] = []
        self._rows: list[ComparisonRow] = []
        self._drawn: int | None = None
        """The data version on screen; resuming with nothing changed redraws nothing."""
        self._open_id: int | None = None
        """The option the detail view shows."""
        """An add, edit or delete is under way (its dialog open)."""
        self._columns_for = 0
        """The table width the comparison's columns were made for."""
        self._stale: set[str] = set()
        """Views whose widgets show older data: each is drawn when it is next shown."""
        self._list_ids: list[int] = []
        """The option of each card in the list, in order, as drawn."""
        self._table_ids: list[int] = []
        """The option of each row of the comparison, as drawn."""
        self._table_cells: dict[int, list[Text]] = {}
        """Each drawn row's cells, so a rating redraws only the cells it changed."""
        self._texts: dict[str, str | Content] = {}

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        yield Static("", id="careers-headline", markup=False)
        yield Static(IDLE_HINT, id="careers-hint", markup=False)
        with ContentSwitcher(initial=LIST_VIEW, id="careers-views"):
            with Vertical(id=LIST_VIEW):
                yield CareerList(id="careers-list")
                yield Static(EMPTY_TEXT, id="careers-empty", markup=False)
            with Vertical(id=DETAIL_VIEW):
                yield Static("", id="careers-detail-title")
                with Horizontal(id="careers-detail-body"):
                    with Vertical(id="careers-gauges-box"):
                        yield GaugeList(id="careers-gauges")
                        yield Static("", id="careers-fit", markup=False)
                    with VerticalScroll(id="careers-evidence"):
                        yield Static("", id="careers-evidence-text")
            with Vertical(id=COMPARE_VIEW):
                yield ComparisonTable(id="careers-table", cursor_type="cell", zebra_stripes=True)
                yield Static(LEGEND, id="careers-legend", markup=False)
        yield self.footer()

    def on_mount(self) -> None:
        self.query_one(f"#{LIST_VIEW}").border_title = "Your options, in your order"
        self.query_one("#careers-gauges-box").border_title = "Fit, 1-5"
        self.query_one("#careers-evidence").border_title = "Evidence so far"
        self.query_one(f"#{COMPARE_VIEW}").border_title = "Side by side"
        self.query_one("#careers-list", CareerList).focus()

    # drawing

    def _view(self) -> str:
        return self.query_one("#careers-views", ContentSwitcher).current or LIST_VIEW

    def refresh_data(self) -> None:
        version = self._careers.version
        if version == self._drawn:
            return
        keep = self._current_id()
        had_options = bool(self._options)
        self._options = self._careers.options()
        self._rows = self._careers.comparison()
        self._drawn = self._careers.version
        if had_options != bool(self._options):
            self.refresh_bindings()  # the keys that act on an option show only when there is one
        self._draw_headline()
        # Only the view on show is drawn now; the others when they are next shown.
        self._stale = {LIST_VIEW, DETAIL_VIEW, COMPARE_VIEW}
        self._draw_view(self._view(), keep)

    def _draw_view(self, view: str, keep: int | None = None) -> None:
        """Draw `view` if it shows older data than the screen has; `keep`: the option to stay on."""
        if view not in self._stale:
            return
        self._stale.discard(view)
        if view == LIST_VIEW:
            self._draw_list(keep)
        elif view == DETAIL_VIEW:
            self._draw_detail()
        else:
            self._draw_table(keep)

    def _draw_headline(self) -> None:
        if not self._options:
            text = "Nothing to weigh up yet."
        else:
            guessing = sum(row.still_guessing for row in self._rows)
            text = f"{_plural(len(self._options), 'option')}."
            if guessing:
                text += f" {guessing} still a guess: fewer than two conversations each."
            else:
                text += " Each has two conversations or more behind it."
        self._set_text("#careers-headline", text)

    def _set_text(self, selector: str, text: str | Content) -> None:
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text)

    def _say(self, message: str, *, error: bool = False) -> None:
        """The line under the headline. Its size is fixed (two lines), so new words need no new layout."""
        hint = self.query_one("#careers-hint", Static)
        hint.update(user_content(message), layout=False)
        hint.set_class(error, "-error")

    def _card(self, row: ComparisonRow) -> Content:
        meta = Content(figures_line(row.evidence, row.career)).stylize("$text-muted")
        title = user_content(row.title, limit=TITLE_LIMIT, style="bold")
        if row.still_guessing:
            meta = Content.assemble(meta, Content.styled(f"  {FLAG} still guessing", "$warning"))
        return Content.assemble(title, "\n", meta)

    def _draw_list(self, keep: int | None) -> None:
        options = self.query_one("#careers-list", CareerList)
        if keep is None:
            keep = self._list_id()
        entries: list[Option | None] = []
        for row in self._rows:
            if entries:
                entries.append(None)
            entries.append(Option(self._card(row), id=f"career-{row.career.id}"))
        options.set_options(entries)
        self._list_ids = [row.career.id for row in self._rows]
        self.query_one("#careers-empty").display = not self._rows
        options.display = bool(self._rows)
        if self._rows:
            self._highlight(keep if keep is not None else self._rows[0].career.id)

    def _list_id(self) -> int | None:
        index = self.query_one("#careers-list", CareerList).highlighted
        return self._list_ids[index] if index is not None and 0 <= index < len(self._list_ids) else None

    def _highlight(self, career_id: int) -> None:
        options = self.query_one("#careers-list", CareerList)
        if career_id in self._list_ids:
            options.highlighted = self._list_ids.index(career_id)
        else:
            options.highlighted = 0 if self._list_ids else None

    def _row_of(self, career_id: int | None) -> ComparisonRow | None:
        return next((row for row in self._rows if row.career.id == career_id), None)

    def _gauge_prompt(self, gauge: str, value: int | None) -> Content:
        label = Content.styled(f"{GAUGE_LABELS[gauge]:<13}", "bold")
        shown = Content.styled(dots(value), "$accent") if value else Content.styled(dots(None), "$text-muted")
        number = f" {value}" if value else "  -"
        meaning = Content.styled(f"\n{GAUGE_MEANINGS[gauge]}", "$text-muted")
        return Content.assemble(label, shown, number, meaning)

    def _draw_detail(self) -> None:
        row = self._row_of(self._open_id)
        if row is None:
            self.action_show_list()
            self._say("That option isn't on your list any more.")
            return
        career, evidence = row.career, row.evidence
        self._set_text("#careers-detail-title", user_content(career.title, limit=TITLE_LIMIT, style="bold"))
        gauges = self.query_one("#careers-gauges", GaugeList)
        keep = gauges.highlighted or 0
        prompts = [self._gauge_prompt(gauge, getattr(career, gauge)) for gauge in GAUGES]
        if gauges.option_count == len(GAUGES):
            for index, prompt in enumerate(prompts):
                gauges.replace_option_prompt_at_index(index, prompt)
        else:
            gauges.set_options(prompts)
        gauges.highlighted = keep
        fit = fit_of(career)
        self._set_text(
            "#careers-fit",
            f"Fit {fit:.1f} ({sum(getattr(career, g) is not None for g in GAUGES)} of 4 rated)"
            if fit is not None
            else "Not rated yet",
        )
        self._set_text("#careers-evidence-text", self._evidence_text(career, evidence))

    @staticmethod
    def _evidence_text(career: Career, evidence: CareerEvidence) -> Content:
        parts: list[Content] = []

        def heading(text: str) -> None:
            if parts:
                parts.append(Content("\n\n"))
            parts.append(Content.styled(text, "bold"))

        def line(text: Content | str) -> None:
            parts.append(Content("\n"))
            parts.append(text if isinstance(text, Content) else Content(text))

        heading("What draws you")
        line(
            user_content(career.notes, multiline=True)
            if career.notes
            else Content.styled("not written yet (e)", "$text-muted")
        )
        heading("Open questions")
        line(
            user_content(career.questions, multiline=True)
            if career.questions
            else Content.styled("none written yet (e)", "$text-muted")
        )
        held = evidence.conversations
        heading(f"Conversations held: {held}")
        if evidence.talked_with:
            line(Content.assemble("with ", user_content(names(evidence.talked_with))))
        if evidence.still_guessing:
            line(Content.styled(f"{FLAG} {STILL_GUESSING}", "$warning"))
        if evidence.to_talk:
            heading(f"Still to talk to: {evidence.to_talk}")
            line(user_content(names(evidence.to_talk_names)))
        if not held and not evidence.trend:
            line(Content.styled(NO_EVIDENCE, "$text-muted"))
            return Content.assemble(*parts)
        heading("How it felt afterwards")
        line(trend_line(evidence.trend))
        for reason in evidence.reasons[:3]:
            line(Content.assemble("  “", user_content(reason, limit=300), "”"))
        heading("What you learned, newest first")
        if evidence.learned:
            for lesson in evidence.learned:
                line(Content.assemble("• ", user_content(lesson, limit=600)))
        else:
            line(Content.styled("nothing written down yet: it comes from your reflections", "$text-muted"))
        return Content.assemble(*parts)

    # the comparison table

    def _add_columns(self, table: ComparisonTable, width: int) -> int:
        """Columns that fill `width` cells, the option's name taking what the others leave; its width."""
        fixed = sum(size for _key, _header, size in FIXED_COLUMNS)
        padding = 2 * table.cell_padding * (len(FIXED_COLUMNS) + 1)
        title_width = max(width - fixed - padding - 1, 14)  # 1: room for a scrollbar
        table.add_column("Career", width=title_width, key="title")
        for key, header, size in FIXED_COLUMNS:
            table.add_column(header, width=size, key=key)
        self._columns_for = width
        return title_width

    @on(ComparisonTable.Resized)
    def _fit_columns(self, event: ComparisonTable.Resized) -> None:
        width = event.table.size.width
        if width and width != self._columns_for and self._view() == COMPARE_VIEW:
            self._draw_table(self._current_id())

    def _cells(self, row: ComparisonRow, title_width: int) -> list[Text]:
        title = user_rich(row.title, limit=title_width, style="bold")
        if row.still_guessing:
            flag = f"{FLAG} {STILL_GUESSING}" if title_width >= len(STILL_GUESSING) + 2 else f"{FLAG} still guessing"
            title.append("\n")
            title.append(shorten(flag, title_width), style="italic")
        cells = [title]
        for gauge in GAUGES:
            value = getattr(row.career, gauge)
            cells.append(Text(str(value) if value is not None else "-", justify="center"))
        fit = row.fit
        cells.append(Text(f"{fit:.1f}" if fit is not None else "-", justify="right"))
        cells.append(Text(str(row.conversations), justify="right"))
        cells.append(Text(trend_word(row.trend) or "-"))
        return cells

    def _draw_table(self, keep: int | None) -> None:
        """Every option side by side. When the same options fill columns of the same width, only the
        cells that changed are drawn again (a rating changes two)."""
        table = self.query_one("#careers-table", ComparisonTable)
        width = table.size.width or (self.size.width - 6)  # before its first layout: the view's border and padding
        ids = [row.career.id for row in self._rows]
        if width == self._columns_for and ids == self._table_ids and table.row_count == len(ids):
            title_width = table.columns[ColumnKey("title")].width
            keys = ["title", *(key for key, _header, _size in FIXED_COLUMNS)]
            for row in self._rows:
                cells = self._cells(row, title_width)
                drawn = self._table_cells.get(row.career.id, [])
                for column, (key, cell) in enumerate(zip(keys, cells, strict=True)):
                    if column >= len(drawn) or drawn[column] != cell:
                        table.update_cell(str(row.career.id), key, cell)
                self._table_cells[row.career.id] = cells
        else:
            cursor = table.cursor_coordinate
            table.clear(columns=True)
            title_width = self._add_columns(table, width)
            self._table_cells = {}
            for row in self._rows:
                cells = self._table_cells[row.career.id] = self._cells(row, title_width)
                table.add_row(*cells, height=2, key=str(row.career.id))
            self._table_ids = ids
            if ids:
                table.cursor_coordinate = Coordinate(min(cursor.row, len(ids) - 1), cursor.column)
        if keep in ids:
            table.cursor_coordinate = Coordinate(ids.index(keep), table.cursor_column)
        self._set_text("#careers-legend", LEGEND if ids else "No options to compare yet: n adds the first.")

    # which option

    def _current_id(self) -> int | None:
        """The option the keys act on: the one open, the table's row, or the list's highlight."""
        view = self._view()
        if view == DETAIL_VIEW:
            return self._open_id
        if view == COMPARE_VIEW:
            row = self.query_one("#careers-table", ComparisonTable).cursor_row
            return self._table_ids[row] if 0 <= row < len(self._table_ids) else None
        return self._list_id()

    def _current(self) -> Career | None:
        row = self._row_of(self._current_id())
        return row.career if row is not None else None

    def _nothing_chosen(self) -> None:
        if self._rows:
            self._say("Move to an option first (↑↓).")
        else:
            self._say("No options yet: n adds the first.")

    # views

    def _switch(self, view: str) -> None:
        self.query_one("#careers-views", ContentSwitcher).current = view

    @on(OptionList.OptionSelected, "#careers-list")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self._list_ids):
            self.open_option(self._list_ids[event.option_index])

    def open_option(self, career_id: int) -> None:
        """Show one option's evidence and gauges."""
        self._open_id = career_id
        self._switch(DETAIL_VIEW)
        self.safe_refresh()
        self._stale.discard(DETAIL_VIEW)
        self._draw_detail()
        gauges = self.query_one("#careers-gauges", GaugeList)
        gauges.highlighted = gauges.highlighted or 0
        gauges.focus()
        self._say(DETAIL_HINT)

    def action_show_list(self) -> None:
        keep = self._current_id()
        self._switch(LIST_VIEW)
        self._draw_view(LIST_VIEW, keep)
        if keep is not None:
            self._highlight(keep)
        self.query_one("#careers-list", CareerList).focus()
        self._say(IDLE_HINT)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"edit_option", "delete_option", "move"}:
            return bool(self._options)
        return True

    def action_compare(self) -> None:
        keep = self._current_id()
        self._switch(COMPARE_VIEW)
        self.safe_refresh()
        self._draw_view(COMPARE_VIEW, keep)
        table = self.query_one("#careers-table", ComparisonTable)
        if keep in self._table_ids:
            table.cursor_coordinate = Coordinate(self._table_ids.index(keep), max(table.cursor_column, 1))
        table.focus()
        self._say(COMPARE_HINT if self._rows else "No options to compare yet: n adds the first.")

    @on(DataTable.CellSelected, "#careers-table")
    def _open_from_table(self, event: DataTable.CellSelected) -> None:
        if 0 <= event.coordinate.row < len(self._table_ids):
            self.open_option(self._table_ids[event.coordinate.row])

    # rating

    def _gauge_here(self) -> str | None:
        view = self._view()
        if view == DETAIL_VIEW:
            index = self.query_one("#careers-gauges", GaugeList).highlighted
            return GAUGES[index] if index is not None and 0 <= index < len(GAUGES) else None
        if view == COMPARE_VIEW:
            column = self.query_one("#careers-table", ComparisonTable).cursor_column
            return GAUGES[column - 1] if 1 <= column <= len(GAUGES) else None
        return None

    def action_rate(self, value: int) -> None:
        career = self._current()
        if career is None:
            self._nothing_chosen()
            return
        gauge = self._gauge_here()
        if gauge is None:
            self._say("Move to a gauge first (Energy, Skills, Practical or Values), then press 1-5.")
            return
        rating = value or None
        try:
            saved = self._careers.rate(career.id, gauge, rating, seen=career)
        except ConflictError:
            self.safe_refresh()
            self._say("That option changed elsewhere just now; it shows as it is now. Press the number again.")
            return
        except CoachError as error:
            self._report(error)
            return
        self.safe_refresh()
        title = user_plain(saved.title, limit=40)
        label = GAUGE_LABELS[gauge].lower()
        if rating is None:
            self._say(f"Cleared {label} for {title}.")
        else:
            self._say(f"{title}: {label} {rating} of 5. Fit now {fit_of(saved):.1f}.")

    # add, edit, delete, move

    def _form(self, title: str, draft: CareerDraft, *, career_id: int | None, error: str = "") -> CareerFormDialog:
        def check(typed: CareerDraft) -> None:
            self._careers.check(typed.title, typed.notes, typed.questions, career_id=career_id)

        return CareerFormDialog(title, draft, check=check, error=error)

    @work(group="careers-edit")
    async def action_add_option(self) -> None:
        await self.one_at_a_time(self._add_flow)

    async def _add_flow(self) -> None:
        draft, error = CareerDraft(), ""
        while True:
            typed = await self.app.push_screen_wait(self._form("A career option", draft, career_id=None, error=error))
            if typed is None:
                self._say("Nothing added.")
                return
            try:
                career = self._careers.add(typed.title, typed.notes, typed.questions)
            except CoachError as failed:
                draft, error = typed, f"Not saved, your words are still here. {failed}"
                continue
            break
        self.safe_refresh()
        if self._view() == LIST_VIEW:
            self._highlight(career.id)
        count = len(self._options)
        more = " Two or three more make a good list to compare." if count == 1 else ""
        self._say(f"Added {user_plain(career.title, limit=60)}.{more}")

    @work(group="careers-edit")
    async def action_edit_option(self) -> None:
        await self.one_at_a_time(self._edit_flow)

    async def _edit_flow(self) -> None:
        seen = self._current()
        if seen is None:
            self._nothing_chosen()
            return
        draft, error = CareerDraft(seen.title, seen.notes, seen.questions), ""
        while True:
            typed = await self.app.push_screen_wait(
                self._form(f"Change {user_plain(seen.title, limit=40)}", draft, career_id=seen.id, error=error)
            )
            if typed is None:
                self._say("Nothing changed.")
                return
            try:
                saved = self._careers.edit(
                    seen.id, title=typed.title, notes=typed.notes, questions=typed.questions, seen=seen
                )
            except ConflictError as clash:
                current = clash.current if isinstance(clash.current, Career) else None
                if current is None or not await use_mine(
                    self.app,
                    f"While this was open, {user_plain(current.title if current else seen.title, limit=60)} "
                    "changed elsewhere. Keep that change, or save what you typed over it?",
                ):
                    self.safe_refresh()
                    self._say("Kept the change made elsewhere; yours wasn't saved.")
                    return
                before = CareerDraft(seen.title, seen.notes, seen.questions)
                mine = {name: getattr(typed, name) for name in ("title", "notes", "questions")}
                mine = {name: value for name, value in mine.items() if value != getattr(before, name)}
                seen = current
                draft = CareerDraft(
                    mine.get("title", current.title),
                    mine.get("notes", current.notes),
                    mine.get("questions", current.questions),
                )
                try:
                    saved = self._careers.edit(seen.id, seen=seen, **mine)
                except CoachError as failed:
                    error = f"Not saved, your words are still here. {failed}"
                    continue
            except CoachError as failed:
                draft, error = typed, f"Not saved, your words are still here. {failed}"
                continue
            break
        self.safe_refresh()
        self._say(f"Saved {user_plain(saved.title, limit=60)}.")

    @work(group="careers-edit")
    async def action_delete_option(self) -> None:
        await self.one_at_a_time(self._delete_flow)

    async def _delete_flow(self) -> None:
        career = self._current()
        if career is None:
            self._nothing_chosen()
            return
        row = self._row_of(career.id)
        detail = user_plain(career.title, limit=120)
        if row is not None and (row.conversations or row.to_talk):
            detail += (
                "\nThe people and conversations linked to it stay in People and Interviews; "
                "they just won't count for an option any more."
            )
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog("Remove this career option?", detail, yes="Remove", no="Keep")
        )
        if not confirmed:
            self._say("Kept.")
            return
        try:
            self._careers.delete(career.id)
        except NotFoundError:
            pass  # gone already: the list shows it
        except CoachError as failed:
            self._report(failed)
            return
        if self._view() == DETAIL_VIEW:
            self._switch(LIST_VIEW)
            self.query_one("#careers-list", CareerList).focus()
        self.safe_refresh()
        self._say(f"Removed {user_plain(career.title, limit=60)}.")

    def action_move(self, delta: int) -> None:
        career = self._current()
        if career is None:
            self._nothing_chosen()
            return
        try:
            order = self._careers.move(career.id, delta)
        except CoachError as failed:
            self._report(failed)
            return
        self.safe_refresh()
        self._highlight(career.id)
        place = next(index for index, item in enumerate(order) if item.id == career.id) + 1
        self._say(f"{user_plain(career.title, limit=60)} is number {place} of {len(order)} now.")

    def _report(self, error: CoachError) -> None:
        self._say(f"Not saved. {error}", error=True)
        self.notify(user_plain(str(error)), title="Not saved", severity="error", markup=False)
        self.safe_refresh()


class CareerFormDialog(ModalScreen[CareerDraft | None]):
    """An option's name, what draws you, and open questions. Returns the draft once `check` accepts it.

    The dialog never saves: the screen does, and reopens the form with the draft if the save fails."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
    ]

    FIELDS: tuple[tuple[str, str, str], ...] = (
        ("title", "Name", "e.g. UX design, nursing, teaching"),
        ("notes", "What draws you", "what pulls you towards it"),
        ("questions", "Open questions", "what you still want to find out"),
    )

    def __init__(
        self, title: str, draft: CareerDraft, *, check: Callable[[CareerDraft], object], error: str = ""
    ) -> None:
        super().__init__()
        self._title = title
        self._draft = draft
        self._check = check
        self._error = error
        self._shown = {key: clean_text(getattr(draft, key)) for key, _label, _placeholder in self.FIELDS}
        """What each one-line field shows: unchanged, the stored words (line breaks and all) are kept."""

    def compose(self) -> ComposeResult:
        with Vertical(id="career-form", classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            with Vertical(id="career-fields"):
                for key, label, placeholder in self.FIELDS:
                    yield Label(label, classes="form-label")
                    yield TextInput(self._shown[key], placeholder=placeholder, compact=True, id=f"career-{key}")
            yield Static(
                user_content(self._error), id="career-error", classes="-error" if self._error else "", markup=False
            )
            yield Static("Tab moves on · Enter or Ctrl+S saves · Esc cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#career-title", TextInput).focus()

    @on(TextInput.LinesPasted)
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def typed(self) -> CareerDraft:
        values = {}
        for key, _label, _placeholder in self.FIELDS:
            value = self.query_one(f"#career-{key}", TextInput).value
            values[key] = getattr(self._draft, key) if value == self._shown[key] else value
        return CareerDraft(**values)

    def action_save(self) -> None:
        draft = self.typed()
        try:
            self._check(draft)
        except ValidationError as error:
            shown = self.query_one("#career-error", Static)
            shown.update(user_content(str(error)))
            shown.add_class("-error")
            return
        self.dismiss(draft)
