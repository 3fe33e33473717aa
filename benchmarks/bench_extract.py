"""Extracting the record set from the five seeds, and loading the built-in record set.

Rows: median seconds of each (over several repeats) and their ratio. Targets are ratios to the
fixed reference loop (`reference.py`, about 5 ms here) timed in the same run: extraction within
200 loops (the former 1 s), loading within 10 loops (the former 50 ms).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gensec_quiz import paths
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.extraction import extract

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import reference  # noqa: E402

EXTRACT_LIMIT = 200.0
LOAD_LIMIT = 10.0


def _median(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(quick: bool) -> list[dict[str, Any]]:
    seeds = paths.seeds_dir()
    builtin = paths.builtin_records_path()
    extract(seeds)  # warm imports and regex caches
    extract_s = _median(lambda: extract(seeds), 3 if quick else 15)
    load_s = _median(lambda: load_record_set(builtin), 5 if quick else 50)
    records = load_record_set(builtin)
    ratio = extract_s / load_s if load_s else float("inf")
    loop = reference.reference_wall_seconds()
    return [
        {"benchmark": "extract", "metric": "extract five seeds (median)", "value": extract_s,
         "unit": "s"},
        {"benchmark": "extract", "metric": "extract five seeds / reference loop",
         "value": extract_s / loop, "unit": "x", "target": f"<= {EXTRACT_LIMIT:g}",
         "ok": extract_s / loop <= EXTRACT_LIMIT},
        {"benchmark": "extract", "metric": "load record set (median)", "value": load_s,
         "unit": "s"},
        {"benchmark": "extract", "metric": "load record set / reference loop",
         "value": load_s / loop, "unit": "x", "target": f"<= {LOAD_LIMIT:g}",
         "ok": load_s / loop <= LOAD_LIMIT},
        {"benchmark": "extract", "metric": "extract / load", "value": ratio, "unit": "x"},
        {"benchmark": "extract", "metric": "records (tenures+offices+events)",
         "value": len(records.tenures) + len(records.offices) + len(records.events),
         "unit": "records"},
        {"benchmark": "extract", "metric": "conflicts", "value": len(records.conflicts),
         "unit": "conflicts"},
    ]
