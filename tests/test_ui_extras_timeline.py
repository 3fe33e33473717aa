"""The timeline: bars, marks and bands placed by date, tooltips, hatching, zoom and keys."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.models.timeline_layout import fuzzy_span, layout_timeline, year_fraction
from gensec_quiz.ui.screens.timeline import TimelineScreen
from gensec_quiz.ui.widgets.timeline_axis import tick_steps
from gensec_quiz.ui.widgets.timeline_view import TimelineView


@pytest.fixture
def screen(qtbot: QtBot, records: RecordSet, tmp_path: Path, clock: FakeClock
           ) -> TimelineScreen:
    context = AppContext(clock=clock, seed=0, data_dir=tmp_path, signals=AppSignals(),
                         _records=records)
    widget = TimelineScreen(context)
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.show()
    return widget


def test_year_fraction_places_days_within_their_year() -> None:
    assert year_fraction(dt.date(1953, 1, 1)) == 1953.0
    assert year_fraction(dt.date(1952, 7, 2)) == pytest.approx(1952.5, abs=0.002)


def test_an_imprecise_date_covers_its_whole_year_and_a_precise_one_nothing(
    records: RecordSet,
) -> None:
    assert fuzzy_span(records, "event-renamed-1966", "date", PartialDate(1966)) is not None
    span = fuzzy_span(records, "event-renamed-1966", "date", PartialDate(1966))
    assert span is not None and (span.start, span.end) == (1966.0, 1967.0)
    assert fuzzy_span(records, "tenure-sverdlov", "start", PartialDate(1918, 3, 8)) is None


def test_a_disputed_date_is_hatched_across_every_value_the_sources_give(
    records: RecordSet,
) -> None:
    layout = layout_timeline(records)
    stalin = layout.entry("tenure-stalin")
    assert stalin is not None and stalin.disputed
    (span,) = stalin.fuzzy
    assert span.start == pytest.approx(year_fraction(dt.date(1952, 10, 16)))
    assert span.end == pytest.approx(year_fraction(dt.date(1953, 3, 6)))
    sverdlov = layout.entry("tenure-sverdlov")
    assert sverdlov is not None and sverdlov.fuzzy == () and not sverdlov.disputed


def test_one_lane_per_person_puts_both_brezhnev_tenures_on_one_lane(records: RecordSet) -> None:
    layout = layout_timeline(records, lanes_by="person")
    first, second = layout.entry("tenure-brezhnev"), layout.entry("tenure-brezhnev-2")
    assert first is not None and second is not None and first.lane == second.lane
    tenure_lanes = [lane for lane in layout.lanes if lane.kind == "tenures"]
    assert len(tenure_lanes) == 11


def test_one_lane_per_office_groups_tenures_by_their_office(records: RecordSet) -> None:
    layout = layout_timeline(records, lanes_by="office")
    tenure_lanes = [lane.title for lane in layout.lanes if lane.kind == "tenures"]
    assert len(tenure_lanes) == len({t.office for t in records.tenures})
    first, second = layout.entry("tenure-brezhnev"), layout.entry("tenure-brezhnev-2")
    assert first is not None and second is not None and first.lane != second.lane


def test_view_draws_every_record_left_to_right_in_date_order(
    screen: TimelineScreen, records: RecordSet
) -> None:
    items = screen.view.items_by_id()
    expected = {r.id for r in (*records.tenures, *records.events, *records.offices)}
    assert set(items) == expected
    lefts = [items[t.id].rect.left() for t in records.tenures]
    assert lefts == sorted(lefts)
    assert items["tenure-ivashko"].rect.width() >= 3  # five days stay visible


def test_tooltip_names_the_note_and_the_source_quote(
    screen: TimelineScreen, records: RecordSet
) -> None:
    item = screen.view.items_by_id()["tenure-krestinsky"]
    tenure = next(t for t in records.tenures if t.id == "tenure-krestinsky")
    tip = item.toolTip()
    assert "Nikolay Krestinsky" in tip and "29 November 1919" in tip
    assert "Stasova was demoted to Secretary" in tip
    assert tenure.sources[0].quote[:40] in tip.replace("&#x27;", "'")


def test_keyboard_moves_focus_through_records_in_time_order(
    qtbot: QtBot, screen: TimelineScreen
) -> None:
    view = screen.view
    view.setFocus()
    view.focus_record("tenure-sverdlov")
    order = view.ordered_ids()
    with qtbot.waitSignal(view.current_changed) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert blocker.args == [order[order.index("tenure-sverdlov") + 1]]
    assert view.items_by_id()[view.current_record() or ""].hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_record() == order[0]
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current_record() == order[-1]


def test_up_and_down_move_between_lanes_and_the_details_follow(
    qtbot: QtBot, screen: TimelineScreen
) -> None:
    view = screen.view
    view.setFocus()
    view.focus_record("tenure-stalin")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_record() == "tenure-khrushchev"
    assert "Nikita Khrushchev" in screen.details.toPlainText()
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.current_record() == "tenure-stalin"


def test_plus_minus_and_zero_zoom_and_fit(qtbot: QtBot, screen: TimelineScreen) -> None:
    view = screen.view
    fitted = view.px_per_year()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.px_per_year() == pytest.approx(fitted * 1.25)
    bar = view.items_by_id()["tenure-stalin"].rect
    assert bar.width() == pytest.approx((1952.79 - 1922.25) * fitted * 1.25, rel=0.01)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.px_per_year() < fitted
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.px_per_year() == pytest.approx(fitted)


def test_ctrl_wheel_zooms_and_a_plain_wheel_does_not(screen: TimelineScreen) -> None:
    view = screen.view
    before = view.px_per_year()

    def wheel(modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(QPointF(200, 200), QPointF(200, 200), QPoint(0, 0), QPoint(0, 120),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(view.viewport(), event)

    wheel(Qt.KeyboardModifier.NoModifier)
    assert view.px_per_year() == pytest.approx(before)
    wheel(Qt.KeyboardModifier.ControlModifier)
    assert view.px_per_year() == pytest.approx(before * 1.25)


def test_mastery_colours_records_from_red_to_green(screen: TimelineScreen) -> None:
    neutral = screen.view.items_by_id()["tenure-molotov"].fill
    screen.set_mastery({"tenure-stalin": 0.0, "tenure-khrushchev": 1.0})
    items = screen.view.items_by_id()
    weak, strong = items["tenure-stalin"].fill, items["tenure-khrushchev"].fill
    assert weak.hueF() < 0.05 and 0.3 < strong.hueF() < 0.4
    assert items["tenure-molotov"].fill == neutral
    assert items["tenure-stalin"].mastery == 0.0


def test_lanes_chooser_switches_to_one_lane_per_office(screen: TimelineScreen) -> None:
    screen.lanes.setCurrentIndex(1)
    assert screen.view.lanes_by() == "office"
    items = screen.view.items_by_id()
    assert items["tenure-brezhnev"].entry.lane != items["tenure-brezhnev-2"].entry.lane


def test_year_ticks_stay_apart_at_every_zoom() -> None:
    for px in (4.0, 9.0, 30.0, 120.0):
        major, minor = tick_steps(px)
        assert major * px >= 56 and major % minor == 0


def test_an_empty_view_has_no_items(qtbot: QtBot) -> None:
    view = TimelineView()
    qtbot.addWidget(view)
    view.zoom_in()
    view.move_focus(1)
    assert view.items_by_id() == {} and view.current_record() is None


def _click_record(qtbot: QtBot, view: TimelineView, record_id: str) -> None:
    item = view.items_by_id()[record_id]
    point = view.mapFromScene(item.rect.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_first_click_on_a_bar_selects_that_bar_at_the_default_zoom(
    qtbot: QtBot, screen: TimelineScreen
) -> None:
    view = screen.view
    fitted = view.px_per_year()
    lanes = view.lanes_by()
    _click_record(qtbot, view, "tenure-khrushchev")
    assert view.current_record() == "tenure-khrushchev"
    items = view.items_by_id()
    assert items["tenure-khrushchev"].isSelected()
    assert [i for i, item in items.items() if item.isSelected()] == ["tenure-khrushchev"]
    assert "Nikita Khrushchev" in screen.details.toPlainText()
    assert view.px_per_year() == pytest.approx(fitted) and view.lanes_by() == lanes
    _click_record(qtbot, view, "tenure-brezhnev")
    assert view.current_record() == "tenure-brezhnev"
    assert view.items_by_id()["tenure-brezhnev"].isSelected()
    assert not view.items_by_id()["tenure-khrushchev"].isSelected()
    assert "Leonid Brezhnev" in screen.details.toPlainText()


def test_a_click_on_empty_timeline_selects_nothing(qtbot: QtBot, screen: TimelineScreen) -> None:
    view = screen.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(view.viewport().width() - 30, 5))
    assert view.current_record() is None
    assert not any(item.isSelected() for item in view.items_by_id().values())


def test_when_zoomed_the_lane_titles_stay_at_the_left_edge(
    qtbot: QtBot, screen: TimelineScreen
) -> None:
    view = screen.view
    for _ in range(6):
        view.zoom_in()
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    column = view._lane_column
    assert column is not None
    assert view.mapFromScene(column.scenePos()).x() <= 2  # at the viewport's left edge
    titles = [child for child in column.childItems() if child.toolTip()]
    assert titles and all(view.mapFromScene(t.scenePos()).x() < 20 for t in titles)
    assert column.zValue() > max(item.zValue() for item in view.items_by_id().values())
    # a click on the frozen titles does not select the bar scrolled under them
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 80))
    assert view.current_record() is None


def test_a_first_click_in_a_scrolled_timeline_keeps_the_view_and_selects_the_bar_clicked(
    qtbot: QtBot, screen: TimelineScreen
) -> None:
    screen.resize(900, 380)  # the lanes no longer fit: the view scrolls down to the last ones
    QApplication.processEvents()
    view = screen.view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    lowest = max(view.items_by_id().values(), key=lambda item: item.rect.top())
    _click_record(qtbot, view, lowest.record_id)
    assert bar.value() == bar.maximum()  # the view did not jump to the first record
    assert view.current_record() == lowest.record_id
    assert [i for i, item in view.items_by_id().items() if item.isSelected()] == [
        lowest.record_id]


@pytest.mark.parametrize("points", [11, 16, 24])
def test_at_every_text_size_bars_hold_their_labels_and_lane_titles_never_overlap(
    screen: TimelineScreen, points: int
) -> None:
    view = screen.view
    font = view.font()
    font.setPointSize(points)
    view.setFont(font)
    QApplication.processEvents()
    line = QFontMetricsF(view.font()).height()
    items = view.items_by_id().values()
    bars = [item for item in items if item.entry.kind == "tenure"]
    assert bars and all(bar.rect.height() >= line for bar in bars)
    column = view._lane_column
    assert column is not None
    titles = sorted((child for child in column.childItems() if child.toolTip()),
                    key=lambda t: t.sceneBoundingRect().top())
    assert len(titles) > 10
    for upper, lower in pairwise(titles):
        assert upper.sceneBoundingRect().bottom() <= lower.sceneBoundingRect().top() + 0.5, (
            upper.toolTip(), lower.toolTip())
    # the year labels stand above the first lane, the bars start right of the titles' column
    first_lane = view.lane_top(0)
    ticks = [item for item in view.scene().items()
             if isinstance(item, QGraphicsSimpleTextItem) and item.text().isdigit()]
    assert ticks and all(t.sceneBoundingRect().bottom() <= first_lane for t in ticks)
    assert min(bar.rect.left() for bar in bars) >= view.left_edge()


def test_a_tenure_within_one_year_is_labelled_with_that_year_once(records: RecordSet) -> None:
    stasova = layout_timeline(records).entry("tenure-stasova")
    assert stasova is not None and stasova.label == "1919"
