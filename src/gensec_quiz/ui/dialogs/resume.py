"""Offer to resume an unfinished quiz (after closing the app, or a crash)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.i18n import tr
from gensec_quiz.ui.names import mode_name

if TYPE_CHECKING:
    from gensec_quiz.storage import SessionInfo


def describe(session: SessionInfo) -> str:
    """One line for an unfinished session: title, mode, progress and start time (written the
    interface's way: "3 Dec 2026, 14:05", « 3 déc. 2026, 14:05 »)."""
    local = session.started_at.astimezone()
    moment = QDateTime(QDate(local.year, local.month, local.day),
                       QTime(local.hour, local.minute))
    when = QLocale().toString(moment, "d MMM yyyy, HH:mm")
    return tr("{title} ({mode}): {answered} of {total} answered, started {when}",
              title=session.title, mode=mode_name(session.mode),
              answered=session.answered, total=session.question_count, when=when)


class ResumeDialog(QDialog):
    def __init__(self, sessions: Sequence[SessionInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Resume a quiz?"))
        layout = QVBoxLayout(self)
        text = QLabel(tr("This learner has a quiz that is not finished. Resume it?"), self)
        text.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Unfinished quizzes"))
        # A long title wraps inside the list: never a line cut off or a sideways scroll bar
        # on a small screen.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for session in sessions:
            item = QListWidgetItem(describe(session), self.list)
            item.setData(Qt.ItemDataRole.UserRole, session.id)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(self)
        resume = buttons.addButton(tr("&Resume"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("&Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        resume.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())
        for widget in (text, self.list, buttons):
            layout.addWidget(widget)
        self.resize(520, 260)
        self.setMinimumWidth(0)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    @classmethod
    def ask(cls, parent: QWidget | None, sessions: Sequence[SessionInfo]) -> int | None:
        """The id of the session to resume, or None."""
        dialog = cls(sessions, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen()
        return None
