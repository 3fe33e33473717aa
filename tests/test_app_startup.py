"""Start-up: the window before the ORM, one copy per data folder, a damaged database offered its
backup, and backups on a timer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from gensec_quiz import app as app_module
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store
from gensec_quiz.storage.instance import InstanceLock
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.dialogs import damaged
from gensec_quiz.ui.dialogs.confirm import Notice
from gensec_quiz.ui.main_window import MainWindow, ScreenKey
from ui_core_support import FakeClock

SCRIPT = Path(__file__).parent / "data" / "ui_core" / "first_window.py"


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    """The data folder the app is handed (as `launch.py` hands it one)."""
    return DataFolder(tmp_path / "app-data").create()


def _context(clock: FakeClock, folder: DataFolder) -> AppContext:
    return AppContext(clock=clock, seed=1, data_dir=folder.root, signals=AppSignals())


def _first_window(data: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GENSEC_QUIZ_DATA_DIR": str(data)}
    done = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_first_window_shows_before_the_orm_is_imported(tmp_path: Path) -> None:
    seen = _first_window(tmp_path / "data")
    assert seen["title"] == "GenSec Quiz"
    assert seen["screens"][:3] == ["home", "quiz", "results"]  # type: ignore[index]
    assert seen["orm_at_show"] == []
    assert seen["store_open"] is True
    assert seen["orm_after_open"] == ["pydantic", "sqlalchemy", "sqlmodel"]
    assert seen["status"] == 0


def test_learners_can_be_picked_and_added_before_the_orm_is_imported(tmp_path: Path) -> None:
    """On a returning class's file the learners are on the QuickStore, listed by Home, with
    New learner enabled, while neither pydantic nor SQLAlchemy is imported yet."""
    data = DataFolder(tmp_path / "data").create()
    with open_store(data.database) as store:
        store.add_learner("Anna")
        store.add_learner("Boris")
    seen = _first_window(data.root)
    assert seen["learners_ready_before_store"] is True
    assert seen["orm_at_learners_ready"] == []
    assert seen["screen_at_learners_ready"] == "home"
    assert seen["listed"] == ["Anna", "Boris"]
    assert seen["can_add"] is True
    assert seen["store_open"] is True
    assert seen["status"] == 0


def test_a_deferred_window_shows_a_placeholder_then_home_with_learners_from_the_file(
    qtbot: QtBot, folder: DataFolder,
) -> None:
    with open_store(folder.database) as store:
        store.add_learner("Anna")
    window = MainWindow(_context(FakeClock(), folder), defer_first_screen=True)
    qtbot.addWidget(window)
    assert window.current_key() is None
    assert window.stack.currentWidget().objectName() == "opening"
    window.open_first()
    assert window.current_key() == "home"
    home = window.home
    assert [home.learners.item(r).text() for r in range(home.learners.count())] == [
        "Anna"]  # names only until a learner signs in
    assert not home.new_learner_button.isEnabled()  # adding waits for the real store


def test_screens_other_than_home_are_built_when_first_shown(
    qtbot: QtBot, folder: DataFolder,
) -> None:
    window = MainWindow(_context(FakeClock(), folder))
    qtbot.addWidget(window)
    assert "progress" in window.screen_keys()
    assert not window.is_built(ScreenKey.PROGRESS)
    window.show_screen("progress")
    assert window.current_key() == "progress"
    assert window.screen_widget("progress") is window.stack.currentWidget()


def test_a_second_copy_says_so_and_exits_cleanly(
    qapp: object, monkeypatch: pytest.MonkeyPatch, folder: DataFolder
) -> None:
    said: list[str] = []
    monkeypatch.setattr(app_module.AlreadyOpenNotice, "tell",
                        classmethod(lambda cls, text: said.append(text)))
    monkeypatch.setattr(MainWindow, "show", lambda self: pytest.fail("no window expected"))
    with InstanceLock(folder.root) as lock:
        assert lock.acquire()
        assert app_module.run_app(["gensec-quiz"], data=folder) == 0
    assert len(said) == 1 and "already open" in said[0]


def test_a_damaged_database_is_offered_its_latest_good_backup(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, folder: DataFolder
) -> None:
    clock = FakeClock()
    store = open_store(folder.database, clock=clock)
    store.add_learner("Anna")
    store.backup("manual")
    store.close()
    with folder.database.open("r+b") as database:
        database.write(b"this is not a database at all")
    offered: list[str] = []
    monkeypatch.setattr(damaged.RestoreBackupDialog, "ask", classmethod(
        lambda cls, parent, message, backup: offered.append(backup.name) is None))
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, p, text: pytest.fail(text)))
    context = _context(clock, folder)
    window, opener = app_module.build_main_window(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(context.signals.store_ready):
        opener.open()
    assert len(offered) == 1
    assert context.store is not None
    assert [info.name for info in context.store.learners()] == ["Anna"]
    assert list(folder.root.glob("*.damaged-*"))
    opener.close()


def test_backups_are_taken_every_half_hour_when_something_changed(
    qtbot: QtBot, folder: DataFolder,
) -> None:
    clock = FakeClock()
    context = _context(clock, folder)
    window, opener = app_module.build_main_window(context)
    qtbot.addWidget(window)
    opener.open()
    assert context.store is not None
    before = len(context.store.list_backups())
    context.store.add_learner("Boris")
    clock.advance(timedelta(minutes=31).total_seconds())
    opener.periodic_backup()
    assert len(context.store.list_backups()) == before + 1
    opener.close()
    assert context.store is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_opening_the_store_makes_an_older_data_folder_private(
    qtbot: QtBot, folder: DataFolder,
) -> None:
    with open_store(folder.database) as store:
        store.add_learner("Anna")
    folder.root.chmod(0o755)
    folder.database.chmod(0o644)
    context = _context(FakeClock(), folder)
    window, opener = app_module.build_main_window(context)
    qtbot.addWidget(window)
    opener.open()
    assert oct(folder.root.stat().st_mode & 0o777) == oct(0o700)
    assert oct(folder.database.stat().st_mode & 0o777) == oct(0o600)
    opener.close()
