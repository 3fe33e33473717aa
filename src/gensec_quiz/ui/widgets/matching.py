"""Matching answers: two columns, each left item beside a chooser of right items, each usable once.

A matching question with one pair and distractors is a multiple-choice question on a name or a
title (the team's design): it is shown as radio buttons, in the session's shuffled order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from gensec_quiz.domain.questions import MatchingQuestion, MatchingResponse
from gensec_quiz.i18n import tr
from gensec_quiz.ui.widgets.choices import ChoicesWidget

# The left-hand items as quiet cards in the theme's colours, so the two columns read apart.
LEFT_CELL_STYLE = ("QLabel[role=\"matchLeft\"] { background: palette(alternate-base);"
                   " border: 1px solid palette(mid); border-radius: 6px; padding: 8px 10px; }")


def is_single_choice(question: MatchingQuestion) -> bool:
    """One pair with distractors: a multiple-choice question on a name or a title."""
    return len(question.pairs) == 1 and bool(question.extra_right)


class MatchingWidget(QWidget):
    """One row per pair, in key order; the choosers list the right-hand texts shuffled."""

    changed = Signal()

    def __init__(
        self, question: MatchingQuestion, display: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.question = question
        all_right = question.right_choices()
        self._choices = tuple(all_right[i] for i in display) if display else all_right
        self.combos: list[QComboBox] = []
        self.clash_labels: list[QLabel] = []
        self.choices: ChoicesWidget | None = None
        if is_single_choice(question):
            self._build_single()
        else:
            self._build()

    def _build_single(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        stem = self.question.pairs[0].left.strip()
        if stem:
            label = QLabel(stem, self)
            label.setWordWrap(True)
            label.setProperty("role", "muted")
            layout.addWidget(label)
        hint = QLabel(tr("Choose one answer: click it, or press its number."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.choices = ChoicesWidget(self._choices, name=tr("Possible answers"), parent=self)
        self.choices.setObjectName("matchingChoices")
        self.choices.changed.connect(self.changed)
        layout.addWidget(self.choices, 1)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(tr("Match each item on the left with one on the right; each choice can "
                         "be used once. Tab moves between choosers; arrow keys change a choice."),
                      self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.choices_label = QLabel(
            tr("Choices: {choices}", choices=" · ".join(self._choices)), self)
        self.choices_label.setWordWrap(True)
        self.choices_label.setProperty("role", "muted")
        layout.addWidget(self.choices_label)
        grid = QGridLayout()
        # the items (often whole sentences) get more of the width than their choosers
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        for column, text in enumerate((tr("Item"), tr("Its match"))):
            header = QLabel(f"<b>{text}</b>", self)
            header.setAccessibleName(text)
            grid.addWidget(header, 0, column)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 1, 0, 1, 2)
        for row, pair in enumerate(self.question.pairs):
            self._add_row(grid, row, pair.left)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _add_row(self, grid: QGridLayout, row: int, left: str) -> None:
        label = QLabel(tr("{number}. {left}", number=row + 1, left=left), self)
        label.setWordWrap(True)
        label.setProperty("role", "matchLeft")
        label.setStyleSheet(LEFT_CELL_STYLE)
        combo = QComboBox(self)
        combo.setMinimumHeight(36)
        combo.setObjectName(f"matchingChoice{row}")
        combo.addItem(tr("— choose —"), None)
        for text in self._choices:
            combo.addItem(text, text)
        combo.setAccessibleName(tr("Match for {left}", left=left))
        combo.setToolTip(tr("Choose the match for “{left}” (arrow keys, or type its first "
                            "letters)", left=left))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # as wide as the longest choice needs, up to 18 characters (years need few: the
        # items then keep the room to wrap less at a large text size)
        longest = max((len(text) for text in self._choices), default=18)
        combo.setMinimumContentsLength(max(6, min(18, longest)))
        combo.currentIndexChanged.connect(self._on_choice)
        label.setBuddy(combo)
        clash = QLabel("", self)
        clash.setObjectName(f"matchingClash{row}")
        clash.setProperty("state", "wrong")
        clash.setVisible(False)
        grid.addWidget(label, 2 + row * 2, 0)
        grid.addWidget(combo, 2 + row * 2, 1)
        grid.addWidget(clash, 3 + row * 2, 1)
        self.combos.append(combo)
        self.clash_labels.append(clash)

    def focus_chain(self) -> list[QWidget]:
        """The controls in Tab order."""
        if self.choices is not None:
            return list(self.choices.buttons)
        return list(self.combos)

    def chosen(self) -> tuple[str | None, ...]:
        if self.choices is not None:
            index = self.choices.selected()
            return (None if index is None else self._choices[index],)
        return tuple(combo.currentData() for combo in self.combos)

    def clashes(self) -> tuple[int, ...]:
        """Rows whose choice is also chosen in another row."""
        counts = Counter(c for c in self.chosen() if c is not None)
        return tuple(i for i, c in enumerate(self.chosen()) if c is not None and counts[c] > 1)

    @Slot(int)
    def _on_choice(self, _index: int) -> None:
        clashing = set(self.clashes())
        for row, (combo, label) in enumerate(zip(self.combos, self.clash_labels, strict=True)):
            left = self.question.pairs[row].left
            if row in clashing:
                text = tr("⚠ “{right}” is also chosen for another item; each can be used once.",
                          right=combo.currentText())
                label.setText(text)
                combo.setAccessibleDescription(text)
            else:
                combo.setAccessibleDescription(tr("Match for {left}", left=left))
            label.setVisible(row in clashing)
            combo.setProperty("clash", row in clashing)
            combo.style().unpolish(combo)
            combo.style().polish(combo)
        self.changed.emit()

    def response(self) -> MatchingResponse:
        return MatchingResponse(self.chosen())

    def is_complete(self) -> bool:
        return all(c is not None for c in self.chosen())

    def blocking_problem(self) -> str | None:
        """A reason the answer cannot be submitted as it is, or None."""
        if self.clashes():
            return tr("The same choice is used twice; each can be used once.")
        return None

    def incomplete_message(self) -> str:
        if self.choices is not None:
            return tr("No answer chosen yet; it will count as wrong.")
        return tr("Some items have no match yet; they will count as wrong.")

    def lock(self) -> None:
        if self.choices is not None:
            self.choices.lock()
        for combo in self.combos:
            combo.setEnabled(False)

    def show_key(self) -> None:
        """After the answer to a multiple choice: mark the right option in the list (a matching
        of several pairs shows its key in the feedback)."""
        if self.choices is not None:
            self.choices.mark(self._choices.index(self.question.pairs[0].right))

    def choice_texts(self) -> tuple[str, ...]:
        """The right-hand choices in the order shown."""
        return self._choices

    def show_draft(self, chosen: Sequence[str | None]) -> None:
        """Show a saved (draft) answer again; choices no longer offered are left empty."""
        for row, text in enumerate(chosen):
            if text is not None and text in self._choices:
                self.choose(row, text)

    def choose(self, row: int, text: str) -> None:
        """Select `text` in row `row` (keyboard-equivalent; used by tests)."""
        if self.choices is not None:
            self.choices.select(self._choices.index(text))
            return
        combo = self.combos[row]
        combo.setCurrentIndex(combo.findData(text, Qt.ItemDataRole.UserRole))
