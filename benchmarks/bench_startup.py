"""Start-up of the real app on a returning class's store, against a bare PySide6 window.

Every start runs in a fresh interpreter with Qt offscreen. The app child runs the real entry
point (the `gensec-quiz` command's function, read from pyproject.toml, with no arguments), with
no change to `src/`: a small driver, set up before the app is imported, watches it from outside
and timestamps the moments by the child's own clock (`time.time()`, so pipe buffering cannot
skew them):

- `first window`: the first Expose event of a window (the app's frame is on screen);
- `learners listed`: a visible widget paints every learner's name (an item view's rows, a
  combo box, a button or a label), seen by an event filter on the application; the driver
  only reads widgets, never builds one (no `screen_widget(...)`, which would build Home by
  hand instead of through the app's own deferred path);
- `store ready`: the app's own `AppSignals.learners_ready` has been emitted and every slot
  connected to it (Home's refresh) has run, i.e. the event loop is back and a learner can pick
  or add themselves (on the start-up's QuickStore, before the ORM; an app without that signal
  is timed at `store_ready`). If the app ever stops emitting it, the driver falls back to
  polling for a top-level widget whose `context.store` is set.
- `orm` (reported, no target): `AppSignals.store_ready`, the SQLAlchemy Store open.

The child quits only once all of them are seen (or after a time-out, which is then reported as
a failure naming the missing moment, never as nan). The bare window runs through the same
driver. Each app start gets a fresh copy of a store of 30 learners and 50,000 answers, built
through the public store API (`open_store`, `add_learner`, `start_session`, `record_answer`,
`finish_session`) and cached under `benchmarks/results/cache/` keyed by the storage code.

The judged starts are on a file the app last closed cleanly, as a learner's start follows the
app's own quit: before each, the copy is opened and closed with `open_store` in a process of its
own, which leaves the note that lets the next open skip the whole-file check
(`storage/check_note.py`; `bench_storage.py` times the first `due` the same way). Beside each,
the app also starts on a copy the app never closed (a start after a crash, a restore or a copy
of the file: the whole file is checked while Home is built), shown with its ratios, not judged.

Targets are medians of the per-start ratios to the bare window started just before it.
`quiz memory` is the peak resident memory (ru_maxrss) of a child that plays a 20-question quiz.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
CACHE = RESULTS / "cache"
MARK = "BENCH "
LEARNERS = 30
ANSWERS = 50_000
PER_SESSION = 20
TIMEOUT_S = 60.0  # the driver gives up on a moment this long after the first window
TARGETS = {"first window": 2.0, "learners listed": 4.0, "store ready": 3.0}


def learner_name(number: int) -> str:
    """Distinct names, none a part of another (so a name found in a text is that learner)."""
    return f"Bench learner {number:02d}"


DRIVER = r'''
import json, os, sys, time

def report(name, **values):
    values["at"] = time.time()  # the child's own clock
    os.write(1, ("\nBENCH " + name + " " + json.dumps(values) + "\n").encode())

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, Qt, QTimer

NAMES = json.loads(os.environ["GENSEC_BENCH_NAMES"])
WANT = json.loads(os.environ["GENSEC_BENCH_WANT"])  # which moments end the run
_Base = QtWidgets.QApplication
PAINT, EXPOSE = QEvent.Type.Paint, QEvent.Type.Expose


class Watch(QObject):
    """Timestamps the moments from outside the app: an event filter, a timer, a signal."""

    def __init__(self, app):
        super().__init__()
        self.app = app
        self.seen = set()
        self.started = None
        self.signal_hooked = False
        self.remaining = set(NAMES) if "learners" in WANT else set()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.poll)

    def mark(self, name):
        if name in self.seen:
            return
        self.seen.add(name)
        report(name)
        if set(WANT) <= self.seen:
            self.timer.stop()
            QTimer.singleShot(0, self.app.quit)

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind == PAINT:
            if self.remaining and "shown" in self.seen:
                self.painted(obj)
        elif (kind == EXPOSE and obj.isWindowType() and obj.isExposed()
                and "shown" not in self.seen):
            self.started = time.monotonic()
            self.mark("shown")
            if not set(WANT) <= self.seen:
                self.timer.start()
            if "learners" not in WANT:
                self.app.removeEventFilter(self)  # no Python call per event from here on
        return False

    def painted(self, obj):
        """A widget is painting: the learners' names it shows count as listed."""
        from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLabel
        parent = obj.parent()
        if isinstance(parent, QAbstractItemView):
            model = parent.model()
            if model is None:
                return
            root = parent.rootIndex()
            text = "\n".join(str(model.index(row, 0, root).data() or "")
                             for row in range(model.rowCount(root)))
        elif isinstance(obj, QComboBox):
            text = "\n".join(obj.itemText(row) for row in range(obj.count()))
        elif isinstance(obj, (QAbstractButton, QLabel)):
            text = obj.text()
        else:
            return
        self.remaining -= {name for name in self.remaining if name in text}
        if not self.remaining:
            self.app.removeEventFilter(self)
            self.mark("learners")

    def store_signal(self):
        # Slots connected after ours (Home's refresh) run before this timer fires.
        QTimer.singleShot(0, lambda: self.mark("store"))

    def orm_signal(self):
        QTimer.singleShot(0, lambda: self.mark("orm"))

    def poll(self):
        if "store" in WANT and not self.signal_hooked and "store" not in self.seen:
            if store_open():
                self.mark("store")
        if time.monotonic() - self.started > TIMEOUT_S and not set(WANT) <= self.seen:
            report("timeout", missing=sorted(set(WANT) - self.seen))
            self.timer.stop()
            self.app.quit()


def store_open():
    for top in QtWidgets.QApplication.topLevelWidgets():
        context = getattr(top, "context", None)
        if getattr(context, "store", None) is not None:
            return True
    return False


class BenchApplication(_Base):
    """The app's own QApplication, with the watch installed the moment it exists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bench_watch = Watch(self)
        self.installEventFilter(self._bench_watch)
        WATCHES.append(self._bench_watch)


WATCHES = []
QtWidgets.QApplication = BenchApplication


def hook_store_signal():
    """Connect to every AppSignals.store_ready the app makes (the class is patched, not src)."""
    try:
        import gensec_quiz.ui.context as context_module
    except ImportError:
        return
    signals = getattr(context_module, "AppSignals", None)
    if signals is None or not hasattr(signals, "store_ready"):
        return
    original = signals.__init__
    # A learner can pick or add themselves once `learners_ready` is emitted (on the start-up's
    # QuickStore); an app without that signal lets them only once the Store is open.
    learners = "learners_ready" if hasattr(signals, "learners_ready") else "store_ready"

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        for watch in WATCHES:
            watch.signal_hooked = True
            getattr(self, learners).connect(watch.store_signal)
            self.store_ready.connect(watch.orm_signal)

    signals.__init__ = __init__
'''.replace("TIMEOUT_S", repr(TIMEOUT_S))

BARE = DRIVER + r'''
from PySide6.QtWidgets import QMainWindow
app = QtWidgets.QApplication([])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1024, 700)
window.show()
app.exec()
'''

APP = DRIVER + r'''
hook_store_signal()
import importlib
module, _, function = os.environ["GENSEC_BENCH_ENTRY"].partition(":")
sys.argv = ["gensec-quiz"]  # as the command starts with no arguments: the app opens
status = getattr(importlib.import_module(module), function)()
if not WATCHES:
    sys.stderr.write("the entry point returned without making a QApplication (no window)\n")
    sys.exit(4)
if "timeout" in WATCHES[0].seen or not set(WANT) <= WATCHES[0].seen:
    sys.exit(3)
sys.exit(status)
'''

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
print("BENCH quiz " + json.dumps({"answered": answered, "in_quiz": len(questions.questions),
                                  "rss_mb": peak_kb / 1024}), flush=True)
context.store.close()
"""


def _env(data_dir: Path, want: list[str]) -> dict[str, str]:
    env = dict(os.environ)
    # As on a learner's machine, compiled bytecode is cached between starts (some shells here
    # set PYTHONDONTWRITEBYTECODE, which would make every start compile the app from source);
    # the cache, the font cache and Qt's settings stay under benchmarks/results/.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    env["XDG_CACHE_HOME"] = str(CACHE / "xdg-cache")
    env["XDG_CONFIG_HOME"] = str(data_dir / "config")
    env["XDG_DATA_HOME"] = str(data_dir / "share")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["GENSEC_QUIZ_DATA_DIR"] = str(data_dir)
    env["GENSEC_BENCH_NAMES"] = json.dumps([learner_name(n) for n in range(1, LEARNERS + 1)])
    env["GENSEC_BENCH_WANT"] = json.dumps(want)
    env["GENSEC_BENCH_ENTRY"] = entry_point()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                      env.get("PYTHONPATH", "")]))
    return env


def entry_point() -> str:
    """`module:function` of the `gensec-quiz` command, read from pyproject.toml (the truth)."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        scripts = tomllib.load(file)["project"]["scripts"]
    return str(scripts["gensec-quiz"])


def _spawn(code: str, data_dir: Path, want: list[str]) -> dict[str, tuple[float, dict[str, Any]]]:
    """Run `code` in a fresh interpreter; each BENCH line's seconds since the spawn."""
    env = _env(data_dir, want)
    start = time.time()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        out, errors = process.communicate(timeout=TIMEOUT_S + 120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise RuntimeError(
            f"a start-up child ran over {TIMEOUT_S + 120:.0f} s and was killed") from None
    marks: dict[str, tuple[float, dict[str, Any]]] = {}
    for line in out.splitlines():
        if line.startswith(MARK):
            name, _, values = line[len(MARK):].partition(" ")
            data = json.loads(values or "{}")
            marks[name] = (float(data.get("at", start)) - start, data)
    if "timeout" in marks:
        missing = ", ".join(marks["timeout"][1].get("missing", []))
        raise RuntimeError(f"the app never reached: {missing} ({TIMEOUT_S:.0f} s after its "
                           f"first window); stderr: {errors[-1500:]}")
    if process.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({process.returncode}): {errors[-2000:]}")
    missing = [name for name in want if name not in marks]
    if missing:
        raise RuntimeError(f"the child ended without reporting {', '.join(missing)}")
    return marks


def _store_key() -> str:
    """The storage code and the store's shape: a change to either builds a new store."""
    digest = hashlib.sha256(f"{LEARNERS}/{ANSWERS}/{PER_SESSION}/v1".encode())
    for path in sorted((ROOT / "src" / "gensec_quiz" / "storage").rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_store(folder: Path) -> None:
    """30 learners and 50,000 answers over a school year, through the public store API."""
    from gensec_quiz.domain.dates import PartialDate
    from gensec_quiz.domain.grading import Grade
    from gensec_quiz.domain.questions import (
        BasisRef,
        DateResponse,
        MatchingResponse,
        OrderingResponse,
    )
    from gensec_quiz.domain.session import Answer, Mode
    from gensec_quiz.storage import open_store

    moment = [datetime(2025, 9, 1, 8, 0, tzinfo=UTC)]

    def clock() -> datetime:
        moment[0] += timedelta(seconds=20)
        return moment[0]

    responses: dict[str, Any] = {"ordering": OrderingResponse((2, 0, 1)),
                                 "matching": MatchingResponse(("1953", None)),
                                 "date": DateResponse(PartialDate(1953))}
    kinds = tuple(responses)
    store = open_store(folder / "gensec-quiz.sqlite3", clock=clock)
    try:
        learners = [store.add_learner(learner_name(n)) for n in range(1, LEARNERS + 1)]
        for number in range(ANSWERS // PER_SESSION):
            session = store.start_session(learner_id=learners[number % LEARNERS],
                                          question_set_id=f"set-{number % 6}",
                                          title=f"Quiz {number % 6}", mode=Mode.PRACTICE,
                                          question_count=PER_SESSION)
            for question in range(PER_SESSION):
                kind = kinds[question % len(kinds)]
                score = ((number + question) % 5) / 4
                grade = Grade(score=score, points=score, out_of=1.0, marks=(), summary="")
                answer = Answer(f"q{question}", kind, responses[kind], grade, 7.5, clock())
                store.record_answer(session, answer, (BasisRef(f"tenure-{question}", "start"),
                                                      BasisRef(f"tenure-{question + 1}", "end")))
            store.finish_session(session)
            if number % LEARNERS == LEARNERS - 1:
                moment[0] += timedelta(hours=20)  # the next lesson
    finally:
        store.close()


def cached_store() -> tuple[Path, str]:
    """The store's data folder (built when the storage code changed) and how it came."""
    folder = CACHE / f"startup-store-{_store_key()}"
    if (folder / "gensec-quiz.sqlite3").is_file():
        return folder, "cached"
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in (*CACHE.glob("startup-store-*"), *CACHE.glob("building-*")):
        shutil.rmtree(stale, ignore_errors=True)  # older storage code, or a build cut short
    began = time.perf_counter()
    building = Path(tempfile.mkdtemp(prefix="building-", dir=CACHE))
    build_store(building)
    shutil.rmtree(building / "backups", ignore_errors=True)
    building.rename(folder)
    return folder, f"built in {time.perf_counter() - began:.0f} s"


def _fresh_copy(store: Path, into: Path) -> Path:
    """A data folder holding a copy of the store's files. The copy is another file than the one
    the store's note of a clean close describes, so its first open checks it whole."""
    folder = Path(tempfile.mkdtemp(prefix="start-", dir=into))
    for file in store.iterdir():
        if file.is_file():
            shutil.copy2(file, folder / file.name)
    return folder


def _closed_by_the_app(folder: Path) -> Path:
    """`folder` after the app opened and closed its store, in a process of its own (as when a
    learner quits the app): the next open trusts the note of that clean close."""
    code = ("import sys; from gensec_quiz.storage import open_store; "
            "open_store(sys.argv[1], backups_dir=sys.argv[2]).close()")
    env = _env(folder, [])
    subprocess.run([sys.executable, "-c", code, str(folder / "gensec-quiz.sqlite3"),
                    str(folder / "backups")], check=True, env=env, cwd=ROOT,
                   timeout=TIMEOUT_S + 120)
    return folder


def _row(metric: str, value: float, unit: str, target: str = "",
         ok: bool | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"benchmark": "startup", "metric": metric, "value": value,
                           "unit": unit}
    if target:
        row["target"] = target
        row["ok"] = bool(ok)
    return row


def _quiz_rows() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="quiz-") as folder:
        try:
            quiz = _spawn(QUIZ, Path(folder), ["quiz"])["quiz"][1]
        except RuntimeError as error:
            return [{"benchmark": "startup", "metric": "20-question quiz played",
                     "value": "error", "unit": "", "target": "runs", "ok": False,
                     "note": str(error)[:300]}]
    # Judged: the play-through answered every question the quiz had. How many the records
    # give for 20 asked is the question rules' business (shown in the metric), not speed's.
    made = int(quiz.get("in_quiz", 20))
    return [
        _row(f"questions answered (of the {made} made for 20 asked)", float(quiz["answered"]),
             "", f"== {made}", quiz["answered"] == made),
        _row("peak RSS, 20-question quiz", quiz["rss_mb"], "MB", "<= 200",
             quiz["rss_mb"] <= 200),
    ]


def run(quick: bool) -> list[dict[str, Any]]:
    runs = 3 if quick else 7
    store, how = cached_store()
    moments = ("shown", "learners", "store", "orm")
    seconds: dict[str, list[float]] = {"bare": [], **{m: [] for m in moments}}
    ratios: dict[str, list[float]] = {m: [] for m in moments}
    copied: dict[str, list[float]] = {m: [] for m in moments[:3]}  # whole check, not judged
    with tempfile.TemporaryDirectory(prefix="startup-") as temp:
        scratch = Path(temp)
        # warm-up: bytecode and font caches, as after an install
        _spawn(BARE, _fresh_copy(store, scratch), ["shown"])
        _spawn(APP, _closed_by_the_app(_fresh_copy(store, scratch)), list(moments))
        for _ in range(runs):  # interleaved, so that machine load moves both alike
            closed = _closed_by_the_app(_fresh_copy(store, scratch))
            bare = _spawn(BARE, _fresh_copy(store, scratch), ["shown"])["shown"][0]
            marks = _spawn(APP, closed, list(moments))
            seconds["bare"].append(bare)
            for moment in moments:
                seconds[moment].append(marks[moment][0])
                ratios[moment].append(marks[moment][0] / bare)
            marks = _spawn(APP, _fresh_copy(store, scratch), list(copied))
            for moment in copied:
                copied[moment].append(marks[moment][0] / bare)
    median = {name: statistics.median(values) for name, values in seconds.items()}
    rows = [
        _row(f"store: {LEARNERS} learners, {ANSWERS:,} answers ({how})", float(runs),
             "starts"),
        _row("bare PySide6 window (median)", median["bare"], "s"),
    ]
    for moment, label in zip(moments[:3], TARGETS, strict=True):
        ratio, limit = statistics.median(ratios[moment]), TARGETS[label]
        rows.append(_row(f"{label} (median)", median[moment], "s"))
        rows.append(_row(f"{label} / bare", ratio, "x", f"<= {limit:g}", ratio <= limit))
    rows.append(_row("ORM Store open, store_ready (median; no target)", median["orm"], "s"))
    rows.append(_row("ORM Store open / bare (no target)", statistics.median(ratios["orm"]),
                     "x"))
    for moment, label in zip(copied, TARGETS, strict=True):
        rows.append(_row(f"{label} / bare, file not closed by the app (whole check; shown)",
                         statistics.median(copied[moment]), "x"))
    return rows + _quiz_rows()


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(result)
