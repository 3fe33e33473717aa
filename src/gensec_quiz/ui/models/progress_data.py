"""What the progress screen shows, gathered from the store as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gensec_quiz.domain.records import Event, OfficeName, RecordSet, Tenure
from gensec_quiz.i18n import N_, ntr, percent, tr
from gensec_quiz.ui.models.list_table import Column
from gensec_quiz.ui.models.records import record_label
from gensec_quiz.ui.names import kind_group_name

FIELD_NAMES = {"start": N_("start"), "end": N_("end"), "date": N_("date"), "office": N_("office"),
               "person": N_("person"), "name": N_("name"), "end_reason": N_("end reason")}


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float  # 0 to 1
    tooltip: str
    detail: str = ""  # the long name, for a list
    count: int = 0  # how many answers


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many reviews fall due on one of the learner's days (today counts overdue ones)."""

    day: date
    due: int


@dataclass(frozen=True, slots=True)
class ProgressData:
    scores: tuple[tuple[datetime, float], ...]
    kinds: tuple[Bar, ...]
    facts: tuple[Bar, ...]
    streak: int = 0  # consecutive days with an answer, ending today or yesterday
    forecast: tuple[DayCount, ...] = ()  # reviews due per day, from today
    facts_met: int = 0  # facts with a review card

    @property
    def empty(self) -> bool:
        return not self.scores and not self.kinds

    def review_summary(self) -> str:
        """The streak, today's reviews and how many facts were met, in one line."""
        parts = [streak_text(self.streak)]
        if self.forecast:
            parts.append(tr("{count} reviews due today", count=self.forecast[0].due))
        parts.append(tr("{count} facts met", count=self.facts_met))
        return " · ".join(parts)

    def summary(self) -> str:
        if not self.scores:
            return ""
        values = [score for _, score in self.scores]
        return ntr("{count} quiz finished · average {mean} · best {best} · last {last}",
                   "{count} quizzes finished · average {mean} · best {best} · last {last}",
                   len(values), mean=percent(sum(values) / len(values)),
                   best=percent(max(values)), last=percent(values[-1]))


def streak_text(days: int) -> str:
    if days == 0:
        return tr("No streak yet: answer a question today to start one")
    if days == 1:
        return tr("Streak: 1 day")
    return tr("Streak: {days} days in a row", days=days)


def fact_columns() -> list[Column[Bar]]:
    """The weakest-facts list: the fact in words, how often it was asked, the average."""
    return [
        Column(tr("Fact"), lambda b: b.detail or b.label),
        Column(tr("Answers"), lambda b: str(b.count), lambda b: b.count, align_right=True),
        Column(tr("Average"), lambda b: percent(b.value), lambda b: round(b.value * 1000),
               align_right=True),
    ]


def kind_name(question_type: str) -> str:
    return kind_group_name(question_type)


def field_text(field: str) -> str:
    """A record's field in words ("end reason"); a field this version does not name, as stored."""
    return tr(FIELD_NAMES[field]) if field in FIELD_NAMES else field


def fact_labels(records: RecordSet | None, record_id: str, field: str) -> tuple[str, str]:
    """A short label for a chart axis and a long one for its tooltip."""
    field_name = field_text(field)
    if records is None or not records.has_record(record_id):
        return f"{record_id}: {field_name}", f"{record_id}: {field_name}"
    record = records.record(record_id)
    if isinstance(record, Tenure):
        short = f"{record.person.split()[-1]} {record.start.year}: {field_name}"
    elif isinstance(record, OfficeName):
        short = f"{record.name} {record.start.year}: {field_name}"
    else:
        assert isinstance(record, Event)
        text = record.text if len(record.text) <= 26 else record.text[:25] + "…"
        short = f"{text}: {field_name}"
    return short, f"{record_label(records, record_id)}: {field_name}"


def gather(store: Any, learner_id: int, records: RecordSet | None, *,
           at: datetime | None = None) -> ProgressData:
    """Score history, accuracy by kind, the weakest facts of one learner, and (given the
    learner's local time `at`) their streak and the reviews due over the next 14 days."""
    scores = tuple(
        (info.finished_at, float(info.score))
        for info in store.score_history(learner_id)
        if info.finished_at is not None and info.score is not None
    )
    kinds = tuple(
        Bar(kind_name(k.question_type), float(k.mean_score),
            tr("{kind}: {answers} answers, {right} fully right, average {mean}",
               kind=kind_name(k.question_type), answers=k.answers, right=k.right,
               mean=percent(k.mean_score)), kind_name(k.question_type), int(k.answers))
        for k in store.accuracy_by_type(learner_id)
    )
    facts = []
    for fact in store.weakest_facts(learner_id, limit=8):
        short, long = fact_labels(records, fact.record, fact.field)
        facts.append(Bar(short, float(fact.mean_score),
                         tr("{fact}: {attempts} answers, average {mean}", fact=long,
                            attempts=fact.attempts, mean=percent(fact.mean_score)),
                         long, int(fact.attempts)))
    if at is None:
        return ProgressData(scores, kinds, tuple(facts))
    from gensec_quiz.review import review_forecast

    cards = store.review_cards(learner_id)  # read once for the forecast and the count
    forecast = tuple(DayCount(load.day, load.due) for load in review_forecast(cards, at=at))
    return ProgressData(scores, kinds, tuple(facts), streak=int(store.streak(learner_id, at)),
                        forecast=forecast, facts_met=len(cards))
