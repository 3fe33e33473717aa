"""Office titles: short titles from the table's headings, French titles matched to English."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from gensec_quiz.extraction.text import fold

_OF_THE_BODY = re.compile(r" of the (?:Central Committee|Communist Party|Secretariat of the)\b")
_FRENCH_WORDS = {
    "premier": "First", "premiere": "First", "deuxieme": "Second", "second": "Second",
    "general": "General", "generaux": "General", "generale": "General",
    "responsable": "Responsible", "technique": "Technical",
}
_FRENCH_SECRETARY = re.compile(r"secr[ée]taires?", re.IGNORECASE)


def short_title(heading: str) -> str:
    """'First Secretary of the Central Committee of the CPSU' -> 'First Secretary'.

    'Chairman of the Secretariat of the Central Committee …' keeps 'of the Secretariat', which is
    part of that title.
    """
    cut = heading.find(" of the Central Committee")
    if cut < 0:
        cut = heading.find(" of the Communist Party")
    return heading[:cut] if cut > 0 else heading


def french_title(text: str) -> str | None:
    """'premier secrétaire' -> 'First Secretary', 'secrétaires généraux' -> 'General Secretary'."""
    words = fold(text).split()
    if len(words) != 2:
        return None
    first, second = words
    if _FRENCH_SECRETARY.fullmatch(first) and second in _FRENCH_WORDS:
        return f"{_FRENCH_WORDS[second]} Secretary"
    if _FRENCH_SECRETARY.fullmatch(second) and first in _FRENCH_WORDS:
        return f"{_FRENCH_WORDS[first]} Secretary"
    return None


FRENCH_TITLE_PATTERN = (
    r"(?:(?:premier|première|deuxième|second) secrétaires?"
    r"|secrétaires? (?:général|généraux|générale|responsable|technique))"
)


@dataclass
class Titles:
    """The office titles the seeds use, longest first for matching."""

    known: set[str] = field(default_factory=set)

    def add(self, title: str) -> None:
        self.known.add(title.strip())

    def update(self, titles: Iterable[str]) -> None:
        for title in titles:
            self.add(title)

    def pattern(self) -> str:
        ordered = sorted(self.known, key=lambda t: (-len(t), t))
        return "(?:" + "|".join(re.escape(t) for t in ordered) + ")"

    def canonical(self, text: str) -> str | None:
        """The known title `text` names, ignoring case ('acting General Secretary' aside)."""
        folded = fold(text)
        return next((t for t in sorted(self.known) if fold(t) == folded), None)
