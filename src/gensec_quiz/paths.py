"""The one place that finds the project's folders, in a checkout and in an installed wheel.

Shipped folders (`question_bank/`, `seeds/`, `assets/`) are found from the package. The learner's
data folder is a `DataFolder`, built once by an entry point (`DataFolder.default()` in `app.py`
and `cli.py`) and passed in from there; nothing below the entry points reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "gensec-quiz"
DATA_DIR_VARIABLE = "GENSEC_QUIZ_DATA_DIR"
# A school server's address (postgresql://USER:PASSWORD@HOST/DATABASE): the learners' answers
# then live there instead of in the data folder's SQLite file (docs/data.md, "School server").
DATABASE_URL_VARIABLE = "GENSEC_QUIZ_DATABASE_URL"
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


@dataclass(frozen=True, slots=True)
class DataFolder:
    """The learner's data folder and what is kept in it (see docs/data.md)."""

    root: Path
    server: str | None = None

    @classmethod
    def default(cls) -> DataFolder:
        """`GENSEC_QUIZ_DATA_DIR` when set, else the platform's user data folder, with the
        school server of `GENSEC_QUIZ_DATABASE_URL` if one is set (entry points only:
        everything else is handed the folder), else the one saved on Settings' School server
        page (`application.server_settings`)."""
        root = data_dir()
        server = os.environ.get(DATABASE_URL_VARIABLE, "").strip() or None
        if server is None:
            from gensec_quiz.application.server_settings import saved_server_url

            server = saved_server_url(root)
        return cls(root, server)

    @property
    def store_target(self) -> str | Path:
        """What `open_store` opens: the school server's URL, or the data folder's file."""
        return self.server if self.server else self.database

    def has_store(self) -> bool:
        """Whether there is a store to read: a server is assumed to be there (opening it says
        so when it is not); a file must exist."""
        return bool(self.server) or self.database.exists()

    @property
    def database(self) -> Path:
        return self.root / "gensec-quiz.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def question_sets(self) -> Path:
        """Question sets the user built or imported (and, under `retries/`, the app made)."""
        return self.root / "question-sets"

    @property
    def record_sets(self) -> Path:
        """Record sets a teacher imported from spreadsheets."""
        return self.root / "records"

    @property
    def settings(self) -> Path:
        return self.root / "settings.ini"

    @property
    def log(self) -> Path:
        """Where unexpected errors are written, for whoever looks after the app."""
        return self.root / "gensec-quiz.log"

    def create(self) -> DataFolder:
        self.root.mkdir(parents=True, exist_ok=True)
        return self


def data_dir() -> Path:
    """The learner's data folder: `GENSEC_QUIZ_DATA_DIR`, or the platform's user data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return DataFolder.default().database


def backups_dir() -> Path:
    return DataFolder.default().backups


def user_sets_dir() -> Path:
    """Question sets the user built or imported."""
    return DataFolder.default().question_sets
