"""Moodle XML export (and a reader for our own export, so a round trip restores the set).

Ordering -> qtype `ordering` (gradingtype named as in Moodle's ordering plugin); matching ->
`match` (distractors as subquestions with empty text), except a "who/which" question (one pair
and distractors), which is a single-answer `multichoice`; a year or a number of years ->
`numerical` with one answer per credit tier; a question with choices -> `multichoice`; a month
or a day without choices -> `shortanswer` taking the ISO form or the date in words.

Names and the category go through Moodle's PARAM_TEXT cleaning, which strips anything like a
tag: `<` and `>` are written there as `&lt;` and `&gt;` (Moodle shows them as `<` and `>`), and a
`/` in the category is doubled (Moodle splits the path at a single `/`).

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
from gensec_quiz.i18n import DEFAULT_LANGUAGE, tr_in

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
# The hint in each language a set may be written in (the reader strips any of them).
SHORT_ANSWER_HINTS: dict[str, dict[str, str]] = {
    "en": SHORT_ANSWER_HINT,
    "fr": {
        "month": "(Répondez par le mois et l'année, par exemple 1900-01 ou janvier 1900.)",
        "day": "(Répondez par le jour, le mois et l'année, par exemple 1900-01-01 ou "
               "1er janvier 1900.)",
    },
}


def short_answer_hint(language: str, precision: str) -> str:
    return SHORT_ANSWER_HINTS.get(language, SHORT_ANSWER_HINT)[precision]


def is_one_pair_choice(question: Question) -> bool:
    """A "who/which" multiple-choice question: a matching question with one pair and
    distractors (the team's design), exported as a single-answer multiple choice."""
    return (isinstance(question, MatchingQuestion) and len(question.pairs) == 1
            and bool(question.extra_right))


def multichoice_choices(question: MatchingQuestion) -> tuple[str, tuple[str, ...]]:
    """The key and the distractors of a one-pair matching question."""
    return question.pairs[0].right, question.extra_right


def moodle_kind(question: Question) -> str:
    """The Moodle question type a question is exported as."""
    if isinstance(question, OrderingQuestion):
        return "ordering"
    if isinstance(question, MatchingQuestion):
        return "multichoice" if is_one_pair_choice(question) else "match"
    if question.choices:
        return "multichoice"
    return "numerical" if question.precision == "year" else "shortanswer"


# ---------------------------------------------------------------- writing


def moodle_name(text: str) -> str:
    """A name as Moodle's PARAM_TEXT cleaning keeps it: `<` and `>` as entities, one line."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\r", "").replace("\n", " ")


def question_name(question: Question, number: int) -> str:
    """`NN prompt`, the prompt cut at 60 characters."""
    prompt = question.prompt.replace("\n", " ")
    short = prompt if len(prompt) <= 60 else prompt[:57] + "..."
    return f"{number:02d} {short}"


def category_path(title: str) -> str:
    """The category path Moodle makes one category named `title` from, under the course."""
    name = moodle_name(title).strip().replace("/", "//")
    # A name beginning with "/" would be glued to "top"; Moodle trims the space again.
    return f"$course$/top/{' ' if name.startswith('/') else ''}{name}"


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
        if is_one_pair_choice(question):
            meta["left"] = question.pairs[0].left
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


def _question(question: Question, number: int, records: RecordSet | None,
              language: str = DEFAULT_LANGUAGE) -> ET.Element:
    element = ET.Element("question", {"type": moodle_kind(question)})
    prompt = question.prompt
    if isinstance(question, DateQuestion) and moodle_kind(question) == "shortanswer":
        prompt = f"{prompt} {short_answer_hint(language, question.precision)}"
    _sub(element, "name", moodle_name(question_name(question, number)))
    _sub(element, "questiontext", _html(prompt), format="html")
    _sub(element, "generalfeedback", _feedback(question, records), format="html")
    _value(element, "defaultgrade", 1)
    _value(element, "penalty", "0.3333333")
    _value(element, "hidden", 0)
    _value(element, "idnumber", question.id)
    if isinstance(question, OrderingQuestion):
        _ordering(element, question, language)
    elif isinstance(question, MatchingQuestion):
        if is_one_pair_choice(question):
            _choice(element, question, language)
        else:
            _matching(element, question, language)
    else:
        _date(element, question, language)
    tags = ET.SubElement(element, "tags")
    for tag in (MARK, question.type, f"difficulty-{question.difficulty}"):
        _sub(tags, "tag", tag)
    return element


def _combined_feedback(element: ET.Element, language: str) -> None:
    """Moodle's feedback sentences, in the set's language (not the interface's)."""
    _sub(element, "correctfeedback", _html(tr_in(language, "Your answer is correct.")),
         format="html")
    _sub(element, "partiallycorrectfeedback",
         _html(tr_in(language, "Your answer is partially correct.")), format="html")
    _sub(element, "incorrectfeedback", _html(tr_in(language, "Your answer is incorrect.")),
         format="html")
    _value(element, "shownumcorrect", 1)


def _ordering(element: ET.Element, question: OrderingQuestion, language: str) -> None:
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"),
                       ("selectcount", len(question.items)),
                       ("gradingtype", GRADING[question.scoring]), ("showgrading", "SHOW"),
                       ("numberingstyle", "none")):
        _value(element, tag, value)
    _combined_feedback(element, language)
    for position, item in enumerate(question.items, start=1):
        _sub(element, "answer", _html(item.text), fraction=str(position), format="html")


def _matching(element: ET.Element, question: MatchingQuestion, language: str) -> None:
    _value(element, "shuffleanswers", "true")
    _combined_feedback(element, language)
    for left, right in [*((p.left, p.right) for p in question.pairs),
                        *(("", extra) for extra in question.extra_right)]:
        sub = _sub(element, "subquestion", _html(left) if left else "", format="html")
        _sub(sub, "answer", right)


def _single_choice_options(element: ET.Element, language: str) -> None:
    for tag, value in (("single", "true"), ("shuffleanswers", "true"),
                       ("answernumbering", "abc"), ("showstandardinstruction", 0)):
        _value(element, tag, value)
    _combined_feedback(element, language)


def _choice(element: ET.Element, question: MatchingQuestion, language: str) -> None:
    _single_choice_options(element, language)
    key, others = multichoice_choices(question)
    for text, fraction in ((key, "100"), *((other, "0") for other in others)):
        _sub(element, "answer", _html(text), fraction=fraction, format="html")


def _date(element: ET.Element, question: DateQuestion, language: str) -> None:
    kind = moodle_kind(question)
    if kind == "multichoice":
        _single_choice_options(element, language)
        for choice in question.choices:
            fraction = "100" if choice == question.answer else "0"
            _sub(element, "answer", _html(_shown(question, choice, language)),
                 fraction=fraction, format="html")
        return
    targets = [question.answer, *(a.value for a in question.accept)]
    if kind == "shortanswer":
        _value(element, "usecase", 0)
        for target in targets:
            for form in dict.fromkeys(written_forms(target, language)):
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


def _shown(question: DateQuestion, value: Any, language: str = DEFAULT_LANGUAGE) -> str:
    return str(value.year) if question.measure == "years" else value.human_in(language)


def written_forms(date: Any, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The forms a short answer accepts: ISO, the date in words and, for a day, "Month D,
    YYYY" ("1953-03-05", "5 March 1953", "March 5, 1953"); in French, the date in French
    words and in figures day first ("1953-03-05", "5 mars 1953", "5/3/1953", "05/03/1953";
    "1er mars 1953" and "1 mars 1953"; "mars 1921", "03/1921")."""
    if language == "fr":
        forms = [date.iso(), date.human_in("fr")]
        if date.day is not None:
            forms.append(f"{date.day} {date.human_in('fr').split(' ', 1)[1]}")
            forms.append(f"{date.day}/{date.month}/{date.year}")
            forms.append(f"{date.day:02d}/{date.month:02d}/{date.year}")
        elif date.month is not None:
            forms.append(f"{date.month:02d}/{date.year}")
        return forms
    forms = [date.iso(), date.human()]
    if date.day is not None:
        forms.append(f"{date.human().split(' ', 1)[1].replace(' ', f' {date.day}, ', 1)}")
    return forms


def export_moodle_xml(question_set: QuestionSet, records: RecordSet | None = None) -> str:
    """The question set as a Moodle XML file (one category named after the set)."""
    quiz = ET.Element("quiz")
    header: dict[str, Any] = {SET_MARK: 1, "id": question_set.id, "title": question_set.title,
                              "description": question_set.description}
    if question_set.language != DEFAULT_LANGUAGE:
        header["language"] = question_set.language
    header.update({"records": question_set.records, "generator": question_set.generator})
    quiz.append(_comment(header))
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _sub(category, "category", category_path(question_set.title))
    _sub(category, "info", _html(question_set.description) if question_set.description else "",
         format="html")
    for number, question in enumerate(question_set.questions, start=1):
        quiz.append(_comment(_metadata(question)))
        quiz.append(_question(question, number, records, question_set.language))
    ET.indent(quiz, space="  ")
    body = _TEXT.sub(_cdata, ET.tostring(quiz, encoding="unicode"))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


# Moodle's xmlize drops character data that is only white space, and PHP's parser hands it the
# text between two entity references as its own piece: "A & <B>" written with entities would come
# back as "A &<B>". A text with an entity is written as CDATA, one piece, as Moodle's own export
# writes it.
_TEXT = re.compile(r"<text>([^<]*&[^<]*)</text>")


def _cdata(match: re.Match[str]) -> str:
    text = html.unescape(match.group(1)).replace("]]>", "]]]]><![CDATA[>")
    return f"<text><![CDATA[{text}]]></text>"


# ---------------------------------------------------------------- shared with the reader


def html_to_text(value: str) -> str:
    """The plain text of the HTML we write (paragraphs, line breaks, entities)."""
    value = re.sub(r'<div class="gensec-sources">.*?</div>', "", value, flags=re.DOTALL)
    value = re.sub(r"<br\s*/?>", "\n", value)
    value = re.sub(r"</p>\s*<p>", "\n\n", value)
    value = re.sub(r"<[^>]+>", "", value)
    return html.unescape(value).strip()
