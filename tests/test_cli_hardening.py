"""Hardening (issue 13): every fault on the command line is one sentence, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gensec_quiz.cli import main
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store
from store_support import facts, record


@pytest.fixture
def data(tmp_path: Path) -> DataFolder:
    folder = DataFolder(tmp_path / "class-data")
    with open_store(folder.database) as store:
        learner = store.add_learner("Анна")
        session = store.start_session(learner_id=learner, question_set_id="gensec", title="G",
                                      mode=Mode.PRACTICE, question_count=2)
        record(store, session, "q1", score=1.0, basis=facts("t.start"))
    return folder


def _one_sentence(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize("at", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00",
                                "-0001-01-01", "9999-12-31T23:59:59+00:00"])
def test_due_at_out_of_range_is_one_sentence(
        data: DataFolder, at: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "--learner", "Анна", "--at", at], data=data) == 1
    assert "--at" in _one_sentence(capsys)


def test_scores_csv_with_a_very_long_file_name_is_one_sentence_and_leaves_nothing(
        data: DataFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    assert main(["scores", "--csv", str(out / ("s" * 300 + ".csv"))], data=data) == 1
    assert "too long" in _one_sentence(capsys).lower() or "name" in capsys.readouterr().err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", ["gensec-quiz.sqlite3", "gensec-quiz.sqlite3-wal",
                                  "gensec-quiz.sqlite3-shm", "backups/x.sqlite3"])
def test_scores_csv_never_overwrites_the_learners_data(
        data: DataFolder, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = data.root / name
    before = data.database.read_bytes()
    assert main(["scores", "--csv", str(target)], data=data) == 1
    assert "learners' data" in _one_sentence(capsys)
    assert data.database.read_bytes() == before
    assert not target.exists() or target.suffix != ".csv"
    with open_store(data.database) as store:
        assert [learner.name for learner in store.learners()] == ["Анна"]


def test_generate_out_never_overwrites_the_learner_database(
        data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    before = data.database.read_bytes()
    assert main(["generate", "--out", str(data.database)], data=data) == 1
    assert "learners' data" in _one_sentence(capsys)
    assert data.database.read_bytes() == before


def test_an_unforeseen_error_in_a_command_is_one_sentence_naming_the_log(
        data: DataFolder, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import gensec_quiz.commands.scores as scores

    def broken(_args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(scores, "run", broken)
    assert main(["scores"], data=data) == 1
    assert str(data.log) in _one_sentence(capsys)
    assert "RuntimeError: a bug" in data.log.read_text(encoding="utf-8")


_LIMITED = """
import resource, signal, sys
from pathlib import Path
from gensec_quiz.cli import main
from gensec_quiz.paths import DataFolder
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(sys.argv[3:], data=DataFolder(Path(sys.argv[1]))))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file size limit")
def test_a_full_disk_during_db_backup_is_one_sentence_and_loses_nothing(
        data: DataFolder) -> None:
    size = data.database.stat().st_size
    before = data.database.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED, str(data.root), str(size // 2), "db", "backup"],
        capture_output=True, text=True, timeout=60, env={**os.environ}, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("No backup was made")
    assert data.database.read_bytes() == before
    assert not [p for p in data.backups.iterdir() if p.name.endswith(".partial")]


def test_an_unforeseen_error_at_gui_start_up_is_one_sentence_naming_the_log(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import gensec_quiz.app as app
    from gensec_quiz import launch

    def broken(**_kwargs: object) -> int:
        raise RuntimeError("a bug at start-up")

    monkeypatch.setattr(app, "run_app", broken)
    monkeypatch.setenv("GENSEC_QUIZ_DATA_DIR", str(tmp_path / "gui-data"))
    assert launch.main([]) == 1
    assert str(tmp_path / "gui-data" / "gensec-quiz.log") in _one_sentence(capsys)


def test_due_while_another_process_holds_the_write_lock_reads_beside_it_without_waiting(
        data: DataFolder, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3
    import time

    from gensec_quiz.storage import engine

    # Since schema 4 `due` only reads (the cards are kept on write): the write-ahead log lets
    # it read beside a writer, so it neither fails nor waits for the lock.
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 5000)
    holder = sqlite3.connect(data.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        status = main(["due", "--learner", "Анна"], data=data)
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert status == 0 and took < 4
    assert "1 facts" in capsys.readouterr().out
