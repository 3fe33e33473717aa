"""The ready sets in question_bank/ are exactly what the commands in docs/question-sets.md make."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from gensec_quiz.bank.questions_json import load_question_set
from gensec_quiz.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "question-sets.md"


def ready_set_commands() -> list[list[str]]:
    """The `gensec-quiz generate` lines of the doc's "Ready sets" section."""
    section = DOC.read_text(encoding="utf-8").split("## Ready sets", 1)[1]
    return [shlex.split(line)[1:] for line in section.splitlines()
            if line.startswith("gensec-quiz generate ")]


COMMANDS = ready_set_commands()


def test_the_doc_lists_at_least_two_ready_sets() -> None:
    assert len(COMMANDS) >= 2


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[a.index("--out") + 1])
def test_a_ready_set_is_regenerated_byte_for_byte(args: list[str], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = args.index("--out") + 1
    shipped = ROOT / args[out]
    fresh = tmp_path / shipped.name
    assert main([*args[:out], str(fresh), *args[out + 1:]]) == 0
    err = capsys.readouterr().err
    assert "could be made without" not in err, "the set came out shorter than asked"
    assert fresh.read_bytes() == shipped.read_bytes(), (
        f"{args[out]} is stale: run the command in docs/question-sets.md again")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[a.index("--out") + 1])
def test_a_ready_set_loads_and_names_the_built_in_records(args: list[str]) -> None:
    question_set = load_question_set(ROOT / args[args.index("--out") + 1])
    assert question_set.records == "gensec"
    assert question_set.title and question_set.description
    assert {q.type for q in question_set.questions} == {"ordering", "matching", "date"}
