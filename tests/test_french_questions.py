"""Question sets in French (issue 18): the same records and seed give a set written in French,
whatever language the interface speaks; the records' French wording comes from an overlay."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from day_support import asked_to_the_day
from french_support import FRENCH_PO, compile_french_catalogue
from gensec_quiz import i18n
from gensec_quiz.bank.builtin import builtin_records
from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.bank.gift import export_gift
from gensec_quiz.bank.moodle_xml import export_moodle_xml, written_forms
from gensec_quiz.bank.moodle_xml_read import read_moodle_xml
from gensec_quiz.bank.questions_json import dump_question_set, question_set_from_dict
from gensec_quiz.bank.record_wording import (
    load_record_wording,
    record_wording_from_dict,
    unknown_ids,
)
from gensec_quiz.cli import main
from gensec_quiz.domain.dates import FRENCH_MONTH_NAMES, MONTH_NAMES, PartialDate
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.generation import enumerate_questions, generate_question_set
from gensec_quiz.generation.text_view import question_set_text

ROOT = Path(__file__).resolve().parent.parent
FRENCH_JSON = ROOT / "question_bank" / "records" / "french.json"
SEED_004 = next((ROOT / "seeds").glob("004_*.txt"))
# Words of the English templates and records that no French sentence of ours contains.
ENGLISH = re.compile(
    r"\b(the|did|was|were|what|who|which|when|match|put|arrange|became|becomes|succeeded|"
    r"office|secretary|year|years|and|of|in|until|acting|party|congress)\b|\bSources?:",
    re.IGNORECASE)
SEEDS = range(8)


@pytest.fixture(scope="module", autouse=True)
def _french_catalogue() -> None:
    compile_french_catalogue()


@pytest.fixture(scope="module")
def records() -> RecordSet:
    return builtin_records()


@pytest.fixture(scope="module")
def french_sets(records: RecordSet) -> list[QuestionSet]:
    return [generate_question_set(records, count=20, seed=seed, difficulty=difficulty,
                                  language="fr")
            for seed in SEEDS for difficulty in (1, 2, 3)]


def texts(question: Question) -> list[str]:
    """Every text a learner or a teacher reads in a question."""
    found = [question.prompt, question.explanation]
    if isinstance(question, OrderingQuestion):
        found += [item.text for item in question.items]
    elif isinstance(question, MatchingQuestion):
        found += [p.left for p in question.pairs] + [p.right for p in question.pairs]
        found += list(question.extra_right)
    return found


def all_texts(question_set: QuestionSet) -> Iterator[tuple[str, str]]:
    yield "title", question_set.title
    for question in question_set.questions:
        for text in texts(question):
            yield question.id, text


def test_a_french_set_has_no_english_template_or_record_words(
        french_sets: list[QuestionSet]) -> None:
    # The source line names the English article by its own page title ("Wikipédia,
    # « General Secretary of the ... »"): a title, not a sentence of ours.
    titled = re.compile(r"Wikipédia, «\u00a0[^»]*»")
    english = [(where, text) for qs in french_sets for where, text in all_texts(qs)
               if ENGLISH.search(titled.sub("Wikipédia", text))]
    assert english == []
    assert any(titled.search(text) for qs in french_sets for _, text in all_texts(qs))


def test_a_french_set_writes_its_dates_the_french_way(
        french_sets: list[QuestionSet]) -> None:
    months = re.compile(rf"\b({'|'.join(MONTH_NAMES)})\b")
    assert [t for qs in french_sets for _, t in all_texts(qs) if months.search(t)] == []
    printed = "".join(question_set_text(qs) for qs in french_sets)
    assert re.search(rf"\b\d{{1,2}} ({'|'.join(FRENCH_MONTH_NAMES)}) \d{{4}}\b", printed)
    assert "1er " in printed or re.search(r"\b1 (mars|avril)", printed) is None


def test_french_punctuation_has_its_no_break_spaces(french_sets: list[QuestionSet]) -> None:
    """French typography: a no-break space before : ; ? ! and inside guillemets."""
    bad = re.compile(r"(?<![\u00a0\u202f])[:;?!]|«(?!\u00a0)|(?<!\u00a0)»")
    found = [(where, text) for qs in french_sets for where, text in all_texts(qs)
             if bad.search(text)]
    assert found == []


def test_french_elides_where_it_must(french_sets: list[QuestionSet]) -> None:
    """"lorsqu'une", "qu'il": never "lorsque une", "que il"."""
    unelided = re.compile(r"\b(lorsque|puisque|que|jusque) (il|elle|on|un|une|en)\b",
                          re.IGNORECASE)
    found = [t for qs in french_sets for _, t in all_texts(qs) if unelided.search(t)]
    assert found == []
    said = [e["said"] for e in json.loads(FRENCH_JSON.read_text("utf-8"))["events"].values()]
    assert [s for s in said if s.split()[0] in ("il", "elle", "on", "un", "une", "en")] == []


def test_every_question_of_a_french_set_is_asked(french_sets: list[QuestionSet]) -> None:
    prompts = [q.prompt for qs in french_sets for q in qs.questions]
    # 24 sets of 8-13 questions: one fact in one question of a set, and no kind above 2/5 of
    # it, keep the built-in records' sets short.
    assert len(prompts) > 180
    assert all(p.endswith(("\u202f?", ".")) for p in prompts)
    kinds = {q.type for qs in french_sets for q in qs.questions}
    assert kinds == {"ordering", "matching", "date"}


def test_the_same_seed_gives_the_same_french_set(records: RecordSet) -> None:
    first = generate_question_set(records, count=20, seed=3, difficulty=2, language="fr")
    again = generate_question_set(records, count=20, seed=3, difficulty=2, language="fr")
    assert dump_question_set(first) == dump_question_set(again)


def test_a_french_set_records_its_language_and_an_english_one_keeps_its_id(
        records: RecordSet) -> None:
    french = generate_question_set(records, count=10, seed=1, language="fr")
    english = generate_question_set(records, count=10, seed=1)
    assert french.language == "fr" and english.language == "en"
    assert french.id != english.id
    data = json.loads(dump_question_set(french))
    assert data["language"] == "fr"
    assert question_set_from_dict(data).language == "fr"
    assert "language" not in json.loads(dump_question_set(english))
    old = json.loads(dump_question_set(english))
    assert question_set_from_dict(old).language == "en"


def test_a_french_set_is_french_whatever_the_interface_speaks(records: RecordSet) -> None:
    french = dump_question_set(generate_question_set(records, count=12, seed=5,
                                                     language="fr"))
    english = dump_question_set(generate_question_set(records, count=12, seed=5))
    i18n.install("fr")
    try:
        assert dump_question_set(generate_question_set(records, count=12, seed=5,
                                                       language="fr")) == french
        assert dump_question_set(generate_question_set(records, count=12, seed=5)) == english
    finally:
        i18n.install("en")


def test_the_questions_of_a_french_set_rest_on_facts_the_english_generator_asks(
        records: RecordSet) -> None:
    """The overlay changes the words, never which facts may be asked. (The sets of one seed
    may differ: the give-away check reads each question's own words, and a French detail may
    name a year the English one does not.)"""
    askable = {q.basis for q in enumerate_questions(records, types=["date"], difficulty=3)}
    for seed in (0, 4):
        french = generate_question_set(records, count=20, seed=seed, difficulty=3,
                                       language="fr")
        english = generate_question_set(records, count=20, seed=seed, difficulty=3)
        assert {q.basis for q in french.questions if q.type == "date"} <= askable
        assert abs(len(french.questions) - len(english.questions)) <= 3


def test_the_overlay_names_only_records_that_exist_and_every_event(
        records: RecordSet) -> None:
    wording = load_record_wording(FRENCH_JSON)
    assert wording.records == records.id and wording.language == "fr"
    assert unknown_ids(wording, records) == []
    assert {e.id for e in records.events} <= set(wording.events)
    assert {t.person for t in records.tenures} <= set(wording.people)
    assert {o.name for o in records.offices} <= set(wording.offices)


def test_the_titles_seed_004_gives_cite_its_words() -> None:
    seed = SEED_004.read_text(encoding="utf-8")
    offices = json.loads(FRENCH_JSON.read_text(encoding="utf-8"))["offices"]
    cited = {name: office for name, office in offices.items() if office.get("quote")}
    assert {o["name"] for o in cited.values()} == {"secrétaire général", "premier secrétaire"}
    for office in cited.values():
        assert office["source"] == "seed-004"
        assert office["quote"] in seed
        assert office["name"] in office["quote"]


def test_a_bad_overlay_is_refused_with_its_place() -> None:
    with pytest.raises(InputError) as caught:
        record_wording_from_dict({"format": "gensec-quiz/record-wording", "version": 1,
                                  "language": "de", "records": "gensec",
                                  "events": {"e1": {"text": ""}}}, "french.json")
    problems = caught.value.sentences()
    assert any("language" in p for p in problems)
    assert any("events.e1" in p for p in problems)


def test_a_teachers_french_csv_keeps_its_own_names(tmp_path: Path) -> None:
    tenures = tmp_path / "presidents.csv"
    tenures.write_text(
        "person,office,start,end,end_reason,acting,note\n"
        "Charles de Gaulle,président de la République,1959-01-08,1969-04-28,démission,false,\n"
        "Alain Poher,président de la République,1969-04-28,1969-06-20,,true,\n"
        "Georges Pompidou,président de la République,1969-06-20,1974-04-02,mort,false,\n"
        "Valéry Giscard d'Estaing,président de la République,1974-05-27,1981-05-21,,false,\n"
        "François Mitterrand,président de la République,1981-05-21,1995-05-17,,false,\n",
        encoding="utf-8")
    events = tmp_path / "evenements.csv"
    events.write_text(
        "date,text,note\n"
        "1958-10-04,La Constitution de la Ve République est adoptée.,\n"
        "1962-10-28,Un référendum instaure l'élection du président au suffrage universel "
        "direct.,\n"
        "1968-05,Grèves et manifestations secouent la France.,\n"
        "1981-10-09,La peine de mort est abolie.,\n", encoding="utf-8")
    records = load_records_csv([tenures, events])
    for seed in range(4):
        question_set = generate_question_set(records, count=10, seed=seed, language="fr")
        assert question_set.questions
        for where, text in all_texts(question_set):
            assert not ENGLISH.search(text), (where, text)
        printed = question_set_text(question_set)
        # The teacher's own spelling of the names (a set of 3-4 questions, one a tenure,
        # names one or two of them).
        assert any(name in printed for name in (
            "Charles de Gaulle", "Alain Poher", "Georges Pompidou", "Valéry Giscard d'Estaing",
            "François Mitterrand"))
        assert "président de la République" in printed


def _set_with_a_day(records: RecordSet) -> QuestionSet:
    """A French difficulty-3 set with one question asked to the day (`asked_to_the_day`: the
    generator asks a day only where the sources disagree on it)."""
    question_set = generate_question_set(records, count=20, seed=4, difficulty=3,
                                         language="fr")
    return asked_to_the_day(question_set, records)


def _date_question(question_set: QuestionSet, precision: str) -> DateQuestion:
    return next(q for q in question_set.questions
                if isinstance(q, DateQuestion) and q.precision == precision and not q.choices)


def test_moodle_xml_of_a_french_set_is_in_french(records: RecordSet) -> None:
    question_set = _set_with_a_day(records)
    xml = export_moodle_xml(question_set, records)
    assert "Votre réponse est correcte." in xml and "Your answer" not in xml
    day = _date_question(question_set, "day")
    answer = day.answer.human_in("fr")
    assert f"<text>{answer}</text>" in xml
    assert "Répondez par le jour, le mois et l'année" in xml
    read = read_moodle_xml(xml)
    assert read.language == "fr"
    assert [q.prompt for q in read.questions] == [q.prompt for q in question_set.questions]


def test_a_french_short_answer_accepts_french_forms() -> None:
    assert set(written_forms(PartialDate(1953, 3, 5), "fr")) == {
        "1953-03-05", "5 mars 1953", "5/3/1953", "05/03/1953"}
    forms = written_forms(PartialDate(1953, 3, 1), "fr")
    assert {"1953-03-01", "1er mars 1953", "1 mars 1953", "1/3/1953", "01/03/1953"} == \
        set(forms)
    assert set(written_forms(PartialDate(1921, 3), "fr")) == {"1921-03", "mars 1921",
                                                              "03/1921"}
    assert written_forms(PartialDate(1953, 3, 5)) == ["1953-03-05", "5 March 1953",
                                                      "March 5, 1953"]


def test_gift_of_a_french_set_is_in_french(records: RecordSet) -> None:
    question_set = _set_with_a_day(records)
    gift = export_gift(question_set)
    assert gift.startswith("// Jeu de questions GenSec Quiz\u00a0:")
    day = _date_question(question_set, "day")
    assert f"={day.answer.human_in('fr')}" in gift
    assert "Answer with" not in gift


def test_the_command_line_writes_a_french_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--language", "fr", "--count", "5", "--seed", "2",
                 "--format", "text"]) == 0
    printed = capsys.readouterr().out
    assert "Corrigé\u00a0:" in printed and "Key:" not in printed
    assert main(["generate", "--language", "de"]) == 1
    assert "--language must be en or fr (got 'de')." in capsys.readouterr().err


def test_every_question_text_msgid_is_translated() -> None:
    """Every msgid the generator, grading and exports write has a French translation, none
    fuzzy (the interface's own msgids are the interface catalogue's business)."""
    ours = ("src/gensec_quiz/generation/", "src/gensec_quiz/domain/grading",
            "src/gensec_quiz/domain/dates.py", "src/gensec_quiz/bank/moodle_xml.py",
            "src/gensec_quiz/bank/gift.py", "src/gensec_quiz/bank/record_wording.py",
            "src/gensec_quiz/bank/question_set_model.py", "src/gensec_quiz/bank/questions_json.py",
            "src/gensec_quiz/commands/generate.py")
    with FRENCH_PO.open("rb") as source:
        catalog = read_po(source)
    missing = [m.id for m in catalog if m.id and any(
        loc.startswith(ours) for loc, _ in m.locations)
        and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))]
    assert missing == []


class _Recording:
    """A catalogue that notes every text it is asked to translate."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.asked: set[str] = set()

    def gettext(self, text: str) -> str:
        self.asked.add(text)
        return str(self.inner.gettext(text))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        self.asked.update((singular, plural))
        return str(self.inner.ngettext(singular, plural, count))


def test_every_text_the_generator_translates_is_in_the_catalogue(
        records: RecordSet, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Whatever path a text takes to `Wording.tr` (a literal, an N_ constant, a table), the
    extractor found it: no question text reaches a French set untranslated."""
    from gensec_quiz.generation import wording as wording_module

    recording = _Recording(i18n.translation("fr"))
    monkeypatch.setattr(wording_module, "translation", lambda _language: recording)
    for seed in range(6):
        for difficulty in (1, 2, 3):
            question_set = generate_question_set(records, count=20, seed=seed,
                                                 difficulty=difficulty, language="fr")
            question_set_text(question_set)
    csv = tmp_path / "events.csv"
    csv.write_text("date,text,note\n1958-10-04,La Constitution est adoptée.,\n"
                   "1962-10-28,Un référendum a lieu.,\n1968-05,Des grèves éclatent.,\n"
                   "1981-10-09,La peine de mort est abolie.,\n", encoding="utf-8")
    generate_question_set(load_records_csv([csv]), count=5, language="fr")
    with FRENCH_PO.open("rb") as source:
        catalog = read_po(source)
    translated = set()
    for message in catalog:
        if message.id and not message.fuzzy:
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            strings = [message.string] if isinstance(message.string, str) else message.string
            if all(strings):
                translated.update(ids)
    assert len(recording.asked) > 80
    assert sorted(recording.asked - translated) == []
