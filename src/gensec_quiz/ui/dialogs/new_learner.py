"""The New learner dialog: a name, checked as typed (blank and duplicate names refused)."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.i18n import tr

MAX_NAME = 80


def name_problem(name: str, existing: Collection[str]) -> str:
    """Why a learner name cannot be used, or "" when it can."""
    cleaned = " ".join(name.split())
    if not cleaned:
        return tr("Type a name.")
    if len(cleaned) > MAX_NAME:
        return tr("A name can have at most {limit} characters.", limit=MAX_NAME)
    if cleaned.casefold() in {n.casefold() for n in existing}:
        return tr("There is already a learner called {name}.", name=cleaned)
    return ""


class NewLearnerDialog(QDialog):
    def __init__(self, existing: Collection[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.existing = existing
        self.setWindowTitle(tr("New learner"))
        layout = QVBoxLayout(self)
        label = QLabel(tr("&Name of the new learner:"), self)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(tr("Name of the new learner"))
        self.name.setMaxLength(MAX_NAME + 20)
        label.setBuddy(self.name)
        self.problem = QLabel("", self)
        self.problem.setObjectName("nameProblem")
        self.problem.setProperty("state", "wrong")
        self.problem.setAccessibleName(tr("Name check"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        self.ok_button: QPushButton = ok
        self.ok_button.setText(tr("Add learner"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (label, self.name, self.problem, buttons):
            layout.addWidget(widget)
        self.name.textChanged.connect(self._check)
        self._check("")
        self.problem.setText("")
        self.resize(380, self.sizeHint().height())

    @Slot(str)
    def _check(self, text: str) -> None:
        problem = name_problem(text, self.existing)
        self.problem.setText(f"⚠ {problem}" if problem else "")
        self.ok_button.setEnabled(not problem)

    def accept(self) -> None:
        if not name_problem(self.name.text(), self.existing):
            super().accept()

    def chosen_name(self) -> str:
        return " ".join(self.name.text().split())

    @classmethod
    def ask(cls, parent: QWidget | None, existing: Collection[str]) -> str | None:
        """The new learner's name, or None when cancelled."""
        dialog = cls(existing, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen_name()
        return None
