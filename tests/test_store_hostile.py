"""The store against a hostile world (issue 8): outside edits that hide, clashing edits, damaged records,
folders and files coach may not write, things at the data path that are not files, symlinks, the umask.

Each test here failed on the store before the fix it names.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from coach.errors import ConflictError
from coach.models import Outcome, Thought
from coach.store import Store, protected_paths
from tests.conftest import FakeClock


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- 2. a clash carries what changed, so a screen can show it and let the person choose --------


def test_a_clash_says_which_fields_changed_theirs_and_yours(data_file: Path, clock: FakeClock) -> None:
    app = Store.open(data_file, clock=clock)
    shown = app.add(Thought(text="what if I freeze", likelihood=60))  # what the dialog was opened on
    cli = Store.open(data_file, clock=clock)
    cli.update(dataclasses.replace(cli.get(Thought, shown.id), outcome=Outcome.CAME_TRUE), base=shown)

    with pytest.raises(ConflictError) as caught:
        app.update(dataclasses.replace(shown, outcome=Outcome.PARTLY, likelihood=40), base=shown)

    assert Store.open(data_file).get(Thought, shown.id).outcome is Outcome.CAME_TRUE, "nothing was saved"
    assert Store.open(data_file).get(Thought, shown.id).likelihood == 60
    clash = caught.value
    assert clash.kind is Thought and clash.record_id == shown.id
    assert clash.changes == {"outcome": (Outcome.CAME_TRUE, Outcome.PARTLY)}
    assert clash.current is not None and clash.current.outcome is Outcome.CAME_TRUE
    assert "outcome" in str(clash) and "\n" not in str(clash)
    # Keeping one's own value is a save with the record on disk as the new base.
    kept = app.update(dataclasses.replace(clash.current, outcome=Outcome.PARTLY, likelihood=40), base=clash.current)
    assert Store.open(data_file).get(Thought, shown.id).outcome is Outcome.PARTLY
    assert kept.likelihood == 40


def test_a_clash_is_found_when_the_base_is_what_the_screen_showed_even_after_a_reload(
    data_file: Path, clock: FakeClock
) -> None:
    app = Store.open(data_file, clock=clock)
    shown = app.add(Thought(text="they'll think I'm pushy"))
    Store.open(data_file, clock=clock).update(dataclasses.replace(shown, outcome=Outcome.CAME_TRUE), base=shown)
    assert app.reload_if_changed() is True  # the app's file watcher saw the change before the dialog closed
    with pytest.raises(ConflictError) as caught:
        app.update(dataclasses.replace(shown, outcome=Outcome.DID_NOT_HAPPEN), base=shown)
    assert caught.value.changes == {"outcome": (Outcome.CAME_TRUE, Outcome.DID_NOT_HAPPEN)}
    assert Store.open(data_file).get(Thought, shown.id).outcome is Outcome.CAME_TRUE


# --- 3. what an export may not overwrite ------------------------------------------------------


def test_protected_paths_cover_every_spelling_of_the_data_file_its_lock_and_backups(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "synced" / "coach.json"
    store = Store.open(real, clock=clock)
    store.add(Thought(text="one"))
    clock.advance(days=1)
    store.add(Thought(text="two"))  # makes a daily backup
    link = tmp_path / "link.json"
    link.symlink_to(real)
    monkeypatch.chdir(tmp_path)

    protected = protected_paths(Path("link.json"))

    backups = real.parent / "backups"
    copies = list(backups.iterdir())
    assert copies
    for path in [real, link, real.parent / "coach.json.lock", backups, *copies]:
        assert path.resolve() in protected, path
    assert Path(tmp_path / "synced" / ".." / "synced" / "coach.json").resolve() in protected
    assert (tmp_path / "export.json").resolve() not in protected
