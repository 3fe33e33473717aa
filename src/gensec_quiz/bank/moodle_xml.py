"""Moodle XML export (and a reader for our own export, so a round trip restores the set).

Ordering -> qtype `ordering` (gradingtype named as in Moodle's ordering plugin); matching ->
`match` (distractors as subquestions with empty text); a year or a number of years ->
`numerical` with one answer per credit tier; a question with choices -> `multichoice`; a month
or a day without choices -> `shortanswer` taking the ISO form or the date in words.

What Moodle has no field for (basis, sources, difficulty, accepted values' sources) travels in
an XML comment before each question (`<!-- gensec-quiz {...} -->`); Moodle ignores comments.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.domain.records import RecordSet, SourceRef
from gensec_quiz.i18n import tr

MARK = "gensec-quiz"
SET_MARK = "gensec-quiz-set"
# Our rule names -> Moodle's `gradingtype` words (qtype_ordering::set_options_for_import).
GRADING = {
    "all_or_nothing": "ALL_OR_NOTHING",
    "absolute_position": "ABSOLUTE_POSITION",
    "relative_next_exclude_last": "RELATIVE_NEXT_EXCLUDE_LAST",
    "relative_next_include_last": "RELATIVE_NEXT_INCLUDE_LAST",
    "relative_one_previous_and_next": "RELATIVE_ONE_PREVIOUS_AND_NEXT",
    "relative_all_previous_and_next": "RELATIVE_ALL_PREVIOUS_AND_NEXT",
    "longest_ordered_subset": "LONGEST_ORDERED_SUBSET",
    "longest_contiguous_subset": "LONGEST_CONTIGUOUS_SUBSET",
    "relative_to_correct_position": "RELATIVE_TO_CORRECT",
}
SHORT_ANSWER_HINT = {
    "month": "(Answer with the month and the year, for example 1900-01 or January 1900.)",
    "day": "(Answer with the day, the month and the year, for example 1900-01-01 or "
           "1 January 1900.)",
}


def moodle_kind(question: Question) -> str:
    """The Moodle question type a question is exported as."""
    if isinstance(question, OrderingQuestion):
        return "ordering"
    if isinstance(question, MatchingQuestion):
        return "multichoice" if len(question.pairs) == 1 else "match"  # one pair: a choice
    if question.choices:
        return "multichoice"
    return "numerical" if question.precision == "year" else "shortanswer"


# ---------------------------------------------------------------- writing


def _html(text: str) -> str:
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br />") + "</p>"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        ET.SubElement(element, "text").text = text
    return element


def _value(parent: ET.Element, tag: str, value: object) -> None:
    ET.SubElement(parent, tag).text = str(value)


def _comment(data: dict[str, Any]) -> Any:
    # "--" may not appear in an XML comment; \u002d is the same hyphen to a JSON reader.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("--", "-\\u002d")
    return ET.Comment(f" {text} ")


def _refs(refs: tuple[SourceRef, ...]) -> list[dict[str, str]]:
    return [{"source": r.source, "quote": r.quote} for r in refs]


def _metadata(question: Question) -> dict[str, Any]:
    from gensec_quiz.bank.questions_json import question_to_dict

    data = question_to_dict(question)
    meta: dict[str, Any] = {MARK: 1, "id": question.id, "difficulty": question.difficulty,
                            "sources": data["sources"], "basis": data["basis"]}
    if isinstance(question, OrderingQuestion):
        meta["items"] = [item["basis"] for item in data["items"]]
    elif isinstance(question, MatchingQuestion):
        meta["pairs"] = [pair["basis"] for pair in data["pairs"]]
        meta["scoring"] = question.scoring
        if len(question.pairs) == 1:
            meta["stem"] = question.pairs[0].left
    else:
        meta.update({k: data[k] for k in ("measure", "precision", "accept", "tolerance")})
    return meta


def _feedback(question: Question, records: RecordSet | None) -> str:
    text = _html(question.explanation) if question.explanation else ""
    if records is None or not question.sources:
        return text
    quotes = "".join(
        f"<li>{html.escape(_title(records, r.source), quote=False)}: "
        f"“{html.escape(r.quote, quote=False)}”</li>" for r in question.sources)
    return f'{text}<div class="gensec-sources"><ul>{quotes}</ul></div>'


def _title(records: RecordSet, source_id: str) -> str:
    source = records.source(source_id)
    return source.title if source is not None else source_id


def _question(question: Question, number: int, records: RecordSet | None) -> ET.Element:
    element = ET.Element("question", {"type": moodle_kind(question)})
    prompt = question.prompt
    if moodle_kind(question) == "shortanswer":
        prompt = f"{prompt} {SHORT_ANSWER_HINT[question.precision]}"  # type: ignore[union-attr]
    short = question.prompt if len(question.prompt) <= 60 else question.prompt[:57] + "..."
    _sub(element, "name", f"{number:02d} {short}")
    _sub(element, "questiontext", _html(prompt), format="html")
    _sub(element, "generalfeedback", _feedback(question, records), format="html")
    _value(element, "defaultgrade", 1)
    _value(element, "penalty", "0.3333333")
    _value(element, "hidden", 0)
    _value(element, "idnumber", question.id)
    if isinstance(question, OrderingQuestion):
        _ordering(element, question)
    elif isinstance(question, MatchingQuestion):
        _matching(element, question)
    else:
        _date(element, question)
    tags = ET.SubElement(element, "tags")
    for tag in (MARK, question.type, f"difficulty-{question.difficulty}"):
        _sub(tags, "tag", tag)
    return element


def _combined_feedback(element: ET.Element) -> None:
    _sub(element, "correctfeedback", _html(tr("Your answer is correct.")), format="html")
    _sub(element, "partiallycorrectfeedback", _html(tr("Your answer is partially correct.")),
         format="html")
    _sub(element, "incorrectfeedback", _html(tr("Your answer is incorrect.")), format="html")
    _value(element, "shownumcorrect", 1)


def _ordering(element: ET.Element, question: OrderingQuestion) -> None:
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"),
                       ("selectcount", len(question.items)),
                       ("gradingtype", GRADING[question.scoring]), ("showgrading", "SHOW"),
                       ("numberingstyle", "none")):
        _value(element, tag, value)
    _combined_feedback(element)
    for position, item in enumerate(question.items, start=1):
        _sub(element, "answer", _html(item.text), fraction=str(position), format="html")


def _matching(element: ET.Element, question: MatchingQuestion) -> None:
    if len(question.pairs) == 1:  # multiple choice: the key and its distractors
        for tag, value in (("single", "true"), ("shuffleanswers", "true"),
                           ("answernumbering", "abc"), ("showstandardinstruction", 0)):
            _value(element, tag, value)
        _combined_feedback(element)
        for choice in question.right_choices():
            _sub(element, "answer", _html(choice), format="html",
                 fraction="100" if choice == question.pairs[0].right else "0")
        return
    _value(element, "shuffleanswers", "true")
    _combined_feedback(element)
    for left, right in [*((p.left, p.right) for p in question.pairs),
                        *(("", extra) for extra in question.extra_right)]:
        sub = _sub(element, "subquestion", _html(left) if left else "", format="html")
        _sub(sub, "answer", right)


def _date(element: ET.Element, question: DateQuestion) -> None:
    kind = moodle_kind(question)
    if kind == "multichoice":
        for tag, value in (("single", "true"), ("shuffleanswers", "true"),
                           ("answernumbering", "abc"), ("showstandardinstruction", 0)):
            _value(element, tag, value)
        _combined_feedback(element)
        for choice in question.choices:
            fraction = "100" if choice == question.answer else "0"
            _sub(element, "answer", _html(_shown(question, choice)), fraction=fraction,
                 format="html")
        return
    targets = [question.answer, *(a.value for a in question.accept)]
    if kind == "shortanswer":
        _value(element, "usecase", 0)
        for target in targets:
            for form in dict.fromkeys(_written_forms(target)):
                _sub(element, "answer", form, fraction="100", format="moodle_auto_format")
        return
    tiers = [(question.tolerance.full, 1.0), *sorted(question.tolerance.partial,
                                                     key=lambda t: -t[1])]
    for within, credit in tiers:
        for target in targets:
            answer = _sub(element, "answer", str(target.year), fraction=_percent(credit),
                          format="moodle_auto_format")
            _value(answer, "tolerance", within)
    for tag, value in (("unitgradingtype", 0), ("unitpenalty", "0.1000000"),
                       ("showunits", 3), ("unitsleft", 0)):
        _value(element, tag, value)


def _percent(credit: float) -> str:
    return f"{credit * 100:.7f}".rstrip("0").rstrip(".")


def _shown(question: DateQuestion, value: Any) -> str:
    return str(value.year) if question.measure == "years" else value.human()


def _written_forms(date: Any) -> list[str]:
    forms = [date.iso(), date.human()]
    if date.day is not None:
        forms.append(f"{date.human().split(' ', 1)[1].replace(' ', f' {date.day}, ', 1)}")
    return forms


def export_moodle_xml(question_set: QuestionSet, records: RecordSet | None = None) -> str:
    """The question set as a Moodle XML file (one category named after the set)."""
    quiz = ET.Element("quiz")
    quiz.append(_comment({SET_MARK: 1, "id": question_set.id, "title": question_set.title,
                          "description": question_set.description,
                          "records": question_set.records,
                          "generator": question_set.generator}))
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _sub(category, "category", f"$course$/top/{question_set.title}")
    _sub(category, "info", _html(question_set.description), format="html")
    for number, question in enumerate(question_set.questions, start=1):
        quiz.append(_comment(_metadata(question)))
        quiz.append(_question(question, number, records))
    ET.indent(quiz, space="  ")
    body = ET.tostring(quiz, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


# ---------------------------------------------------------------- shared with the reader


def html_to_text(value: str) -> str:
    """The plain text of the HTML we write (paragraphs, line breaks, entities)."""
    value = re.sub(r'<div class="gensec-sources">.*?</div>', "", value, flags=re.DOTALL)
    value = re.sub(r"<br\s*/?>", "\n", value)
    value = re.sub(r"</p>\s*<p>", "\n\n", value)
    value = re.sub(r"<[^>]+>", "", value)
    return html.unescape(value).strip()
