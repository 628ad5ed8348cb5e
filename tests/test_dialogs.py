"""The generic dialogs any section can use: they return what was chosen and show people's words as text."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input, Static

from coach.errors import ValidationError
from coach.screens.dialogs import ChoiceDialog, PromptDialog, ReadDialog


class Host(App[None]):
    """A bare app to push one dialog on; its result lands in `results`."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []


async def test_choice_dialog_shows_an_explanation_as_text_and_returns_the_index() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        explanation = "This changed elsewhere: [bold]theirs[/] \x1b[31m"
        app.push_screen(
            ChoiceDialog("Which one?", ["Keep theirs", "Use mine"], explanation=explanation),
            app.results.append,
        )
        await pilot.pause()
        shown = str(app.screen.query_one("#choice-explanation", Static).render())
        assert "[bold]theirs[/]" in shown and "\x1b" not in shown
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.results == [1]


async def test_choice_dialog_without_explanation_has_none_and_esc_returns_none() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ChoiceDialog("Which one?", ["a", "b"], current=1), app.results.append)
        await pilot.pause()
        assert not app.screen.query("#choice-explanation")
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_prompt_dialog_keeps_the_words_when_the_check_refuses_them() -> None:
    def check(value: str) -> None:
        if not value.strip():
            raise ValidationError("Type something first.")

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PromptDialog("Change the words", "", check=check), app.results.append)
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        assert "Type something first." in str(app.screen.query_one("#prompt-hint", Static).render())
        assert app.screen.query_one("#prompt-input", Input).value == " "
        await pilot.press("backspace", *"new words", "enter")
        await pilot.pause()
    assert app.results == ["new words"]


async def test_read_dialog_shows_the_whole_text() -> None:
    text = "word " * 400
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReadDialog(text, "The whole thought"))
        await pilot.pause()
        assert str(app.screen.query_one("#read-text", Static).render()).split() == text.split()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReadDialog)
