"""Learners: rename, merge duplicates, delete; merging and deleting are confirmed, and the
store takes a backup first (the application layer checks that it did and says where it is)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from gensec_quiz.application.learners import Done, Learners
from gensec_quiz.domain.errors import StoreError
from gensec_quiz.i18n import ntr, tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog
from gensec_quiz.ui.flow import FlowLayout
from gensec_quiz.ui.models.backups import local_time
from gensec_quiz.ui.models.list_table import Column, ListTableModel
from gensec_quiz.ui.models.teacher_class import percent
from gensec_quiz.ui.screens.records import RecordsTab
from gensec_quiz.ui.teacher.dialogs import ChooseOne, NewName
from gensec_quiz.ui.widgets import themed_icon

if TYPE_CHECKING:
    from gensec_quiz.storage import LearnerInfo


def learner_columns() -> list[Column[Any]]:
    return [
        Column(tr("Learner"), lambda i: i.name, lambda i: i.name.casefold()),
        Column(tr("Sessions"), lambda i: str(i.sessions), lambda i: i.sessions,
               align_right=True),
        Column(tr("Last score"), lambda i: percent(i.last_score),
               lambda i: -1 if i.last_score is None else round(i.last_score * 1000),
               align_right=True),
        Column(tr("Added"), lambda i: local_time(i.created_at),
               lambda i: i.created_at.isoformat()),
    ]


class LearnersScreen(QWidget):
    """A table of learners and three actions on the selected one."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        hint = QLabel(tr("Choose a learner, then rename them, merge them into another learner "
                         "(the same person added twice), or delete them."), self)
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        self.model: ListTableModel[Any] = ListTableModel(learner_columns(), parent=self)
        self.table = RecordsTab(self.model, "learners", self)
        self.table.view.setAccessibleName(tr("Learners"))
        self.table.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.message = QLabel("", self)
        self.message.setObjectName("learnersMessage")
        self.message.setWordWrap(True)
        row = FlowLayout()
        self.rename_button = self._button("learner", tr("&Rename…"), self.rename)
        self.merge_button = self._button("restore", tr("&Merge into…"), self.merge)
        self.merge_button.setToolTip(tr("Move this learner's sessions to another learner (the "
                                        "same person added twice), then remove this one"))
        self.delete_button = self._button("wrong", tr("De&lete…"), self.delete)
        row.add_break()
        row.add_widget(self.rename_button, self.merge_button, self.delete_button)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        context.signals.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    def _button(self, icon: str, text: str, action: Any) -> QPushButton:
        button = QPushButton(themed_icon(icon), text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(action)
        return button

    def refresh(self) -> None:
        store = self.context.store
        chosen = self.selected()
        self.model.set_rows(store.learners() if store is not None else [])
        self.table.fit_columns()
        if chosen is not None:
            self.select(chosen.id)
        self._update_buttons()

    @Slot()
    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def select(self, learner_id: int) -> None:
        for row, info in enumerate(self.model.rows()):
            if info.id == learner_id:
                index = self.table.proxy.mapFromSource(self.model.index(row, 0))
                self.table.view.selectRow(index.row())
                return

    def selected(self) -> LearnerInfo | None:
        item = self.table.selected_item()
        rows: list[LearnerInfo] = self.model.rows()
        return next((info for info in rows if info is item), None)

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen and self.model.rowCount() > 1)

    def _say(self, text: str, *, ok: bool = True) -> None:
        self.message.setText(text if ok else f"⚠ {text}")
        self.message.setProperty("state", "correct" if ok else "wrong")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _changed(self) -> None:
        self.refresh()
        self.context.signals.data_changed.emit()

    # Actions ---------------------------------------------------------------------------------

    @Slot()
    def rename(self) -> None:
        store, info = self.context.store, self.selected()
        if store is None or info is None:
            return
        name = NewName.ask(self, current=info.name)
        if name is None or name.strip() == info.name:
            return
        if self._done(lambda: Learners(store).rename(info.id, name)):
            self.select(info.id)

    @Slot()
    def merge(self) -> None:
        store, info = self.context.store, self.selected()
        if store is None or info is None:
            return
        others = [i for i in self.model.rows() if i.id != info.id]
        index = ChooseOne.ask(self, title=tr("Merge learners"), label=tr(
            "Move the sessions of “{name}” to:", name=info.name),
            names=[o.name for o in others])
        if index is None:
            return
        keep = others[index]
        text = ntr("“{name}”'s {count} session moves to “{keep}”, and “{name}” is removed. A "
                   "backup is taken first.",
                   "“{name}”'s {count} sessions move to “{keep}”, and “{name}” is removed. A "
                   "backup is taken first.", info.sessions, name=info.name, keep=keep.name)
        if not ConfirmDialog.ask(self, tr("Merge learners?"), text, yes=tr("Merge")):
            return
        if self._done(lambda: Learners(store).merge(keep.id, info.id)) and (
                self.context.learner_id == info.id):
            self.context.set_learner(keep.id)

    @Slot()
    def delete(self) -> None:
        store, info = self.context.store, self.selected()
        if store is None or info is None:
            return
        text = ntr("This deletes “{name}” and their {count} session with every answer. A "
                   "backup is taken first, so Settings → Backups can bring it back.",
                   "This deletes “{name}” and their {count} sessions with every answer. A "
                   "backup is taken first, so Settings → Backups can bring it back.",
                   info.sessions, name=info.name)
        if not ConfirmDialog.ask(self, tr("Delete “{name}”?", name=info.name), text,
                                 yes=tr("Delete")):
            return
        if self._done(lambda: Learners(store).delete(info.id)) and (
                self.context.learner_id == info.id):
            self.context.set_learner(None)

    def _done(self, action: Callable[[], Done]) -> bool:
        """Run an operation and say what it did (which backup was taken before a destructive
        one); False when the store refused it (the refusal is said instead)."""
        try:
            done = action()
        except StoreError as error:
            self._say(error.problems[0].message, ok=False)
            return False
        self._say(done.sentence, ok=done.ok)
        self._changed()
        return True
