"""The only places coach relies on Textual internals, each behind one small function.

Textual has no public API for these. tests/test_textual_private.py checks every attribute named
here against the installed Textual, and fails naming the attribute when an upgrade changes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

PRIVATE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("textual.app.App", "_css_update_count"),
    ("textual.screen.Screen", "_css_update_count"),
    ("textual.app.App", "_fatal_error"),
    ("textual.app.App", "_exit_renderables"),
    ("textual.app.App", "_close_messages_no_wait"),
    ("textual.widgets.Input", "_watch_value"),  # overridden by coach.screens.fears.CaptureInput
    ("textual.css.styles.RenderStyles", "_cache_key"),
)
"""(class, attribute) pairs used below; the test looks each one up on a live app and screen."""


def mark_stylesheet_current(screen: Screen[Any], app: App[Any]) -> None:
    """Tell Textual that `screen` has seen the app's current stylesheet.

    A mode's first screen otherwise makes Textual re-parse and re-apply the whole stylesheet
    (about 70 ms of each section's first visit on 2 cores). coach's screens bring no CSS of their
    own (widgets' DEFAULT_CSS is parsed lazily anyway), and a theme change still refreshes every
    screen in the stack, so the app's stylesheet is current for them."""
    screen._css_update_count = app._css_update_count


def styles_version(widget: Widget) -> int:
    """A number that changes whenever a rule of `widget`'s own styles changes (Textual counts the
    changes to key its caches by them); applying the same rules again leaves it as it was."""
    return widget.styles._cache_key


def report_crash_without_locals(app: App[Any]) -> None:
    """Textual's crash report, minus the local variables (which can hold what the person typed).

    The same steps as `App._fatal_error` in Textual 8, with `show_locals=False`."""
    import rich
    from rich.segment import Segments
    from rich.traceback import Traceback

    app.bell()
    traceback = Traceback(show_locals=False, width=None, suppress=[rich])
    app._exit_renderables.append(Segments(app.console.render(traceback, app.console.options)))
    app._close_messages_no_wait()
