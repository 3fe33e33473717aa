"""`gensec-quiz pin set` and `pin clear`: the teacher PIN from standard input, for a technician."""

from __future__ import annotations

import io
import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gensec_quiz.application.teacher_pin import PinAccepted, PinRefused, TeacherPin
from gensec_quiz.cli import main
from gensec_quiz.paths import DataFolder


@pytest.fixture
def data(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path / "class-data")


def _pin(data: DataFolder) -> TeacherPin:
    return TeacherPin.in_folder(data.root, lambda: datetime(2025, 3, 3, tzinfo=UTC))


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_pin_set_reads_the_pin_from_standard_input_and_keeps_only_its_hash(
    data: DataFolder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "4821\n")
    assert main(["pin", "set"], data=data) == 0
    assert "The teacher PIN is set" in capsys.readouterr().out
    pin = _pin(data)
    assert pin.check("4821") == PinAccepted()
    assert isinstance(pin.check("4822"), PinRefused)
    assert "4821" not in pin.path.read_text(encoding="utf-8")
    assert json.loads(pin.path.read_text(encoding="utf-8"))["scheme"] == "scrypt"
    assert stat.S_IMODE(pin.path.stat().st_mode) == 0o600


def test_pin_set_with_nothing_on_standard_input_says_how(
    data: DataFolder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "")
    assert main(["pin", "set"], data=data) == 1
    assert "no PIN on standard input" in capsys.readouterr().err
    assert not _pin(data).is_set()


def test_pin_set_refuses_a_short_pin_with_a_sentence(
    data: DataFolder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "12\n")
    assert main(["pin", "set"], data=data) == 1
    assert "PIN: The PIN needs at least 4 characters." in capsys.readouterr().err
    assert not _pin(data).is_set()


def test_pin_clear_removes_the_pin(
    data: DataFolder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, "4821\n")
    main(["pin", "set"], data=data)
    assert main(["pin", "clear"], data=data) == 0
    assert "cleared" in capsys.readouterr().out
    assert not _pin(data).is_set()
    assert main(["pin", "clear"], data=data) == 0
    assert "No teacher PIN was set." in capsys.readouterr().out
