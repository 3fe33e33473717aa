"""A question set being built by a teacher: generated, then questions dropped or replaced.

Plain data and no Qt: the Builder screen shows it, tests drive it directly.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gensec_quiz.domain.questions import (
    DEFAULT_ORDERING_RULE,
    ORDERING_RULES,
    OrderingRule,
    Question,
    QuestionSet,
    QuestionType,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import N_, tr

# One line each, for teachers choosing how ordering questions are scored (see docs/grading.md).
RULE_TEXTS: dict[OrderingRule, str] = {
    "relative_all_previous_and_next":
        N_("The share of pairs in the right order: one swap of neighbours costs little "
        "(recommended)."),
    "all_or_nothing": N_("Full marks only when every item is in place; otherwise 0."),
    "absolute_position": N_("One point per item in its own slot; an early slip shifts the rest."),
    "relative_next_exclude_last":
        N_("One point per item followed by the right next item; the last item is not checked."),
    "relative_next_include_last":
        N_("As the previous rule, and the last item must have nothing after it."),
    "relative_one_previous_and_next":
        N_("A point for the right neighbour before each item and one for the right one after."),
    "longest_ordered_subset":
        N_("The longest run of items in the right relative order, gaps allowed."),
    "longest_contiguous_subset":
        N_("The longest run of items in the right order that are also next to each other."),
    "relative_to_correct_position":
        N_("Each item earns less the further it sits from its own slot."),
}
RULE_NAMES: dict[OrderingRule, str] = {
    "relative_all_previous_and_next": N_("Pairs in order (recommended)"),
    "all_or_nothing": N_("All or nothing"),
    "absolute_position": N_("Exact positions"),
    "relative_next_exclude_last": N_("Right next item (last not checked)"),
    "relative_next_include_last": N_("Right next item (last checked)"),
    "relative_one_previous_and_next": N_("Right neighbours"),
    "longest_ordered_subset": N_("Longest ordered run, gaps allowed"),
    "longest_contiguous_subset": N_("Longest ordered run, no gaps"),
    "relative_to_correct_position": N_("Distance from the right slot"),
}
RULE_ORDER: tuple[OrderingRule, ...] = (
    DEFAULT_ORDERING_RULE, *(r for r in ORDERING_RULES if r != DEFAULT_ORDERING_RULE))


def rule_text(rule: OrderingRule) -> str:
    return tr(RULE_TEXTS[rule])


def rule_name(rule: OrderingRule) -> str:
    return tr(RULE_NAMES[rule])


@dataclass(frozen=True)
class BuildOptions:
    """What the teacher chose before generating."""

    types: tuple[QuestionType, ...]
    count: int = 10
    difficulty: int = 2
    scoring: OrderingRule = DEFAULT_ORDERING_RULE
    seed: int = 1
    # The language the questions are written in (a key of `i18n.LANGUAGES`).
    language: str = "en"


def _set_id(title: str, records_id: str, questions: Sequence[Question],
            language: str = "en") -> str:
    """Readable and tied to the content: the same title and questions give the same id (and
    the same questions in another language another id)."""
    from gensec_quiz.bank.csv_ids import slug

    parts: list[Any] = [records_id, title, [q.id for q in questions]]
    if language != "en":
        parts.append(language)  # an English set keeps the id it always had
    content = json.dumps(parts)
    digest = hashlib.blake2b(content.encode("utf-8"), digest_size=4).hexdigest()
    return f"{slug(title or records_id, max_length=40)}-{digest}"


@dataclass(frozen=True)
class DraftState:
    """What undo and redo put back: the questions and the record of the edits."""

    questions: tuple[Question, ...]
    dropped: tuple[str, ...]
    replaced: tuple[tuple[str, str], ...]
    edited: tuple[str, ...]
    written: tuple[str, ...]


class Draft:
    """The questions of a set in the making, with the generator's settings and the edits."""

    def __init__(self, question_set: QuestionSet, *, records: RecordSet | None,
                 options: BuildOptions | None) -> None:
        self.original = question_set
        self.questions: list[Question] = list(question_set.questions)
        self.title = question_set.title
        self.description = question_set.description
        self.records_id = question_set.records
        self.records = records
        self.options = options
        self.generator: dict[str, Any] | None = (
            dict(question_set.generator) if question_set.generator is not None else None)
        self.dropped: list[str] = []
        self.replaced: list[tuple[str, str]] = []
        self.edited_ids: list[str] = []  # questions whose wording or key the teacher changed
        self.written: list[str] = []  # questions the teacher wrote
        self._pool: list[Question] | None = None

    @classmethod
    def generate(cls, records: RecordSet, options: BuildOptions, *, title: str = "") -> Draft:
        """A new draft from the generator (InputError when the options are out of range)."""
        from gensec_quiz.generation import generate_question_set

        generated = generate_question_set(
            records, types=options.types, count=options.count, seed=options.seed,
            difficulty=options.difficulty, scoring=options.scoring, title=title or None,
            language=options.language)
        return cls(generated, records=records, options=options)

    def can_regenerate(self) -> bool:
        return self.records is not None and self.options is not None

    def drop(self, index: int) -> Question:
        question = self.questions.pop(index)
        self.dropped.append(question.id)
        return question

    def pool(self) -> list[Question]:
        """Every question the generator can make with these options (computed once)."""
        if self._pool is None:
            from gensec_quiz.generation import enumerate_questions

            if self.records is None or self.options is None:
                return []
            self._pool = enumerate_questions(
                self.records, types=self.options.types, difficulty=self.options.difficulty,
                scoring=self.options.scoring, language=self.options.language)
        return self._pool

    def regenerate(self, index: int) -> Question | None:
        """Replace one question with another the set does not hold yet; None if none is left.

        Same kind first, then questions on facts no other question of the set rests on; the
        choice is drawn from the seed and the edits so far, so it can be repeated.
        """
        old = self.questions[index]
        rejected = {q.id for q in self.questions} | set(self.dropped) | {
            o for o, _ in self.replaced}
        others = {b.key() for i, q in enumerate(self.questions) if i != index for b in q.basis}
        fresh = [q for q in self.pool() if q.id not in rejected]
        if not fresh:
            return None
        seed = self.options.seed if self.options is not None else 0
        rng = random.Random(f"{seed}:{len(self.replaced)}:{old.id}")
        new = rng.choice(_preferred(fresh, old.type, others))
        self.questions[index] = new
        self.replaced.append((old.id, new.id))
        return new

    def replace(self, index: int, question: Question) -> None:
        """The teacher's edit of question `index`."""
        self.questions[index] = question
        if question.id not in self.written and question.id not in self.edited_ids:
            self.edited_ids.append(question.id)

    def insert(self, index: int, question: Question) -> None:
        """A question the teacher wrote, at `index`."""
        self.questions.insert(index, question)
        self.written.append(question.id)

    def move(self, index: int, to: int) -> None:
        self.questions.insert(to, self.questions.pop(index))

    def state(self) -> DraftState:
        return DraftState(tuple(self.questions), tuple(self.dropped), tuple(self.replaced),
                          tuple(self.edited_ids), tuple(self.written))

    def reset_to(self, state: DraftState) -> None:
        self.questions = list(state.questions)
        self.dropped = list(state.dropped)
        self.replaced = list(state.replaced)
        self.edited_ids = list(state.edited)
        self.written = list(state.written)

    def edited(self) -> bool:
        return bool(self.dropped or self.replaced or self.edited_ids or self.written
                    or tuple(self.questions) != self.original.questions)

    def question_set(self, title: str = "") -> QuestionSet:
        """The set as it stands: unchanged, it keeps its id; else a new id from title and
        questions (so sessions on the old version are not mixed with the new one)."""
        title = title.strip() or self.title
        if not self.edited() and title == self.original.title:
            return self.original
        generator = dict(self.generator) if self.generator is not None else None
        if generator is not None and self.edited():
            edits: dict[str, Any] = dict(generator.get("edits") or {})
            edits["dropped"] = _union(edits.get("dropped"), self.dropped)
            edits["replaced"] = _union(edits.get("replaced"),
                                       [list(pair) for pair in self.replaced])
            if self.edited_ids or edits.get("edited"):
                edits["edited"] = _union(edits.get("edited"), self.edited_ids)
            if self.written or edits.get("written"):
                edits["written"] = _union(edits.get("written"), self.written)
            generator["edits"] = edits
        questions = tuple(self.questions)
        language = self.original.language
        return QuestionSet(id=_set_id(title, self.records_id, questions, language), title=title,
                           records=self.records_id, questions=questions, generator=generator,
                           description=self.description, language=language)


def _union(before: Any, now: Sequence[Any]) -> list[Any]:
    """The edits a set already recorded (a set edited again), then this draft's new ones."""
    kept = list(before) if isinstance(before, list) else []
    return kept + [item for item in now if item not in kept]


def _preferred(fresh: list[Question], kind: str, others: set[str]) -> list[Question]:
    """The best tier of candidates: same kind and new facts, then same kind, then anything."""
    same = [q for q in fresh if q.type == kind]
    new_facts = [q for q in same if others.isdisjoint(b.key() for b in q.basis)]
    return new_facts or same or fresh
