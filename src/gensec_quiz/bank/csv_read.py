"""Low-level CSV reading for teachers' files: decoding, separator sniffing, rows with lines."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from gensec_quiz.bank.textfiles import MAX_BYTES, read_user_text
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import number, tr

MAX_ROWS = 50_000
SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One record of a CSV file: its first line number, its fields and its raw text."""

    line: int
    fields: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file split into its header and data rows (blank rows left out)."""

    where: str
    separator: str
    header_line: int
    header: tuple[str, ...]
    rows: tuple[CsvRow, ...]


def at(where: str, line: int, column: str) -> str:
    """The place of a problem: `FILE:LINE: column`."""
    return f"{where}:{line}: {column}"


def normalise_column(name: str) -> str:
    """Header names match whatever their case, spaces or hyphens: `End reason` is `end_reason`."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def read_csv_table(
    path: Path,
    *,
    known_columns: Collection[str],
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
) -> CsvTable:
    """Read and split a CSV file; InputError for anything that stops it being a table."""
    where = str(path)
    text = read_user_text(path, max_bytes=max_bytes)
    lines = text.split("\n")
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise InputError([_empty(where)])
    separator = sniff_separator(lines[header_index], known_columns)
    rows, problems = _split_rows(text, lines, separator=separator, where=where, max_rows=max_rows)
    if problems or not rows:
        raise InputError(problems or [_empty(where)])
    header, data = rows[0], rows[1:]
    if not data:
        raise InputError([Problem(at(where, header.line + 1, tr("(file)")), tr(
            "the file has a header but no data rows"))])
    return CsvTable(where, separator, header.line, header.fields, tuple(data))


def _empty(where: str) -> Problem:
    return Problem(at(where, 1, tr("(file)")), tr(
        "the file is empty; its first line must be a header, such as {tenures} for tenures "
        "or {events} for events",
        tenures="person,office,start,end,end_reason,acting,note", events="date,text,note"))


def sniff_separator(header: str, known_columns: Collection[str]) -> str:
    """The separator that splits the header into the most known column names."""
    known = set(known_columns)

    def score(separator: str) -> tuple[int, int]:
        names = next(csv.reader([header], delimiter=separator), [])
        return (sum(normalise_column(n) in known for n in names), header.count(separator))

    return max(SEPARATORS, key=score)


def _split_rows(
    text: str, lines: list[str], *, separator: str, where: str, max_rows: int
) -> tuple[list[CsvRow], list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows: list[CsvRow] = []
    last = 0
    try:
        for fields in reader:
            first, last = last + 1, reader.line_num
            text_of_row = "\n".join(lines[first - 1 : last])
            # Rows of empty cells are skipped, but never the header line.
            if not any(f.strip() for f in fields) and (rows or not text_of_row.strip()):
                continue
            if len(rows) > max_rows:
                return rows, [Problem(at(where, first, tr("(file)")), tr(
                    "more than {limit} data rows; split the file", limit=number(max_rows)))]
            rows.append(CsvRow(first, tuple(fields), text_of_row))
    except csv.Error as error:
        return rows, [_quote_problem(error, where=where, first=last + 1, now=reader.line_num)]
    return rows, []


def _quote_problem(error: csv.Error, *, where: str, first: int, now: int) -> Problem:
    if "end of data" in str(error):
        return Problem(at(where, first, tr("(row)")), tr(
            "a quoted field starts on this line and is never closed"))
    if "field limit" in str(error):
        return Problem(at(where, first, tr("(row)")), tr(
            "a field in the row starting here is longer than {limit} characters; "
            "is a quote never closed?", limit=number(csv.field_size_limit())))
    return Problem(at(where, now, tr("(row)")), tr(
        "the quotes are not balanced ({reason}); write a quote inside a quoted field as \"\"",
        reason=str(error)))
