"""Date questions: compared at the question's precision, credit in tiers, sourced alternatives."""

from __future__ import annotations

from collections.abc import Iterable

from gensec_quiz.domain.dates import PartialDate, Precision
from gensec_quiz.domain.grading_marks import Grade, Mark
from gensec_quiz.domain.questions import DateQuestion, DateResponse
from gensec_quiz.domain.records import SourceRef
from gensec_quiz.i18n import current_language, ntr, tr


def question_precision(question: DateQuestion) -> Precision:
    """The question's precision, never finer than its answer is known."""
    if question.answer.supports(question.precision):
        return question.precision
    return question.answer.precision


def grade_date(question: DateQuestion, response: DateResponse) -> Grade:
    """Exact or accepted value: 1; otherwise the tolerance tier for the distance, with the slip."""
    precision = question_precision(question)
    answer = question.answer.truncate(precision)
    value = response.value
    if value is None:
        summary = tr("No answer given; the answer is {answer}.", answer=_shown(answer))
        return _grade(0.0, summary, answer, untouched=True)
    if not value.supports(precision):
        return _too_coarse(value, answer, precision)
    given = value.truncate(precision)
    if given == answer:
        return _grade(1.0, tr("Right: {answer}.", answer=_shown(answer)), answer)
    accepted = _sources_giving(question, given, precision)
    if accepted:
        return _accepted(question, given, answer, accepted)
    return _near_miss(question, given, answer, precision)


def _shown(date: PartialDate) -> str:
    """A date as the interface's language writes it ("5 mars 1953")."""
    return date.human_in(current_language())


def _grade(score: float, summary: str, answer: PartialDate, *, slip: str = "",
           note: str = "", sources: tuple[str, ...] = (), untouched: bool = False) -> Grade:
    mark = Mark(tr("Date"), score >= 1.0, _shown(answer), note or slip)
    return Grade(score, score, 1.0, (mark,), summary, slip=slip, accepted_sources=sources,
                 untouched=untouched)


def _too_coarse(value: PartialDate, answer: PartialDate, precision: Precision) -> Grade:
    if precision == "month":
        why = tr("The question asks for the month and the year; your answer {given} gives only "
                 "the year.", given=_shown(value))
    else:
        why = tr("The question asks for the day, the month and the year; your answer {given} "
                 "is less precise.", given=_shown(value))
    summary = tr("{why} The answer is {answer}.", why=why, answer=_shown(answer))
    return _grade(0.0, summary, answer, slip=tr("not precise enough"))


def _source_ids(refs: Iterable[SourceRef]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(ref.source) for ref in refs))


def _sources_giving(question: DateQuestion, given: PartialDate,
                    precision: Precision) -> tuple[str, ...]:
    """Ids of the sources whose accepted value is `given` at the question's precision."""
    return _source_ids(
        ref
        for accepted in question.accept
        if accepted.value.supports(precision) and accepted.value.truncate(precision) == given
        for ref in accepted.sources
    )


def _accepted(question: DateQuestion, given: PartialDate, answer: PartialDate,
              sources: tuple[str, ...]) -> Grade:
    main = _source_ids(question.sources)
    if main:
        summary = tr("Accepted: {given} is the date that {sources} gives; {main} gives {answer}.",
                     given=_shown(given), sources=", ".join(sources), main=", ".join(main),
                     answer=_shown(answer))
    else:
        summary = tr("Accepted: {given} is the date that {sources} gives; the preferred answer "
                     "is {answer}.", given=_shown(given), sources=", ".join(sources),
                     answer=_shown(answer))
    note = tr("accepted: the date that {sources} gives", sources=", ".join(sources))
    return _grade(1.0, summary, answer, note=note, sources=sources)


def _near_miss(question: DateQuestion, given: PartialDate, answer: PartialDate,
               precision: Precision) -> Grade:
    targets = [answer] + [
        accepted.value.truncate(precision)
        for accepted in question.accept
        if accepted.value.supports(precision)
    ]
    # The sourced value that earns most decides the credit; ties go to the preferred answer.
    credits = [question.tolerance.credit(given.distance(date, precision)) for date in targets]
    credit = max(credits)
    target = targets[credits.index(credit)]
    slip = describe_slip(given, target, precision)
    opening = _opening(credit)
    summary = tr("{opening}: you answered {given} ({slip}); the answer is {answer}.",
                 opening=opening, given=_shown(given), slip=slip, answer=_shown(answer))
    if target != answer:
        summary = tr("{summary} The credit is for being close to {target}, the date that "
                     "{sources} gives.",
                     summary=summary, target=_shown(target),
                     sources=", ".join(_sources_giving(question, target, precision)))
    return _grade(credit, summary, answer, slip=slip)


def _opening(credit: float) -> str:
    if credit >= 1.0:
        return tr("Close enough")
    return tr("Not quite") if credit > 0 else tr("Wrong")


def describe_slip(given: PartialDate, target: PartialDate, precision: Precision) -> str:
    """How far off and what kind of slip: '2 years off', 'day and month swapped', ..."""
    if precision == "year" or given.month is None or target.month is None:
        return _years_off(abs(given.year - target.year))
    if precision == "month" or given.day is None or target.day is None:
        return _month_slip(given, target)
    return _day_slip(given, target)


def _years_off(years: int) -> str:
    return ntr("{count} year off", "{count} years off", years)


def _joined(first: str, second: str) -> str:
    return tr("{first}; {second}", first=first, second=second)


def _month_slip(given: PartialDate, target: PartialDate) -> str:
    assert given.month is not None and target.month is not None
    months = given.distance(target, "month")
    if given.year == target.year:
        return _joined(tr("right year, wrong month"),
                       ntr("{count} month off", "{count} months off", months))
    if given.month == target.month:
        return _joined(tr("right month, wrong year"), _years_off(abs(given.year - target.year)))
    return _months_off(months)


def _months_off(months: int) -> str:
    years, rest = divmod(months, 12)
    if years == 0:
        return ntr("{count} month off", "{count} months off", rest)
    if rest == 0:
        return _years_off(years)
    return tr("{years} and {months} off", years=ntr("{count} year", "{count} years", years),
              months=ntr("{count} month", "{count} months", rest))


def _day_slip(given: PartialDate, target: PartialDate) -> str:
    days = given.distance(target, "day")
    years = abs(given.year - target.year)
    if _swapped(given, target):
        swapped = tr("day and month swapped")
        return _joined(swapped, _years_off(years)) if years else swapped
    if (given.month, given.day) == (target.month, target.day):
        return _joined(tr("right month and day, wrong year"), _years_off(years))
    if given.year == target.year and given.month == target.month:
        return _joined(tr("right month, wrong day"), _days_off(days))
    if given.year == target.year:
        return _joined(tr("right year, wrong month"), _days_off(days))
    return _days_off(days)


def _swapped(given: PartialDate, target: PartialDate) -> bool:
    return (given.month != target.month and given.month == target.day
            and given.day == target.month)


def _days_off(days: int) -> str:
    if days < 60:
        return ntr("{count} day off", "{count} days off", days)
    months = round(days / 30.44)
    if months < 12:
        return ntr("about {count} month off", "about {count} months off", months)
    return ntr("about {count} year off", "about {count} years off", round(days / 365.25))
