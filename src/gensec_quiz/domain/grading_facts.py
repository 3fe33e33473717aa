"""Scores per fact: each fact a question rests on gets the mark of its own item or pair.

A question's score says how well the whole answer did; spaced review, Weakest facts and the
Timeline need to know which facts the learner knew. `fact_scores` turns a question and a response
into one score (0 to 1) per fact (docs/grading.md, "Scores per fact"):

- matching: a pair's facts get 1 when the pair is right, 0 when it is wrong or empty (under
  either rule: all-or-nothing changes the question's credit, not what the learner knew);
- ordering: an item's facts get that item's own credit under the rule in force (`item_credits`);
  an untouched list gives every item 0, as it gives the question 0;
- date: every fact gets the question's score;
- a fact of the question's own basis that no item or pair names gets the question's score;
- a fact named by several items or pairs gets the lowest of their credits: one wrong use is
  evidence enough that the fact is not known, and spaced review should bring it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from gensec_quiz.domain.grading_marks import FactScore, fraction
from gensec_quiz.domain.grading_matching import pair_results
from gensec_quiz.domain.grading_ordering import (
    check_order,
    longest_contiguous_run,
    longest_ordered_run,
)
from gensec_quiz.domain.questions import (
    BasisRef,
    DateQuestion,
    DateResponse,
    MatchingQuestion,
    MatchingResponse,
    OrderingQuestion,
    OrderingResponse,
    OrderingRule,
    Question,
    Response,
)

__all__ = ["FactScore", "fact_score_tuple", "fact_scores", "item_credits"]


def fact_score_tuple(scores: Mapping[BasisRef, float]) -> tuple[FactScore, ...]:
    """The mapping as `FactScore`s, in its own order."""
    return tuple(FactScore(fact, score) for fact, score in scores.items())


def fact_scores(question: Question, response: Response, *, question_score: float,
                ordering_rule: OrderingRule | None = None) -> dict[BasisRef, float]:
    """{fact: score} for every fact of the question (its basis, its items' and pairs' bases),
    in the order the question names them. `question_score` is the graded answer's score (for
    date questions and for facts no item or pair names); `ordering_rule` overrides the
    question's own scoring rule, as in `grade`. A response of the wrong kind: TypeError."""
    parts: list[tuple[tuple[BasisRef, ...], float]]
    if isinstance(question, OrderingQuestion) and isinstance(response, OrderingResponse):
        credits = item_credits(response.order, ordering_rule or question.scoring)
        if not response.moved:
            credits = tuple(0.0 for _ in credits)
        parts = [(item.basis, credit) for item, credit in zip(question.items, credits,
                                                                strict=True)]
    elif isinstance(question, MatchingQuestion) and isinstance(response, MatchingResponse):
        parts = [(pair.basis, 1.0 if right else 0.0)
                 for pair, right in zip(question.pairs, pair_results(question, response),
                                        strict=True)]
    elif isinstance(question, DateQuestion) and isinstance(response, DateResponse):
        parts = []
    else:
        raise TypeError(f"question {question.id!r} is a {question.type} question and has no "
                        f"fact scores for a {type(response).__name__}")
    return _lowest(parts, question.basis, question_score)


def _lowest(parts: Iterable[tuple[tuple[BasisRef, ...], float]],
            basis: tuple[BasisRef, ...], question_score: float) -> dict[BasisRef, float]:
    scores: dict[BasisRef, float] = {}
    for facts, credit in parts:
        for fact in facts:
            scores[fact] = min(credit, scores.get(fact, credit))
    whole = fraction(question_score, 1.0)
    ordered = {fact: scores.get(fact, whole) for fact in basis}
    ordered.update((fact, score) for fact, score in scores.items() if fact not in ordered)
    return ordered


# Ordering: each item's own credit -----------------------------------------------------------


def item_credits(order: Sequence[int], rule: OrderingRule) -> tuple[float, ...]:
    """Credit (0 to 1) of each key item (indexed as in the question's `items`) for the learner's
    order (key indexes, in the learner's order), under one of Moodle's rules.

    Each rule counts some relations between items as right or wrong; an item's credit is the
    share of the relations that involve it which are right (docs/grading.md has the table).
    A list of fewer than two items cannot be out of order: its item gets 1.
    """
    checked = check_order(order, len(order))
    n = len(checked)
    if n < 2:
        return (1.0,) * n
    pos = [0] * n
    for slot, key in enumerate(checked):
        pos[key] = slot
    if rule in ("all_or_nothing", "absolute_position"):
        return tuple(float(pos[key] == key) for key in range(n))
    if rule in ("relative_next_exclude_last", "relative_next_include_last"):
        return _next_credits(pos, include_last=rule == "relative_next_include_last")
    if rule == "relative_one_previous_and_next":
        return _neighbour_credits(checked, pos)
    if rule == "relative_all_previous_and_next":
        return tuple(
            sum((pos[key] < pos[other]) == (key < other) for other in range(n) if other != key)
            / (n - 1) for key in range(n))
    if rule == "longest_ordered_subset":
        return _longest_ordered_credits(checked, pos)
    if rule == "longest_contiguous_subset":
        return _longest_contiguous_credits(checked, pos)
    if rule == "relative_to_correct_position":
        return tuple(max(0, (n - 1) - abs(pos[key] - key)) / (n - 1) for key in range(n))
    raise ValueError(f"'{rule}' is not an ordering rule")


def _next_credits(pos: list[int], *, include_last: bool) -> tuple[float, ...]:
    # The relations are "k is directly followed by k+1" (and, including the last, "the last
    # key item ends the list"): each item shares the one before it and the one after it.
    n = len(pos)
    links = [pos[key + 1] == pos[key] + 1 for key in range(n - 1)]
    credits = []
    for key in range(n):
        mine = []
        if key > 0:
            mine.append(links[key - 1])
        if key < n - 1:
            mine.append(links[key])
        elif include_last:
            mine.append(pos[key] == n - 1)
        credits.append(sum(mine) / len(mine))
    return tuple(credits)


def _neighbour_credits(order: tuple[int, ...], pos: list[int]) -> tuple[float, ...]:
    # The item's own two checks: the right item (or nothing) before it, and after it.
    n = len(order)
    credits = []
    for key in range(n):
        slot = pos[key]
        before = order[slot - 1] if slot > 0 else None
        after = order[slot + 1] if slot < n - 1 else None
        right = (before == (key - 1 if key > 0 else None)) + \
            (after == (key + 1 if key < n - 1 else None))
        credits.append(right / 2)
    return tuple(credits)


def _longest_ordered_credits(order: tuple[int, ...], pos: list[int]) -> tuple[float, ...]:
    # An item earns the share of the longest runs in key order (gaps allowed) it belongs to,
    # when they have two items or more (a run of one earns nothing under the rule). In
    # (1, 0, 2, 3) the longest runs are 1-2-3 and 0-2-3: 2 and 3 earn 1, the swapped 0 and 1
    # earn 1/2 each (the mean, 3/4, is the question's score under the rule).
    n = len(order)
    best = longest_ordered_run(order)
    if best < 2:
        return (0.0,) * n
    ending, ending_ways = [1] * n, [1] * n  # longest run ending at each slot, and how many
    for j in range(n):
        for i in range(j):
            if order[i] < order[j]:
                if ending[i] + 1 > ending[j]:
                    ending[j], ending_ways[j] = ending[i] + 1, ending_ways[i]
                elif ending[i] + 1 == ending[j]:
                    ending_ways[j] += ending_ways[i]
    starting, starting_ways = [1] * n, [1] * n  # ... and starting at each slot
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n):
            if order[i] < order[j]:
                if starting[j] + 1 > starting[i]:
                    starting[i], starting_ways[i] = starting[j] + 1, starting_ways[j]
                elif starting[j] + 1 == starting[i]:
                    starting_ways[i] += starting_ways[j]
    runs = sum(ending_ways[slot] for slot in range(n) if ending[slot] == best)
    return tuple(
        ending_ways[pos[key]] * starting_ways[pos[key]] / runs
        if ending[pos[key]] + starting[pos[key]] - 1 == best else 0.0
        for key in range(n))


def _longest_contiguous_credits(order: tuple[int, ...], pos: list[int]) -> tuple[float, ...]:
    # Runs of key-consecutive items k, k+1, ... placed in that order (gaps allowed); as above,
    # an item earns the share of the longest runs (of two items or more) it belongs to. Such
    # runs never share an item: with two of them, each of their items earns 1/2.
    n = len(order)
    best = longest_contiguous_run(order)
    if best < 2:
        return (0.0,) * n
    runs: list[range] = []
    start = 0
    for key in range(1, n + 1):
        if key == n or pos[key] < pos[key - 1]:
            if key - start == best:
                runs.append(range(start, key))
            start = key
    return tuple(sum(key in run for run in runs) / len(runs) for key in range(n))

