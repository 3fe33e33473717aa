"""Learners: rename, merge duplicates and delete, each confirmed; the store backs up first and
the screen names that backup (checked here by opening it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from conftest import SERVER_URL, FakeClock
from gensec_quiz.storage import Store
from gensec_quiz.ui.teacher.learners_admin import LearnersScreen
from ui_core_support import question_set
from ui_teacher_support import TeacherApp, take

# The PC's own file is backed up before a merge or deletion; a school server is not (every
# deletion would copy the whole school's data: docs/data.md, "School server").
FILE_BACKED_UP_FIRST = pytest.mark.skipif(bool(SERVER_URL), reason="a SQLite file is backed "
                                          "up before a merge or deletion; a server is not")


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    application = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    store = application.store
    take(store, application.clock, store.add_learner("Anna"), question_set(), (1.0, 0.5))
    take(store, application.clock, store.add_learner("Anna B."), question_set(), (0.0,))
    store.add_learner("Ben")
    yield application
    assert application.dialogs.told == []


def screen_of(app: TeacherApp, name: str) -> LearnersScreen:
    screen = app.open_teacher("learners").learners
    learner = app.store.learner_by_name(name)
    assert learner is not None
    screen.select(learner.id)
    return screen



def names(app: TeacherApp) -> list[str]:
    return [info.name for info in app.store.learners()]


def backup_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM learners ORDER BY name")]


def test_the_table_lists_every_learner(app: TeacherApp) -> None:
    screen = app.open_teacher("learners").learners
    assert [row.name for row in screen.model.rows()] == ["Anna", "Anna B.", "Ben"]
    assert not screen.rename_button.isEnabled()  # nothing chosen yet


def test_renaming_a_learner(app: TeacherApp) -> None:
    screen = screen_of(app, "Ben")
    app.dialogs.new_name = "Benjamin"
    app.click(screen.rename_button)
    assert names(app) == ["Anna", "Anna B.", "Benjamin"]
    assert "is now called “Benjamin”" in screen.message.text()


def test_a_name_already_taken_is_refused_in_one_sentence(app: TeacherApp) -> None:
    screen = screen_of(app, "Ben")
    app.dialogs.new_name = "anna"
    app.click(screen.rename_button)
    assert names(app) == ["Anna", "Anna B.", "Ben"]
    assert screen.message.text() == "⚠ A learner named “anna” already exists."


@FILE_BACKED_UP_FIRST
def test_merging_moves_the_sessions_after_a_backup(app: TeacherApp, tmp_path: Path) -> None:
    screen = screen_of(app, "Anna B.")
    anna = app.store.learner_by_name("Anna")
    assert anna is not None
    app.dialogs.choice = 0  # "Anna", the first of the others
    app.click(screen.merge_button)
    [(title, text)] = app.dialogs.confirmations
    assert title == "Merge learners?" and "1 session moves to “Anna”" in text
    assert names(app) == ["Anna", "Ben"]
    assert app.store.learner(anna.id).sessions == 2
    [backup] = [b for b in app.store.list_backups() if b.reason == "before-merge"]
    assert backup_names(backup.path) == ["Anna", "Anna B.", "Ben"]
    assert backup.path.name in screen.message.text()


def test_a_declined_deletion_changes_nothing(app: TeacherApp) -> None:
    screen = screen_of(app, "Anna")
    app.dialogs.confirm = False
    app.click(screen.delete_button)
    assert names(app) == ["Anna", "Anna B.", "Ben"]
    assert app.store.list_backups() == []


@FILE_BACKED_UP_FIRST
def test_deleting_a_learner_backs_up_first_and_forgets_them(
    app: TeacherApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = app.store.learner_by_name("Anna")
    assert anna is not None
    app.context.set_learner(anna.id)
    screen = screen_of(app, "Anna")
    app.click(screen.delete_button)
    [(title, text)] = app.dialogs.confirmations
    assert title == "Delete “Anna”?" and "their 1 session" in text
    assert names(app) == ["Anna B.", "Ben"]
    [backup] = [b for b in app.store.list_backups() if b.reason == "before-delete"]
    assert "Anna" in backup_names(backup.path)
    assert f"The backup taken first is {backup.path.name}" in screen.message.text()
    assert app.context.learner_id is None
