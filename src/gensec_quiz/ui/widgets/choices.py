"""Multiple choice: radio buttons, picked with the mouse, the arrow keys, or keys 1 to 9; a
little larger than the window's text and spaced apart, so each is an easy target. After the
answer, `mark` shows the right option (bold, with a tick) and a wrong pick (with a cross) in the
list itself, in words as well as type, so no colour is needed to tell them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from gensec_quiz.i18n import tr

OPTION_SCALE = 1.15  # the options' text, relative to the window's


class ChoicesWidget(QWidget):
    """A column of options; `selected()` is the chosen option's index or None."""

    changed = Signal()

    def __init__(
        self, options: Sequence[str], *, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.group = QButtonGroup(self)
        self.options = tuple(options)
        self.buttons: list[QRadioButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for index, option in enumerate(options):
            layout.addWidget(self._button(index, option))
        layout.addStretch(1)
        self.group.idToggled.connect(self._on_toggled)

    def _button(self, index: int, option: str) -> QRadioButton:
        button = QRadioButton(tr("{number}.  {option}", number=index + 1, option=option), self)
        button.setObjectName(f"choice{index}")
        button.setAccessibleName(option)
        font = button.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * OPTION_SCALE)
            button.setFont(font)
        button.setMinimumHeight(button.fontMetrics().height() + 14)
        self.group.addButton(button, index)
        self.buttons.append(button)
        if index < 9:
            key = str(index + 1)
            button.setToolTip(tr("Choose “{option}” (key {key})", option=option, key=key))
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda i=index: self.select(i))
        return button

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys 1 to 9 pick an option even when the window's shortcuts are not active."""
        text = event.text()
        if len(text) == 1 and text.isdigit() and text != "0":
            self.select(int(text) - 1)
            event.accept()
        else:
            super().keyPressEvent(event)

    def select(self, index: int) -> None:
        if 0 <= index < len(self.buttons) and self.buttons[index].isEnabled():
            self.buttons[index].setChecked(True)
            self.buttons[index].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def selected(self) -> int | None:
        index = self.group.checkedId()
        return None if index < 0 else index

    @Slot(int, bool)
    def _on_toggled(self, _index: int, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def lock(self) -> None:
        for button in self.buttons:
            button.setEnabled(False)

    def mark(self, right: int) -> None:
        """After the answer: the right option in bold with "✓ the answer", and the learner's
        pick, when it is another one, with "✗ your choice"."""
        chosen = self.selected()
        for index, (button, option) in enumerate(zip(self.buttons, self.options, strict=True)):
            if index == right:
                text = tr("{number}.  {option}   ✓ the answer", number=index + 1, option=option)
                font = button.font()
                font.setBold(True)
                button.setFont(font)
            elif index == chosen:
                text = tr("{number}.  {option}   ✗ your choice", number=index + 1,
                          option=option)
            else:
                continue
            button.setText(text)
            button.setAccessibleDescription(text)
