"""The section bar at the top of every section: each section's key and name, the current one marked."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.style import Style
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
            if self._width(gap, short, space, lead) <= width:  # measured before any Content is made
                return self._bar(gap, short, space, lead)
        return self._bar(1, True, "", "")

    def _labels(self, short: bool) -> list[str]:
        return [
            short_name if short and mode != self.current else name for mode, _key, name, short_name in self._sections
        ]

    def _width(self, gap: int, short: bool, space: str, lead: str) -> int:
        keys = sum(cell_len(f"{key.upper()}{space}") for _mode, key, _name, _short in self._sections)
        labels = sum(map(cell_len, self._labels(short)))
        return cell_len(lead) + keys + labels + gap * (len(self._sections) - 1)

    def _bar(self, gap: int, short: bool, space: str, lead: str) -> Content:
        parts: list[Content] = []
        for (mode, key, _name, _short), label in zip(self._sections, self._labels(short), strict=True):
            current = mode == self.current
            style = "bold reverse $accent" if current else ""
            item = Content.assemble((f"{key.upper()}{space}", style or "bold $accent"), (label, style))
            # The action as meta, read when clicked (a "@click=..." style would be parsed at each paint).
            parts.append(item.stylize(Style.from_meta({"@click": f"app.go({mode!r})"})))
        return Content(lead) + Content(" " * gap).join(parts)
