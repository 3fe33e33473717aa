"""Digests of many generated question sets, to prove that a change to the generator's speed
changes not a single question (tests/test_generation_speed_digests.py).

    python scripts/generation_digests.py            # rewrite tests/data/generation_digests.json
    python scripts/generation_digests.py --check    # compare with it, list the cases that differ

Each case is one call the app, the CLI or a teacher makes (`generate_question_set` or
`generate_for_facts`) on the built-in records, a teacher's small CSVs (tests/data/teacher) or a
teacher-shaped spreadsheet of 600 rows (benchmarks/bench_generation.py writes it), across
seeds, difficulties, counts, types, focuses and both languages. Its digest is the sha256 of the
set's canonical JSON (`dump_question_set`).

Re-run it (without --check) whenever the generator's RULES change on purpose (the questions
are then meant to differ), never to make a speed change pass.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "generation_digests.json"
TEACHER = ROOT / "tests" / "data" / "teacher"

Case = tuple[str, Callable[[], Any]]


@functools.cache
def _records(source: str) -> Any:
    from gensec_quiz.bank.builtin import load_records

    if source == "builtin":
        return load_records([])
    if source == "teacher":
        return load_records([TEACHER / "monarchs.csv", TEACHER / "royal_events.csv"])
    if source == "sheet600":
        spec = importlib.util.spec_from_file_location(
            "bench_generation", ROOT / "benchmarks" / "bench_generation.py")
        assert spec is not None and spec.loader is not None
        sys.path.insert(0, str(ROOT / "benchmarks"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        with tempfile.TemporaryDirectory(prefix="digests-") as folder:
            path = Path(folder) / "sheet600.csv"
            path.write_text(module.teacher_csv(600), encoding="utf-8")
            return load_records([path])
    raise ValueError(f"unknown records '{source}'")


def cases() -> Iterator[Case]:
    """(name, call making the set) for every case, in a fixed order."""
    from gensec_quiz.generation import generate_for_facts, generate_question_set

    def make(source: str, **options: Any) -> Case:
        name = source + " " + " ".join(f"{k}={v}" for k, v in sorted(options.items()))
        return name, lambda: generate_question_set(_records(source), **options)

    for language in ("en", "fr"):
        for difficulty in (1, 2, 3):
            for seed in range(8):
                yield make("builtin", count=20, seed=seed, difficulty=difficulty,
                           language=language)
            for seed in (0, 5):
                yield make("teacher", count=10, seed=seed, difficulty=difficulty,
                           language=language)
                yield make("sheet600", count=20, seed=seed, difficulty=difficulty,
                           language=language)
    for seed in (1, 2):
        yield make("builtin", count=10, seed=seed)
        yield make("builtin", count=30, seed=seed)  # past LONG: the guards let go
        yield make("builtin", count=20, seed=seed, types=("date",))
        yield make("builtin", count=12, seed=seed, types=("ordering", "matching"))
        yield make("builtin", count=15, seed=seed, focus="people", difficulty=3)
        yield make("builtin", count=15, seed=seed, focus="history", difficulty=1)
        yield make("teacher", count=25, seed=seed)
    for seed in (0, 3):
        records = _records("builtin")
        facts = [ref for q in generate_question_set(records, count=6, seed=seed + 40).questions
                 for ref in q.basis][:4]
        yield (f"builtin review seed={seed}",
               functools.partial(generate_for_facts, records, facts, count=12, seed=seed))


def digest(question_set: Any) -> str:
    from gensec_quiz.bank.questions_json import dump_question_set

    return hashlib.sha256(dump_question_set(question_set).encode("utf-8")).hexdigest()


def digests() -> dict[str, str]:
    found: dict[str, str] = {}
    for name, call in cases():
        assert name not in found, name
        found[name] = digest(call())
    return found


def main(argv: list[str]) -> int:
    found = digests()
    if "--check" in argv:
        stored = json.loads(FIXTURE.read_text(encoding="utf-8"))["digests"]
        differ = [name for name in stored if found.get(name) != stored[name]]
        differ += [name for name in found if name not in stored]
        for name in differ:
            print(f"differs: {name}")
        print(f"{len(found) - len(differ)} of {len(found)} sets as stored")
        return 1 if differ else 0
    FIXTURE.write_text(json.dumps({
        "about": "sha256 of dump_question_set for each case of scripts/generation_digests.py;"
                 " re-run that script when the generator's rules change on purpose",
        "digests": found}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(found)} digests written to {FIXTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
