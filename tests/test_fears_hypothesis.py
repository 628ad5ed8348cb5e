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
from coach.text import clean_text, is_decodable
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
    if not expected or not is_decodable(text):  # undecodable text is refused, never stored as U+FFFD
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
            if expected and is_decodable(text):  # undecodable text is refused, with the words kept
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


# --- the recurring-thought index gives exactly the brute-force answer --------------------------

MATCH_WORDS = ["what", "if", "they", "say", "no", "not", "just", "me", "think", "stupid", "I'm", "am", "call"]


def _near(words: list[str]) -> st.SearchStrategy[str]:
    """Texts built from a few words, with typos, so that near matches happen often."""
    typo = st.sampled_from(["", "", "", "e", "x", "!", "?", "  ", "'"])
    word = st.tuples(st.sampled_from(words), typo).map("".join)
    return st.lists(word, min_size=1, max_size=7).map(" ".join)


def _brute_force(fears: FearService, text: str) -> Thought | None:
    from coach.services.fears import MATCH_THRESHOLD, similarity

    best: tuple[float, object, int] | None = None
    found: Thought | None = None
    for thought in fears._store.all(Thought):
        score = similarity(text, thought.text)
        if score >= MATCH_THRESHOLD and (best is None or (score, thought.created, thought.id) > best):
            best, found = (score, thought.created, thought.id), thought
    return found


step = st.one_of(
    st.tuples(st.just("add"), _near(MATCH_WORDS)),
    st.tuples(st.just("edit"), _near(MATCH_WORDS)),
    st.tuples(st.just("delete"), st.just("")),
    st.tuples(st.just("again"), st.just("")),
    st.tuples(st.just("outside"), _near(MATCH_WORDS)),
    st.tuples(st.just("look"), st.one_of(_near(MATCH_WORDS), texts)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.lists(st.one_of(_near(MATCH_WORDS), texts), max_size=25), steps=st.lists(step, max_size=25))
def test_matching_and_figures_are_the_brute_force_answer(start: list[str], steps: list[tuple[str, str]]) -> None:
    clock = FakeClock()
    store = Store.memory(clock=clock)
    store.add_many([Thought(text=text) for text in start if clean_text(text).strip()])
    fears = FearService(store)
    fears.prepare_matching()
    for number, (action, text) in enumerate(steps):
        clock.advance(hours=7)  # across days and weeks, so figures move between this week and last
        fears.summary(), fears.reality_check()  # remembered, so the next save carries them over
        ids = [thought.id for thought in store.all(Thought)]
        if action == "add":
            fears.add(text)
        elif action == "outside":  # as a reload from disk would: a new record object, changed words
            if ids:
                old = store.get(Thought, ids[number % len(ids)])
                store.update(Thought(**{**_fields(old), "text": text}))
        elif ids and action == "edit":
            fears.edit(ids[number % len(ids)], text)
        elif ids and action == "delete":
            fears.delete(ids[number % len(ids)])
        elif ids and action == "again":
            fears.add_again(ids[number % len(ids)])
        probe = text or "what if they say no"
        assert fears.find_similar(probe) == _brute_force(fears, probe), (action, probe)
        fresh = FearService(store)
        assert fears.summary() == fresh.summary(), action
        assert fears.reality_check() == fresh.reality_check(), action
    for text in start:
        assert fears.find_similar(text) == _brute_force(fears, text)


def _fields(record: object) -> dict[str, object]:
    import dataclasses

    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}  # type: ignore[arg-type]


folded_texts = st.text(alphabet="abcdeéz 09ß", max_size=60)


@settings(max_examples=300, deadline=None)
@given(first=folded_texts, second=folded_texts)
def test_the_index_bounds_never_fall_below_what_sequencematcher_counts(first: str, second: str) -> None:
    from collections import Counter
    from difflib import SequenceMatcher

    from coach.services.fears import _common_subsequence, _packed_counts, _shared_at_most

    shared = sum((Counter(first) & Counter(second)).values())
    assert _shared_at_most(_packed_counts(first), _packed_counts(second)) >= shared
    masks: dict[str, int] = {}
    for position, char in enumerate(first):
        masks[char] = masks.get(char, 0) | (1 << position)
    longest = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            longest[i + 1][j + 1] = longest[i][j] + 1 if a == b else max(longest[i][j + 1], longest[i + 1][j])
    assert _common_subsequence(masks, len(first), second) == longest[-1][-1]
    matched = sum(block.size for block in SequenceMatcher(None, first, second, autojunk=False).get_matching_blocks())
    assert matched <= longest[-1][-1]
