"""Run coach (or the one-label app) until its first frame is on screen, then leave at once.

For `bench/instructions.py`, which counts the instructions a start takes: `python bench/first_frame.py
minimal` or `python bench/first_frame.py coach --data FILE`. Leaving with `os._exit` right after the
first frame keeps the quit out of the count.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> None:
    which, arguments = sys.argv[1], sys.argv[2:]
    if which == "minimal":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from minimal_app import MinimalApp

        class FirstFrameOnly(MinimalApp):
            def on_mount(self) -> None:
                self.call_after_refresh(lambda: os._exit(0))

        FirstFrameOnly().run()
        return
    from coach.__main__ import main as coach_main
    from coach.app import CoachApp

    def first_frame_shown(self: CoachApp, screen: object) -> None:
        os._exit(0)

    CoachApp._first_frame_shown = first_frame_shown  # type: ignore[method-assign]
    sys.exit(coach_main(arguments))


if __name__ == "__main__":
    main()
