"""What the main window and the teacher area ask of a screen, and a screen built on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

SWITCH_LEARNER_KEYS = "Ctrl+Shift+L"  # the main window's Switch learner action, anywhere


def switch_learner_keys_text() -> str:
    """The Switch learner keys as the keyboard names them in the interface's language
    ("Ctrl+Shift+L", « Ctrl+Maj+L »)."""
    return QKeySequence(SWITCH_LEARNER_KEYS).toString(QKeySequence.SequenceFormat.NativeText)


class Screen(Protocol):
    """A page of the main window or a tab of the teacher area: a widget that brings itself up
    to date when it comes forward."""

    def refresh(self) -> None: ...


S_co = TypeVar("S_co", bound=Screen, covariant=True)


class LazyScreen(Generic[S_co]):
    """A screen built the first time it is asked for, so that start-up imports only what the
    learner sees first; `placed` receives the new widget once (to put it in a stack or tabs)."""

    def __init__(self, build: Callable[[], S_co], placed: Callable[[QWidget], None]) -> None:
        self._build = build
        self._placed = placed
        self._screen: S_co | None = None

    @property
    def built(self) -> bool:
        return self._screen is not None

    def get(self) -> S_co:
        """The screen, built now if it was not yet."""
        if self._screen is None:
            screen = self._build()
            self._screen = screen
            self._placed(widget_of(screen))
        return self._screen

    def widget(self) -> QWidget:
        return widget_of(self.get())


def widget_of(screen: Screen) -> QWidget:
    """The screen as the widget it is (every screen is a QWidget with `refresh`)."""
    if not isinstance(screen, QWidget):
        raise TypeError(f"{type(screen).__name__} is a screen but not a QWidget")
    return screen
