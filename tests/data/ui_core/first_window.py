"""Run the app as `gensec-quiz` does, until its store is open; print what was imported when the
window first showed."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gensec_quiz import app as app_module
from gensec_quiz import launch
from gensec_quiz.ui.main_window import MainWindow

seen: dict[str, object] = {}
original_show = MainWindow.show
original_open = app_module.StoreOpener.open


def show(self: MainWindow) -> None:
    seen["orm_at_show"] = sorted(m for m in ("sqlmodel", "sqlalchemy") if m in sys.modules)
    seen["title"] = self.windowTitle()
    seen["screens"] = list(self.screen_keys())
    original_show(self)


def open_then_quit(self: app_module.StoreOpener) -> None:
    seen["screen_before_store"] = self.window.current_key()  # type: ignore[attr-defined]
    original_open(self)
    seen["store_open"] = self.context.store is not None
    seen["orm_after_open"] = sorted(m for m in ("sqlmodel", "sqlalchemy") if m in sys.modules)
    QTimer.singleShot(0, QApplication.quit)


MainWindow.show = show  # type: ignore[method-assign]
app_module.StoreOpener.open = open_then_quit  # type: ignore[method-assign]
status = launch.main([])
seen["status"] = status
print(json.dumps(seen))
