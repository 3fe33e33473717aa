"""Partial dates: a year, with an optional month and day, compared honestly."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

_ISO = re.compile(r"^(-?[0-9]{1,4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class Order(enum.Enum):
    """How two partial dates compare; UNKNOWN when the precision cannot tell."""

    BEFORE = "before"
    SAME = "same"
    AFTER = "after"
    UNKNOWN = "unknown"


class DateError(ValueError):
    """A text that is not a valid partial date."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"day {self.day} does not exist in {MONTH_NAMES[self.month - 1]} {self.year}"
                )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ISO 8601 text: `1934`, `1921-03` or `1922-04-03`."""
        match = _ISO.match(text.strip())
        if match is None:
            raise DateError(f"'{text}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    def human(self) -> str:
        """English reading form: `1934`, `March 1921`, `3 April 1922`."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """A total order for stable sorting only; never use it to decide 'before'."""
        return (self.year, self.month or 0, self.day or 0)

    def compare(self, other: PartialDate) -> Order:
        """Before, same or after when the dates tell; UNKNOWN when they overlap."""
        if self.latest() < other.earliest():
            return Order.BEFORE
        if self.earliest() > other.latest():
            return Order.AFTER
        if self == other:
            return Order.SAME
        return Order.UNKNOWN

    def is_before(self, other: PartialDate) -> bool:
        return self.compare(other) is Order.BEFORE

    def truncate(self, precision: Precision) -> PartialDate:
        """The same date known only to `precision` (never finer than it is)."""
        if precision == "year":
            return PartialDate(self.year)
        if precision == "month" and self.month is not None:
            return PartialDate(self.year, self.month)
        return self

    def supports(self, precision: Precision) -> bool:
        return PRECISIONS.index(self.precision) >= PRECISIONS.index(precision)

    def distance(self, other: PartialDate, precision: Precision) -> int:
        """Whole years, months or days between two dates known to `precision`."""
        if not (self.supports(precision) and other.supports(precision)):
            raise DateError(f"both dates must be known to the {precision}")
        if precision == "year":
            return abs(self.year - other.year)
        if precision == "month":
            assert self.month is not None and other.month is not None
            return abs((self.year * 12 + self.month) - (other.year * 12 + other.month))
        return abs((self.earliest() - other.earliest()).days)


def years_between(start: PartialDate, end: PartialDate) -> tuple[int, int] | None:
    """Completed years of a span, as (fewest, most) that the precision allows."""
    low = end.earliest()
    high = end.latest()
    first = start.latest()
    last = start.earliest()
    fewest = _whole_years(first, low)
    most = _whole_years(last, high)
    if most < 0:
        return None
    return (max(fewest, 0), most)


def _whole_years(start: dt.date, end: dt.date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years
