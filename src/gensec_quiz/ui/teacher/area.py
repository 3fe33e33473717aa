"""The teacher area: one "Teacher" entry of the main window, a tab per task."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.teacher.builder import BuilderScreen
from gensec_quiz.ui.teacher.class_results import ClassResultsScreen
from gensec_quiz.ui.teacher.classroom import ClassroomScreen
from gensec_quiz.ui.teacher.learners_admin import LearnersScreen
from gensec_quiz.ui.teacher.records_import import TeacherRecordsScreen
from gensec_quiz.ui.widgets import themed_icon

TAB_KEYS = ("records", "build", "results", "learners", "classroom")


class TeacherArea(QWidget):
    """Records, Build, Class results, Learners and Classroom; each tab refreshes when shown."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.records = TeacherRecordsScreen(context)
        self.builder = BuilderScreen(context)
        self.results = ClassResultsScreen(context)
        self.learners = LearnersScreen(context)
        self.classroom = ClassroomScreen(context)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("teacherTabs")
        self.tabs.setAccessibleName(tr("Teacher's tools"))
        for widget, icon, title in (
            (self.records, "records", tr("&Records")),
            (self.builder, "quiz", tr("&Build a set")),
            (self.results, "results", tr("&Class results")),
            (self.learners, "learner", tr("Lear&ners")),
            (self.classroom, "clock", tr("Class&room")),
        ):
            self.tabs.addTab(widget, themed_icon(icon), title)
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.records.library_changed.connect(self.builder.reload_records)
        self.builder.set_saved.connect(lambda _path: self.classroom.refresh())

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TAB_KEYS.index(key))

    def refresh(self) -> None:
        """Refresh the tab on show (called by the main window when the area comes forward)."""
        self._on_tab(self.tabs.currentIndex())

    @Slot(int)
    def _on_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()
