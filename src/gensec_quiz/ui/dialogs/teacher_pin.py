"""The "Teacher PIN" dialog: asked once per teacher visit before the Teacher area opens; on the
first visit (no PIN yet) it offers to set one or to go on without, with a plain warning; from
Settings it changes or removes the PIN. The checks are the application layer's
(`TeacherAccess`, `TeacherPin`); the dialog renders them.

It is opened with `open()` (window-modal, not blocking): `accepted` means the visit is open (or
the PIN was changed)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.teacher_pin import (
    PinAccepted,
    PinRefused,
    TeacherAccess,
    no_pin_warning,
    pin_problem,
)
from gensec_quiz.domain.errors import InputError
from gensec_quiz.i18n import tr


class PinPurpose(StrEnum):
    OPEN = "open"  # a PIN is set: type it
    FIRST = "first"  # no PIN yet: set one, or go on without
    CHANGE = "change"  # Settings: change or remove it


class PinDialog(QDialog):
    """Titled "Teacher PIN". Its fields: `pin_edit` (the current PIN), `new_edit` and
    `repeat_edit` (a new one); `message` says what went wrong."""

    def __init__(self, access: TeacherAccess, purpose: PinPurpose,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.access = access
        self.purpose = purpose
        self.removed = False  # the PIN was removed (from Settings)
        self.setWindowTitle(tr("Teacher PIN"))
        self.setObjectName("teacherPinDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self._intro(), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        has_pin = purpose is not PinPurpose.FIRST and access.pin.is_set()
        self.pin_edit = self._field(tr("Teacher PIN"))
        self.new_edit = self._field(tr("New PIN"))
        self.repeat_edit = self._field(tr("New PIN again"))
        asks_current = purpose is PinPurpose.OPEN or (purpose is PinPurpose.CHANGE and has_pin)
        if asks_current:
            form.addRow(tr("&PIN:") if purpose is PinPurpose.OPEN else tr("&Current PIN:"),
                        self.pin_edit)
        else:
            self.pin_edit.hide()
        if purpose is not PinPurpose.OPEN:
            form.addRow(tr("&New PIN:"), self.new_edit)
            form.addRow(tr("&Repeat it:"), self.repeat_edit)
        else:
            self.new_edit.hide()
            self.repeat_edit.hide()
        layout.addLayout(form)
        # at the text's own size and colour, not muted: a teacher choosing to go on without a
        # PIN reads what that leaves open
        self.warning = QLabel(f"⚠ {no_pin_warning()}", self)
        self.warning.setObjectName("noPinWarning")
        self.warning.setWordWrap(True)
        self.warning.setVisible(purpose is PinPurpose.FIRST)
        layout.addWidget(self.warning)
        self.message = QLabel("", self)
        self.message.setObjectName("pinMessage")
        self.message.setProperty("state", "wrong")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("PIN check"))
        layout.addWidget(self.message)
        layout.addLayout(self._buttons(has_pin))
        (self.pin_edit if asks_current else self.new_edit).setFocus()

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        edit.setMaxLength(64)
        return edit

    def _intro(self) -> str:
        if self.purpose is PinPurpose.OPEN:
            return tr("The Teacher area holds answers, everyone's results and the exam locks. "
                      "Type the teacher PIN to open it.")
        if self.purpose is PinPurpose.FIRST:
            return tr("No teacher PIN is set on this computer yet. Set one now so that learners "
                      "cannot open the Teacher area.")
        return tr("Change the PIN that opens the Teacher area.")

    def _buttons(self, has_pin: bool) -> QVBoxLayout:
        """The way out without a PIN, or removing it, on a line of its own above Cancel and
        OK (one line of four buttons was wider than the dialog at large text sizes)."""
        column = QVBoxLayout()
        extra = QHBoxLayout()
        row = QHBoxLayout()
        self.without_button = QPushButton(tr("Go on &without a PIN"), self)
        self.without_button.clicked.connect(self.go_on_without)
        self.without_button.setVisible(self.purpose is PinPurpose.FIRST)
        self.remove_button = QPushButton(tr("&Remove the PIN"), self)
        self.remove_button.clicked.connect(self.remove_pin)
        self.remove_button.setVisible(self.purpose is PinPurpose.CHANGE and has_pin)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)
        ok_text = {PinPurpose.OPEN: tr("&Open"), PinPurpose.FIRST: tr("&Set PIN and open"),
                   PinPurpose.CHANGE: tr("&Save PIN")}[self.purpose]
        self.ok_button = QPushButton(ok_text, self)
        self.ok_button.setObjectName("pinOk")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.confirm)
        extra.addWidget(self.without_button)
        extra.addWidget(self.remove_button)
        extra.addStretch(1)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        column.addLayout(extra)
        column.addLayout(row)
        return column

    def _say(self, text: str) -> None:
        self.message.setText(f"⚠ {text}")

    def _new_pin(self) -> str | None:
        """The new PIN typed twice, or None (the message says why)."""
        new, repeat = self.new_edit.text(), self.repeat_edit.text()
        problem = pin_problem(new)
        if problem is None and new != repeat:
            problem = tr("The two new PINs are not the same.")
        if problem is not None:
            self._say(problem)
            return None
        return new

    def _check_current(self) -> bool:
        try:
            result = self.access.pin.check(self.pin_edit.text())
        except InputError as error:
            self._say(" ".join(error.sentences()))
            return False
        if isinstance(result, PinRefused):
            self._say(result.sentence)
            self.pin_edit.selectAll()
            return False
        return isinstance(result, PinAccepted)

    @Slot()
    def confirm(self) -> None:
        """Open (the right PIN), set a first PIN and open, or save a changed PIN."""
        if self.purpose is PinPurpose.OPEN:
            try:
                result = self.access.unlock(self.pin_edit.text())
            except InputError as error:
                self._say(" ".join(error.sentences()))
                return
            if isinstance(result, PinRefused):
                self._say(result.sentence)
                self.pin_edit.clear()
                return
            self.accept()
            return
        if self.purpose is PinPurpose.CHANGE and self.access.pin.is_set() \
                and not self._check_current():
            return
        new = self._new_pin()
        if new is None or not self._save(new):
            return
        if self.purpose is PinPurpose.FIRST:
            self.access.unlock(new)
        self.accept()

    def _save(self, new: str) -> bool:
        try:
            self.access.pin.set(new)
        except InputError as error:
            self._say(" ".join(error.sentences()))
            return False
        return True

    @Slot()
    def go_on_without(self) -> None:
        if self.access.go_on_without_pin():
            self.accept()
        else:
            self._say(tr("A PIN is set now: type it to open the Teacher area."))

    @Slot()
    def remove_pin(self) -> None:
        if not self._check_current():
            return
        self.access.pin.clear()
        self.removed = True
        self.accept()


def purpose_for_visit(access: TeacherAccess) -> PinPurpose:
    return PinPurpose.OPEN if access.pin.is_set() else PinPurpose.FIRST
