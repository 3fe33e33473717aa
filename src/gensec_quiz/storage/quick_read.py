"""The learners' list read straight from the SQLite file with the standard library.

At start-up the window shows before the ORM is imported (about half a second here); this read
lets Home list the learners meanwhile. It only reads, never creates, upgrades or repairs: any
doubt (no file, a newer schema, damage, a lock) returns None and Home waits for the real Store.
The same query serves the start-up's `QuickStore` (quick_store.py), which also adds learners.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from gensec_quiz.storage.records import LearnerInfo

# Schema versions whose `learners` and `quiz_sessions` columns this query knows.
KNOWN_VERSIONS = frozenset({1, 2, 3, 4, 5})

LEARNERS_QUERY = """
SELECT l.id, l.name, l.created_at,
       (SELECT COUNT(*) FROM quiz_sessions s WHERE s.learner_id = l.id),
       (SELECT s.score FROM quiz_sessions s
         WHERE s.learner_id = l.id AND s.finished_at IS NOT NULL
         ORDER BY s.finished_at DESC, s.id DESC LIMIT 1)
FROM learners l
"""


def read_learners(path: Path) -> list[LearnerInfo] | None:
    """Every learner with their session count and last score, or None when unsure."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version not in KNOWN_VERSIONS:
            return None
        return list_learners(connection)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()


def list_learners(connection: sqlite3.Connection) -> list[LearnerInfo]:
    """Every learner, in the Store's order (by name key, then id)."""
    rows = connection.execute(LEARNERS_QUERY + " ORDER BY l.name_key, l.id").fetchall()
    return [learner_info(row) for row in rows]


def learner_info(row: tuple[object, ...]) -> LearnerInfo:
    learner_id, name, created, sessions, score = row
    return LearnerInfo(id=int(str(learner_id)), name=str(name), created_at=stored_time(created),
                       sessions=int(str(sessions)),
                       last_score=None if score is None else float(str(score)))


def stored_time(value: object) -> datetime:
    """A time as the Store keeps it in SQLite (UTC text without an offset), aware in UTC."""
    when = datetime.fromisoformat(str(value))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
