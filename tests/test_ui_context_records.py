"""Feedback names the documents of the record set a question set was built from."""

from __future__ import annotations

from pathlib import Path

from gensec_quiz import paths
from gensec_quiz.ui.context import AppContext, AppSignals, utc_now
from gensec_quiz.ui.teacher.library import import_csv, keep

TEACHER = Path(__file__).parent / "data" / "teacher"


def _context() -> AppContext:
    return AppContext(clock=utc_now, seed=1, data_dir=paths.data_dir(), signals=AppSignals())


def test_a_question_set_finds_its_own_record_set_built_in_or_imported(qapp: object) -> None:
    context = _context()
    builtin = context.records()
    assert context.records_for(builtin.id) is builtin
    imported = import_csv([TEACHER / "monarchs.csv", TEACHER / "royal_events.csv"])
    keep(imported)
    found = context.records_for(imported.id)
    assert found is not None and found.id == imported.id
    assert {s.id for s in found.sources} == {s.id for s in imported.sources}
    assert context.records_for("no-such-records") is None
