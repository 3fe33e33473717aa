"""The Build screen's files: save for Home, export to Moodle XML and GIFT, import a set."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtWidgets import QFileDialog, QWidget

from gensec_quiz.application.question_sets import QuestionSetLibrary
from gensec_quiz.application.record_sets import RecordSetLibrary
from gensec_quiz.domain.errors import InputError
from gensec_quiz.domain.questions import (
    ORDERING_RULES,
    QUESTION_TYPES,
    OrderingRule,
    QuestionSet,
    QuestionType,
)
from gensec_quiz.domain.records import RecordSet
from gensec_quiz.i18n import LANGUAGES, tr
from gensec_quiz.ui.context import AppContext
from gensec_quiz.ui.dialogs.confirm import ConfirmDialog
from gensec_quiz.ui.models.teacher_build import BuildOptions, Draft
from gensec_quiz.ui.teacher.dialogs import SaveFileAs

_log = logging.getLogger(__name__)


class Screen(Protocol):
    """What these functions need of the Build screen: a parent for dialogs, a message, and the
    context (whose question-set library keeps saved sets)."""

    @property
    def context(self) -> AppContext: ...

    def say(self, text: str, *, ok: bool = True) -> None: ...


def _parent(screen: Screen) -> QWidget | None:
    return screen if isinstance(screen, QWidget) else None


def save(screen: Screen, question_set: QuestionSet) -> Path | None:
    try:
        path = screen.context.question_sets.save_own(question_set)
    except InputError as error:
        screen.say(tr("The set could not be saved: {error}", error=error.problems[0]), ok=False)
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
    """The teacher is told, before the file is written, which questions GIFT leaves out and
    why: the same sentences the file carries as comments."""
    from gensec_quiz.bank.gift import export_gift as gift_text
    from gensec_quiz.bank.gift import left_out_sentences

    reasons = left_out_sentences(question_set)
    skipped = len(reasons)
    kept = len(question_set.questions) - skipped
    if kept == 0:
        screen.say(tr("GIFT cannot carry any question of this set: export it to Moodle XML "
                      "instead."), ok=False)
        return None
    if skipped and not ConfirmDialog.ask(
        _parent(screen), tr("Leave out {count} question(s)?", count=skipped),
        "\n".join(reasons) + "\n\n" + tr("Export the other {kept}?", kept=kept),
            yes=tr("Export")):
        return None
    path = _write(screen, title=tr("Export to GIFT"), suggested=f"{question_set.id}.gift.txt",
                  kinds=tr("GIFT text (*.txt *.gift)"), text=gift_text(question_set))
    if path is not None:
        left_out = tr(" ({count} left out)", count=skipped) if skipped else ""
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
    language = options.get("language", "en")
    return BuildOptions(types=cast(tuple[QuestionType, ...], types),
                        count=int(options.get("count", 10)), difficulty=int(difficulty),
                        scoring=cast(OrderingRule, scoring), seed=seed,
                        language=language if language in LANGUAGES else "en")


def read_draft(path: Path, record_sets: RecordSetLibrary) -> Draft:
    """A question set file, checked whole (and against its record set when that is here)."""
    question_set, records = record_sets.read_checked(path)
    return Draft(question_set, records=records,
                 options=options_from_generator(question_set.generator))


def keep_imported(draft: Draft, library: QuestionSetLibrary) -> Path:
    """Save an imported set, id unchanged, where Home lists it."""
    return library.save_own(draft.question_set())


class OpenMoodleXml:
    """Choose a Moodle XML question file (Moodle: Question bank → Export → Moodle XML)."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, tr("Import questions from Moodle XML"), str(Path.home()),
            tr("Moodle XML (*.xml);;All files (*)"))
        return Path(name) if name else None


def read_moodle_draft(path: Path, context: AppContext) -> Draft:
    """The questions of a Moodle XML file as a set to check, edit and save (InputError naming
    every question that could not be kept, or what is wrong with the file)."""
    from gensec_quiz.application.moodle_import import import_moodle_xml

    question_set = import_moodle_xml(path)
    return Draft(question_set, records=context.records_for(question_set.records),
                 options=options_from_generator(question_set.generator))
