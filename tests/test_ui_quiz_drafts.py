"""An answer on screen, not yet submitted, survives a crash: kept as a draft, shown on resume."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gensec_quiz.application.drafts import Draft, Drafts
from gensec_quiz.bank.questions_json import save_question_set
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    DateResponse,
    MatchingResponse,
    OrderingResponse,
    QuestionSet,
)
from gensec_quiz.ui.dialogs.confirm import Notice
from gensec_quiz.ui.dialogs.resume import ResumeDialog
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget
from ui_core_support import (
    App,
    FakeClock,
    answer_widget,
    data_folder,
    match_by_keyboard,
    matching,
    order_by_drag,
    ordering,
    question_set,
    submit,
    year_question,
)

# Drafts on disk ---------------------------------------------------------------------------------


def test_a_draft_is_read_back_for_its_question_only(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    assert drafts.load(4, "q-order") is None
    assert drafts.save(Draft(4, "q-order", OrderingResponse((2, 0, 1), moved=True)))
    assert drafts.load(4, "q-order") == OrderingResponse((2, 0, 1), moved=True)
    assert drafts.load(4, "q-match") is None  # a draft of another question is not this one's
    assert drafts.load(5, "q-order") is None
    drafts.save(Draft(4, "q-match", MatchingResponse(("1953", None))))
    assert drafts.load(4, "q-match") == MatchingResponse(("1953", None))
    drafts.save(Draft(4, "q-year", DateResponse(PartialDate(1985))))
    assert drafts.load(4, "q-year") == DateResponse(PartialDate(1985))
    drafts.discard(4)
    assert drafts.load(4, "q-year") is None
    assert list(drafts.folder.iterdir()) == []


@pytest.mark.parametrize("body", ["{not json", '{"format": "other"}', "[]",
                                  '{"format": "gensec-quiz-draft", "version": 1, "session": 4, '
                                  '"question": "q", "response": {"type": "ordering", '
                                  '"order": [0, 0]}}'])
def test_a_damaged_draft_is_set_aside_never_fatal(tmp_path: Path, body: str) -> None:
    drafts = Drafts(tmp_path)
    drafts.folder.mkdir()
    drafts.path(4).write_text(body, encoding="utf-8")
    assert drafts.load(4, "q") is None
    assert not drafts.path(4).exists()


def test_a_draft_that_cannot_be_written_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "drafts").write_text("a file where the folder should be", encoding="utf-8")
    assert not Drafts(tmp_path).save(Draft(1, "q", DateResponse(None)))


# Through the window -----------------------------------------------------------------------------


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: said.append(text)))
    return said


def _start_own_set(app: App, monkeypatch: pytest.MonkeyPatch, title: str = "Test set") -> None:
    app.add_learner("Anna", monkeypatch)
    titles = [app.home.sets.item(r).text() for r in range(app.home.sets.count())]
    count = 5 if title == "Test set" else 3
    [row] = [n for n, text in enumerate(titles) if text.startswith(f"{title} ({count} questions)")]
    app.home.sets.setCurrentRow(row)
    app.qtbot.mouseClick(app.home.start_button, Qt.MouseButton.LeftButton)
    assert app.window.current_key() == "quiz"


def _resume_after_crash(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        session_id: int) -> App:
    monkeypatch.setattr(ResumeDialog, "ask", classmethod(lambda cls, parent, s: session_id))
    second = App(qtbot, tmp_path, FakeClock())
    assert second.window.current_key() == "quiz"
    return second


def test_an_unsubmitted_drag_order_survives_a_crash_and_is_shown_on_resume(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    # Offered on resume is a quiz with an answer in (application/quiz_run.resumable): the
    # ordering comes second here.
    folder = data_folder(tmp_path).question_sets
    folder.mkdir(parents=True, exist_ok=True)
    drag_set = QuestionSet(id="drag-set", title="Drag set", records="test-records",
                           questions=(matching(), ordering(), year_question()))
    save_question_set(drag_set, folder / "drag-set.json")
    first = App(qtbot, tmp_path, FakeClock())
    _start_own_set(first, monkeypatch, "Drag set")
    match_by_keyboard(qtbot, answer_widget(first), ["1922", "1953", "1964"])
    submit(first)
    qtbot.mouseClick(first.quiz.next_button, Qt.MouseButton.LeftButton)
    widget = answer_widget(first)
    assert isinstance(widget, OrderingWidget)
    order_by_drag(widget, (1, 0, 2, 3))
    session_id = first.quiz.session_id
    assert session_id is not None
    drafts = Drafts(first.context.data_dir)
    assert drafts.path(session_id).is_file()
    # The crash: nothing submitted, finished or closed; a new window opens on the same data.
    second = _resume_after_crash(qtbot, tmp_path, monkeypatch, session_id)
    resumed = answer_widget(second)
    assert isinstance(resumed, OrderingWidget)
    assert resumed.order() == (1, 0, 2, 3)
    assert resumed.moved()  # no "nothing moved yet": it was the learner's own order
    assert resumed.status.text() != "Nothing moved yet"
    submit(second)
    assert "Partly right" in second.quiz.feedback.text()  # graded as dragged, not as untouched
    assert not drafts.path(session_id).exists()  # submitted: the draft is gone
    assert [a.question_id for a in second.store.session_answers(session_id)] == [
        "q-match", "q-order"]
    first.store.close()
    second.store.close()
    assert told == []


def test_a_half_matched_question_is_restored_after_a_crash(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    folder = data_folder(tmp_path).question_sets
    folder.mkdir(parents=True, exist_ok=True)
    save_question_set(question_set(), folder / "test-set.json")
    first = App(qtbot, tmp_path, FakeClock())
    _start_own_set(first, monkeypatch)
    order_by_drag(answer_widget(first), (0, 1, 2, 3))
    submit(first)
    qtbot.mouseClick(first.quiz.next_button, Qt.MouseButton.LeftButton)
    matching = answer_widget(first)
    assert isinstance(matching, MatchingWidget)
    matching.choose(0, "1922")
    matching.choose(2, "1985")
    session_id = first.quiz.session_id or 0
    second = _resume_after_crash(qtbot, tmp_path, monkeypatch, session_id)
    resumed = answer_widget(second)
    assert isinstance(resumed, MatchingWidget)
    assert resumed.chosen() == ("1922", None, "1985")
    first.store.close()
    second.store.close()
    assert told == []


def test_an_answer_left_on_the_first_question_is_offered_and_restored_after_a_crash(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    folder = data_folder(tmp_path).question_sets
    folder.mkdir(parents=True, exist_ok=True)
    first_set = QuestionSet(id="first-set", title="First set", records="test-records",
                            questions=(ordering(), matching(), year_question()))
    save_question_set(first_set, folder / "first-set.json")
    first = App(qtbot, tmp_path, FakeClock())
    _start_own_set(first, monkeypatch, "First set")
    widget = answer_widget(first)
    assert isinstance(widget, OrderingWidget)
    order_by_drag(widget, (1, 0, 2, 3))
    session_id = first.quiz.session_id
    assert session_id is not None
    # The crash comes before any answer is submitted: the quiz is still offered.
    second = _resume_after_crash(qtbot, tmp_path, monkeypatch, session_id)
    resumed = answer_widget(second)
    assert isinstance(resumed, OrderingWidget)
    assert resumed.order() == (1, 0, 2, 3)
    first.store.close()
    second.store.close()
    assert told == []
