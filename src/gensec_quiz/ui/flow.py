"""A row of controls that wraps onto the next line when the window is too narrow for it.

Rows of buttons and filters laid out with a `QHBoxLayout` make the window as wide as their sum
(at 24 pt a teacher's filter row alone was wider than a 1280-pixel screen); a `FlowLayout` asks
only for its widest item and uses as many lines as the width it is given needs.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QScrollArea, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line; `add_break()` items after it start on the
    right-hand side of their line when there is room (a form's main buttons)."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right_from: int | None = None
        self._spacing = spacing
        if parent is None:
            self.setContentsMargins(QMargins(0, 0, 0, 0))

    # the QLayout interface -----------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        if self._right_from is not None and index < self._right_from:
            self._right_from -= 1
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        width = height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + (self._gap(item, Qt.Orientation.Horizontal) if width else 0)
            height = max(height, hint.height())
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest single item: lines wrap below that."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # what callers use ------------------------------------------------------------------------

    def add_widget(self, *widgets: QWidget) -> None:
        for widget in widgets:
            self.addWidget(widget)

    def add_break(self) -> None:
        """The items added after this sit at the right of their line."""
        self._right_from = len(self._items)

    # the arithmetic --------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self, item: QLayoutItem, orientation: Qt.Orientation) -> int:
        if self._spacing >= 0:
            return self._spacing
        widget = item.widget()
        if widget is None:
            return 6
        style = widget.style()
        control = QSizePolicy.ControlType.PushButton
        metric = (QStyle.PixelMetric.PM_LayoutHorizontalSpacing
                  if orientation == Qt.Orientation.Horizontal
                  else QStyle.PixelMetric.PM_LayoutVerticalSpacing)
        gap = style.layoutSpacing(control, control, orientation)
        return gap if gap >= 0 else max(style.pixelMetric(metric), 6)

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            hint = self._item_width(item, width)
            gap = self._gap(item, Qt.Orientation.Horizontal) if lines[-1] else 0
            if lines[-1] and used + gap + hint > width:
                lines.append([])
                used, gap = 0, 0
            lines[-1].append(item)
            used += gap + hint
        return [line for line in lines if line]

    @staticmethod
    def _item_width(item: QLayoutItem, width: int) -> int:
        return max(min(item.sizeHint().width(), width), item.minimumSize().width())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        inner = rect.marginsRemoved(margins)
        top = inner.y()
        for line in self._lines(max(inner.width(), 1)):
            height = max(item.sizeHint().height() for item in line)
            widths = [self._item_width(item, inner.width()) for item in line]
            x = inner.x()
            right_at = next((n for n, item in enumerate(line) if self._is_right(item)), None)
            rest = 0
            if right_at is not None:
                rest = sum(widths[right_at:]) + sum(
                    self._gap(item, Qt.Orientation.Horizontal) for item in line[right_at + 1:])
            for n, (item, item_width) in enumerate(zip(line, widths, strict=True)):
                if n and n != right_at:
                    x += self._gap(item, Qt.Orientation.Horizontal)
                if n == right_at:
                    x = max(x + (self._gap(item, Qt.Orientation.Horizontal) if n else 0),
                            inner.x() + inner.width() - rest)
                if move:
                    item_height = min(height, max(item.sizeHint().height(),
                                                  item.minimumSize().height()))
                    y = top + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, y), QSize(item_width, item_height)))
                x += item_width
            top += height + self._gap(line[0], Qt.Orientation.Vertical)
        used = top - inner.y()
        if used > 0:
            used -= self._gap(self._items[0], Qt.Orientation.Vertical) if self._items else 0
        return used + margins.top() + margins.bottom()

    def _is_right(self, item: QLayoutItem) -> bool:
        return self._right_from is not None and item in self._items[self._right_from:]


class VerticalScrollArea(QScrollArea):
    """Scrolls up and down only, and is never narrower than its content needs (a plain
    scroll area with no horizontal bar lets its content be squeezed below its minimum)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        self.setAccessibleName(content.accessibleName())  # a screen reader names the area

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        frame = 2 * self.frameWidth()
        width = max(content.minimumSizeHint().width(), content.minimumWidth()) + bar + frame
        return QSize(max(hint.width(), width), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        content = self.widget()
        if content is None:
            return hint
        return hint.expandedTo(QSize(self.minimumSizeHint().width(), 0))
