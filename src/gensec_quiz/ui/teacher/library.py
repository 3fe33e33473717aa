"""Record sets a teacher imported, kept as record-set JSON in the user's folder.

A question set names its record set by id; keeping each import under `records/` in the data
folder lets a set built from it be reloaded, regenerated and exported later.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gensec_quiz import paths
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import RecordSet

_log = logging.getLogger(__name__)
RECORDS_FOLDER = "records"


@dataclass(frozen=True)
class RecordSetEntry:
    """A record set the teacher can choose: the built-in one (no path) or a kept import."""

    id: str
    title: str
    path: Path | None = None

    @property
    def builtin(self) -> bool:
        return self.path is None


def records_folder() -> Path:
    return paths.data_dir() / RECORDS_FOLDER


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


def keep(records: RecordSet) -> Path:
    """Save an imported record set in the user's folder (replacing one with the same id)."""
    from gensec_quiz.bank.records_json import save_record_set

    folder = records_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{records.id}.json"
    save_record_set(records, path)
    return path


def _peek(path: Path) -> RecordSetEntry | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != "gensec-quiz/records":
        return None
    return RecordSetEntry(str(data.get("id", path.stem)), str(data.get("title", path.stem)),
                          path)


def kept_record_sets() -> list[RecordSetEntry]:
    """The imports kept in the user's folder, by title."""
    folder = records_folder()
    entries = [_peek(path) for path in sorted(folder.glob("*.json"))] if folder.is_dir() else []
    return sorted((e for e in entries if e is not None), key=lambda e: (e.title.lower(), e.id))


def load_entry(entry: RecordSetEntry, builtin: Callable[[], RecordSet]) -> RecordSet:
    """The record set an entry names; InputError when its file is no longer readable."""
    if entry.path is None:
        return builtin()
    from gensec_quiz.bank.records_json import load_record_set

    return load_record_set(entry.path)


def find_records(record_set_id: str, builtin: Callable[[], RecordSet]) -> RecordSet | None:
    """The built-in or kept record set with this id; None when there is none."""
    try:
        records = builtin()
        if records.id == record_set_id:
            return records
    except (InputError, OSError):
        _log.warning("built-in records not readable")
    for entry in kept_record_sets():
        if entry.id == record_set_id:
            try:
                return load_entry(entry, builtin)
            except InputError:
                _log.warning("kept record set %s cannot be read", entry.path)
    return None
