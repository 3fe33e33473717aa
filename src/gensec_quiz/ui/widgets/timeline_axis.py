"""The timeline's background: year ticks along the top, lane and grid lines; and the lane
titles as a column that the view keeps at its left edge (frozen) while the timeline scrolls."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

from gensec_quiz.ui.models.timeline_layout import TimelineLayout

STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
LEFT = 170.0  # the lane titles' column at the default text size (it widens with the text)
TOP = 36.0  # the year axis' height at the default text size (it grows with the text)
LANE_COLUMN_Z = 10.0  # above bars and marks that scroll under it


class TimelineView(Protocol):
    """What the background needs of the view that shows it (the widgets' TimelineView)."""

    @property
    def layout_data(self) -> TimelineLayout | None: ...

    def palette(self) -> QPalette: ...

    def font(self) -> QFont: ...

    def px_per_year(self) -> float: ...

    def x_of(self, year: float) -> float: ...

    def lane_top(self, lane: int) -> float: ...

    def left_edge(self) -> float: ...

    def axis_height(self) -> float: ...


def tick_steps(px_per_year: float) -> tuple[int, int]:
    """(labelled step, small-tick step) in years, so that labels stay about 56 px apart."""
    major = next((s for s in STEPS if s * px_per_year >= 56), STEPS[-1])
    minor = 1 if px_per_year >= 5 else max(1, major // 5)
    return major, minor


def draw_background(view: TimelineView, scene: QGraphicsScene) -> list[QGraphicsItem]:
    """Axis, grid and lane titles for the view's current layout and zoom; returns the items."""
    layout = view.layout_data
    if layout is None:
        return []
    palette = view.palette()
    text = palette.color(QPalette.ColorRole.Text)
    faint = palette.color(QPalette.ColorRole.Mid)
    bottom = view.lane_top(len(layout.lanes))
    return [*_draw_lanes(view, scene, faint, bottom),
            *_draw_ticks(view, scene, text, faint, bottom)]


def _draw_lanes(
    view: TimelineView, scene: QGraphicsScene, faint: QColor, bottom: float
) -> list[QGraphicsItem]:
    assert view.layout_data is not None
    right = view.x_of(view.layout_data.last_year)
    separator = QPen(faint, 1.0, Qt.PenStyle.DotLine)
    items: list[QGraphicsItem] = []
    for number, lane in enumerate(view.layout_data.lanes):
        if lane.title:
            top = view.lane_top(number)
            items.append(scene.addLine(0, top, right, top, separator))
    items.append(scene.addLine(0, bottom, right, bottom, separator))
    return items


def draw_lane_column(view: TimelineView, scene: QGraphicsScene) -> QGraphicsRectItem | None:
    """The lane titles on a panel of the window's colour, `left_edge()` wide; the view moves it
    (`setX`) so that it stays at the left edge when the timeline is scrolled."""
    layout = view.layout_data
    if layout is None:
        return None
    palette = view.palette()
    bottom = view.lane_top(len(layout.lanes))
    left = view.left_edge()
    panel = QGraphicsRectItem(QRectF(0, 0, left - 6, bottom + 2))
    panel.setBrush(palette.color(QPalette.ColorRole.Base))
    panel.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1.0))
    panel.setZValue(LANE_COLUMN_Z)
    # a click on the titles gives the focus to nothing scrolled under them
    stop = QGraphicsItem.GraphicsItemFlag.ItemStopsClickFocusPropagation
    panel.setFlag(stop, True)
    metrics = QFontMetricsF(view.font())
    for number, lane in enumerate(layout.lanes):
        if not lane.title:
            continue
        top = view.lane_top(number)
        # a title spans its lane and the untitled rows under it (the events' three rows)
        following = next((n for n in range(number + 1, len(layout.lanes))
                          if layout.lanes[n].title), len(layout.lanes))
        height = view.lane_top(following) - top
        title = metrics.elidedText(lane.title, Qt.TextElideMode.ElideRight, left - 14)
        item = scene.addSimpleText(title)
        scene.removeItem(item)
        item.setParentItem(panel)
        item.setFlag(stop, True)
        item.setBrush(palette.color(QPalette.ColorRole.Text))
        item.setPos(6, top + (height - metrics.height()) / 2)
        item.setToolTip(lane.title)
    scene.addItem(panel)
    return panel


def _draw_ticks(
    view: TimelineView, scene: QGraphicsScene, text: QColor, faint: QColor, bottom: float
) -> list[QGraphicsItem]:
    assert view.layout_data is not None
    first, last = view.layout_data.first_year, view.layout_data.last_year
    major, minor = tick_steps(view.px_per_year())
    metrics = QFontMetricsF(view.font())
    top = view.axis_height()
    axis_pen = QPen(text, 1.0)
    grid_pen = QPen(QColor(faint.red(), faint.green(), faint.blue(), 110), 1.0)
    items: list[QGraphicsItem] = [
        scene.addLine(view.x_of(first), top - 2, view.x_of(last), top - 2, axis_pen)]
    for year in range(first, last + 1):
        if year % minor and year % major:
            continue
        x = view.x_of(year)
        labelled = year % major == 0
        items.append(scene.addLine(x, top - (9 if labelled else 5), x, top - 2, axis_pen))
        if not labelled:
            continue
        items.append(scene.addLine(x, top, x, bottom, grid_pen))
        width = metrics.horizontalAdvance(str(year))
        label = scene.addSimpleText(str(year))
        label.setBrush(text)
        label.setPos(x - width / 2, top - 12 - metrics.height())
        items.append(label)
    items.append(scene.addRect(QRectF(view.x_of(first), 0, 1, 1), QPen(Qt.PenStyle.NoPen)))
    return items
