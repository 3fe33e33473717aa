"""Where record sets come from: the built-in one, or a user's `.json` or `.csv` files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gensec_quiz import paths
from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr


def builtin_records() -> RecordSet:
    """The record set extracted from the five seed documents, as shipped with the app."""
    path = paths.builtin_records_path()
    if not path.is_file():
        raise InputError([Problem(str(path), tr(
            "the built-in record set is missing; run 'gensec-quiz extract' to build it"))])
    return load_record_set(path)


def load_any_records(path: Path) -> RecordSet:
    """A record set from a `.json` record-set file or a `.csv` tenure or event file."""
    return load_records([path])


def load_records(sources: Sequence[Path]) -> RecordSet:
    """The built-in records when `sources` is empty; else one `.json` file or some `.csv` files."""
    if not sources:
        return builtin_records()
    kinds = {_kind(path) for path in sources}
    if kinds == {"csv"}:
        return load_records_csv(sources)
    if kinds == {"json"} and len(sources) == 1:
        return load_record_set(sources[0])
    problems = [
        Problem(str(path), tr("is neither a .json record set nor a .csv file"))
        for path in sources
        if _kind(path) is None
    ]
    if not problems:
        problems = [Problem("", tr(
            "give one .json record set, or one or more .csv files, not both"))]
    raise InputError(problems)


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return {".json": "json", ".csv": "csv"}.get(suffix)
