"""The record-set JSON format: canonical writing, located problems, and its JSON Schema."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz import paths
from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.bank.records_json import (
    dump_record_set,
    load_record_set,
    record_set_from_dict,
    record_set_to_dict,
    save_record_set,
)
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "records.schema.json").read_text("utf-8"))
CSV = Path(__file__).resolve().parent / "data" / "csv"
SAMPLE = CSV / "json" / "sample_records.json"
_KEYS_SEEN = ("format", "version", "id", "title", "sources", "tenures", "events", "conflicts",
              "offices", "person", "office", "start", "end", "acting", "date", "text", "source",
              "quote", "subject", "field", "values", "value", "resolution", "action", "reason",
              "file", "name")


def _sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def _problems(data: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        record_set_from_dict(data, where="x.json")
    return [str(p) for p in caught.value.problems]


def _schema_errors(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(data)]


# ---------------------------------------------------------------- reading and writing


def test_sample_reads_with_every_kind_of_record() -> None:
    records = load_record_set(SAMPLE)
    assert (records.id, len(records.sources), len(records.offices)) == ("sample", 2, 1)
    khrushchev = records.record("tenure-khrushchev")
    assert khrushchev.start == PartialDate(1953, 9, 7)
    assert [r.source for r in khrushchev.sources] == ["table", "prose"]
    assert records.record("tenure-ivashko").acting is True  # type: ignore[union-attr]
    assert records.is_disputed("tenure-khrushchev", "start")
    assert records.conflicts_for("tenure-stalin")[0].avoided


def test_dump_is_canonical_and_reproduces_the_checked_in_text() -> None:
    records = load_record_set(SAMPLE)
    assert dump_record_set(records) == SAMPLE.read_text(encoding="utf-8")
    assert record_set_from_dict(record_set_to_dict(records)) == records


def test_csv_records_survive_the_json_format() -> None:
    records = load_records_csv([CSV / "good" / "tenures.csv", CSV / "good" / "events.csv"])
    assert record_set_from_dict(json.loads(dump_record_set(records))) == records


def test_save_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "records.json"
    target.write_text("old", encoding="utf-8")
    save_record_set(load_record_set(SAMPLE), target)
    assert load_record_set(target) == load_record_set(SAMPLE)
    assert [p.name for p in tmp_path.iterdir()] == ["records.json"]


def test_utf16_and_bom_files_are_read(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    for encoding in ("utf-16", "utf-8-sig"):
        path = tmp_path / f"{encoding}.json"
        path.write_text(text, encoding=encoding)
        assert load_record_set(path) == load_record_set(SAMPLE)


# ---------------------------------------------------------------- problems


def test_every_problem_is_listed_with_its_json_path() -> None:
    data = _sample()
    data["tenures"][0]["start"] = "1959-13-45"
    data["tenures"][1]["acting"] = "yes"
    data["tenures"][2]["end"] = "1990"
    data["events"][0]["sources"][0]["source"] = "nowhere"
    data["conflicts"][0]["resolution"]["value"] = "1953-09-10"
    assert _problems(data) == [
        "x.json: tenures[0].start: month 13 does not exist",
        "x.json: tenures[1].acting: must be true or false",
        "x.json: tenures[2].end: 1990 is before the start 1991-08-24",
        "x.json: events[0].sources[0].source: 'nowhere' is not one of the record set's sources",
        "x.json: conflicts[0].resolution.value: \"1953-09-10\" is not one of the conflict's values",
    ]


def test_unknown_keys_are_named_where_they_are() -> None:
    data = _sample()
    data["tenure"] = []
    data["tenures"][0]["born"] = "1878"
    data["conflicts"][0]["values"][0]["sources"][0]["page"] = 3
    problems = _problems(data)
    assert [p.split(": unknown key")[0] for p in problems] == [
        "x.json: tenure", "x.json: tenures[0].born",
        "x.json: conflicts[0].values[0].sources[0].page",
    ]


def test_repeated_ids_and_repeated_conflicts_are_refused() -> None:
    data = _sample()
    data["events"][1]["id"] = "tenure-stalin"
    data["sources"][1]["id"] = "table"
    data["conflicts"].append(copy.deepcopy(data["conflicts"][0]))
    problems = _problems(data)
    assert "x.json: sources: the id 'table' is used twice" in problems
    assert "x.json: (records): the id 'tenure-stalin' is used twice" in problems
    assert any(p.startswith("x.json: conflicts[2]: tenure-khrushchev.start already has")
               for p in problems)


def test_a_newer_version_asks_for_an_update() -> None:
    data = _sample()
    data["version"] = 2
    assert _problems(data) == ["x.json: version: 2 is newer than this app reads (1); "
                               "update the app"]


def test_a_conflict_value_must_be_given() -> None:
    data = _sample()
    del data["conflicts"][0]["values"][1]["value"]
    assert _problems(data) == [
        "x.json: conflicts[0].values[1].value: is missing (text, true, false or null)"]


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "x.json:1: is not valid JSON (Expecting value)"),
    (b'{"format": "gensec-quiz/records",\n "version": 1,\n}', "x.json:3: is not valid JSON"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "x.json:3: (file): contains NUL bytes"),
    (b'{"title": "caf\xe9"}', "x.json:1: (encoding): byte 0xE9"),
    (b"[" * 100_000 + b"]" * 100_000, "x.json: is nested too deeply"),
    (b"[]", "x.json: (top): a record set must be a JSON object"),
])
def test_files_that_are_not_record_sets_are_refused_with_a_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.json").write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_record_set(Path("x.json"))
    assert str(caught.value.problems[0]).startswith(expected)


# ---------------------------------------------------------------- the JSON Schema


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_sample_and_csv_record_sets_match_the_schema() -> None:
    assert _schema_errors(_sample()) == []
    records = load_records_csv([CSV / "good" / "tenures.csv", CSV / "good" / "events.csv"])
    assert _schema_errors(record_set_to_dict(records)) == []


def test_the_checked_in_record_set_matches_the_schema_and_the_reader() -> None:
    path = paths.builtin_records_path()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert _schema_errors(data) == []
    assert dump_record_set(record_set_from_dict(data)) == path.read_text(encoding="utf-8")


def _broken(change: str) -> dict[str, Any]:
    data = _sample()
    if change == "format":
        data["format"] = "gensec-quiz/question-set"
    elif change == "date":
        data["tenures"][0]["start"] = "3 April 1922"
    elif change == "acting":
        data["tenures"][0]["acting"] = "no"
    elif change == "typo":
        data["tenures"][0]["perso"] = data["tenures"][0].pop("person")
    elif change == "one value":
        data["conflicts"][0]["values"].pop()
    elif change == "no source place":
        del data["sources"][0]["file"]
    elif change == "prefer without value":
        del data["conflicts"][0]["resolution"]["value"]
    elif change == "null file":
        data["sources"][0]["file"] = None
    elif change == "kind":
        data["events"][0]["kind"] = "funeral"
    elif change == "people":
        data["events"][0]["people"] = ["Stalin", " "]
    elif change == "supports":
        data["tenures"][0]["sources"][0]["supports"] = ["birthday"]
    elif change == "action":
        data["conflicts"][1]["resolution"]["action"] = "maybe"
    return data


@pytest.mark.parametrize("change", ["format", "date", "acting", "typo", "one value",
                                    "no source place", "prefer without value", "null file",
                                    "kind", "people", "supports", "action"])
def test_broken_record_sets_fail_both_the_schema_and_the_reader(change: str) -> None:
    data = _broken(change)
    assert _schema_errors(data) != []
    assert _problems(data) != []


def test_the_example_in_the_format_docs_is_a_valid_record_set() -> None:
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert _schema_errors(data) == []
    assert record_set_from_dict(data).tenures[0].id == "tenure-khrushchev"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    | st.sampled_from(["1953", "1959-13-45", "gensec-quiz/records", "table", "prefer"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(list(_KEYS_SEEN)), children, max_size=6),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(_JSON)
def test_any_json_is_a_record_set_or_refused_with_problems(data: Any) -> None:
    try:
        record_set_from_dict(data, where="f.json")
    except InputError as error:
        assert error.problems
        assert all(str(p).startswith("f.json: ") for p in error.problems)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["tenures", "events", "conflicts", "sources", "offices"]),
       st.integers(0, 1), st.sampled_from(list(_KEYS_SEEN)), _JSON)
def test_a_mangled_sample_is_refused_or_still_reads(
    section: str, index: int, key: str, value: Any
) -> None:
    data = _sample()
    if index < len(data[section]):
        data[section][index][key] = value
    try:
        record_set_from_dict(data, where="f.json")
    except InputError as error:
        assert all(str(p).startswith("f.json: ") for p in error.problems)


def test_a_file_of_another_format_is_one_sentence() -> None:
    assert _problems({"format": "gensec-quiz/question-set", "questions": [], "records": "x"}) == [
        "x.json: format: is 'gensec-quiz/question-set', so this is not a record set "
        "('gensec-quiz/records')"]


def test_saving_over_a_file_leaves_no_temporary_file_and_the_whole_new_text(
    tmp_path: Path,
) -> None:
    from gensec_quiz.bank.records_json import dump_record_set, load_record_set, save_record_set
    from gensec_quiz.bank.textfiles import write_text_atomically

    target = tmp_path / "records.json"
    write_text_atomically(target, "old")
    records = load_record_set(ROOT / "question_bank" / "records" / "gensec.json")
    save_record_set(records, target)
    assert target.read_text(encoding="utf-8") == dump_record_set(records)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.json"]
