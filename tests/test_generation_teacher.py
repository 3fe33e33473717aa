"""Questions a teacher would write: past-tense prompts, no give-aways, shuffled choices, short
explanations naming witnesses; each rule checked over many seeds and several topics."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from generation_rich import dated_keys, rich_records
from gensec_quiz.bank.builtin import load_records
from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.cli import main
from gensec_quiz.domain.dates import MONTH_NAMES
from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.domain.records import Event, RecordSet
from gensec_quiz.generation import enumerate_questions, generate_question_set
from gensec_quiz.generation.context import Context
from gensec_quiz.generation.phrasing import has_ordinal, headline_clause, kind_of

TOPICS = Path(__file__).resolve().parent / "data" / "topics"


def _topic(name: str) -> RecordSet:
    return load_records_csv([TOPICS / name / "presidents.csv", TOPICS / name / "events.csv"])


RECORDS = {"rich": rich_records(), "builtin": load_records([]), "france": _topic("france"),
           "us": _topic("us-presidents")}
SEEDS = range(8)


@functools.cache
def quiz(name: str, seed: int, difficulty: int, count: int = 20) -> QuestionSet:
    return generate_question_set(RECORDS[name], count=count, seed=seed, difficulty=difficulty)


def quizzes(name: str) -> list[QuestionSet]:
    return [quiz(name, seed, difficulty) for seed in SEEDS for difficulty in (1, 2, 3)]


@functools.cache
def every_question(name: str) -> list[Question]:
    return [q for d in (1, 2, 3) for q in enumerate_questions(RECORDS[name], difficulty=d)]


def learner_texts(question: Question) -> list[str]:
    texts = [question.prompt, question.explanation]
    if isinstance(question, OrderingQuestion):
        texts += [i.text for i in question.items]
    if isinstance(question, MatchingQuestion):
        texts += [t for p in question.pairs for t in (p.left, p.right)]
        texts += list(question.extra_right)
    return texts


# ------------------------------------------------------------------ prompts


@pytest.mark.parametrize("name", RECORDS)
def test_every_date_prompt_is_one_past_tense_question(name: str) -> None:
    for question in every_question(name):
        if not isinstance(question, DateQuestion):
            continue
        prompt = question.prompt
        assert re.match(r"^(In what|On what|Until what|By what|For how many|How many) ",
                        prompt), prompt
        assert prompt.endswith("?") and prompt.count("?") == 1, prompt
        assert "did this happen" not in prompt, prompt
        assert not re.search(r"[a-z]\. [A-Z]", prompt), prompt


def test_a_judgement_or_an_aftermath_is_never_asked_matched_or_ordered() -> None:
    # "Stalin is now the unquestioned leader" (1928) against "the General Secretary becomes
    # the recognised leader" (1924): what historians judge has no year a teacher would mark,
    # and a party founded in 1993 is not the office's history.
    records = RECORDS["builtin"]
    judged = {e.id for e in records.events if e.kind == "leadership"
              or (e.end is not None and e.end.year > e.date.year) or e.date.year > 1991}
    assert "event-1928-stalin-de-facto-leader" in judged
    assert "event-1993-ucp-cpsu-established" in judged
    for difficulty in (1, 2, 3):
        for question in enumerate_questions(records, difficulty=difficulty):
            assert not {b.record for b in question.basis} & judged, question.prompt
            assert "had Stalin" not in question.prompt


def test_a_tenure_end_is_asked_and_explained_by_how_it_ended() -> None:
    asked = {q.prompt: q.explanation for q in enumerate_questions(
        RECORDS["builtin"], types=["date"], difficulty=2) if isinstance(q, DateQuestion)}
    assert "In what year was Nikolay Krestinsky replaced as Responsible Secretary?" in asked
    # Molotov's post gave way to a new one (General Secretary): he was not "replaced as
    # Responsible Secretary".
    assert "In what year did Vyacheslav Molotov's time as Responsible Secretary end?" in asked
    assert "In what year was Elena Stasova demoted from the office of Responsible " \
        "Secretary?" in asked
    # Stalin's tenure ended with the office (abolished in 1952; he led until 1953): its year
    # is the abolition's, which an event question asks, not the end of Stalin's rule.
    assert "Until what year was Joseph Stalin General Secretary?" not in asked


def test_a_title_matching_dates_each_title_without_a_party_name_of_another_time() -> None:
    explanations = [q.explanation for q in every_question("builtin")
                    if isinstance(q, MatchingQuestion) and "Krestinsky" in q.explanation
                    and any(p.right == "Responsible Secretary" for p in q.pairs)
                    and any(p.left == "Nikolay Krestinsky" for p in q.pairs)]
    assert explanations
    assert all("Nikolay Krestinsky was Responsible Secretary from 1919 to 1921." in e
               for e in explanations)
    # Stalin took office in 1922 under the Russian party's name; "All-Union" came in 1925
    assert not [q for q in every_question("builtin") if "All-Union" in q.explanation]
    assert not [q for q in every_question("builtin") if "Added by hand" in q.explanation]


def test_a_written_clause_is_the_question_a_teacher_would_ask() -> None:
    prompts = {q.prompt for q in enumerate_questions(RECORDS["rich"], types=["date"],
                                                     difficulty=2)}
    assert ("In what year did Khrushchev denounce Stalin's cult of personality at the 20th "
            "Party Congress?") in prompts
    assert "In what year did Vladimir Lenin die?" in prompts
    assert "In what year did Leonid Brezhnev die in office as General Secretary?" in prompts
    assert "In what year was Nikita Khrushchev removed from the office of First Secretary?" \
        in prompts
    assert "In what year did Mikhail Gorbachev resign as General Secretary?" in prompts
    assert "In what year was the office re-created under the title First Secretary?" in prompts


@pytest.mark.parametrize(("headline", "clause"), [
    ("Vladimir Lenin dies", "did Vladimir Lenin die"),
    ("The office is renamed General Secretary", "was the office renamed General Secretary"),
    ("The party's activities are suspended", "were the party's activities suspended"),
    ("The October Revolution", "did the October Revolution take place"),
    ("The first cohabitation government takes office.",
     "did the first cohabitation government take office"),
    ("Protests and general strikes shake France.",
     "did Protests and general strikes shake France"),
    ("Khrushchev abolishes the sovnarkhozy", "did Khrushchev abolish the sovnarkhozy"),
    ("Utah becomes a state.", "did Utah become a state"),
])
def test_a_headline_without_a_written_clause_becomes_a_past_tense_clause(
        headline: str, clause: str) -> None:
    assert headline_clause(headline) == clause


def test_a_teachers_csv_event_is_asked_in_the_past_tense() -> None:
    prompts = {q.prompt for q in every_question("france")}
    assert "In what year was the Constitution of the Fifth Republic adopted?" in prompts


def test_a_span_is_never_asked_finer_than_its_start_and_end_share() -> None:
    questions = [q for q in every_question("rich") if isinstance(q, DateQuestion)]
    congress = [q for q in questions
                if q.basis[0].record == "event-1956-20th-party-congress"]
    assert congress and {q.precision for q in congress} <= {"year", "month"}
    # A process over years ("Gorbachev reorganises the presidency", 1988-1989) is a
    # judgement and never asked at all.
    assert not [q for q in questions
                if q.basis[0].record == "event-1988-gorbachev-reorganises-the-presidency"]


def test_a_span_over_several_years_is_asked_only_when_the_question_asks_when_it_began() -> None:
    records = rich_records()
    presidency = records.record("event-1988-gorbachev-reorganises-the-presidency")
    assert isinstance(presidency, Event)
    headline_only = dataclasses.replace(presidency, asked="")
    ongoing = dataclasses.replace(presidency, asked="did Gorbachev reorganise the presidency")
    for event in (headline_only, ongoing):
        changed = dataclasses.replace(records, events=tuple(
            event if e.id == event.id else e for e in records.events))
        asked = [q for d in (1, 2, 3) for q in enumerate_questions(changed, difficulty=d)
                 if isinstance(q, DateQuestion) and q.basis[0].record == event.id]
        assert asked == [], event.asked




@pytest.mark.parametrize("name", RECORDS)
def test_a_prompt_never_names_the_year_or_month_it_asks(name: str) -> None:
    for question in every_question(name):
        if not isinstance(question, DateQuestion) or question.measure != "date":
            continue
        assert not re.search(rf"(?<!\d){question.answer.year}(?!\d)", question.prompt)
        if question.precision != "year" and question.answer.month is not None:
            assert MONTH_NAMES[question.answer.month - 1] not in question.prompt, \
                question.prompt


# ------------------------------------------------------------------ give-aways in a set


@pytest.mark.parametrize("name", RECORDS)
def test_no_date_question_asks_a_day_another_question_rests_on(name: str) -> None:
    ctx = Context(RECORDS[name])
    for question_set in quizzes(name):
        for question in question_set.questions:
            if not isinstance(question, DateQuestion) or question.measure != "date":
                continue
            asked = ctx.facts[question.basis[0].key()]
            if asked.date.day is None:
                continue
            for other in question_set.questions:
                if other is question:
                    continue
                # No text of another question states the day, not even its explanation.
                assert asked.date.human() not in " ".join(learner_texts(other)), other.prompt
                for key in dated_keys(other):
                    fact = ctx.facts.get(key)
                    assert fact is None or fact.date != asked.date, (
                        f"{question.prompt} / {other.prompt}")


@pytest.mark.parametrize("name", RECORDS)
def test_no_fact_is_asked_in_more_than_two_questions_and_twice_only_as_ordering_items(
        name: str) -> None:
    for question_set in quizzes(name):
        seen: dict[str, list[str]] = {}
        for question in question_set.questions:
            for key in dated_keys(question):
                seen.setdefault(key, []).append(question.type)
        for key, types in seen.items():
            assert len(types) <= 2, key
            assert len(types) == 1 or types == ["ordering", "ordering"], key


@pytest.mark.parametrize("name", RECORDS)
def test_a_harder_ordering_keeps_its_items_closer_in_time(name: str) -> None:
    ctx = Context(RECORDS[name])
    reach = {1: 40, 2: 25, 3: 20}
    gap = {1: 25, 2: 12, 3: 10}  # neighbours within a generation (1), a decade (2, 3)
    for question in every_question(name):
        if not isinstance(question, OrderingQuestion):
            continue
        facts = [ctx.facts[item.basis[0].key()] for item in question.items]
        assert facts[-1].hi.year - facts[0].lo.year <= reach[question.difficulty], \
            [i.text for i in question.items]
        assert all(b.lo.year - a.hi.year <= gap[question.difficulty]
                   for a, b in itertools.pairwise(facts)), [i.text for i in question.items]
        # A lasting state ("the recognised leader, 1924–1991") has no place in an order.
        assert all(f.span is None or f.span.year - f.date.year <= 1 for f in facts)


def test_the_recognised_leader_is_in_no_ordering() -> None:
    assert not [q for q in every_question("builtin") if isinstance(q, OrderingQuestion)
                and any(i.basis[0].record == "event-1924-officeholder-leads-the-country"
                        for i in q.items)]


@pytest.mark.parametrize("name", RECORDS)
def test_no_ordering_answers_itself_by_ordinals_or_logic(name: str) -> None:
    records = RECORDS[name]
    ctx = Context(records)
    for question in every_question(name):
        if not isinstance(question, OrderingQuestion):
            continue
        texts = [i.text for i in question.items]
        events = [i.text for i in question.items if i.basis[0].record in ctx.events]
        assert sum(1 for t in events if has_ordinal(t)) <= 1, texts
        # A person named in two items only for two deeds of theirs (Khrushchev denounces
        # Stalin in 1956, removes his rivals in 1957), never beside their start or end (Stalin
        # dies; Khrushchev denounces Stalin's cult): the start or end places the other item.
        people: Counter[str] = Counter()
        bounds: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        ended: list[set[str]] = []
        for item in question.items:
            record = item.basis[0].record
            if record in ctx.tenures:
                people[ctx.tenures[record].person] += 1
                bounds[ctx.tenures[record].person] += 1
            elif record in ctx.events:
                event = ctx.events[record]
                named = {p for p in ctx.people_in(event) if p.split()[-1] in event.text}
                people.update(named)
                kind = kind_of(event)
                kinds[kind] += 1
                if kind in ("death", "removal", "resignation"):
                    # "Khrushchev removes Malenkov, Molotov and Kaganovich": not Khrushchev.
                    remover = event.text.split(" removes ")[0] if " removes " in event.text \
                        else ""
                    gone = {p for p in named if p.split()[-1] not in remover}
                    ended.append(gone)
                    bounds.update(gone)
                elif kind in ("appointment", "leadership", "office"):
                    bounds.update(named)
        assert all(n == 1 for p, n in people.items() if bounds[p]), texts
        # "X dies" and, in another item, "Y succeeds X": the second item's place follows from
        # the first. One item that names both ("removes Khrushchev, and Brezhnev succeeds
        # him") forces nothing.
        assert not {(a, b) for first, second in itertools.permutations(ended, 2)
                    for a in first for b in second if b in ctx.successors.get(a, ())}, texts
        assert kinds["office"] <= 1 and kinds["party"] <= 1 and kinds["death"] <= 2, texts
        titles = {ctx.views[i.basis[0].record].office for i in question.items
                  if i.basis[0].record in ctx.tenures}
        turns = [i.text for i in question.items if i.basis[0].record in ctx.events
                 and kind_of(ctx.events[i.basis[0].record]) == "office"]
        assert not [t for t in turns for title in titles if title and title in t], texts


@pytest.mark.parametrize("name", RECORDS)
def test_no_matching_on_years_answers_itself_by_ordinals(name: str) -> None:
    for question in every_question(name):
        if isinstance(question, MatchingQuestion) and all(
                p.right[:4].isdigit() for p in question.pairs):
            assert sum(1 for p in question.pairs if has_ordinal(p.left)) <= 1, question.pairs


@pytest.mark.parametrize("name", RECORDS)
def test_two_orderings_of_one_kind_never_share_an_item(name: str) -> None:
    from gensec_quiz.generation.ordering import PLAIN, PROMPTS

    # A prompt naming the office ("... when they became First Secretary or General
    # Secretary ...") is read by its template.
    templates = [(re.compile(re.escape(p).replace(re.escape("{office}"), ".+") + "$"), kind)
                 for table in (PROMPTS, PLAIN) for kind, prompts in table.items()
                 for p in prompts]

    def kind_of_prompt(prompt: str) -> str:
        return next(kind for pattern, kind in templates if pattern.match(prompt))

    for question_set in quizzes(name):
        seen: dict[str, set[str]] = {}
        for question in question_set.questions:
            if isinstance(question, OrderingQuestion):
                keys = {b.key() for b in question.basis}
                kind = kind_of_prompt(question.prompt)
                assert not keys & seen.get(kind, set()), question.prompt
                seen.setdefault(kind, set()).update(keys)


def test_no_matching_on_years_pairs_a_death_with_the_successors() -> None:
    ctx = Context(RECORDS["rich"])
    for question in every_question("rich"):
        if not isinstance(question, MatchingQuestion) or not all(
                p.right.isdigit() for p in question.pairs):
            continue
        ended = {p for pair in question.pairs if pair.basis[0].record in ctx.events
                 and kind_of(ctx.events[pair.basis[0].record]) == "death"
                 for p in ctx.people_in(ctx.events[pair.basis[0].record])}
        assert not {(a, b) for a in ended for b in ended if b in ctx.successors.get(a, ())}, \
            [p.left for p in question.pairs]


def test_a_death_and_the_successors_start_are_never_ordered_together() -> None:
    records = RECORDS["rich"]
    ctx = Context(records)
    for question in every_question("rich"):
        if not isinstance(question, OrderingQuestion):
            continue
        dead = {p for i in question.items if i.basis[0].record in ctx.events
                and kind_of(ctx.events[i.basis[0].record]) == "death"
                for p in ctx.people_in(ctx.events[i.basis[0].record])}
        for item in question.items:
            basis = item.basis[0]
            before = ctx.neighbour(basis.record, later=False) if basis.field == "start" \
                and basis.record in ctx.tenures else None
            assert before is None or before.person not in dead, [i.text for i in
                                                                 question.items]


def test_no_one_succeeds_across_an_abolished_office() -> None:
    pairs = {(p.left, p.right) for q in every_question("rich")
             if isinstance(q, MatchingQuestion) for p in q.pairs}
    assert ("Joseph Stalin", "Nikita Khrushchev") not in pairs
    assert ("Nikita Khrushchev", "Leonid Brezhnev, as First Secretary") in pairs


@pytest.mark.parametrize("name", RECORDS)
def test_no_two_date_questions_tell_one_topic_in_one_year(name: str) -> None:
    ctx = Context(RECORDS[name])
    for question_set in quizzes(name):
        seen: set[tuple[str, int]] = set()
        for question in question_set.questions:
            if not isinstance(question, DateQuestion) or question.measure != "date":
                continue
            topic = ctx.topic_of(ctx.facts[question.basis[0].key()])
            if topic:
                assert (topic, question.answer.year) not in seen, question.prompt
                seen.add((topic, question.answer.year))


@pytest.mark.parametrize("name", RECORDS)
def test_no_two_questions_ask_one_handover(name: str) -> None:
    """Chernenko dies on 10 March 1985 and Gorbachev takes office the next day: a quiz that
    asks the year of one never asks (or shows) the year of the other."""
    ctx = Context(RECORDS[name])
    handovers = {(f"{record}.end", f"{other}.start")
                 for (record, later), other in ctx.succession.items() if later}
    assert handovers
    for question_set in quizzes(name):
        owners: dict[str, int] = {}
        for number, question in enumerate(question_set.questions):
            if isinstance(question, DateQuestion):
                for ref in question.basis:
                    owners[ref.key()] = number
        for end, start in handovers:
            assert end not in owners or start not in owners, (end, start)


@pytest.mark.parametrize("name", RECORDS)
def test_no_topic_takes_more_date_questions_than_its_share_of_the_records(name: str) -> None:
    ctx = Context(RECORDS[name])
    dates = [q for q in every_question(name) if isinstance(q, DateQuestion)
             and q.measure == "date" and q.difficulty == 2]
    share = Counter(ctx.topic_of(ctx.facts[q.basis[0].key()]) for q in dates)
    total = sum(1 for q in every_question(name) if isinstance(q, DateQuestion)
                and q.difficulty == 2)
    for question_set in (quiz(name, seed, 2) for seed in SEEDS):
        asked = Counter(ctx.topic_of(ctx.facts[q.basis[0].key()])
                        for q in question_set.questions
                        if isinstance(q, DateQuestion) and q.measure == "date")
        for topic, found in asked.items():
            if topic:
                assert found <= max(2, -(-20 * share[topic] // total)), (topic, found)
    congresses = [sum(1 for q in quiz("builtin", seed, 2).questions
                      if isinstance(q, DateQuestion) and "Party Congress" in q.prompt)
                  for seed in SEEDS]
    assert max(congresses) <= 3, congresses


@pytest.mark.parametrize("name", RECORDS)
def test_each_type_is_spread_through_the_quiz(name: str) -> None:
    for question_set in quizzes(name):
        types = [q.type for q in question_set.questions]
        most = max(Counter(types).values())
        others = len(types) - most
        longest = max(len(list(run)) for _, run in itertools.groupby(types))
        assert longest <= -(-most // (others + 1)) + 1, types


# ------------------------------------------------------------------ choices


def test_choices_are_shuffled_with_the_sets_seed_so_the_key_is_anywhere() -> None:
    places: Counter[int] = Counter()
    for name in RECORDS:
        for seed in range(12):
            for question in quiz(name, seed, 1).questions:
                if isinstance(question, DateQuestion) and question.choices:
                    places[question.choices.index(question.answer.truncate("year"))] += 1
    total = sum(places.values())
    assert total >= 100
    assert all(places[i] / total > 0.15 for i in range(4)), places
    assert quiz("rich", 3, 1) == generate_question_set(RECORDS["rich"], count=20, seed=3,
                                                       difficulty=1)


def test_matching_pairs_are_shown_in_a_seeded_order_not_by_date() -> None:
    in_order = total = 0
    for name in RECORDS:
        for question_set in quizzes(name):
            for question in question_set.questions:
                if isinstance(question, MatchingQuestion) and all(
                        p.right.isdigit() for p in question.pairs):
                    years = [int(p.right) for p in question.pairs]
                    total += 1
                    in_order += years == sorted(years)
                    assert question.basis == tuple(b for p in question.pairs for b in p.basis)
    # Fewer than before: multiple choice now takes more of the matching places.
    assert total >= 12 and in_order / total < 0.4, (in_order, total)


# ------------------------------------------------------------------ explanations


@pytest.mark.parametrize("name", RECORDS)
def test_no_learner_facing_text_holds_an_internal_id(name: str) -> None:
    ids = [s.id for s in RECORDS[name].sources]
    records = [t.id for t in RECORDS[name].tenures] + [e.id for e in RECORDS[name].events]
    for question in every_question(name):
        for text in learner_texts(question):
            assert not any(i in text for i in ids), text
            assert not any(r in text for r in records), text
            assert "documents" not in text, text


def test_explanations_name_each_witness_once_and_briefly() -> None:
    for question in every_question("builtin"):
        line = question.explanation.rsplit("Source", 1)[-1]
        assert line.count("Wikipedia") <= 1, line
        assert len(line) < 90, line
    for question_set in quizzes("rich"):
        for question in question_set.questions:
            if isinstance(question, DateQuestion):
                assert len(question.explanation) < 400, question.explanation


def test_an_explanation_gives_context_beyond_the_answer() -> None:
    questions = [q for q in every_question("rich") if isinstance(q, DateQuestion)]
    lenin = next(q for q in questions if q.prompt == "In what year did Vladimir Lenin die?")
    assert "struggle for the succession" in lenin.explanation
    brezhnev = next(q for q in questions if q.basis[0].key() == "tenure-brezhnev-1964.start")
    assert "succeeding Nikita Khrushchev" in brezhnev.explanation


def test_a_disagreement_is_one_plain_sentence_naming_witnesses() -> None:
    question = next(q for q in every_question("rich") if isinstance(q, DateQuestion)
                    and q.basis[0].key() == "tenure-khrushchev-1953.start"
                    and q.precision == "day")
    note = [s for s in question.explanation.split(". ") if "disagree" in s]
    assert len(note) == 1 and "Wikipedia" in note[0] and "ProleWiki" in note[0]


def test_two_versions_of_one_article_that_disagree_are_named_as_versions() -> None:
    question = next(q for q in every_question("builtin") if isinstance(q, DateQuestion)
                    and q.basis[0].key() == "tenure-khrushchev-1953.start"
                    and q.precision == "day")
    assert "a version of Wikipedia gives" in question.explanation


def test_the_command_says_when_the_records_cannot_give_a_type_its_share(
        capsys: pytest.CaptureFixture[str]) -> None:
    # Orders of five items within fifteen years are few in the built-in records.
    # (Twelve asked: the built-in records give twelve to fourteen questions at difficulty 3,
    # one fact in one question only, multiple choice on how tenures ended among them.)
    # (Nine asked since the set-level rules of elimination, standing and one story per
    # tenure: the built-in records now give nine or ten at difficulty 3, and a set shorter
    # than asked is reported otherwise.)
    # (Six asked at seed 5 since one question per set tells the office's name and date
    # questions are placed before multiple choices in some tries: most sets of nine come full
    # with every type's share, or fall short of nine altogether, which the other sentence
    # reports.)
    # (Seed 1 since an order may name one person twice and never holds one moment twice:
    # the draws of seed 5 now fill six.)
    assert main(["generate", "--count", "6", "--seed", "1", "--difficulty", "3"]) == 0
    err = capsys.readouterr().err
    assert "could be made from these records" in err and "fill the rest" in err
    assert err.count("\n") == 1  # one sentence


def test_feedback_names_sources_by_witness_never_by_id() -> None:
    from gensec_quiz.ui.widgets.feedback import source_title, with_titles

    records = RECORDS["builtin"]
    assert source_title(records, "seed-001") == "Wikipedia"
    assert source_title(records, "seed-003") == "ProleWiki"
    assert source_title(records, "seed-004") == (
        "the French article “Première position au Parti communiste”")
    assert with_titles("seed-001 gives 1955", records) == "Wikipedia gives 1955"
    assert source_title(RECORDS["france"], "csv-events") == "events.csv"


# ------------------------------------------------------------------ beyond "when"


def test_who_held_the_office_when_something_happened_is_asked_truly() -> None:
    ctx = Context(RECORDS["rich"])
    asked = [p for q in every_question("rich") if isinstance(q, MatchingQuestion)
             and len(q.pairs) > 1 and "held the office" in q.prompt for p in q.pairs]
    assert asked
    for pair in asked:
        event, tenure = (b.record for b in pair.basis)
        holder = ctx.tenures[tenure]
        assert holder.person == pair.right
        assert holder.end is not None
        assert holder.start.sort_key() < ctx.events[event].date.sort_key() \
            < holder.end.sort_key()


def test_the_title_in_a_given_year_is_the_one_the_office_bore() -> None:
    asked = {(p.left, p.right) for q in every_question("rich")
             if isinstance(q, MatchingQuestion) and "called in each" in q.prompt
             for p in q.pairs}
    asked |= {(p.left, p.right) for q in every_question("rich")
              if isinstance(q, MatchingQuestion) and "title the office bore" in q.prompt
              for p in q.pairs}
    assert ("1956", "First Secretary") in asked
    assert all(left not in ("1952", "1953", "1966") for left, _ in asked)


def test_what_a_congress_did_is_matched_from_its_headline() -> None:
    pairs = {(p.left, p.right) for q in every_question("rich")
             if isinstance(q, MatchingQuestion) and "congress" in q.prompt for p in q.pairs}
    assert ("The 10th Party Congress (1921)", "bans factions within the party") in pairs
    assert not any(right.startswith("meets") for _, right in pairs)


# ------------------------------------------------------------------ the teacher's view


def test_the_text_format_prints_prompt_choices_key_and_explanation(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--count", "6", "--seed", "2", "--difficulty", "1",
                 "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.count("   Key: ") == 6
    assert out.count("   Explanation: ") == 6
    assert re.search(r"^1\. \[(ordering|matching|date|multiple choice)\] ", out, re.MULTILINE)


def test_a_source_line_names_the_partisan_wiki_only_when_it_alone_supports_the_fact() -> None:
    lines = [q.explanation.rsplit("Source", 1)[-1] for q in every_question("builtin")]
    assert any("ProleWiki" not in line and "Wikipedia" in line for line in lines)
    for question in every_question("builtin"):
        line = question.explanation.rsplit("Source", 1)[-1]
        if "ProleWiki" in line:  # then no other witness is cited for it
            assert line.startswith(": ProleWiki"), question.explanation


def test_a_disagreement_that_does_not_change_the_order_is_not_told() -> None:
    orders = [q for q in every_question("builtin") if isinstance(q, OrderingQuestion)
              and any(b.key() == "tenure-khrushchev-1953.start" for b in q.basis)]
    assert orders
    assert not any("disagree" in q.explanation for q in orders)


def test_an_order_explanation_tells_what_happened_in_the_past() -> None:
    orders = [q for q in every_question("builtin") if isinstance(q, OrderingQuestion)]
    told = [q.explanation.split(". Source")[0] for q in orders]
    assert any(" died in office (" in t for t in told)
    present = re.compile(r"\b(becomes|dies|creates|restores|makes|abolishes|is dissolved)\b")
    assert not [t for t in told if present.search(t)]
    for question in orders:  # the items themselves stay as the learner orders them
        assert not any(item.text.endswith(" died in office.") for item in question.items)
