"""The README's screenshots, made by the app itself from the demo data, so they always match the app.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Builds the sample month (coach.demo) in memory with a fixed clock, opens the real app headless at
100 x 32, and writes one SVG (Textual's own `save_screenshot`) of each of: Home, the Fear Monger, the
walkthrough before tomorrow's interview, the weekly review and the Careers board. Run it again after
changing a screen; the same code always draws the same pictures. Nothing is written anywhere else.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coach.app import make_app  # noqa: E402
from coach.demo import build_demo  # noqa: E402
from coach.store import Store  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
"""A Wednesday morning: an interview held on Monday, one tomorrow, one next week."""
SIZE = (100, 32)
SHOTS = ("home", "fear-monger", "walkthrough", "weekly-review", "careers")


async def take(out: Path) -> list[Path]:
    store = Store.memory(clock=lambda: NOW)
    ids = build_demo(store, NOW)
    app = make_app(store, watch_interval=None)
    written: list[Path] = []
    async with app.run_test(size=SIZE) as pilot:

        async def settle() -> None:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()

        def save(name: str) -> None:
            written.append(Path(app.save_screenshot(filename=f"{name}.svg", path=str(out))))

        await settle()
        save("home")
        await pilot.press("f3")
        await settle()
        save("fear-monger")
        try:
            from coach.screens.walkthrough import WalkthroughScreen
        except ImportError:
            print("screenshots: no walkthrough screen in this checkout; skipped", file=sys.stderr)
        else:
            await pilot.press("f2")
            await settle()
            app.push_screen(WalkthroughScreen(app.services.walkthrough, ids.upcoming_interview))
            await settle()
            save("walkthrough")
            await pilot.press("escape")
            await settle()
        await pilot.press("f8")
        await settle()
        save("weekly-review")
        await pilot.press("f9")
        await settle()
        await pilot.press("c")  # the options side by side, with their fit gauges
        await settle()
        save("careers")
    store.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="the folder for the SVGs")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in asyncio.run(take(args.out)):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
