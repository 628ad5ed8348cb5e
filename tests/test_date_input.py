"""The shared date field echoes what it understood, and refuses what it can't read."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from coach.widgets.date_input import DateInput
from tests.conftest import FIXED_NOW


class DateApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[DateInput.Changed] = []

    def compose(self) -> ComposeResult:
        yield DateInput(now=lambda: FIXED_NOW, id="when")

    def on_date_input_changed(self, event: DateInput.Changed) -> None:
        self.changes.append(event)


def echo(app: App[None]) -> str:
    return str(app.query_one(".date-echo", Static).render())


async def test_echoes_a_readable_date() -> None:
    app = DateApp()
    async with app.run_test() as pilot:
        await pilot.click("#when Input")
        await pilot.press(*"fri 3pm")
        await pilot.pause()
        field = app.query_one(DateInput)
        assert field.when is not None and field.error is None
        assert field.when.value.hour == 15 and field.when.value.weekday() == 4
        assert echo(app) == "→ Fri 27 Nov 2026, 15:00"
        assert app.changes[-1].when == field.when


async def test_an_impossible_date_is_an_inline_error() -> None:
    app = DateApp()
    async with app.run_test() as pilot:
        await pilot.click("#when Input")
        await pilot.press(*"31/02")
        await pilot.pause()
        field = app.query_one(DateInput)
        assert field.when is None
        assert "not a real date" in echo(app)
        assert field.query_one(".date-echo").has_class("-error")


async def test_markup_in_the_date_text_is_shown_literally() -> None:
    app = DateApp()
    async with app.run_test() as pilot:
        await pilot.click("#when Input")
        await pilot.press(*"[bold]x[/]")
        await pilot.pause()
        assert '"[bold]x[/]"' in echo(app)
        assert app.is_running


async def test_a_date_pasted_across_lines_is_read_as_one() -> None:
    from textual import events

    from coach.widgets.text_input import TextInput

    app = DateApp()
    async with app.run_test() as pilot:
        await pilot.click("#when Input")
        field = app.query_one(DateInput)
        field.query_one(TextInput).post_message(events.Paste("fri\n3pm\n"))
        await pilot.pause()
        assert field.text == "fri 3pm"
        assert field.when is not None and field.when.value.hour == 15
        assert echo(app) == "→ Fri 27 Nov 2026, 15:00"


class PastDateApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DateInput(now=lambda: FIXED_NOW, past=True, still_to_come="Log it once it's sent.", id="when")


async def test_a_past_field_reads_a_weekday_back_and_refuses_what_is_still_to_come() -> None:
    app = PastDateApp()
    async with app.run_test() as pilot:
        field = app.query_one(DateInput)
        box = field.query_one(".date-text")
        for typed, expected, refused in [
            ("mon 10:00", "→ Mon 23 Nov 2026, 10:00", False),  # FIXED_NOW is Wednesday 25 Nov 2026
            ("wed", "→ Wed 25 Nov 2026", False),  # today, no time: fine
            ("fri", "→ Fri 20 Nov 2026", False),
            ("next mon", "Mon 30 Nov 2026 is still to come. Log it once it's sent.", True),
            ("23:59", "Wed 25 Nov 2026, 23:59 is still to come. Log it once it's sent.", True),
        ]:
            box.value = typed  # type: ignore[attr-defined]
            await pilot.pause()
            assert echo(app) == expected, typed
            assert (field.when is None, field.error is not None) == (refused, refused), typed
            assert field.query_one(".date-echo").has_class("-error") is refused
