"""The interface's language on the Qt side: the locale of numbers, dates and month names
(`QLocale`), and Qt's own translations of its standard dialogs and buttons (`qtbase_fr.qm`,
shipped with PySide6)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []


def qt_locale(language: str) -> QLocale:
    """The QLocale that writes numbers and dates for `language` ("fr": 5 mars 1953, 83 %)."""
    return QLocale(language)


def install_qt_language(app: QCoreApplication, language: str) -> bool:
    """Make Qt speak `language`: the default QLocale, and Qt's own catalogue (replacing one
    installed before). True when Qt has a catalogue for it (English needs none)."""
    QLocale.setDefault(qt_locale(language))
    while _installed:
        app.removeTranslator(_installed.pop())
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(qt_locale(language), "qtbase", "_", folder):
        return language == "en"
    app.installTranslator(translator)
    _installed.append(translator)
    return True
