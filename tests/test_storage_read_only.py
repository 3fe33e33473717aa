"""Read-only commands never write (issue 13): `due`, `scores` and `db check` leave the file's
bytes and time as they were and make no backup, even for a learner whose review cards lag
behind their answers; and a read-only data folder is a sentence, also when the tests run as
root (the command then runs in a child process that has become `nobody`)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.cli import main
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store
from store_support import facts, record

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)


def _fill(folder: DataFolder) -> None:
    with open_store(folder.database, backups_dir=folder.backups,
                    clock=lambda: NOW - timedelta(hours=1)) as store:
        learner = store.add_learner("Анна")
        session = store.start_session(learner_id=learner, question_set_id="g", title="G",
                                      mode=Mode.PRACTICE, question_count=3)
        for number in range(3):
            record(store, session, f"q{number}", score=0.5, basis=facts(f"r{number}.start"))


def _file_state(folder: DataFolder) -> tuple[bytes, int, list[str], list[str]]:
    database = folder.database
    return (database.read_bytes(), database.stat().st_mtime_ns,
            sorted(p.name for p in folder.backups.iterdir()),
            sorted(p.name for p in folder.root.iterdir() if p.name.startswith(database.name)))


def test_due_scores_and_db_check_leave_the_file_and_the_backups_as_they_were(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = DataFolder(tmp_path / "class-data")
    _fill(folder)
    # As a file upgraded to schema 4 leaves a learner whose cards lag behind: nothing applied.
    connection = sqlite3.connect(folder.database, isolation_level=None)
    connection.execute("DELETE FROM review_log")
    connection.execute("DELETE FROM review_cards")
    connection.execute("INSERT INTO review_backlog (learner_id) VALUES (1)")
    connection.close()
    before = _file_state(folder)
    assert main(["due", "--learner", "Анна", "--at", "2024-09-01T12:00:00Z"], data=folder) == 0
    assert main(["scores"], data=folder) == 0
    assert main(["scores", "--learner", "Анна"], data=folder) == 0
    assert main(["db", "check"], data=folder) == 0
    out = capsys.readouterr().out
    assert "3 facts" in out  # the lagging cards were computed, in memory
    assert _file_state(folder) == before


# -- a read-only data folder, whoever runs the tests ---------------------------------------

def _run_as_nobody(command: Callable[[], int]) -> tuple[int, str, str]:
    """Run `command` in a forked child that has given up root for `nobody`; its status and
    what it printed. Everything it needs is imported before: `nobody` cannot read the
    interpreter's own folder under /root."""
    import pwd

    nobody = pwd.getpwnam("nobody")
    read_out, write_out = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        out, err = io.StringIO(), io.StringIO()
        try:
            os.close(read_out)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = command()
        except BaseException as error:  # told to the parent, which fails the test with it
            status = 70
            err.write(f"the child failed: {type(error).__name__}: {error}")
        finally:
            os.write(write_out, f"{status}\0{out.getvalue()}\0{err.getvalue()}".encode())
            os._exit(0)
    os.close(write_out)
    chunks = []
    while chunk := os.read(read_out, 65536):
        chunks.append(chunk)
    os.close(read_out)
    os.waitpid(pid, 0)
    status, out, err = b"".join(chunks).decode().split("\0")
    return int(status), out, err


@contextlib.contextmanager
def _read_only_folder() -> Iterator[DataFolder]:
    """A data folder with a database in it that the one running the command cannot write:
    its own and mode 0500 normally; as root, given to `nobody` (who runs the command)."""
    top = Path(tempfile.mkdtemp(prefix="gensec-read-only-"))
    try:
        folder = DataFolder(top / "class-data")
        _fill(folder)
        with open_store(folder.database):
            pass  # closed: no -wal or -shm left beside it
        if os.geteuid() == 0:
            import pwd

            nobody = pwd.getpwnam("nobody")
            top.chmod(0o755)
            for path in (folder.root, *folder.root.rglob("*")):
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        folder.root.chmod(stat.S_IRUSR | stat.S_IXUSR)
        yield folder
    finally:
        folder.root.chmod(stat.S_IRWXU)
        shutil.rmtree(top, ignore_errors=True)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_db_check_in_a_read_only_folder_is_not_called_damaged_even_for_root() -> None:
    with _read_only_folder() as folder:
        # What the command imports on its way, imported before the child gives up root.
        import difflib  # noqa: F401

        import gensec_quiz.commands.db
        import gensec_quiz.storage.recovery  # noqa: F401

        def check() -> int:
            return main(["db", "check"], data=folder)

        status, out, err = _run_as_nobody(check) if os.geteuid() == 0 else _captured(check)
    assert "Traceback" not in out + err and "the child failed" not in err
    assert "damaged" not in out + err and "restore" not in out + err
    if status:
        assert "read-only" in err or "cannot be opened" in err
    else:
        assert "Integrity check: ok" in out


def _captured(command: Callable[[], int]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = command()
    return status, out.getvalue(), err.getvalue()
