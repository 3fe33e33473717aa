"""Explanations read as a teacher writes them: sentences in the past, not a dated headline
("Vladimir Lenin, leader of the Bolsheviks, died in 1924.", not "1924: ... died."), and the
multiple choices' explanations tell what came of it instead of the key again."""

from __future__ import annotations

import re

import pytest

from gensec_quiz.bank.builtin import load_records
from gensec_quiz.domain.questions import DateQuestion, MatchingQuestion
from gensec_quiz.generation import enumerate_questions

RECORDS = load_records([])
_HEADLINE = re.compile(r"^(?:\d{1,2} )?(?:[A-Za-zéû]+ )?\d{4}\s?: ")
_PRESENT = re.compile(r"\b(?:dies|becomes|removes|resigns|abolishes|restores|creates)\b")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_date_questions_explanation_opens_with_a_sentence_not_a_dated_headline(
        language: str) -> None:
    found = [q for d in (1, 2, 3) for q in enumerate_questions(
        RECORDS, difficulty=d, language=language, types=["date"])]
    assert found
    for question in found:
        assert not _HEADLINE.match(question.explanation), question.explanation
        if language == "en":
            assert not _PRESENT.search(question.explanation), question.explanation


def test_lenins_death_is_told_with_its_year_at_the_end() -> None:
    (lenin,) = {q.explanation for q in enumerate_questions(RECORDS, difficulty=2,
                                                             types=["date"])
                if isinstance(q, DateQuestion) and q.prompt == "In what year did Vladimir "
                "Lenin die?"}
    assert lenin.startswith("Vladimir Lenin, leader of the Bolsheviks, died in 1924. ")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_multiple_choice_of_teacher_choice_tells_its_key_again(language: str) -> None:
    found = [q for q in enumerate_questions(RECORDS, difficulty=1, language=language)
             if isinstance(q, MatchingQuestion) and len(q.pairs) == 1
             and q.id.startswith("matc-") and q.pairs[0].left in (
                 "Who", "Qui", "Party Congress", "Congrès du Parti")]
    assert len(found) >= 6
    for question in found:
        # "1956: Khrushchev denounced ..." restated what the prompt and key had just said.
        assert not _HEADLINE.match(question.explanation), question.explanation
        assert question.explanation.count(".") >= 2


def test_a_day_the_sources_dispute_is_not_told_when_only_the_year_is_asked() -> None:
    # Wikipedia gives 7 September 1953 for Khrushchev's start, ProleWiki 14 September: the
    # year asked is the same either way, so the explanation does not weigh the two days.
    asked = [q for d in (1, 2) for q in enumerate_questions(RECORDS, difficulty=d,
                                                             types=["date"])
             if isinstance(q, DateQuestion) and q.precision == "year"
             and q.basis[0].record == "tenure-khrushchev-1953" and "become" in q.prompt]
    assert asked
    for question in asked:
        assert "disagree" not in question.explanation, question.explanation
    day = [q for q in enumerate_questions(RECORDS, difficulty=3, types=["date"])
           if isinstance(q, DateQuestion) and q.precision == "day"
           and q.basis[0].record == "tenure-khrushchev-1953" and "become" in q.prompt]
    for question in day:  # asked to the day, the disagreement is what the learner must know
        assert "The sources disagree" in question.explanation
