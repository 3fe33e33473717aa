"""The learner data store: `open_store(path)` gives a `Store` (see docs/data.md).

The store is the only layer that knows SQLModel and SQLAlchemy; it hands out plain records.
Names are loaded on first use (PEP 562), so that `gensec_quiz.storage.instance` and
`gensec_quiz.storage.export` can be imported without importing the ORM (a second of start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gensec_quiz.storage.errors import (
        DamagedDatabase,
        NewerSchemaError,
        NotOurDatabaseError,
        StoreError,
    )
    from gensec_quiz.storage.opening import open_store
    from gensec_quiz.storage.records import (
        AnswerRecord,
        BackupInfo,
        FactStat,
        LearnerInfo,
        LearnerOverview,
        QuestionStat,
        SessionInfo,
        SessionSettings,
        TypeAccuracy,
    )
    from gensec_quiz.storage.recovery import restore_file
    from gensec_quiz.storage.repository import Clock, Store

_HOMES = {
    "open_store": "opening", "Store": "repository", "Clock": "repository",
    "restore_file": "recovery",
    **{name: "errors" for name in ("DamagedDatabase", "NewerSchemaError",
                                   "NotOurDatabaseError", "StoreError")},
    **{name: "records" for name in ("AnswerRecord", "BackupInfo", "FactStat", "LearnerInfo",
                                    "LearnerOverview", "QuestionStat", "SessionInfo",
                                    "SessionSettings", "TypeAccuracy")},
}

__all__ = [
    "AnswerRecord", "BackupInfo", "Clock", "DamagedDatabase", "FactStat", "LearnerInfo",
    "LearnerOverview", "NewerSchemaError", "NotOurDatabaseError", "QuestionStat",
    "SessionInfo", "SessionSettings", "Store", "StoreError", "TypeAccuracy", "open_store",
    "restore_file",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
