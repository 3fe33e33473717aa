"""The editorial file is checked against the seeds at extract time; witnesses are counted by
lineage; the record-set JSON carries the new fields and still reads older files."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from gensec_quiz.bank.records_json import (
    dump_record_set,
    load_record_set,
    record_set_from_dict,
    record_set_to_dict,
)
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import STANDINGS, SourceId, SourceRef
from gensec_quiz.extraction import extract
from gensec_quiz.extraction.model import Fact, SeedKind
from gensec_quiz.extraction.resolve import prefer_majority
from gensec_quiz.extraction.values import Option
from gensec_quiz.extraction.witnesses import Witnesses, independent

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EDITORIAL = ROOT / "question_bank" / "records" / "editorial.json"
SAMPLE = ROOT / "tests" / "data" / "csv" / "json" / "sample_records.json"


def _editorial() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EDITORIAL.read_text(encoding="utf-8"))
    return data


def _event(data: dict[str, Any], record_id: str) -> dict[str, Any]:
    event: dict[str, Any] = next(e for e in data["events"] if e["id"] == record_id)
    return event


def _problems(tmp_path: Path, data: dict[str, Any]) -> list[str]:
    path = tmp_path / "editorial.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        extract(SEEDS, path)
    return [str(p) for p in caught.value.problems]


# ---------------------------------------------------------------- the editorial file


def test_the_built_in_editorial_file_passes_every_check() -> None:
    records = extract(SEEDS, EDITORIAL).records
    assert len(records.events) == len(_editorial()["events"])


def test_a_quote_not_in_its_seed_word_for_word_is_refused_with_its_place(
        tmp_path: Path) -> None:
    data = _editorial()
    event = _event(data, "event-1934-17th-party-congress")
    event["sources"][0]["quote"] = event["sources"][0]["quote"].replace("refrained", "declined")
    index = data["events"].index(event)
    problems = _problems(tmp_path, data)
    assert len(problems) == 1
    assert f"events[{index}].sources[0].quote: is not in seed-000 word for word" in problems[0]


def test_a_quote_cited_for_a_date_it_does_not_give_is_refused(tmp_path: Path) -> None:
    data = _editorial()
    event = _event(data, "event-1991-party-banned")
    event["sources"].append({"source": "seed-000", "supports": ["date"], "quote":
                             "Following the party's ban, the Union of Communist Parties"})
    problems = _problems(tmp_path, data)
    assert len(problems) == 1 and "is cited for date but does not state it" in problems[0]


def test_a_quote_cited_for_people_it_does_not_name_is_refused(tmp_path: Path) -> None:
    data = _editorial()
    event = _event(data, "event-1984-death-of-andropov")
    event["sources"][1]["supports"] = ["people"]
    assert any("is cited for people but does not state it" in p
               for p in _problems(tmp_path, data))


def test_an_entry_that_disagrees_with_the_seeds_dates_is_refused(tmp_path: Path) -> None:
    data = _editorial()
    _event(data, "event-1956-20th-party-congress")["date"] = "1955"
    _event(data, "event-1956-20th-party-congress")["id"] = "event-1955-20th-party-congress"
    problems = _problems(tmp_path, data)
    assert any("'event-1956-20th-party-congress' is dated 1956 by the seeds, not 1955" in p
               for p in problems)
    assert any("is cited for date but does not state it" in p for p in problems)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("kind", "battle", "is not one of congress, office"),
    ("text", "The 17th Party Congress", "must say what happened, with who and what"),
    ("asked", "In what year did the congress meet?", "must be the words after 'In what year'"),
    ("end", "1930", "must come after the date 1934"),
    ("id", "event-1935-17th-party-congress", "with the year of its date"),
    ("colour", "red", "unknown key"),
    ("standing", "famous", "'famous' is not one of core, secondary, context"),
])
def test_a_badly_written_entry_is_refused_in_one_located_sentence(
        tmp_path: Path, key: str, value: str, message: str) -> None:
    data = _editorial()
    event = _event(data, "event-1934-17th-party-congress")
    event[key] = value
    index = data["events"].index(event)
    problems = _problems(tmp_path, data)
    assert any(f"events[{index}].{key}" in p and message in p for p in problems), problems


def test_a_quote_must_say_what_it_is_cited_for(tmp_path: Path) -> None:
    data = _editorial()
    _event(data, "event-1934-17th-party-congress")["sources"][0]["supports"] = []
    assert any("must say what the quote is cited for" in p for p in _problems(tmp_path, data))


def test_without_the_editorial_file_every_rule_quote_still_states_what_it_supports() -> None:
    records = extract(SEEDS).records
    assert all(r.supports for e in records.events for r in e.sources)
    assert not records.conflicts_for("event-1957-khrushchev-removes-rivals")
    assert records.has_record("event-1955-khrushchev-removes-rivals-1955")


# ---------------------------------------------------------------- witnesses


def _fact(source: str, value: str, rule: str = "sentence") -> Fact:
    return Fact("event", "x", "date", value, SourceRef(SourceId(source), value),
                attrs=(("rule", rule),))


def _witnesses() -> Witnesses:
    witnesses = Witnesses()
    kinds: tuple[tuple[str, SeedKind], ...] = (
        ("a", "article"), ("w", "wikitext"), ("p", "plaintext"), ("r", "prolewiki"),
        ("f", "french"))
    for source, kind in kinds:
        witnesses.add(source, kind)
    return witnesses


def test_one_lineage_at_odds_with_itself_is_no_conflict() -> None:
    witnesses = _witnesses()
    assert not independent([[_fact("p", "1952")], [_fact("a", "1953"), _fact("w", "1953")]],
                           witnesses)
    assert independent([[_fact("p", "1952")], [_fact("r", "1953")]], witnesses)


def test_agreement_is_counted_by_witness_not_by_file() -> None:
    witnesses = _witnesses()
    three_files = Option("1922", (_fact("a", "1922"), _fact("w", "1922"), _fact("p", "1922")))
    one_file = Option("1919", (_fact("r", "1919"),))
    resolution = prefer_majority(what="the date", options=[three_files, one_file],
                                 witnesses=witnesses)
    assert resolution.action == "avoid"
    assert "the Wikipedia article gives 1922" in resolution.reason
    assert "ProleWiki gives 1919" in resolution.reason and "documents (" not in resolution.reason


# ---------------------------------------------------------------- the JSON format


def test_new_fields_survive_a_round_trip() -> None:
    records = extract(SEEDS, EDITORIAL).records
    again = record_set_from_dict(json.loads(dump_record_set(records)))
    assert again == records
    span = again.record("event-1922-11th-party-congress")
    data = record_set_to_dict(again)
    event = next(e for e in data["events"] if e["id"] == span.id)
    assert (event["date"], event["end"], event["kind"]) == ("1922-03", "1922-04", "congress")
    assert event["asked"] and event["detail"] and event["people"]
    assert all(r["supports"] for r in event["sources"])
    assert data["sources"][0]["lineage"] == "wikipedia"


def test_an_events_standing_survives_the_json_format_and_core_is_not_written(
        tmp_path: Path) -> None:
    data = _editorial()
    for item in data["events"]:
        item.pop("standing", None)
    _event(data, "event-1934-17th-party-congress")["standing"] = "context"
    path = tmp_path / "editorial.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    records = extract(SEEDS, path).records
    again = record_set_from_dict(json.loads(dump_record_set(records)))
    assert again.record("event-1934-17th-party-congress").standing == "context"
    written = record_set_to_dict(again)["events"]
    assert [e["id"] for e in written if "standing" in e] == ["event-1934-17th-party-congress"]


def test_every_editorial_event_states_its_standing_and_the_office_s_story_is_core() -> None:
    events = {e["id"]: e for e in _editorial()["events"]}
    assert all(e.get("standing") in STANDINGS for e in events.values())
    core = ("event-1922-general-secretary-established", "event-1924-death-of-lenin",
            "event-1956-20th-party-congress", "event-1964-khrushchev-removed",
            "event-1991-party-banned")
    assert all(events[i]["standing"] == "core" for i in core)
    assert events["event-1921-10th-party-congress"]["standing"] == "secondary"
    assert events["event-1965-podgorny-becomes-chairman-of-the-presidium"]["standing"] == "context"


def test_an_older_file_without_the_new_fields_still_reads() -> None:
    records = load_record_set(SAMPLE)
    assert all(e.kind == "other" and e.end is None and not e.asked for e in records.events)
    assert all(not r.supports for t in records.tenures for r in t.sources)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["events"][0].update(kind="war"), "must be one of congress"),
    (lambda d: d["events"][0].update(end="1900"), "must come after the date"),
    (lambda d: d["events"][0].update(people="Stalin"), "must be a list of non-empty texts"),
    (lambda d: d["events"][0]["sources"][0].update(supports=["colour"]),
     "is not a field a quote can support"),
])
def test_bad_new_fields_are_refused_with_their_place(change: Any, message: str) -> None:
    data = record_set_to_dict(extract(SEEDS, EDITORIAL).records)
    broken = copy.deepcopy(data)
    change(broken)
    with pytest.raises(InputError) as caught:
        record_set_from_dict(broken, where="x.json")
    assert any(str(p).startswith("x.json: events[0]") and message in str(p)
               for p in caught.value.problems)
