"""Run the app as `gensec-quiz` does, until its store is open; print what was imported when the
window first showed, when the learners could first be picked and added, and once the Store was
open."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gensec_quiz import launch
from gensec_quiz.ui import context as context_module
from gensec_quiz.ui.main_window import MainWindow

HEAVY = ("pydantic", "sqlalchemy", "sqlmodel")
seen: dict[str, object] = {}
windows: list[MainWindow] = []
original_show = MainWindow.show
original_signals = context_module.AppSignals.__init__


def loaded() -> list[str]:
    return sorted(m for m in HEAVY if m in sys.modules)


def show(self: MainWindow) -> None:
    seen["orm_at_show"] = loaded()
    seen["title"] = self.windowTitle()
    seen["screens"] = list(self.screen_keys())
    windows.append(self)
    original_show(self)


def learners_ready() -> None:
    seen["orm_at_learners_ready"] = loaded()
    QTimer.singleShot(0, learners_shown)  # once every slot (Home's) has run


def learners_shown() -> None:
    window = windows[0]
    seen["learners_ready_before_store"] = window.context.store is None
    seen["screen_at_learners_ready"] = window.current_key()
    home = window.home
    seen["listed"] = [home.learners.item(r).text() for r in range(home.learners.count())]
    seen["can_add"] = home.new_learner_button.isEnabled()


def store_ready() -> None:
    seen["store_open"] = windows[0].context.store is not None
    seen["orm_after_open"] = loaded()
    QTimer.singleShot(0, QApplication.quit)


def signals(self: context_module.AppSignals) -> None:
    original_signals(self)
    self.learners_ready.connect(learners_ready)
    self.store_ready.connect(store_ready)


MainWindow.show = show  # type: ignore[method-assign]
context_module.AppSignals.__init__ = signals  # type: ignore[method-assign]
status = launch.main([])
seen["status"] = status
print(json.dumps(seen))
