"""A learner in a locked exam, as a curious one would try it, through the real window: every
screen key, Escape, function and menu keys, every Alt+letter, Tab through everything; none of
them reaches the Teacher area, Records, Timeline or another screen (the teacher's visit left
open on purpose: the exam holds on its own). Closing the window mid-exam keeps the attempt, its
clock and the answer on screen; a learner signing in or starting a quiz ends the teacher's
visit, so the learner's own Ctrl+8 asks the PIN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.application.teacher_pin import TeacherPin
from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store
from gensec_quiz.ui.dialogs.resume import ResumeDialog
from gensec_quiz.ui.dialogs.teacher_pin import PinDialog, PinPurpose
from gensec_quiz.ui.main_window import ScreenKey
from gensec_quiz.ui.widgets.ordering import OrderingWidget
from ui_core_support import App, answer_widget
from ui_teacher_support import TeacherApp, locked_exam_app

LOCK = ClassroomLock("exam", 10, False)
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
# the screens a learner must not reach during an exam (Home and the Quiz itself aside)
SHUT = (ScreenKey.RESULTS, ScreenKey.PROGRESS, ScreenKey.TIMELINE, ScreenKey.RECORDS,
        ScreenKey.SETTINGS, ScreenKey.TEACHER)


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    yield locked_exam_app(qtbot, tmp_path, monkeypatch, clock, store, LOCK)


def _start(app: TeacherApp) -> None:
    home = app.home
    home.sets.setCurrentRow(next(r for r in range(home.sets.count())
                                 if "Test set" in home.sets.item(r).text()))
    app.click(home.start_button)
    assert app.window.current_key() is ScreenKey.QUIZ and app.quiz.plan is not None
    assert app.quiz.plan.mode is Mode.EXAM


def _press(app: App, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """A key pressed where the focus is (the window when nothing has it); after an Alt+letter,
    the time a button's mnemonic takes to click it (Qt animates the press for 100 ms)."""
    target = QApplication.focusWidget() or app.window
    app.qtbot.keyClick(target, key, modifiers)
    if modifiers == ALT:
        app.qtbot.wait(120)


def _visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]


def _assert_shut_in(app: TeacherApp, *allowed: ScreenKey) -> None:
    window = app.window
    assert window.current_key() in allowed
    assert window.stack.currentWidget() in [window.screen_widget(k) for k in allowed]
    assert not any(window.is_built(key) for key in SHUT), [
        key for key in SHUT if window.is_built(key)]
    assert window.pin_dialog is None  # not even the PIN dialog opened
    assert _visible_windows() == [window]


# Ctrl+0 … Ctrl+9 (the screens are Ctrl+1 … Ctrl+8), and what else a learner might try
SCREEN_KEYS = [(Qt.Key(Qt.Key.Key_0.value + n), CTRL) for n in range(10)]
OTHER_KEYS = [
    (Qt.Key.Key_L, CTRL), (Qt.Key.Key_W, CTRL), (Qt.Key.Key_F, CTRL), (Qt.Key.Key_Comma, CTRL),
    (Qt.Key.Key_Tab, CTRL), (Qt.Key.Key_Backtab, CTRL | SHIFT), (Qt.Key.Key_PageDown, CTRL),
    (Qt.Key.Key_PageUp, CTRL), (Qt.Key.Key_Left, ALT), (Qt.Key.Key_Right, ALT),
    (Qt.Key.Key_Escape, NONE), (Qt.Key.Key_Menu, NONE), (Qt.Key.Key_F10, SHIFT),
    (Qt.Key.Key_F4, ALT), (Qt.Key.Key_F4, CTRL),
    *[(Qt.Key(Qt.Key.Key_F1.value + n), NONE) for n in range(12)],
]
# every Alt+letter but L (Finish later: allowed, played below)
ALT_LETTERS = [(Qt.Key(Qt.Key.Key_A.value + n), ALT) for n in range(26)
               if Qt.Key(Qt.Key.Key_A.value + n) is not Qt.Key.Key_L]


def test_no_key_a_learner_presses_in_an_exam_reaches_another_screen(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.dialogs.confirm = False  # "Submit all and finish?" and the like: the learner says no
    app.add_learner("Anna", monkeypatch)
    _start(app)
    session_id = app.quiz.session_id
    for key, modifiers in SCREEN_KEYS + OTHER_KEYS + ALT_LETTERS + SCREEN_KEYS:
        _press(app, key, modifiers)
        _assert_shut_in(app, ScreenKey.QUIZ)
    assert app.quiz.running() and app.quiz.session_id == session_id  # the same attempt runs
    # the navigation list keeps only the Quiz: its keys move nowhere
    app.window.nav.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_PageDown, Qt.Key.Key_Up,
                Qt.Key.Key_Home, Qt.Key.Key_R, Qt.Key.Key_T, Qt.Key.Key_Space):
        app.qtbot.keyClick(app.window.nav, key)
        _assert_shut_in(app, ScreenKey.QUIZ)
    # Finish later (Alt+L) puts the exam aside: Home, and still no other screen
    app.quiz.setFocus()  # the focus back in the exam, out of the navigation list
    _press(app, Qt.Key.Key_L, ALT)
    _assert_shut_in(app, ScreenKey.HOME)
    for key, modifiers in SCREEN_KEYS + OTHER_KEYS:
        _press(app, key, modifiers)
        _assert_shut_in(app, ScreenKey.HOME, ScreenKey.QUIZ)
    assert session_id is not None and not app.store.session(session_id).finished


def test_tab_through_an_exam_reaches_only_the_exam_and_switch_learner(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    _start(app)
    window = app.window
    window.activateWindow()
    answer_widget(app).setFocus()
    reached: list[QWidget] = []
    for backwards in (False, True):
        for _ in range(60):
            _press(app, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab,
                   SHIFT if backwards else NONE)
            focus = QApplication.focusWidget()
            assert focus is not None
            reached.append(focus)
            in_status_bar = window.statusBar().isAncestorOf(focus)
            assert (window.quiz.isAncestorOf(focus) or focus is window.nav
                    or in_status_bar), f"Tab reached {focus!r} ({focus.objectName()})"
            _assert_shut_in(app, ScreenKey.QUIZ)
    names = {w.objectName() for w in reached}
    assert window.nav in reached  # the list is reachable, with only the Quiz in it
    assert [window.nav.item(r).isHidden() for r in range(window.nav.count())] == [
        key is not ScreenKey.QUIZ for key in window.screen_keys()]
    assert app.quiz.navigator.numbers[0] in reached, names  # the exam's own controls are


def test_closing_the_window_mid_exam_keeps_the_attempt_its_clock_and_the_answer_on_screen(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path,
    clock: FakeClock, store: Store
) -> None:
    learner = app.add_learner("Anna", monkeypatch)
    _start(app)
    session_id = app.quiz.session_id
    widget = answer_widget(app)
    assert isinstance(widget, OrderingWidget)
    widget.list.setCurrentRow(0)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, CTRL)  # an answer on screen, not yet saved
    on_screen = widget.order()
    clock.advance(90)
    _press(app, Qt.Key.Key_Q, CTRL)  # Ctrl+Q: the window closes, as Alt+F4 would
    assert not app.window.isVisible()
    clock.advance(60)
    offered: list[int] = []  # Home offers to resume on opening: "Not now", then Start
    monkeypatch.setattr(ResumeDialog, "ask", classmethod(
        lambda cls, parent, sessions: offered.append(len(sessions))))
    again = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    again.context.set_learner(learner)
    _start(again)
    assert again.quiz.session_id == session_id
    assert again.quiz.time_left.text() == "Time left: 7:30"  # the clock ran while closed
    resumed = answer_widget(again)
    assert isinstance(resumed, OrderingWidget) and resumed.order() == on_screen
    assert len(store.class_sessions(learner_id=learner)) == 1
    assert offered == [1]


def _ctrl_8(app: App) -> PinDialog | None:
    app.qtbot.keyClick(app.window, Qt.Key.Key_8, CTRL)
    dialog = app.window.pin_dialog
    return dialog if dialog is not None and dialog.isVisible() else None


def _active(app: App) -> App:
    """The window active, as a real one on screen is (its Ctrl+number shortcuts need it)."""
    app.window.activateWindow()
    app.qtbot.waitUntil(app.window.isActiveWindow)
    return app


def _open_with_pin(app: App) -> None:
    dialog = _ctrl_8(app)
    assert dialog is not None and dialog.purpose is PinPurpose.OPEN
    app.qtbot.keyClicks(dialog.pin_edit, "4821")
    app.click(dialog.ok_button)
    assert app.window.current_key() is ScreenKey.TEACHER


def test_a_learner_signing_in_or_starting_a_quiz_ends_the_teachers_visit(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, store: Store,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _active(App(qtbot, tmp_path, clock, store=store))
    TeacherPin.in_folder(app.context.data_dir, clock).set("4821")
    _open_with_pin(app)
    app.window.show_home()  # the teacher walks away, a learner signs in on Home
    app.add_learner("Boris", monkeypatch)
    assert not app.context.teacher_access.is_open()
    asked = _ctrl_8(app)
    assert asked is not None and app.window.current_key() is ScreenKey.HOME
    asked.reject()
    _open_with_pin(app)  # the teacher again, Boris still signed in, then Boris's quiz
    app.window.show_home()
    app.start(Mode.PRACTICE)
    assert not app.context.teacher_access.is_open()
    app.quiz.leave()  # Finish later: back at Home, the Teacher area asks again
    assert _ctrl_8(app) is not None and app.window.current_key() is ScreenKey.HOME


def test_merging_learners_in_the_teacher_area_keeps_the_teachers_visit(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock, store: Store,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _active(App(qtbot, tmp_path, clock, store=store))
    TeacherPin.in_folder(app.context.data_dir, clock).set("4821")
    _open_with_pin(app)
    app.context.set_learner(store.add_learner("Vera"))  # as a merge in the Learners tab does
    assert app.context.teacher_access.is_open()
    assert app.window.current_key() is ScreenKey.TEACHER
