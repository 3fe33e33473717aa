"""A teacher's edited or hand-written question: read with located sentences, and checked
against the records it rests on (no Qt)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from gensec_quiz.application.question_edit import (
    check_against_records,
    editor_sentences,
    facts,
    kept,
    new_question_id,
    place_name,
    question_from_data,
    question_to_data,
    sources_for,
    template,
)
from gensec_quiz.bank.questions_json import load_question_set, save_question_set
from gensec_quiz.domain.dates import PartialDate, Precision
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import (
    AcceptedDate,
    BasisRef,
    DateQuestion,
    MatchingPair,
    MatchingQuestion,
    OrderingItem,
    OrderingQuestion,
    QuestionSet,
)
from gensec_quiz.domain.records import (
    Conflict,
    ConflictOption,
    Event,
    RecordId,
    RecordSet,
    Resolution,
    Source,
    SourceId,
    SourceRef,
    Tenure,
)

D = PartialDate.parse
QUOTE = SourceRef(SourceId("wiki"), "Khrushchev was elected First Secretary in September 1953.")


def records() -> RecordSet:
    def tenure(key: str, person: str, office: str, start: str, end: str) -> Tenure:
        return Tenure(RecordId(key), person, office, D(start), D(end), sources=(QUOTE,))

    return RecordSet(
        id="test-records", title="Test records",
        sources=(Source(SourceId("wiki"), "Wikipedia"),),
        tenures=(
            tenure("tenure-stalin", "Joseph Stalin", "General Secretary", "1922-04-03",
                   "1952-10-16"),
            tenure("tenure-khrushchev", "Nikita Khrushchev", "First Secretary", "1953-09-07",
                   "1964-10-14"),
            tenure("tenure-brezhnev", "Leonid Brezhnev", "First Secretary", "1964-10-14",
                   "1982-11-10"),
        ),
        events=(Event(RecordId("event-20th-congress"), D("1956-02"),
                      "The 20th Party Congress hears Khrushchev denounce Stalin."),),
        conflicts=(Conflict(RecordId("tenure-khrushchev"), "start", (
            ConflictOption("1953-09-07", (QUOTE,)), ConflictOption("1953-09-14", (QUOTE,))),
            Resolution("prefer", "the table", "1953-09-07")),),
    )


def date_question(answer: str, *, precision: Precision = "year",
                  basis: str = "tenure-brezhnev.start", **more: Any) -> DateQuestion:
    record, field = basis.split(".")
    return DateQuestion(id="q", prompt="When?", explanation="", difficulty=2, sources=(),
                        basis=(BasisRef(record, field),), answer=D(answer), precision=precision,
                        **more)


def ordering(*items: tuple[str, str]) -> OrderingQuestion:
    parts = tuple(OrderingItem(text, (BasisRef(*ref.split(".")),)) for text, ref in items)
    return OrderingQuestion(id="o", prompt="Order these.", explanation="", difficulty=2,
                            sources=(), basis=tuple(b for p in parts for b in p.basis),
                            items=parts)


def matching(*pairs: tuple[str, str, str], extra: tuple[str, ...] = ()) -> MatchingQuestion:
    made = tuple(MatchingPair(left, right, (BasisRef(*ref.split(".")),))
                 for left, right, ref in pairs)
    return MatchingQuestion(id="m", prompt="Match.", explanation="", difficulty=2, sources=(),
                            basis=tuple(b for p in made for b in p.basis), pairs=made,
                            extra_right=extra)


def wheres(question: Any) -> list[str]:
    return [p.where for p in check_against_records(question, records())]


# Dates ----------------------------------------------------------------------------------------


def test_a_date_answer_that_is_the_records_value_agrees() -> None:
    assert check_against_records(date_question("1964"), records()) == []
    assert check_against_records(date_question("1964-10-14", precision="day"), records()) == []


def test_a_date_answer_that_is_not_the_records_value_is_a_contradiction_naming_both() -> None:
    problems = check_against_records(date_question("1965"), records())
    assert [p.where for p in problems] == ["answer"]
    assert "1965" in problems[0].message and "1964-10-14" in problems[0].message
    assert "when Leonid Brezhnev took office as First Secretary" in problems[0].message


def test_either_value_of_a_disputed_date_agrees_and_a_third_does_not() -> None:
    basis = "tenure-khrushchev.start"
    assert wheres(date_question("1953-09-14", precision="day", basis=basis)) == []
    assert wheres(date_question("1953-09-07", precision="day", basis=basis)) == []
    assert wheres(date_question("1953-09-20", precision="day", basis=basis)) == ["answer"]


def test_an_accepted_alternative_the_records_do_not_give_is_a_contradiction() -> None:
    question = date_question("1964", accept=(AcceptedDate(D("1966"), ()),))
    assert wheres(question) == ["accept[0]"]


def test_a_wrong_choice_that_the_records_make_right_is_a_contradiction() -> None:
    question = date_question("1964-10", precision="month",
                             choices=(D("1964-10"), D("1964-11"), D("1965-01")))
    assert wheres(question) == []
    khrushchev = date_question("1953-09", precision="month", basis="tenure-khrushchev.start",
                               choices=(D("1953-09"), D("1953-10")))
    assert wheres(khrushchev) == []
    brezhnev_end_as_start = date_question(
        "1964", basis="tenure-khrushchev.end", choices=(D("1964"), D("1953"), D("1982")))
    assert wheres(brezhnev_end_as_start) == []
    start = date_question("1965", basis="tenure-brezhnev.start",
                          choices=(D("1965"), D("1964"), D("1970")))
    assert wheres(start) == ["answer", "choices[1]"]


def test_a_number_of_years_is_checked_against_the_tenures_two_ends() -> None:
    def years(answer: int) -> DateQuestion:
        return DateQuestion(
            id="y", prompt="How long?", explanation="", difficulty=2, sources=(),
            basis=(BasisRef("tenure-brezhnev", "start"), BasisRef("tenure-brezhnev", "end")),
            answer=PartialDate(answer), measure="years")

    assert wheres(years(18)) == []
    problems = check_against_records(years(20), records())
    assert [p.where for p in problems] == ["answer"] and "18" in problems[0].message


def test_an_event_month_is_known_to_the_month_only() -> None:
    assert wheres(date_question("1956-02-25", precision="day",
                                basis="event-20th-congress.date")) == []
    assert wheres(date_question("1957", basis="event-20th-congress.date")) == ["answer"]


def test_a_question_on_nothing_in_the_records_has_nothing_to_contradict() -> None:
    question = dataclasses.replace(date_question("1812"), basis=())
    assert check_against_records(question, records()) == []


def test_a_basis_the_records_do_not_hold_is_said() -> None:
    problems = check_against_records(date_question("1964", basis="tenure-nobody.start"),
                                     records())
    assert [p.where for p in problems] == ["basis[0]"]
    assert "tenure-nobody" in problems[0].message


def test_no_generated_question_contradicts_the_records_it_was_made_from() -> None:
    from gensec_quiz.bank.builtin import builtin_records
    from gensec_quiz.generation import enumerate_questions

    made = builtin_records()
    pool = [q for level in (1, 2, 3) for q in enumerate_questions(made, difficulty=level)]
    assert len(pool) > 300
    assert [(q.id, check_against_records(q, made)) for q in pool
            if check_against_records(q, made)] == []


# Orderings and matchings ----------------------------------------------------------------------


def test_an_ordering_key_against_the_records_order_is_a_contradiction_at_the_item() -> None:
    right = ordering(("Stalin", "tenure-stalin.start"), ("Khrushchev", "tenure-khrushchev.start"),
                     ("Brezhnev", "tenure-brezhnev.start"))
    assert wheres(right) == []
    wrong = dataclasses.replace(right, items=(right.items[1], right.items[0], right.items[2]))
    problems = check_against_records(wrong, records())
    assert [p.where for p in problems] == ["items[1]"]
    assert "Stalin" in problems[0].message and "Khrushchev" in problems[0].message


def test_a_matching_right_hand_text_is_checked_as_a_date_or_as_the_records_text() -> None:
    good = matching(("Khrushchev", "First Secretary", "tenure-khrushchev.office"),
                    ("Stalin", "1922", "tenure-stalin.start"),
                    ("Brezhnev", "October 1964", "tenure-brezhnev.start"))
    assert wheres(good) == []
    bad = matching(("Khrushchev", "General Secretary", "tenure-khrushchev.office"),
                   ("Stalin", "1924", "tenure-stalin.start"),
                   ("Brezhnev", "October 1964", "tenure-brezhnev.start"))
    assert wheres(bad) == ["pairs[0].right", "pairs[1].right"]
    successor = matching(("Stalin", "Nikita Khrushchev", "tenure-khrushchev.start"),
                         ("Khrushchev", "Leonid Brezhnev", "tenure-brezhnev.start"))
    assert wheres(successor) == []  # a name matched to a dated fact: no date to check


def test_a_wrong_choice_of_a_who_question_that_is_also_right_is_a_contradiction() -> None:
    question = matching(("Who", "Nikita Khrushchev", "tenure-khrushchev.person"),
                        extra=("Joseph Stalin", "Nikita  khrushchev"))
    assert wheres(question) == ["extra_right[1]"]


# Reading what the editor made ------------------------------------------------------------------


def test_an_edited_question_reads_back_to_the_same_question() -> None:
    question = date_question("1964", accept=(AcceptedDate(D("1965"), (QUOTE,)),),
                             choices=(D("1964"), D("1965"), D("1970")))
    assert question_from_data(question_to_data(question)) == question


def test_every_problem_of_an_edit_is_a_located_sentence_in_the_editors_words() -> None:
    data = template("matching", "hand-1")
    data["prompt"] = "Match them."
    data["pairs"][0].update(left="Stalin", right="1922")
    data["pairs"][1].update(left="Stalin", right="1953")
    data["pairs"][2].update(left="Brezhnev", right="")
    with pytest.raises(InputError) as caught:
        question_from_data(data)
    assert editor_sentences(caught.value.problems) == ["Pair 3, right: must be a non-empty text"]
    data["pairs"][2]["right"] = "1964"
    with pytest.raises(InputError) as caught:
        question_from_data(data)
    assert editor_sentences(caught.value.problems) == [
        "Pair 2, left: the left-hand text 'Stalin' appears twice"]


def test_a_date_edit_with_a_date_that_does_not_exist_or_a_bad_tier_is_refused_where_it_is(
) -> None:
    data = template("date", "hand-2")
    data.update(prompt="When?", answer="1953-02-30")
    with pytest.raises(InputError) as caught:
        question_from_data(data)
    assert [place_name(p.where) for p in caught.value.problems] == ["Answer"]
    assert "day 30 does not exist in February 1953" in caught.value.problems[0].message
    data.update(answer="1953", choices=["1953", "1954"],
                tolerance={"full": 1, "partial": [[1, 0.5]]})
    with pytest.raises(InputError) as caught:
        question_from_data(data)
    assert [place_name(p.where) for p in caught.value.problems] == ["Partial-credit tier 1"]


def test_a_one_pair_matching_is_a_multiple_choice_with_two_to_four_wrong_choices() -> None:
    data = template("choice", "hand-3")
    data["prompt"] = "Who became First Secretary in 1953?"
    data["pairs"][0]["right"] = "Nikita Khrushchev"
    data["extra_right"] = ["Joseph Stalin", "Leonid Brezhnev"]
    question = question_from_data(data)
    assert isinstance(question, MatchingQuestion) and len(question.pairs) == 1
    assert question.right_choices() == ("Nikita Khrushchev", "Joseph Stalin", "Leonid Brezhnev")
    data["extra_right"] = ["Joseph Stalin"]
    with pytest.raises(InputError) as caught:
        question_from_data(data)
    assert [p.where for p in caught.value.problems] == ["extra_right"]


def test_a_new_question_id_is_unique_in_the_set_and_made_from_what_was_written() -> None:
    data = {"prompt": "Who?", "pairs": [{"left": "A", "right": "B"}]}
    first = new_question_id("choice", data, set())
    assert first.startswith("hand-") and first == new_question_id("choice", data, {"other"})
    assert new_question_id("choice", data, {first}) == f"{first}-2"


def test_the_facts_offered_are_the_records_with_their_values_and_their_quotes() -> None:
    found = {f.basis.key(): f.label for f in facts(records())}
    assert "1953-09-07" in found["tenure-khrushchev.start"]
    assert "First Secretary" in found["tenure-khrushchev.office"]
    assert "1956-02" in found["event-20th-congress.date"]
    assert sources_for(records(), [BasisRef("tenure-khrushchev", "start")]) == (QUOTE,)


# The override mark ------------------------------------------------------------------------------


def test_a_contradicted_key_is_kept_only_as_an_override_and_marked_so() -> None:
    wrong = date_question("1965")
    with pytest.raises(InputError) as caught:
        kept(wrong, records(), override=False)
    assert [p.where for p in caught.value.problems] == ["answer"]
    assert kept(wrong, records(), override=True).override is True
    marked = kept(wrong, records(), override=True)
    assert isinstance(marked, DateQuestion)
    corrected = dataclasses.replace(marked, answer=D("1964"))
    assert kept(corrected, records(), override=True).override is False


def test_the_override_mark_is_written_in_the_set_file_and_read_back(tmp_path: Path) -> None:
    marked = dataclasses.replace(date_question("1965"), id="a", override=True)
    plain = dataclasses.replace(date_question("1964"), id="b")
    path = tmp_path / "set.json"
    save_question_set(QuestionSet(id="s", title="S", records="test-records",
                                  questions=(marked, plain)), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["questions"][0]["override"] is True
    assert "override" not in data["questions"][1]  # unmarked questions keep their bytes
    assert [q.override for q in load_question_set(path).questions] == [True, False]


def test_an_override_that_is_not_true_or_false_is_refused_where_it_is() -> None:
    data = question_to_data(date_question("1964"))
    data["override"] = "yes"
    with pytest.raises(InputError) as caught:
        question_from_data(data)
    assert [(p.where, p.message) for p in caught.value.problems] == [
        ("override", "must be true or false")]
