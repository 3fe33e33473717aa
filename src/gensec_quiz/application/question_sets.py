"""The library of question sets: the shipped ones, the user's own, and the teacher's locks.

Files are found, peeked into (id, title, size, without building the questions), read, and
written here and nowhere else above `bank/`; the window only lists what this hands it.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from gensec_quiz import paths
from gensec_quiz.application.plans import SetEntry
from gensec_quiz.bank.classroom_lock import (
    LOCKED_FORMAT,
    ClassroomLock,
    classroom_key,
    is_sealed,
    load_classroom,
    seal_question_set,
    unseal_question_set,
)
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import QuestionSet
from gensec_quiz.i18n import tr
from gensec_quiz.paths import DataFolder

_log = logging.getLogger(__name__)
RETRIES_FOLDER = "retries"
MADE_FOLDER = "made"  # a learner's "Or make one" quizzes: theirs, out of every list
_APART = (RETRIES_FOLDER, MADE_FOLDER)
QUESTION_SET_FORMAT = "gensec-quiz/question-set"
# The set being built in the Build tab and not saved yet, kept after every change so that
# closing the app (or a crash) loses nothing: it is put back on the next visit. Outside
# `question-sets/`, so that it is never listed on Home.
BUILDER_DRAFT = "builder-draft.json"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "set"


def _peek(path: Path, own: bool) -> SetEntry | None:
    """Id, title and size of a question set file, without building its questions."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError: bad JSON, huge integers
        return None
    if not isinstance(data, dict) or data.get("format") not in (QUESTION_SET_FORMAT,
                                                                LOCKED_FORMAT):
        return None
    questions = data.get("questions")
    count = len(questions) if isinstance(questions, list) else 0
    if is_sealed(data):  # a locked set: its questions are sealed, its size is in clear
        sealed_count = data.get("count")
        count = sealed_count if isinstance(sealed_count, int) else 0
    return SetEntry(path, str(data.get("id", path.stem)), str(data.get("title", path.stem)),
                    count, own)


def lock_text(lock: ClassroomLock) -> str:
    """The lock in a few words: "exam, 20 min, all or nothing"."""
    exam = lock.mode == "exam"
    parts = [tr("exam") if exam else tr("practice")]
    if exam and lock.time_limit_minutes:
        parts.append(tr("{minutes} min", minutes=lock.time_limit_minutes))
    if exam and lock.all_or_nothing:
        parts.append(tr("all or nothing"))
    return ", ".join(parts)


class QuestionSetLibrary:
    """Question sets shipped with the app (`shipped`) and kept in the data folder."""

    def __init__(self, folder: DataFolder, shipped: Path | None = None) -> None:
        self.folder = folder
        self.shipped = shipped if shipped is not None else paths.question_bank_dir()

    def folders(self) -> tuple[tuple[Path, bool], ...]:
        """(folder, is the user's own) in the order they are listed."""
        own = self.folder.question_sets
        return ((self.shipped, False), (own, True), (own / RETRIES_FOLDER, True),
                (own / MADE_FOLDER, True))

    def entries(self, *, include_retries: bool = False) -> list[SetEntry]:
        """The question sets shipped with the app, then the user's own (not empty ones)."""
        found: list[SetEntry] = []
        for folder, own in self.folders():
            if folder.name in _APART and not include_retries:
                continue
            for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
                entry = _peek(path, own)
                if entry is not None and entry.count > 0:
                    found.append(entry)
        return found

    def entry(self, set_id: str) -> SetEntry | None:
        """The listed set with this id (retries included), or None."""
        return next((e for e in self.entries(include_retries=True) if e.id == set_id), None)

    def load(self, path: Path, *, checked: bool = True) -> QuestionSet:
        """The question set in a file (a locked one unsealed, and refused when it was changed
        outside the app unless not `checked`: the teacher unlocking it); InputError naming
        every problem and its place."""
        from gensec_quiz.bank.questions_json import load_question_set, question_set_from_dict

        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError, RecursionError):
            data = None
        if not is_sealed(data):
            return load_question_set(path)  # its own sentences for whatever is wrong
        assert isinstance(data, dict)
        if not checked:
            return question_set_from_dict(unseal_question_set(data, None, str(path)), str(path))
        try:
            key = classroom_key(self.folder.root)
        except (OSError, ValueError):
            raise InputError([Problem(str(path), tr(
                "the key of the locked sets (classroom.key) is missing or damaged, so this "
                "set cannot be used; ask your teacher to lock it again"))]) from None
        return question_set_from_dict(unseal_question_set(data, key, str(path)), str(path))

    def find(self, set_id: str) -> QuestionSet | None:
        """The question set with this id, wherever it is kept; None when it is gone."""
        for entry in self.entries(include_retries=True):
            if entry.id == set_id:
                try:
                    return self.load(entry.path)
                except InputError:
                    _log.warning("question set %s cannot be read", entry.path)
        return None

    def save_own(self, question_set: QuestionSet, *, retry: bool = False,
                 made: bool = False) -> Path:
        """Keep a set the app or a teacher made, so that a session on it can be resumed (retries
        and a learner's "Or make one" quizzes, `made`, are kept apart: out of Home's list and
        the teacher's lock list, found only to resume them). InputError when it cannot be
        written."""
        from gensec_quiz.bank.questions_json import save_question_set

        apart = RETRIES_FOLDER if retry else MADE_FOLDER if made else ""
        folder = self.folder.question_sets / apart
        path = folder / f"{_slug(question_set.id)}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            save_question_set(question_set, path)
        except OSError as error:
            raise InputError([Problem(str(path), tr(
                "the question set could not be saved ({reason})",
                reason=error.strerror or error))]) from None
        return path

    # Classroom locks ---------------------------------------------------------------------------

    def lock_of(self, entry: SetEntry | None) -> ClassroomLock | None:
        """The teacher's lock on a listed set, or None."""
        return load_classroom(entry.path) if entry is not None else None

    def lock_of_set(self, set_id: str) -> ClassroomLock | None:
        """The lock on the listed set with this id (a resumed quiz keeps the teacher's rules)."""
        return self.lock_of(self.entry(set_id))

    def set_lock(self, entry: SetEntry, lock: ClassroomLock | None) -> None:
        """Rewrite the set's file with (or without) the lock; its questions are unchanged.
        InputError when the file cannot be read or written."""
        from gensec_quiz.bank.questions_json import question_set_to_dict, save_question_set
        from gensec_quiz.bank.textfiles import write_text_atomically

        question_set = self.load(entry.path, checked=False)  # the teacher's own file
        try:
            if lock is None:
                save_question_set(question_set, entry.path)
            else:  # sealed: no answer key in plain text, and a hand edit is found
                key = classroom_key(self.folder.root, create=True)
                write_text_atomically(entry.path, seal_question_set(
                    question_set_to_dict(question_set, classroom=lock), key))
        except (OSError, ValueError) as error:
            reason = (error.strerror if isinstance(error, OSError) else None) or error
            raise InputError([Problem(str(entry.path), tr(
                "the set could not be changed ({reason})", reason=reason))]) from None

    # The builder's unsaved set ---------------------------------------------------------------

    @property
    def draft_path(self) -> Path:
        return self.folder.root / BUILDER_DRAFT

    def keep_draft(self, question_set: QuestionSet) -> None:
        """Keep the set being built (unsaved) until it is saved or thrown away; InputError when
        it cannot be written."""
        from gensec_quiz.bank.questions_json import save_question_set

        try:
            self.folder.root.mkdir(parents=True, exist_ok=True)
            save_question_set(question_set, self.draft_path)
        except OSError as error:
            raise InputError([Problem(str(self.draft_path), tr(
                "the unsaved set could not be kept ({reason})",
                reason=error.strerror or error))]) from None

    def kept_draft(self) -> QuestionSet | None:
        """The set left unsaved last time, or None. A draft that cannot be read is moved aside
        (`builder-draft.json.unreadable`, then `-2`, …), never deleted, and InputError says
        so."""
        path = self.draft_path
        if not path.is_file():
            return None
        try:
            return self.load(path)
        except InputError as error:
            aside = next(found for n in range(1, 1000) if not (found := path.with_name(
                BUILDER_DRAFT + ".unreadable" + (f"-{n}" if n > 1 else ""))).exists())
            _log.warning("unreadable builder draft %s: %s", path, error)
            try:
                path.replace(aside)
            except OSError:  # it stays where it is; the next change would write over it
                raise InputError([Problem(str(path), tr(
                    "the set left unsaved last time cannot be read or moved aside; copy it "
                    "elsewhere before building another set"))]) from None
            raise InputError([Problem(str(aside), tr(
                "the set left unsaved last time cannot be read; it was kept here"))]) from None

    def discard_draft(self) -> None:
        """The set was saved (or thrown away): nothing to put back next time."""
        self.draft_path.unlink(missing_ok=True)
