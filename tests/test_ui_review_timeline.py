"""Mastery on the Timeline (its colour scale and legend) and the forecast chart's axis."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.review import apply_answer, mastery
from gensec_quiz.storage import Store, open_store
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.screens.timeline import TimelineScreen
from gensec_quiz.ui.widgets.charts import count_axis
from gensec_quiz.ui.widgets.mastery_scale import mastery_colour, mastery_hue
from store_support import record as record_answer

FIXTURE = Path(__file__).parent / "data" / "ui_extras" / "records.json"
DAY_1 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
GREEN = 120 / 360


class Clock:
    def __init__(self) -> None:
        self.now = DAY_1

    def __call__(self) -> datetime:
        return self.now


@given(st.floats(0, 1), st.floats(0, 1))
@settings(max_examples=60, deadline=None)
def test_a_higher_chance_of_recall_is_never_redder(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert 0 <= mastery_hue(low) <= mastery_hue(high) <= GREEN


def test_the_scale_is_red_to_half_amber_at_three_quarters_and_green_from_95() -> None:
    assert mastery_hue(0.0) == mastery_hue(0.5) == 0.0
    assert mastery_hue(0.75) == pytest.approx(40 / 360)
    assert mastery_hue(0.95) == mastery_hue(1.0) == pytest.approx(GREEN)


def test_a_day_after_the_quiz_a_missed_fact_and_a_known_one_look_apart() -> None:
    missed = apply_answer([], learner_id=1, basis=[BasisRef("a", "start")], score=0.0, at=DAY_1)
    known = apply_answer([], learner_id=1, basis=[BasisRef("b", "start")], score=1.0, at=DAY_1)
    chances = mastery([*missed, *known], at=DAY_1 + timedelta(days=1))
    assert 0.7 < chances["a"] < 0.8 and chances["b"] > 0.94  # what the scale is built for
    red, green = (mastery_colour(chances[r], dark=False) for r in ("a", "b"))
    assert red.hueF() < 0.15 and green.hueF() > 0.32  # amber, green


@pytest.mark.parametrize("top", [0, 1, 3, 5, 9, 12, 37, 140])
def test_the_forecast_axis_counts_in_whole_numbers_above_the_tallest_bar(top: int) -> None:
    axis = count_axis(QPalette(), top, "Facts")
    step = axis.max() / (axis.tickCount() - 1)
    assert step == int(step) and axis.min() == 0
    assert axis.max() >= top and axis.tickCount() <= 8


@pytest.fixture
def records() -> RecordSet:
    return load_record_set(FIXTURE)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = open_store(tmp_path / "db.sqlite3", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def screen(qtbot: QtBot, tmp_path: Path, records: RecordSet, store: Store,
           clock: Clock) -> TimelineScreen:
    context = AppContext(clock=clock, seed=0, data_dir=tmp_path, signals=AppSignals(),
                         _records=records)
    context.store = store
    widget = TimelineScreen(context)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    return widget


def answer(store: Store, learner: int, record: str, score: float) -> None:
    session = store.start_session(learner_id=learner, question_set_id="s", title="S",
                                  mode=Mode.PRACTICE, question_count=1)
    record_answer(store, session, "q", score=score, basis=(BasisRef(record, "start"),))
    store.finish_session(session)


def test_the_legend_shows_once_the_learner_has_met_facts(
    screen: TimelineScreen, store: Store, clock: Clock
) -> None:
    context = screen.context
    assert not screen.legend.isVisible()
    assert "Choose a learner" in screen.mastery_note.text()
    anna = store.add_learner("Anna")
    context.set_learner(anna)
    assert not screen.legend.isVisible()
    assert "Answer a quiz" in screen.mastery_note.text()
    answer(store, anna, "tenure-stalin", 0.0)
    answer(store, anna, "tenure-khrushchev", 1.0)
    clock.now += timedelta(days=1)
    context.signals.data_changed.emit()
    assert screen.legend.isVisible() and not screen.mastery_note.isVisible()
    items = screen.view.items_by_id()
    weak, strong = items["tenure-stalin"].fill, items["tenure-khrushchev"].fill
    assert weak.hueF() < 0.15 < 0.32 < strong.hueF()
    assert items["tenure-molotov"].mastery is None  # never met: its usual colour
    neutral = items["tenure-molotov"].fill
    context.set_learner(None)  # no learner: no colours of anyone's
    assert screen.mastery == {} and not screen.legend.isVisible()
    assert items["tenure-stalin"].mastery is None and items["tenure-stalin"].fill == neutral


def test_the_selected_record_says_its_chance_of_recall_in_words(
    screen: TimelineScreen, store: Store, clock: Clock
) -> None:
    anna = store.add_learner("Anna")
    answer(store, anna, "tenure-stalin", 0.0)
    clock.now += timedelta(days=1)
    screen.context.set_learner(anna)
    chance = round(screen.mastery["tenure-stalin"] * 100)
    screen.view.focus_record("tenure-stalin")
    assert f"Your chance of recalling this record today: {chance}%" in screen.details.toPlainText()
    screen.view.focus_record("tenure-molotov")
    assert "chance of recalling" not in screen.details.toPlainText()
