"""Schema versions and upgrades: all-or-nothing, backed up first, newer files refused.

SQLite keeps the version in the file header (`PRAGMA user_version`), which rolls back with the
transaction like any other change; other databases keep it in a one-row table. A new file gets
the current tables and version in one transaction. An older file is backed up, then every step
`MIGRATIONS[n]` (schema n-1 to n) runs inside ONE transaction together with the new version
number: a crash or an error leaves the old schema or the new one, never a mix.

To add schema 2 (for example the spaced-review cards): add the table to `tables.py`, write

    def _to_v2(connection: Connection) -> None:
        SQLModel.metadata.create_all(connection, tables=[table_of(CardRow)])

set `MIGRATIONS = {2: _to_v2}` and `LATEST_VERSION = 2`, and add `tests/data/storage/schema_v2.sql`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy import Engine, delete, insert, inspect, select
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from gensec_quiz.i18n import tr
from gensec_quiz.storage.engine import writer
from gensec_quiz.storage.errors import NewerSchemaError, NotOurDatabaseError
from gensec_quiz.storage.tables import (
    ALL_TABLES,
    DAY_TABLES,
    SCHEMA_VERSION_TABLE,
    SETTINGS_TABLES,
    TOTALS_TABLES,
)

Migration = Callable[[Connection], None]


def _to_v2(connection: Connection) -> None:
    """Schema 2: spaced-review cards and their log (filled from the answers when first read)."""
    from gensec_quiz.storage.review import migrate_to_v2

    migrate_to_v2(connection)


def _to_v3(connection: Connection) -> None:
    """Schema 3: the time limit and all-or-nothing rule a session was started with."""
    SQLModel.metadata.create_all(connection, tables=list(SETTINGS_TABLES))


def _to_v4(connection: Connection) -> None:
    """Schema 4: running totals (filled from the answers); each answer now updates its review
    cards as it is recorded, and learners with answers not applied yet are noted in the
    backlog (their next answer applies them: replaying a million answers here would take
    minutes)."""
    from gensec_quiz.storage import review, totals

    SQLModel.metadata.create_all(connection, tables=list(TOTALS_TABLES))
    totals.refill(connection)
    review.note_backlog(connection)


def _to_v5(connection: Connection) -> None:
    """Schema 5: per-day totals of each fact (filled from the answers), for the class's
    weakest facts within dates."""
    from gensec_quiz.storage import totals

    SQLModel.metadata.create_all(connection, tables=list(DAY_TABLES))
    totals.refill_days(connection, None)


LATEST_VERSION = 5
MIGRATIONS: Mapping[int, Migration] = {2: _to_v2, 3: _to_v3, 4: _to_v4, 5: _to_v5}


def schema_version(connection: Connection) -> int:
    """The schema version of the database `connection` is open on; 0 for a new one."""
    if connection.dialect.name == "sqlite":
        return int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
    if not inspect(connection).has_table(SCHEMA_VERSION_TABLE.name):
        return 0
    return int(connection.execute(select(SCHEMA_VERSION_TABLE.c.version)).scalar() or 0)


def _set_schema_version(connection: Connection, version: int) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA user_version = {int(version)}")
        return
    SCHEMA_VERSION_TABLE.create(connection, checkfirst=True)
    connection.execute(delete(SCHEMA_VERSION_TABLE))
    connection.execute(insert(SCHEMA_VERSION_TABLE).values(version=version))


def upgrade(
    engine: Engine,
    *,
    where: str,
    backup: Callable[[str], object] | None,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    latest: int = LATEST_VERSION,
) -> int:
    """Bring the database to schema `latest` and return the version it had before."""
    with engine.connect() as connection:
        found = schema_version(connection)
        connection.rollback()
    refuse_newer(found, latest, where)
    if found == latest:
        return found
    if found > 0 and backup is not None:
        backup(f"before-migration-v{found}-to-v{latest}")
    with writer(engine).begin() as connection:
        _lock_schema(connection)
        # Read again under the write lock: another process may have upgraded it meanwhile.
        current = schema_version(connection)
        refuse_newer(current, latest, where)
        if current == 0:
            _create(connection, where)  # a new file gets the current tables at once
        else:
            for version in range(current + 1, latest + 1):
                migrations[version](connection)
        _set_schema_version(connection, latest)
    return found


# pg_advisory_xact_lock's key for "the schema is being created or upgraded" (any constant that
# no other program on the same server is likely to use: "GSQZ" in ASCII).
SCHEMA_LOCK_KEY = 0x4753515A


def _lock_schema(connection: Connection) -> None:
    """On a server, one process at a time creates or upgrades the tables: without this, 30 PCs
    opening a new school database at once raced on CREATE TABLE (`UniqueViolation` on
    `pg_type`). The lock is released when the transaction ends. SQLite's BEGIN IMMEDIATE
    already serialises writers."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK_KEY})")


def refuse_newer(found: int, latest: int, where: str) -> None:
    """Raise NewerSchemaError when a file's schema is newer than this version knows."""
    if found > latest:
        raise NewerSchemaError(tr(
            "This database was written by a newer version of GenSec Quiz (schema {found}; this "
            "version reads up to {latest}): update the app, or open another file.",
            found=found, latest=latest), where=where)


def _create(connection: Connection, where: str) -> None:
    ours = {table.name for table in ALL_TABLES}
    present = set(inspect(connection).get_table_names())
    foreign = present - ours if connection.dialect.name == "sqlite" else present & ours
    if foreign:
        raise NotOurDatabaseError(tr(
            "This file holds other tables ({tables}) and is not a GenSec Quiz database.",
            tables=", ".join(sorted(foreign))), where=where)
    SQLModel.metadata.create_all(connection, tables=list(ALL_TABLES))
