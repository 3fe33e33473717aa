"""A walk through every screen of the real main window, for the size and accessibility tests.

`tour(app)` shows each screen in turn (Home, each kind of question before and after its
feedback, results, progress, timeline, records, each settings page, each teacher tab) and
yields its name while it is on show; `dialogs(app)` builds each of the app's own dialogs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.domain.questions import MatchingPair, MatchingQuestion, QuestionSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.ui.main_window import ScreenKey
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.matching import MatchingWidget
from store_support import record
from ui_core_support import (
    _basis,
    _ref,
    choice_question,
    day_question,
    matching,
    ordering,
    year_question,
)
from ui_teacher_support import TeacherApp, take

SETTINGS_PAGES = ("appearance", "data", "server", "about")
TEACHER_TABS = ("records", "build", "results", "learners", "classroom")


def who_question() -> MatchingQuestion:
    """A "who/which" multiple choice: one pair and three distractors."""
    return MatchingQuestion(
        id="q-who", prompt="Who was General Secretary when the 20th Party Congress met?",
        explanation="Khrushchev gave the Secret Speech at the 20th Congress in February 1956.",
        difficulty=1, sources=_ref("20th Congress … Khrushchev"), basis=_basis("khrushchev"),
        pairs=(MatchingPair("General Secretary in 1956", "Nikita Khrushchev",
                            _basis("khrushchev")),),
        extra_right=("Joseph Stalin", "Leonid Brezhnev", "Yuri Andropov"))


def every_kind() -> QuestionSet:
    return QuestionSet(
        id="every-kind", title="Every kind of question", records="test-records",
        questions=(ordering(), matching(), who_question(), year_question(), day_question(),
                   choice_question()))


def settle() -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def make_app(qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> TeacherApp:
    """The main window with a learner who has finished one quiz (so that Progress, the
    timeline and the teacher's results have something to show)."""
    clock = FakeClock()
    app = TeacherApp(qtbot, folder, clock, monkeypatch)
    learner = app.add_learner("Anna Akhmatova", monkeypatch)
    take(app.store, clock, learner, every_kind(), (1.0, 0.5, 0.0, 1.0, 0.25, 1.0))
    app.context.signals.data_changed.emit()
    return app


def _answer(app: TeacherApp) -> None:
    widget, question = app.quiz.answer_widget, app.quiz.current_question()
    if isinstance(widget, MatchingWidget) and isinstance(question, MatchingQuestion):
        for row, pair in enumerate(question.pairs):
            widget.choose(row, pair.right)
    elif isinstance(widget, DateInputWidget):
        if widget.choices is not None:
            widget.choices.select(0)
        else:
            answer = getattr(question, "answer", None)
            if answer is not None:
                widget.enter(answer)


def tour(app: TeacherApp) -> Iterator[str]:
    """Show every screen in turn; yields the name of the one on show."""
    window = app.window
    window.show_screen(ScreenKey.HOME)
    settle()
    yield "home"
    app.home.start_requested.emit(QuizPlan(every_kind(), mode=Mode.PRACTICE))
    settle()
    while app.quiz.session is not None and app.quiz.current_question() is not None:
        question = app.quiz.current_question()
        assert question is not None
        yield f"quiz-{question.id}"
        _answer(app)
        app.quiz.submit()
        settle()
        yield f"quiz-{question.id}-feedback"
        app.quiz.next_question()
        settle()
    assert window.current_key() is ScreenKey.RESULTS
    yield "results"
    for key in (ScreenKey.PROGRESS, ScreenKey.TIMELINE, ScreenKey.RECORDS):
        window.show_screen(key)
        settle()
        yield key.value
    window.show_screen(ScreenKey.SETTINGS)
    for page in SETTINGS_PAGES:
        window.settings.show_page(page)
        settle()
        yield f"settings-{page}"
    for tab in TEACHER_TABS:
        app.open_teacher(tab)
        settle()
        yield f"teacher-{tab}"


def dialogs(app: TeacherApp) -> Iterator[tuple[str, QDialog]]:
    """Each of the app's own dialogs, shown (not run), then closed."""
    from gensec_quiz.application.quiz_run import resumable
    from gensec_quiz.ui.dialogs.new_learner import NewLearnerDialog
    from gensec_quiz.ui.dialogs.resume import ResumeDialog
    from gensec_quiz.ui.dialogs.teacher_pin import PinDialog, PinPurpose

    learner = app.context.learner_id
    assert learner is not None
    session = app.store.start_session(learner_id=learner, question_set_id="every-kind",
                                      title="Every kind of question", mode=Mode.PRACTICE,
                                      question_count=6)
    record(app.store, session, "q-order", kind="ordering", score=1.0,
           basis=ordering().basis, seconds=20)
    made: list[tuple[str, QDialog]] = [
        ("new-learner", NewLearnerDialog(["Anna Akhmatova"], app.window)),
        ("resume", ResumeDialog(resumable(app.store, learner), app.window)),
    ]
    for purpose in PinPurpose:
        made.append((f"pin-{purpose.value}",
                     PinDialog(app.context.teacher_access, purpose, app.window)))
    for name, dialog in made:
        dialog.show()
        settle()
        yield name, dialog
        dialog.close()


# ---------------------------------------------------------------- what "on screen" means


def interactive(root: QWidget) -> list[QWidget]:
    """The widgets under `root` a learner can reach: shown and taking keyboard focus."""
    found = []
    for widget in root.findChildren(QWidget):
        if (widget.isVisibleTo(root) and widget.isEnabled()
                and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
                and widget.focusProxy() is None  # a view's viewport: the view takes focus
                and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)
                and not _inside_combo_popup(widget)):
            found.append(widget)
    return found


def _inside_combo_popup(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.isWindow() and parent.objectName() == "" and isinstance(
                parent.parentWidget(), QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def placement_problem(widget: QWidget, root: QWidget) -> str | None:
    """Why `widget` cannot be seen or reached inside `root`, or None when it can: it must lie
    inside every ancestor up to `root`, except that inside a scroll area it only has to lie
    within the scrolled content (the scroll area then must itself be in view)."""
    rect = QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None and child is not root:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            if isinstance(area, QScrollArea) and child is area.widget():
                inner = QRect(widget.mapTo(child, widget.rect().topLeft()), widget.size())
                if not child.rect().contains(inner):
                    return f"outside the scrolled content of {_name(area)}"
            return placement_problem(area, root)  # scrolled into view when it takes focus
        mapped = QRect(widget.mapTo(parent, widget.rect().topLeft()), widget.size())
        if not parent.rect().contains(mapped):
            return f"clipped by {_name(parent)} ({_rect(mapped)} not in {_rect(parent.rect())})"
        child, parent = parent, parent.parentWidget()
    if not root.rect().contains(rect):
        return f"outside the window ({_rect(rect)})"
    return None


def squeeze_problem(widget: QWidget) -> str | None:
    """A button or choice given less room than it needs to show its text."""
    if not isinstance(widget, QAbstractButton | QComboBox) or isinstance(
            widget.parentWidget(), QTabBar):  # a tab bar's own scroll arrows
        return None
    need = widget.minimumSizeHint()
    if widget.width() + 1 < need.width() or widget.height() + 1 < need.height():
        return f"squeezed to {widget.width()}x{widget.height()} (needs {need.width()}x" \
               f"{need.height()})"
    return None


def _name(widget: QWidget) -> str:
    label = widget.accessibleName() or widget.objectName()
    text = getattr(widget, "text", None)
    if not label and callable(text):
        label = str(text())
    return f"{type(widget).__name__}({label!r})"


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


def describe(widget: QWidget) -> str:
    return _name(widget)
