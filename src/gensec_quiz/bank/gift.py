"""GIFT export (Moodle's plain-text question format): matching, numerical, multiple choice.

Ordering questions are left out: GIFT's ordering syntax belongs to the ordering plugin, whose
GIFT import drops a `|` between two grading keywords (`'RELATIVE|REL'.'LONGEST_ORDERED_SUBSET|'`
in qtype_ordering's questiontype.php), so `LONGEST_ORDERED_SUBSET` is misread. Export ordering
questions to Moodle XML instead; each one left out is named in a comment in the file.
"""

from __future__ import annotations

from gensec_quiz.bank.moodle_xml import SHORT_ANSWER_HINT
from gensec_quiz.domain.dates import PartialDate
from gensec_quiz.domain.questions import (
    DateQuestion,
    MatchingQuestion,
    OrderingQuestion,
    Question,
    QuestionSet,
)
from gensec_quiz.i18n import tr

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


def skipped_in_gift(question_set: QuestionSet) -> tuple[Question, ...]:
    """The questions GIFT cannot carry faithfully (ordering questions)."""
    return tuple(q for q in question_set.questions if isinstance(q, OrderingQuestion))


def export_gift(question_set: QuestionSet) -> str:
    """The question set in GIFT; ordering questions are replaced by a comment naming them."""
    lines = [
        "// " + tr("GenSec Quiz question set: {title} ({id}); records: {records}",
                   title=question_set.title, id=question_set.id,
                   records=question_set.records).replace("\n", " "),
        # Moodle reads the category line raw (no unescaping), so the title goes in as it is.
        f"$CATEGORY: $course$/top/{question_set.title.replace(chr(10), ' ')}",
        "",
    ]
    skipped = skipped_in_gift(question_set)
    if skipped:
        lines += ["// " + tr("{count} ordering question(s) left out: GIFT import of ordering "
                             "questions misreads a grading keyword. Export to Moodle XML to "
                             "keep them.", count=len(skipped)), ""]
    for number, question in enumerate(question_set.questions, start=1):
        lines += _question(question, number)
        lines.append("")
    return "\n".join(lines)


def _question(question: Question, number: int) -> list[str]:
    if isinstance(question, OrderingQuestion):
        return ["// " + tr("Left out (ordering, id {id}): {prompt}", id=question.id,
                           prompt=question.prompt.replace("\n", " "))]
    short = question.prompt if len(question.prompt) <= 60 else question.prompt[:57] + "..."
    prompt = question.prompt
    if isinstance(question, DateQuestion) and question.precision in SHORT_ANSWER_HINT \
            and not question.choices:
        prompt = f"{prompt} {SHORT_ANSWER_HINT[question.precision]}"
    head = [f"// [id:{question.id}] [tag:gensec-quiz] [tag:{question.type}] "
            f"[tag:difficulty-{question.difficulty}]",
            f"::{escape(f'{number:02d} {short}')}::{escape(prompt)}{{"]
    body = _matching(question) if isinstance(question, MatchingQuestion) else _date(question)
    feedback = [f"\t####{escape(question.explanation)}"] if question.explanation else []
    return [*head, *body, *feedback, "}"]


def _matching(question: MatchingQuestion) -> list[str]:
    pairs = [f"\t={_match_text(p.left)} -> {_match_text(p.right)}" for p in question.pairs]
    return pairs + [f"\t= -> {_match_text(extra)}" for extra in question.extra_right]


def _shown(question: DateQuestion, value: PartialDate) -> str:
    return str(value.year) if question.measure == "years" else value.human()


def _date(question: DateQuestion) -> list[str]:
    targets = [question.answer, *(a.value for a in question.accept)]
    if question.choices:
        return [f"\t{'=' if c == question.answer else '~'}{escape(_shown(question, c))}"
                for c in question.choices]
    if question.precision != "year":
        forms = dict.fromkeys(f for t in targets for f in (t.iso(), t.human()))
        return [f"\t={escape(form)}" for form in forms]
    # The first numerical answer of full credit has no weight: Moodle's weight pattern takes
    # one or two digits, so "%100%" would not be read as a weight.
    lines = ["#"]
    for target in targets:
        lines.append(f"\t={target.year}:{question.tolerance.full}")
    for within, credit in sorted(question.tolerance.partial, key=lambda t: -t[1]):
        for target in targets:
            lines.append(f"\t=%{_weight(credit)}%{target.year}:{within}")
    return lines


def _weight(credit: float) -> str:
    return f"{credit * 100:.5f}".rstrip("0").rstrip(".")
