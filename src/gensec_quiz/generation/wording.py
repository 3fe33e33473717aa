"""The language a question set is written in: its catalogue, its dates and the records' names.

The generator never uses the interface's translation (`i18n.tr`): a teacher with an English
interface may build a French set. Every fixed text goes through `Wording.tr` (marked where it
is written, `N_` on constants), every date through `Wording.date`, every name of a person or a
title through `Wording.person` and `Wording.office`.
"""

from __future__ import annotations

from typing import Any

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.record_wording import EventWording, RecordWording
from gensec_quiz.domain.records import Event
from gensec_quiz.i18n import DEFAULT_LANGUAGE, LANGUAGES, translation


class Wording:
    """Text in one language: `tr`, `ntr`, dates, and the names an overlay gives."""

    __slots__ = ("_fixed", "_gettext", "_ngettext", "language", "overlay")

    def __init__(self, language: str = DEFAULT_LANGUAGE,
                 overlay: RecordWording | None = None) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        catalogue = translation(self.language)
        self._gettext = catalogue.gettext
        self._ngettext = catalogue.ngettext
        self.overlay = overlay if overlay is not None and overlay.language == language else None
        self._fixed: dict[str, str] = {}

    @property
    def english(self) -> bool:
        return self.language == "en"

    def tr(self, text: str, /, **values: Any) -> str:
        """Translate `text` into the set's language, then fill its `{named}` fields."""
        translated = self._fixed.get(text)
        if translated is None:
            translated = self._fixed[text] = self._gettext(text)
        return translated.format_map(values) if values else translated

    def ntr(self, singular: str, plural: str, count: int, /, **values: Any) -> str:
        return self._ngettext(singular, plural, count).format(count=count, **values)

    def date(self, value: PartialDate) -> str:
        """'5 March 1953' / '5 mars 1953', 'March 1921' / 'mars 1921', '1934'."""
        return value.human_in(self.language)

    def person(self, name: str) -> str:
        """How the set's language names a person ('Nikita Khrushchev' -> 'Nikita
        Khrouchtchev'); the records' own name when the overlay gives none."""
        found = self.overlay.people.get(name) if self.overlay is not None else None
        return found.name if found is not None else name

    def agreement(self, name: str) -> dict[str, str]:
        """Fields for French agreement with a person: {il} 'il' / 'elle', {e} '' / 'e'."""
        found = self.overlay.people.get(name) if self.overlay is not None else None
        if found is not None and found.feminine:
            return {"il": "elle", "e": "e"}
        return {"il": "il", "e": ""}

    def office(self, name: str) -> str:
        """How the set's language names a title ('First Secretary' -> 'premier secrétaire')."""
        if self.overlay is None:
            return name
        return self.overlay.offices.get(name, name)

    def event(self, event: Event) -> EventWording | None:
        """The event's sentences in the set's language, when the overlay gives them."""
        if self.overlay is None:
            return None
        return self.overlay.events.get(event.id)

    def source(self, source_id: str) -> str | None:
        if self.overlay is None:
            return None
        return self.overlay.sources.get(source_id)


ENGLISH = Wording()
