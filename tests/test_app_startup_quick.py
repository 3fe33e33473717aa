"""The start-up's staged opening, played through the real widgets: at `learners_ready` the Store
is not open yet (its loader is held back here), yet a learner picks themselves (offered their
unfinished quiz), adds a new learner (committed to the file) and presses Start, which waits for
the Store and starts the quiz; the Store then holds everything the QuickStore wrote."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget
from pytestqt.qtbot import QtBot

from gensec_quiz import app as app_module
from gensec_quiz.bank.questions_json import save_question_set
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import SessionInfo, Store, open_store
from gensec_quiz.storage.backups import list_backups
from gensec_quiz.storage.quick_read import read_learners
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.dialogs.confirm import Notice
from gensec_quiz.ui.dialogs.new_learner import NewLearnerDialog
from gensec_quiz.ui.dialogs.resume import ResumeDialog
from gensec_quiz.ui.main_window import MainWindow
from store_support import facts, record
from ui_core_support import FakeClock, question_set, rich_records

SET_TITLE = "Test set (5 questions) — from your teacher"


class Held:
    """The Store's loader, held back until `release()` (or for at most 30 s)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.event = threading.Event()
        self.loads = 0
        original = app_module._load_store

        def held(target: str | Path, clock: Callable[[], datetime]) -> Store:
            self.loads += 1
            self.event.wait(30)
            return original(target, clock)

        monkeypatch.setattr(app_module, "_load_store", held)

    def release(self) -> None:
        self.event.set()


class Start:
    """The app's window and opener on a returning class's data folder, opened in stages."""

    def __init__(self, qtbot: QtBot, folder: DataFolder) -> None:
        self.qtbot, self.folder = qtbot, folder
        self.context = AppContext(clock=FakeClock(), seed=1, data_dir=folder.root,
                                  signals=AppSignals(), _records=rich_records())
        self.window, self.opener = app_module.build_main_window(self.context,
                                                                defer_first_screen=True)
        qtbot.addWidget(self.window)
        self.window.resize(1024, 700)
        self.opener.begin()
        self.window.show()
        with qtbot.waitSignal(self.context.signals.learners_ready):
            self.opener.open_in_stages(self.window.open_first)

    @property
    def learners(self) -> QListWidget:
        return self.window.home.learners

    def names(self) -> list[str]:
        return [self.learners.item(row).text() for row in range(self.learners.count())]

    def pick(self, name: str) -> None:
        """Click the learner's row, as a learner does."""
        row = [self.learners.item(r).text() for r in range(self.learners.count())].index(name)
        rect = self.learners.visualItemRect(self.learners.item(row))
        self.qtbot.mouseClick(self.learners.viewport(), Qt.MouseButton.LeftButton,
                              pos=rect.center())

    def status(self) -> str:
        label = self.window.findChild(QLabel, "currentLearner")
        assert label is not None
        return label.text()


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    """Anna (a quiz left with an answer) and Boris, and a teacher's set in the folder."""
    data = DataFolder(tmp_path / "app-data").create()
    with open_store(data.database, clock=FakeClock()) as store:
        anna = store.add_learner("Anna")
        store.add_learner("Boris")
        left = store.start_session(learner_id=anna, question_set_id="test-set", title="Test set",
                                   mode=Mode.PRACTICE, question_count=5)
        record(store, left, "q-order", basis=facts("stalin.start"))
    data.question_sets.mkdir(parents=True, exist_ok=True)
    save_question_set(question_set(), data.question_sets / "test-set.json")
    return data


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    said: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: said.append(text)))
    yield said
    assert said == []


def test_learners_pick_and_add_themselves_before_the_store_opens(
    qtbot: QtBot, folder: DataFolder, monkeypatch: pytest.MonkeyPatch, told: list[str],
) -> None:
    held = Held(monkeypatch)
    backups = len(list_backups(folder.backups))
    start = Start(qtbot, folder)
    context = start.context
    assert context.store is None and context.quick_store is not None
    assert start.names() == ["Anna", "Boris"]
    assert start.window.home.new_learner_button.isEnabled()

    offered: list[list[SessionInfo]] = []
    monkeypatch.setattr(ResumeDialog, "ask", classmethod(
        lambda cls, parent, sessions: offered.append(sessions)))
    start.pick("Anna")
    assert context.learner_id == 1
    assert [[s.title for s in sessions] for sessions in offered] == [["Test set"]]
    assert start.status() == "Learning now: Anna"

    monkeypatch.setattr(NewLearnerDialog, "ask", classmethod(
        lambda cls, parent, existing: "Chen" if existing == ["Anna", "Boris"] else None))
    qtbot.mouseClick(start.window.home.new_learner_button, Qt.MouseButton.LeftButton)
    assert context.store is None  # all of it on the QuickStore
    chen = context.learner_id
    assert chen is not None and start.status() == "Learning now: Chen"
    assert "Chen" in [item.split(" — ")[0] for item in start.names()]
    assert [info.name for info in read_learners(folder.database) or []] == [
        "Anna", "Boris", "Chen"]  # committed to the file

    held.release()
    with qtbot.waitSignal(context.signals.store_ready, timeout=30_000):
        pass
    assert context.quick_store is None
    assert context.store is not None
    assert context.store.learner(chen).name == "Chen"
    assert len(list_backups(folder.backups)) == backups + 1  # the QuickStore's, on closing
    assert start.status() == "Learning now: Chen"
    start.opener.close()
    assert held.loads == 1


def test_start_before_the_store_opens_waits_for_it_and_starts_the_quiz(
    qtbot: QtBot, folder: DataFolder, monkeypatch: pytest.MonkeyPatch, told: list[str],
) -> None:
    held = Held(monkeypatch)
    start = Start(qtbot, folder)
    monkeypatch.setattr(ResumeDialog, "ask", classmethod(lambda cls, parent, sessions: None))
    start.pick("Boris")
    home = start.window.home
    titles = [home.sets.item(r).text() for r in range(home.sets.count())]
    home.sets.setCurrentRow(titles.index(SET_TITLE))
    assert start.context.store is None
    releaser = threading.Timer(0.2, held.release)  # the loader ends while Start waits
    releaser.start()
    qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)
    releaser.join()
    assert home.message.text() == ""
    assert start.window.current_key() == "quiz"
    store = start.context.store
    assert store is not None
    boris = start.context.learner_id
    assert boris == 2
    assert [s.question_set_id for s in store.unfinished_sessions(boris)] == ["test-set"]
    start.opener.close()


def test_closing_while_the_store_is_still_loading_waits_and_closes_it(
    qtbot: QtBot, folder: DataFolder, monkeypatch: pytest.MonkeyPatch, told: list[str],
) -> None:
    held = Held(monkeypatch)
    backups = len(list_backups(folder.backups))
    start = Start(qtbot, folder)
    monkeypatch.setattr(NewLearnerDialog, "ask", classmethod(lambda cls, parent, names: "Dana"))
    qtbot.mouseClick(start.window.home.new_learner_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: held.loads == 1)
    threading.Timer(0.2, held.release).start()
    start.opener.close()  # waits for the loader, closes both stores
    assert start.context.store is None and start.context.quick_store is None
    assert len(list_backups(folder.backups)) == backups + 1
    with open_store(folder.database) as store:
        assert [info.name for info in store.learners()] == ["Anna", "Boris", "Dana"]


def test_a_file_the_quick_store_leaves_alone_is_opened_by_the_store_alone(
    qtbot: QtBot, tmp_path: Path, told: list[str],
) -> None:
    data = DataFolder(tmp_path / "new-data").create()  # no file yet: `open_store` creates it
    context = AppContext(clock=FakeClock(), seed=1, data_dir=data.root, signals=AppSignals(),
                         _records=rich_records())
    window: MainWindow
    window, opener = app_module.build_main_window(context, defer_first_screen=True)
    qtbot.addWidget(window)
    opener.begin()
    with qtbot.waitSignals([context.signals.store_ready, context.signals.learners_ready],
                           timeout=30_000):
        opener.open_in_stages(window.open_first)
    assert context.quick_store is None and context.store is not None
    assert window.home.new_learner_button.isEnabled()
    opener.close()
