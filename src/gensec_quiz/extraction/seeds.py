"""Finding the seed files, telling their kinds apart by their content, and naming them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.records import Source, SourceId
from gensec_quiz.extraction.model import Seed, SeedKind
from gensec_quiz.extraction.text import blank
from gensec_quiz.extraction.witnesses import lineage_of

TEMPLATE = re.compile(r"\[tpl\](?:lang-\w+\|(?P<keep>[^\[]*)|[^\[]*?)\[/tpl\]", re.DOTALL)
_FRENCH_WORDS = re.compile(r"\b(?:le|la|les|des|du|est|une|avant|après|été)\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d{3})_")


@dataclass(frozen=True, slots=True)
class KindInfo:
    """What a kind of seed is, for the record set's list of sources."""

    origin: str
    format: str
    licence: str


KINDS: dict[SeedKind, KindInfo] = {
    "article": KindInfo("Wikipedia article text", "running text on one line",
                        "CC BY-SA 4.0"),
    "wikitext": KindInfo("Wikipedia wikitext dump (older revision)",
                         "wikitext with [tpl]…[/tpl] templates", "CC BY-SA 3.0"),
    "plaintext": KindInfo("Wikipedia plain-text export", "plain text with an infobox and a table",
                          "CC BY-SA 4.0"),
    "prolewiki": KindInfo("ProleWiki page", "web page text", "CC BY-SA"),
    "french": KindInfo("French encyclopedic text", "running text",
                       "unknown (unspecified encyclopedic text; no licence stated)"),
}


def detect_kind(text: str) -> SeedKind | None:
    """The kind of a seed, from its content only (never from its file name)."""
    if "From ProleWiki" in text:
        return "prolewiki"
    if "[tpl]" in text or text.lstrip().startswith("[["):
        return "wikitext"
    if re.search(r"^Infobox$", text, re.MULTILINE) and re.search(r"^\| ", text, re.MULTILINE):
        return "plaintext"
    words = len(text.split()) or 1
    if len(_FRENCH_WORDS.findall(text)) / words > 0.04:
        return "french"
    if words > 200:
        return "article"
    return None


def source_id(path: Path, index: int) -> SourceId:
    """'seed-002' for '002_cb01….txt'; files without a number are counted in name order."""
    match = _NUMBERED.match(path.name)
    return SourceId(f"seed-{match.group(1) if match else f'{index:03d}'}")


def make_seed(path: Path, text: str, index: int = 0) -> Seed | None:
    """A seed from its text, its kind told by the content; None when no parser knows it."""
    kind = detect_kind(text)
    if kind is None:
        return None
    scan = blank(text, TEMPLATE, keep="keep") if kind == "wikitext" else text
    return Seed(source_id(path, index), path, kind, "fr" if kind == "french" else "en",
                text, scan)


def load_seeds(folder: Path) -> list[Seed]:
    """Read every `*.txt` seed in `folder`; refuse the whole folder if one is unreadable."""
    if not folder.is_dir():
        raise InputError([Problem(str(folder), "is not a folder of seed documents")])
    seeds: list[Seed] = []
    problems: list[Problem] = []
    for index, path in enumerate(sorted(folder.glob("*.txt"))):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(str(path), f"cannot be read as UTF-8 text ({error})"))
            continue
        seed = make_seed(path, text, index)
        if seed is None:
            problems.append(Problem(str(path), "is not a kind of seed this extractor knows "
                                    "(article, wikitext, plain-text export, ProleWiki, French)"))
            continue
        seeds.append(seed)
    if not seeds and not problems:
        problems.append(Problem(str(folder), "holds no seed documents (*.txt)"))
    if problems:
        raise InputError(problems)
    return seeds


def describe(seed: Seed, title: str) -> Source:
    """The record set's source entry for a seed."""
    info = KINDS[seed.kind]
    return Source(id=seed.id, title=f"{title} ({info.origin})", file=f"seeds/{seed.name}",
                  licence=info.licence, language=seed.language, lineage=lineage_of(seed.kind))
