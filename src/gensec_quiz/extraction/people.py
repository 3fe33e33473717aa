"""People named in the seeds: full names, surname keys, and French spellings matched to English.

The officeholder table gives the canonical full names; other people are found in the prose as
"Given Surname" where the surname has a Russian ending (Lenin, Malenkov, Kaganovich, Podgorny).
French spellings are transliterated back (Khrouchtchev -> khrushchev, Brejnev -> brezhnev,
Gorbatchev -> gorbachev, Staline -> stalin, Lénine -> lenin) before matching.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from gensec_quiz.extraction.text import fold

_RUSSIAN_ENDING = r"(?:ov|ev|in|sky|ski|ich|ny|nyi|ko|va|ina|iev|tsin)"
_GIVEN_AND_SURNAME = re.compile(
    rf"\b([A-Z][a-z]+) (?:[A-Z]\. )?([A-Z][a-z]+{_RUSSIAN_ENDING})\b(?! [A-Z])"
)
_NOT_GIVEN = {"The", "Russian", "Soviet", "General", "First", "Premier", "Chairman", "Comrade",
              "President", "Party", "Bolshevik", "Bolsheviks", "Historian", "Under", "When",
              "After", "Before", "Prior", "In", "By"}
# French transliteration back to the English spelling, longest sequences first.
_FRENCH_SPELLING = (("chtch", "shch"), ("tch", "ch"), ("ou", "u"), ("j", "zh"))


def person_key(name: str) -> str:
    """The key of a person: the folded surname ('Nikita Khrushchev' -> 'khrushchev')."""
    return fold(name.split()[-1])


def french_to_english(word: str) -> str:
    """'Khrouchtchev' -> 'khrushchev', 'Staline' -> 'stalin', 'Lénine' -> 'lenin'."""
    text = fold(word)
    for french, english in _FRENCH_SPELLING:
        text = text.replace(french, english)
    return re.sub(r"(?<=[n])e$", "", text)


@dataclass(frozen=True, slots=True)
class PersonMention:
    start: int
    end: int
    key: str


@dataclass
class People:
    """Known people by key, with their full names."""

    names: dict[str, str] = field(default_factory=dict)

    def add(self, full_name: str, *, canonical: bool = False) -> None:
        key = person_key(full_name)
        if canonical or key not in self.names:
            self.names[key] = full_name

    def learn_from(self, texts: Iterable[str]) -> None:
        """Add people named as 'Given Surname' in English prose (the table's names win)."""
        found: Counter[tuple[str, str]] = Counter()
        for text in texts:
            for match in _GIVEN_AND_SURNAME.finditer(text):
                if match.group(1) not in _NOT_GIVEN:
                    found[(match.group(1), match.group(2))] += 1
        for (given, surname), _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])):
            self.add(f"{given} {surname}")

    def full(self, key: str) -> str:
        return self.names.get(key, key.title())

    def surname(self, key: str) -> str:
        return self.full(key).split()[-1]

    def pattern(self) -> str:
        """A regex alternative matching any known surname (English spelling)."""
        surnames = sorted({self.surname(k) for k in self.names}, key=lambda s: (-len(s), s))
        return "(?:" + "|".join(re.escape(s) for s in surnames) + ")"

    def mentions(self, text: str, start: int, end: int, *, language: str = "en"
                 ) -> list[PersonMention]:
        """Every mention of a known person in text[start:end]."""
        if language == "fr":
            return self._french_mentions(text, start, end)
        if not self.names:
            return []
        rx = re.compile(r"\b(" + self.pattern() + r")(?:['’]s)?\b")
        return [PersonMention(m.start(1), m.end(1), fold(m.group(1)))
                for m in rx.finditer(text, start, end)]

    def _french_mentions(self, text: str, start: int, end: int) -> list[PersonMention]:
        out = []
        for match in re.finditer(r"\b[A-ZÉ][a-zéèêëïîôûç]+\b", text[start:end]):
            key = self.match_french(match.group())
            if key:
                out.append(PersonMention(start + match.start(), start + match.end(), key))
        return out

    def match_french(self, word: str) -> str | None:
        """The key of the person a French spelling names, or None."""
        guess = french_to_english(word)
        if guess in self.names:
            return guess
        close = difflib.get_close_matches(guess, sorted(self.names), n=1, cutoff=0.85)
        return close[0] if close else None
