"""Start-up: the window first, then the database, so the learner sees something at once."""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gensec_quiz import __version__, i18n, paths
from gensec_quiz.i18n import tr
from gensec_quiz.paths import DataFolder
from gensec_quiz.storage.instance import InstanceLock
from gensec_quiz.ui.context import AppContext, AppSignals, utc_now
from gensec_quiz.ui.language import install_qt_language
from gensec_quiz.ui.main_window import MainWindow

if TYPE_CHECKING:
    from gensec_quiz.application.incidents import ErrorHook
    from gensec_quiz.storage import Store

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


class StoreOpener(QObject):
    """Opens the database once the window shows, and takes the backups."""

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.error: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(BACKUP_INTERVAL_MS)
        self._timer.timeout.connect(self.periodic_backup)

    @Slot()
    def open(self) -> None:
        """Import the ORM, open the store, tell every screen."""
        import sqlite3

        from gensec_quiz.storage import StoreError, open_store

        store: Store | None
        try:
            store = open_store(self.context.folder.store_target, clock=self.context.clock,
                               backups_dir=self.context.folder.backups)
        except (StoreError, OSError, sqlite3.Error) as error:
            if self.context.folder.server:  # a school server: no local file to fall back on
                self._tell_server_down(error)
                return
            store = self._recover(error)
            if store is None:
                return
        self.context.store = store
        from gensec_quiz.application.privacy import keep_private

        keep_private(self.context.folder)  # a folder from before: its owner's only from now
        if self.context.folder.server:  # answers left on this PC while the server was away
            from gensec_quiz.application.outbox import Outbox

            Outbox(self.context.folder.root).send(store)
        self._timer.start()
        self.context.signals.store_ready.emit()

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
        """Close the database (the store backs up on close when anything changed)."""
        self._timer.stop()
        store = self.context.store
        if store is None:
            return
        self.context.store = None
        import sqlite3

        from gensec_quiz.storage import StoreError

        try:
            store.close()
        except (StoreError, OSError, sqlite3.Error):  # the answers are committed already
            _log.exception("closing the database failed")


def take_instance_lock(data_dir: Path) -> tuple[InstanceLock | None, str]:
    """(lock, "") for the only copy on this data folder; (None, sentence) when another runs."""
    lock = InstanceLock(data_dir)
    if lock.acquire():
        return lock, ""
    return None, str(lock.message())


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


def _then_open(window: MainWindow, opener: StoreOpener, hooks: list[ErrorHook]) -> None:
    hooks.append(install_error_hook(opener.context.folder))
    window.open_first()
    QTimer.singleShot(0, opener.open)


STORE_MODULE = "gensec_quiz.storage.opening"


def preload_store_module() -> threading.Thread:
    """Import the store (SQLAlchemy, SQLModel, pydantic: most of a second) on a background
    thread while Qt paints the window, so that `StoreOpener.open` finds it imported or nearly.
    A failure is left for `open` to meet again and report; the import lock makes the two
    imports one."""

    def load() -> None:
        try:
            importlib.import_module(STORE_MODULE)
        except Exception:  # `StoreOpener.open` imports it again and says what went wrong
            _log.debug("preloading the store failed", exc_info=True)

    thread = threading.Thread(target=load, name="gensec-quiz-preload", daemon=True)
    thread.start()
    return thread


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
    preload_store_module()  # runs while the event loop paints (Qt lets go of the GIL there)
    # Once the frame has been painted: Home (its learners read straight from the file), and
    # after Home's own paint the database and the ORM, slow to import.
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
