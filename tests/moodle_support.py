"""A question set with every kind of question, each with text Moodle treats specially: used by
the Moodle import check (Moodle's own code) and by our reader's round trips."""

from __future__ import annotations

from typing import cast

from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    ORDERING_RULES,
    AcceptedDate,
    DateQuestion,
    MatchingPair,
    MatchingQuestion,
    OrderingItem,
    OrderingQuestion,
    OrderingRule,
    Question,
    QuestionSet,
    Tolerance,
)

TAGGED = "Chair <Board> & {co} #1 ~ x = y: z"
TITLE = "Quiz: A/B & <C> {x} #1 ~ y = z"


def _item(text: str) -> OrderingItem:
    return OrderingItem(text, ())


def _ordering(number: int, rule: str, items: list[str]) -> OrderingQuestion:
    return OrderingQuestion(
        id=f"orde-{number}", prompt=f"Put these in order ({rule}): <b>earliest</b> first.",
        explanation=f"The order, {TAGGED}.", difficulty=2, sources=(), basis=(),
        items=tuple(_item(t) for t in items), scoring=cast(OrderingRule, rule))


ITEMS = ["Strikes & bread riots <b>begin</b>", "Treaty: A -> B = {C", "Lenin dies; #2 ~ x:",
         "The Stalin Constitution <is> adopted &amp; signed", "Sputnik"]


def tricky_set() -> QuestionSet:
    """Every kind of question, each with text Moodle treats specially."""
    questions: list[Question] = [
        _ordering(i, rule, ITEMS[: 3 + i % 3]) for i, rule in enumerate(ORDERING_RULES)]
    questions.append(_ordering(20, "relative_all_previous_and_next",
                               ["a } brace", "b", "c"]))
    questions.append(MatchingQuestion(
        id="matc-1", prompt=f"Match each person to the office: {TAGGED}",
        explanation="Tags <i>stay</i> & so do {braces}.", difficulty=2, sources=(), basis=(),
        pairs=(MatchingPair("A. {Alpha} & Co", "Chair <Board>", ()),
               MatchingPair("B = Beta #2", "Secretary: 1", ()),
               MatchingPair("C ~ Gamma", "Premier & Co", ())),
        extra_right=("Head ~ of {state} ]]> & & x",)))
    questions.append(MatchingQuestion(
        id="who-1", prompt="Who was General Secretary when the <20th> Party Congress met?",
        explanation="Khrushchev & the {Secret} Speech.", difficulty=2, sources=(), basis=(),
        pairs=(MatchingPair("General Secretary", "Nikita Khrushchev", ()),),
        extra_right=("Georgy Malenkov", "Leonid <Brezhnev>", "Yuri Andropov & Co")))
    questions.append(DateQuestion(
        id="date-y", prompt=f"In what year did {TAGGED} begin?", explanation=TAGGED,
        difficulty=2, sources=(), basis=(), answer=PartialDate(1953),
        tolerance=Tolerance(0, ((1, 0.5), (2, 0.25)))))
    questions.append(DateQuestion(
        id="date-m", prompt="In what month did Stalin die?", explanation="", difficulty=2,
        sources=(), basis=(), answer=PartialDate(1953, 3), precision="month"))
    questions.append(DateQuestion(
        id="date-d", prompt="On what day did Stalin die?", explanation="March.", difficulty=3,
        sources=(), basis=(), answer=PartialDate(1953, 3, 5), precision="day",
        accept=(AcceptedDate(PartialDate(1953, 3, 6), ()),)))
    questions.append(DateQuestion(
        id="date-c", prompt="In what year did <it> happen?", explanation="1964 & all that.",
        difficulty=1, sources=(), basis=(), answer=PartialDate(1964),
        choices=(PartialDate(1962), PartialDate(1964), PartialDate(1966))))
    return QuestionSet(id="tricky", title=TITLE, records="r", questions=tuple(questions),
                       description="")


