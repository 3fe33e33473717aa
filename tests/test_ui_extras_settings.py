"""Settings: theme and text size persist, the data folder opens, backups list and restore."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.storage import Store
from gensec_quiz.ui import theme
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.screens.settings import DataPage, RestoreConfirmation, SettingsScreen


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The shared application, put back to its plain look afterwards."""
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def context(data_dir: Path, records: RecordSet, clock: FakeClock) -> AppContext:
    return AppContext(clock=clock, seed=0, data_dir=data_dir, signals=AppSignals(),
                      _records=records)


def _screen(qtbot: QtBot, context: AppContext, settings: QSettings) -> SettingsScreen:
    screen = SettingsScreen(context, settings=settings)
    qtbot.addWidget(screen)
    screen.resize(900, 650)
    screen.show()
    return screen


def test_theme_and_text_size_persist_and_come_back(
    qtbot: QtBot, app: QApplication, context: AppContext, settings: QSettings
) -> None:
    screen = _screen(qtbot, context, settings)
    assert screen.appearance.theme_buttons["system"].isChecked()
    screen.appearance.theme_buttons["dark"].click()
    screen.appearance.text_size.setValue(14)
    assert settings.value(theme.THEME_KEY) == "dark"
    assert int(settings.value(theme.TEXT_SIZE_KEY)) == 14
    again = _screen(qtbot, context, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert again.appearance.chosen_theme() == "dark"
    assert again.appearance.text_size.value() == 14


def test_choosing_a_theme_changes_the_application_palette(
    qtbot: QtBot, app: QApplication, context: AppContext, settings: QSettings
) -> None:
    screen = _screen(qtbot, context, settings)
    with qtbot.waitSignal(screen.appearance.applied):
        screen.appearance.theme_buttons["dark"].click()
    assert app.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.2
    screen.appearance.theme_buttons["light"].click()
    assert app.palette().color(QPalette.ColorRole.Window).lightnessF() > 0.8
    screen.appearance.text_size.setValue(16)
    assert app.font().pointSize() == 16


def test_settings_live_in_the_data_folder_by_default(
    qtbot: QtBot, app: QApplication, context: AppContext
) -> None:
    screen = SettingsScreen(context)
    qtbot.addWidget(screen)
    screen.refresh()
    screen.appearance.theme_buttons["light"].click()
    assert Path(screen.settings.fileName()) == context.data_dir / "settings.ini"
    assert (context.data_dir / "settings.ini").read_text(encoding="utf-8").count("light") == 1


def test_open_the_folder_asks_the_desktop_to_show_the_data_folder(
    qtbot: QtBot, context: AppContext, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(DataPage, "open_url", staticmethod(opened.append))
    screen = _screen(qtbot, context, settings)
    assert screen.data.folder.text() == str(context.data_dir)
    screen.data.open_button.click()
    assert [url.toLocalFile() for url in opened] == [str(context.data_dir)]


def test_backups_are_listed_with_dates_and_reasons_and_made_on_request(
    qtbot: QtBot, context: AppContext, settings: QSettings, store: Store, clock: FakeClock
) -> None:
    store.add_learner("Anna")
    store.backup("periodic")
    context.store = store
    screen = _screen(qtbot, context, settings)
    model = screen.data.model
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "every 30 minutes"
    clock.now += timedelta(hours=2)
    screen.data.backup_button.click()
    assert model.rowCount() == 2
    assert model.index(0, 1).data() == "made by hand"
    assert model.index(0, 0).data() > model.index(1, 0).data()
    assert screen.data.status.text().startswith("Backed up to ")


def test_restore_brings_back_the_backup_after_confirmation(
    qtbot: QtBot, context: AppContext, settings: QSettings, store: Store, clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.add_learner("Anna")
    store.backup("manual")
    clock.now += timedelta(hours=1)
    context.store = store
    context.learner_id = store.add_learner("Boris")
    questions: list[str] = []

    def agree(parent: object, *, taken: str, reason: str) -> bool:
        questions.append(reason)
        return True

    monkeypatch.setattr(RestoreConfirmation, "ask", agree)
    screen = _screen(qtbot, context, settings)
    screen.data.table.selectRow(0)
    with qtbot.waitSignal(context.signals.data_changed):
        screen.data.restore_button.click()
    assert questions == ["made by hand"]
    assert [learner.name for learner in store.learners()] == ["Anna"]
    assert context.learner_id is None  # Boris is not in the restored data
    assert screen.data.status.text().startswith("Restored the backup taken ")
    assert any(row.reason == "before-restore" for row in screen.data.model.rows())


def test_declining_the_confirmation_restores_nothing(
    qtbot: QtBot, context: AppContext, settings: QSettings, store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.backup("manual")
    store.add_learner("Anna")
    context.store = store
    monkeypatch.setattr(RestoreConfirmation, "ask", classmethod(lambda *a, **k: False))
    screen = _screen(qtbot, context, settings)
    screen.data.table.selectRow(0)
    screen.data.restore_button.click()
    assert [learner.name for learner in store.learners()] == ["Anna"]
    assert screen.data.status.text() == "Nothing was restored."


def test_restore_without_a_selection_says_to_pick_one(
    qtbot: QtBot, context: AppContext, settings: QSettings, store: Store
) -> None:
    context.store = store
    screen = _screen(qtbot, context, settings)
    screen.data.restore_button.click()
    assert screen.data.status.text() == "Select a backup in the list first."


def test_before_the_store_opens_backups_wait_and_then_appear(
    qtbot: QtBot, context: AppContext, settings: QSettings, store: Store
) -> None:
    store.backup("close")
    screen = _screen(qtbot, context, settings)
    assert not screen.data.backup_button.isEnabled()
    assert "still opening" in screen.data.note.text()
    context.store = store
    context.signals.store_ready.emit()
    assert screen.data.backup_button.isEnabled()
    assert screen.data.model.index(0, 1).data() == "on closing"


def test_about_names_the_version_each_source_with_its_licence_and_attribution(
    qtbot: QtBot, context: AppContext, settings: QSettings, records: RecordSet
) -> None:
    from gensec_quiz import __version__

    screen = _screen(qtbot, context, settings)
    screen.show_page("about")
    text = screen.about.text.toPlainText()
    assert f"GenSec Quiz {__version__}" in text
    for source in records.sources:
        assert source.title in text
    assert text.count("Licence: CC BY-SA 4.0") == len(records.sources)
    assert "Wikipedia and ProleWiki" in text and "CC BY-SA" in text
