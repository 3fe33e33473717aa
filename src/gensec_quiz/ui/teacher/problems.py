"""A list of located problems a teacher can read and copy: `FILE:LINE: column: what`."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.errors import Problem
from gensec_quiz.i18n import ntr, tr


class ProblemList(QWidget):
    """Hidden until there are problems; then a heading, every problem, and a Copy button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.heading = QLabel("", self)
        self.heading.setProperty("state", "wrong")
        self.heading.setWordWrap(True)
        self.copy_button = QPushButton(tr("&Copy the problems"), self)
        self.copy_button.setToolTip(tr("Copy every problem to the clipboard, one per line"))
        self.copy_button.clicked.connect(self.copy)
        row.addWidget(self.heading, 1)
        row.addWidget(self.copy_button)
        self.list = QListWidget(self)
        self.list.setObjectName("problems")
        self.list.setAccessibleName(tr("Problems found"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(150)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.setVisible(False)

    def show_problems(self, what: str, problems: Sequence[Problem]) -> None:
        """`what` names what was refused, e.g. "Nothing was imported"."""
        self.heading.setText(ntr("⚠ {what}: {count} problem to fix.",
                                 "⚠ {what}: {count} problems to fix.", len(problems), what=what))
        self.list.clear()
        self.list.addItems([str(problem) for problem in problems])
        self.setVisible(True)

    def clear(self) -> None:
        self.list.clear()
        self.setVisible(False)

    def texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.texts()))
