"""Errors the store raises: each one sentence a learner or teacher can act on.

`StoreError` itself lives with the project's other errors (`gensec_quiz.domain.errors`); the
errors here are about the database file.
"""

from __future__ import annotations

from pathlib import Path

from gensec_quiz.domain.errors import StoreError

__all__ = ["DamagedDatabase", "NewerSchemaError", "NotOurDatabaseError", "StoreError"]


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
