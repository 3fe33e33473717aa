"""Yes-or-no questions and one-sentence notices; tests replace `ask` and `tell`."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from gensec_quiz.i18n import tr


class ConfirmDialog:
    """A yes-or-no question with a clear default (No)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, *, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no_button)
        box.setEscapeButton(no_button)
        box.exec()
        return box.clickedButton() is yes_button


class Notice:
    """A sentence the learner should read (something went wrong, or cannot be done)."""

    @classmethod
    def tell(cls, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, tr("GenSec Quiz"), text)
