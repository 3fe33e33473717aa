"""The exam rules a teacher sets beside a lock: how many attempts each learner has (default 1),
and the rule that Start on a locked set with an open attempt carries that attempt on (the same
timer, the same shuffles) instead of beginning another.

    rules = ExamRules.in_folder(folder.root)
    rules.set_attempts("set-id", 2)
    plan = exam_plan(plan, store, library, rules, learner_id=7)   # InputError: no attempt left

Kept in `classroom.json` (0600) in the data folder; nothing here knows Qt. Each entry is sealed
with an HMAC under a random key in `classroom.key` (0600): an entry edited by hand (more
attempts, the fingerprint of an edited set, the seal taken out) no longer matches its seal, and
the set is refused with a sentence until the teacher locks it again. The key sits in the same
folder, so this detects editing, not a learner who reads the code and recomputes the seal: see
docs/data.md for what a shared operating-system account cannot protect.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from gensec_quiz.application.plans import QuizPlan
from gensec_quiz.application.question_sets import QuestionSetLibrary
from gensec_quiz.application.teacher_pin import write_private
from gensec_quiz.bank.classroom_lock import KEY_FILE_NAME, classroom_key
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.session import Mode
from gensec_quiz.i18n import tr

if TYPE_CHECKING:
    from gensec_quiz.storage import SessionInfo, Store

RULES_FILE_NAME = "classroom.json"
DEFAULT_ATTEMPTS = 1
MOST_ATTEMPTS = 20


@dataclass(frozen=True, slots=True)
class SetRules:
    """A locked set's rules beyond the lock itself."""

    attempts: int = DEFAULT_ATTEMPTS


class ExamRules:
    """The attempt limit of each locked set, by the set's id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.key_path = path.with_name(KEY_FILE_NAME)

    @classmethod
    def in_folder(cls, root: Path) -> ExamRules:
        return cls(root / RULES_FILE_NAME)

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return {}  # damaged: every locked set keeps the default, one attempt
        return data if isinstance(data, dict) else {}

    def of(self, set_id: str) -> SetRules:
        entry = self._read().get(set_id)
        if isinstance(entry, dict) and not self._sealed(set_id, entry):
            return SetRules()  # edited by hand: the default, and `changed_by_hand` refuses it
        attempts = entry.get("attempts") if isinstance(entry, dict) else None
        if isinstance(attempts, int) and 1 <= attempts <= MOST_ATTEMPTS:
            return SetRules(attempts)
        return SetRules()

    def set_attempts(self, set_id: str, attempts: int, *, locked_file: Path | None = None
                     ) -> None:
        """Keep the set's attempt limit and, when given, the fingerprint of its file as the
        teacher locked it (InputError: out of range, or not saved)."""
        if not 1 <= attempts <= MOST_ATTEMPTS:
            raise InputError([Problem(set_id, tr(
                "the attempt limit must be from 1 to {most}", most=MOST_ATTEMPTS))])
        data = self._read()
        entry: dict[str, object] = {"attempts": attempts}
        if locked_file is not None:
            entry["sha256"] = _fingerprint(locked_file)
        entry["seal"] = self._seal(set_id, entry, create=True)
        data[set_id] = entry
        self._write(data)

    def forget(self, set_id: str) -> None:
        """The teacher unlocked the set: no rules, no fingerprint."""
        data = self._read()
        if data.pop(set_id, None) is not None:
            self._write(data)

    def changed_by_hand(self, set_id: str, path: Path | None) -> str | None:
        """The sentence refusing a locked set whose file changed outside the app since the
        teacher locked it (its questions, its answers or its lock), or None."""
        entry = self._read().get(set_id)
        if isinstance(entry, dict) and not self._sealed(set_id, entry):
            return tr("The exam rules of “{id}” were changed outside GenSec Quiz, so it cannot "
                      "start; ask your teacher to lock it again.", id=set_id)
        expected = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(expected, str):
            return None
        if path is not None and path.is_file() and _fingerprint(path) == expected:
            return None
        return tr("The exam “{id}” was changed outside GenSec Quiz after your teacher locked "
                  "it, so it cannot start; ask your teacher to lock it again.", id=set_id)

    def _seal(self, set_id: str, entry: dict[str, object], *, create: bool = False) -> str:
        """The HMAC of the entry's rules (its seal left out) under the folder's key."""
        rules = {key: value for key, value in entry.items() if key != "seal"}
        message = json.dumps({"id": set_id, "rules": rules}, sort_keys=True).encode("utf-8")
        return hmac.new(self._key(create=create), message, hashlib.sha256).hexdigest()

    def _sealed(self, set_id: str, entry: dict[str, object]) -> bool:
        seal = entry.get("seal")
        if not isinstance(seal, str):
            return False
        try:
            return hmac.compare_digest(seal, self._seal(set_id, entry))
        except (OSError, ValueError):
            return False  # no key, or a damaged one: nothing can be trusted

    def _key(self, *, create: bool = False) -> bytes:
        """The data folder's classroom key (the one that seals locked sets too)."""
        try:
            return classroom_key(self.key_path.parent, create=create)
        except OSError as error:
            if not create:
                raise
            raise InputError([Problem(str(self.key_path), tr(
                "the exam rules could not be saved ({reason})",
                reason=error.strerror or error))]) from None

    def _write(self, data: dict[str, dict[str, object]]) -> None:
        try:
            write_private(self.path, json.dumps(data, indent=2))
        except OSError as error:
            raise InputError([Problem(str(self.path), tr(
                "the exam rules could not be saved ({reason})",
                reason=error.strerror or error))]) from None


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def exam_attempts(store: Store, learner_id: int, set_id: str) -> list[SessionInfo]:
    """The learner's exam attempts at the set, finished or not."""
    return [s for s in store.class_sessions(learner_id=learner_id, question_set_id=set_id)
            if s.mode == Mode.EXAM.value]


def open_attempt(store: Store, learner_id: int, set_id: str) -> SessionInfo | None:
    """The learner's unfinished exam attempt at the set (answered or not), newest first."""
    return next((s for s in store.unfinished_sessions(learner_id)
                 if s.question_set_id == set_id and s.mode == Mode.EXAM.value), None)


def attempts_left(store: Store, rules: ExamRules, learner_id: int, set_id: str) -> int:
    used = len(exam_attempts(store, learner_id, set_id))
    return max(0, rules.of(set_id).attempts - used)


def attempts_sentence(store: Store | None, rules: ExamRules, learner_id: int | None,
                      set_id: str) -> str:
    """What Home says about a locked set's attempts: the limit, and what is left for the
    learner signed in."""
    limit = rules.of(set_id).attempts
    text = (tr("One attempt per learner.") if limit == 1
            else tr("{n} attempts per learner.", n=limit))
    if store is None or learner_id is None:
        return text
    if open_attempt(store, learner_id, set_id) is not None:
        return tr("{text} Your attempt is open: Start carries it on.", text=text)
    left = attempts_left(store, rules, learner_id, set_id)
    if left == 0:
        return tr("{text} You have used every attempt.", text=text)
    return tr("{text} Attempts left: {left}.", text=text, left=left)


def exam_plan(plan: QuizPlan, store: Store | None, library: QuestionSetLibrary,
              rules: ExamRules, *, learner_id: int | None) -> QuizPlan:
    """The plan Start really plays on a set locked to exam mode: the learner's open attempt
    carried on, else a new attempt when one is left (InputError with the sentence when none
    is). Any other plan is returned as it is."""
    set_id = plan.question_set.id
    entry = library.entry(set_id)
    # a hand-edited locked set (its answers, or its lock taken out) is refused, resumed or not
    changed = rules.changed_by_hand(set_id, entry.path if entry is not None else None)
    if changed is not None:
        raise InputError([Problem("", changed)])
    if (plan.resume_session_id is not None or plan.mode is not Mode.EXAM or store is None
            or learner_id is None):
        return plan
    lock = library.lock_of_set(set_id)
    if lock is None or lock.mode != Mode.EXAM.value:
        return plan
    from gensec_quiz.application.quiz_run import resume_plan

    current = open_attempt(store, learner_id, set_id)
    if current is not None:
        return resume_plan(store, library, current.id)
    if attempts_left(store, rules, learner_id, set_id) == 0:
        limit = rules.of(set_id).attempts
        raise InputError([Problem("", tr(
            "You have used your {n} attempt(s) at “{title}”; ask your teacher for another.",
            n=limit, title=plan.question_set.title))])
    return plan


def open_locked_exam(store: Store | None, library: QuestionSetLibrary,
                     learner_id: int | None) -> SessionInfo | None:
    """The learner's open attempt at a set locked to exam mode, if any: its clock runs while it
    is put aside, so nothing but Home and the exam itself should open meanwhile."""
    if store is None or learner_id is None:
        return None
    for info in store.unfinished_sessions(learner_id):
        if info.mode != Mode.EXAM.value:
            continue
        lock = library.lock_of_set(info.question_set_id)
        if lock is not None and lock.mode == Mode.EXAM.value:
            return info
    return None


def exam_under_way(store: Store | None, library: QuestionSetLibrary, now: datetime) -> bool:
    """Whether any learner on this computer has an attempt open at a set locked to exam mode
    whose time has not run out (or that has no limit). Learners' names are not passwords:
    another name picked mid-exam must not open the records, so Records and Timeline stay shut
    for everyone until the exam is over (finished, or its time up)."""
    if store is None:
        return False
    for learner in store.learners():
        for info in store.unfinished_sessions(learner.id):
            if info.mode != Mode.EXAM.value:
                continue
            lock = library.lock_of_set(info.question_set_id)
            if lock is None or lock.mode != Mode.EXAM.value:
                continue
            if lock.time_limit_minutes is None:
                return True
            if info.started_at + timedelta(minutes=lock.time_limit_minutes) > now:
                return True
    return False
