"""The section bar at the top of every section: each section's key and name, the current one marked."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget


class SectionBar(Widget):
    """One line naming every section and its key; click a name to go there.

    Drawn for its width when painted: its size is fixed (one line, the screen's width), so a new width
    needs a repaint only (a `Static` asks for a new layout of the screen on each `update`)."""

    DEFAULT_CSS = """
    SectionBar {
        width: 1fr;
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, sections: Sequence[tuple[str, str, str, str]], current: str) -> None:
        """`sections` holds (mode, key, name, short name) for each section."""
        super().__init__(id="section-bar")
        self._sections = tuple(sections)
        self.current = current
        self._drawn: tuple[int, Content] | None = None
        """(width, the bar laid out for it), once painted."""

    def render(self) -> Content:
        width = self.size.width
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self._render_bar(width))
        return self._drawn[1]

    def _render_bar(self, width: int) -> Content:
        # Widest first. The current section always keeps its full name; the others shorten only
        # when the terminal is too narrow (80 columns holds every section that way).
        layouts = (
            (3, False, " ", " "),
            (2, False, " ", " "),
            (1, False, " ", " "),
            (1, True, " ", " "),
            (1, True, " ", ""),
        )
        for gap, short, space, lead in layouts:
            bar = self._bar(gap, short, space, lead)
            if bar.cell_length <= width:
                return bar
        return self._bar(1, True, "", "")

    def _bar(self, gap: int, short: bool, space: str, lead: str) -> Content:
        parts: list[Content] = []
        for mode, key, name, short_name in self._sections:
            current = mode == self.current
            label = short_name if short and not current else name
            style = "bold reverse $accent" if current else ""
            item = Content.assemble((f"{key.upper()}{space}", style or "bold $accent"), (label, style))
            parts.append(item.stylize(f"@click=app.go('{mode}')"))
        return Content(lead) + Content(" " * gap).join(parts)
