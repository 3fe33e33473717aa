"""The optional `classroom` key of a question set: the teacher's lock to a mode.

`{"mode": "exam", "time_limit_minutes": 20, "all_or_nothing": false}` makes the Home screen
start the set in that mode with those options, whatever the learner picks; a set without the
key is started as the learner chooses (and reads as before).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import tr

CLASSROOM_KEY = "classroom"


@dataclass(frozen=True, slots=True)
class ClassroomLock:
    """How every learner takes the set: the mode, a time limit (exam), all or nothing (exam)."""

    mode: str = "exam"
    time_limit_minutes: int | None = None
    all_or_nothing: bool = False


def classroom_to_dict(lock: ClassroomLock) -> dict[str, Any]:
    return {"mode": lock.mode, "time_limit_minutes": lock.time_limit_minutes,
            "all_or_nothing": lock.all_or_nothing}


def classroom_problems(data: Any) -> tuple[ClassroomLock | None, list[tuple[str, str]]]:
    """The lock, and every problem as (JSON path, message), checked by the format's model."""
    # The model (pydantic) is imported only when a set has a lock: Home asks every set for
    # its lock, and most sets have none.
    from gensec_quiz.bank.json_checks import Findings
    from gensec_quiz.bank.question_set_model import LOCK_EXAMPLE, ClassroomModel

    if not isinstance(data, dict):
        return None, [(CLASSROOM_KEY, tr("must be an object such as {example}",
                                         example=LOCK_EXAMPLE))]
    found = Findings()
    model = found.validate(ClassroomModel, data, CLASSROOM_KEY)
    if model is None:
        return None, [(p.where, p.message) for p in found.problems]
    return ClassroomLock(model.mode, model.time_limit_minutes, model.all_or_nothing), []


def read_classroom(data: Any, where: str = "") -> ClassroomLock | None:
    """The lock of a question set's JSON object (None without one); InputError when bad."""
    if not isinstance(data, dict) or data.get(CLASSROOM_KEY) is None:
        return None
    lock, problems = classroom_problems(data[CLASSROOM_KEY])
    if problems:
        raise InputError([Problem(f"{where}: {path}" if where else path, message)
                          for path, message in problems])
    return lock


def load_classroom(path: Path) -> ClassroomLock | None:
    """The lock kept in a question-set file; None when there is none or the file is unreadable
    (reading the set itself then reports what is wrong)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    try:
        return read_classroom(data, str(path))
    except InputError:
        return None
