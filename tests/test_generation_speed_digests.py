"""The quiz generator made faster (issue 15) makes exactly the questions it made before: the
digests of 88 sets (scripts/generation_digests.py, captured before the change) still match,
and each candidate is written out (to read the years it shows) at most once per generation."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from gensec_quiz.bank.builtin import load_records
from gensec_quiz.domain.questions import DateQuestion, MatchingQuestion, Question
from gensec_quiz.generation import (
    candidate_views,
    context,
    enumerate_questions,
    generate_question_set,
)
from gensec_quiz.generation.context import Candidate

ROOT = Path(__file__).resolve().parent.parent


def _digests_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generation_digests", ROOT / "scripts" / "generation_digests.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_set_of_the_fixture_is_generated_exactly_as_before() -> None:
    script = _digests_script()
    stored = json.loads(script.FIXTURE.read_text(encoding="utf-8"))["digests"]
    made = script.digests()
    assert len(stored) == 88
    assert set(made) == set(stored)
    differ = [name for name in stored if made[name] != stored[name]]
    assert not differ, (
        f"{len(differ)} generated sets changed (first: {differ[0]}); if the generator's "
        "rules changed on purpose, re-run `python scripts/generation_digests.py`")


def test_the_digests_tell_a_changed_question_apart() -> None:
    script = _digests_script()
    records = load_records([])
    quiz = generate_question_set(records, count=20, seed=0)
    first = quiz.questions[0]
    changed = replace(quiz, questions=(replace(first, prompt=first.prompt + " "),
                                       *quiz.questions[1:]))
    assert script.digest(changed) != script.digest(quiz)
    assert script.digest(generate_question_set(records, count=20, seed=0)) == script.digest(quiz)


def test_each_candidate_is_written_out_at_most_once_per_quiz(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Written out to read the years its text shows, a chosen question is not written out
    # again for the set: the set holds that very question.
    written: Counter[str] = Counter()
    made: dict[str, Question] = {}
    real = candidate_views.written

    def counting(candidate: Candidate) -> Question:
        written[candidate.id] += 1
        made[candidate.id] = real(candidate)
        return made[candidate.id]

    monkeypatch.setattr(candidate_views, "written", counting)
    records = load_records([])
    for seed, difficulty in ((0, 1), (1, 2), (2, 3)):
        written.clear()
        quiz = generate_question_set(records, count=20, seed=seed, difficulty=difficulty)
        assert written, "the give-away checks read no candidate's text"
        assert max(written.values()) == 1, written.most_common(3)
        assert all(written[q.id] == 1 for q in quiz.questions)
        # The set's questions are those written out (a date question's choices, and a
        # multiple choice's wrong choices, are then shuffled into a copy).
        kept = [q for q in quiz.questions if not isinstance(q, DateQuestion)
                and not (isinstance(q, MatchingQuestion) and len(q.pairs) == 1)]
        assert kept and all(q is made[q.id] for q in kept)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_long_list_read_around_its_windows_writes_every_matching_as_the_whole_list_does(
        monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    # With every list made when read (context.Lazy, as a teacher's long lists are), each
    # matching's distractors are written from the pairs around its window, not from the whole
    # list; the French office titles ("Secrétaire général") prove they are written the same.
    records = load_records([])
    for difficulty in (1, 2, 3):
        whole = enumerate_questions(records, types=("matching",), difficulty=difficulty,
                                    language=language)
        monkeypatch.setattr(context, "EAGER", 0)
        lazy = enumerate_questions(records, types=("matching",), difficulty=difficulty,
                                   language=language)
        monkeypatch.undo()
        assert len(whole) > 50
        assert lazy == whole
