""""Which of these happened while Leonid Brezhnev was General Secretary?": the key happened
inside that tenure, the wrong choices well outside it, no choice names an officeholder, and
a quiz has at most one of them."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest

from gensec_quiz.bank.builtin import load_records
from gensec_quiz.domain.dates import Order
from gensec_quiz.domain.questions import MatchingQuestion, Question
from gensec_quiz.generation import enumerate_questions, generate_question_set
from gensec_quiz.generation.during import MARGIN_YEARS

RECORDS = load_records([])
EVENTS = {e.id: e for e in RECORDS.events}


def _during(questions: Iterable[Question]) -> list[MatchingQuestion]:
    return [q for q in questions if isinstance(q, MatchingQuestion)
            and q.prompt.startswith("Which of these happened while ")]


def _event_told(choice: str) -> str:
    """The id of the event a choice tells (the records' headline in the past)."""
    words = set(re.findall(r"\w+", choice.lower()))
    best = max(EVENTS.values(),
               key=lambda e: len(words & set(re.findall(r"\w+", e.text.lower()))))
    return best.id


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_the_key_happened_inside_the_tenure_and_the_wrong_choices_well_outside(
        difficulty: int) -> None:
    tenures = {t.person: t for t in RECORDS.tenures if t.office == "General Secretary"}
    found = _during(enumerate_questions(RECORDS, difficulty=difficulty))
    prompts = {q.prompt for q in found}
    # Not Gorbachev since a wrong choice may not share a telling word with the key: beside
    # the amending of Article 6 "of the Constitution" (1990), the 1977 constitution is out, and
    # the records have one other event of another time to offer.
    assert "Which of these happened while Leonid Brezhnev was General Secretary?" in prompts
    surnames = {t.person.split()[-1] for t in RECORDS.tenures}
    for q in found:
        (pair,) = q.pairs
        tenure = tenures[pair.left]
        assert tenure.end is not None
        key = EVENTS[q.basis[0].record]
        assert tenure.start.compare(key.date) is Order.BEFORE
        assert key.date.compare(tenure.end) is Order.BEFORE
        assert 2 <= len(q.extra_right) <= 3 and pair.right not in q.extra_right
        for choice in q.extra_right:
            other = EVENTS[_event_told(choice)]
            assert (other.date.year <= tenure.start.year - MARGIN_YEARS
                    or other.date.year >= tenure.end.year + MARGIN_YEARS), (q.prompt, choice)
            assert other.date.year <= 1991, choice  # never the refounded party of 1993
        for choice in (pair.right, *q.extra_right):
            assert not set(re.findall(r"\w+", choice)) & surnames, choice
            assert choice.endswith(".") and choice[0].isupper()
        # The event as a sentence (the detail needs its subject), what came of it; a source
        # line; no id.
        assert q.explanation.startswith(pair.right.rstrip(".") + " in "), q.explanation
        assert "Source" in q.explanation and "seed-" not in q.explanation


def test_brezhnev_is_asked_about_the_1977_constitution_beside_other_leaders_times() -> None:
    (q,) = [q for q in _during(enumerate_questions(RECORDS, difficulty=2))
            if "Brezhnev" in q.prompt]
    assert q.pairs[0].right == ("A new constitution recognised the CPSU as the leading force of "
                                "Soviet society.")
    # Not the amending of that constitution's Article 6 (the reviewer: it pairs with the key
    # and gives it away), and not three events of 1990-1991: one of Khrushchev's time too.
    assert ("The Congress of People's Deputies amended Article 6 of the Constitution, ending "
            "the party's monopoly of power."
            not in q.extra_right)
    assert "Georgy Malenkov was forced to resign from the Secretariat." in q.extra_right


def test_a_quiz_has_at_most_one_and_many_quizzes_have_one() -> None:
    # Two would offer each other's keys as wrong choices (the 1977 constitution is a wrong
    # choice for Gorbachev and the key for Brezhnev); one fills a place in many quizzes (not
    # where other questions date two of its wrong choices: the learner would eliminate them).
    seen = 0
    for seed in range(20):
        for difficulty in (1, 2, 3):
            quiz = generate_question_set(RECORDS, count=20, seed=seed, difficulty=difficulty)
            found = _during(quiz.questions)
            assert len(found) <= 1, (seed, difficulty)
            seen += len(found)
    assert seen >= 12  # 15 of 60 quizzes since the 19th Congress and the end of the party
    # are dated in more of the other questions that would leave its wrong choices told


def test_it_reads_in_french() -> None:
    found = [q for q in enumerate_questions(RECORDS, difficulty=1, language="fr")
             if isinstance(q, MatchingQuestion) and q.prompt.startswith("Lequel de ces ")]
    brezhnev = next(q for q in found if "Brejnev" in q.prompt)
    assert brezhnev.prompt == ("Lequel de ces événements a eu lieu pendant que Léonid Brejnev "
                               "était secrétaire général\u202f?")
    assert not any("was " in c or "the " in c for c in brezhnev.extra_right)
