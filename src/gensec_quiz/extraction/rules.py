"""Sentence rules: a phrase pattern, what it says (an event, a tenure fact), where its date is.

A rule's pattern is a regular expression with placeholders filled from what the seeds name:
`{P}` a known person (English or French spelling), `{T}` an office title, `{FT}` a French
title, `{D}` a date, `{N}` a congress number. The facts' values are read from the text matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from gensec_quiz.domain.dates import MONTH_NAMES
from gensec_quiz.extraction.dates import FRENCH_MONTHS
from gensec_quiz.extraction.model import FactKind

DateRule = Literal["group", "before", "after", "sentence", "context", "anchor_year", "none"]
WhoRule = Literal["group", "before", "none"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One phrase the extractor understands.

    Events: `subject` is the event's slug template, `text` its wording, `ends`/`scope` say which
    tenure it ends (a person's, any tenure of an office, or any tenure at all).
    Tenure facts: `subject` is '{who}', `field` the tenure field, `value` its template.
    """

    name: str
    pattern: str
    kind: FactKind
    subject: str
    field: str = "date"
    value: str = ""
    text: str = ""
    date: DateRule = "group"
    who: WhoRule = "none"
    ends: str = ""
    scope: str = ""
    language: str = "en"
    guard: str = ""


_EN_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"
_FR_MONTH = "(?:" + "|".join(FRENCH_MONTHS) + ")"
_EN_DATE = (
    rf"(?:\d{{1,2}} {_EN_MONTH}(?:,? \d{{4}})?(?: that same year)?|{_EN_MONTH} \d{{1,2}}, \d{{4}}"
    rf"|{_EN_MONTH}\s?[–-]\s?{_EN_MONTH},? \d{{4}}|{_EN_MONTH},? \d{{4}}"
    rf"|\d{{4}}(?:\s?[–-]\s?\d{{2,4}})?|{_EN_MONTH})"
)
_FR_DATE = (
    rf"(?:(?:1er|\d{{1,2}}) {_FR_MONTH}(?: \d{{4}})?|{_FR_MONTH} \d{{4}}"
    rf"|\d{{4}}(?:\s?[–-]\s?\d{{2,4}})?)"
)
ORDINAL_WORDS = (
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
    "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth",
    "Seventeenth", "Eighteenth", "Nineteenth", "Twentieth",
)
_NTH = r"(?P<n>\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + ")"


def ordinal(text: str) -> str:
    """'Eleventh' -> '11th'; '17th' stays."""
    if text[0].isdigit():
        return text
    n = ORDINAL_WORDS.index(text.capitalize()) + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def expand(rule: Rule, *, persons: str, titles: str, french_titles: str) -> str:
    """The rule's pattern with its placeholders filled in."""
    french = rule.language == "fr"
    person = r"[A-ZÉ][a-zéèêëïîôûç]+" if french else persons
    date = _FR_DATE if french else _EN_DATE
    out = rule.pattern
    for placeholder, group, body in (
        ("{P2}", "who2", person), ("{P}", "who", person), ("{T2}", "title2", titles),
        ("{T}", "title", titles), ("{FT}", "title", french_titles), ("{D2}", "date2", date),
        ("{D}", "date", date), ("{N}", "", _NTH),
    ):
        out = out.replace(placeholder, f"(?P<{group}>{body})" if group else body)
    return out


def event(name: str, pattern: str, subject: str, text: str, *, date: DateRule = "group",
          who: WhoRule = "none", ends: str = "", scope: str = "", language: str = "en",
          guard: str = "") -> Rule:
    """A rule whose match is a dated event (or an undated mention that supports one)."""
    return Rule(name, pattern, "event", subject, "date", "", text, date, who, ends, scope,
                language, guard)


def tenure(name: str, pattern: str, field: str, value: str, *, date: DateRule = "none",
           who: WhoRule = "group", language: str = "en") -> Rule:
    """A rule whose match says something about a person's tenure (start, end, office …)."""
    return Rule(name, pattern, "tenure", "{who}", field, value, "", date, who, "", "", language)
