"""`gensec-quiz validate FILE...`: check record sets, CSV files and question sets.

A question set is also checked against the record set it names (`"records"`) when that record
set is one of the files given or the built-in one: every basis and source must exist there.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from gensec_quiz.application.record_sets import check_against_records
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import ntr, tr

RECORDS_FORMAT = "gensec-quiz/records"
QUESTION_SET_FORMAT = "gensec-quiz/question-set"

Checked = tuple[str, RecordSet | QuestionSet]  # ("csv" | "records" | "questions", content)


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
    good: list[tuple[Path, Checked]] = []
    bad = 0
    for path in args.files:
        try:
            good.append((path, check_file(path)))
        except InputError as error:
            bad += 1
            _print_problems(error.problems)
    record_sets = {c.id: c for _, (kind, c) in good if isinstance(c, RecordSet) and kind != "csv"}
    for path, (kind, content) in good:
        summary = _describe(kind, content)
        if isinstance(content, QuestionSet):
            records = record_sets.get(content.records) or _builtin_if_named(content.records)
            if records is not None:
                problems = list(check_against_records(content, records, where=str(path)))
                if problems:
                    bad += 1
                    _print_problems(problems)
                    continue
                summary += tr("; every basis found in record set '{id}'", id=records.id)
        print(tr("{file}: ok ({summary})", file=path, summary=summary))
    return 1 if bad else 0


def _print_problems(problems: Any) -> None:
    for problem in problems:
        print(str(problem), file=sys.stderr)


def check_file(path: Path) -> Checked:
    """Read one file of any kind; InputError with every problem when it is bad."""
    if path.suffix.lower() == ".csv":
        from gensec_quiz.bank.csv_records import load_records_csv

        return "csv", load_records_csv([path])
    from gensec_quiz.bank.records_json import read_json_file, record_set_from_dict

    data = read_json_file(path)
    kind = data.get("format") if isinstance(data, dict) else None
    if kind == RECORDS_FORMAT:
        return "records", record_set_from_dict(data, where=str(path))
    if kind == QUESTION_SET_FORMAT:
        from gensec_quiz.bank.questions_json import question_set_from_dict

        return "questions", question_set_from_dict(data, where=str(path))
    raise InputError([Problem(str(path), tr(
        "is not a GenSec Quiz file: its \"format\" must be \"{records}\" or \"{questions}\" "
        "(found {found})",
        records=RECORDS_FORMAT, questions=QUESTION_SET_FORMAT,
        found=tr("none") if kind is None else repr(kind)))])


def _builtin_if_named(records_id: str) -> RecordSet | None:
    from gensec_quiz.bank.builtin import builtin_records

    try:
        records = builtin_records()
    except InputError:
        return None
    return records if records.id == records_id else None


# ---------------------------------------------------------------- descriptions


def _describe(kind: str, content: RecordSet | QuestionSet) -> str:
    if isinstance(content, QuestionSet):
        return _describe_questions(content)
    return _describe_csv(content) if kind == "csv" else _describe_records(content)


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
