"""A school server chosen with GENSEC_QUIZ_DATABASE_URL: the address read, checked and never
shown with its password; every command and the app told in one sentence when it is down. (The
store's own tests run on a real server in `make test-server`.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from gensec_quiz import app as app_module
from gensec_quiz.cli import main
from gensec_quiz.domain.errors import StoreError
from gensec_quiz.paths import DATABASE_URL_VARIABLE, DataFolder
from gensec_quiz.storage import open_store
from gensec_quiz.storage.opening import server_url
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.dialogs.confirm import Notice
from ui_core_support import FakeClock

# Nothing listens on port 1 of the loopback: refused at once, no network needed.
DOWN = "postgresql://teacher:s3cret-pw@127.0.0.1:1/school"


def test_the_server_comes_from_the_environment_and_the_file_stays_the_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENSEC_QUIZ_DATA_DIR", str(tmp_path))
    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    assert DataFolder.default().store_target == tmp_path / "gensec-quiz.sqlite3"
    monkeypatch.setenv(DATABASE_URL_VARIABLE, f" {DOWN} ")
    folder = DataFolder.default()
    assert folder.store_target == DOWN and folder.has_store()


def test_a_plain_postgresql_address_uses_the_driver_the_app_ships() -> None:
    assert server_url(DOWN).drivername == "postgresql+psycopg"
    assert server_url("postgres://a@b/c").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(("address", "says"), [
    ("mysql://x@y/z", "on a PostgreSQL server"),
    ("postgresql://x@y:notaport/z", "is not a database address"),
])
def test_an_address_of_another_kind_is_refused_with_a_sentence(address: str, says: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(address)
    assert says in str(caught.value)


def test_a_server_that_is_down_is_told_in_one_sentence_without_its_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store(DOWN)
    told = str(caught.value)
    assert "The school server postgresql+psycopg://teacher:***@127.0.0.1:1/school" in told
    assert "s3cret-pw" not in told and len(caught.value.sentences()) == 1


@pytest.mark.parametrize("command", [["scores"], ["due", "--learner", "Anna"], ["results", "export",
                                                                   "--out", "x.json"]])
def test_commands_read_the_server_and_say_when_it_is_down(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    folder = DataFolder(tmp_path, DOWN)
    assert main(command, data=folder) == 1
    err = capsys.readouterr().err
    assert "could not be reached" in err and "s3cret-pw" not in err
    assert "Traceback" not in err
    assert not folder.database.exists()  # never a local file instead


@pytest.mark.parametrize(("action", "told"), [
    (["check"], "on the school server"),  # the server checks its own data
    (["backup"], "could not be reached"),  # backups of a server: test_server_backup.py
    (["restore"], "There is no school server backup in"),
    (["restore", "backup.jsonl"], "There is no backup file"),
])
def test_db_commands_on_a_server_that_is_down_say_so_in_a_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], action: list[str],
        told: str) -> None:
    assert main(["db", *action], data=DataFolder(tmp_path, DOWN)) == 1
    err = capsys.readouterr().err
    assert told in err and "s3cret-pw" not in err and "Traceback" not in err


def test_the_app_with_its_server_down_says_so_and_opens_no_local_file(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: told.append(text)))
    folder = DataFolder(tmp_path / "data", DOWN).create()
    context = AppContext(clock=FakeClock(), seed=1, data_dir=folder.root, signals=AppSignals(),
                         server=folder.server)
    window, opener = app_module.build_main_window(context)
    qtbot.addWidget(window)
    opener.open()
    assert context.store is None
    assert len(told) == 1 and "could not be reached" in told[0] and "s3cret-pw" not in told[0]
    assert not folder.database.exists()
    opener.close()
