"""Running text without markup: the Wikipedia article text (seed 000) and the French text (004)."""

from __future__ import annotations

import re

from gensec_quiz.domain.errors import Problem
from gensec_quiz.extraction.model import Block, Parsed, Seed, lines_with_offsets
from gensec_quiz.extraction.text import prose_end
from gensec_quiz.extraction.titles import short_title

_SUBJECT = re.compile(r"^(?:The )?(?P<subject>[A-Z][^.]*?) (?:was|is) ")


def parse_article(seed: Seed, problems: list[Problem]) -> Parsed:
    """One block of prose, up to where the footnotes and references begin."""
    end = prose_end(seed.scan)
    first = _SUBJECT.match(seed.text)
    title = first.group("subject") if first else seed.name
    parsed = Parsed(seed, title, short_title(title))
    parsed.blocks.append(Block(seed, 0, end))
    return parsed


def parse_french(seed: Seed, problems: list[Problem]) -> Parsed:
    """Each line is a paragraph; the first one is the heading."""
    lines = [(o, line) for o, line in lines_with_offsets(seed.text) if line.strip()]
    title = lines[0][1].strip() if lines else seed.name
    parsed = Parsed(seed, title)
    for offset, line in lines:
        parsed.blocks.append(Block(seed, offset, offset + len(line)))
    return parsed
