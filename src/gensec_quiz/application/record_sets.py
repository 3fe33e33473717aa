"""Record sets a teacher imported, kept as record-set JSON in the data folder, and the check of a
question set against the record set it names (shared by `gensec-quiz validate` and the Build tab).

A question set names its record set by id; keeping each import under `records/` in the data
folder lets a set built from it be reloaded, regenerated and exported later.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import (
    BasisRef,
    MatchingQuestion,
    OrderingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.paths import DataFolder

_log = logging.getLogger(__name__)
RECORDS_FORMAT = "gensec-quiz/records"


@dataclass(frozen=True)
class RecordSetEntry:
    """A record set the teacher can choose: the built-in one (no path) or a kept import."""

    id: str
    title: str
    path: Path | None = None

    @property
    def builtin(self) -> bool:
        return self.path is None


def _digest(files: Sequence[Path]) -> str:
    """A short fingerprint of the files' bytes: an edited spreadsheet gives a new id."""
    hasher = hashlib.blake2b(digest_size=4)
    for path in files:
        try:
            hasher.update(Path(path).read_bytes())
        except OSError:  # the CSV reader reports it, with the file's name
            hasher.update(str(path).encode("utf-8"))
    return hasher.hexdigest()


def import_csv(files: Sequence[Path], *, title: str = "") -> RecordSet:
    """Tenure and event CSV files as one record set; InputError lists every problem."""
    from gensec_quiz.bank.csv_ids import slug
    from gensec_quiz.bank.csv_records import load_records_csv

    title = title.strip()
    base = slug(title or " ".join(Path(p).stem for p in files), max_length=40)
    return load_records_csv(list(files), record_set_id=f"{base}-{_digest(files)}",
                            title=title or None)


def _peek(path: Path) -> RecordSetEntry | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != RECORDS_FORMAT:
        return None
    return RecordSetEntry(str(data.get("id", path.stem)), str(data.get("title", path.stem)),
                          path)


class RecordSetLibrary:
    """The built-in record set (`builtin`, loaded on demand) and the imports kept in `folder`."""

    def __init__(self, folder: DataFolder, builtin: Callable[[], RecordSet]) -> None:
        self.folder = folder
        self.builtin = builtin

    def keep(self, records: RecordSet) -> Path:
        """Save an imported record set in the data folder (replacing one with the same id)."""
        from gensec_quiz.bank.records_json import save_record_set

        folder = self.folder.record_sets
        path = folder / f"{records.id}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            save_record_set(records, path)
        except OSError as error:
            raise InputError([Problem(str(path), tr(
                "the record set could not be saved ({reason})",
                reason=error.strerror or error))]) from None
        return path

    def kept(self) -> list[RecordSetEntry]:
        """The imports kept in the data folder, by title."""
        folder = self.folder.record_sets
        entries = [_peek(path) for path in sorted(folder.glob("*.json"))] if folder.is_dir() else []
        return sorted((e for e in entries if e is not None), key=lambda e: (e.title.lower(), e.id))

    def load(self, entry: RecordSetEntry) -> RecordSet:
        """The record set an entry names; InputError when its file is no longer readable."""
        if entry.path is None:
            return self.builtin()
        from gensec_quiz.bank.records_json import load_record_set

        return load_record_set(entry.path)

    def find(self, record_set_id: str) -> RecordSet | None:
        """The built-in or kept record set with this id; None when there is none."""
        try:
            records = self.builtin()
            if records.id == record_set_id:
                return records
        except (InputError, OSError):
            _log.warning("built-in records not readable")
        for entry in self.kept():
            if entry.id == record_set_id:
                try:
                    return self.load(entry)
                except InputError:
                    _log.warning("kept record set %s cannot be read", entry.path)
        return None

    def read_checked(self, path: Path) -> tuple[QuestionSet, RecordSet | None]:
        """A question set file, checked whole, and against its record set when that is here
        (then also returned); InputError listing every problem."""
        from gensec_quiz.bank.questions_json import load_question_set

        question_set = load_question_set(path)
        records = self.find(question_set.records)
        if records is not None:
            problems = list(check_against_records(question_set, records, where=str(path)))
            if problems:
                raise InputError(problems)
        return question_set, records


# Question set against its record set -----------------------------------------------------------


def check_against_records(
    question_set: QuestionSet, records: RecordSet, *, where: str
) -> Iterator[Problem]:
    """Every basis names a record and one of its fields; every source is one of the set's."""
    source_ids = {s.id for s in records.sources}
    for i, question in enumerate(question_set.questions):
        for path, basis in _bases(question, f"questions[{i}]"):
            message = _basis_problem(basis, records)
            if message:
                yield Problem(f"{where}: {path}", message)
        for j, ref in enumerate(question.sources):
            if ref.source not in source_ids:
                yield Problem(f"{where}: questions[{i}].sources[{j}].source", tr(
                    "'{source}' is not a source of record set '{id}'",
                    source=ref.source, id=records.id))


def _bases(question: Question, path: str) -> Iterator[tuple[str, BasisRef]]:
    for j, basis in enumerate(question.basis):
        yield f"{path}.basis[{j}]", basis
    parts: tuple[tuple[str, tuple[BasisRef, ...]], ...] = ()
    if isinstance(question, OrderingQuestion):
        parts = tuple(("items", item.basis) for item in question.items)
    elif isinstance(question, MatchingQuestion):
        parts = tuple(("pairs", pair.basis) for pair in question.pairs)
    for k, (name, bases) in enumerate(parts):
        for j, basis in enumerate(bases):
            yield f"{path}.{name}[{k}].basis[{j}]", basis


def _basis_problem(basis: BasisRef, records: RecordSet) -> str:
    if not records.has_record(basis.record):
        return tr("'{record}' is not a record of record set '{id}'",
                  record=basis.record, id=records.id)
    record = records.record(basis.record)
    fields = [f.name for f in dataclasses.fields(record) if f.name not in ("id", "sources")]
    if basis.field not in fields:
        return tr("'{record}' has no field '{field}' (it has {fields})",
                  record=basis.record, field=basis.field, fields=", ".join(fields))
    return ""
