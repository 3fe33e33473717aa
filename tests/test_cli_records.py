"""`gensec-quiz records`: the built-in set or teachers' files, as a table or as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gensec_quiz import paths
from gensec_quiz.bank.builtin import builtin_records, load_any_records, load_records
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.cli import main
from gensec_quiz.domain.errors import InputError

CSV = Path(__file__).resolve().parent / "data" / "csv"
GOOD = CSV / "good"
BAD = CSV / "bad"
SAMPLE = CSV / "json" / "sample_records.json"


@pytest.fixture
def sample_as_builtin(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(paths, "builtin_records_path", lambda: SAMPLE)
    return SAMPLE


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["records", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


# ---------------------------------------------------------------- where records come from


@pytest.mark.usefixtures("sample_as_builtin")
def test_builtin_records_come_from_the_shipped_path() -> None:
    assert builtin_records() == load_record_set(SAMPLE)
    assert load_records([]) == load_record_set(SAMPLE)


def test_a_missing_builtin_file_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "builtin_records_path", lambda: tmp_path / "gensec.json")
    with pytest.raises(InputError, match="run 'gensec-quiz extract'"):
        builtin_records()


def test_load_any_records_dispatches_on_the_suffix() -> None:
    assert load_any_records(SAMPLE).id == "sample"
    assert len(load_any_records(GOOD / "events.csv").events) == 6


def test_several_csv_files_load_as_one_set_but_json_goes_alone() -> None:
    both = load_records([GOOD / "tenures.csv", GOOD / "events.csv"])
    assert (len(both.tenures), len(both.events)) == (7, 6)
    with pytest.raises(InputError, match="not both"):
        load_records([SAMPLE, GOOD / "events.csv"])


def test_a_file_of_another_kind_is_named() -> None:
    with pytest.raises(InputError) as caught:
        load_records([Path("notes.txt"), GOOD / "events.csv"])
    assert [str(p) for p in caught.value.problems] == [
        "notes.txt: is neither a .json record set nor a .csv file"]


# ---------------------------------------------------------------- the command


@pytest.mark.usefixtures("sample_as_builtin")
def test_records_prints_the_builtin_set_as_tables(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Record set: A small record set for tests (sample)"
    assert "Tenures (3)" in lines and "Events (2)" in lines and "Conflicts (2)" in lines
    khrushchev = next(line for line in lines if "Nikita Khrushchev" in line)
    assert khrushchev.split() == ["Nikita", "Khrushchev", "First", "Secretary", "1953-09-07",
                                  "1964-10-14", "table,", "prose", "!", "start"]
    ivashko = next(line for line in lines if "Vladimir Ivashko" in line)
    assert ivashko.split()[-2:] == ["acting", "table"]


@pytest.mark.usefixtures("sample_as_builtin")
def test_conflicts_show_every_value_with_sources_and_the_resolution(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = _run(capsys)
    conflicts = out[out.index("Conflicts (2)"):].splitlines()
    assert conflicts[1].strip() == "The sources disagree about 2 fields (marked ! above):"
    assert conflicts[2].strip() == (
        "! CONFLICT tenure-khrushchev.start (Nikita Khrushchev, First Secretary)")
    assert conflicts[3].split() == ["1953-09-07", "[table]"]
    assert conflicts[4].split() == ["1953-09-14", "[prose]"]
    assert conflicts[5].strip() == "-> prefer 1953-09-07: the table gives the day of the plenum"
    assert conflicts[6].strip().startswith("! CONFLICT tenure-stalin.end (Joseph Stalin")
    assert conflicts[9].strip().startswith("-> avoid in questions: the office was abolished")


@pytest.mark.usefixtures("sample_as_builtin")
def test_records_json_prints_the_record_set_format_with_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = _run(capsys, "--json")
    assert status == 0
    assert out == SAMPLE.read_text(encoding="utf-8")


def test_csv_files_print_as_json_with_generated_ids(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, str(GOOD / "tenures_semicolon_bom.csv"),
                            str(GOOD / "events.csv"), "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["format"] == "gensec-quiz/records"
    assert [t["id"] for t in data["tenures"]][:3] == [
        "tenure-nikita-khrouchtchev-1953", "tenure-leonid-brejnev-1964",
        "tenure-leonid-brejnev-1966"]
    assert data["tenures"][0]["office"] == "Premier secrétaire"
    assert data["tenures"][0]["sources"] == [{
        "source": "csv-tenures-semicolon-bom",
        "quote": "Nikita Khrouchtchev;Premier secrétaire;1953-09;1964-10-14;destitué;0;"}]
    assert data["events"][3] == {
        "id": "event-1953-stalin-dies", "date": "1953-03-05", "text": "Stalin dies",
        "note": "", "sources": [{"source": "csv-events", "quote": "1953-03-05,Stalin dies,"}]}


def test_csv_table_shows_ongoing_tenures_and_accents(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, str(GOOD / "tenures.csv"))
    assert status == 0
    jane = next(line for line in out.splitlines() if "Jane Example" in line)
    assert jane.split()[-2:] == ["ongoing", "csv-tenures"]
    assert "Conflicts (0)" in out


@pytest.mark.parametrize("name", ["impossible_date.csv", "binary.csv", "latin1.csv",
                                  "duplicate_rows.csv", "empty.csv"])
def test_a_bad_csv_prints_its_problems_and_exits_1(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    status, out, err = _run(capsys, str(BAD / name), "--json")
    assert (status, out) == (1, "")
    assert err.startswith(f"{BAD / name}:")
    assert err.count("\n") == 1


def test_every_problem_of_several_bad_files_goes_to_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(capsys, str(BAD / "bad_acting.csv"), str(BAD / "end_before_start.csv"),
                            str(GOOD / "events.csv"))
    assert (status, out) == (1, "")
    assert err.splitlines()[0].startswith(f"{BAD / 'bad_acting.csv'}:2: acting: ")
    assert err.splitlines()[1].startswith(f"{BAD / 'end_before_start.csv'}:3: end: ")
    assert len(err.splitlines()) == 2


def test_a_missing_file_is_one_sentence(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    status, out, err = _run(capsys, str(tmp_path / "gone.json"))
    assert (status, out, err) == (1, "", f"{tmp_path / 'gone.json'}: no such file\n")


# ---------------------------------------------------------------- the real built-in set


def test_records_json_prints_the_checked_in_record_set_unchanged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(capsys, "--json")
    assert (status, err) == (0, "")
    assert out == paths.builtin_records_path().read_text(encoding="utf-8")
    data = json.loads(out)
    assert len(data["tenures"]) == 13 and len(data["events"]) >= 38
    assert all(t["sources"] and all(s["quote"] for s in t["sources"]) for t in data["tenures"])


def test_records_table_lists_every_builtin_tenure_and_conflict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = _run(capsys)
    records = builtin_records()
    assert status == 0
    assert f"Tenures ({len(records.tenures)})" in out
    for tenure in records.tenures:
        assert any(tenure.person in line and str(tenure.start) in line
                   for line in out.splitlines())
    for conflict in records.conflicts:
        assert f"! CONFLICT {conflict.subject}.{conflict.field}" in out
