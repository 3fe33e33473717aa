"""The timeline screen: the record set along a time axis, to study from, each record coloured
by how likely the current learner is to recall it (their mastery, from spaced review)."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.storage.errors import StoreError
from gensec_quiz.ui import theme
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.widgets.mastery_scale import MasteryLegend

if TYPE_CHECKING:
    from gensec_quiz.ui.widgets.timeline_view import TimelineView

_log = logging.getLogger(__name__)


class TimelineScreen(QWidget):
    """Tenures as bars, events as marks, the office's names as a band, with a detail pane."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.records: RecordSet | None = None
        self._view: TimelineView | None = None
        self.mastery: dict[str, float] = {}
        self._mastery_stale = True
        self._build()
        signals = context.signals
        signals.data_changed.connect(self._learner_data_changed)
        signals.learner_changed.connect(self._learner_data_changed)
        signals.store_ready.connect(self._learner_data_changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(tr("Timeline"), self)
        title.setProperty("role", "title")
        self.caption = QLabel(tr(
            "Bars are tenures, diamonds are events, the top band is the office's name. "
            "Hatching marks a date that is imprecise or disputed. "
            "Arrow keys move between records; + and − zoom (Ctrl+wheel too); 0 fits."), self)
        self.caption.setProperty("role", "muted")
        self.caption.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.caption)
        layout.addLayout(self._toolbar())
        self.legend = MasteryLegend(self)
        self.mastery_note = QLabel("", self)
        self.mastery_note.setProperty("role", "muted")
        self.mastery_note.setWordWrap(True)
        layout.addWidget(self.legend)
        layout.addWidget(self.mastery_note)
        self.legend.setVisible(False)
        self.mastery_note.setVisible(False)
        self._view_slot = QVBoxLayout()
        layout.addLayout(self._view_slot, 3)
        self.details = QTextBrowser(self)
        self.details.setAccessibleName(tr("The selected record and its source"))
        self.details.setMaximumHeight(170)
        layout.addWidget(self.details, 1)
        hint = tr("Select a bar or a mark to read its note and its source.")
        self.details.setHtml(f"<p><i>{hint}</i></p>")

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Lanes:"), self))
        self.lanes = QComboBox(self)
        self.lanes.setAccessibleName(tr("One lane per"))
        self.lanes.addItem(tr("one per person"), "person")
        self.lanes.addItem(tr("one per office"), "office")
        self.lanes.currentIndexChanged.connect(self._on_lanes)
        bar.addWidget(self.lanes)
        bar.addStretch(1)
        for name, text, keys, slot in (
            ("zoom-out", tr("Zoom out"), "−", self._zoom_out),
            ("zoom-in", tr("Zoom in"), "+", self._zoom_in),
            ("timeline", tr("Fit the whole span"), "0", self._fit),
        ):
            button = QToolButton(self)
            button.setIcon(theme.icon(name))
            button.setIconSize(QSize(20, 20))
            button.setToolTip(tr("{action} ({keys})", action=text, keys=keys))
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        return bar

    @property
    def view(self) -> TimelineView:
        """The timeline, built when first needed (it keeps the app's start-up light)."""
        if self._view is None:
            from gensec_quiz.ui.widgets.timeline_view import TimelineView

            self._view = TimelineView(self)
            self._view.current_changed.connect(self._show_record)
            self._view_slot.addWidget(self._view)
        return self._view

    # ------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        self.refresh_mastery()
        super().showEvent(event)

    def refresh(self) -> None:
        self.ensure_loaded()
        self._mastery_stale = True  # shown again: time has passed
        if self.isVisible():
            self.refresh_mastery()

    @Slot()
    @Slot(object)
    def _learner_data_changed(self, *_args: object) -> None:
        self._mastery_stale = True
        if self.isVisible():  # answers are recorded while the quiz is shown: not then
            self.refresh_mastery()

    def refresh_mastery(self) -> None:
        """Colour the records by the current learner's mastery (none without a learner)."""
        if not self._mastery_stale or self.records is None:
            return
        self._mastery_stale = False
        store, learner = self.context.store, self.context.learner_id
        mastery: dict[str, float] = {}
        if store is not None and learner is not None:
            try:
                mastery = store.mastery(learner, self.context.clock().astimezone())
            except StoreError:  # the timeline stays readable without its colours
                _log.exception("could not read the mastery of learner %s", learner)
        self.set_mastery(mastery)
        self._show_legend(store is not None and learner is not None)

    def ensure_loaded(self) -> None:
        """Lay out the record set the first time the screen is needed."""
        if self.records is not None:
            return
        try:
            records = self.context.records()
        except (InputError, OSError) as error:
            self.caption.setText(tr("The record set could not be read: {error}", error=error))
            return
        self.records = records
        self.view.set_records(records)

    def set_mastery(self, mastery: dict[str, float]) -> None:
        """Colour each record by recall probability (for spaced review)."""
        self.ensure_loaded()
        self.mastery = dict(mastery)
        self.view.set_mastery(mastery)
        current = self.view.current_record()
        if current is not None:
            self._show_record(current)

    def _show_legend(self, learner: bool) -> None:
        met = len(self.mastery)
        self.legend.setVisible(met > 0)
        if not learner:
            note = tr("Choose a learner on Home to colour the records by how well they are "
                      "known.")
        elif met == 0:
            note = tr("Answer a quiz and the records you meet take the colour of how likely "
                      "you are to recall them.")
        else:
            note = ""
        self.mastery_note.setText(note)
        self.mastery_note.setVisible(bool(note))

    # ------------------------------------------------------------ reactions

    @Slot(str)
    def _show_record(self, record_id: str) -> None:
        layout = self.view.layout_data
        entry = layout.entry(record_id) if layout is not None else None
        if entry is not None:
            self.details.setHtml(self._mastery_html(record_id) + entry.tooltip)  # in view

    def _mastery_html(self, record_id: str) -> str:
        """The record's chance of recall in words (its colour alone says it to not everyone)."""
        if record_id not in self.mastery:
            return ""
        return "<p><b>{}</b></p>".format(html.escape(tr(
            "Your chance of recalling this record today: {percent}% (the facts of it you "
            "have met).",
            percent=round(self.mastery[record_id] * 100))))

    @Slot(int)
    def _on_lanes(self, _index: int) -> None:
        self.view.set_lanes_by("office" if self.lanes.currentData() == "office" else "person")

    @Slot()
    def _zoom_in(self) -> None:
        self.view.zoom_in()

    @Slot()
    def _zoom_out(self) -> None:
        self.view.zoom_out()

    @Slot()
    def _fit(self) -> None:
        self.view.fit()
