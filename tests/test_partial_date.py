"""PartialDate: ISO text both ways, and an honest order where 'can't tell' is an answer."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.domain.dates import DateError, Order, PartialDate

PRECISION = st.sampled_from(["year", "month", "day"])
SETTINGS = settings(max_examples=100, deadline=None)


@st.composite
def partial_dates(draw: st.DrawFn, *, near: bool = False) -> PartialDate:
    """Any partial date; `near` keeps them in a few years so that overlaps are common."""
    low, high = (dt.date(1952, 1, 1), dt.date(1954, 12, 31)) if near else (dt.date.min,
                                                                            dt.date.max)
    day = draw(st.dates(min_value=low, max_value=high))
    return PartialDate.from_date(day).truncate(draw(PRECISION))


DATES = st.one_of(partial_dates(), partial_dates(near=True))
OPPOSITE = {Order.BEFORE: Order.AFTER, Order.AFTER: Order.BEFORE,
            Order.SAME: Order.SAME, Order.UNKNOWN: Order.UNKNOWN}


# ---------------------------------------------------------------- properties


@SETTINGS
@given(DATES)
def test_iso_text_parses_back_to_the_same_date(date: PartialDate) -> None:
    assert PartialDate.parse(date.iso()) == date
    assert PartialDate.parse(date.iso()).precision == date.precision


@SETTINGS
@given(DATES, DATES)
def test_swapping_the_dates_swaps_before_and_after(a: PartialDate, b: PartialDate) -> None:
    assert b.compare(a) is OPPOSITE[a.compare(b)]


@SETTINGS
@given(DATES, DATES)
def test_same_means_equal(a: PartialDate, b: PartialDate) -> None:
    assert (a.compare(b) is Order.SAME) == (a == b)


@SETTINGS
@given(DATES, PRECISION)
def test_a_date_and_its_truncation_are_never_before_or_after_each_other(
    date: PartialDate, precision: str
) -> None:
    coarse = date.truncate(precision)  # type: ignore[arg-type]
    assert date.compare(coarse) in (Order.SAME, Order.UNKNOWN)
    assert coarse.compare(date) in (Order.SAME, Order.UNKNOWN)
    assert (date.compare(coarse) is Order.SAME) == (coarse == date)


@SETTINGS
@given(st.lists(DATES, min_size=2, max_size=12))
def test_sorting_by_sort_key_never_puts_a_later_date_first(dates: list[PartialDate]) -> None:
    ordered = sorted(dates, key=PartialDate.sort_key)
    for i, earlier in enumerate(ordered):
        for later in ordered[i + 1:]:
            assert not later.is_before(earlier), (earlier, later)


@SETTINGS
@given(DATES, DATES, DATES)
def test_before_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    if a.is_before(b) and b.is_before(c):
        assert a.is_before(c)


@SETTINGS
@given(DATES, DATES)
def test_before_means_every_day_of_one_precedes_every_day_of_the_other(
    a: PartialDate, b: PartialDate
) -> None:
    assert a.is_before(b) == (a.latest() < b.earliest())
    assert a.earliest() <= a.latest()


@SETTINGS
@given(st.integers(1, 9999), st.sampled_from([0, *range(13, 100)]))
def test_a_month_outside_1_to_12_is_refused(year: int, month: int) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(f"{year:04d}-{month:02d}")


@SETTINGS
@given(st.dates(), st.integers(1, 60))
def test_a_day_past_the_end_of_its_month_is_refused(day: dt.date, past: int) -> None:
    bad_day = min(calendar.monthrange(day.year, day.month)[1] + past, 99)
    with pytest.raises(DateError):
        PartialDate.parse(f"{day.year:04d}-{day.month:02d}-{bad_day:02d}")


ISO = re.compile(r"^\s*\d{1,4}(-\d{2}(-\d{2})?)?\s*$")


@SETTINGS
@given(st.text(max_size=14))
def test_any_text_is_either_a_date_or_a_date_error(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except DateError as error:
        assert str(error)
        return
    assert ISO.match(text)
    assert PartialDate.parse(date.iso()) == date


# ---------------------------------------------------------------- examples


def test_a_month_and_a_day_in_it_cannot_be_ordered() -> None:
    month, day = PartialDate.parse("1921-03"), PartialDate.parse("1921-03-16")
    assert month.compare(day) is Order.UNKNOWN
    assert day.compare(month) is Order.UNKNOWN


def test_a_day_in_the_month_before_is_before() -> None:
    assert PartialDate.parse("1921-02-28").compare(PartialDate.parse("1921-03")) is Order.BEFORE
    assert PartialDate.parse("1922").compare(PartialDate.parse("1921-12-31")) is Order.AFTER


def test_13th_month_and_45th_day_are_refused_with_a_reason() -> None:
    with pytest.raises(DateError, match="month 13 does not exist"):
        PartialDate.parse("1959-13-45")


@pytest.mark.parametrize("text", ["", "1953-3-5", "5 March 1953", "1953/03/05", "19533",
                                  "0000", "1953-03-05T00:00", "-0001", "1953-00"])
def test_texts_that_are_not_iso_partial_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        PartialDate.parse(text)


@pytest.mark.parametrize("year", [1952, 1996, 2000, 2024])
def test_29_february_exists_in_leap_years(year: int) -> None:
    assert PartialDate.parse(f"{year}-02-29").day == 29


@pytest.mark.parametrize("year", [1953, 1900, 2100, 2023])
def test_29_february_is_refused_in_other_years(year: int) -> None:
    with pytest.raises(DateError, match="day 29 does not exist in February"):
        PartialDate.parse(f"{year}-02-29")


def test_text_forms_of_each_precision() -> None:
    assert [PartialDate.parse(t).human() for t in ("1934", "1921-03", "1922-04-03")] == [
        "1934", "March 1921", "3 April 1922"]
    assert PartialDate(1922, 4, 3).iso() == "1922-04-03"
    assert PartialDate(812).iso() == "0812"
