"""Backups of a school server's database (PostgreSQL), and putting one back.

Two kinds, both kept in the data folder's `backups/` beside the PC's own SQLite backups:

- `gensec-quiz-server-<UTC time>-<reason>.pgdump`: `pg_dump --format=custom` of GenSec Quiz's
  tables, made when `pg_dump` is on PATH and its major version is the server's or newer (an
  older pg_dump refuses a newer server). Restored with `pg_restore --single-transaction`.
- `gensec-quiz-server-<UTC time>-<reason>.jsonl`: a logical export the app writes and reads by
  itself, for a PC without the PostgreSQL client tools. Its first line names the format and the
  schema version and lists each table's columns; then one line per row, table by table in the
  schema's order (a table after those it refers to); the last line counts the rows, so a cut
  file is refused. All of it is read in one snapshot (REPEATABLE READ). It is restored in ONE
  transaction into the emptied tables (TRUNCATE), sequences moved past the restored ids: a
  failure leaves the database as it was. A backup from a newer schema is refused with a
  sentence; one from an older schema too (the app that made it can restore it, then this one
  upgrades it on opening).

Every restore first backs up what is there now (`Store.restore` does), and takes the same
advisory locks as the app's writes and upgrades, so the PCs of a room wait rather than see
half a database.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import URL, Engine, Table, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import sort_tables
from sqlalchemy.types import TypeDecorator, TypeEngine

from gensec_quiz import __version__
from gensec_quiz.i18n import tr
from gensec_quiz.storage.engine import SERVER_CONNECT_TIMEOUT_S, SERVER_WRITE_LOCK_KEY, writer
from gensec_quiz.storage.errors import NewerSchemaError, StoreError
from gensec_quiz.storage.migrations import LATEST_VERSION, SCHEMA_LOCK_KEY, schema_version
from gensec_quiz.storage.records import BackupInfo
from gensec_quiz.storage.tables import ALL_TABLES, SCHEMA_VERSION_TABLE

_log = logging.getLogger(__name__)

PREFIX = "gensec-quiz-server-"
DUMP_SUFFIX = ".pgdump"
LOGICAL_SUFFIX = ".jsonl"
FORMAT = "gensec-quiz-server-backup"
FORMAT_VERSION = 1
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^gensec-quiz-server-(\d{8}T\d{6}Z)-([a-z0-9-]+?)(?:~(\d+))?"
                   r"\.(pgdump|jsonl)$")
_DUMP_MAGIC = b"PGDMP"
TOOL_TIMEOUT_S = 30 * 60


def backup_tables() -> list[Table]:
    """GenSec Quiz's tables on a server, each after the tables it refers to."""
    return [*sort_tables(ALL_TABLES), SCHEMA_VERSION_TABLE]


# ----------------------------------------------------------------------------- names and list


def _free_name(folder: Path, reason: str, now: datetime, suffix: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    stem = f"{PREFIX}{now.astimezone(UTC).strftime(_STAMP)}-{slug}"
    candidate, count = folder / f"{stem}{suffix}", 1
    while any((folder / f"{candidate.stem}{s}").exists() for s in (DUMP_SUFFIX, LOGICAL_SUFFIX)):
        count += 1
        candidate = folder / f"{stem}~{count}{suffix}"
    return candidate


def list_server_backups(folder: Path) -> list[BackupInfo]:
    """The server backups in `folder`, newest first; other files are ignored."""
    from gensec_quiz.storage.backups import list_backups

    return list_backups(folder, names=_NAME)


# ----------------------------------------------------------------------------- the tools


def tool_major(tool: str) -> int | None:
    """The major version of a PostgreSQL client tool (`pg_dump (PostgreSQL) 15.18` -> 15)."""
    try:
        done = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\)\s*(\d+)", done.stdout)
    return int(match[1]) if done.returncode == 0 and match else None


def server_major(engine: Engine) -> int:
    with engine.connect() as connection:
        number = int(connection.exec_driver_sql("SHOW server_version_num").scalar_one())
    return number // 10000


def pg_dump_fits(engine: Engine, pg_dump: str | None) -> bool:
    """Whether `pg_dump` can dump this server: there, and of its major version or newer."""
    if pg_dump is None:
        return False
    major = tool_major(pg_dump)
    return major is not None and major >= server_major(engine)


def _tool_environment(url: URL) -> dict[str, str]:
    """Where the tools connect, given to them in libpq's variables: the password never appears
    on a command line (which other users of the computer can list)."""
    env = dict(os.environ)
    env.update({"PGHOST": url.host or "localhost", "PGPORT": str(url.port or 5432),
                "PGUSER": url.username or "", "PGDATABASE": url.database or "",
                "PGCONNECT_TIMEOUT": str(SERVER_CONNECT_TIMEOUT_S),
                "PGAPPNAME": "gensec-quiz-backup"})
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    else:
        env.pop("PGPASSWORD", None)
    return env


def _run_tool(arguments: Sequence[str], url: URL, what: str) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(list(arguments), env=_tool_environment(url), capture_output=True,
                              text=True, timeout=TOOL_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        raise StoreError(tr("{what} could not be run: {error}", what=what,
                            error=error)) from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise StoreError(tr("{what} failed: {reason}", what=what,
                            reason=said[-1] if said else done.returncode))
    return done


# ----------------------------------------------------------------------------- backing up


def backup_server(engine: Engine, *, folder: Path, reason: str, now: datetime,
                  pg_dump: str | None = None, use_tools: bool = True) -> Path:
    """Back up the server's GenSec Quiz tables into `folder`; the new backup's path.

    `pg_dump` is found on PATH unless given; with none that fits the server (or `use_tools`
    False), or when it fails, the logical export is written instead."""
    folder.mkdir(parents=True, exist_ok=True)
    tool = (pg_dump or shutil.which("pg_dump")) if use_tools else None
    if tool is not None and pg_dump_fits(engine, tool):
        try:
            return _dump(engine, tool, folder=folder, reason=reason, now=now)
        except StoreError as error:  # the export below needs no tool: still a backup
            _log.warning("pg_dump failed, writing the logical export instead: %s", error)
    return export_logical(engine, folder=folder, reason=reason, now=now)


def _dump(engine: Engine, tool: str, *, folder: Path, reason: str, now: datetime) -> Path:
    final = _free_name(folder, reason, now, DUMP_SUFFIX)
    partial = final.with_name(final.name + ".partial")
    arguments = [tool, "--format=custom", "--no-owner", "--no-privileges",
                 f"--file={partial}"]
    arguments += [f"--table={table.name}" for table in backup_tables()]
    try:
        _run_tool(arguments, engine.url, "pg_dump")
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    return final


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def export_logical(engine: Engine, *, folder: Path, reason: str, now: datetime) -> Path:
    """The logical export (JSON lines, see the module docstring) of every table, read in one
    snapshot; written under a temporary name and renamed when complete."""
    final = _free_name(folder, reason, now, LOGICAL_SUFFIX)
    partial = final.with_name(final.name + ".partial")
    tables = backup_tables()
    try:
        with engine.connect().execution_options(
                isolation_level="REPEATABLE READ") as connection, \
                partial.open("w", encoding="utf-8") as handle:
            version = schema_version(connection)
            header = {"format": FORMAT, "format_version": FORMAT_VERSION,
                      "schema_version": version, "app_version": __version__,
                      "taken_at": now.astimezone(UTC).isoformat(),
                      "tables": [{"name": table.name,
                                  "columns": [column.name for column in table.columns]}
                                 for table in tables]}
            handle.write(json.dumps(header, ensure_ascii=False) + "\n")
            count = 0
            for table in tables:
                result = connection.execution_options(stream_results=True).execute(
                    select(*table.columns).order_by(*table.primary_key.columns))
                for row in result:
                    handle.write(json.dumps({"t": table.name, "r": [_encode(v) for v in row]},
                                            ensure_ascii=False) + "\n")
                    count += 1
            handle.write(json.dumps({"end": True, "rows": count}) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
            connection.rollback()
        os.replace(partial, final)
    except DBAPIError as error:
        raise StoreError(tr("No backup was made: the server said {reason}",
                            reason=_said(error))) from None
    finally:
        partial.unlink(missing_ok=True)
    return final


# ----------------------------------------------------------------------------- restoring


def restore_server(engine: Engine, backup: Path, *, pg_restore: str | None = None) -> None:
    """Put a server backup (either kind) back in place of the server's GenSec Quiz data, all of
    it or, when anything fails, none of it. A backup of a newer schema is refused."""
    try:
        with backup.open("rb") as handle:
            start = handle.read(len(_DUMP_MAGIC))
    except OSError as error:
        raise StoreError(tr("The backup {path} could not be read: {reason}", path=backup,
                            reason=error.strerror or error), where=str(backup)) from None
    if start == _DUMP_MAGIC:
        _restore_dump(engine, backup, pg_restore or shutil.which("pg_restore"))
    else:
        restore_logical(engine, backup)


def _refuse_version(found: int, where: str) -> None:
    if found > LATEST_VERSION:
        raise NewerSchemaError(tr(
            "This backup was written by a newer version of GenSec Quiz (schema {found}; this "
            "version reads up to {latest}): restore it with that version.",
            found=found, latest=LATEST_VERSION), where=where)
    if found < LATEST_VERSION:
        raise StoreError(tr(
            "This backup is of an older schema ({found}; this version writes {latest}): "
            "restore it with the version of GenSec Quiz that made it, which this one then "
            "upgrades on opening.", found=found, latest=LATEST_VERSION), where=where)


def _restore_dump(engine: Engine, backup: Path, tool: str | None) -> None:
    where = str(backup)
    if tool is None:
        raise StoreError(tr("{path} is a pg_dump backup, and pg_restore (PostgreSQL's client "
                            "tools) is not installed on this PC: install it, or restore the "
                            "backup from a PC that has it.", path=backup.name), where=where)
    listed = _run_tool([tool, "--data-only", f"--table={SCHEMA_VERSION_TABLE.name}",
                        "--file=-", str(backup)], engine.url, "pg_restore")
    _refuse_version(_dumped_version(listed.stdout, where), where)
    with writer(engine).begin() as connection:  # no PC writes while the tables are replaced
        _lock(connection)
        arguments = [tool, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                     "--single-transaction", "--exit-on-error",
                     f"--dbname={engine.url.database}", str(backup)]
        # The advisory locks are held by this connection: pg_restore, another one, must not
        # wait for them, and it takes its own table locks; this transaction only keeps the
        # PCs' writes queued until it is done.
        _run_tool(arguments, engine.url, "pg_restore")


def _dumped_version(sql: str, where: str) -> int:
    lines = sql.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("COPY ") and SCHEMA_VERSION_TABLE.name in line:
            value = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if value.isdigit():
                return int(value)
    raise StoreError(tr("This file is not a GenSec Quiz backup (it has no schema version)."),
                     where=where)


def _lock(connection: Connection) -> None:
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK_KEY})")


def _read_lines(handle: IO[str], where: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(handle, start=1):
        try:
            item = json.loads(line)
        except ValueError:
            raise StoreError(tr("Line {line} of the backup is not JSON: the file is damaged.",
                                line=number), where=where) from None
        if not isinstance(item, dict):
            raise StoreError(tr("Line {line} of the backup is not a row: the file is damaged.",
                                line=number), where=where)
        yield item


def _decoder(table: Table, columns: list[str], where: str) -> list[Any]:
    known = {column.name: column for column in table.columns}
    missing = [name for name in columns if name not in known]
    if missing or set(known) - set(columns):
        raise StoreError(tr("The backup's table {table} has other columns than this version's "
                            "({columns}).", table=table.name,
                            columns=", ".join(missing or sorted(set(known) - set(columns)))),
                         where=where)
    return [_python_type(known[name].type) for name in columns]


def _python_type(kind: TypeEngine[Any]) -> type | None:
    """The Python type a column's values come as (a TypeDecorator's, its own)."""
    impl = kind.impl if isinstance(kind, TypeDecorator) else kind  # sqlmodel's UTCDateTime
    try:
        found = impl.python_type
    except NotImplementedError:
        return None
    return found if isinstance(found, type) else None


def _decode(value: Any, kind: type | None) -> Any:
    if value is None or kind is None:
        return value
    if issubclass(kind, datetime):
        return datetime.fromisoformat(value)
    if issubclass(kind, date):
        return date.fromisoformat(value)
    if issubclass(kind, bytes):
        return base64.b64decode(value)
    return value


def restore_logical(engine: Engine, backup: Path) -> None:
    """Restore a logical export in one transaction (see the module docstring)."""
    where = str(backup)
    tables = {table.name: table for table in backup_tables()}
    try:
        handle = backup.open("r", encoding="utf-8")
    except OSError as error:
        raise StoreError(tr("The backup {path} could not be read: {reason}", path=backup,
                            reason=error.strerror or error), where=where) from None
    with handle:
        lines = _read_lines(handle, where)
        header = next(lines, None)
        if header is None or header.get("format") != FORMAT:
            raise StoreError(tr("This file is not a GenSec Quiz server backup."), where=where)
        if int(header.get("format_version", 0)) > FORMAT_VERSION:
            raise NewerSchemaError(tr("This backup was written by a newer version of GenSec "
                                      "Quiz: restore it with that version."), where=where)
        _refuse_version(int(header.get("schema_version", 0)), where)
        columns: dict[str, tuple[Table, list[str], list[Any]]] = {}
        for entry in header.get("tables", []):
            table = tables.get(str(entry.get("name")))
            if table is None:
                raise StoreError(tr("The backup holds a table this version does not know "
                                    "({table}).", table=entry.get("name")), where=where)
            names = [str(name) for name in entry.get("columns", [])]
            columns[table.name] = (table, names, _decoder(table, names, where))
        try:
            with writer(engine).begin() as connection:
                _lock(connection)
                _empty(connection, list(tables.values()))
                count = _insert_rows(connection, lines, columns, where)
                _move_sequences(connection, list(tables.values()))
                if count is None:  # no end line: the file was cut short; nothing is kept
                    raise StoreError(tr("The backup ends before its last line: the file is "
                                        "incomplete, and nothing was restored."), where=where)
        except DBAPIError as error:
            raise StoreError(tr("Nothing was restored: the server said {reason}",
                                reason=_said(error)), where=where) from None


def _empty(connection: Connection, tables: list[Table]) -> None:
    names = ", ".join(f'"{table.name}"' for table in tables)
    connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


def _insert_rows(connection: Connection, lines: Iterator[dict[str, Any]],
                 columns: dict[str, tuple[Table, list[str], list[Any]]],
                 where: str) -> int | None:
    """Insert every row line with PostgreSQL's COPY (one per run of a table's rows, inside the
    restore's transaction); the row count of the end line, or None when there is none."""
    raw = connection.connection.driver_connection
    assert raw is not None
    inserted = 0
    current: str | None = None
    with raw.cursor() as cursor, contextlib.ExitStack() as running:
        copy: Any = None
        for item in lines:
            if item.get("end") is True:
                if int(item.get("rows", -1)) != inserted:
                    raise StoreError(tr("The backup's row count does not match its rows: the "
                                        "file is damaged, and nothing was restored."),
                                     where=where)
                return inserted
            name = str(item.get("t"))
            if name not in columns:
                raise StoreError(tr("The backup has a row of a table it does not list "
                                    "({table}).", table=name), where=where)
            table, names, kinds = columns[name]
            values = item.get("r")
            if not isinstance(values, list) or len(values) != len(names):
                raise StoreError(tr("A row of {table} in the backup has the wrong number of "
                                    "values: the file is damaged.", table=name), where=where)
            if name != current:
                running.pop_all().close()  # the previous table's COPY, finished
                listed = ", ".join(f'"{column}"' for column in names)
                copy = running.enter_context(
                    cursor.copy(f'COPY "{table.name}" ({listed}) FROM STDIN'))
                current = name
            copy.write_row([_decode(v, k) for v, k in zip(values, kinds, strict=True)])
            inserted += 1
    return None


def _move_sequences(connection: Connection, tables: list[Table]) -> None:
    """Each id sequence past the largest restored id, so that the next answer gets a new one."""
    for table in tables:
        keys = list(table.primary_key.columns)
        for column in keys[:1] if len(keys) == 1 else []:
            if _python_type(column.type) is not int:
                continue
            connection.execute(text(
                f'SELECT setval(pg_get_serial_sequence(:table, :column), '
                f'COALESCE(MAX("{column.name}"), 0) + 1, false) FROM "{table.name}"'),
                {"table": table.name, "column": column.name})


def _said(error: DBAPIError) -> str:
    cause = error.orig or error
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


__all__ = ["SERVER_WRITE_LOCK_KEY", "backup_server", "backup_tables", "export_logical",
           "list_server_backups", "pg_dump_fits", "restore_logical", "restore_server",
           "server_major", "tool_major"]
