"""What a question shows a learner, read from its written-out text, for the check that no
question of a set names the year another one asks ("The order: ... Molotov (March 1921)"
beside "In what year was Molotov elected Responsible Secretary?")."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.domain.records import Event, RecordSet, Tenure
from gensec_quiz.generation.context import Candidate
from gensec_quiz.generation.phrasing import kind_of
from gensec_quiz.generation.witnesses import partisan_alone

_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")


@dataclass(frozen=True, slots=True)
class Sight:
    """`asks`: the years its answer names (a date question's year, the years a matching
    pairs its left texts with); `shows`: every year its prompt, items, pairs and explanation
    name."""

    asks: frozenset[int]
    shows: frozenset[int]


def visible_texts(question: Question, *, explanation: bool = True) -> Iterator[str]:
    """Every text a learner reads in the question, before or after answering it (without
    the explanation if not `explanation`). Wrong choices are left out: a year offered among
    four tells nothing of which question it answers."""
    yield question.prompt
    if explanation:
        yield question.explanation
    if isinstance(question, OrderingQuestion):
        yield from (item.text for item in question.items)
    elif isinstance(question, MatchingQuestion):
        for pair in question.pairs:
            yield pair.left
            yield pair.right


def years_named(text: str) -> set[int]:
    return {int(found) for found in _YEAR.findall(text)}


def asked_years(question: Question) -> frozenset[int]:
    """The years its answer names: a date question's year (not a number of years), the
    years a matching pairs its left texts with ("Lenin dies" -> 1924)."""
    if isinstance(question, DateQuestion) and question.measure == "date":
        return frozenset({question.answer.year})
    if isinstance(question, MatchingQuestion):
        return frozenset(y for p in question.pairs for y in years_named(p.right)
                         if str(y) == p.right.strip())
    return frozenset()


def sight_of_question(question: Question) -> Sight:
    """What the question shows, its explanation included: an order's explanation dates every
    item, a matching's its terms ("... Responsible Secretary from 1919 to 1921."), so each is
    chosen only beside questions that ask none of those years (never written without them)."""
    shows: set[int] = set()
    for text in visible_texts(question):
        shows |= years_named(text)
    return Sight(asked_years(question), frozenset(shows))


_DATED = re.compile(r" \([^()]*?(?<!\d)(\d{4})\)")
_TERM = re.compile(r" from (?<!\d)\d{4} to \d{4}(?!\d)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# Sentences, and the items an order's explanation lists ("The order: a (1953); b (1964)").
_CLAUSE = re.compile(r"(?<=[.!?;])\s+")


def without_years(question: Question, years: frozenset[int]) -> Question:
    """An order whose explanation dates an item in one of `years` (asked by another question
    of the set) with its dates and date notes left out ("The order: Lenin dies; ..."), a
    matching with its term years left out ("Nikolay Krestinsky was Responsible Secretary.")."""
    if years.isdisjoint(years_named(question.explanation)):
        return question
    if isinstance(question, MatchingQuestion):
        terms = " ".join(_TERM.findall(question.explanation))
        if years.isdisjoint(years_named(terms)):
            return question
        return dataclasses.replace(question, explanation=_TERM.sub("", question.explanation))
    if not isinstance(question, OrderingQuestion):
        return question
    text = _DATED.sub("", question.explanation)
    kept = [s for s in _SENTENCE.split(text) if years.isdisjoint(years_named(s))]
    return dataclasses.replace(question, explanation=" ".join(kept))


def hiding_years(build: Callable[[], Question], years: frozenset[int]) -> Question:
    return without_years(build(), years)


def set_free(chosen: list[Candidate]) -> list[Candidate]:
    """The chosen candidates as they are: an order's or a matching's explanation keeps its
    dates, since the selection chose it clear of every year another question asks (a
    question is the same in every set that has it)."""
    return chosen


def sight_of(candidate: Candidate) -> Sight:
    """The candidate written out and read (the build is what a learner would see)."""
    return sight_of_question(candidate.build())


def give_aways(questions: list[Question]) -> list[tuple[int, int, int]]:
    """(asking question, showing question, year) for every year a question's answer names
    (a date question's, a matching's years) that another question of the same list names:
    each should be empty for a generated set."""
    sights = [sight_of_question(q) for q in questions]
    found = []
    for i, asking in enumerate(sights):
        for j, showing in enumerate(sights):
            if i != j:
                found += [(i, j, year) for year in sorted(asking.asks & showing.shows)]
    return found


def early_records(records: RecordSet) -> frozenset[str]:
    """The records on the office's precursors: everything dated before the office first took
    its lasting title (the name of its last period: General Secretary, 1922). Empty when the
    records name no offices (a teacher's list of presidents)."""
    offices = sorted(records.offices, key=lambda o: o.start.sort_key())
    if not offices:
        return frozenset()
    lasting = offices[-1].name
    since = next(o.start.year for o in offices if o.name == lasting)
    dated: Mapping[str, int] = {
        **{str(t.id): t.start.year for t in records.tenures},
        **{str(e.id): e.date.year for e in records.events},
        **{str(o.id): o.start.year for o in records.offices},
    }
    return frozenset(record for record, year in dated.items() if year < since)


# ------------------------------------------------------------ elimination through other questions

_WORD = re.compile(r"\w+")
_ORDINAL = re.compile(r"(?<!\w)(\d{1,2}(?:st|nd|rd|th|e|er))(?!\w)", re.IGNORECASE)
_STEM = 5
# Words every question on the office uses: they tie nothing to anything.
_COMMON = frozenset({
    "which", "where", "whose", "there", "their", "these", "those", "about", "after", "before",
    "became", "become", "becomes", "being", "secretary", "general", "first", "party",
    "congress", "office", "communist", "soviet", "union", "title", "titles", "years", "people",
    "person", "event", "events", "match", "order", "earliest", "latest", "happened", "still",
    "until", "while", "during", "secrétaire", "général", "générale", "premier", "parti",
    "congrès", "fonction", "communiste", "soviétique", "quelle", "quels", "quelles", "était",
    "étaient", "avant", "après", "titre", "année", "années", "devenu", "devint", "lorsque",
    "pendant",
})
# Last words that make a capitalised phrase a title rather than a person.
_TITLE_WORDS = frozenset({"secretary", "secretariat", "secrétaire", "secrétariat"})
_ROMAN = re.compile(r"[ivxl]+")


@dataclass(frozen=True, slots=True)
class Mark:
    """How another question would state one choice or pair as fact: a sentence holding every
    one of `needs` and (when `any` is not empty) `least` of `any` ("Khrushchev" with two
    words of "Who denounced Stalin's cult of personality?": not every sentence naming him
    and Stalin)."""

    needs: tuple[str, ...]
    any: tuple[str, ...] = ()
    least: int = 1

    def told_in(self, sentence: str) -> bool:
        return all(n in sentence for n in self.needs) and (
            not self.any or sum(1 for a in self.any if a in sentence) >= self.least)


@dataclass(frozen=True, slots=True)
class Telling:
    """What a question states as fact once answered (`sentences`: its prompt with its key,
    its items, pairs and explanation, each a normalised sentence) and, for a multiple choice
    or a matching, the marks by which another question would state its key (or one of its
    pairs: `keys`) or its wrong choices (`wrong`)."""

    sentences: tuple[str, ...]
    keys: tuple[Mark, ...] = ()
    wrong: tuple[Mark, ...] = ()


def _normal(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def _name_like(text: str) -> bool:
    words = text.replace("-", " ").split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(
        w.strip(".,;:!?") != w for w in words)


def _marks(text: str, titles: frozenset[str]) -> tuple[set[str], bool]:
    """The tokens (padded with spaces) that name what `text` is ("19th", a year, a title, a
    surname), and whether one is a person's surname."""
    found = {f" {o.lower()} " for o in _ORDINAL.findall(text)}
    found |= {f" {y} " for y in years_named(text)}
    low = _normal(text)
    found |= {f" {t} " for t in titles if f" {t} " in low}
    head = text.split(",", 1)[0].strip()
    person = False
    if _name_like(head):
        words = head.lower().split()
        if words[-1] in _TITLE_WORDS:
            found.add(_normal(head))
        else:
            # A surname, or a name with its regnal number ("George IV", not "IV").
            found.add(_normal(" ".join(words[-2:])) if _ROMAN.fullmatch(words[-1])
                      else f" {words[-1]} ")
            person = True
    return found, person


def _stems(prompt: str, choices: list[str], titles: frozenset[str]) -> tuple[str, ...]:
    """The words of a multiple choice's prompt that tie a choice to what it asks (" banne",
    " khrus"): not the choices' own words, not the office's titles ("Monarch of the United
    Kingdom" is in every question on it), not the words every question uses."""
    own = {w for c in choices for w in _WORD.findall(c.lower())}
    own |= {w for t in titles for w in _WORD.findall(t)}
    return tuple(sorted({f" {w[:_STEM]}" for w in _WORD.findall(prompt.lower())
                         if len(w) >= 5 and not w.isdigit() and w not in _COMMON
                         and w not in own}))


def _choice_mark(choice: str, prompt: str, choices: list[str], titles: frozenset[str]
                 ) -> Mark | None:
    needs, person = _marks(choice, titles)
    if not needs:
        return None  # "Was removed from office.": no word of its own to find elsewhere
    ordinal_only = all(_ORDINAL.fullmatch(n.strip()) for n in needs)
    if ordinal_only:
        return Mark(tuple(sorted(needs)))  # a congress named elsewhere is named with its act
    tied = _stems(prompt, choices, titles)
    if not tied and person:
        return None
    return Mark(tuple(sorted(needs)), tied, min(2, len(tied)))


def _about(person: str, choices: list[str]) -> bool:
    """Whether every choice names the person (by surname): "Andropov died in office."."""
    surname = person.split()[-1].lower() if person.split() else ""
    return bool(surname) and all(surname in c.lower() for c in choices)


def _is_sentence(choice: str) -> bool:
    return choice.rstrip().endswith(".") and len(choice.split()) >= 3


def _sentence_mark(choice: str, titles: frozenset[str]) -> Mark | None:
    """A choice that is a whole event ("A new constitution made the CPSU the leading force of
    Soviet society.") is stated by a sentence holding two thirds of its own words (their
    stems: "makes" and "made" differ, "const" does not), the office's titles and the words
    every question uses left out; a numbered congress by its number."""
    ordinals = {f" {o.lower()} " for o in _ORDINAL.findall(choice)}
    if ordinals:
        return Mark(tuple(sorted(ordinals)))  # "The 23rd Party Congress ...": told by "23rd"
    own = {w for t in titles for w in _WORD.findall(t)}
    stems = sorted({f" {w[:_STEM]}" for w in _WORD.findall(choice.lower())
                    if len(w) >= 5 and not w.isdigit() and w not in _COMMON and w not in own})
    if len(stems) < 2:
        return None
    return Mark((), tuple(stems), -(-len(stems) * 2 // 3))


def _pair_mark(left: str, right: str, titles: frozenset[str]) -> Mark | None:
    """A pair is stated when one sentence names both sides: "Khrushchev ... First Secretary";
    a year beside a title within a year of it (the Responsible Secretary "1919-1921")."""
    sides = []
    person = False
    for text in (left, right):
        found, named = _marks(text, titles)
        if not found:
            return None
        sides.append(found)
        person = person or named
    years = [y for y in years_named(left + " " + right) if f" {y} " in sides[0] | sides[1]]
    needs = (sides[0] | sides[1]) - {f" {y} " for y in years}
    if not needs:
        return None
    # The office bore a title for years: a neighbouring year beside it tells the pair too; a
    # person's year is told by that year only (his death a year later tells nothing of it).
    title = any(n.strip().split()[-1] in _TITLE_WORDS for n in needs)
    spread = (-1, 0, 1) if title and not person else (0,)
    near = tuple(sorted({f" {y + d} " for y in years for d in spread}))
    return Mark(tuple(sorted(needs)), near)


def telling_of(question: Question, titles: frozenset[str] = frozenset()) -> Telling:
    """What `question` states and what would give it away (`gives_away`). `titles` are the
    office's names, lower-case."""
    sentences: list[str] = []
    keys: list[Mark] = []
    wrong: list[Mark] = []
    for text in _CLAUSE.split(question.explanation):
        sentences.append(_normal(text))
    if isinstance(question, OrderingQuestion):
        sentences += [_normal(item.text) for item in question.items]
    elif isinstance(question, DateQuestion):
        sentences.append(_normal(f"{question.prompt} {question.answer.year}"))
    elif isinstance(question, MatchingQuestion):
        if len(question.pairs) == 1 and question.extra_right:
            pair = question.pairs[0]
            sentences.append(_normal(f"{question.prompt} {pair.left} {pair.right}"))
            choices = [pair.right, *question.extra_right]
            if all(_is_sentence(c) for c in choices) and not _about(pair.left, choices):
                # "Which of these happened while Gorbachev was General Secretary?": a choice
                # is stated wherever its event is told. ("How did Andropov's time end?" names
                # him in every choice: the one-tenure rule keeps his end out of the others.)
                keys += [m for m in [_sentence_mark(pair.right, titles)] if m is not None]
                wrong += [m for m in (_sentence_mark(c, titles) for c in question.extra_right)
                          if m is not None]
                # Its wrong choices happened too (at other times), told word for word: "Who
                # banned the Communist Party in Russia by decree?" is answered by the choice
                # "Boris Yeltsin banned the Communist Party in Russia by decree."
                sentences += [_normal(c) for c in question.extra_right]
                return Telling(tuple(sentences), tuple(keys), tuple(wrong))
            key = _choice_mark(pair.right, question.prompt, choices, titles)
            keys += [key] if key is not None else []
            for extra in question.extra_right:
                mark = _choice_mark(extra, question.prompt, choices, titles)
                wrong += [mark] if mark is not None else []
        else:
            sentences.append(_normal(question.prompt))
            for pair in question.pairs:
                sentences.append(_normal(f"{pair.left} {pair.right}"))
                mark = _pair_mark(pair.left, pair.right, titles)
                keys += [mark] if mark is not None else []
    return Telling(tuple(sentences), tuple(keys), tuple(wrong))


def told(asking: Telling, telling: Telling) -> tuple[bool, frozenset[int]]:
    """Whether `telling` states `asking`'s key (or one of its pairs), and which of its wrong
    choices (by place in `asking.wrong`) it states."""
    sentences = telling.sentences
    key = any(mark.told_in(s) for mark in asking.keys for s in sentences)
    wrong = frozenset(i for i, mark in enumerate(asking.wrong)
                      if any(mark.told_in(s) for s in sentences))
    return key, wrong


def gives_away(asking: Telling, *telling: Telling) -> bool:
    """True when the `telling` questions state `asking`'s key (or one of its pairs), or two
    or more of its wrong choices between them, as fact: the learner answers `asking` by
    elimination ("Which Party Congress abolished the office?" beside orders that have the
    20th and the 23rd Congress doing something else)."""
    wrong: set[int] = set()
    for other in telling:
        key, found = told(asking, other)
        if key:
            return True
        wrong |= found
    return len(wrong) >= 2


# ------------------------------------------------------------ what the set-level rules read


# Dated facts this many days apart or closer are one moment (`SetFacts.moments`).
MOMENT_DAYS = 10


def _moments(records: RecordSet) -> dict[str, str]:
    """Each dated fact's moment: the first fact of its run of facts each within MOMENT_DAYS
    of the one before (dates known to the month or day), or its year (known to the year)."""
    dated: list[tuple[str, PartialDate]] = [(f"{e.id}.date", e.date) for e in records.events]
    for tenure in records.tenures:
        dated.append((f"{tenure.id}.start", tenure.start))
        if tenure.end is not None:
            dated.append((f"{tenure.id}.end", tenure.end))
    found: dict[str, str] = {}
    # (earliest day, key, latest day) of each date known to the month or day, by day.
    fine = sorted((d.earliest(), k, d.latest()) for k, d in dated if d.month is not None)
    run, last = "", None
    for earliest, key, latest in fine:
        if last is None or (earliest - last).days > MOMENT_DAYS:
            run = key
        found[key] = run
        last = latest if last is None or latest > last else last
    for key, date in dated:
        if date.month is None:
            found[key] = f"year:{date.year}"
    return found


def on_the_title(event: Event) -> bool:
    """True when the event is a turn of the office's name (created, dropped, restored,
    renamed; "no longer formally titled")."""
    return kind_of(event) == "office" or bool(_ON_THE_TITLE.search(event.text))


def context_events(records: RecordSet) -> frozenset[str]:
    """The events never asked, ordered or matched, only placed in a leader's time: those the
    records call `context`, and those only a partisan witness dates (ProleWiki alone)."""
    found = set()
    for event in records.events:
        dated = [r for r in event.sources if not r.supports or "date" in r.supports]
        if event.standing == "context" or partisan_alone(records, dated):
            found.add(str(event.id))
    return frozenset(found)

# A tenure of an office whose name was last used before this year is a detail (secondary):
# the 1917-1922 Secretariat's workings, not what a class learns about the office.
SECONDARY_BEFORE = 1923
# Successive tenures of one person closer than this (in days) are one story (a renaming).
STORY_GAP = 31
# An event about the office's title ("is no longer formally titled General Secretary").
_ON_THE_TITLE = re.compile(r"\btitle", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SetFacts:
    """What the set-level rules read of the records, by record id: `standing` ("core" when
    not named: "secondary", "context"); `stories` (each tenure's story: one person's tenure,
    or tenures continued by a renaming, Brezhnev's as First then General Secretary; one
    question of a set at most rests on it); `titles` (the office's names, lower-case,
    in English and in the set's language, for the elimination check)."""

    standing: Mapping[str, str]
    stories: Mapping[str, str]
    titles: frozenset[str] = frozenset()
    # The year of each dated fact ("event-1991-coup.date": 1991), for the rule that no year
    # carries more than YEAR_CAP questions of a set.
    years: Mapping[str, int] = dataclasses.field(default_factory=dict)
    # The records on the office's own name (its titles, the turns that created, dropped,
    # restored or renamed it, the tenures of its 1917-1922 titles): one question of a set at
    # most rests on them, since each tells the others (the 19th Congress dropping the title
    # rules it out of "Which Party Congress restored the title?"; "Responsible Secretary,
    # 1919" narrows "When was Krestinsky replaced as Responsible Secretary?").
    titled: frozenset[str] = frozenset()
    # The moment of each dated fact: facts within MOMENT_DAYS of each other (Andropov dies on
    # 9 February 1984, Chernenko is elected on the 13th), or of one year when only the year is
    # known (the presidency and Article 6, 1990), are one point in time: two orders that
    # share two moments are one order told twice, the first settling the second.
    moments: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, records: RecordSet, titles: frozenset[str] = frozenset()) -> SetFacts:
        standing: dict[str, str] = {
            str(e.id): e.standing for e in records.events if e.standing != "core"}
        for event in context_events(records):
            standing[event] = "context"  # not asked of pupils on ProleWiki's word
        periods = sorted(records.offices, key=lambda o: o.start.sort_key())
        last_used: dict[str, int] = {}
        for number, office in enumerate(periods):
            end = office.end or (periods[number + 1].start if number + 1 < len(periods)
                                 else None)
            last_used[office.name] = 10_000 if end is None else end.year
        for tenure in records.tenures:
            if last_used.get(tenure.office, 10_000) < SECONDARY_BEFORE:
                standing[str(tenure.id)] = "secondary"
        stories: dict[str, str] = {}
        last: dict[str, Tenure] = {}
        for tenure in sorted(records.tenures, key=lambda t: t.start.sort_key()):
            before = last.get(tenure.person)
            story = str(tenure.id)
            if before is not None and before.end is not None and 0 <= (
                    tenure.start.earliest() - before.end.latest()).days <= STORY_GAP:
                story = stories[str(before.id)]  # Brezhnev, First then General Secretary
            stories[str(tenure.id)] = story
            last[tenure.person] = tenure
        names = {o.name.lower() for o in records.offices}
        titled = {str(o.id) for o in records.offices} | {
            str(e.id) for e in records.events if on_the_title(e)} | {
            str(t.id) for t in records.tenures
            if last_used.get(t.office, 10_000) < SECONDARY_BEFORE}
        years: dict[str, int] = {f"{e.id}.date": e.date.year for e in records.events}
        for tenure in records.tenures:
            years[f"{tenure.id}.start"] = tenure.start.year
            if tenure.end is not None:
                years[f"{tenure.id}.end"] = tenure.end.year
        return cls(standing, stories, frozenset(names | titles), years, frozenset(titled),
                   _moments(records))
