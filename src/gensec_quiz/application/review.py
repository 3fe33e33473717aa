"""Review mode: how many of a learner's facts are due, and the review quiz on them.

A review quiz asks about the learner's due facts, least likely recalled first
(`Store.plan_review`, then `generation.generate_for_facts`); when nothing is due,
`NothingToReview` says when the next review falls. This reads the store only when asked (Home
shown, Start pressed), never while answers are being recorded (docs/review.md).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.application.question_sets import QuestionSetLibrary
from gensec_quiz.domain.errors import NothingToReview
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from gensec_quiz.storage import Store

REVIEW_DIFFICULTY = 2


def record_ids(records: RecordSet) -> set[str]:
    """Every record id of a record set: the facts a review on it may ask about."""
    ids: set[str] = {office.id for office in records.offices}
    ids.update(tenure.id for tenure in records.tenures)
    ids.update(event.id for event in records.events)
    return ids


def due_sentence(store: Store, learner_id: int, records: RecordSet, *,
                 at: datetime) -> tuple[int, str]:
    """How many of the learner's facts of `records` are due at `at`, and Home's sentence."""
    from gensec_quiz.review import next_review_sentence  # fsrs: not before the first window

    ids = record_ids(records)
    due = len(store.plan_review(learner_id, at, records=ids))
    if due == 1:
        return due, tr("1 fact is due now.")
    if due:
        return due, tr("{count} facts are due now.", count=due)
    return 0, next_review_sentence(store.next_due(learner_id, records=ids), at=at)


def review_plan(store: Store, library: QuestionSetLibrary, learner_id: int, records: RecordSet,
                *, at: datetime, count: int, seed: int) -> QuizPlan:
    """A review quiz on the due facts, its set kept (so that it can be resumed) apart from Home's
    list. NothingToReview (saying when the next review falls) when nothing is due;
    InputError when no question can be made or the set cannot be kept."""
    from gensec_quiz.generation import generate_for_facts
    from gensec_quiz.review import next_review_sentence

    ids = record_ids(records)
    facts = store.plan_review(learner_id, at, records=ids)
    if not facts:
        raise NothingToReview(next_review_sentence(store.next_due(learner_id, records=ids),
                                                   at=at))
    made = generate_for_facts(records, facts, count=min(count, len(facts)), seed=seed,
                              difficulty=REVIEW_DIFFICULTY)
    # A question often tests several due facts, and the generator fills up to `count` with
    # questions on other facts: a review keeps only the questions on due facts.
    due = set(facts)
    questions = tuple(q for q in made.questions if due.intersection(q.basis))
    if not questions:
        raise NothingToReview(tr("No question can be made on the facts that are due."))
    question_set = replace(made, questions=questions)
    library.save_own(question_set, retry=True)
    return QuizPlan(question_set, mode=Mode.REVIEW)
