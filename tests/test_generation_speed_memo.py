"""What the generator works out once and keeps (issue 15) is exactly what working it out
again gives: the elimination check of two questions, the set-level facts of a context, the
selection's per-candidate reads, and the facts made through their slots."""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import random
from pathlib import Path

import pytest

from generation_rich import rich_records
from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.domain.dates import years_between
from gensec_quiz.domain.questions import DEFAULT_ORDERING_RULE, QUESTION_TYPES
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation import api
from gensec_quiz.generation.candidate_views import Memo, Views, kept_in
from gensec_quiz.generation.context import Context
from gensec_quiz.generation.durations import served_years
from gensec_quiz.generation.facts import DatedFact, DateValue, make_fact, years_between_facts
from gensec_quiz.generation.giveaways import SetFacts, early_records, telling_of, told
from gensec_quiz.generation.kept import set_facts
from gensec_quiz.generation.selection import _Picker
from test_generation_scale import teacher_records


def _titles(ctx: Context) -> frozenset[str]:
    return frozenset(ctx.words.office(o.name).lower() for o in ctx.records.offices)


def _pool(ctx: Context) -> list[api.Candidate]:
    return api._candidates(ctx, types=list(QUESTION_TYPES), difficulty=2,
                           scoring=DEFAULT_ORDERING_RULE, focus="all")


@pytest.fixture(scope="module")
def builtin_context() -> Context:
    return Context(builtin_records())


def test_the_kept_elimination_check_is_that_of_every_pair_of_questions(
        builtin_context: Context) -> None:
    ctx = builtin_context
    titles = _titles(ctx)
    tellings = [telling_of(c.build(), titles) for c in _pool(ctx)[::3]]
    views = Views()
    pairs = list(itertools.permutations(tellings, 2))
    assert len(pairs) > 1_000
    for asking, telling in pairs:
        assert views.told(asking, telling) == told(asking, telling)
    # Read again (kept): the same answers, and some of them are give-aways.
    assert [views.told(a, b) for a, b in pairs] == [told(a, b) for a, b in pairs]
    assert any(key or wrong for key, wrong in (told(a, b) for a, b in pairs))


def test_a_telling_equal_to_a_kept_one_is_checked_for_itself(
        builtin_context: Context) -> None:
    """The kept answers go by identity: another object (even an equal one) is checked anew,
    and never takes the answer of an object that is gone."""
    ctx = builtin_context
    titles = _titles(ctx)
    choice = next(c for c in _pool(ctx) if c.topic.startswith("choice:"))
    asking = telling_of(choice.build(), titles)
    views = Views()
    for candidate in _pool(ctx)[:40]:
        telling = telling_of(candidate.build(), titles)
        assert views.told(asking, telling) == told(asking, telling)
        copy = dataclasses.replace(telling)
        assert views.told(asking, copy) == told(asking, copy)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_set_facts_kept_with_a_context_are_those_of_the_records(language: str) -> None:
    records = builtin_records()
    ctx = Context(records, api.wording(records, language))
    titles = _titles(ctx)
    assert set_facts(ctx) == SetFacts.of(records)
    assert set_facts(ctx, titles) == SetFacts.of(records, titles)
    assert set_facts(ctx, titles) is set_facts(ctx, titles)  # kept, for every quiz on it
    assert set_facts(ctx, titles).standing  # the built-in records do have secondary facts


def test_the_set_facts_of_a_teachers_sheet_are_those_of_the_records(tmp_path: Path) -> None:
    records = teacher_records(300, tmp_path)
    ctx = Context(records)
    titles = frozenset({"mayor of town 1", "mayor"})
    assert set_facts(ctx, titles) == SetFacts.of(records, titles)
    assert set_facts(ctx) == SetFacts.of(records)


def _to_the_month(records: RecordSet) -> RecordSet:
    """The records with every start known to the month only."""
    return dataclasses.replace(records, tenures=tuple(
        dataclasses.replace(t, start=t.start.truncate("month")) for t in records.tenures))


@pytest.mark.parametrize("which", ["built-in", "rich", "sheet", "months"])
def test_facts_made_through_their_slots_equal_those_the_dataclass_makes(
        which: str, tmp_path: Path) -> None:
    records: RecordSet = {"built-in": builtin_records, "rich": rich_records,
                          "sheet": lambda: teacher_records(200, tmp_path),
                          "months": lambda: _to_the_month(builtin_records())}[which]()
    precisions = {d.precision for t in records.tenures for d in (t.start, t.end) if d}
    assert precisions == ({"year", "month", "day"} if which == "months" else {"year", "day"})
    ctx = Context(records)
    made, frozen = 0, "lo"
    for tenure in records.tenures:
        for field, value in (("start", tenure.start), ("end", tenure.end)):
            fact = make_fact(ctx.conflicts, tenure, field, value)
            if fact is None or fact.disputed:
                continue
            own = DateValue(value, fact.sources)
            assert fact.values == (own,) and hash(fact.values[0]) == hash(own)
            usual = DatedFact(fact.record, fact.field, value, (own,), fact.sources,
                              value.earliest(), value.latest())
            assert fact == usual and hash(fact) == hash(usual)
            assert (fact.key, fact.every_source, fact.conflict, fact.span) == (
                usual.key, usual.every_source, usual.conflict, usual.span)
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(fact, frozen, fact.hi)  # still frozen
            made += 1
    assert made >= len(records.tenures)


def test_the_selections_per_candidate_reads_kept_are_those_worked_out_again(
        builtin_context: Context) -> None:
    """`per_candidate` keeps the standing, stories and years a candidate rests on: for each
    candidate, read twice through the kept table, they are what the method itself says."""
    ctx = builtin_context
    pool = _pool(ctx)
    memo = Memo(early_records(ctx.records))
    with kept_in(memo):
        picker = _Picker(pool, list(QUESTION_TYPES), random.Random(0),
                         (ctx.twins, ctx.strong_twins, ctx.day_twins), {},
                         facts=set_facts(ctx, _titles(ctx)), early=memo.early)
        for method in (_Picker._years_of, _Picker._standings, _Picker._stories_of):
            plain = inspect.unwrap(method)
            for candidate in pool:
                assert method(picker, candidate) == plain(picker, candidate)
                assert method(picker, candidate) == plain(picker, candidate)
    assert any(picker._years_of(c) for c in pool)
    assert any(picker._stories_of(c) for c in pool)
    assert any("secondary" in picker._standings(c) for c in pool)


@pytest.mark.parametrize("which", ["built-in", "rich", "sheet", "months"])
def test_full_years_read_from_the_facts_are_those_of_their_dates(
        which: str, tmp_path: Path) -> None:
    """Durations read the years a tenure lasted from its facts' first and last days: the
    years `years_between` gives for their dates, every start against every end (spans that
    are too short, uncertain or negative included), and `served_years` as first written."""
    records: RecordSet = {"built-in": builtin_records, "rich": rich_records,
                          "sheet": lambda: teacher_records(150, tmp_path),
                          "months": lambda: _to_the_month(builtin_records())}[which]()
    ctx = Context(records)
    spans = []
    for start, end in itertools.product(ctx.start_facts, ctx.end_facts):
        assert served_years(start, end) == _served_years_as_first_written(start, end)
        if not start.disputed and not end.disputed:
            span = years_between(start.date, end.date)
            assert years_between_facts(start, end) == span
            spans.append(span)
    assert None in spans and any(s and s[0] == s[1] for s in spans)
    assert any(s and s[0] != s[1] for s in spans)


def _served_years_as_first_written(start: DatedFact, end: DatedFact) -> int | None:
    counts = set()
    for first in start.values:
        for last in end.values:
            span = years_between(first.date, last.date)
            if span is None or span[0] != span[1]:
                return None
            counts.add(span[0])
    return counts.pop() if len(counts) == 1 else None


def test_a_facts_values_to_the_year_are_its_dates_truncated(tmp_path: Path) -> None:
    for records in (builtin_records(), _to_the_month(rich_records()),
                    teacher_records(150, tmp_path)):
        ctx = Context(records)
        for fact in ctx.facts.values():
            for precision in ("year", "month", "day"):
                truncated = tuple(dict.fromkeys(v.date.truncate(precision)
                                                for v in fact.values))
                assert fact.values_at(precision) == truncated
