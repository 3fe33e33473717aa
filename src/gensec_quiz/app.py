"""Start-up: the window first, then the database, so the learner sees something at once."""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gensec_quiz import __version__, paths
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext, AppSignals, utc_now
from gensec_quiz.ui.main_window import MainWindow

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


def apply_saved_theme(app: QApplication) -> None:
    """The theme and text size the learner chose, when the theme module is there."""
    try:
        from gensec_quiz.ui import theme
    except ImportError:
        return
    try:
        theme.apply_saved_theme(app, paths.data_dir())
    except Exception:  # a broken stylesheet must never stop the app from opening
        _log.exception("could not apply the theme")


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
        try:
            from gensec_quiz.storage import open_store
        except ImportError:  # storage not built yet: the app runs without history
            _log.warning("no storage layer; answers are not saved")
            return
        try:
            store = open_store(paths.database_path(), clock=self.context.clock)
        except Exception as error:
            store = self._recover(error)
            if store is None:
                return
        self.context.store = store
        self._timer.start()
        self.context.signals.store_ready.emit()

    def _recover(self, error: Exception) -> Any:
        """A damaged database: offer the latest good backup; otherwise say what happened."""
        from gensec_quiz.ui.dialogs.damaged import recover_damaged_database

        store = recover_damaged_database(self.window, error, clock=self.context.clock)
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
        try:
            store.maybe_backup(reason)
        except Exception:  # a failed backup must not end the quiz; it is logged
            _log.exception("backup failed")

    def close(self) -> None:
        """Close the database (the store backs up on close when anything changed)."""
        self._timer.stop()
        store = self.context.store
        if store is None:
            return
        self.context.store = None
        try:
            store.close()
        except Exception:
            _log.exception("closing the database failed")


def _load_instance_module() -> ModuleType | None:
    """`storage/instance.py` by its file: importing it as `gensec_quiz.storage.instance` would
    run `storage/__init__`, which imports the ORM, and the window must come first."""
    path = Path(__file__).resolve().parent / "storage" / "instance.py"
    spec = importlib.util.spec_from_file_location("gensec_quiz_instance_lock", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def take_instance_lock(data_dir: Path) -> tuple[Any, str]:
    """(lock, "") for the only copy on this data folder; (None, sentence) when another runs."""
    module = _load_instance_module()
    if module is None:
        return None, ""
    lock = module.InstanceLock(data_dir)
    if lock.acquire():
        return lock, ""
    return None, str(lock.message())


class AlreadyOpenNotice:
    """Tells a second copy that the app is already open; tests replace `tell`."""

    @classmethod
    def tell(cls, text: str) -> None:
        QMessageBox.information(None, tr("GenSec Quiz"), text)


def build_main_window(context: AppContext) -> tuple[MainWindow, StoreOpener]:
    window = MainWindow(context)
    opener = StoreOpener(context, window)
    return window, opener


def run_app(argv: Sequence[str] | None = None) -> int:
    """Open the app and run it until its window closes; returns the exit status."""
    app = make_application(argv)
    apply_saved_theme(app)
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    lock, refusal = take_instance_lock(paths.data_dir())
    if refusal:
        AlreadyOpenNotice.tell(refusal)
        return 0
    context = AppContext(clock=utc_now, seed=None, data_dir=paths.data_dir(), signals=AppSignals())
    window, opener = build_main_window(context)
    window.show()
    QTimer.singleShot(0, opener.open)
    try:
        status = app.exec()
    finally:
        opener.close()
        if lock is not None:
            lock.release()
    return int(status)
