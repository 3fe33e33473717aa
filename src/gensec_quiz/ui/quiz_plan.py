"""What the Home screen hands the Quiz screen, and where question sets are found and kept."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from gensec_quiz import paths
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.domain.session import (
    Answer,
    Mode,
    QuizSession,
    grade_answer,
    response_from_dict,
)

_log = logging.getLogger(__name__)
RETRIES_FOLDER = "retries"


@dataclass(frozen=True)
class QuizPlan:
    """A quiz to start (or to resume, when `resume_session_id` is set)."""

    question_set: QuestionSet
    mode: Mode = Mode.PRACTICE
    all_or_nothing: bool = False
    time_limit: timedelta | None = None
    resume_session_id: int | None = None
    previous: tuple[Answer, ...] = ()


@dataclass
class QuizOutcome:
    """A finished (or ended) quiz, for the Results screen."""

    plan: QuizPlan
    session: QuizSession
    session_id: int | None
    saved: bool = True
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SetEntry:
    """A question set on disk, as listed on the Home screen."""

    path: Path
    id: str
    title: str
    count: int
    own: bool


def set_folders() -> tuple[tuple[Path, bool], ...]:
    """(folder, is the user's own) in the order they are listed."""
    own = paths.user_sets_dir()
    return ((paths.question_bank_dir(), False), (own, True), (own / RETRIES_FOLDER, True))


def _peek(path: Path, own: bool) -> SetEntry | None:
    """Id, title and size of a question set file, without building its questions."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != "gensec-quiz/question-set":
        return None
    questions = data.get("questions")
    count = len(questions) if isinstance(questions, list) else 0
    return SetEntry(path, str(data.get("id", path.stem)), str(data.get("title", path.stem)),
                    count, own)


def ready_sets(*, include_retries: bool = False) -> list[SetEntry]:
    """The question sets shipped with the app, then the user's own."""
    entries: list[SetEntry] = []
    for folder, own in set_folders():
        if folder.name == RETRIES_FOLDER and not include_retries:
            continue
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
            entry = _peek(path, own)
            if entry is not None and entry.count > 0:
                entries.append(entry)
    return entries


def load_set(path: Path) -> QuestionSet:
    from gensec_quiz.bank.questions_json import load_question_set

    return load_question_set(path)


def find_set(set_id: str) -> QuestionSet | None:
    """The question set with this id, wherever it is kept; None when it is gone."""
    for entry in ready_sets(include_retries=True):
        if entry.id == set_id:
            try:
                return load_set(entry.path)
            except InputError:
                _log.warning("question set %s cannot be read", entry.path)
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "set"


def save_own_set(question_set: QuestionSet, *, retry: bool = False) -> Path:
    """Keep a set the app made, so that a session on it can be resumed."""
    from gensec_quiz.bank.questions_json import save_question_set

    folder = paths.user_sets_dir() / (RETRIES_FOLDER if retry else "")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_slug(question_set.id)}.json"
    save_question_set(question_set, path)
    return path


def rebuild_answers(
    question_set: QuestionSet, records: Iterable[Any], *, all_or_nothing: bool = False
) -> tuple[Answer, ...]:
    """Answers saved in the database, graded again, for resuming a session."""
    by_id = {question.id: question for question in question_set.questions}
    answers = []
    for record in records:
        question = by_id.get(record.question_id)
        if question is None:
            continue
        answered_at: datetime = record.answered_at
        answers.append(grade_answer(
            question, response_from_dict(record.response), seconds=float(record.seconds or 0.0),
            answered_at=answered_at, all_or_nothing=all_or_nothing))
    return tuple(answers)


def basis_of(question_basis: Sequence[Any]) -> list[dict[str, str]]:
    return [{"record": ref.record, "field": ref.field} for ref in question_basis]
