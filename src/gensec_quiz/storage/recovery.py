"""Damage on opening, and restoring a backup: the damaged file is kept aside, never overwritten."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from gensec_quiz.i18n import tr
from gensec_quiz.storage import check_note
from gensec_quiz.storage.backups import (
    _fsync,
    backup_path,
    check_file,
    file_schema_version,
    good_backups,
    remove_sidecars,
)
from gensec_quiz.storage.errors import (
    DamagedDatabase,
    NewerSchemaError,
    StoreError,
    fault_sentence,
    is_damage,
    os_sentence,
)
from gensec_quiz.storage.schema import file_differences, refuse_foreign

_log = logging.getLogger(__name__)


def _latest_version() -> int:
    """The schema this version writes. `migrations` imports the ORM, which the start-up's quick
    path (`quick_store.py`, which runs `check_on_open`) does without: imported only here."""
    from gensec_quiz.storage.migrations import LATEST_VERSION

    return LATEST_VERSION


def check_on_open(database: Path, *, backups_dir: Path, now: datetime) -> datetime | None:
    """Run `quick_check`; if the file is damaged, set it aside and raise `DamagedDatabase`.
    Return when the file's contents were last checked whole (now, or the time its note says:
    see `check_note.py`, whose rule lets an open after a clean close skip the check); None for a
    file not there yet.

    A `-wal` beside the file is read, never applied, by the check (a read-only connection does
    not checkpoint). When the file with it fails but the file alone passes, the `-wal` is not the
    file's own (another database's log placed beside it): it is moved aside, never applied.
    Locked, read-only, full disk: `StoreError` with its own sentence, the file left alone.
    """
    if not database.exists() or database.stat().st_size == 0:
        return None
    noted = check_note.trusted(database, now)
    if noted is not None:
        return noted
    problems = quick_check(database)
    wal = database.with_name(database.name + "-wal")
    foreign = not problems and wal.exists() and bool(_foreign_tables(database))
    if not problems and not foreign:
        return now
    if wal.exists() and not _problems_without_wal(database):
        kept = _keep_aside(wal, now, "foreign")
        _keep_aside(database.with_name(database.name + "-shm"), now, "foreign")
        _log.warning("%s failed its checks only with %s; the log was moved aside as %s",
                     database, wal.name, kept)
        return now
    if foreign:
        return None  # not ours even without its -wal: `open_store` refuses it, untouched
    kept = set_aside(database, now)
    backups = tuple(good_backups(backups_dir))
    if backups:
        advice = tr("The latest good backup is {backup}.", backup=backups[0].name)
    else:
        advice = tr("No good backup was found.")
    raise DamagedDatabase(
        tr("The learner database is damaged ({problem}); it was kept aside as {kept}. {advice}",
           problem=problems[0], kept=kept.name, advice=advice),
        database=database, kept_as=kept, good_backups=backups,
    )


def quick_check(database: Path) -> list[str]:
    """SQLite's quick check of the file at `database` (and its `-wal`, read, not applied); a
    missing or empty file is sound.

    Only corruption counts as a problem; a locked, read-only or full file raises `StoreError`
    with its own sentence."""
    if not database.exists() or database.stat().st_size == 0:
        return []
    try:
        connection = _open_for_check(database)
        try:
            rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        if not is_damage(error):
            raise StoreError(fault_sentence(error, database), where=str(database)) from None
        return [str(error)]
    return [] if rows == ["ok"] else rows


def _open_for_check(database: Path) -> sqlite3.Connection:
    """A connection that reads `database` and its `-wal` but never checkpoints it on closing."""
    wal = database.with_name(database.name + "-wal")
    if wal.exists():
        connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True,
                                     isolation_level=None)
    else:
        connection = sqlite3.connect(database, isolation_level=None)
    connection.text_factory = _lenient_text
    return connection


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _foreign_tables(database: Path) -> list[str]:
    """With its `-wal` read (not applied): how the file's tables differ from ours, if they do."""
    try:
        problems = file_differences(database, latest=_latest_version())
        if file_schema_version(database) <= 0 and not _has_tables(database):
            return []  # a new file, still empty
        return problems
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return [str(error)] if is_damage(error) else []


def _has_tables(database: Path) -> bool:
    connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
    with contextlib.closing(connection):
        count = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return int(count) > 0


def _problems_without_wal(database: Path) -> list[str]:
    """The checks of the main file alone, on a copy (its `-wal` left out)."""
    with tempfile.TemporaryDirectory(dir=database.parent) as folder:
        copy = Path(folder) / database.name
        try:
            shutil.copyfile(database, copy)
        except OSError:
            return [tr("the file could not be copied to check it")]
        return quick_check(copy) or _foreign_tables(copy)


def _keep_aside(path: Path, now: datetime, label: str) -> Path | None:
    if not path.exists():
        return None
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept, count = path.with_name(f"{path.name}.{label}-{stamp}"), 1
    while kept.exists():
        count += 1
        kept = path.with_name(f"{path.name}.{label}-{stamp}~{count}")
    os.rename(path, kept)
    return kept


def set_aside(database: Path, now: datetime) -> Path:
    """Rename a damaged file (and its `-wal`) to `NAME.damaged-<UTC time>`; never overwrite."""
    check_note.forget(database)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept, count = database.with_name(f"{database.name}.damaged-{stamp}"), 1
    while kept.exists():
        count += 1
        kept = database.with_name(f"{database.name}.damaged-{stamp}~{count}")
    os.rename(database, kept)
    for suffix in ("-wal", "-shm"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.rename(side, kept.with_name(kept.name + suffix))
    return kept


def restore_file(*, database: Path, backup: Path, backups_dir: Path, now: datetime) -> Path | None:
    """Swap `backup` in for `database` after checking it; return where the old file went.

    Nothing may have `database` open. The current file is backed up first (or, if damaged, set
    aside); the swap itself is one `os.replace`, so a crash leaves the old file or the new one.
    """
    if not backup.is_file():
        raise StoreError(tr("There is no backup file here."), where=str(backup))
    problems = check_file(backup)
    if problems:
        raise StoreError(tr("This backup is damaged and was not restored: {problem}",
                            problem=problems[0]), where=str(backup))
    if file_schema_version(backup) > _latest_version():
        raise NewerSchemaError(tr("This backup was written by a newer version of GenSec Quiz "
                                  "and was not restored."), where=str(backup))
    refuse_foreign(file_differences(backup, latest=_latest_version()), str(backup))
    refuse_if_open(database)
    database.parent.mkdir(parents=True, exist_ok=True)
    partial = database.with_name(database.name + RESTORING)
    try:
        _copy(backup, partial)
        previous = _save_current(database, backups_dir=backups_dir, now=now)
        check_note.forget(database)
        remove_sidecars(database)
        os.replace(partial, database)
        _fsync(database.parent)
    except sqlite3.Error as error:  # a read-only folder, a full disk: nothing was swapped
        raise StoreError(tr("Nothing was restored: {reason}",
                            reason=fault_sentence(error, database.parent))) from None
    except OSError as error:
        raise StoreError(tr("Nothing was restored: {reason}",
                            reason=os_sentence(error, database.parent))) from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return previous


RESTORING = ".restoring"
STALE_SECONDS = 60  # a leftover not written to for this long belongs to no running copy


def prune_leftovers(database: Path, backups_dir: Path) -> list[Path]:
    """Delete what a killed restore or backup left behind (`NAME.restoring`, `*.partial` in the
    backups folder, a half-written `NAME.checked.partial`) once nothing has written to it for a
    minute; return what was deleted."""
    stale = time.time() - STALE_SECONDS
    found = [database.with_name(database.name + RESTORING),
             check_note.note_path(database).with_name(
                 check_note.note_path(database).name + ".partial")]
    if backups_dir.is_dir():
        found += list(backups_dir.glob("gensec-quiz-*.sqlite3.partial"))
    removed = []
    for path in found:
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < stale:
                path.unlink()
                removed.append(path)
    return removed


def refuse_if_open(database: Path) -> None:
    """Raise `StoreError` when another connection (another window, a command) has `database`
    open: a restore would swap the file under it, and what it writes next would be lost.

    Leaving write-ahead logging needs the only connection: SQLite refuses it while any other is
    open. When it succeeds the log is folded into the file, which then has no `-wal` at all."""
    if not database.exists() or database.stat().st_size == 0:
        return
    try:
        connection = sqlite3.connect(database, timeout=0, isolation_level=None)
        with contextlib.closing(connection):
            mode = str(connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0])
    except sqlite3.Error as error:
        if is_damage(error):
            return  # set aside by the restore, never written to
        if int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF not in (5, 6):  # busy, locked
            raise StoreError(tr("Nothing was restored: {reason}",
                                reason=fault_sentence(error, database))) from None
        mode = "busy"
    if mode.lower() != "delete":
        raise StoreError(tr("The learner database is open in GenSec Quiz or a command; close it "
                            "before restoring a backup. Nothing was changed."),
                         where=str(database))


def _copy(source_path: Path, target_path: Path) -> None:
    source = sqlite3.connect(source_path.resolve().as_uri() + "?mode=ro", uri=True)
    target = sqlite3.connect(target_path, isolation_level=None)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
        source.close()
    _fsync(target_path)


def _save_current(database: Path, *, backups_dir: Path, now: datetime) -> Path | None:
    if not database.exists() or database.stat().st_size == 0:
        return None
    if quick_check(database):
        return set_aside(database, now)
    _checkpoint(database)
    return backup_path(database, folder=backups_dir, reason="before-restore", now=now)


def _checkpoint(database: Path) -> None:
    """Fold the write-ahead log into the file, so that removing it loses nothing."""
    connection = sqlite3.connect(database, isolation_level=None)
    with contextlib.closing(connection):
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _undecodable_text(connection: sqlite3.Connection) -> list[str]:
    """Text values that are not UTF-8 (SQLite's checks do not look inside rows), with place.

    Each column is first read whole by SQLite's own decoder (fast); only a column that fails is
    read again value by value to name the rows."""
    connection.text_factory = _lenient_text
    tables = [str(row[0]) for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
    columns = [(table, str(row[1])) for table in tables
               for row in connection.execute(f'PRAGMA table_info("{table}")')]
    found: list[str] = []
    for table, column in columns:
        if _column_decodes(connection, table, column):
            continue
        found += _undecodable_rows(connection, table, column, limit=10 - len(found))
        if len(found) >= 10:
            break
    connection.text_factory = _lenient_text
    return found


def _column_decodes(connection: sqlite3.Connection, table: str, column: str) -> bool:
    connection.text_factory = str
    cursor = connection.execute(
        f'SELECT "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\'')
    try:
        while cursor.fetchmany(20_000):
            pass
    except sqlite3.OperationalError as error:
        if "decode" not in str(error).lower():
            raise
        return False
    except UnicodeDecodeError:
        return False
    finally:
        cursor.close()
    return True


def _undecodable_rows(connection: sqlite3.Connection, table: str, column: str, *,
                      limit: int) -> list[str]:
    connection.text_factory = bytes
    found = []
    rows = connection.execute(
        f'SELECT rowid, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\'')
    for rowid, value in rows:
        try:
            bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            found.append(tr("{table}.{column}, row {row}: text that is not UTF-8",
                            table=table, column=column, row=rowid))
            if len(found) >= limit:
                break
    return found


@dataclass(frozen=True, slots=True)
class FileReport:
    """What `gensec-quiz db check` says about a database file (read without changing it).

    `problems` is damage (SQLite's corrupt or not-a-database errors); `foreign` says why a sound
    file is not a GenSec Quiz database (its tables, columns or indexes differ)."""

    path: Path
    size: int
    problems: tuple[str, ...]
    schema_version: int | None
    counts: dict[str, int]
    foreign: tuple[str, ...] = ()


def inspect_file(database: Path) -> FileReport:
    """Full integrity check, schema comparison, version and row counts, read-only.

    A locked, read-only or full file raises `StoreError` with its own sentence (not damage).
    Nothing is left beside the file that was not there before (see `_tidy_reader`)."""
    with _tidy_reader(database):
        return _inspect(database)


@contextlib.contextmanager
def _tidy_reader(database: Path) -> Iterator[None]:
    """Hold one ordinary connection while the read-only ones read, when no write-ahead log is
    beside the file yet: read-only connections to a WAL file create `-wal` and `-shm` but may
    not remove them, and this one, closing last, removes them as SQLite does (a log of
    another copy of the app, or one that holds frames, is never touched: SQLite knows it is
    not the last, and a log already there is left alone). The file itself is not written."""
    keeper = None
    if not database.with_name(database.name + "-wal").exists():
        with contextlib.suppress(sqlite3.Error):
            keeper = sqlite3.connect(database.resolve().as_uri() + "?mode=rw", uri=True,
                                     timeout=0)
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()
    try:
        yield
    finally:
        if keeper is not None:
            with contextlib.suppress(sqlite3.Error):
                keeper.close()


def _inspect(database: Path) -> FileReport:
    problems = tuple(check_file(database))
    size = database.stat().st_size
    if problems:
        return FileReport(database, size, problems, None, {})
    try:
        foreign = tuple(file_differences(database, latest=_latest_version()))
        connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
        connection.text_factory = _lenient_text
        with contextlib.closing(connection):
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            present = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            counts = {
                name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
                for name in ("learners", "quiz_sessions", "answers") if name in present
            }
            undecodable = [] if foreign else _undecodable_text(connection)
        if undecodable:
            return FileReport(database, size, tuple(undecodable), None, {})
    except (sqlite3.Error, UnicodeDecodeError) as error:
        if is_damage(error):
            return FileReport(database, size, (str(error),), None, {})
        raise StoreError(fault_sentence(error, database), where=str(database)) from None
    return FileReport(database, size, (), version, counts, foreign)
