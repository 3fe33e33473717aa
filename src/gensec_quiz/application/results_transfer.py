"""Results by USB stick: each PC writes its learners' results to a file; the teacher's PC merges
the files. Learners are matched by name, and a name that is only close to one here (“Ana” and
“Anna”) is asked about, never guessed. Merging is idempotent (see `storage.transfer`).

The file (`format: gensec-quiz-results`, `version: 1`) is JSON; a file from a newer version is
refused with a sentence, as is anything else that is not such a file.
"""

from __future__ import annotations

import difflib
import json
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gensec_quiz import __version__
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import tr

if TYPE_CHECKING:  # the ORM is imported when a function needs it, never with this module
    from gensec_quiz.storage import Store
    from gensec_quiz.storage.transfer import LearnerResults, MergeCounts

FORMAT = "gensec-quiz-results"
VERSION = 1
MAX_FILE_BYTES = 256 * 1024 * 1024  # a whole computer room's year fits many times over

# -- the file -----------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Answer(_Strict):
    question_id: Annotated[str, Field(min_length=1, max_length=200)]
    question_type: Annotated[str, Field(min_length=1, max_length=40)]
    basis: list[tuple[str, str]]
    response: dict[str, Any]
    score: Annotated[float, Field(ge=0, le=1)]
    seconds: Annotated[float, Field(ge=0)] | None = None
    answered_at: datetime
    facts: list[tuple[str, str, Annotated[float, Field(ge=0, le=1)]]]


class _Session(_Strict):
    question_set_id: Annotated[str, Field(min_length=1, max_length=200)]
    title: Annotated[str, Field(max_length=500)]
    mode: Annotated[str, Field(min_length=1, max_length=40)]
    question_count: Annotated[int, Field(ge=0, le=10_000)]
    started_at: datetime
    finished_at: datetime | None = None
    score: Annotated[float, Field(ge=0, le=1)] | None = None
    time_limit_seconds: Annotated[int, Field(gt=0)] | None = None
    all_or_nothing: bool = False
    answers: list[_Answer]


class _Learner(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    created_at: datetime
    sessions: list[_Session]


class _ResultsFile(_Strict):
    format: Literal["gensec-quiz-results"]
    version: Literal[1]
    app_version: str
    exported_at: datetime
    learners: list[_Learner]


@dataclass(frozen=True, slots=True)
class ResultsFile:
    """One PC's results as read from a file."""

    path: Path
    exported_at: datetime
    learners: tuple[LearnerResults, ...]


def export_results(store: Store, target: Path, *, now: datetime, data_root: Path) -> int:
    """Write every learner's results to `target` (atomically, readable by its owner only);
    the number of answers written. Never overwrites the learners' own data files."""
    from gensec_quiz.bank.textfiles import refuse_learner_files, write_text_atomically

    refuse_learner_files(target, data_root)
    learners = store.collect_results()
    document = {
        "format": FORMAT, "version": VERSION, "app_version": __version__,
        "exported_at": now.isoformat(),
        "learners": [_learner_dict(learner) for learner in learners],
    }
    try:
        write_text_atomically(target, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        os.chmod(target, 0o600)
    except OSError as error:
        raise InputError([Problem(str(target), tr(
            "cannot be written ({reason})", reason=error.strerror or str(error)))]) from None
    return sum(len(s.answers) for learner in learners for s in learner.sessions)


def _learner_dict(learner: LearnerResults) -> dict[str, Any]:
    return {
        "name": learner.name, "created_at": learner.created_at.isoformat(),
        "sessions": [{
            "question_set_id": s.question_set_id, "title": s.title, "mode": s.mode,
            "question_count": s.question_count, "started_at": s.started_at.isoformat(),
            "finished_at": None if s.finished_at is None else s.finished_at.isoformat(),
            "score": s.score, "time_limit_seconds": s.time_limit_seconds,
            "all_or_nothing": s.all_or_nothing,
            "answers": [{
                "question_id": a.question_id, "question_type": a.question_type,
                "basis": [list(pair) for pair in a.basis], "response": a.response,
                "score": a.score, "seconds": a.seconds,
                "answered_at": a.answered_at.isoformat(),
                "facts": [[f.record, f.field, f.score] for f in a.facts],
            } for a in s.answers],
        } for s in learner.sessions],
    }


def read_results(path: Path) -> ResultsFile:
    """A results file, or `InputError` with one located sentence: not JSON, not a results
    file, written by a newer version, or a value out of place."""
    from gensec_quiz.bank.json_checks import parse_json
    from gensec_quiz.bank.textfiles import read_user_text
    from gensec_quiz.storage.validation import name_key

    where = str(path)
    data = parse_json(read_user_text(path, max_bytes=MAX_FILE_BYTES), where)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError([Problem(where, tr(
            "is not a GenSec Quiz results file (made with “gensec-quiz results export”)"))])
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise InputError([Problem(where, tr(
            "was written by a newer version of GenSec Quiz (results format {found}; this one "
            "reads format {known}): update GenSec Quiz on this PC first",
            found=version, known=VERSION))])
    try:
        model = _ResultsFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(str(part) for part in first["loc"])
        raise InputError([Problem(f"{where}: {place}", first["msg"])]) from None
    names: set[str] = set()
    for learner in model.learners:
        key = name_key(learner.name)
        if key in names:
            raise InputError([Problem(where, tr(
                "names the learner “{name}” twice", name=learner.name))])
        names.add(key)
    return ResultsFile(path=path, exported_at=model.exported_at, learners=tuple(
        _learner(learner) for learner in model.learners))


def _learner(model: _Learner) -> LearnerResults:
    from gensec_quiz.storage.transfer import (
        AnswerResult,
        FactResult,
        LearnerResults,
        SessionResult,
    )

    return LearnerResults(name=model.name, created_at=model.created_at, sessions=tuple(
        SessionResult(
            question_set_id=s.question_set_id, title=s.title, mode=s.mode,
            question_count=s.question_count, started_at=s.started_at,
            finished_at=s.finished_at, score=s.score, time_limit_seconds=s.time_limit_seconds,
            all_or_nothing=s.all_or_nothing, answers=tuple(
                AnswerResult(
                    question_id=a.question_id, question_type=a.question_type,
                    basis=tuple(a.basis), response=a.response, score=a.score,
                    seconds=a.seconds, answered_at=a.answered_at,
                    facts=tuple(FactResult(r, f, score) for r, f, score in a.facts))
                for a in s.answers))
        for s in model.sessions))


# -- matching learners ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How one name in the files meets the learners here: `same` (the id of the learner with
    that very name), or `close` (learners whose names are only close: ask), or neither (new)."""

    name: str
    same: int | None
    close: tuple[tuple[int, str], ...]

    @property
    def unsure(self) -> bool:
        return self.same is None and bool(self.close)


def _loose(name: str) -> str:
    """A name without case, accents, spaces or punctuation: “Zoé D.” → “zoed”."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _close(a: str, b: str) -> bool:
    loose_a, loose_b = _loose(a), _loose(b)
    if not loose_a or not loose_b:
        return False
    if loose_a == loose_b:
        return True
    words_a, words_b = a.casefold().split(), b.casefold().split()
    if words_a[0] == words_b[0] and (len(words_a) > 1 or len(words_b) > 1):
        return True  # "Anna" and "Anna S."
    return difflib.SequenceMatcher(None, loose_a, loose_b).ratio() >= 0.8


def match_names(store: Store, names: Iterable[str]) -> list[NameMatch]:
    """Each name (once, in order) matched against the learners here."""
    from gensec_quiz.storage.validation import name_key

    here = store.learners()
    by_key = {name_key(learner.name): learner.id for learner in here}
    matches: list[NameMatch] = []
    seen: set[str] = set()
    for name in names:
        key = name_key(name)
        if key in seen:
            continue
        seen.add(key)
        same = by_key.get(key)
        close = () if same is not None else tuple(
            (learner.id, learner.name) for learner in here if _close(name, learner.name))
        matches.append(NameMatch(name=name, same=same, close=close))
    return matches


# -- importing ----------------------------------------------------------------------------------

# Asked for each unsure name: the learner id it is, or None for a new learner.
Decide = Callable[[NameMatch], int | None]


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    files: int
    counts: MergeCounts

    def sentence(self) -> str:
        counts = self.counts
        if counts.nothing_new():
            return tr("Nothing new: every result in {files} file(s) was already here.",
                      files=self.files)
        return tr("Imported {answers} answer(s) in {sessions} new quiz(zes) from {files} "
                  "file(s); {learners} new learner(s); {finished} quiz(zes) finished elsewhere.",
                  answers=counts.answers, sessions=counts.sessions, files=self.files,
                  learners=counts.learners, finished=counts.finished)


def import_results(store: Store, paths: Sequence[Path], decide: Decide) -> ImportOutcome:
    """Read every file first (one bad file: nothing is imported), match the names, ask
    `decide` about each unsure one, then merge all files in one transaction each."""
    files = [read_results(path) for path in paths]
    incoming = _combined(files)
    targets: dict[str, int | None] = {}
    for match in match_names(store, (learner.name for learner in incoming)):
        targets[match.name] = match.same if match.same is not None else (
            decide(match) if match.unsure else None)
    counts = store.merge_results(incoming, targets)
    return ImportOutcome(files=len(files), counts=counts)


def _combined(files: Sequence[ResultsFile]) -> list[LearnerResults]:
    """One entry per learner name across files (the same learner on several PCs)."""
    from gensec_quiz.storage.transfer import LearnerResults
    from gensec_quiz.storage.validation import name_key

    merged: dict[str, LearnerResults] = {}
    for results in files:
        for learner in results.learners:
            key = name_key(learner.name)
            if key in merged:
                earlier = merged[key]
                merged[key] = LearnerResults(name=earlier.name, created_at=min(
                    earlier.created_at, learner.created_at),
                    sessions=earlier.sessions + learner.sessions)
            else:
                merged[key] = learner
    return list(merged.values())
