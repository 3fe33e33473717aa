"""The fixed reference loop: a yardstick of plain Python work measured in the same run.

A target written as "<= N x reference loop" compares a measurement with this loop timed in the
same process a moment before or after, so a busy shared machine slows both sides together and
the ratio keeps its meaning where an absolute time would flip with the load (the loop itself
took from 3.7 to 7.5 ms here within one hour, with the load of the other sessions). The loop
does the kind of work the app does (small dicts, strings, sorting) and never changes: changing
it would change the meaning of every ratio that uses it.
"""

from __future__ import annotations

import statistics
import time


def reference_loop() -> int:
    """About 10 ms of plain Python on this machine; returns a checksum so nothing is skipped."""
    table: dict[str, list[int]] = {}
    for number in range(12_000):
        key = f"record-{number % 613}.{'start' if number % 2 else 'end'}"
        table.setdefault(key, []).append(number * 7 % 1_009)
    words = sorted(table, key=lambda key: (len(table[key]), key))
    total = 0
    for key in words:
        values = sorted(table[key])
        total += values[len(values) // 2] + len(key.split(".")[0])
    return total


def reference_seconds(repeats: int = 9) -> float:
    """Median CPU seconds of one reference loop (after a warm-up call)."""
    if repeats > 1:
        reference_loop()
    times = []
    for _ in range(repeats):
        began = time.process_time()
        reference_loop()
        times.append(time.process_time() - began)
    return statistics.median(times)


def reference_wall_seconds(repeats: int = 9) -> float:
    """Median wall seconds of one reference loop, for wall-clock measurements (disk, children)."""
    if repeats > 1:
        reference_loop()
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        reference_loop()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


if __name__ == "__main__":
    print(f"reference loop: {reference_seconds() * 1000:.2f} ms CPU, "
          f"{reference_wall_seconds() * 1000:.2f} ms wall")
