"""The colour scale of mastery (a record's chance of recall) and its legend for the timeline.

Recall chances of facts a learner has met lie mostly between 0.7 and 1: a day after an answer,
a missed fact is about 0.76 likely to be recalled and a known one about 0.95 (docs/review.md).
A scale over 0 to 1 would paint both nearly the same, so this one spreads 0.5 to 0.95: red at
50% or less, amber at 75%, green from 95%.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from gensec_quiz.i18n import tr
from gensec_quiz.ui.flow import FlowLayout

# (chance of recall, hue in degrees), linear in between.
MASTERY_STOPS: tuple[tuple[float, float], ...] = ((0.5, 0.0), (0.75, 40.0), (0.95, 120.0))
SWATCH = QSize(22, 14)
EVENT_COLOUR = ("#8467c4", "#9c85d8")  # events not met (light, dark): off the scale's hues


def mastery_hue(value: float) -> float:
    """The hue (0 to 1) of a chance of recall on MASTERY_STOPS."""
    (low, low_hue), high_hue = MASTERY_STOPS[0], MASTERY_STOPS[-1][1]
    if value <= low:
        return low_hue / 360.0
    for (x0, h0), (x1, h1) in pairwise(MASTERY_STOPS):
        if value <= x1:
            return (h0 + (value - x0) / (x1 - x0) * (h1 - h0)) / 360.0
    return high_hue / 360.0


def mastery_colour(value: float, *, dark: bool) -> QColor:
    """Red for likely forgotten (50% or less), through amber (75%), to green (95% or more)."""
    return QColor.fromHsvF(mastery_hue(value), 0.6, 0.62 if dark else 0.86)


def _is_dark(palette: QPalette) -> bool:
    return bool(palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5)


def swatch(colour: QColor, *, diamond: bool = False) -> QPixmap:
    """A small filled sample of a colour, outlined like the timeline's bars."""
    pixmap = QPixmap(SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(colour.darker(160))
    painter.setBrush(colour)
    if diamond:
        half = SWATCH.height() / 2 - 1
        centre = SWATCH.width() / 2
        painter.drawPolygon(QPolygonF([QPointF(centre, 1), QPointF(centre + half, half + 1),
                                       QPointF(centre, 2 * half + 1),
                                       QPointF(centre - half, half + 1)]))
    else:
        painter.drawRoundedRect(1, 1, SWATCH.width() - 2, SWATCH.height() - 2, 3, 3)
    painter.end()
    return pixmap


class MasteryLegend(QWidget):
    """'Chance of recall: red 50% or less, amber 75%, green 95% or more; not met yet.'"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Legend of the mastery colours"))
        self.setToolTip(tr(
            "The colour of a record is the mean chance that you recall its facts today. The "
            "scale runs from 50% to 95%: a day after an answer a missed fact is still about 75% "
            "likely to be recalled, and a known one about 95%."))
        row = FlowLayout(self)  # wraps at large text sizes instead of widening the window
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("Chance of recall:"), self))
        self._samples: list[tuple[QLabel, float | None, bool]] = []
        groups: tuple[tuple[tuple[tuple[float | None, bool], ...], str], ...] = (
            (((0.5, False),), tr("50% or less")), (((0.75, False),), tr("75%")),
            (((0.95, False),), tr("95% or more")), (((None, False), (None, True)),
                                                    tr("not met yet")))
        for samples, text in groups:
            entry = QWidget(self)
            pair = QHBoxLayout(entry)
            pair.setContentsMargins(0, 0, 8, 0)
            for value, diamond in samples:
                sample = QLabel(entry)
                self._samples.append((sample, value, diamond))
                pair.addWidget(sample)
            pair.addWidget(QLabel(text, entry))
            row.addWidget(entry)
        self._paint_samples()

    def _paint_samples(self) -> None:
        palette = self.palette()
        dark = _is_dark(palette)
        for sample, value, diamond in self._samples:
            if value is not None:
                colour = mastery_colour(value, dark=dark)
            elif diamond:
                colour = QColor(EVENT_COLOUR[1] if dark else EVENT_COLOUR[0])
            else:
                colour = palette.color(QPalette.ColorRole.Highlight)
            sample.setPixmap(swatch(colour, diamond=diamond))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._paint_samples()
