"""Shared test set-up: Qt offscreen, a temporary data folder, no real user data touched, and the
fixtures every test shares: one fake clock, one store, one record set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:  # imported by the fixtures that need them: most tests want neither
    from gensec_quiz.domain.records import RecordSet
    from gensec_quiz.storage import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests are deterministic (the same examples on every run and machine) and never fail
# for being slow on a busy shared machine; a test's own settings still choose its example count.
settings.register_profile("gensec", deadline=None, derandomize=True, database=None)
settings.load_profile("gensec")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
RECORDS_FILE = DATA / "ui_extras" / "records.json"


@dataclass
class FakeClock:
    """A UTC clock that moves only when told."""

    now: datetime = field(default_factory=lambda: datetime(2024, 3, 1, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own learner data folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("GENSEC_QUIZ_DATA_DIR", str(folder))
    yield folder


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test() -> Iterator[None]:
    """Windows and dialogs a test left open are closed and deleted after it, so later tests
    (a theme change repaints every live widget) neither slow down nor see them."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    """The test's learner data folder (where the app keeps its database and settings)."""
    return _isolated_data_dir


@pytest.fixture
def clock() -> FakeClock:
    """The clock of the test: 1 March 2024, 09:00 UTC, until the test moves it."""
    return FakeClock()


# `make test-server` sets this to a PostgreSQL database that the tests may empty at will; the
# `store` fixture then opens a fresh store on that server instead of a SQLite file.
SERVER_URL = os.environ.get("GENSEC_QUIZ_TEST_DATABASE_URL", "")


def empty_server_database(url: str) -> None:
    """Drop every table of the test server's database: each test starts from nothing."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[Store]:
    """An empty learner database where the app keeps it (or on the test server, under
    `make test-server`), on the test's clock; closed after."""
    from gensec_quiz.storage import open_store

    if SERVER_URL:
        empty_server_database(SERVER_URL)
        opened = open_store(SERVER_URL, clock=clock, backups_dir=data_dir / "backups")
    else:
        opened = open_store(data_dir / "gensec-quiz.sqlite3", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def records() -> RecordSet:
    """A small record set with every kind of record (tests/data/ui_extras/records.json)."""
    from gensec_quiz.bank.records_json import load_record_set

    return load_record_set(RECORDS_FILE)
