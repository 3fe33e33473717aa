"""Date answers: fields that match the question's precision, checked as typed; or choices.

The fields are large and centred in the room they have: the date is the whole answer."""

from __future__ import annotations

import calendar

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.questions import DateQuestion, DateResponse
from gensec_quiz.i18n import tr
from gensec_quiz.ui.models.records import date_text
from gensec_quiz.ui.widgets.choices import ChoicesWidget

_EMPTY = 0  # a spin box at 0 shows its blank "special value" text
FIELD_SCALE = 1.8  # the fields' text, relative to the window's
# Already large text (16 pt, 24 pt) is enlarged only up to this, so that the fields fit a
# small screen (800x600 at 16 pt) beside each other.
FIELD_MAX_PT = 20.0


def month_name(month: int) -> str:
    """The month's name in the interface's locale ("March", « mars »), as a list shows it."""
    return QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)


class _BlankSpin(QSpinBox):
    """A spin box that starts blank; the arrow keys begin at `start`."""

    def __init__(self, *, maximum: int, start: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(_EMPTY, maximum)
        self.setSpecialValueText(" ")
        self._start = start
        self.setValue(_EMPTY)

    def stepBy(self, steps: int) -> None:
        if self.value() == _EMPTY:
            self.setValue(self._start)
        else:
            super().stepBy(steps)


class DateInputWidget(QWidget):
    """Year; month and year; or day, month and year, as the question's precision asks."""

    changed = Signal()

    def __init__(self, question: DateQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.precision = question.precision
        self.choices: ChoicesWidget | None = None
        self.day: _BlankSpin | None = None
        self.month: QComboBox | None = None
        self.year: _BlankSpin | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if question.choices:
            self._build_choices(layout)
        else:
            self._build_fields(layout)
        self.problem = QLabel("", self)
        self.problem.setObjectName("dateProblem")
        self.problem.setProperty("state", "wrong")
        self.problem.setAccessibleName(tr("Date check"))
        self.problem.setWordWrap(True)
        if self.choices is None:
            self.problem.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self._check()

    def _build_choices(self, layout: QVBoxLayout) -> None:
        options = [date_text(choice) for choice in self.question.choices]
        self.choices = ChoicesWidget(options, name=tr("Possible dates"), parent=self)
        self.choices.changed.connect(self._check)
        layout.addWidget(self.choices)

    def _build_fields(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addStretch(1)
        if self.precision == "day":
            self.day = _BlankSpin(maximum=31, start=1, parent=self)
            self._field(row, tr("&Day"), self.day, tr("Day of the month (1–31)"))
        if self.precision in ("day", "month"):
            self.month = QComboBox(self)
            self.month.addItem(" ", None)
            for number in range(1, 13):
                self.month.addItem(month_name(number), number)
            self._field(row, tr("&Month"), self.month, tr("Month (type its first letters)"))
        self.year = _BlankSpin(maximum=9999, start=1900, parent=self)
        self.year.setGroupSeparatorShown(False)
        self._field(row, tr("&Year"), self.year, tr("Year, for example 1953"))
        row.addStretch(1)
        layout.addLayout(row)
        for spin in (self.day, self.year):
            if spin is not None:
                spin.valueChanged.connect(self._check)
        if self.month is not None:
            self.month.currentIndexChanged.connect(self._check)

    def _field(self, row: QHBoxLayout, caption: str, widget: QWidget, tip: str) -> None:
        label = QLabel(caption, self)
        label.setBuddy(widget)
        caption_font = label.font()
        if caption_font.pointSizeF() > 0:
            caption_font.setPointSizeF(caption_font.pointSizeF() * 1.25)
            label.setFont(caption_font)
        widget.setAccessibleName(caption.replace("&", ""))
        widget.setToolTip(tip)
        font = widget.font()
        if font.pointSizeF() > 0:  # large, but never past FIELD_MAX_PT: large text is large
            base = font.pointSizeF()
            font.setPointSizeF(min(base * FIELD_SCALE, max(base, FIELD_MAX_PT)))
        else:
            font.setPixelSize(round(font.pixelSize() * FIELD_SCALE))
        widget.setFont(font)
        metrics = widget.fontMetrics()
        sample = "88888" if isinstance(widget, QSpinBox) and widget.maximum() > 99 else "888"
        width = metrics.horizontalAdvance(sample) + 48
        if isinstance(widget, QComboBox):
            width = max(metrics.horizontalAdvance(month_name(n)) for n in range(1, 13)) + 56
        widget.setMinimumWidth(width)
        widget.setMinimumHeight(metrics.height() + 16)
        if isinstance(widget, QSpinBox):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The caption above its field: three fields side by side fit a small screen.
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(widget)
        row.addLayout(column)

    def focus_chain(self) -> list[QWidget]:
        """The controls in Tab order."""
        if self.choices is not None:
            return list(self.choices.buttons)
        return [w for w in (self.day, self.month, self.year) if w is not None]

    def fields(self) -> tuple[int | None, int | None, int | None]:
        """(year, month, day) as entered; None where blank."""
        year = self.year.value() if self.year is not None else _EMPTY
        month = self.month.currentData() if self.month is not None else None
        day = self.day.value() if self.day is not None else _EMPTY
        return (year or None, month, day or None)

    def value(self) -> PartialDate | None:
        """The date entered (or chosen), or None while blank or invalid."""
        if self.choices is not None:
            index = self.choices.selected()
            return None if index is None else self.question.choices[index]
        if self.problem_text():
            return None
        year, month, day = self.fields()
        if year is None or (self.month is not None and month is None):
            return None
        if self.day is not None and day is None:
            return None
        return PartialDate(year, month, day)

    def problem_text(self) -> str:
        """What is wrong with the fields as typed, or "" (blank fields are not wrong yet)."""
        year, month, day = self.fields()
        if day is not None and month is not None:
            last = calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year
            if day > last:
                return tr("⚠ {month} has no day {day}{year}.", month=month_name(month), day=day,
                          year=tr(" in {year}", year=year) if year else "")
        if year is not None and year < 100:
            return tr("⚠ Write the year in full, for example 1953.")
        try:
            if year is not None:
                PartialDate(year, month, day if month is not None else None)
        except DateError as error:
            return f"⚠ {error}."
        return ""

    @Slot()
    def _check(self, *_args: object) -> None:
        text = "" if self.choices is not None else self.problem_text()
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.changed.emit()

    def response(self) -> DateResponse:
        return DateResponse(self.value())

    def is_complete(self) -> bool:
        return self.value() is not None

    def problem_on_screen(self) -> bool:
        """True when the fields' own warning already says what blocks submitting."""
        return self.choices is None and bool(self.problem_text()) and not self.problem.isHidden()

    def focus_problem(self) -> None:
        """Put the cursor in the field the warning is about (the year, unless the day is)."""
        year, month, day = self.fields()
        field = self.year
        if self.day is not None and day is not None and month is not None and (
                day > calendar.monthrange(year or 2000, month)[1]):
            field = self.day
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.selectAll()

    def show_draft(self, value: PartialDate | None) -> None:
        """Show a saved (draft) answer again."""
        if value is None:
            return
        if self.choices is not None:
            if value in self.question.choices:
                self.choices.select(self.question.choices.index(value))
            return
        self.enter(value)

    def blocking_problem(self) -> str | None:
        text = "" if self.choices is not None else self.problem_text()
        return text.lstrip("⚠ ") or None

    def incomplete_message(self) -> str:
        return tr("No date given yet; it will count as wrong.")

    def lock(self) -> None:
        if self.choices is not None:
            self.choices.lock()
        for widget in (self.day, self.month, self.year):
            if widget is not None:
                widget.setEnabled(False)

    def show_key(self) -> None:
        """After the answer: mark the right date among the choices (typed dates have none)."""
        if self.choices is not None and self.question.answer in self.question.choices:
            self.choices.mark(self.question.choices.index(self.question.answer))

    def enter(self, value: PartialDate) -> None:
        """Fill the fields with a date (used by tests; the keyboard does the same)."""
        if self.year is not None:
            self.year.setValue(value.year)
        if self.month is not None and value.month is not None:
            self.month.setCurrentIndex(value.month)
        if self.day is not None and value.day is not None:
            self.day.setValue(value.day)
