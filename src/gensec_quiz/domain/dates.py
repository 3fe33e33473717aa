"""Partial dates: a year, with an optional month and day, compared honestly."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from gensec_quiz.i18n import tr

Precision = Literal["year", "month", "day"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# French month names as French writes them in dates ("5 mars 1953"); checked against Babel's
# CLDR data by the tests (the domain imports only the standard library).
FRENCH_MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
MONTHS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {"en": MONTH_NAMES, "fr": FRENCH_MONTH_NAMES}

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

    def human_in(self, language: str) -> str:
        """The reading form in `language`: English as `human`, French "1934", "mars 1921",
        "5 mars 1953", "1er avril 1922" (the first of the month is "1er")."""
        if language != "fr":
            return self.human()
        if self.month is None:
            return str(self.year)
        month = FRENCH_MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{day_in(self.day, language)} {month} {self.year}"

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


def day_in(day: int, language: str) -> str:
    """The day of the month as `language` writes it in a date: French "1er", "2", ..."""
    return "1er" if language == "fr" and day == 1 else str(day)


def day_month_in(date: PartialDate, language: str) -> str:
    """A day and month without the year: "1er mars", "14 October"."""
    month = MONTHS_BY_LANGUAGE.get(language, MONTH_NAMES)[(date.month or 1) - 1]
    if date.day is None:
        return month
    return f"{day_in(date.day, language)} {month}"


def month_name_in(month: int, language: str) -> str:
    return MONTHS_BY_LANGUAGE.get(language, MONTH_NAMES)[month - 1]


def _folded(text: str) -> str:
    """Lower case without accents: "Février" -> "fevrier", "AOÛT" -> "aout"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _month_lookup() -> dict[str, int]:
    """Every month name and common abbreviation, English and French, folded, to its number."""
    found: dict[str, int] = {}
    french_short = ("janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept",
                    "oct", "nov", "dec")
    for number, (english, french) in enumerate(zip(MONTH_NAMES, FRENCH_MONTH_NAMES,
                                                   strict=True), start=1):
        found[_folded(english)] = number
        found[_folded(english)[:3]] = number
        found[_folded(french)] = number
        found[french_short[number - 1]] = number
    found["fev"] = 2
    found["sep"] = 9
    return found


_MONTHS = _month_lookup()
_WORDS = re.compile(
    r"^(?:(?P<day>\d{1,2})(?:er|re|st|nd|rd|th)?\s+)?(?P<month>[^\W\d_]+)\.?,?\s+"
    r"(?:(?P<late>\d{1,2}),?\s+)?(?P<year>\d{1,4})$")
_NUMERIC = re.compile(
    r"^(?:(?P<a>\d{1,2})[/.](?=\d{1,2}[/.]))?(?P<b>\d{1,2})[/.](?P<year>\d{3,4})$")


def parse_date_answer(text: str, language: str = "en") -> PartialDate:
    """A date as a learner or a teacher types it: ISO ("1953-03-05", "1921-03", "1934"), words
    in English or French ("5 mars 1953", "1er mars 1953", "mars 1921", "5 March 1953",
    "March 5, 1953"), or numbers day first ("5/3/1953", "03/1921"; French order, and the
    only one read, since "3/5/1953" is 5 March to a French reader and 3 May to an American).
    Raises DateError with one sentence naming the text."""
    cleaned = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    try:
        return PartialDate.parse(cleaned)
    except DateError:
        pass
    words = _WORDS.match(cleaned)
    if words is not None:
        month = _MONTHS.get(_folded(words["month"]))
        day = words["day"] or words["late"]
        if month is not None and not (words["day"] and words["late"]):
            return PartialDate(int(words["year"]), month, int(day) if day else None)
    numeric = _NUMERIC.match(cleaned)
    if numeric is not None:
        first, second = numeric["a"], numeric["b"]
        if first is None:
            return PartialDate(int(numeric["year"]), int(second))
        return PartialDate(int(numeric["year"]), int(second), int(first))
    raise DateError(tr("'{text}' is not a date (write for example 5 March 1953, March 1921, "
                       "1953 or 1953-03-05)", text=text))
