"""Start-up: the window first, then the database, so the learner sees something at once."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gensec_quiz import __version__, i18n, paths
from gensec_quiz.i18n import tr
from gensec_quiz.paths import DataFolder
from gensec_quiz.start_up import Background, check_in_background
from gensec_quiz.storage.instance import InstanceLock
from gensec_quiz.ui.context import AppContext, AppSignals, utc_now
from gensec_quiz.ui.language import install_qt_language
from gensec_quiz.ui.main_window import MainWindow

if TYPE_CHECKING:
    from gensec_quiz.application.incidents import ErrorHook
    from gensec_quiz.storage import Store
    from gensec_quiz.storage.quick_store import QuickStore

_log = logging.getLogger(__name__)

BACKUP_INTERVAL_MS = 30 * 60 * 1000
APP_DISPLAY_NAME = "GenSec Quiz"


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, named, with the app's icon."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv))
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setOrganizationName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    icon = _app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


def _app_icon() -> QIcon | None:
    folder = paths.assets_dir() / "icons"
    for name in ("app.svg", "app.png", "gensec-quiz.svg", "gensec-quiz.png"):
        if (folder / name).is_file():
            return QIcon(str(folder / name))
    return None


def apply_saved_theme(app: QApplication, folder: DataFolder) -> None:
    """The theme and text size the learner chose."""
    from gensec_quiz.ui import theme

    try:
        theme.apply_saved_theme(app, folder.root)
    except (OSError, ValueError):  # an unreadable stylesheet must not stop the app opening
        _log.exception("could not apply the theme")


def tell_in_a_window(text: str) -> None:
    """How the window's error hook tells the learner (tests replace it)."""
    QMessageBox.warning(QApplication.activeWindow(), tr("GenSec Quiz"), text)


def _load_store(target: str | Path, clock: Callable[[], datetime]) -> Store:
    """The loader thread: import the ORM, open the Store; and import what the records' title
    needs (pydantic's models), so that Home shows it without a pause."""
    from gensec_quiz.storage import open_store

    store = open_store(target, clock=clock)
    try:
        importlib.import_module(RECORDS_MODULE)
    except Exception:  # Home meets it again when it reads the records, and says so
        _log.debug("importing %s failed", RECORDS_MODULE, exc_info=True)
    return store


RECORDS_MODULE = "gensec_quiz.bank.record_set_model"
# What Home (the first screen) imports that is plain Python, no Qt: imported on the check's
# thread while Qt paints the window, so that Home's own import after the first paint is short.
HOME_NEEDS = ("gensec_quiz.application.plans", "gensec_quiz.application.signing_in",
              "gensec_quiz.application.question_sets")


class StoreOpener(QObject):
    """Opens the database and takes the backups.

    At start-up (`begin` when the window is shown, `open_in_stages` after its first paint): the
    file is checked and the QuickStore opened on a thread while Qt paints, so that Home lists
    the learners and lets them pick or add themselves at once (`learners_ready`); the ORM is
    imported and the Store opened on another thread once Home has painted (`store_ready`).
    `open` does it all at once, on the calling thread."""

    _loaded = Signal()  # the loader thread ended (delivered on the window's thread)

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.error: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(BACKUP_INTERVAL_MS)
        self._timer.timeout.connect(self.periodic_backup)
        self._checking: Background[QuickStore | None] | None = None
        self._loading: Background[Store] | None = None
        self._learners_told = False
        self._closed = False
        self._loaded.connect(self._take_store)

    def begin(self) -> None:
        """Start the file's check and the QuickStore on a thread (`check_in_background`), for
        `open_in_stages` to take."""
        if self._checking is None and self.context.store is None:
            self._checking = check_in_background(self.context.folder, self.context.clock,
                                                 then_import=HOME_NEEDS)

    def open_in_stages(self, show_home: Callable[[], None]) -> None:
        """After the first paint: Home shown (its learners read from the file while the check
        ends), then the QuickStore handed to it (`learners_ready`), then the Store loaded on a
        thread; without a QuickStore (a new, older or damaged file, a server) Home waits for
        the Store."""
        import sqlite3

        from gensec_quiz.domain.errors import StoreError

        self.begin()
        show_home()
        job, self._checking = self._checking, None
        quick, error = None, None
        if job is not None:
            try:
                quick = job.result()
            except (StoreError, OSError, sqlite3.Error) as failure:
                error = failure
        if error is not None:
            self._failed(error)
            return
        if quick is not None:
            self.context.quick_store = quick
            self.context.finish_opening = self.finish_now
            self._tell_learners()
        QTimer.singleShot(0, self._start_loading)  # after Home's paint

    @Slot()
    def _start_loading(self) -> None:
        if self._loading is not None or self.context.store is not None or self._closed:
            return
        target, clock = self.context.folder.store_target, self.context.clock
        self._loading = Background(lambda: _load_store(target, clock),
                                   name="gensec-quiz-load", then=self._loaded.emit)

    @Slot()
    def _take_store(self) -> None:
        """The loader ended: the Store to every screen, or its error told."""
        import sqlite3

        from gensec_quiz.domain.errors import StoreError

        job, self._loading = self._loading, None
        if job is None:  # taken already (`finish_now`), or closed
            return
        try:
            store = job.result()
        except (StoreError, OSError, sqlite3.Error) as error:
            self._failed(error)
            return
        self._install(store)

    def finish_now(self) -> None:
        """The Store now, waiting for the loader (Start at start-up needs it)."""
        if self.context.store is None and not self._closed:
            self._start_loading()
            self._take_store()

    @Slot()
    def open(self) -> None:
        """Import the ORM, open the store, tell every screen: all now, on this thread."""
        import sqlite3

        from gensec_quiz.storage import StoreError, open_store

        try:
            store = open_store(self.context.folder.store_target, clock=self.context.clock,
                               backups_dir=self.context.folder.backups)
        except (StoreError, OSError, sqlite3.Error) as error:
            self._failed(error)
            return
        self._install(store)

    def _install(self, store: Store) -> None:
        self.context.store = store
        self.context.finish_opening = None
        quick, self.context.quick_store = self.context.quick_store, None
        from gensec_quiz.application.privacy import keep_private

        keep_private(self.context.folder)  # a folder from before: its owner's only from now
        if self.context.folder.server:  # answers left on this PC while the server was away
            from gensec_quiz.application.outbox import Outbox

            Outbox(self.context.folder.root).send(store)
        self._timer.start()
        self.context.signals.store_ready.emit()
        self._tell_learners()
        if quick is not None:  # backed up if a learner was added on it
            self._close_quietly(quick)

    def _tell_learners(self) -> None:
        if not self._learners_told:
            self._learners_told = True
            self.context.signals.learners_ready.emit()

    def _failed(self, error: Exception) -> None:
        """The Store could not be opened: a damaged file is offered its backup; otherwise the
        learner is told, and nothing more is written through the QuickStore."""
        self.context.finish_opening = None
        quick, self.context.quick_store = self.context.quick_store, None
        if quick is not None:
            self._close_quietly(quick)
            self.context.signals.learners_ready.emit()  # Home: no adding without a store
        if self.context.folder.server:  # a school server: no local file to fall back on
            self._tell_server_down(error)
            return
        store = self._recover(error)
        if store is not None:
            self._install(store)

    def _tell_server_down(self, error: Exception) -> None:
        from gensec_quiz.ui.dialogs.confirm import Notice

        self.error = str(error)
        Notice.tell(self.window, self.error)

    def _recover(self, error: Exception) -> Store | None:
        """A damaged database: offer the latest good backup; otherwise say what happened."""
        from gensec_quiz.ui.dialogs.damaged import recover_damaged_database

        store: Store | None = recover_damaged_database(
            self.window, error, clock=self.context.clock, folder=self.context.folder)
        if store is None:
            self.error = str(error)
        return store

    @Slot()
    def periodic_backup(self) -> None:
        self._backup("periodic")

    def _backup(self, reason: str) -> None:
        store = self.context.store
        if store is None:
            return
        import sqlite3

        from gensec_quiz.storage import StoreError

        try:
            store.maybe_backup(reason)
        except (StoreError, OSError, sqlite3.Error):  # a failed backup must not end the quiz
            _log.exception("backup failed")

    def close(self) -> None:
        """Close the database (each store backs up on close when anything changed through it);
        a store still opening is waited for, then closed."""
        self._timer.stop()
        self._closed = True
        jobs: list[Background[QuickStore | None] | Background[Store]] = [
            job for job in (self._checking, self._loading) if job is not None]
        self._checking = self._loading = None
        leftovers: list[QuickStore | Store | None] = [job.outcome() for job in jobs]
        leftovers += [self.context.quick_store, self.context.store]
        self.context.quick_store = self.context.store = None
        self.context.finish_opening = None
        for leftover in leftovers:
            if leftover is not None:
                self._close_quietly(leftover)

    @staticmethod
    def _close_quietly(store: QuickStore | Store) -> None:
        import sqlite3

        from gensec_quiz.domain.errors import StoreError

        try:
            store.close()
        except (StoreError, OSError, sqlite3.Error):  # the answers are committed already
            _log.exception("closing the database failed")


class FirstExpose(QObject):
    """Calls `then` once, right after the shown window is first exposed (painted) on screen."""

    FALLBACK_MS = 2000  # a window that is never exposed (started minimised) still gets its data

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        handle = window.windowHandle()
        if handle is None:
            QTimer.singleShot(0, self._fire)
            return
        handle.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._then is not None and event.type() == QEvent.Type.Expose:
            # the window paints while this Expose is handled; the timer runs after that
            QTimer.singleShot(0, self._fire)
        return False

    @Slot()
    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


class AlreadyOpenNotice:
    """Tells a second copy that the app is already open; tests replace `tell`."""

    @classmethod
    def tell(cls, text: str) -> None:
        QMessageBox.information(None, tr("GenSec Quiz"), text)


def build_main_window(context: AppContext, *, defer_first_screen: bool = False
                      ) -> tuple[MainWindow, StoreOpener]:
    window = MainWindow(context, defer_first_screen=defer_first_screen)
    opener = StoreOpener(context, window)
    return window, opener


def install_error_hook(folder: DataFolder) -> ErrorHook:
    """The window's one place for errors that reach the event loop: the project's own are
    shown as their sentences; anything else is logged to the data folder and told in one
    sentence (installed after the first paint: nothing is imported before it)."""
    from gensec_quiz.application.incidents import ErrorHook

    return ErrorHook(folder, tell=lambda text: tell_in_a_window(text)).install()


def take_instance_lock(data_dir: Path) -> tuple[InstanceLock | None, str]:
    """(lock, "") for the only copy on this data folder; (None, sentence) when another runs."""
    lock = InstanceLock(data_dir)
    if lock.acquire():
        return lock, ""
    return None, str(lock.message())


def _then_open(window: MainWindow, opener: StoreOpener, hooks: list[ErrorHook]) -> None:
    hooks.append(install_error_hook(opener.context.folder))
    opener.open_in_stages(window.open_first)


def run_app(argv: Sequence[str] | None = None, *, data: DataFolder | None = None) -> int:
    """Open the app on a data folder (built here when not given) and run it until its window
    closes; returns the exit status."""
    from gensec_quiz.application.privacy import keep_new_files_private

    keep_new_files_private()  # what the app creates is its owner's only (0700 and 0600)
    folder = (data if data is not None else DataFolder.default()).create()
    language = i18n.install_chosen(folder.root)  # before any text is made
    app = make_application(argv)
    install_qt_language(app, language)
    apply_saved_theme(app, folder)
    lock, refusal = take_instance_lock(folder.root)
    if refusal:
        AlreadyOpenNotice.tell(refusal)
        return 0
    hooks: list[ErrorHook] = []
    context = AppContext(clock=utc_now, seed=None, data_dir=folder.root, signals=AppSignals(),
                         server=folder.server)
    window, opener = build_main_window(context, defer_first_screen=True)
    window.show()
    # While Qt paints the frame: the file's check and the QuickStore, on a thread (SQLite lets
    # go of the GIL while it checks; started earlier, the thread slowed the first paint). Once
    # the frame has been painted: Home, then its learners on the QuickStore; after Home's own
    # paint the ORM (slow to import) and the Store, on another thread.
    opener.begin()
    FirstExpose(window, lambda: _then_open(window, opener, hooks))
    try:
        status = app.exec()
    finally:
        opener.close()
        for hook in hooks:
            hook.uninstall()
        if lock is not None:
            lock.release()
    return int(status)
