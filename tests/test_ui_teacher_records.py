"""Teacher's Records tab: a good CSV import is shown and kept; a bad one lists every problem
with its line and column, and imports nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.storage import Store
from ui_teacher_support import BAD_CSV, GOOD_CSV, TeacherApp


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    application = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    yield application
    assert application.dialogs.told == []



def _rows(app: TeacherApp, table: str) -> int:
    return app.teacher.records.view.tabs_by_name[table].model.rowCount()


def test_the_records_tab_opens_on_the_built_in_record_set(app: TeacherApp) -> None:
    screen = app.open_teacher("records").records
    assert screen.chooser.current_entry() is not None
    entry = screen.chooser.current_entry()
    assert entry is not None and entry.builtin
    assert _rows(app, "tenures") == 6


def test_a_good_csv_import_shows_its_records_with_sources_and_keeps_them(
    app: TeacherApp,
) -> None:
    screen = app.open_teacher("records").records
    app.dialogs.csv_files = list(GOOD_CSV)
    screen.import_title.setText("British monarchs")
    app.click(screen.import_button)

    assert not screen.problems.isVisible()
    assert "Imported 10 tenures and 22 events" in screen.message.text()
    assert (_rows(app, "tenures"), _rows(app, "events")) == (10, 22)
    tenures = screen.view.tabs_by_name["tenures"].model
    victoria = next(t for t in tenures.rows() if t.person == "Victoria")
    sources = tenures.column(tenures.columnCount() - 1).text(victoria)
    assert sources == "csv-monarchs"
    kept = sorted(app.context.folder.record_sets.glob("*.json"))
    assert len(kept) == 1
    records = load_record_set(kept[0])
    assert records.title == "British monarchs" and records == screen.records
    entry = screen.chooser.current_entry()
    assert entry is not None and entry.id == records.id and not entry.builtin
    builder = app.teacher.builder.options.records
    assert records.id in [builder.itemData(i).id for i in range(builder.count())]


def test_importing_the_same_files_again_keeps_one_record_set(app: TeacherApp) -> None:
    screen = app.open_teacher("records").records
    app.dialogs.csv_files = list(GOOD_CSV)
    app.click(screen.import_button)
    app.click(screen.import_button)
    assert len(list(app.context.folder.record_sets.glob("*.json"))) == 1
    assert screen.chooser.count() == 2  # the built-in set and the import


def test_a_bad_csv_import_lists_every_problem_and_imports_nothing(app: TeacherApp) -> None:
    screen = app.open_teacher("records").records
    app.dialogs.csv_files = list(BAD_CSV)
    app.click(screen.import_button)

    assert screen.problems.isVisible()
    assert "Nothing was imported: 7 problems" in screen.problems.heading.text()
    places = [text.split(": ")[0] + ": " + text.split(": ")[1] for text in screen.problems.texts()]
    monarchs, events = (str(path) for path in BAD_CSV)
    assert places == [
        f"{monarchs}:3: person", f"{monarchs}:4: start", f"{monarchs}:5: end",
        f"{monarchs}:5: acting", f"{monarchs}:6: column 8",
        f"{events}:3: date", f"{events}:4: text",
    ]
    assert "day 30 does not exist in February 1910" in screen.problems.texts()[1]
    kept = app.context.folder.record_sets
    assert not kept.exists() or not list(kept.glob("*.json"))
    assert screen.chooser.count() == 1
    assert _rows(app, "tenures") == 6  # the records shown before are still shown


def test_the_problems_can_be_copied_for_a_spreadsheet_or_an_email(app: TeacherApp) -> None:
    screen = app.open_teacher("records").records
    app.dialogs.csv_files = list(BAD_CSV)
    app.click(screen.import_button)
    app.click(screen.problems.copy_button)
    assert QGuiApplication.clipboard().text() == "\n".join(screen.problems.texts())


def test_a_good_import_after_a_bad_one_clears_the_problems(app: TeacherApp) -> None:
    screen = app.open_teacher("records").records
    app.dialogs.csv_files = list(BAD_CSV)
    app.click(screen.import_button)
    app.dialogs.csv_files = list(GOOD_CSV)
    app.click(screen.import_button)
    assert not screen.problems.isVisible()
    assert _rows(app, "tenures") == 10
