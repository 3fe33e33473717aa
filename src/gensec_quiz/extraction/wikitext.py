"""The Wikipedia wikitext dump (seed 001): [tpl]…[/tpl] templates, categories, the office's
other names with their year ranges, and the history paragraphs."""

from __future__ import annotations

import re

from gensec_quiz.domain.errors import Problem
from gensec_quiz.extraction.dates import expand_year
from gensec_quiz.extraction.model import Block, Fact, Parsed, Seed, lines_with_offsets
from gensec_quiz.extraction.titles import short_title

_TITLE = re.compile(r"^\[\[(?P<title>[^\]]+)\]\]$")
_CATEGORY_YEAR = re.compile(r"(?P<year>\d{4}) establishments in [^,\n]+")
_NAMES = re.compile(r"had (?P<count>\w+) other names: (?P<list>[^.]+)\.")
_NAME = re.compile(r"(?P<name>[A-Z][A-Za-z ]+?) \((?P<y1>\d{4})[–-](?P<y2>\d{2,4})\)")
_COUNTS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def parse(seed: Seed, problems: list[Problem]) -> Parsed:
    lines = lines_with_offsets(seed.scan)
    first = _TITLE.match(lines[0][1].strip()) if lines else None
    title = first.group("title") if first else seed.name
    parsed = Parsed(seed, title, short_title(title))
    for offset, line in lines[1:]:
        text = line.strip()
        if text.startswith("CATEGORIES:"):
            _categories(parsed, offset, line)
        elif text and not text.startswith("=="):
            parsed.blocks.append(Block(seed, offset, offset + len(line)))
            _other_names(parsed, offset, line)
    return parsed


def _categories(parsed: Parsed, offset: int, line: str) -> None:
    """'1917 establishments in Russia': a year in the office's lineage (1917 is the Technical
    Secretary's), kept as a claim about the lineage, never as the date the title was created."""
    for match in _CATEGORY_YEAR.finditer(line):
        at = offset + match.start()
        parsed.facts.append(Fact(
            "claim", "office", "established", match.group("year"),
            parsed.seed.ref(at, offset + match.end()), at,
            attrs=(("rule", "category-establishments"),),
        ))


def _other_names(parsed: Parsed, offset: int, line: str) -> None:
    """'the office had four other names: Technical Secretary (1917–1918), …'."""
    listing = _NAMES.search(line)
    if listing is None:
        return
    names = list(_NAME.finditer(listing.group("list")))
    base = offset + listing.start("list")
    for match in names:
        y1 = int(match.group("y1"))
        y2 = expand_year(y1, match.group("y2"))
        ref = parsed.seed.ref(base + match.start(), base + match.end())
        name = match.group("name").removeprefix("and ").strip()
        parsed.titles.append(name)
        for field, year in (("start", y1), ("end", y2)):
            parsed.facts.append(Fact("office", name, field, f"{year:04d}", ref,
                                     base + match.start(), attrs=(("rule", "other-names"),)))
    count = listing.group("count").lower()
    if count in _COUNTS and _COUNTS.index(count) != len(names):
        parsed.notes.append(
            f"{parsed.seed.name}: the text announces {count} other names but lists {len(names)}"
        )
