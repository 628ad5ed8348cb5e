"""The footer every section shows: Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

from coach.textual_private import compact_before_mount

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

Signature = tuple[tuple[str, str, str, bool], ...]


def shown_keys(screen: Screen[object]) -> Signature:
    """What a footer on `screen` would show: (key, action, description, enabled) of each shown binding."""
    return tuple(
        (key, active.binding.action, active.binding.description, active.enabled)
        for key, active in screen.active_bindings.items()
        if active.binding.show or key == screen.app.COMMAND_PALETTE_BINDING
    )


class SteadyFooter(Footer):
    """Textual's Footer rebuilds every key on each bindings refresh: each time its screen is shown
    again and each time focus moves. This one rebuilds only when what it shows has changed, so
    switching sections does not rebuild it."""

    def __init__(self, *, compact: bool = True) -> None:
        super().__init__(compact=compact)
        self._drawn: Signature | None = None
        """The keys on show, once drawn."""

    def compose(self) -> ComposeResult:
        # Each key Textual makes adds its compact class once mounted, and is styled again then: give it
        # the class now, so that nothing changes when it does.
        for widget in super().compose():
            compact_before_mount(widget)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        will_draw = screen.app.app_focus and self.is_attached and screen is self.screen
        if will_draw:
            keys = shown_keys(screen)
            if keys == self._drawn:
                return
            self._drawn = keys
        super().bindings_changed(screen)
