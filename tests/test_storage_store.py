"""The Store: learners, sessions, answers, through the public API only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SERVER_URL, empty_server_database
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import BasisRef, MatchingResponse, QuestionType
from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store, StoreError, open_store
from store_support import facts, record

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = open_store(tmp_path / "learners.sqlite3", clock=clock)
    yield opened
    opened.close()


def _session(store: Store, learner: int, count: int = 3, set_id: str = "set-a") -> int:
    return store.start_session(learner_id=learner, question_set_id=set_id, title="Set A",
                               mode=Mode.PRACTICE, question_count=count)


def _answer(store: Store, session: int, question: str, score: float,
            basis: tuple[BasisRef, ...] | None = None, qtype: QuestionType = "ordering") -> int:
    return record(store, session, question, kind=qtype, score=score,
                  basis=basis if basis is not None else facts("t1.start"))


# -- learners -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "Анна Ахматова", "José Martí", "Zoë 🦊 Ünal", "李小龍", "N" * 200, "=HYPERLINK(\"x\")",
])
def test_learner_names_round_trip(store: Store, name: str) -> None:
    learner = store.add_learner(name)
    assert store.learner(learner).name == name
    assert [info.name for info in store.learners()] == [name]


def test_learner_names_are_unique_regardless_of_case(store: Store) -> None:
    store.add_learner("Пётр Ильич")
    with pytest.raises(StoreError, match="already exists"):
        store.add_learner("пётр ильич")
    with pytest.raises(StoreError, match="already exists"):
        store.add_learner("  ПЁТР   ИЛЬИЧ ")


def test_learner_found_by_name_in_any_case(store: Store) -> None:
    learner = store.add_learner("Straße")
    found = store.learner_by_name("STRASSE")
    assert found is not None and found.id == learner
    assert store.learner_by_name("nobody") is None


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_blank_learner_name_is_refused_with_a_sentence(store: Store, name: str) -> None:
    with pytest.raises(StoreError) as caught:
        store.add_learner(name)
    assert str(caught.value) == "name: A learner's name cannot be empty."
    assert store.learners() == []


def test_overlong_and_control_character_names_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="at most 200 characters; this one has 201"):
        store.add_learner("x" * 201)
    with pytest.raises(StoreError, match="line breaks"):
        store.add_learner("two\nlines")


def test_store_errors_are_input_errors_and_value_errors(store: Store) -> None:
    with pytest.raises(InputError):
        store.add_learner("")
    with pytest.raises(ValueError, match="empty"):
        store.add_learner("")


def test_rename_keeps_sessions_and_refuses_a_taken_name(store: Store) -> None:
    anna, boris = store.add_learner("Anna"), store.add_learner("Boris")
    _session(store, anna)
    store.rename_learner(anna, "ANNA K.")
    assert store.learner(anna).name == "ANNA K." and store.learner(anna).sessions == 1
    store.rename_learner(boris, "boris")  # a change of case of one's own name is fine
    with pytest.raises(StoreError, match="already exists"):
        store.rename_learner(boris, "anna k.")


def test_merge_moves_sessions_and_facts_after_a_backup(store: Store) -> None:
    keep, merge = store.add_learner("Vera"), store.add_learner("vera (2)")
    session = _session(store, merge)
    _answer(store, session, "q1", 0.0, facts("t9.end"))
    assert store.merge_learners(keep, merge) == 1
    assert [info.name for info in store.learners()] == ["Vera"]
    assert store.learner(keep).sessions == 1
    assert [f.record for f in store.weakest_facts(keep)] == ["t9"]
    assert [b.reason for b in store.list_backups()] == ["before-merge"]
    with pytest.raises(StoreError, match="themselves"):
        store.merge_learners(keep, keep)


def test_delete_removes_everything_of_the_learner_after_a_backup(store: Store) -> None:
    gone, stays = store.add_learner("Gone"), store.add_learner("Stays")
    session = _session(store, gone)
    _answer(store, session, "q1", 1.0)
    kept_session = _session(store, stays)
    _answer(store, kept_session, "q1", 1.0)
    store.delete_learner(gone)
    assert [info.name for info in store.learners()] == ["Stays"]
    assert store.session_answers(session) == []
    assert len(store.session_answers(kept_session)) == 1
    assert [b.reason for b in store.list_backups()] == ["before-delete"]
    with pytest.raises(StoreError, match="no learner"):
        store.delete_learner(gone)


# -- sessions and answers -----------------------------------------------------------------

def test_answers_round_trip_with_their_basis_and_times(store: Store, clock: Clock) -> None:
    session = _session(store, store.add_learner("Ada"))
    clock.advance(seconds=42)
    answer = record(
        store, session, "q-7", kind="matching", response=MatchingResponse(("Брежнев", None)),
        score=0.5, seconds=12.5, at=clock(),
        basis=(BasisRef("t1", "start"), BasisRef("t2", "end"), BasisRef("e3", "date"),
               BasisRef("t1", "start")))
    [saved] = store.session_answers(session)
    assert saved.id == answer and saved.question_id == "q-7"
    assert saved.question_type == "matching" and saved.score == 0.5 and saved.seconds == 12.5
    assert saved.response == {"type": "matching", "choices": ["Брежнев", None]}
    assert saved.basis == (BasisRef("t1", "start"), BasisRef("t2", "end"), BasisRef("e3", "date"))
    assert saved.answered_at == T0 + timedelta(seconds=42)


def test_an_answer_keeps_its_own_time_not_the_store_clock(store: Store) -> None:
    session = _session(store, store.add_learner("Ada"))
    moment = datetime(2023, 5, 6, 7, 8, 9, tzinfo=UTC)
    record(store, session, "q", at=moment)
    assert store.session_answers(session)[0].answered_at == moment


def test_finish_scores_unanswered_questions_as_zero(store: Store, clock: Clock) -> None:
    learner = store.add_learner("Ada")
    session = _session(store, learner, count=4)
    _answer(store, session, "q1", 1.0)
    _answer(store, session, "q2", 0.5)
    clock.advance(minutes=5)
    assert store.finish_session(session) == pytest.approx(1.5 / 4)
    info = store.session(session)
    assert info.finished_at == T0 + timedelta(minutes=5) and info.answered == 2
    assert store.finish_session(session) == pytest.approx(1.5 / 4)  # idempotent


def test_a_question_answered_again_counts_once_with_its_last_score(store: Store) -> None:
    session = _session(store, store.add_learner("Ada"), count=2)
    _answer(store, session, "q1", 0.0)
    _answer(store, session, "q1", 1.0)
    assert store.finish_session(session) == pytest.approx(0.5)


def test_a_finished_session_takes_no_more_answers(store: Store) -> None:
    session = _session(store, store.add_learner("Ada"))
    store.finish_session(session)
    with pytest.raises(StoreError, match="finished"):
        _answer(store, session, "q1", 1.0)


def test_unfinished_sessions_are_offered_newest_first(store: Store, clock: Clock) -> None:
    learner = store.add_learner("Ada")
    first = _session(store, learner)
    clock.advance(hours=1)
    second = _session(store, learner)
    clock.advance(hours=1)
    done = _session(store, learner)
    store.finish_session(done)
    assert [s.id for s in store.unfinished_sessions(learner)] == [second, first]


def test_unknown_ids_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="no learner 99"):
        _session(store, 99)
    with pytest.raises(StoreError, match="no quiz session 99"):
        _answer(store, 99, "q", 1.0)
    with pytest.raises(StoreError, match="no quiz session 99"):
        store.finish_session(99)


def test_bad_answers_are_refused_listing_every_problem(store: Store) -> None:
    session = _session(store, store.add_learner("Ada"))
    with pytest.raises(StoreError) as caught:
        record(store, session, "", score=1.5, basis=(BasisRef("t", ""),), seconds=-1)
    places = sorted(p.where for p in caught.value.problems)
    assert places == ["record_answer.basis[0]", "record_answer.question_id",
                      "record_answer.score", "record_answer.seconds"]
    assert store.session_answers(session) == []
    assert store.session(session).answered == 0


def test_bad_session_is_refused(store: Store) -> None:
    learner = store.add_learner("Ada")
    with pytest.raises(StoreError) as caught:
        bad: dict[str, Any] = {"mode": ""}  # not a Mode: refused at run time too
        store.start_session(learner_id=learner, question_set_id="", title="t",
                            question_count=-1, **bad)
    assert {p.where for p in caught.value.problems} == {
        "start_session.question_set_id", "start_session.mode", "start_session.question_count"}


@settings(max_examples=25, deadline=None)
@given(score=st.floats(min_value=0, max_value=1),
       basis=st.lists(st.tuples(st.text(min_size=1, max_size=8)
                                .filter(lambda s: "." not in s),
                                st.sampled_from(["start", "end", "date"])), max_size=4))
def test_any_valid_answer_round_trips(tmp_path_factory: pytest.TempPathFactory, score: float,
                                      basis: list[tuple[str, str]]) -> None:
    with open_store(_fresh_target(tmp_path_factory.mktemp("p"))) as store:
        session = _session(store, store.add_learner("P"))
        _answer(store, session, "q", score, tuple(BasisRef(r, f) for r, f in basis))
        [saved] = store.session_answers(session)
    assert saved.score == score
    assert saved.basis == tuple(BasisRef(r, f) for r, f in dict.fromkeys(basis))


def _fresh_target(folder: Path) -> str | Path:
    """An empty database: the test server's under `make test-server`, else a new file."""
    if SERVER_URL:
        empty_server_database(SERVER_URL)
        return SERVER_URL
    return folder / "db.sqlite3"


def test_each_answer_is_committed_when_record_answer_returns(tmp_path: Path) -> None:
    path = _fresh_target(tmp_path)  # two PCs on one school server, or two stores on a file
    writer = open_store(path)
    session = _session(writer, writer.add_learner("Ada"))
    answer = _answer(writer, session, "q1", 1.0)
    reader = open_store(path)  # a second connection sees it before the writer closes
    try:
        assert [a.id for a in reader.session_answers(session)] == [answer]
    finally:
        reader.close()
        writer.close()


@pytest.mark.parametrize("fact", ["t.start", {"record": "t", "field": "end"}, ("t", "end"),
                                  BasisRef("", "start"), BasisRef("t", ""), 5, None])
def test_each_malformed_fact_is_refused(store: Store, fact: Any) -> None:
    """A fact is a BasisRef, never text, a dict or a pair: the answer changes form only once."""
    session = _session(store, store.add_learner("Ada"))
    with pytest.raises(StoreError, match=r"record_answer\.basis\[0\]"):
        _answer(store, session, "q", 1.0, (fact,))
    assert store.session_answers(session) == []


# -- what a session was started with (schema 3) ------------------------------------------------

def test_an_exam_keeps_its_time_limit_and_all_or_nothing_rule(store: Store) -> None:
    learner = store.add_learner("Vera")
    exam = store.start_session(learner_id=learner, question_set_id="s", title="S", mode=Mode.EXAM,
                               question_count=5, time_limit_seconds=900, all_or_nothing=True)
    practice = _session(store, learner)
    assert store.session_settings(exam).time_limit_seconds == 900
    assert store.session_settings(exam).all_or_nothing is True
    assert store.session_settings(practice).time_limit_seconds is None
    assert store.session_settings(practice).all_or_nothing is False


@pytest.mark.parametrize("limit", [0, -5, 24 * 3600 + 1])
def test_an_impossible_time_limit_is_refused_and_nothing_is_started(
    store: Store, limit: int
) -> None:
    learner = store.add_learner("Vera")
    with pytest.raises(StoreError, match="time_limit_seconds"):
        store.start_session(learner_id=learner, question_set_id="s", title="S", mode=Mode.EXAM,
                            question_count=5, time_limit_seconds=limit)
    assert store.unfinished_sessions(learner) == []


def test_session_settings_go_with_a_deleted_learner(store: Store) -> None:
    learner = store.add_learner("Vera")
    exam = store.start_session(learner_id=learner, question_set_id="s", title="S", mode=Mode.EXAM,
                               question_count=5, time_limit_seconds=600)
    store.delete_learner(learner)
    with pytest.raises(StoreError):
        store.session_settings(exam)
