"""Look and feel: the Fusion style, a light or dark palette, one stylesheet, and themed icons.

The icons are SVG files under `assets/icons/`; an icon drawn in `currentColor` is painted in the
palette's text colour at the moment it is drawn, so it follows a theme switch without rebuilding.
"""

from __future__ import annotations

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

ThemeName = Literal["system", "light", "dark"]
THEMES: tuple[ThemeName, ...] = ("system", "light", "dark")
DEFAULT_TEXT_SIZE = 11
TEXT_SIZE_RANGE = (8, 24)
THEME_KEY = "appearance/theme"
TEXT_SIZE_KEY = "appearance/text_size"
SETTINGS_FILE = "settings.ini"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# (role, light, dark); text colours pass WCAG AA (4.5:1) on their backgrounds (a test checks).
_COLOURS: tuple[tuple[QPalette.ColorRole, str, str], ...] = (
    (_Role.Window, "#f5f6f8", "#1d2025"),
    (_Role.WindowText, "#1b1e23", "#e7e9ec"),
    (_Role.Base, "#ffffff", "#15171b"),
    (_Role.AlternateBase, "#eef1f5", "#22262c"),
    (_Role.Text, "#1b1e23", "#e7e9ec"),
    (_Role.Button, "#e8ebef", "#2b3038"),
    (_Role.ButtonText, "#1b1e23", "#e7e9ec"),
    (_Role.BrightText, "#ffffff", "#ffffff"),
    (_Role.Highlight, "#2b5cad", "#3f73c8"),
    (_Role.HighlightedText, "#ffffff", "#ffffff"),
    (_Role.Link, "#1f55bd", "#8ab4f8"),
    (_Role.LinkVisited, "#6a3ab2", "#c3a6f5"),
    (_Role.PlaceholderText, "#5b626c", "#a0a7b1"),
    (_Role.ToolTipBase, "#ffffff", "#2b3038"),
    (_Role.ToolTipText, "#1b1e23", "#e7e9ec"),
    (_Role.Light, "#ffffff", "#3a404a"),
    (_Role.Midlight, "#dde1e7", "#30353d"),
    (_Role.Mid, "#b9c0ca", "#4a515c"),
    (_Role.Dark, "#8a929e", "#0e1013"),
    (_Role.Shadow, "#5d646e", "#000000"),
    (_Role.Accent, "#2b5cad", "#3f73c8"),
)
_DISABLED: tuple[tuple[QPalette.ColorRole, str, str], ...] = (
    (_Role.WindowText, "#8a919b", "#6f7680"),
    (_Role.Text, "#8a919b", "#6f7680"),
    (_Role.ButtonText, "#8a919b", "#6f7680"),
    (_Role.Highlight, "#b9c0ca", "#3a404a"),
    (_Role.HighlightedText, "#f5f6f8", "#9aa1ab"),
)


def resolve(name: str, scheme: Qt.ColorScheme | None = None) -> Literal["light", "dark"]:
    """The concrete theme for a choice; "system" follows the platform's colour scheme."""
    if name == "dark":
        return "dark"
    if name == "light":
        return "light"
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def palette_for(name: str) -> QPalette:
    """The palette of the light or dark theme."""
    dark = resolve(name) == "dark"
    palette = QPalette()
    for role, light_hex, dark_hex in _COLOURS:
        palette.setColor(role, QColor(dark_hex if dark else light_hex))
    for role, light_hex, dark_hex in _DISABLED:
        palette.setColor(_Group.Disabled, role, QColor(dark_hex if dark else light_hex))
    return palette


def clamp_text_size(size: int) -> int:
    low, high = TEXT_SIZE_RANGE
    return max(low, min(high, int(size)))


def stylesheet_for(name: str, text_size: int) -> str:
    """The application-wide stylesheet of a theme, with its sizes filled in for `text_size`."""
    size = clamp_text_size(text_size)
    path = paths.assets_dir() / "styles" / f"{resolve(name)}.qss"
    text = path.read_text(encoding="utf-8")
    return Template(text).safe_substitute(
        text=str(size), small=str(max(size - 1, 7)), heading=str(size + 3),
        title=str(size + 7), icons=paths.assets_dir().joinpath("icons").as_posix(),
    )


def apply_theme(app: QApplication, name: str, text_size: int) -> Literal["light", "dark"]:
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


def current_theme() -> Literal["light", "dark"]:
    """The concrete theme in use (light before any theme is applied)."""
    app = QApplication.instance()
    value = app.property("gensec_theme") if app is not None else None
    return "dark" if value == "dark" else "light"


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


def apply_saved_theme(app: QApplication, data_dir: Path) -> Literal["light", "dark"]:
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
