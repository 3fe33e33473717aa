"""The record-set models: what they refuse reaches a user as one located sentence per problem,
in the reader's own words; the checks between values still run on every item whose shape is
right; what may be left out still can; and the app's start-up does not import pydantic to read
records."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.bank.records_json import record_set_from_dict
from gensec_quiz.bank.schemas import schema_text
from gensec_quiz.domain.errors import InputError
from json_support import places

ROOT = Path(__file__).resolve().parent.parent
SAMPLE: dict[str, Any] = json.loads(
    (ROOT / "tests" / "data" / "csv" / "json" / "sample_records.json").read_text("utf-8"))
SCHEMA = json.loads(schema_text("records.schema.json"))
JARGON = ("Input should", "type=", "pydantic", "Field required", "Extra inputs", "errors.",
          "union_tag", "function-")
KINDS = (
    "congress, office, death, removal, resignation, appointment, leadership, party, state, other")


def fresh() -> dict[str, Any]:
    return copy.deepcopy(SAMPLE)


def problems(data: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        record_set_from_dict(data, where="r.json")
    return [str(p) for p in caught.value.problems]


def schema_refuses(data: Any) -> bool:
    return any(True for _ in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))


# ---------------------------------------------------------------- sentences


def test_a_missing_key_is_told_what_it_must_be() -> None:
    data = fresh()
    del data["title"]
    for key in ("person", "start"):
        del data["tenures"][0][key]
    del data["events"][0]["text"]
    assert problems(data) == [
        "r.json: title: must be a non-empty text",
        "r.json: tenures[0].person: must be a non-empty text",
        "r.json: tenures[0].start: must be a date such as 1934, 1921-03 or 1922-04-03",
        "r.json: events[0].text: must be a non-empty text",
    ]


def test_true_is_not_taken_for_the_number_one_nor_text_for_true() -> None:
    data = fresh()
    data["version"] = True
    data["tenures"][0]["acting"] = 1
    data["tenures"][1]["acting"] = "false"
    assert problems(data) == [
        "r.json: version: must be 1",
        "r.json: tenures[0].acting: must be true or false",
        "r.json: tenures[1].acting: must be true or false",
    ]


def test_a_misspelt_key_comes_before_the_problem_it_causes() -> None:
    data = fresh()
    data["tenures"][1]["perso"] = data["tenures"][1].pop("person")
    assert problems(data) == [
        "r.json: tenures[1].perso: unknown key (known keys: id, person, office, start, end, "
        "end_reason, acting, note, sources)",
        "r.json: tenures[1].person: must be a non-empty text",
    ]


def test_an_events_kind_people_and_span_are_checked() -> None:
    data = fresh()
    event = data["events"][0]
    event.update({"kind": "funeral", "people": ["Stalin", ""], "end": "1953-03-05"})
    data["events"][1].update({"date": "1977", "end": "1977"})
    assert problems(data) == [
        f"r.json: events[0].kind: must be one of {KINDS}",
        "r.json: events[0].people: must be a list of non-empty texts",
        "r.json: events[1].end: 1977 must come after the date 1977 (a span runs from date to "
        "end)",
    ]


def test_a_quote_supports_only_fields_a_record_has() -> None:
    data = fresh()
    data["tenures"][0]["sources"][0]["supports"] = ["start", "birthday"]
    data["tenures"][1]["sources"][0]["supports"] = "start"
    assert problems(data) == [
        "r.json: tenures[0].sources[0].supports: 'birthday' is not a field a quote can support; "
        "expected one of person, office, start, end, end_reason, acting, name, date, text, "
        "people, successor",
        "r.json: tenures[1].sources[0].supports: must be a list of non-empty texts",
    ]


@pytest.mark.parametrize("resolution", [
    None, "prefer", {"action": "choose", "reason": "r"}, {"reason": "r"},
])
def test_a_resolution_without_a_known_action_is_one_sentence(resolution: Any) -> None:
    data = fresh()
    data["conflicts"][0]["resolution"] = resolution
    assert problems(data) == ["r.json: conflicts[0].resolution: must say an action, 'prefer' "
                              "or 'avoid', and a reason"]


def test_a_resolution_is_read_by_its_action() -> None:
    data = fresh()
    data["conflicts"][0]["resolution"] = {"action": "prefer", "value": None, "reason": "r",
                                          "why": "?"}
    data["conflicts"][1]["resolution"] = {"action": "avoid", "reason": " "}
    assert problems(data) == [
        "r.json: conflicts[0].resolution.why: unknown key (known keys: action, value, reason)",
        "r.json: conflicts[0].resolution.value: a preferred value is needed",
        "r.json: conflicts[1].resolution.reason: must be a non-empty text",
    ]


def test_a_conflict_is_told_how_many_values_it_needs() -> None:
    data = fresh()
    del data["conflicts"][0]["values"][1:]
    del data["conflicts"][1]["values"]
    data["conflicts"][1]["resolution"] = {"action": "avoid", "reason": "r"}
    assert problems(data) == [
        "r.json: conflicts[0].values: a conflict needs at least two values",
        "r.json: conflicts[1].values: a conflict needs at least two values",
    ]


def test_a_language_must_be_a_code_and_a_list_must_be_a_list() -> None:
    data = fresh()
    data.update({"language": None, "events": {"id": "e"}, "offices": None})
    assert problems(data) == [
        "r.json: language: must be a language code such as 'en'",
        "r.json: offices: must be a list",
        "r.json: events: must be a list",
    ]


def test_a_source_needs_a_file_or_a_url_that_is_text() -> None:
    data = fresh()
    data["sources"][0]["file"] = None
    data["sources"][1]["url"] = 7
    assert problems(data) == [
        "r.json: sources[0]: a source needs a 'file' or a 'url'",
        "r.json: sources[1].url: must be text",
    ]
    assert schema_refuses(data)


# ---------------------------------------------------------------- nothing hidden, nothing doubled


def test_one_broken_record_does_not_hide_another_records_problems() -> None:
    data = fresh()
    data["tenures"][0] = "Stalin"
    data["tenures"][1]["start"] = "1953-02-30"
    data["tenures"][2]["end"] = "1990"
    data["events"][0]["sources"][0]["source"] = "nowhere"
    assert problems(data) == [
        "r.json: tenures[0]: must be an object",
        "r.json: tenures[1].start: day 30 does not exist in February 1953",
        "r.json: tenures[2].end: 1990 is before the start 1991-08-24",
        "r.json: events[0].sources[0].source: 'nowhere' is not one of the record set's sources",
        "r.json: conflicts[1].subject: 'tenure-stalin' is not a record of this set",
    ]


def test_a_broken_quote_does_not_hide_its_records_own_checks() -> None:
    data = fresh()
    tenure = data["tenures"][1]
    tenure["sources"][0]["quote"] = ""
    tenure["sources"][1]["source"] = "nowhere"
    tenure["end"] = "1950"
    assert problems(data) == [
        "r.json: tenures[1].sources[0].quote: must be a non-empty text",
        "r.json: tenures[1].end: 1950 is before the start 1953-09-07",
        "r.json: tenures[1].sources[1].source: 'nowhere' is not one of the record set's sources",
    ]


def test_a_broken_source_or_record_is_reported_once_not_again_where_it_is_named() -> None:
    data = fresh()
    del data["sources"][0]["title"]  # the tenures' quotes still name "table"
    data["tenures"][1]["person"] = ""  # the first conflict is still about tenure-khrushchev
    assert problems(data) == [
        "r.json: sources[0].title: must be a non-empty text",
        "r.json: tenures[1].person: must be a non-empty text",
    ]


def test_a_format_that_is_not_text_is_told_the_format_with_every_other_problem() -> None:
    data = fresh()
    data.update({"format": 1, "id": " "})
    assert problems(data) == [
        "r.json: format: must be 'gensec-quiz/records'",
        "r.json: id: must be a non-empty text",
    ]


# ---------------------------------------------------------------- what may be left out


def test_keys_that_could_be_left_out_or_null_still_can() -> None:
    data = fresh()
    for key in ("language", "offices", "events"):
        del data[key]
    source = data["sources"][0]
    source.update({"licence": None, "language": None, "lineage": None})
    tenure = data["tenures"][0]
    for key in ("end", "end_reason", "acting", "note", "sources"):
        del tenure[key]
    data["conflicts"][1]["resolution"]["value"] = None  # an avoided field's value is ignored
    del data["conflicts"][1]["values"][0]["sources"]
    data["events"] = [{"id": "e", "date": "1953", "text": "Something happens", "note": None,
                       "asked": None, "detail": None}]
    read = record_set_from_dict(data)
    assert (read.language, read.offices, read.sources[0].licence,
            read.sources[0].language, read.sources[0].witness) == ("en", (), "", "en", "table")
    stalin = read.tenures[0]
    assert (stalin.end, stalin.end_reason, stalin.acting, stalin.note, stalin.sources) == (
        None, "", False, "", ())
    assert read.conflicts[1].values[0].sources == ()
    event = read.events[0]
    assert (event.kind, event.people, event.end, event.asked, event.detail, event.note) == (
        "other", (), None, "", "", "")
    assert not schema_refuses(data)


def test_a_span_with_its_kind_people_and_supports_reads_as_written() -> None:
    data = fresh()
    data["events"][0].update({"end": "1953-03-09", "kind": "death", "people": ["Stalin"],
                              "asked": "did Stalin die", "detail": "He died at his dacha."})
    data["events"][0]["sources"][0]["supports"] = ["date", "people"]
    event = record_set_from_dict(data).events[0]
    assert (str(event.end), event.kind, event.people, event.asked, event.detail) == (
        "1953-03-09", "death", ("Stalin",), "did Stalin die", "He died at his dacha.")
    assert event.sources[0].supports == ("date", "people")
    assert not schema_refuses(data)


# ---------------------------------------------------------------- anything at all

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3000) | st.floats(allow_nan=False)
    | st.text(max_size=6)
    | st.sampled_from(["1953", "1953-02-30", "1922-04-03", "table", "prefer", "avoid", "death",
                       "tenure-stalin", "start"]),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["action", "value", "reason", "source", "quote", "id",
                                       "supports", "x"]), children, max_size=3),
    max_leaves=10,
)


PLACES = places(SAMPLE)[1:]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PLACES), _JSON), min_size=1, max_size=3))
def test_any_change_to_a_record_set_reads_or_is_refused_in_plain_located_sentences(
    changes: list[tuple[tuple[Any, ...], Any]],
) -> None:
    data = fresh()
    for place, value in changes:
        target: Any = data
        for step in place[:-1]:
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
        record_set_from_dict(data, where="r.json")
    except InputError as error:
        assert error.problems
        for problem in error.problems:
            text = str(problem)
            assert text.startswith("r.json: ") and "\n" not in text
            assert not any(word in text for word in JARGON), text


# ---------------------------------------------------------------- start-up


def test_reading_records_imports_pydantic_only_when_a_record_set_is_read() -> None:
    code = ("import sys\n"
            "import gensec_quiz.bank.builtin, gensec_quiz.bank.records_json\n"
            "print('pydantic' in sys.modules)\n"
            "gensec_quiz.bank.builtin.builtin_records()\n"
            "print('pydantic' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
