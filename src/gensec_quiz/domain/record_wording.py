"""A record set's wording in another language: names, titles and event sentences by record id.

The records are written in one language (English for the built-in set); an overlay gives what a
question in another language needs and cannot make from templates alone: how that language
names each person and title, and each event's sentences (its headline, the clause a question
asks, the statement an explanation makes, its context). What an overlay does not give is
shown as the records write it (a teacher's CSV keeps its own names).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PersonWording:
    name: str
    # Grammatical gender, for agreement ("est devenue", "elle").
    feminine: bool = False


@dataclass(frozen=True, slots=True)
class EventWording:
    """An event in another language.

    `text`: the headline, as an item in an order or a row in a matching ("Staline meurt");
    `asked`: the clause after "En quelle année" ("Staline est-il mort");
    `said`: a past statement inside a sentence ("Staline est mort"), for "Qui était secrétaire
    général lorsque …"; `detail`: the context sentences; `congress` and `did`: for a congress
    that did something, its name ("le Xe congrès du Parti") and what it did, in the past ("a
    interdit les fractions")."""

    text: str
    asked: str = ""
    said: str = ""
    detail: str = ""
    congress: str = ""
    did: str = ""


@dataclass(frozen=True, slots=True)
class RecordWording:
    """The overlay for one record set (`records`, its id) in one `language`."""

    language: str
    records: str
    # The record set's title in the language ("" to keep the records').
    title: str = ""
    people: Mapping[str, PersonWording] = field(default_factory=dict)
    # By the records' title ("General Secretary" -> "secrétaire général").
    offices: Mapping[str, str] = field(default_factory=dict)
    events: Mapping[str, EventWording] = field(default_factory=dict)
    # How a sentence names a source's witness, by source id.
    sources: Mapping[str, str] = field(default_factory=dict)
