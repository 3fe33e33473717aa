"""Spaced review as a learner meets it over simulated days, through the real window and store.

Day 1: a practice quiz made on Home from the built-in records, every other question answered
wrong on purpose. Day 2: Home says how many facts are due; the Progress screen shows the streak
and the 14-day forecast; the Timeline colours a missed record apart from a known one; Review mode
asks about the missed facts first; once they are reviewed, Home says when the next review falls.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from gensec_quiz.application.review import record_ids
from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    BasisRef,
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
)
from gensec_quiz.domain.session import Mode
from gensec_quiz.review import next_review_sentence
from gensec_quiz.ui.dialogs.confirm import Notice
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget
from ui_core_support import App, FakeClock, order_by_drag

DAY_1 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    told: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: told.append(text)))
    application = App(qtbot, tmp_path, FakeClock(DAY_1), builtin_records())
    yield application
    application.store.close()
    assert told == []  # nothing here is said in a dialog


def _click(app: App, widget: Any) -> None:
    app.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _fill_date(widget: DateInputWidget, question: DateQuestion, right: bool) -> None:
    if widget.choices is not None:
        choices = question.choices
        target = question.answer if right else max(
            choices, key=lambda c: abs(c.year - question.answer.year))
        widget.choices.select(choices.index(target))
        return
    answer = question.answer
    widget.enter(answer if right else PartialDate(answer.year + 40, answer.month, answer.day))


def fill(app: App, right: bool) -> None:
    """Answer the current question through its widget: fully right, or wrong enough for 0."""
    widget, question = app.quiz.answer_widget, app.quiz.current_question()
    if isinstance(widget, OrderingWidget):
        assert isinstance(question, OrderingQuestion)
        size = len(question.items)
        order_by_drag(widget, tuple(range(size)) if right else tuple(reversed(range(size))))
    elif isinstance(widget, MatchingWidget):
        assert isinstance(question, MatchingQuestion)
        rights = [pair.right for pair in question.pairs]
        for row, text in enumerate(rights if right else rights[1:] + rights[:1]):
            widget.choose(row, text)
    else:
        assert isinstance(widget, DateInputWidget) and isinstance(question, DateQuestion)
        _fill_date(widget, question, right)


def play(app: App, *, wrong_every_other: bool) -> int:
    """Answer the running quiz to its end (Submit, then Next); returns its session id."""
    session_id = app.quiz.session_id
    assert session_id is not None
    number = 0
    while app.quiz.running():
        fill(app, right=not (wrong_every_other and number % 2 == 0))
        _click(app, app.quiz.submit_button)
        app.clock.advance(30)
        number += 1
        if app.quiz.running():
            _click(app, app.quiz.next_button)
    assert app.window.current_key() == "results"
    return session_id


@dataclass(frozen=True)
class Day1:
    learner: int
    failed: frozenset[BasisRef]  # facts of a question scored under 0.5
    failed_only: frozenset[BasisRef]  # ... and of no question scored higher
    known_only: frozenset[BasisRef]  # facts of questions scored 1, and of no other


def day_1(app: App, monkeypatch: pytest.MonkeyPatch) -> Day1:
    learner = app.add_learner("Anna", monkeypatch)
    home = app.home
    home.make_one.setChecked(True)
    home.make_one.count_spin.setValue(8)
    _click(app, home.start_button)
    plan = app.quiz.plan
    assert plan is not None and plan.mode is Mode.PRACTICE
    answers = app.store.session_answers(play(app, wrong_every_other=True))
    failed = {fact for a in answers if a.score < 0.5 for fact in a.basis}
    other = {fact for a in answers if a.score >= 0.5 for fact in a.basis}
    known = {fact for a in answers if a.score == 1.0 for fact in a.basis}
    partly = {fact for a in answers if 0.0 < a.score < 1.0 for fact in a.basis}
    assert failed and known
    return Day1(learner, frozenset(failed), frozenset(failed - other),
                frozenset(known - failed - partly))


def start_review(app: App) -> None:
    home = app.home
    app.window.show_screen("home")
    app.qtbot.mouseClick(home.mode_box.review, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert home.mode_box.mode() is Mode.REVIEW
    _click(app, home.start_button)


def local_now(app: App) -> datetime:
    return app.clock().astimezone()


def check_progress(app: App, *, streak: int, due_today: int) -> None:
    app.window.show_screen("progress")
    screen = app.window.progress
    data = screen.data
    assert data is not None and data.streak == streak
    assert [d.day for d in data.forecast] == [
        local_now(app).date() + timedelta(days=n) for n in range(14)]
    assert data.forecast[0].due == due_today
    assert screen.forecast_chart is not None
    series = screen.forecast_chart.chart().series()[0]
    assert isinstance(series, QBarSeries)
    bars = series.barSets()[0]
    assert [int(bars.at(i)) for i in range(bars.count())] == [d.due for d in data.forecast]
    words = "1 day" if streak == 1 else f"{streak} days in a row"
    assert f"Streak: {words}" in screen.review_line.text()
    assert f"{due_today} reviews due today" in screen.review_line.text()


def check_timeline(app: App, day1: Day1) -> None:
    """A record whose facts were all missed is coloured apart from one whose facts were known."""
    app.window.show_screen("timeline")
    screen = app.window.timeline
    mastery = app.store.mastery(day1.learner, local_now(app))
    assert screen.mastery == pytest.approx(mastery)
    missed = [r for r in mastery if all(f in day1.failed_only
                                        for f in _facts_of(app, day1.learner, r))]
    known = [r for r in mastery if all(f in day1.known_only
                                       for f in _facts_of(app, day1.learner, r))]
    assert missed and known
    items = screen.view.items_by_id()
    weak, strong = items[missed[0]], items[known[0]]
    assert weak.mastery is not None and strong.mastery is not None
    assert weak.mastery < 0.85 < 0.9 < strong.mastery
    assert weak.fill.hueF() < 0.15 < 0.3 < strong.fill.hueF()  # red-amber against green
    assert screen.legend.isVisible()


def _facts_of(app: App, learner: int, record: str) -> list[BasisRef]:
    return [card.ref for card in app.store.review_cards(learner) if card.record == record]


def test_a_learner_over_two_days_reviews_first_what_they_missed(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    day1 = day_1(app, monkeypatch)
    app.clock.now = DAY_1 + timedelta(days=1, hours=1)
    ids = record_ids(app.context.records())
    due = app.store.plan_review(day1.learner, local_now(app), records=ids)
    assert day1.failed_only <= set(due) <= day1.failed  # the facts known on day 1 wait
    app.window.show_screen("home")
    assert app.home.mode_box.review_note.text() == f"{len(due)} facts are due now."
    check_progress(app, streak=1, due_today=len(due))  # yesterday's answers keep the streak
    check_timeline(app, day1)

    start_review(app)
    plan = app.quiz.plan
    assert plan is not None and plan.mode is Mode.REVIEW
    questions: tuple[Question, ...] = plan.question_set.questions
    assert due[0] in questions[0].basis and due[0] in day1.failed  # the weakest comes first
    assert all(set(q.basis) & set(due) for q in questions)  # every question tests a due fact
    # kept, so that it can be resumed
    assert app.context.question_sets.find(plan.question_set.id) is not None
    play(app, wrong_every_other=False)

    for _ in range(4):  # more due facts than one review's questions: review again
        if not app.store.plan_review(day1.learner, local_now(app), records=ids):
            break
        start_review(app)
        play(app, wrong_every_other=False)
    start_review(app)
    assert app.window.current_key() == "home"
    sentence = next_review_sentence(app.store.next_due(day1.learner, records=ids),
                                    at=local_now(app))
    assert sentence.startswith("Nothing is due for review. Next review tomorrow at ")
    assert app.home.message.text() == sentence
    assert app.home.mode_box.review_note.text() == sentence
    check_progress(app, streak=2, due_today=0)
