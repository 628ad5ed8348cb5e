"""`SteadyTable`: a DataTable that keeps the rows it drew when its styles come back unchanged."""

from __future__ import annotations

from typing import TypeVar

from textual.widgets import DataTable

from coach.textual_private import styles_version

CellType = TypeVar("CellType")


class SteadyTable(DataTable[CellType]):
    """Textual applies every rule again each time a screen is shown, and a DataTable throws away every
    cell and line it drew on each style update: showing People again drew all its visible cells anew,
    about a third of the key's work. This one keeps them unless a rule of its own styles changed
    (focus and blur change its tint, a theme its colours) or the theme did."""

    _drawn_with: tuple[int, str] | None = None

    def notify_style_update(self) -> None:
        drawn_with = (styles_version(self), self.app.theme)
        if drawn_with == self._drawn_with:
            super(DataTable, self).notify_style_update()  # the widget's own caches; the drawn cells stay
            return
        self._drawn_with = drawn_with
        super().notify_style_update()
