"""Every table of the learner database, in this one module (schema version 1).

Table models are only for reading and writing rows: they do not validate (SQLModel skips
validation for `table=True` models), so input is checked in `validation.py` first. Times are
aware UTC datetimes (SQLModel's UTCDateTime: `timestamptz` on PostgreSQL, UTC text on SQLite).
JSON is stored as text, which every database the store may be pointed at can hold.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Integer, MetaData, Table, Text
from sqlmodel import Field, SQLModel


class LearnerRow(SQLModel, table=True):
    __tablename__ = "learners"
    __table_args__ = (Index("ux_learners_name_key", "name_key", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    # The name casefolded and normalised: "Anna", "ANNA" and "anna" are one learner.
    name_key: str
    created_at: datetime


class SessionRow(SQLModel, table=True):
    __tablename__ = "quiz_sessions"
    __table_args__ = (
        # Covering for the class overview and a learner's last score: no table lookups.
        Index("ix_sessions_learner_started", "learner_id", "started_at", "finished_at", "score"),
        Index("ix_sessions_set", "question_set_id", "started_at"),
        Index("ix_sessions_started", "started_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learners.id", ondelete="CASCADE")
    question_set_id: str = Field(max_length=200)
    title: str = Field(max_length=500)
    mode: str = Field(max_length=40)
    question_count: int
    # Progress: answers recorded so far, kept in the same transaction as each answer.
    answered: int = 0
    started_at: datetime
    finished_at: datetime | None = None
    score: float | None = None


class AnswerRow(SQLModel, table=True):
    __tablename__ = "answers"
    # Covering for accuracy by type and per-question statistics.
    __table_args__ = (
        Index("ix_answers_session", "session_id", "question_id", "question_type", "score"),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="quiz_sessions.id", ondelete="CASCADE")
    question_id: str = Field(max_length=200)
    question_type: str = Field(max_length=40)
    basis: str = Field(sa_type=Text)  # JSON list of ["record", "field"] pairs
    response: str = Field(sa_type=Text)  # JSON object
    score: float
    seconds: float | None = None
    answered_at: datetime


class AnswerFactRow(SQLModel, table=True):
    """One row per fact an answer rested on: "weakest facts" is one indexed GROUP BY."""

    __tablename__ = "answer_facts"
    __table_args__ = (Index("ix_facts_learner", "learner_id", "record", "field", "score"),)

    answer_id: int = Field(foreign_key="answers.id", ondelete="CASCADE", primary_key=True)
    record: str = Field(max_length=200, primary_key=True)
    field: str = Field(max_length=100, primary_key=True)
    # Copied from the session so that a learner's facts need no join.
    learner_id: int = Field(foreign_key="learners.id", ondelete="CASCADE")
    score: float


def _table(model: type[SQLModel]) -> Table:
    table = getattr(model, "__table__", None)
    assert isinstance(table, Table)
    return table


# Every table of the current schema, in creation order.
ALL_TABLES: tuple[Table, ...] = tuple(
    _table(model) for model in (LearnerRow, SessionRow, AnswerRow, AnswerFactRow)
)


# Where the schema version lives on databases other than SQLite (which keeps it in the file
# header, `PRAGMA user_version`); kept apart from the SQLModel metadata.
SCHEMA_VERSION_TABLE = Table(
    "gensec_quiz_schema", MetaData(), Column("version", Integer, nullable=False)
)


# -- schema 2: spaced review (owned by the review layer; see docs/review.md) -----------------


class ReviewCardRow(SQLModel, table=True):
    """One FSRS card per learner per fact: the columns of `review.FactCard`."""

    __tablename__ = "review_cards"
    __table_args__ = (Index("ix_review_cards_due", "learner_id", "due"),)

    learner_id: int = Field(foreign_key="learners.id", ondelete="CASCADE", primary_key=True)
    record: str = Field(max_length=200, primary_key=True)
    field: str = Field(max_length=100, primary_key=True)
    due: datetime
    stability: float | None = None
    difficulty: float | None = None
    state: str = Field(max_length=20)
    step: int | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


class ReviewLogRow(SQLModel, table=True):
    """One rating per fact per answer (the rows of `answer_facts` already applied to cards)."""

    __tablename__ = "review_log"
    __table_args__ = (Index("ix_review_log_learner", "learner_id", "reviewed_at"),)

    answer_id: int = Field(foreign_key="answers.id", ondelete="CASCADE", primary_key=True)
    record: str = Field(max_length=200, primary_key=True)
    field: str = Field(max_length=100, primary_key=True)
    learner_id: int = Field(foreign_key="learners.id", ondelete="CASCADE")
    rating: str = Field(max_length=10)
    reviewed_at: datetime
    # The card right after this rating.
    due: datetime
    stability: float | None = None
    difficulty: float | None = None


REVIEW_TABLES: tuple[Table, ...] = (_table(ReviewCardRow), _table(ReviewLogRow))
ALL_TABLES = (*ALL_TABLES, *REVIEW_TABLES)


# -- schema 3: what an exam was started with, so that a resumed exam keeps it -----------------


class SessionSettingsRow(SQLModel, table=True):
    """Settings a session was started with beyond its mode (only stored when not the default)."""

    __tablename__ = "session_settings"

    session_id: int = Field(foreign_key="quiz_sessions.id", ondelete="CASCADE",
                            primary_key=True)
    time_limit_seconds: int | None = None
    all_or_nothing: bool = False


SETTINGS_TABLES: tuple[Table, ...] = (_table(SessionSettingsRow),)
ALL_TABLES = (*ALL_TABLES, *SETTINGS_TABLES)


# -- schema 4: running totals kept on write, so that statistics never scan every answer -------


class FactTotalRow(SQLModel, table=True):
    """Per learner, question set and fact: answers that rested on it and their summed score.

    Kept in the transaction of each answer (`totals.add_answer`); `class_weakest_facts` and
    `weakest_facts` read these few rows instead of grouping a million `answer_facts`."""

    __tablename__ = "fact_totals"

    learner_id: int = Field(foreign_key="learners.id", ondelete="CASCADE", primary_key=True)
    question_set_id: str = Field(max_length=200, primary_key=True)
    record: str = Field(max_length=200, primary_key=True)
    field: str = Field(max_length=100, primary_key=True)
    attempts: int
    score_sum: float


class QuestionTotalRow(SQLModel, table=True):
    """Per question of a set: answers, fully right answers and summed score, kept on write."""

    __tablename__ = "question_totals"

    question_set_id: str = Field(max_length=200, primary_key=True)
    question_id: str = Field(max_length=200, primary_key=True)
    question_type: str = Field(max_length=40, primary_key=True)
    attempts: int
    right_answers: int
    score_sum: float


class ActivityRow(SQLModel, table=True):
    """When a learner answered, to the quarter hour: the earliest answer of each UTC quarter
    hour. Every time zone's midnight falls on a quarter hour, so the days of a streak read
    these few rows instead of every answer."""

    __tablename__ = "learner_activity"

    learner_id: int = Field(foreign_key="learners.id", ondelete="CASCADE", primary_key=True)
    quarter: datetime = Field(primary_key=True)
    first_at: datetime


TOTALS_TABLES: tuple[Table, ...] = (_table(FactTotalRow), _table(QuestionTotalRow),
                                    _table(ActivityRow))
ALL_TABLES = (*ALL_TABLES, *TOTALS_TABLES)


class ReviewBacklogRow(SQLModel, table=True):
    """A learner some of whose answers are not applied to their review cards yet: answers
    recorded before schema 4 (which applies each answer as it is recorded). Their next answer
    applies them all, in one write; until then reading their cards applies them in memory."""

    __tablename__ = "review_backlog"

    learner_id: int = Field(foreign_key="learners.id", ondelete="CASCADE", primary_key=True)


TOTALS_TABLES = (*TOTALS_TABLES, _table(ReviewBacklogRow))
ALL_TABLES = (*ALL_TABLES, _table(ReviewBacklogRow))


# -- schema 5: per-day totals, so that the class's weakest facts within dates never read a month
# of answers ------------------------------------------------------------------------------------


class FactDayRow(SQLModel, table=True):
    """Per UTC day (of the session's start), question set and fact: the class's answers that
    rested on the fact, their summed score, and the learners who gave them (their ids,
    space-separated: a class is a few dozen).

    Kept in the transaction of each answer (`totals.add_answer`); the class's weakest facts
    within dates read these rows for the whole days and the answers only for the hours at
    either end (a few thousand rows a month instead of 180,000 at a million answers)."""

    __tablename__ = "fact_days"

    day: str = Field(max_length=10, primary_key=True)  # YYYY-MM-DD, UTC
    question_set_id: str = Field(max_length=200, primary_key=True)
    record: str = Field(max_length=200, primary_key=True)
    field: str = Field(max_length=100, primary_key=True)
    attempts: int
    score_sum: float
    learners: str = Field(sa_type=Text)


DAY_TABLES: tuple[Table, ...] = (_table(FactDayRow),)
ALL_TABLES = (*ALL_TABLES, *DAY_TABLES)
