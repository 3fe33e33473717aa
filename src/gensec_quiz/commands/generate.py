"""`gensec-quiz generate`: write a question set (JSON, Moodle XML or GIFT); same seed, same set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gensec_quiz.bank.textfiles import write_text_atomically
from gensec_quiz.domain.errors import CommandError
from gensec_quiz.i18n import ntr, tr

if TYPE_CHECKING:
    from gensec_quiz.domain.questions import QuestionSet
    from gensec_quiz.domain.records import RecordSet

FORMATS = ("json", "moodle-xml", "gift", "text")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "generate",
        help=tr("write a question set generated from a record set"),
        description=tr("Generate ordering, matching and date questions from a record set "
                       "(the built-in one by default). The same records, seed and options "
                       "always give the same file."),
    )
    parser.add_argument("--records", action="append", default=[], type=Path, metavar="PATH",
                        help=tr("a .json record set or a .csv tenure or event file "
                                "(repeat for several .csv files)"))
    parser.add_argument("--types", default="ordering,matching,date", metavar="TYPES",
                        help=tr("question types, comma-separated (default: all three)"))
    parser.add_argument("--count", default="10", metavar="N",
                        help=tr("how many questions (default: 10)"))
    parser.add_argument("--seed", default="0", metavar="S",
                        help=tr("the random seed (default: 0)"))
    parser.add_argument("--difficulty", default="2", metavar="1-3",
                        help=tr("1 easy, 2 medium, 3 hard (default: 2)"))
    parser.add_argument("--focus", default="all", metavar="FOCUS",
                        help=tr("all, people (who held the office, when) or history (events "
                                "and the office's names); default: all"))
    parser.add_argument("--scoring", default="relative_all_previous_and_next", metavar="RULE",
                        help=tr("the ordering questions' scoring rule (see docs/grading.md)"))
    parser.add_argument("--format", default="json", metavar="FORMAT",
                        help=tr("json, moodle-xml, gift or text (the set as a teacher reads it: "
                                "prompts, choices, keys, explanations); default: json"))
    parser.add_argument("--language", default="en", metavar="LANG",
                        help=tr("the language the questions are written in: en (English) or fr "
                                "(French), whatever the interface speaks; default: en"))
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help=tr("write to FILE instead of the standard output"))
    parser.add_argument("--title", help=tr("the question set's title"))
    parser.add_argument("--description", default="",
                        help=tr("a sentence telling teachers what the set is about"))
    parser.add_argument("--id", dest="set_id", metavar="ID",
                        help=tr("the question set's id (default: made from the options)"))
    parser.set_defaults(func=run)


def _whole(value: str, option: str, *, lowest: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CommandError(tr("{option} must be a whole number (got '{value}').",
                              option=option, value=value)) from None
    if number < lowest:
        raise CommandError(tr("{option} must be at least {lowest} (got {value}).",
                              option=option, lowest=lowest, value=number))
    return number


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """The options checked one by one, each bad one as a sentence naming the option."""
    from gensec_quiz.domain.questions import ORDERING_RULES, QUESTION_TYPES
    from gensec_quiz.generation import FOCUSES
    from gensec_quiz.i18n import LANGUAGES

    types = [t.strip() for t in args.types.split(",") if t.strip()]
    unknown = [t for t in types if t not in QUESTION_TYPES]
    if unknown or not types:
        raise CommandError(tr("--types: '{bad}' is not a question type; use {known}.",
                              bad=",".join(unknown) or args.types,
                              known=",".join(QUESTION_TYPES)))
    difficulty = _whole(args.difficulty, "--difficulty", lowest=1)
    if difficulty > 3:
        raise CommandError(tr("--difficulty must be 1, 2 or 3 (got {value}).", value=difficulty))
    if args.scoring not in ORDERING_RULES:
        raise CommandError(tr("--scoring: '{rule}' is not an ordering rule; use one of {known}.",
                              rule=args.scoring, known=", ".join(ORDERING_RULES)))
    if args.focus not in FOCUSES:
        raise CommandError(tr("--focus must be all, people or history (got '{value}').",
                              value=args.focus))
    if args.language not in LANGUAGES:
        raise CommandError(tr("--language must be {known} (got '{value}').",
                              known=" or ".join(LANGUAGES), value=args.language))
    if args.format not in FORMATS:
        raise CommandError(tr("--format must be json, moodle-xml, gift or text (got '{value}').",
                              value=args.format))
    return {"types": types, "count": _whole(args.count, "--count", lowest=1),
            "seed": _whole(args.seed, "--seed", lowest=0), "difficulty": difficulty,
            "scoring": args.scoring, "focus": args.focus, "language": args.language}


def run(args: argparse.Namespace) -> int:
    from gensec_quiz.bank.builtin import load_records
    from gensec_quiz.bank.textfiles import refuse_learner_files
    from gensec_quiz.generation import generate_question_set

    refuse_learner_files(args.out, args.data.root)  # never over the learners' data
    options = _options(args)
    records = load_records(args.records)
    question_set = generate_question_set(records, set_id=args.set_id, title=args.title,
                                         description=args.description, **options)
    made = len(question_set.questions)
    if made == 0:
        raise CommandError(tr("No question could be made from these records with these "
                              "options; try other --types or a lower --difficulty."))
    if made < options["count"]:
        print(ntr("Note: only {count} question could be made without repeating a fact or "
                  "giving one answer away.",
                  "Note: only {count} questions could be made without repeating a fact or "
                  "giving one answer away.", made), file=sys.stderr)
    short = uneven_shares(question_set, options["types"], made)
    if short and made == options["count"]:
        print(short, file=sys.stderr)
    _write(render(question_set, records, args.format), args.out)
    return 0


def uneven_shares(question_set: QuestionSet, types: list[str], made: int) -> str:
    """A note when the records could not give each type its equal share (empty when they
    could): which types fell short, so the teacher knows why dates fill the rest."""
    share = made // len(types)
    counts = {t: sum(1 for q in question_set.questions if q.type == t) for t in types}
    short = [t for t in types if counts[t] < share]
    if not short:
        return ""
    # Each part is worked out before the sentence, so that the extractor finds every text.
    made_of = [ntr("{count} {kind} question", "{count} {kind} questions", counts[t], kind=t)
               for t in short]
    return tr("Note: only {short} could be made from these records without repeating a fact "
              "or giving an answer away; {rest} questions fill the rest.",
              short=", ".join(made_of), rest=" and ".join(t for t in types if t not in short))


def render(question_set: QuestionSet, records: RecordSet, kind: str) -> str:
    """The question set in the chosen format (warning on stderr about what GIFT leaves out)."""
    if kind == "moodle-xml":
        from gensec_quiz.bank.moodle_xml import export_moodle_xml

        return export_moodle_xml(question_set, records)
    if kind == "text":
        from gensec_quiz.generation.text_view import question_set_text

        return question_set_text(question_set)
    if kind == "gift":
        from gensec_quiz.bank.gift import export_gift, left_out_sentences

        for sentence in left_out_sentences(question_set):  # the same sentences as in the file
            print(tr("Warning: {sentence}", sentence=sentence), file=sys.stderr)
        return export_gift(question_set)
    from gensec_quiz.bank.questions_json import dump_question_set

    return dump_question_set(question_set)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        write_text_atomically(out, text)
    except OSError as error:
        raise CommandError(tr("Cannot write {file}: {reason}.", file=out,
                              reason=error.strerror)) from None
