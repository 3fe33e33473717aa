"""Every screen fits the screens learners have: 800x600 at the default text size and at 16 pt,
and 1280x800 at 24 pt. Nothing interactive lies outside the window or is cut off by its parent
(inside a scroll area it only has to be reachable by scrolling), no button is squeezed below
the size its text needs, and the window's minimum size fits the screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gensec_quiz.ui import theme
from ui_tour_support import (
    describe,
    dialogs,
    interactive,
    make_app,
    placement_problem,
    settle,
    squeeze_problem,
    tour,
)

SCREENS = [(800, 600, theme.DEFAULT_TEXT_SIZE), (800, 600, 16), (1280, 800, 24)]


@pytest.fixture
def text_size(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[int]:
    size = int(request.param)
    palette, font, sheet = qapp.palette(), qapp.font(), qapp.styleSheet()
    theme.apply_theme(qapp, "light", size)
    yield size
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    for name in ("gensec_theme", "gensec_theme_choice", "gensec_text_size"):
        qapp.setProperty(name, None)


def _problems(root: QWidget) -> list[str]:
    found = []
    for widget in interactive(root):
        problem = placement_problem(widget, root) or squeeze_problem(widget)
        if problem:
            found.append(f"{describe(widget)}: {problem}")
    return found


@pytest.mark.parametrize(("width", "height", "text_size"), SCREENS,
                         indirect=["text_size"], ids=["800x600-11pt", "800x600-16pt",
                                                      "1280x800-24pt"])
def test_every_screen_fits_the_screen_with_nothing_clipped(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int, height: int,
    text_size: int,
) -> None:
    app = make_app(qtbot, tmp_path, monkeypatch)
    window = app.window
    seen, problems = [], []
    for name in tour(app):
        window.resize(width, height)
        settle()
        seen.append(name)
        hint = window.minimumSizeHint()
        if hint.width() > width or hint.height() > height:
            problems.append(f"{name}: the window needs at least {hint.width()}x{hint.height()}")
        if (window.width(), window.height()) != (width, height):
            problems.append(f"{name}: the window stays {window.width()}x{window.height()}")
        problems += [f"{name}: {problem}" for problem in _problems(window)]
    assert "teacher-classroom" in seen and "results" in seen and "quiz-q-who" in seen
    assert not problems, f"at {width}x{height}, {text_size} pt:\n" + "\n".join(problems)


@pytest.mark.parametrize(("width", "height", "text_size"), SCREENS,
                         indirect=["text_size"], ids=["800x600-11pt", "800x600-16pt",
                                                      "1280x800-24pt"])
def test_every_dialog_fits_the_screen_with_nothing_clipped(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int, height: int,
    text_size: int,
) -> None:
    app = make_app(qtbot, tmp_path, monkeypatch)
    problems, seen = [], []
    for name, dialog in dialogs(app):
        seen.append(name)
        hint = dialog.minimumSizeHint()
        if hint.width() > width or hint.height() > height:
            problems.append(f"{name}: needs at least {hint.width()}x{hint.height()}")
        dialog.resize(min(dialog.width(), width), min(dialog.height(), height))
        settle()
        problems += [f"{name}: {problem}" for problem in _problems(dialog)]
    assert {"new-learner", "resume"} <= set(seen)
    assert not problems, f"at {width}x{height}, {text_size} pt:\n" + "\n".join(problems)
