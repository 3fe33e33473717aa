"""The history as a whole, without a window: back up now, and put a backup back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from conftest import FakeClock
from gensec_quiz.application.history import History
from gensec_quiz.domain.errors import InputError
from gensec_quiz.storage import Store


def test_a_backup_taken_now_is_listed_first(store: Store) -> None:
    history = History(store)
    path = history.back_up_now()
    assert path.is_file()
    assert history.backups()[0].path == path


def test_restoring_brings_back_the_learners_of_then_and_keeps_what_was_there(
    store: Store, clock: FakeClock
) -> None:
    history = History(store)
    ada = store.add_learner("Ada")
    backup = history.back_up_now()
    clock.now += timedelta(minutes=5)
    ben = store.add_learner("Ben")
    restored = history.restore_backup(backup, learner_id=ben)
    assert [info.name for info in store.learners()] == ["Ada"]
    assert restored.learner_still_there is False
    assert restored.kept_as is not None and restored.kept_as.is_file()
    assert history.restore_backup(backup, learner_id=ada).learner_still_there is True


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
    store: Store, tmp_path: Path
) -> None:
    store.add_learner("Ada")
    history = History(store)
    with pytest.raises(InputError):
        history.restore_backup(tmp_path / "missing.sqlite3", learner_id=None)
    assert [info.name for info in store.learners()] == ["Ada"]
