"""The question-set JSON format (`gensec-quiz/question-set`, version 1): write, read and check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from gensec_quiz.bank.classroom_lock import (
    CLASSROOM_KEY,
    ClassroomLock,
    classroom_problems,
    classroom_to_dict,
)
from gensec_quiz.bank.textfiles import write_text_atomically
from gensec_quiz.domain.dates import PRECISIONS, DateError, PartialDate, Precision
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import (
    DEFAULT_ORDERING_RULE,
    ORDERING_RULES,
    QUESTION_TYPES,
    AcceptedDate,
    BasisRef,
    DateMeasure,
    DateQuestion,
    MatchingPair,
    MatchingQuestion,
    MatchingRule,
    OrderingItem,
    OrderingQuestion,
    Question,
    QuestionSet,
    Tolerance,
)
from gensec_quiz.domain.records import SourceId, SourceRef
from gensec_quiz.i18n import tr

FORMAT = "gensec-quiz/question-set"
VERSION = 1
MATCHING_RULES: tuple[MatchingRule, ...] = ("per_pair", "all_or_nothing")
MEASURES: tuple[DateMeasure, ...] = ("date", "years")
_COMMON = ("id", "type", "prompt", "explanation", "difficulty", "sources", "basis")
_KEYS = {
    "ordering": (*_COMMON, "items", "scoring"),
    "matching": (*_COMMON, "pairs", "extra_right", "scoring"),
    "date": (*_COMMON, "measure", "answer", "precision", "accept", "tolerance", "choices"),
}
_TOP = ("format", "version", "id", "title", "description", "records", "generator", "classroom",
        "questions")
T = TypeVar("T")

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
        "records": question_set.records, "generator": question_set.generator,
    }
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


class _Reader:
    """Reads values at JSON paths, collecting every problem instead of stopping at the first."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(f"{self.where}: {path}" if self.where else path, message))

    def keys(self, data: dict[str, Any], known: tuple[str, ...], path: str) -> None:
        for key in data:
            if key not in known:
                self.fail(_at(path, key), tr("unknown key (known keys: {known})",
                                             known=", ".join(known)))

    def text(self, data: dict[str, Any], key: str, path: str, *, empty: bool = False) -> str:
        value = data.get(key)
        if isinstance(value, str) and (empty or value.strip()):
            return value
        if value is None and empty and key not in data:
            return ""
        self.fail(_at(path, key), tr("must be text") if empty else tr("must be a non-empty text"))
        return ""

    def items(self, data: dict[str, Any], key: str, path: str, *, required: bool = True
              ) -> list[tuple[str, Any]]:
        value = data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.fail(_at(path, key), tr("must be a list"))
            return []
        return [(f"{_at(path, key)}[{i}]", item) for i, item in enumerate(value)]

    def objects(self, data: dict[str, Any], key: str, path: str, *, required: bool = True
                ) -> list[tuple[str, dict[str, Any]]]:
        out = []
        for p, item in self.items(data, key, path, required=required):
            if isinstance(item, dict):
                out.append((p, item))
            else:
                self.fail(p, tr("must be an object"))
        return out

    def refs(self, data: dict[str, Any], path: str) -> tuple[SourceRef, ...]:
        return tuple(SourceRef(SourceId(self.text(i, "source", p)), self.text(i, "quote", p))
                     for p, i in self.objects(data, "sources", path))

    def basis(self, data: dict[str, Any], path: str) -> tuple[BasisRef, ...]:
        return tuple(BasisRef(self.text(i, "record", p), self.text(i, "field", p))
                     for p, i in self.objects(data, "basis", path))

    def choice(self, data: dict[str, Any], key: str, path: str, allowed: tuple[T, ...],
               default: T, what: str) -> T:
        value = data.get(key, default)
        if value in allowed:
            return value  # type: ignore[no-any-return]
        self.fail(_at(path, key), tr("{value} is not {what} (use {allowed})", value=repr(value),
                                     what=what, allowed=", ".join(map(str, allowed))))
        return default

    def date(self, value: Any, path: str, measure: str) -> PartialDate | None:
        if measure == "years":
            if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
                return PartialDate(value)
            self.fail(path, tr("must be a whole number of years from 1 to 9999"))
            return None
        if not isinstance(value, str):
            self.fail(path, tr("must be a date such as 1934, 1921-03 or 1922-04-03"))
            return None
        try:
            return PartialDate.parse(value)
        except DateError as error:
            self.fail(path, str(error))
            return None


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def question_from_dict(data: Any, where: str = "", path: str = "") -> Question:
    """Check and read one question; raises InputError listing every problem with its path."""
    r = _Reader(where)
    question = _read_question(r, data, path)
    if r.problems or question is None:
        raise InputError(r.problems or [Problem(where, tr("is not a question"))])
    return question


def _read_question(r: _Reader, data: Any, path: str) -> Question | None:
    if not isinstance(data, dict):
        r.fail(path or "(top)", tr("a question must be a JSON object"))
        return None
    kind = data.get("type")
    if kind not in QUESTION_TYPES:
        r.fail(_at(path, "type"), tr("{kind} is not a question type (use {known})",
                                     kind=repr(kind), known=", ".join(QUESTION_TYPES)))
        return None
    r.keys(data, _KEYS[kind], path)
    difficulty = data.get("difficulty")
    if not isinstance(difficulty, int) or isinstance(difficulty, bool) or difficulty not in (
            1, 2, 3):
        r.fail(_at(path, "difficulty"), tr("must be 1, 2 or 3"))
        difficulty = 2
    common: dict[str, Any] = {
        "id": r.text(data, "id", path), "prompt": r.text(data, "prompt", path),
        "explanation": r.text(data, "explanation", path, empty=True),
        "difficulty": difficulty, "sources": r.refs(data, path), "basis": r.basis(data, path),
    }
    reader: Callable[[_Reader, dict[str, Any], str, dict[str, Any]], Question | None] = {
        "ordering": _read_ordering, "matching": _read_matching, "date": _read_date}[kind]
    return reader(r, data, path, common)


def _distinct(r: _Reader, texts: list[tuple[str, str]], what: str) -> None:
    seen: set[str] = set()
    for p, text in texts:
        if text and text in seen:
            r.fail(p, tr("{what} '{text}' appears twice", what=what, text=text))
        seen.add(text)


def _read_ordering(r: _Reader, data: dict[str, Any], path: str,
                   common: dict[str, Any]) -> Question:
    items = []
    for p, item in r.objects(data, "items", path):
        r.keys(item, ("text", "basis"), p)
        items.append((p, OrderingItem(r.text(item, "text", p), r.basis(item, p))))
    if len(items) < 2:
        r.fail(_at(path, "items"), tr("an ordering question needs at least two items"))
    _distinct(r, [(f"{p}.text", i.text) for p, i in items], tr("the item"))
    scoring = r.choice(data, "scoring", path, ORDERING_RULES, DEFAULT_ORDERING_RULE,
                       tr("an ordering rule"))
    return OrderingQuestion(**common, items=tuple(i for _, i in items), scoring=scoring)


def _read_matching(r: _Reader, data: dict[str, Any], path: str,
                   common: dict[str, Any]) -> Question:
    pairs = []
    for p, item in r.objects(data, "pairs", path):
        r.keys(item, ("left", "right", "basis"), p)
        pairs.append((p, MatchingPair(r.text(item, "left", p), r.text(item, "right", p),
                                      r.basis(item, p))))
    if len(pairs) < 2:
        r.fail(_at(path, "pairs"), tr("a matching question needs at least two pairs"))
    extras = []
    for p, value in r.items(data, "extra_right", path, required=False):
        if isinstance(value, str) and value.strip():
            extras.append((p, value))
        else:
            r.fail(p, tr("must be a non-empty text"))
    _distinct(r, [(f"{p}.left", x.left) for p, x in pairs], tr("the left-hand text"))
    _distinct(r, [(f"{p}.right", x.right) for p, x in pairs] + extras,
              tr("the right-hand text"))
    scoring = r.choice(data, "scoring", path, MATCHING_RULES, "per_pair", tr("a matching rule"))
    return MatchingQuestion(**common, pairs=tuple(x for _, x in pairs),
                            extra_right=tuple(v for _, v in extras), scoring=scoring)


def _read_date(r: _Reader, data: dict[str, Any], path: str,
               common: dict[str, Any]) -> Question | None:
    measure = r.choice(data, "measure", path, MEASURES, "date", tr("a measure"))
    precision: Precision = r.choice(data, "precision", path, PRECISIONS, "year",
                                    tr("a precision"))
    answer = r.date(data.get("answer"), _at(path, "answer"), measure)
    if measure == "years" and precision != "year":
        r.fail(_at(path, "precision"), tr("a number of years is asked at the year precision"))
    _supports(r, answer, precision, _at(path, "answer"))
    accept = []
    for p, item in r.objects(data, "accept", path, required=False):
        r.keys(item, ("value", "sources"), p)
        value = r.date(item.get("value"), f"{p}.value", measure)
        _supports(r, value, precision, f"{p}.value")
        if value is not None:
            accept.append(AcceptedDate(value, r.refs(item, p)))
    choices = []
    for p, value in r.items(data, "choices", path, required=False):
        choice = r.date(value, p, measure)
        _supports(r, choice, precision, p)
        if choice is not None:
            choices.append((p, choice))
    _check_choices(r, choices, answer, precision, _at(path, "choices"))
    tolerance = _read_tolerance(r, data.get("tolerance", {"full": 0}), _at(path, "tolerance"))
    if answer is None:
        return None
    return DateQuestion(**common, answer=answer, precision=precision, accept=tuple(accept),
                        tolerance=tolerance, choices=tuple(c for _, c in choices),
                        measure=measure)


def _supports(r: _Reader, value: PartialDate | None, precision: Precision, path: str) -> None:
    if value is not None and not value.supports(precision):
        r.fail(path, tr("{value} is not known to the {precision}, as the question's precision "
                        "asks", value=value.iso(), precision=precision))


def _check_choices(r: _Reader, choices: list[tuple[str, PartialDate]],
                   answer: PartialDate | None, precision: Precision, path: str) -> None:
    if not choices:
        return
    shown = [(p, c.truncate(precision).iso()) for p, c in choices]
    _distinct(r, shown, tr("the choice"))
    if answer is not None and answer.truncate(precision).iso() not in {s for _, s in shown}:
        r.fail(path, tr("the answer {answer} must be one of the choices", answer=answer.iso()))
    if len(choices) < 2:
        r.fail(path, tr("give at least two choices, or none"))


def _read_tolerance(r: _Reader, data: Any, path: str) -> Tolerance:
    if not isinstance(data, dict):
        r.fail(path, tr("must be an object such as {example}",
                        example='{"full": 0, "partial": [[1, 0.5], [2, 0.25]]}'))
        return Tolerance()
    r.keys(data, ("full", "partial"), path)
    full = data.get("full", 0)
    if not isinstance(full, int) or isinstance(full, bool) or full < 0:
        r.fail(f"{path}.full", tr("must be a whole number, 0 or more"))
        full = 0
    tiers = []
    for p, tier in r.items(data, "partial", path, required=False):
        if (isinstance(tier, list) and len(tier) == 2 and isinstance(tier[0], int)
                and not isinstance(tier[0], bool) and tier[0] > full
                and isinstance(tier[1], int | float) and not isinstance(tier[1], bool)
                and 0 < tier[1] < 1):
            tiers.append((tier[0], float(tier[1])))
        else:
            r.fail(p, tr("must be [distance, credit]: a distance above 'full' and a credit "
                         "between 0 and 1"))
    return Tolerance(full, tuple(tiers))


def question_set_from_dict(data: Any, where: str = "") -> QuestionSet:
    """Check and read a question set; raises InputError listing every problem with its path."""
    r = _Reader(where)
    if not isinstance(data, dict):
        r.fail("(top)", tr("a question set must be a JSON object"))
        raise InputError(r.problems)
    r.keys(data, _TOP, "")
    if data.get("format") != FORMAT:
        r.fail("format", tr("must be '{format}'", format=FORMAT))
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        r.fail("version", tr("{version} is newer than this app reads ({known}); update the app",
                             version=version, known=VERSION))
    elif version != VERSION:
        r.fail("version", tr("must be {version}", version=VERSION))
    generator = data.get("generator")
    if generator is not None and not isinstance(generator, dict):
        r.fail("generator", tr("must be an object or null"))
        generator = None
    if data.get(CLASSROOM_KEY) is not None:
        for path, message in classroom_problems(data[CLASSROOM_KEY])[1]:
            r.fail(path, message)
    questions = [_read_question(r, item, p) for p, item in r.items(data, "questions", "")]
    ids = [(f"questions[{i}].id", q.id) for i, q in enumerate(questions) if q is not None]
    _distinct(r, ids, tr("the question id"))
    question_set = QuestionSet(
        id=r.text(data, "id", ""), title=r.text(data, "title", ""),
        records=r.text(data, "records", ""), questions=tuple(q for q in questions if q),
        generator=generator, description=r.text(data, "description", "", empty=True),
    )
    if r.problems:
        raise InputError(r.problems)
    return question_set


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
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError([Problem(f"{path}:{error.lineno}", tr(
            "is not valid JSON ({reason})", reason=error.msg))]) from None
    return question_set_from_dict(data, where=str(path))
