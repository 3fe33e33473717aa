"""The answer widgets, driven by keyboard and mouse as a learner would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget
from ui_core_support import choice_question, day_question, matching, ordering, year_question

CTRL = Qt.KeyboardModifier.ControlModifier


def _ordering(qtbot: QtBot, display: tuple[int, ...] = (2, 0, 3, 1)) -> OrderingWidget:
    widget = OrderingWidget(ordering(), display)
    qtbot.addWidget(widget)
    return widget


def test_ordering_shows_the_display_order_and_that_nothing_moved(qtbot: QtBot) -> None:
    widget = _ordering(qtbot)
    assert widget.order() == (2, 0, 3, 1)
    assert widget.list.item(0).text() == "1. Leonid Brezhnev"
    assert widget.status.text() == "Nothing moved yet"
    assert not widget.response().moved


def test_ordering_moves_the_selected_item_with_ctrl_arrows(qtbot: QtBot) -> None:
    widget = _ordering(qtbot)
    widget.list.setCurrentRow(0)
    with qtbot.waitSignal(widget.changed):
        qtbot.keyClick(widget.list, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, CTRL)
    assert widget.order() == (0, 3, 2, 1)
    assert widget.list.currentRow() == 2
    qtbot.keyClick(widget.list, Qt.Key.Key_Up, CTRL)
    assert widget.order() == (0, 2, 3, 1)
    assert widget.response().moved
    assert widget.status.text() != "Nothing moved yet"
    assert widget.list.item(0).text() == "1. Joseph Stalin"


def test_plain_arrows_only_change_the_selection(qtbot: QtBot) -> None:
    widget = _ordering(qtbot)
    widget.list.setCurrentRow(0)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down)
    assert widget.list.currentRow() == 1
    assert widget.order() == (2, 0, 3, 1)
    assert not widget.moved()


def test_ordering_buttons_move_the_selected_item(qtbot: QtBot) -> None:
    widget = _ordering(qtbot)
    widget.list.setCurrentRow(3)
    qtbot.mouseClick(widget.up_button, Qt.MouseButton.LeftButton)
    assert widget.order() == (2, 0, 1, 3)
    qtbot.mouseClick(widget.down_button, Qt.MouseButton.LeftButton)
    assert widget.order() == (2, 0, 3, 1)
    assert widget.moved()


def test_ordering_by_drag_uses_the_models_move(qtbot: QtBot) -> None:
    widget = _ordering(qtbot)
    with qtbot.waitSignal(widget.changed):
        assert widget.drag_row(0, 3)
    assert widget.order() == (0, 3, 1, 2)
    assert widget.list.item(3).text() == "4. Leonid Brezhnev"
    assert widget.response().moved


def test_a_locked_ordering_no_longer_moves(qtbot: QtBot) -> None:
    widget = _ordering(qtbot)
    widget.lock()
    widget.list.setCurrentRow(0)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, CTRL)
    assert widget.order() == (2, 0, 3, 1)


def test_matching_flags_a_choice_used_twice_at_once(qtbot: QtBot) -> None:
    widget = MatchingWidget(matching(), (3, 1, 0, 2))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.combos[0].itemText(1) == "1985"
    widget.choose(0, "1953")
    widget.choose(1, "1953")
    assert widget.clashes() == (0, 1)
    assert widget.clash_labels[1].isVisible()
    assert "also chosen" in widget.combos[0].accessibleDescription()
    assert widget.blocking_problem() is not None
    widget.choose(1, "1922")
    assert widget.clashes() == ()
    assert not widget.clash_labels[0].isVisible()


def test_matching_is_answered_with_the_keyboard(qtbot: QtBot) -> None:
    widget = MatchingWidget(matching(), (0, 1, 2, 3))
    qtbot.addWidget(widget)
    for row, presses in enumerate((1, 2, 3)):
        for _ in range(presses):
            qtbot.keyClick(widget.combos[row], Qt.Key.Key_Down)
    assert widget.response().choices == ("1922", "1953", "1964")
    assert widget.is_complete()


def test_year_question_has_only_a_year_field(qtbot: QtBot) -> None:
    widget = DateInputWidget(year_question())
    qtbot.addWidget(widget)
    assert widget.year is not None and widget.month is None and widget.day is None
    assert widget.value() is None
    qtbot.keyClicks(widget.year, "1985")
    assert widget.response().value == PartialDate(1985)


def test_an_impossible_day_is_flagged_as_typed(qtbot: QtBot) -> None:
    widget = DateInputWidget(day_question())
    qtbot.addWidget(widget)
    widget.show()
    assert widget.day is not None and widget.month is not None and widget.year is not None
    qtbot.keyClicks(widget.day, "31")
    widget.month.setCurrentIndex(4)  # April
    assert widget.problem.isVisible()
    assert "April has no day 31" in widget.problem.text()
    assert widget.value() is None
    assert widget.blocking_problem() is not None
    widget.day.clear()
    qtbot.keyClicks(widget.day, "30")
    qtbot.keyClicks(widget.year, "1953")
    assert not widget.problem.isVisible()
    assert widget.value() == PartialDate(1953, 4, 30)


def test_february_29_depends_on_the_year(qtbot: QtBot) -> None:
    widget = DateInputWidget(day_question())
    qtbot.addWidget(widget)
    widget.enter(PartialDate(1952, 2, 29))
    assert widget.value() == PartialDate(1952, 2, 29)
    assert widget.year is not None
    widget.year.setValue(1953)
    assert "February has no day 29 in 1953" in widget.problem.text()


def test_multiple_choice_answers_with_number_keys(qtbot: QtBot) -> None:
    widget = DateInputWidget(choice_question())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    assert widget.choices is not None
    assert [b.text() for b in widget.choices.buttons][1] == "2.  1964"
    assert "key 2" in widget.choices.buttons[1].toolTip()
    qtbot.keyClick(widget.choices.buttons[0], Qt.Key.Key_2)
    assert widget.value() == PartialDate(1964)
