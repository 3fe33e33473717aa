"""The teacher area: one "Teacher" entry of the main window, a tab per task.

The tabs are built the first time the area is shown, so the teacher's tools cost the learner's
start-up nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.screen import Screen
from gensec_quiz.ui.widgets import themed_icon

if TYPE_CHECKING:
    from gensec_quiz.ui.teacher.builder import BuilderScreen
    from gensec_quiz.ui.teacher.class_results import ClassResultsScreen
    from gensec_quiz.ui.teacher.classroom import ClassroomScreen
    from gensec_quiz.ui.teacher.learners_admin import LearnersScreen
    from gensec_quiz.ui.teacher.records_import import TeacherRecordsScreen

TAB_KEYS = ("records", "build", "results", "learners", "classroom")


@dataclass
class _Screens:
    records: TeacherRecordsScreen
    builder: BuilderScreen
    results: ClassResultsScreen
    learners: LearnersScreen
    classroom: ClassroomScreen

    def in_tab_order(self) -> tuple[Screen, ...]:
        return (self.records, self.builder, self.results, self.learners, self.classroom)


class TeacherArea(QWidget):
    """Records, Build, Class results, Learners and Classroom; each tab refreshes when shown.

    Emits `switch_requested` when the Classroom tab's "Switch learner" button is pressed, and
    `lock_changed(path of the set's file)` when a set is locked to exam mode or unlocked.
    """

    switch_requested = Signal()
    lock_changed = Signal(Path)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._screens: _Screens | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("teacherTabs")
        self.tabs.setAccessibleName(tr("Teacher's tools"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def screens(self) -> _Screens:
        """The five tabs, built on first use."""
        if self._screens is None:
            self._screens = self._build()
        return self._screens

    def _build(self) -> _Screens:
        from gensec_quiz.ui.teacher.builder import BuilderScreen
        from gensec_quiz.ui.teacher.class_results import ClassResultsScreen
        from gensec_quiz.ui.teacher.classroom import ClassroomScreen
        from gensec_quiz.ui.teacher.learners_admin import LearnersScreen
        from gensec_quiz.ui.teacher.records_import import TeacherRecordsScreen

        context = self.context
        screens = _Screens(TeacherRecordsScreen(context), BuilderScreen(context),
                           ClassResultsScreen(context), LearnersScreen(context),
                           ClassroomScreen(context))
        for widget, icon, title in (
            (screens.records, "records", tr("&Records")),
            (screens.builder, "quiz", tr("&Build a set")),
            (screens.results, "results", tr("&Class results")),
            (screens.learners, "learner", tr("Lear&ners")),
            (screens.classroom, "clock", tr("Class&room")),
        ):
            page: QWidget = widget
            if widget is screens.classroom:  # boxes of text and options: it scrolls at 24 pt
                from gensec_quiz.ui.flow import VerticalScrollArea

                page = VerticalScrollArea(widget, self)
                page.setAccessibleName(tr("Classroom"))
            self.tabs.addTab(page, themed_icon(icon), title)
        self.tabs.currentChanged.connect(self._on_tab)
        screens.records.library_changed.connect(screens.builder.reload_records)
        screens.builder.set_saved.connect(screens.classroom.refresh)
        screens.classroom.switch_requested.connect(self.switch_requested)
        screens.classroom.lock_changed.connect(self.lock_changed)
        return screens

    def editing_with_changes(self) -> bool:
        """Whether the question editor is open with something typed that is not yet kept."""
        if self._screens is None:
            return False
        editor = self._screens.builder.editor
        return editor is not None and editor.isVisible() and editor.changed()

    @property
    def records(self) -> TeacherRecordsScreen:
        return self.screens().records

    @property
    def builder(self) -> BuilderScreen:
        return self.screens().builder

    @property
    def results(self) -> ClassResultsScreen:
        return self.screens().results

    @property
    def learners(self) -> LearnersScreen:
        return self.screens().learners

    @property
    def classroom(self) -> ClassroomScreen:
        return self.screens().classroom

    def show_tab(self, key: str) -> None:
        self.screens()
        self.tabs.setCurrentIndex(TAB_KEYS.index(key))

    def showEvent(self, event: QShowEvent) -> None:
        self.screens()
        super().showEvent(event)

    def refresh(self) -> None:
        """Refresh the tab on show (called by the main window when the area comes forward)."""
        self.screens()
        self._on_tab(self.tabs.currentIndex())

    @Slot(int)
    def _on_tab(self, index: int) -> None:
        tabs = self.screens().in_tab_order()
        if 0 <= index < len(tabs):
            tabs[index].refresh()
