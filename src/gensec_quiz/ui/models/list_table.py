"""A read-only table model over a plain list, one `Column` per column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

T = TypeVar("T")

ROW_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MARKED_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[T]):
    """How one column shows a row: its text, and optionally a sort key and a record field."""

    title: str
    text: Callable[[T], str]
    sort: Callable[[T], str | int] | None = None
    field: str | None = None
    align_right: bool = False


Marker = Callable[[Any, str], str | None]


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Rows are items of a list; a `marker` names the cells to flag (a tooltip text) or None."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        rows: Sequence[T] = (),
        *,
        marker: Marker | None = None,
        mark_icon: Callable[[], QIcon] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[T] = list(rows)
        self._marker = marker
        self._mark_icon = mark_icon
        self._icon: QIcon | None = None

    # ------------------------------------------------------------ contents

    def set_rows(self, rows: Sequence[T], *, marker: Marker | None = None) -> None:
        """Replace every row (and the marker, when given)."""
        self.beginResetModel()
        self._rows = list(rows)
        if marker is not None:
            self._marker = marker
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_item(self, row: int) -> T:
        return self._rows[row]

    def column(self, number: int) -> Column[T]:
        return self._columns[number]

    # ------------------------------------------------------------ Qt interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not self._valid(index):
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == ROW_ROLE:
            return item
        if role == SORT_ROLE:
            return column.sort(item) if column.sort is not None else column.text(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._mark_data(item, column, role)

    def _mark_data(self, item: T, column: Column[T], role: int) -> Any:
        if role not in (
            Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.AccessibleDescriptionRole, MARKED_ROLE,
        ):
            return None
        mark = self.mark(item, column)
        if role == MARKED_ROLE:
            return mark is not None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration() if mark is not None else None
        return mark if mark is not None else (
            column.text(item) if role == Qt.ItemDataRole.ToolTipRole else None
        )

    def mark(self, item: T, column: Column[T]) -> str | None:
        """The flag text of a cell, or None when the cell is not flagged."""
        if self._marker is None or column.field is None:
            return None
        return self._marker(item, column.field)

    def _decoration(self) -> QIcon | None:
        if self._mark_icon is None:
            return None
        if self._icon is None:
            self._icon = self._mark_icon()
        return self._icon

    def _valid(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return (
            index.isValid()
            and not index.parent().isValid()
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self._columns)
        )
