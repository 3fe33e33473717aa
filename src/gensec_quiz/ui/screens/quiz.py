"""The Quiz screen: one question at a time, its answer widget, and the feedback with sources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.classroom import exam_plan
from gensec_quiz.application.drafts import Draft, Drafts
from gensec_quiz.application.outbox import Outbox
from gensec_quiz.application.plans import QuizOutcome, QuizPlan
from gensec_quiz.application.quiz_run import NotSaved, QuizRun, Saved, SavedLocally, TimeUp
from gensec_quiz.domain.errors import GensecError
from gensec_quiz.domain.questions import (
    DateQuestion,
    DateResponse,
    MatchingQuestion,
    MatchingResponse,
    OrderingResponse,
    Question,
    Response,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.domain.session import Answer, Phase, QuizSession
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog, Notice
from gensec_quiz.ui.names import mode_name
from gensec_quiz.ui.screens.exam_summary import ExamSummary
from gensec_quiz.ui.widgets import themed_icon
from gensec_quiz.ui.widgets.date_input import DateInputWidget
from gensec_quiz.ui.widgets.feedback import FeedbackPanel
from gensec_quiz.ui.widgets.matching import MatchingWidget
from gensec_quiz.ui.widgets.navigator import QuestionNavigator, exam_answer_widget
from gensec_quiz.ui.widgets.ordering import OrderingWidget

AnswerWidget = OrderingWidget | MatchingWidget | DateInputWidget
# The timer's colour: amber once a fifth of the time is left, red in the last minute.
TIMER_STYLES = {
    "plenty": "QLabel#timeLeft { font-size: 22pt; font-weight: 600; }",
    "low": "QLabel#timeLeft { font-size: 22pt; font-weight: 600; color: #8a4b00; "
           "background: #ffe2b3; border-radius: 4px; padding: 0 6px; }",
    "last": "QLabel#timeLeft { font-size: 22pt; font-weight: 700; color: #ffffff; "
            "background: #b3261e; border-radius: 4px; padding: 0 6px; }",
}


def timer_state(left: timedelta, limit: timedelta) -> str:
    """"plenty", "low" (at most 20% of the limit left) or "last" (the last minute)."""
    if left <= timedelta(minutes=1):
        return "last"
    if left <= limit / 5:
        return "low"
    return "plenty"


def make_answer_widget(session: QuizSession, parent: QWidget) -> AnswerWidget:
    """The widget for the current question's kind, in the session's shuffled order."""
    question = session.current
    if isinstance(question, DateQuestion):
        return DateInputWidget(question, parent)
    if isinstance(question, MatchingQuestion):
        choices = question.right_choices()
        display = tuple(choices.index(text) for text in session.matching_display())
        return MatchingWidget(question, display, parent)
    return OrderingWidget(question, session.ordering_display(), parent)


def restore_answer(widget: AnswerWidget, response: Response) -> None:
    """Show a draft answer in the widget of its kind; a draft of another kind is ignored."""
    if isinstance(widget, OrderingWidget) and isinstance(response, OrderingResponse):
        widget.show_draft(response.order, response.moved)
    elif isinstance(widget, MatchingWidget) and isinstance(response, MatchingResponse):
        widget.show_draft(response.choices)
    elif isinstance(widget, DateInputWidget) and isinstance(response, DateResponse):
        widget.show_draft(response.value)


class QuizScreen(QWidget):
    """Shows a `QuizRun` (which saves every answer before its feedback shows) and forwards the
    learner's input to it."""

    session_finished = Signal(QuizOutcome)
    home_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.run: QuizRun | None = None
        self._session_id: int | None = None  # kept after the quiz ends, for its Results
        self.answer_widget: AnswerWidget | None = None
        self.drafts = Drafts(context.data_dir)
        self._touched = False  # the answer on screen changed since its question was shown
        self._build()
        self._show_idle()

    @property
    def session(self) -> QuizSession | None:
        """The session being played, or None between quizzes."""
        return self.run.session if self.run is not None else None

    @property
    def plan(self) -> QuizPlan | None:
        return self.run.plan if self.run is not None else None

    @property
    def session_id(self) -> int | None:
        """The database row of the running (or last) quiz."""
        return self._session_id

    # Layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self._exam_hooks(layout)  # the exam's navigator strip (hidden outside an exam)
        self.scroller = QScrollArea(self)
        self.scroller.setAccessibleName(tr("The question"))
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body = QWidget(self.scroller)
        self.body_layout = QVBoxLayout(self.body)
        self.prompt = QLabel("", self.body)
        self.prompt.setObjectName("prompt")
        self.prompt.setProperty("role", "heading")
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName(tr("Question"))
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body_layout.addWidget(self.prompt)
        self.answer_holder = QVBoxLayout()
        self.body_layout.addLayout(self.answer_holder, 1)  # the answer fills the room it has
        self.message = QLabel("", self.body)
        self.message.setObjectName("quizMessage")
        self.message.setProperty("state", "wrong")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Message"))
        self.body_layout.addWidget(self.message)
        self.feedback = FeedbackPanel(self.body)
        self.feedback.sources_opened.connect(
            lambda: QTimer.singleShot(0, self._scroll_to_sources))
        self.body_layout.addWidget(self.feedback)
        self.body_layout.addStretch(0)  # takes the room from the answer once feedback shows
        self.scroller.setWidget(self.body)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.exam_summary, 1)  # an exam's summary page, in the question's place
        layout.addLayout(self._buttons())
        self._shortcuts()
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self.tick)

    def _header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        top = QHBoxLayout()
        self.title = QLabel("", self)
        self.title.setObjectName("quizTitle")
        self.title.setProperty("role", "muted")
        self.title.setWordWrap(True)
        self.counter = QLabel("", self)
        self.counter.setObjectName("questionCounter")
        self.counter.setAccessibleName(tr("Question number"))
        self.time_left = QLabel("", self)
        self.time_left.setObjectName("timeLeft")
        self.time_left.setAccessibleName(tr("Time left"))
        top.addWidget(self.title, 1)
        top.addWidget(self.time_left)
        top.addSpacing(24)
        top.addWidget(self.counter)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("quizProgress")
        self.progress.setAccessibleName(tr("Progress through the quiz"))
        self.progress.setTextVisible(False)
        header.addLayout(top)
        header.addWidget(self.progress)
        return header

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.later_button = self._button(
            "home", tr("Finish &later"), tr("Keep your progress and go back to Home (Alt+L)"))
        self.later_button.clicked.connect(self.leave)
        self.end_button = self._button(
            "results", tr("&End quiz"), tr("End the quiz now and see the results (Alt+E)"))
        self.end_button.clicked.connect(self.end_quiz)
        self.submit_button = self._button(
            "check", tr("&Submit"), tr("Submit your answer (Enter)"))
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setProperty("role", "primary")
        self.submit_button.clicked.connect(self.submit)
        self.next_button = self._button("next", tr("&Next"), tr("Go to the next question (Enter)"))
        self.next_button.setObjectName("nextButton")
        self.next_button.setProperty("role", "primary")
        self.next_button.clicked.connect(self.next_question)
        self.home_button = self._button("home", tr("Go to &Home"),
                                        tr("Choose a quiz on the Home screen (Alt+H)"))
        self.home_button.clicked.connect(self.home_requested)
        row.addWidget(self.home_button)
        row.addWidget(self.later_button)
        row.addWidget(self.end_button)
        row.addStretch(1)
        row.addWidget(self.submit_button)
        row.addWidget(self.next_button)
        return row

    def _outbox(self) -> Outbox | None:
        """On a school server, answers wait on this PC while it cannot be reached."""
        return Outbox(self.context.data_dir) if self.context.folder.server else None

    def _button(self, icon: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(themed_icon(icon), text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        return button

    def _shortcuts(self) -> None:
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.primary_action)

    # Starting --------------------------------------------------------------------------------

    def start(self, plan: QuizPlan) -> bool:
        """Begin (or resume) a quiz; False when it could not start (the learner is told why).
        On a set locked to exam mode, the learner's open attempt is carried on (its timer and
        shuffles), and a learner with no attempt left is told so."""
        context = self.context
        try:
            plan = exam_plan(plan, context.store, context.question_sets, context.exam_rules,
                             learner_id=context.learner_id)
            run = QuizRun(plan, context.store, context.clock, learner_id=context.learner_id,
                          seed=context.seed, outbox=self._outbox())
            session = run.start(left_on_screen=self.drafts.load)
        except GensecError as error:
            Notice.tell(self, "\n".join(error.sentences()))
            return False
        if plan.resume_session_id is None and run.saving:
            self.context.signals.data_changed.emit()
        self.run, self._session_id = run, run.session_id
        self.title.setText(tr("{title} · {mode}", title=plan.question_set.title,
                              mode=mode_name(plan.mode)))
        if plan.time_limit is not None:
            self._clock_timer.start()
        else:
            self._clock_timer.stop()
        self._show_exam_controls(session.navigable)
        if session.phase is Phase.FINISHED:  # resumed with every answer in, or out of time
            self._finish(() if not run.time_up() else (
                tr("Time is up: your answer on screen was submitted as it stood.")
                if run.submitted_at_time_up is not None else tr("Time is up."),))
        elif session.phase is Phase.SUMMARY:  # an exam resumed with every answer in
            self._show_summary()
        else:
            self._show_question()
        return True

    # Showing ---------------------------------------------------------------------------------

    def _show_idle(self) -> None:
        self._set_buttons(idle=True)
        self.title.setText(tr("No quiz running"))
        self.prompt.setText(tr("Choose a question set, a mode and a learner on the Home screen, "
                               "then press Start."))
        self.counter.setText("")
        self.time_left.setText("")
        self.time_left.setProperty("state", "")
        self.progress.setValue(0)
        self.message.setVisible(False)
        self.feedback.setVisible(False)
        self._show_exam_controls(False)

    def _show_question(self) -> None:
        session = self._session()
        question = session.current
        self.counter.setText(tr("Question {k} of {n}", k=session.index + 1, n=session.total))
        self.progress.setRange(0, session.total)
        self.progress.setValue(len(session.answers))
        self.prompt.setText(question.prompt)
        self._replace_answer_widget(exam_answer_widget(session, self.body, make_answer_widget)
                                    if session.navigable
                                    else make_answer_widget(session, self.body))
        self._touched = False
        self._restore_draft()  # a draft put back counts as a change (an exam saves it on moving)
        self._show_page(summary=False)
        self.message.setVisible(False)
        self.feedback.clear()
        self.feedback.setVisible(False)
        self._set_buttons(idle=False)
        self.tick()
        self._focus_answer()

    def _replace_answer_widget(self, widget: AnswerWidget) -> None:
        if self.answer_widget is not None:
            self.answer_holder.removeWidget(self.answer_widget)
            self.answer_widget.hide()  # gone at once, even before the event loop deletes it
            self.answer_widget.deleteLater()
        self.answer_widget = widget
        widget.changed.connect(self._on_answer_changed)
        self.answer_holder.addWidget(widget)
        chain = [*widget.focus_chain(), self.submit_button, self.next_button, self.later_button,
                 self.end_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _focus_answer(self) -> None:
        chain = self.answer_widget.focus_chain() if self.answer_widget is not None else []
        if chain:
            chain[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _give_room(self, *, to_answer: bool) -> None:
        """While answering, the answer widget fills the room; with feedback, the feedback sits
        right under it and the spare room goes below."""
        layout = self.body_layout
        layout.setStretch(layout.indexOf(self.answer_holder), 1 if to_answer else 0)
        layout.setStretch(layout.count() - 1, 0 if to_answer else 1)

    def _set_buttons(self, *, idle: bool) -> None:
        phase = None if idle or self.session is None else self.session.phase
        answering = phase is Phase.ANSWERING
        self._give_room(to_answer=phase is not Phase.FEEDBACK)
        self.home_button.setVisible(idle)
        self.later_button.setVisible(not idle)
        exam = not idle and self.session is not None and self.session.navigable
        self.end_button.setVisible(not idle and not exam)  # an exam ends with Submit all
        self.submit_button.setVisible(answering)
        self.next_button.setVisible(phase is Phase.FEEDBACK)
        if phase is Phase.FEEDBACK:
            self.next_button.setDefault(True)

    @Slot()
    def _on_answer_changed(self) -> None:
        self._touched = True
        self.message.setVisible(False)
        self._save_draft()

    # Drafts: the answer on screen survives a crash (application/drafts.py) -------------------

    def _draft_session(self) -> int | None:
        run = self.run
        if run is None or not run.saving or not run.started:
            return None
        return run.session_id

    def _save_draft(self) -> None:
        session_id, widget = self._draft_session(), self.answer_widget
        session = self.session
        if session_id is None or widget is None or session is None:
            return
        if session.phase is not Phase.ANSWERING:
            return
        if isinstance(widget, DateInputWidget) and widget.value() is None:
            return  # a half-typed date is not an answer; the last whole one stays
        self.drafts.save(Draft(session_id, session.current.id, widget.response()))

    def _restore_draft(self) -> None:
        session_id, widget, session = self._draft_session(), self.answer_widget, self.session
        if session_id is None or widget is None or session is None:
            return
        response = self.drafts.load(session_id, session.current.id)
        if response is not None:
            restore_answer(widget, response)

    def _discard_draft(self) -> None:
        session_id = self._draft_session()
        if session_id is not None:
            self.drafts.discard(session_id)

    # Answering -------------------------------------------------------------------------------

    @Slot()
    def primary_action(self) -> None:
        """Enter: submit while answering, next while reading feedback."""
        if self.session is None:
            return
        if self.session.phase is Phase.ANSWERING:
            self.submit()
        elif self.session.phase is Phase.FEEDBACK:
            self.next_question()
        elif self.session.phase is Phase.SUMMARY:
            self.exam_summary.press_enter()

    @Slot()
    def submit(self) -> None:
        session, widget = self.session, self.answer_widget
        if session is None or widget is None or session.phase is not Phase.ANSWERING:
            return
        if self._unchanged_exam_answer():  # answered before and not touched: keep it, go on
            self._navigate(self._run().skip)
            return
        blocking = widget.blocking_problem() if not isinstance(widget, OrderingWidget) else None
        if blocking:
            if isinstance(widget, DateInputWidget) and widget.problem_on_screen():
                widget.focus_problem()  # the fields already say what is wrong: not twice
            else:
                self._say(blocking)
            return
        if not widget.is_complete() and not ConfirmDialog.ask(
            self, tr("Submit this answer?"), widget.incomplete_message(), yes=tr("Submit")
        ):
            return
        if self.run is None or self.run.session is not session:
            return  # the time ran out while the question was asked: the quiz has ended
        run = self._run()
        if run.time_up():  # the second's tick had not come yet: the answer counts as it stands
            self.time_is_up()
            return
        match run.submit(widget.response()):
            case TimeUp(sentence):
                self._say(sentence)
                self._finish()
                return
            case Saved(answer):
                self.context.signals.data_changed.emit()
            case SavedLocally(answer, sentence):  # the school server is away: kept on this PC
                self._say(sentence)
            case NotSaved(answer, sentence):
                if run.saving:  # the quiz goes on; Results will say it was not all saved
                    Notice.tell(self, sentence)
        self._discard_draft()
        widget.lock()
        self._after_submit(answer)

    def _after_submit(self, answer: Answer) -> None:
        session = self._session()
        self.progress.setValue(len(session.answers))
        if session.phase is Phase.FINISHED:
            self._finish()
        elif session.phase is Phase.SUMMARY:
            self._show_summary()
        elif session.phase is Phase.FEEDBACK:
            question = session.current
            self.feedback.show_grade(question, answer.grade, self._records())
            if isinstance(self.answer_widget, DateInputWidget | MatchingWidget):
                self.answer_widget.show_key()
            self.feedback.setVisible(True)
            self.context.signals.answer_shown.emit(answer.grade.score)  # its sound, if chosen
            self._set_buttons(idle=False)
            self.next_button.setFocus()
            QTimer.singleShot(0, self._scroll_to_feedback)
        else:
            self._show_question()

    @Slot()
    def _scroll_to_feedback(self) -> None:
        """Bring the feedback's score into view (its top, not its end: it may be long)."""
        bar = self.scroller.verticalScrollBar()
        top = self.feedback.y()
        visible = self.scroller.viewport().height()
        if top + 120 > bar.value() + visible:
            bar.setValue(max(0, top - 40))

    @Slot()
    def _scroll_to_sources(self) -> None:
        """Sources just unfolded below the fold: scroll so that they start near the top."""
        button, box = self.feedback.sources_button, self.feedback.sources_box
        if button is None or box is None:
            return
        for _ in range(4):  # the box's layout, the panel's, the body's, then the scroll range
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bar = self.scroller.verticalScrollBar()
        top = button.mapTo(self.body, QPoint(0, 0)).y()
        bottom = box.mapTo(self.body, QPoint(0, box.height())).y()
        if bottom > bar.value() + self.scroller.viewport().height():
            bar.setValue(max(0, top - 10))

    @Slot()
    def next_question(self) -> None:
        session = self.session
        if session is None or session.phase is not Phase.FEEDBACK:
            return
        self._run().advance()
        if self._finished(session):
            self._finish()
        else:
            self._show_question()

    @Slot()
    def end_quiz(self) -> None:
        session = self.session
        if session is None:
            return
        left = session.total - len(session.answers)
        if left and not ConfirmDialog.ask(
            self, tr("End the quiz now?"),
            tr("{left} questions are not answered yet; they will count as 0.", left=left),
            yes=tr("End quiz"),
        ):
            return
        session.finish()
        self._finish()

    @Slot()
    def leave(self) -> None:
        """Go back to Home; the session stays unfinished in the database, ready to resume."""
        self._clock_timer.stop()
        if self.run is not None:
            self.run.finish_later()
        self.run = None
        self._replace_answer_widget_with_nothing()
        self._show_idle()
        self.home_requested.emit()

    def _replace_answer_widget_with_nothing(self) -> None:
        if self.answer_widget is not None:
            self.answer_holder.removeWidget(self.answer_widget)
            self.answer_widget.hide()  # gone at once, even before the event loop deletes it
            self.answer_widget.deleteLater()
            self.answer_widget = None

    def _finish(self, notes: tuple[str, ...] = ()) -> None:
        run = self._run()
        self._clock_timer.stop()
        self._discard_draft()
        outcome = run.finish()
        outcome.notes.extend(notes)
        if outcome.saved:
            self.context.signals.data_changed.emit()
        self.run = None
        self._replace_answer_widget_with_nothing()
        self._show_idle()
        self.session_finished.emit(outcome)

    # Time ------------------------------------------------------------------------------------

    @Slot()
    def tick(self) -> None:
        """Each second while a timed quiz runs: show the time left (on the wall clock, from the
        attempt's start), and end the quiz when the time is up (by the clock the app was given,
        so a test moves that clock and ticks)."""
        run = self.run
        left = run.time_left() if run is not None and run.started else None
        limit = run.plan.time_limit if run is not None else None
        if left is None or limit is None:
            self.time_left.setText("")
            return
        seconds = int(left.total_seconds() + 0.999)  # 0:00 only when the time is up
        self.time_left.setText(tr("Time left: {m}:{s:02d}", m=seconds // 60, s=seconds % 60))
        state = timer_state(left, limit)
        if self.time_left.property("state") != state:
            self.time_left.setProperty("state", state)
            self.time_left.setStyleSheet(TIMER_STYLES[state])
        if run is not None and run.time_up() and run.session.phase is not Phase.FINISHED:
            self.time_is_up()

    def time_is_up(self) -> None:
        """The answer on screen is submitted as it stands (one the grader cannot read, such as
        a half-typed date, counts as not answered), then Results say "Time is up"."""
        run, widget = self._run(), self.answer_widget
        response = None
        if (widget is not None and run.session.phase is Phase.ANSWERING
                and not self._unchanged_exam_answer()):  # an earlier answer shown stays as saved
            blocking = (widget.blocking_problem() if not isinstance(widget, OrderingWidget)
                        else None)
            response = None if blocking else widget.response()
        submitted = run.end_at_time_up(response)
        note = (tr("Time is up: your answer on screen was submitted as it stood.")
                if submitted is not None else tr("Time is up."))
        self._finish((note,))

    # Helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _finished(session: QuizSession) -> bool:
        return session.phase is Phase.FINISHED

    def _session(self) -> QuizSession:
        return self._run().session

    def _run(self) -> QuizRun:
        assert self.run is not None, "no quiz is running"
        return self.run

    def _records(self) -> RecordSet | None:
        """The questions' own record set, for the titles of their sources (None: the feedback
        shows source ids instead)."""
        if self.plan is not None:
            return self.context.records_for(self.plan.question_set.records)
        return None

    def _say(self, text: str) -> None:
        self.message.setText(f"⚠ {text}")
        self.message.setVisible(True)

    def running(self) -> bool:
        return self.session is not None

    def current_question(self) -> Question | None:
        session = self.session
        showing = session is not None and session.phase in (Phase.ANSWERING, Phase.FEEDBACK)
        return session.current if session is not None and showing else None

    def refresh(self) -> None:
        """Nothing to reload: the quiz keeps its own state."""

    # Exam navigation hooks (the widgets live in widgets/navigator.py, screens/exam_summary.py) --

    def _exam_hooks(self, layout: QVBoxLayout) -> None:
        self.navigator = QuestionNavigator(self)
        self.navigator.setVisible(False)
        layout.addWidget(self.navigator)
        self.exam_summary = ExamSummary(self)
        self.exam_summary.setVisible(False)
        navigator, summary = self.navigator, self.exam_summary
        navigator.chosen.connect(self.go_to_question)
        navigator.back_requested.connect(self.go_back)
        navigator.skip_requested.connect(self.skip_question)
        navigator.flag_changed.connect(self.flag_question)
        navigator.summary_requested.connect(self.show_exam_summary)
        summary.question_chosen.connect(self.go_to_question)
        summary.return_requested.connect(self.go_back)
        summary.submit_all_requested.connect(self.submit_all)

    def _show_exam_controls(self, exam: bool) -> None:
        self.navigator.setVisible(exam)
        self.end_button.setVisible(not exam and self.session is not None)
        self.submit_button.setText(tr("&Save and next") if exam else tr("&Submit"))
        self.submit_button.setToolTip(tr("Save your answer and go to the next question (Enter)")
                                      if exam else tr("Submit your answer (Enter)"))
        if not exam:
            self._show_page(summary=False)

    def _show_page(self, *, summary: bool) -> None:
        self.scroller.setVisible(not summary)
        self.exam_summary.setVisible(summary)
        session = self.session
        if session is not None and session.navigable:
            self.navigator.show_states(session.states())
            self.end_button.setVisible(False)

    def _show_summary(self) -> None:
        session = self._session()
        self._replace_answer_widget_with_nothing()
        self.counter.setText(tr("Summary of {n} questions", n=session.total))
        self.progress.setValue(len(session.answers))
        self.exam_summary.show_states(session.questions, session.states())
        self._show_page(summary=True)
        self.submit_button.setVisible(False)
        self.next_button.setVisible(False)
        self.tick()
        self.exam_summary.focus_first()

    def _unchanged_exam_answer(self) -> bool:
        """An exam question answered before, shown again with that answer, untouched."""
        session = self.session
        return (session is not None and session.navigable and session.phase is Phase.ANSWERING
                and not self._touched and session.answer_for(session.current.id) is not None)

    def _keep_answer_on_screen(self) -> bool:
        """Before the exam moves elsewhere, save the answer the learner changed on screen (as
        Moodle's navigation does). False: it cannot be saved as it is (the learner is told)."""
        session, widget = self.session, self.answer_widget
        if self.run is not None and self.run.time_up():
            self.time_is_up()  # the answer on screen counts as it stands; the exam ends
            return False
        if (session is None or widget is None or session.phase is not Phase.ANSWERING
                or not self._touched):
            return True
        blocking = widget.blocking_problem() if not isinstance(widget, OrderingWidget) else None
        if blocking:
            self._say(blocking)
            return False
        match self._run().submit(widget.response()):
            case Saved():
                self.context.signals.data_changed.emit()
            case SavedLocally(_, sentence):
                self._say(sentence)
            case NotSaved(_, sentence):
                Notice.tell(self, sentence)
            case TimeUp():  # cannot happen after the check above: the clock is the same
                self._finish((tr("Time is up."),))
                return False
        self._touched = False
        return True

    def _navigate(self, step: Callable[[], bool]) -> None:
        """Take a navigation step; time's up submits the answer on screen and ends the exam."""
        run = self.run
        if run is None or not run.session.navigable:
            return
        if run.time_up():
            self.time_is_up()
            return
        if not step():
            self._finish((tr("Time is up."),))
            return
        session = run.session
        if session.phase is Phase.SUMMARY:
            self._show_summary()
        elif session.phase is Phase.ANSWERING:
            self._show_question()

    @Slot(int)
    def go_to_question(self, index: int) -> None:
        """Open the exam's question at `index` (a number of the strip, a row of the summary)."""
        if self.run is not None and self._keep_answer_on_screen():
            run = self.run
            self._navigate(lambda: run.go_to(index))

    @Slot()
    def go_back(self) -> None:
        if self.run is not None and self._keep_answer_on_screen():
            run = self.run
            self._navigate(lambda: run.go_to(max(0, self._back_target(run))))

    @staticmethod
    def _back_target(run: QuizRun) -> int:
        session = run.session
        return session.total - 1 if session.phase is Phase.SUMMARY else session.index - 1

    @Slot()
    def skip_question(self) -> None:
        """Leave the question as it was (a change on screen is not kept) and go on."""
        if self.run is not None:
            self._navigate(self.run.skip)

    @Slot(bool)
    def flag_question(self, flagged: bool) -> None:
        session = self.session
        if session is None or not session.navigable or session.phase is not Phase.ANSWERING:
            return
        self._run().set_flag(session.index, flagged)
        self.navigator.show_states(session.states())

    @Slot()
    def show_exam_summary(self) -> None:
        if self.run is not None and self._keep_answer_on_screen():
            self._navigate(self.run.show_summary)

    @Slot()
    def submit_all(self) -> None:
        """End the exam with its answers as they stand; asked first when some are not answered
        or are flagged."""
        run = self.run
        if run is None or not run.session.navigable:
            return
        if run.time_up():
            self.time_is_up()
            return
        states = run.session.states()
        left = sum(not s.answered for s in states)
        flagged = sum(s.flagged for s in states)
        if (left or flagged) and not ConfirmDialog.ask(
            self, tr("Submit all and finish?"),
            tr("{left} questions are not answered and {flagged} are flagged. Once you submit, "
               "your answers cannot change.", left=left, flagged=flagged),
            yes=tr("Submit all"),
        ):
            return
        if self.run is not run:
            return  # the time ran out while the learner was asked
        run.session.submit_all()
        self._finish()
