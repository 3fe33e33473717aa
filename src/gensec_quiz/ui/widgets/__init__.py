"""Answer widgets and other reusable pieces."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from gensec_quiz.ui import theme


def themed_icon(name: str) -> QIcon:
    """The named icon from `assets/icons/` in the theme's colours; empty when there is none."""
    return theme.icon(name)
