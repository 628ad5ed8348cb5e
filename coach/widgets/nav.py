"""The section bar at the top of every section: each section's key and name, the current one marked."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.events import Resize
from textual.widgets import Static


class SectionBar(Static):
    """One line naming every section and its key; click a name to go there."""

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

    def on_mount(self) -> None:
        self.update(self._render_bar(self.size.width or 80))

    def on_resize(self, event: Resize) -> None:
        self.update(self._render_bar(event.size.width))

    def _render_bar(self, width: int) -> Content:
        for gap, short in ((3, False), (2, False), (1, False), (1, True)):
            parts: list[Content] = []
            for mode, key, name, short_name in self._sections:
                label = short_name if short else name
                style = "bold reverse $accent" if mode == self.current else ""
                item = Content.assemble((f"{key.upper()} ", style if style else "bold $accent"), (label, style))
                parts.append(item.stylize(f"@click=app.go('{mode}')"))
            bar = Content(" " * gap).join(parts)
            if bar.cell_length + 2 <= width or short:
                return Content(" ") + bar
        raise AssertionError("unreachable")  # pragma: no cover
