"""The teacher PIN and the exam lock, played through the real window: the PIN asked once per
visit (and again after Switch learner, idle minutes and a restart), a wrong PIN refused, the
first visit's offer, Settings changing it, and no other screen reachable while an exam runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.application.teacher_pin import TeacherPin
from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store
from gensec_quiz.ui.dialogs.teacher_pin import PinDialog, PinPurpose
from gensec_quiz.ui.main_window import ScreenKey
from ui_core_support import App


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, clock: FakeClock, store: Store) -> App:
    return App(qtbot, tmp_path, clock, store=store)


def _pin(app: App) -> TeacherPin:
    return TeacherPin.in_folder(app.context.data_dir, app.clock)


def _go_to_teacher(app: App) -> PinDialog | None:
    """Press Ctrl+8 (the Teacher entry); the PIN dialog it opened, if any."""
    app.qtbot.keyClick(app.window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    dialog = app.window.pin_dialog
    return dialog if dialog is not None and dialog.isVisible() else None


def _type_pin(app: App, dialog: PinDialog, pin: str) -> None:
    dialog.pin_edit.clear()
    app.qtbot.keyClicks(dialog.pin_edit, pin)
    app.click(dialog.ok_button)


def test_the_teacher_area_asks_the_pin_and_refuses_a_wrong_one(app: App) -> None:
    _pin(app).set("4821")
    dialog = _go_to_teacher(app)
    assert dialog is not None and dialog.windowTitle() == "Teacher PIN"
    assert dialog.purpose is PinPurpose.OPEN
    assert app.window.current_key() is ScreenKey.HOME  # nothing shown behind the dialog
    _type_pin(app, dialog, "1111")
    assert dialog.isVisible() and dialog.message.text() == "⚠ That PIN is not right."
    assert app.window.current_key() is ScreenKey.HOME
    _type_pin(app, dialog, "4821")
    assert not dialog.isVisible()
    assert app.window.current_key() is ScreenKey.TEACHER
    app.window.show_home()
    assert _go_to_teacher(app) is None  # once per visit
    assert app.window.current_key() is ScreenKey.TEACHER


def test_wrong_tries_make_the_dialog_wait(app: App) -> None:
    _pin(app).set("4821")
    dialog = _go_to_teacher(app)
    assert dialog is not None
    for _ in range(3):
        _type_pin(app, dialog, "0000")
    _type_pin(app, dialog, "4821")
    assert "wait 5 seconds" in dialog.message.text()
    app.clock.advance(5)
    _type_pin(app, dialog, "4821")
    assert app.window.current_key() is ScreenKey.TEACHER


def test_the_visit_ends_on_switch_learner_after_idle_minutes_and_at_restart(
    app: App, qtbot: QtBot, tmp_path: Path, clock: FakeClock, store: Store
) -> None:
    _pin(app).set("4821")
    dialog = _go_to_teacher(app)
    assert dialog is not None
    _type_pin(app, dialog, "4821")
    app.window.switch_action.trigger()
    assert app.window.current_key() is ScreenKey.HOME
    dialog = _go_to_teacher(app)
    assert dialog is not None  # asked again
    _type_pin(app, dialog, "4821")
    assert app.window.current_key() is ScreenKey.TEACHER
    clock.advance(4 * 60)
    app.qtbot.keyClick(app.window.teacher.tabs, Qt.Key.Key_Right)  # the teacher works on
    clock.advance(4 * 60)
    app.window.check_teacher_idle()
    assert app.window.current_key() is ScreenKey.TEACHER
    clock.advance(60)
    app.window.check_teacher_idle()  # five idle minutes
    assert app.window.current_key() is ScreenKey.HOME
    dialog = _go_to_teacher(app)
    assert dialog is not None
    dialog.reject()
    app.window.close()  # the app closed and opened again
    restarted = App(qtbot, tmp_path, clock, store=store)
    restarted.window.show_screen(ScreenKey.TEACHER)
    assert restarted.window.current_key() is ScreenKey.HOME
    asked = restarted.window.pin_dialog
    assert asked is not None and asked.isVisible() and asked.purpose is PinPurpose.OPEN


def test_the_first_visit_offers_to_set_a_pin(app: App) -> None:
    dialog = _go_to_teacher(app)
    assert dialog is not None and dialog.purpose is PinPurpose.FIRST
    assert dialog.warning.isVisible() and "anyone at this computer" in dialog.warning.text()
    assert dialog.warning.text().startswith("⚠")  # a warning, not a muted aside
    app.qtbot.keyClicks(dialog.new_edit, "2468")
    app.qtbot.keyClicks(dialog.repeat_edit, "2467")
    app.click(dialog.ok_button)
    assert "not the same" in dialog.message.text() and not _pin(app).is_set()
    dialog.repeat_edit.clear()
    app.qtbot.keyClicks(dialog.repeat_edit, "2468")
    app.click(dialog.ok_button)
    assert app.window.current_key() is ScreenKey.TEACHER
    assert _pin(app).check("2468").__class__.__name__ == "PinAccepted"


def test_the_first_visit_may_go_on_without_a_pin(app: App) -> None:
    dialog = _go_to_teacher(app)
    assert dialog is not None
    app.click(dialog.without_button)
    assert app.window.current_key() is ScreenKey.TEACHER and not _pin(app).is_set()
    app.window.switch_action.trigger()
    assert _go_to_teacher(app) is not None  # the offer comes again next visit


def test_cancel_keeps_the_teacher_area_closed(app: App) -> None:
    _pin(app).set("4821")
    dialog = _go_to_teacher(app)
    assert dialog is not None
    app.click(dialog.cancel_button)
    assert app.window.current_key() is ScreenKey.HOME and not app.window.is_built(
        ScreenKey.TEACHER)


def test_settings_change_the_pin_after_the_current_one(app: App) -> None:
    _pin(app).set("4821")
    app.window.show_screen(ScreenKey.SETTINGS)
    page = app.window.settings.data
    app.click(page.pin_button)
    dialog = page.pin_dialog
    assert isinstance(dialog, PinDialog) and dialog.isVisible()
    app.qtbot.keyClicks(dialog.pin_edit, "0000")
    app.qtbot.keyClicks(dialog.new_edit, "9753")
    app.qtbot.keyClicks(dialog.repeat_edit, "9753")
    app.click(dialog.ok_button)
    assert dialog.message.text() == "⚠ That PIN is not right."
    dialog.pin_edit.clear()
    app.qtbot.keyClicks(dialog.pin_edit, "4821")
    app.click(dialog.ok_button)
    assert not dialog.isVisible() and page.status.text() == "The teacher PIN is changed."
    assert _pin(app).check("9753").__class__.__name__ == "PinAccepted"


def test_while_an_exam_runs_no_other_screen_can_be_reached(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_learner("Anna", monkeypatch)
    app.start(Mode.EXAM)
    window = app.window
    for key in ("Ctrl+1", "Ctrl+5", "Ctrl+6", "Ctrl+8"):
        app.qtbot.keyClick(window, key[-1], Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() is ScreenKey.QUIZ
    window.nav.setCurrentRow(window.screen_keys().index(ScreenKey.RECORDS))
    assert window.current_key() is ScreenKey.QUIZ
    assert window.stack.currentWidget() is window.quiz
    assert window.pin_dialog is None  # not even the PIN dialog
    records_item = window.nav.item(window.screen_keys().index(ScreenKey.RECORDS))
    assert not records_item.flags() & Qt.ItemFlag.ItemIsEnabled and records_item.isHidden()
    window.switch_action.trigger()  # puts the attempt aside
    assert window.current_key() is ScreenKey.HOME
    assert records_item.flags() & Qt.ItemFlag.ItemIsEnabled and not records_item.isHidden()
