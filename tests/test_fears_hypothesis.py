"""Arbitrary text through the fear service and the screen: stored as cleaned, shown literally, nothing raises."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input, OptionList

from coach.errors import ValidationError
from coach.models import Thought
from coach.screens.dialogs import RecurringThoughtDialog
from coach.screens.fears import LIST_LIMIT, FearScreen
from coach.services.fears import FearService
from coach.store import Store
from coach.text import clean_text
from coach.widgets.safe import shorten
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

TRICKY = [
    "[bold]",
    "[/]",
    "[/bold]",
    "[@click=app.quit]x[/]",
    "[link=https://example.com]",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x00",
    "\r\n",
    "\t",
    "\u202e",
    "ماذا لو",
    "🙈",
    "👩🏽‍💻",
    "\ud800",
    "\\",
    "$accent",
    "what if they say no",
]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=5)), max_size=12).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_service_round_trips_cleaned_text(text: str) -> None:
    fears = FearService(Store.memory(clock=FakeClock()))
    expected = clean_text(text).strip()
    fears.find_similar(text)  # never raises, whatever the text
    if not expected:
        with pytest.raises(ValidationError):
            fears.add(text)
        assert fears.count() == 0
        return
    saved = fears.add(text)
    assert saved.text == expected
    assert fears.get(saved.id).text == expected
    assert fears.thoughts()[0].text == expected
    assert fears.find_similar(text) in (saved, None)
    assert fears.summary().total == 1


async def _through_the_screen(batch: list[str]) -> None:
    store = Store.memory(clock=FakeClock())
    app = make_app(store)
    expected_texts: list[str] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FearScreen)
        capture = screen.query_one("#fear-input", Input)
        for text in batch:
            capture.value = text
            capture.focus()
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, RecurringThoughtDialog):
                await pilot.press("n")
                await app.workers.wait_for_complete()
                await pilot.pause()
            expected = clean_text(text).strip()
            if expected:
                expected_texts.append(expected)
        assert app.is_running
        assert isinstance(app.screen, FearScreen)
        assert sorted(t.text for t in store.all(Thought)) == sorted(expected_texts)
        shown = [str(option.prompt) for option in screen.query_one("#fear-list", OptionList).options]
        assert len(shown) == len(expected_texts)
        for expected, prompt in zip(reversed(expected_texts), shown, strict=True):
            assert prompt.startswith(shorten(expected, LIST_LIMIT))


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(texts, min_size=1, max_size=3))
def test_screen_round_trips_and_keeps_running(batch: list[str]) -> None:
    asyncio.run(_through_the_screen(batch))
