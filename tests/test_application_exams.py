"""Exams that hold, with no window: the wall-clock limit from the attempt's start (across Finish
later and a crash), time's up taking the answer on screen, Start resuming the open attempt, and
the attempt limit of a locked set."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from application_support import Clock, question_set, right
from gensec_quiz.application.classroom import (
    ExamRules,
    attempts_sentence,
    exam_plan,
    open_attempt,
)
from gensec_quiz.application.plans import QuizPlan, locked_plan
from gensec_quiz.application.question_sets import QuestionSetLibrary
from gensec_quiz.application.quiz_run import QuizRun, Saved, TimeUp
from gensec_quiz.bank.classroom_lock import ClassroomLock
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import MatchingQuestion, MatchingResponse, Response
from gensec_quiz.domain.session import Mode, Phase
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import Store, open_store


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "data").create()


@pytest.fixture
def store(folder: DataFolder, clock: Clock) -> Iterator[Store]:
    opened = open_store(folder.database, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def library(folder: DataFolder, tmp_path: Path) -> QuestionSetLibrary:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    return QuestionSetLibrary(folder, shipped=shipped)


def _locked(library: QuestionSetLibrary, minutes: int | None = 10, seed: int = 3) -> QuizPlan:
    questions = question_set(seed=seed)
    library.save_own(questions)
    entry = library.entry(questions.id)
    assert entry is not None
    lock = ClassroomLock("exam", minutes, False)
    library.set_lock(entry, lock)
    return locked_plan(QuizPlan(questions), lock)


def test_the_time_limit_counts_from_the_start_across_finish_later_and_a_restart(
    folder: DataFolder, store: Store, library: QuestionSetLibrary, clock: Clock
) -> None:
    anna = store.add_learner("Anna")
    plan = _locked(library)
    run = QuizRun(plan, store, clock, learner_id=anna, seed=1)
    run.start()
    clock.advance(minutes=2)
    assert isinstance(run.submit(right(run.session.current)), Saved)
    run.finish_later()  # Finish later: the clock does not stop
    clock.advance(minutes=3)
    reopened = open_store(folder.database, clock=clock)  # as after a crash and a restart
    try:
        resumed = QuizRun.resume(run.session_id or 0, reopened, library, clock, seed=1)
        resumed.start()
        assert resumed.time_left() == timedelta(minutes=5)
        clock.advance(minutes=5)
        assert isinstance(resumed.submit(right(resumed.session.current)), TimeUp)
        assert resumed.session.phase is Phase.FINISHED
    finally:
        reopened.close()


def test_an_attempt_resumed_after_its_time_ran_out_ends_at_once(
    store: Store, library: QuestionSetLibrary, clock: Clock
) -> None:
    anna = store.add_learner("Anna")
    run = QuizRun(_locked(library, minutes=1), store, clock, learner_id=anna)
    run.start()
    run.finish_later()
    clock.advance(minutes=2)
    again = QuizRun.resume(run.session_id or 0, store, library, clock)
    assert again.start().phase is Phase.FINISHED
    assert store.session(run.session_id or 0).finished


def test_an_attempt_resumed_after_its_time_ran_out_counts_the_answer_left_on_screen(
    store: Store, library: QuestionSetLibrary, clock: Clock
) -> None:
    anna = store.add_learner("Anna")
    run = QuizRun(_locked(library, minutes=1), store, clock, learner_id=anna)
    first = run.start().current
    run.finish_later()  # or a crash: the answer was on screen, not yet submitted (a draft)
    clock.advance(minutes=2)
    asked: list[tuple[int, str]] = []

    def left_on_screen(session_id: int, question_id: str) -> Response | None:
        asked.append((session_id, question_id))
        return right(first) if question_id == first.id else None

    again = QuizRun.resume(run.session_id or 0, store, library, clock)
    assert again.start(left_on_screen=left_on_screen).phase is Phase.FINISHED
    assert asked == [(run.session_id, first.id)]
    assert isinstance(again.submitted_at_time_up, Saved)
    saved = store.session_answers(run.session_id or 0)
    assert [(a.question_id, a.score) for a in saved] == [(first.id, 1.0)]
    assert store.session(run.session_id or 0).finished


def test_at_time_up_the_answer_on_screen_counts_as_it_stands(
    store: Store, library: QuestionSetLibrary, clock: Clock
) -> None:
    anna = store.add_learner("Anna")
    # Seed 0: a set with a matching of several pairs.
    run = QuizRun(_locked(library, minutes=1, seed=0), store, clock, learner_id=anna, seed=2)
    session = run.start()
    while not (isinstance(session.current, MatchingQuestion)
               and len(session.current.pairs) > 1):  # one pair is multiple choice
        run.submit(right(session.current))
    question = session.current
    assert isinstance(question, MatchingQuestion)
    half = tuple(pair.right if i == 0 else None for i, pair in enumerate(question.pairs))
    clock.advance(minutes=1)
    assert run.time_up() and run.time_left() == timedelta(0)
    result = run.end_at_time_up(MatchingResponse(half))
    assert isinstance(result, Saved) and result.answer.question_id == question.id
    assert 0 < result.answer.grade.score < 1  # its one right pair scores
    outcome = run.finish()
    assert outcome.saved and session.phase is Phase.FINISHED
    saved = store.session_answers(run.session_id or 0)
    assert saved[-1].question_id == question.id


def test_start_on_a_locked_set_resumes_the_open_attempt_with_its_timer(
    folder: DataFolder, store: Store, library: QuestionSetLibrary, clock: Clock
) -> None:
    anna = store.add_learner("Anna")
    rules = ExamRules.in_folder(folder.root)
    plan = _locked(library)
    first = QuizRun(exam_plan(plan, store, library, rules, learner_id=anna), store, clock,
                    learner_id=anna)
    first.start()  # no answer yet: still the attempt
    first.finish_later()
    clock.advance(minutes=4)
    again = exam_plan(plan, store, library, rules, learner_id=anna)
    assert again.resume_session_id == first.session_id
    run = QuizRun(again, store, clock, learner_id=anna)
    run.start()
    assert run.time_left() == timedelta(minutes=6)
    assert len(store.class_sessions(learner_id=anna)) == 1


def test_a_locked_set_allows_one_attempt_unless_the_teacher_gives_more(
    folder: DataFolder, store: Store, library: QuestionSetLibrary, clock: Clock
) -> None:
    anna = store.add_learner("Anna")
    rules = ExamRules.in_folder(folder.root)
    plan = _locked(library, minutes=None)
    set_id = plan.question_set.id
    assert attempts_sentence(store, rules, anna, set_id) == (
        "One attempt per learner. Attempts left: 1.")
    run = QuizRun(exam_plan(plan, store, library, rules, learner_id=anna), store, clock,
                  learner_id=anna)
    run.start()
    assert "Your attempt is open" in attempts_sentence(store, rules, anna, set_id)
    run.finish()
    assert open_attempt(store, anna, set_id) is None
    with pytest.raises(InputError) as raised:
        exam_plan(plan, store, library, rules, learner_id=anna)
    assert "You have used your 1 attempt(s)" in raised.value.sentences()[0]
    rules.set_attempts(set_id, 2)
    assert stat.S_IMODE(rules.path.stat().st_mode) == 0o600
    assert exam_plan(plan, store, library, rules, learner_id=anna).resume_session_id is None
    assert attempts_sentence(store, rules, anna, set_id) == (
        "2 attempts per learner. Attempts left: 1.")


def test_practice_and_unlocked_sets_start_as_chosen(
    folder: DataFolder, store: Store, library: QuestionSetLibrary
) -> None:
    anna = store.add_learner("Anna")
    rules = ExamRules.in_folder(folder.root)
    plan = QuizPlan(question_set(), mode=Mode.EXAM)
    assert exam_plan(plan, store, library, rules, learner_id=anna) is plan
    with pytest.raises(InputError):
        rules.set_attempts(plan.question_set.id, 0)


@pytest.mark.parametrize("edit", ["answer", "lock"])
def test_a_locked_set_edited_by_hand_is_refused_with_a_sentence(
    folder: DataFolder, store: Store, library: QuestionSetLibrary, edit: str
) -> None:
    import json

    anna = store.add_learner("Anna")
    rules = ExamRules.in_folder(folder.root)
    plan = _locked(library)
    entry = library.entry(plan.question_set.id)
    assert entry is not None
    rules.set_attempts(entry.id, 1, locked_file=entry.path)
    assert exam_plan(plan, store, library, rules, learner_id=anna) == plan
    data = json.loads(entry.path.read_text(encoding="utf-8"))
    if edit == "answer":  # sealed: any change to the questions changes the sealed text
        data["sealed"] = data["sealed"][:40] + ("A" if data["sealed"][40] != "A" else "B") + (
            data["sealed"][41:])
    else:
        data.pop("classroom")  # the lock taken out by hand: the set would start as practice
    entry.path.write_text(json.dumps(data), encoding="utf-8")
    practice = QuizPlan(plan.question_set)
    with pytest.raises(InputError) as raised:
        exam_plan(practice if edit == "lock" else plan, store, library, rules, learner_id=anna)
    assert raised.value.sentences()[0].endswith(
        "was changed outside GenSec Quiz after your teacher locked it, so it cannot start; "
        "ask your teacher to lock it again.")
    rules.forget(entry.id)  # the teacher unlocks it: the file is the teacher's again
    assert exam_plan(practice, store, library, rules, learner_id=anna) == practice


@pytest.mark.parametrize("edit", ["more attempts", "seal taken out", "fingerprint replaced",
                                  "key replaced"])
def test_exam_rules_edited_by_hand_are_refused_with_a_sentence(
    folder: DataFolder, store: Store, library: QuestionSetLibrary, edit: str
) -> None:
    import json

    anna = store.add_learner("Anna")
    rules = ExamRules.in_folder(folder.root)
    plan = _locked(library)
    entry = library.entry(plan.question_set.id)
    assert entry is not None
    rules.set_attempts(entry.id, 1, locked_file=entry.path)
    assert stat.S_IMODE(rules.key_path.stat().st_mode) == 0o600
    data = json.loads(rules.path.read_text(encoding="utf-8"))
    if edit == "more attempts":
        data[entry.id]["attempts"] = 20
    elif edit == "seal taken out":
        del data[entry.id]["seal"]
    elif edit == "fingerprint replaced":  # to hide an edit of the set's own file
        data[entry.id]["sha256"] = "0" * 64
    else:
        rules.key_path.write_text("ab" * 32, encoding="ascii")
    rules.path.write_text(json.dumps(data), encoding="utf-8")
    assert rules.of(entry.id).attempts == 1  # never the edited number
    with pytest.raises(InputError) as raised:
        exam_plan(plan, store, library, rules, learner_id=anna)
    assert raised.value.sentences() == (
        f"The exam rules of “{entry.id}” were changed outside GenSec Quiz, so it cannot "
        "start; ask your teacher to lock it again.",)
    rules.set_attempts(entry.id, 1, locked_file=entry.path)  # the teacher locks it again
    assert exam_plan(plan, store, library, rules, learner_id=anna) == plan


def test_a_locked_set_keeps_no_answer_key_in_plain_text_and_a_hand_edit_is_refused(
    folder: DataFolder, library: QuestionSetLibrary
) -> None:
    import json

    plan = _locked(library)
    entry = library.entry(plan.question_set.id)
    assert entry is not None and entry.count == len(plan.question_set.questions)
    text = entry.path.read_text(encoding="utf-8")
    for question in plan.question_set.questions:
        assert question.explanation not in text and question.prompt not in text
    assert library.load(entry.path) == plan.question_set  # unsealed for the exam
    assert library.lock_of(entry) == ClassroomLock("exam", 10, False)
    data = json.loads(text)
    data["classroom"]["time_limit_minutes"] = 60  # a longer exam, written in by hand
    entry.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        library.load(entry.path)
    assert raised.value.sentences()[0].endswith(
        f"the locked set “{entry.id}” was changed outside GenSec Quiz, so it cannot be used; "
        "ask your teacher to lock it again")
    assert library.find(entry.id) is None  # nothing starts from it
    library.set_lock(entry, None)  # the teacher unlocks it: the questions are plain again
    assert library.load(entry.path) == plan.question_set
    assert library.lock_of(entry) is None


def test_a_locked_set_whose_key_is_lost_is_refused_and_the_teacher_can_still_unlock_it(
    folder: DataFolder, library: QuestionSetLibrary
) -> None:
    plan = _locked(library)
    entry = library.entry(plan.question_set.id)
    assert entry is not None
    key = folder.root / "classroom.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key.unlink()
    with pytest.raises(InputError, match=r"classroom.key\) is missing or damaged"):
        library.load(entry.path)
    library.set_lock(entry, ClassroomLock("exam", 15, False))  # locked again: a new key
    assert library.load(entry.path) == plan.question_set
