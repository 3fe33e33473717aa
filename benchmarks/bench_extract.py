"""Extracting the record set from the five seeds, and loading the built-in record set.

Rows: median seconds of each (over several repeats) and their ratio. Targets are limits within
this run: extraction of all five seeds in well under a second, loading in a few milliseconds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from gensec_quiz import paths
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.extraction import extract


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
    return [
        {"benchmark": "extract", "metric": "extract five seeds (median)", "value": extract_s,
         "unit": "s", "target": "<= 1.0", "ok": extract_s <= 1.0},
        {"benchmark": "extract", "metric": "load record set (median)", "value": load_s,
         "unit": "s", "target": "<= 0.05", "ok": load_s <= 0.05},
        {"benchmark": "extract", "metric": "extract / load", "value": ratio, "unit": "x"},
        {"benchmark": "extract", "metric": "records (tenures+offices+events)",
         "value": len(records.tenures) + len(records.offices) + len(records.events),
         "unit": "records"},
        {"benchmark": "extract", "metric": "conflicts", "value": len(records.conflicts),
         "unit": "conflicts"},
    ]
