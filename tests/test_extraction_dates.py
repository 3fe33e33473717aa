"""Dates in running text: English and French forms, ranges, and relative dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.dates import MONTH_NAMES, PartialDate
from gensec_quiz.extraction.dates import FRENCH_MONTHS, expand_year, find_dates


def _found(text: str, language: str = "en") -> list[tuple[str, str, str | None]]:
    return [(text[m.start:m.end], m.date.iso(), m.last.iso() if m.last else None)
            for m in find_dates(text, language=language)]


def test_day_month_year_and_american_order_are_read_to_the_day() -> None:
    assert _found("on 5 March 1953 and On October 16, 1952,") == [
        ("5 March 1953", "1953-03-05", None), ("October 16, 1952", "1952-10-16", None)]


def test_month_and_year_alone_keep_their_precision() -> None:
    assert _found("In October 1952, and in 1934") == [
        ("October 1952", "1952-10", None), ("1934", "1934", None)]


def test_a_day_without_a_year_takes_the_year_of_the_date_before() -> None:
    text = "When Stalin died on 5 March 1953, Malenkov resigned nine days later on 14 March."
    mentions = find_dates(text)
    assert [m.date.iso() for m in mentions] == ["1953-03-05", "1953-03-14"]
    assert mentions[1].relative and mentions[1].context == mentions[0].start


def test_that_same_year_is_the_year_of_the_date_before() -> None:
    text = "In 1953 it began. He was elected on 14 September that same year."
    assert _found(text)[1] == ("14 September that same year", "1953-09-14", None)


def test_in_a_month_alone_takes_the_year_of_the_date_before() -> None:
    text = "He gave up his post on 14 March 1953. In September, he was elected."
    assert _found(text)[1] == ("September", "1953-09", None)


def test_a_relative_date_with_no_earlier_year_is_not_guessed() -> None:
    assert _found("He was banned on 6 November.") == []


def test_a_month_range_starts_in_its_first_month() -> None:
    assert _found("the Eleventh Party Congress (March–April 1922)") == [
        ("March–April 1922", "1922-03", "1922-04")]


@pytest.mark.parametrize(("text", "first", "last"), [
    ("(1953-1964)", "1953", "1964"), ("(1964–1982)", "1964", "1982"),
    ("(1982-84)", "1982", "1984"), ("(1984-85)", "1984", "1985"), ("en 1988– 89", "1988", "1989"),
    ("(1999-01)", "1999", "2001"),
])
def test_year_ranges_expand_two_digit_end_years(text: str, first: str, last: str) -> None:
    ((_, start, end),) = _found(text, "fr")
    assert (start, end) == (first, last)


def test_numbers_that_are_not_dates_are_ignored() -> None:
    text = "Salary: 10,000 Rbls; 72 years old; pp=142–146; in the 1970s; p. 345"
    assert _found(text) == []


def test_french_month_names_are_read() -> None:
    assert _found("le 5 mars 1953, en octobre 1952, le 1er mai 1950, août 1991", "fr") == [
        ("5 mars 1953", "1953-03-05", None), ("octobre 1952", "1952-10", None),
        ("1er mai 1950", "1950-05-01", None), ("août 1991", "1991-08", None)]


def test_an_impossible_day_is_not_a_date() -> None:
    assert _found("on 31 February 1930") == []


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1500, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_english_and_french_day_is_read_back_exactly(day: dt.date) -> None:
    english = f"on {day.day} {MONTH_NAMES[day.month - 1]} {day.year} it happened"
    french = f"le {day.day} {FRENCH_MONTHS[day.month - 1]} {day.year} il arriva"
    assert [m.date for m in find_dates(english)] == [PartialDate.from_date(day)]
    assert [m.date for m in find_dates(french, language="fr")] == [PartialDate.from_date(day)]


@settings(max_examples=60, deadline=None)
@given(st.integers(1500, 2090), st.integers(0, 9))
def test_a_two_digit_end_year_never_comes_before_its_start(first: int, span: int) -> None:
    last = first + span
    assert expand_year(first, f"{last % 100:02d}") == last
