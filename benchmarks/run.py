"""Run every benchmark module (`benchmarks/bench_*.py`), print one table, save the rows as JSON.

Each module defines `run(quick: bool) -> list[dict]`; a row has `benchmark`, `metric`, `value`,
`unit`, and optionally `target` (text such as "<= 2.0"), `ok` (bool) and `note`. Every time
target is a ratio measured within this one run (against a bare window, against loading the
input, against the fixed reference loop of `reference.py`), so a noisy shared machine moves
both sides together; memory and counts are judged as they are.

Everything the run writes (temporary folders, the bytecode cache, the cached start-up store,
the JSON of the rows) goes under `benchmarks/results/`, which git ignores. A module that fails
outright becomes one failing row saying why; the others still run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def _keep_writes_under_results() -> Path:
    """Temporary folders and bytecode of this run and its children go under results/."""
    scratch = RESULTS / "tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    os.environ["TMPDIR"] = str(scratch)
    tempfile.tempdir = str(scratch)
    pycache = RESULTS / "cache" / "pycache"
    os.environ["PYTHONPYCACHEPREFIX"] = str(pycache)
    sys.pycache_prefix = str(pycache)
    return scratch


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _table(rows: list[dict[str, Any]]) -> str:
    head = ("benchmark", "metric", "value", "unit", "target", "result")
    body = [
        (
            str(r["benchmark"]), str(r["metric"]),
            f"{r['value']:.4g}" if isinstance(r["value"], float) else str(r["value"]),
            str(r.get("unit", "")), str(r.get("target", "")),
            "" if "ok" not in r else ("pass" if r["ok"] else "FAIL"),
        )
        for r in rows
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=False)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
             for row in (head, *body)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="only these benchmarks (file stems)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    started = time.perf_counter()
    scratch = _keep_writes_under_results()
    rows: list[dict[str, Any]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if args.names and path.stem not in args.names and path.stem[6:] not in args.names:
            continue
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        try:
            rows.extend(_load(path).run(quick=args.quick))
        except Exception as error:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            rows.append({"benchmark": path.stem[6:], "metric": "the benchmark ran",
                         "value": "error", "unit": "", "target": "runs", "ok": False,
                         "note": f"{type(error).__name__}: {error}"[:400]})
        print(f"  {path.stem}: {time.perf_counter() - began:.0f} s", file=sys.stderr,
              flush=True)
    shutil.rmtree(scratch, ignore_errors=True)
    print(_table(rows))
    notes = [f"- {r['benchmark']}, {r['metric']}: {r['note']}" for r in rows if r.get("note")]
    if notes:
        print("\nnotes:\n" + "\n".join(notes))
    failed = sum(1 for r in rows if r.get("ok") is False)
    judged = sum(1 for r in rows if "ok" in r)
    print(f"\n{judged - failed} of {judged} targets met, {failed} missed"
          f" ({time.perf_counter() - started:.0f} s{', quick run' if args.quick else ''})")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"bench-{stamp}.json"
    meta = {"python": sys.version.split()[0], "machine": platform.platform(), "at": stamp,
            "quick": args.quick}
    out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"saved {out.relative_to(HERE.parent)}")
    return 0 if all(r.get("ok", True) for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
