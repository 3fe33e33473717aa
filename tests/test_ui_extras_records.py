"""The records screen and its table models: twelve tenures, conflicts marked, sources shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gensec_quiz import paths
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.records import RecordSet, Tenure
from gensec_quiz.ui.context import AppContext, AppSignals, utc_now
from gensec_quiz.ui.models.list_table import MARKED_ROLE, ROW_ROLE, ListTableModel
from gensec_quiz.ui.models.records import (
    conflict_columns,
    dispute_marker,
    event_columns,
    office_columns,
    tenure_columns,
)
from gensec_quiz.ui.screens.records import RecordsScreen


def _context(records: RecordSet | None, data_dir: Path) -> AppContext:
    return AppContext(clock=utc_now, seed=0, data_dir=data_dir, signals=AppSignals(),
                      _records=records)


def _screen(qtbot: QtBot, records: RecordSet | None, tmp_path: Path) -> RecordsScreen:
    screen = RecordsScreen(_context(records, tmp_path))
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    screen.show()
    return screen


def test_every_record_table_model_passes_the_qt_model_checks(
    qtmodeltester: ModelTester, records: RecordSet
) -> None:
    marker = dispute_marker(records)
    tables: list[ListTableModel[object]] = [
        ListTableModel(tenure_columns(), records.tenures, marker=marker),  # type: ignore[arg-type]
        ListTableModel(office_columns(), records.offices, marker=marker),  # type: ignore[arg-type]
        ListTableModel(event_columns(), records.events, marker=marker),  # type: ignore[arg-type]
        ListTableModel(conflict_columns(records), records.conflicts),  # type: ignore[arg-type]
    ]
    for model in tables:
        qtmodeltester.check(model, force_py=True)


def test_replacing_the_rows_resets_the_model_and_passes_the_checks(
    qtmodeltester: ModelTester, qtbot: QtBot, records: RecordSet
) -> None:
    model: ListTableModel[Tenure] = ListTableModel(tenure_columns(), records.tenures[:3])
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(records.tenures)
    assert model.rowCount() == len(records.tenures)
    assert model.index(0, 0).data() == records.tenures[0].person


def test_records_screen_lists_the_twelve_tenures_with_brezhnev_twice(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    table = screen.tabs_by_name["tenures"].view.model()
    people = [table.index(row, 0).data() for row in range(table.rowCount())]
    assert len(people) == 12
    assert people[0] == "Yakov Sverdlov" and people[-1] == "Vladimir Ivashko"
    assert people.count("Leonid Brezhnev") == 2
    assert table.index(len(people) - 1, 5).data() == "acting"


def test_disputed_cells_carry_an_icon_and_a_tooltip_naming_values_and_sources(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    model = screen.tabs_by_name["tenures"].model
    row = next(i for i, t in enumerate(model.rows()) if t.id == "tenure-khrushchev")
    start, end = model.index(row, 2), model.index(row, 3)
    assert start.data(MARKED_ROLE) is True and end.data(MARKED_ROLE) is False
    assert isinstance(start.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert end.data(Qt.ItemDataRole.DecorationRole) is None
    tip = start.data(Qt.ItemDataRole.ToolTipRole)
    assert "7 September 1953" in tip and "14 September 1953" in tip
    assert "Prose account (test)" in tip and "Wikipedia, plain text" in tip


def test_unmarked_cells_are_exactly_the_undisputed_fields(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    model = screen.tabs_by_name["tenures"].model
    marked = {
        (model.row_item(r).id, model.column(c).field)
        for r in range(model.rowCount()) for c in range(model.columnCount())
        if model.index(r, c).data(MARKED_ROLE)
    }
    assert marked == {(c.subject, c.field) for c in records.conflicts}


def test_selecting_a_row_shows_its_quotes_and_document_titles(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    tab = screen.tabs_by_name["tenures"]
    tab.view.selectRow(4)
    text = screen.details.toPlainText()
    stalin = records.tenures[4]
    assert stalin.person in text
    assert stalin.sources[0].quote[:60] in text
    assert "Wikipedia, plain text" in text
    assert "Disputed end" in text


def test_conflicts_tab_names_the_subject_every_value_and_the_resolution(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    screen.show_tab("conflicts")
    view = screen.tabs_by_name["conflicts"].view
    model = view.model()
    assert model.rowCount() == len(records.conflicts)
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[0].startswith("Nikita Khrushchev")
    assert first[1] == "start"
    assert "7 September 1953" in first[2] and "14 September 1953" in first[2]
    assert first[3].startswith("Prefer 7 September 1953")
    view.selectRow(1)
    assert "Avoided in questions" in screen.details.toPlainText()


def test_filter_keeps_only_matching_rows(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    qtbot.keyClicks(screen.filter, "brezhnev")
    view = screen.tabs_by_name["tenures"].view
    rows = [view.model().index(r, 0).data(ROW_ROLE) for r in range(view.model().rowCount())]
    assert [t.id for t in rows] == ["tenure-brezhnev", "tenure-brezhnev-2"]


def test_sorting_by_start_uses_dates_not_their_words(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    view = screen.tabs_by_name["tenures"].view
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert view.model().index(0, 0).data() == "Vladimir Ivashko"


def test_an_unreadable_record_set_is_reported_in_a_sentence(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    monkeypatch.setattr("gensec_quiz.ui.context._load_builtin_records",
                        lambda: load_record_set(broken))
    screen = _screen(qtbot, None, tmp_path)
    assert screen.caption.text().startswith("The record set could not be read")
    assert screen.tabs.count() == 0


@pytest.mark.skipif(not paths.builtin_records_path().is_file(),
                    reason="the built-in record set is not there yet")
def test_records_screen_shows_the_builtin_record_set_with_conflicts_marked(
    qtbot: QtBot, tmp_path: Path
) -> None:
    screen = _screen(qtbot, None, tmp_path)
    assert screen.records is not None
    tenures = screen.tabs_by_name["tenures"].model
    assert tenures.rowCount() == 13
    assert screen.tabs_by_name["conflicts"].model.rowCount() >= 2
    assert any(
        tenures.index(r, c).data(MARKED_ROLE)
        for r in range(tenures.rowCount()) for c in range(tenures.columnCount())
    )


def test_the_filter_updates_the_tab_counts(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    tenures = screen.tabs.indexOf(screen.tabs_by_name["tenures"])
    events = screen.tabs.indexOf(screen.tabs_by_name["events"])
    assert screen.tabs.tabText(tenures) == f"Tenures ({len(records.tenures)})"
    qtbot.keyClicks(screen.filter, "Brezhnev")
    shown = screen.tabs_by_name["tenures"].proxy.rowCount()
    assert 0 < shown < len(records.tenures)
    assert screen.tabs.tabText(tenures) == f"Tenures ({shown} of {len(records.tenures)})"
    events_shown = screen.tabs_by_name["events"].proxy.rowCount()
    assert screen.tabs.tabText(events) == (
        f"Events ({events_shown} of {len(records.events)})")
    screen.filter.clear()
    assert screen.tabs.tabText(tenures) == f"Tenures ({len(records.tenures)})"


def test_at_16_points_in_a_small_window_the_table_shows_most_of_the_height(
    qtbot: QtBot, records: RecordSet, tmp_path: Path
) -> None:
    screen = _screen(qtbot, records, tmp_path)
    font = screen.font()
    font.setPointSize(16)
    screen.setFont(font)
    screen.resize(620, 540)  # the room Records has in an 800x600 window beside the navigation
    QApplication.processEvents()
    view = screen.tabs_by_name["tenures"].view
    rows_shown = view.viewport().height() // view.rowHeight(0)
    assert rows_shown >= 5, rows_shown
    assert view.height() > 2 * screen.details.height()
