"""Sentence rules: what a phrase says, who it is about and when, with its exact quote."""

from __future__ import annotations

import shutil
from pathlib import Path

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.records import SourceId
from gensec_quiz.extraction import extract
from gensec_quiz.extraction.model import Block, Fact, Seed
from gensec_quiz.extraction.people import People
from gensec_quiz.extraction.prose import Context, Reader
from gensec_quiz.extraction.rules_en import ENGLISH_RULES
from gensec_quiz.extraction.rules_fr import FRENCH_RULES
from gensec_quiz.extraction.titles import Titles

DATA = Path(__file__).resolve().parent / "data" / "extraction"
PEOPLE = ("Joseph Stalin", "Georgy Malenkov", "Nikita Khrushchev", "Leonid Brezhnev",
          "Vladimir Lenin", "Vladimir Ivashko", "Mikhail Gorbachev")
TITLES = ("General Secretary", "First Secretary", "Responsible Secretary")


def _read(text: str, *, language: str = "en", person: str = "", office: str = "",
          anchor: PartialDate | None = None) -> list[Fact]:
    seed = Seed(SourceId("seed-x"), Path("x.txt"), "article", language, text, text)
    people = People()
    for name in PEOPLE:
        people.add(name, canonical=True)
    titles = Titles(set(TITLES))
    reader = Reader((*ENGLISH_RULES, *FRENCH_RULES), Context(people, titles, "General Secretary"))
    return reader.read(Block(seed, 0, len(text), person=person, office=office, anchor=anchor))


def _events(facts: list[Fact]) -> dict[str, str]:
    return {f.subject: f.value for f in facts if f.kind == "event"}


def test_nine_days_later_takes_its_year_from_the_previous_date_and_quotes_both() -> None:
    text = ("When Stalin died on 5 March 1953, Malenkov was the most important member. "
            "Malenkov became Chairman of the Council of Ministers, but was forced to resign "
            "from the Secretariat nine days later on 14 March.")
    facts = _read(text)
    assert _events(facts) == {"death-of-stalin": "1953-03-05",
                              "malenkov-leaves-the-secretariat": "1953-03-14"}
    resign = next(f for f in facts if f.subject == "malenkov-leaves-the-secretariat")
    assert resign.source.quote == text  # the year is in the first sentence
    assert resign.attr("text") == "Georgy Malenkov is forced to leave the Secretariat"


def test_that_same_year_and_a_pronoun_make_a_tenure_start() -> None:
    text = ("In 1953 Malenkov left. This left Khrushchev in control, and he was elected to the "
            "new office of First Secretary at the plenum on 14 September that same year.")
    (start,) = [f for f in _read(text) if f.kind == "tenure"]
    assert (start.subject, start.field, start.value, start.attr("office")) == (
        "khrushchev", "start", "1953-09-14", "First Secretary")


def test_a_table_note_speaks_of_its_row_person_and_dates_a_ban_from_its_suspension() -> None:
    note = ("He became acting General Secretary following Gorbachev's resignation. Its "
            "activities were suspended on 29 August 1991, and it was banned on 6 November.")
    facts = _read(note, person="ivashko", office="General Secretary",
                  anchor=PartialDate(1991, 8, 24))
    assert _events(facts) == {"party-suspended": "1991-08-29", "party-banned": "1991-11-06"}
    acting = [f for f in facts if f.field == "acting"]
    assert [(f.subject, f.value) for f in acting] == [("ivashko", "true")]


def test_a_congress_is_dated_by_its_row_only_when_the_row_office_was_elected_there() -> None:
    molotov = _read("Molotov was elected Responsible Secretary at the 10th Party Congress.",
                    person="molotov", office="Responsible Secretary",
                    anchor=PartialDate(1921, 3, 16))
    ivashko = _read("Ivashko was elected Deputy General Secretary at the 28th Party Congress.",
                    person="ivashko", office="General Secretary", anchor=PartialDate(1991, 8, 24))
    assert _events(molotov) == {"10th-party-congress": "1921"}
    assert _events(ivashko) == {}


def test_a_congress_takes_the_date_written_next_to_it_not_another_one() -> None:
    text = "On October 16, 1952, Stalin formally abolished the position at the 19th Party Congress."
    facts = _read(text, person="stalin", office="General Secretary")
    assert _events(facts) == {"general-secretary-abolished": "1952-10-16"}


def test_ordinal_words_name_congresses() -> None:
    facts = _read("His election occurred after the Eleventh Party Congress (March–April 1922).")
    assert _events(facts) == {"11th-party-congress": "1922-03"}


def test_two_years_in_one_sentence_give_two_events_not_one_disputed_date() -> None:
    text = "Khrushchev removed his rivals from power in both 1955 and 1957."
    found = sorted((f.subject, f.value) for f in _read(text)
                   if f.subject.startswith("khrushchev-removes-rivals"))
    assert found == [("khrushchev-removes-rivals-1955", "1955"),
                     ("khrushchev-removes-rivals-1957", "1957")]


def test_an_undated_mention_supports_an_event_without_a_date() -> None:
    facts = _read("Following the failed August coup of 1991, Gorbachev resigned as General "
                  "Secretary.")
    assert _events(facts) == {"august-coup": "1991-08", "gorbachev-resigns": ""}


def test_french_sentences_name_english_persons_and_titles() -> None:
    text = ("Après la mort de Staline en 1953, le poste a été renommé premier secrétaire du "
            "Parti. Néanmoins, Nikita S. Khrouchtchev (1953-1964) a réussi à utiliser le poste "
            "de premier secrétaire.")
    facts = _read(text, language="fr")
    assert _events(facts) == {"death-of-stalin": "1953", "office-renamed-first-secretary": "1953"}
    tenure = sorted((f.field, f.value) for f in facts if f.kind == "tenure")
    assert tenure == [("end", "1964"), ("office", "First Secretary"), ("start", "1953")]
    assert all(f.subject == "khrushchev" for f in facts if f.kind == "tenure")


def test_every_quote_is_a_substring_of_the_text_read() -> None:
    text = ("In October 1952, at the 19th Party Congress, Stalin restructured the leadership. "
            "In the end, the congress formally abolished Stalin's office of General Secretary.")
    facts = _read(text)
    assert _events(facts) == {"19th-party-congress": "1952-10",
                              "general-secretary-abolished": "1952-10"}
    assert all(f.source.quote in text for f in facts)


def test_an_edge_table_gives_reasons_acting_and_relative_dates(tmp_path: Path) -> None:
    shutil.copy(DATA / "edge_table.txt", tmp_path / "002_edge.txt")
    records = extract(tmp_path).records
    reasons = {t.person: (t.end_reason, t.acting) for t in records.tenures}
    assert reasons == {"Anna Petrova": ("died", False), "Boris Orlov": ("resigned", False),
                       "Ivan Sidorov": ("party suspended", True)}
    events = {e.id: e for e in records.events}
    assert events["event-1940-party-banned"].date == PartialDate(1940, 11, 6)
    congress = events["event-1922-4th-party-congress"]
    assert congress.date == PartialDate(1922) and "officeholder table" in congress.note
