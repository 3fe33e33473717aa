"""`open_store`: check the file, refuse a newer one, create or upgrade it, hand back a Store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from gensec_quiz.i18n import tr
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

    A file is checked first (`quick_check`, skipped when the store's note of its last clean
    close vouches for it: see `check_note.py`): a damaged one is moved aside and `DamagedDatabase`
    raised with the good backups, newest first. Backups go to `backups_dir`, by default the
    `backups` folder beside the file (`paths.backups_dir()` for the app's own database).
    """
    clock = clock or utc_now
    if is_url(target):
        assert not isinstance(target, Path)
        return _open_server(server_url(target), clock,
                            Path(backups_dir) if backups_dir is not None else None)
    assert not isinstance(target, URL)
    database = Path(target).expanduser()
    database.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(backups_dir) if backups_dir is not None else database.parent / "backups"
    checked_at = check_on_open(database, backups_dir=folder, now=clock())
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
    store._remember_file(checked_at or clock())  # a new file: made just now, by us
    return store


def server_url(target: str | URL) -> URL:
    """A server's URL, with the driver the app ships (psycopg 3) when none is named; a URL of a
    database GenSec Quiz does not work with is refused with a sentence."""
    try:
        url = make_url(target)
    except (ArgumentError, ValueError):
        raise StoreError(tr("“{url}” is not a database address (write it as "
                            "postgresql://USER:PASSWORD@HOST/DATABASE).", url=target),
                         where="database URL") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername not in ("postgresql+psycopg", "sqlite"):
        raise StoreError(tr("GenSec Quiz keeps its data in a SQLite file or on a PostgreSQL "
                            "server (postgresql://USER:PASSWORD@HOST/DATABASE), not in “{url}”.",
                            url=shown_url(url)), where="database URL")
    return url


def shown_url(url: URL) -> str:
    """The address as it may be shown or logged: never the password."""
    return url.render_as_string(hide_password=True)


def _open_server(url: URL, clock: Clock, backups_dir: Path | None) -> Store:
    shown = shown_url(url)
    engine = create_store_engine(url)
    try:
        upgrade(engine, where=shown, backup=None)
    except DBAPIError as error:
        engine.dispose()
        reason = str(error.orig or error).strip().splitlines()[0]
        raise StoreError(tr(
            "The school server {server} could not be reached or refused GenSec Quiz ({reason}); "
            "check the address, the user and the password, or ask who looks after the server.",
            server=shown, reason=reason.replace(url.password or "\0", "***"))) from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, clock=clock, database=None, backups_dir=backups_dir)


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
