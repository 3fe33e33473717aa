"""Sentences about the review schedule, for the app and the command line."""

from __future__ import annotations

from datetime import datetime, timedelta

from gensec_quiz.i18n import date_words, tr

__all__ = ["next_review_sentence", "when_text"]


def when_text(moment: datetime, *, at: datetime) -> str:
    """`moment` said from the learner's point of view at `at`, in `at`'s time zone."""
    zone = at.tzinfo
    if zone is None or at.utcoffset() is None:
        raise ValueError(f"at must be timezone-aware, got {at!r}")
    local, today = moment.astimezone(zone), at.date()
    clock = local.strftime("%H:%M")
    if local <= at:
        return tr("now")
    if local.date() == today:
        return tr("today at {time}", time=clock)
    if local.date() == today + timedelta(days=1):
        return tr("tomorrow at {time}", time=clock)
    day = local.date()
    return tr("on {date} at {time}", date=date_words(day.year, day.month, day.day), time=clock)


def next_review_sentence(next_due: datetime | None, *, at: datetime) -> str:
    """What Review mode says when nothing is due at `at`."""
    if next_due is None:
        return tr("Nothing to review yet: answer a quiz first, and the facts you meet will "
                  "come back here when you are about to forget them.")
    if next_due <= at:
        return tr("Some facts are due for review now.")
    return tr("Nothing is due for review. Next review {when}.", when=when_text(next_due, at=at))
