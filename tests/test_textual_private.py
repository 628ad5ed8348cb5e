"""coach's few uses of Textual internals (coach/textual_private.py) still match the installed Textual."""

from __future__ import annotations

import importlib
import io

import pytest
from rich.console import Console
from textual.app import App
from textual.screen import Screen

from coach.screens.fears import FearScreen
from coach.store import Store
from coach.textual_private import PRIVATE_ATTRIBUTES
from tests.helpers.app_factory import make_app


@pytest.mark.parametrize(("owner", "attribute"), PRIVATE_ATTRIBUTES, ids=[f"{o}.{a}" for o, a in PRIVATE_ATTRIBUTES])
def test_private_attribute_still_exists(owner: str, attribute: str) -> None:
    module_name, _, class_name = owner.rpartition(".")
    cls = getattr(importlib.import_module(module_name), class_name)
    instance = App() if cls is App else Screen() if cls is Screen else cls
    assert hasattr(instance, attribute), (
        f"Textual changed: {owner}.{attribute} is gone; update coach/textual_private.py"
    )


async def test_opening_a_section_does_not_reparse_the_stylesheet(memory_store: Store) -> None:
    """What `mark_stylesheet_current` buys: a section's first visit applies no stylesheet refresh."""
    app = make_app(memory_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        calls: list[object] = []
        original = app.refresh_css

        def counting_refresh_css(animate: bool = True) -> None:
            calls.append(animate)
            original(animate)

        app.refresh_css = counting_refresh_css  # type: ignore[method-assign]
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, FearScreen)
        assert calls == [], "_css_update_count no longer stops Textual re-applying the stylesheet on a new mode"


async def test_a_crash_report_shows_no_local_variables(memory_store: Store) -> None:
    app = make_app(memory_store)
    report = io.StringIO()
    app.error_console = Console(file=report, width=100, color_system=None)
    secret = "my secret worry about Ana"

    def crash() -> None:
        typed = secret  # a local, as a handler holding typed text would have
        raise RuntimeError("boom " + str(len(typed)))

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            app.call_later(crash)
            await pilot.pause()
    text = report.getvalue()
    assert "RuntimeError" in text and "boom 25" in text  # the report was printed
    assert secret not in text
    assert "locals" not in text.lower()
