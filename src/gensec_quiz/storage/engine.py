"""The engine factory: the only place that knows it talks to SQLite.

Every new SQLite connection gets its PRAGMAs from a `connect` event: write-ahead log,
`synchronous=FULL` (a commit waits until the log is on the disk: it survives power loss, not
only a crash; see docs/data.md), foreign keys on, and a busy timeout of ten seconds. A write
begun with `writer(engine, flush=False)` commits with `synchronous=NORMAL` instead (most
answers: the Store flushes every fifth one and every other write). Python's sqlite3 module is
told to keep out of transaction control, and a `begin` event emits the BEGIN itself: writes
begin with `BEGIN IMMEDIATE`, so a read-then-write transaction takes the write lock first and
waits its turn instead of failing with "database is locked"; reads begin with a plain BEGIN
and never wait, the write-ahead log lets them read beside a writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection

BUSY_TIMEOUT_MS = 10_000
SERVER_CONNECT_TIMEOUT_S = 5
SYNCHRONOUS = "FULL"
CACHE_KIB = 16_384  # page cache per connection: statistics over large histories stay in memory
_WRITE_OPTION = "gensec_quiz_write"
_FLUSH_OPTION = "gensec_quiz_flush"


def is_url(target: str | Path | URL) -> bool:
    """Whether `target` is a SQLAlchemy URL (`postgresql://...`) rather than a file path."""
    return isinstance(target, URL) or (isinstance(target, str) and "://" in target)


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite", database=str(path))


def create_store_engine(target: str | Path | URL) -> Engine:
    """An engine for a database file or a SQLAlchemy URL; SQLite gets its PRAGMAs and BEGINs."""
    if isinstance(target, URL | str) and is_url(target):
        url = make_url(target)
    else:
        assert not isinstance(target, URL)
        url = sqlite_url(Path(target))
    if url.get_backend_name() != "sqlite":
        # A school server: a lost connection is noticed before use, and an unreachable server
        # is told within seconds rather than after the operating system's long TCP timeout.
        engine = create_engine(url, pool_pre_ping=True,
                               connect_args={"connect_timeout": SERVER_CONNECT_TIMEOUT_S})
        event.listen(engine, "begin", _on_server_begin)
        return engine
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine, *, flush: bool = True) -> Engine:
    """The same engine (same pool, same events) whose transactions begin as writes.

    `flush=False` (SQLite): the commit does not wait for the disk (`synchronous=NORMAL` for
    that transaction): it survives a crash of the app, not a power cut (see `SYNCHRONOUS`)."""
    return engine.execution_options(**{_WRITE_OPTION: True, _FLUSH_OPTION: flush})


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Keep the sqlite3 module from issuing its own BEGINs; `_on_begin` does it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    finally:
        cursor.close()


# pg_advisory_xact_lock's key for "a GenSec Quiz write is under way" ("GSQW" in ASCII).
SERVER_WRITE_LOCK_KEY = 0x47535157


def _on_server_begin(connection: Connection) -> None:
    """A write on a server takes one transaction-scoped advisory lock first, as SQLite's BEGIN
    IMMEDIATE takes the write lock: an answer updates shared running totals (per question of a
    set), and two PCs inserting the same total at once would otherwise collide
    (`UniqueViolation`). A write is a few milliseconds, so 30 PCs queue without noticing; reads
    take no lock."""
    if connection.get_execution_options().get(_WRITE_OPTION, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SERVER_WRITE_LOCK_KEY})")


def _on_begin(connection: Connection) -> None:
    options = connection.get_execution_options()
    write = options.get(_WRITE_OPTION, False)
    if write:
        # SQLite reads `synchronous` at commit; it may only be changed outside a transaction.
        level = SYNCHRONOUS if options.get(_FLUSH_OPTION, True) else "NORMAL"
        info = connection.connection.info
        if info.get(_SYNC_KEY, SYNCHRONOUS) != level:
            connection.exec_driver_sql(f"PRAGMA synchronous = {level}")
            info[_SYNC_KEY] = level
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


_SYNC_KEY = "gensec_quiz_synchronous"
