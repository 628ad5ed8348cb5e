"""People: everyone you might talk to, warmest first, where each one stands, and who led to whom.

The list is a window of the service's search (`PeopleService.search` hands back a page), never the
whole list: with 15,000 people, each typed character searches in memory and draws one page of rows.
Going down past the last row drawn adds the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, ContentSwitcher, DataTable, Input, Label, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from coach import values
from coach.errors import CoachError, ConflictError, ValidationError
from coach.models import Career, Contact, Warmth
from coach.screens.base import SectionScreen
from coach.screens.dialogs import ChoiceDialog, ConfirmDialog, ReadDialog, use_mine
from coach.services.people import (
    ContactDraft,
    PeoplePage,
    PeopleService,
    PersonStatus,
    ReferralNode,
    parse_warmth,
)
from coach.text import clean_text
from coach.widgets.safe import user_content, user_hit, user_plain, user_rich
from coach.widgets.table import SteadyTable
from coach.widgets.text_input import TextInput

if TYPE_CHECKING:
    from coach.services.imports import ImportPlan, ImportService

PAGE = 100
"""Rows drawn at a time; going down past the last one adds the next page."""

PALETTE_LIMIT = 20
"""People the command palette offers for what is typed."""

SELECT_PAGES = 10
"""Pages drawn at most to bring a person just added or changed under the cursor."""

PICK_LIMIT = 30
"""People offered at once when picking who introduced someone (typing narrows them)."""

NOTES_SHOWN = 240
"""Characters of the notes shown beside the list; v reads them all."""

TREE_EXPANDED = 400
"""A referral tree with up to this many people opens fully; in a bigger one each branch is filled when opened."""

ROOTS_SHOWN = 300
"""People at the top of the tree drawn at most (the rest are named by a count)."""

LIST_VIEW, TREE_VIEW = "people-list-view", "people-tree-view"
PERSON_ACTIONS = frozenset({"edit_person", "delete_person", "show_tree", "ask_person", "read_notes"})
"""The actions on the person at the cursor: offered only once someone is on the list."""

STATUS_WORDS: dict[PersonStatus, str] = {
    PersonStatus.NOT_ASKED: "not asked",
    PersonStatus.WAITING: "waiting",
    PersonStatus.SAID_YES: "said yes",
    PersonStatus.MET: "met",
    PersonStatus.DECLINED: "declined",
    PersonStatus.NO_REPLY: "no reply",
}

STATUS_STYLES: dict[PersonStatus, str] = {
    PersonStatus.NOT_ASKED: "",
    PersonStatus.WAITING: "italic",
    PersonStatus.SAID_YES: "bold",
    PersonStatus.MET: "bold",
    PersonStatus.DECLINED: "dim",
    PersonStatus.NO_REPLY: "dim",
}

EMPTY_TEXT = (
    "No one on your list yet. Press a to add the first person, or i to bring people in from a LinkedIn "
    "export or your phone's contacts.\n\n"
    "Start safe: a friend, a family member, an old colleague you like. "
    "Strangers can wait until asking feels easier."
)

FIELD_WORDS = {
    "name": "the name",
    "warmth": "the rung",
    "how_known": "how you know them",
    "referred_by": "who introduced them",
    "company": "the company",
    "role": "the role",
    "career_id": "the career option",
    "email": "the e-mail",
    "phone": "the phone number",
    "profile_url": "the profile link",
    "notes": "the notes",
}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def rung_counts(people: dict[int, Contact]) -> str:
    """How many people stand on each rung, warmest first ("2 close, 5 warm, 1 cold")."""
    counts = dict.fromkeys(Warmth, 0)
    for contact in people.values():
        counts[contact.warmth] += 1
    return ", ".join(f"{count:,} {warmth.value}" for warmth, count in counts.items() if count)


class PeopleTable(SteadyTable[Text]):
    """The window of people drawn. Its keys act on the highlighted person, so they never fire while typing."""

    BINDINGS = [
        Binding("a", "screen.add_person", "Add", tooltip="Add someone to your list"),
        Binding("e", "screen.edit_person", "Edit", tooltip="Change this person's details"),
        Binding("d,delete", "screen.delete_person", "Delete", tooltip="Remove this person (asks first)"),
        Binding("r", "screen.show_tree", "Referrals", tooltip="Who led to whom"),
        Binding("o", "screen.ask_person", "Ask", tooltip="Log an ask for this person (Outreach)"),
        Binding("i", "screen.import_people", "Import", tooltip="Add people from a LinkedIn export or a vCard file"),
        Binding("v", "screen.read_notes", "Notes", show=False, tooltip="Read this person's notes in full"),
        Binding("slash,s", "screen.focus_search", "Search", tooltip="Search names, companies and notes"),
    ]

    @dataclass
    class Resized(Message):
        """The table's width changed: its columns are made again to fill it."""

        table: PeopleTable

    @dataclass
    class NearEnd(Message):
        """Scrolled (with the mouse) to the last rows drawn: time to draw the next page."""

        table: PeopleTable
        rows: int
        """How many rows were drawn then: if more are drawn by now, this page came already."""

    def on_resize(self) -> None:
        self.post_message(self.Resized(self))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value > old_value and new_value >= self.max_scroll_y - 2:
            self.post_message(self.NearEnd(self, self.row_count))


class ReferralTree(Tree[int]):
    """Who led to whom; each node's data is the contact's id (none for the root)."""

    BINDINGS = [
        Binding("r,escape", "screen.show_list", "List", tooltip="Back to the list of people"),
        Binding("e", "screen.edit_person", "Edit", tooltip="Change this person's details"),
        Binding("a", "screen.add_person", "Add", tooltip="Add someone to your list"),
        Binding("o", "screen.ask_person", "Ask", tooltip="Log an ask for this person (Outreach)"),
    ]


class SearchInput(TextInput):
    """The search line: every character typed narrows the list at once."""

    BINDINGS = [
        Binding("down", "screen.focus_table", "To the list", show=False),
        Binding("escape", "screen.clear_search", "Clear search", show=False),
    ]


class PeopleCommands(Provider):
    """Ctrl+P on People: find a person by any part of their name, company or notes, and go to them."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        if not isinstance(screen, PeopleScreen) or not query.strip():
            return
        matcher = self.matcher(query)
        for contact in screen.find(query):
            score = matcher.match(contact.name) or 0.1  # found by company or notes: listed after name matches
            yield user_hit(
                score,
                contact.name,
                partial(screen.show_person, contact.id),
                help=" · ".join(part for part in (contact.warmth.value, contact.company) if part),
                matcher=matcher,
            )


class ImportCommands(Provider):
    """Ctrl+P on People: bring people in from a LinkedIn export or a vCard file."""

    TEXT = "Import people from a file (LinkedIn CSV or vCard)"

    async def discover(self) -> Hits:
        screen = self.screen
        if isinstance(screen, PeopleScreen):
            yield DiscoveryHit(self.TEXT, screen.action_import_people, help="The same as i on the list")

    async def search(self, query: str) -> Hits:
        screen = self.screen
        if not isinstance(screen, PeopleScreen):
            return
        matcher = self.matcher(query)
        score = matcher.match(self.TEXT)
        if score > 0:
            yield Hit(score, matcher.highlight(self.TEXT), screen.action_import_people, help="The same as i")


class PeopleScreen(SectionScreen):
    """A search line, the list by warmth (a window of rows), the highlighted person's details, and the
    referral tree one key away."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    COMMANDS = {PeopleCommands, ImportCommands}

    def __init__(
        self,
        people: PeopleService,
        *,
        imports: Callable[[], ImportService] | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name)
        self._people = people
        self._imports = imports
        """Makes the import service when i is first pressed (None: importing isn't offered here)."""
        self._query = ""
        self._shown: list[Contact] = []
        self._total = 0
        self._drawn_empty: bool | None = None
        """Whether the list was last drawn empty (no one, no search): the footer's keys follow it."""
        self._statuses: dict[int, PersonStatus] = {}
        self._rows_statuses: dict[int, PersonStatus] | None = None
        """The statuses the drawn rows show."""
        self._drawn: tuple[int, str] | None = None
        """(people version, query) on screen; with the same statuses, nothing redraws while it holds."""
        self._tree_drawn: int | None = None
        """The people version the tree was drawn for."""
        self._unopened: dict[int, ReferralNode] = {}
        """Tree branches (by node id) whose people are added when first opened."""
        self._texts: dict[str, str | Content] = {}
        self._columns_for = 0
        """The table width the columns were made for."""
        """An add, edit or delete is under way (its dialog open)."""

    def compose(self) -> ComposeResult:
        yield self.section_bar()
        yield Static("", id="people-headline", markup=False)
        yield SearchInput(
            placeholder="Search names, companies, notes…  (/ from the list)", compact=True, id="people-search"
        )
        yield Static("", id="people-hint", markup=False)
        with ContentSwitcher(initial=LIST_VIEW, id="people-views"):
            with Horizontal(id=LIST_VIEW):
                with Vertical(id="people-list-box"):
                    yield PeopleTable(id="people-table", cursor_type="row", zebra_stripes=True)
                    yield Static(EMPTY_TEXT, id="people-empty", markup=False)
                with VerticalScroll(id="people-detail"):
                    yield Static("", id="people-detail-text")
            with Vertical(id=TREE_VIEW):
                yield ReferralTree("Who led to whom", id="people-tree")
                yield Static(
                    "No introductions yet. When you add someone, pick who introduced them "
                    "(\u201creferred by\u201d), and the chain shows here.",
                    id="people-tree-empty",
                    markup=False,
                )
        yield self.footer()

    def on_mount(self) -> None:
        table = self.query_one("#people-table", PeopleTable)
        self._add_columns(table, 60)
        self.query_one("#people-list-box").border_title = "Start safe: the warmest first"
        self.query_one("#people-detail").border_title = "Details"
        table.focus()

    # drawing

    def _add_columns(self, table: PeopleTable, width: int) -> None:
        """Columns that fill `width` cells: rung and status fixed, name and company sharing the rest."""
        rest = max(width - 2 * 4 - 1 - 12 - 9, 16)  # each column's padding, the scrollbar, rung, status
        name = max(rest * 3 // 5, 10)
        table.add_column("Name", width=name, key="name")
        table.add_column("Rung", width=12, key="rung")
        table.add_column("Status", width=9, key="status")
        table.add_column("Company", width=rest - name, key="company")
        self._columns_for = width

    @on(PeopleTable.Resized)
    def _fit_columns(self, event: PeopleTable.Resized) -> None:
        table = event.table
        width = table.size.width
        if not width or width == self._columns_for:
            return
        row = table.cursor_row
        table.clear(columns=True)
        self._add_columns(table, width)
        table.add_rows(self._row(contact) for contact in self._shown)
        if self._shown:
            table.move_cursor(row=min(row, len(self._shown) - 1), animate=False)

    def refresh_data(self) -> None:
        version, everyone = self._people.directory()
        # statuses() hands back the very same dict until the outreach log changes.
        statuses = self._people.statuses()
        drawn = (version, self._query)
        if drawn == self._drawn and statuses is self._statuses:
            self._describe()  # a career option renamed or removed meanwhile (no redraw when the words are the same)
            return
        if self._drawn is None or version != self._drawn[0] or statuses is not self._statuses:
            self._statuses = statuses  # a typed character changes only the query: no recount
            self._draw_headline(everyone)
        self._load(reset=self._drawn is None or self._query != self._drawn[1])
        self._drawn = drawn
        if self._tree_showing():
            self._draw_tree()

    def _draw_headline(self, everyone: dict[int, Contact]) -> None:
        if not everyone:
            text = "Your list is empty for now."
        else:
            not_asked = len(everyone) - sum(1 for contact_id in self._statuses if contact_id in everyone)
            text = f"{_people_count(len(everyone))}, {not_asked:,} not asked yet: {rung_counts(everyone)}."
        self._set_text("#people-headline", text)

    def _set_text(self, selector: str, text: str | Content, *, layout: bool = True) -> None:
        """Update a Static only when its words change. `layout=False` for a Static whose size is fixed:
        its new words are drawn without laying the screen out again."""
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            self.query_one(selector, Static).update(text, layout=layout)

    def _load(self, *, reset: bool) -> None:
        """Draw the first window of the search again; stay on the same person when they are still in it."""
        table = self.query_one("#people-table", PeopleTable)
        keep = None if reset else self._current()
        want = max(PAGE, len(self._shown)) if not reset else PAGE
        page = self._people.search(self._query, limit=want)
        same_statuses = self._rows_statuses is self._statuses
        if same_statuses and page.total == self._total and page.contacts == tuple(self._shown):
            self._set_hint()  # the rows on screen are right already; the hint names the query
            self._describe()
            return
        self._rows_statuses = self._statuses
        self._shown = list(page.contacts)
        self._total = page.total
        table.clear()
        table.add_rows(self._row(contact) for contact in self._shown)
        self._show_state()
        if keep is not None:
            for index, contact in enumerate(self._shown):
                if contact.id == keep.id:
                    table.move_cursor(row=index, animate=False)
                    break
        self._describe()

    def _more(self) -> None:
        """Add the next page of rows under the last one drawn."""
        if len(self._shown) >= self._total:
            return
        page: PeoplePage = self._people.search(self._query, offset=len(self._shown), limit=PAGE)
        if not page.contacts:
            return
        self._shown.extend(page.contacts)
        self._total = page.total
        self.query_one("#people-table", PeopleTable).add_rows(self._row(contact) for contact in page.contacts)
        self._set_hint()

    def _row(self, contact: Contact) -> list[Text]:
        status = self._statuses.get(contact.id, PersonStatus.NOT_ASKED)
        return [
            user_rich(contact.name, limit=60),
            Text(contact.warmth.value),
            Text(STATUS_WORDS[status], style=STATUS_STYLES[status]),
            user_rich(contact.company, limit=60),
        ]

    def _show_state(self) -> None:
        empty = not self._shown and not self._query
        if empty != self._drawn_empty:
            self._drawn_empty = empty
            self.refresh_bindings()  # the keys that act on a person show only when someone is listed
        self.query_one("#people-list-box").set_class(empty, "-empty")
        self.query_one("#people-empty").display = empty
        self._set_hint()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in PERSON_ACTIONS:
            return bool(self._shown or self._query)  # with a search on, they say why nothing happens
        return True

    def _set_hint(self, message: str = "", *, error: bool = False) -> None:
        if not message:
            if self._query and not self._total:
                message = f"No one matches \u201c{user_plain(self._query, limit=40)}\u201d. Esc clears the search."
            elif self._query:
                verb = "matches" if self._total == 1 else "match"
                message = f"{_people_count(self._total)} {verb} \u201c{user_plain(self._query, limit=40)}\u201d"
                message += self._window_words()
            elif self._total:
                message = f"{_people_count(self._total)}, warmest first" + self._window_words()
            else:
                message = "a adds someone; F1 shows every key."
        self._set_text("#people-hint", user_content(message), layout=False)  # one line, always
        self.query_one("#people-hint", Static).set_class(error, "-error")

    def _window_words(self) -> str:
        if len(self._shown) < self._total:
            return f" (the first {len(self._shown):,} drawn; going down draws more)."
        return "."

    def _describe(self) -> None:
        """The highlighted person's details beside the list."""
        contact = self._current()
        self.query_one("#people-detail").display = contact is not None
        if contact is None:
            return
        self._set_text("#people-detail-text", self._details(contact))

    def _details(self, contact: Contact) -> Content:
        muted = "$text-muted"
        status = self._statuses.get(contact.id, PersonStatus.NOT_ASKED)
        parts: list[Content] = [
            user_content(contact.name, limit=200, style="bold"),
            Content("\n"),
            Content.styled(contact.warmth.label, muted),
            Content("\n"),
            Content.styled(f"Status: {STATUS_WORDS[status]}", "bold" if status is not PersonStatus.NOT_ASKED else ""),
        ]

        def line(label: str, value: str, limit: int = 200) -> None:
            if value:
                parts.append(Content("\n"))
                parts.append(Content.styled(f"{label}: ", muted))
                parts.append(user_content(value, limit=limit))

        line("How you know them", contact.how_known)
        if contact.referred_by is not None:
            line("Introduced by", self._people.name_of(contact.referred_by), 80)
        line("Company", contact.company)
        line("Role", contact.role)
        line("Career option", self._people.career_title(contact.career_id), 80)
        line("E-mail", contact.email)
        line("Phone", contact.phone)
        line("Profile", contact.profile_url, 300)
        if contact.notes:
            parts.append(Content("\n\n"))
            parts.append(Content.styled("Notes", muted))
            parts.append(Content("\n"))
            parts.append(user_content(contact.notes, limit=NOTES_SHOWN, multiline=True))
            if len(contact.notes) > NOTES_SHOWN:
                parts.append(Content.styled(f"\n({len(contact.notes):,} characters: v reads them all)", muted))
        return Content.assemble(*parts)

    def _current(self) -> Contact | None:
        """The person the list's cursor (or the tree's) is on."""
        if self._tree_showing():
            node = self.query_one("#people-tree", ReferralTree).cursor_node
            if node is None or node.data is None:
                return None
            try:
                return self._people.get(node.data)
            except CoachError:
                return None
        table = self.query_one("#people-table", PeopleTable)
        row = table.cursor_row
        if not self._shown or not 0 <= row < len(self._shown):
            return None
        return self._shown[row]

    def _select(self, contact_id: int) -> bool:
        """Put the list's cursor on `contact_id`, drawing a few more pages when it is further down the
        list. False when they aren't within reach (not matching the search, or thousands of rows down)."""
        table = self.query_one("#people-table", PeopleTable)
        for _page in range(SELECT_PAGES):
            for index, contact in enumerate(self._shown):
                if contact.id == contact_id:
                    table.move_cursor(row=index, animate=False)
                    self._describe()
                    return True
            drawn = len(self._shown)
            self._more()
            if len(self._shown) == drawn:  # everyone matching is drawn, and they aren't among them
                return False
        return False

    # the referral tree

    def _tree_showing(self) -> bool:
        return self.query_one("#people-views", ContentSwitcher).current == TREE_VIEW

    def _draw_tree(self) -> None:
        version, _everyone = self._people.directory()
        tree = self.query_one("#people-tree", ReferralTree)
        if self._tree_drawn == version:
            return
        self._tree_drawn = version
        roots = self._people.referral_tree()
        tree.clear()
        self._unopened.clear()
        introduced = sum(root.count for root in roots)
        tree.root.set_label(
            Text.assemble(("Who led to whom", "bold"), (f"  {_plural(introduced, 'introduction')}", "dim"))
        )
        # A small tree opens fully; a big one (a LinkedIn export) adds each branch's people when it is opened.
        expand_all = introduced + len(roots) <= TREE_EXPANDED
        for root in roots[:ROOTS_SHOWN]:
            self._add_node(tree.root, root, expand_all)
        if len(roots) > ROOTS_SHOWN:
            more = len(roots) - ROOTS_SHOWN
            tree.root.add_leaf(
                Text(f"… and {more:,} more who introduced someone: search for a name, then r", style="italic")
            )
        tree.root.expand()
        self.query_one("#people-tree-empty").display = not roots

    def _add_node(self, parent: TreeNode[int], node: ReferralNode, expand: bool) -> None:
        label = user_rich(node.contact.name, limit=60)
        label.append(f"  {node.contact.warmth.value}", style="dim")
        if node.count:
            label.append(f"  led to {node.count:,}", style="bold")
        if not node.children:
            parent.add_leaf(label, data=node.contact.id)
            return
        branch = parent.add(label, data=node.contact.id, expand=expand, allow_expand=True)
        if expand:
            for child in node.children:
                self._add_node(branch, child, expand)
        else:
            self._unopened[branch.id] = node

    def _open(self, branch: TreeNode[int]) -> None:
        """Add a branch's people the first time it is opened."""
        node = self._unopened.pop(branch.id, None)
        if node is not None:
            for child in node.children:
                self._add_node(branch, child, False)

    @on(Tree.NodeExpanded, "#people-tree")
    def _opened(self, event: Tree.NodeExpanded[int]) -> None:
        self._open(event.node)

    def _select_in_tree(self, contact_id: int) -> None:
        """Put the tree's cursor on `contact_id`, opening the branches that lead to them."""
        tree = self.query_one("#people-tree", ReferralTree)
        chain: list[int] = []
        step: int | None = contact_id
        while step is not None and step not in chain:
            chain.append(step)
            try:
                step = self._people.get(step).referred_by
            except CoachError:
                step = None
        node: TreeNode[int] = tree.root
        for wanted in reversed(chain):
            self._open(node)
            found = next((child for child in node.children if child.data == wanted), None)
            if found is None:
                if node is tree.root:
                    continue  # not a root: someone further down the chain may be
                return
            node.expand()
            node = found
        if node is not tree.root:
            target = node
            tree.call_after_refresh(tree.move_cursor, target)

    def action_show_tree(self) -> None:
        contact = self._current()
        self.query_one("#people-views", ContentSwitcher).current = TREE_VIEW
        self._draw_tree()
        tree = self.query_one("#people-tree", ReferralTree)
        tree.focus()
        if contact is not None:
            self._select_in_tree(contact.id)
        self._set_hint("Who led to whom. Enter opens or closes a branch; r goes back to the list.")

    def action_show_list(self) -> None:
        contact = self._current()
        self.query_one("#people-views", ContentSwitcher).current = LIST_VIEW
        self.query_one("#people-table", PeopleTable).focus()
        self._set_hint()
        if contact is not None:
            self._select(contact.id)  # False: the cursor stays on the first row

    # search

    def find(self, query: str) -> tuple[Contact, ...]:
        """A few people for the command palette, the best matches first."""
        return self._people.search(query, limit=PALETTE_LIMIT).contacts

    def show_person(self, contact_id: int) -> None:
        """Put the cursor on this person (from the palette), narrowing the list to their name if they
        are far down it."""
        if self._tree_showing():
            self.query_one("#people-views", ContentSwitcher).current = LIST_VIEW
        table = self.query_one("#people-table", PeopleTable)
        table.focus()
        if self._select(contact_id):
            return
        try:
            contact = self._people.get(contact_id)
        except CoachError as error:
            self._set_hint(str(error), error=True)
            return
        self._query = contact.name  # set first: the field's Changed message then finds nothing to do
        self.query_one("#people-search", SearchInput).value = contact.name
        self.safe_refresh()
        self._select(contact_id)

    @on(Input.Changed, "#people-search")
    def search(self, event: Input.Changed) -> None:
        if event.value == self._query:
            return
        self._query = event.value
        if self._tree_showing():
            self.query_one("#people-views", ContentSwitcher).current = LIST_VIEW
        self.safe_refresh()

    @on(Input.Submitted, "#people-search")
    def _search_done(self) -> None:
        self.action_focus_table()

    @on(TextInput.LinesPasted, "#people-search")
    def _paste_into_search(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    def action_focus_search(self) -> None:
        self.query_one("#people-search", SearchInput).focus()

    def action_focus_table(self) -> None:
        if self._tree_showing():
            self.query_one("#people-tree", ReferralTree).focus()
        else:
            self.query_one("#people-table", PeopleTable).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#people-search", SearchInput)
        if search.value:
            search.value = ""  # Changed redraws the whole list
        else:
            self.action_focus_table()

    @on(PeopleTable.NearEnd)
    def _scrolled_to_end(self, event: PeopleTable.NearEnd) -> None:
        if event.rows == event.table.row_count:
            self._more()

    @on(DataTable.RowHighlighted, "#people-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self._shown) - 1:
            self._more()
        self._describe()

    @on(DataTable.RowSelected, "#people-table")
    def _selected(self) -> None:
        self.action_edit_person()

    # add, edit, delete

    def _form(self, title: str, draft: ContactDraft, *, contact_id: int | None, error: str = "") -> ContactFormDialog:
        return ContactFormDialog(
            title,
            draft,
            check=lambda typed: self._people.check(typed, contact_id=contact_id),
            search=self._people.search,
            name_of=self._people.name_of,
            careers=self._people.careers(),
            exclude=contact_id,
            error=error,
        )

    @work(group="people-edit")
    async def action_add_person(self) -> None:
        await self.one_at_a_time(self._add_flow)

    async def _add_flow(self) -> None:
        draft = ContactDraft("")
        error = ""
        while True:
            typed = await self.app.push_screen_wait(self._form("Add someone", draft, contact_id=None, error=error))
            if typed is None:
                self._set_hint("Nothing added.")
                return
            try:
                contact = self._people.add(typed)
            except CoachError as failed:  # the form checked it; this is the disk or the file
                draft, error = typed, f"Not saved, your words are still here. {failed}"
                continue
            break
        found = self._after_change(contact.id)
        where = "" if found else " (further down the list: type the name above to find them)"
        self._set_hint(f"Added {user_plain(contact.name, limit=60)}{where}.{self._namesakes_said(contact)}")

    @work(group="people-edit")
    async def action_edit_person(self) -> None:
        await self.one_at_a_time(self._edit_flow)

    async def _edit_flow(self) -> None:
        seen = self._current()
        if seen is None:
            self._nobody()
            return
        draft = ContactDraft.of(seen)
        error = ""
        while True:
            typed = await self.app.push_screen_wait(
                self._form(f"Change {user_plain(seen.name, limit=40)}", draft, contact_id=seen.id, error=error)
            )
            if typed is None:
                self._set_hint("Nothing changed.")
                return
            try:
                saved = self._people.edit(seen.id, typed, seen=seen)
            except ConflictError as clash:
                current = clash.current if isinstance(clash.current, Contact) else None
                if current is None:
                    self._report(clash)
                    return
                if not await use_mine(self.app, self._describe_clash(clash, current)):
                    self.safe_refresh()
                    self._set_hint("Kept the change made elsewhere; yours wasn't saved.")
                    return
                # Mine wins only where I changed something; what changed elsewhere stays.
                before = ContactDraft.of(seen)
                mine = {
                    name: getattr(typed, name)
                    for name in ContactDraft.__match_args__
                    if getattr(typed, name) != getattr(before, name)
                }
                seen, draft = current, values.replace(ContactDraft.of(current), **mine)
                try:
                    saved = self._people.edit(seen.id, draft, seen=seen)
                except CoachError as failed:  # the form comes back with theirs and mine together
                    error = f"Not saved, your words are still here. {failed}"
                    continue
            except CoachError as failed:
                draft, error = typed, f"Not saved, your words are still here. {failed}"
                continue
            break
        found = self._after_change(saved.id)
        where = "" if found else " (now further down the list: type the name above to find them)"
        self._set_hint(f"Saved {user_plain(saved.name, limit=60)}{where}.{self._namesakes_said(saved)}")

    def _namesakes_said(self, contact: Contact) -> str:
        """ " Someone else is called that too (#3)...": people who share a name are told apart by number."""
        others = self._people.namesakes(contact)
        if not others:
            return ""
        numbers = ", ".join(f"#{other.id}" for other in others)
        return f" Also called that: {numbers}. This one is #{contact.id}."

    def _describe_clash(self, clash: ConflictError, current: Contact) -> str:
        fields = [FIELD_WORDS.get(field, field) for field in clash.changes]
        said = ", ".join(fields) or "some of the details"
        return (
            f"While this was open, {said} of {user_plain(current.name, limit=60)} changed elsewhere. "
            "Keep that change, or save what you typed over it?"
        )

    @work(group="people-edit")
    async def action_delete_person(self) -> None:
        await self.one_at_a_time(self._delete_flow)

    async def _delete_flow(self) -> None:
        contact = self._current()
        if contact is None:
            self._nobody()
            return
        led = self._people.referred_by_count(contact.id)
        detail = user_plain(contact.name, limit=120)
        if led:
            detail += f"\n{_people_count(led)} they introduced will stay on your list."
        asks = self._people.asks_to(contact.id)
        if asks:
            entries = "entry" if asks == 1 else "entries"
            detail += f"\nTheir {asks} Outreach log {entries} will stay, shown as “someone removed”."
        detail += "\nThis can't be undone."
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog("Remove this person from your list?", detail, yes="Remove", no="Keep")
        )
        if not confirmed:
            self._set_hint("Kept.")
            return
        row = self.query_one("#people-table", PeopleTable).cursor_row
        try:
            self._people.delete(contact.id)
        except CoachError as failed:
            self._report(failed)
            return
        self.safe_refresh()
        if self._tree_showing():
            self._draw_tree()
        elif self._shown:
            self.query_one("#people-table", PeopleTable).move_cursor(row=min(row, len(self._shown) - 1))
        self._set_hint(f"Removed {user_plain(contact.name, limit=60)}.")

    def _after_change(self, contact_id: int) -> bool:
        """Redraw after a save made here, the cursor on that person; False if they are out of reach."""
        self.safe_refresh()
        if self._tree_showing():
            self._tree_drawn = None
            self._draw_tree()
            self._select_in_tree(contact_id)
            return True
        return self._select(contact_id)

    def _nobody(self) -> None:
        if self._total:
            self._set_hint("Move to someone in the list first (↑↓).")
        elif self._query:
            self._set_hint("No one matches the search: Esc clears it, or a adds someone new.")
        else:
            self._set_hint("No one on your list yet: a adds the first person.")

    def _report(self, error: CoachError) -> None:
        self._set_hint(f"Not saved. {error}", error=True)
        self.notify(user_plain(str(error)), title="Not saved", severity="error", markup=False)
        self.safe_refresh()

    # other keys

    def action_read_notes(self) -> None:
        contact = self._current()
        if contact is None:
            self._nobody()
            return
        if not contact.notes:
            self._set_hint("No notes for this person yet; e adds some.")
            return
        self.app.push_screen(ReadDialog(contact.notes, f"Notes on {user_plain(contact.name, limit=40)}"))

    def action_import_people(self) -> None:
        """Pick a LinkedIn export or a vCard file, see what it holds, then add everyone in one save."""
        if self._imports is None:
            self._set_hint("Importing isn't available here; coach import linkedin FILE does it from a shell.")
            return
        from coach.screens.import_dialog import ImportDialog

        imports = self._imports()
        self.app.push_screen(ImportDialog(imports), partial(self._save_import, imports))

    def _save_import(self, imports: ImportService, plan: ImportPlan | None) -> None:
        if plan is None:
            return
        try:
            summary = imports.apply(plan)
        except CoachError as error:
            self._report(error)
            return
        lines = summary.lines()
        self.notify(user_plain(" ".join(lines), limit=400), title="Imported", markup=False, timeout=8)
        self.safe_refresh()

    def action_ask_person(self) -> None:
        """Go to Outreach to log an ask; if that screen can start one for a person, hand this one over."""
        contact = self._current()
        self.app.switch_mode("outreach")
        if contact is None:
            return

        def hand_over() -> None:
            start = getattr(self.app.screen, "start_ask", None)
            if callable(start):
                start(contact.id)

        self.app.call_after_refresh(hand_over)


def _people_count(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} people"


class PersonPickDialog(ModalScreen[tuple[int | None] | None]):
    """Pick one person by typing part of their name. Returns (id,), (None,) for no one, or None on Esc."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]

    def __init__(self, title: str, search: Callable[..., PeoplePage], *, exclude: int | None = None) -> None:
        super().__init__()
        self._title = title
        self._search = search
        self._exclude = exclude
        self._ids: list[int | None] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box", classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield TextInput(placeholder="Type part of a name", id="pick-search")
            yield OptionList(id="pick-list")
            yield Static(
                "Type to narrow, ↓ to the list, Enter picks, Esc leaves it as it was.",
                id="pick-hint",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#pick-search", TextInput).focus()

    def _fill(self, query: str) -> None:
        page = self._search(query, limit=PICK_LIMIT + 1)
        options: list[Option] = [Option(Content.styled("No one (clear it)", "italic"), id="pick-none")]
        self._ids = [None]
        for contact in page.contacts:
            if contact.id == self._exclude or len(self._ids) > PICK_LIMIT:
                continue
            label = user_content(contact.name, limit=50)
            extra = " · ".join(part for part in (contact.warmth.value, user_plain(contact.company, limit=30)) if part)
            options.append(Option(Content.assemble(label, Content.styled(f"  {extra}", "$text-muted"))))
            self._ids.append(contact.id)
        more = page.total - (len(self._ids) - 1)
        if more > 0:
            options.append(Option(Content.styled(f"… {more:,} more: type more of the name", "italic"), disabled=True))
        listing = self.query_one("#pick-list", OptionList)
        listing.set_options(options)
        listing.highlighted = 1 if len(self._ids) > 1 and query.strip() else 0

    @on(Input.Changed, "#pick-search")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(TextInput.LinesPasted, "#pick-search")
    def _pasted(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @on(Input.Submitted, "#pick-search")
    def _enter(self) -> None:
        index = self.query_one("#pick-list", OptionList).highlighted
        if index is not None and index < len(self._ids):
            self.dismiss((self._ids[index],))

    def key_down(self) -> None:
        if self.query_one("#pick-search", TextInput).has_focus:
            self.query_one("#pick-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#pick-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self._ids):
            self.dismiss((self._ids[event.option_index],))


class ContactFormDialog(ModalScreen[ContactDraft | None]):
    """Every detail of a person on one form. Returns the draft once `check` accepts it, or None on Esc.

    A draft `check` refuses keeps the form open with every field as typed and the reason under them.
    The dialog never saves: the screen does, and reopens the form with the draft if the save fails."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
    ]

    TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
        ("name", "Name", "their full name, as you'd write it"),
        ("how_known", "How you know", "Sam's sister, met at the meetup, …"),
        ("company", "Company", ""),
        ("role", "Role", ""),
        ("email", "E-mail", "name@example.org"),
        ("phone", "Phone", ""),
        ("profile_url", "Profile link", "https://…"),
        ("notes", "Notes", "anything worth remembering"),
    )

    def __init__(
        self,
        title: str,
        draft: ContactDraft,
        *,
        check: Callable[[ContactDraft], object],
        search: Callable[..., PeoplePage],
        name_of: Callable[[int | None], str],
        careers: Sequence[Career] = (),
        exclude: int | None = None,
        error: str = "",
    ) -> None:
        super().__init__()
        self._title = title
        self._draft = draft
        self._check = check
        self._search = search
        self._name_of = name_of
        self._exclude = exclude
        self._error = error
        self._referred_by = draft.referred_by
        self._warmth = _warmth(draft.warmth)
        self._careers = list(careers)
        """The career options on the board, in its order: what the career field offers."""
        self._career_id = draft.career_id if any(career.id == draft.career_id for career in careers) else None
        """The option picked; an option since removed counts as none, as it does everywhere else."""
        self._shown_notes = clean_text(draft.notes)
        """The notes as the one-line field shows them: unchanged, the stored notes (line breaks and all) are kept."""
        self._error_for: ContactDraft | None = None
        """What the form held when the error under it was shown (None: no error shown)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="contact-form", classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            # A two-column grid: labels, fields. Not a Tab stop itself (focus scrolls a field into view).
            with VerticalScroll(id="contact-fields", can_focus=False):
                for key, label, placeholder in self.TEXT_FIELDS[:1]:
                    yield from self._text_row(key, label, placeholder)
                yield Label("Warmth", classes="form-label")
                yield Button(self._warmth_label(), id="contact-warmth", compact=True)
                for key, label, placeholder in self.TEXT_FIELDS[1:2]:
                    yield from self._text_row(key, label, placeholder)
                yield Label("Introduced by", classes="form-label")
                yield Button(self._referrer_label(), id="contact-referred", compact=True)
                for key, label, placeholder in self.TEXT_FIELDS[2:4]:
                    yield from self._text_row(key, label, placeholder)
                yield Label("Career option", classes="form-label")
                yield Button(self._career_label(), id="contact-career", compact=True)
                for key, label, placeholder in self.TEXT_FIELDS[4:]:
                    yield from self._text_row(key, label, placeholder)
            yield Static(
                user_content(self._error), id="contact-error", classes="-error" if self._error else "", markup=False
            )
            yield Static("Tab moves on · Enter or Ctrl+S saves · Esc cancels", classes="dialog-hint", markup=False)

    def _text_row(self, key: str, label: str, placeholder: str) -> ComposeResult:
        value = self._shown_notes if key == "notes" else clean_text(str(getattr(self._draft, key)))
        yield Label(label, classes="form-label")
        yield TextInput(value, placeholder=placeholder, compact=True, id=f"contact-{key.replace('_', '-')}")

    def on_mount(self) -> None:
        self.query_one("#contact-name", TextInput).focus()
        if self._error:
            self._error_for = self.typed()

    def _warmth_label(self) -> Content:
        return Content.assemble(self._warmth.label, Content.styled("  (Enter to change)", "$text-muted"))

    @on(Button.Pressed, "#contact-warmth")
    def _pick_warmth(self) -> None:
        rungs = list(Warmth)

        def picked(index: int | None) -> None:
            if index is not None:
                self._set_warmth(rungs[index])

        self.app.push_screen(
            ChoiceDialog(
                "How well do you know them?",
                [f"{warmth.value}: {warmth.meaning}" for warmth in rungs],
                rungs.index(self._warmth),
                explanation="Start safe: the people at the top of this ladder are the easiest to ask.",
            ),
            picked,
        )

    def _set_warmth(self, warmth: Warmth) -> None:
        self._warmth = warmth
        self.query_one("#contact-warmth", Button).label = self._warmth_label()
        self._clear_error()

    def _referrer_label(self) -> Content:
        if self._referred_by is None:
            return Content.styled("no one (Enter to pick)", "italic")
        return Content.assemble(user_content(self._name_of(self._referred_by), limit=40), "  (Enter to change)")

    @on(Button.Pressed, "#contact-referred")
    def _pick_referrer(self) -> None:
        def picked(result: tuple[int | None] | None) -> None:
            if result is None:
                return
            (self._referred_by,) = result
            self.query_one("#contact-referred", Button).label = self._referrer_label()
            self._clear_error()
            if self._referred_by is not None and self._exclude is None and self._warmth is Warmth.WARM:
                self._set_warmth(Warmth.REFERRED)  # someone introduced: that is the rung, unless changed

        self.app.push_screen(PersonPickDialog("Who introduced them?", self._search, exclude=self._exclude), picked)

    def _career_label(self) -> Content:
        if not self._careers:
            return Content.styled("no careers on the board yet (F9)", "italic")
        title = next((career.title for career in self._careers if career.id == self._career_id), None)
        if title is None:
            return Content.styled("none (Enter to pick)", "italic")
        # 32 cells and the hint fill the field at the form's width (76)
        return Content.assemble(user_content(title, limit=32), Content.styled("  (Enter to change)", "$text-muted"))

    @on(Button.Pressed, "#contact-career")
    def _pick_career(self) -> None:
        if not self._careers:
            self.notify(
                "Add the careers you're exploring under Careers (F9) first; then pick one here.",
                title="No career options yet",
                markup=False,
            )
            return
        ids: list[int | None] = [None, *(career.id for career in self._careers)]

        def picked(index: int | None) -> None:
            if index is not None:
                self._career_id = ids[index]
                self.query_one("#contact-career", Button).label = self._career_label()
                self._clear_error()

        self.app.push_screen(
            ChoiceDialog(
                "Which career could they tell you about?",
                ["none", *(career.title for career in self._careers)],
                ids.index(self._career_id),
                explanation="Under Careers (F9), that option counts them among the people still to talk to.",
            ),
            picked,
        )

    @on(Input.Changed)
    def _field_changed(self) -> None:
        self._clear_error()

    def _show_error(self, message: str) -> None:
        shown = self.query_one("#contact-error", Static)
        shown.update(user_content(message))
        shown.add_class("-error")
        self._error_for = self.typed()

    def _clear_error(self) -> None:
        """The error goes once the form holds something else than when it was shown: it was about what was
        there then. (A field filled as the form opens changes nothing.)"""
        if self._error_for is not None and self.typed() != self._error_for:
            self._error_for = None
            shown = self.query_one("#contact-error", Static)
            shown.update("")
            shown.remove_class("-error")

    @on(TextInput.LinesPasted)
    def _paste_as_one_line(self, event: TextInput.LinesPasted) -> None:
        event.text_input.insert_text_at_cursor(event.as_one_line)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def typed(self) -> ContactDraft:
        """What the form holds now."""

        def value(key: str) -> str:
            return self.query_one(f"#contact-{key.replace('_', '-')}", TextInput).value

        notes = value("notes")
        return ContactDraft(
            name=value("name"),
            warmth=self._warmth,
            how_known=value("how_known"),
            referred_by=self._referred_by,
            company=value("company"),
            role=value("role"),
            career_id=self._career_id,
            email=value("email"),
            phone=value("phone"),
            profile_url=value("profile_url"),
            notes=self._draft.notes if notes == self._shown_notes else notes,
        )

    def action_save(self) -> None:
        draft = self.typed()
        try:
            self._check(draft)
        except ValidationError as error:
            self._show_error(str(error))
            return
        self.dismiss(draft)


def _warmth(value: Warmth | str) -> Warmth:
    try:
        return parse_warmth(value)
    except ValidationError:
        return Warmth.WARM
