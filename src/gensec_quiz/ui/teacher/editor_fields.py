"""The question editor's fields for each kind of question: each section fills itself from a
question's data (as a set file holds it) and gives back the data the teacher made of it."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.question_edit import Fact
from gensec_quiz.domain.dates import PRECISIONS
from gensec_quiz.i18n import N_, tr
from gensec_quiz.ui.models.teacher_build import RULE_ORDER, rule_name, rule_text

NO_FACT = "—"
PRECISION_NAMES = {"year": N_("year"), "month": N_("month"), "day": N_("day")}


def _key(basis: Any) -> str | None:
    """`record.field` of the first basis in a JSON list, or None."""
    if isinstance(basis, list) and basis and isinstance(basis[0], dict):
        return f"{basis[0].get('record')}.{basis[0].get('field')}"
    return None


def _basis(key: str | None) -> list[dict[str, str]]:
    if not key:
        return []
    record, _, field = key.rpartition(".")
    return [{"record": record, "field": field}]


class FactCombo(QComboBox):
    """Which fact of the records a question (or an item, a pair) rests on, or none. `basis()`
    gives the JSON basis: the one it was opened with while the choice is unchanged (a question
    resting on two facts keeps both), else the fact chosen."""

    def __init__(self, facts: list[Fact], basis: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original: list[Any] = list(basis) if isinstance(basis, list) else []
        self.setAccessibleName(tr("Rests on"))
        self.addItem(tr("{none} nothing in the records", none=NO_FACT), None)
        for fact in facts:
            self.addItem(fact.label, fact.basis.key())
            self.setItemData(self.count() - 1, fact.label, Qt.ItemDataRole.ToolTipRole)
        self.set_key(_key(self.original))
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def set_key(self, key: str | None) -> None:
        index = self.findData(key) if key else 0
        if index < 0 and key:  # a fact these records do not hold (or no records here)
            self.addItem(key, key)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))

    def key(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None

    def basis(self) -> list[Any]:
        key = self.key()
        return self.original if key == _key(self.original) else _basis(key)


class Section(QWidget):
    """One kind's fields; `changed` on any edit."""

    changed = Signal()

    def __init__(self, facts: list[Fact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts

    def data(self) -> dict[str, Any]:
        raise NotImplementedError

    def _watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.textChanged.connect(self.changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self.changed)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RowsSection(Section):
    """Items or pairs: a table with one fact per row, rows added, removed and moved."""

    columns: tuple[str, ...] = ()

    def __init__(self, facts: list[Fact], rows: list[tuple[list[str], list[Any]]], *,
                 movable: bool, parent: QWidget | None = None) -> None:
        super().__init__(facts, parent)
        self.table = QTableWidget(0, len(self.columns) + 1, self)
        self.table.setHorizontalHeaderLabels([*(tr(c) for c in self.columns), tr("Rests on")])
        header = self.table.horizontalHeader()
        for column in range(len(self.columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(self.columns), QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemChanged.connect(self.changed)
        self.add_button = QPushButton(tr("Add a row"), self)
        self.remove_button = QPushButton(tr("Remove the row"), self)
        self.up_button = QPushButton(tr("Move up"), self)
        self.down_button = QPushButton(tr("Move down"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        buttons = QHBoxLayout()
        shown = [self.add_button, self.remove_button]
        if movable:
            shown += [self.up_button, self.down_button]
        else:
            self.up_button.hide()
            self.down_button.hide()
        for button in shown:
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(self.table, 1)
        self.column.addLayout(buttons)
        self._fill(rows)

    def _fill(self, rows: list[tuple[list[str], list[Any]]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for texts, basis in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
            combo = FactCombo(self.facts, basis, self.table)
            combo.currentIndexChanged.connect(self.changed)
            self.table.setCellWidget(row, len(self.columns), combo)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()

    def rows(self) -> list[tuple[list[str], list[Any]]]:
        found = []
        for row in range(self.table.rowCount()):
            texts = []
            for column in range(len(self.columns)):
                item = self.table.item(row, column)
                texts.append(item.text().strip() if item is not None else "")
            combo = self.table.cellWidget(row, len(self.columns))
            found.append((texts, combo.basis() if isinstance(combo, FactCombo) else []))
        return found

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Type into a cell (what the teacher does with the keyboard)."""
        self.table.setItem(row, column, QTableWidgetItem(text))

    def fact_combo(self, row: int) -> FactCombo:
        combo = self.table.cellWidget(row, len(self.columns))
        assert isinstance(combo, FactCombo)
        return combo

    @Slot()
    def add_row(self) -> None:
        self._fill([*self.rows(), ([""] * len(self.columns), [])])
        self.table.selectRow(self.table.rowCount() - 1)
        self.changed.emit()

    @Slot()
    def remove_row(self) -> None:
        row = self.table.currentRow()
        rows = self.rows()
        if 0 <= row < len(rows):
            del rows[row]
            self._fill(rows)
            self.table.selectRow(min(row, len(rows) - 1))
            self.changed.emit()

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        rows = self.rows()
        to = row + step
        if 0 <= row < len(rows) and 0 <= to < len(rows):
            rows.insert(to, rows.pop(row))
            self._fill(rows)
            self.table.selectRow(to)
            self.changed.emit()


class OrderingSection(RowsSection):
    columns = (N_("Item (in the right order)"),)

    def __init__(self, facts: list[Fact], data: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        rows = [([str(i.get("text", ""))], i.get("basis") or []) for i in data.get("items", [])]
        super().__init__(facts, rows, movable=True, parent=parent)
        self.scoring = QComboBox(self)
        self.scoring.setAccessibleName(tr("Scoring"))
        for rule in RULE_ORDER:
            self.scoring.addItem(rule_name(rule), rule)
            self.scoring.setItemData(self.scoring.count() - 1, rule_text(rule), 3)
        self.scoring.setCurrentIndex(max(self.scoring.findData(data.get("scoring")), 0))
        self._watch(self.scoring)
        row = QFormLayout()
        row.addRow(tr("&Scoring:"), self.scoring)
        self.column.addLayout(row)

    def data(self) -> dict[str, Any]:
        return {"items": [{"text": texts[0], "basis": basis} for texts, basis in self.rows()],
                "scoring": self.scoring.currentData()}


class MatchingSection(RowsSection):
    columns = (N_("Left"), N_("Right (its match)"))

    def __init__(self, facts: list[Fact], data: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        rows = [([str(p.get("left", "")), str(p.get("right", ""))], p.get("basis") or [])
                for p in data.get("pairs", [])]
        super().__init__(facts, rows, movable=False, parent=parent)
        self.extra = QPlainTextEdit("\n".join(data.get("extra_right") or []), self)
        self.extra.setAccessibleName(tr("Distractors, one a line"))
        self.extra.setFixedHeight(64)
        self.scoring = QComboBox(self)
        self.scoring.setAccessibleName(tr("Scoring"))
        self.scoring.addItem(tr("One point per pair"), "per_pair")
        self.scoring.addItem(tr("All or nothing"), "all_or_nothing")
        self.scoring.setCurrentIndex(max(self.scoring.findData(data.get("scoring")), 0))
        self._watch(self.extra, self.scoring)
        form = QFormLayout()
        form.addRow(tr("&Distractors:"), self.extra)
        self.extra.setPlaceholderText(tr("right-hand texts that match nothing, one a line"))
        form.addRow(tr("&Scoring:"), self.scoring)
        self.column.addLayout(form)

    def data(self) -> dict[str, Any]:
        return {"pairs": [{"left": t[0], "right": t[1], "basis": basis}
                          for t, basis in self.rows()],
                "extra_right": _lines(self.extra.toPlainText()),
                "scoring": self.scoring.currentData()}


class ChoiceSection(Section):
    """Who or which: one right answer among wrong ones (a one-pair matching)."""

    def __init__(self, facts: list[Fact], data: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(facts, parent)
        pair = (data.get("pairs") or [{}])[0]
        self.stem = QLineEdit(str(pair.get("left", "")), self)
        self.stem.setAccessibleName(tr("Label before the choices"))
        self.answer = QLineEdit(str(pair.get("right", "")), self)
        self.answer.setAccessibleName(tr("The right answer"))
        self.wrong = QPlainTextEdit("\n".join(data.get("extra_right") or []), self)
        self.wrong.setAccessibleName(tr("Wrong choices, one a line"))
        self.wrong.setFixedHeight(84)
        self.fact = FactCombo(facts, pair.get("basis"), self)
        self._watch(self.stem, self.answer, self.wrong, self.fact)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("&Right answer:"), self.answer)
        form.addRow(tr("&Wrong choices:"), self.wrong)
        self.wrong.setPlaceholderText(tr("2 to 4, one a line"))
        form.addRow(tr("&Label:"), self.stem)
        form.addRow(tr("Rests &on:"), self.fact)

    def data(self) -> dict[str, Any]:
        return {"pairs": [{"left": self.stem.text().strip(), "right": self.answer.text().strip(),
                           "basis": self.fact.basis()}],
                "extra_right": _lines(self.wrong.toPlainText()), "scoring": "per_pair"}


def _values(text: str, measure: str) -> list[str | int]:
    """Dates (or, for `years`, numbers of years) typed with commas between them."""
    return [_value(part, measure) for part in text.split(",") if part.strip()]


def _value(text: str, measure: str) -> str | int:
    text = text.strip()
    return int(text) if measure == "years" and text.isdigit() else text


def _shown(value: Any) -> str:
    return str(value)


def _tiers(text: str) -> list[Any]:
    """`1: 50%, 2: 25%` (or `1: 0.5`) as [[1, 0.5], [2, 0.25]]; a part that is not a tier is
    handed on as written, for the reader to say what is wrong with it."""
    tiers: list[Any] = []
    for part in text.split(","):
        if not part.strip():
            continue
        match = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+(?:\.\d+)?)\s*(%?)\s*", part)
        if match is None:
            tiers.append(part.strip())
            continue
        credit = float(match[2]) / (100 if match[3] else 1)
        tiers.append([int(match[1]), credit])
    return tiers


def tiers_text(tiers: Any) -> str:
    parts = []
    for tier in tiers or []:
        if isinstance(tier, list | tuple) and len(tier) == 2:
            parts.append(f"{tier[0]}: {round(float(tier[1]) * 100)}%")
    return ", ".join(parts)


class DateSection(Section):
    """The date answer, its precision, the credit tiers, accepted alternatives and choices."""

    def __init__(self, facts: list[Fact], data: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(facts, parent)
        self._sources = {_shown(a.get("value")): a.get("sources", [])
                         for a in data.get("accept") or [] if isinstance(a, dict)}
        self.measure = QComboBox(self)
        self.measure.setAccessibleName(tr("Measure"))
        self.measure.addItem(tr("a date"), "date")
        self.measure.addItem(tr("a number of full years"), "years")
        self.measure.setCurrentIndex(max(self.measure.findData(data.get("measure")), 0))
        self.answer = QLineEdit(_shown(data.get("answer", "")), self)
        self.answer.setAccessibleName(tr("Answer"))
        self.answer.setPlaceholderText(tr("1953, 1953-09 or 1953-09-07"))
        self.precision = QComboBox(self)
        self.precision.setAccessibleName(tr("Precision"))
        for precision in PRECISIONS:
            self.precision.addItem(tr(PRECISION_NAMES[precision]), precision)
        self.precision.setCurrentIndex(max(self.precision.findData(data.get("precision")), 0))
        tolerance = data.get("tolerance") or {}
        self.full = QSpinBox(self)
        self.full.setRange(0, 1000)
        self.full.setValue(int(tolerance.get("full", 0)))
        self.full.setAccessibleName(tr("Full credit within"))
        self.tiers = QLineEdit(tiers_text(tolerance.get("partial")), self)
        self.tiers.setAccessibleName(tr("Partial credit"))
        self.tiers.setPlaceholderText(tr("1: 50%, 2: 25%"))
        self.accept = QLineEdit(", ".join(_shown(a.get("value")) for a in data.get("accept") or []
                                          if isinstance(a, dict)), self)
        self.accept.setAccessibleName(tr("Also accepted"))
        self.accept.setPlaceholderText(tr("another value a source gives"))
        self.choices = QLineEdit(", ".join(_shown(c) for c in data.get("choices") or []), self)
        self.choices.setAccessibleName(tr("Choices"))
        self.choices.setPlaceholderText(tr("multiple choice; empty: the learner types it"))
        self.fact = FactCombo(facts, data.get("basis"), self)
        self._watch(self.measure, self.answer, self.precision, self.full, self.tiers,
                    self.accept, self.choices, self.fact)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("&Answer:"), self.answer)
        form.addRow(tr("It &is:"), self.measure)
        form.addRow(tr("&Precision:"), self.precision)
        form.addRow(tr("&Full credit within:"), self.full)
        form.addRow(tr("Pa&rtial credit:"), self.tiers)
        form.addRow(tr("Also a&ccepted:"), self.accept)
        form.addRow(tr("C&hoices:"), self.choices)
        form.addRow(tr("Rests &on:"), self.fact)
        hint = QLabel(tr("Dates are written 1953, 1953-09 or 1953-09-07. Full and partial credit "
                         "count years, months or days, as the precision asks (1: 50% is half "
                         "the credit one off). Separate several values with commas."), self)
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        form.addRow(hint)

    def data(self) -> dict[str, Any]:
        measure = str(self.measure.currentData())
        accept = [{"value": value, "sources": self._sources.get(_shown(value), [])}
                  for value in _values(self.accept.text(), measure)]
        return {"measure": measure, "answer": _value(self.answer.text(), measure),
                "precision": self.precision.currentData(), "accept": accept,
                "tolerance": {"full": self.full.value(), "partial": _tiers(self.tiers.text())},
                "choices": _values(self.choices.text(), measure),
                "basis": self.fact.basis()}
