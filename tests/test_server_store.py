"""The store on a school server (PostgreSQL): a computer room opening a new database at once,
30 PCs answering at once, and a PC killed while it writes. Run by `make test-server`, which
installs and starts PostgreSQL on 127.0.0.1; skipped in a plain `make test`."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from conftest import SERVER_URL, empty_server_database

WORKER = Path(__file__).resolve().parent / "server_worker.py"
ROOM = 30

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SERVER_URL, reason="needs the test server: `make test-server`"),
    pytest.mark.skipif(sys.platform == "win32", reason="forks and uses SIGKILL"),
]


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _query(sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(SERVER_URL, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def test_a_room_of_pcs_opening_a_new_school_database_at_once_all_succeed() -> None:
    empty_server_database(SERVER_URL)
    start = f"{time.time() + 3:.3f}"  # after every process has imported the app
    room = [_spawn("open", SERVER_URL, "--at", start) for _ in range(ROOM)]
    results = [process.communicate(timeout=120) for process in room]
    failed = [err for process, (_, err) in zip(room, results, strict=True)
              if process.returncode != 0]
    assert failed == []
    assert _query("SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                  "('learners', 'answers', 'gensec_quiz_schema')") == [(3,)]


def test_thirty_pcs_answering_at_once_lose_nothing_and_see_no_error() -> None:
    empty_server_database(SERVER_URL)
    _spawn("open", SERVER_URL).communicate(timeout=60)  # the tables, once
    per_pc = 25
    start = f"{time.time() + 3:.3f}"
    room = [_spawn("write", SERVER_URL, f"Learner {n}", str(per_pc), "--at", start)
            for n in range(ROOM)]
    results = [process.communicate(timeout=300) for process in room]
    errors = [err for process, (_, err) in zip(room, results, strict=True)
              if process.returncode != 0 or err.strip()]
    assert errors == []
    acknowledged = {int(line) for out, _ in results for line in out.split()}
    assert len(acknowledged) == ROOM * per_pc
    stored = {int(row[0]) for row in _query("SELECT id FROM answers")}  # type: ignore[call-overload]
    assert acknowledged == stored
    progress = _query("SELECT answered, score IS NOT NULL FROM quiz_sessions")
    assert progress == [(per_pc, True)] * ROOM


def test_answers_acknowledged_before_a_pc_is_killed_are_on_the_server() -> None:
    empty_server_database(SERVER_URL)
    rng = random.Random(7)
    acknowledged: set[int] = set()
    for _kill in range(8):
        writer = _spawn("forever", SERVER_URL, "Kim", "0")
        assert writer.stdout is not None
        first = writer.stdout.readline()  # killed only once it writes
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(writer.pid, signal.SIGKILL)
        out, _ = writer.communicate(timeout=30)
        acknowledged |= {int(line) for line in (first + out).split()}
    assert len(acknowledged) >= 8
    stored = {int(row[0]) for row in _query("SELECT id FROM answers")}  # type: ignore[call-overload]
    assert acknowledged <= stored
    # Every stored answer's session counts it: progress is written in the answer's transaction.
    assert _query("SELECT count(*) FROM quiz_sessions s WHERE s.answered <> "
                  "(SELECT count(*) FROM answers a WHERE a.session_id = s.id)") == [(0,)]


def test_the_commands_read_and_write_the_school_server(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gensec_quiz.cli import main
    from gensec_quiz.paths import DataFolder

    empty_server_database(SERVER_URL)
    _spawn("write", SERVER_URL, "Anna", "3").communicate(timeout=120)
    folder = DataFolder(tmp_path / "pc", SERVER_URL)
    assert main(["scores"], data=folder) == 0
    assert "Anna" in capsys.readouterr().out
    assert main(["results", "export", "--out", str(tmp_path / "room.json")], data=folder) == 0
    assert "Wrote 3 answer(s) of 1 learner(s)" in capsys.readouterr().out
    assert not folder.database.exists()  # everything went to the server
