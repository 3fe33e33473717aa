"""Review mode: how many of a learner's facts are due, and the review quiz on them.

A review covers every record set on this computer that the learner has answered questions on:
the built-in one and each one a teacher imported (`reviewable_record_sets`). A review quiz asks
about the learner's due facts, least likely recalled first (`Store.plan_review`, then
`generation.generate_for_facts`), all from one record set (a question set rests on one): the
set holding the most urgent fact; the others come in the next review. When nothing is due,
`NothingToReview` says when the next review falls, and "review ahead" (`review_plan(...,
ahead=True)`) asks about the facts that fall due soonest. This reads the store only when asked
(Home shown, Start pressed), never while answers are being recorded (docs/review.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.application.question_sets import QuestionSetLibrary
from gensec_quiz.domain.errors import InputError, NothingToReview
from gensec_quiz.domain.questions import BasisRef, QuestionSet
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from gensec_quiz.application.record_sets import RecordSetLibrary
    from gensec_quiz.storage import Store

_log = logging.getLogger(__name__)
REVIEW_DIFFICULTY = 2
# One record set, or several (the first holding a record id wins it when two share one).
RecordSets = RecordSet | Sequence[RecordSet]


def record_ids(records: RecordSet) -> set[str]:
    """Every record id of a record set: the facts a review on it may ask about."""
    ids: set[str] = {office.id for office in records.offices}
    ids.update(tenure.id for tenure in records.tenures)
    ids.update(event.id for event in records.events)
    return ids


def reviewable_record_sets(library: RecordSetLibrary, *,
                           find: Callable[[str], RecordSet | None] | None = None
                           ) -> list[RecordSet]:
    """The record sets a review may ask about: the built-in one, then every one a teacher
    imported into the data folder (by title); one that cannot be read is left out (logged).
    `find` (a record set by id, e.g. a cache of them) is used for the imports when given."""
    found: list[RecordSet] = []
    try:
        found.append(library.builtin())
    except (InputError, OSError):
        _log.warning("built-in records not readable: not reviewed")
    for entry in library.kept():
        try:
            records = find(entry.id) if find is not None else library.load(entry)
        except (InputError, OSError):
            records = None
        if records is None:
            _log.warning("kept record set %s cannot be read: not reviewed", entry.path)
            continue
        if all(records.id != other.id for other in found):
            found.append(records)
    return found


def _as_list(records: RecordSets) -> list[RecordSet]:
    return [records] if isinstance(records, RecordSet) else list(records)


def _all_ids(sets: Sequence[RecordSet]) -> set[str]:
    ids: set[str] = set()
    for records in sets:
        ids.update(record_ids(records))
    return ids


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """What Home says beside Review: how many facts are due, its sentence, and whether to offer
    "review ahead" (nothing is due, but the learner has met facts that fall due later)."""

    due: int
    sentence: str
    ahead: bool


def review_status(store: Store, learner_id: int, records: RecordSets, *,
                  at: datetime) -> ReviewStatus:
    """How many of the learner's facts of `records` (one record set or several) are due at
    `at`, Home's sentence, and whether review ahead makes sense."""
    from gensec_quiz.review import next_review_sentence  # fsrs: not before the first window

    ids = _all_ids(_as_list(records))
    due = len(store.plan_review(learner_id, at, records=ids))
    if due == 1:
        return ReviewStatus(due, tr("1 fact is due now."), False)
    if due:
        return ReviewStatus(due, tr("{count} facts are due now.", count=due), False)
    next_due = store.next_due(learner_id, records=ids)
    return ReviewStatus(0, next_review_sentence(next_due, at=at), next_due is not None)


def due_sentence(store: Store, learner_id: int, records: RecordSets, *,
                 at: datetime) -> tuple[int, str]:
    """How many of the learner's facts of `records` (one record set or several) are due at
    `at`, and Home's sentence."""
    status = review_status(store, learner_id, records, at=at)
    return status.due, status.sentence


def can_review_ahead(store: Store, learner_id: int, records: RecordSets, *,
                     at: datetime) -> bool:
    """Whether "review ahead" makes sense: nothing of `records` is due at `at`, and the learner
    has met some of its facts (they fall due later)."""
    return review_status(store, learner_id, records, at=at).ahead


def ahead_facts(store: Store, learner_id: int, records: RecordSets, *, at: datetime,
                count: int) -> list[BasisRef]:
    """The `count` facts of `records` that fall due soonest (due ones first), for review ahead."""
    ids = _all_ids(_as_list(records))
    statuses = [s for s in store.fact_statuses(learner_id, at) if s.record in ids]
    return [status.card.ref for status in statuses[:max(0, count)]]


def review_plan(store: Store, library: QuestionSetLibrary, learner_id: int, records: RecordSets,
                *, at: datetime, count: int, seed: int, ahead: bool = False) -> QuizPlan:
    """A review quiz on the due facts (with `ahead`, on the `count` facts due soonest, due or
    not), its set kept (so that it can be resumed) apart from Home's list. The facts are those
    of the record set holding the most urgent one; `records` is one record set or several.
    NothingToReview (saying when the next review falls) when there is nothing to ask about;
    InputError when the set cannot be kept."""
    from gensec_quiz.review import next_review_sentence

    sets = _as_list(records)
    ids = _all_ids(sets)
    if ahead:
        facts = ahead_facts(store, learner_id, sets, at=at, count=count)
    else:
        facts = store.plan_review(learner_id, at, records=ids)
    if not facts:
        raise NothingToReview(next_review_sentence(store.next_due(learner_id, records=ids),
                                                   at=at))
    for chosen, wanted in _by_record_set(sets, facts):
        question_set = _review_set(chosen, wanted, count=count, seed=seed)
        if question_set is not None:
            library.save_own(question_set, retry=True)
            return QuizPlan(question_set, mode=Mode.REVIEW)
    raise NothingToReview(tr("No question can be made on the facts that are due."))


def _by_record_set(sets: Sequence[RecordSet],
                   facts: Sequence[BasisRef]) -> list[tuple[RecordSet, list[BasisRef]]]:
    """The facts grouped by the record set that holds them (the first set holding a record),
    the group of the most urgent fact first; facts of no set are left out."""
    owners = [(records, record_ids(records)) for records in sets]
    groups: dict[str, tuple[RecordSet, list[BasisRef]]] = {}
    for fact in facts:
        owner = next((records for records, ids in owners if fact.record in ids), None)
        if owner is not None:
            groups.setdefault(owner.id, (owner, []))[1].append(fact)
    return list(groups.values())


def _review_set(records: RecordSet, facts: Sequence[BasisRef], *, count: int,
                seed: int) -> QuestionSet | None:
    from gensec_quiz.generation import generate_for_facts
    from gensec_quiz.i18n import current_language

    # in the language the learner reads the app in
    made = generate_for_facts(records, facts, count=min(count, len(facts)), seed=seed,
                              difficulty=REVIEW_DIFFICULTY, language=current_language())
    # A question often tests several of the facts, and the generator fills up to `count` with
    # questions on other facts: a review keeps only the questions on the facts asked for.
    wanted = set(facts)
    questions = tuple(q for q in made.questions if wanted.intersection(q.basis))
    return replace(made, questions=questions) if questions else None
