"""Answer widgets and other reusable pieces."""

from __future__ import annotations

from PySide6.QtGui import QIcon


def themed_icon(name: str) -> QIcon:
    """The named icon from `assets/icons/` in the theme's colours; empty when there is none."""
    try:
        from gensec_quiz.ui import theme
    except ImportError:
        return QIcon()
    return theme.icon(name)
