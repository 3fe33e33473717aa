"""What the Class results screen shows: plain rows and their columns (no Qt, no ORM)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import percent as percent_text
from gensec_quiz.i18n import tr
from gensec_quiz.ui.models.backups import local_time
from gensec_quiz.ui.models.list_table import Column
from gensec_quiz.ui.models.progress_data import field_text, kind_name
from gensec_quiz.ui.models.records import record_label
from gensec_quiz.ui.names import mode_name


def percent(score: float | None) -> str:
    return "" if score is None else percent_text(score)


def _score_sort(score: float | None) -> int:
    return -1 if score is None else round(score * 1000)


@dataclass(frozen=True, slots=True)
class Filters:
    """The teacher's filters: a question set (None for all) and a range of local days."""

    question_set_id: str | None = None
    first_day: date | None = None
    last_day: date | None = None

    def since(self) -> datetime | None:
        return None if self.first_day is None else _local_midnight(self.first_day)

    def until(self) -> datetime | None:
        """The start of the day after the last day (the range includes the whole last day)."""
        if self.last_day is None:
            return None
        return _local_midnight(self.last_day + timedelta(days=1))

    def store_filters(self) -> dict[str, Any]:
        return {"question_set_id": self.question_set_id, "since": self.since(),
                "until": self.until()}


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """How many learners got one question of a set right."""

    number: int
    question_id: str
    prompt: str
    kind: str
    attempts: int
    right: int
    mean_score: float


@dataclass(frozen=True, slots=True)
class FactRow:
    fact: str
    learners: int
    attempts: int
    mean_score: float


def question_rows(stats: Sequence[Any], question_set: QuestionSet | None) -> list[QuestionRow]:
    """One row per question answered, in the set's order (questions no longer in it last)."""
    order = {q.id: i for i, q in enumerate(question_set.questions)} if question_set else {}
    prompts = {q.id: q.prompt for q in question_set.questions} if question_set else {}
    rows = [QuestionRow(order.get(s.question_id, len(order)) + 1, s.question_id,
                        prompts.get(s.question_id, tr("(no longer in the set: {id})",
                                                      id=s.question_id)),
                        kind_name(s.question_type), s.attempts, s.right, s.mean_score)
            for s in stats]
    return sorted(rows, key=lambda r: (r.number, r.question_id))


def fact_label(records: RecordSet | None, record_id: str, field: str) -> str:
    """A fact in words: the record (without its full stop) and the field asked about."""
    name = record_label(records, record_id) if records is not None else record_id
    name = name[:-1] if name.endswith(".") and not name.endswith("..") else name
    return tr("{record}: {field}", record=name, field=field_text(field))


def fact_rows(stats: Sequence[Any], records: RecordSet | None) -> list[FactRow]:
    return [FactRow(fact_label(records, s.record, s.field), s.learners, s.attempts,
                    s.mean_score) for s in stats]


def _number(value: Callable[[Any], int]) -> tuple[Callable[[Any], str], Callable[[Any], int]]:
    return (lambda row: str(value(row))), value


def overview_columns() -> list[Column[Any]]:
    sessions_text, sessions_sort = _number(lambda o: o.sessions)
    finished_text, finished_sort = _number(lambda o: o.finished)
    return [
        Column(tr("Learner"), lambda o: o.name, lambda o: o.name.casefold()),
        Column(tr("Sessions"), sessions_text, sessions_sort, align_right=True),
        Column(tr("Finished"), finished_text, finished_sort, align_right=True),
        Column(tr("Average"), lambda o: percent(o.mean_score),
               lambda o: _score_sort(o.mean_score), align_right=True),
        Column(tr("Best"), lambda o: percent(o.best_score),
               lambda o: _score_sort(o.best_score), align_right=True),
        Column(tr("Last"), lambda o: percent(o.last_score),
               lambda o: _score_sort(o.last_score), align_right=True),
        Column(tr("Last quiz"), lambda o: local_time(o.last_at) if o.last_at else "",
               lambda o: o.last_at.isoformat() if o.last_at else ""),
    ]




def session_columns() -> list[Column[Any]]:
    return [
        Column(tr("Learner"), lambda s: s.learner_name, lambda s: s.learner_name.casefold()),
        Column(tr("Question set"), lambda s: s.title),
        Column(tr("Mode"), lambda s: mode_name(s.mode)),
        Column(tr("Started"), lambda s: local_time(s.started_at),
               lambda s: s.started_at.isoformat()),
        Column(tr("Answered"), lambda s: tr("{answered} of {total}", answered=s.answered,
                                            total=s.question_count),
               lambda s: s.answered, align_right=True),
        Column(tr("Score"), lambda s: percent(s.score) if s.finished else tr("unfinished"),
               lambda s: _score_sort(s.score), align_right=True),
    ]


def question_columns() -> list[Column[Any]]:
    return [
        Column(tr("No."), lambda r: str(r.number), lambda r: r.number, align_right=True),
        Column(tr("Question"), lambda r: r.prompt),
        Column(tr("Kind"), lambda r: r.kind),
        Column(tr("Answers"), lambda r: str(r.attempts), lambda r: r.attempts,
               align_right=True),
        Column(tr("Fully right"), lambda r: tr("{right} of {attempts}", right=r.right,
                                               attempts=r.attempts),
               lambda r: r.right, align_right=True),
        Column(tr("Average"), lambda r: percent(r.mean_score),
               lambda r: _score_sort(r.mean_score), align_right=True),
    ]


def fact_columns() -> list[Column[Any]]:
    return [
        Column(tr("Fact"), lambda f: f.fact),
        Column(tr("Learners"), lambda f: str(f.learners), lambda f: f.learners,
               align_right=True),
        Column(tr("Answers"), lambda f: str(f.attempts), lambda f: f.attempts,
               align_right=True),
        Column(tr("Average"), lambda f: percent(f.mean_score),
               lambda f: _score_sort(f.mean_score), align_right=True),
    ]


def table_cells(columns: Sequence[Column[Any]], rows: Sequence[Any]) -> tuple[
        list[str], list[list[str]]]:
    """A table as a header and rows of text, for a CSV export."""
    return ([c.title for c in columns], [[c.text(row) for c in columns] for row in rows])
