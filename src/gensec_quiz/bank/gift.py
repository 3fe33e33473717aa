"""GIFT export (Moodle's plain-text question format): ordering, matching, numerical, multiple
choice and short answers, as Moodle 4.5's qformat_gift and qtype_ordering read them.

- Question text, general feedback and matching stems are marked `[plain]`: Moodle keeps them as
  written and shows them escaped, so `Chair <Board>` stays visible (in Moodle's auto-format it
  would be taken for a tag and disappear).
- Names and the category path go through Moodle's PARAM_TEXT cleaning, which strips anything
  like a tag: `<` and `>` are written as `&lt;` and `&gt;` there (`moodle_xml.moodle_name`),
  and a `/` in the category is doubled (Moodle reads `//` as a literal `/`).
- Ordering questions use qtype_ordering's GIFT syntax (`{>N ALL VERTICAL RULE SHOW none ...}`).
  Its import pattern lacks a `|` between two grading keywords (`'RELATIVE|REL'.
  'LONGEST_ORDERED_SUBSET|'`), so a question scored by the longest ordered subset would be
  misread; and the items are read raw, one per line, so an item with `}` or `\\` or a line
  break cannot be carried. Those questions are left out, each named with its reason
  (`left_out_in_gift`), in the file and in what the teacher is told.
- Weights: Moodle's weight pattern `%-*([0-9]{1,2})\\.?([0-9]*)%` matches `%100%` (`10`, then
  `0`) and the weight it takes is all between the two `%`, so `%100%` is read as 100% in a
  numerical or short answer and after `~` in a choice. After `=` in a choice Moodle takes no
  weight: `=%100%Malenkov` is the text "%100%Malenkov" (tested with Moodle's code). Every
  full-credit answer is written without a weight, which Moodle reads as 100%.
"""

from __future__ import annotations

import html

from gensec_quiz.bank.moodle_xml import (
    GRADING,
    SHORT_ANSWER_HINT,
    category_path,
    moodle_name,
    multichoice_choices,
    question_name,
    short_answer_hint,
    written_forms,
)
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.i18n import DEFAULT_LANGUAGE, tr, tr_in

# Moodle's qformat_gift::repchar escapes these with a backslash (and writes newlines as \n).
_SPECIAL = ("\\", "~", "=", "#", "{", "}", ":")


def escape(text: str) -> str:
    """Text safe inside GIFT: special characters escaped, newlines written as \\n."""
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def _match_text(text: str) -> str:
    # GIFT has no escape for "->", which separates the two sides of a pair.
    return escape(text.replace("->", "→"))


def gift_problem(question: Question) -> str:
    """Why GIFT cannot carry this question faithfully ("" when it can)."""
    if not isinstance(question, OrderingQuestion):
        return ""
    if question.scoring == "longest_ordered_subset":
        return tr("Moodle's GIFT import misreads the grading keyword LONGEST_ORDERED_SUBSET; "
                  "Moodle XML keeps it")
    for item in question.items:
        for bad, name in (("}", "'}'"), ("\\", "'\\'"), ("\n", tr("a line break")),
                          ("####", "'####'")):
            if bad in item.text:
                return tr("the item '{item}' has {what}, which GIFT cannot carry in an "
                          "ordering question; Moodle XML keeps it",
                          item=item.text.replace("\n", " "), what=name)
    return ""


def left_out_in_gift(question_set: QuestionSet) -> tuple[tuple[int, Question, str], ...]:
    """The questions left out of the GIFT file: (number in the set, question, reason)."""
    found = ((n, q, gift_problem(q)) for n, q in enumerate(question_set.questions, start=1))
    return tuple((n, q, why) for n, q, why in found if why)


def left_out_sentences(question_set: QuestionSet) -> tuple[str, ...]:
    """One sentence per question left out of the GIFT file, the same in the file (as comments)
    and in what the command line and the builder tell the teacher."""
    return tuple(tr("Question {number} ({id}) left out of the GIFT file: {reason}.",
                    number=f"{number:02d}", id=question.id, reason=reason)
                 for number, question, reason in left_out_in_gift(question_set))


def skipped_in_gift(question_set: QuestionSet) -> tuple[Question, ...]:
    """The questions GIFT cannot carry faithfully (see `left_out_in_gift` for the reasons)."""
    return tuple(question for _, question, _ in left_out_in_gift(question_set))


def export_gift(question_set: QuestionSet) -> str:
    """The question set in GIFT; a question left out is replaced by a comment saying why."""
    lines = [
        "// " + tr_in(question_set.language,
                      "GenSec Quiz question set: {title} ({id}); records: {records}",
                      title=question_set.title, id=question_set.id,
                      records=question_set.records).replace("\n", " "),
        # Moodle reads the category line without unescaping it.
        f"$CATEGORY: {category_path(question_set.title)}",
        "",
    ]
    reasons = {q.id: s for (_, q, _), s in zip(left_out_in_gift(question_set),
                                                left_out_sentences(question_set), strict=True)}
    for number, question in enumerate(question_set.questions, start=1):
        if question.id in reasons:
            lines += ["// " + reasons[question.id].replace("\n", " "), ""]
            continue
        lines += _question(question, number, question_set.language)
        lines.append("")
    return "\n".join(lines)


def _plain(text: str) -> str:
    return "[plain]" + escape(text)


def _question(question: Question, number: int, language: str = DEFAULT_LANGUAGE) -> list[str]:
    prompt = question.prompt
    if isinstance(question, DateQuestion) and question.precision in SHORT_ANSWER_HINT \
            and not question.choices:
        prompt = f"{prompt} {short_answer_hint(language, question.precision)}"
    head = [f"// [id:{question.id}] [tag:gensec-quiz] [tag:{question.type}] "
            f"[tag:difficulty-{question.difficulty}]",
            f"::{escape(moodle_name(question_name(question, number)))}::{_plain(prompt)}{{"]
    if isinstance(question, OrderingQuestion):
        body = _ordering(question)
    elif isinstance(question, MatchingQuestion):
        body = _matching(question)
    else:
        body = _date(question, language)
    feedback = [f"\t####{escape(question.explanation)}"] if question.explanation else []
    return [*head, *body, *feedback, "}"]


def _ordering(question: OrderingQuestion) -> list[str]:
    # Items are read raw (no unescaping) in Moodle's auto-format: only &, < and > need care.
    return [f">{len(question.items)} ALL VERTICAL {GRADING[question.scoring]} SHOW none",
            *(html.escape(item.text, quote=False) for item in question.items)]


def _matching(question: MatchingQuestion) -> list[str]:
    if len(question.pairs) == 1 and question.extra_right:
        key, others = multichoice_choices(question)
        return [f"\t={escape(key)}", *(f"\t~{escape(other)}" for other in others)]
    pairs = [f"\t={_match_text(p.left)} -> {_match_text(p.right)}" for p in question.pairs]
    return pairs + [f"\t= -> {_match_text(extra)}" for extra in question.extra_right]


def _shown(question: DateQuestion, value: PartialDate, language: str) -> str:
    return str(value.year) if question.measure == "years" else value.human_in(language)


def _date(question: DateQuestion, language: str = DEFAULT_LANGUAGE) -> list[str]:
    targets = [question.answer, *(a.value for a in question.accept)]
    if question.choices:
        return [f"\t{'=' if c == question.answer else '~'}"
                f"{escape(_shown(question, c, language))}" for c in question.choices]
    if question.precision != "year":
        forms = dict.fromkeys(f for t in targets for f in written_forms(t, language))
        return [f"\t={escape(form)}" for form in forms]
    # A full-credit answer needs no weight (Moodle gives 100% to an answer without one); the
    # partial tiers carry theirs, as Moodle's pattern reads them (1 or 2 digits, decimals).
    lines = ["#"]
    for target in targets:
        lines.append(f"\t={target.year}:{question.tolerance.full}")
    for within, credit in sorted(question.tolerance.partial, key=lambda t: -t[1]):
        for target in targets:
            lines.append(f"\t=%{_weight(credit)}%{target.year}:{within}")
    return lines


def _weight(credit: float) -> str:
    return f"{credit * 100:.5f}".rstrip("0").rstrip(".")
