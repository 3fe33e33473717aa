"""The progress screen: charts from a real store, friendly sentences when there is nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarSet, QHorizontalBarSeries, QLineSeries
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import Store
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.models.list_table import ListTableModel
from gensec_quiz.ui.models.progress_data import Bar, fact_columns, fact_labels, gather
from gensec_quiz.ui.screens.progress import ProgressScreen
from store_support import record as record_answer

ANSWERS = (("ordering", "tenure-stalin", "start"), ("date", "tenure-khrushchev", "start"),
           ("matching", "tenure-andropov", "office"))


def finish_quiz(store: Store, clock: FakeClock, learner: int, scores: tuple[float, ...]) -> None:
    """One finished session whose answers score as given, then a day passes."""
    session = store.start_session(learner_id=learner, question_set_id="demo", title="Demo",
                                  mode=Mode.PRACTICE, question_count=len(scores))
    for number, (score, (kind, record, field)) in enumerate(zip(scores, ANSWERS, strict=False)):
        record_answer(store, session, f"q{number}", kind=kind, score=score,
                      basis=(BasisRef(record, field),))
    store.finish_session(session)
    clock.now += timedelta(days=1)


@pytest.fixture
def context(tmp_path: Path, records: RecordSet, store: Store, clock: FakeClock) -> AppContext:
    ctx = AppContext(clock=clock, seed=0, data_dir=tmp_path, signals=AppSignals(),
                     _records=records)
    ctx.store = store
    return ctx


def _screen(qtbot: QtBot, context: AppContext) -> ProgressScreen:
    screen = ProgressScreen(context)
    qtbot.addWidget(screen)
    screen.resize(900, 650)
    screen.show()
    return screen


def _bar_values(screen_chart: object) -> list[float]:
    series = screen_chart.chart().series()[0]  # type: ignore[attr-defined]
    bar_set: QBarSet = series.barSets()[0]
    return [bar_set.at(i) for i in range(bar_set.count())]


def test_a_populated_store_gives_three_charts_for_the_learner(
    qtbot: QtBot, context: AppContext, store: Store, clock: FakeClock
) -> None:
    anna = store.add_learner("Anna")
    finish_quiz(store, clock, anna, (1.0, 0.5, 0.0))
    finish_quiz(store, clock, anna, (1.0, 1.0, 0.5))
    context.learner_id = anna
    screen = _screen(qtbot, context)
    assert screen.stack.currentWidget() is screen.charts_scroller
    assert screen.title.text() == "Progress of Anna"
    assert screen.score_chart is not None and screen.kind_chart is not None
    line = screen.score_chart.chart().series()[0]
    assert isinstance(line, QLineSeries)
    assert [round(p.y()) for p in line.points()] == [50, 83]
    assert [b.label for b in screen.data.kinds] == ["Dates", "Matching", "Ordering"]  # type: ignore[union-attr]
    assert isinstance(screen.kind_chart.chart().series()[0], QHorizontalBarSeries)
    assert sorted(_bar_values(screen.kind_chart)) == [25, 75, 100]
    assert screen.facts_model.rowCount() == 3
    assert "2 quizzes finished" in screen.summary.text()


def test_weakest_facts_are_named_by_their_records(
    qtbot: QtBot, context: AppContext, store: Store, clock: FakeClock
) -> None:
    anna = store.add_learner("Anna")
    finish_quiz(store, clock, anna, (1.0, 0.0, 0.5))
    context.learner_id = anna
    screen = _screen(qtbot, context)
    assert screen.data is not None
    labels = [bar.label for bar in screen.data.facts]
    assert labels[0] == "Khrushchev 1953: start"
    assert "Nikita Khrushchev" in screen.data.facts[0].tooltip
    table = screen.facts.model()
    assert table.index(0, 0).data().startswith("Nikita Khrushchev (First Secretary")
    assert [table.index(0, c).data() for c in (1, 2)] == ["1", "0%"]


def test_a_learner_without_quizzes_is_invited_to_take_one(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    context.learner_id = store.add_learner("Boris")
    screen = _screen(qtbot, context)
    assert screen.stack.currentWidget() is screen.empty
    assert screen.empty.text() == "No quizzes yet — take one from Home."


def test_a_learner_the_store_no_longer_has_leaves_a_readable_screen(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    context.learner_id = 999  # e.g. removed on the teacher's Learners tab meanwhile
    screen = _screen(qtbot, context)
    assert screen.stack.currentWidget() is screen.empty
    assert screen.empty.text() == "Your progress could not be read from the database."


def test_without_a_learner_or_a_store_the_screen_says_what_to_do(
    qtbot: QtBot, context: AppContext
) -> None:
    screen = _screen(qtbot, context)
    assert "Choose a learner on Home" in screen.empty.text()
    context.store = None
    screen.refresh()
    assert "once your history has loaded" in screen.empty.text()


def test_new_answers_and_another_learner_refresh_the_charts(
    qtbot: QtBot, context: AppContext, store: Store, clock: FakeClock
) -> None:
    anna, boris = store.add_learner("Anna"), store.add_learner("Boris")
    finish_quiz(store, clock, anna, (1.0, 1.0, 1.0))
    context.learner_id = anna
    screen = _screen(qtbot, context)
    finish_quiz(store, clock, anna, (0.0, 0.0, 0.0))
    context.signals.data_changed.emit()
    assert screen.data is not None and len(screen.data.scores) == 2
    context.set_learner(boris)
    assert screen.stack.currentWidget() is screen.empty
    assert screen.title.text() == "Progress of Boris"


def test_the_weakest_facts_model_passes_the_qt_model_checks(
    qtmodeltester: ModelTester, context: AppContext, store: Store, clock: FakeClock
) -> None:
    anna = store.add_learner("Anna")
    finish_quiz(store, clock, anna, (1.0, 0.0, 0.5))
    data = gather(store, anna, context.records())
    model: ListTableModel[Bar] = ListTableModel(fact_columns(), data.facts)
    qtmodeltester.check(model, force_py=True)


def test_fact_labels_fall_back_to_the_record_id_for_unknown_records(
    records: RecordSet,
) -> None:
    assert fact_labels(records, "tenure-brezhnev-2", "end") == (
        "Brezhnev 1966: end",
        "Leonid Brezhnev (General Secretary of the Central Committee of the Communist Party "
        "of the Soviet Union, 1966): end",
    )
    assert fact_labels(records, "elsewhere", "date") == ("elsewhere: date", "elsewhere: date")
    assert fact_labels(None, "tenure-stalin", "start")[0] == "tenure-stalin: start"


def test_a_quiz_from_3_december_is_plotted_on_the_3_december_tick(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from gensec_quiz.ui.widgets.charts import ScoreChart, day_msecs, local_day

    chart = ScoreChart()
    qtbot.addWidget(chart)
    finished = [datetime(2026, 12, 1, 9, 30, tzinfo=UTC), datetime(2026, 12, 3, 15, 45, tzinfo=UTC)]
    chart.set_points([(finished[0], 0.5), (finished[1], 0.75)])
    ticks = chart.tick_days()
    assert chart.x_axis is not None and chart.series is not None
    assert ticks[0] == chart.x_axis.min().date().toPython()
    third = local_day(finished[1])
    assert third in ticks
    xs = [point.x() for point in chart.series.points()]
    assert xs[1] == day_msecs(third)  # on the tick, not the hours after it
    first_tick = chart.x_axis.min().toMSecsSinceEpoch()
    last_tick = chart.x_axis.max().toMSecsSinceEpoch()
    assert first_tick < xs[0] and xs[1] < last_tick  # no point on the frame
    step = (last_tick - first_tick) / (chart.x_axis.tickCount() - 1)
    assert (xs[1] - first_tick) % step == 0


def test_two_months_of_quizzes_get_at_most_seven_ticks_each_on_a_day(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from gensec_quiz.ui.widgets.charts import ScoreChart

    chart = ScoreChart()
    qtbot.addWidget(chart)
    days = [datetime(2026, 10, 1, 12, tzinfo=UTC) + timedelta(days=n) for n in range(0, 61, 6)]
    chart.set_points([(day, 0.6) for day in days])
    assert chart.x_axis is not None
    assert 2 <= chart.x_axis.tickCount() <= 7
    assert chart.x_axis.min().time().msecsSinceStartOfDay() == 0
    assert chart.x_axis.max().time().msecsSinceStartOfDay() == 0
    ticks = chart.tick_days()
    assert ticks[-1] == chart.x_axis.max().date().toPython()


def test_a_narrow_score_chart_shows_fewer_day_labels_so_none_is_cut(qtbot: QtBot) -> None:
    from datetime import UTC, datetime

    from gensec_quiz.ui.widgets.charts import ScoreChart

    chart = ScoreChart()
    qtbot.addWidget(chart)
    days = [datetime(2026, 2, 20 + 2 * n, 17, tzinfo=UTC) for n in range(5)]
    chart.set_points([(day, 0.5) for day in days])
    chart.resize(900, 300)
    chart.show()
    qtbot.waitUntil(lambda: chart.x_axis is not None and chart.x_axis.tickCount() > 3)
    chart.resize(360, 300)
    qtbot.waitUntil(lambda: chart.x_axis is not None and chart.x_axis.tickCount() <= 3)
    assert chart.x_axis is not None
    assert chart.x_axis.min().time().msecsSinceStartOfDay() == 0
