"""Ordering answers: a list of large cards reordered by drag and drop, by Ctrl+Up/Ctrl+Down (or
Alt+Up/Alt+Down), or by buttons. The list is as tall as its cards: it never hides one behind a
scroll bar while the screen has room."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
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
# Each item is a card: the theme's button colour, its mid colour for the edge, and room to grab.
CARD_STYLE = (
    "QListWidget#orderingList { background: transparent; border: none; }"
    "QListWidget#orderingList::item { background: palette(button); color: palette(button-text);"
    " border: 1px solid palette(mid); border-radius: 8px; padding: 12px 14px; margin: 4px 2px; }"
    "QListWidget#orderingList::item:selected { background: palette(highlight);"
    " color: palette(highlighted-text); border: 2px solid palette(highlight); }"
)
MIN_CARD_HEIGHT = 44
CARD_SIDE = 2 + 1 + 14  # margin, border and padding on each side of a card's text
CARD_TOP = 4 + 1 + 12  # above (and below) it
_MOVE_MODIFIERS = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier)


class OrderList(QListWidget):
    """The list itself: Ctrl+Up/Down (or Alt+Up/Down) move the selected item; as tall as all
    its cards at the width it has."""

    move_requested = Signal(int)  # -1 up, +1 down

    def fit_cards(self) -> None:
        """Each card as wide as the list and as tall as its text wrapped to that width (the
        list's own guess measures the text unwrapped: cards wider than the list, cut off)."""
        width = self.viewport().width()
        if width <= 2 * CARD_SIDE:
            return
        metrics = self.fontMetrics()
        text_width = width - 2 * CARD_SIDE - 6
        for row in range(self.count()):
            item = self.item(row)
            box = metrics.boundingRect(QRect(0, 0, text_width, 1 << 20),
                                       int(Qt.TextFlag.TextWordWrap), item.text())
            height = max(MIN_CARD_HEIGHT, box.height() + 2 * CARD_TOP + 2)
            if item.sizeHint() != QSize(width - 2, height):
                item.setSizeHint(QSize(width - 2, height))
        self.updateGeometry()

    def content_height(self) -> int:
        """The height that shows every card without a scroll bar."""
        rows = sum(max(self.item(row).sizeHint().height(), self.sizeHintForRow(row),
                       MIN_CARD_HEIGHT) for row in range(self.count()))
        return rows + 2 * self.frameWidth() + 4

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(max(self.content_height(), 90))
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        hint.setHeight(max(self.content_height(), 90))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # wrapped text: new card heights
            self.fit_cards()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mover = any(event.modifiers() & modifier for modifier in _MOVE_MODIFIERS)
        if mover and event.key() == Qt.Key.Key_Up:
            self.move_requested.emit(-1)
            event.accept()
        elif mover and event.key() == Qt.Key.Key_Down:
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
                         "press Ctrl+Up or Ctrl+Down (Alt+Up, Alt+Down)."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.list = OrderList(self)
        self.list.setObjectName("orderingList")
        self.list.setAccessibleName(tr("Items to put in order, earliest first"))
        self.list.setToolTip(tr("Drag an item, or move the selected one with Ctrl+Up / Ctrl+Down"))
        self.list.setStyleSheet(CARD_STYLE)
        self.list.setSpacing(0)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setDragDropOverwriteMode(False)
        self.list.setDropIndicatorShown(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
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
        layout.addStretch(1)  # spare room below the cards, the status right under them

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
        self.list.fit_cards()

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

    def show_draft(self, order: Sequence[int], moved: bool) -> None:
        """Show a saved (draft) order again; one that does not fit these items is ignored."""
        if sorted(order) != sorted(self.order()):
            return
        items = {int(self.list.item(row).data(_KEY_ROLE)): row for row in range(self.list.count())}
        taken = [self.list.item(items[key]) for key in order]
        for _ in range(self.list.count()):
            self.list.takeItem(0)
        for item in taken:
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        if moved:
            self._note_move()
        else:
            self._relabel()

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
