"""The ProleWiki page (seed 003): page chrome, the Founded/Dissolved/Succeeded by lines, the
list of precursor roles with their years and holders, and the prose."""

from __future__ import annotations

import re

from gensec_quiz.domain.errors import Problem
from gensec_quiz.extraction.dates import expand_year
from gensec_quiz.extraction.model import Block, Fact, Parsed, Seed, lines_with_offsets
from gensec_quiz.extraction.people import person_key
from gensec_quiz.extraction.titles import short_title

_BANNER = "From ProleWiki"
_INFOBOX = re.compile(r"^(?P<key>Founded|Dissolved|Succeeded\sby)(?P<value>\S.*)$")
_PRECURSOR = re.compile(
    r"^\s*•\s*(?P<title>[A-Z][A-Za-z ]+?) \((?P<y1>\d{4})[–-](?P<y2>\d{2,4})\): "
    r"Held by (?P<holders>[^,.]+)"
)
_HOLDER_SPLIT = re.compile(r" and then | and | until (?:his|her) death")
_EDIT = "[edit | edit source]"


def parse(seed: Seed, problems: list[Problem]) -> Parsed:
    lines = lines_with_offsets(seed.text)
    banner = next((i for i, (_, line) in enumerate(lines) if line.startswith(_BANNER)), 0)
    title = next((line.strip() for _, line in reversed(lines[:banner]) if line.strip()), "")
    parsed = Parsed(seed, title, short_title(title))
    for offset, line in lines[banner + 1:]:
        text = line.strip()
        if text.startswith("References" + _EDIT):
            break
        if not text or text.endswith(_EDIT):
            continue
        if _infobox(parsed, offset, line):
            continue
        _precursor(parsed, offset, line)
        parsed.blocks.append(Block(seed, offset, offset + len(line)))
    return parsed


def _infobox(parsed: Parsed, offset: int, line: str) -> bool:
    match = _INFOBOX.match(line.strip())
    if match is None:
        return False
    key, value = match.group("key"), match.group("value")
    ref = parsed.seed.ref(offset, offset + len(line))
    subject = parsed.subject
    if key == "Founded" and value.isdigit():
        # the lineage's founding (the Responsible Secretary, 1919), not the 1922 title
        parsed.facts.append(Fact("claim", "office", "founded", value, ref, offset,
                                 attrs=(("rule", "infobox-founded"),)))
    elif key == "Dissolved" and value.isdigit():
        parsed.facts.append(Fact("office", subject, "end", value, ref, offset,
                                 attrs=(("rule", "infobox-dissolved"),)))
    elif key.startswith("Succeeded"):
        parsed.facts.append(Fact("claim", "office", "successor", value.strip(), ref, offset,
                                 attrs=(("rule", "infobox-succeeded-by"),)))
    return True


def _precursor(parsed: Parsed, offset: int, line: str) -> None:
    """'• Technical Secretary (1917-1918): Held by Elena Stasova, responsible for …'."""
    match = _PRECURSOR.match(line)
    if match is None:
        return
    seed = parsed.seed
    name = match.group("title")
    y1 = int(match.group("y1"))
    y2 = expand_year(y1, match.group("y2"))
    head = seed.ref(offset + match.start("title"), offset + match.end("y2") + 1)
    parsed.titles.append(name)
    for field, year in (("start", y1), ("end", y2)):
        parsed.facts.append(Fact("office", name, field, f"{year:04d}", head,
                                 offset + match.start("title"), attrs=(("rule", "precursor"),)))
    held = seed.ref(offset + match.start("title"), offset + match.end("holders"))
    for holder in _HOLDER_SPLIT.split(match.group("holders")):
        holder = holder.strip()
        if re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", holder):
            parsed.facts.append(Fact("tenure", person_key(holder), "office", name, held,
                                     offset + match.start("title"),
                                     attrs=(("rule", "precursor-holder"), ("person", holder))))
