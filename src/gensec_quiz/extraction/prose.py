"""Running the sentence rules over blocks of text: each match becomes facts with quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from gensec_quiz.domain.dates import MONTH_NAMES, PartialDate
from gensec_quiz.domain.records import SourceRef
from gensec_quiz.extraction.dates import Mention, find_dates
from gensec_quiz.extraction.model import Block, Fact
from gensec_quiz.extraction.people import People, PersonMention
from gensec_quiz.extraction.rules import Rule, expand, ordinal
from gensec_quiz.extraction.text import fold, sentences, slug
from gensec_quiz.extraction.titles import FRENCH_TITLE_PATTERN, Titles, french_title


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need to know: the people and titles the seeds name, the office's title."""

    people: People
    titles: Titles
    main_title: str


@dataclass(frozen=True, slots=True)
class _Scan:
    """One block being read: its dates, people and sentences."""

    block: Block
    mentions: list[Mention]
    persons: list[PersonMention]
    spans: list[tuple[int, int]]


class Reader:
    """Applies the rules to blocks of English or French text."""

    def __init__(self, rules: tuple[Rule, ...], context: Context) -> None:
        self.context = context
        persons = context.people.pattern()
        titles = context.titles.pattern()
        self.compiled: list[tuple[Rule, re.Pattern[str]]] = [
            (rule, re.compile(expand(rule, persons=persons, titles=titles,
                                     french_titles=FRENCH_TITLE_PATTERN)))
            for rule in rules
        ]

    def read(self, block: Block) -> list[Fact]:
        seed = block.seed
        anchor = block.anchor.year if block.anchor else None
        scan = _Scan(
            block,
            find_dates(seed.scan, block.start, block.end, language=seed.language,
                       context_year=anchor),
            self.context.people.mentions(seed.scan, block.start, block.end,
                                         language=seed.language),
            sentences(seed.scan, block.start, block.end),
        )
        facts: list[Fact] = []
        for a, b in scan.spans:
            for rule, rx in self.compiled:
                if rule.language != seed.language:
                    continue
                for match in rx.finditer(seed.scan, a, b):
                    facts.extend(self._facts(rule, match, scan, (a, b)))
        return facts

    # ------------------------------------------------------------ one match

    def _facts(self, rule: Rule, match: re.Match[str], scan: _Scan, sentence: tuple[int, int]
               ) -> list[Fact]:
        values = self._values(rule, match, scan)
        if values is None or not _guard(rule, values, scan.block):
            return []
        dates = self._dates(rule, match, scan, sentence)
        if not dates and rule.date != "none" and rule.kind == "event":
            return []
        facts = []
        for mention in dates or [_NO_DATE]:
            found = mention if mention is not _NO_DATE else None
            date = _with_month(found.date if found else None, match)
            for start, end in self._quotes(mention, scan, sentence):
                ref = scan.block.seed.ref(start, end)
                facts.extend(_make(rule, values, date, found, ref, start))
        return facts

    def _values(self, rule: Rule, match: re.Match[str], scan: _Scan) -> dict[str, str] | None:
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        values: dict[str, str] = {"main": self.context.main_title, "office": scan.block.office}
        for name in ("list", "org", "abbr", "founder", "role", "art", "elected"):
            if name in groups:
                values[name] = groups[name]
        if "n" in groups:
            values["n"] = ordinal(groups["n"])
        for name in ("title", "title2"):
            if name in groups:
                title = self._title(groups[name], rule.language)
                if title is None:
                    return None
                values[name] = title
        needs_who = "{who}" in rule.subject or "{Who}" in rule.text or rule.kind == "tenure"
        who = self._who(rule, match, scan)
        if who is None:
            return None if needs_who else values
        values["who"] = self.context.people.surname(who)
        values["Who"] = self.context.people.full(who)
        values["key"] = who
        return values

    def _title(self, text: str, language: str) -> str | None:
        if language == "fr":
            return french_title(text)
        return self.context.titles.canonical(text) or text

    def _who(self, rule: Rule, match: re.Match[str], scan: _Scan) -> str | None:
        people = self.context.people
        if match.groupdict().get("who"):
            word = match.group("who")
            return people.match_french(word) if rule.language == "fr" else _known(people, word)
        if rule.who != "before":
            return None
        before = [p for p in scan.persons if p.end <= match.start()]
        if before:
            return before[-1].key
        return scan.block.person or None

    def _dates(self, rule: Rule, match: re.Match[str], scan: _Scan,
               sentence: tuple[int, int]) -> list[Mention]:
        ms = scan.mentions
        if rule.date == "group":
            found = [_mention_at(ms, match.start(g)) for g in ("date", "date2")
                     if match.groupdict().get(g) is not None]
            return [m for m in found if m is not None]
        if rule.date == "before":
            return [m for m in ms if sentence[0] <= m.start < match.start()][-1:]
        if rule.date == "after":
            return [m for m in ms if match.end() <= m.start < sentence[1]][:1]
        if rule.date == "sentence":
            inside = [m for m in ms if sentence[0] <= m.start < sentence[1]]
            return sorted(inside, key=lambda m: abs(m.start - match.start()))[:1]
        if rule.date == "context":
            earlier = [m for m in ms if m.start < match.start()][-1:]
            return earlier or _anchor(scan.block, match, exact=True)
        if rule.date == "anchor_year":
            return _anchor(scan.block, match, exact=False)
        return []

    def _quotes(self, mention: Mention, scan: _Scan, sentence: tuple[int, int]
                ) -> list[tuple[int, int]]:
        """The sentence, from the earlier sentence that gives its date or the year of its
        relative date; as separate quotes when markup (a wikitext template) lies between."""
        if mention.end < 0:  # no date, or a table row's date
            return [sentence]
        earlier = sorted({
            span for offset in (mention.start, mention.context) if offset is not None
            for span in scan.spans if span[0] <= offset < span[1] and span[0] < sentence[0]
        })
        if not earlier:
            return [sentence]
        start = earlier[0][0]
        seed = scan.block.seed
        if seed.scan[start:sentence[1]] == seed.text[start:sentence[1]]:
            return [(start, sentence[1])]
        return [*earlier, sentence]


_NO_DATE = Mention(-2, -2, PartialDate(1))


def _known(people: People, word: str) -> str | None:
    key = fold(word)
    return key if key in people.names else None


def _mention_at(mentions: list[Mention], offset: int) -> Mention | None:
    return next((m for m in mentions if m.start <= offset < m.end), None)


def _anchor(block: Block, match: re.Match[str], *, exact: bool) -> list[Mention]:
    """A table note's row date, standing in for a date the note's sentence leaves out."""
    if block.anchor is None:
        return []
    date = block.anchor if exact else block.anchor.truncate("year")
    return [Mention(-1, -1, date)]


def _with_month(date: PartialDate | None, match: re.Match[str]) -> PartialDate | None:
    month = match.groupdict().get("month")
    if date is None or month is None or date.month is not None:
        return date
    return PartialDate(date.year, MONTH_NAMES.index(month) + 1)


def _guard(rule: Rule, values: dict[str, str], block: Block) -> bool:
    if rule.guard == "elected_to_row_office":
        elected = fold(values.get("elected", ""))
        return bool(elected) and bool(block.office) and fold(block.office).startswith(elected)
    return True


def _render(template: str, values: dict[str, Any]) -> str | None:
    try:
        return template.format_map(values)
    except KeyError:
        return None


def _make(rule: Rule, values: dict[str, str], date: PartialDate | None,
          mention: Mention | None, ref: SourceRef, pos: int) -> list[Fact]:
    subject = _render(rule.subject, {**values, "year": f"{date.year:04d}" if date else ""})
    if subject is None:
        return []
    attrs: list[tuple[str, str]] = [("rule", rule.name)]
    if mention is not None and mention.start < 0:
        attrs.append(("dated_by", "table row"))
    if mention is not None and mention.last is not None and date is not None:
        attrs.append(("span", f"{date.human()}–{mention.last.human()}"))
    if rule.kind != "event":
        return _tenure_facts(rule, values, date, mention, ref, pos, attrs)
    text = _render(rule.text, values)
    if text is None:
        return []
    attrs += [("text", text), ("ends", rule.ends), ("scope", rule.scope),
              ("person", values.get("key", "")),
              ("office", values.get("title", "") or values.get("office", ""))]
    return [Fact("event", slug(subject), "date", _iso(date), ref, pos, attrs=tuple(attrs))]


def _tenure_facts(rule: Rule, values: dict[str, str], date: PartialDate | None,
                  mention: Mention | None, ref: SourceRef, pos: int,
                  attrs: list[tuple[str, str]]) -> list[Fact]:
    key = values["key"]
    office = _render(rule.value, values) or ""
    if rule.field == "range" and mention is not None:
        last = mention.last or date
        return [Fact("tenure", key, "start", _iso(date), ref, pos, attrs=tuple(attrs)),
                Fact("tenure", key, "end", _iso(last), ref, pos, attrs=tuple(attrs))]
    if rule.field in ("start", "end", "acting"):
        value = "true" if rule.field == "acting" else _iso(date)
        return [Fact("tenure", key, rule.field, value, ref, pos,
                     attrs=(*attrs, ("office", office)))]
    if rule.field == "end_reason":
        return [Fact("tenure", key, "end_reason", office, ref, pos,
                     attrs=(*attrs, ("date", _iso(date))))]
    return [Fact("tenure", key, rule.field, office, ref, pos, attrs=tuple(attrs))]


def _iso(date: PartialDate | None) -> str:
    return date.iso() if date else ""
