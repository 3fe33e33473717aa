"""When the whole-file check on opening can be skipped: a note of the file as last seen sound.

`quick_check` reads every page: 1.2 to 1.6 s for a file of a million answers (626 MiB). Most
opens follow the app's own clean close of the same file, and then that file is exactly what
SQLite left after checks that passed. So the store keeps, beside the database, a small note
(`NAME.checked`, JSON): the file's device, inode, size and modification time as the store
left it when it closed cleanly, and when the file's contents were last checked whole (by
`quick_check` on opening, or by the check of a backup copy, which reads every page of the
database as it then was).

An open trusts the note, and skips the whole-file check, only when all of these hold:

- no `-wal` is beside the file (a crash, or another copy of the app that has it open, leaves
  one: a crash's log is then checked with the file);
- the file's device, inode, size and modification time are those noted (a file replaced,
  restored, copied, truncated or written by another program has another);
- the note was written at least `RACY_NS` after the file's last modification, so that a
  change within the same tick of the file system's clock cannot keep the noted time;
- the last whole check is less than `FULL_CHECK_EVERY` old (damage the modification time
  cannot show, such as a failing disk, is found within that time, or at the next backup);
- the note can be read and is well-formed.

Otherwise the whole file is checked as before. Any error in which SQLite reports damage
deletes the note (`forget`), so the next open checks the whole file. What opening still checks
when it trusts the note: SQLite reads the header and the whole schema, which is compared with
ours (`schema.file_differences`).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SUFFIX = ".checked"
FULL_CHECK_EVERY = timedelta(days=7)
# A note written sooner than this after the file's last change is not trusted: a file system
# whose clock ticks coarsely (Linux updates times every 1 to 10 ms) could give a later change
# the same time. Big files wait out the rest of it on closing (the check they save is long);
# small ones do not (their check takes milliseconds).
RACY_NS = 50_000_000
WAIT_FROM_BYTES = 16 * 1024 * 1024


def note_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def _identity(found: os.stat_result) -> dict[str, int]:
    return {"device": found.st_dev, "inode": found.st_ino, "size": found.st_size,
            "modified_ns": found.st_mtime_ns}


def trusted(database: Path, now: datetime) -> datetime | None:
    """When the file's contents were last checked whole, if the note vouches for the file as
    it is now (see the module docstring); None when the file must be checked."""
    if database.with_name(database.name + "-wal").exists():
        return None
    try:
        note = json.loads(note_path(database).read_text(encoding="utf-8"))
        found = os.stat(database)
        checked_at = datetime.fromisoformat(note["checked_at"])
        written_ns = int(note["written_ns"])
        same = all(int(note[key]) == value for key, value in _identity(found).items())
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if checked_at.tzinfo is None or not same:
        return None
    if written_ns - found.st_mtime_ns < RACY_NS or found.st_mtime_ns % 1_000_000_000 == 0:
        return None  # written too soon after the change, or a clock of whole seconds
    if not timedelta(0) <= now - checked_at < FULL_CHECK_EVERY:
        return None
    return checked_at.astimezone(UTC)


def remember(database: Path, checked_at: datetime) -> None:
    """Note the file as it is now (after the store closed it cleanly: no `-wal` beside it),
    with when its contents were last checked whole. Nothing is written when the note already
    says so; a note that cannot be written is no fault (the next open checks the file)."""
    try:
        if database.with_name(database.name + "-wal").exists():
            return
        found = os.stat(database)
        if found.st_size == 0:
            return
        path = note_path(database)
        stamp = checked_at.astimezone(UTC).isoformat()
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError, AttributeError):
            old = json.loads(path.read_text(encoding="utf-8"))
            if old.get("checked_at") == stamp and all(
                    int(old[key]) == value for key, value in _identity(found).items()) and (
                    int(old["written_ns"]) - found.st_mtime_ns >= RACY_NS):
                return
        wait = (found.st_mtime_ns + RACY_NS - time.time_ns()) / 1e9
        if wait > 0 and found.st_size >= WAIT_FROM_BYTES:
            time.sleep(wait)
        if os.stat(database).st_mtime_ns != found.st_mtime_ns:
            return  # written meanwhile (another copy): no note
        note: dict[str, Any] = {**_identity(found), "checked_at": stamp,
                                "written_ns": time.time_ns()}
        _write(path, json.dumps(note, sort_keys=True))
    except OSError:
        forget(database)


def forget(database: Path) -> None:
    """Delete the note: the next open checks the whole file."""
    with contextlib.suppress(OSError):
        note_path(database).unlink(missing_ok=True)


def _write(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(partial, path)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
