"""Shared pieces for the UI tests: small record and question sets, the main window on a store.

The clock is conftest's `FakeClock` (the `clock` fixture), re-exported here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    AcceptedDate,
    BasisRef,
    DateQuestion,
    MatchingPair,
    MatchingQuestion,
    OrderingItem,
    OrderingQuestion,
    QuestionSet,
    Tolerance,
)
from gensec_quiz.domain.records import RecordId, RecordSet, Source, SourceId, SourceRef, Tenure
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import Store, open_store
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.dialogs.new_learner import NewLearnerDialog
from gensec_quiz.ui.main_window import MainWindow
from gensec_quiz.ui.screens.home import HomeScreen
from gensec_quiz.ui.screens.quiz import QuizScreen
from gensec_quiz.ui.screens.results import ResultsScreen
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget

CTRL = Qt.KeyboardModifier.ControlModifier

TABLE = SourceId("s002")
PROSE = SourceId("s000")


def _ref(quote: str, source: SourceId = TABLE) -> tuple[SourceRef, ...]:
    return (SourceRef(source, quote),)


def _basis(record: str, name: str = "start") -> tuple[BasisRef, ...]:
    return (BasisRef(record, name),)


def records() -> RecordSet:
    """Just enough records for the feedback to name its sources."""
    return RecordSet(
        id="test-records", title="Test records",
        sources=(Source(TABLE, "List of General Secretaries (table)"),
                 Source(PROSE, "History of the office (prose)")),
        tenures=(Tenure(RecordId("stalin"), "Joseph Stalin", "General Secretary",
                        PartialDate(1922, 4, 3)),),
    )


def ordering() -> OrderingQuestion:
    names = [("Joseph Stalin", "stalin"), ("Nikita Khrushchev", "khrushchev"),
             ("Leonid Brezhnev", "brezhnev"), ("Mikhail Gorbachev", "gorbachev")]
    return OrderingQuestion(
        id="q-order", prompt="Put these leaders in the order they took office.",
        explanation="Stalin 1922, Khrushchev 1953, Brezhnev 1964, Gorbachev 1985.",
        difficulty=1, sources=_ref("Stalin … Khrushchev … Brezhnev … Gorbachev"),
        basis=tuple(b for _, key in names for b in _basis(key)),
        items=tuple(OrderingItem(name, _basis(key)) for name, key in names))


def matching() -> MatchingQuestion:
    pairs = [("Joseph Stalin", "1922"), ("Nikita Khrushchev", "1953"),
             ("Leonid Brezhnev", "1964")]
    return MatchingQuestion(
        id="q-match", prompt="Match each leader with the year he took office.",
        explanation="The table gives each start date.", difficulty=2,
        sources=_ref("3 April 1922 … 7 September 1953 … 14 October 1964"),
        basis=tuple(b for name, _ in pairs for b in _basis(name.split()[-1].lower())),
        pairs=tuple(MatchingPair(left, right, _basis(left.split()[-1].lower()))
                    for left, right in pairs),
        extra_right=("1985",))


def year_question() -> DateQuestion:
    return DateQuestion(
        id="q-year", prompt="In which year did Mikhail Gorbachev become General Secretary?",
        explanation="He was elected on 11 March 1985.", difficulty=1,
        sources=_ref("Mikhail Gorbachev … 11 March 1985"), basis=_basis("gorbachev"),
        answer=PartialDate(1985), precision="year",
        tolerance=Tolerance(0, ((1, 0.5), (2, 0.25))))


def day_question() -> DateQuestion:
    return DateQuestion(
        id="q-day", prompt="On which day did Khrushchev become First Secretary?",
        explanation="The sources disagree: 7 or 14 September 1953.", difficulty=3,
        sources=_ref("7 September 1953"), basis=_basis("khrushchev"),
        answer=PartialDate(1953, 9, 7), precision="day",
        accept=(AcceptedDate(PartialDate(1953, 9, 14), _ref("14 September 1953", PROSE)),),
        tolerance=Tolerance(0, ((3, 0.5),)))


def choice_question() -> DateQuestion:
    return DateQuestion(
        id="q-choice", prompt="In which year did Brezhnev become First Secretary?",
        explanation="Khrushchev was removed in October 1964.", difficulty=1,
        sources=_ref("Leonid Brezhnev … 14 October 1964"), basis=_basis("brezhnev"),
        answer=PartialDate(1964), precision="year",
        choices=(PartialDate(1962), PartialDate(1964), PartialDate(1966), PartialDate(1968)))


def question_set(set_id: str = "test-set") -> QuestionSet:
    return QuestionSet(
        id=set_id, title="Test set", records="test-records",
        questions=(ordering(), matching(), year_question(), day_question(), choice_question()))




_LEADERS = (
    ("stalin", "Joseph Stalin", "General Secretary", (1922, 4, 3), (1952, 10, 16)),
    ("khrushchev", "Nikita Khrushchev", "First Secretary", (1953, 9, 7), (1964, 10, 14)),
    ("brezhnev", "Leonid Brezhnev", "First Secretary", (1964, 10, 14), (1982, 11, 10)),
    ("andropov", "Yuri Andropov", "General Secretary", (1982, 11, 12), (1984, 2, 9)),
    ("chernenko", "Konstantin Chernenko", "General Secretary", (1984, 2, 13), (1985, 3, 10)),
    ("gorbachev", "Mikhail Gorbachev", "General Secretary", (1985, 3, 11), (1991, 8, 24)),
)


def rich_records() -> RecordSet:
    """Six tenures, enough for the generator to make every kind of question."""
    def date(parts: tuple[int, int, int]) -> PartialDate:
        return PartialDate(*parts)

    return RecordSet(
        id="test-records", title="Test records",
        sources=(Source(TABLE, "List of General Secretaries (table)"),),
        tenures=tuple(
            Tenure(RecordId(key), person, office, date(start), date(end),
                   sources=_ref(f"{person} {start[0]}"))
            for key, person, office, start, end in _LEADERS),
    )


def data_folder(folder: Path) -> DataFolder:
    """The test's own data folder under `folder` (the one conftest also names in
    GENSEC_QUIZ_DATA_DIR, so that nothing reaches a real user's data)."""
    return DataFolder(folder / "userdata")


class App:
    """A main window on a temporary database (`store`, e.g. the `store` fixture, or one opened
    in `folder`), with its screens at hand."""

    def __init__(self, qtbot: QtBot, folder: Path, clock: FakeClock,
                 record_set: RecordSet | None = None, *, store: Store | None = None) -> None:
        self.qtbot, self.clock = qtbot, clock
        self.store: Store = store or open_store(folder / "quiz.sqlite3", clock=clock)
        self.data = data_folder(folder)
        self.context = AppContext(clock=clock, seed=7, data_dir=self.data.root,
                                  signals=AppSignals(), _records=record_set or records())
        self.window = MainWindow(self.context)
        qtbot.addWidget(self.window)
        self.window.resize(1024, 700)
        self.window.show()
        self.context.store = self.store
        self.context.signals.store_ready.emit()

    @property
    def home(self) -> HomeScreen:
        return self.window.home

    @property
    def quiz(self) -> QuizScreen:
        return self.window.quiz

    @property
    def results(self) -> ResultsScreen:
        return self.window.results

    def click(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def add_learner(self, name: str, monkeypatch: pytest.MonkeyPatch) -> int:
        monkeypatch.setattr(NewLearnerDialog, "ask", classmethod(lambda cls, parent, ex: name))
        self.qtbot.mouseClick(self.home.new_learner_button, Qt.MouseButton.LeftButton)
        assert self.context.learner_id is not None
        return self.context.learner_id

    def start(self, mode: Mode, **options: Any) -> None:
        self.home.start_requested.emit(QuizPlan(question_set(), mode=mode, **options))
        assert self.window.current_key() == "quiz"

    def answers(self) -> list[Any]:
        assert self.quiz.session_id is not None
        return self.store.session_answers(self.quiz.session_id)


def order_by_keyboard(qtbot: QtBot, widget: OrderingWidget) -> None:
    """Select each item and press Ctrl+Up until it sits in its right place."""
    for place in range(widget.list.count()):
        row = widget.order().index(place)
        widget.list.setCurrentRow(row)
        for _ in range(row - place):
            qtbot.keyClick(widget.list, Qt.Key.Key_Up, CTRL)
    assert widget.order() == tuple(range(widget.list.count()))


def order_by_drag(widget: OrderingWidget, wanted: tuple[int, ...]) -> None:
    for place, key in enumerate(wanted):
        row = widget.order().index(key)
        if row != place:
            assert widget.drag_row(row, place)
    assert widget.order() == wanted


def match_by_keyboard(qtbot: QtBot, widget: MatchingWidget, rights: list[str]) -> None:
    for row, right in enumerate(rights):
        combo = widget.combos[row]
        combo.setFocus()
        while combo.currentData() != right:
            qtbot.keyClick(combo, Qt.Key.Key_Down)


def type_date(qtbot: QtBot, widget: DateInputWidget, value: PartialDate) -> None:
    if widget.day is not None:
        qtbot.keyClicks(widget.day, str(value.day))
    if widget.month is not None:
        assert value.month is not None
        widget.month.setFocus()
        for _ in range(value.month):
            qtbot.keyClick(widget.month, Qt.Key.Key_Down)
    assert widget.year is not None
    qtbot.keyClicks(widget.year, str(value.year))


def submit(app: App) -> None:
    qtbot = app.qtbot
    qtbot.mouseClick(app.quiz.submit_button, Qt.MouseButton.LeftButton)


def answer_widget(app: App) -> Any:
    return app.quiz.answer_widget
