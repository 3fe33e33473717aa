"""The builder's language choice: a teacher whose app speaks English builds a French set."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from french_support import compile_french_catalogue
from gensec_quiz import paths
from gensec_quiz.bank.questions_json import load_question_set
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.generation import generate_question_set
from gensec_quiz.storage import Store
from gensec_quiz.ui.teacher.builder import BuilderScreen
from ui_teacher_support import TeacherApp

ENGLISH = re.compile(r"\b(the|did|was|what|who|which|match|put|became|office|year)\b",
                     re.IGNORECASE)


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    compile_french_catalogue()
    application = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    yield application
    assert application.dialogs.told == []


def current_set(builder: BuilderScreen) -> QuestionSet:
    question_set = builder.question_set()
    assert question_set is not None
    return question_set


def test_the_builder_offers_each_language_by_its_own_name(app: TeacherApp) -> None:
    options = app.open_teacher("build").builder.options
    names = [options.language.itemText(i) for i in range(options.language.count())]
    assert names == ["English", "Français"]
    assert options.language.currentData() == "en"  # the language the app speaks


def test_a_french_set_built_in_an_english_app_is_french(app: TeacherApp) -> None:
    builder = app.open_teacher("build").builder
    builder.reload_records("gensec")
    options = builder.options
    options.language.setCurrentIndex(options.language.findData("fr"))
    options.count.setValue(8)
    options.seed.setValue(2)
    app.click(options.generate_button)
    built = current_set(builder)
    chosen = options.options()
    assert builder.draft is not None and builder.draft.records is not None
    expected = generate_question_set(
        builder.draft.records, types=chosen.types, count=8, seed=2, difficulty=chosen.difficulty,
        scoring=chosen.scoring, language="fr")
    assert built.language == "fr"
    assert [q.prompt for q in built.questions if ENGLISH.search(q.prompt)] == []
    assert [q.prompt for q in built.questions] == [q.prompt for q in expected.questions]
    builder.question_list.setCurrentRow(2)
    app.click(builder.regenerate_button)
    replaced = current_set(builder).questions[2]
    assert replaced.id != built.questions[2].id
    assert not ENGLISH.search(replaced.prompt), replaced.prompt
    app.click(builder.save_button)
    [path] = paths.user_sets_dir().glob("*.json")
    assert load_question_set(path).language == "fr"


def test_the_same_questions_in_two_languages_are_two_sets(app: TeacherApp) -> None:
    """Saved with one title, an English set and its French twin never share an id (a date
    question's id is the same in both languages)."""
    builder = app.open_teacher("build").builder
    builder.reload_records("gensec")
    ids = []
    for language in ("en", "fr"):
        builder.options.language.setCurrentIndex(builder.options.language.findData(language))
        for kind, box in builder.options.kind_boxes.items():
            box.setChecked(kind == "date")
        builder.options.count.setValue(5)
        app.click(builder.options.generate_button)
        builder.title_edit.setText("Dates")
        ids.append((current_set(builder).id, [q.id for q in current_set(builder).questions]))
    assert ids[0][1] == ids[1][1]
    assert ids[0][0] != ids[1][0]
