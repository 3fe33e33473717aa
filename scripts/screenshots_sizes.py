"""Save the main screens at the sizes learners have, in every theme:
`screenshots_sizes.py OUTDIR [SCREEN ...]`.

Three screens and text sizes (800x600 at 11 pt and at 16 pt, 1280x800 at 24 pt) times three
themes (light, dark, high contrast), for Home, a question of each kind (an ordering, a matching
of several pairs, a multiple choice on a name, a typed year and a year among choices), the
feedback of a partly right ordering, of a partly right matching and of a year one off, the
results (right, partly right and wrong), progress, timeline, records, every Settings page and
every tab of the Teacher area: files named `SCREEN-WxH-SIZEpt-THEME.png`. The real window runs
on a temporary data folder, with the demo history of screenshots.py. Naming screens keeps only
those.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from screenshots import Shooter, say
from shots import settle

from gensec_quiz.ui.main_window import ScreenKey

CASES = ((800, 600, 11), (800, 600, 16), (1280, 800, 24))
THEMES = ("light", "dark", "contrast")


class SizeShooter(Shooter):
    """The demo window of screenshots.py, grabbed at each size, text size and theme."""

    def __init__(self, out: Path, data_dir: Path, wanted: set[str]) -> None:
        super().__init__(out, data_dir)
        self.wanted = wanted
        self.too_big: list[str] = []

    def shot(self, name: str, before: Callable[[], None] | None = None) -> None:
        if self.wanted and name not in self.wanted:
            return
        for width, height, size in CASES:
            for theme_name in THEMES:
                self._choose(theme_name, size)
                settle(self.app)  # the minimum sizes of the new text size, then the size
                self.window.resize(width, height)
                settle(self.app)
                if before is not None:
                    before()
                    settle(self.app)
                if (self.window.width(), self.window.height()) != (width, height):
                    self.too_big.append(f"{name} at {width}x{height}, {size} pt: the window "
                                        f"stays {self.window.width()}x{self.window.height()}")
                path = self.out / f"{name}-{width}x{height}-{size}pt-{theme_name}.png"
                self.window.grab().save(str(path))
                self.saved.append(path.name)

    def _choose(self, theme_name: str, size: int) -> None:
        """The theme and text size, applied and saved as Settings would (its page shows them)."""
        settings = self.theme.open_settings(self.data_dir)
        settings.setValue(self.theme.THEME_KEY, theme_name)
        settings.setValue(self.theme.TEXT_SIZE_KEY, size)
        settings.sync()
        self.theme.apply_theme(self.app, theme_name, size)
        if self.window.is_built(ScreenKey.SETTINGS):
            self.window.settings.appearance.load()

    def feedback_shot(self, name: str, quiz: Any) -> None:
        """The feedback of the answers that are partly right (see `tour_answer`)."""
        if name in ("quiz-ordering", "quiz-matching", "quiz-date"):
            self.shot(f"{name}-feedback", lambda: self._scroll_to_feedback(quiz))

    def tour_set(self) -> Any:
        """One question of each kind and form: an ordering, a matching of several pairs, a
        multiple choice on a name (a one-pair matching), a typed year, a year among choices."""
        from gensec_quiz.domain.questions import (
            DateQuestion,
            MatchingQuestion,
            OrderingQuestion,
            QuestionSet,
        )
        from gensec_quiz.generation import generate_question_set
        from gensec_quiz.i18n import current_language

        records, language = self.context.records(), current_language()
        made = (*generate_question_set(records, types=("ordering", "matching", "date"),
                                       count=40, seed=42, language=language).questions,
                *generate_question_set(records, types=("date",), count=20, seed=3, difficulty=1,
                                       language=language).questions)
        wanted = (
            lambda q: isinstance(q, OrderingQuestion) and len(q.items) >= 4,
            lambda q: isinstance(q, MatchingQuestion) and len(q.pairs) >= 3,
            lambda q: isinstance(q, MatchingQuestion) and len(q.pairs) == 1,
            lambda q: isinstance(q, DateQuestion) and not q.choices and q.precision == "year",
            lambda q: isinstance(q, DateQuestion) and bool(q.choices),
        )
        chosen = [found for test in wanted
                  if (found := next((q for q in made if test(q)), None)) is not None]
        if len(chosen) < len(wanted):
            say(f"the generator made {len(chosen)} of the {len(wanted)} kinds of question")
        return QuestionSet(id="demo-tour", title="Every kind", records=self.context.records().id,
                           questions=tuple(chosen))

    def tour_answer(self, quiz: Any, name: str) -> None:
        """Partly right where a partial score exists (two neighbours swapped, two pairs
        crossed, a year one off), right otherwise."""
        from gensec_quiz.domain.dates import PartialDate
        from gensec_quiz.ui.widgets.date_input import DateInputWidget
        from gensec_quiz.ui.widgets.matching import MatchingWidget
        from gensec_quiz.ui.widgets.ordering import OrderingWidget

        widget, question = quiz.answer_widget, quiz.current_question()
        if isinstance(widget, OrderingWidget):
            for target in range(widget.list.count()):
                widget.drag_row(widget.order().index(target), target)
            widget.drag_row(1, 0)
        elif isinstance(widget, MatchingWidget):
            rights = [pair.right for pair in question.pairs]
            if len(rights) > 2:
                rights[0], rights[1] = rights[1], rights[0]
            for row, right in enumerate(rights):
                widget.choose(row, right)
        elif isinstance(widget, DateInputWidget) and widget.choices is None:
            widget.enter(PartialDate(question.answer.year - 1))
        else:
            self.answer(quiz, good=True)

    def quiz_tour(self) -> None:
        quiz = self.start(self.tour_set())
        if quiz is None:
            say("the quiz could not start: quiz pictures skipped")
            return
        names = iter(("quiz-ordering", "quiz-matching", "quiz-choice", "quiz-date",
                      "quiz-date-choices"))
        while quiz.session is not None:
            name = next(names, "quiz-more")
            self.tour_answer(quiz, name)
            self.shot(name)
            quiz.submit()
            self.feedback_shot(name, quiz)
            quiz.next_question()
            self.settle()
        if self.window.current_key() is ScreenKey.RESULTS:
            self.shot("results")

    def run(self) -> int:
        self.setup()
        self.history()
        self.show(ScreenKey.HOME)
        self.shot("home")
        self.quiz_tour()
        for key in (ScreenKey.PROGRESS, ScreenKey.TIMELINE, ScreenKey.RECORDS):
            self.show(key)
            self.shot(key.value)
        self.show(ScreenKey.SETTINGS)
        for page, name in (("appearance", "settings"), ("data", "settings-backups"),
                           ("server", "settings-server"), ("about", "about")):
            self.window.settings.show_page(page)
            self.shot(name)
        self._teacher()
        self.theme.apply_theme(self.app, "light", self.theme.DEFAULT_TEXT_SIZE)
        say(f"saved {len(self.saved)} pictures in {self.out}")
        for line in self.too_big:
            say(line)
        if self.context.store is not None:
            self.context.store.close()
        return 1 if self.too_big else 0

    def _teacher(self) -> None:
        access: Any = self.context.teacher_access
        if not access.go_on_without_pin():
            say("the teacher area is behind a PIN: its picture is skipped")
            return
        self.show(ScreenKey.TEACHER)
        self.window.teacher.show_tab("build")
        self.window.teacher.builder.generate()
        self.settle()
        self.shot("teacher-build")
        for tab in ("records", "results", "learners", "classroom"):
            self.window.teacher.show_tab(tab)
            self.settle()
            self.shot(f"teacher-{tab}")


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        say("usage: screenshots_sizes.py OUTDIR [SCREEN ...]")
        return 2
    out = Path(argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="gensec-shots-") as folder:
        os.environ["GENSEC_QUIZ_DATA_DIR"] = folder
        return SizeShooter(out, Path(folder), set(argv[2:])).run()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
