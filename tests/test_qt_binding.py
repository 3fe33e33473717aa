"""The installed Qt binding does not corrupt the interpreter.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call (such as
`widget.setEnabled(True)`) and aborted the interpreter after a few thousand calls; pyproject.toml
keeps PySide6 below 6.12 for that reason, and this test fails if a release with the bug comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def test_void_qt_calls_leave_the_reference_count_of_none_unchanged(
    qapp: QApplication, qtbot: QtBot
) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setEnabled(True)
    assert sys.getrefcount(None) - before > -100
