"""The resume offer at a small size: a long title wraps, nothing scrolls sideways, and the
start time is written the interface's way."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from gensec_quiz.storage.records import SessionInfo
from gensec_quiz.ui.dialogs.resume import ResumeDialog, describe

LONG = "The General Secretaries of the Communist Party of the Soviet Union: a mixed quiz"


def _session() -> SessionInfo:
    return SessionInfo(1, 1, "Ada", "set", LONG, "practice", 12, 5,
                       datetime(2026, 12, 3, 14, 5, tzinfo=UTC), None, None)


def test_a_long_title_wraps_in_the_resume_offer_without_a_sideways_scroll_bar(
        qtbot: QtBot) -> None:
    dialog = ResumeDialog([_session()])
    qtbot.addWidget(dialog)
    font = dialog.font()
    font.setPointSize(16)
    dialog.setFont(font)
    dialog.resize(480, 260)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 480
    assert not dialog.list.horizontalScrollBar().isVisible()
    row = dialog.list.visualItemRect(dialog.list.item(0))
    assert row.height() > 2 * dialog.list.fontMetrics().height()  # wrapped, not cut


def test_the_start_time_is_written_the_interfaces_way() -> None:
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        started = _session().started_at.astimezone()
        text = describe(_session())
        assert f"started {started.day} Dec 2026, {started:%H:%M}" in text
    finally:
        QLocale.setDefault(before)
