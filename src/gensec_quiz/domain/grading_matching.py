"""Matching questions: each pair counts equally, each right-hand choice is used once."""

from __future__ import annotations

from collections import Counter

from gensec_quiz.domain.grading_marks import Grade, Mark, fraction
from gensec_quiz.domain.questions import MatchingQuestion, MatchingResponse, MatchingRule
from gensec_quiz.i18n import ntr, tr


def grade_matching(
    question: MatchingQuestion, response: MatchingResponse, *, rule: MatchingRule
) -> Grade:
    """Right pairs / all pairs, or 1/0 under all-or-nothing; marks say what each pair needed.

    A choice used more often than it is offered counts only for its first uses (in the order of
    the pairs); the later uses are marked wrong. The app's chooser prevents such clashes anyway.
    """
    pairs = question.pairs
    if len(response.choices) != len(pairs):
        raise ValueError(f"a matching response needs {len(pairs)} choices, "
                         f"got {len(response.choices)}")
    marks = _pair_marks(question, response)
    right = sum(mark.correct for mark in marks)
    if all(choice is None for choice in response.choices):
        return Grade(0.0, 0.0, _out_of(len(pairs), rule), marks,
                     tr("No answer given: no pair was matched."), untouched=True)
    all_right = right == len(pairs)
    points = float(all_right) if rule == "all_or_nothing" else float(right)
    out_of = _out_of(len(pairs), rule)
    return Grade(fraction(points, out_of), points, out_of, marks,
                 _summary(right, len(pairs), rule))


def pair_results(question: MatchingQuestion, response: MatchingResponse) -> tuple[bool, ...]:
    """Whether each pair (in key order) is right, as its mark says (a clash counts wrong)."""
    if len(response.choices) != len(question.pairs):
        raise ValueError(f"a matching response needs {len(question.pairs)} choices, "
                         f"got {len(response.choices)}")
    return tuple(mark.correct for mark in _pair_marks(question, response))


def _out_of(pairs: int, rule: MatchingRule) -> float:
    return 1.0 if rule == "all_or_nothing" else float(pairs)


def _pair_marks(question: MatchingQuestion, response: MatchingResponse) -> tuple[Mark, ...]:
    offered = Counter(question.right_choices())
    used: Counter[str] = Counter()
    first_user: dict[str, str] = {}
    marks = []
    for pair, choice in zip(question.pairs, response.choices, strict=True):
        if choice is None:
            marks.append(Mark(pair.left, False, pair.right, tr("No answer.")))
        elif choice not in offered:
            marks.append(Mark(pair.left, False, pair.right,
                              tr("{choice} is not one of the choices.", choice=choice)))
        elif used[choice] >= offered[choice]:
            note = tr("{choice} was already used for {other}; each choice can be used once.",
                      choice=choice, other=first_user[choice])
            marks.append(Mark(pair.left, False, pair.right, note))
        else:
            used[choice] += 1
            first_user.setdefault(choice, pair.left)
            right = choice == pair.right
            note = "" if right else tr("You chose {choice}.", choice=choice)
            marks.append(Mark(pair.left, right, pair.right, note))
    return tuple(marks)


def _summary(right: int, total: int, rule: MatchingRule) -> str:
    if right == total:
        return tr("Right: every pair matches.")
    text = ntr("{right} of {count} pair is right.", "{right} of {count} pairs are right.",
               total, right=right)
    if rule == "all_or_nothing":
        return tr("{text} This question gives credit only when every pair is right.", text=text)
    return text
