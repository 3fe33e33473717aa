"""Teacher's records: the built-in record set or an import of CSV files, shown as tables.

An import is all or nothing: with any problem, every one is listed with its line and column and
nothing is kept; a good import is kept in the user's folder so question sets built from it can
be reloaded.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.application.record_sets import import_csv
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.flow import FlowLayout
from gensec_quiz.ui.screens.records import RecordsScreen
from gensec_quiz.ui.teacher.dialogs import OpenCsvFiles
from gensec_quiz.ui.teacher.problems import ProblemList
from gensec_quiz.ui.teacher.record_chooser import RecordSetCombo
from gensec_quiz.ui.widgets import themed_icon

_log = logging.getLogger(__name__)


class TeacherRecordsScreen(QWidget):
    """Choose or import a record set; its tenures, events, sources and conflicts below."""

    library_changed = Signal(str)  # the id of a record set just kept

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.records: RecordSet | None = None
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        row = FlowLayout()
        self.chooser = RecordSetCombo(self.context, self)
        self.chooser.currentIndexChanged.connect(self._on_chosen)
        label = QLabel(tr("&Record set:"), self)
        label.setBuddy(self.chooser)
        self.import_title = QLineEdit(self)
        self.import_title.setPlaceholderText(tr("Title for an import (optional)"))
        self.import_title.setAccessibleName(tr("Title for the imported records"))
        self.import_button = QPushButton(themed_icon("folder"), tr("&Import CSV files…"), self)
        self.import_button.setToolTip(tr(
            "Read a CSV file of tenures (person, office, start, end…) and one of events (date, "
            "text); see the teacher's guide for the columns"))
        self.import_button.clicked.connect(self.import_files)
        row.add_widget(label, self.chooser, self.import_title)
        row.add_break()
        row.addWidget(self.import_button)
        self.message = QLabel("", self)
        self.message.setObjectName("recordsMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.problems = ProblemList(self)
        self.view = RecordsScreen(self.context, self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.problems)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        if self.chooser.count() == 0:
            self.chooser.reload()

    @Slot(int)
    def _on_chosen(self, _index: int) -> None:
        entry = self.chooser.current_entry()
        if entry is None:
            return
        try:
            records = self.context.record_sets.load(entry)
        except (InputError, OSError) as error:
            self._say(tr("This record set cannot be read: {error}", error=error), ok=False)
            return
        self.show_records(records)

    def show_records(self, records: RecordSet) -> None:
        self.records = records
        self.view.show_records(records)

    @Slot()
    def import_files(self) -> None:
        """Ask for CSV files and import them whole, or list every problem and keep nothing."""
        files = OpenCsvFiles.ask(self)
        if not files:
            return
        self.problems.clear()
        try:
            records = import_csv(files, title=self.import_title.text())
            path = self.context.record_sets.keep(records)
        except InputError as error:
            self.message.setVisible(False)
            self.problems.show_problems(tr("Nothing was imported"), error.problems)
            return
        except OSError as error:
            self._say(tr("The records could not be kept: {error}", error=error), ok=False)
            return
        _log.info("records kept in %s", path)
        self.chooser.reload(select_id=records.id)
        self._say(tr("Imported {tenures} tenures and {events} events as “{title}”. Build a "
                     "question set from them on the Build tab.", tenures=len(records.tenures),
                     events=len(records.events), title=records.title), ok=True)
        self.library_changed.emit(records.id)

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text if ok else f"⚠ {text}")
        self.message.setProperty("state", "correct" if ok else "wrong")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(True)
