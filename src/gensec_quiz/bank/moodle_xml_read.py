"""Reading a Moodle XML file: ours (exactly, thanks to the comment before each question) or one
exported by Moodle or another system (ordering, match, numerical, multichoice, short-answer dates).

The file is parsed with `defusedxml`: a DTD, an entity declaration or an external reference is
refused, never expanded or fetched. A question that cannot be kept is named with its place and
the reason; `read_moodle_questions` keeps the others, `read_moodle_xml` refuses the file whole.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from gensec_quiz.bank.moodle_xml import (
    GRADING,
    MARK,
    SET_MARK,
    SHORT_ANSWER_HINTS,
    html_to_text,
)
from gensec_quiz.domain.dates import MONTH_NAMES, DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import (
    DEFAULT_ORDERING_RULE,
    BasisRef,
    MatchingPair,
    MatchingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.domain.records import SourceId, SourceRef
from gensec_quiz.i18n import DEFAULT_LANGUAGE, LANGUAGES, tr

MAX_CHARACTERS = 20_000_000  # about 20 MB: far more than any question bank a teacher exports
_RULES = {word: rule for rule, word in GRADING.items()}
# Moodle's own words and numbers for the ordering rules (qtype_ordering::set_options_for_import).
_RULES.update({"ABS": "absolute_position", "ABSOLUTE": "absolute_position",
               "REL": "relative_next_exclude_last", "RELATIVE": "relative_next_exclude_last",
               "-1": "all_or_nothing", "0": "absolute_position",
               "1": "relative_next_exclude_last", "2": "relative_next_include_last",
               "3": "relative_one_previous_and_next", "4": "relative_all_previous_and_next",
               "5": "longest_ordered_subset", "6": "longest_contiguous_subset",
               "7": "relative_to_correct_position"})
_HUMAN = re.compile(r"^(?:(\d{1,2}) )?(?:([A-Z][a-z]+) )?(\d{1,4})$")
_US = re.compile(r"^([A-Z][a-z]+) (\d{1,2}), (\d{1,4})$")
_ISO = re.compile(r"^\d{1,4}(-\d{2}){0,2}$")


@dataclass(frozen=True)
class MoodleImport:
    """What a Moodle XML file gave: the set of the questions kept, and one located sentence
    for each question left out."""

    question_set: QuestionSet
    left_out: tuple[Problem, ...]


class _LeftOut(ValueError):
    """One question cannot be kept; the message says why."""


def read_moodle_questions(text: str, where: str = "") -> MoodleImport:
    """The questions of a Moodle XML file; a bad file (not XML, not a Moodle quiz, a DTD or
    entities, too big, no question at all) raises InputError in one sentence."""
    return read_quiz(parse_moodle_xml(text, where), where)


def read_moodle_xml(text: str, where: str = "") -> QuestionSet:
    """Questions from a Moodle XML file (ordering, match, numerical, multichoice,
    shortanswer); InputError names every question that cannot be kept, with its place."""
    found = read_moodle_questions(text, where)
    if found.left_out:
        raise InputError(found.left_out)
    return found.question_set


def parse_moodle_xml(text: str, where: str = "") -> ET.Element:
    """The file's <quiz> element, comments kept; refuses entities, DTDs and external
    references (defusedxml), and files too big or empty."""
    place = where or tr("the file")
    if len(text) > MAX_CHARACTERS:
        raise InputError([Problem(place, tr(
            "is too big to be a question bank ({size} MB; the most is {most} MB)",
            size=len(text) // 1_000_000, most=MAX_CHARACTERS // 1_000_000))])
    if not text.strip():
        raise InputError([Problem(place, tr("is empty; a Moodle XML file begins with <quiz>"))])
    parser = DefusedXMLParser(target=ET.TreeBuilder(insert_comments=True), forbid_dtd=True)
    try:
        parser.feed(text)
        root: ET.Element = parser.close()
    except ET.ParseError as error:
        line, column = error.position[0], error.position[1] + 1
        raise InputError([Problem(f"{where}:{line}:{column}" if where else f"{line}:{column}",
                                  tr("is not well-formed XML ({reason})",
                                     reason=str(error).split(":")[0]))]) from None
    except DefusedXmlException:
        raise InputError([Problem(place, tr(
            "declares a DTD or entities, which a Moodle XML file never needs; it was not "
            "read, for safety"))]) from None
    if root.tag != "quiz":
        raise InputError([Problem(place, tr(
            "is XML but not a Moodle question file (it begins with <{tag}>, not <quiz>)",
            tag=root.tag))])
    return root


def read_quiz(root: ET.Element, where: str) -> MoodleImport:
    left_out: list[Problem] = []
    header: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    category, info = "", ""
    questions: list[Question] = []
    ids: set[str] = set()
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
            category, info = _category_name(_text(node, "category")), _field(node, "info")
            continue
        number += 1
        name = html.unescape(_text(node, "name")).strip()
        place = tr("question {number}", number=number) + (f" ('{name}')" if name else "")
        place = f"{where}: {place}" if where else place
        try:
            question = _read_question(node, kind, meta, number, place)
        except _LeftOut as error:
            left_out.append(Problem(place, str(error)))
            question = None
        meta = {}
        if question is not None:
            if question.id in ids:
                left_out.append(Problem(place, tr("its id '{id}' is used by an earlier "
                                                  "question", id=question.id)))
                continue
            ids.add(question.id)
            questions.append(question)
    if not questions:
        raise InputError(left_out or [Problem(where or tr("the file"), tr(
            "has no question in it"))])
    title = header.get("title") or category or tr("Imported from Moodle")
    return MoodleImport(QuestionSet(
        id=header.get("id") or _slug(title), title=title,
        records=header.get("records") or "moodle-import", questions=tuple(questions),
        generator=header.get("generator"),
        description=header.get("description", info),
        language=_language(header.get("language"))), tuple(left_out))


def _language(value: object) -> str:
    """The language our own export wrote in its header (English for any other file)."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def _slug(text: str) -> str:
    return "moodle-" + (re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "import")


def _category_name(path: str) -> str:
    """The last category of a path: Moodle splits at a single "/" and reads "//" as "/"."""
    last = re.split(r"(?<!/)/(?!/)", path.strip())[-1]
    return html.unescape(last.replace("//", "/")).strip()


def _comment_data(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _text(node: ET.Element, tag: str) -> str:
    found = node.find(f"{tag}/text")
    return "" if found is None or found.text is None else found.text


def _field(node: ET.Element, tag: str) -> str:
    """A text field as plain text, whatever Moodle format it is in."""
    element = node.find(tag)
    if element is None:
        return ""
    return _formatted(element.findtext("text") or "", element.get("format", "html"))


def _formatted(text: str, fmt: str) -> str:
    """Plain text of a Moodle text field. Moodle's auto-format (what it stores for a GIFT
    import, and writes back in its own export) is HTML whose line ends are line breaks."""
    if fmt == "html":
        return html_to_text(text)
    if fmt == "moodle_auto_format":
        return html_to_text(text.strip().replace("\n", "<br>"))
    return text.strip()


def _read_question(node: ET.Element, kind: str, meta: dict[str, Any], number: int,
                   place: str) -> Question:
    from gensec_quiz.bank.questions_json import question_from_dict

    # Moodle writes a matching question as type "matching" and reads "match" or "matching".
    readers = {"ordering": _ordering, "match": _matching, "matching": _matching,
               "numerical": _numerical, "multichoice": _multichoice,
               "shortanswer": _shortanswer}
    if kind not in readers:
        raise _LeftOut(tr("type '{kind}' is not one GenSec Quiz reads (use ordering, match, "
                          "numerical, multichoice or shortanswer)", kind=kind))
    prompt = _field(node, "questiontext")
    for hint in (h for hints in SHORT_ANSWER_HINTS.values() for h in hints.values()):
        prompt = prompt.removesuffix(" " + hint)
    if not prompt:
        raise _LeftOut(tr("it has no question text"))
    data: dict[str, Any] = {
        "id": meta.get("id") or (node.findtext("idnumber") or "").strip()
        or f"moodle-{number:03d}",
        "prompt": prompt,
        "explanation": _field(node, "generalfeedback"),
        "difficulty": meta.get("difficulty", _tagged_difficulty(node)),
        "sources": meta.get("sources", []),
        "basis": meta.get("basis", []),
    }
    try:
        found = readers[kind](node, meta)
        if isinstance(found, MatchingQuestion):
            return _one_pair(found, data)
        data.update(found)
        return question_from_dict(data)
    except InputError as error:
        raise _LeftOut("; ".join(str(p) for p in error.problems)) from None
    except (ValueError, DateError) as error:
        raise _LeftOut(str(error)) from None


def _tagged_difficulty(node: ET.Element) -> int:
    """The difficulty our export tags a question with ("difficulty-3"), which Moodle keeps and
    writes back in its own export (it drops our comments); 2 when there is no such tag."""
    for tag in node.findall("tags/tag/text"):
        found = re.fullmatch(r"difficulty-([123])", (tag.text or "").strip())
        if found:
            return int(found.group(1))
    return 2


def _answers(node: ET.Element) -> list[tuple[float, str, ET.Element]]:
    out = []
    for answer in node.findall("answer"):
        try:
            fraction = float(answer.get("fraction", "0"))
        except ValueError:
            raise _LeftOut(tr("an answer's fraction '{value}' is not a number",
                              value=answer.get("fraction"))) from None
        out.append((fraction, _formatted(answer.findtext("text") or "",
                                         answer.get("format", "plain")), answer))
    return out


def _ordering(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    answers = sorted(_answers(node), key=lambda a: a[0])
    bases = meta.get("items") or [[] for _ in answers]
    if len(bases) != len(answers):
        raise ValueError(tr("the comment before the question names {count} items, the "
                            "question has {items}", count=len(bases), items=len(answers)))
    word = (node.findtext("gradingtype") or "").strip().upper()
    return {
        "type": "ordering",
        "items": [{"text": text, "basis": basis}
                  for (_, text, _), basis in zip(answers, bases, strict=True)],
        "scoring": _RULES.get(word, DEFAULT_ORDERING_RULE),
    }


def _matching(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    pairs, extras = [], []
    for sub in node.findall("subquestion"):
        left = _formatted(sub.findtext("text") or "", sub.get("format", "html"))
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


def _whole(text: str, what: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise _LeftOut(tr("the {what} '{text}' is not a number", what=what, text=text)) from None
    if value != int(value):
        raise _LeftOut(tr("the {what} {text} is not a whole number of years", what=what,
                          text=text))
    return int(value)


def _numerical(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    answers = [(fraction, _whole(text.strip(), tr("answer")),
                _whole((a.findtext("tolerance") or "0").strip(), tr("tolerance")))
               for fraction, text, a in _answers(node)]
    full = [a for a in answers if a[0] >= 100]
    if not full:
        raise ValueError(tr("no answer earns full marks"))
    tolerance = full[0][2]
    answer = full[0][1]
    values = list(dict.fromkeys(v for _, v, t in full if t == tolerance and v != answer))
    partial = sorted({(t, round(f / 100, 6)) for f, v, t in answers if f < 100 and v == answer
                      and f > 0})
    keys = _date_keys(meta, "year")
    if keys["measure"] != "years" and not 1 <= answer <= 9999:
        raise _LeftOut(tr("the answer {value} is not a year", value=answer))
    shown = (lambda y: y) if keys["measure"] == "years" else (lambda y: f"{y:04d}")
    return {**keys, "answer": shown(answer), "accept": _accept(meta, [shown(v) for v in values]),
            "tolerance": {"full": tolerance, "partial": [list(t) for t in partial]},
            "choices": []}


def _multichoice(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any] | MatchingQuestion:
    if (node.findtext("single") or "true").strip().lower() in ("false", "0"):
        raise _LeftOut(tr("it lets the learner pick several answers; GenSec Quiz asks for one"))
    answers = _answers(node)
    right = [text for fraction, text, _ in answers if fraction >= 100]
    partly = [text for fraction, text, _ in answers if 0 < fraction < 100]
    if len(right) != 1 or partly:
        raise _LeftOut(tr("a choice question needs exactly one right choice and no choice "
                          "worth part of the marks"))
    keys = _date_keys(meta, "year")
    if "left" not in meta:
        try:
            choices = [(fraction, _parse_shown(text, keys["measure"]))
                       for fraction, text, _ in answers]
        except (ValueError, DateError):
            choices = []
        if choices:
            return {**keys, "answer": next(v for f, v in choices if f >= 100),
                    "accept": _accept(meta, [a.get("value") for a in meta.get("accept", [])]),
                    "tolerance": meta.get("tolerance", {"full": 0}),
                    "choices": [value for _, value in choices]}
    # "Who/which": one pair (the key) and the other choices as distractors.
    others = tuple(text for fraction, text, _ in answers if fraction < 100)
    bases = meta.get("pairs") or [[]]
    return MatchingQuestion(
        id="", prompt="", explanation="", difficulty=2, sources=(), basis=(),
        pairs=(MatchingPair(str(meta.get("left") or tr("Answer")), right[0],
                            _basis(bases[0])),), extra_right=others)


def _basis(data: Any) -> tuple[BasisRef, ...]:
    if not isinstance(data, list):
        return ()
    return tuple(BasisRef(str(b.get("record", "")), str(b.get("field", "")))
                 for b in data if isinstance(b, dict))


def _one_pair(question: MatchingQuestion, data: dict[str, Any]) -> MatchingQuestion:
    """A one-pair choice question, built whole (the JSON model asks two pairs of a matching
    question; the team's "who/which" design has one)."""
    texts = [question.pairs[0].right, *question.extra_right]
    if len(set(texts)) != len(texts) or not all(t.strip() for t in texts):
        raise _LeftOut(tr("two choices are the same, or one is empty"))
    difficulty = data["difficulty"] if data["difficulty"] in (1, 2, 3) else 2
    sources = tuple(SourceRef(SourceId(str(s.get("source", ""))), str(s.get("quote", "")))
                    for s in data["sources"] if isinstance(s, dict))
    return MatchingQuestion(
        id=str(data["id"]), prompt=data["prompt"], explanation=data["explanation"],
        difficulty=difficulty, sources=sources, basis=_basis(data["basis"]),
        pairs=question.pairs, extra_right=question.extra_right)


def _shortanswer(node: ET.Element, meta: dict[str, Any]) -> dict[str, Any]:
    forms = [text.strip() for fraction, text, _ in _answers(node) if fraction >= 100]
    dates: list[PartialDate] = []
    for form in forms:
        try:
            value = _date_of(form)
        except (ValueError, DateError):
            continue
        if value not in dates:
            dates.append(value)
    if not dates:
        raise _LeftOut(tr("no right answer is a date such as 1922-04-03, 3 April 1922 or "
                          "April 3, 1922; GenSec Quiz asks short answers only about dates"))
    iso = [d.iso() for d in dates if d.precision == dates[0].precision]
    keys = _date_keys(meta, dates[0].precision)
    return {**keys, "answer": iso[0], "accept": _accept(meta, iso[1:]),
            "tolerance": meta.get("tolerance", {"full": 0}), "choices": []}


def _date_of(text: str) -> PartialDate:
    """A date written as ISO, in words ('3 April 1922', 'April 1922') or 'April 3, 1922'."""
    if _ISO.fullmatch(text):
        return PartialDate.parse(text)
    us = _US.match(text)
    if us is not None:
        month, day, year = us.groups()
        text = f"{day} {month} {year}"
    return PartialDate.parse(str(_parse_shown(text, "date")))


def _parse_shown(text: str, measure: str) -> str | int:
    """A choice as we write it ('1964', 'April 1922', '3 April 1922', or a number of years)."""
    if measure == "years":
        return int(text)
    if _ISO.fullmatch(text) and "-" in text:
        return PartialDate.parse(text).iso()
    match = _HUMAN.match(text)
    if match is None:
        raise ValueError(tr("'{text}' is not a date such as 1964, April 1922 or 3 April 1922",
                            text=text))
    day, month, year = match.groups()
    if month is None:
        if day is not None:
            raise ValueError(tr("'{text}' is not a date", text=text))
        return PartialDate(int(year)).iso()
    if month not in MONTH_NAMES:
        raise ValueError(tr("'{month}' is not a month", month=month))
    number = MONTH_NAMES.index(month) + 1
    return PartialDate(int(year), number, int(day) if day else None).iso()
