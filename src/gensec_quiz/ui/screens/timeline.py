"""The timeline screen: the record set along a time axis, to study from."""

from __future__ import annotations

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
from gensec_quiz.ui import theme
from gensec_quiz.ui.context import AppContext

if TYPE_CHECKING:
    from gensec_quiz.ui.widgets.timeline_view import TimelineView


class TimelineScreen(QWidget):
    """Tenures as bars, events as marks, the office's names as a band, with a detail pane."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.records: RecordSet | None = None
        self._view: TimelineView | None = None
        self._build()

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
        super().showEvent(event)

    def refresh(self) -> None:
        self.ensure_loaded()

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
        self.view.set_mastery(mastery)

    # ------------------------------------------------------------ reactions

    @Slot(str)
    def _show_record(self, record_id: str) -> None:
        layout = self.view.layout_data
        entry = layout.entry(record_id) if layout is not None else None
        if entry is not None:
            self.details.setHtml(entry.tooltip)

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
