"""The Wikipedia plain-text export (seed 002): infobox, prose and the officeholder table.

Table rows are `| portrait | name | took office | left office [†] | duration | notes |`; a row
with only its first cell filled is a section heading naming the office's title for the rows
below it. † marks death in office.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.errors import Problem
from gensec_quiz.extraction.dates import find_dates
from gensec_quiz.extraction.model import Block, Fact, Parsed, Seed, lines_with_offsets
from gensec_quiz.extraction.people import person_key
from gensec_quiz.extraction.text import slug
from gensec_quiz.extraction.titles import short_title

_INFOBOX_ITEM = re.compile(r"^- (?P<key>[A-Z][\w ]*?): (?P<value>.*)$")
_DAY = r"\d{1,2} [A-Z][a-z]+ \d{4}"
_CAPTION = re.compile(
    rf"(?P<name>[A-Z][a-z]+ [A-Z][a-z]+), (?P<d1>{_DAY}) – (?P<d2>{_DAY})"
    rf"(?:,+ de facto (?P<d3>{_DAY}))?"
)
_HEADING = re.compile(r"^==+ *(?P<title>.*?) *==+$")


@dataclass(frozen=True, slots=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    """One officeholder row of the table."""

    index: int
    line: int
    heading: Cell
    name: Cell
    start: Cell
    end: Cell
    notes: Cell | None
    start_date: PartialDate
    end_date: PartialDate
    died: bool


def cells(line: str, offset: int) -> list[Cell]:
    """The cells between the pipes of a table line, with their offsets, blanks trimmed."""
    out = []
    bounds = [i for i, c in enumerate(line) if c == "|"]
    for left, right in itertools.pairwise(bounds):
        a, b = left + 1, right
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        out.append(Cell(offset + a, offset + b, line[a:b]))
    return out


def parse(seed: Seed, problems: list[Problem]) -> Parsed:
    lines = lines_with_offsets(seed.text)
    title = lines[0][1].strip("= ").strip() if lines else ""
    parsed = Parsed(seed, title, short_title(title))
    _infobox(parsed, lines)
    _prose(parsed, lines)
    rows = _table(seed, lines, problems)
    parsed.titles.extend(sorted({short_title(r.heading.text) for r in rows}))
    for _, line in lines:
        heading = _HEADING.match(line)
        if heading and " of the " in heading.group("title"):
            parsed.titles.append(short_title(heading.group("title")))
    for row in rows:
        parsed.people.append(row.name.text)
        parsed.facts.extend(_row_facts(seed, row, rows))
        if row.notes is not None:
            parsed.blocks.append(Block(seed, row.notes.start, row.notes.end,
                                       person=person_key(row.name.text),
                                       office=short_title(row.heading.text),
                                       anchor=row.start_date))
    if not rows:
        problems.append(Problem(str(seed.path), "has no officeholder table rows"))
    return parsed


def _infobox(parsed: Parsed, lines: list[tuple[int, str]]) -> None:
    seed = parsed.seed
    for offset, line in lines:
        item = _INFOBOX_ITEM.match(line)
        if item is None:
            continue
        key, value = item.group("key"), item.group("value")
        at = offset + item.start("value")
        if key == "Post":
            parsed.subject = value.strip()
            parsed.titles.append(value.strip())
        elif key == "Imagecaption":
            _caption(parsed, value, at)
        elif key == "Last" and value.endswith("(acting)"):
            name = value[: -len("(acting)")].strip()
            parsed.facts.append(Fact("tenure", person_key(name), "acting", "true",
                                     seed.ref(at, offset + len(line)), at,
                                     attrs=(("rule", "infobox-last"),)))
        elif key == "Superseded By":
            parsed.facts.append(Fact("claim", "office", "successor", value.strip(),
                                     seed.ref(offset + 2, offset + len(line)), offset,
                                     attrs=(("rule", "infobox-superseded-by"),)))


def _caption(parsed: Parsed, value: str, at: int) -> None:
    """'Joseph Stalin, 3 April 1922 – 16 October 1952,, de facto 5 March 1953'."""
    seed = parsed.seed
    for match in _CAPTION.finditer(value):
        key = person_key(match.group("name"))
        span = (at + match.start(), at + match.end("d2"))
        # 'de facto 5 March 1953' is when his power ended, not his tenure in the office
        for group, field in (("d1", "start"), ("d2", "end")):
            date = _date(match.group(group))
            if date is None:
                continue
            attrs = (("rule", "infobox-caption"),)
            parsed.facts.append(Fact("tenure", key, field, date.iso(), seed.ref(*span),
                                     span[0], attrs=attrs))


def _prose(parsed: Parsed, lines: list[tuple[int, str]]) -> None:
    for offset, line in lines[1:]:
        text = line.strip()
        if not text or text == "Infobox" or text[0] in "-=|":
            continue
        parsed.blocks.append(Block(parsed.seed, offset, offset + len(line)))


def _date(text: str) -> PartialDate | None:
    found = find_dates(text)
    return found[0].date if len(found) == 1 else None


def _table(seed: Seed, lines: list[tuple[int, str]], problems: list[Problem]) -> list[Row]:
    rows: list[Row] = []
    heading: Cell | None = None
    for number, (offset, line) in enumerate(lines, start=1):
        if not line.startswith("|"):
            continue
        row = cells(line, offset)
        filled = [c for c in row if c.text]
        if len(filled) == 1 and row[0].text:
            heading = row[0]
            continue
        dated = [i for i, c in enumerate(row) if re.match(_DAY, c.text)]
        if not dated:
            continue  # the two header lines
        problem = _row_problem(seed, number, row, dated, heading)
        if problem is not None:
            problems.append(problem)
            continue
        assert heading is not None
        rows.append(_row(len(rows), number, heading, row, dated[0]))
    return rows


def _row_problem(seed: Seed, number: int, row: list[Cell], dated: list[int],
                 heading: Cell | None) -> Problem | None:
    where = f"{seed.path}:{number}"
    if heading is None:
        return Problem(where, "an officeholder row comes before any section heading")
    first = dated[0]
    if first == 0 or first + 1 >= len(row):
        return Problem(f"{where}: Took office", "a row needs a name, a start and an end")
    for column, cell in (("Took office", row[first]), ("Left office", row[first + 1])):
        if _date(cell.text.rstrip("† ")) is None or cell.text.rstrip("† ") == "":
            return Problem(f"{where}: {column}", f"'{cell.text}' is not a date such as "
                           "'8 March 1918'")
    return None


def _row(index: int, number: int, heading: Cell, row: list[Cell], first: int) -> Row:
    name, start, end = row[first - 1], row[first], row[first + 1]
    notes = next((c for c in reversed(row[first + 2:]) if c.text), None)
    start_date = _date(start.text)
    end_date = _date(end.text.rstrip("† "))
    assert start_date is not None and end_date is not None
    return Row(index, number, heading, name, start, end, notes, start_date, end_date,
               end.text.rstrip().endswith("†"))


def _row_facts(seed: Seed, row: Row, rows: list[Row]) -> list[Fact]:
    key = person_key(row.name.text)
    ref = seed.ref(row.name.start, row.end.end)
    office = short_title(row.heading.text)
    base = (("rule", "officeholder-table"),)
    facts = [
        Fact("tenure", key, "person", row.name.text, ref, row.name.start, row.index, base),
        Fact("tenure", key, "office", office, seed.ref(row.heading.start, row.heading.end),
             row.heading.start, row.index, (*base, ("heading", row.heading.text))),
        Fact("tenure", key, "start", row.start_date.iso(), ref, row.name.start, row.index, base),
        Fact("tenure", key, "end", row.end_date.iso(), ref, row.name.start, row.index, base),
    ]
    if row.died:
        facts.append(Fact("tenure", key, "died", "true", ref, row.name.start, row.index, base))
        facts.append(Fact("event", f"death-of-{key}", "date", row.end_date.iso(), ref,
                          row.name.start, attrs=(*base, ("text", f"{row.name.text} dies"),
                                                 ("ends", "died"), ("scope", "person"),
                                                 ("person", key))))
    previous = rows[row.index - 1] if row.index > 0 else None
    if previous is not None and person_key(previous.name.text) == key \
            and short_title(previous.heading.text) != office:
        attrs = (*base, ("text", f"The office is renamed {office}"), ("ends", "office renamed"),
                 ("scope", "office"), ("office", office))
        for quote_ref, pos in ((seed.ref(row.heading.start, row.heading.end), row.heading.start),
                               (ref, row.name.start)):
            facts.append(Fact("event", f"office-renamed-{slug(office)}", "date",
                              row.start_date.iso(), quote_ref, pos, attrs=attrs))
    return facts
