"""`gensec-quiz due`: a learner's facts, soonest due first, as a table or JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.cli import main
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store
from store_support import facts, record

T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


@pytest.fixture
def data(tmp_path: Path) -> DataFolder:
    """The data folder the commands are handed (as `launch.py` hands them one)."""
    return DataFolder(tmp_path / "class-data")


def _fill(data: DataFolder) -> None:
    with open_store(data.database) as store:
        anna = store.add_learner("Анна")
        session = store.start_session(learner_id=anna, question_set_id="gensec", title="GenSec",
                                      mode=Mode.PRACTICE, question_count=3)
        for basis, score, days in ((["stalin-1922.start", "lenin-1917.end"], 1.0, 0),
                                   (["andropov-1982.start"], 0.0, 1)):
            record(store, session, f"q{days}", kind="ordering", score=score,
                   basis=facts(*basis), at=T0 + timedelta(days=days))


def test_json_lists_every_fact_soonest_first_in_utc(
    data: DataFolder, capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(data)
    assert main(["due", "--learner", "анна", "--at", "2025-03-05T21:00:00+03:00",
                 "--json"], data=data) == 0
    facts = json.loads(capsys.readouterr().out)
    assert [(f["record"], f["field"], f["due"]) for f in facts] == [
        ("andropov-1982", "start", "2025-03-05T18:00:00Z"),
        ("lenin-1917", "end", "2025-03-05T18:00:00Z"),
        ("stalin-1922", "start", "2025-03-05T18:00:00Z")]
    # The failed fact (a day ago) is less likely recalled than the two known ones (two days ago).
    recall = [f["retrievability"] for f in facts]
    assert 0 < recall[0] < recall[1] == recall[2] < 1
    assert set(facts[0]) == {"record", "field", "due", "retrievability", "state", "reps",
                             "lapses"}


def test_the_table_marks_what_is_due(data: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data)
    assert main(["due", "--learner", "Анна", "--at", "2025-03-05T19:00:00Z"], data=data) == 0
    out = capsys.readouterr().out
    assert "Анна: 3 facts, 3 due at 2025-03-05T19:00:00Z." in out
    assert out.count("(due)") == 3
    assert main(["due", "--learner", "Анна", "--at", "2025-03-04T12:00:00"], data=data) == 0
    out = capsys.readouterr().out
    assert "0 due" in out and "Next review tomorrow at 18:00." in out


def test_an_unknown_learner_is_one_sentence(
    data: DataFolder, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["due", "--learner", "Nobody"], data=data) == 1
    assert capsys.readouterr().err == "There is no learner named “Nobody”.\n"
    assert not data.database.exists()
    _fill(data)
    assert main(["due", "--learner", "Nobody", "--json"], data=data) == 1
    assert capsys.readouterr().err == "There is no learner named “Nobody”.\n"


@pytest.mark.parametrize("bad", ["yesterday", "2025-13-01", "2025-03-05T25:00"])
def test_a_bad_time_is_one_sentence(
    data: DataFolder, bad: str, capsys: pytest.CaptureFixture[str],
) -> None:
    _fill(data)
    assert main(["due", "--learner", "Анна", "--at", bad], data=data) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"--at: “{bad}” is not an ISO 8601 date and time")
    assert err.count("\n") == 1
