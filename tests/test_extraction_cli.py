"""`gensec-quiz extract`: writes the record set, checks it, applies explicit hand corrections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gensec_quiz import paths
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EDITORIAL = ROOT / "question_bank" / "records" / "editorial.json"


def test_check_passes_on_the_checked_in_record_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--check"]) == 0
    assert "exactly what the seeds give" in capsys.readouterr().out


def test_check_fails_on_a_modified_copy_with_a_sentence_and_a_diff(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "gensec.json"
    text = paths.builtin_records_path().read_text(encoding="utf-8")
    copy.write_text(text.replace('"1953-09-07"', '"1953-09-08"', 1), encoding="utf-8")
    assert main(["extract", "--seeds", str(SEEDS), "--out", str(copy), "--editorial",
                 str(EDITORIAL), "--check"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0].endswith("or add a hand correction to overrides.json).")
    lines = err.splitlines()
    assert any(x.startswith("-") and '"start": "1953-09-08"' in x for x in lines)
    assert any(x.startswith("+") and '"start": "1953-09-07"' in x for x in lines)


def test_check_on_a_missing_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    assert main(["extract", "--out", str(tmp_path / "none.json"), "--check"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_extract_writes_a_loadable_record_set_and_says_where(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "records.json"
    assert main(["extract", "--seeds", str(SEEDS), "--out", str(out), "--editorial",
                 str(EDITORIAL)]) == 0
    assert str(out) in capsys.readouterr().out
    assert out.read_bytes() == paths.builtin_records_path().read_bytes()
    assert len(load_record_set(out).tenures) == 13


def _overrides(folder: Path, entries: list[dict[str, object]]) -> Path:
    path = folder / "overrides.json"
    path.write_text(json.dumps({"format": "gensec-quiz/record-overrides", "version": 1,
                                "overrides": entries}), encoding="utf-8")
    return path


def test_a_hand_correction_is_applied_reported_and_noted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _overrides(tmp_path, [{"record": "tenure-molotov-1921", "field": "end_reason",
                           "value": "succeeded", "reason": "test correction"}])
    out = tmp_path / "gensec.json"
    assert main(["extract", "--out", str(out)]) == 0
    assert "Hand correction: tenure-molotov-1921.end_reason" in capsys.readouterr().out
    molotov = load_record_set(out).record("tenure-molotov-1921")
    assert molotov.end_reason == "succeeded"  # type: ignore[union-attr]
    assert "Corrected by hand (end_reason): test correction" in molotov.note
    assert main(["extract", "--out", str(out), "--check"]) == 0


def test_a_bad_hand_correction_is_refused_with_its_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _overrides(tmp_path, [
        {"record": "tenure-nobody-1900", "field": "end", "value": "1901", "reason": "x"},
        {"record": "tenure-molotov-1921", "field": "start", "value": "1921-13-45",
         "reason": "y"},
        {"record": "tenure-molotov-1921", "field": "end", "value": "1922"},
    ])
    out = tmp_path / "gensec.json"
    assert main(["extract", "--out", str(out), "--overrides", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{path}: overrides[2].reason: must be a non-empty text"]
    assert not out.exists()


def test_a_correction_of_an_unknown_record_or_impossible_date_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _overrides(tmp_path, [
        {"record": "tenure-nobody-1900", "field": "end", "value": "1901", "reason": "x"},
        {"record": "tenure-molotov-1921", "field": "start", "value": "1921-13-45",
         "reason": "y"},
    ])
    assert main(["extract", "--out", str(tmp_path / "o.json"), "--overrides", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{path}: overrides[0].record: 'tenure-nobody-1900' is not a record"
    assert err[1].startswith(f"{path}: overrides[1].value: month 13 does not exist")


def test_an_unknown_seed_folder_is_one_sentence_and_exit_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--seeds", str(tmp_path / "none"), "--out",
                 str(tmp_path / "o.json")]) == 1
    assert capsys.readouterr().err.strip().endswith("is not a folder of seed documents")


def test_an_editorial_quote_not_in_its_seed_is_one_located_sentence_and_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(EDITORIAL.read_text(encoding="utf-8"))
    data["events"][0]["sources"][0]["quote"] = "Stasova was appointed on 13 March 1917."
    editorial = tmp_path / "editorial.json"
    editorial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "gensec.json"
    assert main(["extract", "--seeds", str(SEEDS), "--out", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{editorial}: events[0].sources[0].quote: is not in seed-002 word for word: "
        "'Stasova was appointed on 13 March 1917.'"]
    assert not out.exists()


def test_an_editorial_file_next_to_the_output_is_used_by_default(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "editorial.json").write_bytes(EDITORIAL.read_bytes())
    out = tmp_path / "gensec.json"
    assert main(["extract", "--seeds", str(SEEDS), "--out", str(out)]) == 0
    assert out.read_bytes() == paths.builtin_records_path().read_bytes()
    assert main(["extract", "--seeds", str(SEEDS), "--out", str(out), "--check"]) == 0
