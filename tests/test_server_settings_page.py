"""Settings → School server, through the real page: save, use this PC only, and Test connection
off the window's thread (an unreachable port always; the real server under make test-server)."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.application.server_settings import (
    ConnectionCheck,
    SchoolServerSettings,
    ServerFields,
)
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.screens.settings import SettingsScreen
from gensec_quiz.ui.screens.settings_server import SchoolServerPage
from test_server_settings import MemoryKeyring

LEFT = Qt.MouseButton.LeftButton
SERVER_URL = os.environ.get("GENSEC_QUIZ_TEST_DATABASE_URL", "")


@pytest.fixture
def context(data_dir: Path, clock: FakeClock) -> AppContext:
    return AppContext(clock=clock, seed=0, data_dir=data_dir, signals=AppSignals())


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def vault() -> MemoryKeyring:
    return MemoryKeyring()


def _page(qtbot: QtBot, context: AppContext, settings: QSettings, vault: MemoryKeyring, *,
          environment_url: str | None = None) -> SchoolServerPage:
    page = SchoolServerPage(context, settings, environment_url=environment_url, vault=vault)
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    page.load()
    return page


def _fill(page: SchoolServerPage, qtbot: QtBot, *, host: str, port: int, database: str,
          user: str, password: str) -> None:
    for field, text in ((page.host, host), (page.database, database), (page.user, user),
                        (page.password, password)):
        field.clear()
        qtbot.keyClicks(field, text)
    page.port.setValue(port)


def test_settings_has_a_school_server_page(qtbot: QtBot, context: AppContext,
                                           settings: QSettings) -> None:
    screen = SettingsScreen(context, settings=settings)
    qtbot.addWidget(screen)
    screen.show()
    screen.show_page("server")
    assert screen.tabs.tabText(screen.tabs.currentIndex()) == "School server"
    assert isinstance(screen.server, SchoolServerPage)
    assert "this PC's own data" in screen.server.notes.text()


def test_save_keeps_the_server_for_the_next_start_and_shows_it_again(
        qtbot: QtBot, context: AppContext, settings: QSettings, vault: MemoryKeyring) -> None:
    page = _page(qtbot, context, settings, vault)
    _fill(page, qtbot, host="school-server", port=5433, database="gensec", user="room12",
          password="s3cret")
    qtbot.mouseClick(page.save_button, LEFT)
    assert "from its next start" in page.status.text()
    assert "the password is in the system keyring" in page.status.text()
    assert vault.passwords == {"room12@school-server:5433/gensec": "s3cret"}
    again = _page(qtbot, context, settings, vault)
    assert (again.host.text(), again.port.value(), again.database.text(), again.user.text(),
            again.password.text()) == ("school-server", 5433, "gensec", "room12", "s3cret")


def test_use_this_pc_only_clears_the_fields_and_forgets_the_server(
        qtbot: QtBot, context: AppContext, settings: QSettings, vault: MemoryKeyring) -> None:
    SchoolServerSettings(context.data_dir, vault=vault).save(
        ServerFields("school-server", 5432, "gensec", "room12"), "pw")
    page = _page(qtbot, context, settings, vault)
    assert page.host.text() == "school-server"
    qtbot.mouseClick(page.local_button, LEFT)
    assert page.host.text() == "" and page.password.text() == ""
    assert "keep its data on this PC from its next start" in page.status.text()
    assert not (context.data_dir / "school-server.json").exists() and vault.passwords == {}


def test_an_empty_field_is_told_and_nothing_is_tried(
        qtbot: QtBot, context: AppContext, settings: QSettings, vault: MemoryKeyring) -> None:
    page = _page(qtbot, context, settings, vault)
    _fill(page, qtbot, host="school-server", port=5432, database="", user="room12",
          password="")
    qtbot.mouseClick(page.test_button, LEFT)
    assert page.status.text() == "Database: this field is empty; fill it in."
    assert not page.testing()


def test_the_variable_wins_and_the_page_says_so(
        qtbot: QtBot, context: AppContext, settings: QSettings, vault: MemoryKeyring) -> None:
    page = _page(qtbot, context, settings, vault,
                 environment_url="postgresql://teacher:hidden@server/gensec")
    assert "GENSEC_QUIZ_DATABASE_URL is set" in page.notes.text()
    assert "hidden" not in page.notes.text()
    _fill(page, qtbot, host="h", port=5432, database="d", user="u", password="")
    qtbot.mouseClick(page.save_button, LEFT)
    assert "While GENSEC_QUIZ_DATABASE_URL is set, that address is used" in page.status.text()


def test_test_connection_leaves_the_window_working_while_it_waits(
        qtbot: QtBot, context: AppContext, settings: QSettings, vault: MemoryKeyring,
        monkeypatch: pytest.MonkeyPatch) -> None:
    release, asked = threading.Event(), threading.Event()

    def slow_server(fields: ServerFields, password: str) -> ConnectionCheck:
        asked.set()
        release.wait(10)
        return ConnectionCheck(True, f"Reached {fields.shown()} with {len(password)} letters.")

    monkeypatch.setattr(SchoolServerPage, "tester", staticmethod(slow_server))
    page = _page(qtbot, context, settings, vault)
    _fill(page, qtbot, host="school-server", port=5432, database="gensec", user="room12",
          password="pw")
    qtbot.mouseClick(page.test_button, LEFT)
    # the click returned while the server had not answered: the window shows it is trying
    assert asked.wait(5) and page.testing()
    assert page.status.text() == "Trying room12@school-server:5432/gensec…"
    assert not page.test_button.isEnabled()
    qtbot.keyClicks(page.host, "-2")  # the window still takes typing meanwhile
    assert page.host.text() == "school-server-2"
    release.set()
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=5000)
    assert page.status.text() == "Reached room12@school-server:5432/gensec with 2 letters."


def test_test_connection_to_an_unreachable_port_says_so_in_a_sentence(
        qtbot: QtBot, context: AppContext, settings: QSettings, vault: MemoryKeyring) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page = _page(qtbot, context, settings, vault)
    _fill(page, qtbot, host="127.0.0.1", port=port, database="gensec", user="room12",
          password="pw")
    qtbot.mouseClick(page.test_button, LEFT)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=8000)
    assert page.status.text() == (f"127.0.0.1 refused the connection on port {port}: "
                                  "PostgreSQL is not running there, or listens on another port.")


@pytest.mark.skipif(not SERVER_URL, reason="needs GENSEC_QUIZ_TEST_DATABASE_URL "
                    "(make test-server)")
def test_test_connection_reaches_the_real_server(
        qtbot: QtBot, context: AppContext, settings: QSettings, vault: MemoryKeyring) -> None:
    from sqlalchemy import make_url

    url = make_url(SERVER_URL)
    page = _page(qtbot, context, settings, vault)
    _fill(page, qtbot, host=url.host or "127.0.0.1", port=url.port or 5432,
          database=url.database or "", user=url.username or "", password=url.password or "")
    qtbot.mouseClick(page.test_button, LEFT)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=8000)
    assert page.status.text().startswith(f"Reached {url.username}@"), page.status.text()
    _fill(page, qtbot, host=url.host or "127.0.0.1", port=url.port or 5432,
          database=url.database or "", user=url.username or "", password="wrong")
    qtbot.mouseClick(page.test_button, LEFT)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=8000)
    assert "refused the user" in page.status.text()



@pytest.mark.skipif(not SERVER_URL, reason="needs GENSEC_QUIZ_TEST_DATABASE_URL "
                    "(make test-server)")
def test_the_data_page_backs_up_the_school_server_when_asked(
        qtbot: QtBot, data_dir: Path, clock: FakeClock, settings: QSettings) -> None:
    from conftest import empty_server_database
    from gensec_quiz.storage import open_store
    from gensec_quiz.ui.screens.settings import DataPage

    empty_server_database(SERVER_URL)
    store = open_store(SERVER_URL, clock=clock, backups_dir=data_dir / "backups")
    try:
        context = AppContext(clock=clock, seed=0, data_dir=data_dir, signals=AppSignals(),
                             server=SERVER_URL)
        context.store = store
        page = DataPage(context, settings)
        qtbot.addWidget(page)
        page.load()
        assert "Backups of the school server are taken when you ask" in page.note.text()
        qtbot.mouseClick(page.backup_button, LEFT)
        assert page.status.text().startswith("Backed up to gensec-quiz-server-")
        assert page.model.rowCount() == 1
    finally:
        store.close()
