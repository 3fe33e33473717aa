"""Errors the store raises: each one sentence a learner or teacher can act on.

`StoreError` itself lives with the project's other errors (`gensec_quiz.domain.errors`); the
errors here are about the database file.
"""

from __future__ import annotations

from pathlib import Path

from gensec_quiz.domain.errors import StoreError
from gensec_quiz.i18n import tr

__all__ = ["DamagedDatabase", "NewerSchemaError", "NotOurDatabaseError", "StoreError",
           "fault_sentence", "is_damage", "os_sentence"]


class NewerSchemaError(StoreError):
    """The file was written by a newer version of the app; it is left untouched."""


class NotOurDatabaseError(StoreError):
    """The file is an SQLite database, but not one of ours."""


class DamagedDatabase(StoreError):
    """The database failed its check on opening; it was moved aside, never overwritten.

    `kept_as` is where the damaged file now lies; `good_backups` lists the backups that passed
    their own check, newest first (the app or the command line offers the first one).
    """

    def __init__(self, message: str, *, database: Path, kept_as: Path,
                 good_backups: tuple[Path, ...]) -> None:
        super().__init__(message, where=str(database))
        self.database = database
        self.kept_as = kept_as
        self.good_backups = good_backups


# SQLite's primary result codes (the low byte of `sqlite3.Error.sqlite_errorcode`).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT = 3, 5, 6, 8, 10, 11
_FULL, _CANTOPEN, _NOTADB = 13, 14, 26
DAMAGE_CODES = frozenset({_CORRUPT, _NOTADB})


def is_damage(error: BaseException) -> bool:
    """Whether SQLite's error means the file itself is damaged (corrupt, or not a database).

    Locked, read-only, a full disk or a file that cannot be opened are not damage: restoring a
    backup would not help and could roll answers back. Text that cannot be decoded can only come
    from a damaged file."""
    if isinstance(error, UnicodeDecodeError):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        text = str(error).lower()
        return "malformed" in text or "not a database" in text
    return int(code) & 0xFF in DAMAGE_CODES


def fault_sentence(error: BaseException, where: Path | str) -> str:
    """One sentence for a fault that is not damage: locked, read-only, full disk, cannot open."""
    code = int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    text = str(error).lower()
    if code in (_BUSY, _LOCKED) or "locked" in text:
        return tr("{path} is locked by another program (or another copy of GenSec Quiz); close "
                  "it and try again.", path=where)
    if code in (_READONLY, _PERM) or "readonly" in text or "read-only" in text:
        return tr("{path} cannot be written: the file or its folder is read-only.", path=where)
    if code == _FULL or "disk is full" in text or "full" in text:
        return tr("{path} cannot be written: the disk is full.", path=where)
    if code == _IOERR or "disk i/o" in text:
        return tr("{path} could not be written: the disk reported an error (it may be full).",
                  path=where)
    if code == _CANTOPEN or "unable to open" in text:
        return tr("{path} cannot be opened: check that its folder exists and can be written "
                  "(SQLite needs to create files beside it).", path=where)
    return tr("{path} could not be read or written ({reason}).", path=where, reason=str(error))


def os_sentence(error: OSError, where: Path | str) -> str:
    """One sentence for an operating-system error on a file: full disk, read-only, too long."""
    import errno

    reasons = {
        errno.ENOSPC: tr("the disk is full"),
        errno.EROFS: tr("the disk is read-only"),
        errno.EACCES: tr("permission denied (the file or its folder is read-only)"),
        errno.EPERM: tr("permission denied (the file or its folder is read-only)"),
        errno.ENAMETOOLONG: tr("the file name is too long"),
        errno.ENOENT: tr("the file or its folder does not exist"),
    }
    reason = reasons.get(error.errno or 0) or error.strerror or str(error)
    return tr("{path}: {reason}.", path=where, reason=reason)
