"""Which language the app speaks: the system's by default (as gettext reads the environment),
or the one chosen in Settings; and how it writes dates and per cents in that language."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gensec_quiz import i18n
from gensec_quiz.i18n import (
    chosen_language,
    date_words,
    install,
    install_chosen,
    number,
    percent,
    saved_language,
    system_language,
    tr,
    tr_in,
)
from gensec_quiz.ui import theme
from gensec_quiz.ui.language import install_qt_language


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    yield
    install("en")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_qt_language(app, "en")


@pytest.mark.parametrize(("environ", "language"), [
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_CA"}, "fr"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),  # a language we do not speak: English
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),  # LC_ALL before LANG
    ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL decides, even when it is C
    ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),  # the first of LANGUAGE we speak
    ({"LANGUAGE": "de", "LANG": "fr_FR.UTF-8"}, "fr"),  # none of LANGUAGE: on to LANG
    ({}, "en"),
])
def test_the_language_follows_the_environment_in_gettext_order(
        environ: dict[str, str], language: str) -> None:
    assert system_language(environ) == language


def test_the_language_chosen_in_settings_wins_over_the_system(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / theme.SETTINGS_FILE), QSettings.Format.IniFormat)
    settings.setValue(i18n.LANGUAGE_KEY, "en")
    settings.sync()
    assert saved_language(tmp_path) == "en"
    assert chosen_language(tmp_path, {"LANG": "fr_FR.UTF-8"}) == "en"
    settings.setValue(i18n.LANGUAGE_KEY, "")  # "follow the system"
    settings.sync()
    assert chosen_language(tmp_path, {"LANG": "fr_FR.UTF-8"}) == "fr"


def test_an_unreadable_settings_file_falls_back_to_the_system(tmp_path: Path) -> None:
    (tmp_path / theme.SETTINGS_FILE).write_bytes(b"\xff\xfe[General\nlanguage=fr")
    assert saved_language(tmp_path) is None
    assert chosen_language(tmp_path, {"LANG": "en_US.UTF-8"}) == "en"
    assert i18n.SETTINGS_FILE == theme.SETTINGS_FILE


def test_install_chosen_speaks_french_for_a_french_locale(tmp_path: Path) -> None:
    assert install_chosen(tmp_path, {"LANG": "fr_FR.UTF-8"}) == "fr"
    assert tr("Home") == "Accueil"
    assert i18n.ntr("{count} question", "{count} questions", 2) == "2 questions"
    assert install_chosen(tmp_path, {"LANG": "en_US.UTF-8"}) == "en"
    assert tr("Home") == "Home"


def test_tr_in_speaks_another_language_than_the_interface() -> None:
    install("en")
    assert tr_in("fr", "Results") == "Résultats"
    assert tr("Results") == "Results"


@pytest.mark.parametrize(("language", "written"), [
    ("en", ["1953", "March 1921", "5 March 1953", "1 March 1953", "83%", "100%", "50,000"]),
    ("fr", ["1953", "mars 1921", "5 mars 1953", "1er mars 1953", "83\u00a0%", "100\u00a0%",
            "50\u202f000"]),
])
def test_dates_numbers_and_per_cents_are_written_the_languages_way(language: str,
                                                                    written: list[str]) -> None:
    install(language)
    assert [date_words(1953), date_words(1921, 3), date_words(1953, 3, 5),
            date_words(1953, 3, 1), percent(0.834), percent(1.0), number(50000)] == written


def test_qt_speaks_french_for_its_own_buttons_and_dates(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_qt_language(app, "fr")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    assert QLocale().standaloneMonthName(3) == "mars"
    install_qt_language(app, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert QLocale().standaloneMonthName(3) == "March"


def test_the_settings_page_keeps_the_language_and_says_when_it_applies(
        qtbot: QtBot, tmp_path: Path) -> None:
    from gensec_quiz.ui.context import AppContext, AppSignals, utc_now
    from gensec_quiz.ui.screens.settings import AppearancePage

    settings = QSettings(str(tmp_path / theme.SETTINGS_FILE), QSettings.Format.IniFormat)
    context = AppContext(clock=utc_now, seed=None, data_dir=tmp_path, signals=AppSignals())
    page = AppearancePage(context, settings)
    qtbot.addWidget(page)
    page.load()
    assert page.language.currentData() == ""  # follow the system
    page.language.setCurrentIndex(page.language.findData("fr"))
    assert saved_language(tmp_path) == "fr"
    assert not page.language_note.isHidden()
    assert page.language_note.text() == ("GenSec Quiz parlera français à sa prochaine "
                                         "ouverture\u00a0: fermez-le puis rouvrez-le.")
    page.language.setCurrentIndex(page.language.findData("en"))
    assert page.language_note.isHidden()  # English is spoken now


def test_a_command_speaks_french_under_a_french_locale(tmp_path: Path) -> None:
    """`LANG=fr_FR.UTF-8 gensec-quiz …`: the commands install the language before any text."""
    env = {"LANG": "fr_FR.UTF-8", "GENSEC_QUIZ_DATA_DIR": str(tmp_path / "data"),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "gensec_quiz", "scores"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "Pas encore de scores" in done.stdout


OPEN_AND_QUIT = '''
import json
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication
from gensec_quiz import app as app_module, launch

original_install = app_module.StoreOpener._install  # the store in place, by either path

def open_then_quit(self, store):
    original_install(self, store)
    nav = self.window.nav
    print(json.dumps({"screens": [nav.item(row).text() for row in range(nav.count())],
                      "cancel": QCoreApplication.translate("QPlatformTheme", "Cancel")}))
    QTimer.singleShot(0, QApplication.quit)

app_module.StoreOpener._install = open_then_quit
raise SystemExit(launch.main([]))
'''


@pytest.mark.parametrize(("saved", "home", "cancel"), [
    (None, "Accueil", "Annuler"),  # LANG=fr_FR.UTF-8 opens the app in French
    ("en", "Home", "Cancel"),  # unless English was chosen in Settings
])
def test_the_app_opens_in_the_chosen_language(tmp_path: Path, saved: str | None, home: str,
                                              cancel: str) -> None:
    import json

    data = tmp_path / "data"
    data.mkdir()
    if saved is not None:
        (data / theme.SETTINGS_FILE).write_text(f"[General]\nlanguage={saved}\n",
                                                encoding="utf-8")
    script = tmp_path / "open_and_quit.py"
    script.write_text(OPEN_AND_QUIT, encoding="utf-8")
    env = {"LANG": "fr_FR.UTF-8", "GENSEC_QUIZ_DATA_DIR": str(data),
           "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["screens"][0] == home
    assert seen["cancel"] == cancel
