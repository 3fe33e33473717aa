"""The records screen: the record set as tables, disputed cells marked, sources beside them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import N_, tr
from gensec_quiz.ui import theme
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.models.list_table import ROW_ROLE, SORT_ROLE, Column, ListTableModel
from gensec_quiz.ui.models.record_details import details_html
from gensec_quiz.ui.models.records import (
    conflict_columns,
    dispute_marker,
    event_columns,
    office_columns,
    tenure_columns,
)

TABS = ("tenures", "offices", "events", "conflicts")
TAB_NAMES = {"tenures": N_("Tenures"), "offices": N_("Office names"), "events": N_("Events"),
             "conflicts": N_("Conflicts")}


def tab_label(name: str, shown: int, total: int) -> str:
    """"Tenures (12)", or "Tenures (3 of 12)" while a filter hides some rows."""
    if shown == total:
        return tr("{name} ({n})", name=tr(TAB_NAMES[name]), n=total)
    return tr("{name} ({shown} of {n})", name=tr(TAB_NAMES[name]), shown=shown, n=total)


class RecordsTab(QWidget):
    """One table of records, sortable and filterable."""

    def __init__(
        self, model: ListTableModel[Any], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTableView(self)
        self.view.setObjectName(f"{name}Table")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def fit_columns(self) -> None:
        """Size the columns to their contents, within reason, once there are rows."""
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            if self.view.columnWidth(column) > 280:
                self.view.setColumnWidth(column, 280)

    def selected_item(self) -> object | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None


class RecordsScreen(QWidget):
    """Tenures, office names, events and conflicts of the built-in record set."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.records: RecordSet | None = None
        self.tabs_by_name: dict[str, RecordsTab] = {}
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel(tr("Records"), self)
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)  # a long record-set title must not widen the window
        self.caption = QLabel("", self)
        self.caption.setProperty("role", "muted")
        self.caption.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(tr("Filter the rows (Ctrl+F)"))
        self.filter.setAccessibleName(tr("Filter the records"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("Kinds of record"))
        self.tabs.currentChanged.connect(self._on_tab)
        self.details = QTextBrowser(self)
        self.details.setAccessibleName(tr("Sources of the selected row"))
        self.details.setOpenExternalLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.details)
        # the table takes most of the height (at 800x600 with 16 pt it showed two rows): the
        # sources keep a few lines and can be dragged taller
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 120])
        splitter.setChildrenCollapsible(False)
        for widget in (self.title, self.caption, self.filter):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.filter.setFocus)

    # ------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def refresh(self) -> None:
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """Build the tables the first time they are needed (the store is not)."""
        if self.records is not None or self.tabs.count():
            return
        try:
            records = self.context.records()
        except (InputError, OSError) as error:
            self.caption.setText(tr("The record set could not be read: {error}", error=error))
            return
        self.show_records(records)

    def show_records(self, records: RecordSet) -> None:
        """Show a record set, replacing what was shown."""
        self.records = records
        self.title.setText(tr("Records: {title}", title=records.title))
        # the counts on one line; how to read the marks in the tooltip and the tables'
        # description (four lines of it left the table two rows at 800x600 with 16 pt)
        self.caption.setText(tr(
            "{tenures} tenures, {offices} office names, {events} events, {conflicts} "
            "conflicts; point at a warning sign for the values the documents disagree on.",
            tenures=len(records.tenures), offices=len(records.offices),
            events=len(records.events), conflicts=len(records.conflicts),
        ))
        how = tr("A warning sign marks a value the documents disagree on; point at it for the "
                 "values and their sources, or select a row to read the quotes.")
        self.caption.setToolTip(how)
        self.tabs.setAccessibleDescription(how)
        marker = dispute_marker(records)
        tables: dict[str, tuple[list[Column[Any]], tuple[Any, ...]]] = {
            "tenures": (tenure_columns(), records.tenures),
            "offices": (office_columns(), records.offices),
            "events": (event_columns(), records.events),
            "conflicts": (conflict_columns(records), records.conflicts),
        }
        for name, (columns, rows) in tables.items():
            self._show_table(name, tab_label(name, len(rows), len(rows)), columns, rows, marker)
        self._count_rows()

    def _show_table(
        self, name: str, label: str, columns: list[Column[Any]], rows: tuple[Any, ...],
        marker: Any,
    ) -> None:
        tab = self.tabs_by_name.get(name)
        if tab is None:
            model: ListTableModel[Any] = ListTableModel(
                columns, rows, marker=marker, mark_icon=lambda: theme.icon("conflict"), parent=self
            )
            tab = RecordsTab(model, name, self)
            tab.view.setAccessibleName(label.partition(" (")[0].replace("&", ""))  # no count
            self.tabs_by_name[name] = tab
            self.tabs.addTab(tab, label)
            tab.view.selectionModel().selectionChanged.connect(self._on_selection)
        else:
            tab.model.set_rows(rows, marker=marker)
            self.tabs.setTabText(self.tabs.indexOf(tab), label)
        tab.fit_columns()

    # ------------------------------------------------------------ reactions

    def current_tab(self) -> RecordsTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, RecordsTab) else None

    def show_tab(self, name: str) -> None:
        self.ensure_loaded()
        tab = self.tabs_by_name.get(name)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)

    @Slot(str)
    def _on_filter(self, text: str) -> None:
        for tab in self.tabs_by_name.values():
            tab.proxy.setFilterFixedString(text)
        self._count_rows()

    def _count_rows(self) -> None:
        """Each tab says how many of its rows the filter lets through."""
        for name, tab in self.tabs_by_name.items():
            label = tab_label(name, tab.proxy.rowCount(), tab.model.rowCount())
            self.tabs.setTabText(self.tabs.indexOf(tab), label)

    @Slot(int)
    def _on_tab(self, _index: int) -> None:
        self._show_details()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_details()

    def _show_details(self) -> None:
        tab = self.current_tab()
        item = tab.selected_item() if tab is not None else None
        if self.records is None or item is None:
            self.details.setHtml("<p><i>" + tr(
                "Select a row to read its sources: the documents and the quotes.") + "</i></p>")
            return
        self.details.setHtml(details_html(self.records, item))
