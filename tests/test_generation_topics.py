"""Other topics from teachers' CSV files: an ongoing tenure, a second term, year-only dates."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.domain.dates import Order
from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation import enumerate_questions, generate_question_set

DATA = Path(__file__).resolve().parent / "data" / "topics"


def topic(name: str) -> RecordSet:
    folder = DATA / name
    return load_records_csv([folder / "presidents.csv", folder / "events.csv"])


FRANCE = topic("france")
US = topic("us-presidents")


@functools.cache
def everything(records: RecordSet) -> list[Question]:
    return [q for d in (1, 2, 3) for q in enumerate_questions(records, difficulty=d)]


def tenure_id(records: RecordSet, person: str, year: int) -> str:
    return next(t.id for t in records.tenures if t.person == person and t.start.year == year)


def texts(question: Question) -> list[str]:
    if isinstance(question, OrderingQuestion):
        return [i.text for i in question.items]
    if isinstance(question, MatchingQuestion):
        return [t for p in question.pairs for t in (p.left, p.right)]
    return [question.prompt]


@pytest.mark.parametrize("records", [FRANCE, US], ids=["france", "us-presidents"])
def test_other_topics_give_a_quiz_of_every_type(records: RecordSet) -> None:
    quiz = generate_question_set(records, count=8, seed=0)
    assert {q.type for q in quiz.questions} == {"ordering", "matching", "date"}
    assert quiz.records == records.id


def test_an_ongoing_tenure_is_never_asked_for_its_end() -> None:
    macron = tenure_id(FRANCE, "Emmanuel Macron", 2017)
    questions = everything(FRANCE)
    assert not [q for q in questions for b in q.basis if b.record == macron and b.field == "end"]
    assert any(b.record == macron and b.field == "start" for q in questions for b in q.basis)


def test_two_terms_of_one_person_are_told_apart_and_never_ordered_together() -> None:
    first = tenure_id(FRANCE, "Alain Poher", 1969)
    second = tenure_id(FRANCE, "Alain Poher", 1974)
    questions = everything(FRANCE)
    for question in questions:
        records = {b.record for b in question.basis}
        if isinstance(question, OrderingQuestion):
            assert not {first, second} <= records
    labels = {i.text for q in questions if isinstance(q, OrderingQuestion) for i in q.items
              if "Poher" in i.text}
    assert labels == {
        "Alain Poher (acting, first term)", "Alain Poher (acting, second term)",
        "Alain Poher becomes acting President of the French Republic for the first time.",
        "Alain Poher becomes acting President of the French Republic for the second time.",
    }
    prompts = [q.prompt for q in questions if isinstance(q, DateQuestion)
               and {b.record for b in q.basis} == {second} and q.measure == "date"]
    assert prompts and all("for the second time" in p for p in prompts)


def test_a_president_with_two_separate_terms_appears_once_per_question() -> None:
    for question in everything(US):
        if isinstance(question, OrderingQuestion):
            assert sum("Grover Cleveland" in t for t in texts(question)) <= 1


def test_year_only_dates_are_never_asked_more_finely() -> None:
    questions = [q for q in enumerate_questions(US, difficulty=3) if isinstance(q, DateQuestion)]
    assert questions and {q.precision for q in questions} == {"year"}


def test_people_who_took_office_in_the_same_year_are_never_ordered() -> None:
    garfield = tenure_id(US, "James A. Garfield", 1881)
    arthur = tenure_id(US, "Chester A. Arthur", 1881)
    assert US.record(garfield).start.compare(US.record(arthur).start) is Order.SAME
    for question in everything(US):
        if isinstance(question, OrderingQuestion):
            starts = {b.record for b in question.basis if b.field == "start"}
            assert not {garfield, arthur} <= starts


def test_a_length_of_service_is_not_asked_when_year_only_dates_leave_it_open() -> None:
    # 1885 to 1889 is three or four full years, depending on the days the records omit.
    assert not [q for q in everything(US) if isinstance(q, DateQuestion) and q.measure == "years"]
    french = [q for q in everything(FRANCE) if isinstance(q, DateQuestion)
              and q.measure == "years"]
    mitterrand = tenure_id(FRANCE, "François Mitterrand", 1981)
    assert any(q.answer.year == 13 and q.basis[0].record == mitterrand for q in french)


def test_a_successor_is_only_named_when_the_dates_tell_who_came_next() -> None:
    pairs = {(p.left, p.right) for q in everything(US) if isinstance(q, MatchingQuestion)
             for p in q.pairs if len(p.basis) == 2}
    assert ("Grover Cleveland (first term)", "Benjamin Harrison") in pairs
    assert ("Benjamin Harrison", "Grover Cleveland (second term)") in pairs
    assert not [pair for pair in pairs if "Garfield" in pair[0] or "Garfield" in pair[1]]
