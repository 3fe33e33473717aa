"""Is this file ours? Its tables, columns and indexes compared with what the code creates.

The expected schema is read back from a new in-memory database made by the same code that makes
a new file (`SQLModel.metadata.create_all` over `ALL_TABLES`), once per process. A file at the
current schema version must match it exactly (SQLite's own `sqlite_*` tables aside); an older
file must hold the first schema's tables and nothing foreign (its upgrade is then compared whole).
A file that is not ours is refused with `NotOurDatabaseError`, before anything is written to it.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from pathlib import Path

from gensec_quiz.i18n import tr
from gensec_quiz.storage.errors import NotOurDatabaseError

Column = tuple[str, str, int, int]
IndexShape = tuple[str, int, tuple[str, ...]]
Schema = dict[str, tuple[tuple[Column, ...], tuple[IndexShape, ...]]]

FIRST_TABLES = frozenset({"learners", "quiz_sessions", "answers", "answer_facts"})


def read_schema(connection: sqlite3.Connection) -> Schema:
    """Every table of the database `connection` is open on: its columns and its indexes."""
    names = [str(row[0]) for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY name")]
    schema: Schema = {}
    for name in names:
        quoted = name.replace('"', '""')
        columns = tuple(sorted(
            (str(row[1]), str(row[2]).upper(), int(row[3]), int(row[5]))
            for row in connection.execute(f'PRAGMA table_info("{quoted}")')))
        indexes = []
        for row in connection.execute(f'PRAGMA index_list("{quoted}")'):
            index = str(row[1]).replace('"', '""')
            parts = tuple(str(part[2]) for part in connection.execute(
                f'PRAGMA index_info("{index}")'))
            indexes.append((str(row[1]), int(row[2]), parts))
        schema[name] = (columns, tuple(sorted(indexes)))
    return schema


@functools.cache
def expected_schema() -> Schema:
    """The schema a new file gets from this version of the code."""
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    from gensec_quiz.storage.tables import ALL_TABLES

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            SQLModel.metadata.create_all(connection, tables=list(ALL_TABLES))
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            return read_schema(driver)
        finally:
            raw.close()
    finally:
        engine.dispose()


def schema_differences(found: Schema, *, version: int, latest: int) -> list[str]:
    """What keeps a file of schema `version` from being ours; empty when it is ours."""
    expected = expected_schema()
    if version <= 0:
        return [tr("it holds no GenSec Quiz data (no schema version)")]
    if version < latest:
        problems = []
        missing = sorted(FIRST_TABLES - found.keys())
        if missing:
            problems.append(tr("tables missing: {tables}", tables=", ".join(missing)))
        foreign = sorted(found.keys() - expected.keys())
        if foreign:
            problems.append(tr("tables not ours: {tables}", tables=", ".join(foreign)))
        return problems
    problems = []
    missing = sorted(expected.keys() - found.keys())
    if missing:
        problems.append(tr("tables missing: {tables}", tables=", ".join(missing)))
    foreign = sorted(found.keys() - expected.keys())
    if foreign:
        problems.append(tr("tables not ours: {tables}", tables=", ".join(foreign)))
    for name in sorted(expected.keys() & found.keys()):
        want_columns, want_indexes = expected[name]
        have_columns, have_indexes = found[name]
        if have_columns != want_columns:
            problems.append(tr("the columns of table {table} differ", table=name))
        if have_indexes != want_indexes:
            problems.append(tr("the indexes of table {table} differ", table=name))
    return problems


def file_differences(path: Path, *, latest: int) -> list[str]:
    """`schema_differences` of the SQLite file at `path`, read without changing it."""
    if not path.is_file() or path.stat().st_size == 0:
        return [tr("the file is empty")]
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    connection.text_factory = _lenient_text
    with contextlib.closing(connection):
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        return schema_differences(read_schema(connection), version=version, latest=latest)


def refuse_foreign(problems: list[str], where: str) -> None:
    """Raise `NotOurDatabaseError` naming the first difference, when there is one."""
    if problems:
        raise NotOurDatabaseError(tr(
            "This file is not a GenSec Quiz learner database ({problem}); nothing was changed.",
            problem="; ".join(problems[:3])), where=where)


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")
