"""Matching questions: person to office, to year; event to year; office name to period;
predecessor to successor."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from functools import partial

from gensec_quiz.domain.questions import MatchingPair, MatchingQuestion
from gensec_quiz.generation.choice import choice_candidates
from gensec_quiz.generation.context import (
    Candidate,
    Context,
    Focus,
    Lazy,
    question_id,
    window_starts,
)
from gensec_quiz.generation.explanations import cited, join_sentences, source_line
from gensec_quiz.generation.matching_pairs import PairEntry, pair_lists
from gensec_quiz.generation.phrasing import has_ordinal
from gensec_quiz.generation.teacher_choice import teacher_choice_candidates
from gensec_quiz.generation.witnesses import capitalised
from gensec_quiz.i18n import N_

# Pairs and right-hand distractors per question, by difficulty.
PAIRS = {1: 3, 2: 4, 3: 5}
# Always at least one more choice than stems, so that the last pair is not forced.
EXTRAS = {1: 1, 2: 1, 3: 2}
MIN_PAIRS = 3
SCAN_LIMIT = 12

PROMPTS: dict[str, tuple[str, ...]] = {
    "office": (
        N_("Match each person with the office they held."),
        N_("Which title did each of these people hold? Match them up."),
    ),
    "start-year": (
        N_("Match each officeholder with the year they took office."),
        N_("In which year did each of these people take office? Match them up."),
    ),
    "event-year": (
        N_("Match each event with the year in which it happened."),
        N_("Match these events to their years."),
    ),
    "office-period": (
        N_("Match each name of the office with the years in which it was used."),
        N_("When was the office known by each of these names? Match them up."),
    ),
    "holder": (
        N_("Who held the office when each of these happened? Match them up."),
        N_("Match each event with the person who held the office at the time."),
    ),
    "title-in-year": (
        N_("What was the office called in each of these years? Match them up."),
        N_("Match each year with the title the office bore at the time."),
    ),
    "congress": (
        N_("What did each of these party congresses do? Match them up."),
        N_("Match each party congress with what it did."),
    ),
    "successor": (
        N_("Match each officeholder with the person who succeeded them in office."),
        N_("Who came next? Match each officeholder with their successor."),
    ),
}


def matching_candidates(ctx: Context, *, difficulty: int) -> list[Candidate]:
    out: list[Candidate] = []
    lists = pair_lists(ctx)
    for kind, entries in lists.items():
        out.extend(_windows(ctx, kind, entries, difficulty))
    out.extend(choice_candidates(ctx, lists, difficulty))
    out.extend(teacher_choice_candidates(ctx, difficulty))
    return out


# Kinds whose right-hand texts run in the order of time: two left texts that number
# themselves ("the 7th / 8th Party Congress") would match themselves to the years.
_ORDERED_RIGHTS = frozenset({"start-year", "event-year", "office-period"})


def window(entries: Sequence[PairEntry], first: int, size: int, stride: int,
           numbered: bool = False) -> list[int]:
    """Indexes of pairs from `first` on with distinct left texts, right texts and groups (and,
    when `numbered`, at most one left text that numbers itself)."""
    chosen = [first]
    counted = numbered and has_ordinal(entries[first].left)
    lefts, rights, groups = {entries[first].left}, {entries[first].right}, {entries[first].group}
    skipped = 0
    stop = min(len(entries), first + 1 + SCAN_LIMIT * stride)
    for index in range(first + 1, stop):
        if len(chosen) == size:
            break
        entry = entries[index]
        if entry.left in lefts or entry.right in rights or entry.group in groups:
            continue
        ordinal = numbered and has_ordinal(entry.left)
        if ordinal and counted:
            continue
        if numbered and any(entry.successors & entries[i].ends
                            or entries[i].successors & entry.ends for i in chosen):
            continue  # Brezhnev dies, Andropov dies: the succession matches the years
        if skipped < stride - 1:
            skipped += 1
            continue
        skipped = 0
        chosen.append(index)
        counted = counted or ordinal
        lefts.add(entry.left)
        rights.add(entry.right)
        groups.add(entry.group)
    return chosen


def extras_for(entries: Sequence[PairEntry], chosen: list[int], count: int) -> list[str]:
    """Right-hand texts of other pairs (those between the chosen ones first, then the nearest
    outside them), never one that a chosen left could take."""
    if count == 0:
        return []
    used = {entries[i].right for i in chosen}
    for i in chosen:
        used |= entries[i].also_right
    picked: list[str] = []
    # First the pairs the window passed over, nearest the middle first: spare years among
    # the asked ones (1955 and 1961 beside 1953, 1957, 1966 and 1982), since spare years all
    # after the last one let the order of the events match the earlier years alone.
    inside = sorted((i for i in range(min(chosen) + 1, max(chosen)) if i not in chosen),
                    key=lambda i: (abs(2 * i - min(chosen) - max(chosen)), i))
    for index in inside:
        right = entries[index].right
        if len(picked) < count and right not in used:
            used.add(right)
            picked.append(right)
    years = sorted(int(entries[i].right) for i in chosen if entries[i].right.isdigit())
    if not picked and count and len(years) == len(chosen) > 1:
        # No pair between them: a year in the widest gap among the asked ones (1938 beside
        # 1922, 1924, 1952 and 1953), which no event of the question took.
        gap, first = max((b - a, a) for a, b in itertools.pairwise(years))
        middle = str(first + gap // 2)
        if gap > 2 and middle not in used:
            used.add(middle)
            picked.append(middle)
    low, high = min(chosen) - 1, max(chosen) + 1
    reach = SCAN_LIMIT
    while len(picked) < count and (low >= 0 or high < len(entries)) and reach > 0:
        reach -= 1
        for index in (high, low):
            if 0 <= index < len(entries) and len(picked) < count:
                right = entries[index].right
                if right not in used:
                    used.add(right)
                    picked.append(right)
        low, high = low - 1, high + 1
    return picked


def _windows(ctx: Context, kind: str, entries: Sequence[PairEntry],
             difficulty: int) -> list[Candidate]:
    out = []
    # A distractor as the set's language writes it. A long list, whose pairs are made when
    # read (`context.Lazy`), is not read whole for it: each distractor is written as the
    # pairs around its window write it (`_written_near`).
    shown = None if isinstance(entries, Lazy) else {
        e.right: e.right_text() for e in entries if e.shown_right}
    starts = window_starts(len(entries), PAIRS[difficulty])
    for number in ctx.places(f"matching:{kind}", len(starts)):
        first = starts[number]
        numbered = kind in _ORDERED_RIGHTS
        chosen = window(entries, first, PAIRS[difficulty], 1 + number % 2, numbered)
        if len(chosen) < PAIRS[difficulty]:
            chosen = window(entries, first, PAIRS[difficulty], 1, numbered)
        if len(chosen) < MIN_PAIRS:
            continue
        extras = extras_for(entries, chosen, EXTRAS[difficulty]) or _other_titles(
            ctx, kind, entries, chosen, EXTRAS[difficulty])
        if not extras:
            continue  # every choice used: the last pair would match itself
        out.append(_candidate(ctx, kind, [entries[i] for i in chosen], extras, difficulty,
                              _written_near(entries, chosen) if shown is None else shown))
        if len(chosen) > MIN_PAIRS:
            # A smaller question on the same facts, for when the quiz has fewer facts left.
            fewer = chosen[:-1]
            extras = extras_for(entries, fewer, EXTRAS[difficulty]) or _other_titles(
                ctx, kind, entries, fewer, EXTRAS[difficulty])
            if not extras:
                continue
            out.append(_candidate(ctx, kind, [entries[i] for i in fewer], extras, difficulty,
                                  _written_near(entries, fewer) if shown is None else shown))
    return out


def _written_near(entries: Sequence[PairEntry], chosen: list[int]) -> dict[str, str]:
    """The right texts as the set's language writes them, of the pairs `extras_for` may take
    its distractors from (within SCAN_LIMIT of the window). In the long lists (tenures'
    offices, years, successors) a right text is written the same way wherever it stands, so
    this is what the whole list gives."""
    low, high = max(0, min(chosen) - SCAN_LIMIT), min(len(entries), max(chosen) + SCAN_LIMIT + 1)
    return {e.right: e.right_text() for e in entries[low:high] if e.shown_right}


def _other_titles(ctx: Context, kind: str, entries: Sequence[PairEntry], chosen: list[int],
                  count: int) -> list[str]:
    """For "what was the office called in each year", titles the office bore that no year
    of the question takes (a name used a year or less: Technical Secretary), when every
    title with a year of its own is already a pair's."""
    if kind != "title-in-year" or count == 0:
        return []
    used = {entries[i].right for i in chosen}
    names = [o.name for o in sorted(ctx.records.offices, key=lambda o: o.start.sort_key())]
    others = list(dict.fromkeys(n for n in names if n not in used))[:count]
    return others if ctx.words.english else [capitalised(ctx.words.office(n)) for n in others]


def _candidate(ctx: Context, kind: str, pairs: list[PairEntry], extras: list[str],
               difficulty: int, words: dict[str, str]) -> Candidate:
    keys = [b.key() for p in pairs for b in p.basis]
    qid = question_id("matching", kind, [*keys, "|", *extras])
    shown = frozenset().union(*(p.shown for p in pairs))
    build = partial(_build, ctx, kind, tuple(pairs), tuple(words.get(e, e) for e in extras),
                    difficulty, qid)
    focus: Focus = ("people" if kind in ("office", "start-year", "successor", "holder")
                    else "history")
    asks = frozenset().union(*(p.asked() for p in pairs))
    return ctx.candidate(qid, "matching", asks, shown, build, focus, rated=frozenset(keys),
                         topic=f"match:{kind}")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def first_sentence(text: str) -> str:
    """The first sentence of a teaching text: a matching question explains each pair in one
    clause (the event and its date, who held the office then), not a paragraph each."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def _left(kind: str, left: str, difficulty: int) -> str:
    """The left-hand text as shown: at difficulty 3, no hint (a congress without its year)."""
    if kind == "congress" and difficulty == 3:
        return left.rsplit(" (", 1)[0]
    return left


def _teach(ctx: Context, pair: PairEntry) -> str:
    """The pair's teaching sentence, written once however many questions show the pair."""
    found = ctx.teachings.get(pair.teach)  # one teaching function per pair, shared by windows
    if found is None:
        found = ctx.teachings[pair.teach] = pair.teach()
    return found


def _build(ctx: Context, kind: str, pairs: tuple[PairEntry, ...], extras: tuple[str, ...],
           difficulty: int, qid: str) -> MatchingQuestion:
    prompts = PROMPTS[kind]
    prompt = ctx.tr(prompts[int(qid.rsplit("-", 1)[1], 16) % len(prompts)])
    sources = cited(r for p in pairs for r in p.sources)
    # Rows are shown in the stored order; by date, the first would take the earliest year.
    # The explanation keeps the order of time.
    shown = list(pairs)
    random.Random(qid).shuffle(shown)
    return MatchingQuestion(
        id=qid,
        prompt=prompt,
        explanation=join_sentences(*[first_sentence(_teach(ctx, p)) for p in pairs],
                                   source_line(ctx, sources)),
        difficulty=difficulty,
        sources=sources,
        basis=tuple([b for p in shown for b in p.basis]),
        pairs=tuple([MatchingPair(_left(kind, p.left_text(), difficulty), p.right_text(),
                                  p.basis) for p in shown]),
        extra_right=extras,
    )
