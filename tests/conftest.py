"""Shared test set-up: Qt offscreen, a temporary data folder, no real user data touched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own learner data folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("GENSEC_QUIZ_DATA_DIR", str(folder))
    yield folder
