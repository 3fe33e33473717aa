"""`gensec-quiz generate`: the formats, the same bytes for the same seed, one-sentence errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gensec_quiz.bank.questions_json import load_question_set
from gensec_quiz.cli import main

DATA = Path(__file__).resolve().parent / "data" / "topics"
MINI = str(DATA / "gensec-mini.json")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["generate", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_on_standard_output_is_a_valid_question_set(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "--records", MINI, "--count", "5", "--seed", "3")
    assert (status, err) == (0, "")
    path = tmp_path / "set.json"
    path.write_text(out, encoding="utf-8")
    question_set = load_question_set(path)
    assert len(question_set.questions) == 5
    assert question_set.generator is not None and question_set.generator["seed"] == 3


def test_the_same_seed_writes_the_same_file(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        assert run(capsys, "--records", MINI, "--seed", "8", "--difficulty", "3",
                   "--out", str(out))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_options_are_carried_into_the_set(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--records", MINI, "--types", "ordering", "--count", "2",
                         "--scoring", "all_or_nothing", "--title", "Order!", "--id", "mine")
    data = json.loads(out)
    assert (status, data["id"], data["title"]) == (0, "mine", "Order!")
    assert {q["type"] for q in data["questions"]} == {"ordering"}
    assert {q["scoring"] for q in data["questions"]} == {"all_or_nothing"}


def test_several_csv_files_make_one_record_set(capsys: pytest.CaptureFixture[str]) -> None:
    folder = DATA / "france"
    status, out, _ = run(capsys, "--records", str(folder / "presidents.csv"),
                         "--records", str(folder / "events.csv"), "--count", "4")
    assert status == 0
    assert any(b["record"].startswith("event-") for q in json.loads(out)["questions"]
               for b in q["basis"])


def test_moodle_xml_is_written(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--records", MINI, "--format", "moodle-xml", "--count", "6")
    assert status == 0
    assert ET.fromstring(out).tag == "quiz"


def test_gift_warns_about_the_ordering_questions_it_leaves_out(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--records", MINI, "--format", "gift", "--count", "9",
                           "--types", "ordering,date", "--scoring", "longest_ordered_subset")
    assert status == 0
    warnings = [line for line in err.splitlines() if line.startswith("Warning: ")]
    assert warnings and all("LONGEST_ORDERED_SUBSET" in w for w in warnings)
    # The same sentences in the file, as comments.
    assert [w.removeprefix("Warning: ") for w in warnings] == [
        line.removeprefix("// ") for line in out.splitlines() if "left out of the GIFT" in line]


def test_gift_keeps_ordering_questions_with_the_default_rule(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--records", MINI, "--format", "gift", "--count", "9",
                           "--types", "ordering,date")
    assert status == 0 and "Warning" not in err
    assert "[tag:ordering]" in out


def test_a_short_quiz_is_reported_on_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--records", MINI, "--count", "200")
    assert status == 0
    assert err.startswith("Note: only ") and err.count("\n") == 1


@pytest.mark.parametrize(("args", "message"), [
    (["--difficulty", "4"], "--difficulty must be 1, 2 or 3 (got 4)."),
    (["--count", "many"], "--count must be a whole number (got 'many')."),
    (["--count", "0"], "--count must be at least 1 (got 0)."),
    (["--seed", "-1"], "--seed must be at least 0 (got -1)."),
    (["--types", "essay"], "--types: 'essay' is not a question type; use ordering,matching,date."),
    (["--format", "pdf"], "--format must be json, moodle-xml, gift or text (got 'pdf')."),
    (["--scoring", "best"], "--scoring: 'best' is not an ordering rule; use one of "),
])
def test_a_bad_option_is_one_sentence_and_status_one(
        capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    status, out, err = run(capsys, "--records", MINI, *args)
    assert (status, out) == (1, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_a_missing_records_file_is_named(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    status, _, err = run(capsys, "--records", str(tmp_path / "none.csv"))
    assert status == 1 and "none.csv: no such file" in err
