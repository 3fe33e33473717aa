"""The question-set models: the committed schema is theirs, and what they refuse reaches a user as
one located sentence per problem, never in pydantic's words."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Annotated, Any, Literal

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import Field

from gensec_quiz.bank.classroom_lock import classroom_problems, load_classroom
from gensec_quiz.bank.json_checks import (
    DateText,
    Expect,
    Findings,
    FormatModel,
    Text,
    json_path,
    says,
)
from gensec_quiz.bank.question_set_model import QuestionSetModel
from gensec_quiz.bank.questions_json import dump_question_set, question_set_from_dict
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.bank.schemas import SCHEMAS, main, schema_text
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import DateQuestion, MatchingQuestion, OrderingQuestion
from gensec_quiz.generation import generate_question_set
from json_support import places

ROOT = Path(__file__).resolve().parent.parent
RECORDS = load_record_set(ROOT / "tests" / "data" / "topics" / "gensec-mini.json")
JARGON = ("Input should", "type=", "pydantic", "Field required", "Extra inputs", "errors.")


def sample(difficulty: int = 3, seed: int = 6) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dump_question_set(
        generate_question_set(RECORDS, count=20, seed=seed, difficulty=difficulty)))
    return data


SAMPLE = sample()


def fresh() -> dict[str, Any]:
    return copy.deepcopy(SAMPLE)


def problems(data: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        question_set_from_dict(data, where="set.json")
    return [str(p) for p in caught.value.problems]


def index_of(data: dict[str, Any], kind: str, **fields: Any) -> int:
    return next(i for i, q in enumerate(data["questions"]) if q["type"] == kind
                and all(q.get(k) == v for k, v in fields.items()))


# ---------------------------------------------------------------- the schema


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_committed_schema_is_what_the_models_give(name: str) -> None:
    committed = (ROOT / "docs" / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schema_text(name), (
        f"docs/schemas/{name} is out of date: run python -m gensec_quiz.bank.schemas")


def test_every_committed_schema_is_written_from_models() -> None:
    committed = {path.name for path in (ROOT / "docs" / "schemas").glob("*.json")}
    assert committed == set(SCHEMAS) == {"question-set.schema.json", "records.schema.json"}


def test_the_schema_writer_writes_every_schema_into_the_folder_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(tmp_path)]) == 0
    for name in SCHEMAS:
        assert (tmp_path / name).read_text(encoding="utf-8") == schema_text(name)
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / n) for n in SCHEMAS]


def test_the_written_schema_is_draft_2020_12_and_accepts_every_question_type() -> None:
    schema = json.loads(schema_text("question-set.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {q["type"] for q in SAMPLE["questions"]} == {"ordering", "matching", "date"}
    jsonschema.validate(SAMPLE, schema)


@pytest.mark.parametrize(("path", "value"), [
    (("questions", 0, "difficulty"), 4),
    (("questions", 0, "prompt"), " "),
    (("classroom",), {"mode": "exam", "time_limit_minutes": 500}),
    (("version",), 2),
])
def test_the_schema_refuses_what_the_models_refuse(path: tuple[Any, ...], value: Any) -> None:
    data = fresh()
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert problems(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(schema_text("question-set.schema.json")))


# ---------------------------------------------------------------- sentences


def test_a_missing_key_is_told_what_it_must_be() -> None:
    data = fresh()
    del data["title"]
    question = data["questions"][0]
    for key in ("prompt", "difficulty", "sources"):
        del question[key]
    assert problems(data) == [
        "set.json: title: must be a non-empty text",
        "set.json: questions[0].prompt: must be a non-empty text",
        "set.json: questions[0].difficulty: must be 1, 2 or 3",
        "set.json: questions[0].sources: must be a list",
    ]


def test_true_is_not_taken_for_the_number_one() -> None:
    data = fresh()
    data["version"] = True
    data["questions"][0]["difficulty"] = True
    data["classroom"] = {"mode": "exam", "time_limit_minutes": True}
    assert problems(data) == [
        "set.json: version: must be 1",
        "set.json: classroom.time_limit_minutes: must be a whole number of minutes from 1 to "
        "240, or null",
        "set.json: questions[0].difficulty: must be 1, 2 or 3",
    ]


def test_a_misspelt_key_comes_before_the_problem_it_causes() -> None:
    data = fresh()
    question = data["questions"][2]
    question["promt"] = question.pop("prompt")
    found = problems(data)
    assert found[0].startswith("set.json: questions[2].promt: unknown key (known keys: id, "
                               "type, prompt, explanation, difficulty, sources, basis, ")
    assert found[1:] == ["set.json: questions[2].prompt: must be a non-empty text"]


def test_an_unknown_key_in_a_source_reference_is_reported() -> None:
    data = fresh()
    data["questions"][1]["sources"][0]["page"] = 12
    assert problems(data) == ["set.json: questions[1].sources[0].page: unknown key (known "
                              "keys: source, quote)"]


def test_one_question_broken_in_shape_does_not_hide_another_questions_problems() -> None:
    data = fresh()
    ordering = index_of(data, "ordering")
    matching = index_of(data, "matching")
    data["questions"][ordering]["items"] = "Stalin, Khrushchev"
    pairs = data["questions"][matching]["pairs"]
    pairs[1]["left"] = pairs[0]["left"]
    expected = [
        f"set.json: questions[{ordering}].items: must be a list",
        f"set.json: questions[{matching}].pairs[1].left: the left-hand text "
        f"'{pairs[0]['left']}' appears twice",
    ]
    # Problems are told in the order of the questions, whichever type the generator put first.
    assert problems(data) == (expected if ordering < matching else expected[::-1])


def test_a_list_too_short_is_told_how_many_it_needs() -> None:
    data = fresh()
    ordering, matching = index_of(data, "ordering"), index_of(data, "matching")
    del data["questions"][ordering]["items"][1:]
    del data["questions"][matching]["pairs"][1:]
    data["questions"][matching]["extra_right"] = ["only one"]
    expected = [
        f"set.json: questions[{ordering}].items: an ordering question needs at least two items",
        f"set.json: questions[{matching}]: a matching question with one pair is multiple "
        "choice and needs at least two extra_right distractors",
    ]
    assert problems(data) == (expected if ordering < matching else expected[::-1])


def test_a_years_question_is_told_to_use_whole_years() -> None:
    data = fresh()
    index = index_of(data, "date")
    question = data["questions"][index]
    question.update({"measure": "years", "precision": "year", "answer": "1953", "accept": [],
                     "choices": [7, 10_000]})
    assert problems(data) == [
        f"set.json: questions[{index}].answer: must be a whole number of years from 1 to 9999",
        f"set.json: questions[{index}].choices[1]: must be a whole number of years from 1 to "
        "9999",
    ]
    question.update({"answer": 7, "choices": [7, 8, 9]})
    years = question_set_from_dict(data).questions[index]
    assert isinstance(years, DateQuestion)
    assert (years.measure, years.answer.year, len(years.choices)) == ("years", 7, 3)


def test_a_date_question_is_told_to_use_dates_that_exist() -> None:
    data = fresh()
    index = index_of(data, "date", measure="date")
    question = data["questions"][index]
    question.update({"answer": 1953, "choices": [], "accept": [{"value": "1953-02-30",
                                                                "sources": []}]})
    assert problems(data) == [
        f"set.json: questions[{index}].answer: must be a date such as 1934, 1921-03 or "
        "1922-04-03",
        f"set.json: questions[{index}].accept[0].value: day 30 does not exist in February 1953",
    ]


def test_a_partial_credit_tier_must_lie_above_full_credit() -> None:
    data = fresh()
    index = index_of(data, "date")
    data["questions"][index]["tolerance"] = {"full": 2, "partial": [[3, 0.5], [2, 0.25]]}
    assert problems(data) == [
        f"set.json: questions[{index}].tolerance.partial[1]: must be [distance, credit]: a "
        "distance above 'full' and a credit between 0 and 1"]


def test_keys_that_could_be_left_out_or_null_still_can() -> None:
    data = fresh()
    data.update({"generator": None, "classroom": None})
    del data["description"]
    for question in data["questions"]:
        del question["explanation"]
        question.pop("scoring", None)
        if question["type"] == "matching" and len(question["pairs"]) > 1:
            question["extra_right"] = None  # multiple choice (one pair) needs its distractors
        if question["type"] == "date":
            question.update({"accept": None, "choices": None})
            for key in ("measure", "precision", "tolerance"):
                question.pop(key)
            question["answer"] = str(question["answer"])[:4]
    read = question_set_from_dict(data)
    assert read.generator is None and read.description == ""
    for question in read.questions:
        assert question.explanation == ""
        if isinstance(question, OrderingQuestion):
            assert question.scoring == "relative_all_previous_and_next"
        elif isinstance(question, MatchingQuestion):
            assert question.scoring == "per_pair"
            assert question.extra_right == () or len(question.pairs) == 1
        else:
            assert isinstance(question, DateQuestion)
            assert (question.measure, question.precision, question.choices) == (
                "date", "year", ())


def test_a_classroom_lock_that_is_not_an_object_is_one_sentence() -> None:
    assert classroom_problems("exam") == (None, [
        ("classroom", 'must be an object such as {"mode": "exam", "time_limit_minutes": 20}')])
    data = fresh()
    data["classroom"] = ["exam"]
    assert problems(data) == ['set.json: classroom: must be an object such as {"mode": "exam", '
                              '"time_limit_minutes": 20}']


def test_a_file_with_a_bad_lock_reads_as_having_none(tmp_path: Path) -> None:
    path = tmp_path / "set.json"
    data = fresh()
    data["classroom"] = {"mode": "exam", "all_or_nothing": "yes"}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_classroom(path) is None


# ---------------------------------------------------------------- the translation, for any model


class _Pair(FormatModel):
    left: Text
    count: int
    positive: Annotated[int, Field(gt=0)]
    when: DateText


def _text_or_null(value: Any, _context: dict[str, Any]) -> str | None:
    return None if value is None or isinstance(value, str) else "must be text or null"


class _Doc(FormatModel):
    pairs: list[_Pair]
    chosen: Annotated[str, Expect(lambda value, context: None if value in context.get(
        "allowed", ()) else f"{value!r} is not allowed here")]
    value: Annotated[str | None, Expect(_text_or_null, missing=says("is missing (text or null)"))]


def test_any_model_gets_located_sentences_even_where_it_has_no_sentence_of_its_own() -> None:
    found = Findings("doc.json")
    data = {"pairs": [{"left": "", "count": "3", "positive": -1, "when": "1953-02-30"}, 7],
            "chosen": "b", "colour": 1}
    assert found.validate(_Doc, data, context={"allowed": ("a",)}) is None
    assert [str(p) for p in found.problems] == [
        "doc.json: colour: unknown key (known keys: pairs, chosen, value)",
        "doc.json: pairs[0].left: must be a non-empty text",
        "doc.json: pairs[0].count: must be a whole number",
        "doc.json: pairs[0].positive: is not a value this format allows here",
        "doc.json: pairs[0].when: day 30 does not exist in February 1953",
        "doc.json: pairs[1]: must be an object",
        "doc.json: chosen: 'b' is not allowed here",
        "doc.json: value: is missing (text or null)",
    ]
    read = found.validate(_Doc, {"pairs": [], "chosen": "a", "value": None},
                          context={"allowed": ("a",)})
    assert read is not None and read.value is None


class _Prefer(FormatModel):
    action: Literal["prefer"]
    value: Text


class _Avoid(FormatModel):
    action: Literal["avoid"]
    reason: Text


class _Conflict(FormatModel):
    resolution: Annotated[_Prefer | _Avoid, Field(discriminator="action")]


@pytest.mark.parametrize(("resolution", "expected"), [
    ({"action": "prefer", "value": " ", "why": 1}, [
        "c.json: resolution.why: unknown key (known keys: action, value)",
        "c.json: resolution.value: must be a non-empty text"]),
    ({"action": "maybe"}, [
        "c.json: resolution: needs 'action' to be one of prefer, avoid (found 'maybe')"]),
    ({"reason": "r"}, [
        "c.json: resolution: needs 'action' to be one of prefer, avoid (found none)"]),
])
def test_a_tagged_union_is_placed_by_its_keys_not_by_pydantics_tag(
    resolution: dict[str, Any], expected: list[str],
) -> None:
    found = Findings("c.json")
    assert found.validate(_Conflict, {"resolution": resolution}) is None
    assert [str(p) for p in found.problems] == expected


def test_the_whole_file_model_places_a_problem_inside_a_question_as_the_reader_does() -> None:
    data = fresh()
    index = index_of(data, "ordering")
    data["questions"][index]["items"][0]["text"] = ""
    found = Findings("set.json")
    assert found.validate(QuestionSetModel, data) is None
    assert [str(p) for p in found.problems] == problems(data) == [
        f"set.json: questions[{index}].items[0].text: must be a non-empty text"]


def test_json_paths_join_keys_with_dots_and_indexes_with_brackets() -> None:
    assert json_path("questions[3]", ("items", 0, "text")) == "questions[3].items[0].text"
    assert json_path("", ("tenures", 2)) == "tenures[2]"
    assert json_path("", ()) == ""


# ---------------------------------------------------------------- anything at all

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10_000) | st.floats(allow_nan=False)
    | st.text(max_size=6)
    | st.sampled_from(["1953", "1953-02-30", "1922-04-03", "years", "day", "exam", "ordering"]),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["mode", "full", "partial", "text", "value", "left",
                                       "source", "record", "x"]), children, max_size=3),
    max_leaves=12,
)


PLACES = places(SAMPLE)[1:]


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(PLACES), _JSON), min_size=1, max_size=3))
def test_any_change_to_a_set_reads_or_is_refused_in_plain_located_sentences(
    changes: list[tuple[tuple[Any, ...], Any]],
) -> None:
    data = fresh()
    for place, value in changes:
        target: Any = data
        for step in place[:-1]:
            if not isinstance(target, dict | list) or (
                    isinstance(target, list) and not isinstance(step, int)):
                break
            try:
                target = target[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            if isinstance(target, dict) or (isinstance(target, list)
                                            and isinstance(place[-1], int)
                                            and place[-1] < len(target)):
                target[place[-1]] = value
    try:
        question_set_from_dict(data, where="set.json")
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            text = str(problem)
            assert text.startswith("set.json: ") and "\n" not in text
            assert not any(word in problem.message for word in JARGON), text
