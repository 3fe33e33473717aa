"""What a question shows a learner, read from its written-out text, for the check that no
question of a set names the year another one asks ("The order: ... Molotov (March 1921)"
beside "In what year was Molotov elected Responsible Secretary?")."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation.context import Candidate

_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")


@dataclass(frozen=True, slots=True)
class Sight:
    """`asks`: the years its answer names (a date question's year, the years a matching
    pairs its left texts with); `shows`: every year its prompt, items, pairs and explanation
    name."""

    asks: frozenset[int]
    shows: frozenset[int]


def visible_texts(question: Question, *, explanation: bool = True) -> Iterator[str]:
    """Every text a learner reads in the question, before or after answering it (without
    the explanation if not `explanation`). Wrong choices are left out: a year offered among
    four tells nothing of which question it answers."""
    yield question.prompt
    if explanation:
        yield question.explanation
    if isinstance(question, OrderingQuestion):
        yield from (item.text for item in question.items)
    elif isinstance(question, MatchingQuestion):
        for pair in question.pairs:
            yield pair.left
            yield pair.right


def years_named(text: str) -> set[int]:
    return {int(found) for found in _YEAR.findall(text)}


def asked_years(question: Question) -> frozenset[int]:
    """The years its answer names: a date question's year (not a number of years), the
    years a matching pairs its left texts with ("Lenin dies" -> 1924)."""
    if isinstance(question, DateQuestion) and question.measure == "date":
        return frozenset({question.answer.year})
    if isinstance(question, MatchingQuestion):
        return frozenset(y for p in question.pairs for y in years_named(p.right)
                         if str(y) == p.right.strip())
    return frozenset()


def sight_of_question(question: Question) -> Sight:
    """What the question shows, its explanation included: an order's explanation dates every
    item, a matching's its terms ("... Responsible Secretary from 1919 to 1921."), so each is
    chosen only beside questions that ask none of those years (never written without them)."""
    shows: set[int] = set()
    for text in visible_texts(question):
        shows |= years_named(text)
    return Sight(asked_years(question), frozenset(shows))


_DATED = re.compile(r" \([^()]*?(?<!\d)(\d{4})\)")
_TERM = re.compile(r" from (?<!\d)\d{4} to \d{4}(?!\d)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def without_years(question: Question, years: frozenset[int]) -> Question:
    """An order whose explanation dates an item in one of `years` (asked by another question
    of the set) with its dates and date notes left out ("The order: Lenin dies; ..."), a
    matching with its term years left out ("Nikolay Krestinsky was Responsible Secretary.")."""
    if years.isdisjoint(years_named(question.explanation)):
        return question
    if isinstance(question, MatchingQuestion):
        terms = " ".join(_TERM.findall(question.explanation))
        if years.isdisjoint(years_named(terms)):
            return question
        return dataclasses.replace(question, explanation=_TERM.sub("", question.explanation))
    if not isinstance(question, OrderingQuestion):
        return question
    text = _DATED.sub("", question.explanation)
    kept = [s for s in _SENTENCE.split(text) if years.isdisjoint(years_named(s))]
    return dataclasses.replace(question, explanation=" ".join(kept))


def hiding_years(build: Callable[[], Question], years: frozenset[int]) -> Question:
    return without_years(build(), years)


def set_free(chosen: list[Candidate]) -> list[Candidate]:
    """The chosen candidates as they are: an order's or a matching's explanation keeps its
    dates, since the selection chose it clear of every year another question asks (a
    question is the same in every set that has it)."""
    return chosen


def sight_of(candidate: Candidate) -> Sight:
    """The candidate written out and read (the build is what a learner would see)."""
    return sight_of_question(candidate.build())


def give_aways(questions: list[Question]) -> list[tuple[int, int, int]]:
    """(asking question, showing question, year) for every year a question's answer names
    (a date question's, a matching's years) that another question of the same list names:
    each should be empty for a generated set."""
    sights = [sight_of_question(q) for q in questions]
    found = []
    for i, asking in enumerate(sights):
        for j, showing in enumerate(sights):
            if i != j:
                found += [(i, j, year) for year in sorted(asking.asks & showing.shows)]
    return found


def early_records(records: RecordSet) -> frozenset[str]:
    """The records on the office's precursors: everything dated before the office first took
    its lasting title (the name of its last period: General Secretary, 1922). Empty when the
    records name no offices (a teacher's list of presidents)."""
    offices = sorted(records.offices, key=lambda o: o.start.sort_key())
    if not offices:
        return frozenset()
    lasting = offices[-1].name
    since = next(o.start.year for o in offices if o.name == lasting)
    dated: Mapping[str, int] = {
        **{str(t.id): t.start.year for t in records.tenures},
        **{str(e.id): e.date.year for e in records.events},
        **{str(o.id): o.start.year for o in records.offices},
    }
    return frozenset(record for record, year in dated.items() if year < since)
