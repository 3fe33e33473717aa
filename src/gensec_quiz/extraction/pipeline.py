"""From a folder of seeds to facts: parse each seed by its kind, then read its sentences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.extraction import article, plaintext, prolewiki, wikitext
from gensec_quiz.extraction.model import Fact, Parsed, Seed, SeedKind
from gensec_quiz.extraction.people import People
from gensec_quiz.extraction.prose import Context, Reader
from gensec_quiz.extraction.rules_en import ENGLISH_RULES
from gensec_quiz.extraction.rules_fr import FRENCH_RULES
from gensec_quiz.extraction.seeds import load_seeds
from gensec_quiz.extraction.titles import Titles

Parser = Callable[[Seed, list[Problem]], Parsed]

PARSERS: dict[SeedKind, Parser] = {
    "article": article.parse_article,
    "wikitext": wikitext.parse,
    "plaintext": plaintext.parse,
    "prolewiki": prolewiki.parse,
    "french": article.parse_french,
}


@dataclass(frozen=True, slots=True)
class Reading:
    """Every seed parsed, and every fact found in them, in seed order."""

    parsed: tuple[Parsed, ...]
    facts: tuple[Fact, ...]
    context: Context

    def seed(self, source_id: str) -> Seed:
        return next(p.seed for p in self.parsed if p.seed.id == source_id)


def parse_seeds(seeds: list[Seed]) -> list[Parsed]:
    """Run each seed's parser; refuse the whole set if any seed is malformed."""
    problems: list[Problem] = []
    parsed = [PARSERS[seed.kind](seed, problems) for seed in seeds]
    if problems:
        raise InputError(problems)
    if not any(p.seed.kind == "plaintext" for p in parsed):
        raise InputError([Problem(str(seeds[0].path.parent), "no seed holds an officeholder "
                                  "table (a Wikipedia plain-text export like 002_…)")])
    return parsed


def build_context(parsed: list[Parsed]) -> Context:
    """The people and office titles the seeds name; the office's title from the table's seed."""
    people = People()
    titles = Titles()
    for p in parsed:
        for name in p.people:
            people.add(name, canonical=True)
        titles.update(p.titles)
    people.learn_from(b.text for p in parsed if p.seed.language == "en" for b in p.blocks)
    main = next((p.subject for p in parsed if p.seed.kind == "plaintext" and p.subject), "")
    main = main or next((p.subject for p in parsed if p.subject), "")
    if main:
        titles.add(main)
    return Context(people, titles, main)


def read_seeds(folder: Path) -> Reading:
    """Parse every seed in `folder` and read its sentences into facts."""
    parsed = parse_seeds(load_seeds(folder))
    context = build_context(parsed)
    reader = Reader((*ENGLISH_RULES, *FRENCH_RULES), context)
    facts: list[Fact] = []
    for p in parsed:
        facts.extend(p.facts)
        for block in p.blocks:
            facts.extend(reader.read(block))
    return Reading(tuple(parsed), tuple(facts), context)
