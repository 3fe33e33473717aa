"""Save every screen of GenSec Quiz, light and dark, at 1024x700: `screenshots.py OUTDIR`.

The real main window runs on a temporary data folder: a demo learner takes a few quizzes through
the real Quiz screen (so the store, the progress charts and the backups hold real data), then
each screen is shown and grabbed as `NAME-light.png` and `NAME-dark.png`.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shots import SIZE, grab_in_themes, settle

from gensec_quiz.ui.main_window import ScreenKey

if TYPE_CHECKING:
    from gensec_quiz.ui.screens.records import RecordsScreen
    from gensec_quiz.ui.screens.timeline import TimelineScreen



@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 16, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Shooter:
    """Drives the real window through every screen and saves the pictures."""

    def __init__(self, out: Path, data_dir: Path) -> None:
        self.out = out
        self.data_dir = data_dir
        self.clock = FakeClock()
        self.rng = random.Random(5)
        self.saved: list[str] = []

    # ------------------------------------------------------------ set-up

    def setup(self) -> None:
        from gensec_quiz.app import make_application
        from gensec_quiz.ui import theme

        self.app = make_application([sys.argv[0]])
        self.theme = theme
        theme.apply_theme(self.app, "light", theme.DEFAULT_TEXT_SIZE)
        self._confirm_everything()
        self._build_window()

    def _confirm_everything(self) -> None:
        """A script cannot click a modal dialog: every confirmation says yes."""
        from gensec_quiz.ui.dialogs.confirm import ConfirmDialog

        ConfirmDialog.ask = classmethod(lambda cls, *args, **kwargs: True)  # type: ignore[method-assign]

    def _build_window(self) -> None:
        from gensec_quiz import paths
        from gensec_quiz.storage import open_store
        from gensec_quiz.ui.context import AppContext, AppSignals
        from gensec_quiz.ui.main_window import MainWindow

        self.context = AppContext(clock=self.clock, seed=7, data_dir=self.data_dir,
                                  signals=AppSignals())
        self.window = MainWindow(self.context)
        self.window.resize(*SIZE)
        self.window.show()
        self.context.store = open_store(paths.database_path(), clock=self.clock)
        self.context.signals.store_ready.emit()

    # ------------------------------------------------------------ pictures

    def settle(self) -> None:
        settle(self.app)

    def shot(self, name: str, before: Callable[[], None] | None = None) -> None:
        """Grab the window in each theme as NAME-THEME.png."""
        paths = grab_in_themes(app=self.app, window=self.window, theme=self.theme, name=name,
                               path_for=lambda t: self.out / f"{name}-{t}.png", before=before)
        self.saved += [path.name for path in paths]

    def show(self, key: ScreenKey) -> None:
        self.window.show_screen(key)
        self.settle()

    # ------------------------------------------------------------ quizzes

    def question_set(self, kinds: tuple[str, ...], count: int, seed: int, title: str) -> Any:
        from gensec_quiz.domain.questions import QuestionSet
        from gensec_quiz.generation import generate_question_set
        from gensec_quiz.i18n import current_language

        records = self.context.records()
        questions: list[Any] = []
        for kind in kinds:
            made = generate_question_set(records, types=(kind,), count=count, seed=seed,  # type: ignore[arg-type]
                                         language=current_language())
            questions.extend(made.questions)
        return QuestionSet(id=f"demo-{seed}", title=title, records=records.id,
                           questions=tuple(questions))

    def with_choices_date(self, question_set: Any) -> Any:
        """Put a multiple-choice date question last, when the generator made one."""
        from gensec_quiz.domain.questions import DateQuestion
        from gensec_quiz.generation import generate_question_set
        from gensec_quiz.i18n import current_language

        made = generate_question_set(self.context.records(), types=("date",), count=20, seed=3,
                                     language=current_language())
        choice = next((q for q in made.questions
                       if isinstance(q, DateQuestion) and q.choices), None)
        if choice is None:
            return question_set
        return replace(question_set, questions=(*question_set.questions, choice))

    def start(self, question_set: Any) -> Any:
        from gensec_quiz.application.plans import QuizPlan

        home, quiz = self.window.home, self.window.quiz
        home.start_requested.emit(QuizPlan(question_set))
        self.settle()
        return quiz if quiz.session is not None else None

    def answer(self, quiz: Any, good: bool) -> None:
        """Fill the current answer widget, right or wrong."""
        from gensec_quiz.ui.widgets.date_input import DateInputWidget
        from gensec_quiz.ui.widgets.matching import MatchingWidget
        from gensec_quiz.ui.widgets.ordering import OrderingWidget

        widget, question = quiz.answer_widget, quiz.current_question()
        if isinstance(widget, OrderingWidget):
            size = widget.list.count()
            for target in range(size if good else 0):
                widget.drag_row(widget.order().index(target), target)
            if not good or not widget.moved():
                widget.drag_row(0, size - 1)
        elif isinstance(widget, MatchingWidget):
            rights = [pair.right for pair in question.pairs]
            if not good:
                rights = rights[1:] + rights[:1]
            for row, right in enumerate(rights):
                widget.choose(row, right)
        elif isinstance(widget, DateInputWidget):
            self._answer_date(widget, question, good)

    def _answer_date(self, widget: Any, question: Any, good: bool) -> None:
        from gensec_quiz.domain.dates import PartialDate

        if widget.choices is not None:
            right = question.choices.index(question.answer)
            widget.choices.select(right if good else (right + 1) % len(question.choices))
            return
        answer = question.answer
        widget.enter(answer if good else PartialDate(answer.year + 2, answer.month,
                                                       answer.day if answer.day != 29 else 28))

    def play(self, quiz: Any, quality: float) -> None:
        """Answer every question (right with probability `quality`) to the end."""
        while quiz.session is not None:
            self.answer(quiz, self.rng.random() < quality)
            quiz.submit()
            self.clock.now += timedelta(seconds=40)
            quiz.next_question()
            self.settle()

    def history(self) -> None:
        """A demo learner with a few finished quizzes on earlier days."""
        store = self.context.store
        ada = store.add_learner("Ada Lovelace")
        store.add_learner("Boris Pasternak")
        self.context.set_learner(ada)
        for day, quality in enumerate((0.3, 0.5, 0.45, 0.7, 0.8)):
            self.clock.now = datetime(2026, 2, 20 + day * 2, 17, 0, tzinfo=UTC)
            kinds = ("ordering", "matching", "date")
            quiz = self.start(self.question_set(kinds, 2, 100 + day, "Practice"))
            if quiz is None:
                say("the quiz could not start: history skipped")
                return
            self.play(quiz, quality)
        self.clock.now = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
        store.backup("manual")

    def quiz_tour(self) -> None:
        """Each kind of question, answering and then with its feedback, then the results."""
        base = self.question_set(("ordering", "matching", "date"), 1, 42, "Every kind")
        quiz = self.start(self.with_choices_date(base))
        if quiz is None:
            say("the quiz could not start: quiz pictures skipped")
            return
        names = iter(("quiz-ordering", "quiz-matching", "quiz-date", "quiz-date-choices"))
        while quiz.session is not None:
            name = next(names, "quiz-more")
            self.answer(quiz, good=name != "quiz-matching")
            self.shot(name)
            quiz.submit()
            self.feedback_shot(name, quiz)
            quiz.next_question()
            self.settle()
        if self.window.current_key() is ScreenKey.RESULTS:
            self.shot("results")

    def feedback_shot(self, name: str, quiz: Any) -> None:
        """The question `name` after its answer, the feedback in view."""
        self.shot(f"{name}-feedback", lambda: self._scroll_to_feedback(quiz))

    def _scroll_to_feedback(self, quiz: Any) -> None:
        """Show the top of the feedback panel: the score and the marks."""
        self.settle()
        top = quiz.feedback.mapTo(quiz.scroller.widget(), quiz.feedback.rect().topLeft()).y()
        quiz.scroller.verticalScrollBar().setValue(max(0, top - 120))

    # ------------------------------------------------------------ the tour

    def run(self) -> int:
        self.setup()
        self.history()
        self.show(ScreenKey.HOME)
        self.shot("home")
        self.quiz_tour()
        self.show(ScreenKey.PROGRESS)
        self.shot("progress")
        self.show(ScreenKey.TIMELINE)
        self._timeline(self.window.timeline)
        self.show(ScreenKey.RECORDS)
        self._records(self.window.records)
        self.show(ScreenKey.SETTINGS)
        settings = self.window.settings
        for page, name in (("appearance", "settings"), ("data", "settings-backups"),
                           ("about", "about")):
            settings.show_page(page)
            self.shot(name)
        say(f"saved {len(self.saved)} pictures in {self.out}")
        if self.context.store is not None:
            self.context.store.close()
        return 0

    def _timeline(self, widget: TimelineScreen) -> None:
        widget.view.setFocus()
        widget.view.focus_record(widget.view.ordered_ids()[len(widget.view.ordered_ids()) // 2])
        self.shot("timeline")

    def _records(self, widget: RecordsScreen) -> None:
        widget.show_tab("tenures")
        tenures = widget.tabs_by_name["tenures"]
        tenures.view.selectRow(min(5, tenures.model.rowCount() - 1))
        self.shot("records")
        widget.show_tab("conflicts")
        widget.tabs_by_name["conflicts"].view.selectRow(0)
        self.shot("records-conflicts")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        say("usage: screenshots.py OUTDIR")
        return 2
    out = Path(argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="gensec-shots-") as folder:
        os.environ["GENSEC_QUIZ_DATA_DIR"] = folder
        return Shooter(out, Path(folder)).run()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
