"""`gensec-quiz validate FILE...`: check record sets, CSV files and question sets."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import ntr, tr

if TYPE_CHECKING:
    from gensec_quiz.domain.questions import QuestionSet
    from gensec_quiz.domain.records import RecordSet

RECORDS_FORMAT = "gensec-quiz/records"
QUESTION_SET_FORMAT = "gensec-quiz/question-set"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help=tr("check record sets, CSV files and question sets"),
        description=tr("Check each file and say what is wrong, and where. "
                       "Exit status 1 when any file is bad."),
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help=tr("a .json record set or question set, or a .csv file"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    bad = 0
    for path in args.files:
        try:
            summary = check_file(path)
        except InputError as error:
            bad += 1
            for problem in error.problems:
                print(str(problem), file=sys.stderr)
            continue
        print(tr("{file}: ok ({summary})", file=path, summary=summary))
    return 1 if bad else 0


def check_file(path: Path) -> str:
    """Check one file; a short description of it when good, InputError with every problem."""
    if path.suffix.lower() == ".csv":
        from gensec_quiz.bank.csv_records import load_records_csv

        return _describe_csv(load_records_csv([path]))
    from gensec_quiz.bank.records_json import read_json_file, record_set_from_dict

    data = read_json_file(path)
    kind = data.get("format") if isinstance(data, dict) else None
    if kind == RECORDS_FORMAT:
        return _describe_records(record_set_from_dict(data, where=str(path)))
    if kind == QUESTION_SET_FORMAT:
        from gensec_quiz.bank.questions_json import question_set_from_dict

        return _describe_questions(question_set_from_dict(data, where=str(path)))
    raise InputError([Problem(str(path), tr(
        "is not a GenSec Quiz file: its \"format\" must be \"{records}\" or \"{questions}\" "
        "(found {found})",
        records=RECORDS_FORMAT, questions=QUESTION_SET_FORMAT,
        found=tr("none") if kind is None else repr(kind)))])


def _describe_csv(records: RecordSet) -> str:
    if records.tenures:
        return tr("tenure CSV file, {tenures}", tenures=_tenures(len(records.tenures)))
    return tr("event CSV file, {events}", events=_events(len(records.events)))


def _tenures(count: int) -> str:
    return ntr("{count} tenure", "{count} tenures", count)


def _events(count: int) -> str:
    return ntr("{count} event", "{count} events", count)


def _describe_records(records: RecordSet) -> str:
    counts = ", ".join((
        _tenures(len(records.tenures)),
        _events(len(records.events)),
        ntr("{count} office name", "{count} office names", len(records.offices)),
        ntr("{count} conflict", "{count} conflicts", len(records.conflicts)),
        ntr("{count} source", "{count} sources", len(records.sources)),
    ))
    return tr("record set '{id}': {counts}", id=records.id, counts=counts)


def _describe_questions(question_set: QuestionSet) -> str:
    kinds = Counter(q.type for q in question_set.questions)
    detail = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    count = ntr("{count} question", "{count} questions", len(question_set.questions))
    return tr("question set '{id}' on records '{records}': {count} ({detail})",
              id=question_set.id, records=question_set.records, count=count,
              detail=detail or tr("none"))
