"""The domain never imports Textual, so it can be used and tested without a terminal."""

from __future__ import annotations

import subprocess
import sys


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import coach.models, coach.store, coach.services, coach.paths, coach.text, coach.dates, coach.errors\n"
        "import coach.sections, coach.cli_fear, coach.__main__\n"
        "import pkgutil, importlib, coach.services as s\n"
        "for m in pkgutil.iter_modules(s.__path__): importlib.import_module('coach.services.' + m.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_stylesheet_is_found_from_a_checkout() -> None:
    from coach.app import stylesheet_path

    path = stylesheet_path()
    assert path.name == "screens.tcss" and path.exists()
    assert "HomeScreen" in path.read_text(encoding="utf-8")
