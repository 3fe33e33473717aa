"""The Build screen's files: save for Home, export to Moodle XML and GIFT, import a set."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtWidgets import QWidget

from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import (
    ORDERING_RULES,
    QUESTION_TYPES,
    OrderingRule,
    QuestionSet,
    QuestionType,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import ntr, tr
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog
from gensec_quiz.ui.models.teacher_build import BuildOptions, Draft
from gensec_quiz.ui.quiz_plan import save_own_set
from gensec_quiz.ui.teacher.dialogs import SaveFileAs
from gensec_quiz.ui.teacher.library import find_records

_log = logging.getLogger(__name__)


class Screen(Protocol):
    """What these functions need of the Build screen: a parent for dialogs and a message."""

    def say(self, text: str, *, ok: bool = True) -> None: ...


def _parent(screen: Screen) -> QWidget | None:
    return screen if isinstance(screen, QWidget) else None


def save(screen: Screen, question_set: QuestionSet) -> Path | None:
    try:
        path = save_own_set(question_set)
    except OSError as error:
        screen.say(tr("The set could not be saved: {error}", error=error), ok=False)
        return None
    screen.say(tr("Saved “{title}” ({count} questions): learners find it on Home.",
                  title=question_set.title, count=len(question_set.questions)))
    return path


def _write(screen: Screen, *, title: str, suggested: str, kinds: str, text: str) -> Path | None:
    path = SaveFileAs.ask(_parent(screen), title=title, suggested=Path.home() / suggested,
                          kinds=kinds)
    if path is None:
        return None
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        screen.say(tr("{file} could not be written: {error}", file=path, error=error), ok=False)
        return None
    return path


def export_moodle(screen: Screen, question_set: QuestionSet,
                  records: RecordSet | None) -> Path | None:
    from gensec_quiz.bank.moodle_xml import export_moodle_xml

    path = _write(screen, title=tr("Export to Moodle XML"), suggested=f"{question_set.id}.xml",
                  kinds=tr("Moodle XML (*.xml)"), text=export_moodle_xml(question_set, records))
    if path is not None:
        screen.say(tr("Exported {count} questions to {file}. In Moodle: Question bank → "
                      "Import → Moodle XML format.", count=len(question_set.questions),
                      file=path.name))
    return path


def export_gift(screen: Screen, question_set: QuestionSet) -> Path | None:
    """GIFT carries no ordering questions: the teacher is told before any is left out."""
    from gensec_quiz.bank.gift import export_gift as gift_text
    from gensec_quiz.bank.gift import skipped_in_gift

    skipped = len(skipped_in_gift(question_set))
    kept = len(question_set.questions) - skipped
    if kept == 0:
        screen.say(tr("GIFT cannot carry ordering questions, and this set has only those: "
                      "export it to Moodle XML instead."), ok=False)
        return None
    if skipped and not ConfirmDialog.ask(
        _parent(screen), tr("Leave out the ordering questions?"),
        ntr("GIFT cannot carry ordering questions, so {count} ordering question will be left "
            "out of the file (Moodle XML keeps it). Export the other {kept}?",
            "GIFT cannot carry ordering questions, so {count} ordering questions will be left "
            "out of the file (Moodle XML keeps them). Export the other {kept}?",
            skipped, kept=kept), yes=tr("Export")):
        return None
    path = _write(screen, title=tr("Export to GIFT"), suggested=f"{question_set.id}.gift.txt",
                  kinds=tr("GIFT text (*.txt *.gift)"), text=gift_text(question_set))
    if path is not None:
        left_out = tr(" ({count} ordering left out)", count=skipped) if skipped else ""
        screen.say(tr("Exported {kept} questions{left_out} to {file}.", kept=kept,
                      left_out=left_out, file=path.name))
    return path


def options_from_generator(generator: dict[str, Any] | None) -> BuildOptions | None:
    """The settings a generated set was made with, so its questions can be regenerated."""
    options = (generator or {}).get("options")
    seed = (generator or {}).get("seed")
    if not isinstance(options, dict) or not isinstance(seed, int):
        return None
    types = tuple(t for t in options.get("types", QUESTION_TYPES) if t in QUESTION_TYPES)
    scoring = options.get("scoring")
    difficulty = options.get("difficulty")
    if not types or scoring not in ORDERING_RULES or difficulty not in (1, 2, 3):
        return None
    return BuildOptions(types=cast(tuple[QuestionType, ...], types),
                        count=int(options.get("count", 10)), difficulty=int(difficulty),
                        scoring=cast(OrderingRule, scoring), seed=seed)


def read_draft(path: Path, builtin: Callable[[], RecordSet]) -> Draft:
    """A question set file, checked whole (and against its record set when that is here)."""
    from gensec_quiz.bank.questions_json import load_question_set
    from gensec_quiz.commands.validate import check_against_records

    question_set = load_question_set(path)
    records = find_records(question_set.records, builtin)
    if records is not None:
        problems = list(check_against_records(question_set, records, where=str(path)))
        if problems:
            raise InputError(problems)
    return Draft(question_set, records=records,
                 options=options_from_generator(question_set.generator))


def keep_imported(draft: Draft) -> Path:
    """Save an imported set, id unchanged, where Home lists it."""
    return save_own_set(draft.question_set())
