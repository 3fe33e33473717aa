"""Undo and redo in the Build tab: every action (generate, import, drop, regenerate, edit,
write, move) is a command on a QUndoStack that puts back the set as it was before or after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from gensec_quiz.i18n import tr
from gensec_quiz.ui.models.teacher_build import Draft, DraftState

UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")


@dataclass(frozen=True)
class Snapshot:
    """The set being built at one moment: which draft, its questions and edits, the title
    typed, and the question selected."""

    draft: Draft | None
    state: DraftState | None
    title: str
    row: int


class Restorer(Protocol):
    def put_back(self, snapshot: Snapshot) -> None: ...


class DraftCommand(QUndoCommand):
    """One builder action, undone by putting back the snapshot before it."""

    def __init__(self, screen: Restorer, text: str, before: Snapshot, after: Snapshot) -> None:
        super().__init__(text)
        self.screen = screen
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.screen.put_back(self.after)

    def undo(self) -> None:
        self.screen.put_back(self.before)


def undo_actions(stack: QUndoStack, owner: QWidget) -> tuple[QAction, QAction]:
    """Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z, also Ctrl+Y), working anywhere in `owner`; their
    texts name the action they undo or redo ("Undo Drop question 3")."""
    undo = stack.createUndoAction(owner, tr("Undo"))
    redo = stack.createRedoAction(owner, tr("Redo"))
    for action, keys in ((undo, UNDO_KEYS), (redo, REDO_KEYS)):
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        owner.addAction(action)
    return undo, redo
