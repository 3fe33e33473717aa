"""The progress screen: the current learner's scores over time, by kind, weakest facts, streak
and the reviews due over the next 14 days (mastery per record is on the Timeline)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.storage.errors import StoreError
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.flow import VerticalScrollArea
from gensec_quiz.ui.models.list_table import ListTableModel
from gensec_quiz.ui.models.progress_data import Bar, ProgressData, fact_columns, gather

if TYPE_CHECKING:
    from gensec_quiz.ui.widgets.charts import BarChart, ForecastChart, ScoreChart

_log = logging.getLogger(__name__)


class ProgressScreen(QWidget):
    """Charts of one learner's history; a friendly sentence while there is nothing to chart."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data: ProgressData | None = None
        self.score_chart: ScoreChart | None = None
        self.kind_chart: BarChart | None = None
        self.forecast_chart: ForecastChart | None = None
        self.facts_model: ListTableModel[Bar] = ListTableModel(fact_columns(), parent=self)
        self._dirty = True
        self._build()
        signals = context.signals
        signals.data_changed.connect(self._changed)
        signals.learner_changed.connect(self._changed)
        signals.store_ready.connect(self._changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel(tr("Progress"), self)
        self.title.setProperty("role", "title")
        self.summary = QLabel("", self)
        self.summary.setProperty("role", "muted")
        self.review_line = QLabel("", self)
        self.review_line.setObjectName("reviewLine")
        self.review_line.setWordWrap(True)
        self.review_line.setAccessibleName(tr("Streak and reviews"))
        self.stack = QStackedWidget(self)
        self.empty = QLabel("", self)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(tr("Progress"))
        self.charts = QWidget(self)
        # Two charts a row when they fit, else one under another, scrolling: at 800x600 with
        # large text, side by side they would cut every label to "…".
        self.charts_scroller = VerticalScrollArea(self.charts, self)
        self.charts_scroller.setAccessibleName(tr("Charts"))
        self.charts_scroller.viewport().installEventFilter(self)
        self._columns = 0
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.charts_scroller)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.review_line)
        layout.addWidget(self.stack, 1)

    def _build_charts(self) -> None:
        """Create the charts the first time there is something to chart (keeps start-up light)."""
        if self.score_chart is not None:
            return
        from gensec_quiz.ui.widgets.charts import BarChart, ForecastChart, ScoreChart

        self._grid = QGridLayout(self.charts)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.score_chart = ScoreChart(self.charts)
        self.forecast_chart = ForecastChart(self.charts)
        self.kind_chart = BarChart(tr("By kind of question"), horizontal=True,
                                   parent=self.charts)
        self._panes: list[QWidget] = [self.forecast_chart, self.score_chart, self.kind_chart,
                       self._facts_box()]
        self._columns = 0
        self._place(self._columns_for(self.charts_scroller.viewport().width()))

    def _columns_for(self, width: int) -> int:
        """Two panes a row when each gets about 34 characters (14 day labels fit)."""
        return 2 if width >= self.fontMetrics().averageCharWidth() * 68 else 1

    def _place(self, columns: int) -> None:
        if columns == self._columns or not getattr(self, "_panes", None):
            return
        self._columns = columns
        grid = self._grid
        for pane in self._panes:
            grid.removeWidget(pane)
        # Each chart's room: the scroll area gives the panes what they ask for, not more.
        tall = self.fontMetrics().lineSpacing() * (13 if columns == 1 else 11)
        for index, pane in enumerate(self._panes):
            row, column = divmod(index, columns)
            grid.addWidget(pane, row, column)
            pane.setMinimumHeight(tall)
        for column in range(2):
            grid.setColumnStretch(column, 1 if column < columns else 0)  # halves: 14 labels
        for row in range(4):
            grid.setRowStretch(row, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.charts_scroller.viewport():
            self._place(self._columns_for(self.charts_scroller.viewport().width()))
        return super().eventFilter(watched, event)

    def _facts_box(self) -> QWidget:
        box = QWidget(self.charts)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(tr("Weakest facts"), box)
        heading.setProperty("role", "heading")
        self.facts = QTableView(box)
        self.facts.setModel(self.facts_model)
        self.facts.setAccessibleName(tr("Weakest facts, weakest first"))
        self.facts.verticalHeader().setVisible(False)
        self.facts.setAlternatingRowColors(True)
        self.facts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.facts.setWordWrap(False)
        header = self.facts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(heading)
        layout.addWidget(self.facts, 1)
        return box

    # ------------------------------------------------------------ refreshing

    @Slot()
    @Slot(object)
    def _changed(self, *_args: object) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the current learner's history from the store and show it."""
        self._dirty = False
        store, learner = self.context.store, self.context.learner_id
        self.title.setText(tr("Progress"))
        if store is None:
            self._show_empty(tr("Your progress appears here once your history has loaded."))
            return
        if learner is None:
            self._show_empty(tr("Choose a learner on Home to see their progress."))
            return
        try:
            self.title.setText(tr("Progress of {name}", name=store.learner(learner).name))
            data = gather(store, learner, self._records(), at=self.context.clock().astimezone())
        except StoreError:  # a refused read must leave a readable screen, not a traceback
            _log.exception("could not read the progress of learner %s", learner)
            self._show_empty(tr("Your progress could not be read from the database."))
            return
        self.show_data(data)

    def _records(self) -> RecordSet | None:
        try:
            return self.context.records()
        except (InputError, OSError):
            return None

    def show_data(self, data: ProgressData) -> None:
        self.data = data
        if data.empty:
            self._show_empty(tr("No quizzes yet — take one from Home."))
            return
        self._build_charts()
        assert self.score_chart is not None and self.kind_chart is not None
        assert self.forecast_chart is not None
        self.summary.setText(data.summary() or tr("No quiz finished yet."))
        self.review_line.setText(tr("{line} · mastery of each record: see the Timeline",
                                    line=data.review_summary()))
        self.review_line.setVisible(True)
        self.score_chart.set_points(data.scores)
        self.forecast_chart.set_days([(d.day, d.due) for d in data.forecast])
        self.kind_chart.set_bars([(b.label, b.value, b.tooltip) for b in data.kinds])
        self.facts_model.set_rows(data.facts)
        self.stack.setCurrentWidget(self.charts_scroller)

    def _show_empty(self, sentence: str) -> None:
        self.data = None
        self.summary.setText("")
        self.review_line.setVisible(False)
        self.empty.setText(sentence)
        self.stack.setCurrentWidget(self.empty)
