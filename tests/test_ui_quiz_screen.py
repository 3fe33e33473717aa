"""The quiz screen learners see: answers that fill the room, feedback that leads with the
verdict, results in three words, and the date checks said once (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.grading_ordering import grade_ordering
from gensec_quiz.domain.questions import (
    MatchingPair,
    MatchingQuestion,
    OrderingItem,
    OrderingQuestion,
    OrderingResponse,
    Question,
    QuestionSet,
)
from gensec_quiz.domain.session import Mode
from gensec_quiz.ui import theme
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog, Notice
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.feedback import FeedbackPanel
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.ordering import OrderingWidget
from ui_core_support import (
    App,
    FakeClock,
    _basis,
    _ref,
    answer_widget,
    choice_question,
    matching,
    order_by_drag,
    ordering,
    submit,
    type_date,
    year_question,
)

ALT = Qt.KeyboardModifier.AltModifier
LEADERS = ("Joseph Stalin", "Nikita Khrushchev", "Leonid Brezhnev", "Yuri Andropov",
           "Mikhail Gorbachev")


def five_item_ordering() -> OrderingQuestion:
    return OrderingQuestion(
        id="q-five", prompt="Put these leaders in the order they took office.",
        explanation="Stalin, Khrushchev, Brezhnev, Andropov, Gorbachev.", difficulty=1,
        sources=_ref("Stalin … Gorbachev"), basis=_basis("stalin"),
        items=tuple(OrderingItem(name, _basis(name.split()[-1].lower())) for name in LEADERS))


def who_question() -> MatchingQuestion:
    """The team's multiple choice on a name: one pair, distractors on the right."""
    return MatchingQuestion(
        id="q-who", prompt="Who was First Secretary when the 20th Party Congress met?",
        explanation="Khrushchev gave the Secret Speech at the 20th Congress in 1956.",
        difficulty=1, sources=_ref("Khrushchev … 20th Congress"), basis=_basis("khrushchev"),
        pairs=(MatchingPair("20th Party Congress (1956)", "Nikita Khrushchev",
                            _basis("khrushchev")),),
        extra_right=("Joseph Stalin", "Leonid Brezhnev", "Georgy Malenkov"))


def start(app: App, *questions: Question) -> None:
    question_set = QuestionSet(id="screen-set", title="Screen set", records="test-records",
                               questions=questions)
    app.home.start_requested.emit(QuizPlan(question_set, mode=Mode.PRACTICE))
    assert app.window.current_key() == "quiz"


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Notice, "tell", classmethod(lambda cls, parent, text: said.append(text)))
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: True))
    return said


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path, told: list[str]) -> Iterator[App]:
    application = App(qtbot, tmp_path, FakeClock())
    yield application
    application.store.close()
    assert told == []


@pytest.fixture
def light_theme() -> Iterator[None]:
    """The light theme's stylesheet, and the application's look put back afterwards."""
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    sheet, palette, font = application.styleSheet(), application.palette(), application.font()
    theme.apply_theme(application, "light", 11)
    yield
    application.setStyleSheet(sheet)
    application.setPalette(palette)
    application.setFont(font)


@pytest.fixture
def large_text() -> Iterator[None]:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    font = application.font()
    bigger = QFont(font)
    bigger.setPointSizeF(16)
    application.setFont(bigger)
    yield
    application.setFont(font)


def wait_for_layout(app: App) -> None:
    app.qtbot.wait(10)
    QApplication.processEvents()


# Answers that fill the room ----------------------------------------------------------------


def assert_every_card_shows(app: App) -> OrderingWidget:
    widget = answer_widget(app)
    assert isinstance(widget, OrderingWidget)
    wait_for_layout(app)
    listing = widget.list
    assert listing.verticalScrollBar().maximum() == 0  # no card hidden behind a scroll bar
    viewport = listing.viewport().rect()
    for row in range(listing.count()):
        card = listing.visualItemRect(listing.item(row))
        assert viewport.contains(card), f"card {row + 1} is cut off"
        assert card.height() >= 40  # a card to grab, not a thin row
    return widget


def test_a_five_item_ordering_shows_every_card_without_a_scroll_bar(app: App) -> None:
    start(app, five_item_ordering())
    widget = assert_every_card_shows(app)
    assert widget.list.height() > widget.list.sizeHintForRow(0) * 5


def test_at_16_points_the_five_cards_still_all_show(large_text: None, app: App) -> None:
    start(app, five_item_ordering())
    assert_every_card_shows(app)


def test_long_items_wrap_inside_their_cards_in_the_theme(light_theme: None, app: App) -> None:
    long_items = (
        "Brezhnev governs in a collective leadership, a troika with Premier Kosygin and Podgorny",
        "A new Soviet Constitution's Article 6 names the CPSU the leading and guiding force of "
        "Soviet society, and the party's rule is written into the basic law of the state",
        "Yuri Andropov dies in office as General Secretary.",
        "Gorbachev reorganises the presidency and turns his attention to that post.")
    question = OrderingQuestion(
        id="q-long", prompt="Arrange these events from the earliest to the latest.",
        explanation="In the order of their years.", difficulty=2, sources=_ref("…"),
        basis=_basis("brezhnev"), items=tuple(OrderingItem(text, _basis("brezhnev"))
                                              for text in long_items))
    start(app, question)
    widget = assert_every_card_shows(app)
    assert widget.list.horizontalScrollBar().maximum() == 0
    heights = [widget.list.visualItemRect(widget.list.item(row)).height() for row in range(4)]
    assert max(heights) > min(heights)  # the long one wrapped onto more lines, in its card
    order_by_drag(widget, (0, 1, 2, 3))
    submit(app)
    wait_for_layout(app)
    assert_every_card_shows(app)  # the feedback below does not squeeze the cards


def test_alt_arrows_move_a_card_as_ctrl_arrows_do(qtbot: QtBot) -> None:
    widget = OrderingWidget(ordering(), (2, 0, 3, 1))
    qtbot.addWidget(widget)
    widget.list.setCurrentRow(0)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, ALT)
    assert widget.order() == (0, 2, 3, 1)
    qtbot.keyClick(widget.list, Qt.Key.Key_Up, ALT)
    assert widget.order() == (2, 0, 3, 1)
    assert widget.moved()


def test_matching_shows_the_items_and_their_choosers_as_two_columns(app: App) -> None:
    start(app, matching())
    widget = answer_widget(app)
    assert isinstance(widget, MatchingWidget)
    wait_for_layout(app)
    lefts = [label for label in widget.findChildren(QLabel)
             if label.property("role") == "matchLeft"]
    assert len(lefts) == len(widget.combos) == 3
    for left, combo in zip(lefts, widget.combos, strict=True):
        assert left.geometry().right() < combo.geometry().left()
        assert abs(left.geometry().center().y() - combo.geometry().center().y()) < 20
    middle = widget.width() / 2
    assert all(combo.geometry().left() >= middle - 20 for combo in widget.combos)


def test_the_year_box_is_large_and_centred(app: App) -> None:
    start(app, year_question())
    widget = answer_widget(app)
    assert isinstance(widget, DateInputWidget) and widget.year is not None
    wait_for_layout(app)
    assert widget.year.font().pointSizeF() >= 1.5 * QApplication.font().pointSizeF()
    centre = widget.year.mapTo(widget, widget.year.rect().center()).x()
    assert abs(centre - widget.width() / 2) < widget.width() / 8


def test_a_one_pair_matching_with_distractors_is_asked_as_radio_buttons(app: App) -> None:
    start(app, who_question())
    widget = answer_widget(app)
    assert isinstance(widget, MatchingWidget) and widget.choices is not None
    session = app.quiz.session
    assert session is not None
    shown = [button.accessibleName() for button in widget.choices.buttons]
    assert shown == list(session.matching_display())  # the session's stored shuffle
    assert sorted(shown) == sorted(who_question().right_choices())
    assert widget.combos == []
    assert widget.focus_chain()[0] is widget.choices.buttons[0]
    key = shown.index("Nikita Khrushchev")
    app.qtbot.keyClick(widget.choices, Qt.Key(Qt.Key.Key_1 + key))
    assert widget.response().choices == ("Nikita Khrushchev",)
    submit(app)
    assert "Right: 100%" in app.quiz.feedback.text()


def test_a_wrong_choice_on_a_name_scores_nothing(app: App) -> None:
    start(app, who_question())
    widget = answer_widget(app)
    assert isinstance(widget, MatchingWidget)
    widget.choose(0, "Georgy Malenkov")
    submit(app)
    feedback = app.quiz.feedback
    assert "Not right: 0%" in feedback.text()
    assert feedback.mark_texts() == [
        (False, "Wrong: the answer is Nikita Khrushchev — You chose Georgy Malenkov.")]
    assert "pair" not in feedback.visible_text()  # a choice on a name, not a matching
    wait_for_layout(app)
    below = widget.mapTo(app.quiz.body, widget.rect().bottomLeft()).y()
    assert feedback.y() - below < 40  # the feedback right under the answer, not far below


def test_after_a_wrong_choice_the_list_itself_marks_the_answer_and_the_pick(app: App) -> None:
    start(app, who_question(), choice_question())
    widget = answer_widget(app)
    assert isinstance(widget, MatchingWidget) and widget.choices is not None
    widget.choose(0, "Georgy Malenkov")
    submit(app)
    marked = {b.accessibleName(): b.text() for b in widget.choices.buttons}
    assert marked["Nikita Khrushchev"].endswith("✓ the answer")
    assert marked["Georgy Malenkov"].endswith("✗ your choice")
    assert sum("✓" in t or "✗" in t for t in marked.values()) == 2  # the others as they were
    right = next(b for b in widget.choices.buttons if b.accessibleName() == "Nikita Khrushchev")
    assert right.font().bold() and not right.isEnabled()
    app.qtbot.mouseClick(app.quiz.next_button, Qt.MouseButton.LeftButton)
    dates = answer_widget(app)
    assert isinstance(dates, DateInputWidget) and dates.choices is not None
    key = dates.question.choices.index(dates.question.answer)
    dates.choices.select(key)
    submit(app)
    texts = [b.text() for b in dates.choices.buttons]
    assert texts[key].endswith("✓ the answer")  # a right pick: only the tick, no cross
    assert not any("✗" in t for t in texts)


# Feedback -------------------------------------------------------------------------------------


def test_feedback_leads_with_the_verdict_and_the_explanation_and_folds_the_sources(
    app: App,
) -> None:
    start(app, ordering())
    order_by_drag(answer_widget(app), (0, 1, 2, 3))
    submit(app)
    feedback = app.quiz.feedback
    wait_for_layout(app)
    shown = feedback.visible_text().splitlines()
    assert shown[0].startswith("Right: 100%")
    assert shown[1] == "Stalin 1922, Khrushchev 1953, Brezhnev 1964, Gorbachev 1985."
    assert "List of General Secretaries (table)" not in feedback.visible_text()
    button = feedback.sources_button
    assert button is not None and button.text() == "Sources (1)"
    assert not feedback.sources_open()
    app.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert feedback.sources_open()
    assert "List of General Secretaries (table)" in feedback.visible_text()
    button.setFocus()
    app.qtbot.keyClick(button, Qt.Key.Key_Space)
    assert not feedback.sources_open()


def test_alt_s_opens_the_sources(app: App) -> None:
    start(app, year_question())
    type_date(app.qtbot, answer_widget(app), PartialDate(1985))
    submit(app)
    feedback = app.quiz.feedback
    assert not feedback.sources_open()
    app.window.activateWindow()
    app.qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window)
    app.qtbot.keyClick(app.quiz.next_button, Qt.Key.Key_S, ALT)
    assert feedback.sources_open()
    app.qtbot.keyClick(app.quiz.next_button, Qt.Key.Key_S, ALT)
    assert not feedback.sources_open()


def test_sources_opened_below_the_fold_are_scrolled_into_view(app: App) -> None:
    app.window.setFont(QFont(app.window.font().family(), 16))
    app.window.resize(800, 600)
    start(app, five_item_ordering())
    order_by_drag(answer_widget(app), (0, 1, 2, 3, 4))
    submit(app)
    wait_for_layout(app)
    quiz = app.quiz
    viewport = quiz.scroller.viewport()
    feedback = quiz.feedback
    assert feedback.sources_button is not None and feedback.sources_box is not None
    bar = quiz.scroller.verticalScrollBar()
    bar.setValue(0)  # the learner scrolled back up to the question, then presses Alt+S
    wait_for_layout(app)
    box = feedback.sources_box
    top = box.mapTo(viewport, QPoint(0, 0)).y()
    if top <= viewport.height():  # a smaller theme font: a lower window puts them out of view
        app.window.resize(800, app.window.height() - (viewport.height() - top) - 60)
        wait_for_layout(app)
        bar.setValue(0)
        wait_for_layout(app)
    assert box.mapTo(viewport, QPoint(0, 0)).y() > viewport.height()  # below the fold
    feedback.set_sources_open(True)

    def sources_in_view() -> bool:
        top = box.mapTo(viewport, QPoint(0, 0)).y()
        return top >= 0 and top + box.height() <= viewport.height()

    app.qtbot.waitUntil(sources_in_view, timeout=2000)


def test_an_untouched_ordering_marks_no_item_right(qtbot: QtBot) -> None:
    # shown as 1, 3, 2, 4: two items sit in their slots by chance, and nothing was moved
    question = ordering()
    grade = grade_ordering(question, OrderingResponse((0, 2, 1, 3), moved=False),
                           rule=question.scoring)
    assert grade.untouched and grade.score == 0
    assert [mark.correct for mark in grade.marks] == [True, False, False, True]  # the rule's
    panel = FeedbackPanel()
    qtbot.addWidget(panel)
    panel.show_grade(question, grade, None)
    assert "Not right: 0%" in panel.text()
    marks = panel.mark_texts()
    assert not any(right for right, _ in marks)
    assert not any(text.startswith("Right") for _, text in marks)
    assert [text.split(":")[0] for _, text in marks] == [
        "Not scored", "Wrong", "Wrong", "Not scored"]
    assert "nothing was moved" in marks[0][1]


def test_an_untouched_ordering_submitted_in_the_quiz_scores_0_with_no_item_right(
    app: App,
) -> None:
    start(app, ordering())
    submit(app)  # nothing moved: confirmed, scores 0
    feedback = app.quiz.feedback
    assert "Not right: 0%" in feedback.text()
    assert len(feedback.mark_texts()) == 4
    assert not any(right for right, _ in feedback.mark_texts())


# Dates -----------------------------------------------------------------------------------------


def test_a_near_miss_among_choices_says_why_it_earns_nothing(app: App) -> None:
    start(app, choice_question(), year_question())
    widget = answer_widget(app)
    assert isinstance(widget, DateInputWidget) and widget.choices is not None
    widget.choices.select(2)  # 1966 for 1964
    submit(app)
    text = app.quiz.feedback.text()
    assert "Not right: 0%" in text
    assert "only the right one scores" in text
    app.qtbot.mouseClick(app.quiz.next_button, Qt.MouseButton.LeftButton)
    type_date(app.qtbot, answer_widget(app), PartialDate(1984))
    submit(app)
    typed = app.quiz.feedback.text()
    assert "Partly right: 50%" in typed and "only the right one scores" not in typed


def test_a_typed_year_one_off_is_said_once_and_coloured_partly_right_like_its_score(
        app: App) -> None:
    start(app, year_question())
    type_date(app.qtbot, answer_widget(app), PartialDate(1984))
    submit(app)
    assert app.quiz.feedback.mark_texts() == []  # the summary says it; no second line
    labels = [label for label in app.quiz.feedback.findChildren(QLabel)
              if "1 year off" in label.text()]
    assert [label.text() for label in labels] == [
        "Not quite: you answered 1984 (1 year off); the answer is 1985."]
    assert [label.property("state") for label in labels] == ["partial"]
    assert "Wrong" not in app.quiz.feedback.text()


def test_85_and_enter_says_write_the_year_in_full_once(app: App) -> None:
    start(app, year_question())
    widget = answer_widget(app)
    assert isinstance(widget, DateInputWidget) and widget.year is not None
    widget.year.setFocus()
    app.qtbot.keyClicks(widget.year, "85")
    app.qtbot.keyClick(widget.year, Qt.Key.Key_Return)
    said = [label for label in app.quiz.findChildren(QLabel)
            if "Write the year in full" in label.text() and label.isVisibleTo(app.quiz)]
    assert len(said) == 1
    assert app.quiz.session is not None and not app.quiz.session.answers  # not submitted
    assert app.window.focusWidget() is widget.year  # ready to be typed again


# Results ---------------------------------------------------------------------------------------


def test_results_say_right_partly_right_and_wrong_in_words_and_theme_colours(
    light_theme: None, app: App,
) -> None:
    start(app, ordering(), year_question(), choice_question())
    order_by_drag(answer_widget(app), (0, 1, 2, 3))
    submit(app)
    app.qtbot.mouseClick(app.quiz.next_button, Qt.MouseButton.LeftButton)
    type_date(app.qtbot, answer_widget(app), PartialDate(1984))
    submit(app)
    app.qtbot.mouseClick(app.quiz.next_button, Qt.MouseButton.LeftButton)
    answer_widget(app).choices.select(0)
    submit(app)
    app.qtbot.mouseClick(app.quiz.next_button, Qt.MouseButton.LeftButton)
    table = app.results.table
    cells = [table.item(row, 0) for row in range(3)]
    assert [cell.text().split(" · ")[0].lstrip("✓◐✗ ") for cell in cells] == [
        "Right", "Partly right", "Wrong"]
    assert [cell.text().split(" · ")[1] for cell in cells] == ["100%", "50%", "0%"]
    colours = [cell.foreground().color().name() for cell in cells]
    assert len(set(colours)) == 3
    assert colours[1] == "#7a5200"  # the light theme's amber for partly right
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    theme.apply_theme(application, "dark", 11)  # the colours follow the theme
    QApplication.processEvents()
    dark = [cell.foreground().color().name() for cell in cells]
    assert dark[1] != colours[1] and len(set(dark)) == 3
    assert "Partly right" in str(cells[1].data(Qt.ItemDataRole.AccessibleTextRole))


def test_results_of_a_choice_on_a_name_show_the_names_not_pairs(app: App) -> None:
    start(app, who_question())
    answer_widget(app).choose(0, "Joseph Stalin")
    submit(app)
    app.qtbot.mouseClick(app.quiz.next_button, Qt.MouseButton.LeftButton)
    assert app.results.yours.text() == "Your answer:\nJoseph Stalin"
    assert app.results.right.text() == "Right answer:\nNikita Khrushchev"
    assert app.results.table.item(0, 1).text() == "Multiple choice"  # as it was asked


def test_a_matching_on_years_gives_its_items_most_of_the_width_at_16_points(app: App) -> None:
    app.window.setFont(QFont(app.window.font().family(), 16))
    start(app, matching())
    widget = answer_widget(app)
    assert isinstance(widget, MatchingWidget)
    wait_for_layout(app)
    lefts = [label for label in widget.findChildren(QLabel)
             if label.property("role") == "matchLeft"]
    for left, combo in zip(lefts, widget.combos, strict=True):
        assert left.width() > combo.width()
        assert left.geometry().right() < combo.geometry().left()


def test_the_quiz_progress_is_a_slim_track_not_a_box_like_a_field(
    light_theme: None, app: App,
) -> None:
    app.window.setFont(QFont(app.window.font().family(), 16))
    start(app, year_question())
    wait_for_layout(app)
    progress = app.quiz.progress
    assert progress.isVisible() and progress.height() <= 12 < progress.width() // 20
