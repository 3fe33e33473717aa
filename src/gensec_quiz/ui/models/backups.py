"""Columns of the backups table: when, why, how big."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gensec_quiz.i18n import N_, tr
from gensec_quiz.ui.models.list_table import Column

REASONS = {
    "manual": N_("made by hand"),
    "periodic": N_("every 30 minutes"),
    "close": N_("on closing"),
    "before-merge": N_("before merging learners"),
    "before-delete": N_("before deleting a learner"),
    "before-restore": N_("before a restore"),
    "before-upgrade": N_("before an upgrade"),
    "upgrade": N_("before an upgrade"),
}


def reason_text(reason: str) -> str:
    if reason in REASONS:
        return tr(REASONS[reason])
    return reason.replace("-", " ")  # a reason this version does not know: as it was stored


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
