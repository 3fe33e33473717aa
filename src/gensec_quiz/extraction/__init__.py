"""Seed parsers and reconciliation: from the five seed documents to the built-in record set.

`extract(folder)` reads every seed, finds the facts in their text (each with an exact quote),
and merges them into a `RecordSet` whose conflicts say where the documents disagree.
"""

from __future__ import annotations

from pathlib import Path

from gensec_quiz.extraction.pipeline import read_seeds
from gensec_quiz.extraction.reconcile import Extraction, reconcile

__all__ = ["Extraction", "extract"]


def extract(folder: Path) -> Extraction:
    """Build the record set from the seed documents in `folder`."""
    return reconcile(read_seeds(folder))
