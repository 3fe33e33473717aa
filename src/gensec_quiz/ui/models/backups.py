"""Columns of the backups table: when, why, how big."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gensec_quiz.i18n import tr
from gensec_quiz.ui.models.list_table import Column

REASONS = {
    "manual": "made by hand",
    "periodic": "every 30 minutes",
    "close": "on closing",
    "before-merge": "before merging learners",
    "before-delete": "before deleting a learner",
    "before-restore": "before a restore",
    "before-upgrade": "before an upgrade",
    "upgrade": "before an upgrade",
}


def reason_text(reason: str) -> str:
    return tr(REASONS.get(reason, reason.replace("-", " ")))


def local_time(moment: datetime) -> str:
    """A UTC time as the learner's local date and time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return tr("{size} KB", size=max(1, round(size / 1024)))
    return tr("{size:.1f} MB", size=size / (1024 * 1024))


def backup_columns() -> list[Column[Any]]:
    return [
        Column(tr("Taken"), lambda b: local_time(b.taken_at), lambda b: b.taken_at.isoformat()),
        Column(tr("Why"), lambda b: reason_text(b.reason)),
        Column(tr("Size"), lambda b: size_text(b.size), lambda b: b.size, align_right=True),
    ]
