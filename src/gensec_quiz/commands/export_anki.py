"""`gensec-quiz export-anki SET.json --out deck.apkg`: the facts of a set as an Anki deck."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gensec_quiz.domain.errors import CommandError
from gensec_quiz.i18n import ntr, tr

if TYPE_CHECKING:
    from gensec_quiz.domain.records import RecordSet


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export-anki",
        help=tr("write a set's date and multiple-choice facts as an Anki deck"),
        description=tr("Write an Anki deck (.apkg) with one note per fact behind the set's "
                       "date and multiple-choice questions: the question on the front; the "
                       "answer, the explanation and the sources on the back. The same set "
                       "always gives the same notes, so Anki updates them on a new import."),
    )
    parser.add_argument("question_set", type=Path, metavar="SET.json",
                        help=tr("a question set (.json)"))
    parser.add_argument("--out", type=Path, required=True, metavar="DECK.apkg",
                        help=tr("the deck file to write"))
    parser.add_argument("--records", action="append", default=[], type=Path, metavar="PATH",
                        help=tr("the record set the questions rest on, for the sources' titles "
                                "(default: the built-in one, when the set names it)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, *, now: float | None = None) -> int:
    from gensec_quiz.bank.anki import write_anki_deck
    from gensec_quiz.bank.builtin import load_records
    from gensec_quiz.bank.questions_json import load_question_set
    from gensec_quiz.bank.textfiles import refuse_learner_files

    refuse_learner_files(args.out, args.data.root)  # never over the learners' data
    if args.out.suffix.lower() != ".apkg":
        raise CommandError(tr("--out must name an .apkg file (got '{file}').", file=args.out))
    question_set = load_question_set(args.question_set)
    records: RecordSet | None = load_records(args.records)
    if not args.records and records is not None and records.id != question_set.records:
        records = None  # the built-in records are not the ones this set rests on
    try:
        count = write_anki_deck(question_set, args.out, records=records,
                                now=time.time() if now is None else now)
    except OSError as error:
        raise CommandError(tr("Cannot write {file}: {reason}.", file=args.out,
                              reason=error.strerror)) from None
    if count == 0:
        print(tr("Note: the set has no date or multiple-choice question, so the deck is "
                 "empty."), file=sys.stderr)
    print(ntr("{count} note written to {file}.", "{count} notes written to {file}.", count,
              file=args.out), file=sys.stderr)
    return 0
