"""The question-set JSON format (`gensec-quiz/question-set`, version 1): write, read and check.

Reading has two passes. The shape of the file (types, required and unknown keys, allowed values,
dates that exist) is checked by the pydantic models of `question_set_model`, whose errors become
located sentences (`set.json: questions[3].items[0].text: must be a non-empty text`); the checks
between values are then made here by hand, on the models, with sentences of the same form. Each
question is checked on its own, so one broken question does not hide another's problems.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gensec_quiz.bank.classroom_lock import (
    CLASSROOM_KEY,
    ClassroomLock,
    classroom_to_dict,
)
from gensec_quiz.bank.textfiles import write_text_atomically
from gensec_quiz.domain.dates import PartialDate, Precision
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import (
    QUESTION_TYPES,
    AcceptedDate,
    BasisRef,
    DateQuestion,
    MatchingPair,
    MatchingQuestion,
    OrderingItem,
    OrderingQuestion,
    Question,
    QuestionSet,
    Tolerance,
)
from gensec_quiz.domain.records import SourceId, SourceRef
from gensec_quiz.i18n import DEFAULT_LANGUAGE, tr

if TYPE_CHECKING:
    from gensec_quiz.bank.json_checks import Findings
    from gensec_quiz.bank.question_set_model import (
        BasisModel,
        DateQuestionModel,
        MatchingModel,
        OrderingModel,
        SourceRefModel,
    )

FORMAT = "gensec-quiz/question-set"
VERSION = 1

# ---------------------------------------------------------------- writing


def _refs(refs: tuple[SourceRef, ...]) -> list[dict[str, str]]:
    return [{"source": r.source, "quote": r.quote} for r in refs]


def _basis(basis: tuple[BasisRef, ...]) -> list[dict[str, str]]:
    return [{"record": b.record, "field": b.field} for b in basis]


def _value(date: PartialDate, measure: str) -> str | int:
    return date.year if measure == "years" else date.iso()


def question_to_dict(question: Question) -> dict[str, Any]:
    """One question as JSON-ready data, keys in the documented order."""
    data: dict[str, Any] = {
        "id": question.id, "type": question.type, "prompt": question.prompt,
        "explanation": question.explanation, "difficulty": question.difficulty,
        "sources": _refs(question.sources), "basis": _basis(question.basis),
    }
    if question.override:  # written only when set, so that other sets keep their bytes
        data["override"] = True
    if isinstance(question, OrderingQuestion):
        data["items"] = [{"text": i.text, "basis": _basis(i.basis)} for i in question.items]
        data["scoring"] = question.scoring
    elif isinstance(question, MatchingQuestion):
        data["pairs"] = [{"left": p.left, "right": p.right, "basis": _basis(p.basis)}
                         for p in question.pairs]
        data["extra_right"] = list(question.extra_right)
        data["scoring"] = question.scoring
    else:
        measure = question.measure
        data["measure"] = measure
        data["answer"] = _value(question.answer, measure)
        data["precision"] = question.precision
        data["accept"] = [{"value": _value(a.value, measure), "sources": _refs(a.sources)}
                          for a in question.accept]
        data["tolerance"] = {"full": question.tolerance.full,
                             "partial": [[d, c] for d, c in question.tolerance.partial]}
        data["choices"] = [_value(c, measure) for c in question.choices]
    return data


def question_set_to_dict(question_set: QuestionSet, *,
                         classroom: ClassroomLock | None = None) -> dict[str, Any]:
    """The set as JSON-ready data; `classroom` (a teacher's lock) only when one is given."""
    data: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "id": question_set.id,
        "title": question_set.title, "description": question_set.description,
    }
    if question_set.language != DEFAULT_LANGUAGE:
        # An English set (and every file written before sets had a language) says nothing.
        data["language"] = question_set.language
    data["records"] = question_set.records
    data["generator"] = question_set.generator
    if classroom is not None:
        data[CLASSROOM_KEY] = classroom_to_dict(classroom)
    data["questions"] = [question_to_dict(q) for q in question_set.questions]
    return data


def dump_question_set(question_set: QuestionSet, *,
                      classroom: ClassroomLock | None = None) -> str:
    """Canonical text: the same question set always gives the same bytes."""
    data = question_set_to_dict(question_set, classroom=classroom)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_question_set(question_set: QuestionSet, path: Path, *,
                      classroom: ClassroomLock | None = None) -> None:
    """Write atomically: the old file stays whole until the new one is complete."""
    write_text_atomically(path, dump_question_set(question_set, classroom=classroom))


# ---------------------------------------------------------------- reading
# The models (pydantic) are imported when a set is first read, not when the app starts.


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def question_from_dict(data: Any, where: str = "", path: str = "") -> Question:
    """Check and read one question; raises InputError listing every problem with its path."""
    from gensec_quiz.bank.json_checks import Findings

    found = Findings(where)
    question = _read_question(found, data, path)
    if found.problems or question is None:
        raise InputError(found.problems or [Problem(where, tr("is not a question"))])
    return question


def _read_question(found: Findings, data: Any, path: str) -> Question | None:
    from gensec_quiz.bank.question_set_model import MEASURES, QUESTION_MODELS

    if not isinstance(data, dict):
        found.add(path or "(top)", tr("a question must be a JSON object"))
        return None
    kind = data.get("type")
    if kind not in QUESTION_TYPES:
        found.add(_at(path, "type"), tr("{kind} is not a question type (use {known})",
                                        kind=repr(kind), known=", ".join(QUESTION_TYPES)))
        return None
    measure = data.get("measure", "date")
    context = {"measure": measure if measure in MEASURES else "date"}
    model = found.validate(QUESTION_MODELS[kind], data, path, context=context)
    return None if model is None else _question(found, model, path)


def _question(found: Findings, model: OrderingModel | MatchingModel | DateQuestionModel,
              path: str) -> Question | None:
    from gensec_quiz.bank.question_set_model import MatchingModel, OrderingModel

    common: dict[str, Any] = {
        "id": model.id, "prompt": model.prompt, "explanation": model.explanation,
        "difficulty": model.difficulty, "sources": _refs_of(model.sources),
        "basis": _basis_of(model.basis), "override": model.override,
    }
    if isinstance(model, OrderingModel):
        return _ordering(found, model, path, common)
    if isinstance(model, MatchingModel):
        return _matching(found, model, path, common)
    return _date(found, model, path, common)


def _refs_of(refs: list[SourceRefModel]) -> tuple[SourceRef, ...]:
    return tuple(SourceRef(SourceId(r.source), r.quote) for r in refs)


def _basis_of(basis: list[BasisModel]) -> tuple[BasisRef, ...]:
    return tuple(BasisRef(b.record, b.field) for b in basis)


def _distinct(found: Findings, texts: list[tuple[str, str]], what: str) -> None:
    seen: set[str] = set()
    for p, text in texts:
        if text and text in seen:
            found.add(p, tr("{what} '{text}' appears twice", what=what, text=text))
        seen.add(text)


def _ordering(found: Findings, model: OrderingModel, path: str,
              common: dict[str, Any]) -> Question:
    items = model.items
    _distinct(found, [(_at(path, f"items[{i}].text"), item.text) for i, item in enumerate(items)],
              tr("the item"))
    return OrderingQuestion(**common, items=tuple(OrderingItem(i.text, _basis_of(i.basis))
                                                  for i in items), scoring=model.scoring)


def _matching(found: Findings, model: MatchingModel, path: str,
              common: dict[str, Any]) -> Question:
    pairs = [(_at(path, f"pairs[{i}]"), pair) for i, pair in enumerate(model.pairs)]
    extras = [(_at(path, f"extra_right[{i}]"), text)
              for i, text in enumerate(model.extra_right or [])]
    _distinct(found, [(f"{p}.left", x.left) for p, x in pairs], tr("the left-hand text"))
    _distinct(found, [(f"{p}.right", x.right) for p, x in pairs] + extras,
              tr("the right-hand text"))
    return MatchingQuestion(
        **common, pairs=tuple(MatchingPair(x.left, x.right, _basis_of(x.basis)) for _, x in pairs),
        extra_right=tuple(text for _, text in extras), scoring=model.scoring)


def _date(found: Findings, model: DateQuestionModel, path: str,
          common: dict[str, Any]) -> Question | None:
    from gensec_quiz.bank.question_set_model import tier_problem

    measure, precision = model.measure, model.precision
    if measure == "years" and precision != "year":
        found.add(_at(path, "precision"), tr("a number of years is asked at the year precision"))
    answer = _date_value(found, model.answer, _at(path, "answer"), measure, precision)
    accept = []
    for i, item in enumerate(model.accept or []):
        value = _date_value(found, item.value, _at(path, f"accept[{i}].value"), measure,
                            precision)
        if value is not None:
            accept.append(AcceptedDate(value, _refs_of(item.sources)))
    choices = []
    for i, raw in enumerate(model.choices or []):
        p = _at(path, f"choices[{i}]")
        choice = _date_value(found, raw, p, measure, precision)
        if choice is not None:
            choices.append((p, choice))
    _check_choices(found, choices, answer, precision, _at(path, "choices"))
    tolerance = Tolerance(model.tolerance.full, tuple(model.tolerance.partial or ()))
    for i, (distance, _credit) in enumerate(tolerance.partial):
        if distance <= tolerance.full:
            found.add(_at(path, f"tolerance.partial[{i}]"), tier_problem())
    if answer is None:
        return None
    return DateQuestion(**common, answer=answer, precision=precision, accept=tuple(accept),
                        tolerance=tolerance, choices=tuple(c for _, c in choices),
                        measure=measure)


def _date_value(found: Findings, value: str | int, path: str, measure: str,
                precision: Precision) -> PartialDate | None:
    """The value as a date, known to `precision`; None after saying why it is not one (the
    models already refused what is neither a date nor, for `years`, a number of years)."""
    from gensec_quiz.bank.question_set_model import date_value_problem

    problem = date_value_problem(value, measure)
    if problem is not None:
        found.add(path, problem)
        return None
    date = PartialDate(value) if isinstance(value, int) else PartialDate.parse(value)
    if not date.supports(precision):
        found.add(path, tr("{value} is not known to the {precision}, as the question's "
                           "precision asks", value=date.iso(), precision=precision))
    return date


def _check_choices(found: Findings, choices: list[tuple[str, PartialDate]],
                   answer: PartialDate | None, precision: Precision, path: str) -> None:
    if not choices:
        return
    shown = [(p, c.truncate(precision).iso()) for p, c in choices]
    _distinct(found, shown, tr("the choice"))
    if answer is not None and answer.truncate(precision).iso() not in {s for _, s in shown}:
        found.add(path, tr("the answer {answer} must be one of the choices", answer=answer.iso()))
    if len(choices) < 2:
        found.add(path, tr("give at least two choices, or none"))


def question_set_from_dict(data: Any, where: str = "") -> QuestionSet:
    """Check and read a question set; raises InputError listing every problem with its path."""
    from gensec_quiz.bank.json_checks import Findings
    from gensec_quiz.bank.question_set_model import QuestionSetModel

    found = Findings(where)
    if not isinstance(data, dict):
        found.add("(top)", tr("a question set must be a JSON object"))
        found.raise_if_any()
    raw = data.get("questions")
    # The set without its questions first; then each question on its own.
    header = found.validate(QuestionSetModel,
                            {**data, "questions": []} if isinstance(raw, list) else data)
    questions = [_read_question(found, item, f"questions[{i}]")
                 for i, item in enumerate(raw if isinstance(raw, list) else [])]
    ids = [(f"questions[{i}].id", q.id) for i, q in enumerate(questions) if q is not None]
    _distinct(found, ids, tr("the question id"))
    found.raise_if_any()
    assert header is not None  # no problem found, so the set was read
    return QuestionSet(id=header.id, title=header.title, records=header.records,
                       questions=tuple(q for q in questions if q is not None),
                       generator=header.generator, description=header.description,
                       language=header.language)


def load_question_set(path: Path) -> QuestionSet:
    """Read a question-set JSON file; every problem is reported with the file and JSON path."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(str(path), tr("no such file"))]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), tr("is not UTF-8 text"))]) from None
    except OSError as error:
        raise InputError([Problem(str(path), tr("cannot be read ({reason})",
                                                reason=error.strerror))]) from None
    from gensec_quiz.bank.json_checks import parse_json  # pydantic: only when a set is read

    return question_set_from_dict(parse_json(text, str(path)), where=str(path))
