"""What both screenshot scripts share: let the window settle, and grab it in each theme."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (1024, 700)
THEMES = ("light", "dark")


def settle(app: Any) -> None:
    """Deliver pending deletions and events, so that a grab shows the screen as it now is."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def grab_in_themes(*, app: Any, window: Any, theme: Any, path_for: Callable[[str], Path],
                   name: str, before: Callable[[], None] | None = None) -> list[Path]:
    """Save the window once per theme at SIZE; says on stderr when the screen does not fit."""
    saved = []
    for theme_name in THEMES:
        theme.apply_theme(app, theme_name, theme.DEFAULT_TEXT_SIZE)
        window.resize(*SIZE)
        if before is not None:
            before()
        settle(app)
        if (window.width(), window.height()) != SIZE:
            print(f"{name}: the window does not fit {SIZE[0]}x{SIZE[1]} "
                  f"(it needs {window.width()}x{window.height()})", file=sys.stderr)
        path = path_for(theme_name)
        window.grab().save(str(path))
        saved.append(path)
    return saved
