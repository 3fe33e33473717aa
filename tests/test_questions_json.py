"""The question-set JSON: canonical dump, exact round trip, and every problem located."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gensec_quiz.bank.questions_json import (
    dump_question_set,
    load_question_set,
    question_from_dict,
    question_set_from_dict,
    question_set_to_dict,
    question_to_dict,
    save_question_set,
)
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.generation import enumerate_questions, generate_question_set

ROOT = Path(__file__).resolve().parent.parent
RECORDS = load_record_set(ROOT / "tests" / "data" / "topics" / "gensec-mini.json")
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "question-set.schema.json").read_text("utf-8"))


def quiz(difficulty: int = 2, seed: int = 0) -> QuestionSet:
    return generate_question_set(RECORDS, count=20, seed=seed, difficulty=difficulty)


def data_of(question_set: QuestionSet) -> dict[str, Any]:
    return json.loads(dump_question_set(question_set))


def problems(data: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        question_set_from_dict(data, where="set.json")
    return [str(p) for p in caught.value.problems]


def first_of(data: dict[str, Any], kind: str) -> int:
    return next(i for i, q in enumerate(data["questions"]) if q["type"] == kind)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_a_generated_set_round_trips_exactly(difficulty: int) -> None:
    original = quiz(difficulty)
    text = dump_question_set(original)
    again = question_set_from_dict(json.loads(text))
    assert again == original
    assert dump_question_set(again) == text


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_generated_sets_follow_the_json_schema(difficulty: int) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data_of(quiz(difficulty, seed=difficulty)), SCHEMA)


def test_the_schema_refuses_what_the_loader_refuses() -> None:
    data = data_of(quiz())
    data["questions"][0]["type"] = "essay"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_a_bad_type_is_named_with_its_path() -> None:
    data = data_of(quiz())
    data["questions"][3]["type"] = "essay"
    assert problems(data) == [
        "set.json: questions[3].type: 'essay' is not a question type "
        "(use ordering, matching, date)"]


def test_every_problem_is_listed_not_only_the_first() -> None:
    data = data_of(quiz())
    data["version"] = 7
    data["questions"][0]["difficulty"] = 9
    data["questions"][first_of(data, "ordering")]["items"][1]["text"] = ""
    data["questions"][first_of(data, "date")]["answer"] = "1999-13"
    found = problems(data)
    assert len(found) == 4
    assert found[0] == "set.json: version: 7 is newer than this app reads (1); update the app"
    assert any("difficulty: must be 1, 2 or 3" in p for p in found)
    assert any(".items[1].text: must be a non-empty text" in p for p in found)
    assert any(".answer: month 13 does not exist" in p for p in found)


def test_a_misspelt_key_is_reported_rather_than_ignored() -> None:
    data = data_of(quiz())
    data["questions"][0]["promt"] = "typo"
    assert any("questions[0].promt: unknown key" in p for p in problems(data))


def test_repeated_question_ids_are_refused() -> None:
    data = data_of(quiz())
    data["questions"][1]["id"] = data["questions"][0]["id"]
    assert any("questions[1].id: the question id" in p and "appears twice" in p
               for p in problems(data))


def test_matching_rights_must_be_distinct_including_distractors() -> None:
    data = data_of(quiz(3, seed=6))
    index = first_of(data, "matching")
    question = data["questions"][index]
    question["extra_right"] = [question["pairs"][0]["right"]]
    assert any(f"questions[{index}].extra_right[0]" in p and "appears twice" in p
               for p in problems(data))


def test_a_choice_question_must_offer_its_answer() -> None:
    data = data_of(quiz(1))
    index = next(i for i, q in enumerate(data["questions"])
                 if q["type"] == "date" and q["choices"] and q["measure"] == "date")
    question = data["questions"][index]
    question["choices"] = [c for c in question["choices"] if c != question["answer"]]
    assert any(f"questions[{index}].choices: the answer" in p for p in problems(data))


def test_an_answer_coarser_than_the_precision_is_refused() -> None:
    data = data_of(quiz())
    index = first_of(data, "date")
    data["questions"][index].update({"measure": "date", "answer": "1953", "precision": "day"})
    assert any(f"questions[{index}].answer: 1953 is not known to the day" in p
               for p in problems(data))


def test_a_bad_tolerance_tier_is_refused() -> None:
    data = data_of(quiz())
    index = first_of(data, "date")
    data["questions"][index]["tolerance"] = {"full": 0, "partial": [[1, 1.5]]}
    assert any(f"questions[{index}].tolerance.partial[0]" in p for p in problems(data))


def test_a_year_count_question_stores_whole_numbers() -> None:
    question = next(q for q in enumerate_questions(RECORDS, types=["date"])
                    if q.type == "date" and q.measure == "years")
    data = question_to_dict(question)
    assert isinstance(data["answer"], int) and all(isinstance(c, int) for c in data["choices"])
    assert question_from_dict(data) == question


def test_the_top_level_must_be_an_object() -> None:
    assert problems([1, 2]) == ["set.json: (top): a question set must be a JSON object"]


def test_save_and_load_go_through_a_file(tmp_path: Path) -> None:
    original = quiz()
    path = tmp_path / "quiz.json"
    save_question_set(original, path)
    assert load_question_set(path) == original
    assert not (tmp_path / "quiz.json.tmp").exists()


def test_loading_reports_broken_json_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": \n}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_question_set(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:3: is not valid JSON")


def test_loading_json_nested_too_deeply_is_one_sentence_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_question_set(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}: is nested too deeply to be read"]


def test_loading_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_question_set(tmp_path / "nothing.json")


def test_to_dict_does_not_share_state_with_the_question_set() -> None:
    original = quiz()
    data = question_set_to_dict(original)
    mutated = copy.deepcopy(data)
    mutated["questions"][0]["prompt"] = "changed"
    assert question_set_from_dict(data) == original


@pytest.mark.parametrize("path", sorted((ROOT / "question_bank").glob("*.json")),
                         ids=lambda p: p.name)
def test_every_ready_set_reads_and_writes_back_byte_for_byte(path: Path) -> None:
    assert dump_question_set(load_question_set(path)) == path.read_text(encoding="utf-8")
