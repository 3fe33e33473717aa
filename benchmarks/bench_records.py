"""Loading records: the built-in record set (JSON) and a synthetic teacher's tenure CSV.

The built-in load is judged against the fixed reference loop (`reference.py`) timed in the
same run (the former 250 ms limit over a loop of about 5 ms); the CSV against itself.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import reference
from gensec_quiz import paths
from gensec_quiz.bank.csv_records import dump_tenures_csv, load_records_csv
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import RecordId, Tenure

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "csv" / "json" / (
    "sample_records.json")
FIRST = ("Léonid", "Nikita", "Iouri", "Mikhaïl", "Joseph", "Anna", "Élise", "Søren", "Zoë")
LAST = ("Brejnev", "Khrouchtchev", "Andropov", "Gorbatchev", "Staline", "Łukasik", "Núñez")
LOAD_LIMIT = 50.0  # the built-in record set, in reference loops
OFFICES = ("General Secretary", "First Secretary", "Premier secrétaire", "Chair; acting")


def _median_seconds(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def synthetic_tenures(count: int, *, seed: int = 0) -> list[Tenure]:
    """`count` distinct tenures with accents, semicolons and partial dates."""
    rng = random.Random(seed)
    tenures = []
    for number in range(count):
        year = rng.randint(1900, 2000)
        start = PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))
        start = start.truncate(rng.choice(("year", "month", "day", "day")))
        end = None if rng.random() < 0.1 else PartialDate(year + rng.randint(1, 20))
        tenures.append(Tenure(
            id=RecordId(""), person=f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}",
            office=rng.choice(OFFICES), start=start, end=end,
            end_reason=rng.choice(("", "died", "removed", "resigned")),
            acting=rng.random() < 0.05, note=rng.choice(("", 'said "no", then left'))))
    return tenures


def run(quick: bool) -> list[dict[str, Any]]:
    repeats = 3 if quick else 7
    rows: list[dict[str, Any]] = []
    builtin = paths.builtin_records_path()
    json_path, label = (builtin, "built-in gensec.json") if builtin.is_file() else (
        SAMPLE, "sample record set (gensec.json not built)")
    seconds = _median_seconds(lambda: load_record_set(json_path), repeats * 3)
    ratio = seconds / reference.reference_wall_seconds()
    rows.append({"benchmark": "records", "metric": f"load {label}, median",
                 "value": seconds * 1000, "unit": "ms"})
    rows.append({"benchmark": "records", "metric": f"load {label} / reference loop",
                 "value": ratio, "unit": "x", "target": f"<= {LOAD_LIMIT:g}",
                 "ok": ratio <= LOAD_LIMIT})
    big, small = (2_000, 200) if quick else (10_000, 1_000)
    with tempfile.TemporaryDirectory() as folder:
        timings = {}
        for count in (small, big):
            path = Path(folder) / f"tenures{count}.csv"
            path.write_text(dump_tenures_csv(synthetic_tenures(count)), encoding="utf-8")
            timings[count] = _median_seconds(partial(load_records_csv, [path]), repeats)
        size_kb = (Path(folder) / f"tenures{big}.csv").stat().st_size / 1024
    rows.append({"benchmark": "records", "metric": f"load {big:,}-row tenure CSV "
                 f"({size_kb:,.0f} KB), median", "value": timings[big] * 1000, "unit": "ms"})
    rows.append({"benchmark": "records", "metric": f"tenure CSV rows per second ({big:,} rows)",
                 "value": big / timings[big], "unit": "rows/s"})
    ratio = (timings[big] / big) / (timings[small] / small)
    rows.append({"benchmark": "records", "metric": f"CSV time per row, {big:,} vs {small:,} rows",
                 "value": ratio, "unit": "x", "target": "<= 3.0", "ok": ratio <= 3.0})
    return rows
