"""An Anki deck (`.apkg`, written with genanki) of the facts behind a set's date and
multiple-choice questions, for learners who keep reviewing in Anki.

One note per fact: a fact is what a question rests on (its basis: record and field, such as a
tenure's start); a question without a basis is its own fact. The front is the question, the back
the answer, the explanation and the sources with their quotes. Ids are stable: the deck's from
the set's id, each note's GUID from the set's id and the fact, so importing the deck again in
Anki updates the notes instead of doubling them.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import genanki

from gensec_quiz.domain.questions import DateQuestion, MatchingQuestion, Question, QuestionSet
from gensec_quiz.domain.records import RecordSet, SourceRef
from gensec_quiz.i18n import tr

# Fixed for good: Anki recognises the note type by this id (changing it makes a new one).
MODEL_ID = 1_733_209_104
_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; }
.answer { font-size: 24px; font-weight: bold; }
.explanation { margin-top: 1em; }
.sources { margin-top: 1em; font-size: 14px; text-align: left; color: #555; }"""


@dataclass(frozen=True)
class AnkiFact:
    """One note: what it asks, the answer, and what the back explains."""

    key: str
    question: str
    answer: str
    explanation: str
    sources: str
    question_id: str


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID, "GenSec Quiz fact",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Explanation"},
                {"name": "Sources"}, {"name": "QuestionId"}],
        templates=[{
            "name": tr("Fact"),
            "qfmt": "{{Question}}",
            "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
                    '<div class="explanation">{{Explanation}}</div>'
                    '<div class="sources">{{Sources}}</div>',
        }],
        css=_CSS)


def _stable_id(*parts: str) -> int:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return 1 << 30 | int.from_bytes(digest[:4], "big") >> 2  # positive, below 2**31


def _answer(question: Question) -> str | None:
    if isinstance(question, DateQuestion):
        value = question.answer
        return str(value.year) if question.measure == "years" else value.human()
    if isinstance(question, MatchingQuestion) and len(question.pairs) == 1 \
            and question.extra_right:
        return question.pairs[0].right
    return None  # ordering and many-pair matching questions are not single facts


def _sources(refs: tuple[SourceRef, ...], records: RecordSet | None) -> str:
    items = []
    for ref in refs:
        source = records.source(ref.source) if records is not None else None
        title = source.title if source is not None else ref.source
        items.append(f"<li>{html.escape(title)}: “{html.escape(ref.quote)}”</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def anki_facts(question_set: QuestionSet, records: RecordSet | None = None
               ) -> tuple[AnkiFact, ...]:
    """The facts behind the set's date and multiple-choice questions, first question first;
    a fact two questions rest on gives one note (the first question's)."""
    facts: dict[str, AnkiFact] = {}
    for question in question_set.questions:
        answer = _answer(question)
        if answer is None:
            continue
        basis = sorted({f"{b.record}.{b.field}" for b in question.basis})
        key = "+".join(basis) if basis else f"question:{question.id}"
        if key in facts:
            continue
        facts[key] = AnkiFact(key=key, question=_html(question.prompt), answer=_html(answer),
                              explanation=_html(question.explanation),
                              sources=_sources(question.sources, records),
                              question_id=question.id)
    return tuple(facts.values())


def build_deck(question_set: QuestionSet, records: RecordSet | None = None) -> genanki.Deck:
    """The deck: named after the set, one note per fact, GUIDs stable for the same set."""
    deck = genanki.Deck(_stable_id("gensec-quiz-deck", question_set.id),
                        f"GenSec Quiz::{question_set.title}", description=html.escape(
                            question_set.description))
    model = _model()
    for fact in anki_facts(question_set, records):
        deck.add_note(genanki.Note(
            model=model, guid=genanki.guid_for("gensec-quiz", question_set.id, fact.key),
            fields=[fact.question, fact.answer, fact.explanation, fact.sources,
                    html.escape(fact.question_id)],
            tags=["gensec-quiz", question_set.id.replace(" ", "_")]))
    return deck


def write_anki_deck(question_set: QuestionSet, path: Path, *, now: float,
                    records: RecordSet | None = None) -> int:
    """Write the `.apkg` (whole or not at all: a temporary file renamed into place); the
    number of notes. `now` (seconds since 1970) stamps the notes, as Anki wants."""
    deck = build_deck(question_set, records)
    package = genanki.Package(deck)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        collection = Path(work) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            package.write_to_db(connection.cursor(), now, itertools.count(int(now * 1000)))
            connection.commit()
        finally:
            connection.close()
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".deck-", suffix=".apkg")
        os.close(handle)
        try:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as out:
                out.write(collection, "collection.anki2")
                out.writestr("media", "{}")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return len(deck.notes)
