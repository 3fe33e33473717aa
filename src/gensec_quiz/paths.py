"""The one place that finds the project's data folders, in a checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "gensec-quiz"
_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def _shipped(name: str) -> Path:
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / name).is_dir():
        return _CHECKOUT / name
    return _PACKAGE / "_data" / name


def question_bank_dir() -> Path:
    return _shipped("question_bank")


def records_dir() -> Path:
    return question_bank_dir() / "records"


def builtin_records_path() -> Path:
    return records_dir() / "gensec.json"


def seeds_dir() -> Path:
    return _shipped("seeds")


def assets_dir() -> Path:
    return _shipped("assets")


def data_dir() -> Path:
    """The learner's data folder: `GENSEC_QUIZ_DATA_DIR`, or the platform's user data folder."""
    override = os.environ.get("GENSEC_QUIZ_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / "gensec-quiz.sqlite3"


def backups_dir() -> Path:
    return data_dir() / "backups"


def user_sets_dir() -> Path:
    """Question sets the user built or imported."""
    return data_dir() / "question-sets"
