"""Progress charts (QtCharts): score over time, accuracy by kind, reviews due per day.

Each chart takes plain values and follows the application palette, so it reads well in the
light and the dark theme.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QMargins, Qt, QTime, Slot
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from gensec_quiz.i18n import tr

ACCENT_LIGHT = "#2b5cad"
ACCENT_DARK = "#6f9ff0"


def _is_dark(palette: QPalette) -> bool:
    return bool(palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5)


def accent(palette: QPalette) -> QColor:
    return QColor(ACCENT_DARK if _is_dark(palette) else ACCENT_LIGHT)


def style_axis(axis: QValueAxis | QDateTimeAxis | QBarCategoryAxis, palette: QPalette) -> None:
    text = palette.color(QPalette.ColorRole.Text)
    axis.setLabelsColor(text)
    axis.setTitleBrush(QBrush(text))
    axis.setLinePenColor(palette.color(QPalette.ColorRole.Mid))
    axis.setGridLineColor(palette.color(QPalette.ColorRole.Midlight))
    font = QApplication.font()
    axis.setLabelsFont(font)


def percent_axis(palette: QPalette, title: str, *, ticks: int = 6) -> QValueAxis:
    """0 to 100, its labels written as per cents the interface's way ("80%", « 80 % »)."""
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(ticks)
    axis.setLabelFormat(percent_label_format())
    axis.setTitleText(title)
    style_axis(axis, palette)
    return axis


def percent_label_format() -> str:
    """printf's "%d%%" the interface's way. Qt passes the format to printf byte by byte, which
    mangles any non-ASCII character: French's no-break space before % is a plain space here (an
    axis label never breaks)."""
    shown = tr("{percent}%", percent="\0").replace("\u202f", " ").replace("\u00a0", " ")
    return shown.replace("%", "%%").replace("\0", "%d")


class ChartView(QChartView):
    """A chart view that restyles itself when the palette changes."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setAccessibleName(title)
        self.setMinimumHeight(200)
        self._title = title
        self.setChart(self._new_chart())

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setTitle(self._title)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(6)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._style(chart)
        return chart

    def _style(self, chart: QChart) -> None:
        palette = self.palette()
        chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        chart.setBackgroundPen(QPen(palette.color(QPalette.ColorRole.Mid)))
        chart.setTitleBrush(QBrush(palette.color(QPalette.ColorRole.Text)))
        font = QApplication.font()
        font.setBold(True)
        chart.setTitleFont(font)

    def fresh_chart(self) -> QChart:
        """Replace the chart with an empty, styled one and return it."""
        old = self.chart()
        chart = self._new_chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        return chart

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.redraw()

    def redraw(self) -> None:
        """Draw again with the current palette (subclasses keep their data)."""
        self._style(self.chart())


class ScoreChart(ChartView):
    """Each finished quiz's score, in order of time, plotted on its day: a quiz from 3 Dec sits
    on the 3 Dec tick whatever the hour (days, not instants, are what the axis labels name)."""

    MAX_TICKS = 7
    TICK_ROOM = 72  # pixels per day label ("28 Feb") so that none is cut short

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Score over time"), parent)
        self.points: list[tuple[datetime, float]] = []
        self.x_axis: QDateTimeAxis | None = None
        self.series: QLineSeries | None = None

    def set_points(self, points: Sequence[tuple[datetime, float]]) -> None:
        self.points = sorted(points)
        self.redraw()

    def day_points(self) -> list[tuple[date, float]]:
        """The points as plotted: each quiz on the day it finished (in local time)."""
        return [(local_day(moment), score) for moment, score in self.points]

    def redraw(self) -> None:
        chart = self.fresh_chart()
        self.x_axis = self.series = None
        if not self.points:
            return
        palette = self.palette()
        series = self.series = QLineSeries()
        series.setName(tr("Score"))
        series.setPointsVisible(True)
        series.setPen(QPen(accent(palette), 2.5))
        days = self.day_points()
        for day, score in days:
            series.append(day_msecs(day), score * 100)
        chart.addSeries(series)
        x_axis = self.x_axis = QDateTimeAxis()
        x_axis.setFormat("d MMM")
        x_axis.setTitleText(tr("Finished"))
        first, ticks, step = day_ticks(days[0][0], days[-1][0], self.most_ticks())
        x_axis.setRange(_midnight(first), _midnight(first + timedelta(days=step * (ticks - 1))))
        x_axis.setTickCount(ticks)
        style_axis(x_axis, palette)
        y_axis = percent_axis(palette, tr("Score"))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    def most_ticks(self) -> int:
        """As many day labels as the chart's width has room for, at most MAX_TICKS."""
        room = self.width() - 90  # the score axis and the margins
        return max(3, min(self.MAX_TICKS, room // self.TICK_ROOM))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        axis = self.x_axis
        if axis is not None and self.points:
            _, ticks, _ = day_ticks(self.day_points()[0][0], self.day_points()[-1][0],
                                        self.most_ticks())
            if ticks != axis.tickCount():
                self.redraw()

    def tick_days(self) -> list[date]:
        """The days the axis's ticks stand on (each a midnight)."""
        axis = self.x_axis
        if axis is None:
            return []
        start = _day(axis.min())
        end = _day(axis.max())
        count = axis.tickCount()
        step = (end - start).days // max(1, count - 1)
        return [start + timedelta(days=step * i) for i in range(count)]


def local_day(moment: datetime) -> date:
    """The day of a moment in local time (an aware moment is converted, a naive one is local)."""
    return (moment.astimezone() if moment.tzinfo is not None else moment).date()


def day_ticks(first: date, last: date, most: int) -> tuple[date, int, int]:
    """(first tick, number of ticks, days between ticks): ticks on whole days, one day before
    the first point and at least one after the last, so no point sits on the frame."""
    start = first - timedelta(days=1)
    span = (last - start).days + 1  # to one day after the last point
    step = max(1, math.ceil(span / (most - 1)))
    ticks = math.ceil(span / step) + 1
    return start, max(2, ticks), step


def _day(moment: QDateTime) -> date:
    day = moment.date()
    return date(day.year(), day.month(), day.day())


def _midnight(day: date) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))


def day_msecs(day: date) -> float:
    return float(_midnight(day).toMSecsSinceEpoch())


class BarChart(ChartView):
    """Percentages by category, as vertical or horizontal bars, with a tooltip per bar."""

    def __init__(self, title: str, *, horizontal: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.horizontal = horizontal
        self.bars: list[tuple[str, float, str]] = []  # (label, 0..1, tooltip)

    def set_bars(self, bars: Sequence[tuple[str, float, str]]) -> None:
        self.bars = list(bars)
        self.redraw()

    def redraw(self) -> None:
        chart = self.fresh_chart()
        if not self.bars:
            return
        palette = self.palette()
        shown = list(reversed(self.bars)) if self.horizontal else self.bars
        bar_set = QBarSet(tr("Average score"))
        bar_set.setColor(accent(palette))
        bar_set.setBorderColor(accent(palette).darker(130))
        bar_set.setLabelColor(palette.color(QPalette.ColorRole.Text))
        for _, value, _ in shown:
            bar_set.append(round(value * 100))
        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat(tr("{percent}%", percent="@value"))
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setBarWidth(0.6)
        series.hovered.connect(self._hovered)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([label for label, _, _ in shown])
        style_axis(categories, palette)
        # 0, 50, 100 % fit a narrow chart
        values = percent_axis(palette, "", ticks=3 if self.horizontal else 6)
        cat_side, val_side = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft
        if self.horizontal:
            cat_side, val_side = val_side, cat_side
        chart.addAxis(categories, cat_side)
        chart.addAxis(values, val_side)
        series.attachAxis(categories)
        series.attachAxis(values)

    @Slot(bool, int, QBarSet)
    def _hovered(self, status: bool, index: int, _bar_set: QBarSet) -> None:
        shown = list(reversed(self.bars)) if self.horizontal else self.bars
        if status and 0 <= index < len(shown):
            QToolTip.showText(self.cursor().pos(), shown[index][2], self)
        else:
            QToolTip.hideText()


def count_axis(palette: QPalette, top: int, title: str) -> QValueAxis:
    """A whole-number axis from 0, with room above `top` for the bar labels."""
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if top * 1.15 <= s * 5),
                10 ** math.ceil(math.log10(max(top, 1))))
    ticks = max(2, math.ceil(top * 1.15 / step) + 1)
    axis = QValueAxis()
    axis.setRange(0, step * (ticks - 1))
    axis.setTickCount(ticks)
    axis.setLabelFormat("%d")
    axis.setTitleText(title)
    style_axis(axis, palette)
    return axis


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_labels(days: Sequence[date]) -> list[str]:
    """Day numbers (the axis title names the first day)."""
    return [str(day.day) for day in days]


class ForecastChart(ChartView):
    """How many reviews fall due on each day from today (today's include those overdue)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Reviews due in the next 14 days"), parent)
        self.days: list[tuple[date, int]] = []

    def set_days(self, days: Sequence[tuple[date, int]]) -> None:
        self.days = list(days)
        self.setAccessibleDescription(", ".join(
            tr("{day}: {count}", day=day.isoformat(), count=due) for day, due in self.days))
        self.redraw()

    def redraw(self) -> None:
        chart = self.fresh_chart()
        if not self.days:
            return
        palette = self.palette()
        bar_set = QBarSet(tr("Reviews due"))
        bar_set.setColor(accent(palette))
        bar_set.setBorderColor(accent(palette).darker(130))
        bar_set.setLabelColor(palette.color(QPalette.ColorRole.Text))
        for _, due in self.days:
            bar_set.append(due)
        series = QBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setBarWidth(0.7)
        series.hovered.connect(self._hovered)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(day_labels([day for day, _ in self.days]))
        categories.setTitleText(tr("Day of the month; today is {day}",
                                   day=QLocale().toString(_qdate(self.days[0][0]), "d MMM")))
        categories.setTruncateLabels(False)  # "10" fits its slot; "…" would say nothing
        style_axis(categories, palette)
        values = count_axis(palette, max(due for _, due in self.days), tr("Facts"))
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)

    @Slot(bool, int, QBarSet)
    def _hovered(self, status: bool, index: int, _bar_set: QBarSet) -> None:
        if status and 0 <= index < len(self.days):
            day, due = self.days[index]
            QToolTip.showText(self.cursor().pos(), tr(
                "{day}: {count} reviews due", day=QLocale().toString(
                    _qdate(day), QLocale.FormatType.LongFormat), count=due), self)
        else:
            QToolTip.hideText()
