"""Hardening (issue 13): what a user's file holds reaches no terminal, window or export unless it
is text; huge numbers, lone surrogates, control characters and one file given twice are refused
with a located sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.bank.questions_json import load_question_set
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.storage import StoreError, open_store

GOOD_CSV = Path(__file__).resolve().parent / "data" / "csv" / "good" / "tenures.csv"
HEADER = "person,office,start,end,end_reason,acting,note\n"


def _refused(load: object, path: Path) -> list[str]:
    assert callable(load)
    with pytest.raises(InputError) as caught:
        load(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("load", [load_question_set, load_record_set])
def test_a_json_integer_of_thousands_of_digits_is_one_located_sentence(
        tmp_path: Path, load: object) -> None:
    path = tmp_path / "huge.json"
    path.write_text('{\n"format": "x",\n"count": ' + "9" * 5000 + "\n}\n", encoding="utf-8")
    problems = _refused(load, path)
    assert problems == [f"{path}:3: holds a number of 5000 digits; numbers here have at most 100"]


@pytest.mark.parametrize("load", [load_question_set, load_record_set])
@pytest.mark.parametrize("text", ["\\ud800", "\\u001b[31mred", "a\\u202eb"])
def test_a_json_string_that_is_not_plain_text_is_refused_with_its_place(
        tmp_path: Path, load: object, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "x", "title": "' + text + '"}', encoding="utf-8")
    problems = _refused(load, path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}: title: holds")


def test_control_characters_in_a_csv_cell_are_refused_with_their_place(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "Ann\x1b[2J,General Secretary,1950,1960,,no,\n", encoding="utf-8")
    problems = _refused(lambda p: load_records_csv([p]), path)
    assert problems == [f"{path}:2: person: holds the control character U+001B at character 4; "
                        "remove it"]


def test_the_same_csv_given_twice_is_refused_not_duplicated(tmp_path: Path) -> None:
    problems = _refused(lambda p: load_records_csv([p, tmp_path / ".." / tmp_path.name / p.name]),
                        _copy(GOOD_CSV, tmp_path))
    assert len(problems) == 1 and "is given more than once" in problems[0]


def _copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    target.write_bytes(source.read_bytes())
    return target


@pytest.mark.parametrize("name", ["\u200b", "\u3164", "An\u200bna", "\u0410nna", "Ann\u202e"])
def test_invisible_and_look_alike_learner_names_are_refused(tmp_path: Path, name: str) -> None:
    with open_store(tmp_path / "db.sqlite3") as store:
        with pytest.raises(StoreError):
            store.add_learner(name)
        assert store.learners() == []


def test_a_name_in_one_alphabet_with_other_spaces_is_kept_with_ordinary_spaces(
        tmp_path: Path) -> None:
    with open_store(tmp_path / "db.sqlite3") as store:
        store.add_learner("Анна\u00a0Петрова")
        store.add_learner("Anna Smith")
        assert [info.name for info in store.learners()] == ["Anna Smith", "Анна Петрова"]


def test_json_reading_still_accepts_ordinary_text_with_line_breaks(tmp_path: Path) -> None:
    from gensec_quiz.bank.json_checks import parse_json

    text = json.dumps({"title": "Line one\nline two\ttab", "n": 12345678901234567890})
    assert parse_json(text, "x.json")["n"] == 12345678901234567890


def test_a_file_with_a_huge_integer_in_the_data_folder_does_not_stop_the_listings(
        tmp_path: Path) -> None:
    from gensec_quiz.application.question_sets import QuestionSetLibrary
    from gensec_quiz.application.record_sets import RecordSetLibrary
    from gensec_quiz.paths import DataFolder

    folder = DataFolder(tmp_path / "data")
    for place in (folder.question_sets, folder.record_sets):
        place.mkdir(parents=True)
        (place / "huge.json").write_text('{"format": "x", "n": ' + "7" * 5000 + "}",
                                         encoding="utf-8")
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    assert QuestionSetLibrary(folder, shipped).entries() == []
    assert RecordSetLibrary(folder, builtin=_no_builtin).kept() == []


def _no_builtin() -> RecordSet:
    raise AssertionError("the built-in record set is not needed to list the kept ones")
