"""The Build screen's settings: record set, kinds, count, difficulty, scoring rule, seed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.questions import OrderingRule, QuestionType
from gensec_quiz.i18n import LANGUAGES, current_language, tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.models.teacher_build import RULE_ORDER, BuildOptions, rule_name, rule_text
from gensec_quiz.ui.names import KIND_CHOICES, difficulty_names
from gensec_quiz.ui.teacher.record_chooser import RecordSetCombo
from gensec_quiz.ui.widgets import themed_icon


class BuildOptionsBox(QGroupBox):
    """Emits `generate_requested` when the teacher presses Generate."""

    generate_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("1. Settings"), parent)
        self.setAccessibleName(tr("Settings for generating"))
        form = QFormLayout(self)
        # labels above their fields: the column is narrow, and a long row was squeezed
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.records = RecordSetCombo(context, self)
        self.records.setMinimumContentsLength(12)
        form.addRow(tr("&Records:"), self.records)
        form.addRow(tr("Kinds:"), self._kinds())
        self.count = self._spin(1, 50, 10, tr("Number of questions"))
        form.addRow(tr("&Questions:"), self.count)
        self.difficulty = QComboBox(self)
        self.difficulty.addItems(difficulty_names())
        self.difficulty.setCurrentIndex(1)
        self.difficulty.setAccessibleName(tr("Difficulty"))
        form.addRow(tr("&Difficulty:"), self.difficulty)
        self._scoring_rows(form)
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.setAccessibleName(tr("Language of the questions"))
        self.language.setToolTip(tr("The questions are written in this language, whatever "
                                    "language the app speaks"))
        form.addRow(tr("&Language of the questions:"), self.language)
        self.seed = self._spin(0, 999_999, 1, tr("Seed"))
        self.seed.setToolTip(tr("The same seed and settings always give the same questions"))
        form.addRow(tr("S&eed:"), self.seed)
        self.generate_button = QPushButton(themed_icon("play"), tr("&Generate"), self)
        self.generate_button.setProperty("role", "primary")
        self.generate_button.setToolTip(tr("Make the questions with these settings"))
        self.generate_button.clicked.connect(self.generate_requested)
        form.addRow(self.generate_button)
        self._on_rule(0)

    def _scoring_rows(self, form: QFormLayout) -> None:
        """The rule for ordering questions, each with its one-line description."""
        self.scoring = QComboBox(self)
        self.scoring.setAccessibleName(tr("Scoring rule for ordering questions"))
        self.scoring.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scoring.setMinimumContentsLength(12)
        for rule in RULE_ORDER:
            self.scoring.addItem(rule_name(rule), rule)
            self.scoring.setItemData(self.scoring.count() - 1, rule_text(rule),
                                     Qt.ItemDataRole.ToolTipRole)
        self.scoring.currentIndexChanged.connect(self._on_rule)
        form.addRow(tr("&Ordering scored by:"), self.scoring)
        self.rule_text = QLabel("", self)
        self.rule_text.setObjectName("ruleDescription")
        self.rule_text.setWordWrap(True)
        self.rule_text.setProperty("role", "muted")
        form.addRow(self.rule_text)

    def _kinds(self) -> QVBoxLayout:
        row = QVBoxLayout()
        self.kind_boxes: dict[QuestionType, QCheckBox] = {}
        for kind, name in KIND_CHOICES:
            box = QCheckBox(tr(name).replace("&", ""), self)
            box.setChecked(True)
            row.addWidget(box)
            self.kind_boxes[kind] = box
        return row

    def _spin(self, low: int, high: int, value: int, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setAccessibleName(name)
        return spin

    @Slot(int)
    def _on_rule(self, _index: int) -> None:
        self.rule_text.setText(rule_text(self.rule()))

    def rule(self) -> OrderingRule:
        rule: OrderingRule = self.scoring.currentData()
        return rule

    def set_rule(self, rule: OrderingRule) -> None:
        self.scoring.setCurrentIndex(self.scoring.findData(rule))

    def kinds(self) -> tuple[QuestionType, ...]:
        return tuple(kind for kind, box in self.kind_boxes.items() if box.isChecked())

    def options(self) -> BuildOptions:
        return BuildOptions(types=self.kinds(), count=self.count.value(),
                            difficulty=self.difficulty.currentIndex() + 1, scoring=self.rule(),
                            seed=self.seed.value(), language=self.language.currentData())

