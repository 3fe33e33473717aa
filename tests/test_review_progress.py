"""Progress figures: the streak and the forecast count days in the zone of the time given."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from gensec_quiz.review import FactCard, apply_answer, mastery, review_forecast, streak

NOON = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def days_ago(*days: float) -> list[datetime]:
    return [NOON - timedelta(days=d) for d in days]


def test_the_streak_counts_consecutive_days_up_to_today() -> None:
    assert streak(days_ago(0, 1, 1.1, 2, 3, 5, 6), at=NOON) == 4


def test_a_streak_is_not_broken_before_the_day_is_over() -> None:
    assert streak(days_ago(1, 2), at=NOON) == 2
    assert streak(days_ago(2, 3), at=NOON) == 0
    assert streak([], at=NOON) == 0


def test_answers_after_the_moment_asked_about_do_not_count() -> None:
    assert streak(days_ago(-0.25, 1), at=NOON) == 1


def test_the_streak_follows_the_learners_own_days() -> None:
    # 23:30 and 00:30 in New York are two days there but one day (04:30, 05:30) in UTC.
    evening = datetime(2025, 3, 9, 23, 30, tzinfo=NEW_YORK_WINTER)
    answers = [evening, evening + timedelta(hours=1)]
    assert streak(answers, at=evening + timedelta(hours=2)) == 2
    assert streak(answers, at=(evening + timedelta(hours=2)).astimezone(UTC)) == 1


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        streak([], at=datetime(2025, 3, 10))


def card_due(due: datetime) -> FactCard:
    return FactCard.new(learner_id=1, fact=f"r{due.isoformat()}.start", at=due)


def test_the_forecast_counts_facts_due_each_day_with_overdue_ones_today() -> None:
    dues = [NOON - timedelta(days=9), NOON + timedelta(hours=11), NOON + timedelta(hours=13),
            NOON + timedelta(days=13, hours=11), NOON + timedelta(days=14)]
    loads = review_forecast([card_due(d) for d in dues], at=NOON)
    assert len(loads) == 14
    assert loads[0].day == date(2025, 3, 10) and loads[-1].day == date(2025, 3, 23)
    assert [load.due for load in loads] == [2, 1] + [0] * 11 + [1]


def test_the_forecast_days_are_the_learners_own() -> None:
    # Due at 03:00 UTC on the 11th: still the 10th in New York.
    cards = [card_due(datetime(2025, 3, 11, 3, 0, tzinfo=UTC))]
    assert [x.due for x in review_forecast(cards, at=NOON, days=2)] == [0, 1]
    local = review_forecast(cards, at=NOON.astimezone(NEW_YORK_WINTER), days=2)
    assert [x.due for x in local] == [1, 0]
    with pytest.raises(ValueError, match="days"):
        review_forecast(cards, at=NOON, days=0)


def test_mastery_is_the_mean_recall_chance_of_each_records_facts() -> None:
    cards = [*apply_answer([], learner_id=1, basis=["a.start", "a.end"], score=1.0, at=NOON),
             *apply_answer([], learner_id=1, basis=["b.start"], score=1.0, at=NOON),
             *apply_answer([], learner_id=1, basis=["b.end"], score=0.0, at=NOON)]
    later = NOON + timedelta(days=3)
    scores = mastery(cards, at=later)
    assert list(scores) == ["a", "b"]
    assert 0.0 < scores["b"] < scores["a"] < 1.0
    assert mastery([], at=later) == {}
