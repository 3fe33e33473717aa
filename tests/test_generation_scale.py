"""The generator's work at a teacher's scale: the twins of a fact and the successions are
found through indexes, fact by fact, so the work grows linearly with the rows, and the
tables read that way are exactly those of comparing every pair."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import pytest

from generation_rich import rich_records
from gensec_quiz.bank.builtin import load_records
from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import DEFAULT_ORDERING_RULE, QUESTION_TYPES
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation.api import choose
from gensec_quiz.generation.context import SUCCESSION_GAP, Context, Work, _SpanIndex
from gensec_quiz.generation.facts import DatedFact

TOPICS = Path(__file__).resolve().parent / "data" / "topics"
REASONS = ("", "died", "resigned", "removed", "term ended")


def teacher_records(rows: int, folder: Path, *, seed: int = 15) -> RecordSet:
    """A tenure CSV shaped like a teacher's spreadsheet: offices held one after another from
    1800 on (more offices in a bigger file, so more rows per year), starts to the day or to
    the year, ends to the year about half the time, people back in office or in two."""
    rng = random.Random(seed)
    offices = max(4, -(-rows // 80))
    table: list[tuple[dt.date, list[str]]] = []
    people = 0
    for number in range(offices):
        day = dt.date(1800 + number % 25, 1 + number % 12, 1 + number % 28)
        holders: list[str] = []
        count = min(-(-rows // offices), rows - len(table))
        for index in range(count):
            roll = rng.random()
            if len(holders) >= 3 and roll < 0.12:
                person = holders[-rng.randint(2, 3)]
            elif table and roll < 0.16:
                person = table[rng.randrange(len(table))][1][0]
            else:
                people += 1
                person = f"Person {people}"
            holders.append(person)
            end_day = day + dt.timedelta(days=rng.randint(60, 1500))
            start = str(day.year) if index % 5 == 4 else day.isoformat()
            last = index == count - 1
            end = "" if last else (str(end_day.year) if rng.random() < 0.5
                                   else end_day.isoformat())
            reason = "" if last else rng.choice(REASONS)
            table.append((day, [person, f"Mayor of Town {number}", start, end, reason]))
            day = end_day
    table.sort(key=lambda row: (row[0], row[1][1]))
    path = folder / f"tenures-{rows}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("person", "office", "start", "end", "end_reason"))
        writer.writerows(row for _, row in table)
    return load_records_csv([path])


def work_of_a_quiz(records: RecordSet) -> int:
    ctx = Context(records)
    chosen = choose(ctx, types=QUESTION_TYPES, count=20, seed=0, difficulty=2,
                    scoring=DEFAULT_ORDERING_RULE, focus="all")
    assert len(chosen) == 20
    return ctx.work.comparisons


def test_the_comparisons_of_a_quiz_grow_linearly_with_the_rows(tmp_path: Path) -> None:
    small = work_of_a_quiz(teacher_records(1_000, tmp_path))
    large = work_of_a_quiz(teacher_records(2_000, tmp_path))
    assert small > 0
    assert large / small <= 2.2, (small, large)


# The tables as they were first written: every pair of overlapping facts compared, whole.

def _pairwise_succession(ctx: Context) -> dict[tuple[str, bool], str]:
    found: dict[tuple[str, bool], str] = {}
    tenures = sorted(ctx.records.tenures, key=lambda t: (t.start.earliest(), t.id))
    for tenure in tenures:
        end = tenure.end
        if end is None or "abolish" in tenure.end_reason.lower():
            continue
        nexts = [t for t in tenures if t.id != tenure.id
                 and t.start.sort_key() > tenure.start.sort_key()
                 and _straight_after(end, t.start)]
        if len(nexts) == 1 and (nexts[0].id, False) not in found:
            found[(tenure.id, True)] = nexts[0].id
            found[(nexts[0].id, False)] = tenure.id
    return found


def _straight_after(end: PartialDate, start: PartialDate) -> bool:
    if "year" in (end.precision, start.precision):
        return start.year == end.year
    return end.earliest() <= start.latest() and start.earliest() - end.latest() <= SUCCESSION_GAP


def _pairwise_twins(ctx: Context) -> dict[str, frozenset[str]]:
    facts: list[DatedFact] = list(ctx.facts.values())
    spans = sorted((v.date.earliest(), v.date.latest(), f.key) for f in facts for v in f.values)
    twins: dict[str, set[str]] = {}
    for i, (_, last, key) in enumerate(spans):
        for j in range(i + 1, len(spans)):
            first, _, other = spans[j]
            if first > last:
                break
            if other != key:
                twins.setdefault(key, set()).add(other)
                twins.setdefault(other, set()).add(key)
    by_key = {f.key: f for f in facts}
    for fact in facts:
        if fact.field != "start" or f"{fact.record}.end" not in by_key:
            continue
        end = by_key[f"{fact.record}.end"]
        if {v.date.year for v in fact.values} & {v.date.year for v in end.values}:
            twins.setdefault(fact.key, set()).add(end.key)
            twins.setdefault(end.key, set()).add(fact.key)
    for (record, later), other in _pairwise_succession(ctx).items():
        end_key, start_key = f"{record}.end", f"{other}.start"
        if not later or end_key not in ctx.facts or start_key not in ctx.facts:
            continue
        for key in {end_key, *twins.get(end_key, set())} - {start_key}:
            twins.setdefault(key, set()).add(start_key)
            twins.setdefault(start_key, set()).add(key)
    return {key: frozenset(keys) for key, keys in twins.items()}


def _records(name: str, folder: Path) -> RecordSet:
    if name == "builtin":
        return load_records([])
    if name == "rich":
        return rich_records()
    if name == "teacher":
        return teacher_records(700, folder, seed=3)
    return load_records_csv([TOPICS / name / "presidents.csv", TOPICS / name / "events.csv"])


@pytest.mark.parametrize("name", ["builtin", "rich", "france", "us-presidents", "teacher"])
def test_indexed_tables_equal_those_of_comparing_every_pair(name: str, tmp_path: Path) -> None:
    ctx = Context(_records(name, tmp_path))
    assert ctx.succession == _pairwise_succession(ctx)
    twins = _pairwise_twins(ctx)
    assert dict(ctx.twins) == twins
    strong = {key: frozenset(o for o in others if ctx._same_story(key, o))
              for key, others in twins.items()}
    strong = {key: found for key, found in strong.items() if found}
    assert dict(ctx.strong_twins) == strong
    days = {key: frozenset(o for o in others if ctx._same_day(key, o))
            | strong.get(key, frozenset()) for key, others in twins.items()}
    assert dict(ctx.day_twins) == {key: found for key, found in days.items() if found}


def test_a_fact_without_twins_is_not_in_the_table(tmp_path: Path) -> None:
    ctx = Context(load_records([]))
    lonely = next(key for key in ctx.facts if key not in _pairwise_twins(ctx))
    assert lonely not in ctx.twins
    assert ctx.twins.get(lonely) is None
    assert "no-such-record.start" not in ctx.twins


@pytest.mark.parametrize("name", ["builtin", "rich", "teacher"])
def test_the_span_index_finds_the_same_facts_whatever_order_they_come_in(
        name: str, tmp_path: Path) -> None:
    """The index searches each run of facts already sorted by their first day as it is: the
    context's facts come in a few such runs, shuffled facts in many; both find what comparing
    every pair finds, with the same count of comparisons."""
    ctx = Context(_records(name, tmp_path))
    facts = list(ctx.facts.values())
    shuffled = random.Random(5).sample(facts, len(facts))
    kept, mixed = _SpanIndex(facts), _SpanIndex(shuffled)
    assert len(kept.runs) <= 5 < len(mixed.runs)
    kept_work, mixed_work = Work(), Work()
    for key in ctx.facts:
        found = kept.near(key, ctx.facts, kept_work)
        assert found == mixed.near(key, ctx.facts, mixed_work)
        assert found == _pairwise_near(ctx, key)
    assert kept_work.comparisons == mixed_work.comparisons > 0


def _pairwise_near(ctx: Context, key: str) -> frozenset[str]:
    fact = ctx.facts[key]
    found = {other.key for other in ctx.facts.values() if other.key != key and any(
        w.date.earliest() <= v.date.latest() and v.date.earliest() <= w.date.latest()
        for v in fact.values for w in other.values)}
    partner = ctx.facts.get(f"{fact.record}.{'end' if fact.field == 'start' else 'start'}")
    if fact.field in ("start", "end") and partner is not None and (
            {v.date.year for v in fact.values} & {v.date.year for v in partner.values}):
        found.add(partner.key)
    return frozenset(found)


def _same_story_as_first_written(ctx: Context, a: str, b: str) -> bool:
    first, second = sorted((a.rpartition(".")[0], b.rpartition(".")[0]),
                           key=lambda r: (r not in ctx.tenures, r not in ctx.offices, r))
    if first == second:
        return True
    if first in ctx.tenures:
        view = ctx.views[first]
        if second in ctx.tenures:
            return ctx.tenures[second].person == view.person or second in (
                ctx.succession.get((first, True)), ctx.succession.get((first, False)))
        if second in ctx.offices:
            return ctx.offices[second].name == view.office
        text = ctx.events[second].text
        return view.person.split()[-1] in text or bool(view.office and view.office in text)
    if first in ctx.offices and second in ctx.events:
        return ctx.offices[first].name in ctx.events[second].text
    return False


@pytest.mark.parametrize("name", ["builtin", "rich", "teacher"])
def test_the_same_story_is_told_both_ways_as_first_written(name: str, tmp_path: Path) -> None:
    ctx = Context(_records(name, tmp_path))
    pairs = [(key, other) for key, others in _pairwise_twins(ctx).items() for other in others]
    keys = list(ctx.facts)
    pairs += list(zip(keys, random.Random(2).sample(keys, len(keys)), strict=True))
    told = [_same_story_as_first_written(ctx, a, b) for a, b in pairs]
    assert [ctx._same_story(a, b) for a, b in pairs] == told
    assert [ctx._same_story(b, a) for a, b in pairs] == told
    assert any(told) and not all(told)
