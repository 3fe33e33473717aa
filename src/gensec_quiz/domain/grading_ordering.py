"""Ordering questions scored by Moodle's nine grading rules (GRADING.md, `question.php`)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from gensec_quiz.domain.grading_marks import Grade, Mark, fraction
from gensec_quiz.domain.questions import OrderingQuestion, OrderingResponse, OrderingRule
from gensec_quiz.i18n import ntr, tr


def check_order(order: Sequence[int], n: int) -> tuple[int, ...]:
    """The order as a tuple, or ValueError when it is not each index 0..n-1 exactly once."""
    result = tuple(order)
    if sorted(result) != list(range(n)):
        raise ValueError(f"an ordering response must list each item index 0..{n - 1} once, "
                         f"got {list(result)}")
    return result


def _positions(order: tuple[int, ...]) -> list[int]:
    """Where the learner put each key item: positions[key] = slot in the response."""
    positions = [0] * len(order)
    for slot, key in enumerate(order):
        positions[key] = slot
    return positions


def _all_or_nothing(order: tuple[int, ...]) -> tuple[float, float]:
    return (1.0 if order == tuple(range(len(order))) else 0.0, 1.0)


def _absolute_position(order: tuple[int, ...]) -> tuple[float, float]:
    return (float(sum(key == slot for slot, key in enumerate(order))), float(len(order)))


def _next_pairs(order: tuple[int, ...], *, include_last: bool) -> tuple[float, float]:
    n = len(order)
    pos = _positions(order)
    points = sum(pos[key + 1] == pos[key] + 1 for key in range(n - 1))
    if include_last:
        # The last key item is right when nothing follows it in the response.
        points += pos[n - 1] == n - 1
        return (float(points), float(n))
    return (float(points), float(n - 1))


def _exclude_last(order: tuple[int, ...]) -> tuple[float, float]:
    return _next_pairs(order, include_last=False)


def _include_last(order: tuple[int, ...]) -> tuple[float, float]:
    return _next_pairs(order, include_last=True)


def _one_previous_and_next(order: tuple[int, ...]) -> tuple[float, float]:
    # As in Moodle, "nothing before" and "nothing after" are neighbours too: out of 2n.
    n = len(order)
    pos = _positions(order)
    points = 0
    for key in range(n):
        slot = pos[key]
        before = order[slot - 1] if slot > 0 else None
        after = order[slot + 1] if slot < n - 1 else None
        points += before == (key - 1 if key > 0 else None)
        points += after == (key + 1 if key < n - 1 else None)
    return (float(points), float(2 * n))


def ordered_pairs(order: Sequence[int]) -> int:
    """How many pairs of items the learner put in the right relative order."""
    return sum(
        order[i] < order[j] for i in range(len(order)) for j in range(i + 1, len(order))
    )


def _all_previous_and_next(order: tuple[int, ...]) -> tuple[float, float]:
    # Each right pair counts twice (once from each end), as in Moodle: out of n(n-1).
    n = len(order)
    return (float(2 * ordered_pairs(order)), float(n * (n - 1)))


def longest_ordered_run(order: Sequence[int]) -> int:
    """Length of the longest subsequence in key order, gaps allowed (longest increasing)."""
    tails: list[int] = []
    for key in order:
        at = bisect.bisect_left(tails, key)
        if at == len(tails):
            tails.append(key)
        else:
            tails[at] = key
    return len(tails)


def longest_contiguous_run(order: Sequence[int]) -> int:
    """Longest run of key-consecutive items (k, k+1, ...) placed in that order, gaps allowed."""
    pos = _positions(tuple(order))
    best = run = 1 if pos else 0
    for key in range(1, len(pos)):
        run = run + 1 if pos[key] > pos[key - 1] else 1
        best = max(best, run)
    return best


def _subset_points(length: int, n: int) -> tuple[float, float]:
    # A run of one item is no evidence of knowing the order: Moodle ignores it.
    return (float(length if length >= 2 else 0), float(n))


def _longest_ordered(order: tuple[int, ...]) -> tuple[float, float]:
    return _subset_points(longest_ordered_run(order), len(order))


def _longest_contiguous(order: tuple[int, ...]) -> tuple[float, float]:
    return _subset_points(longest_contiguous_run(order), len(order))


def _relative_to_correct(order: tuple[int, ...]) -> tuple[float, float]:
    n = len(order)
    points = sum(max(0, (n - 1) - abs(slot - key)) for slot, key in enumerate(order))
    return (float(points), float(n * (n - 1)))


_RULES: dict[OrderingRule, Callable[[tuple[int, ...]], tuple[float, float]]] = {
    "all_or_nothing": _all_or_nothing,
    "absolute_position": _absolute_position,
    "relative_next_exclude_last": _exclude_last,
    "relative_next_include_last": _include_last,
    "relative_one_previous_and_next": _one_previous_and_next,
    "relative_all_previous_and_next": _all_previous_and_next,
    "longest_ordered_subset": _longest_ordered,
    "longest_contiguous_subset": _longest_contiguous,
    "relative_to_correct_position": _relative_to_correct,
}


def score_ordering(order: Sequence[int], rule: OrderingRule) -> tuple[float, float]:
    """(points, out_of) for the learner's order of key indexes under one of Moodle's rules.

    A list of fewer than two items cannot be out of order: it scores (1, 1) under every rule.
    """
    checked = check_order(order, len(order))
    if rule not in _RULES:
        raise ValueError(f"'{rule}' is not an ordering rule")
    if len(checked) < 2:
        return (1.0, 1.0)
    return _RULES[rule](checked)


def grade_ordering(
    question: OrderingQuestion, response: OrderingResponse, *, rule: OrderingRule
) -> Grade:
    """Score, per-item marks and a summary; an untouched list scores 0."""
    items = [item.text for item in question.items]
    order = check_order(response.order, len(items))
    points, out_of = score_ordering(order, rule)
    marks = _item_marks(order, items)
    if not response.moved:
        summary = tr("You did not move anything, so this answer scores 0: "
                     "the list was shown shuffled.")
        return Grade(0.0, 0.0, out_of, marks, summary, untouched=True)
    score = fraction(points, out_of)
    return Grade(score, points, out_of, marks, _summary(order, rule, score))


def _item_marks(order: tuple[int, ...], items: Sequence[str]) -> tuple[Mark, ...]:
    """One mark per item, in the learner's order: in its slot or not, and what to fix."""
    marks = []
    for slot, key in enumerate(order):
        expected = tr("position {number}", number=key + 1)
        note = "" if key == slot else _fix_note(order, slot, items)
        marks.append(Mark(items[key], key == slot, expected, note))
    return tuple(marks)


def _fix_note(order: tuple[int, ...], slot: int, items: Sequence[str]) -> str:
    # Name the nearest item in the key that the learner put on the wrong side of this one.
    key = order[slot]
    followers_placed_before = [other for other in order[:slot] if other > key]
    if followers_placed_before:
        return tr("Should come before {item}.", item=items[min(followers_placed_before)])
    leaders_placed_after = [other for other in order[slot + 1:] if other < key]
    if leaders_placed_after:
        return tr("Should come after {item}.", item=items[max(leaders_placed_after)])
    return tr("Belongs at position {number}.", number=key + 1)


def _summary(order: tuple[int, ...], rule: OrderingRule, score: float) -> str:
    n = len(order)
    if order == tuple(range(n)):
        return tr("Right: every item is in the right order.")
    if rule == "all_or_nothing":
        return tr("Not every item is in the right place, and this question gives credit "
                  "only for a fully right order.")
    if rule in ("relative_all_previous_and_next", "relative_one_previous_and_next",
                "relative_next_exclude_last", "relative_next_include_last"):
        return _pair_summary(order, rule)
    if rule in ("longest_ordered_subset", "longest_contiguous_subset"):
        run = (longest_ordered_run(order) if rule == "longest_ordered_subset"
               else longest_contiguous_run(order))
        return ntr("The longest run in the right order has {run} of {count} item.",
                   "The longest run in the right order has {run} of {count} items.",
                   n, run=run)
    in_place = sum(key == slot for slot, key in enumerate(order))
    if rule == "absolute_position":
        return ntr("{right} of {count} item is in its right place.",
                   "{right} of {count} items are in their right places.", n, right=in_place)
    off = sum(abs(slot - key) for slot, key in enumerate(order))
    return ntr("{right} of {count} item is in its right place; the items are {off} places "
               "away from their slots in all.",
               "{right} of {count} items are in their right places; the items are {off} "
               "places away from their slots in all.", n, right=in_place, off=off)


def _pair_summary(order: tuple[int, ...], rule: OrderingRule) -> str:
    n = len(order)
    if rule == "relative_all_previous_and_next":
        return ntr("{right} of {count} pair of items is in the right order.",
                   "{right} of {count} pairs of items are in the right order.",
                   n * (n - 1) // 2, right=ordered_pairs(order))
    if rule == "relative_one_previous_and_next":
        points, out_of = _one_previous_and_next(order)
        return ntr("{right} of {count} neighbour is right.",
                   "{right} of {count} neighbours are right.", int(out_of), right=int(points))
    points, out_of = score_ordering(order, rule)
    return ntr("{right} of {count} item is followed by the right item.",
               "{right} of {count} items are followed by the right item.",
               int(out_of), right=int(points))
