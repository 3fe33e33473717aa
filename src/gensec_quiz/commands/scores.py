"""`gensec-quiz scores [--learner NAME] [--csv FILE]`: the class's scores, or one learner's."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gensec_quiz.domain.errors import CommandError
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from gensec_quiz.storage import Store


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scores", help=tr("show the learners' scores, or export them as CSV"),
        description=tr("Show every learner's sessions and scores (or one learner's), as a "
                       "table or as a CSV file that is safe to open in a spreadsheet."))
    parser.add_argument("--learner", metavar="NAME", help=tr("only this learner"))
    parser.add_argument("--csv", type=Path, metavar="FILE",
                        help=tr("write one row per session to FILE ('-' for the screen)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gensec_quiz.bank.textfiles import refuse_learner_files
    from gensec_quiz.storage import open_store

    refuse_learner_files(args.csv, args.data.root)
    if not args.data.has_store():
        print(tr("No scores yet: there is no learner database at {path}.",
                 path=args.data.database))
        return 0
    store = open_store(args.data.store_target, backups_dir=args.data.backups)
    try:
        learner_id = _learner_id(store, args.learner)
        if args.csv is not None:
            return _export(store, learner_id, args.csv)
        lines = _overview(store) if learner_id is None else _learner(store, learner_id)
    finally:
        store.close()
    print("\n".join(lines))
    return 0


def _learner_id(store: Store, name: str | None) -> int | None:
    if name is None:
        return None
    found = store.learner_by_name(name)
    if found is None:
        raise CommandError(tr("There is no learner named “{name}”.", name=name))
    return found.id


def _export(store: Store, learner_id: int | None, target: Path) -> int:
    from gensec_quiz.storage.export import write_sessions_csv

    sessions = store.class_sessions(learner_id=learner_id)
    if str(target) == "-":
        write_sessions_csv(sys.stdout, sessions)
        return 0
    partial: Path | None = None
    try:
        # A short temporary name of its own: a long FILE fails once, and nothing is left.
        descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=".scores-",
                                            suffix=".partial")
        partial = Path(name)
        # utf-8-sig: spreadsheets then read Cyrillic and accented names correctly.
        with os.fdopen(descriptor, "w", encoding="utf-8-sig", newline="") as out:
            count = write_sessions_csv(out, sessions)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(target)
    except OSError as error:
        if partial is not None:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
        raise CommandError(tr("{path}: cannot write the scores: {reason}", path=target,
                              reason=error.strerror or error)) from None
    print(tr("Wrote {count} sessions to {path}.", count=count, path=target))
    return 0


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def _overview(store: Store) -> list[str]:
    rows = [[row.name, str(row.sessions), str(row.finished), _score(row.mean_score),
             _score(row.best_score), _score(row.last_score), _when(row.last_at)]
            for row in store.class_overview()]
    if not rows:
        return [tr("No learners yet.")]
    header = [tr("learner"), tr("sessions"), tr("finished"), tr("mean"), tr("best"),
              tr("last"), tr("last session (UTC)")]
    return table(header, rows)


def _learner(store: Store, learner_id: int) -> list[str]:
    info = store.learner(learner_id)
    sessions = store.class_sessions(learner_id=learner_id)
    lines = [tr("Learner: {name}", name=info.name), ""]
    if not sessions:
        return [*lines, tr("No sessions yet.")]
    header = [tr("started (UTC)"), tr("question set"), tr("mode"), tr("answered"),
              tr("score")]
    rows = [[_when(s.started_at), s.title or s.question_set_id, s.mode,
             f"{s.answered}/{s.question_count}", _score(s.score)] for s in sessions]
    lines += table(header, rows)
    accuracy = store.accuracy_by_type(learner_id)
    if accuracy:
        lines += ["", *table([tr("question type"), tr("answers"), tr("fully right"), tr("mean")],
                             [[a.question_type, str(a.answers), str(a.right),
                               _score(a.mean_score)] for a in accuracy])]
    return lines


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned columns two spaces apart, a rule under the header."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]
