"""The domain never imports Textual, so it can be used and tested without a terminal."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers.fresh import run_fresh


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
    run_fresh(code)


def test_the_stylesheet_is_found_from_a_checkout() -> None:
    from coach.app import stylesheet_path

    path = stylesheet_path()
    assert path.name == "screens.tcss" and path.exists()
    assert "HomeScreen" in path.read_text(encoding="utf-8")


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth of the file (lazy imports inside functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


PACKAGE = Path(__file__).resolve().parent.parent / "coach"


@pytest.mark.parametrize("folder", ["screens", "widgets"])
def test_screens_and_widgets_never_import_the_store(folder: str) -> None:
    """Screens get services through their constructor; widgets get data handed down. Neither reaches the store."""
    files = sorted((PACKAGE / folder).glob("*.py"))
    assert files
    offenders = {
        f"{path.name}: {name}"
        for path in files
        for name in _imported_modules(path)
        if name == "coach.store" or name.startswith("coach.store.")
    }
    assert not offenders, sorted(offenders)


def test_the_store_check_sees_a_lazy_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from coach.store import Store\n    return Store\n", encoding="utf-8")
    assert "coach.store" in _imported_modules(sample)


def test_services_are_imported_when_first_used() -> None:
    """Opening coach on Home must not import every section's service module."""
    code = (
        "import sys\n"
        "from coach.services import Services\n"
        "from coach.store import Store\n"
        "services = Services.create(Store.memory())\n"
        "services.fears.count()\n"
        "assert 'coach.services.fears' in sys.modules\n"
        "unused = [m for m in ('coach.services.goals', 'coach.services.outreach') if m in sys.modules]\n"
        "assert not unused, unused\n"
        "assert services.today is services.today  # made once\n"
    )
    run_fresh(code)
