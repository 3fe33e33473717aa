"""Look and feel: the Fusion style, a light, dark or high-contrast palette, stylesheets, icons.

The icons are SVG files under `assets/icons/`; an icon drawn in `currentColor` is painted in the
palette's text colour at the moment it is drawn, so it follows a theme switch without rebuilding.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from string import Template
from typing import Literal

from PySide6.QtCore import QByteArray, QRect, QRectF, QSettings, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QStyleFactory

from gensec_quiz import paths

ThemeName = Literal["system", "light", "dark", "contrast"]
Concrete = Literal["light", "dark", "contrast"]
THEMES: tuple[ThemeName, ...] = ("system", "light", "dark", "contrast")
CONCRETE_THEMES: tuple[Concrete, ...] = ("light", "dark", "contrast")
DEFAULT_TEXT_SIZE = 11
TEXT_SIZE_RANGE = (8, 24)
THEME_KEY = "appearance/theme"
TEXT_SIZE_KEY = "appearance/text_size"
SETTINGS_FILE = "settings.ini"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# (role, light, dark, high contrast); text colours pass WCAG AA (4.5:1) on their backgrounds
# and the high-contrast ones AAA (7:1); tests/test_ui_theme_contrast.py checks every pair.
_COLOURS: tuple[tuple[QPalette.ColorRole, str, str, str], ...] = (
    (_Role.Window, "#f5f6f8", "#1d2025", "#000000"),
    (_Role.WindowText, "#1b1e23", "#e7e9ec", "#ffffff"),
    (_Role.Base, "#ffffff", "#15171b", "#000000"),
    (_Role.AlternateBase, "#eef1f5", "#22262c", "#141414"),
    (_Role.Text, "#1b1e23", "#e7e9ec", "#ffffff"),
    (_Role.Button, "#e8ebef", "#2b3038", "#000000"),
    (_Role.ButtonText, "#1b1e23", "#e7e9ec", "#ffffff"),
    (_Role.BrightText, "#ffffff", "#ffffff", "#ffffff"),
    (_Role.Highlight, "#2b5cad", "#3f73c8", "#ffd400"),
    (_Role.HighlightedText, "#ffffff", "#ffffff", "#000000"),
    (_Role.Link, "#1f55bd", "#8ab4f8", "#7fe7ff"),
    (_Role.LinkVisited, "#6a3ab2", "#c3a6f5", "#ffa8f0"),
    (_Role.PlaceholderText, "#5b626c", "#a0a7b1", "#d0d0d0"),
    (_Role.ToolTipBase, "#ffffff", "#2b3038", "#000000"),
    (_Role.ToolTipText, "#1b1e23", "#e7e9ec", "#ffffff"),
    (_Role.Light, "#ffffff", "#3a404a", "#ffffff"),
    (_Role.Midlight, "#dde1e7", "#30353d", "#d0d0d0"),
    (_Role.Mid, "#b9c0ca", "#4a515c", "#ffffff"),
    (_Role.Dark, "#8a929e", "#0e1013", "#ffffff"),
    (_Role.Shadow, "#5d646e", "#000000", "#ffffff"),
    (_Role.Accent, "#2b5cad", "#3f73c8", "#ffd400"),
)
_DISABLED: tuple[tuple[QPalette.ColorRole, str, str, str], ...] = (
    (_Role.WindowText, "#8a919b", "#6f7680", "#a0a0a0"),
    (_Role.Text, "#8a919b", "#6f7680", "#a0a0a0"),
    (_Role.ButtonText, "#8a919b", "#6f7680", "#a0a0a0"),
    (_Role.Highlight, "#b9c0ca", "#3a404a", "#5c5c5c"),
    (_Role.HighlightedText, "#f5f6f8", "#9aa1ab", "#ffffff"),
)

# The colours of the controls' own stylesheet (assets/styles/controls.qss): borders of
# buttons, fields and tick boxes (3:1 on the window and on the field, WCAG 1.4.11), the
# accent of a ticked box, and the focus ring (3:1 on everything around it).
CONTROL_COLOURS: dict[Concrete, dict[str, str]] = {
    "light": {
        "window": "#f5f6f8", "base": "#ffffff", "text": "#1b1e23", "control": "#6b7280",
        "button": "#e8ebef", "button_hover": "#dde2ea", "button_pressed": "#cfd6df",
        "accent": "#2b5cad", "on_accent": "#ffffff", "focus": "#1a4fa8",
        "disabled": "#8a919b", "disabled_border": "#b9c0ca",
    },
    "dark": {
        "window": "#1d2025", "base": "#15171b", "text": "#e7e9ec", "control": "#9aa1ab",
        "button": "#2b3038", "button_hover": "#353b45", "button_pressed": "#22262c",
        "accent": "#3f73c8", "on_accent": "#ffffff", "focus": "#8ab4f8",
        "disabled": "#6f7680", "disabled_border": "#3a404a",
    },
    "contrast": {
        "window": "#000000", "base": "#000000", "text": "#ffffff", "control": "#ffffff",
        "button": "#000000", "button_hover": "#1f1f1f", "button_pressed": "#333333",
        "accent": "#ffd400", "on_accent": "#000000", "focus": "#ffd400",
        "disabled": "#a0a0a0", "disabled_border": "#707070",
    },
}


def resolve(name: str, scheme: Qt.ColorScheme | None = None) -> Concrete:
    """The concrete theme for a choice; "system" follows the platform's colour scheme."""
    for concrete in CONCRETE_THEMES:
        if name == concrete:
            return concrete
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def palette_for(name: str) -> QPalette:
    """The palette of the light, dark or high-contrast theme."""
    column = CONCRETE_THEMES.index(resolve(name))
    palette = QPalette()
    for role, *colours in _COLOURS:
        palette.setColor(role, QColor(colours[column]))
    for role, *colours in _DISABLED:
        palette.setColor(_Group.Disabled, role, QColor(colours[column]))
    return palette


def clamp_text_size(size: int) -> int:
    low, high = TEXT_SIZE_RANGE
    return max(low, min(high, int(size)))


def stylesheet_for(name: str, text_size: int) -> str:
    """The application-wide stylesheet of a theme (its own sheet, then the controls' sheet in
    its colours), with its sizes filled in for `text_size`."""
    size = clamp_text_size(text_size)
    concrete = resolve(name)
    styles = paths.assets_dir() / "styles"
    text = (styles / f"{concrete}.qss").read_text(encoding="utf-8") + "\n" + (
        styles / "controls.qss").read_text(encoding="utf-8")
    colours = CONTROL_COLOURS[concrete]
    indicator = max(12, round(size * 96 / 72 * 0.9))  # a tick box as tall as a capital letter
    values = {
        "text": str(size), "small": str(max(size - 1, 7)), "heading": str(size + 3),
        "title": str(size + 7), "icons": paths.assets_dir().joinpath("icons").as_posix(),
        "indicator": str(indicator), "radio_radius": str(indicator // 2 + 2),
        "arrow": str(max(10, indicator * 3 // 4)),
        "icon": str(max(16, round(size * 96 / 72 * 1.1))),  # icons grow with the text
        **colours,
        "check_icon": _tinted("check", colours["on_accent"]),
        "dot_icon": _tinted("dot", colours["accent"]),
        "up_icon": _tinted("up", colours["text"]),
        "down_icon": _tinted("down", colours["text"]),
        "up_icon_disabled": _tinted("up", colours["disabled"]),
        "down_icon_disabled": _tinted("down", colours["disabled"]),
    }
    return Template(text).safe_substitute(values)


# Small marks drawn by the stylesheet (a stylesheet image cannot take the palette's colour,
# so each is written once per colour to a folder of its own under the temporary folder).
_MARKS = {
    "check": '<path d="m5 12 5 5 9-10" fill="none" stroke="{c}" stroke-width="3" '
             'stroke-linecap="round" stroke-linejoin="round"/>',
    "dot": '<circle cx="12" cy="12" r="6" fill="{c}"/>',
    "up": '<path d="M6 15l6-6 6 6" fill="none" stroke="{c}" stroke-width="2.5" '
          'stroke-linecap="round" stroke-linejoin="round"/>',
    "down": '<path d="M6 9l6 6 6-6" fill="none" stroke="{c}" stroke-width="2.5" '
            'stroke-linecap="round" stroke-linejoin="round"/>',
}


def _marks_folder() -> Path:
    owner = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"gensec-quiz-marks-{owner}"


def _tinted(name: str, colour: str) -> str:
    """The path (for a stylesheet's url()) of a small mark drawn in `colour`."""
    folder = _marks_folder()
    path = folder / f"{name}-{colour.lstrip('#').lower()}.svg"
    if not path.is_file():
        svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
               f'viewBox="0 0 24 24">{_MARKS[name].format(c=colour)}</svg>')
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
        except OSError:  # a read-only temporary folder: the box is drawn without its mark
            return ""
    return path.as_posix()


def apply_theme(app: QApplication, name: str, text_size: int) -> Concrete:
    """Style the whole application; returns the concrete theme used."""
    concrete = resolve(name)
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(palette_for(concrete))
    font = QFont(app.font())
    font.setPointSize(clamp_text_size(text_size))
    app.setFont(font)
    app.setStyleSheet(stylesheet_for(concrete, text_size))
    app.setProperty("gensec_theme_choice", name)
    app.setProperty("gensec_text_size", clamp_text_size(text_size))
    app.setProperty("gensec_theme", concrete)
    _follow_system(app)
    return concrete


def _follow_system(app: QApplication) -> None:
    """Re-apply "system" when the platform switches between light and dark (connected once)."""
    if app.property("gensec_follows_system"):
        return
    app.setProperty("gensec_follows_system", True)

    def changed(_scheme: Qt.ColorScheme) -> None:
        if app.property("gensec_theme_choice") == "system":
            apply_theme(app, "system", int(app.property("gensec_text_size") or DEFAULT_TEXT_SIZE))

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)


def current_theme() -> Concrete:
    """The concrete theme in use (light before any theme is applied)."""
    app = QApplication.instance()
    value = app.property("gensec_theme") if app is not None else None
    return resolve(str(value)) if value in CONCRETE_THEMES else "light"


# ---------------------------------------------------------------- saved choice


def open_settings(data_dir: Path) -> QSettings:
    """The app's settings file, kept in the learner's data folder (so tests stay isolated)."""
    return QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def saved_choice(settings: QSettings) -> tuple[str, int]:
    """The saved theme name and text size, or the defaults."""
    theme = str(settings.value(THEME_KEY, "system"))
    if theme not in THEMES:
        theme = "system"
    try:
        size = int(str(settings.value(TEXT_SIZE_KEY, DEFAULT_TEXT_SIZE)))
    except ValueError:
        size = DEFAULT_TEXT_SIZE
    return theme, clamp_text_size(size)


def apply_saved_theme(app: QApplication, data_dir: Path) -> Concrete:
    """Apply the theme and text size saved in the data folder (start-up helper for app.py)."""
    theme, size = saved_choice(open_settings(data_dir))
    return apply_theme(app, theme, size)


# ---------------------------------------------------------------- icons


class _SvgIconEngine(QIconEngine):
    """Paints an SVG, with `currentColor` in the palette's text colour for the icon's mode."""

    def __init__(self, svg: str) -> None:
        super().__init__()
        self._svg = svg
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        palette = QGuiApplication.palette()
        group = _Group.Disabled if mode == QIcon.Mode.Disabled else _Group.Active
        role = _Role.HighlightedText if mode == QIcon.Mode.Selected else _Role.WindowText
        colour = palette.color(group, role).name()
        renderer = self._renderers.get(colour)
        if renderer is None:
            data = QByteArray(self._svg.replace("currentColor", colour).encode("utf-8"))
            renderer = QSvgRenderer(data)
            self._renderers[colour] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self._renderer(mode).render(painter, QRectF(pixmap.rect()))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._svg)

    def key(self) -> str:
        return "gensec-svg"


_ICON_TEXT: dict[str, str] = {}


def icon_path(name: str) -> Path:
    return paths.assets_dir() / "icons" / f"{name}.svg"


def icon(name: str) -> QIcon:
    """The named icon from `assets/icons/`; an empty icon when there is no such file."""
    text = _ICON_TEXT.get(name)
    if text is None:
        path = icon_path(name)
        if not path.is_file():
            return QIcon()
        text = path.read_text(encoding="utf-8")
        _ICON_TEXT[name] = text
    return QIcon(_SvgIconEngine(text))
