"""The Store: the one object the app and the command line use to keep learners' data.

Every method is one short unit of work (one session, one transaction), so each user action is
committed when the method returns. Methods return plain frozen dataclasses, never ORM objects.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlmodel import Session

from gensec_quiz.domain.errors import ServerUnreachable
from gensec_quiz.domain.grading_marks import FactScore
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.session import Answer, Mode
from gensec_quiz.i18n import tr
from gensec_quiz.storage import (
    backups,
    check_note,
    class_stats,
    learners,
    sessions,
    stats,
    transfer,
)
from gensec_quiz.storage.class_stats import ClassFactStat
from gensec_quiz.storage.engine import create_store_engine, writer
from gensec_quiz.storage.errors import StoreError, fault_sentence, is_damage, os_sentence
from gensec_quiz.storage.migrations import upgrade
from gensec_quiz.storage.records import (
    AnswerRecord,
    BackupInfo,
    FactStat,
    LearnerInfo,
    LearnerOverview,
    QuestionStat,
    SessionInfo,
    SessionSettings,
    TypeAccuracy,
)
from gensec_quiz.storage.recovery import restore_file
from gensec_quiz.storage.review import ReviewStoreMixin
from gensec_quiz.storage.validation import SessionInput, answer_input, checked

Clock = Callable[[], datetime]
_log = logging.getLogger(__name__)
BACKUP_INTERVAL = timedelta(minutes=30)
# Every this many answers, and every other write, the commit waits for the disk (FULL); the
# answers between are committed without waiting (NORMAL): a crash of the app or `kill -9`
# loses none of them, a power cut or crash of the operating system at most the last
# FLUSH_EVERY - 1 answers (docs/data.md, P2).
FLUSH_EVERY = 5


def _write_failed(database: Path | None, error: BaseException | None = None) -> str:
    where = database if database is not None else tr("the database server")
    if error is not None and getattr(error, "sqlite_errorcode", None) is not None:
        return tr("Nothing was written: {reason}", reason=fault_sentence(error, where))
    return tr("Nothing could be written to {where}: the file may be in use by another program, "
              "read-only, or the disk may be full.", where=where)


def _read_failed(database: Path | None, error: BaseException) -> str:
    where = database if database is not None else tr("the database server")
    if is_damage(error) or "decode" in str(error).lower():
        return tr("The learner database {where} is damaged (it holds data that cannot be read): "
                  "run `gensec-quiz db check`, then `gensec-quiz db restore`.", where=where)
    return fault_sentence(error, where)


def _identity(database: Path | None) -> tuple[int, int] | None:
    """The file's device and inode number (None for a server, or a file that is not there)."""
    if database is None:
        return None
    try:
        found = os.stat(database)
    except OSError:
        return (-1, -1)
    return (found.st_dev, found.st_ino)


def _raised_converting(error: BaseException) -> bool:
    """Whether `error` came from SQLAlchemy turning a stored value into a Python one."""
    trace = error.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_globals.get("__name__", "")
        if isinstance(name, str) and name.startswith(("sqlalchemy.engine", "sqlalchemy.sql")):
            return True
        trace = trace.tb_next
    return False


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store(ReviewStoreMixin):
    """Learners, quiz sessions, answers and scores in one database (see `open_store`)."""

    def __init__(self, engine: Engine, *, clock: Clock, database: Path | None,
                 backups_dir: Path | None) -> None:
        self._engine = engine
        self._writer = writer(engine)
        self._answer_writer = writer(engine, flush=False)
        # Answers committed since the last commit flushed to the disk (`record_answer`).
        self._unflushed = 0
        self._clock = clock
        self.database = database
        self.backups_dir = backups_dir
        self._changed = False
        self._last_backup = clock()
        self._identity: tuple[int, int] | None = None  # `_remember_file`, once it exists
        # When the file's contents were last checked whole (`check_note.py`); None: unknown.
        self._checked_at: datetime | None = None

    def now(self) -> datetime:
        """The store's clock (what it stamps sessions with)."""
        return self._clock()

    # -- units of work -------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        try:
            with Session(self._engine) as session:
                yield session
        except DBAPIError as error:  # damaged text, locked, unreadable: one sentence, logged
            _log.warning("database read failed: %s", error)
            self._forget_if_damage(error)
            self._refuse_unreachable(error)
            raise StoreError(_read_failed(self.database, error.orig or error)) from error
        except ValueError as error:
            converted = self._unconvertible(error)
            if converted is error:
                raise
            raise converted from error

    @contextmanager
    def _writing(self, *, derived: bool = False, flush: bool = True) -> Iterator[Session]:
        """One write transaction. `derived`: it only brings derived data up to date (review
        cards recomputable from the answers), which is no reason for a backup on closing.
        `flush`: its commit waits until the disk has the write-ahead log (every write but most
        answers: see `record_answer` and `engine.py`).

        A file replaced or removed since it was opened (another program restored or moved it)
        is never written to: what was written would go to the old file, lost."""
        if self._identity is not None and _identity(self.database) != self._identity:
            raise StoreError(tr(
                "The learner database {path} was replaced or removed by another program while "
                "GenSec Quiz had it open; nothing was written. Close GenSec Quiz and open it "
                "again.", path=self.database), where=str(self.database))
        try:
            engine = self._writer if flush else self._answer_writer
            with Session(engine, expire_on_commit=False) as session, session.begin():
                yield session
        except DBAPIError as error:  # locked, disk full, read-only: one sentence, the rest logged
            _log.warning("database write failed: %s", error)
            self._forget_if_damage(error)
            self._refuse_unreachable(error)
            raise StoreError(_write_failed(self.database, error.orig or error)) from error
        except ValueError as error:
            converted = self._unconvertible(error)
            if converted is error:
                raise
            raise converted from error
        if not derived:
            self._changed = True
        if flush:
            self._unflushed = 0

    def _forget_if_damage(self, error: DBAPIError) -> None:
        """SQLite reported damage: the next open checks the whole file, whatever the note."""
        if self.database is not None and is_damage(error.orig or error):
            self._checked_at = None
            check_note.forget(self.database)

    def _refuse_unreachable(self, error: DBAPIError) -> None:
        """A school server that cannot be reached (refused, timed out, connection lost) is
        `ServerUnreachable`: the quiz keeps the answer on the PC and sends it later."""
        if self.database is None and (error.connection_invalidated
                                      or isinstance(error, OperationalError | InterfaceError)):
            raise ServerUnreachable(tr(
                "The school server cannot be reached: nothing was written there.")) from error

    def _unconvertible(self, error: ValueError) -> ValueError:
        """A stored value SQLAlchemy cannot convert (a time that is not a time) is damage: its
        sentence; any other ValueError (the store's own refusals included) as it is."""
        if isinstance(error, StoreError) or not _raised_converting(error):
            return error
        _log.warning("database value unreadable: %s", error)
        return StoreError(_read_failed(self.database, UnicodeDecodeError(
            "utf-8", b"", 0, 1, str(error))))

    # -- learners --------------------------------------------------------------------------

    def add_learner(self, name: str) -> int:
        """A new learner's id; names are unique regardless of case (StoreError otherwise)."""
        with self._writing() as session:
            return learners.add(session, name, now=self._clock())

    def learners(self) -> list[LearnerInfo]:
        with self._reading() as session:
            return learners.listing(session)

    def learner(self, learner_id: int) -> LearnerInfo:
        with self._reading() as session:
            return learners.by_id(session, learner_id)

    def learner_by_name(self, name: str) -> LearnerInfo | None:
        with self._reading() as session:
            return learners.by_name(session, name)

    def rename_learner(self, learner_id: int, name: str) -> None:
        with self._writing() as session:
            learners.rename(session, learner_id, name)

    def merge_learners(self, keep_id: int, merge_id: int) -> int:
        """Move `merge_id`'s sessions to `keep_id` and delete `merge_id` (backed up first)."""
        with self._reading() as session:
            learners.by_id(session, keep_id)
            learners.by_id(session, merge_id)
        self._backup_if_file("before-merge")
        with self._writing() as session:
            return learners.merge(session, keep_id, merge_id)

    def delete_learner(self, learner_id: int) -> None:
        """Delete a learner and all their sessions (backed up first)."""
        with self._reading() as session:
            learners.by_id(session, learner_id)
        self._backup_if_file("before-delete")
        with self._writing() as session:
            learners.remove(session, learner_id)

    # -- sessions and answers --------------------------------------------------------------

    def start_session(self, *, learner_id: int, question_set_id: str, title: str, mode: Mode,
                      question_count: int, time_limit_seconds: int | None = None,
                      all_or_nothing: bool = False) -> int:
        data = checked(SessionInput, "start_session", learner_id=learner_id,
                       question_set_id=question_set_id, title=title, mode=mode,
                       question_count=question_count, time_limit_seconds=time_limit_seconds,
                       all_or_nothing=all_or_nothing)
        with self._writing() as session:
            return sessions.start(session, data, now=self._clock())

    def record_answer(self, session_id: int, answer: Answer,
                      basis: tuple[BasisRef | FactScore, ...]) -> int:
        """Store one graded answer and the facts it tested, each `FactScore` with its own score
        (`answer.grade.facts`), each bare `BasisRef` with the answer's score; it is committed
        when this returns its id (safe from a crash of the app; flushed to the disk, safe from
        a power cut, with every `FLUSH_EVERY`-th answer and every other write). The answer is
        turned into columns here, and only here."""
        data = answer_input(session_id, answer, basis)
        flush = self._unflushed + 1 >= FLUSH_EVERY
        with self._writing(flush=flush) as session:
            answer_id = sessions.record(session, data)
        if not flush:
            self._unflushed += 1
        return answer_id

    def has_answer(self, session_id: int, question_id: str, answered_at: datetime) -> bool:
        """Whether this session already holds this question's answer given at that moment (an
        answer sent again from a PC's outbox is then not counted twice)."""
        with self._reading() as session:
            return sessions.has_answer(session, session_id, question_id, answered_at)

    def finish_session(self, session_id: int) -> float:
        """Close the session and return its score (mean over all questions, unanswered 0)."""
        with self._writing() as session:
            return sessions.finish(session, session_id, now=self._clock())

    def session_settings(self, session_id: int) -> SessionSettings:
        """The time limit and all-or-nothing rule the session was started with."""
        with self._reading() as session:
            return sessions.settings(session, session_id)

    def session(self, session_id: int) -> SessionInfo:
        with self._reading() as session:
            return sessions.get_session(session, session_id)

    def session_answers(self, session_id: int) -> list[AnswerRecord]:
        with self._reading() as session:
            return sessions.answers(session, session_id)

    def unfinished_sessions(self, learner_id: int) -> list[SessionInfo]:
        """The learner's sessions not finished yet, newest first (to offer a resume)."""
        with self._reading() as session:
            return sessions.unfinished(session, learner_id)

    # -- statistics ------------------------------------------------------------------------

    def score_history(self, learner_id: int) -> list[SessionInfo]:
        with self._reading() as session:
            return stats.score_history(session, learner_id)

    def accuracy_by_type(self, learner_id: int) -> list[TypeAccuracy]:
        with self._reading() as session:
            return stats.accuracy_by_type(session, learner_id)

    def weakest_facts(self, learner_id: int, limit: int = 10) -> list[FactStat]:
        with self._reading() as session:
            return stats.weakest_facts(session, learner_id, limit)

    def class_overview(self, *, question_set_id: str | None = None, since: datetime | None = None,
                       until: datetime | None = None) -> list[LearnerOverview]:
        with self._reading() as session:
            return stats.class_overview(session, question_set_id=question_set_id, since=since,
                                        until=until)

    def class_sessions(self, *, learner_id: int | None = None,
                       question_set_id: str | None = None, since: datetime | None = None,
                       until: datetime | None = None) -> list[SessionInfo]:
        with self._reading() as session:
            return stats.class_sessions(session, learner_id=learner_id,
                                        question_set_id=question_set_id, since=since,
                                        until=until)

    def question_stats(self, question_set_id: str, *, since: datetime | None = None,
                       until: datetime | None = None) -> list[QuestionStat]:
        """Per question of a set: attempts, fully right, mean score (sessions started in the
        dates given, when given)."""
        with self._reading() as session:
            if since is None and until is None:
                return stats.question_stats(session, question_set_id)
            return class_stats.class_question_stats(session, question_set_id=question_set_id,
                                                    since=since, until=until)

    def class_weakest_facts(self, *, question_set_id: str | None = None,
                            since: datetime | None = None, until: datetime | None = None,
                            limit: int = 10) -> list[ClassFactStat]:
        """The facts the whole class does worst on, with the learners who met each."""
        with self._reading() as session:
            return class_stats.weakest_class_facts(session, question_set_id=question_set_id,
                                                   since=since, until=until, limit=limit)

    # -- backups ---------------------------------------------------------------------------

    def _files(self) -> tuple[Path, Path]:
        if self.database is None or self.backups_dir is None:
            raise StoreError(tr("Backups are made by the database server, not by GenSec Quiz."))
        return self.database, self.backups_dir

    def _backup_if_file(self, reason: str) -> Path | None:
        return self.backup(reason) if self.database is not None else None

    def backup(self, reason: str = "manual") -> Path:
        """Copy the database into the backups folder now, then prune old backups."""
        if self.database is None:  # a school server: pg_dump or a logical export
            from gensec_quiz.storage import server_backup

            return server_backup.backup_server(self._engine, folder=self._server_folder(),
                                               reason=reason, now=self._clock())
        database, folder = self._files()
        now = self._clock()
        try:
            raw = self._engine.raw_connection()
            try:
                source = raw.driver_connection
                assert isinstance(source, sqlite3.Connection)
                try:
                    path = backups.backup_connection(source, folder=folder, reason=reason,
                                                     now=now)
                except StoreError:  # the copy failed its check: the file may be damaged
                    self._checked_at = None
                    check_note.forget(database)
                    raise
            finally:
                raw.close()
            backups.prune(folder, now, cap=backups.size_cap(path.stat().st_size))
        except (sqlite3.Error, DBAPIError) as error:  # full disk, read-only folder: a sentence
            _log.warning("backup failed: %s", error)
            cause = error.orig if isinstance(error, DBAPIError) and error.orig else error
            raise StoreError(tr("No backup was made: {reason}",
                                reason=fault_sentence(cause, folder))) from None
        except OSError as error:
            _log.warning("backup failed: %s", error)
            raise StoreError(tr("No backup was made: {reason}",
                                reason=os_sentence(error, folder))) from None
        # The copy passed its check, reading every page of the database as it then was.
        self._last_backup, self._changed = now, False
        if self._checked_at is not None:
            self._checked_at = now
        return path

    def maybe_backup(self, reason: str | datetime = "periodic", *,
                     now: datetime | None = None) -> Path | None:
        """Back up if something changed and the last backup is 30 minutes old (app timer).

        Accepts `maybe_backup("periodic")`, `maybe_backup(now=...)` or `maybe_backup(moment)`.
        """
        if isinstance(reason, datetime):
            now, reason = reason, "periodic"
        moment = now or self._clock()
        if self.database is None or not self._changed:
            return None
        if moment - self._last_backup < BACKUP_INTERVAL:
            return None
        return self.backup(str(reason))

    def list_backups(self) -> list[BackupInfo]:
        if self.database is None:
            from gensec_quiz.storage.server_backup import list_server_backups

            return list_server_backups(self._server_folder())
        return backups.list_backups(self._files()[1])

    def _server_folder(self) -> Path:
        if self.backups_dir is None:
            raise StoreError(tr("Backups are made by the database server, not by GenSec Quiz."))
        return self.backups_dir

    def restore(self, path: Path) -> Path | None:
        """Swap in a checked backup; the current file is backed up first. Returns that copy."""
        if self.database is None:  # a school server: all of it in one go, or nothing
            from gensec_quiz.storage.server_backup import restore_server

            kept = self.backup("before-restore")
            restore_server(self._engine, Path(path))
            return kept
        database, folder = self._files()
        self._engine.dispose()
        self._checked_at = None
        try:
            saved = restore_file(database=database, backup=Path(path), backups_dir=folder,
                                 now=self._clock())
        finally:
            self._reconnect(database)
        self._changed = False
        self._checked_at = self._clock()  # the backup passed its integrity check first
        return saved

    def _remember_file(self, checked_at: datetime | None = None) -> None:
        """Note which file the database is, to notice later when it was replaced, and when its
        contents were last checked whole."""
        self._identity = _identity(self.database)
        self._checked_at = checked_at

    def _reconnect(self, database: Path) -> None:
        self._engine = create_store_engine(database)
        self._writer = writer(self._engine)
        self._answer_writer = writer(self._engine, flush=False)
        self._identity = _identity(database)
        upgrade(self._engine, where=str(database), backup=self.backup)

    # -- results carried between PCs (docs/data.md, "Results by USB stick") ----------------

    def collect_results(self) -> list[transfer.LearnerResults]:
        """Every learner's sessions, answers and per-fact scores, for another PC."""
        with self._reading() as session:
            return transfer.collect(session)

    def merge_results(self, incoming: list[transfer.LearnerResults],
                      targets: dict[str, int | None]) -> transfer.MergeCounts:
        """Merge results from another PC in one transaction (backed up first): `targets`
        maps each incoming name to a local learner id, or None for a new learner. Merging the
        same results twice changes nothing."""
        with self._reading() as session:
            for target in targets.values():
                if target is not None:
                    learners.by_id(session, target)
        self._backup_if_file("before-results-import")
        with self._writing() as session:
            return transfer.merge(session, incoming, targets, now=self._clock())

    def check(self) -> list[str]:
        """SQLite's full integrity check of the open database; empty when it is sound."""
        if self.database is None:
            return []
        with self._engine.connect() as connection:
            rows = [str(r[0]) for r in connection.exec_driver_sql("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    def close(self) -> None:
        """Back up if anything changed since the last backup, then release the database; a
        file closed cleanly is noted as it is left (see `check_note.py`)."""
        try:
            if self._changed and self.database is not None:
                self.backup("close")
        finally:
            self._engine.dispose()
            if (self.database is not None and self._checked_at is not None
                    and _identity(self.database) == self._identity):
                check_note.remember(self.database, self._checked_at)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
