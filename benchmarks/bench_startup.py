"""Start-up and memory of the app, each run in a fresh interpreter with Qt offscreen.

- `bare window`: a bare PySide6 QMainWindow, from process start to its first Expose event;
- `first window`: `gensec_quiz.app.run_app`, from process start to the first Expose event of
  its main window (the event filter is installed through `make_application`, no app change);
- `learners listed`: until the Home screen's learner list shows the learners of a database
  made beforehand (the store opens after the window shows);
- `quiz memory`: the peak resident memory (ru_maxrss) of a process that plays a 20-question
  quiz through the real Quiz screen and its answer widgets.

Times are medians of several runs; targets are ratios to the bare window of the same run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARK = "BENCH "

WATCH = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

def report(name, **values):
    values["at"] = time.time()  # the child's own clock: pipe buffering cannot skew it
    print("BENCH " + name + " " + json.dumps(values), flush=True)

class Watch(QObject):
    def __init__(self, learners):
        super().__init__()
        self.shown = False
        self.learners = learners
    def eventFilter(self, obj, event):
        if not self.shown and event.type() == QEvent.Type.Expose and obj.isWindowType():
            self.shown = True
            report("shown")
            if self.learners:
                self.poll()
            else:
                QTimer.singleShot(0, QApplication.quit)
        return False
    def poll(self):
        for widget in QApplication.topLevelWidgets():
            home = getattr(widget, "screen_widget", lambda key: None)("home")
            if home is not None and home.learners.count() >= self.learners:
                report("learners")
                QApplication.quit()
                return
        QTimer.singleShot(2, self.poll)
"""

BARE = "import json\n" + WATCH + """
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
watch = Watch(0)
app.installEventFilter(watch)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1024, 700)
window.show()
app.exec()
"""

APP = "import json\n" + WATCH + """
import gensec_quiz.app as app_module
_make = app_module.make_application
def make_application(argv=None):
    app = _make(argv)
    app._bench_watch = Watch(LEARNERS)
    app.installEventFilter(app._bench_watch)
    return app
app_module.make_application = make_application
_open = app_module.StoreOpener.open
def open_store(self):
    report("store")
    _open(self)
app_module.StoreOpener.open = open_store
app_module.run_app(["gensec-quiz"])
"""

QUIZ = """
import json, random, resource
from datetime import UTC, datetime
from PySide6.QtWidgets import QApplication
from gensec_quiz import paths
from gensec_quiz.app import build_main_window, make_application
from gensec_quiz.generation import generate_question_set
from gensec_quiz.storage import open_store
from gensec_quiz.ui.context import AppContext, AppSignals
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog
from gensec_quiz.application.plans import QuizPlan

ConfirmDialog.ask = classmethod(lambda cls, *a, **k: True)
app = make_application(["bench"])
clock = lambda: datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
context = AppContext(clock=clock, seed=1, data_dir=paths.data_dir(), signals=AppSignals())
window, _opener = build_main_window(context)
window.resize(1024, 700)
window.show()
context.store = open_store(paths.database_path(), clock=clock)
context.signals.store_ready.emit()
context.set_learner(context.store.add_learner("Bench"))
questions = generate_question_set(context.records(), count=20, seed=11)
quiz = window.screen_widget("quiz")
window.screen_widget("home").start_requested.emit(QuizPlan(questions))
app.processEvents()
answered = 0
while quiz.session is not None:
    widget, question = quiz.answer_widget, quiz.current_question()
    if hasattr(widget, "drag_row"):
        widget.drag_row(0, widget.list.count() - 1)
    elif hasattr(widget, "combos"):
        for row, pair in enumerate(question.pairs):
            widget.choose(row, pair.right)
    elif getattr(widget, "choices", None) is not None:
        widget.choices.select(0)
    else:
        widget.enter(question.answer)
    quiz.submit()
    quiz.next_question()
    answered += 1
    app.processEvents()
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("BENCH quiz " + json.dumps({"answered": answered, "rss_mb": peak_kb / 1024}), flush=True)
context.store.close()
"""


_PYCACHE = Path(tempfile.gettempdir()) / "gensec-quiz-bench-pycache"


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # As on a learner's machine, compiled bytecode is cached between starts (some shells here
    # set PYTHONDONTWRITEBYTECODE, which would make every start compile the app from source);
    # the cache lives outside the tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["GENSEC_QUIZ_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                      env.get("PYTHONPATH", "")]))
    return env


def _spawn(code: str, data_dir: Path) -> dict[str, tuple[float, dict[str, Any]]]:
    """Run `code` in a fresh interpreter; each BENCH line's seconds since the spawn."""
    start = time.time()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=_env(data_dir), cwd=ROOT)
    marks: dict[str, tuple[float, dict[str, Any]]] = {}
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(MARK):
            name, _, values = line[len(MARK):].partition(" ")
            data = json.loads(values or "{}")
            marks[name] = (float(data.get("at", time.time())) - start, data)
    _, errors = process.communicate(timeout=300)
    if process.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({process.returncode}): {errors[-2000:]}")
    return marks


def _prepare(data_dir: Path, learners: int) -> None:
    """A database with some learners, as a returning user has."""
    code = (
        "from gensec_quiz import paths\nfrom gensec_quiz.storage import open_store\n"
        "store = open_store(paths.database_path())\n"
        f"for n in range({learners}):\n    store.add_learner(f'Learner {{n}}')\n"
        "store.close()\n")
    subprocess.run([sys.executable, "-c", code], env=_env(data_dir), cwd=ROOT, check=True,
                   capture_output=True, timeout=300)


def _row(metric: str, value: float, unit: str, target: str = "",
         ok: bool | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"benchmark": "startup", "metric": metric, "value": value,
                           "unit": unit}
    if target:
        row["target"] = target
        row["ok"] = bool(ok)
    return row


def run(quick: bool) -> list[dict[str, Any]]:
    runs = 3 if quick else 7
    learners = 3
    bare, first, listed, store = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="gensec-bench-") as folder:
        data_dir = Path(folder)
        _prepare(data_dir, learners)
        app_code = APP.replace("LEARNERS", str(learners))
        _spawn(BARE, data_dir)  # warm-up: bytecode cache and disk cache, as after an install
        _spawn(app_code, data_dir)
        for _ in range(runs):  # interleaved, so that machine load moves both alike
            bare.append(_spawn(BARE, data_dir)["shown"][0])
            marks = _spawn(app_code, data_dir)
            first.append(marks["shown"][0])
            listed.append(marks["learners"][0])
            store.append(marks["store"][0] if "store" in marks else float("nan"))
        with tempfile.TemporaryDirectory(prefix="gensec-bench-quiz-") as quiz_folder:
            quiz = _spawn(QUIZ, Path(quiz_folder))["quiz"][1]
    base = statistics.median(bare)
    shown, home = statistics.median(first), statistics.median(listed)
    return [
        _row("bare window (median)", base, "s"),
        _row("first window (median)", shown, "s"),
        _row("store opening starts (median)", statistics.median(store), "s"),
        _row("first window / bare", shown / base, "x", "<= 2.0", shown / base <= 2.0),
        _row("learners listed (median)", home, "s"),
        _row("learners listed / bare", home / base, "x", "<= 4.0", home / base <= 4.0),
        _row("questions answered", float(quiz["answered"]), "", ">= 20",
             quiz["answered"] >= 20),
        _row("peak RSS, 20-question quiz", quiz["rss_mb"], "MB", "<= 200",
             quiz["rss_mb"] <= 200),
    ]


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(result)
