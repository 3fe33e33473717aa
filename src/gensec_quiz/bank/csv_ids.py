"""Stable ids made from content: the same rows always give the same ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_SPECIAL = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th", "ð": "d", "ı": "i",
})
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, max_length: int = 40) -> str:
    """ASCII words joined by hyphens (`Nikita Khrouchtchev` -> `nikita-khrouchtchev`).

    Text with no Latin letters or digits gets a short hash so that it still has a stable id.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    words = _NOT_WORD.sub("-", ascii_text).strip("-")
    if len(words) > max_length:
        cut = words[:max_length]
        words = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    if words:
        return words
    return "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


class IdMaker:
    """Hands out ids, adding `-2`, `-3`... when a base id is already taken."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, base: str) -> str:
        candidate = base
        number = 2
        while candidate in self._used:
            candidate = f"{base}-{number}"
            number += 1
        self._used.add(candidate)
        return candidate
