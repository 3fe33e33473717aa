"""Save each teacher screen, light and dark, at 1024x700: `teacher_screenshots.py OUTDIR`.

The real main window runs on a temporary data folder: the teacher imports the British monarchs
CSV files from tests/data/teacher, builds and saves a 15-question set, two learners' sessions on
it are recorded through the store, and each teacher tab is grabbed as `teacher-NAME-THEME.png`
(reduced to 128 colours with ImageMagick's `convert` when it is installed). The Teacher PIN
dialog comes first (`teacher-pin-first-THEME.png` on the first visit, then
`teacher-pin-THEME.png`), and a learner's locked exam last
(`teacher-exam-THEME.png`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shots import SIZE, grab_in_themes, settle

from gensec_quiz.ui.main_window import ScreenKey

if TYPE_CHECKING:
    from gensec_quiz.ui.teacher.area import TeacherArea

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "teacher"
PIN = "4821"


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


def shrink(path: Path) -> None:
    """128 colours, no dithering: a third of the size, text still crisp (needs ImageMagick)."""
    convert = shutil.which("convert")
    if convert is not None:
        done = subprocess.run([convert, str(path), "-dither", "None", "-colors", "128",
                               f"PNG8:{path}"], check=False, capture_output=True)
        if done.returncode != 0:  # a convert that is not ImageMagick's: the PNG stays whole
            print(f"{path.name}: not reduced ({convert} failed)", file=sys.stderr)


class Shooter:
    """Drives the real window through the teacher area and saves the pictures."""

    def __init__(self, out: Path, data_dir: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from gensec_quiz.ui import theme

        self.out, self.clock, self.theme = out, FakeClock(), theme
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        theme.apply_theme(self.app, "light", theme.DEFAULT_TEXT_SIZE)  # before any widget
        self._script_dialogs(out)
        from gensec_quiz import paths
        from gensec_quiz.storage import open_store
        from gensec_quiz.ui.context import AppContext, AppSignals
        from gensec_quiz.ui.main_window import MainWindow

        self.context = AppContext(clock=self.clock, seed=7, data_dir=data_dir,
                                  signals=AppSignals())
        self.window = MainWindow(self.context)
        self.window.resize(*SIZE)
        self.window.show()
        self.context.store = open_store(paths.database_path(), clock=self.clock)
        self.context.signals.store_ready.emit()
        self.area = self.window.teacher

    def _script_dialogs(self, out: Path) -> None:
        """A script cannot click a dialog: each one answers as a teacher would."""
        from gensec_quiz.ui.dialogs.confirm import ConfirmDialog
        from gensec_quiz.ui.teacher import dialogs

        self.csv_files = [DATA / "monarchs.csv", DATA / "royal_events.csv"]
        dialogs.OpenCsvFiles.ask = classmethod(  # type: ignore[method-assign]
            lambda cls, parent: list(self.csv_files))
        dialogs.SaveFileAs.ask = classmethod(  # type: ignore[method-assign]
            lambda cls, parent, **kw: Path(tempfile.mkdtemp()) / kw["suggested"].name)
        ConfirmDialog.ask = classmethod(lambda cls, *a, **kw: True)  # type: ignore[method-assign]

    def settle(self) -> None:
        settle(self.app)

    def shot(self, name: str, before: Callable[[], None] | None = None) -> None:
        paths = grab_in_themes(app=self.app, window=self.window, theme=self.theme, name=name,
                               path_for=lambda t: self.out / f"teacher-{name}-{t}.png",
                               before=before)
        for path in paths:
            shrink(path)

    def tab(self, key: str) -> TeacherArea:
        access = self.context.teacher_access
        if not access.is_open():  # the made-up sessions moved the clock past the idle minutes
            access.unlock(PIN)
        self.window.show_screen(ScreenKey.TEACHER)
        self.area.show_tab(key)
        self.settle()
        return self.area

    # ------------------------------------------------------------ the lesson

    def pin(self) -> None:
        """A PIN set by the technician; the teacher types it in the "Teacher PIN" dialog."""
        from gensec_quiz.application.teacher_pin import TeacherPin

        self.window.show_screen(ScreenKey.TEACHER)  # the first visit: set one, or go on without
        first = self.window.pin_dialog
        assert first is not None and first.isVisible()
        for theme_name in ("light", "dark"):
            self.theme.apply_theme(self.app, theme_name, self.theme.DEFAULT_TEXT_SIZE)
            self.settle()
            path = self.out / f"teacher-pin-first-{theme_name}.png"
            first.grab().save(str(path))
            shrink(path)
        first.reject()
        self.settle()
        TeacherPin.in_folder(self.context.data_dir, self.clock).set(PIN)
        self.window.show_screen(ScreenKey.TEACHER)
        dialog = self.window.pin_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.pin_edit.setText("0000")
        dialog.confirm()  # a wrong try first: the dialog says so
        dialog.pin_edit.setText(PIN)
        for theme_name in ("light", "dark"):
            self.theme.apply_theme(self.app, theme_name, self.theme.DEFAULT_TEXT_SIZE)
            self.settle()
            path = self.out / f"teacher-pin-{theme_name}.png"
            dialog.grab().save(str(path))
            shrink(path)
        dialog.confirm()
        self.settle()

    def exam(self) -> None:
        """A learner on the locked set: the exam with its large timer, and nothing else open."""
        store = self.context.store
        assert store is not None
        anna = next(i.id for i in store.learners() if i.name == "Anna")
        self.window.switch_learner()
        self.context.set_learner(anna)
        home = self.window.home
        row = next(r for r in range(home.sets.count()) if "lesson 1" in home.sets.item(r).text())
        home.sets.setCurrentRow(row)
        home.start()
        self.clock.now += timedelta(minutes=17)
        self.window.quiz.tick()
        self.shot("exam")
        self.navigator_and_summary()

    def records(self) -> None:
        screen = self.tab("records").records
        self.csv_files = [DATA / "bad" / "monarchs.csv", DATA / "bad" / "royal_events.csv"]
        screen.import_files()
        self.shot("records-problems")
        self.csv_files = [DATA / "monarchs.csv", DATA / "royal_events.csv"]
        screen.import_title.setText("British monarchs")
        screen.import_files()
        tenures = screen.view.tabs_by_name["tenures"]
        self.shot("records", lambda: tenures.view.selectRow(3))

    def build(self) -> Any:
        builder = self.tab("build").builder
        builder.options.count.setValue(15)
        builder.options.seed.setValue(3)
        builder.generate()
        builder.title_edit.setText("British monarchs, lesson 1")
        kinds = [q.type for q in builder.draft.questions]
        self.shot("build", lambda: builder.question_list.setCurrentRow(kinds.index("ordering")))
        self.shot("build-matching",
                  lambda: builder.question_list.setCurrentRow(kinds.index("matching")))
        builder.save()
        builder.export_gift()
        return builder.question_set()

    def sessions(self, question_set: Any) -> None:
        from gensec_quiz.domain.grading import Grade
        from gensec_quiz.domain.questions import DateResponse
        from gensec_quiz.domain.session import Answer, Mode

        store = self.context.store
        assert store is not None
        for name, good in (("Anna", 1.0), ("Ben", 0.4), ('=HYPERLINK("x")', 0.7)):
            learner = store.add_learner(name)
            session = store.start_session(learner_id=learner, question_set_id=question_set.id,
                                          title=question_set.title, mode=Mode.EXAM,
                                          question_count=len(question_set.questions))
            for number, question in enumerate(question_set.questions):
                self.clock.now += timedelta(seconds=40)
                score = 1.0 if (number * good) % 1 < good else 0.0
                # a made-up score for the screenshot: graded as it is, not from a response
                grade = Grade(score=score, points=score, out_of=1.0, marks=(), summary="")
                answer = Answer(question.id, question.type, DateResponse(None), grade, 40.0,
                                self.clock.now)
                store.record_answer(session, answer, question.basis)
            store.finish_session(session)
        self.context.signals.data_changed.emit()

    def results(self, question_set: Any) -> None:
        results = self.tab("results").results
        results.refresh()
        results.choose_set(question_set.id)
        self.shot("results", lambda: results.show_tab("learners"))
        self.shot("results-questions", lambda: results.show_tab("questions"))
        self.shot("results-facts", lambda: results.show_tab("facts"))

    def learners_and_classroom(self) -> None:
        learners = self.tab("learners").learners
        self.shot("learners", lambda: learners.table.view.selectRow(1))
        classroom = self.tab("classroom").classroom
        classroom.sets.setCurrentRow(0)
        classroom.limit_box.setChecked(True)
        classroom.attempts.setValue(2)
        classroom.lock_current()
        self.shot("classroom")
        self.window.show_screen(ScreenKey.HOME)
        home = self.window.home
        row = next(r for r in range(home.sets.count()) if "lesson 1" in home.sets.item(r).text())
        self.shot("home-locked", lambda: home.sets.setCurrentRow(row))


    def navigator_and_summary(self) -> None:
        """The exam's navigator (two questions answered, one flagged) and its summary page:
        `exam-navigator-THEME.png`, `exam-summary-THEME.png`."""
        from gensec_quiz.domain.questions import (
            DateQuestion,
            DateResponse,
            MatchingQuestion,
            MatchingResponse,
            OrderingResponse,
        )

        quiz = self.window.quiz
        run = quiz.run
        assert run is not None
        for index in (0, 1):
            question = run.session.questions[index]
            if isinstance(question, DateQuestion):
                response: Any = DateResponse(question.answer)
            elif isinstance(question, MatchingQuestion):
                response = MatchingResponse(tuple(pair.right for pair in question.pairs))
            else:
                response = OrderingResponse(tuple(range(len(question.items))))
            quiz.go_to_question(index)
            run.submit(response)
        quiz.go_to_question(3)
        quiz.navigator.flag_button.setChecked(True)
        quiz.go_to_question(2)
        for name in ("navigator", "summary"):
            paths = grab_in_themes(app=self.app, window=self.window, theme=self.theme,
                                   name=f"exam-{name}",
                                   path_for=lambda t, n=name: self.out / f"exam-{n}-{t}.png")
            for path in paths:
                shrink(path)
            quiz.show_exam_summary()


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["GENSEC_QUIZ_DATA_DIR"] = folder
        shooter = Shooter(out, Path(folder))
        shooter.pin()
        shooter.records()
        question_set = shooter.build()
        shooter.sessions(question_set)
        shooter.results(question_set)
        shooter.learners_and_classroom()
        shooter.exam()
        assert shooter.context.store is not None
        shooter.context.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
