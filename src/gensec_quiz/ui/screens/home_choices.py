"""The Home screen's choosers: "make one" (kinds, count, difficulty) and the mode."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionGroupBox,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.question_sets import lock_text
from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.domain.questions import QuestionType
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import ntr, tr
from gensec_quiz.ui.flow import FlowLayout
from gensec_quiz.ui.names import KIND_CHOICES, difficulty_names


def group(title: str, parent: QWidget) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title, parent)
    box.setAccessibleName(title.replace("&", ""))
    return box, QVBoxLayout(box)


class MakeOneBox(QGroupBox):
    """A checkable group: when ticked, the quiz is generated from the built-in record set."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Or ma&ke one"), parent)
        self.setObjectName("makeOne")
        self.setAccessibleName(tr("Make a new question set"))
        self.setToolTip(tr("Generate a new set of questions from the record set (Alt+K)"))
        self.setCheckable(True)
        self.setChecked(False)
        self.toggled.connect(self._on_toggled)
        # the choices show only once the box is ticked: Home then fits 800x600 with the
        # mode in view
        outer = QVBoxLayout(self)
        self.details = QWidget(self)
        self.details.setObjectName("makeOneDetails")
        outer.addWidget(self.details)
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.records_label = QLabel("", self)
        self.records_label.setWordWrap(True)
        form.addRow(tr("From:"), self.records_label)
        kinds = FlowLayout()
        self.kind_boxes: dict[QuestionType, QCheckBox] = {}
        for kind, name in KIND_CHOICES:
            box = QCheckBox(tr(name), self)
            box.setChecked(True)
            box.setAccessibleName(tr(name).replace("&", ""))
            kinds.addWidget(box)
            self.kind_boxes[kind] = box
        form.addRow(tr("Kinds:"), kinds)
        self.count_spin = QSpinBox(self)
        self.count_spin.setRange(1, 50)
        self.count_spin.setValue(10)
        self.count_spin.setAccessibleName(tr("Number of questions"))
        self.count_spin.setToolTip(tr("How many questions (1 to 50)"))
        self.difficulty_combo = QComboBox(self)
        for name in difficulty_names():
            self.difficulty_combo.addItem(name)
        self.difficulty_combo.setCurrentIndex(1)
        self.difficulty_combo.setAccessibleName(tr("Difficulty"))
        questions = QLabel(tr("&Questions:"), self)
        questions.setBuddy(self.count_spin)
        form.addRow(questions, self._count_and_difficulty())
        self.details.setVisible(self.isChecked())
        self._fold(not self.isChecked())

    def _count_and_difficulty(self) -> FlowLayout:
        """The count and the difficulty on one row, wrapping when Home is narrow."""
        row = FlowLayout()
        difficulty = QLabel(tr("&Difficulty:"), self)
        difficulty.setBuddy(self.difficulty_combo)
        row.add_widget(self.count_spin, difficulty, self.difficulty_combo)
        return row

    def _fold(self, folded: bool) -> None:
        """Folded, the box is its title line alone (no empty frame below it)."""
        self.setFlat(folded)
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(*((0, 0, 0, 0) if folded else (9, 9, 9, 9)))
        self.setMaximumHeight(16777215)
        self.setMinimumHeight(0)
        if folded:  # the title line alone (its tick box grows with the text size)
            self.setMaximumHeight(self.title_height())
            self.setMinimumHeight(self.title_height())

    def title_height(self) -> int:
        """The height of the tick box and title, above the frame the style draws under them
        (folded, the frame would be an empty bar that looks like a field)."""
        option = QStyleOptionGroupBox()
        self.initStyleOption(option)
        style = self.style()
        control = QStyle.ComplexControl.CC_GroupBox
        parts = [style.subControlRect(control, option, part, self)
                 for part in (QStyle.SubControl.SC_GroupBoxCheckBox,
                              QStyle.SubControl.SC_GroupBoxLabel)]
        return max(part.bottom() for part in parts) + 1

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fold(not self.isChecked())

    @Slot(bool)
    def _on_toggled(self, checked: bool) -> None:
        self.details.setVisible(checked)
        self._fold(not checked)
        if checked:
            self.chosen.emit()

    def set_records_title(self, title: str) -> None:
        self.records_label.setText(title or tr("(the built-in record set cannot be read)"))
        if not title:
            self.setChecked(False)
        self.setEnabled(bool(title))

    def choose(self) -> None:
        if self.isEnabled():
            self.setChecked(True)

    def release(self) -> None:
        self.setChecked(False)

    def is_chosen(self) -> bool:
        return self.isChecked()

    def kinds(self) -> list[QuestionType]:
        return [kind for kind, box in self.kind_boxes.items() if box.isChecked()]

    def count(self) -> int:
        return self.count_spin.value()

    def difficulty(self) -> int:
        return self.difficulty_combo.currentIndex() + 1


def lock_meaning(lock: ClassroomLock, note: str) -> str:
    """Who set the lock and what it means, in a sentence or two."""
    if lock.mode == "exam":
        text = tr("Set by your teacher: this set is an exam for everyone — no feedback until "
                  "the end, and the mode cannot be changed.")
        if lock.time_limit_minutes:
            text += " " + ntr("The {count} minute runs from when you start, even if you leave.",
                              "The {count} minutes run from when you start, even if you leave.",
                              lock.time_limit_minutes)
    else:
        text = tr("Set by your teacher: this set is taken in {mode} mode.", mode=lock.mode)
    return f"{text} {note}".strip()


class ModeBox(QGroupBox):
    """Practice, Exam (time limit, all or nothing) or Review (how many facts are due)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("3. Mode"), parent)
        self._open_title = self.title()
        self.setAccessibleName(tr("Mode"))
        layout = QVBoxLayout(self)
        self.buttons = QButtonGroup(self)
        self.practice = self._radio(tr("&Practice: feedback after each answer"), Mode.PRACTICE)
        self.exam = self._radio(tr("&Exam: feedback at the end"), Mode.EXAM)
        self.review = self._radio(tr("&Review: the facts that are due"), Mode.REVIEW)
        self.review.setToolTip(tr("A quiz on the facts you are about to forget, least likely "
                                  "recalled first (Alt+R)"))
        self.practice.setChecked(True)
        for radio in (self.practice, self.exam):
            layout.addWidget(radio)
        layout.addLayout(self._exam_options())
        layout.addLayout(self._review_row())
        self.review_note = QLabel("", self)
        self.review_note.setObjectName("reviewNote")
        self.review_note.setProperty("role", "muted")
        self.review_note.setWordWrap(True)
        self.review_note.setContentsMargins(24, 0, 0, 0)
        self.review_note.setAccessibleName(tr("Facts due for review"))
        layout.addWidget(self.review_note)
        self.set_review_note("")
        self.exam.toggled.connect(self._on_exam)
        self.review.toggled.connect(self._on_review)
        self._on_exam(False)
        self._on_review(False)

    def _radio(self, text: str, mode: Mode) -> QRadioButton:
        radio = QRadioButton(text, self)
        radio.setAccessibleName(text.replace("&", ""))
        radio.setProperty("mode", mode.value)
        self.buttons.addButton(radio)
        return radio

    def _exam_options(self) -> FlowLayout:
        row = FlowLayout()
        row.setContentsMargins(24, 0, 0, 0)
        self.limit_box = QCheckBox(tr("&Time limit:"), self)
        self.limit_box.setAccessibleName(tr("Time limit"))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, 240)
        self.minutes.setValue(15)
        self.minutes.setSuffix(tr(" min"))
        self.minutes.setAccessibleName(tr("Time limit in minutes"))
        self.limit_box.toggled.connect(self.minutes.setEnabled)
        self.all_or_nothing_box = QCheckBox(tr("A&ll or nothing"), self)
        self.all_or_nothing_box.setAccessibleName(tr("All or nothing scoring"))
        self.all_or_nothing_box.setToolTip(
            tr("All or nothing: a question scores only when fully right (Alt+L)"))
        row.add_widget(self.limit_box, self.minutes, self.all_or_nothing_box)
        return row

    def _review_row(self) -> FlowLayout:
        row = FlowLayout()
        self.review_count = QSpinBox(self)
        self.review_count.setRange(1, 50)
        self.review_count.setValue(10)
        self.review_count.setPrefix(tr("up to "))
        self.review_count.setSuffix(tr(" questions"))
        self.review_count.setAccessibleName(tr("Most questions in a review"))
        self.review_count.setToolTip(tr("A review asks one question per due fact, up to this "
                                        "many"))
        row.add_widget(self.review, self.review_count)
        return row

    @Slot(bool)
    def _on_exam(self, exam: bool) -> None:
        self.limit_box.setEnabled(exam)
        self.minutes.setEnabled(exam and self.limit_box.isChecked())
        self.all_or_nothing_box.setEnabled(exam)

    @Slot(bool)
    def _on_review(self, review: bool) -> None:
        self.review_count.setEnabled(review and self.review.isEnabled())

    def set_review_note(self, text: str) -> None:
        """What is due (or when the next review falls), under the Review option."""
        self.review_note.setText(text)
        self.review_note.setVisible(bool(text))

    def mode(self) -> Mode:
        checked = self.buttons.checkedButton()
        return Mode(checked.property("mode")) if checked is not None else Mode.PRACTICE

    def set_mode(self, mode: Mode) -> None:
        {Mode.PRACTICE: self.practice, Mode.EXAM: self.exam,
         Mode.REVIEW: self.review}[mode].setChecked(True)

    def time_limit_minutes(self) -> int | None:
        if self.mode() is Mode.EXAM and self.limit_box.isChecked():
            return self.minutes.value()
        return None

    def all_or_nothing(self) -> bool:
        return self.all_or_nothing_box.isChecked()

    def show_lock(self, lock: ClassroomLock | None) -> None:
        """Show a teacher's lock (its mode and options, which cannot then be changed), or give
        the choices back as they were when there is none."""
        if lock is not None:
            self.set_mode(Mode(lock.mode))
            self.limit_box.setChecked(bool(lock.time_limit_minutes))
            if lock.time_limit_minutes:
                self.minutes.setValue(lock.time_limit_minutes)
            self.all_or_nothing_box.setChecked(lock.all_or_nothing)
            self.setTitle(tr("3. Mode — set by your teacher: {lock}", lock=lock_text(lock)))
        else:
            self.setTitle(self._open_title)
        # Disabling the box keeps each control's own state: unlocking gives it back as it was.
        self.setEnabled(lock is None)
