"""Errors at the entry points: the project's own told as sentences, bugs logged to the data
folder and told in one sentence saying where; and the data folder handed in, not looked up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import TracebackType

import pytest

from gensec_quiz.application.incidents import ErrorHook
from gensec_quiz.cli import main
from gensec_quiz.domain.errors import CommandError, InputError, Problem, StoreError
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage import open_store


def _raise(error: BaseException) -> tuple[type[BaseException], BaseException,
                                          TracebackType | None]:
    try:
        raise error
    except BaseException as caught:  # the test needs the traceback an excepthook receives
        return type(caught), caught, caught.__traceback__


def test_the_projects_own_errors_are_told_as_their_sentences_and_not_logged(
    tmp_path: Path,
) -> None:
    folder = DataFolder(tmp_path / "data")
    told: list[str] = []
    hook = ErrorHook(folder, tell=told.append)
    hook(*_raise(InputError([Problem("sets/a.json: questions[2]", "no prompt"),
                             Problem("sets/a.json: questions[4]", "no answer")])))
    hook(*_raise(StoreError("The database is busy.")))
    assert told == ["sets/a.json: questions[2]: no prompt\nsets/a.json: questions[4]: no answer",
                    "The database is busy."]
    assert not folder.log.exists()


def test_a_bug_is_logged_to_the_data_folder_and_told_in_one_sentence_saying_where(
    tmp_path: Path,
) -> None:
    folder = DataFolder(tmp_path / "data")
    told: list[str] = []
    hook = ErrorHook(folder, tell=told.append).install()
    try:
        hook(*_raise(ZeroDivisionError("division by zero")))
    finally:
        hook.uninstall()
    assert len(told) == 1 and "\n" not in told[0]
    assert str(folder.log) in told[0] and "ZeroDivisionError" not in told[0]
    logged = folder.log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError: division by zero" in logged
    assert sys.excepthook is not hook


def test_a_bug_in_a_command_exits_1_with_one_sentence_and_the_log(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import gensec_quiz.commands.scores as scores\n"
        "def broken(args):\n"
        "    raise RuntimeError('a bug in scores')\n"
        "scores.run = broken\n"
        "from gensec_quiz import launch\n"
        "sys.exit(launch.main(['scores']))\n")
    env = {**os.environ, "GENSEC_QUIZ_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Something went wrong inside GenSec Quiz; your saved answers are safe. The details "
        f"are in {tmp_path / 'data' / 'gensec-quiz.log'}."]
    assert "RuntimeError: a bug in scores" in (tmp_path / "data" / "gensec-quiz.log").read_text(
        encoding="utf-8")


def test_a_command_error_is_one_sentence_on_stderr_and_status_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["due", "--learner", "Nobody", "--at", "yesterday"]) == 1
    assert capsys.readouterr().err.strip() == (
        "--at: “yesterday” is not an ISO 8601 date and time, such as 2025-03-14T18:00:00Z.")
    assert issubclass(CommandError, Exception)


def test_commands_use_the_data_folder_they_are_handed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("GENSEC_QUIZ_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "not-here"))  # a look-up would land here
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "not-here"))
    folder = DataFolder(tmp_path / "class-data").create()
    with open_store(folder.database) as store:
        store.add_learner("Ada")
    assert main(["scores"], data=folder) == 0
    assert "Ada" in capsys.readouterr().out
    assert not (tmp_path / "not-here").exists()


def test_with_no_command_the_command_line_prints_its_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    assert "usage: gensec-quiz" in capsys.readouterr().out
