"""Text helpers: blanking markup without moving offsets, splitting sentences."""

from __future__ import annotations

import re
import unicodedata

_SENTENCE_END = re.compile(
    r"[.!?][\"”’)]*(?=\s+[\"“(]?[A-ZÀ-ÝА-Я0-9]|[A-Z][a-z]|\s*$)"
)
_INITIAL = re.compile(r"(?:^|\s)[A-Z]$")
_REFERENCE_MARK = re.compile(r"Archived from|Retrieved \d|ISBN|\bpp?\. \d|\bRussian: ")


def blank(text: str, pattern: re.Pattern[str], *, keep: str | None = None) -> str:
    """Replace every match by spaces of the same length (newlines kept).

    With `keep`, the named group's text stays in place, so `[tpl]lang-rus|X[/tpl]` keeps `X`.
    """
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(text[last:match.start()])
        kept = match.span(keep) if keep and match.group(keep) is not None else None
        for i in range(match.start(), match.end()):
            inside = kept is not None and kept[0] <= i < kept[1]
            parts.append(text[i] if inside or text[i] == "\n" else " ")
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end], as absolute offsets, blanks trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _INITIAL.search(text, max(begin, match.start() - 2), match.start()):
            continue  # "Nikita S. Khrouchtchev": an initial, not a sentence end
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[0] < s[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def prose_end(text: str, start: int = 0, end: int | None = None) -> int:
    """Where running prose gives way to footnotes and references (the first cited work)."""
    end = len(text) if end is None else end
    for a, b in sentences(text, start, end):
        if _REFERENCE_MARK.search(text, a, b):
            return a
    return end


def fold(text: str) -> str:
    """Lower case without accents: 'Lénine' -> 'lenine'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """A readable id part: 'Chairman of the Secretariat' -> 'chairman-of-the-secretariat'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
