"""`gensec-quiz scores` and `gensec-quiz db ...` on the app's own database."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gensec_quiz.cli import main
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store
from gensec_quiz.storage.instance import InstanceLock
from gensec_quiz.storage.migrations import LATEST_VERSION
from store_support import facts, record


@pytest.fixture
def data(tmp_path: Path) -> DataFolder:
    """The data folder the commands are handed (as `launch.py` hands them one)."""
    return DataFolder(tmp_path / "class-data")


def _fill(data: DataFolder) -> None:
    with open_store(data.database) as store:
        for name, score in (("Анна", 1.0), ('=HYPERLINK("x")', 0.5)):
            learner = store.add_learner(name)
            session = store.start_session(learner_id=learner, question_set_id="gensec",
                                          title="General Secretaries", mode=Mode.EXAM,
                                          question_count=1)
            record(store, session, "q1", score=score, basis=facts("t.start"))
            store.finish_session(session)


def test_scores_without_a_database_says_there_are_none(
    data: DataFolder, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["scores"], data=data) == 0
    assert "No scores yet" in capsys.readouterr().out
    assert not data.database.exists()


def test_scores_shows_the_class_and_one_learner(
    data: DataFolder, capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(data)
    assert main(["scores"], data=data) == 0
    table = capsys.readouterr().out
    assert "Анна" in table and "100%" in table and "50%" in table
    assert main(["scores", "--learner", "АННА"], data=data) == 0
    one = capsys.readouterr().out
    assert "Learner: Анна" in one and "General Secretaries" in one and "HYPERLINK" not in one


def test_scores_for_an_unknown_learner_is_one_sentence(
    data: DataFolder, capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(data)
    assert main(["scores", "--learner", "Nobody"], data=data) == 1
    assert capsys.readouterr().err == "There is no learner named “Nobody”.\n"


def test_scores_csv_is_safe_and_reads_back(data: DataFolder, tmp_path: Path) -> None:
    _fill(data)
    target = tmp_path / "scores.csv"
    assert main(["scores", "--csv", str(target)], data=data) == 0
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(\"x\")", "Анна"]
    assert [row[-1] for row in rows[1:]] == ["0.500", "1.000"]


def test_db_check_backup_and_restore(data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data)
    assert main(["db", "check"], data=data) == 0
    assert f"Integrity check: ok; schema version {LATEST_VERSION}." in capsys.readouterr().out
    assert main(["db", "backup"], data=data) == 0
    assert "Backed up to" in capsys.readouterr().out
    with open_store(data.database) as store:
        [manual] = [b for b in store.list_backups() if b.reason == "manual"]
        store.delete_learner(store.learners()[0].id)
    assert main(["db", "restore", str(manual.path)], data=data) == 0
    assert f"Restored {manual.path}." in capsys.readouterr().out
    with open_store(data.database) as store:
        assert len(store.learners()) == 2
        newest = store.list_backups()[0]
    assert main(["db", "restore"], data=data) == 0  # by default, the newest good backup
    assert f"Restored {newest.path}." in capsys.readouterr().out


def test_db_check_reports_damage_and_changes_nothing(
    data: DataFolder, capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(data)
    assert main(["db", "backup"], data=data) == 0
    database = data.database
    database.write_bytes(b"garbage!" * 512)
    assert main(["db", "check"], data=data) == 1
    out = capsys.readouterr().out
    assert "damaged" in out and "gensec-quiz db restore" in out
    assert database.read_bytes() == b"garbage!" * 512
    assert main(["db", "restore"], data=data) == 0
    assert "kept as" in capsys.readouterr().out
    assert main(["db", "check"], data=data) == 0


def test_db_restore_is_refused_while_the_app_is_open(
    data: DataFolder, capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(data)
    assert main(["db", "backup"], data=data) == 0
    app = InstanceLock(data.root)
    assert app.acquire()
    try:
        assert main(["db", "restore"], data=data) == 1
    finally:
        app.release()
    assert "already open" in capsys.readouterr().err


def test_unwritable_csv_and_missing_backup_are_one_sentence_each(
    data: DataFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(data)
    target = tmp_path / "no-such-folder" / "scores.csv"
    assert main(["scores", "--csv", str(target)], data=data) == 1
    assert capsys.readouterr().err.startswith(f"{target}: cannot write the scores: ")
    missing = tmp_path / "nothing.sqlite3"
    assert main(["db", "restore", str(missing)], data=data) == 1
    assert capsys.readouterr().err == f"{missing}: There is no backup file here.\n"
