"""Class results: every learner's sessions, each question's success, the class's weakest facts;
filtered by question set and dates, and exported to a spreadsheet-safe CSV file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.flow import FlowLayout
from gensec_quiz.ui.models import teacher_class as rows
from gensec_quiz.ui.models.list_table import Column, ListTableModel
from gensec_quiz.ui.screens.records import RecordsTab
from gensec_quiz.ui.teacher.dialogs import ChooseOne, OpenResultsFiles, SaveFileAs
from gensec_quiz.ui.widgets import themed_icon

if TYPE_CHECKING:
    from gensec_quiz.application.results_transfer import NameMatch

TABS = ("learners", "sessions", "questions", "facts")
WEAKEST_LIMIT = 20
WIDE = {"questions": 1, "facts": 0}  # the column of words in these tables


class ClassResultsScreen(QWidget):
    """Read-only; `refresh()` reads the store again with the current filters."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tabs_by_name: dict[str, RecordsTab] = {}
        self._build()
        context.signals.data_changed.connect(self._on_data_changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_row())
        self.summary = QLabel("", self)
        self.summary.setObjectName("classSummary")
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "muted")
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("Class results"))
        columns = {"learners": (tr("Learners"), rows.overview_columns()),
                   "sessions": (tr("Sessions"), rows.session_columns()),
                   "questions": (tr("Questions"), rows.question_columns()),
                   "facts": (tr("Weakest facts"), rows.fact_columns())}
        for name, (title, cols) in columns.items():
            model: ListTableModel[Any] = ListTableModel(cols, parent=self)
            tab = RecordsTab(model, f"class_{name}", self)
            tab.view.setAccessibleName(title)
            if name in WIDE:  # the question or fact takes the room left by the numbers
                header = tab.view.horizontalHeader()
                header.setStretchLastSection(False)
                header.setSectionResizeMode(WIDE[name], QHeaderView.ResizeMode.Stretch)
            self.tabs_by_name[name] = tab
            self.tabs.addTab(tab, title)
        self.tabs.currentChanged.connect(self._on_tab)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._transfer_row())

    def _transfer_row(self) -> FlowLayout:
        """Results carried on a USB stick between PCs with no network (docs/teacher.md)."""
        row = FlowLayout()
        note = QLabel(tr("No network? Carry results on a USB stick:"), self)
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        self.import_results_button = QPushButton(tr("&Import results from other PCs…"), self)
        self.import_results_button.setToolTip(tr(
            "Merge results files written on other PCs; importing a file twice changes nothing"))
        self.import_results_button.clicked.connect(self.import_results)
        self.export_results_button = QPushButton(tr("Export &this PC's results…"), self)
        self.export_results_button.setToolTip(tr(
            "Write every learner's results on this PC to a file, for the teacher's PC"))
        self.export_results_button.clicked.connect(self.export_results)
        row.add_widget(note, self.import_results_button, self.export_results_button)
        return row

    def _filter_row(self) -> FlowLayout:
        row = FlowLayout()
        self.set_combo = QComboBox(self)
        self.set_combo.setAccessibleName(tr("Question set"))
        self.set_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.set_combo.setMinimumContentsLength(18)
        self.set_combo.currentIndexChanged.connect(self.reload)
        label = QLabel(tr("&Set:"), self)
        label.setBuddy(self.set_combo)
        self.from_box, self.from_date = self._date_filter(tr("&From"))
        self.to_box, self.to_date = self._date_filter(tr("T&o"))
        self.export_button = QPushButton(themed_icon("next"), tr("&Export CSV…"), self)
        self.export_button.setToolTip(tr("Write the table shown to a CSV file for a spreadsheet"))
        self.export_button.clicked.connect(self.export_csv)
        row.add_widget(label, self.set_combo, self.from_box, self.from_date, self.to_box,
                       self.to_date)
        row.add_break()
        row.addWidget(self.export_button)
        return row

    def _date_filter(self, caption: str) -> tuple[QCheckBox, QDateEdit]:
        box = QCheckBox(caption, self)
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        edit.setAccessibleName(caption.replace("&", ""))
        box.toggled.connect(edit.setEnabled)
        box.toggled.connect(self.reload)
        edit.dateChanged.connect(self.reload)
        return box, edit

    # Filters ---------------------------------------------------------------------------------

    def set_dates(self, first: date | None, last: date | None) -> None:
        """Set the date filters (None: no limit on that side)."""
        for box, edit, day in ((self.from_box, self.from_date, first),
                               (self.to_box, self.to_date, last)):
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
            box.setChecked(day is not None)

    def choose_set(self, question_set_id: str | None) -> None:
        index = self.set_combo.findData(question_set_id)
        self.set_combo.setCurrentIndex(max(index, 0))

    def filters(self) -> rows.Filters:
        def day(box: QCheckBox, edit: QDateEdit) -> date | None:
            if not box.isChecked():
                return None
            value = edit.date()
            return date(value.year(), value.month(), value.day())

        return rows.Filters(self.set_combo.currentData(), day(self.from_box, self.from_date),
                            day(self.to_box, self.to_date))

    # Loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the sets that have sessions, then read every table."""
        store = self.context.store
        if store is None:
            self.summary.setText(tr("The class's history is still opening."))
            return
        chosen = self.set_combo.currentData()
        titles = {s.question_set_id: s.title for s in store.class_sessions()}
        self.set_combo.blockSignals(True)
        self.set_combo.clear()
        self.set_combo.addItem(tr("All question sets"), None)
        repeated = {t for t in titles.values() if list(titles.values()).count(t) > 1}
        for set_id, title in sorted(titles.items(), key=lambda item: item[1].casefold()):
            label = tr("{title} ({id})", title=title, id=set_id) if title in repeated else title
            self.set_combo.addItem(label, set_id)
        self.set_combo.setCurrentIndex(max(self.set_combo.findData(chosen), 0))
        self.set_combo.blockSignals(False)
        if not self.from_box.isChecked() and not self.to_box.isChecked():
            today = self.context.clock().astimezone().date()
            self.from_date.setDate(QDate(today.year, today.month, today.day))
            self.to_date.setDate(QDate(today.year, today.month, today.day))
        self.reload()

    @Slot()
    def reload(self, *_args: object) -> None:
        store = self.context.store
        if store is None:
            return
        filters = self.filters()
        wanted = filters.store_filters()
        overview = [o for o in store.class_overview(**wanted) if o.sessions > 0]
        sessions = store.class_sessions(**wanted)
        set_id = filters.question_set_id
        question_set = self.context.question_sets.find(set_id) if set_id is not None else None
        stats = store.question_stats(set_id, since=wanted["since"],
                                     until=wanted["until"]) if set_id is not None else []
        facts = store.class_weakest_facts(limit=WEAKEST_LIMIT, **wanted)
        records = self._records_for(question_set.records if question_set else None)
        self._fill("learners", overview)
        self._fill("sessions", sessions)
        self._fill("questions", rows.question_rows(stats, question_set))
        self._fill("facts", rows.fact_rows(facts, records))
        self._summarise(len(overview), len(sessions))

    def _records_for(self, record_set_id: str | None) -> RecordSet | None:
        builtin = self.context.records
        if record_set_id is not None:
            return self.context.record_sets.find(record_set_id)
        try:
            return builtin()
        except (InputError, OSError):  # the facts are then named by their ids
            return None

    def _fill(self, name: str, items: list[Any]) -> None:
        tab = self.tabs_by_name[name]
        tab.model.set_rows(items)
        tab.fit_columns()

    def _summarise(self, learners: int, sessions: int) -> None:
        self.summary.setText(tr("{learners} learners, {sessions} sessions. {hint}",
                                learners=learners, sessions=sessions, hint=self._hint()))

    def _hint(self) -> str:
        name = self.current_tab_name()
        filters = self.filters()
        if name == "questions" and filters.question_set_id is None:
            return tr("Choose a question set to see how many got each question right.")
        if name == "facts":
            return tr("The facts the class scored lowest on, over every answer that tested "
                      "them.")
        return ""

    @Slot(int)
    def _on_tab(self, _index: int) -> None:
        self._summarise(self.tabs_by_name["learners"].model.rowCount(),
                        self.tabs_by_name["sessions"].model.rowCount())

    @Slot()
    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.reload()

    def current_tab_name(self) -> str:
        return TABS[max(self.tabs.currentIndex(), 0)]

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.tabs_by_name[name])

    # Export ----------------------------------------------------------------------------------

    def table(self, name: str) -> tuple[list[str], list[list[str]]]:
        """The rows of one table as shown (in its current sort order), as text."""
        tab = self.tabs_by_name[name]
        columns: list[Column[Any]] = [tab.model.column(c) for c in range(tab.model.columnCount())]
        items = [tab.proxy.mapToSource(tab.proxy.index(r, 0)).row()
                 for r in range(tab.proxy.rowCount())]
        return rows.table_cells(columns, [tab.model.row_item(i) for i in items])

    @Slot()
    def export_csv(self) -> Path | None:
        """Write the current table; cells a spreadsheet would run as formulas are made text."""
        from gensec_quiz.storage.export import write_rows

        name = self.current_tab_name()
        header, cells = self.table(name)
        path = SaveFileAs.ask(self, title=tr("Export to CSV"),
                              suggested=Path.home() / f"class-{name}.csv",
                              kinds=tr("CSV files (*.csv)"))
        if path is None:
            return None
        try:
            with path.open("w", encoding="utf-8-sig", newline="") as out:
                count = write_rows(out, header, cells)
        except OSError as error:
            self.summary.setText(tr("⚠ {file} could not be written: {error}", file=path,
                                    error=error))
            return None
        self.summary.setText(tr("{count} rows written to {file}.", count=count, file=path.name))
        return path

    # Results between PCs ----------------------------------------------------------------------

    @Slot()
    def export_results(self) -> Path | None:
        from gensec_quiz.application.results_transfer import export_results

        store = self.context.store
        if store is None:
            return None
        day = self.context.clock().astimezone().date().isoformat()
        path = SaveFileAs.ask(self, title=tr("Export this PC's results"),
                              suggested=Path.home() / f"gensec-quiz-results-{day}.json",
                              kinds=tr("Results files (*.json)"))
        if path is None:
            return None
        try:
            count = export_results(store, path, now=self.context.clock(),
                                   data_root=self.context.folder.root)
        except InputError as error:
            self.summary.setText("⚠ " + " ".join(error.sentences()))
            return None
        self.summary.setText(tr("{count} answers written to {file}: import it on the "
                                "teacher's PC.", count=count, file=path.name))
        return path

    @Slot()
    def import_results(self) -> bool:
        """Ask for the files, then merge them (see `import_results_files`)."""
        paths = OpenResultsFiles.ask(self)
        return self.import_results_files(paths) if paths else False

    def import_results_files(self, paths: list[Path]) -> bool:
        """Merge results files; a name only close to a learner here is asked about."""
        from gensec_quiz.application.results_transfer import import_results

        store = self.context.store
        if store is None:
            return False
        cancelled = False

        def decide(match: NameMatch) -> int | None:
            nonlocal cancelled
            choices = [tr("{name} (already here)", name=name) for _, name in match.close]
            choices.append(tr("A new learner named {name}", name=match.name))
            index = ChooseOne.ask(self, title=tr("Which learner is this?"), label=tr(
                "“{name}” in the results files is not a learner here, but a similar name is. "
                "Who is it?", name=match.name), names=choices)
            if index is None:
                cancelled = True
                raise InputError([])
            return match.close[index][0] if index < len(match.close) else None

        try:
            outcome = import_results(store, paths, decide)
        except InputError as error:
            self.summary.setText(tr("Nothing was imported.") if cancelled else
                                 "⚠ " + " ".join(error.sentences()))
            return False
        self.context.signals.data_changed.emit()
        self.refresh()
        self.summary.setText(outcome.sentence())
        return True
