"""Results carried between PCs by USB stick: `results export` on each PC, `results import` on
the teacher's, learners matched by name, and importing twice changes nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gensec_quiz.application.results_transfer import (
    export_results,
    import_results,
    match_names,
    read_results,
)
from gensec_quiz.cli import main
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import Store, open_store
from store_support import facts, record

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _clock(start: datetime = T0) -> Callable[[], datetime]:
    moments = iter(start + timedelta(seconds=i) for i in range(10_000))
    return lambda: next(moments)


def _store(folder: Path, start: datetime = T0) -> Store:
    return open_store(folder / "gensec-quiz.sqlite3", clock=_clock(start),
                      backups_dir=folder / "backups")


def _quiz(store: Store, learner: str, *, answers: int = 3, finish: bool = True,
          set_id: str = "gensec-20") -> int:
    found = store.learner_by_name(learner)
    learner_id = found.id if found else store.add_learner(learner)
    session = store.start_session(learner_id=learner_id, question_set_id=set_id,
                                  title="Twenty questions", mode=Mode.PRACTICE,
                                  question_count=answers)
    for index in range(answers):
        record(store, session, f"q{index}", score=0.5 * (index % 3),
               basis=facts(f"tenure-{index}.start", f"tenure-{index}.end"))
    if finish:
        store.finish_session(session)
    return session


def _rows(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("learners", "quiz_sessions", "answers", "answer_facts")}


def _never(_match: object) -> int | None:
    raise AssertionError("no name should have been unsure")


@pytest.fixture
def pc_a(tmp_path: Path) -> Path:
    """A classroom PC where Anna and Ben took quizzes; its results file."""
    store = _store(tmp_path / "pc-a")
    _quiz(store, "Anna")
    _quiz(store, "Ben", answers=2, finish=False)
    out = tmp_path / "usb" / "pc-a.json"
    out.parent.mkdir()
    assert export_results(store, out, now=T0 + timedelta(hours=1),
                          data_root=tmp_path / "pc-a") == 5
    store.close()
    return out


def test_results_exported_on_one_pc_arrive_whole_on_the_teachers(pc_a: Path,
                                                                  tmp_path: Path) -> None:
    teacher = _store(tmp_path / "teacher", start=T0 + timedelta(days=1))
    outcome = import_results(teacher, [pc_a], _never)
    assert (outcome.counts.learners, outcome.counts.sessions, outcome.counts.answers) == (2, 2, 5)
    anna = teacher.learner_by_name("Anna")
    assert anna is not None
    [session] = teacher.score_history(anna.id)
    assert session.finished_at is not None and session.answered == 3
    assert session.score == pytest.approx((0 + 0.5 + 1.0) / 3)
    ben = teacher.learner_by_name("Ben")
    assert ben is not None and teacher.unfinished_sessions(ben.id)[0].answered == 2
    answers = teacher.session_answers(session.id)
    assert [a.question_id for a in answers] == ["q0", "q1", "q2"]
    assert T0 < answers[0].answered_at < T0 + timedelta(minutes=1)  # when it was answered
    teacher.close()
    with sqlite3.connect(tmp_path / "teacher" / "gensec-quiz.sqlite3") as db:
        scores = db.execute("SELECT record, score FROM answer_facts ORDER BY record").fetchall()
    assert ("tenure-1", 0.5) in scores and len(scores) == 10  # every fact with its own score


def test_importing_the_same_file_twice_changes_nothing(pc_a: Path, tmp_path: Path) -> None:
    teacher = _store(tmp_path / "teacher")
    import_results(teacher, [pc_a], _never)
    before = _rows(tmp_path / "teacher" / "gensec-quiz.sqlite3")
    again = import_results(teacher, [pc_a, pc_a], _never)
    assert again.counts.nothing_new()
    assert "Nothing new" in again.sentence()
    assert _rows(tmp_path / "teacher" / "gensec-quiz.sqlite3") == before
    teacher.close()


def test_a_quiz_exported_unfinished_then_finished_is_completed_not_doubled(
        tmp_path: Path) -> None:
    pc = _store(tmp_path / "pc")
    session = _quiz(pc, "Ben", answers=2, finish=False)
    first = tmp_path / "first.json"
    export_results(pc, first, now=T0, data_root=tmp_path / "pc")
    record(pc, session, "q2", score=1.0, basis=facts("tenure-2.start"))
    pc.finish_session(session)
    second = tmp_path / "second.json"
    export_results(pc, second, now=T0, data_root=tmp_path / "pc")
    pc.close()

    teacher = _store(tmp_path / "teacher")
    import_results(teacher, [first], _never)
    later = import_results(teacher, [second], _never)
    assert (later.counts.sessions, later.counts.answers, later.counts.finished) == (0, 1, 1)
    ben = teacher.learner_by_name("Ben")
    assert ben is not None
    [done] = teacher.score_history(ben.id)
    assert done.answered == 3 and done.score == pytest.approx((0 + 0.5 + 1.0) / 3)
    teacher.close()


def test_the_same_learner_on_two_pcs_is_one_learner_with_both_quizzes(tmp_path: Path) -> None:
    files = []
    for index, start in enumerate((T0, T0 + timedelta(days=2))):
        pc = _store(tmp_path / f"pc-{index}", start=start)
        _quiz(pc, "Anna" if index == 0 else "ANNA ")
        files.append(tmp_path / f"pc-{index}.json")
        export_results(pc, files[-1], now=start, data_root=tmp_path / f"pc-{index}")
        pc.close()
    teacher = _store(tmp_path / "teacher")
    outcome = import_results(teacher, files, _never)
    assert outcome.counts.learners == 1 and outcome.counts.sessions == 2
    assert [learner.sessions for learner in teacher.learners()] == [2]
    teacher.close()


def test_a_name_only_close_to_one_here_is_asked_about_never_guessed(pc_a: Path,
                                                                    tmp_path: Path) -> None:
    teacher = _store(tmp_path / "teacher")
    annie = teacher.add_learner("Anna K.")  # close to "Anna"
    [anna, ben] = match_names(teacher, ["Anna", "Ben"])
    assert anna.unsure and anna.close == ((annie, "Anna K."),)
    assert not ben.unsure and ben.same is None
    asked: list[str] = []

    def same_as_annie(match: object) -> int | None:
        asked.append(match.name)
        return annie

    import_results(teacher, [pc_a], same_as_annie)
    assert asked == ["Anna"]
    assert [(learner.name, learner.sessions) for learner in teacher.learners()] == [
        ("Anna K.", 1), ("Ben", 1)]
    teacher.close()


@pytest.mark.parametrize(("content", "says"), [
    ("not json at all", "is not valid JSON"),
    ('{"format": "gensec-quiz-question-set", "version": 1}', "is not a GenSec Quiz results file"),
    ('{"format": "gensec-quiz-results", "version": 2, "learners": []}',
     "newer version of GenSec Quiz (results format 2"),
    ('{"format": "gensec-quiz-results", "version": 1, "app_version": "0.1.0", '
     '"exported_at": "2026-01-01T00:00:00+00:00", "learners": [{"name": "A", '
     '"created_at": "2026-01-01T00:00:00+00:00", "sessions": [{"question_set_id": "s", '
     '"title": "t", "mode": "practice", "question_count": 1, '
     '"started_at": "2026-01-01T00:00:00+00:00", "answers": [{"question_id": "q", '
     '"question_type": "date", "basis": [], "response": {}, "score": 7, '
     '"answered_at": "2026-01-01T00:00:00+00:00", "facts": []}]}]}]}',
     "learners.0.sessions.0.answers.0.score"),
])
def test_a_file_that_is_not_a_results_file_of_this_version_is_refused_with_a_sentence(
        tmp_path: Path, content: str, says: str) -> None:
    path = tmp_path / "results.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_results(path)
    assert says in str(caught.value) and str(path) in str(caught.value)


def _cli(data: Path, *argv: str) -> int:
    return main(list(argv), data=DataFolder(data))


def test_cli_export_then_import_and_unsure_names_need_same_or_new(
        pc_a: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    teacher = tmp_path / "teacher"
    store = _store(teacher)
    store.add_learner("Anna K.")
    store.close()
    database = teacher / "gensec-quiz.sqlite3"
    before = _rows(database)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert _cli(teacher, "results", "import", str(pc_a)) == 1
    err = capsys.readouterr().err
    assert "“Anna” in the files is close to “Anna K.”" in err and "--same" in err
    assert _rows(database) == before  # nothing imported

    assert _cli(teacher, "results", "import", str(pc_a), "--same", "Anna=Anna K.") == 0
    assert "Imported 5 answer(s) in 2 new quiz(zes)" in capsys.readouterr().out
    assert _cli(teacher, "results", "import", str(pc_a), "--same", "Anna=Anna K.") == 0
    assert "Nothing new" in capsys.readouterr().out

    out = tmp_path / "all.json"
    assert _cli(teacher, "results", "export", "--out", str(out)) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    names = [learner["name"] for learner in json.loads(out.read_text("utf-8"))["learners"]]
    assert names == ["Anna K.", "Ben"]


def test_cli_import_of_a_bad_file_changes_nothing_and_export_never_overwrites_the_database(
        pc_a: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    teacher = tmp_path / "teacher"
    _store(teacher).close()
    database = teacher / "gensec-quiz.sqlite3"
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    before = database.read_bytes()
    assert _cli(teacher, "results", "import", str(pc_a), str(bad)) == 1
    assert "is not a GenSec Quiz results file" in capsys.readouterr().err
    assert database.read_bytes() == before
    assert _cli(teacher, "results", "export", "--out", str(database)) == 1
    assert "never overwritten" in capsys.readouterr().err
    assert database.read_bytes() == before
