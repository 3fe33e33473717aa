"""The one translation function every user-visible string goes through."""

from __future__ import annotations

import gettext
from typing import Any

_translation: gettext.NullTranslations = gettext.NullTranslations()
_gettext = _translation.gettext  # bound once: the generator writes tens of thousands of sentences


def install(language: str | None, localedir: str | None) -> None:
    """Use the catalogue for `language` from `localedir`; English when there is none."""
    global _translation, _gettext
    if language and localedir:
        _translation = gettext.translation(
            "gensec_quiz", localedir=localedir, languages=[language], fallback=True
        )
    else:
        _translation = gettext.NullTranslations()
    _gettext = _translation.gettext


def tr(text: str, /, **values: Any) -> str:
    """Translate `text`, then fill its `{named}` fields."""
    translated = _gettext(text)
    return translated.format_map(values) if values else translated


def ntr(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """Translate a text that depends on a count; `{count}` is filled in."""
    translated = _translation.ngettext(singular, plural, count)
    return translated.format(count=count, **values)
