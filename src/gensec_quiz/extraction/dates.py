"""Dates in running text, English and French, with the year of relative dates from context.

"on 5 March 1953", "October 16, 1952", "in October 1952", "in 1934", "(March–April 1922)",
"(1953-1964)", "(1982-84)", "nine days later on 14 March" and "on 14 September that same year"
(the year comes from the date mentioned before), "In September" (likewise), and French
"le 5 mars 1953", "en octobre 1952", "1er mai".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gensec_quiz.domain.dates import MONTH_NAMES, DateError, PartialDate
from gensec_quiz.extraction.text import fold

FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
_MONTH_NUMBER = {fold(m): i + 1 for i, m in enumerate(MONTH_NAMES)}
_MONTH_NUMBER.update({fold(m): i + 1 for i, m in enumerate(FRENCH_MONTHS)})

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_EN_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"
_FR_MONTH = "(?:" + "|".join((*FRENCH_MONTHS, "fevrier", "aout", "decembre")) + ")"
_DASH = r"\s?[–—-]\s?"


def _forms(month: str, *, english: bool) -> list[tuple[str, str]]:
    day = r"\d{1,2}" if english else r"(?:1er|\d{1,2})"
    forms = [
        ("month_range", rf"(?P<m1>{month}){_DASH}(?P<m2>{month}),? (?P<y>{_YEAR})"),
        ("dmy", rf"(?P<d>{day}) (?P<m>{month}),? (?P<y>{_YEAR})"),
    ]
    if english:
        forms.append(("mdy", rf"(?P<m>{month}) (?P<d>\d{{1,2}}), (?P<y>{_YEAR})"))
    forms += [
        ("my", rf"(?P<m>{month}),? (?P<y>{_YEAR})"),
        ("year_range", rf"(?P<y>{_YEAR}){_DASH}(?P<y2>\d{{4}}|\d{{2}})(?![\d.,]\d)"),
        ("dm", rf"(?P<d>{day}) (?P<m>{month})\b(?P<same> that same year)?"),
        ("m", rf"(?<=\b[IiEe]n ){month}\b"),
        ("y", rf"(?<![\d,.\-–])(?P<y>{_YEAR})(?![\ds\-–]|,\d)"),
    ]
    return forms


def _build(month: str, *, english: bool) -> re.Pattern[str]:
    """One pattern; each form's groups are prefixed with the form's name to stay unique."""
    body = "|".join(
        f"(?P<{name}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}__\1>", rx) + ")"
        for name, rx in _forms(month, english=english)
    )
    return re.compile(r"(?:" + body + ")", 0 if english else re.IGNORECASE)


ENGLISH = _build(_EN_MONTH, english=True)
FRENCH = _build(_FR_MONTH, english=False)


@dataclass(frozen=True, slots=True)
class Mention:
    """A date written in the text at [start, end); `last` ends a range; `context` is where the
    year of a relative date came from (the offset of that earlier mention)."""

    start: int
    end: int
    date: PartialDate
    last: PartialDate | None = None
    context: int | None = None

    @property
    def relative(self) -> bool:
        return self.context is not None


def _group(match: re.Match[str], form: str, name: str) -> str | None:
    """The value of `name` within the alternative `form` that matched."""
    return match.group(f"{form}__{name}")


def expand_year(first: int, text: str) -> int:
    """The end year of a range: '84' after 1982 is 1984; '01' after 1999 is 2001."""
    if len(text) == 4:
        return int(text)
    year = first - first % 100 + int(text)
    return year if year >= first else year + 100


def _month(text: str) -> int:
    return _MONTH_NUMBER[fold(text)]


def _day(text: str) -> int:
    return 1 if text.lower() == "1er" else int(text)


def _read(match: re.Match[str], context_year: int | None) -> tuple[PartialDate, PartialDate | None,
                                                                   bool] | None:
    form = match.lastgroup
    assert form is not None

    def g(name: str) -> str:
        value = _group(match, form, name)
        assert value is not None
        return value

    if form == "month_range":
        year = int(g("y"))
        return PartialDate(year, _month(g("m1"))), PartialDate(year, _month(g("m2"))), False
    if form in ("dmy", "mdy"):
        return PartialDate(int(g("y")), _month(g("m")), _day(g("d"))), None, False
    if form == "my":
        return PartialDate(int(g("y")), _month(g("m"))), None, False
    if form == "year_range":
        first = int(g("y"))
        return PartialDate(first), PartialDate(expand_year(first, g("y2"))), False
    if form == "y":
        return PartialDate(int(g("y"))), None, False
    if context_year is None:
        return None
    if form == "dm":
        return PartialDate(context_year, _month(g("m")), _day(g("d"))), None, True
    return PartialDate(context_year, _month(match.group(form))), None, True


def find_dates(text: str, start: int = 0, end: int | None = None, *, language: str = "en",
               context_year: int | None = None) -> list[Mention]:
    """Every date mention in text[start:end]; relative ones take the last year seen before."""
    pattern = FRENCH if language == "fr" else ENGLISH
    end = len(text) if end is None else end
    mentions: list[Mention] = []
    context_at: int | None = None
    for match in pattern.finditer(text, start, end):
        try:
            read = _read(match, context_year)
        except (DateError, KeyError):
            continue
        if read is None:
            continue
        date, last, relative = read
        mentions.append(Mention(match.start(), match.end(), date, last,
                                context_at if relative else None))
        if not relative or context_at is None:
            context_at = match.start()
        context_year = (last or date).year if last and last.year != date.year else date.year
    return mentions
