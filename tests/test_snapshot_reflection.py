"""SVG snapshot of the reflection at 100x32: a coffee three hours ago, half reflected on (fixed clock),
shown at the evidence (the kindness scale focused)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.pilot import Pilot

from coach.app import CoachApp
from coach.models import Career, Contact, Interview, PrepItem, Setting, Thought, Warmth
from coach.screens.reflection import ReflectionScreen
from coach.services import Services
from coach.store import Store
from tests.conftest import FakeClock
from tests.helpers.app_factory import make_app

INTERVIEW_ID = 1


def seeded_app() -> CoachApp:
    clock = FakeClock()
    store = Store.memory(clock=clock)
    career = store.add(Career(title="UX research"))
    ana = store.add(Contact(name="Ana [b]Ruiz[/b] 🙂", warmth=Warmth.WARM))
    interview = store.add(
        Interview(contact_id=ana.id, when=clock.now - timedelta(hours=3), career_id=career.id, setting=Setting.COFFEE)
    )
    assert interview.id == INTERVIEW_ID
    store.add(Thought(text="what if I go blank", interview_id=interview.id))
    store.add_many(
        [
            PrepItem(interview_id=interview.id, text="How did you get started?", starred=True, rank=1),
            PrepItem(interview_id=interview.id, text="Who else should I talk to?", starred=True, rank=2),
        ]
    )
    Services.create(store).reflections.save(
        interview.id, learned="Research is mostly [i]listening[/i].\nThey hire juniors in spring.", kindness=5
    )
    return make_app(store)


async def open_reflection(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, CoachApp)
    await pilot.pause()
    screen = ReflectionScreen(app.services.reflections, INTERVIEW_ID)
    app.add_screen_css(screen)
    app.push_screen(screen)
    await pilot.pause()
    await pilot.press("tab", "tab", "tab", "tab", "tab")  # to the evidence: the 1-5 scale, the fears below
    await pilot.pause()


def test_reflection_snapshot(snap_compare: Any) -> None:
    assert snap_compare(seeded_app(), terminal_size=(100, 32), run_before=open_reflection)
