"""Hardening (issue 13), scale: read-only commands back nothing up, backups stay within a size
cap, and what a killed restore or backup left behind is pruned on the next open."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.cli import main
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store
from gensec_quiz.storage.backups import KEEP_NEWEST, size_cap, within_cap
from gensec_quiz.storage.records import BackupInfo
from store_support import facts, record

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def data(tmp_path: Path) -> DataFolder:
    folder = DataFolder(tmp_path / "class-data")
    with open_store(folder.database, backups_dir=folder.backups) as store:
        learner = store.add_learner("Анна")
        session = store.start_session(learner_id=learner, question_set_id="g", title="G",
                                      mode=Mode.PRACTICE, question_count=3)
        for number in range(3):
            record(store, session, f"q{number}", score=0.5, basis=facts(f"r{number}.start"))
    return folder


def test_due_and_scores_back_nothing_up_even_when_review_cards_are_brought_up_to_date(
        data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in data.backups.iterdir())
    assert main(["due", "--learner", "Анна"], data=data) == 0
    assert main(["scores"], data=data) == 0
    assert main(["db", "check"], data=data) == 0
    assert "3 facts" in capsys.readouterr().out
    assert sorted(p.name for p in data.backups.iterdir()) == before


def _backup(name: str, taken: datetime, size: int) -> BackupInfo:
    return BackupInfo(path=Path(name), taken_at=taken, reason="periodic", size=size)


def test_backups_beyond_the_size_cap_are_dropped_oldest_first_but_the_newest_kept() -> None:
    backups = [_backup(f"b{hour}", NOW - timedelta(hours=hour), 400) for hour in range(10)]
    keep = within_cap(backups, {b.path for b in backups}, cap=2000)
    assert keep == {Path(f"b{hour}") for hour in range(5)}
    huge = [_backup(f"h{hour}", NOW - timedelta(hours=hour), 10_000) for hour in range(6)]
    assert within_cap(huge, {b.path for b in huge}, cap=1) == {
        Path(f"h{hour}") for hour in range(KEEP_NEWEST)}
    assert size_cap(10) == 1024 ** 3 and size_cap(1024 ** 3) == 5 * 1024 ** 3


def test_leftovers_of_a_killed_restore_or_backup_are_pruned_on_the_next_open(
        data: DataFolder) -> None:
    restoring = data.root / "gensec-quiz.sqlite3.restoring"
    partial = data.backups / "gensec-quiz-20240101T000000Z-close.sqlite3.partial"
    fresh = data.backups / "gensec-quiz-20240102T000000Z-close.sqlite3.partial"
    for path in (restoring, partial, fresh):
        path.write_bytes(b"x" * 1000)
    old = time.time() - 3600
    for path in (restoring, partial):
        os.utime(path, (old, old))
    with open_store(data.database, backups_dir=data.backups):
        pass
    assert not restoring.exists() and not partial.exists()
    assert fresh.exists()  # written a moment ago: perhaps another copy's backup under way
