"""Multiple choice beyond "when": who held the office when something happened, who came before
or after whom, what a congress did, which title a person held. ("What was the office called in
1959?" is left to matching several years: alone, a teacher found it obscure, and any other
question naming the title with its years answered it.)

Each is a `MatchingQuestion` with one pair and two to four `extra_right` distractors (the
project's design for a "who/which" question): the prompt asks the question, the pair's `left`
is a short stem, its `right` the key. Distractors are plausible: people who held the office
near that time, titles the office really bore, what other congresses did.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import partial

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import MatchingPair, MatchingQuestion
from gensec_quiz.generation.context import Candidate, Context, Focus, question_id
from gensec_quiz.generation.explanations import (
    cited,
    event_detail,
    join_sentences,
    source_line,
    tenure_detail,
)
from gensec_quiz.generation.giveaways import early_records
from gensec_quiz.generation.matching_pairs import PairEntry
from gensec_quiz.generation.people import contemporaries
from gensec_quiz.generation.phrasing import end_reason_key, past_statement
from gensec_quiz.generation.witnesses import capitalised
from gensec_quiz.i18n import N_

# Multiple choice of this kind is asked at these difficulties.
LEVELS = (1, 2)
# Distractors per question: always three, so that every multiple choice has four choices
# as a date question does (the format allows two to four).
EXTRAS = 3
MIN_EXTRAS = 3


def choice_candidates(ctx: Context, lists: Mapping[str, Sequence[PairEntry]],
                      difficulty: int) -> list[Candidate]:
    """Every one-pair multiple-choice question the pair lists allow at this difficulty."""
    if difficulty not in LEVELS:
        return []
    makers: dict[str, Callable[[Context, PairEntry, Sequence[PairEntry]], _Choice | None]] = {
        "holder": _holder, "congress": _congress, "office": _office,
    }
    out = []
    early = early_records(ctx.records)
    for kind, make in makers.items():
        entries = lists.get(kind, [])
        for place in ctx.places(f"choice:{kind}", len(entries)):
            entry = entries[place]
            if kind == "office" and entry.basis[0].record in early:
                continue  # "Which title did Nikolay Krestinsky hold?": trivia, in every quiz
            found = make(ctx, entry, entries)
            made = None if found is None else _candidate(ctx, kind, entry, found, difficulty)
            if made is not None:
                out.append(made)
    successions = lists.get("successor", [])
    for place in ctx.places("choice:successor", len(successions)):
        entry = successions[place]
        for later in (True, False):
            found = _succession(ctx, entry, later=later)
            made = None if found is None else _candidate(
                ctx, "after" if later else "before", entry, found, difficulty)
            if made is not None:
                out.append(made)
    return out


def choice_order(question: MatchingQuestion) -> tuple[str, ...]:
    """The choices of a one-pair matching question in the order to show them: the wrong
    choices in their stored order, the key among them at the place that order stands for
    (`key_place`). `api.shuffle_choices` stores, from the set's seed, an order of wrong
    choices that stands for a place drawn from the seed: the key's place tells nothing and
    changes from one set to another, and a stored set always shows the same order."""
    extras = list(question.extra_right)
    place = key_place(extras)
    return (*extras[:place], question.pairs[0].right, *extras[place:])


def key_place(extras: Sequence[str]) -> int:
    """The key's place among `extras`, told by their order: the rank of that order among all
    orders of them (sorted), modulo the number of places."""
    ranked = sorted(itertools.permutations(sorted(extras)))
    return ranked.index(tuple(extras)) % (len(extras) + 1)


def ordered_for_place(extras: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """An order of `extras`, drawn from `rng`, that puts the key (`key_place`) at a place
    drawn from `rng` too: every place its orders can stand for equally likely (two wrong
    choices have two orders, so the key of a three-choice question is first or second)."""
    orders = sorted(itertools.permutations(sorted(extras)))
    by_place: dict[int, list[tuple[str, ...]]] = {}
    for order in orders:
        by_place.setdefault(key_place(order), []).append(order)
    place = rng.choice(sorted(by_place))
    return rng.choice(by_place[place])


class _Choice:
    """What a one-pair question needs besides its pair: the prompt, stem, key, distractors."""

    __slots__ = ("extras", "left", "prompt", "right", "shows", "teach")

    def __init__(self, prompt: str, left: str, right: str, extras: list[str],
                 teach: str | None = None, shows: frozenset[str] = frozenset()) -> None:
        self.prompt, self.left, self.right, self.extras = prompt, left, right, extras
        # The explanation's first sentence, when the pair's own would say too much.
        self.teach = teach
        # Facts its wrong choices tell ("Elected Molotov Responsible Secretary").
        self.shows = shows


def _holder(ctx: Context, entry: PairEntry, _entries: Sequence[PairEntry]) -> _Choice | None:
    event_record, tenure_record = (b.record for b in entry.basis)
    view = ctx.view(tenure_record)
    event = ctx.event(event_record)
    clause = past_statement(event.text)
    if clause is None:
        return None
    if not ctx.words.english:
        wording = ctx.words.event(event)
        if wording is None or not wording.said:
            return None  # no statement of it in the set's language
        clause = wording.said
    if view.office:
        prompt = ctx.tr("Who was {office} when {clause}?", office=view.office_phrase(),
                        clause=clause)
    else:
        prompt = ctx.tr("Who held the office when {clause}?", clause=clause)
    # Never one the prompt names ("... when Nikolai Podgorny became Chairman ...").
    extras = _people_near(ctx, tenure_record, {view.person, *ctx.people_in(event)},
                          event.date)
    if view.office:
        # At least two wrong choices who held that office too: "Who was General Secretary
        # when Article 6 was amended?" beside Ivashko, Yeltsin and Shenin had one answer a
        # learner could take seriously (a reviewer: trivial).
        held = {ctx.words.person(t.person) for t in ctx.records.tenures
                if ctx.view(t.id).office == view.office}
        if sum(1 for name in extras if name in held) < 2:
            return None
    # The pair's sentence (the date, who held the office) and one line of what came of it.
    teach = join_sentences(entry.teach(), _first_sentence(event_detail(ctx, event)))
    return _Choice(prompt, view.office_phrase(), view.name, extras, teach)


def _first_sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    head = _SENTENCE_END.split(text, maxsplit=1)[0]
    return head if head.endswith((".", "!", "?")) else head + "."


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _succession(ctx: Context, entry: PairEntry, *, later: bool) -> _Choice | None:
    """Who succeeded a person (later) or whom a person succeeded; never asked of someone
    who held the office twice unless the title tells which time."""
    first, then = (b.record for b in entry.basis)
    a, b = ctx.view(first), ctx.view(then)
    if a.tenure.acting or b.tenure.acting or (
            a.tenure.end is not None and a.tenure.end.month is None
            and b.tenure.start.month is not None):
        # An end known only by its year beside a start known to the day (Stasova, Technical
        # Secretary, "1917-1918"; Sverdlov from 8 March 1918) may overlap it: she served
        # beside Sverdlov, not before him.
        # And Ivashko's five days: every wrong choice (Brezhnev, Andropov, Chernenko) was
        # dead by 1991, so the question answers itself.
        return None
    asked, answer = (a, b) if later else (b, a)
    same = bool(a.office) and a.office == b.office
    if not same:
        # Molotov, Responsible Secretary, then Stalin, General Secretary: a new post was
        # created, no one succeeded anyone (and Sverdlov's chairmanship gave way to a new
        # post too).
        return None
    terms = _terms(ctx)
    if terms[(asked.person, "")] > 1 and not (same and terms[(asked.person,
                                                              asked.office or "")] == 1):
        return None
    if not later:
        prompt = ctx.tr("Who was {office} just before {person}?", office=b.office_phrase(),
                        person=b.name)
    else:
        prompt = ctx.tr("Who succeeded {person} as {office}?", person=a.name,
                        office=b.office_phrase())
    # People of the handover's time (Kosygin, Podgorny and Malenkov in 1964).
    extras = _people_near(ctx, answer.tenure.id, {a.person, b.person}, b.tenure.start)
    # Dated: a date question on the same start is never chosen beside it (the set's year
    # rule reads the explanation).
    if b.office and end_reason_key(a.tenure.end_reason) in _HOW_IT_ENDED:
        # What ended the tenure before, the context a bare "X succeeded Y" lacks.
        teach = ctx.tr(_HOW_IT_ENDED[end_reason_key(a.tenure.end_reason)], after=b.name,
                       before=a.name, office=b.office_phrase(),
                       **ctx.words.agreement(a.person))
    elif b.office:
        teach = ctx.tr("{after} succeeded {before} as {office}.", after=b.name,
                       before=a.name, office=b.office_phrase())
    else:
        teach = ctx.tr("{after} succeeded {before} in office.", after=b.name, before=a.name)
    # A sentence with its date after it, not a dated headline ("14 October 1964: After ...").
    teach = ctx.tr("{text} ({date}).", text=teach.rstrip(". "),
                   date=ctx.words.date(b.tenure.start))
    return _Choice(prompt, asked.name, answer.name, extras, teach)


# "Konstantin Chernenko succeeded Yuri Andropov as General Secretary" says no more than the
# key: how the tenure before ended is the explanation a teacher gives (no year: a date
# question may ask it).
_HOW_IT_ENDED: dict[str, str] = {
    "died": N_("After {before} died in office, {after} became {office}."),
    "removed": N_("After {before} was removed from office, {after} became {office}."),
    "resigned": N_("After {before} resigned, {after} became {office}."),
    "demoted": N_("{after} replaced {before} as {office}."),
}


def _terms(ctx: Context) -> Counter[tuple[str, str]]:
    """How many tenures each person held, in all ((person, "")) and per office."""
    found = ctx.fixed_counts.get("terms")
    if found is None:
        found = Counter()
        for tenure in ctx.records.tenures:
            found[(tenure.person, "")] += 1
            found[(tenure.person, ctx.view(tenure.id).office or "")] += 1
        ctx.fixed_counts["terms"] = found
    return found


def _office(ctx: Context, entry: PairEntry, _entries: Sequence[PairEntry]) -> _Choice | None:
    tenure = entry.basis[0].record
    view = ctx.view(tenure)
    if _terms(ctx)[(view.person, "")] > 1 or view.office is None:
        return None  # "Which title did Stasova hold?" has two answers
    if view.office == _usual_title(ctx):
        return None  # "Which title did Gorbachev hold?" is answered by the quiz's own name
    prompt = ctx.tr("Which title did {person} hold?", person=view.name,
                    **ctx.words.agreement(view.person))
    # The years of it, and what the title meant when the records tell it ("The humbler
    # title was meant to show that the party would be led collectively ...").
    start = ctx.fact(tenure, "start")
    detail = tenure_detail(ctx, start) if start is not None else ""
    return _Choice(prompt, view.name, entry.right_text(),
                   [_title_text(ctx, t) for t in _titles(ctx, entry.right,
                                                         also=entry.also_right)],
                   teach=join_sentences(entry.teach(), detail) if detail else None)


def _title_text(ctx: Context, title: str) -> str:
    """A title as a choice in the set's language ("Premier secrétaire")."""
    return title if ctx.words.english else capitalised(ctx.words.office(title))


def _usual_title(ctx: Context) -> str:
    """The title most tenures were held under ("General Secretary")."""
    found = ctx.fixed.get("\x00usual title")
    if found is None:
        titles = Counter(ctx.view(t.id).office or "" for t in ctx.records.tenures)
        found = ctx.fixed["\x00usual title"] = max(
            sorted(titles), key=lambda t: titles[t]) if titles else ""
    return found


def _congress(ctx: Context, entry: PairEntry, entries: Sequence[PairEntry]) -> _Choice | None:
    left = entry.left_text()
    prompt = ctx.tr("What did {congress} do?", congress=left[:1].lower() + left[1:])
    place = entries.index(entry)
    nearest = sorted(range(len(entries)), key=lambda i: (abs(i - place), i))
    acts = [_act(entries[i].right) if ctx.words.english
            else ctx.tr("It {did}", did=entries[i].right_text()) for i in nearest]
    key = acts[0]
    if key is None:
        return None
    extras = list(dict.fromkeys(a for a in acts[1:] if a is not None and a != key))[:EXTRAS]
    shows = frozenset(b.key() for i, act in zip(nearest, acts, strict=True) if act in extras
                      for b in entries[i].basis)
    return _Choice(prompt, left, key, extras, shows=shows)


def _act(did: str) -> str | None:
    """What a congress did, as a choice in the past tense: "bans factions within the party"
    -> "Banned factions within the party" (English grammar: a set in another language takes
    its congresses' acts from the records' wording in that language)."""
    past = past_statement(f"It {did}")
    if past is None or not past.lower().startswith("it "):
        return None
    act = past[3:]
    return act[:1].upper() + act[1:]


def _people_near(ctx: Context, tenure: str, leave_out: set[str],
                 when: PartialDate | None = None) -> list[str]:
    """People of the time `when` (by default, when this tenure began: `people.contemporaries`),
    then those who took
    office nearest in time to it (before and after it), never one
    of `leave_out`: the same era, so none is ruled out by the century alone."""
    starts = ctx.start_facts
    place = ctx.start_places.get(tenure)
    if place is None:
        return []
    # Contemporaries first (Kosygin and Podgorny beside Brezhnev in 1964), then, where the
    # records name too few, the officeholders nearest in time.
    found = contemporaries(ctx, when or starts[place].date, leave_out)[:EXTRAS]
    # Nearest in years, not in rank: beside Khrushchev (1953) Andropov (1982) and Chernenko
    # rather than Molotov and Krestinsky, who never led the party after 1922 (the starts are
    # in date order, so the nearest in years are among the nearest in place).
    year = starts[place].date.year
    order = sorted(nearest(place, len(starts), 40),
                   key=lambda i: (abs(starts[i].date.year - year), abs(i - place), i))
    for index in order:
        if len(found) == EXTRAS:
            break
        person = ctx.view(starts[index].record).person
        if person not in leave_out and person not in found:
            found.append(person)
        if len(found) == EXTRAS:
            break
    return [ctx.words.person(p) for p in found]


def nearest(place: int, count: int, limit: int) -> list[int]:
    """Up to `limit` indexes of a list of `count` by their distance from `place`, the earlier
    first among equals (what sorting them all by `(abs(i - place), i)` gives, without the
    sort)."""
    found = [place] if 0 <= place < count and limit > 0 else []
    distance = 1
    while len(found) < limit and (place - distance >= 0 or place + distance < count):
        for index in (place - distance, place + distance):
            if 0 <= index < count and len(found) < limit:
                found.append(index)
        distance += 1
    return found


def _titles(ctx: Context, right: str, also: frozenset[str] = frozenset()) -> list[str]:
    """Other titles the office really bore (nearest in time first)."""
    names = list(dict.fromkeys(o.name for o in sorted(ctx.records.offices,
                                                      key=lambda o: o.start.sort_key())))
    if right not in names:
        return []
    place = names.index(right)
    order = sorted(range(len(names)), key=lambda i: (abs(i - place), i))
    return [names[i] for i in order if names[i] != right and names[i] not in also][:EXTRAS]


def _candidate(ctx: Context, kind: str, entry: PairEntry, choice: _Choice,
               difficulty: int) -> Candidate | None:
    if len(choice.extras) < MIN_EXTRAS:
        return None
    keys = [b.key() for b in entry.basis]
    qid = question_id("matching", f"choice:{kind}", [*keys, "|", *choice.extras])
    # The key's place is drawn from the id (the set's seed draws it again: `choice_order`).
    extras = ordered_for_place(choice.extras, random.Random(qid))
    build = partial(_build, ctx, entry, choice, extras, difficulty, qid)
    focus: Focus = "history" if kind in ("title-in-year", "congress") else "people"
    # For variety: at most a few of one kind in a quiz (before and after are one kind).
    topic = "choice:" + {"before": "successor", "after": "successor"}.get(kind, kind)
    asks = entry.asked()
    orders: frozenset[str] = frozenset()
    if kind in ("after", "before"):
        # Who came before or after whom tells the order of two starts, not their dates: no
        # order or matching beside it rests on both, and a date question may ask either.
        asks = frozenset({f"{entry.basis[0].record}.next"})
        orders = frozenset(keys)
    shown = entry.shown | choice.shows
    if kind in ("after", "before"):
        # Its prompt or explanation names the offices ("as General Secretary").
        shown = shown | frozenset().union(*(ctx.office_shows(ctx.view(b.record))
                                            for b in entry.basis))
    # "What was the office called in 1956?" names a year: no date question beside it may
    # answer 1956 (the 20th Congress), as no two date questions share a year.
    named = int(entry.left) if kind == "title-in-year" and entry.left.isdigit() else None
    return ctx.candidate(qid, "matching", asks, shown, build, focus,
                         topic=topic, year=named, rated=frozenset(keys), orders=orders,
                         answer=choice.right)


def _build(ctx: Context, entry: PairEntry, choice: _Choice, extras: tuple[str, ...],
           difficulty: int, qid: str) -> MatchingQuestion:
    sources = cited(entry.sources)
    if choice.teach is not None:
        teach = choice.teach
    else:
        teach = ctx.teachings.get(entry.teach) or entry.teach()
        ctx.teachings[entry.teach] = teach
    return MatchingQuestion(
        id=qid,
        prompt=choice.prompt,
        explanation=join_sentences(teach, source_line(ctx, sources)),
        difficulty=difficulty,
        sources=sources,
        basis=entry.basis,
        pairs=(MatchingPair(choice.left, choice.right, entry.basis),),
        extra_right=extras,
    )


def is_choice(question: object) -> bool:
    """True for a one-pair matching question, which is shown and printed as multiple choice."""
    return isinstance(question, MatchingQuestion) and len(question.pairs) == 1

