"""Home can list learners from the file before the ORM loads, and agrees with the Store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import open_store
from gensec_quiz.storage.quick_read import read_learners
from store_support import facts, record


def _clock() -> datetime:
    return datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _populated(path: Path) -> None:
    with open_store(path, clock=_clock) as store:
        anna = store.add_learner("Anna")
        store.add_learner("Борис")
        session = store.start_session(learner_id=anna, question_set_id="s", title="S",
                                      mode=Mode.PRACTICE, question_count=2)
        record(store, session, "q1", basis=facts("t.start"))
        store.finish_session(session)


def test_quick_read_lists_the_same_learners_as_the_store(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _populated(path)
    with open_store(path, clock=_clock) as store:
        expected = store.learners()
    assert read_learners(path) == expected
    assert [learner.last_score for learner in expected] == [0.5, None]


def test_quick_read_does_not_import_the_orm(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _populated(path)
    code = ("import sys; from pathlib import Path\n"
            "from gensec_quiz.storage.quick_read import read_learners\n"
            f"names = [l.name for l in read_learners(Path({str(path)!r}))]\n"
            "print(names, 'sqlalchemy' in sys.modules, 'sqlmodel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['Anna', 'Борис'] False False"


def test_quick_read_returns_none_for_a_missing_or_foreign_or_newer_file(tmp_path: Path) -> None:
    assert read_learners(tmp_path / "none.sqlite3") is None
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    assert read_learners(foreign) is None
    newer = tmp_path / "newer.sqlite3"
    _populated(newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 99")
    assert read_learners(newer) is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert read_learners(garbage) is None


def test_quick_read_never_creates_or_changes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _populated(path)
    before = path.read_bytes()
    read_learners(path)
    assert path.read_bytes() == before
    assert read_learners(tmp_path / "absent.sqlite3") is None
    assert not (tmp_path / "absent.sqlite3").exists()
