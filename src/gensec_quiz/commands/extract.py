"""`gensec-quiz extract [--seeds DIR] [--out FILE] [--check]`: the record set from the seeds."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from gensec_quiz.domain.errors import CommandError
from gensec_quiz.i18n import tr

DIFF_LINES = 40


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help=tr("build the record set from the seed documents"),
        description=tr("Build the record set from the seed documents. Hand corrections come "
                       "only from an overrides.json file next to the output, each with a reason."),
    )
    parser.add_argument("--seeds", type=Path, metavar="DIR",
                        help=tr("folder of seed documents (default: the shipped seeds/)"))
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help=tr("record set to write or check (default: the built-in one)"))
    parser.add_argument("--overrides", type=Path, metavar="FILE",
                        help=tr("hand corrections (default: overrides.json next to the output, "
                                "when it exists)"))
    parser.add_argument("--editorial", type=Path, metavar="FILE",
                        help=tr("the events in a teacher's words and the tenures the table lacks, "
                                "each quote checked against the seeds (default: editorial.json "
                                "next to the output, when it exists)"))
    parser.add_argument("--check", action="store_true",
                        help=tr("write nothing; fail when the file differs from what the seeds "
                                "give"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gensec_quiz import paths
    from gensec_quiz.bank.records_json import dump_record_set, save_record_set
    from gensec_quiz.extraction import extract
    from gensec_quiz.extraction.overrides import apply_overrides, load_overrides

    seeds: Path = args.seeds or paths.seeds_dir()
    out: Path = args.out or paths.builtin_records_path()
    overrides_path: Path | None = args.overrides or out.parent / "overrides.json"
    editorial: Path | None = args.editorial
    if editorial is None and (out.parent / "editorial.json").is_file():
        editorial = out.parent / "editorial.json"
    extraction = extract(seeds, editorial)
    records = extraction.records
    report: list[str] = []
    if overrides_path is not None and (args.overrides or overrides_path.is_file()):
        records, report = apply_overrides(records, load_overrides(overrides_path),
                                          where=str(overrides_path))
    text = dump_record_set(records)
    if args.check:
        return _check(out, text)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_record_set(records, out)
    print(tr("Wrote {tenures} tenures, {offices} office names, {events} events and {conflicts} "
             "conflicts from {seeds} to {path}.", tenures=len(records.tenures),
             offices=len(records.offices), events=len(records.events),
             conflicts=len(records.conflicts), seeds=seeds, path=out))
    for line in report:
        print(tr("Hand correction: {line}", line=line))
    for note in extraction.notes:
        print(tr("Note: {note}", note=note))
    return 0


def _check(out: Path, text: str) -> int:
    try:
        current = out.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(tr("{path} does not exist; run `gensec-quiz extract` to build it.",
                              path=out)) from None
    if current == text:
        print(tr("{path} is exactly what the seeds give.", path=out))
        return 0
    diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(),
                                     fromfile=str(out), tofile="from the seeds", lineterm=""))
    print(tr("{path} differs from what the seeds give; run `gensec-quiz extract` to rebuild it "
             "(or add a hand correction to overrides.json).", path=out), file=sys.stderr)
    for line in diff[:DIFF_LINES]:
        print(line, file=sys.stderr)
    if len(diff) > DIFF_LINES:
        print(tr("… {count} more diff lines", count=len(diff) - DIFF_LINES), file=sys.stderr)
    return 1
