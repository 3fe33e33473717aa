"""`gensec-quiz db check | backup | restore [FILE]`: look after the learner database (the data
folder's SQLite file, or the school server's: `storage/server_backup.py`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gensec_quiz.domain.errors import CommandError
from gensec_quiz.i18n import ntr, tr


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "db", help=tr("check, back up or restore the learner database"),
        description=tr("Look after the learner database: check it, back it up, or restore a "
                       "backup."))
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help=tr("check the database file for damage"))
    check.set_defaults(func=run_check)
    backup = actions.add_parser("backup", help=tr("back up the database now"))
    backup.set_defaults(func=run_backup)
    restore = actions.add_parser(
        "restore", help=tr("put back a backup (the latest good one by default)"))
    restore.add_argument("file", nargs="?", type=Path, metavar="FILE",
                         help=tr("the backup to restore"))
    restore.set_defaults(func=run_restore)


def run_check(args: argparse.Namespace) -> int:
    from gensec_quiz.storage.backups import good_backups
    from gensec_quiz.storage.recovery import inspect_file

    _refuse_server(args.data.server, "check")
    database = args.data.database
    if not database.exists():
        print(tr("There is no learner database yet ({path}).", path=database))
        return 0
    report = inspect_file(database)
    print(tr("Database: {path} ({size} bytes)", path=database, size=report.size))
    if report.problems:
        print(tr("The database is damaged:"))
        for problem in report.problems[:10]:
            print(f"  {problem}")
        backups = good_backups(args.data.backups)
        if backups:
            print(tr("Run `gensec-quiz db restore` to put back the latest good backup, {name}.",
                     name=backups[0].name))
        else:
            print(tr("No good backup was found in {folder}.", folder=args.data.backups))
        return 1
    if report.foreign:
        print(tr("The file is sound but is not a GenSec Quiz learner database:"))
        for problem in report.foreign[:10]:
            print(f"  {problem}")
        return 1
    print(tr("Integrity check: ok; schema version {version}.", version=report.schema_version))
    for name, count in report.counts.items():
        print(f"  {name}: {count}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from gensec_quiz.storage import open_store

    if args.data.server:
        return _backup_server(args)
    database = args.data.database
    if not database.exists():
        print(tr("There is no learner database yet ({path}); nothing to back up.", path=database))
        return 0
    store = open_store(database, backups_dir=args.data.backups)
    try:
        saved = store.backup("manual")
        count = len(store.list_backups())
    finally:
        store.close()
    _keep_private(args)
    print(tr("Backed up to {path}.", path=saved))
    print(ntr("{count} backup kept.", "{count} backups kept.", count))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from gensec_quiz.storage.backups import good_backups
    from gensec_quiz.storage.instance import InstanceLock
    from gensec_quiz.storage.recovery import restore_file
    from gensec_quiz.storage.repository import utc_now

    if args.data.server:
        return _restore_server(args)
    chosen: Path | None = args.file
    if chosen is None:
        found = good_backups(args.data.backups, quick=False)
        if not found:
            raise CommandError(tr("There is no good backup in {folder} to restore.",
                                  folder=args.data.backups))
        chosen = found[0]
    lock = InstanceLock(args.data.root)
    if not lock.acquire():
        raise CommandError(lock.message() + " " + tr("Close it before restoring a backup."))
    try:
        previous = restore_file(database=args.data.database, backup=chosen,
                                backups_dir=args.data.backups, now=utc_now())
    finally:
        lock.release()
    _keep_private(args)
    print(tr("Restored {backup}.", backup=chosen))
    if previous is not None:
        print(tr("The database it replaced was kept as {path}.", path=previous))
    return 0


def _refuse_server(server: str | None, action: str) -> None:
    """`db check` looks at the data folder's SQLite file; a school server checks itself."""
    if not server:
        return
    from gensec_quiz.storage.opening import server_url, shown_url

    raise CommandError(tr(
        "db {action}: the learners' data is on the school server {server}, which checks its "
        "own data; “gensec-quiz db backup” backs it up.",
        action=action, server=shown_url(server_url(server))))


def _backup_server(args: argparse.Namespace) -> int:
    """A school server: `pg_dump` when it fits the server, else the app's logical export,
    into the data folder's backups."""
    from gensec_quiz.storage import open_store
    from gensec_quiz.storage.opening import server_url, shown_url

    store = open_store(args.data.server, backups_dir=args.data.backups)
    try:
        saved = store.backup("manual")
    finally:
        store.close()
    _keep_private(args)
    kind = (tr("pg_dump, custom format") if saved.suffix == ".pgdump"
            else tr("GenSec Quiz's own export: pg_dump was not found or does not fit the "
                    "server's version"))
    print(tr("Backed up the school server {server} to {path} ({kind}).",
             server=shown_url(server_url(args.data.server)), path=saved, kind=kind))
    return 0


def _restore_server(args: argparse.Namespace) -> int:
    """Put a server backup back (the newest in the data folder's backups by default); what is
    on the server now is backed up first."""
    from gensec_quiz.storage import open_store
    from gensec_quiz.storage.server_backup import list_server_backups

    chosen: Path | None = args.file
    if chosen is None:
        found = list_server_backups(args.data.backups)
        if not found:
            raise CommandError(tr("There is no school server backup in {folder} to restore.",
                                  folder=args.data.backups))
        chosen = found[0].path
    if not chosen.is_file():
        raise CommandError(tr("There is no backup file {path}.", path=chosen))
    store = open_store(args.data.server, backups_dir=args.data.backups)
    try:
        previous = store.restore(chosen)
    finally:
        store.close()
    _keep_private(args)
    print(tr("Restored {backup} on the school server.", backup=chosen))
    if previous is not None:
        print(tr("What the server held before was backed up to {path}.", path=previous))
    return 0


def _keep_private(args: argparse.Namespace) -> None:
    """The data folder, its backups and the database its owner's only (0700 folders, 0600
    files), as the app keeps them, even when an older version or a copy made them readable."""
    from gensec_quiz.application.privacy import keep_private

    for path in keep_private(args.data):
        print(tr("Note: {path} could not be made private to you.", path=path), file=sys.stderr)
