"""Ordering answers: a list reordered by drag and drop, by Ctrl+Up/Ctrl+Down, or by buttons."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.questions import OrderingQuestion, OrderingResponse
from gensec_quiz.i18n import tr
from gensec_quiz.ui.widgets import themed_icon

_KEY_ROLE = Qt.ItemDataRole.UserRole


class OrderList(QListWidget):
    """The list itself: Ctrl+Up and Ctrl+Down move the selected item."""

    move_requested = Signal(int)  # -1 up, +1 down

    def sizeHint(self) -> QSize:
        """Tall enough for every item (so feedback below stays in view), never a bare sliver."""
        hint = super().sizeHint()
        rows = sum(max(self.sizeHintForRow(row), 0) for row in range(self.count()))
        hint.setHeight(max(rows + 2 * self.frameWidth() + 6, 90))
        return hint

    def keyPressEvent(self, event: QKeyEvent) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() == Qt.Key.Key_Up:
            self.move_requested.emit(-1)
            event.accept()
        elif control and event.key() == Qt.Key.Key_Down:
            self.move_requested.emit(1)
            event.accept()
        else:
            super().keyPressEvent(event)


class OrderingWidget(QWidget):
    """Shows the items in the session's shuffled order; `response()` gives key indexes."""

    changed = Signal()

    def __init__(
        self, question: OrderingQuestion, display: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.question = question
        self._moved = False
        self._locked = False
        self._build(display)
        self._relabel()

    def _build(self, display: Sequence[int]) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(tr("Put the items in order, earliest first. Drag them, or select one and "
                         "press Ctrl+Up or Ctrl+Down."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.list = OrderList(self)
        self.list.setObjectName("orderingList")
        self.list.setAccessibleName(tr("Items to put in order, earliest first"))
        self.list.setToolTip(tr("Drag an item, or move the selected one with Ctrl+Up / Ctrl+Down"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        for key_index in display:
            item = QListWidgetItem(self.question.items[key_index].text, self.list)
            item.setData(_KEY_ROLE, key_index)
        self.list.setCurrentRow(0)
        self.list.move_requested.connect(self.move_selected)
        model = self.list.model()
        model.rowsMoved.connect(self._on_rows_moved)
        model.rowsInserted.connect(self._on_rows_moved)
        row.addWidget(self.list, 1)
        row.addLayout(self._buttons())
        layout.addLayout(row)
        self.status = QLabel(tr("Nothing moved yet"), self)
        self.status.setObjectName("orderingStatus")
        self.status.setAccessibleName(tr("Ordering status"))
        layout.addWidget(self.status)

    def _buttons(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.up_button = QPushButton(themed_icon("up"), tr("Move &up"), self)
        self.up_button.setToolTip(tr("Move the selected item up (Ctrl+Up or Alt+U)"))
        self.up_button.setAccessibleName(tr("Move the selected item up"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(themed_icon("down"), tr("Move &down"), self)
        self.down_button.setToolTip(tr("Move the selected item down (Ctrl+Down or Alt+D)"))
        self.down_button.setAccessibleName(tr("Move the selected item down"))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        for button in (self.up_button, self.down_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            column.addWidget(button)
        column.addStretch(1)
        return column

    @Slot(int)
    def move_selected(self, step: int) -> None:
        """Move the selected item one place up (-1) or down (+1), keeping it selected."""
        row = self.list.currentRow()
        target = row + step
        if self._locked or row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._note_move()

    @Slot()
    def _on_rows_moved(self, *_args: object) -> None:
        self._note_move()

    def _note_move(self) -> None:
        self._moved = True
        self._relabel()
        self.status.setText(tr("Order changed: submit when you are happy with it"))
        self.changed.emit()

    def _relabel(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            text = self.question.items[int(item.data(_KEY_ROLE))].text
            item.setText(tr("{number}. {text}", number=row + 1, text=text))
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         tr("Place {number}: {text}", number=row + 1, text=text))

    def focus_chain(self) -> list[QWidget]:
        """The controls in Tab order."""
        return [self.list, self.up_button, self.down_button]

    def order(self) -> tuple[int, ...]:
        return tuple(int(self.list.item(row).data(_KEY_ROLE)) for row in range(self.list.count()))

    def moved(self) -> bool:
        return self._moved

    def response(self) -> OrderingResponse:
        return OrderingResponse(self.order(), moved=self._moved)

    def is_complete(self) -> bool:
        return self._moved

    def incomplete_message(self) -> str:
        return tr("You have not moved anything yet; an untouched list scores 0.")

    def lock(self) -> None:
        """After submitting: still readable, no longer movable."""
        self._locked = True
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.up_button.setEnabled(False)
        self.down_button.setEnabled(False)

    def drag_row(self, source: int, target: int) -> bool:
        """Move a row as a drop would (tests and accessibility tools use the model's move)."""
        destination = target + 1 if target > source else target
        return bool(self.list.model().moveRow(QModelIndex(), source, QModelIndex(), destination))
