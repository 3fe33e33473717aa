"""Dates in French: written as a French reader expects (checked against Babel's CLDR data), read
in French, English and ISO forms, and graded with French feedback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from babel.dates import format_date

from french_support import compile_french_catalogue
from gensec_quiz import i18n
from gensec_quiz.domain.dates import (
    FRENCH_MONTH_NAMES,
    DateError,
    PartialDate,
    Precision,
    day_month_in,
    parse_date_answer,
)
from gensec_quiz.domain.grading_dates import describe_slip, grade_date
from gensec_quiz.domain.questions import DateQuestion, DateResponse, Tolerance


@pytest.fixture
def french_interface() -> Iterator[None]:
    compile_french_catalogue()
    i18n.install("fr")
    try:
        yield
    finally:
        i18n.install("en")


@pytest.mark.parametrize("month", range(1, 13))
def test_french_month_names_are_babels(month: int) -> None:
    day = dt.date(1953, month, 5)
    assert FRENCH_MONTH_NAMES[month - 1] == format_date(day, "MMMM", locale="fr")
    assert PartialDate(1953, month).human_in("fr") == format_date(day, "MMMM y", locale="fr")
    assert PartialDate(1953, month, 5).human_in("fr") == format_date(day, "d MMMM y",
                                                                     locale="fr")


def test_french_dates_read_as_a_french_reader_expects() -> None:
    assert PartialDate(1953, 3, 5).human_in("fr") == "5 mars 1953"
    assert PartialDate(1921, 3).human_in("fr") == "mars 1921"
    assert PartialDate(1934).human_in("fr") == "1934"
    assert PartialDate(1922, 4, 1).human_in("fr") == "1er avril 1922"
    assert day_month_in(PartialDate(1953, 3, 1), "fr") == "1er mars"
    assert day_month_in(PartialDate(1964, 10, 14), "fr") == "14 octobre"


def test_english_dates_are_unchanged() -> None:
    assert PartialDate(1953, 3, 5).human_in("en") == PartialDate(1953, 3, 5).human() \
        == "5 March 1953"
    assert PartialDate(1922, 4, 1).human() == "1 April 1922"
    assert PartialDate(1921, 3).human_in("en") == "March 1921"


@pytest.mark.parametrize(("text", "expected"), [
    ("5 mars 1953", PartialDate(1953, 3, 5)),
    ("1er mars 1953", PartialDate(1953, 3, 1)),
    ("1 mars 1953", PartialDate(1953, 3, 1)),
    ("mars 1921", PartialDate(1921, 3)),
    ("Février 1917", PartialDate(1917, 2)),
    ("fevrier 1917", PartialDate(1917, 2)),
    ("24 AOÛT 1991", PartialDate(1991, 8, 24)),
    ("14 oct. 1964", PartialDate(1964, 10, 14)),
    ("5/3/1953", PartialDate(1953, 3, 5)),
    ("05/03/1953", PartialDate(1953, 3, 5)),
    ("03/1921", PartialDate(1921, 3)),
    ("1953-03-05", PartialDate(1953, 3, 5)),
    ("1921-03", PartialDate(1921, 3)),
    ("1934", PartialDate(1934)),
    ("5 March 1953", PartialDate(1953, 3, 5)),
    ("March 5, 1953", PartialDate(1953, 3, 5)),
    (" 5\u00a0mars\u00a01953 ", PartialDate(1953, 3, 5)),
])
def test_a_typed_date_is_read_in_french_english_or_iso(text: str,
                                                        expected: PartialDate) -> None:
    assert parse_date_answer(text, "fr") == expected


def test_figures_are_read_day_first() -> None:
    """3/5/1953 is 3 May to a French reader, never 5 March."""
    assert parse_date_answer("3/5/1953", "fr") == PartialDate(1953, 5, 3)


@pytest.mark.parametrize("text", ["bientôt", "5 mars", "32 mars 1953", "13/13/1953",
                                  "5 brumaire 1953"])
def test_a_text_that_is_no_date_is_refused_with_one_sentence(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date_answer(text, "fr")
    message = str(caught.value)
    assert message and "\n" not in message


def test_the_refusal_is_in_french_in_a_french_interface(french_interface: None) -> None:
    with pytest.raises(DateError, match="n'est pas une date"):
        parse_date_answer("bientôt", "fr")


def _question(answer: PartialDate, precision: Precision) -> DateQuestion:
    return DateQuestion(
        id="date-1", prompt="À quelle date Staline est-il mort ?", explanation="",
        difficulty=3, sources=(), basis=(), answer=answer,
        precision=precision,
        tolerance=Tolerance(0, ((1, 0.5), (2, 0.25))))


def test_a_french_answer_is_graded_as_the_same_date() -> None:
    question = _question(PartialDate(1953, 3, 5), "day")
    for typed in ("5 mars 1953", "05/03/1953", "1953-03-05"):
        grade = grade_date(question, DateResponse(parse_date_answer(typed, "fr")))
        assert grade.score == 1.0


def test_grading_feedback_is_in_french_with_french_dates(french_interface: None) -> None:
    years = _question(PartialDate(1953), "year")
    grade = grade_date(years, DateResponse(parse_date_answer("1951", "fr")))
    assert "2 ans d'écart" in grade.summary
    assert "vous avez répondu 1951" in grade.summary
    day = _question(PartialDate(1953, 3, 5), "day")
    grade = grade_date(day, DateResponse(parse_date_answer("3 mai 1953", "fr")))
    assert "jour et mois inversés" in grade.summary
    assert "5 mars 1953" in grade.summary and "3 mai 1953" in grade.summary
    assert describe_slip(PartialDate(1953, 4), PartialDate(1953, 3), "month") == \
        "bonne année, mauvais mois\u202f; 1 mois d'écart"


def test_grading_feedback_stays_english_in_an_english_interface() -> None:
    years = _question(PartialDate(1953), "year")
    grade = grade_date(years, DateResponse(PartialDate(1951)))
    assert "2 years off" in grade.summary
