"""Independent witnesses: the documents of one lineage speak with one voice.

The three Wikipedia renderings (article text, wikitext dump, plain-text export) are one article:
when they agree that is one witness agreeing with itself, and when one of them says what another
does not, that is no disagreement between documents. Agreement and conflicts are counted by
lineage, and named in plain words ("the Wikipedia article", "ProleWiki"), never by file id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from gensec_quiz.extraction.model import Fact, SeedKind

# kind of seed -> (lineage, how a reader names it)
LINEAGES: dict[SeedKind, tuple[str, str]] = {
    "article": ("wikipedia", "the Wikipedia article"),
    "wikitext": ("wikipedia", "the Wikipedia article"),
    "plaintext": ("wikipedia", "the Wikipedia article"),
    "prolewiki": ("prolewiki", "ProleWiki"),
    "french": ("french-text", "the French encyclopedic text"),
}
TABLE_RULE = "officeholder-table"


def lineage_of(kind: SeedKind) -> str:
    return LINEAGES[kind][0]


@dataclass(frozen=True, slots=True)
class Witnesses:
    """Which witness each source id belongs to, and the witness's name in a sentence."""

    lineage: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, source_id: str, kind: SeedKind) -> None:
        lineage, name = LINEAGES[kind]
        self.lineage[source_id] = lineage
        self.names[lineage] = name

    def of(self, source_id: str) -> str:
        return self.lineage.get(source_id, source_id)

    def name(self, witness: str) -> str:
        return self.names.get(witness, witness)

    def of_facts(self, facts: Iterable[Fact]) -> tuple[str, ...]:
        """The witnesses of some facts, each once, in a stable order."""
        return tuple(sorted({self.of(f.source.source) for f in facts}))

    def describe(self, facts: Iterable[Fact], *, table_witness: str = "") -> tuple[str, ...]:
        """Plain names for who says it: 'the Wikipedia article's officeholder table', 'the
        Wikipedia article's running text', 'ProleWiki' …"""
        items = list(facts)
        out: list[str] = []
        for witness in self.of_facts(items):
            mine = [f for f in items if self.of(f.source.source) == witness]
            name = self.name(witness)
            in_table = any(f.attr("rule") == TABLE_RULE for f in mine)
            in_text = any(f.attr("rule") != TABLE_RULE for f in mine)
            if witness == table_witness or in_table:
                possessive = f"{name}'s"
                if in_table:
                    out.append(f"{possessive} officeholder table")
                if in_text:
                    out.append(f"{possessive} running text")
            else:
                out.append(name)
        return tuple(out)


def independent(options: Iterable[Iterable[Fact]], witnesses: Witnesses) -> bool:
    """True when at least two different witnesses give two different values.

    Values that only one witness gives among themselves (the Wikipedia article's table and its
    infobox) are one document's inconsistency, not a disagreement between documents."""
    sets = [set(witnesses.of_facts(o)) for o in options]
    return any(len(a | b) > 1 for i, a in enumerate(sets) for b in sets[i + 1:])
