"""Reading back a Moodle XML file written by `moodle_xml.export_moodle_xml`."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from gensec_quiz.bank.moodle_xml import (
    GRADING,
    MARK,
    SET_MARK,
    SHORT_ANSWER_HINT,
    html_to_text,
)
from gensec_quiz.domain.dates import MONTH_NAMES, DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import DEFAULT_ORDERING_RULE, Question, QuestionSet
from gensec_quiz.i18n import tr

_RULES = {word: rule for rule, word in GRADING.items()}
_HUMAN = re.compile(r"^(?:(\d{1,2}) )?(?:([A-Z][a-z]+) )?(\d{1,4})$")


def read_quiz(root: ET.Element, where: str) -> QuestionSet:
    problems: list[Problem] = []
    header: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    category = ""
    questions: list[Question] = []
    number = 0
    for node in root:
        if node.tag is ET.Comment:  # type: ignore[comparison-overlap]
            data = _comment_data(node.text or "")
            if SET_MARK in data:
                header = data
            elif MARK in data:
                meta = data
            continue
        kind = node.get("type", "")
        if kind == "category":
            category = _text(node, "category").rsplit("/", 1)[-1]
            continue
        place = f"{where}: question {number + 1}" if where else f"question {number + 1}"
        number += 1
        question = _read_question(node, kind, meta, place, problems)
        meta = {}
        if question is not None:
            questions.append(question)
    if problems:
        raise InputError(problems)
    return QuestionSet(
        id=header.get("id") or "moodle-import", title=header.get("title") or category or tr(
            "Imported from Moodle"),
        records=header.get("records") or "", questions=tuple(questions),
        generator=header.get("generator"), description=header.get("description") or "")


def _comment_data(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _text(node: ET.Element, tag: str) -> str:
    found = node.find(f"{tag}/text")
    return "" if found is None or found.text is None else found.text


def _read_question(node: ET.Element, kind: str, meta: dict[str, Any], place: str,
                   problems: list[Problem]) -> Question | None:
    from gensec_quiz.bank.questions_json import question_from_dict

    readers = {"ordering": _ordering, "match": _matching, "numerical": _numerical,
               "multichoice": _multichoice, "shortanswer": _shortanswer}
    if kind not in readers:
        problems.append(Problem(place, tr("type '{kind}' is not one GenSec Quiz reads (use "
                                          "ordering, match, numerical, multichoice or "
                                          "shortanswer)", kind=kind)))
        return None
    prompt = html_to_text(_text(node, "questiontext"))
    for hint in SHORT_ANSWER_HINT.values():
        prompt = prompt.removesuffix(" " + hint)
    data: dict[str, Any] = {
        "id": meta.get("id") or (node.findtext("idnumber") or "").strip() or place,
        "prompt": prompt,
        "explanation": html_to_text(_text(node, "generalfeedback")),
        "difficulty": meta.get("difficulty", 2),
        "sources": meta.get("sources", []),
        "basis": meta.get("basis", []),
    }
    try:
        data.update(readers[kind](node, meta))
        return question_from_dict(data, where=place)
    except (InputError, ValueError, DateError) as error:
        if isinstance(error, InputError):
            problems.extend(error.problems)
        else:
            problems.append(Problem(place, str(error)))
        return None


def _answers(node: ET.Element) -> list[tuple[float, str, ET.Element]]:
    return [(float(a.get("fraction", "0")), (a.findtext("text") or ""), a)
            for a in node.findall("answer")]


def _ordering(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    answers = sorted(_answers(node), key=lambda a: a[0])
    bases = meta.get("items") or [[] for _ in answers]
    if len(bases) != len(answers):
        raise ValueError(tr("the comment before the question names {count} items, the "
                            "question has {items}", count=len(bases), items=len(answers)))
    word = (node.findtext("gradingtype") or "").strip().upper()
    return {
        "type": "ordering",
        "items": [{"text": html_to_text(text), "basis": basis}
                  for (_, text, _), basis in zip(answers, bases, strict=True)],
        "scoring": _RULES.get(word, DEFAULT_ORDERING_RULE),
    }


def _matching(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    pairs, extras = [], []
    for sub in node.findall("subquestion"):
        left = html_to_text(sub.findtext("text") or "")
        right = (sub.findtext("answer/text") or "").strip()
        if left:
            pairs.append((left, right))
        else:
            extras.append(right)
    bases = meta.get("pairs") or [[] for _ in pairs]
    if len(bases) != len(pairs):
        raise ValueError(tr("the comment before the question names {count} pairs, the "
                            "question has {pairs}", count=len(bases), pairs=len(pairs)))
    return {
        "type": "matching",
        "pairs": [{"left": left, "right": right, "basis": basis}
                  for (left, right), basis in zip(pairs, bases, strict=True)],
        "extra_right": extras, "scoring": meta.get("scoring", "per_pair"),
    }


def _date_keys(meta: dict[str, Any], precision: str) -> dict[str, Any]:
    return {"type": "date", "measure": meta.get("measure", "date"),
            "precision": meta.get("precision", precision)}


def _accept(meta: dict[str, Any], values: list[Any]) -> list[dict[str, Any]]:
    sources = {json.dumps(a.get("value")): a.get("sources", []) for a in meta.get("accept", [])}
    return [{"value": v, "sources": sources.get(json.dumps(v), [])} for v in values]


def _numerical(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    answers = [(fraction, int(float(text)), int(float(a.findtext("tolerance") or "0")))
               for fraction, text, a in _answers(node)]
    full = [a for a in answers if a[0] >= 100]
    if not full:
        raise ValueError(tr("no answer earns full marks"))
    tolerance = full[0][2]
    answer = full[0][1]
    values = list(dict.fromkeys(v for _, v, t in full if t == tolerance and v != answer))
    partial = sorted({(t, round(f / 100, 6)) for f, v, t in answers if f < 100 and v == answer})
    keys = _date_keys(meta, "year")
    shown = (lambda y: y) if keys["measure"] == "years" else (lambda y: f"{y:04d}")
    return {**keys, "answer": shown(answer), "accept": _accept(meta, [shown(v) for v in values]),
            "tolerance": {"full": tolerance, "partial": [list(t) for t in partial]},
            "choices": []}


def _multichoice(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    if "pairs" in meta:  # a one-pair matching: "Who was General Secretary when ...?"
        texts = [(fraction, html_to_text(text)) for fraction, text, _ in _answers(node)]
        key = [text for fraction, text in texts if fraction >= 100]
        if len(key) != 1 or len(meta["pairs"]) != 1:
            raise ValueError(tr("a choice question needs exactly one right choice"))
        return {"type": "matching", "scoring": meta.get("scoring", "per_pair"),
                "pairs": [{"left": meta.get("stem", ""), "right": key[0],
                           "basis": meta["pairs"][0]}],
                "extra_right": [text for fraction, text in texts if fraction < 100]}
    keys = _date_keys(meta, "year")
    choices = [(fraction, _parse_shown(html_to_text(text), keys["measure"]))
               for fraction, text, _ in _answers(node)]
    right = [value for fraction, value in choices if fraction >= 100]
    if len(right) != 1:
        raise ValueError(tr("a choice question needs exactly one right choice"))
    return {**keys, "answer": right[0], "accept": _accept(meta, [
        a.get("value") for a in meta.get("accept", [])]),
        "tolerance": meta.get("tolerance", {"full": 0}),
        "choices": [value for _, value in choices]}


def _shortanswer(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    forms = [text.strip() for fraction, text, _ in _answers(node) if fraction >= 100]
    iso = [f for f in forms if re.fullmatch(r"\d{1,4}(-\d{2}){0,2}", f)]
    if not iso:
        raise ValueError(tr("no answer is written as a date such as 1922-04-03"))
    precision = ("year", "month", "day")[iso[0].count("-")]
    keys = _date_keys(meta, precision)
    return {**keys, "answer": iso[0], "accept": _accept(meta, iso[1:]),
            "tolerance": meta.get("tolerance", {"full": 0}), "choices": []}


def _parse_shown(text: str, measure: str) -> str | int:
    """A choice as we write it ('1964', 'April 1922', '3 April 1922', or a number of years)."""
    if measure == "years":
        return int(text)
    match = _HUMAN.match(text)
    if match is None:
        raise ValueError(tr("'{text}' is not a date such as 1964, April 1922 or 3 April 1922",
                            text=text))
    day, month, year = match.groups()
    if month is None:
        return PartialDate(int(year)).iso()
    if month not in MONTH_NAMES:
        raise ValueError(tr("'{month}' is not a month", month=month))
    number = MONTH_NAMES.index(month) + 1
    return PartialDate(int(year), number, int(day) if day else None).iso()


def read_moodle_xml(text: str, where: str = "") -> QuestionSet:
    """Questions from a Moodle XML file that GenSec Quiz wrote (ordering, match, numerical,
    multichoice, shortanswer); InputError names every problem with its place."""
    try:
        root = ET.fromstring(text, parser=ET.XMLParser(
            target=ET.TreeBuilder(insert_comments=True)))
    except ET.ParseError as error:
        line, column = error.position
        raise InputError([Problem(f"{where}:{line}:{column}" if where else f"{line}:{column}",
                                  tr("is not well-formed XML ({reason})",
                                     reason=str(error).split(":")[0]))]) from None
    if root.tag != "quiz":
        raise InputError([Problem(where or "(top)", tr("a Moodle XML file begins with <quiz>"))])
    return read_quiz(root, where)
