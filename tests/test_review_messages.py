"""What Review mode says when nothing is due, in the learner's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from gensec_quiz.review import next_review_sentence, when_text

MOSCOW = timezone(timedelta(hours=3))
AT = datetime(2025, 3, 10, 20, 0, tzinfo=MOSCOW)


@pytest.mark.parametrize(("moment", "said"), [
    (datetime(2025, 3, 10, 19, 0, tzinfo=UTC), "today at 22:00"),  # 19:00 UTC is 22:00 there
    (datetime(2025, 3, 10, 18, 30, tzinfo=UTC), "today at 21:30"),
    (datetime(2025, 3, 10, 21, 30, tzinfo=UTC), "tomorrow at 00:30"),
    (datetime(2025, 3, 14, 6, 0, tzinfo=UTC), "on 14 March 2025 at 09:00"),
    (datetime(2025, 3, 10, 16, 0, tzinfo=UTC), "now"),
])
def test_the_next_review_is_told_in_the_learners_zone(moment: datetime, said: str) -> None:
    assert when_text(moment, at=AT) == said


def test_nothing_due_names_the_next_review() -> None:
    sentence = next_review_sentence(AT + timedelta(days=1), at=AT)
    assert sentence == "Nothing is due for review. Next review tomorrow at 20:00."


def test_a_learner_without_cards_is_told_how_reviews_start() -> None:
    assert "answer a quiz first" in next_review_sentence(None, at=AT)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        when_text(AT, at=datetime(2025, 3, 10, 20, 0))
