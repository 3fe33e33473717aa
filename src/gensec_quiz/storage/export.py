"""Score exports (CSV) that are safe to open in a spreadsheet.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by
Excel, LibreOffice or Google Sheets as a formula (CSV formula injection, OWASP); such a cell is
written with a leading apostrophe, which spreadsheets show as text and do not evaluate.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TextIO

from gensec_quiz.i18n import tr
from gensec_quiz.storage.records import SessionInfo

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """`cell`, with a leading apostrophe if a spreadsheet would take it for a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _time(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="seconds")


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:.3f}"


def session_header() -> list[str]:
    return [tr("learner"), tr("session"), tr("question set"), tr("title"), tr("mode"),
            tr("started (UTC)"), tr("finished (UTC)"), tr("answered"), tr("questions"),
            tr("score")]


def session_cells(info: SessionInfo) -> list[str]:
    return [info.learner_name, str(info.id), info.question_set_id, info.title, info.mode,
            _time(info.started_at), _time(info.finished_at), str(info.answered),
            str(info.question_count), _score(info.score)]


def write_rows(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write a header and rows, every cell neutralised; return the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    count = 0
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
        count += 1
    return count


def write_sessions_csv(out: TextIO, sessions: Iterable[SessionInfo]) -> int:
    """One row per quiz session (learner, set, times, progress, score)."""
    return write_rows(out, session_header(), (session_cells(s) for s in sessions))
