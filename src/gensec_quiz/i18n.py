"""The one translation layer every user-visible string goes through.

Strings are marked so that `pybabel extract` finds them: `tr("literal")`, `ntr("one", "many",
n)`, and `N_("literal")` for a constant that is translated later, where it is shown
(`tr(CONSTANT)` on a constant marked with `N_` is fine; `tr()` on any other variable is not).

The interface speaks one language at a time (`install`). Questions can be made in another
language than the interface's (a teacher with an English interface builds a French set): code
that writes question text takes a language and uses `translation(language)`, never the global.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "gensec_quiz"
LOCALEDIR = Path(__file__).resolve().parent / "locale"
# The languages the app speaks, each with its name written in that language.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
# The language chosen in Settings is kept in the data folder's settings file (the QSettings INI
# file that ui/theme.py opens, read here without Qt so that the commands speak it too), under
# [General] language = en | fr; absent or empty: follow the system.
SETTINGS_FILE = "settings.ini"
LANGUAGE_KEY = "language"
# Where gettext looks for the user's language, in its order.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_language = DEFAULT_LANGUAGE
_translation: gettext.NullTranslations = gettext.NullTranslations()
_gettext = _translation.gettext  # bound once: the generator writes tens of thousands of sentences


def N_(text: str, /) -> str:
    """Mark `text` for extraction without translating it now (translate it where it is shown)."""
    return text


@cache
def translation(language: str) -> gettext.NullTranslations:
    """The catalogue for `language` (English, the source language, needs none)."""
    if language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return gettext.NullTranslations()
    folder = LOCALEDIR / language / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if po.is_file() and (not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime):
        return _compiled(po)  # a checkout whose .mo is not built yet, or older than its .po
    return gettext.translation(
        DOMAIN, localedir=str(LOCALEDIR), languages=[language], fallback=True
    )


def _compiled(po: Path) -> gettext.NullTranslations:
    """A `.po` file compiled in memory (`make` and the wheel's build hook write the `.mo`)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalogue = read_po(source, locale=po.parent.parent.name)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def install(language: str | None, localedir: str | None = None) -> None:
    """Speak `language` from now on (English when there is no catalogue for it)."""
    global _language, _translation, _gettext
    if language and localedir:
        _translation = gettext.translation(
            DOMAIN, localedir=localedir, languages=[language], fallback=True
        )
    else:
        _translation = translation(language or DEFAULT_LANGUAGE)
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    _gettext = _translation.gettext


def language_of(locale_name: str) -> str | None:
    """The language we speak that a locale names ("fr_FR.UTF-8", "fr-CA", "French_France"), or
    None ("C", "POSIX", a language we do not speak)."""
    name = locale_name.strip().split(".")[0].split("@")[0].replace("-", "_").casefold()
    code = name.split("_")[0]
    if code in LANGUAGES:
        return code
    # Windows names its locales in English words ("French_France").
    by_name = {english.casefold(): code for code, english in (("en", "English"),
                                                              ("fr", "French"))}
    return by_name.get(code)


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the user's locale, as gettext finds it: the first of LANGUAGE (a list
    separated by colons), LC_ALL, LC_MESSAGES and LANG that is set; English when that names a
    language we do not speak (or "C"). With none set (Windows), the process's locale."""
    environ = os.environ if environ is None else environ
    for variable in LANGUAGE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for name in value.split(":"):
            spoken = language_of(name)
            if spoken is not None:
                return spoken
        if variable != "LANGUAGE":  # LANGUAGE lists preferences; the others decide
            return DEFAULT_LANGUAGE
    if environ is os.environ:
        import locale

        name = locale.getlocale(locale.LC_CTYPE)[0] or ""
        return language_of(name) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def saved_language(data_dir: Path) -> str | None:
    """The language chosen in Settings, or None to follow the system (also when the settings
    file is missing or unreadable: the choice is a convenience, never a reason not to start)."""
    import configparser  # read once, at start-up

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(data_dir / SETTINGS_FILE, encoding="utf-8")
    except (OSError, UnicodeDecodeError, configparser.Error):
        return None
    value = parser.get("General", LANGUAGE_KEY, fallback="").strip()
    return value if value in LANGUAGES else None


def chosen_language(data_dir: Path | None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: the one chosen in Settings, else the system's."""
    saved = saved_language(data_dir) if data_dir is not None else None
    return saved or system_language(environ)


def install_chosen(data_dir: Path | None, environ: Mapping[str, str] | None = None) -> str:
    """At start-up (the app and the commands), before any text is made: speak the chosen
    language; returns it."""
    language = chosen_language(data_dir, environ)
    install(language)
    return language


def current_language() -> str:
    """The language the interface speaks now (a key of `LANGUAGES`)."""
    return _language


def percent(fraction: float) -> str:
    """A share written as a per cent the interface's way: "83%" in English, « 83 % » in French."""
    from babel.numbers import format_percent  # Babel's CLDR data loads only when first needed

    return format_percent(fraction, locale=_language)


def number(value: int) -> str:
    """A whole number with the interface's grouping: "10,000" in English, « 10 000 » in French."""
    from babel.numbers import format_decimal  # Babel's CLDR data loads only when first needed

    return format_decimal(value, locale=_language)


def date_words(year: int, month: int | None = None, day: int | None = None, *,
               language: str | None = None) -> str:
    """A date, as precise as it is known, written the interface's way (or `language`'s):
    "1953", "March 1921", "5 March 1953"; « 1953 », « mars 1921 », « 5 mars 1953 », « 1er mars
    1953 ». Month names come from Babel's CLDR data, never from `strftime`."""
    if month is None:
        return str(year)
    import datetime as dt

    from babel.dates import format_date  # loaded when a date is first written

    spoken = language or _language
    when = dt.date(year, month, day or 1)
    if day is None:
        return format_date(when, "LLLL y", locale=spoken)
    if spoken == "fr" and day == 1:  # le premier du mois : « 1er mars »
        return "1er " + format_date(when, "MMMM y", locale=spoken)
    return format_date(when, "d MMMM y", locale=spoken)


def tr(text: str, /, **values: Any) -> str:
    """Translate `text`, then fill its `{named}` fields."""
    translated = _gettext(text)
    return translated.format_map(values) if values else translated


def ntr(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """Translate a text that depends on a count; `{count}` is filled in."""
    translated = _translation.ngettext(singular, plural, count)
    return translated.format(count=count, **values)


def tr_in(language: str, text: str, /, **values: Any) -> str:
    """Translate `text` into `language` (not necessarily the interface's), then fill it."""
    translated = translation(language).gettext(text)
    return translated.format_map(values) if values else translated


def ntr_in(language: str, singular: str, plural: str, count: int, /, **values: Any) -> str:
    """`ntr` into `language`."""
    translated = translation(language).ngettext(singular, plural, count)
    return translated.format(count=count, **values)
