"""Multiple choice beyond "when" (a one-pair matching with distractors), choices that never
repeat a value, balance between the types, and no internal id in any text a learner reads."""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from generation_rich import rich_records
from gensec_quiz.bank.builtin import load_records
from gensec_quiz.bank.csv_records import load_records_csv
from gensec_quiz.bank.questions_json import dump_question_set, question_set_from_dict
from gensec_quiz.bank.records_json import load_record_set
from gensec_quiz.bank.schemas import schema_text
from gensec_quiz.cli import main
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
from gensec_quiz.generation.choice import choice_order, is_choice
from gensec_quiz.generation.context import Context

TOPICS = Path(__file__).resolve().parent / "data" / "topics"


def _csv(name: str) -> RecordSet:
    return load_records_csv([TOPICS / name / "presidents.csv", TOPICS / name / "events.csv"])


RECORDS = {"builtin": load_records([]), "rich": rich_records(), "france": _csv("france"),
           "us": _csv("us-presidents"), "mini": load_record_set(TOPICS / "gensec-mini.json")}


@functools.cache
def quiz(name: str, seed: int, difficulty: int, count: int = 20) -> QuestionSet:
    return generate_question_set(RECORDS[name], count=count, seed=seed, difficulty=difficulty)


@functools.cache
def choices_of(name: str) -> list[MatchingQuestion]:
    return [q for d in (1, 2, 3) for q in enumerate_questions(RECORDS[name], difficulty=d)
            if isinstance(q, MatchingQuestion) and is_choice(q)]


def learner_texts(question: Question) -> list[str]:
    texts = [question.prompt, question.explanation]
    if isinstance(question, OrderingQuestion):
        texts += [i.text for i in question.items]
    if isinstance(question, MatchingQuestion):
        texts += [t for p in question.pairs for t in (p.left, p.right)]
        texts += list(question.extra_right)
    if isinstance(question, DateQuestion):
        texts += [c.iso() for c in question.choices]
    return texts


# ------------------------------------------------------------------ multiple choice


@pytest.mark.parametrize("name", ["builtin", "rich", "france", "us"])
def test_a_one_pair_matching_asks_who_or_which_with_plausible_distractors(name: str) -> None:
    records = RECORDS[name]
    # Officeholders and the people the records' events name (Kosygin and Podgorny beside
    # Brezhnev): contemporaries, never someone from outside the records.
    people = {t.person for t in records.tenures} | {p for e in records.events
                                                      for p in e.people}
    titles = {o.name for o in records.offices} | {t.office for t in records.tenures}
    found = choices_of(name)
    assert found
    for question in found:
        assert re.match(r"^(Who|What|Which|How did|At which) ", question.prompt), \
            question.prompt
        assert question.prompt.endswith("?") and question.prompt.count("?") == 1
        assert 2 <= len(question.extra_right) <= 4, question.prompt
        choices = question.right_choices()
        assert len(set(choices)) == len(choices), question.prompt
        key = question.pairs[0].right
        if key in people:
            assert set(question.extra_right) <= people, question.extra_right
        elif key in titles:
            assert set(question.extra_right) <= titles, question.extra_right


def test_who_and_which_multiple_choice_is_asked_at_difficulties_1_and_2_only() -> None:
    # How a tenure ended, at which congress, who did something and what happened under whom
    # (teacher_choice) are asked at difficulty 3 too: the choices there are as near as the
    # records allow.
    older = [q for q in choices_of("rich") if not q.prompt.startswith(("How did", "At which",
                                                                       "Which Party",
                                                                       "Which of these"))
             and q.pairs[0].left != "Who"]
    assert {q.difficulty for q in older} == {1, 2}
    assert {q.difficulty for q in choices_of("rich")} == {1, 2, 3}
    kinds = {q.prompt.split()[0] + " " + q.prompt.split()[1] for q in choices_of("rich")}
    assert {"Who was", "What did", "Which title"} <= kinds
    # "What was the office called in 1959?" alone: obscure, and answered by any question
    # naming the title with its years; the years are matched several at a time instead.
    assert "What was" not in kinds


def test_who_held_the_office_is_the_one_holder_then_and_no_distractor_was() -> None:
    records = RECORDS["rich"]
    ctx = Context(records)
    asked = [q for q in choices_of("rich") if q.prompt.startswith("Who was")
             and " when " in q.prompt]
    assert asked
    for question in asked:
        event, tenure = (b.record for b in question.pairs[0].basis)
        when = ctx.events[event].date.sort_key()
        holder = ctx.tenures[tenure]
        assert holder.person == question.pairs[0].right
        assert holder.end is not None
        assert holder.start.sort_key() < when < holder.end.sort_key()
        for other in records.tenures:
            if other.person in question.extra_right and other.end is not None:
                assert not other.start.sort_key() <= when <= other.end.sort_key(), other.id


def test_who_came_before_or_after_never_crosses_an_abolished_office_or_a_gap() -> None:
    ctx = Context(RECORDS["rich"])
    asked = [q for q in choices_of("rich") if " before " in q.prompt or " after " in q.prompt
             or "succeeded" in q.prompt]
    assert asked
    for question in asked:
        first, then = (b.record for b in question.pairs[0].basis)
        assert ctx.succession.get((first, True)) == then, question.prompt
        assert "after Joseph Stalin" not in question.prompt
        assert "before Nikita Khrushchev" not in question.prompt
    prompts = {q.prompt: q.pairs[0].right for q in asked}
    # The office is named.
    assert prompts.get("Who was General Secretary just before Yuri Andropov?") == \
        "Leonid Brezhnev"


def test_no_order_of_events_has_a_judgement_for_an_item() -> None:
    # "Brezhnev governs in a collective leadership" (1964) and "Gorbachev reorganises the
    # presidency" (1988–1989) are what historians judge, not dated events.
    for name in ("builtin", "rich"):
        records = RECORDS[name]
        judged = {e.id for e in records.events
                  if e.kind == "leadership" or (e.end is not None and e.end.year > e.date.year)}
        for difficulty in (1, 2, 3):
            for question in enumerate_questions(records, types=["ordering"],
                                                difficulty=difficulty):
                assert isinstance(question, OrderingQuestion)
                assert not {i.basis[0].record for i in question.items} & judged, question.id


def test_who_came_before_or_after_never_crosses_the_creation_of_a_new_post() -> None:
    # Stalin did not succeed Molotov: the post of General Secretary was created in 1922, and
    # Molotov's was Responsible Secretary. Every succession asked keeps one title.
    ctx = Context(RECORDS["builtin"])
    asked = [q for q in choices_of("builtin") if " before " in q.prompt
             or "succeeded" in q.prompt]
    assert asked
    for question in asked:
        first, then = (ctx.view(b.record) for b in question.pairs[0].basis)
        assert first.office == then.office, question.prompt
        assert first.office_phrase() in question.prompt
    assert not [q for q in asked if "Joseph Stalin" in q.prompt or
                q.pairs[0].right == "Joseph Stalin"]


def test_what_a_congress_did_is_offered_in_the_past_tense() -> None:
    asked = {q.prompt: q.pairs[0].right for q in choices_of("rich")
             if q.prompt.startswith("What did")}
    assert asked["What did the 10th Party Congress (1921) do?"] == \
        "Banned factions within the party"


def test_a_one_pair_matching_round_trips_through_the_file_and_the_schema() -> None:
    question_set = quiz("rich", 0, 1)
    assert any(is_choice(q) for q in question_set.questions)
    text = dump_question_set(question_set)
    data = json.loads(text)
    jsonschema.validate(data, json.loads(schema_text("question-set.schema.json")))
    assert question_set_from_dict(data) == question_set
    index = next(i for i, q in enumerate(question_set.questions) if is_choice(q))
    data["questions"][index]["extra_right"] = data["questions"][index]["extra_right"][:1]
    with pytest.raises(InputError, match="needs at least two extra_right distractors"):
        question_set_from_dict(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(schema_text("question-set.schema.json")))


def test_the_text_format_prints_a_one_pair_matching_as_multiple_choice(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--count", "20", "--seed", "0", "--difficulty", "1",
                 "--format", "text"]) == 0
    out = capsys.readouterr().out
    blocks = [b for b in out.split("\n\n") if "[multiple choice]" in b]
    assert blocks
    for block in blocks:
        lines = block.splitlines()
        choices = [line[6:] for line in lines if re.match(r"^   [A-D]\. ", line)]
        key = next(line for line in lines if line.startswith("   Key: "))[8:]
        assert 3 <= len(choices) <= 5 and key in choices, block


def test_the_key_of_a_multiple_choice_is_anywhere_among_the_choices() -> None:
    # As sets give them: the set's seed draws the order (`api.shuffle_choices`).
    places: Counter[int] = Counter()
    for name in ("rich", "builtin"):
        for seed in range(6):
            for difficulty in (1, 2):
                for question in generate_question_set(RECORDS[name], count=20, seed=seed,
                                                      difficulty=difficulty).questions:
                    if isinstance(question, MatchingQuestion) and is_choice(question):
                        places[choice_order(question).index(question.pairs[0].right)] += 1
    total = sum(places.values())
    assert total >= 40
    assert all(places[i] / total > 0.1 for i in range(3)), places


# ------------------------------------------------------------------ give-aways and balance


@pytest.mark.parametrize("name", RECORDS)
def test_no_question_offers_two_equal_choices(name: str) -> None:
    for seed in range(8):
        for difficulty in (1, 2, 3):
            for question in quiz(name, seed, difficulty).questions:
                if isinstance(question, DateQuestion) and question.choices:
                    shown = [c.truncate(question.precision) if question.measure == "date"
                             else c for c in question.choices]
                    assert len(set(shown)) == len(shown), question.prompt
                if isinstance(question, MatchingQuestion):
                    rights = question.right_choices()
                    assert len(set(rights)) == len(rights), question.prompt
                if isinstance(question, OrderingQuestion):
                    texts = [i.text for i in question.items]
                    assert len(set(texts)) == len(texts), question.prompt


@pytest.mark.parametrize(("name", "difficulty", "least", "most", "made"), [
    # At least two of each type (MIN_EACH): the rich records' matchings at difficulty 2 are
    # fewer since a tenure that ended with the office is not asked as the person's end.
    # Fewer made than before (18, 16, 14, 13): one fact (or the same story) is in one question
    # of a set only, and no kind is above 2/5 of what is made; the command says so (see
    # test_generation_teacher). The rich records give 9 and 9 since no question may state
    # another's key or two of its wrong choices, a person's tenure (or tenures continued by a
    # renaming) is one story, and difficulty 1 asks no detail of the 1917-1922 precursors
    # (13 and 12 before); the built-in records 11 and 9.
    # At difficulty 1 the rich records give one date question on one seed of eight: their
    # core dated facts are few, multiple choices take some of them first, and a fact is asked
    # once; the command says the set is short.
    # 8 and 10 since a set keeps every type it can (one of each rather than one more of a
    # kind) and no order tells a handover in two items.
    # The rich records at difficulty 2 keep one order on one seed, and the built-in records
    # at difficulty 1 give 9 on one seed, since one question of a set tells the office's name
    # (of a kind drawn for the set) and no detail's date is asked on its own.
    # 7, 8 and 8 since the thirteenth review's rules: the wrong choices of "which of these
    # happened while ..." count as told (they are events, told word for word), two orders
    # share no two moments (a death and the election two days later are one), "who" offers
    # only people of the time, and "how did it end" is asked only with four choices.
    # The rich records give 6 and 7 (difficulty 1 with one question of a type on some
    # seeds), the built-in records at difficulty 1 give 7, since an order never puts two
    # items of one moment side by side (Gorbachev resigns on 24 August 1991, the party is
    # suspended on the 29th) and an order may hold two items naming one person when neither
    # starts or ends their time: the orders of 1952-1966 take facts date questions took.
    ("rich", 1, 1, 8, 6), ("rich", 2, 1, 8, 7), ("builtin", 1, 2, 8, 7),
    ("builtin", 2, 2, 8, 8),
])
def test_a_twenty_question_quiz_gives_each_type_its_share(name: str, difficulty: int,
                                                          least: int, most: int,
                                                          made: int) -> None:
    for seed in range(8):
        questions = quiz(name, seed, difficulty).questions
        counts = Counter(q.type for q in questions)
        kinds = Counter("choice" if is_choice(q) else q.type for q in questions)
        # A place is left empty (the command says so) rather than filled with a question
        # whose year another one names, a judgement ("Stalin is now the unquestioned
        # leader"), a fifth question on 1917-1922 or an eleventh date question: the built-in
        # records give 13 to 18 good ones.
        assert len(questions) >= made, seed
        assert min(counts[t] for t in ("ordering", "matching", "date")) >= least, counts
        assert max(kinds.values()) <= most, kinds  # multiple choice is a kind of its own
        assert counts["date"] <= 10, counts  # never more than half of the twenty asked


def test_a_forty_question_request_is_served_beyond_the_old_twenty_one() -> None:
    # The rules that no fact is asked twice and none given away leave the richer records
    # about 22 questions; each type has a fair part of them. (Fewer than the 30 of before:
    # judgements are asked no more, and "What was the office called in ...?" is no longer
    # a multiple choice, and a tenure that ended with the office is not asked as the person's
    # end: "Until what year was Stalin General Secretary?".)
    # 15 to 18 since no question may give another's answer away by elimination, a person's
    # tenure is one story, and difficulty 1 asks no detail of the office's precursors (21
    # before these set-level rules).
    # 11 or more since an order never tells a handover as a death and the successor's
    # election, pupils are not asked what ProleWiki alone says, and no year carries more
    # than two questions.
    # 10 or more since one question of a set tells the office's name.
    # 9 or more since two orders may not share two moments counting a year known alone as
    # a moment of any fact of that year (1990 and 1991 told twice: seed 2 gives 9).
    for seed in range(4):
        questions = quiz("rich", seed, 1, 40).questions
        assert len(questions) >= 9
        # At least MIN_EACH of each type: matchings of several start years are fewer since
        # Brezhnev's 1966 renaming is nobody's taking office.
        assert min(Counter(q.type for q in questions).values()) >= 2


def test_a_question_telling_who_came_next_is_never_beside_an_order_of_the_two() -> None:
    for name in ("builtin", "rich"):
        for seed in range(8):
            for difficulty in (1, 2):
                questions = quiz(name, seed, difficulty, 40).questions
                for question in questions:
                    if not (isinstance(question, MatchingQuestion) and is_choice(question)
                            and len(question.basis) == 2
                            and {b.field for b in question.basis} == {"start"}):
                        continue
                    both = {b.key() for b in question.basis}
                    for other in questions:
                        if other is not question:
                            assert not both <= {b.key() for b in other.basis}, (
                                question.prompt, other.prompt)
                            assert question.explanation.split(".")[0] not in other.prompt


# ------------------------------------------------------------------ internal ids


@pytest.mark.parametrize("name", RECORDS)
def test_no_learner_facing_text_holds_an_internal_id_in_any_quiz(name: str) -> None:
    records = RECORDS[name]
    ids = [str(s.id) for s in records.sources] + [t.id for t in records.tenures]
    ids += [e.id for e in records.events] + [o.id for o in records.offices]
    pattern = re.compile(r"\b(seed-\d+|csv-\w+|(tenure|event|office)-[\w-]+)\b")
    for seed in range(10):
        for difficulty in (1, 2, 3):
            for question in quiz(name, seed, difficulty).questions:
                texts = learner_texts(question)
                if isinstance(question, MatchingQuestion) and is_choice(question):
                    texts += list(choice_order(question))
                for text in texts:
                    assert not any(i in text for i in ids), text
                    assert not pattern.search(text), text


# ------------------------------------------------------------------ difficulty


def test_difficulty_three_keeps_orders_short_and_gives_no_year_beside_a_congress() -> None:
    questions = [q for d in (1, 3) for q in enumerate_questions(RECORDS["rich"], difficulty=d)]
    congresses = [(q.difficulty, p.left) for q in questions if isinstance(q, MatchingQuestion)
                  and "congress" in q.prompt.lower() for p in q.pairs]
    assert {left for d, left in congresses if d == 1 and "(" in left}
    assert not [left for d, left in congresses if d == 3 and "(" in left]
    sizes = {q.difficulty: set() for q in questions}
    for q in questions:
        if isinstance(q, OrderingQuestion):
            sizes[q.difficulty].add(len(q.items))
    # Difficulty 3: three or four items, closer in time (GAP) rather than more of them: four
    # or five took more facts than one fact per set leaves (most sets had one order or none).
    assert sizes[1] <= {3, 4} and sizes[3] <= {3, 4} and sizes[3]


def test_a_multiple_choice_goes_to_moodle_as_multichoice_and_reads_back() -> None:
    from gensec_quiz.bank.moodle_xml import export_moodle_xml
    from gensec_quiz.bank.moodle_xml_read import read_moodle_xml

    question_set = quiz("builtin", 0, 1)
    choices = [q for q in question_set.questions if is_choice(q)]
    assert choices
    text = export_moodle_xml(question_set, RECORDS["builtin"])
    assert text.count('<question type="multichoice">') >= len(choices)
    back = {q.id: q for q in read_moodle_xml(text).questions}
    for question in choices:
        assert back[question.id] == question


def test_who_held_the_office_is_not_answered_by_an_item_naming_the_holder_beside_others(
) -> None:
    # "Brezhnev governs in a troika with Kosygin and Podgorny" would answer "Who was First
    # Secretary when Nikolai Podgorny became Chairman of the Presidium?".
    for name in ("builtin", "rich"):
        ctx = Context(RECORDS[name])
        for seed in range(12):
            for difficulty in (1, 2):
                questions = quiz(name, seed, difficulty).questions
                for question in questions:
                    if not (isinstance(question, MatchingQuestion) and is_choice(question)
                            and question.prompt.startswith("Who was ")
                            and " when " in question.prompt):
                        continue
                    event = ctx.events[question.pairs[0].basis[0].record]
                    named = {p.split()[-1] for p in ctx.people_in(event)}
                    holder = question.pairs[0].right.split()[-1]
                    for other in questions:
                        if other is question:
                            continue
                        # (A wrong choice tells nothing: Stalin offered beside "Lenin's last
                        # congress" does not say he was General Secretary when Lenin died.)
                        # One text naming both tells it; two items of an order ("The 11th
                        # Party Congress meets, Lenin's last", "Joseph Stalin dies") do not.
                        wrong = other.extra_right if isinstance(other, MatchingQuestion) else ()
                        shown = [t for t in learner_texts(other)
                                 if t != other.explanation and t not in wrong]
                        assert not any(holder in t and any(n in t for n in named)
                                       for t in shown), (question.prompt, other.prompt)


@pytest.mark.parametrize("name", RECORDS)
def test_no_two_date_questions_answer_the_same_year_when_years_are_asked(name: str) -> None:
    # "In what year did Stalin die?" and "... was Malenkov forced to resign?" (both 1953).
    for seed in range(8):
        for difficulty in (1, 2):
            years = [q.answer.year for q in quiz(name, seed, difficulty).questions
                     if isinstance(q, DateQuestion) and q.measure == "date"]
            assert len(years) == len(set(years)), (seed, difficulty, sorted(years))


def test_which_title_a_person_held_is_not_told_by_another_question() -> None:
    # "... under a new title, First Secretary, and elects Khrushchev to it" would answer
    # "Which title did Nikita Khrushchev hold?".
    for name in ("builtin", "rich"):
        for seed in range(12):
            for difficulty in (1, 2):
                questions = quiz(name, seed, difficulty).questions
                for question in questions:
                    if not (isinstance(question, MatchingQuestion)
                            and question.prompt.startswith("Which title did")):
                        continue
                    surname = question.pairs[0].left.split()[-1]
                    for other in questions:
                        clauses = [c for t in learner_texts(other) for c in re.split(r"[;.]", t)]
                        title = question.pairs[0].right.casefold()
                        told = [c for c in clauses if other is not question
                                and surname in c and title in c.casefold()]
                        assert not told, (question.prompt, told)


def test_no_two_multiple_choices_of_a_quiz_have_the_same_key() -> None:
    # "What was the office called in 1938?" and "... in 1979?" (General Secretary twice) read
    # as one question asked twice.
    for name in ("builtin", "rich"):
        for seed in range(12):
            for difficulty in (1, 2):
                questions = quiz(name, seed, difficulty, 20).questions
                keys = [q.pairs[0].right for q in questions
                        if isinstance(q, MatchingQuestion) and is_choice(q)]
                assert len(keys) == len(set(keys)), (name, seed, difficulty, keys)


def test_a_year_named_by_a_title_question_is_no_date_questions_answer() -> None:
    # "What was the office called in 1956?" beside "In what year did Khrushchev denounce
    # Stalin ... ?" would answer it.
    for name in ("builtin", "rich"):
        for seed in range(12):
            for difficulty in (1, 2):
                questions = quiz(name, seed, difficulty, 20).questions
                named = {q.prompt.rstrip("?").rsplit(" ", 1)[-1] for q in questions
                         if isinstance(q, MatchingQuestion) and is_choice(q)
                         and q.prompt.startswith("What was the office called in")}
                answers = {str(q.answer.year) for q in questions
                           if isinstance(q, DateQuestion) and q.measure == "date"}
                assert not named & answers, (name, seed, difficulty, named & answers)
