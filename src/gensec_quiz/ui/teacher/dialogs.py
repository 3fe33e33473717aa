"""The teacher screens' dialogs; each has an `ask()` class method that tests replace."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from gensec_quiz.i18n import tr


class OpenCsvFiles:
    """Choose one or more CSV files of tenures and events."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            parent, tr("Import records from CSV files"), str(Path.home()),
            tr("CSV files (*.csv);;All files (*)"))
        return [Path(name) for name in names]


class OpenResultsFiles:
    """Choose results files written on other PCs (`gensec-quiz results export`)."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            parent, tr("Import results from other PCs"), str(Path.home()),
            tr("Results files (*.json);;All files (*)"))
        return [Path(name) for name in names]


class OpenQuestionSet:
    """Choose a question-set JSON file someone else made."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, tr("Import a question set"), str(Path.home()),
            tr("Question sets (*.json);;All files (*)"))
        return Path(name) if name else None


class SaveFileAs:
    """Choose where to write an export."""

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, suggested: Path,
            kinds: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kinds)
        return Path(name) if name else None


class NewName:
    """Type a new name for a learner."""

    @classmethod
    def ask(cls, parent: QWidget | None, *, current: str) -> str | None:
        name, accepted = QInputDialog.getText(
            parent, tr("Rename a learner"), tr("New name for “{name}”:", name=current),
            QLineEdit.EchoMode.Normal, current)
        return name if accepted else None


class ChooseOne:
    """Pick one of several names; the index of the choice, or None."""

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, label: str,
            names: Sequence[str]) -> int | None:
        if not names:
            return None
        name, accepted = QInputDialog.getItem(parent, title, label, list(names), 0, False)
        return list(names).index(name) if accepted and name in names else None
