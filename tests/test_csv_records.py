"""Teachers' tenure and event CSV files: accepted whole, refused whole with located problems."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gensec_quiz.bank.csv_ids import slug
from gensec_quiz.bank.csv_read import MAX_ROWS
from gensec_quiz.bank.csv_records import dump_events_csv, dump_tenures_csv, load_records_csv
from gensec_quiz.bank.textfiles import MAX_BYTES
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import Event, RecordId, Tenure

CSV = Path(__file__).resolve().parent / "data" / "csv"
GOOD = CSV / "good"
BAD = CSV / "bad"
HEADER = "person,office,start,end,end_reason,acting,note\n"


def _problems(paths: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_records_csv(paths)
    return [str(p) for p in caught.value.problems]


# ---------------------------------------------------------------- good files


def test_comma_tenure_file_gives_every_row_with_its_dates_and_flags() -> None:
    records = load_records_csv([GOOD / "tenures.csv"])
    assert [t.person for t in records.tenures] == [
        "Yakov Sverdlov", "Joseph Stalin", "Nikita Khrushchev", "Leonid Brezhnev",
        "Leonid Brezhnev", "Vladimir Ivashko", "Jane Example",
    ]
    stalin = records.tenures[1]
    assert (stalin.start, stalin.end) == (PartialDate(1922, 4, 3), PartialDate(1952, 10, 16))
    assert stalin.note == 'Died in office on 5 March 1953, "the Boss" to some'
    assert records.tenures[0].start == PartialDate(1917, 4)
    assert [t.acting for t in records.tenures] == [False] * 5 + [True, False]
    assert records.tenures[-1].end is None and records.tenures[-1].start == PartialDate(2024)


def test_the_same_person_holding_two_offices_gives_two_tenures_with_distinct_ids() -> None:
    records = load_records_csv([GOOD / "tenures.csv"])
    brezhnev = [t for t in records.tenures if t.person == "Leonid Brezhnev"]
    assert [t.office for t in brezhnev] == ["First Secretary", "General Secretary"]
    assert [t.id for t in brezhnev] == [
        "tenure-leonid-brezhnev-1964", "tenure-leonid-brezhnev-1966"]


def test_same_person_and_start_year_get_a_numbered_second_id(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(HEADER + "Ann,Chair,1990-01,1990-06,,,\nAnn,Chair,1990-09,,,,\n",
                    encoding="utf-8")
    ids = [t.id for t in load_records_csv([path]).tenures]
    assert ids == ["tenure-ann-1990", "tenure-ann-1990-2"]


def test_semicolons_bom_crlf_and_accents_are_read_like_a_plain_file() -> None:
    records = load_records_csv([GOOD / "tenures_semicolon_bom.csv"])
    first = records.tenures[0]
    assert first.person == "Nikita Khrouchtchev"
    assert first.office == "Premier secrétaire"
    assert first.start == PartialDate(1953, 9)
    assert records.tenures[2].note == "titre rétabli; en 1966"
    assert records.tenures[1].id == "tenure-leonid-brejnev-1964"
    assert [t.acting for t in records.tenures] == [False, False, False, False, True]


def test_utf16_with_a_bom_reads_the_same_as_utf8() -> None:
    utf16 = load_records_csv([GOOD / "tenures_utf16.csv"])
    utf8 = load_records_csv([GOOD / "tenures_semicolon_bom.csv"])
    assert [(t.id, t.person, t.office, t.start, t.end, t.note) for t in utf16.tenures] == [
        (t.id, t.person, t.office, t.start, t.end, t.note) for t in utf8.tenures
    ]


def test_decomposed_accents_are_stored_composed(tmp_path: Path) -> None:
    path = tmp_path / "nfd.csv"
    person = unicodedata.normalize("NFD", "Léonid Brejnev")
    path.write_text(f"{HEADER}{person},Premier secrétaire,1964,,,,\n", encoding="utf-8")
    assert load_records_csv([path]).tenures[0].person == "Léonid Brejnev"


def test_columns_may_come_in_any_order_and_case_with_optional_ones_left_out() -> None:
    records = load_records_csv([GOOD / "tenures_reordered_minimal.csv"])
    gorbachev = records.tenures[0]
    assert (gorbachev.person, gorbachev.office, gorbachev.start) == (
        "Mikhail Gorbachev", "General Secretary", PartialDate(1985, 3, 11))
    assert gorbachev.end is None and not gorbachev.acting


def test_event_file_is_told_apart_by_its_header() -> None:
    records = load_records_csv([GOOD / "events.csv"])
    assert records.tenures == ()
    assert records.events[0].text == (
        'The Bolsheviks take power in Petrograd, the "October Revolution"')
    assert records.events[0].id == "event-1917-the-bolsheviks-take-power-in-petrograd"
    assert records.events[2].date == PartialDate(1952, 10)
    assert records.events[-1].note == "three days"


def test_event_file_without_a_note_column_in_another_order() -> None:
    events = load_records_csv([GOOD / "events_two_columns.csv"]).events
    assert [(e.date, e.text) for e in events] == [
        (PartialDate(1924, 1, 21), "Lenin dies"),
        (PartialDate(1991, 8, 24), "Ivashko is acting General Secretary"),
    ]


def test_tenure_and_event_files_load_together_with_one_source_each() -> None:
    records = load_records_csv([GOOD / "tenures.csv", GOOD / "events.csv"],
                               record_set_id="class-7", title="Class 7 records")
    assert (records.id, records.title) == ("class-7", "Class 7 records")
    assert [(s.id, s.file) for s in records.sources] == [
        ("csv-tenures", "tenures.csv"), ("csv-events", "events.csv")]
    assert len(records.tenures) == 7 and len(records.events) == 6
    assert all(r.sources[0].source == "csv-tenures" for r in records.tenures)
    assert all(r.sources[0].source == "csv-events" for r in records.events)


def test_each_record_quotes_its_own_csv_line() -> None:
    records = load_records_csv([GOOD / "tenures.csv"])
    lines = (GOOD / "tenures.csv").read_text(encoding="utf-8").splitlines()
    assert [t.sources[0].quote for t in records.tenures] == lines[1:]


def test_default_id_and_title_come_from_the_file_names() -> None:
    records = load_records_csv([GOOD / "tenures.csv", GOOD / "events.csv"])
    assert records.id == "tenures-events"
    assert records.title == "tenures.csv, events.csv"


def test_ids_are_the_same_every_time_the_same_files_are_loaded() -> None:
    paths = [GOOD / "tenures.csv", GOOD / "events.csv"]
    assert load_records_csv(paths) == load_records_csv(paths)


def test_blank_rows_and_rows_of_empty_cells_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(HEADER + "\nAnn,Chair,1990,,,,\n,,,,,,\n\nBob,Chair,1991,,,,\n",
                    encoding="utf-8")
    tenures = load_records_csv([path]).tenures
    assert [t.person for t in tenures] == ["Ann", "Bob"]
    assert tenures[1].sources[0].quote == "Bob,Chair,1991,,,,"


def test_a_quoted_note_spanning_lines_is_one_row_quoted_whole(tmp_path: Path) -> None:
    path = tmp_path / "multiline.csv"
    path.write_text(HEADER + 'Ann,Chair,1990,,,,"first\nsecond"\nBob,Chair,1991,,,,\n',
                    encoding="utf-8")
    tenures = load_records_csv([path]).tenures
    assert tenures[0].note == "first\nsecond"
    assert tenures[0].sources[0].quote == 'Ann,Chair,1990,,,,"first\nsecond"'


@pytest.mark.parametrize("text", ["true", "TRUE", "Yes", "1", "YES"])
def test_acting_accepts_true_in_any_case(tmp_path: Path, text: str) -> None:
    path = tmp_path / "acting.csv"
    path.write_text(f"{HEADER}Ann,Chair,1990,,,{text},\n", encoding="utf-8")
    assert load_records_csv([path]).tenures[0].acting is True


@pytest.mark.parametrize("text", ["false", "No", "0", ""])
def test_acting_accepts_false_and_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "acting.csv"
    path.write_text(f"{HEADER}Ann,Chair,1990,,,{text},\n", encoding="utf-8")
    assert load_records_csv([path]).tenures[0].acting is False


def test_ids_of_names_without_latin_letters_are_stable_hashes() -> None:
    assert slug("Ленин") == slug("Ленин")
    assert slug("Ленин").startswith("x") and slug("Ленин") != slug("Сталин")
    assert slug("Łukasz Żółć") == "lukasz-zolc"
    assert slug("Nikita   Sergeyevich, Khrushchev!") == "nikita-sergeyevich-khrushchev"


# ---------------------------------------------------------------- bad files

BAD_FILES = {
    "empty.csv": "1: (file)",
    "blank_lines.csv": "1: (file)",
    "header_only.csv": "2: (file)",
    "binary.csv": "3: (file)",
    "latin1.csv": "3: (encoding)",
    "utf16_truncated.csv": "2: (encoding)",
    "missing_column.csv": "1: start",
    "unknown_column.csv": "1: born",
    "not_a_header.csv": "1: (header)",
    "duplicate_column.csv": "1: start",
    "unnamed_column.csv": "1: column 4",
    "impossible_date.csv": "4: start",
    "spreadsheet_date.csv": "3: end",
    "not_a_leap_year.csv": "2: start",
    "end_before_start.csv": "3: end",
    "bad_acting.csv": "2: acting",
    "duplicate_rows.csv": "4: (row)",
    "too_few_fields.csv": "3: end_reason",
    "too_many_fields.csv": "2: column 8",
    "empty_person.csv": "3: person",
    "unbalanced_quotes.csv": "3: (row)",
    "unclosed_quote.csv": "2: (row)",
    "event_bad_date.csv": "2: date",
    "event_empty_text.csv": "3: text",
    "semicolon_bad_date.csv": "3: date",
}


def test_every_bad_file_in_the_folder_has_an_expected_problem() -> None:
    assert sorted(p.name for p in BAD.glob("*.csv")) == sorted(BAD_FILES)


@pytest.mark.parametrize(("name", "place"), sorted(BAD_FILES.items()))
def test_bad_file_is_refused_with_its_line_and_column(name: str, place: str) -> None:
    path = BAD / name
    problems = _problems([path])
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{place}: "), problems[0]
    assert len(problems[0]) > len(f"{path}:{place}: ") + 10


def test_specific_sentences_for_the_classic_mistakes() -> None:
    assert _problems([BAD / "impossible_date.csv"])[0].endswith(
        "'1959-13-45' is not a real date: month 13 does not exist")
    assert _problems([BAD / "end_before_start.csv"])[0].endswith(
        "1921 is before the start 1922-04-03")
    assert "'maybe'" in _problems([BAD / "bad_acting.csv"])[0]
    assert _problems([BAD / "duplicate_rows.csv"])[0].endswith("duplicates the row at line 2")
    assert "binary" in _problems([BAD / "binary.csv"])[0]
    assert "not UTF-8" in _problems([BAD / "latin1.csv"])[0]


def test_every_problem_of_every_file_is_listed_and_nothing_is_returned(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text(HEADER + "Ann,Chair,1959-13-45,,,,\n"
                    "Bob,Chair,1990,1980,,perhaps,\n"
                    ",,1991,,,,\n", encoding="utf-8")
    problems = _problems([GOOD / "events.csv", path, BAD / "binary.csv"])
    where = str(path)
    assert problems == [
        f"{where}:2: start: '1959-13-45' is not a real date: month 13 does not exist",
        f"{where}:3: end: 1980 is before the start 1990",
        f"{where}:3: acting: 'perhaps' is not one of true, false, yes, no, 1, 0 "
        "(or empty for false)",
        f"{where}:4: person: is empty, but it is required",
        f"{where}:4: office: is empty, but it is required",
        f"{BAD / 'binary.csv'}:3: (file): contains NUL bytes, so it is a binary file, not text",
    ]


def test_header_problems_and_row_problems_are_reported_together(tmp_path: Path) -> None:
    path = tmp_path / "both.csv"
    path.write_text("person,office,born\nAnn,Chair,1990\n", encoding="utf-8")
    problems = _problems([path])
    assert [p.split(": ")[0] + ": " + p.split(": ")[1] for p in problems] == [
        f"{path}:1: born", f"{path}:1: start"]


def test_a_row_repeated_in_a_second_file_names_the_first_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER + "Ann,Chair,1990,,,,\n", encoding="utf-8")
    second.write_text(HEADER + "Bob,Chair,1991,,,,\nAnn,Chair,1990,,,no,\n", encoding="utf-8")
    assert _problems([first, second]) == [f"{second}:3: (row): duplicates the row at {first}:2"]


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    assert _problems([tmp_path / "nowhere.csv"]) == [f"{tmp_path / 'nowhere.csv'}: no such file"]


def test_no_files_at_all_is_refused() -> None:
    assert _problems([]) == ["no CSV file was given"]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    row = "Ann,Chair,1990,,,,\n"
    path.write_text(HEADER + row * (MAX_BYTES // len(row) + 1), encoding="utf-8")
    (problem,) = _problems([path])
    assert problem == f"{path}: is larger than the 5 MB limit; split it into smaller files"


def test_a_file_over_the_row_limit_is_refused_at_the_first_row_too_many(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    rows = "".join(f"P{i},O,1990,,,,\n" for i in range(MAX_ROWS + 1))
    path.write_text(HEADER + rows, encoding="utf-8")
    assert _problems([path]) == [
        f"{path}:{MAX_ROWS + 2}: (file): more than 50,000 data rows; split the file"]


def test_exactly_the_row_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "limit.csv"
    path.write_text("date,text\n" + "".join(f"1990,E{i}\n" for i in range(MAX_ROWS)),
                    encoding="utf-8")
    assert len(load_records_csv([path]).events) == MAX_ROWS


# ---------------------------------------------------------------- round trips

_ODD = st.sampled_from(list("aàéÉçñßŁøœ ,;\"'-–…ёЖ中"))
_TEXT = st.one_of(st.text(_ODD, min_size=1, max_size=12),
                  st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1,
                          max_size=12))
TEXT = _TEXT.map(lambda s: unicodedata.normalize("NFC", s).strip()).filter(bool)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates())
    return PartialDate.from_date(day).truncate(draw(st.sampled_from(["year", "month", "day"])))


@st.composite
def tenures(draw: st.DrawFn) -> Tenure:
    start = draw(partial_dates())
    end = draw(st.one_of(st.none(), partial_dates().filter(lambda d: not d.is_before(start))))
    return Tenure(
        id=RecordId(""), person=draw(TEXT), office=draw(TEXT), start=start, end=end,
        end_reason=draw(OPTIONAL_TEXT), acting=draw(st.booleans()), note=draw(OPTIONAL_TEXT),
    )


@st.composite
def events(draw: st.DrawFn) -> Event:
    return Event(id=RecordId(""), date=draw(partial_dates()), text=draw(TEXT),
                 note=draw(OPTIONAL_TEXT))


def _tenure_fields(t: Tenure) -> tuple[object, ...]:
    return (t.person, t.office, t.start, t.end, t.end_reason, t.acting, t.note)


def _event_fields(e: Event) -> tuple[object, ...]:
    return (e.date, e.text, e.note)


def _semicolons(text: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        csv.reader(io.StringIO(text, newline="")))
    return out.getvalue()


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])


@settings(max_examples=60, deadline=None)
@given(st.lists(tenures(), min_size=1, max_size=8, unique_by=_tenure_fields), ENCODINGS,
       st.booleans())
def test_tenures_survive_dump_and_load_exactly(
    tmp_path_factory: pytest.TempPathFactory, generated: list[Tenure], encoding: str,
    semicolons: bool,
) -> None:
    text = dump_tenures_csv(generated)
    path = tmp_path_factory.mktemp("round") / "tenures.csv"
    path.write_text(_semicolons(text) if semicolons else text, encoding=encoding, newline="")
    loaded = load_records_csv([path])
    assert [_tenure_fields(t) for t in loaded.tenures] == [_tenure_fields(t) for t in generated]
    assert dump_tenures_csv(loaded) == text
    assert load_records_csv([path]) == loaded


@settings(max_examples=60, deadline=None)
@given(st.lists(events(), min_size=1, max_size=8, unique_by=_event_fields), ENCODINGS,
       st.booleans())
def test_events_survive_dump_and_load_exactly(
    tmp_path_factory: pytest.TempPathFactory, generated: list[Event], encoding: str,
    semicolons: bool,
) -> None:
    text = dump_events_csv(generated)
    path = tmp_path_factory.mktemp("round") / "events.csv"
    path.write_text(_semicolons(text) if semicolons else text, encoding=encoding, newline="")
    loaded = load_records_csv([path])
    assert [_event_fields(e) for e in loaded.events] == [_event_fields(e) for e in generated]
    assert dump_events_csv(loaded) == text
    assert len({e.id for e in loaded.events}) == len(generated)


def test_dumping_a_record_set_writes_its_tenures_and_events() -> None:
    records = load_records_csv([GOOD / "tenures.csv", GOOD / "events.csv"])
    assert dump_tenures_csv(records).splitlines()[0] == HEADER.strip()
    assert dump_tenures_csv(records).splitlines()[6] == (
        "Vladimir Ivashko,General Secretary,1991-08-24,1991-08-29,,true,acting")
    assert dump_events_csv(records).splitlines()[1] == (
        '1917-10-25,"The Bolsheviks take power in Petrograd, the ""October Revolution""",')


def test_the_csv_examples_in_the_format_docs_load(tmp_path: Path) -> None:
    text = (CSV.parent.parent.parent / "docs" / "formats.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```csv\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) == 2
    paths = []
    for number, block in enumerate(blocks):
        paths.append(tmp_path / f"example{number}.csv")
        paths[-1].write_text(block, encoding="utf-8")
    records = load_records_csv(paths)
    assert (len(records.tenures), len(records.events)) == (5, 3)
    assert records.events[1].text == (
        'The new constitution\'s Article 6 names the party the "leading force"')


# ---------------------------------------------------------------- fuzzing

_CSV_ALPHABET = st.sampled_from([*'ab,;"\n\r\t 1-9é0\x00', "1953-09-07", "true", "\ufeff"])
_HEADERS = st.sampled_from(["", HEADER, "date,text,note\n", "person;office;start\n",
                            "text,date\n", "person,person\n"])


@settings(max_examples=150, deadline=None)
@given(_HEADERS, st.lists(_CSV_ALPHABET, max_size=60).map("".join),
       st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_any_text_loads_or_is_refused_with_located_problems(
    tmp_path_factory: pytest.TempPathFactory, header: str, body: str, encoding: str,
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes((header + body).encode(encoding, errors="replace"))
    try:
        records = load_records_csv([path])
    except InputError as error:
        assert error.problems
        assert all(str(p).startswith(str(path)) for p in error.problems)
        return
    assert records.tenures or records.events


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_are_refused(tmp_path_factory: pytest.TempPathFactory,
                                       data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "b.csv"
    path.write_bytes(data)
    try:
        load_records_csv([path])
    except InputError as error:
        assert all(str(p).startswith(str(path)) for p in error.problems)
