"""Damage on opening, and restoring a backup: the damaged file is kept aside, never overwritten."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from gensec_quiz.i18n import tr
from gensec_quiz.storage.backups import (
    _fsync,
    backup_path,
    check_file,
    file_schema_version,
    good_backups,
    remove_sidecars,
)
from gensec_quiz.storage.errors import DamagedDatabase, NewerSchemaError, StoreError
from gensec_quiz.storage.migrations import LATEST_VERSION

_CORRUPT, _NOT_A_DATABASE = 11, 26


def check_on_open(database: Path, *, backups_dir: Path, now: datetime) -> None:
    """Run `quick_check`; if the file is damaged, set it aside and raise `DamagedDatabase`."""
    problems = quick_check(database)
    if not problems:
        return
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
    """SQLite's quick check of the file at `database`; a missing or empty file is sound."""
    if not database.exists() or database.stat().st_size == 0:
        return []
    try:
        connection = sqlite3.connect(database, isolation_level=None)
        try:
            rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF not in (_CORRUPT, _NOT_A_DATABASE):
            raise StoreError(tr("The learner database cannot be opened: {error}.", error=error),
                             where=str(database)) from None
        return [str(error)]
    return [] if rows == ["ok"] else rows


def set_aside(database: Path, now: datetime) -> Path:
    """Rename a damaged file (and its `-wal`) to `NAME.damaged-<UTC time>`; never overwrite."""
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
    if file_schema_version(backup) > LATEST_VERSION:
        raise NewerSchemaError(tr("This backup was written by a newer version of GenSec Quiz "
                                  "and was not restored."), where=str(backup))
    database.parent.mkdir(parents=True, exist_ok=True)
    partial = database.with_name(database.name + ".restoring")
    try:
        _copy(backup, partial)
        previous = _save_current(database, backups_dir=backups_dir, now=now)
        remove_sidecars(database)
        os.replace(partial, database)
        _fsync(database.parent)
    finally:
        partial.unlink(missing_ok=True)
    return previous


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


@dataclass(frozen=True, slots=True)
class FileReport:
    """What `gensec-quiz db check` says about a database file (read without changing it)."""

    path: Path
    size: int
    problems: tuple[str, ...]
    schema_version: int | None
    counts: dict[str, int]


def inspect_file(database: Path) -> FileReport:
    """Full integrity check, schema version and row counts, read-only."""
    problems = tuple(check_file(database))
    size = database.stat().st_size
    if problems:
        return FileReport(database, size, problems, None, {})
    connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
    with contextlib.closing(connection):
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        present = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {
            name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in ("learners", "quiz_sessions", "answers") if name in present
        }
    return FileReport(database, size, (), version, counts)
