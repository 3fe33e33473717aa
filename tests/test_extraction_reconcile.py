"""The built-in record set: tenures, office names, events, conflicts, and their sources."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from gensec_quiz.bank.records_json import dump_record_set
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import Conflict, RecordSet, SourceId, SourceRef
from gensec_quiz.extraction import extract
from gensec_quiz.extraction.model import Fact
from gensec_quiz.extraction.values import merge_dates

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EDITORIAL = ROOT / "question_bank" / "records" / "editorial.json"

# The officeholder table of seed 002, as printed there (the oracle for the extracted tenures).
TABLE = [
    ("Yakov Sverdlov", "Chairman of the Secretariat", "1918-03-08", "1919-03-16", "died"),
    ("Elena Stasova", "Responsible Secretary", "1919-03-25", "1919-11-29", "demoted"),
    ("Nikolay Krestinsky", "Responsible Secretary", "1919-11-29", "1921-03-16", "replaced"),
    ("Vyacheslav Molotov", "Responsible Secretary", "1921-03-16", "1922-04-03", "replaced"),
    ("Joseph Stalin", "General Secretary", "1922-04-03", "1952-10-16", "office abolished"),
    ("Nikita Khrushchev", "First Secretary", "1953-09-07", "1964-10-14", "removed"),
    ("Leonid Brezhnev", "First Secretary", "1964-10-14", "1966-04-08", "office renamed"),
    ("Leonid Brezhnev", "General Secretary", "1966-04-08", "1982-11-10", "died"),
    ("Yuri Andropov", "General Secretary", "1982-11-12", "1984-02-09", "died"),
    ("Konstantin Chernenko", "General Secretary", "1984-02-13", "1985-03-10", "died"),
    ("Mikhail Gorbachev", "General Secretary", "1985-03-11", "1991-08-24", "resigned"),
    ("Vladimir Ivashko", "General Secretary", "1991-08-24", "1991-08-29", "party suspended"),
]


@pytest.fixture(scope="module")
def records() -> RecordSet:
    return extract(SEEDS, EDITORIAL).records


def _conflict(records: RecordSet, subject: str, field: str) -> Conflict:
    (conflict,) = records.conflicts_for(subject, field)
    return conflict


def _values(conflict: Conflict) -> dict[str, set[str]]:
    return {str(o.value): {r.source for r in o.sources} for o in conflict.values}


def test_all_twelve_table_tenures_have_the_table_dates_titles_and_end_reasons(
        records: RecordSet) -> None:
    got = [(t.person, t.office, t.start.iso(), t.end.iso() if t.end else None, t.end_reason)
           for t in records.tenures if t.id != "tenure-stasova-1917"]
    assert got == TABLE


def test_tenure_ids_are_surname_and_start_year(records: RecordSet) -> None:
    ids = [t.id for t in records.tenures]
    assert ids[7:9] == ["tenure-brezhnev-1964", "tenure-brezhnev-1966"]
    assert all(re.fullmatch(r"tenure-[a-z]+-\d{4}", i) for i in ids)


def test_only_ivashko_is_acting(records: RecordSet) -> None:
    assert [t.person for t in records.tenures if t.acting] == ["Vladimir Ivashko"]


def test_the_office_names_and_their_periods(records: RecordSet) -> None:
    got = [(o.id, o.name, o.start.iso(), o.end.iso() if o.end else None)
           for o in records.offices]
    assert got == [
        ("office-technical-secretary-1917", "Technical Secretary", "1917", "1918"),
        ("office-chairman-of-the-secretariat-1918", "Chairman of the Secretariat", "1918", "1919"),
        ("office-responsible-secretary-1919", "Responsible Secretary", "1919", "1922"),
        ("office-general-secretary-1922", "General Secretary", "1922", "1952"),
        ("office-first-secretary-1953", "First Secretary", "1953", "1966"),
        ("office-general-secretary-1966", "General Secretary", "1966", "1991"),
    ]


def test_at_least_thirty_eight_events_each_sourced_and_in_date_order(records: RecordSet) -> None:
    events = records.events
    # forty until the 19th Congress and Sverdlov's 1917 post were each told once (issue 12)
    assert len(events) >= 38
    assert all(e.sources for e in events)
    assert all(re.fullmatch(r"event-\d{4}-[a-z0-9-]+", e.id) for e in events)
    keys = [(e.date.sort_key(), e.id) for e in events]
    assert keys == sorted(keys)


@pytest.mark.parametrize(("event_id", "date"), [
    ("event-1917-stasova-appointed", "1917"), ("event-1917-6th-party-congress", "1917"),
    ("event-1921-10th-party-congress", "1921-03"), ("event-1922-11th-party-congress", "1922-03"),
    ("event-1924-death-of-lenin", "1924"), ("event-1934-17th-party-congress", "1934"),
    ("event-1952-general-secretary-abolished", "1952-10-16"),
    ("event-1953-death-of-stalin", "1953-03-05"),
    ("event-1953-malenkov-leaves-the-secretariat", "1953-03-14"),
    ("event-1956-20th-party-congress", "1956"), ("event-1957-khrushchev-removes-rivals", "1957"),
    ("event-1964-khrushchev-removed", "1964-10-14"),
    ("event-1966-office-renamed-general-secretary", "1966-04-08"),
    ("event-1953-office-renamed-first-secretary", "1953-09"),
    ("event-1977-article-6-adopted", "1977"), ("event-1990-party-loses-monopoly", "1990"),
    ("event-1991-august-coup", "1991-08"), ("event-1991-gorbachev-resigns", "1991-08-24"),
    ("event-1991-party-suspended", "1991-08-29"), ("event-1991-party-banned", "1991-11-06"),
    ("event-1993-ucp-cpsu-established", "1993"), ("event-1919-death-of-sverdlov", "1919-03-16"),
    ("event-1982-death-of-brezhnev", "1982-11-10"), ("event-1984-death-of-andropov", "1984-02-09"),
    ("event-1985-death-of-chernenko", "1985-03-10"), ("event-1928-stalin-de-facto-leader", "1928"),
    ("event-1953-malenkov-beria-molotov-troika", "1953-03"),
    ("event-1964-brezhnev-kosygin-podgorny-troika", "1964"),
    ("event-1990-gorbachev-rules-as-president", "1990"),
    ("event-1955-khrushchev-removes-rivals", "1955"),
])
def test_the_documents_dated_events_at_the_precision_they_give(
        records: RecordSet, event_id: str, date: str) -> None:
    assert records.record(event_id).date == PartialDate.parse(date)  # type: ignore[union-attr]


def test_khrushchev_start_is_disputed_table_against_prose_and_prolewiki(
        records: RecordSet) -> None:
    conflict = _conflict(records, "tenure-khrushchev-1953", "start")
    assert _values(conflict) == {"1953-09-07": {"seed-002"},
                                 "1953-09-14": {"seed-000", "seed-001", "seed-002", "seed-003"}}
    assert conflict.resolution.action == "prefer" and conflict.resolution.value == "1953-09-07"
    reason = conflict.resolution.reason
    assert "September 1953" in reason
    assert reason.startswith("The Wikipedia article's officeholder table") and "ProleWiki" in reason


def test_only_disagreements_between_independent_witnesses_remain(records: RecordSet) -> None:
    found = {(c.subject, c.field) for c in records.conflicts}
    assert found == {("tenure-khrushchev-1953", "start"),
                     ("office-general-secretary-1966", "successor")}
    successor = _conflict(records, "office-general-secretary-1966", "successor")
    assert successor.avoided and len(successor.values) == 2


def test_disputed_fields_are_marked_and_others_are_not(records: RecordSet) -> None:
    assert records.is_disputed("tenure-khrushchev-1953", "start")
    assert not records.is_disputed("tenure-khrushchev-1953", "end")
    assert not records.is_disputed("tenure-andropov-1982", "start")


def test_every_quote_is_verbatim_in_its_seed_file(records: RecordSet) -> None:
    texts = {s.id: (ROOT / str(s.file)).read_text(encoding="utf-8") for s in records.sources}
    refs: list[SourceRef] = [r for group in (*records.tenures, *records.events,
                                             *records.offices) for r in group.sources]
    refs += [r for c in records.conflicts for o in c.values for r in o.sources]
    assert len(refs) > 100
    missing = [r for r in refs if r.quote not in texts[r.source]]
    assert missing == []


def test_sources_name_each_seed_with_its_licence(records: RecordSet) -> None:
    sources = {s.id: s for s in records.sources}
    assert sorted(sources) == [f"seed-00{i}" for i in range(5)]
    assert sources["seed-002"].file == "seeds/" + next(SEEDS.glob("002_*")).name
    assert sources["seed-002"].licence.startswith("CC BY-SA")
    assert sources["seed-004"].language == "fr" and "unknown" in sources["seed-004"].licence


def test_two_runs_give_the_same_bytes() -> None:
    assert dump_record_set(extract(SEEDS).records) == dump_record_set(extract(SEEDS).records)


def test_a_changed_seed_changes_the_record_set(tmp_path: Path) -> None:
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    table = next(tmp_path.glob("002_*.txt"))
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("| 12 November 1982 |", "| 13 November 1982 |"),
                     encoding="utf-8")
    changed = extract(tmp_path).records
    assert changed.record("tenure-andropov-1982").start == PartialDate(1982, 11, 13)  # type: ignore[union-attr]


def test_agreeing_dates_merge_to_the_most_precise() -> None:
    def fact(value: str) -> Fact:
        return Fact("event", "x", "date", value, SourceRef(SourceId("s"), value))

    merged = merge_dates([fact("1964"), fact("1964-10"), fact("1964-10-14")])
    assert merged.value == PartialDate(1964, 10, 14) and not merged.disputed
    split = merge_dates([fact("1953-09-07"), fact("1953-09-14"), fact("1953-09")])
    assert [o.value for o in split.options] == ["1953-09-07", "1953-09-14"]
    assert [f.value for f in split.neutral] == ["1953-09"]


def test_the_record_set_document_names_every_conflict(records: RecordSet) -> None:
    doc = (ROOT / "docs" / "record-set.md").read_text(encoding="utf-8")
    missing = [f"{c.subject} · {c.field}" for c in records.conflicts
               if f"`{c.subject}` · `{c.field}`" not in doc]
    assert missing == []


def test_the_seeds_readme_describes_every_seed_file() -> None:
    readme = (SEEDS / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in SEEDS.glob("*.txt") if f"`{p.name}`" not in readme]
    assert missing == []
