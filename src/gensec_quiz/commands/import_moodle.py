"""`gensec-quiz import FILE.xml [--out SET.json]`: a Moodle XML file as a question set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gensec_quiz.domain.errors import CommandError, Problem
from gensec_quiz.i18n import ntr, tr


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help=tr("read a Moodle XML file into a question set"),
        description=tr("Read the ordering, matching, numerical, multiple-choice and "
                       "short-answer date questions of a Moodle XML file (exported by GenSec "
                       "Quiz, by Moodle or by another system) and write them as a question "
                       "set. Every question is kept, or named with the reason; nothing is "
                       "written when the file cannot be used."),
    )
    parser.add_argument("file", type=Path, metavar="FILE.xml",
                        help=tr("the Moodle XML file"))
    parser.add_argument("--out", type=Path, metavar="SET.json",
                        help=tr("write the question set to SET.json instead of the standard "
                                "output"))
    parser.add_argument("--keep-readable", action="store_true",
                        help=tr("write the questions that could be read even when some could "
                                "not (each one left out is named on the standard error)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gensec_quiz.application.moodle_import import read_moodle_file
    from gensec_quiz.bank.questions_json import dump_question_set
    from gensec_quiz.bank.textfiles import refuse_learner_files, write_text_atomically
    from gensec_quiz.domain.errors import InputError

    refuse_learner_files(args.out, args.data.root)  # never over the learners' data
    found = read_moodle_file(args.file)
    if found.left_out and not args.keep_readable:
        raise InputError((*found.left_out, *(() if not found.question_set.questions else (
            _hint(len(found.question_set.questions)),))))
    text = dump_question_set(found.question_set)
    if args.out is None:
        sys.stdout.write(text)
    else:
        try:
            write_text_atomically(args.out, text)
        except OSError as error:
            raise CommandError(tr("Cannot write {file}: {reason}.", file=args.out,
                                  reason=error.strerror)) from None
    for problem in found.left_out:
        print(tr("Left out: {problem}", problem=problem), file=sys.stderr)
    if args.out is not None:
        print(ntr("{count} question written to {file}.", "{count} questions written to {file}.",
                  len(found.question_set.questions), file=args.out), file=sys.stderr)
    return 0


def _hint(count: int) -> Problem:
    return Problem("", ntr("Nothing was written; --keep-readable writes the {count} question "
                           "that could be read.",
                           "Nothing was written; --keep-readable writes the {count} questions "
                           "that could be read.", count))
