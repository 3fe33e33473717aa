"""Drafts: the answer on screen, not yet submitted, kept so that a crash does not lose it.

One small JSON file per quiz session in the data folder's `drafts/` folder, written atomically
(the old draft or the whole new one, never half a file) each time the learner changes the answer,
and removed once the answer is submitted or the quiz ends. On resume the draft of the question
being asked is shown again. A draft that cannot be read is set aside, never fatal: the answers
already submitted are in the database and do not depend on it.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from gensec_quiz.bank.textfiles import write_text_atomically
from gensec_quiz.domain.errors import GensecError
from gensec_quiz.domain.questions import Response
from gensec_quiz.domain.session_codec import response_from_dict, response_to_dict

FORMAT = "gensec-quiz-draft"
VERSION = 1
FOLDER = "drafts"
MAX_BYTES = 64 * 1024  # a draft is one answer: anything larger is not ours

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Draft:
    """An answer not yet submitted: for which session and question, and what it was."""

    session_id: int
    question_id: str
    response: Response


class Drafts:
    """The drafts in a data folder (`root`); `drafts/` is created on the first write."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER

    def path(self, session_id: int) -> Path:
        return self.folder / f"session-{int(session_id)}.json"

    def save(self, draft: Draft) -> bool:
        """Write the draft atomically; False (and a line in the log) when it could not be:
        the quiz goes on, only the crash protection of this one answer is missing."""
        body = {"format": FORMAT, "version": VERSION, "session": draft.session_id,
                "question": draft.question_id, "response": response_to_dict(draft.response)}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_text_atomically(self.path(draft.session_id),
                                  json.dumps(body, ensure_ascii=False, indent=1) + "\n")
        except OSError as error:
            _log.warning("draft of session %s not written: %s", draft.session_id, error)
            return False
        return True

    def load(self, session_id: int, question_id: str) -> Response | None:
        """The draft answer of this session's question, or None (no draft, a draft of another
        question, or one that cannot be read: that one is logged and removed)."""
        path = self.path(session_id)
        try:
            if not path.is_file():
                return None
            if path.stat().st_size > MAX_BYTES:
                raise ValueError(f"{path.name} is larger than {MAX_BYTES} bytes")
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError(f"{path.name} is not a gensec-quiz draft")
            if data.get("version") != VERSION or data.get("session") != session_id:
                raise ValueError(f"{path.name} is not a version {VERSION} draft of session "
                                 f"{session_id}")
            if data.get("question") != question_id:
                return None
            return response_from_dict(data.get("response"), where=f"{path.name}: response")
        except (OSError, ValueError, GensecError) as error:
            _log.warning("draft of session %s set aside: %s", session_id, error)
            self.discard(session_id)
            return None

    def has(self, session_id: int) -> bool:
        """Whether the session has a draft (then it is worth resuming, answered or not)."""
        return self.path(session_id).is_file()

    def discard(self, session_id: int) -> None:
        """Remove the session's draft (after a submit, or when the quiz ends)."""
        with contextlib.suppress(OSError):
            self.path(session_id).unlink(missing_ok=True)
