"""The Anki deck: one note per fact behind the date and multiple-choice questions, the
explanation and sources on the back, the same GUIDs for the same set; read back from the .apkg
(a zip holding Anki's SQLite collection)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest

from gensec_quiz.bank.anki import anki_facts, write_anki_deck
from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.bank.questions_json import save_question_set
from gensec_quiz.cli import main
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    BasisRef,
    DateQuestion,
    MatchingPair,
    MatchingQuestion,
    OrderingItem,
    OrderingQuestion,
    QuestionSet,
)
from gensec_quiz.domain.records import SourceId, SourceRef
from gensec_quiz.generation import generate_question_set

NOW = 1_780_000_000.0
STALIN_DIED = (BasisRef("tenure-stalin", "end"),)


def _date(qid: str, prompt: str, basis: tuple[BasisRef, ...]) -> DateQuestion:
    return DateQuestion(
        id=qid, prompt=prompt, explanation="Stalin died on 5 March 1953 & was succeeded.",
        difficulty=2, sources=(SourceRef(SourceId("wiki"), "died <5 March 1953>"),),
        basis=basis, answer=PartialDate(1953, 3, 5), precision="day")


def small_set() -> QuestionSet:
    return QuestionSet(id="anki-test", title="Anki test", records="r", questions=(
        _date("d1", "When did Stalin die?", STALIN_DIED),
        _date("d2", "On what day did Stalin's tenure end?", STALIN_DIED),  # the same fact
        MatchingQuestion(
            id="who", prompt="Who was General Secretary when the 20th Congress met?",
            explanation="Khrushchev gave the Secret Speech.", difficulty=2, sources=(),
            basis=(BasisRef("tenure-khrushchev", "start"),),
            pairs=(MatchingPair("General Secretary", "Nikita Khrushchev", ()),),
            extra_right=("Georgy Malenkov", "Leonid Brezhnev")),
        OrderingQuestion(id="o", prompt="Order these.", explanation="", difficulty=2,
                         sources=(), basis=(), items=(OrderingItem("a", ()),
                                                      OrderingItem("b", ()))),
        DateQuestion(id="free", prompt="In what year did Lenin die?", explanation="",
                     difficulty=1, sources=(), basis=(), answer=PartialDate(1924)),
    ))


def notes_in(path: Path) -> list[tuple[str, list[str], str]]:
    """(guid, fields, tags) of every note in the .apkg's collection."""
    with zipfile.ZipFile(path) as package:
        assert set(package.namelist()) == {"collection.anki2", "media"}
        data = package.read("collection.anki2")
    collection = path.with_suffix(".anki2")
    collection.write_bytes(data)
    connection = sqlite3.connect(collection)
    try:
        rows = connection.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
    finally:
        connection.close()
    assert any(d["name"] == "GenSec Quiz::Anki test" for d in decks.values())
    return [(guid, fields.split("\x1f"), tags.strip()) for guid, fields, tags in rows]


def test_one_note_per_fact_with_the_explanation_and_sources_on_the_back(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    assert write_anki_deck(small_set(), path, now=NOW) == 3
    notes = notes_in(path)
    assert [fields[4] for _, fields, _ in notes] == ["d1", "who", "free"]
    (_, stalin, tags), (_, who, _), (_, lenin, _) = notes
    assert stalin[:4] == ["When did Stalin die?", "5 March 1953",
                          "Stalin died on 5 March 1953 &amp; was succeeded.",
                          "<ul><li>wiki: “died &lt;5 March 1953&gt;”</li></ul>"]
    assert tags == "gensec-quiz anki-test"
    assert who[1] == "Nikita Khrushchev" and who[2] == "Khrushchev gave the Secret Speech."
    assert lenin[:2] == ["In what year did Lenin die?", "1924"]


def test_the_same_set_gives_the_same_note_guids(tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    write_anki_deck(small_set(), first, now=NOW)
    write_anki_deck(small_set(), second, now=NOW + 86_400)
    guids = [guid for guid, _, _ in notes_in(first)]
    assert guids == [guid for guid, _, _ in notes_in(second)]
    assert guids[0] == genanki.guid_for("gensec-quiz", "anki-test", "tenure-stalin.end")
    # The same facts in another set are other notes (a learner may keep both decks).
    other = dataclasses.replace(small_set(), id="another-set")
    assert [f.key for f in anki_facts(other)] == [f.key for f in anki_facts(small_set())]
    write_anki_deck(other, first, now=NOW)
    assert not set(guids) & {guid for guid, _, _ in notes_in(first)}


def test_source_titles_come_from_the_records() -> None:
    records = builtin_records()
    question_set = generate_question_set(records, count=12, seed=5, types=["date"])
    facts = anki_facts(question_set, records)
    assert facts and all(f.sources.startswith("<ul><li>") for f in facts)
    titles = {s.title for s in records.sources}
    assert all(any(t in f.sources for t in titles) for f in facts)


def test_the_command_writes_a_deck_from_a_set_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_path, deck = tmp_path / "set.json", tmp_path / "deck.apkg"
    question_set = generate_question_set(builtin_records(), count=10, seed=1)
    save_question_set(question_set, set_path)
    assert main(["export-anki", str(set_path), "--out", str(deck)]) == 0
    _, err = capsys.readouterr()
    count = len(anki_facts(question_set))
    assert count > 0 and err == f"{count} notes written to {deck}.\n"
    assert len(notes_in_named(deck, question_set.title)) == count


def notes_in_named(path: Path, title: str) -> list[str]:
    with zipfile.ZipFile(path) as package:
        data = package.read("collection.anki2")
    collection = path.with_suffix(".anki2")
    collection.write_bytes(data)
    connection = sqlite3.connect(collection)
    try:
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
        guids = [row[0] for row in connection.execute("SELECT guid FROM notes")]
    finally:
        connection.close()
    assert any(d["name"] == f"GenSec Quiz::{title}" for d in decks.values())
    return guids


def test_the_command_wants_an_apkg_file(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    set_path = tmp_path / "set.json"
    save_question_set(small_set(), set_path)
    assert main(["export-anki", str(set_path), "--out", str(tmp_path / "deck.zip")]) == 1
    assert capsys.readouterr().err == (
        f"--out must name an .apkg file (got '{tmp_path / 'deck.zip'}').\n")
    assert not (tmp_path / "deck.zip").exists()
