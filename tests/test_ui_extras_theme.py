"""Themes: palettes that read well, one stylesheet per theme, icons that follow the palette."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication

from gensec_quiz import paths
from gensec_quiz.ui import theme

Role = QPalette.ColorRole
TEXT_PAIRS = (
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase), (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The shared application, put back to its plain look afterwards."""
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    for name in ("gensec_theme", "gensec_theme_choice", "gensec_text_size"):
        qapp.setProperty(name, None)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_palette_text_meets_wcag_aa_contrast(name: str) -> None:
    palette = theme.palette_for(name)
    for fore, back in TEXT_PAIRS:
        ratio = contrast(palette.color(fore), palette.color(back))
        assert ratio >= 4.5, f"{name}: {fore.name} on {back.name} is {ratio:.2f}:1"


@pytest.mark.parametrize("name", ["light", "dark"])
def test_stylesheet_text_colours_meet_contrast_on_their_backgrounds(name: str) -> None:
    """Every `color:` in a rule with a `background:` reads on it (disabled ones are exempt)."""
    sheet = theme.stylesheet_for(name, 11)
    for selector, rule in re.findall(r"([^{}]*)\{([^}]*)\}", sheet):
        if ":disabled" in selector:
            continue
        fore = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", rule)
        back = re.search(r"background:\s*(#[0-9a-fA-F]{6})", rule)
        if fore and back:
            ratio = contrast(QColor(fore[1]), QColor(back[1]))
            assert ratio >= 4.5, f"{name}: {rule.strip()} is {ratio:.2f}:1"


@pytest.mark.parametrize("name", ["light", "dark"])
def test_muted_and_state_colours_read_on_the_window(name: str) -> None:
    sheet = theme.stylesheet_for(name, 11)
    window = theme.palette_for(name).color(Role.Window)
    for selector in ('role="muted"', 'state="correct"', 'state="wrong"', 'state="partial"'):
        rule = re.search(re.escape(selector) + r"[^{]*\{([^}]*)\}", sheet)
        assert rule is not None, selector
        colour = re.search(r"color:\s*(#[0-9a-fA-F]{6})", rule[1])
        assert colour is not None and contrast(QColor(colour[1]), window) >= 4.5, selector


def test_stylesheet_sizes_follow_the_text_size_and_leave_no_placeholder() -> None:
    small, large = theme.stylesheet_for("light", 10), theme.stylesheet_for("light", 16)
    assert "${" not in small and "${" not in large
    assert "font-size: 17pt" in small and "font-size: 23pt" in large  # the title size


def test_apply_theme_switches_the_application_palette_and_font(app: QApplication) -> None:
    assert theme.apply_theme(app, "light", 12) == "light"
    light_window = app.palette().color(Role.Window)
    assert theme.apply_theme(app, "dark", 14) == "dark"
    dark_window = app.palette().color(Role.Window)
    assert light_window.lightnessF() > 0.8 > 0.2 > dark_window.lightnessF()
    assert app.font().pointSize() == 14
    assert "QLabel[role=\"title\"] { font-size: 21pt" in app.styleSheet()
    assert theme.current_theme() == "dark"


def test_system_follows_the_platform_colour_scheme() -> None:
    assert theme.resolve("system", Qt.ColorScheme.Dark) == "dark"
    assert theme.resolve("system", Qt.ColorScheme.Light) == "light"
    assert theme.resolve("system", Qt.ColorScheme.Unknown) == "light"
    assert theme.resolve("dark", Qt.ColorScheme.Light) == "dark"


def test_text_size_is_kept_within_readable_bounds(app: QApplication) -> None:
    theme.apply_theme(app, "light", 3)
    assert app.font().pointSize() == theme.TEXT_SIZE_RANGE[0]
    theme.apply_theme(app, "light", 99)
    assert app.font().pointSize() == theme.TEXT_SIZE_RANGE[1]


def test_saved_choice_falls_back_to_defaults_for_unknown_values(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert theme.saved_choice(settings) == ("system", theme.DEFAULT_TEXT_SIZE)
    settings.setValue(theme.THEME_KEY, "purple")
    settings.setValue(theme.TEXT_SIZE_KEY, "large")
    assert theme.saved_choice(settings) == ("system", theme.DEFAULT_TEXT_SIZE)
    settings.setValue(theme.THEME_KEY, "dark")
    settings.setValue(theme.TEXT_SIZE_KEY, 15)
    assert theme.saved_choice(settings) == ("dark", 15)


def test_apply_saved_theme_reads_the_settings_in_the_data_folder(
    app: QApplication, tmp_path: Path
) -> None:
    settings = theme.open_settings(tmp_path)
    settings.setValue(theme.THEME_KEY, "dark")
    settings.setValue(theme.TEXT_SIZE_KEY, 13)
    settings.sync()
    assert theme.apply_saved_theme(app, tmp_path) == "dark"
    assert app.font().pointSize() == 13


def _ink(icon: QIcon) -> QColor:
    """The colour of the first opaque pixel of an icon drawn at 48 px."""
    image: QImage = icon.pixmap(QSize(48, 48)).toImage()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                return colour
    raise AssertionError("the icon drew nothing")


def test_icons_are_drawn_in_the_palette_text_colour(app: QApplication) -> None:
    theme.apply_theme(app, "light", 11)
    on_light = _ink(theme.icon("home"))
    theme.apply_theme(app, "dark", 11)
    on_dark = _ink(theme.icon("home"))
    assert on_light.lightnessF() < 0.3 and on_dark.lightnessF() > 0.7


def test_every_asset_icon_loads_and_an_unknown_name_gives_an_empty_icon() -> None:
    names = [p.stem for p in (paths.assets_dir() / "icons").glob("*.svg")]
    assert {"home", "quiz", "results", "progress", "timeline", "records", "settings",
            "conflict"} <= set(names)
    for name in names:
        assert not theme.icon(name).isNull()
        _ink(theme.icon(name))
    assert theme.icon("no-such-icon").isNull()
