"""The start-up's store: what a learner needs to pick or add themselves, on the SQLite file with
the standard library, while the ORM (SQLAlchemy, SQLModel, pydantic: about half a second) loads.

`open_quick_store` opens only a file the Store would open as it is: the same damage check
(`check_on_open`, P8), at the schema these queries know, with exactly its tables (the
comparison of `schema.file_differences`). Anything else (no file yet, an older or newer schema,
a foreign file) returns None and the app waits for `open_store`, which creates, upgrades or
refuses it. The connection gets the engine's PRAGMAs (write-ahead log, `synchronous=FULL`,
foreign keys, the busy timeout) and writes begin with `BEGIN IMMEDIATE`, as the Store's do; a
learner is checked by the Store's own rules (`clean_name`) and stored as the Store stores one.
Tests compare both paths.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from gensec_quiz.i18n import tr
from gensec_quiz.storage import backups
from gensec_quiz.storage.errors import StoreError, fault_sentence, is_damage
from gensec_quiz.storage.quick_read import list_learners, stored_time
from gensec_quiz.storage.records import LearnerInfo, SessionInfo
from gensec_quiz.storage.recovery import check_on_open
from gensec_quiz.storage.schema import Schema, read_schema

_log = logging.getLogger(__name__)

# The schema whose tables these queries know: `migrations.LATEST_VERSION` (a test holds them
# equal; a newer schema sends every start to the ORM path until this module is checked).
SCHEMA_VERSION = 5
# The digest of that schema's tables, columns and indexes as `schema.expected_schema()` reads
# them from a new file (it builds one with SQLModel, which this module does without); a test
# holds it equal. A file of this version whose schema differs is left to `open_store`.
SCHEMA_DIGEST = "c317502e0ee3d6b875245ad62009add2"
# The engine's PRAGMAs (engine.py; a test compares the two connections).
BUSY_TIMEOUT_MS = 10_000
SYNCHRONOUS = "FULL"
CACHE_KIB = 16_384
# How SQLAlchemy writes a time in SQLite (UTC, no offset), read back by `stored_time`.
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"

_SESSIONS_QUERY = """
SELECT s.id, s.learner_id, l.name, s.question_set_id, s.title, s.mode, s.question_count,
       s.answered, s.started_at, s.finished_at, s.score
FROM quiz_sessions s JOIN learners l ON l.id = s.learner_id
WHERE s.learner_id = ? AND s.finished_at IS NULL
ORDER BY s.started_at DESC, s.id DESC
"""


def open_quick_store(database: Path, *, clock: Callable[[], datetime],
                     backups_dir: Path | None = None) -> QuickStore | None:
    """The quick store on `database`, or None when only `open_store` may open it.

    Damage is found here as in `open_store` (the file is set aside and `DamagedDatabase`
    raised); a locked or unreadable file raises `StoreError` with its sentence."""
    database = Path(database).expanduser()
    if not database.is_file() or database.stat().st_size == 0:
        return None  # created by `open_store`
    folder = Path(backups_dir) if backups_dir is not None else database.parent / "backups"
    check_on_open(database, backups_dir=folder, now=clock())
    try:
        if not _is_known_schema(database):
            return None  # upgraded (after a backup), or refused, by `open_store`
        connection = _connect(database)
    except sqlite3.Error as error:
        raise StoreError(fault_sentence(error, database), where=str(database)) from None
    return QuickStore(connection, database=database, backups_dir=folder, clock=clock)


def schema_digest(schema: Schema) -> str:
    """A short digest of a schema (`schema.read_schema`): equal digests, equal schemas."""
    return hashlib.sha256(repr(sorted(schema.items())).encode()).hexdigest()[:32]


def _is_known_schema(database: Path) -> bool:
    """Whether the file is at `SCHEMA_VERSION` with exactly its tables (read, not changed)."""
    connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
    connection.text_factory = _lenient_text
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        return version == SCHEMA_VERSION and schema_digest(read_schema(connection)) == (
            SCHEMA_DIGEST)
    finally:
        connection.close()


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _connect(database: Path) -> sqlite3.Connection:
    """A connection with the engine's PRAGMAs; the module begins no transaction of its own.
    It may be opened on one thread and then used on another (never on two at once)."""
    connection = sqlite3.connect(database, isolation_level=None, check_same_thread=False,
                                 timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except BaseException:
        connection.close()
        raise
    return connection


def _identity(database: Path) -> tuple[int, int]:
    try:
        found = os.stat(database)
    except OSError:
        return (-1, -1)
    return (found.st_dev, found.st_ino)


class QuickStore:
    """Learners listed and added, a learner's unfinished sessions: the part of the Store a
    learner needs at start-up. Each call is one transaction; an added learner is committed (on
    disk) when `add_learner` returns. `close` backs up when a learner was added."""

    def __init__(self, connection: sqlite3.Connection, *, database: Path, backups_dir: Path,
                 clock: Callable[[], datetime]) -> None:
        self._connection = connection
        self.database = database
        self.backups_dir = backups_dir
        self._clock = clock
        self._identity = _identity(database)
        self.changed = False

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            self._connection.execute("BEGIN")
            try:
                yield self._connection
            finally:
                self._connection.execute("ROLLBACK")
        except sqlite3.Error as error:
            _log.warning("database read failed: %s", error)
            raise StoreError(self._read_failed(error)) from error

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        if _identity(self.database) != self._identity:
            raise StoreError(tr(
                "The learner database {path} was replaced or removed by another program while "
                "GenSec Quiz had it open; nothing was written. Close GenSec Quiz and open it "
                "again.", path=self.database), where=str(self.database))
        connection = self._connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as error:
            _log.warning("database write failed: %s", error)
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise StoreError(tr("Nothing was written: {reason}",
                                reason=fault_sentence(error, self.database))) from error
        self.changed = True

    def _read_failed(self, error: sqlite3.Error) -> str:
        if is_damage(error):
            return tr("The learner database {where} is damaged (it holds data that cannot be "
                      "read): run `gensec-quiz db check`, then `gensec-quiz db restore`.",
                      where=self.database)
        return fault_sentence(error, self.database)

    def learners(self) -> list[LearnerInfo]:
        with self._reading() as connection:
            return list_learners(connection)

    def add_learner(self, name: str) -> int:
        """A new learner's id; names are unique regardless of case (StoreError otherwise)."""
        from gensec_quiz.storage.validation import clean_name, utc  # pydantic: only now

        shown, key = clean_name(name)
        taken = StoreError(tr("A learner named “{name}” already exists.", name=shown),
                           where="name")
        try:
            with self._writing() as connection:
                if connection.execute("SELECT id FROM learners WHERE name_key = ?",
                                      (key,)).fetchone() is not None:
                    raise taken
                cursor = connection.execute(
                    "INSERT INTO learners (name, name_key, created_at) VALUES (?, ?, ?)",
                    (shown, key, utc(self._clock()).strftime(_TIME_FORMAT)))
        except sqlite3.IntegrityError:  # another process added the name meanwhile
            raise taken from None
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def unfinished_sessions(self, learner_id: int) -> list[SessionInfo]:
        """The learner's sessions not finished yet, newest first (to offer a resume)."""
        with self._reading() as connection:
            rows = connection.execute(_SESSIONS_QUERY, (learner_id,)).fetchall()
        return [_session(row) for row in rows]

    def close(self) -> None:
        """Back up when a learner was added (as the Store does on closing), then close."""
        try:
            if self.changed:
                self.backup("close")
        finally:
            self._connection.close()

    def backup(self, reason: str) -> Path:
        """Copy the database into the backups folder now, then prune old backups."""
        now = self._clock()
        try:
            path = backups.backup_connection(self._connection, folder=self.backups_dir,
                                             reason=reason, now=now)
            backups.prune(self.backups_dir, now, cap=backups.size_cap(path.stat().st_size))
        except sqlite3.Error as error:
            raise StoreError(tr("No backup was made: {reason}",
                                reason=fault_sentence(error, self.backups_dir))) from None
        self.changed = False
        return path


def _session(row: tuple[object, ...]) -> SessionInfo:
    finished = row[9]
    return SessionInfo(
        id=int(str(row[0])), learner_id=int(str(row[1])), learner_name=str(row[2]),
        question_set_id=str(row[3]), title=str(row[4]), mode=str(row[5]),
        question_count=int(str(row[6])), answered=int(str(row[7])),
        started_at=stored_time(row[8]),
        finished_at=None if finished is None else stored_time(finished),
        score=None if row[10] is None else float(str(row[10])))
