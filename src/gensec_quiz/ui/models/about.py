"""The About page's text: the app, its sources with their licences, and attribution."""

from __future__ import annotations

from html import escape

from gensec_quiz import __version__
from gensec_quiz.domain.records import RecordSet, Source
from gensec_quiz.i18n import N_, tr

LANGUAGES = {"en": N_("English"), "fr": N_("French"), "ru": N_("Russian"), "de": N_("German")}
CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _source_html(source: Source) -> str:
    if source.url:
        where = f'<a href="{escape(source.url)}">{escape(source.url)}</a>'
    else:
        where = f"<code>{escape(source.file or '')}</code>"
    language = (tr(LANGUAGES[source.language]) if source.language in LANGUAGES
                else source.language)
    licence = source.licence or tr("not stated")
    details = tr("Language: {language} · Licence: {licence}", language=language, licence=licence)
    return f"<li><b>{escape(source.title)}</b><br>{where}<br>{escape(details)}</li>"


def about_html(records: RecordSet | None) -> str:
    """The whole About page as HTML."""
    parts = [
        "<h2>" + escape(tr("GenSec Quiz {version}", version=__version__)) + "</h2>",
        _p(tr("An offline quiz on the office of General Secretary of the Communist Party of "
              "the Soviet Union: who held it, when, under which name, and which document "
              "says so.")),
        "<h3>" + escape(tr("Sources")) + "</h3>",
    ]
    if records is None or not records.sources:
        parts.append(_p(tr("The record set could not be read.")))
    else:
        parts.append(_p(tr("The built-in record set, “{title}”, is drawn from these documents:",
                           title=records.title)))
        parts.append("<ol>" + "".join(_source_html(s) for s in records.sources) + "</ol>")
    attribution = tr(
        "Texts from Wikipedia and ProleWiki are used under the Creative Commons "
        "Attribution-ShareAlike licence (CC BY-SA). The quotes shown beside each fact are "
        "theirs; questions built from them are shared under the same licence.")
    parts += [
        "<h3>" + escape(tr("Attribution")) + "</h3>",
        f'<p>{escape(attribution)} <a href="{CC_BY_SA}">{CC_BY_SA}</a></p>',
        _p(tr("Built with Qt for Python (PySide6, LGPL v3), SQLModel and SQLAlchemy (MIT), "
              "platformdirs (MIT) and FSRS (MIT).")),
    ]
    return "\n".join(parts)
