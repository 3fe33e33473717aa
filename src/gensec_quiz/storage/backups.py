"""Backups of the database file: SQLite's online backup API, a retention schedule, restore.

A backup is a complete, self-contained SQLite file (rollback journal, no WAL) named
`gensec-quiz-<UTC time>-<reason>.sqlite3`; it is written under a temporary name, checked, and
only then given its real name, so a listed backup is never half-written.

Retention (`retained`): every backup of the last 24 hours; then the newest of each day for a
week, of each ISO week for eight weeks, of each month for a year; and always the three newest.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gensec_quiz.i18n import tr
from gensec_quiz.storage.errors import StoreError, fault_sentence, is_damage
from gensec_quiz.storage.records import BackupInfo

PREFIX = "gensec-quiz-"
SUFFIX = ".sqlite3"
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^gensec-quiz-(\d{8}T\d{6}Z)-([a-z0-9-]+?)(?:~(\d+))?\.sqlite3$")
KEEP_NEWEST = 3
STALE_PARTIAL_SECONDS = 3600


def backup_connection(source: sqlite3.Connection, *, folder: Path, reason: str,
                      now: datetime) -> Path:
    """Copy the database `source` is open on into `folder`; return the new backup's path."""
    folder.mkdir(parents=True, exist_ok=True)
    final = _free_name(folder, reason, now)
    partial = final.with_name(final.name + ".partial")
    try:
        target = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            problems = _check(target, quick=True)
        finally:
            target.close()
        if problems:
            raise StoreError(tr("The backup copy failed its check: {problem}",
                                problem=problems[0]), where=str(final))
        _fsync(partial)
        os.replace(partial, final)
        _fsync(folder)
    finally:
        partial.unlink(missing_ok=True)
    return final


def backup_path(database: Path, *, folder: Path, reason: str, now: datetime) -> Path:
    """Back up the database file at `database` (which must pass its quick check)."""
    source = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True,
                             isolation_level=None)
    try:
        return backup_connection(source, folder=folder, reason=reason, now=now)
    finally:
        source.close()


def _free_name(folder: Path, reason: str, now: datetime) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    stem = f"{PREFIX}{now.astimezone(UTC).strftime(_STAMP)}-{slug}"
    candidate, count = folder / f"{stem}{SUFFIX}", 1
    while candidate.exists() or candidate.with_name(candidate.name + ".partial").exists():
        count += 1
        candidate = folder / f"{stem}~{count}{SUFFIX}"
    return candidate


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return  # Windows cannot open a folder; its rename is durable enough
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def list_backups(folder: Path, *, names: re.Pattern[str] | None = None) -> list[BackupInfo]:
    """The backups in `folder`, newest first; other files are ignored. `names` matches a
    backup's file name (stamp, reason, optional ~count: the school server's differ)."""
    if not folder.is_dir():
        return []
    pattern = _NAME if names is None else names
    found: list[tuple[datetime, int, int, BackupInfo]] = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match is None or not path.is_file():
            continue
        taken = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
        stat = path.stat()
        info = BackupInfo(path=path, taken_at=taken, reason=match[2], size=stat.st_size)
        # Within one second, the file written last is the newer backup.
        found.append((taken, int(match[3] or 1), stat.st_mtime_ns, info))
    found.sort(key=lambda item: (item[0], item[1], item[2], item[3].path.name), reverse=True)
    return [item[3] for item in found]


def retained(backups: Sequence[BackupInfo], now: datetime) -> set[Path]:
    """The backups the schedule keeps at time `now` (see the module docstring)."""
    newest_first = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    keep = {b.path for b in newest_first[:KEEP_NEWEST]}
    keep |= {b.path for b in newest_first if now - b.taken_at < timedelta(days=1)}
    periods: list[tuple[timedelta, Callable[[datetime], object]]] = [
        (timedelta(days=7), lambda t: t.date()),
        (timedelta(weeks=8), lambda t: t.isocalendar()[:2]),
        (timedelta(days=365), lambda t: (t.year, t.month)),
    ]
    for horizon, bucket in periods:
        seen: set[object] = set()
        for backup in newest_first:
            key = bucket(backup.taken_at)
            if now - backup.taken_at < horizon and key not in seen:
                seen.add(key)
                keep.add(backup.path)
    return keep


CAP_MIN_BYTES = 1024 * 1024 * 1024  # 1 GiB
CAP_DATABASES = 5


def size_cap(database_size: int) -> int:
    """The most the backups may take together: five times the database, at least 1 GiB."""
    return max(CAP_MIN_BYTES, CAP_DATABASES * database_size)


def within_cap(backups: Sequence[BackupInfo], keep: set[Path], cap: int) -> set[Path]:
    """`keep` without its oldest backups while they take more than `cap` bytes together; the
    `KEEP_NEWEST` newest are kept whatever their size."""
    newest_first = sorted((b for b in backups if b.path in keep),
                          key=lambda b: (b.taken_at, b.path.name), reverse=True)
    kept, total = set(), 0
    for index, backup in enumerate(newest_first):
        if index >= KEEP_NEWEST and total + backup.size > cap:
            continue
        kept.add(backup.path)
        total += backup.size
    return kept


def prune(folder: Path, now: datetime, *, cap: int | None = None) -> list[Path]:
    """Delete the backups the schedule no longer keeps (and, given a `cap` in bytes, the oldest
    kept ones beyond it), and copies a crash left half-written more than an hour ago; return
    what was deleted."""
    backups = list_backups(folder)
    keep = retained(backups, now)
    if cap is not None:
        keep = within_cap(backups, keep, cap)
    removed = [b.path for b in backups if b.path not in keep]
    stale = time.time() - STALE_PARTIAL_SECONDS
    removed += [path for path in folder.glob(f"{PREFIX}*{SUFFIX}.partial")
                if path.stat().st_mtime < stale]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def check_file(path: Path, *, quick: bool = False) -> list[str]:
    """Problems SQLite finds in the file at `path` (read-only); empty when it is sound.

    Only damage is a problem (corrupt, not a database, text that cannot be decoded); a file that
    is locked, read-only or on a full disk raises `StoreError` with its own sentence."""
    if not path.is_file():
        return [tr("the file does not exist")]
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as error:
        return _damage_or_raise(error, path)
    connection.text_factory = _lenient_text
    try:
        return _check(connection, quick=quick)
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return _damage_or_raise(error, path)
    finally:
        connection.close()


def _damage_or_raise(error: Exception, path: Path) -> list[str]:
    if is_damage(error):
        return [str(error)]
    raise StoreError(fault_sentence(error, path), where=str(path)) from None


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _check(connection: sqlite3.Connection, *, quick: bool) -> list[str]:
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
    return [] if rows == ["ok"] else rows


def file_schema_version(path: Path) -> int:
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def good_backups(folder: Path, *, quick: bool = True) -> list[Path]:
    """Backups that pass their check, newest first (one that cannot be read is left out)."""
    good = []
    for backup in list_backups(folder):
        try:
            if not check_file(backup.path, quick=quick):
                good.append(backup.path)
        except StoreError:
            continue
    return good


def remove_sidecars(database: Path) -> None:
    """Delete the `-wal` and `-shm` files left beside `database` (only when nothing has it open)."""
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            database.with_name(database.name + suffix).unlink()


def newest(paths: Iterable[Path]) -> Path | None:
    return next(iter(paths), None)
