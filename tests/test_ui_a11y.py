"""Screen readers and the keyboard: every control on every screen and dialog has a name that
Qt's accessibility interface reports (fields, lists and choosers a name of their own, not just
their current value), and no control can be reached only with the mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui_tour_support import describe, dialogs, interactive, make_app, tour

# controls whose accessible name would otherwise be their value (a year, "Medium", a list's
# current row): they need a name of their own, set or given by a label's buddy
VALUED = (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractItemView, QTextEdit, QAbstractSlider)
CONTROLS = (QAbstractButton, QTabBar, *VALUED)


def _buddies(root: QWidget) -> set[int]:
    return {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}


def _name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return "" if interface is None else interface.text(QAccessible.Text.Name).strip()


def unnamed(root: QWidget) -> list[str]:
    """The focusable widgets under `root` a screen reader could not name."""
    buddies = _buddies(root)
    found = []
    for widget in interactive(root):
        if isinstance(widget, QHeaderView):
            continue
        if isinstance(widget, VALUED):  # Qt names these by their value on Linux
            if not widget.accessibleName().strip() and id(widget) not in buddies:
                found.append(f"{describe(widget)} has no name of its own")
        elif not _name(widget):
            found.append(f"{describe(widget)} has no accessible name")
    return found


def mouse_only(root: QWidget) -> list[str]:
    """Visible, enabled controls that the keyboard cannot focus (a tab bar's own scroll
    arrows and item views' headers aside: Ctrl+Tab and the arrow keys do their work)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if isinstance(widget.parentWidget(), QTabBar | QComboBox) or isinstance(
                widget, QScrollBar) or _in_a_tab_group(widget):
            continue
        if widget.isVisibleTo(root) and widget.isEnabled() and not (
                widget.focusPolicy().value & 1):
            found.append(describe(widget))
    return found


def _in_a_tab_group(widget: QWidget) -> bool:
    """A radio button of a group: Tab reaches the group, the arrow keys its buttons."""
    group = widget.group() if isinstance(widget, QRadioButton) else None
    return group is not None and any(
        button.focusPolicy().value & 1 for button in group.buttons())


def test_every_control_on_every_screen_has_an_accessible_name(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(qtbot, tmp_path, monkeypatch)
    problems, seen = [], 0
    for name in tour(app):
        for problem in unnamed(app.window):
            problems.append(f"{name}: {problem}")
        seen += len(interactive(app.window))
    assert seen > 150  # the walk saw the screens
    assert not problems, "\n".join(sorted(set(problems)))


def test_every_control_in_every_dialog_has_an_accessible_name(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(qtbot, tmp_path, monkeypatch)
    problems = [f"{name}: {problem}" for name, dialog in dialogs(app)
                for problem in unnamed(dialog)]
    assert not problems, "\n".join(problems)


def test_no_control_is_for_the_mouse_only(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(qtbot, tmp_path, monkeypatch)
    problems = [f"{name}: {problem}" for name in tour(app) for problem in mouse_only(app.window)]
    problems += [f"{name}: {problem}" for name, dialog in dialogs(app)
                 for problem in mouse_only(dialog)]
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_check_finds_a_nameless_field(qtbot: QtBot) -> None:
    """The walk is not vacuous: a field with no name or label is caught, a named one is not."""
    root = QWidget()
    qtbot.addWidget(root)
    nameless, named = QLineEdit(root), QComboBox(root)
    named.setAccessibleName("Difficulty")
    root.show()
    assert unnamed(root) == [f"{describe(nameless)} has no name of its own"]
