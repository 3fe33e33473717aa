"""`gensec-quiz results export --out FILE` and `gensec-quiz results import FILE...`: learners'
results carried between PCs on a USB stick, for rooms with no network."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gensec_quiz.domain.errors import CommandError
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from gensec_quiz.application.results_transfer import NameMatch


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "results", help=tr("carry learners' results between PCs (export, import)"),
        description=tr("Export this PC's results to a file (for a USB stick), or import such "
                       "files on the teacher's PC. Importing the same file twice changes "
                       "nothing."))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help=tr("write this PC's results to a file"))
    export.add_argument("--out", type=Path, metavar="FILE", required=True,
                        help=tr("the results file to write"))
    export.set_defaults(func=run_export)
    merge = actions.add_parser("import", help=tr("merge results files from other PCs"))
    merge.add_argument("files", type=Path, nargs="+", metavar="FILE")
    merge.add_argument("--same", action="append", default=[], metavar="FILE_NAME=NAME_HERE",
                       help=tr("the learner named FILE_NAME in the files is the learner "
                               "NAME_HERE on this PC (repeatable)"))
    merge.add_argument("--new", action="append", default=[], metavar="NAME",
                       help=tr("the learner NAME in the files is a new learner, even if a "
                               "learner here has a similar name (repeatable)"))
    merge.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from gensec_quiz.application.results_transfer import export_results
    from gensec_quiz.storage import open_store

    if not args.data.has_store():
        raise CommandError(tr("There are no results to export: there is no learner database "
                              "at {path}.", path=args.data.database))
    store = open_store(args.data.store_target, backups_dir=args.data.backups)
    try:
        count = export_results(store, args.out, now=datetime.now(UTC), data_root=args.data.root)
        learners = len(store.learners())
    finally:
        store.close()
    print(tr("Wrote {answers} answer(s) of {learners} learner(s) to {path}.",
             answers=count, learners=learners, path=args.out))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from gensec_quiz.application.results_transfer import import_results, read_results
    from gensec_quiz.storage import open_store

    same = dict(_pair(text) for text in args.same)
    new = set(args.new)
    for path in args.files:  # every file checked before the database is opened
        read_results(path)
    args.data.create()
    store = open_store(args.data.store_target, backups_dir=args.data.backups)
    try:
        here = {learner.name.casefold(): learner.id for learner in store.learners()}
        for name_there, name_here in same.items():
            if name_here.casefold() not in here:
                raise CommandError(tr("--same {there}={here}: there is no learner named "
                                      "“{here}” on this PC.", there=name_there, here=name_here))

        def decide(match: NameMatch) -> int | None:
            if match.name in same:
                return here[same[match.name].casefold()]
            if match.name in new:
                return None
            if sys.stdin.isatty():
                return _ask(match)
            close = ", ".join(f"“{name}”" for _, name in match.close)
            raise CommandError(tr(
                "“{name}” in the files is close to {close} here: say which with "
                "--same \"{name}={first}\" or --new \"{name}\"; nothing was imported.",
                name=match.name, close=close, first=match.close[0][1]))

        outcome = import_results(store, args.files, decide)
    finally:
        store.close()
    print(outcome.sentence())
    return 0


def _pair(text: str) -> tuple[str, str]:
    there, sep, here = text.partition("=")
    if not sep or not there.strip() or not here.strip():
        raise CommandError(tr("--same {text}: write it as NAME_IN_FILE=NAME_HERE.", text=text))
    return there.strip(), here.strip()


def _ask(match: NameMatch) -> int | None:
    print(tr("“{name}” in the files is not a learner here, but these names are close:",
             name=match.name))
    for index, (_, name) in enumerate(match.close, start=1):
        print(f"  {index}. {name}")
    print(tr("  0. a new learner named “{name}”", name=match.name))
    while True:
        answer = input(tr("Which is it? ")).strip()
        if answer.isdigit() and 0 <= int(answer) <= len(match.close):
            return None if answer == "0" else match.close[int(answer) - 1][0]
        print(tr("Type a number from 0 to {last}.", last=len(match.close)))
