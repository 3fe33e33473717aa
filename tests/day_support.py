"""A set with one question asked to the day, as a teacher may in the editor: the generator asks
a day only where the sources disagree on it, and the exports must still write days."""

from __future__ import annotations

import dataclasses

from gensec_quiz.application.question_edit import (
    check_against_records,
    question_from_data,
    question_to_data,
)
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import BasisRef, DateQuestion, QuestionSet
from gensec_quiz.domain.records import RecordSet


def exact_date(records: RecordSet, ref: BasisRef) -> PartialDate:
    """The date the records give the fact a question rests on."""
    for event in records.events:
        if event.id == ref.record:
            return event.date
    for tenure in records.tenures:
        if tenure.id == ref.record:
            found = tenure.start if ref.field == "start" else tenure.end
            assert found is not None
            return found
    raise AssertionError(f"no record {ref.record}")


def asked_to_the_day(question_set: QuestionSet, records: RecordSet) -> QuestionSet:
    """`question_set` with its first question asked by month (no choices, no other accepted
    value) of a fact the records know to the day, changed in the editor's data to ask the day."""
    for place, question in enumerate(question_set.questions):
        if not (isinstance(question, DateQuestion) and question.precision == "month"
                and not question.accept and not question.choices):
            continue
        day = exact_date(records, question.basis[0])
        if day.day is None:
            continue
        data = question_to_data(question)
        data.update(precision="day", answer=day.iso())
        changed = question_from_data(data)
        assert isinstance(changed, DateQuestion) and changed.precision == "day"
        assert not check_against_records(changed, records), check_against_records(
            changed, records)
        questions = list(question_set.questions)
        questions[place] = changed
        return dataclasses.replace(question_set, questions=tuple(questions))
    raise AssertionError("no question asked by month of a fact known to the day")
