"""Sources as a reader names them: by independent witness ("the Wikipedia article",
"ProleWiki"), never by file, count of documents or internal id.

Three renderings of one Wikipedia article are one witness (`Source.lineage`); documents whose
titles name the same publication are one witness too, so that records which do not yet say
their lineage are still never counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from gensec_quiz.domain.records import RecordSet, Source, SourceRef
from gensec_quiz.generation.wording import ENGLISH, Wording
from gensec_quiz.i18n import N_

# Publications named by their title's first word, and how a sentence names them.
_PUBLICATIONS = {"wikipedia": N_("Wikipedia")}
# Witnesses a teacher would not cite to pupils while another says the same: a wiki written
# from one political standpoint, and a French text whose origin and author are not stated.
# Their quotes stay under a question's sources, but its source line names them only when they
# alone say what it rests on, and then says what they are.
_CITED_ONLY_ALONE = frozenset({"prolewiki", "french-text"})
# A witness written from one political standpoint: a fact that rests on it alone is not asked
# of pupils (it may still be an item among others in an ordering, as a `context` event is).
PARTISAN = frozenset({"prolewiki"})
_DESCRIBED = {
    "prolewiki": N_("{name}, a Marxist–Leninist wiki"),
    "french-text": N_("{name}, whose origin is not stated"),
}
_LANGUAGES = frozenset({"french", "english", "german", "russian", "spanish", "italian",
                        "polish", "ukrainian"})


def witness_name(source: Source, words: Wording = ENGLISH) -> str:
    """How a sentence names the witness a document belongs to."""
    given = words.source(str(source.id))
    if given is not None:
        return given
    inside = _bracketed(source.title)
    if not inside:
        return source.title.strip() or str(source.id)
    first = inside.split()[0]
    known = _PUBLICATIONS.get(first.lower())
    if known is not None:
        return words.tr(known)
    if first.lower() in _LANGUAGES:
        title = _unbracketed(source.title)
        if title:  # 'the French article "Première position au Parti communiste"'
            return words.tr("the {language} article “{title}”", language=first, title=title)
        return words.tr("the {description}", description=_unbracketed(inside))
    if first[:1].isupper():
        return first  # a publication's name: "ProleWiki"
    return source.title.strip()  # "(table)" describes a form, not who says it


def witness_names(records: RecordSet, refs: Iterable[SourceRef],
                  words: Wording = ENGLISH) -> list[str]:
    """The distinct witnesses of these quotes, in the order first cited."""
    names: dict[str, None] = {}
    for ref in refs:
        source = records.source(str(ref.source))
        names.setdefault(witness_name(source, words) if source is not None
                         else words.tr("the records"))
    return list(names)


def cited_witnesses(records: RecordSet, refs: Iterable[SourceRef],
                    words: Wording = ENGLISH) -> list[str]:
    """The witnesses a source line names: all of them, less those cited only alone (a
    partisan wiki) when another witness says the same."""
    names: dict[str, bool] = {}
    described: dict[str, str] = {}
    for ref in refs:
        source = records.source(str(ref.source))
        name = (witness_name(source, words) if source is not None
                else words.tr("the records"))
        article = _article(records, source) if source is not None else ""
        if article:
            # "Wikipedia, “General Secretary of the Communist Party of the Soviet Union”": a
            # teacher can find the page; "Wikipedia" alone named no page (blind review).
            name = words.tr("{publication}, “{title}”", publication=name, title=article)
        lineage = (source.lineage or "") if source is not None else ""
        alone_only = lineage in _CITED_ONLY_ALONE
        names[name] = names.get(name, True) and alone_only
        if alone_only and source is not None and words.source(str(source.id)) is None:
            described[name] = words.tr(_DESCRIBED[lineage], name=name)
    kept = [name for name, alone_only in names.items() if not alone_only]
    return kept or [described.get(name, name) for name in names]


def _article(records: RecordSet, source: Source) -> str:
    """The page title of a publication's article (`_PUBLICATIONS`), the same for every
    rendering of it: the shortest title its lineage gives ("General Secretary of the Communist
    Party of the Soviet Union", not the renderings' own longer or annotated titles)."""
    inside = _bracketed(source.title)
    if not inside or inside.split()[0].lower() not in _PUBLICATIONS:
        return ""
    titles = [_unbracketed(s.title) for s in records.sources
              if s.lineage == source.lineage and s.lineage] or [_unbracketed(source.title)]
    return min(titles, key=lambda t: (len(t), t))


def and_list(names: list[str], words: Wording = ENGLISH) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return words.tr("{first} and {last}", first=", ".join(names[:-1]), last=names[-1])


def semicolons(words: Wording, parts: list[str]) -> str:
    """'A; B; C', with the space French typography puts before a semicolon."""
    if not parts:
        return ""
    joined = parts[0]
    for part in parts[1:]:
        joined = words.tr("{first}; {second}", first=joined, second=part)
    return joined


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bracketed(title: str) -> str:
    """What the title's first top-level brackets hold: 'Wikipedia wikitext dump (older ...)'."""
    start = title.find("(")
    end = title.rfind(")")
    if start < 0 or end <= start:
        return ""
    return title[start + 1:end].strip()


def _unbracketed(text: str) -> str:
    start = text.find("(")
    return text[:start].strip() if start > 0 else text


def partisan_alone(records: RecordSet, refs: Iterable[SourceRef]) -> bool:
    """Whether every quote of `refs` comes from a partisan witness (`PARTISAN`)."""
    lineages = []
    for ref in refs:
        source = records.source(str(ref.source))
        lineages.append(source.lineage if source is not None else "")
    return bool(lineages) and all(lineage in PARTISAN for lineage in lineages)
