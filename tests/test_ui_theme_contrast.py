"""Every theme reads well (WCAG 2.1 AA): text on its background at 4.5:1, and the controls'
borders, tick boxes and focus ring at 3:1 on what surrounds them. The colours are read from
each theme's palette and from the stylesheet the application really gets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from conftest import FakeClock
from gensec_quiz.ui import theme
from gensec_quiz.ui.main_window import ScreenKey
from ui_core_support import App

Role = QPalette.ColorRole
THEMES = theme.CONCRETE_THEMES
TEXT = 4.5
CONTROL = 3.0
TEXT_PAIRS = (
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase), (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base), (Role.Link, Role.Window), (Role.LinkVisited, Role.Base),
    (Role.ButtonText, Role.Window),
)
HEX = r"#[0-9a-fA-F]{6}"


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: str | QColor, b: str | QColor) -> float:
    """The WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(QColor(a)), _luminance(QColor(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_ratio_is_the_wcag_one() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


def _rules(sheet: str) -> Iterator[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) for each rule of a stylesheet, comments left out."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        properties = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                properties[name.strip()] = value.strip()
        yield " ".join(selector.split()), properties


def _colour(value: str | None) -> str | None:
    found = re.search(HEX, value or "")
    return found[0] if found else None


def _border_colour(properties: dict[str, str]) -> str | None:
    return _colour(properties.get("border-color")) or _colour(properties.get("border"))


@pytest.mark.parametrize("name", THEMES)
def test_palette_text_meets_aa_on_its_background(name: str) -> None:
    palette = theme.palette_for(name)
    low = [f"{fore.name} on {back.name}: {ratio:.2f}:1" for fore, back in TEXT_PAIRS
           if (ratio := contrast(palette.color(fore), palette.color(back))) < TEXT]
    assert not low, f"{name}: " + "; ".join(low)


def test_the_high_contrast_palette_meets_aaa() -> None:
    palette = theme.palette_for("contrast")
    for fore, back in TEXT_PAIRS:
        assert contrast(palette.color(fore), palette.color(back)) >= 7.0, (fore, back)


@pytest.mark.parametrize("name", THEMES)
def test_every_stylesheet_text_colour_meets_aa_on_its_background(name: str) -> None:
    """A rule's `color` on its own `background`, or on the window when it sets none;
    disabled text is exempt (WCAG 1.4.3)."""
    window = theme.palette_for(name).color(Role.Window).name()
    low, checked = [], 0
    for selector, properties in _rules(theme.stylesheet_for(name, 11)):
        fore = _colour(properties.get("color"))
        if fore is None or ":disabled" in selector:
            continue
        back = _colour(properties.get("background")) or window
        checked += 1
        if (ratio := contrast(fore, back)) < TEXT:
            low.append(f"{selector}: {fore} on {back} is {ratio:.2f}:1")
    assert checked >= 12
    assert not low, f"{name}:\n" + "\n".join(low)


@pytest.mark.parametrize("name", THEMES)
def test_selected_text_meets_aa_on_the_selection(name: str) -> None:
    for selector, properties in _rules(theme.stylesheet_for(name, 11)):
        back = _colour(properties.get("selection-background-color"))
        fore = _colour(properties.get("selection-color"))
        if back and fore:
            assert contrast(fore, back) >= TEXT, selector


@pytest.mark.parametrize("name", THEMES)
def test_control_borders_tick_boxes_and_focus_ring_stand_out_at_3_to_1(name: str) -> None:
    """Every control's edge stands out from the window: its border is 3:1 against the window
    and against the control's own fill, unless the fill itself is 3:1 on the window (a filled
    primary button, a ticked box); focus rings are always 3:1 on the window."""
    colours = theme.CONTROL_COLOURS[name]
    window = colours["window"]
    low, checked = [], 0
    for selector, properties in _rules(theme.stylesheet_for(name, 11)):
        border = _border_colour(properties)
        if border is None or ":disabled" in selector or "navigation" in selector:
            continue
        if not any(kind in selector for kind in (
                "QPushButton", "QToolButton", "QLineEdit", "QSpinBox", "QComboBox",
                "indicator", "QListView", "QTextBrowser")):
            continue
        fill = _colour(properties.get("background"))
        checked += 1
        if fill is not None and ":focus" not in selector and contrast(fill, window) >= CONTROL:
            continue  # a filled shape that stands out by itself (the primary button)
        for back in filter(None, (window, fill if fill != border else None)):
            if (ratio := contrast(border, back)) < CONTROL:
                low.append(f"{selector}: border {border} on {back} is {ratio:.2f}:1")
    assert checked >= 8
    assert not low, f"{name}:\n" + "\n".join(low)


@pytest.mark.parametrize("name", THEMES)
def test_unticked_boxes_are_visible_and_ticked_ones_show_their_mark(name: str) -> None:
    """The dark theme's unticked boxes were near-black on dark grey: now every theme draws a
    border at 3:1 on the window and on the box, and a tick or dot that stands out."""
    colours = theme.CONTROL_COLOURS[name]
    sheet = dict(_rules(theme.stylesheet_for(name, 11)))
    box = sheet["QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator"]
    assert contrast(colours["control"], colours["window"]) >= CONTROL
    assert contrast(colours["control"], _colour(box["background"]) or "") >= CONTROL
    ticked = sheet["QCheckBox::indicator:checked, QGroupBox::indicator:checked"]
    assert contrast(colours["on_accent"], colours["accent"]) >= CONTROL  # the tick
    assert contrast(colours["accent"], colours["window"]) >= CONTROL  # the ticked box
    assert "url(" in ticked["image"] and ticked["image"].endswith(".svg)")
    dot = sheet["QRadioButton::indicator:checked"]
    assert contrast(colours["accent"], colours["base"]) >= CONTROL and ".svg" in dot["image"]


@pytest.mark.parametrize("name", THEMES)
def test_every_theme_has_a_focus_style(name: str) -> None:
    """Focus shows as a ring of its own colour, 3:1 on the window and the control, on buttons,
    fields, lists and tick boxes."""
    colours = theme.CONTROL_COLOURS[name]
    focus = colours["focus"]
    sheet = theme.stylesheet_for(name, 11)
    for kind in ("QPushButton:focus", "QLineEdit:focus", "QSpinBox:focus", "QComboBox:focus",
                 "QListView:focus", "QCheckBox::indicator:focus", "QRadioButton::indicator:focus"):
        assert kind in sheet, kind
    for back in (colours["window"], colours["base"], colours["button"]):
        assert contrast(focus, back) >= CONTROL, back


@pytest.mark.parametrize("name", THEMES)
def test_the_stylesheet_leaves_no_placeholder_and_its_marks_exist(name: str) -> None:
    sheet = theme.stylesheet_for(name, 16)
    assert "${" not in sheet
    marks = re.findall(r"url\(([^)]+)\)", sheet)
    assert marks and all(Path(mark).is_file() for mark in marks)


def test_high_contrast_is_chosen_in_settings_applied_and_kept(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication
) -> None:
    palette, font, sheet = qapp.palette(), qapp.font(), qapp.styleSheet()
    app = App(qtbot, tmp_path, FakeClock())
    try:
        app.window.show_screen(ScreenKey.SETTINGS)
        button = app.window.settings.appearance.theme_buttons["contrast"]
        assert button.isVisible() and "contrast" in button.text().lower()
        button.click()
        assert qapp.palette().color(Role.Window) == QColor("#000000")
        assert theme.current_theme() == "contrast"
        assert theme.saved_choice(theme.open_settings(app.context.data_dir))[0] == "contrast"
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
        qapp.setFont(font)
        for key in ("gensec_theme", "gensec_theme_choice", "gensec_text_size"):
            qapp.setProperty(key, None)
        app.store.close()
