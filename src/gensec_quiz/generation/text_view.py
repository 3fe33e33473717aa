"""A question set as a teacher reads it: each prompt, its items or choices, the key, the
explanation; plain text, for reviewing a set before it goes in front of a class."""

from __future__ import annotations

import random

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.domain.session import shown_order
from gensec_quiz.generation.choice import choice_order, is_choice
from gensec_quiz.generation.witnesses import semicolons
from gensec_quiz.generation.wording import Wording

_LETTERS = "ABCDEFGHIJ"


def question_set_text(question_set: QuestionSet) -> str:
    """The whole set, question by question, with a heading naming it, in the set's language."""
    words = Wording(question_set.language)
    tr = words.tr
    lines = [question_set.title]
    if question_set.description:
        lines.append(question_set.description)
    lines.append(tr("{count} questions", count=len(question_set.questions)))
    # A source line every explanation ends with is printed once, under the heading (a
    # reviewer read the same line nine times); the learner still sees it with each answer.
    common = _common_source_line(question_set.questions, words)
    if common:
        names = common.split(":", 1)[-1].strip(" \u00a0\u202f").removesuffix(".")
        lines.append(tr("Every explanation cites {names}.", names=names))
    for number, question in enumerate(question_set.questions, start=1):
        lines.append("")
        lines.extend(question_text(question, number, words, drop=common))
    return "\n".join(lines) + "\n"


def _common_source_line(questions: tuple[Question, ...], words: Wording) -> str:
    """The source line ("Source: Wikipedia, ...") that ends every explanation, if one does
    and there are two questions or more."""
    starts = [words.tr("Source: {name}.", name="").split("{")[0].rstrip(". "),
              words.tr("Sources: {names}.", names="").split("{")[0].rstrip(". ")]
    found = set()
    for question in questions:
        text = question.explanation
        place = max(text.rfind(start) for start in starts)
        if place <= 0 or text[place - 1] != " ":
            return ""
        found.add(text[place:])
    return found.pop() if len(found) == 1 and len(questions) > 1 else ""


def question_text(question: Question, number: int, words: Wording | None = None, *,
                  drop: str = "") -> list[str]:
    """One question's lines: '3. [date, difficulty 2] prompt', its parts, key, explanation
    (without `drop`, a source line the set's heading gives once)."""
    words = words or Wording()
    tr = words.tr
    kind = {"ordering": tr("ordering"), "matching": tr("matching"),
            "date": tr("date")}[question.type]
    lines = [tr("{number}. [{kind}] {prompt}", number=number, kind=kind,
                prompt=question.prompt)]
    if isinstance(question, OrderingQuestion):
        # The key order is the file's order; the learner sees a shuffled list, and so does
        # this page: one that does not give the key away, the same for the same question.
        shown = shown_order(len(question.items), random.Random(question.id))
        lines += [f"   - {question.items[i].text}" for i in shown]
        lines.append(tr("   Key: {order}",
                        order=" → ".join(item.text for item in question.items)))
    elif isinstance(question, MatchingQuestion) and is_choice(question):
        # One pair and its distractors: multiple choice, as the quiz shows it.
        lines = [tr("{number}. [{kind}] {prompt}", number=number, kind=tr("multiple choice"),
                    prompt=question.prompt)]
        lines += [f"   {_LETTERS[i]}. {choice}"
                  for i, choice in enumerate(choice_order(question))]
        lines.append(tr("   Key: {key}", key=question.pairs[0].right))
    elif isinstance(question, MatchingQuestion):
        lines += [f"   - {pair.left}" for pair in question.pairs]
        lines.append(tr("   Choices: {choices}",
                        choices=" | ".join(sorted(question.right_choices()))))
        lines.append(tr("   Key: {pairs}", pairs=semicolons(
            words, [f"{pair.left} → {pair.right}" for pair in question.pairs])))
    else:
        lines += _date_lines(question, words)
    explanation = question.explanation
    if drop and explanation.endswith(" " + drop):
        explanation = explanation[:-len(drop) - 1]
    lines.append(tr("   Explanation: {text}", text=explanation))
    return lines


def _date_lines(question: DateQuestion, words: Wording) -> list[str]:
    tr = words.tr
    lines = []
    if question.choices:
        lines += [f"   {_LETTERS[i]}. {_value(question, choice, words)}"
                  for i, choice in enumerate(question.choices)]
    key = _value(question, question.answer, words)
    others = [_value(question, a.value, words) for a in question.accept]
    if others:
        key = tr("{key} (also accepted: {others})", key=key, others=", ".join(others))
    lines.append(tr("   Key: {key}", key=key))
    return lines


def _value(question: DateQuestion, value: PartialDate, words: Wording) -> str:
    if question.measure == "years":
        return str(value.year)
    return words.date(value.truncate(question.precision))
