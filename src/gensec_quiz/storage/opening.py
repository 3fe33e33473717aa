"""`open_store`: check the file, refuse a newer one, create or upgrade it, hand back a Store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import URL, Engine
from sqlalchemy.exc import DBAPIError

from gensec_quiz.storage.backups import file_schema_version
from gensec_quiz.storage.engine import create_store_engine, is_url
from gensec_quiz.storage.errors import StoreError, fault_sentence
from gensec_quiz.storage.migrations import LATEST_VERSION, refuse_newer, upgrade
from gensec_quiz.storage.recovery import check_on_open, prune_leftovers
from gensec_quiz.storage.repository import Clock, Store, utc_now
from gensec_quiz.storage.schema import file_differences, refuse_foreign


def open_store(target: str | Path | URL, *, clock: Clock | None = None,
               backups_dir: str | Path | None = None) -> Store:
    """Open (creating or upgrading) the database at a file path or a SQLAlchemy URL.

    A file is checked first (`quick_check`): a damaged one is moved aside and `DamagedDatabase`
    raised with the good backups, newest first. Backups go to `backups_dir`, by default the
    `backups` folder beside the file (`paths.backups_dir()` for the app's own database).
    """
    clock = clock or utc_now
    if is_url(target):
        engine = create_store_engine(target)
        _upgrade_or_dispose(engine, str(target), None)
        return Store(engine, clock=clock, database=None, backups_dir=None)
    assert not isinstance(target, URL)
    database = Path(target).expanduser()
    database.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(backups_dir) if backups_dir is not None else database.parent / "backups"
    check_on_open(database, backups_dir=folder, now=clock())
    prune_leftovers(database, folder)
    version = 0
    if database.exists() and database.stat().st_size > 0:
        # Before the engine touches the file (even switching it to WAL): refuse a newer one,
        # and one whose tables are not ours (a file of version 0 is refused by `upgrade`).
        version = _file_version(database)
        refuse_newer(version, LATEST_VERSION, str(database))
        if version > 0:
            refuse_foreign(_differences(database), str(database))
    engine = create_store_engine(database)
    store = Store(engine, clock=clock, database=database, backups_dir=folder)
    _upgrade_or_dispose(engine, str(database), store)
    if version < LATEST_VERSION:  # created or upgraded just now: compared whole once more
        try:
            refuse_foreign(_differences(database), str(database))
        except BaseException:
            engine.dispose()
            raise
    store._remember_file()
    return store


def _file_version(database: Path) -> int:
    try:
        return file_schema_version(database)
    except sqlite3.Error as error:
        raise StoreError(fault_sentence(error, database), where=str(database)) from None


def _differences(database: Path) -> list[str]:
    try:
        return file_differences(database, latest=LATEST_VERSION)
    except sqlite3.Error as error:
        raise StoreError(fault_sentence(error, database), where=str(database)) from None


def _upgrade_or_dispose(engine: Engine, where: str, store: Store | None) -> None:
    try:
        upgrade(engine, where=where, backup=None if store is None else store.backup)
    except DBAPIError as error:  # locked, read-only, disk full: its own sentence
        engine.dispose()
        raise StoreError(fault_sentence(error.orig or error, where), where=where) from None
    except BaseException:
        engine.dispose()
        raise
