"""Every answer key agrees with the records its basis names, checked without the generator."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from generation_rich import rich_records
from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.dates import Order, PartialDate, years_between
from gensec_quiz.domain.questions import (
    BasisRef,
    DateQuestion,
    MatchingPair,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.domain.records import Event, OfficeName, RecordSet, Tenure
from gensec_quiz.generation import enumerate_questions, generate_question_set
from gensec_quiz.generation.phrasing import end_reason_key, past_statement
from gensec_quiz.generation.teacher_choice import ending_choice

DATA = Path(__file__).resolve().parent / "data" / "topics"
BUILTIN = Path(__file__).resolve().parent.parent / "question_bank" / "records" / "gensec.json"


def topic(name: str) -> RecordSet:
    folder = DATA / name
    return load_records_csv([folder / "presidents.csv", folder / "events.csv"])


def record_sets() -> dict[str, RecordSet]:
    return {
        "builtin": load_record_set(BUILTIN),
        "gensec-mini": load_record_set(DATA / "gensec-mini.json"),
        "france": topic("france"),
        "us-presidents": topic("us-presidents"),
        "rich": rich_records(),
    }


SETS = record_sets()


# ---------------------------------------------------------------- an independent reading


def field_value(records: RecordSet, ref: BasisRef) -> object:
    return getattr(records.record(ref.record), ref.field)


def sourced_dates(records: RecordSet, ref: BasisRef) -> list[PartialDate]:
    """The record's date and every date a conflict on that field gives, and a span's end:
    everything the fact may be placed at in time."""
    dates = start_dates(records, ref)
    end = span_end(records, ref)
    return dates if end is None else [*dates, end]


def span_end(records: RecordSet, ref: BasisRef) -> PartialDate | None:
    record = records.record(ref.record)
    if isinstance(record, Event) and ref.field == "date":
        return record.end
    return None


def start_dates(records: RecordSet, ref: BasisRef) -> list[PartialDate]:
    """The record's date and every date a conflict on that field gives (a span's start)."""
    value = field_value(records, ref)
    assert isinstance(value, PartialDate), f"{ref.key()} is not a date"
    dates = [value]
    for conflict in records.conflicts_for(ref.record, ref.field):
        assert not conflict.avoided, f"{ref.key()} is avoided but was asked"
        for option in conflict.values:
            assert isinstance(option.value, str)
            dates.append(PartialDate.parse(option.value))
    return dates


def surely_before(records: RecordSet, a: BasisRef, b: BasisRef) -> bool:
    return all(x.compare(y) is Order.BEFORE
               for x in sourced_dates(records, a) for y in sourced_dates(records, b))


def check_ordering(records: RecordSet, question: OrderingQuestion) -> None:
    refs = []
    for item in question.items:
        assert len(item.basis) == 1
        refs.append(item.basis[0])
    assert 3 <= len(refs) <= 7
    assert len({i.text for i in question.items}) == len(refs)
    for earlier, later in itertools.pairwise(refs):
        assert surely_before(records, earlier, later), (earlier, later)
    assert tuple(refs) == question.basis


def check_matching(records: RecordSet, question: MatchingQuestion) -> None:
    rights = [p.right for p in question.pairs] + list(question.extra_right)
    assert len(set(rights)) == len(rights)
    assert len({p.left for p in question.pairs}) == len(question.pairs)
    if len(question.pairs) == 1:
        # Multiple choice: two to four distractors, none of them the key.
        assert 2 <= len(question.extra_right) <= 4, question.prompt
    for pair in question.pairs:
        one = len(question.pairs) == 1
        check_pair(records, pair, before=(" before " in question.prompt) if one else None)
        for extra in question.extra_right:
            assert not could_match(records, pair, extra), (pair.left, extra)


def check_pair(records: RecordSet, pair: MatchingPair, *, before: bool | None = False) -> None:
    """`before` is None for a multi-pair matching; for multiple choice (one pair), True when
    it asks "Who was General Secretary before X?", whose stem is the later of the two people
    and whose key the earlier."""
    refs = pair.basis
    first = records.record(refs[0].record)
    if len(refs) == 1 and refs[0].field == "end" and isinstance(first, Tenure):
        # "How did X's time as Y end?": the tenure's own end_reason.
        assert pair.right == ending_choice(end_reason_key(first.end_reason), first.person)
        assert pair.left == first.person
    elif isinstance(first, Event) and pair.left == "Party Congress":
        # "At which Party Congress did ...?": the congress the headline names.
        assert f" {pair.right.split()[1]} Party Congress" in first.text
    elif isinstance(first, Event) and len(refs) == 1 and any(
            t.person == pair.left for t in records.tenures):
        # "Which of these happened while X was General Secretary?": X held the office, well
        # before and after it, and the key is the event's headline in the past.
        assert any(t.person == pair.left and t.end is not None
                   and t.start.compare(first.date) is Order.BEFORE
                   and first.date.compare(t.end) is Order.BEFORE for t in records.tenures)
        told = past_statement(first.text) or first.text
        assert pair.right == told[:1].upper() + told[1:].rstrip(".") + "."
    elif isinstance(first, Event) and pair.left == "Who":
        # "Who banned ...?": the headline's subject.
        assert first.text.startswith(pair.right) or first.text.startswith(
            pair.right.split()[-1] + " ")
    elif refs[0].field == "office":
        assert isinstance(first, Tenure) and pair.right == first.office
        assert first.person in pair.left
        assert not records.is_disputed(first.id, "office")
    elif isinstance(first, OfficeName) and pair.left.isdigit():
        check_title_in_year(records, first, int(pair.left), pair)
    elif isinstance(first, Event) and len(refs) == 2:
        check_holder(records, refs[0], refs[1], pair)
    elif isinstance(first, Event) and not pair.right.isdigit() and before is not None:
        # Multiple choice on what a congress did: its headline in the past tense.
        name = pair.left.rsplit(" (", 1)[0]
        assert f"{name} {pair.right[:1].lower()}{pair.right[1:]}" == \
            past_statement(first.text)[:1].upper() + past_statement(first.text)[1:]
        assert pair.left.endswith(f"({first.date.year})")
    elif isinstance(first, Event) and not pair.right.isdigit():
        # What a congress did: its own headline, split after the congress's name (with its
        # year, a hint left out at difficulty 3).
        assert first.text.rstrip(".") == f"{pair.left.rsplit(' (', 1)[0]} {pair.right}"
        assert pair.left.endswith(f"({first.date.year})") or "(" not in pair.left
    elif isinstance(first, OfficeName):
        assert pair.left == first.name
        assert pair.right == expected_periods(records, first.name)
    elif len(refs) == 2 and before is True:
        check_successor(records, refs[0], refs[1], MatchingPair(pair.right, pair.left, refs))
    elif len(refs) == 2:
        check_successor(records, refs[0], refs[1], pair)
    else:
        years = {d.year for d in sourced_dates(records, refs[0])}
        assert years == {int(pair.right)}


def check_title_in_year(records: RecordSet, office: OfficeName, year: int,
                        pair: MatchingPair) -> None:
    """The office bore this name all that year, and no other name in any part of it."""
    assert pair.right == office.name and office.end is not None
    assert office.start.year <= year <= office.end.year
    for other in records.offices:
        if other.id != office.id:
            assert not (other.start.year <= year <= (other.end or other.start).year), other.id


def check_holder(records: RecordSet, event_ref: BasisRef, start_ref: BasisRef,
                 pair: MatchingPair) -> None:
    """The event fell inside this tenure, surely after it began and before it ended."""
    event, tenure = records.record(event_ref.record), records.record(start_ref.record)
    assert isinstance(event, Event) and isinstance(tenure, Tenure)
    assert pair.right == tenure.person and start_ref.field == "start"
    assert surely_before(records, start_ref, event_ref)
    assert surely_before(records, event_ref, BasisRef(tenure.id, "end"))


def expected_periods(records: RecordSet, name: str) -> str:
    spans = sorted((o for o in records.offices if o.name == name), key=lambda o: o.start.iso())
    return ", ".join(str(o.start.year) if o.end and o.end.year == o.start.year
                     else f"{o.start.year}–{o.end.year}" if o.end else f"from {o.start.year}"
                     for o in spans)


def check_successor(records: RecordSet, a: BasisRef, b: BasisRef, pair: MatchingPair) -> None:
    before, after = records.record(a.record), records.record(b.record)
    assert isinstance(before, Tenure) and isinstance(after, Tenure)
    assert before.person in pair.left and after.person in pair.right
    assert before.person != after.person
    assert surely_before(records, a, b)
    for other in records.tenures:
        if other.id in (before.id, after.id) or other.office not in (before.office, after.office):
            continue
        ref = BasisRef(other.id, "start")
        between = other.start.compare(before.start) is not Order.BEFORE and \
            other.start.compare(after.start) is not Order.AFTER
        assert not between or surely_before(records, ref, a), other.id


def could_match(records: RecordSet, pair: MatchingPair, text: str) -> bool:
    """Whether a distractor would also be a right answer for this pair's left."""
    first = records.record(pair.basis[0].record)
    if isinstance(first, OfficeName):
        return text == expected_periods(records, first.name)
    return text == pair.right


def check_date(records: RecordSet, question: DateQuestion) -> None:
    if question.measure == "years":
        start, end = question.basis
        assert (start.field, end.field) == ("start", "end") and start.record == end.record
        spans = {years_between(s, e) for s in sourced_dates(records, start)
                 for e in sourced_dates(records, end)}
        assert spans == {(question.answer.year, question.answer.year)}
    else:
        (ref,) = question.basis
        dates = start_dates(records, ref)
        check_span_question(records, ref, question)
        assert all(d.supports(question.precision) for d in dates)
        assert question.answer == dates[0].truncate(question.precision)
        others = {d.truncate(question.precision) for d in dates} - {question.answer}
        assert {a.value for a in question.accept} == others
    if question.choices:
        assert question.answer in question.choices
        assert len(set(question.choices)) == len(question.choices)
        assert not {a.value for a in question.accept} & set(question.choices)


ONSET = ("begin", "start", "become", "first")


def check_span_question(records: RecordSet, ref: BasisRef, question: DateQuestion) -> None:
    """A span is asked by its start, never finer than start and end share; one that runs over
    several years only when the question asks when it began, in its editors' words."""
    end = span_end(records, ref)
    if end is None:
        return
    if end.truncate(question.precision) == question.answer:
        return  # start and end share what is asked ("in what year" of a congress in 1922)
    assert question.precision == "year", question.prompt
    if end.year - question.answer.year <= 1:  # a short span's last year is no wrong choice
        assert not {c.year for c in question.choices} & {end.year}, question.prompt
    event = records.record(ref.record)
    assert isinstance(event, Event)
    asked = event.asked.strip().rstrip("?.")
    assert asked and asked in question.prompt, question.prompt
    assert set(asked.lower().split()) & set(ONSET), question.prompt


def check_question(records: RecordSet, question: Question) -> None:
    assert question.basis and question.sources and question.explanation
    assert 1 <= question.difficulty <= 3
    known = {s.id for s in records.sources}
    assert all(ref.source in known for ref in question.sources)
    # A question cites quotes; which fields a quote supports stays in the record set.
    assert not [r for r in question.sources if r.supports]
    if isinstance(question, DateQuestion):
        assert not [r for a in question.accept for r in a.sources if r.supports]
    if isinstance(question, OrderingQuestion):
        check_ordering(records, question)
    elif isinstance(question, MatchingQuestion):
        check_matching(records, question)
    else:
        check_date(records, question)


def many_questions(records: RecordSet, total: int) -> Iterator[Question]:
    """At least `total` questions across seeds and difficulties."""
    made = 0
    for seed in itertools.count():
        for difficulty in (1, 2, 3):
            quiz = generate_question_set(records, count=20, seed=seed, difficulty=difficulty)
            yield from quiz.questions
            made += len(quiz.questions)
        if made >= total:
            return


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_answer_key_agrees_with_the_records_over_a_thousand_questions(name: str) -> None:
    records = SETS[name]
    count = 0
    for question in many_questions(records, 1000):
        check_question(records, question)
        count += 1
    assert count >= 1000


def test_the_checker_catches_a_wrong_year() -> None:
    records = SETS["gensec-mini"]
    quiz = generate_question_set(records, types=["date"], count=5, seed=1)
    question = next(q for q in quiz.questions
                    if isinstance(q, DateQuestion) and q.measure == "date")
    from dataclasses import replace

    wrong = replace(question, answer=PartialDate(question.answer.year + 1))
    with pytest.raises(AssertionError):
        check_question(records, wrong)


def test_sourced_dates_reads_conflict_values() -> None:
    records = SETS["gensec-mini"]
    dates = sourced_dates(records, BasisRef("tenure-khrushchev", "start"))
    assert {d.iso() for d in dates} == {"1953-09-07", "1953-09-14"}


def test_disputed_dates_of_the_built_in_records_are_asked_with_every_value() -> None:
    records = SETS["builtin"]
    asked = [q for q in enumerate_questions(records, types=["date"], difficulty=3)
             if isinstance(q, DateQuestion)
             and q.basis == (BasisRef("tenure-khrushchev-1953", "start"),)]
    assert [q.precision for q in asked] == ["day"]
    for question in asked:
        assert question.answer.iso() == "1953-09-07"
        assert [a.value.iso() for a in question.accept] == ["1953-09-14"]
        assert "disagree" in question.explanation
