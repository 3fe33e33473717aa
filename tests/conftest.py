"""Shared test set-up: Qt offscreen, a temporary data folder, no real user data touched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests are deterministic (the same examples on every run and machine) and never fail
# for being slow on a busy shared machine; a test's own settings still choose its example count.
settings.register_profile("gensec", deadline=None, derandomize=True, database=None)
settings.load_profile("gensec")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own learner data folder."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("GENSEC_QUIZ_DATA_DIR", str(folder))
    yield folder
