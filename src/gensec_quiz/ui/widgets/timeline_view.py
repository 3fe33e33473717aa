"""A timeline of the record set: office names as a band, events as marks, tenures as bars.

Zoom with Ctrl+wheel, +/- (0 fits the whole span); the arrow keys move between records and the
view follows; a click selects the record under the pointer (and nothing else). The lane titles
stay at the left edge while the view scrolls (a frozen column). Hatched stretches are dates
that are imprecise or that the documents dispute.
`set_mastery` colours each record by how likely the learner is to recall it (0 to 1), on a
scale that spreads 50% to 95% (`mastery_scale`); records not met keep their usual colour.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.ui.models.timeline_layout import (
    Entry,
    LanesBy,
    TimelineLayout,
    layout_timeline,
)
from gensec_quiz.ui.widgets.mastery_scale import EVENT_COLOUR, mastery_colour
from gensec_quiz.ui.widgets.timeline_axis import LEFT, TOP, draw_background, draw_lane_column

# At the default text size; a larger text makes the lanes, the axis and the titles' column
# larger (lane_height, event_lane_height, axis_height, left_edge), so labels never overlap
LANE_HEIGHT = 25.0
EVENT_LANE_HEIGHT = 17.0
BAR_MARGIN = 6.0  # a bar is its lane's height less this
MIN_PX_PER_YEAR = 4.0
MAX_PX_PER_YEAR = 400.0
ZOOM_STEP = 1.25


def _readable_on(colour: QColor) -> QColor:
    luminance = 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()
    return QColor("#000000") if luminance > 0.45 else QColor("#ffffff")


class TimelineItem(QGraphicsItem):
    """One record drawn on the timeline; focusable, with its tooltip."""

    def __init__(self, entry: Entry, rect: QRectF, fuzzy: list[QRectF],
                 on_focus: Callable[[TimelineItem], None]) -> None:
        super().__init__()
        self.entry = entry
        self.rect = rect
        self.fuzzy = fuzzy
        self.label = entry.label
        self.outside: QRectF | None = None
        self.outside_colour = QColor("#000000")
        self.fill = QColor("#2b5cad")
        self.text_colour = QColor("#ffffff")
        self.mastery: float | None = None
        self._on_focus = on_focus
        self.setToolTip(entry.tooltip)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setZValue(2 if entry.kind == "event" else 1)

    @property
    def record_id(self) -> str:
        return self.entry.record_id

    def boundingRect(self) -> QRectF:
        area = self.rect
        for rect in [*self.fuzzy, *([self.outside] if self.outside else [])]:
            area = area.united(rect)
        return area.adjusted(-4, -4, 4, 4)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.boundingRect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        outline = QPen(self.fill.darker(160), 1.0)
        for rect in self.fuzzy:
            painter.setPen(QPen(self.fill.darker(130), 1.0, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(self.fill, Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)
        painter.setPen(outline)
        painter.setBrush(self.fill)
        if self.entry.kind == "event":
            self._paint_mark(painter)
        else:
            painter.drawRoundedRect(self.rect, 3, 3)
            self._paint_label(painter)
        if self.hasFocus() or self.isSelected():
            focus = QPen(self.text_colour if self.entry.kind != "event" else self.fill, 2.0)
            focus.setColor(QColor("#f0b429"))
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.boundingRect().adjusted(2, 2, -2, -2))

    def _paint_mark(self, painter: QPainter) -> None:
        centre = self.rect.center()
        half = self.rect.height() / 2
        diamond = QPainterPath(QPointF(centre.x(), centre.y() - half))
        diamond.lineTo(centre.x() + half, centre.y())
        diamond.lineTo(centre.x(), centre.y() + half)
        diamond.lineTo(centre.x() - half, centre.y())
        diamond.closeSubpath()
        painter.drawPath(diamond)

    def _paint_label(self, painter: QPainter) -> None:
        align = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        if self.outside is not None:
            painter.setPen(self.outside_colour)
            painter.drawText(self.outside, align, self.label)
            return
        metrics = QFontMetricsF(painter.font())
        text = metrics.elidedText(self.entry.label, Qt.TextElideMode.ElideRight,
                                  self.rect.width() - 8)
        if len(text) <= 3:
            return
        painter.setPen(self.text_colour)
        painter.drawText(self.rect.adjusted(4, 0, -4, 0), align, text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._on_focus(self)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class TimelineView(QGraphicsView):
    """The record set along a time axis; see the module docstring for the keys."""

    current_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName(tr("Timeline of the records"))
        self.setAccessibleDescription(tr(
            "Arrow keys move between records; plus and minus zoom; 0 fits the whole span."))
        self.setScene(QGraphicsScene(self))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # scroll bars always there: their coming and going would resize the view and re-lay
        # the timeline under the pointer in the middle of a click
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.horizontalScrollBar().valueChanged.connect(self._pin_lane_column)
        self.layout_data: TimelineLayout | None = None
        self._records: RecordSet | None = None
        self._lanes_by: LanesBy = "person"
        self._items: dict[str, TimelineItem] = {}
        self._background: list[QGraphicsItem] = []
        self._lane_column: QGraphicsItem | None = None
        self._mastery: dict[str, float] = {}
        self._px_per_year = 10.0
        self._fitted = True
        self._current: str | None = None
        self._clicked = False  # the press was on a record: its release must not deselect it

    # ------------------------------------------------------------ public API

    def set_records(self, records: RecordSet, *, lanes_by: LanesBy | None = None) -> None:
        """Show a record set (lanes per person or per office)."""
        self._records = records
        if lanes_by is not None:
            self._lanes_by = lanes_by
        self.layout_data = layout_timeline(records, lanes_by=self._lanes_by)
        if self._fitted:
            self._px_per_year = self._fit_scale()
        self._rebuild()

    def set_lanes_by(self, lanes_by: LanesBy) -> None:
        if self._records is not None and lanes_by != self._lanes_by:
            self.set_records(self._records, lanes_by=lanes_by)

    def lanes_by(self) -> LanesBy:
        return self._lanes_by

    def set_mastery(self, mastery: dict[str, float]) -> None:
        """Colour each record by recall probability (0 to 1); records not given stay neutral."""
        self._mastery = dict(mastery)
        for item in self._items.values():
            self._colour(item)
            item.update()

    def items_by_id(self) -> dict[str, TimelineItem]:
        return dict(self._items)

    def current_record(self) -> str | None:
        return self._current

    def focus_record(self, record_id: str, *, scroll: bool = True) -> None:
        """Move the keyboard focus to a record, highlight it and (unless `scroll` is False, as
        for a click on it: it is in view already) bring it into view."""
        item = self._items.get(record_id)
        if item is None:
            return
        self.scene().clearSelection()
        item.setSelected(True)
        if not self.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        item.setFocus(Qt.FocusReason.OtherFocusReason)
        self._item_focused(item)
        if scroll:
            self.ensureVisible(item, int(self.left_edge()) + 40, 20)
        self._pin_lane_column()

    def record_at(self, point: QPointF) -> str | None:
        """The record drawn under a point of the viewport (events above bars), or None."""
        for item in self.items(point.toPoint()):
            if isinstance(item, TimelineItem):
                return item.record_id
            if item is self._lane_column or item.parentItem() is self._lane_column:
                return None  # the frozen titles cover what scrolls under them
        return None

    def px_per_year(self) -> float:
        return self._px_per_year

    def zoom_by(self, factor: float) -> None:
        self._set_scale(self._px_per_year * factor)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        """Show the whole span in the width of the view."""
        self._fitted = True
        self._set_scale(self._fit_scale(), fitted=True)

    # ------------------------------------------------------------ geometry

    def _fit_scale(self) -> float:
        if self.layout_data is None:
            return self._px_per_year
        years = max(1, self.layout_data.last_year - self.layout_data.first_year)
        width = max(200.0, float(self.viewport().width()) - self.left_edge() - 90)
        return max(MIN_PX_PER_YEAR, min(MAX_PX_PER_YEAR, width / years))

    def _set_scale(self, value: float, *, fitted: bool = False) -> None:
        value = max(MIN_PX_PER_YEAR, min(MAX_PX_PER_YEAR, value))
        self._fitted = fitted
        if abs(value - self._px_per_year) < 1e-6:
            return
        self._px_per_year = value
        self._rebuild()
        if self._current is not None and self._current in self._items:
            self.ensureVisible(self._items[self._current], 40, 20)

    def x_of(self, year: float) -> float:
        first = self.layout_data.first_year if self.layout_data is not None else 0
        return self.left_edge() + (year - first) * self._px_per_year

    def _line_height(self) -> float:
        return QFontMetricsF(self.font()).height()

    def lane_height(self) -> float:
        """A tenure's lane: its bar holds a line of the text size in use."""
        return max(LANE_HEIGHT, self._line_height() + 8)

    def event_lane_height(self) -> float:
        """One of the events' rows: their marks grow with the text, less than a bar."""
        return max(EVENT_LANE_HEIGHT, round(self._line_height() * 0.7))

    def axis_height(self) -> float:
        """The year axis along the top: a line of text and the ticks under it."""
        return max(TOP, self._line_height() + 18)

    def left_edge(self) -> float:
        """The width of the lane titles' column (about twelve characters of the text)."""
        return max(LEFT, QFontMetricsF(self.font()).averageCharWidth() * 12)

    def lane_top(self, lane: int) -> float:
        assert self.layout_data is not None
        top = self.axis_height()
        tenure, event = self.lane_height(), self.event_lane_height()
        for number, info in enumerate(self.layout_data.lanes):
            if number == lane:
                return top
            top += event if info.kind == "events" else tenure
        return top

    def _entry_rects(self, entry: Entry) -> tuple[QRectF, list[QRectF]]:
        top = self.lane_top(entry.lane)
        if entry.kind == "event":
            height = self.event_lane_height() - 4
            centre = (entry.span.start + entry.span.end) / 2
            if entry.fuzzy:
                centre = (entry.fuzzy[0].start + entry.fuzzy[0].end) / 2
            rect = QRectF(self.x_of(centre) - height / 2, top + 2, height, height)
            fuzzy = [QRectF(self.x_of(s.start), top + 6, max(2.0, (s.end - s.start)
                            * self._px_per_year), height - 8) for s in entry.fuzzy]
            return rect, fuzzy
        lane = self.lane_height()
        height = lane - BAR_MARGIN
        x1, x2 = self.x_of(entry.span.start), self.x_of(entry.span.end)
        rect = QRectF(x1, top + (lane - height) / 2, max(3.0, x2 - x1), height)
        fuzzy = [QRectF(self.x_of(s.start), rect.top() - 2,
                        max(3.0, (s.end - s.start) * self._px_per_year), height + 4)
                 for s in entry.fuzzy]
        return rect, fuzzy

    # ------------------------------------------------------------ building

    def _clear(self) -> None:
        """Take every item out of the scene one by one (clear() would delete the Python items
        under their wrappers while one may still hold the focus)."""
        scene = self.scene()
        scene.clearSelection()
        scene.clearFocus()
        for item in [*self._background, *self._items.values()]:
            scene.removeItem(item)
        if self._lane_column is not None:
            scene.removeItem(self._lane_column)
        self._background = []
        self._items = {}
        self._lane_column = None

    def _rebuild(self) -> None:
        scene = self.scene()
        self._clear()
        if self.layout_data is None:
            return
        self._background = draw_background(self, scene)
        for entry in self.layout_data.entries:
            rect, fuzzy = self._entry_rects(entry)
            item = TimelineItem(entry, rect, fuzzy, self._item_focused)
            self._colour(item)
            self._items[entry.record_id] = item
        self._place_labels()
        for item in self._items.values():
            scene.addItem(item)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-4, -4, 24, 12))
        self._lane_column = draw_lane_column(self, scene)
        self._pin_lane_column()
        current = self._items.get(self._current or "")
        if current is not None:  # the highlight stays on the record across a zoom
            current.setSelected(True)
            if self.hasFocus():
                current.setFocus(Qt.FocusReason.OtherFocusReason)

    def _pin_lane_column(self, *_args: object) -> None:
        """Keep the lane titles at the left edge of the viewport, whatever the scroll."""
        if self._lane_column is not None:
            left = self.mapToScene(0, 0).x()
            self._lane_column.setX(max(0.0, left))

    def _place_labels(self) -> None:
        """A bar too narrow for its label says it beside itself, up to the next bar."""
        metrics = QFontMetricsF(self.font())
        bars = sorted((i for i in self._items.values() if i.entry.kind != "event"),
                      key=lambda i: (i.entry.lane, i.rect.left()))
        for item, after in zip(bars, [*bars[1:], None], strict=True):
            width = metrics.horizontalAdvance(item.entry.label)
            if width + 8 <= item.rect.width():
                continue
            left = max([item.rect.right(), *(f.right() for f in item.fuzzy)]) + 4
            limit = left + width + 4
            if after is not None and after.entry.lane == item.entry.lane:
                limit = min([after.rect.left(), *(f.left() for f in after.fuzzy)]) - 4
            text = metrics.elidedText(item.entry.label, Qt.TextElideMode.ElideRight,
                                      limit - left)
            if len(text) > 3:
                item.label = text
                item.outside = QRectF(left, item.rect.top(),
                                      metrics.horizontalAdvance(text) + 2, item.rect.height())

    def _colour(self, item: TimelineItem) -> None:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
        item.mastery = None
        if item.record_id in self._mastery:
            fill = mastery_colour(self._mastery[item.record_id], dark=dark)
            item.mastery = self._mastery[item.record_id]
        elif item.entry.kind == "office":
            fill = QColor("#7d8794") if dark else QColor("#c9d0da")
        elif item.entry.kind == "event":
            fill = QColor(EVENT_COLOUR[1] if dark else EVENT_COLOUR[0])
        else:
            fill = palette.color(QPalette.ColorRole.Highlight)
        item.fill = fill
        item.text_colour = _readable_on(fill)
        item.outside_colour = palette.color(QPalette.ColorRole.Text)

    def _item_focused(self, item: TimelineItem) -> None:
        if item.record_id != self._current:
            self._current = item.record_id
            self.current_changed.emit(item.record_id)

    # ------------------------------------------------------------ keys and wheel

    def ordered_ids(self) -> list[str]:
        """Records in reading order: by time, then from top to bottom."""
        return [i.record_id for i in sorted(
            self._items.values(), key=lambda i: (round(i.rect.left()), i.rect.top()))]

    def move_focus(self, step: int) -> None:
        ids = self.ordered_ids()
        if not ids:
            return
        if self._current not in ids:
            target = ids[0] if step > 0 else ids[-1]
        else:
            target = ids[max(0, min(len(ids) - 1, ids.index(self._current) + step))]
        self.focus_record(target)

    def move_lane(self, step: int) -> None:
        """Focus the nearest record in the next lane that has one, above or below."""
        current = self._items.get(self._current or "")
        if current is None:
            self.move_focus(1)
            return
        lanes = sorted({i.entry.lane for i in self._items.values()})
        position = lanes.index(current.entry.lane) + step
        if not 0 <= position < len(lanes):
            return
        lane = lanes[position]
        centre = current.rect.center().x()
        nearest = min((i for i in self._items.values() if i.entry.lane == lane),
                      key=lambda i: abs(i.rect.center().x() - centre))
        self.focus_record(nearest.record_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        actions: dict[int, Callable[[], None]] = {
            Qt.Key.Key_Plus: self.zoom_in, Qt.Key.Key_Equal: self.zoom_in,
            Qt.Key.Key_Minus: self.zoom_out, Qt.Key.Key_0: self.fit,
            Qt.Key.Key_Right: lambda: self.move_focus(1),
            Qt.Key.Key_Left: lambda: self.move_focus(-1),
            Qt.Key.Key_Down: lambda: self.move_lane(1),
            Qt.Key.Key_Up: lambda: self.move_lane(-1),
            Qt.Key.Key_Home: lambda: self.move_focus(-len(self._items)),
            Qt.Key.Key_End: lambda: self.move_focus(len(self._items)),
        }
        action = actions.get(event.key())
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A left click on a record selects it, with its details; elsewhere the view drags."""
        if event.button() == Qt.MouseButton.LeftButton:
            record = self.record_at(event.position())
            if record is not None:
                self._clicked = True
                self.focus_record(record, scroll=False)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """The release of a click on a record ends there (the hand-drag mode would otherwise
        clear the selection it just made)."""
        if self._clicked and event.button() == Qt.MouseButton.LeftButton:
            self._clicked = False
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_by(ZOOM_STEP if delta > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Tabbing in starts at the first record; a click selects what it hits, never the first
        keyboard = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if self._current is None and event.reason() in keyboard:
            self.move_focus(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted and self.layout_data is not None:
            self._set_scale(self._fit_scale(), fitted=True)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._rebuild()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            if self._fitted and self.layout_data is not None:
                self._px_per_year = self._fit_scale()  # the titles' column follows the text
            self._rebuild()
