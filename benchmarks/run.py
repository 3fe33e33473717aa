"""Run every benchmark module (`benchmarks/bench_*.py`), print one table, save the rows as JSON.

Each module defines `run(quick: bool) -> list[dict]`; a row has `benchmark`, `metric`, `value`,
`unit`, and optionally `target` (text such as "<= 2.0") and `ok` (bool). Targets are ratios or
limits measured within this one run, so a noisy shared machine moves both sides together.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import platform
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _table(rows: list[dict[str, Any]]) -> str:
    head = ("benchmark", "metric", "value", "unit", "target", "ok")
    body = [
        (
            str(r["benchmark"]), str(r["metric"]),
            f"{r['value']:.4g}" if isinstance(r["value"], float) else str(r["value"]),
            str(r.get("unit", "")), str(r.get("target", "")),
            "" if "ok" not in r else ("yes" if r["ok"] else "NO"),
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
    rows: list[dict[str, Any]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if args.names and path.stem not in args.names and path.stem[6:] not in args.names:
            continue
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        rows.extend(_load(path).run(quick=args.quick))
    print(_table(rows))
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = results / f"bench-{stamp}.json"
    meta = {"python": sys.version.split()[0], "machine": platform.platform(), "at": stamp}
    out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"\nsaved {out.relative_to(HERE.parent)}")
    return 0 if all(r.get("ok", True) for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
