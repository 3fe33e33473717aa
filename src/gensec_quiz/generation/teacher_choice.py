"""Multiple choice a history teacher writes from the records beyond "when" and "who":

- how a tenure ended ("How did Nikita Khrushchev's time as First Secretary end?": he died in
  office, he was removed, he resigned, the office was abolished, renamed, the party
  suspended), from each tenure's `end_reason`;
- who did what an event tells ("Who banned the Communist Party in Russia by decree?": Boris
  Yeltsin), people of the same years as choices;
- at which party congress something happened ("At which Party Congress did Khrushchev
  denounce Stalin's cult of personality?"), the records' other congresses as choices,
  nearest first.

Each is a one-pair `MatchingQuestion` with three `extra_right` distractors (the project's
design for multiple choice). Both are asked at every difficulty: at difficulty 3 the
congresses offered are the nearest ones only (the same rule, which there gives the closest
ordinals) and the ends of tenure are the same four plausible ways out of office.
"""

from __future__ import annotations

import random
import re
import zlib
from functools import partial

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import MatchingPair, MatchingQuestion
from gensec_quiz.domain.records import Event
from gensec_quiz.generation.choice import _terms
from gensec_quiz.generation.context import Candidate, Context, question_id
from gensec_quiz.generation.during import during_candidates
from gensec_quiz.generation.explanations import (
    at_date,
    cited,
    ending_when,
    event_detail,
    event_past,
    join_sentences,
    source_line,
    tenure_detail,
)
from gensec_quiz.generation.facts import DatedFact
from gensec_quiz.generation.giveaways import early_records
from gensec_quiz.generation.labels import bare, sentence
from gensec_quiz.generation.people import contemporaries
from gensec_quiz.generation.phrasing import (
    end_reason_key,
    headline_clause,
    is_judgement,
    past_statement,
    past_verb,
)
from gensec_quiz.generation.witnesses import capitalised
from gensec_quiz.generation.wording import ENGLISH, Wording
from gensec_quiz.i18n import N_

EXTRAS = 3
ENDINGS_WEIGHED = 40
# An ending that befell the office (abolished, renamed, the party suspended) is a plausible
# wrong choice only for a tenure that ended within this many years of it.
NEAR_YEARS = 5
# "Stalin died in office" is no wrong choice for his time as General Secretary (1952): he
# died, still the leader, five months later. A death this close to a tenure's end is a trap.
DEATH_TRAP_YEARS = 2

# How a time in office ended, as a full sentence with the person's surname (the records tell
# no gender; the surname reads well for every officeholder). Its key in `ENDINGS` is the
# tenure's own; the wrong choices are the other ways THAT tenure could have ended.
ENDINGS: dict[str, str] = {
    "died": N_("{surname} died in office."),
    "removed": N_("{surname} was removed from office by the Central Committee."),
    "resigned": N_("{surname} resigned from the post."),
    "abolished": N_("{surname} lost the title when the office was abolished."),
    "renamed": N_("{surname} kept the post, but under a new title."),
    "suspended": N_("{surname} lost the post when the party's activities were suspended."),
}
_PERSONAL = ("died", "removed", "resigned")
_INSTITUTIONAL = frozenset({"abolished", "renamed", "suspended"})

_CONGRESS = re.compile(r"\b(\d+)(?:st|nd|rd|th) Party Congress\b")
_AT_CONGRESS = re.compile(r"\s+at the \d+(?:st|nd|rd|th) Party Congress$")
_CONGRESS_SUBJECT = re.compile(r"^[Tt]he \d+(?:st|nd|rd|th) Party Congress\s+")


def teacher_choice_candidates(ctx: Context, difficulty: int) -> list[Candidate]:
    """Every "how did it end" and "at which congress" question the records allow."""
    return (_ending_candidates(ctx, difficulty) + _congress_candidates(ctx, difficulty)
            + _who_candidates(ctx, difficulty) + during_candidates(ctx, difficulty))


def _ending_candidates(ctx: Context, difficulty: int) -> list[Candidate]:
    out = []
    early = early_records(ctx.records)
    tenures = ctx.records.tenures
    deaths = _deaths(ctx)
    # When each ending that befell the office happened (Stalin's title abolished in 1952,
    # Brezhnev's renamed in 1966, the party suspended in 1991).
    befell = [(how, t.end.year) for t in tenures if t.end is not None
              and (how := end_reason_key(t.end_reason)) in _INSTITUTIONAL]
    # A few dozen at most: one kind of multiple choice is at most a fifth of a quiz, and on a
    # long list each end weighed costs the comparisons of its year's facts.
    # Which they are is told by each tenure's id, not by its place in a sample, so that a
    # sampled quiz weighs only endings the whole enumeration weighs too.
    every = -(-len(tenures) // ENDINGS_WEIGHED) or 1
    for place in ctx.places("choice:ending", len(tenures)):
        tenure = tenures[place]
        if every > 1 and zlib.crc32(tenure.id.encode()) % every:
            continue
        how = end_reason_key(tenure.end_reason)
        if how not in ENDINGS or tenure.id in early or tenure.acting:
            continue  # (an acting holder's five days are trivia, not how a leader went)
        if how in ("renamed", "abolished"):
            # Brezhnev as First Secretary (1966): he went on in the same office under a new
            # title, so "how did it end?" is a trick, and "he died in office" is true of it.
            # Stalin (1952): the title was dropped, but he stayed the party's top secretary
            # until he died; "the office was abolished" reads as the whole truth, and is not.
            continue
        end = ctx.fact(tenure.id, "end")
        if end is None or tenure.end is None:
            continue
        view = ctx.view(tenure.id)
        if view.office is None and _terms(ctx)[(tenure.person, "")] > 1:
            continue  # "How did Brezhnev's time in office end?" would have two answers
        others = _ending_extras(how, tenure.end.year, deaths.get(ctx.words.person(
            tenure.person)), befell)
        if len(others) < EXTRAS:
            continue  # four choices as every multiple choice has (not "died, removed or
            # resigned" alone: three choices read as a weaker question)
        extras = [ending_choice(k, tenure.person, ctx.words) for k in others]
        key = ending_choice(how, tenure.person, ctx.words)
        qid = question_id("matching", "choice:ending", [end.key, "|", *others])
        shuffled = list(extras)
        random.Random(qid).shuffle(shuffled)
        build = partial(_build_ending, ctx, end, key, tuple(shuffled), difficulty, qid)
        shows = ctx.office_shows(view)
        # Two endings of one kind in a quiz ("X died in office", "Y died in office") read as
        # one question asked twice: the kind of ending is the answer the rule compares.
        out.append(ctx.candidate(qid, "matching", frozenset({end.key}), shows, build,
                                 "people", topic="choice:ending", answer=f"ending:{how}"))
    return out


def ending_choice(how: str, person: str, words: Wording = ENGLISH) -> str:
    """One way out of office as a choice: "Khrushchev was removed from office by the Central
    Committee." (`how` a key of `ENDINGS`, `person` the records' full name)."""
    return words.tr(ENDINGS[how], surname=words.person(person).split()[-1],
                    **words.agreement(person))


def _ending_extras(how: str, year: int, death: PartialDate | None,
                   befell: list[tuple[str, int]]) -> list[str]:
    """The other ways that could have ended a tenure ending in `year`: the personal fates
    (died, removed, resigned; never a death that came soon after anyway), then the office's
    fates of the same era, nearest first; at most `EXTRAS`."""
    out = [k for k in _PERSONAL if k != how
           and not (k == "died" and death is not None and 0 <= death.year - year
                    <= DEATH_TRAP_YEARS)]
    near = sorted((abs(when - year), what) for what, when in befell
                  if what != how and abs(when - year) <= NEAR_YEARS)
    for _, what in near:
        if what not in out:
            out.append(what)
    return out[:EXTRAS]


def _build_ending(ctx: Context, end: DatedFact, key: str, extras: tuple[str, ...],
                  difficulty: int, qid: str) -> MatchingQuestion:
    view = ctx.view(end.record)
    office = view.office_phrase()
    prompt = ctx.tr("How did {person}'s time as {office} end?", person=view.name,
                    office=office, **ctx.words.agreement(view.person))
    detail = tenure_detail(ctx, end)
    sources = cited(end.sources)
    # The answer as a sentence with its subject ("Andropov died in office."), what came of it,
    # and who followed unless the detail names him. With its date: the set's year rules (which
    # read explanations) keep a date question on that year out of the set.
    said = capitalised(sentence(f"{bare(key)} {at_date(end.date, ctx.words)}"))
    explanation = join_sentences(said, detail, ending_when(ctx, end, told=detail),
                                 source_line(ctx, sources))
    return MatchingQuestion(
        id=qid, prompt=prompt, explanation=explanation, difficulty=difficulty,
        sources=sources, basis=(end.ref(),),
        pairs=(MatchingPair(view.name, key, (end.ref(),)),), extra_right=extras)


def _congress_candidates(ctx: Context, difficulty: int) -> list[Candidate]:
    congresses: dict[int, Event] = {}
    for event in ctx.records.events:
        found = _CONGRESS.search(event.text)
        if found is not None:
            congresses.setdefault(int(found.group(1)), event)
    numbers = sorted(congresses)
    out = []
    for number, event in congresses.items():
        prompt = (_asked_congress_prompt(event.asked) or _congress_prompt(event.text)) \
            if ctx.words.english else _french_congress_prompt(ctx, event)
        fact = ctx.fact(event.id, "date")
        if prompt is None or fact is None:
            continue
        near = sorted((n for n in numbers if n != number), key=lambda n: (abs(n - number), n))
        if len(near) < EXTRAS:
            continue
        chosen = near[:EXTRAS]
        # The id is the English one in every language (a French set asks the same question).
        qid = question_id("matching", "choice:at-congress",
                          [fact.key, "|", *(congress_name(n) for n in chosen)])
        extras = [congress_name(n, ctx.words) for n in chosen]
        random.Random(qid).shuffle(extras)
        # Its wrong choices name other congresses, not what they did: nothing is shown.
        key = congress_name(number, ctx.words)
        build = partial(_build_congress, ctx, fact, event, prompt, key,
                        tuple(extras), difficulty, qid)
        out.append(ctx.candidate(qid, "matching", frozenset({fact.key}), frozenset(), build,
                                 "history", topic="choice:at-congress", answer=key))
    return out


def congress_name(number: int, words: Wording = ENGLISH) -> str:
    """"The 20th Party Congress" ("Le XXe congrès du Parti" in French)."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    roman = _roman(number) + ("er" if number == 1 else "e")
    return words.tr(_CONGRESS_NAME, number=number, suffix=suffix, roman=roman)


_CONGRESS_NAME = N_("The {number}{suffix} Party Congress")


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


# The overlay's French: "Khrouchtchev a-t-il dénoncé ... au XXe congrès du Parti" (asked) and
# "le Xe congrès du Parti a accordé ..." (said).
_FR_AT_CONGRESS = re.compile(r"\s+(?:au|lors du) [IVXLC]+(?:e|er) congrès du Parti$")
_FR_CONGRESS_SUBJECT = re.compile(r"^[Ll]e [IVXLC]+(?:e|er) congrès du Parti\s+")


def _french_congress_prompt(ctx: Context, event: Event) -> str | None:
    """The French prompt from the overlay's own sentences (None when they have neither
    shape): "Lors de quel congrès du Parti Khrouchtchev a-t-il dénoncé ... ?", "Quel congrès
    du Parti a accordé ... ?"."""
    found = ctx.words.event(event)
    if found is None:
        return None
    asked = found.asked.strip().rstrip(".")
    if asked and _FR_AT_CONGRESS.search(asked):
        return ctx.tr(_AT_WHICH, clause=_FR_AT_CONGRESS.sub("", asked))
    said = found.said.strip().rstrip(".")
    if said and _FR_CONGRESS_SUBJECT.match(said):
        rest = _FR_CONGRESS_SUBJECT.sub("", said)
        if re.match(r"s[’']est réuni\b", rest):
            return None  # "le XIe congrès du Parti s'est réuni": nothing it did
        return ctx.tr(_WHICH, rest=rest)
    return None


_ASKED_CONGRESS = re.compile(r"^did the \d+(?:st|nd|rd|th) Party Congress ([a-z]+) (.+)$")


def _asked_congress_prompt(asked: str) -> str | None:
    """The prompt from the clause a date question asks, when the editors wrote one with the
    congress as its subject: "did the 23rd Party Congress restore the title of General
    Secretary" -> "Which Party Congress restored the title of General Secretary?" (the
    headline, "gives the party's leader the title", is kept plain for orders)."""
    found = _ASKED_CONGRESS.match(asked.strip().rstrip("?."))
    if found is None or found.group(1).endswith(("s", "sh", "ch", "x", "z", "y")):
        return None
    return _WHICH.format(rest=f"{past_verb(found.group(1) + 's')} {found.group(2)}")


def _congress_prompt(text: str) -> str | None:
    """"Khrushchev denounces ... at the 20th Party Congress" -> "At which Party Congress did
    Khrushchev denounce ...?"; "The 19th Party Congress abolishes ..." -> "Which Party
    Congress abolished ...?"; None for any other shape ("... after the 17th Party Congress",
    "The 11th Party Congress meets")."""
    text = text.strip().rstrip(".")
    if _AT_CONGRESS.search(text):
        clause = headline_clause(_AT_CONGRESS.sub("", text))
        if not clause:
            return None
        return _AT_WHICH.format(clause=clause)  # English: the template is its own text
    if _CONGRESS_SUBJECT.match(text):
        past = past_statement(text)
        if past is None or " meets" in text or " met" in past.split(",")[0]:
            return None
        rest = _CONGRESS_SUBJECT.sub("", past)
        if rest.split()[0] in ("meets", "met"):
            return None
        return _WHICH.format(rest=rest)
    return None


# English only (made from the English headline's grammar): the templates are still marked for
# translation, as every prompt is.
_AT_WHICH = N_("At which Party Congress {clause}?")
_WHICH = N_("Which Party Congress {rest}?")


def _build_congress(ctx: Context, fact: DatedFact, event: Event, prompt: str, key: str,
                    extras: tuple[str, ...], difficulty: int, qid: str) -> MatchingQuestion:
    sources = cited(fact.sources)
    explanation = join_sentences(*event_teaching(ctx, fact, event), source_line(ctx, sources))
    return MatchingQuestion(
        id=qid, prompt=prompt, explanation=explanation, difficulty=difficulty,
        sources=sources, basis=(fact.ref(),),
        pairs=(MatchingPair(ctx.tr("Party Congress"), key, (fact.ref(),)),),
        extra_right=extras)


def event_teaching(ctx: Context, fact: DatedFact, event: Event) -> tuple[str, str]:
    """What happened, when, and what came of it (the event's detail)."""
    # The event as a sentence with its subject ("Boris Yeltsin banned the Communist Party in
    # Russia by decree."), then what came of it: not a bare "As President of Russia he ...".
    # With its date: the reviewers asked for the year of what they had just placed, and the
    # set's year rules keep a date question on that year out of the set.
    when = at_date(fact.date, ctx.words)
    said = capitalised(sentence(f"{bare(event_past(ctx, event))} {when}"))
    detail = event_detail(ctx, event).strip()
    return join_sentences(said, sentence(detail) if detail else ""), ""


def past_sentence(text: str) -> str:
    past = past_statement(text) or text.strip().rstrip(".")
    return past[:1].upper() + past[1:] + "."


# Kinds of event whose subject is asked "Who ...?": what someone did, not what befell them
# ("Who died in office?") nor a post given ("Who was elected one of the five secretaries?"
# has five answers), nor a historian's judgement.
_WHO_KINDS = frozenset({"removal", "resignation", "party", "state", "congress", "other"})
_NAME = re.compile(r"^(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2}$")
_WHO = N_("Who {did}?")


def _who_candidates(ctx: Context, difficulty: int) -> list[Candidate]:
    subjects = _event_subjects(ctx)
    out = []
    for place in ctx.places("choice:who", len(subjects)):
        event, person, did = subjects[place]
        fact = ctx.fact(event.id, "date")
        if fact is None:
            continue
        if not ctx.words.english:
            french = _french_did(ctx, event, person)
            if french is None:
                continue
            did = french
        named = set(re.findall(r"[A-ZÀ-Ý][\w’'-]+", did))
        # "Who resigned as General Secretary?": when the office is named, only those who held
        # it are choices; always people of the time (`people.contemporaries`): not Molotov
        # for 1991, not Andropov for 1957, but Kosygin and Podgorny beside Khrushchev.
        holders_only = any(o.name in did for o in ctx.records.offices)
        extras: list[str] = []
        for other in contemporaries(ctx, event.date, set(), holders_only=holders_only):
            shown = ctx.words.person(other)
            if shown != person and shown not in extras and not named & set(shown.split()):
                extras.append(shown)
            if len(extras) == EXTRAS:
                break
        if len(extras) < EXTRAS:
            continue
        qid = question_id("matching", "choice:who", [fact.key, "|", *extras])
        random.Random(qid).shuffle(extras)
        prompt = ctx.tr(_WHO, did=did)
        build = partial(_build_who, ctx, fact, event, prompt, person, tuple(extras), difficulty,
                        qid)
        out.append(ctx.candidate(qid, "matching", frozenset({fact.key}),
                                 _told_elsewhere(ctx, event, person, did), build,
                                 "people", topic="choice:who", answer=person))
    return out


_WORD = re.compile(r"[\w’'-]+")


def _told_elsewhere(ctx: Context, event: Event, person: str, did: str) -> frozenset[str]:
    """The facts of other events whose context tells who did this ("In November Yeltsin
    banned the party in Russia by decree", in the party's suspension): a question resting on
    one would tell the answer, so the two never share a quiz (they are counted as shown)."""
    surname = person.split()[-1]
    deed = {w.lower() for w in _WORD.findall(did) if len(w) > 4}
    found = set()
    for other in ctx.records.events:
        if other.id == event.id:
            continue
        detail = event_detail(ctx, other)
        for part in re.split(r"(?<=[.;])\s+", detail):
            words = {w.lower() for w in _WORD.findall(part)}
            if surname in part and len(deed & words) >= 2:
                found.add(f"{other.id}.date")
                break
    return frozenset(k for k in found if k in ctx.facts)


def _french_did(ctx: Context, event: Event, person: str) -> str | None:
    """What the person did, from the overlay's past statement less its subject ("Khrouchtchev
    a écarté Malenkov ..." -> "a écarté Malenkov ..."); None when it does not open with them."""
    found = ctx.words.event(event)
    if found is None or not found.said:
        return None
    said = found.said.strip().rstrip(".")
    for subject in (person, person.split()[-1]):  # the French full name, or the surname
        if said.startswith(subject + " "):
            rest = said[len(subject) + 1:]
            return rest if rest.startswith(("a ", "s’", "s'", "est ", "fut ")) else None
    return None


def _deaths(ctx: Context) -> dict[str, PartialDate]:
    """When each person the records tell the death of died (by the name choices show)."""
    found: dict[str, PartialDate] = {}
    for event in ctx.records.events:
        if event.kind != "death":
            continue
        for person in ctx.people_in(event):  # the one who died leads the headline
            if event.text.startswith((person, person.split()[-1])):
                found.setdefault(ctx.words.person(person), event.date)
    return found


def _event_subjects(ctx: Context) -> list[tuple[Event, str, str]]:
    """Events told as "Someone does something": the event, the person's full name, and what
    they did in the past tense, without the subject."""
    out: list[tuple[Event, str, str]] = []
    for event in ctx.records.events:
        if event.kind not in _WHO_KINDS or is_judgement(event):
            continue
        text = event.text.strip().rstrip(".")
        past = past_statement(text)
        if past is None:
            continue
        words, pasts = text.split(), past.split()
        if len(words) != len(pasts):
            continue
        verb = next((i for i in range(1, len(words)) if words[i] != pasts[i]), None)
        if verb is None or words[verb] in ("is", "are") or verb > 3:
            continue  # passive ("is forced to resign") or a long subject
        subject = " ".join(words[:verb])
        if not _NAME.match(subject) or subject.split()[0] in ("The", "A", "An"):
            continue
        person = ctx.surnames.get(subject.split()[-1], subject)
        out.append((event, ctx.words.person(person), " ".join(pasts[verb:])))
    return out


def _build_who(ctx: Context, fact: DatedFact, event: Event, prompt: str, key: str,
               extras: tuple[str, ...], difficulty: int, qid: str) -> MatchingQuestion:
    sources = cited(fact.sources)
    explanation = join_sentences(*event_teaching(ctx, fact, event), source_line(ctx, sources))
    return MatchingQuestion(
        id=qid, prompt=prompt, explanation=explanation, difficulty=difficulty,
        sources=sources, basis=(fact.ref(),),
        pairs=(MatchingPair(ctx.tr("Who"), key, (fact.ref(),)),), extra_right=extras)
