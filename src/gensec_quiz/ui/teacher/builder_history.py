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

    def say(self, text: str, *, ok: bool = True) -> None: ...


class DraftCommand(QUndoCommand):
    """One builder action, undone by putting back the snapshot before it; the screen then says
    what was undone or redone (the action's own message stays when it is first done)."""

    def __init__(self, screen: Restorer, text: str, before: Snapshot, after: Snapshot) -> None:
        super().__init__(text)
        self.screen = screen
        self.before = before
        self.after = after
        self._done = False

    def redo(self) -> None:
        self.screen.put_back(self.after)
        if self._done:
            self.screen.say(tr("Redone: {action}.", action=self.text()))
        self._done = True

    def undo(self) -> None:
        self.screen.put_back(self.before)
        self.screen.say(tr("Undone: {action}.", action=self.text()))


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
