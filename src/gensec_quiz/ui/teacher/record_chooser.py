"""A chooser of record sets: the built-in one, then each import kept in the user's folder."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from gensec_quiz.application.record_sets import RecordSetEntry
from gensec_quiz.domain.errors import InputError
from gensec_quiz.i18n import tr
from gensec_quiz.ui.context import AppContext


class RecordSetCombo(QComboBox):
    """`current_entry()` is the chosen record set; `reload()` lists them again."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName(tr("Record set"))
        self.setToolTip(tr("The records the questions are made from"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)

    def reload(self, select_id: str | None = None) -> None:
        """List the record sets again, keeping (or moving to) the chosen one."""
        keep = select_id if select_id is not None else self.current_id()
        self.blockSignals(True)
        try:
            self.clear()
            for entry in self._entries():
                label = entry.title if entry.builtin else tr("{title} (imported)",
                                                             title=entry.title)
                self.addItem(label, entry)
            index = next((i for i in range(self.count())
                          if keep is not None and self.itemData(i).id == keep), 0)
            self.setCurrentIndex(index)
        finally:
            self.blockSignals(False)
        self.currentIndexChanged.emit(self.currentIndex())

    def _entries(self) -> list[RecordSetEntry]:
        entries: list[RecordSetEntry] = []
        try:
            builtin = self.context.records()
            entries.append(RecordSetEntry(builtin.id, builtin.title))
        except (InputError, OSError):  # an unreadable built-in set is simply not offered
            pass
        return entries + self.context.record_sets.kept()

    def current_entry(self) -> RecordSetEntry | None:
        entry = self.currentData()
        return entry if isinstance(entry, RecordSetEntry) else None

    def current_id(self) -> str | None:
        entry = self.current_entry()
        return entry.id if entry is not None else None
