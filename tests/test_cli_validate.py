"""`gensec-quiz validate FILE...`: says what each good file is and every problem of a bad one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gensec_quiz.cli import main
from gensec_quiz.domain.questions import BasisRef, OrderingItem, OrderingQuestion, QuestionSet
from gensec_quiz.domain.records import SourceId, SourceRef

CSV = Path(__file__).resolve().parent / "data" / "csv"
GOOD = CSV / "good"
BAD = CSV / "bad"
SAMPLE = CSV / "json" / "sample_records.json"


def _run(capsys: pytest.CaptureFixture[str], *files: Path | str) -> tuple[int, str, str]:
    status = main(["validate", *(str(f) for f in files)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def _question_set() -> QuestionSet:
    items = tuple(
        OrderingItem(text=name, basis=(BasisRef(record, "start"),))
        for name, record in (("Joseph Stalin", "tenure-stalin"),
                             ("Nikita Khrushchev", "tenure-khrushchev"),
                             ("Vladimir Ivashko", "tenure-ivashko"))
    )
    question = OrderingQuestion(
        id="q-order-1", prompt="Put these in the order they took office.",
        explanation="Stalin 1922, Khrushchev 1953, Ivashko 1991.", difficulty=1,
        sources=(SourceRef(SourceId("table"), "Joseph Stalin 3 April 1922 16 October 1952"),),
        basis=tuple(b for item in items for b in item.basis), items=items,
    )
    return QuestionSet(id="sample-quiz", title="Sample quiz", records="sample",
                       questions=(question,))


@pytest.fixture
def question_file(tmp_path: Path) -> Path:
    from gensec_quiz.bank.questions_json import save_question_set

    path = tmp_path / "quiz.json"
    save_question_set(_question_set(), path)
    return path


def test_a_good_record_set_is_described_with_its_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(capsys, SAMPLE) == (0, (
        f"{SAMPLE}: ok (record set 'sample': 3 tenures, 2 events, 1 office name, "
        "2 conflicts, 2 sources)\n"), "")


def test_good_csv_files_say_which_kind_they_are(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, GOOD / "tenures_utf16.csv", GOOD / "events.csv")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{GOOD / 'tenures_utf16.csv'}: ok (tenure CSV file, 5 tenures)",
        f"{GOOD / 'events.csv'}: ok (event CSV file, 6 events)",
    ]


def test_a_question_set_is_read_by_the_question_set_reader(
    capsys: pytest.CaptureFixture[str], question_file: Path,
) -> None:
    status, out, err = _run(capsys, question_file)
    assert (status, err) == (0, "")
    assert out == (f"{question_file}: ok (question set 'sample-quiz' on records 'sample': "
                   "1 question (1 ordering))\n")


def test_a_broken_question_set_lists_its_problems_with_paths(
    capsys: pytest.CaptureFixture[str], question_file: Path,
) -> None:
    data = json.loads(question_file.read_text(encoding="utf-8"))
    data["questions"][0]["type"] = "essay"
    question_file.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = _run(capsys, question_file)
    assert (status, out) == (1, "")
    assert err.startswith(f"{question_file}: questions[0].type")


def test_question_sets_go_to_the_question_set_reader_with_their_place(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    import gensec_quiz.bank.questions_json as questions_json

    seen: list[tuple[object, str]] = []

    def fake_reader(data: object, where: str = "") -> QuestionSet:
        seen.append((data, where))
        return _question_set()

    monkeypatch.setattr(questions_json, "question_set_from_dict", fake_reader)
    path = tmp_path / "q.json"
    path.write_text('{"format": "gensec-quiz/question-set", "questions": []}', encoding="utf-8")
    status, out, _ = _run(capsys, path)
    assert status == 0 and "question set 'sample-quiz'" in out
    assert seen == [({"format": "gensec-quiz/question-set", "questions": []}, str(path))]


def test_each_bad_file_prints_every_problem_and_the_good_ones_still_say_ok(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.json"
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["tenures"][0]["start"] = "1959-13-45"
    data["events"][0]["text"] = ""
    broken.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = _run(capsys, BAD / "impossible_date.csv", SAMPLE, broken)
    assert status == 1
    assert out.startswith(f"{SAMPLE}: ok (")
    assert err.splitlines() == [
        f"{BAD / 'impossible_date.csv'}:4: start: '1959-13-45' is not a real date: "
        "month 13 does not exist",
        f"{broken}: tenures[0].start: month 13 does not exist",
        f"{broken}: events[0].text: must be a non-empty text",
    ]


@pytest.mark.parametrize("content", [
    '{"format": "anki/deck", "cards": []}',
    '{"title": "no format at all"}',
    '[1, 2, 3]',
])
def test_json_of_an_unknown_format_gets_one_clear_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str,
) -> None:
    path = tmp_path / "other.json"
    path.write_text(content, encoding="utf-8")
    status, out, err = _run(capsys, path)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith(f"{path}: is not a GenSec Quiz file: its \"format\" must be "
                          "\"gensec-quiz/records\" or \"gensec-quiz/question-set\"")


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("*.csv")))
def test_every_bad_csv_is_reported_on_stderr_only(
    capsys: pytest.CaptureFixture[str], name: str,
) -> None:
    status, out, err = _run(capsys, BAD / name)
    assert (status, out) == (1, "")
    assert err.startswith(f"{BAD / name}:")


def test_binary_and_missing_files_are_one_sentence_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    picture = tmp_path / "photo.json"
    picture.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    status, out, err = _run(capsys, picture, tmp_path / "gone.csv")
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"{picture}:1: (file): contains NUL bytes, so it is a binary file, not text",
        f"{tmp_path / 'gone.csv'}: no such file",
    ]


def test_validate_needs_at_least_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["validate"])
    assert leaving.value.code == 2
    assert "FILE" in capsys.readouterr().err


# ---------------------------------------------------------------- against the record set


def test_a_question_set_is_checked_against_the_record_set_given_with_it(
    capsys: pytest.CaptureFixture[str], question_file: Path,
) -> None:
    status, out, err = _run(capsys, question_file, SAMPLE)
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == (
        f"{question_file}: ok (question set 'sample-quiz' on records 'sample': 1 question "
        "(1 ordering); every basis found in record set 'sample')")


def test_a_basis_or_source_missing_from_the_record_set_is_refused_with_its_path(
    capsys: pytest.CaptureFixture[str], question_file: Path,
) -> None:
    data = json.loads(question_file.read_text(encoding="utf-8"))
    question = data["questions"][0]
    question["items"][1]["basis"][0]["record"] = "tenure-nobody"
    question["basis"][0]["field"] = "birthday"
    question["sources"][0]["source"] = "wikipedia"
    question_file.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = _run(capsys, SAMPLE, question_file)
    assert status == 1
    assert out == f"{SAMPLE}: ok (record set 'sample': 3 tenures, 2 events, 1 office name, " \
        "2 conflicts, 2 sources)\n"
    assert [line.split(": '")[0] for line in err.splitlines()] == [
        f"{question_file}: questions[0].basis[0]",
        f"{question_file}: questions[0].items[1].basis[0]",
        f"{question_file}: questions[0].sources[0].source",
    ]
    assert "has no field 'birthday'" in err
    assert "'tenure-nobody' is not a record of record set 'sample'" in err


def test_a_question_set_on_the_builtin_records_is_checked_against_them(
    capsys: pytest.CaptureFixture[str], question_file: Path,
) -> None:
    data = json.loads(question_file.read_text(encoding="utf-8"))
    data["records"] = "gensec"
    question_file.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = _run(capsys, question_file)
    assert status == 1
    assert f"{question_file}: questions[0].basis[0]: 'tenure-stalin' is not a record of " \
        "record set 'gensec'" in err.splitlines()


def test_a_generated_question_set_passes_against_the_builtin_records(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    from gensec_quiz.bank.builtin import builtin_records
    from gensec_quiz.bank.questions_json import save_question_set
    from gensec_quiz.generation import generate_question_set

    path = tmp_path / "generated.json"
    save_question_set(generate_question_set(builtin_records(), count=12, seed=5), path)
    status, out, err = _run(capsys, path)
    assert (status, err) == (0, "")
    assert out.rstrip().endswith("every basis found in record set 'gensec')")
