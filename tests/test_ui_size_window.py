"""The window itself: Ctrl+Q quits, its size and place are kept (and kept on the screen), the
settings preview is never clipped, and a smaller text size lets the window shrink again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.ui import theme
from gensec_quiz.ui.main_window import GEOMETRY_KEY, MainWindow, ScreenKey, clamp_to
from ui_core_support import App
from ui_tour_support import settle


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[QApplication]:
    palette, font, sheet = qapp.palette(), qapp.font(), qapp.styleSheet()
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    for name in ("gensec_theme", "gensec_theme_choice", "gensec_text_size"):
        qapp.setProperty(name, None)


def test_ctrl_q_closes_the_window_from_any_screen(qtbot: QtBot, tmp_path: Path) -> None:
    app = App(qtbot, tmp_path, FakeClock())
    app.window.show_screen(ScreenKey.SETTINGS)
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    app.window.settings.appearance.text_size.setFocus()
    qtbot.keyClick(app.window.settings.appearance.text_size, Qt.Key.Key_Q,
                   Qt.KeyboardModifier.ControlModifier)
    assert not app.window.isVisible()
    app.store.close()


def test_the_window_opens_where_and_as_large_as_it_was_closed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = App(qtbot, tmp_path, FakeClock())
    first.window.setGeometry(QRect(40, 30, 700, 520))
    settle()
    first.window.close()
    first.store.close()
    second = MainWindow(first.context)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 520)
    assert (second.x(), second.y()) == (40, 30)


def test_a_saved_place_off_the_screen_or_too_large_is_brought_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    app = App(qtbot, tmp_path, FakeClock())
    settings = theme.open_settings(app.context.data_dir)
    settings.setValue(GEOMETRY_KEY, [5000, -300, 4000, 3000])
    settings.sync()
    window = MainWindow(app.context)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    assert screen.contains(QRect(window.pos(), window.size()))
    app.store.close()


def test_clamping_keeps_a_rectangle_inside_the_available_screen() -> None:
    screen = QRect(0, 0, 1280, 800)
    assert clamp_to(QRect(100, 50, 600, 400), screen) == QRect(100, 50, 600, 400)
    assert clamp_to(QRect(1000, 700, 600, 400), screen) == QRect(680, 400, 600, 400)
    assert clamp_to(QRect(-50, -20, 2000, 900), screen) == QRect(0, 0, 1280, 800)
    assert clamp_to(QRect(0, 0, 1100, 740), QRect(0, 0, 800, 600), placed=False) == QRect(
        0, 0, 800, 600)
    assert clamp_to(QRect(0, 0, 600, 400), screen, placed=False) == QRect(340, 200, 600, 400)


def test_the_settings_preview_is_never_clipped(
    qtbot: QtBot, tmp_path: Path, restore_look: QApplication
) -> None:
    app = App(qtbot, tmp_path, FakeClock())
    app.window.resize(800, 600)
    app.window.show_screen(ScreenKey.SETTINGS)
    settle()
    page = app.window.settings.appearance
    preview = page.preview

    def whole() -> bool:
        return preview.height() >= preview.heightForWidth(preview.width()) and (
            preview.width() >= 40)

    assert whole(), (preview.size(), preview.heightForWidth(preview.width()))
    for size in (16, 24, 9, 20):
        page.text_size.setValue(size)
        settle()
        assert whole(), (size, preview.size(), preview.heightForWidth(preview.width()))
    app.store.close()


def test_the_window_shrinks_back_after_a_large_text_size(
    qtbot: QtBot, tmp_path: Path, restore_look: QApplication
) -> None:
    app = App(qtbot, tmp_path, FakeClock())
    window = app.window
    theme.apply_theme(restore_look, "light", 24)
    settle()
    window.resize(1280, 800)
    settle()
    assert window.width() == 1280
    theme.apply_theme(restore_look, "light", theme.DEFAULT_TEXT_SIZE)
    settle()
    window.resize(800, 600)
    settle()
    assert (window.width(), window.height()) == (800, 600)
    app.store.close()


@pytest.mark.parametrize("page", ["appearance", "data", "server", "about"])
def test_after_settings_were_seen_at_24_points_the_window_shrinks_back_to_800_px(
    qtbot: QtBot, tmp_path: Path, restore_look: QApplication, page: str
) -> None:
    app = App(qtbot, tmp_path, FakeClock())
    window = app.window
    theme.apply_theme(restore_look, "light", 24)
    window.resize(1280, 800)
    window.show_screen(ScreenKey.SETTINGS)
    window.settings.show_page(page)
    settle()
    window.show_screen(ScreenKey.HOME)  # Settings hidden when the text gets smaller again
    settle()
    theme.apply_theme(restore_look, "light", theme.DEFAULT_TEXT_SIZE)
    settle()
    # once the new size has reached every widget (hidden screens too) the window may shrink
    qtbot.waitUntil(lambda: window.minimumSize().width() <= 800, timeout=2000)
    window.resize(800, 600)
    settle()
    assert (window.width(), window.height()) == (800, 600)
    app.store.close()


def test_a_flow_row_wraps_when_narrow_and_keeps_its_last_buttons_right(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QWidget

    from gensec_quiz.ui.flow import FlowLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    row = FlowLayout(holder)
    first, second = QPushButton("Import a set…"), QPushButton("Export GIFT…")
    row.add_widget(first, second)
    row.add_break()
    save = QPushButton("Save")
    row.addWidget(save)
    wide = sum(b.sizeHint().width() for b in (first, second, save)) + 60
    holder.resize(wide, row.heightForWidth(wide))
    holder.show()
    settle()
    assert first.y() == second.y() == save.y()  # one line
    margins = row.contentsMargins()
    assert save.geometry().right() == holder.width() - 1 - margins.right()  # Save at the right
    widest = max(b.sizeHint().width() for b in (first, second, save))
    sides = margins.left() + margins.right()
    assert row.minimumSize().width() == widest + sides  # only its widest button
    holder.resize(widest + sides, row.heightForWidth(widest + sides))
    settle()
    assert first.y() < second.y() < save.y()  # a line each
    assert row.heightForWidth(widest + sides) > row.heightForWidth(wide)
