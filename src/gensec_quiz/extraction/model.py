"""Plain data the parsers produce: seeds, text blocks and facts with their quotes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import SourceId, SourceRef

SeedKind = Literal["article", "wikitext", "plaintext", "prolewiki", "french"]
FactKind = Literal["tenure", "event", "office", "claim"]


@dataclass(frozen=True, slots=True)
class Seed:
    """One seed document: its original text and a same-length copy with markup blanked."""

    id: SourceId
    path: Path
    kind: SeedKind
    language: str
    text: str
    scan: str

    @property
    def name(self) -> str:
        return self.path.name

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def ref(self, start: int, end: int) -> SourceRef:
        """The exact words at [start, end) of the original file, trimmed of blanks."""
        while start < end and self.scan[start].isspace():
            start += 1
        while end > start and self.scan[end - 1].isspace():
            end -= 1
        return SourceRef(self.id, self.text[start:end])


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, list item or table note; offsets are into the seed's text."""

    seed: Seed
    start: int
    end: int
    person: str = ""
    office: str = ""
    anchor: PartialDate | None = None

    @property
    def text(self) -> str:
        return self.seed.scan[self.start:self.end]


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing one document says, with the exact quote it says it in.

    `kind` and `subject` name what the fact is about (a tenure by person key, an event by its
    slug, an office by its title, a claim by its topic); `field` and `value` say what.
    `attrs` carries details such as the office a tenure fact names or the event's text.
    """

    kind: FactKind
    subject: str
    field: str
    value: str
    source: SourceRef
    pos: int = 0
    row: int | None = None
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str, default: str = "") -> str:
        return next((v for k, v in self.attrs if k == name), default)

    @property
    def date(self) -> PartialDate | None:
        return PartialDate.parse(self.value) if self.value else None


@dataclass
class Parsed:
    """What a parser found in one seed before the sentence rules run."""

    seed: Seed
    title: str
    subject: str = ""
    blocks: list[Block] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """Each line of `text` with the offset where it starts."""
    out = []
    offset = 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out
