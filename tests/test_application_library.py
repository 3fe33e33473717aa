"""The libraries of question sets and record sets, classroom locks and learner operations, with
no window: what Home, the Build and Records tabs and the Learners tab stand on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from application_support import Clock, question_set, records
from gensec_quiz.application.learners import Learners
from gensec_quiz.application.plans import QuizPlan, locked_plan
from gensec_quiz.application.question_sets import QuestionSetLibrary, lock_text
from gensec_quiz.application.quiz_run import rebuild_answers
from gensec_quiz.application.record_sets import RecordSetLibrary, import_csv
from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.bank.questions_json import save_question_set
from gensec_quiz.domain.errors import InputError, StoreError
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.session import Mode
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import AnswerRecord, Store, open_store

TEACHER = Path(__file__).parent / "data" / "teacher"


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "data")


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    path = tmp_path / "shipped"
    path.mkdir()
    return path


@pytest.fixture
def library(folder: DataFolder, shipped: Path) -> QuestionSetLibrary:
    return QuestionSetLibrary(folder, shipped=shipped)


# Question sets --------------------------------------------------------------------------------


def test_sets_are_listed_shipped_first_then_the_users_own_without_retries_or_empty_ones(
    library: QuestionSetLibrary, shipped: Path, folder: DataFolder
) -> None:
    made = question_set()
    save_question_set(replace(made, id="shipped-set", title="Shipped"), shipped / "a.json")
    (shipped / "notes.json").write_text('{"format": "something else"}', encoding="utf-8")
    (shipped / "broken.json").write_text("{", encoding="utf-8")
    save_question_set(replace(made, id="empty", title="Empty", questions=()),
                      shipped / "empty.json")
    own = library.save_own(replace(made, id="My Own Set!", title="Mine"))
    retry = library.save_own(replace(made, id="again", title="Again"), retry=True)
    assert own == folder.question_sets / "my-own-set.json"
    assert retry.parent == folder.question_sets / "retries"
    listed = [(e.id, e.title, e.count, e.own) for e in library.entries()]
    assert listed == [("shipped-set", "Shipped", len(made.questions), False),
                      ("My Own Set!", "Mine", len(made.questions), True)]
    assert [e.id for e in library.entries(include_retries=True)][-1] == "again"
    found = library.find("again")
    assert found is not None and found.questions == made.questions
    assert library.find("no-such-set") is None


def test_a_set_that_cannot_be_saved_is_one_located_sentence(
    library: QuestionSetLibrary, folder: DataFolder
) -> None:
    folder.root.mkdir(parents=True)
    folder.question_sets.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        library.save_own(question_set())
    [problem] = caught.value.problems
    assert problem.where.endswith(".json") and "could not be saved" in problem.message


def test_a_teachers_lock_is_written_into_the_set_and_read_back_its_questions_unchanged(
    library: QuestionSetLibrary,
) -> None:
    made = question_set()
    library.save_own(made)
    [entry] = library.entries()
    assert library.lock_of(entry) is None
    lock = ClassroomLock("exam", 20, True)
    library.set_lock(entry, lock)
    assert library.lock_of(entry) == lock
    assert library.lock_of_set(made.id) == lock
    assert library.load(entry.path).questions == made.questions
    assert lock_text(lock) == "exam, 20 min, all or nothing"
    library.set_lock(entry, None)
    assert library.lock_of(entry) is None


def test_a_lock_overrides_what_the_learner_picked() -> None:
    plan = QuizPlan(question_set(), mode=Mode.PRACTICE)
    assert locked_plan(plan, None) is plan
    locked = locked_plan(plan, ClassroomLock("exam", 15, True))
    assert (locked.mode, locked.all_or_nothing, locked.time_limit_seconds()) == (
        Mode.EXAM, True, 15 * 60)
    practice = locked_plan(replace(plan, mode=Mode.EXAM), ClassroomLock("practice", 15, True))
    assert (practice.mode, practice.all_or_nothing, practice.time_limit) == (
        Mode.PRACTICE, False, None)


def test_answers_read_back_are_graded_again_under_the_sessions_rule(clock: Clock) -> None:
    made = question_set()
    question = next(q for q in made.questions if q.type == "ordering")
    swapped = list(range(len(question.items)))
    swapped[0], swapped[1] = swapped[1], swapped[0]

    def saved(answer_id: int, response: dict[str, object]) -> AnswerRecord:
        return AnswerRecord(id=answer_id, session_id=1, question_id=question.id,
                            question_type="ordering", score=0.0, response=response,
                            basis=(BasisRef("t", "start"),), seconds=12.0,
                            answered_at=clock())

    first = saved(1, {"type": "ordering", "order": list(range(len(question.items)))})
    latest = saved(2, {"type": "ordering", "order": swapped, "moved": True})
    unreadable = saved(3, {"type": "ordering", "order": "not a list"})
    [partial] = rebuild_answers(made, [first, latest, unreadable])
    assert 0 < partial.grade.score < 1  # the latest answer counts; the unreadable is left out
    [strict] = rebuild_answers(made, [first, latest], all_or_nothing=True)
    assert strict.grade.score == 0.0


@pytest.fixture
def clock() -> Clock:
    return Clock()


# Record sets ----------------------------------------------------------------------------------


def test_an_imported_record_set_is_kept_and_found_again_by_its_id(folder: DataFolder) -> None:
    library = RecordSetLibrary(folder, records)
    imported = import_csv([TEACHER / "monarchs.csv", TEACHER / "royal_events.csv"],
                          title="British monarchs")
    path = library.keep(imported)
    assert path.parent == folder.record_sets
    [entry] = library.kept()
    assert (entry.id, entry.title, entry.builtin) == (imported.id, "British monarchs", False)
    assert library.load(entry).id == imported.id
    found = library.find(imported.id)
    assert found is not None and found.tenures == imported.tenures
    assert library.find(records().id) is records()
    assert library.find("no-such-records") is None


def test_a_question_set_is_checked_against_its_record_set_with_located_problems(
    folder: DataFolder, tmp_path: Path
) -> None:
    library = RecordSetLibrary(folder, records)
    good = question_set()
    path = tmp_path / "set.json"
    save_question_set(good, path)
    checked, its_records = library.read_checked(path)
    assert checked.questions == good.questions and its_records is records()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["questions"][0]["basis"][0]["record"] = "no-such-record"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        library.read_checked(path)
    assert caught.value.problems[0].where == f"{path}: questions[0].basis[0]"
    assert "'no-such-record' is not a record" in caught.value.problems[0].message


# Learners -------------------------------------------------------------------------------------


@pytest.fixture
def store(folder: DataFolder, clock: Clock) -> Iterator[Store]:
    opened = open_store(folder.database, clock=clock)
    yield opened
    opened.close()


def test_renaming_says_old_and_new_names_and_a_taken_name_is_refused(store: Store) -> None:
    learners = Learners(store)
    anna, _ = learners.add("Anna"), learners.add("Boris")
    assert learners.rename(anna, "  Anya ").sentence == "“Anna” is now called “Anya”."
    with pytest.raises(StoreError):
        learners.rename(anna, "boris")


def test_merging_and_deleting_say_which_backup_was_taken_first(store: Store) -> None:
    learners = Learners(store)
    anna, twin, boris = learners.add("Anna"), learners.add("Anna 2"), learners.add("Boris")
    merged = learners.merge(anna, twin)
    assert merged.ok and merged.sentence.startswith("“Anna 2” was merged into “Anna”.")
    assert "before-merge" in merged.sentence
    deleted = learners.delete(boris)
    assert deleted.ok and "before-delete" in deleted.sentence
    assert [i.name for i in store.learners()] == ["Anna"]
    backups = {info.path.name for info in store.list_backups()}
    assert any(name in merged.sentence for name in backups)
