"""Seed parsers and reconciliation: from the five seed documents to the built-in record set.

`extract(folder, editorial)` reads every seed, finds the facts in their text (each with an exact
quote), merges them into a `RecordSet` whose conflicts say where independent witnesses disagree,
and, given the editorial file, takes its events (what happened, in a teacher's words) and the
tenures the table lacks, every quote checked against its seed.
"""

from __future__ import annotations

from pathlib import Path

from gensec_quiz.extraction.editorial import apply_editorial, check_record_set, load_editorial
from gensec_quiz.extraction.pipeline import read_seeds
from gensec_quiz.extraction.reconcile import Extraction, reconcile

__all__ = ["Extraction", "extract"]


def extract(folder: Path, editorial: Path | None = None) -> Extraction:
    """Build the record set from the seed documents in `folder` (and the editorial file)."""
    reading = read_seeds(folder)
    extraction = reconcile(reading)
    if editorial is None:
        check_record_set(extraction.records,
                         {str(p.seed.id): (p.seed.text, p.seed.language)
                          for p in reading.parsed})
        return extraction
    return apply_editorial(extraction, load_editorial(editorial), reading)
