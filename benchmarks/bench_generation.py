"""Generation speed: a 20-question quiz from the built-in records, and every question from
synthetic record sets of growing size (how the time grows per doubling)."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
import statistics
import time
from typing import Any

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import (
    Conflict,
    ConflictOption,
    Event,
    OfficeName,
    RecordId,
    RecordSet,
    Resolution,
    Source,
    SourceId,
    SourceRef,
    Tenure,
)
from gensec_quiz.generation import enumerate_questions, generate_question_set

QUIZ_TARGET_MS = 20.0
ENUMERATE_TARGET_S = 2.0
SIZES = (1250, 2500, 5000, 10000)
QUICK_SIZES = (250, 500, 1000, 2000)


def synthetic_records(tenures: int, *, seed: int = 7) -> RecordSet:
    """`tenures` tenures of a few offices one after another (some people twice, a few acting,
    some disputed starts), an event for every other tenure, dates mostly known to the day."""
    rng = random.Random(seed)
    source = Source(SourceId("synthetic"), "Synthetic records", file="synthetic.txt")
    day = dt.date(1000, 1, 1)
    offices = ("President", "Chancellor", "Governor")
    people: list[Tenure] = []
    events: list[Event] = []
    conflicts: list[Conflict] = []
    for i in range(tenures):
        length = rng.randint(30, 400)
        start, end = day, day + dt.timedelta(days=length)
        person = f"Person {i // 2 if i % 7 == 0 else i}"
        record = RecordId(f"tenure-{i}")
        people.append(Tenure(record, person, offices[i % 3], _partial(start, i),
                             _partial(end, i + 1), acting=i % 11 == 0,
                             sources=(SourceRef(source.id, f"{person} took office"),)))
        if i % 2 == 0:
            when = start + dt.timedelta(days=rng.randint(1, length - 1))
            events.append(Event(RecordId(f"event-{i}"), _partial(when, i), f"Event number {i}.",
                                sources=(SourceRef(source.id, f"event {i}"),)))
        if i % 50 == 25:
            other = PartialDate.from_date(start + dt.timedelta(days=3))
            conflicts.append(Conflict(record, "start", (
                ConflictOption(PartialDate.from_date(start).iso(), (SourceRef(source.id, "a"),)),
                ConflictOption(other.iso(), (SourceRef(source.id, "b"),))),
                Resolution("prefer", "the first source is nearer", PartialDate.from_date(
                    start).iso())))
        day = end
    names = tuple(OfficeName(RecordId(f"office-{n}"), name, PartialDate(1000 + 100 * n),
                             PartialDate(1099 + 100 * n), sources=(SourceRef(source.id, name),))
                  for n, name in enumerate(offices))
    return RecordSet(f"synthetic-{tenures}", "Synthetic", sources=(source,), offices=names,
                     tenures=tuple(people), events=tuple(events), conflicts=tuple(conflicts))


def _partial(date: dt.date, salt: int) -> PartialDate:
    """Mostly a day; every 13th only the month, every 17th only the year."""
    if salt % 17 == 0:
        return PartialDate(date.year)
    if salt % 13 == 0:
        return PartialDate(date.year, date.month)
    return PartialDate.from_date(date)


def _timed(run: Any) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _median_ms(run: Any, repeats: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds over `repeats` calls of run(i)."""
    times = [_timed(lambda i=i: run(i)) for i in range(repeats)]
    return (statistics.median(t[0] for t in times) * 1000,
            statistics.median(t[1] for t in times) * 1000)


def _quiz_rows(quick: bool) -> list[dict[str, Any]]:
    from gensec_quiz.bank.builtin import builtin_records

    records = builtin_records()
    repeats = 15 if quick else 60
    wall, cpu = _median_ms(lambda i: generate_question_set(records, count=20, seed=i), repeats)
    made = len(generate_question_set(records, count=20, seed=0).questions)
    return [
        {"benchmark": "generation", "metric": "20-question quiz, built-in records (median wall)",
         "value": round(wall, 2), "unit": "ms"},
        {"benchmark": "generation", "metric": "20-question quiz, built-in records (median CPU)",
         "value": round(cpu, 2), "unit": "ms", "target": f"< {QUIZ_TARGET_MS:g}",
         "ok": cpu < QUIZ_TARGET_MS},
        {"benchmark": "generation", "metric": "questions in that quiz", "value": made,
         "unit": "questions", "target": "= 20", "ok": made == 20},
    ]


def _enumerate_into(records: RecordSet, made: list[Any]) -> None:
    made.append(enumerate_questions(records))


def _enumerate_rows(quick: bool) -> list[dict[str, Any]]:
    """Best of two runs per size (wall and CPU), and the growth per doubling of the records.

    The target is judged on the CPU time of this process: on a shared machine other
    processes' work lengthens the wall time but is not ours.
    """
    rows: list[dict[str, Any]] = []
    seconds: list[float] = []
    sizes = QUICK_SIZES if quick else SIZES
    for size in sizes:
        made: list[Any] = []
        run = functools.partial(_enumerate_into, synthetic_records(size), made)
        runs = [_timed(run) for _ in range(2)]
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        seconds.append(cpu)
        rows.append({"benchmark": "generation",
                     "metric": f"enumerate all, {size} tenures ({len(made[0])} questions), "
                               f"wall {wall:.3f} s, CPU",
                     "value": round(cpu, 3), "unit": "s"})
    if not quick:
        rows[-1]["target"] = f"< {ENUMERATE_TARGET_S:g}"
        rows[-1]["ok"] = seconds[-1] < ENUMERATE_TARGET_S
    for (small, big), (t_small, t_big) in zip(itertools.pairwise(sizes),
                                              itertools.pairwise(seconds), strict=True):
        ratio = t_big / t_small
        rows.append({"benchmark": "generation", "metric": f"growth {small} -> {big} tenures",
                     "value": round(ratio, 2), "unit": "x", "target": "<= 2.6 (near-linear)",
                     "ok": ratio <= 2.6})
    return rows


def run(quick: bool) -> list[dict[str, Any]]:
    return _quiz_rows(quick) + _enumerate_rows(quick)


if __name__ == "__main__":
    for row in run(quick=False):
        print(row)
