"""Shared pieces for the teacher-screen tests: the main window, scripted dialogs, test data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz import paths
from gensec_quiz.application.record_sets import RecordSetLibrary, import_csv
from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.bank.questions_json import save_question_set
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import Store
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog, Notice
from gensec_quiz.ui.main_window import ScreenKey
from gensec_quiz.ui.teacher.area import TeacherArea
from gensec_quiz.ui.teacher.dialogs import (
    ChooseOne,
    NewName,
    OpenCsvFiles,
    OpenQuestionSet,
    OpenResultsFiles,
    SaveFileAs,
)
from store_support import record
from ui_core_support import App, question_set, rich_records

DATA = Path(__file__).resolve().parent / "data" / "teacher"
GOOD_CSV = (DATA / "monarchs.csv", DATA / "royal_events.csv")
BAD_CSV = (DATA / "bad" / "monarchs.csv", DATA / "bad" / "royal_events.csv")


class Dialogs:
    """Every teacher dialog replaced: answers given in advance, questions asked recorded."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.folder = folder
        self.csv_files: list[Path] = []
        self.results_files: list[Path] = []
        self.question_set_file: Path | None = None
        self.confirm = True
        self.new_name: str | None = None
        self.choice: int | None = None
        self.confirmations: list[tuple[str, str]] = []
        self.told: list[str] = []
        self.saved: list[Path] = []
        patches: dict[Any, tuple[str, Any]] = {
            OpenCsvFiles: ("ask", lambda cls, parent: list(self.csv_files)),
            OpenQuestionSet: ("ask", lambda cls, parent: self.question_set_file),
            OpenResultsFiles: ("ask", lambda cls, parent: list(self.results_files)),
            SaveFileAs: ("ask", self._save_as),
            ConfirmDialog: ("ask", self._confirm),
            Notice: ("tell", lambda cls, parent, text: self.told.append(text)),
            NewName: ("ask", lambda cls, parent, *, current: self.new_name),
            ChooseOne: ("ask", lambda cls, parent, *, title, label, names: self.choice),
        }
        for owner, (name, function) in patches.items():
            monkeypatch.setattr(owner, name, classmethod(function))

    def _save_as(self, cls: object, parent: object, *, title: str, suggested: Path,
                 kinds: str) -> Path:
        path = self.folder / suggested.name
        self.saved.append(path)
        return path

    def _confirm(self, cls: object, parent: object, title: str, text: str, *, yes: str) -> bool:
        self.confirmations.append((title, text))
        return self.confirm


class TeacherApp(App):
    """The real main window on a temporary database, its teacher area at hand."""

    def __init__(self, qtbot: QtBot, folder: Path, clock: FakeClock,
                 monkeypatch: pytest.MonkeyPatch, record_set: RecordSet | None = None, *,
                 store: Store | None = None) -> None:
        exports = folder / "exports"
        exports.mkdir(parents=True, exist_ok=True)
        self.dialogs = Dialogs(monkeypatch, exports)
        super().__init__(qtbot, folder, clock, record_set or rich_records(), store=store)
        # the teacher has chosen, on a first visit, to go on without a PIN (the PIN's own
        # paths are played in test_ui_teacher_pin.py)
        assert self.context.teacher_access.go_on_without_pin()

    @property
    def teacher(self) -> TeacherArea:
        return self.window.teacher

    def open_teacher(self, tab: str) -> TeacherArea:
        access = self.context.teacher_access
        if not access.is_open():  # the fake clock moved past the idle minutes: a new visit
            assert access.go_on_without_pin()
        self.window.show_screen(ScreenKey.TEACHER)
        self.teacher.show_tab(tab)
        return self.teacher


def monarchs() -> RecordSet:
    """The monarchs CSV files imported and kept, as the Records tab does."""
    records = import_csv(GOOD_CSV, title="British monarchs")
    RecordSetLibrary(DataFolder.default(), rich_records).keep(records)  # the test's data folder
    return records


def take(store: Store, clock: FakeClock, learner_id: int, quiz: QuestionSet,
         scores: tuple[float, ...], *, finish: bool = True) -> int:
    """A session with one answer per score, recorded as the Quiz screen records them."""
    session_id = store.start_session(learner_id=learner_id, question_set_id=quiz.id,
                                     title=quiz.title, mode=Mode.PRACTICE,
                                     question_count=len(quiz.questions))
    for question, score in zip(quiz.questions, scores, strict=False):
        clock.advance(30)
        record(store, session_id, question.id, kind=question.type, score=score,
               basis=question.basis, seconds=30)
    if finish:
        store.finish_session(session_id)
    return session_id


def locked_exam_app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    clock: FakeClock, store: Store, lock: ClassroomLock) -> TeacherApp:
    """The window with one set, "Test set", locked by the teacher as `lock` says."""
    folder = paths.user_sets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    save_question_set(question_set(), folder / "test-set.json", classroom=lock)
    return TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
