"""Class results: two learners' sessions recorded through the real store, filtered by set and
dates, each question's success, the class's weakest facts, and a formula-safe CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz import paths
from gensec_quiz.bank.questions_json import save_question_set
from gensec_quiz.storage import Store
from gensec_quiz.ui.teacher.class_results import ClassResultsScreen
from ui_core_support import question_set
from ui_teacher_support import TeacherApp, take

FORMULA_NAME = '=HYPERLINK("x")'
# Scores of the five questions of the test set (order, match, year, day, choice).
ANNA = (1.0, 1 / 3, 1.0, 0.0, 1.0)
OTHER = (0.5, 1.0, 0.0, 0.0, 1.0)


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock,
        store: Store) -> Iterator[TeacherApp]:
    application = TeacherApp(qtbot, tmp_path, clock, monkeypatch, store=store)
    folder = paths.user_sets_dir()
    folder.mkdir(parents=True)
    save_question_set(question_set(), folder / "test-set.json")
    anna = store.add_learner("Anna")
    other = store.add_learner(FORMULA_NAME)
    take(store, clock, anna, question_set(), ANNA)
    take(store, clock, other, question_set(), OTHER)
    clock.advance(2 * 24 * 3600)  # two days later
    take(store, clock, anna, question_set("other-set"), (1.0,), finish=False)
    yield application
    assert application.dialogs.told == []


def screen_of(app: TeacherApp) -> ClassResultsScreen:
    return app.open_teacher("results").results


def names(screen: ClassResultsScreen, tab: str) -> list[str]:
    return [row[0] for row in screen.table(tab)[1]]


def test_every_learner_with_sessions_is_listed_with_their_scores(app: TeacherApp) -> None:
    screen = screen_of(app)
    header, rows = screen.table("learners")
    assert header[:4] == ["Learner", "Sessions", "Finished", "Average"]
    by_name = {row[0]: row for row in rows}
    assert set(by_name) == {"Anna", FORMULA_NAME}
    assert by_name["Anna"][1:3] == ["2", "1"]
    assert by_name["Anna"][3] == f"{sum(ANNA) / 5:.0%}"
    assert by_name[FORMULA_NAME][3] == f"{sum(OTHER) / 5:.0%}"
    assert len(screen.table("sessions")[1]) == 3
    assert "2 learners, 3 sessions" in screen.summary.text()


def test_filtering_by_set_keeps_only_its_sessions(app: TeacherApp) -> None:
    screen = screen_of(app)
    sets = [screen.set_combo.itemData(i) for i in range(screen.set_combo.count())]
    assert sets == [None, "other-set", "test-set"] or sets == [None, "test-set", "other-set"]
    screen.choose_set("other-set")
    assert names(screen, "sessions") == ["Anna"]
    assert screen.table("sessions")[1][0][-1] == "unfinished"
    screen.choose_set("test-set")
    assert sorted(names(screen, "sessions")) == sorted(["Anna", FORMULA_NAME])


def test_filtering_by_dates_keeps_the_sessions_started_within_them(app: TeacherApp) -> None:
    screen = screen_of(app)
    screen.set_dates(date(2024, 3, 3), date(2024, 3, 3))
    assert names(screen, "sessions") == ["Anna"]
    assert names(screen, "learners") == ["Anna"]
    screen.set_dates(date(2024, 2, 1), date(2024, 3, 1))
    assert len(screen.table("sessions")[1]) == 2
    screen.set_dates(None, None)
    assert len(screen.table("sessions")[1]) == 3


def test_each_question_says_how_many_got_it_right(app: TeacherApp) -> None:
    screen = screen_of(app)
    screen.show_tab("questions")
    assert "Choose a question set" in screen.summary.text()
    screen.choose_set("test-set")
    header, rows = screen.table("questions")
    assert header[1] == "Question" and header[4] == "Fully right"
    right = {row[1]: row[4] for row in rows}
    prompts = [q.prompt for q in question_set().questions]
    assert [row[1] for row in rows] == prompts
    assert [right[p] for p in prompts] == ["1 of 2", "1 of 2", "1 of 2", "0 of 2", "2 of 2"]
    screen.set_dates(date(2024, 3, 3), None)
    assert screen.table("questions")[1] == []  # none of this set was answered then


def test_the_weakest_facts_pool_every_learner(app: TeacherApp) -> None:
    facts = app.store.class_weakest_facts(question_set_id="test-set")
    assert [(f.record, f.learners, f.attempts) for f in facts] == [
        ("khrushchev", 2, 6), ("gorbachev", 2, 4), ("stalin", 2, 4), ("brezhnev", 2, 6)]
    assert facts[0].mean_score == pytest.approx((1 + 0.5 + 1 / 3 + 1 + 0 + 0) / 6)
    screen = screen_of(app)
    screen.choose_set("test-set")
    screen.show_tab("facts")
    first = screen.table("facts")[1][0]
    assert first[0] == "Nikita Khrushchev (First Secretary, 1953): start"
    assert first[1:3] == ["2", "6"]


def test_the_csv_export_keeps_a_formula_name_as_text(app: TeacherApp) -> None:
    screen = screen_of(app)
    screen.show_tab("learners")
    app.qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    [path] = app.dialogs.saved
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == screen.table("learners")[0]
    assert sorted(row[0] for row in rows[1:]) == sorted(["Anna", "'" + FORMULA_NAME])
    assert "2 rows written" in screen.summary.text()


def test_the_sessions_export_follows_the_filters(app: TeacherApp) -> None:
    screen = screen_of(app)
    screen.choose_set("test-set")
    screen.show_tab("sessions")
    path = screen.export_csv()
    assert path is not None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert sorted(row[0] for row in rows) == sorted(["Anna", "'" + FORMULA_NAME])
    assert {row[1] for row in rows} == {"Test set"}


def test_a_new_answer_shows_when_the_screen_is_refreshed(app: TeacherApp) -> None:
    screen = screen_of(app)
    ben = app.store.add_learner("Ben")
    take(app.store, app.clock, ben, question_set(), (1.0,))
    app.context.signals.data_changed.emit()
    assert "Ben" in names(screen, "learners")


def test_results_from_another_pc_are_imported_once_asking_about_a_close_name(
        app: TeacherApp, tmp_path: Path, qtbot: QtBot) -> None:
    from gensec_quiz.application.results_transfer import export_results
    from gensec_quiz.storage import open_store

    other_pc = open_store(tmp_path / "pc-b" / "gensec-quiz.sqlite3", clock=app.clock)
    for name in ("Anna K.", "Zoé"):  # "Anna K." is close to this PC's "Anna"
        take(other_pc, app.clock, other_pc.add_learner(name), question_set(), OTHER)
    usb = tmp_path / "pc-b.json"
    export_results(other_pc, usb, now=app.clock(), data_root=tmp_path / "pc-b")
    other_pc.close()

    screen = screen_of(app)
    app.dialogs.results_files = [usb]
    app.dialogs.choice = 1  # not "Anna (already here)": a new learner named "Anna K."
    qtbot.mouseClick(screen.import_results_button, Qt.MouseButton.LeftButton)
    assert "Imported 10 answer(s) in 2 new quiz(zes)" in screen.summary.text()
    assert sorted(names(screen, "learners")) == sorted(["Anna", "Anna K.", FORMULA_NAME, "Zoé"])
    qtbot.mouseClick(screen.import_results_button, Qt.MouseButton.LeftButton)
    assert "Nothing new" in screen.summary.text()
    assert len(names(screen, "sessions")) == 5


def test_this_pcs_results_are_exported_for_the_teachers_pc(app: TeacherApp,
                                                          qtbot: QtBot) -> None:
    from gensec_quiz.application.results_transfer import read_results

    screen = screen_of(app)
    qtbot.mouseClick(screen.export_results_button, Qt.MouseButton.LeftButton)
    [path] = app.dialogs.saved
    assert "answers written to" in screen.summary.text()
    exported = read_results(path)
    assert sorted(learner.name for learner in exported.learners) == sorted(["Anna", FORMULA_NAME])
