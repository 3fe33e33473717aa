"""Feedback names the documents of the record set a question set was built from."""

from __future__ import annotations

from pathlib import Path

from gensec_quiz.application.record_sets import import_csv
from gensec_quiz.ui.context import AppContext, AppSignals, utc_now

TEACHER = Path(__file__).parent / "data" / "teacher"


def _context(folder: Path) -> AppContext:
    return AppContext(clock=utc_now, seed=1, data_dir=folder, signals=AppSignals())


def test_a_question_set_finds_its_own_record_set_built_in_or_imported(
    qapp: object, tmp_path: Path
) -> None:
    context = _context(tmp_path / "data")
    builtin = context.records()
    assert context.records_for(builtin.id) is builtin
    imported = import_csv([TEACHER / "monarchs.csv", TEACHER / "royal_events.csv"])
    context.record_sets.keep(imported)
    found = context.records_for(imported.id)
    assert found is not None and found.id == imported.id
    assert {s.id for s in found.sources} == {s.id for s in imported.sources}
    assert context.records_for("no-such-records") is None
