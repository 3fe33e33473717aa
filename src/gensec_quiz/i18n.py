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
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "gensec_quiz"
LOCALEDIR = Path(__file__).resolve().parent / "locale"
# The languages the app speaks, each with its name written in that language.
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"

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
    return gettext.translation(
        DOMAIN, localedir=str(LOCALEDIR), languages=[language], fallback=True
    )


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


def current_language() -> str:
    """The language the interface speaks now (a key of `LANGUAGES`)."""
    return _language


def percent(fraction: float) -> str:
    """A share written as a per cent the interface's way: "83%" in English, « 83 % » in French."""
    from babel.numbers import format_percent  # Babel's CLDR data loads only when first needed

    return format_percent(fraction, locale=_language)


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
