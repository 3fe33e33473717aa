"""A tenure that ended with the office (renamed, abolished, the party suspended) is not asked
"Until what year was X ...?": the year is the office's, and the person went on leading."""

from __future__ import annotations

import re

from gensec_quiz.bank.builtin import load_records
from gensec_quiz.generation import enumerate_questions, generate_question_set


def test_no_date_question_asks_when_a_tenure_ended_with_the_office() -> None:
    records = load_records([])
    ended_with_office = {t.id for t in records.tenures
                         if any(w in t.end_reason for w in ("renamed", "abolished", "suspended"))}
    assert {"tenure-stalin-1922", "tenure-brezhnev-1964"} <= ended_with_office
    for difficulty in (1, 2, 3):
        asked = {b.record for q in enumerate_questions(records, types=["date"],
                                                       difficulty=difficulty)
                 for b in q.basis if b.field == "end"}
        assert asked.isdisjoint(ended_with_office)
        assert asked, "other tenures' ends are still asked (deaths, removals)"


def test_no_quiz_asks_until_what_year_stalin_was_general_secretary() -> None:
    records = load_records([])
    for seed in range(12):
        for difficulty in (1, 2, 3):
            quiz = generate_question_set(records, count=20, seed=seed, difficulty=difficulty)
            assert not [q.prompt for q in quiz.questions
                        if q.type == "date" and "Until" in q.prompt and "Stalin" in q.prompt]


def test_a_who_came_next_explanation_says_how_the_tenure_before_ended() -> None:
    from gensec_quiz.domain.questions import MatchingQuestion

    explanations = {q.explanation for q in enumerate_questions(load_records([]), difficulty=1)
                    if isinstance(q, MatchingQuestion) and len(q.pairs) == 1}
    # How the tenure before ended, as a sentence with its date after it.
    assert any(e.startswith("After Yuri Andropov died in office, Konstantin Chernenko became "
                            "General Secretary (13 February 1984).") for e in explanations)
    assert any(e.startswith("After Nikita Khrushchev was removed from office, Leonid Brezhnev "
                            "became First Secretary (14 October 1964).") for e in explanations)


def test_a_who_held_the_office_explanation_puts_the_date_first() -> None:
    from gensec_quiz.domain.questions import MatchingQuestion

    explanations = {q.explanation for q in enumerate_questions(load_records([]), difficulty=1)
                    if isinstance(q, MatchingQuestion) and len(q.pairs) == 1}
    assert any(e.startswith("In 1977, when a new constitution recognised the CPSU")
               and "Leonid Brezhnev was General Secretary." in e for e in explanations)


def test_a_start_that_is_only_a_renaming_is_no_ones_taking_office() -> None:
    """Brezhnev led from 1964; 1966 renamed his title. "Leonid Brezhnev becomes General
    Secretary" is no item of an order of moments and no date question's fact; the renaming
    event asks 1966."""
    from gensec_quiz.domain.questions import OrderingQuestion

    questions = enumerate_questions(load_records([]), difficulty=2)
    start = "tenure-brezhnev-1966.start"
    ordered = {b.key() for d in (1, 2) for q in enumerate_questions(load_records([]),
                                                                    difficulty=d)
               if isinstance(q, OrderingQuestion) for b in q.basis}
    dated = {b.key() for q in questions if q.type == "date" for b in q.basis}
    assert start not in ordered
    assert "tenure-brezhnev-1964.start" in ordered
    # Only "how many years was Brezhnev General Secretary" (1966-1982, true) rests on it.
    assert [q.prompt for q in questions if q.type == "date"
            and start in {b.key() for b in q.basis} and "how many" not in q.prompt.lower()] == []
    assert "event-1966-office-renamed-general-secretary.date" in dated


def test_an_order_explanation_lowers_a_leading_article_within_its_list() -> None:
    from gensec_quiz.domain.questions import OrderingQuestion

    explanations = [q.explanation for q in enumerate_questions(load_records([]), difficulty=2)
                    if isinstance(q, OrderingQuestion)]
    # ("; the Communist Party's activities were suspended": the 1977 constitution, the first
    # case, is a context event, placed in a leader's time and never ordered.)
    assert any(re.search(r"; the [A-Z]", e) for e in explanations)
    assert not [e for e in explanations if "; A " in e or "; The " in e
                or e.startswith("The order: The ")]
