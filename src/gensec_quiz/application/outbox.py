"""Answers kept on this PC while the school server cannot be reached, sent when it is back.

On a school server (docs/data.md, "School server"), an answer that cannot be written because the
server is unreachable is not lost: it is written to `outbox/` in the data folder (one small JSON
file per answer, atomically, flushed to disk) and the learner is told it is "saved on this PC".
Each later save, the end of the quiz and the app's timer send what waits, oldest first.

Sent exactly once: before an answer is sent, the server is asked whether it already holds it (the
same session, question and time); a crash between sending and removing the file therefore
never counts it twice.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gensec_quiz.domain.errors import GensecError, ServerUnreachable
from gensec_quiz.domain.grading_marks import FactScore, Grade
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.domain.session import Answer
from gensec_quiz.domain.session_codec import response_from_dict, response_to_dict

if TYPE_CHECKING:
    from gensec_quiz.storage import Store

FORMAT = "gensec-quiz-outbox"
VERSION = 1
FOLDER = "outbox"

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sent:
    """What a send did: answers now on the server, and how many still wait."""

    sent: int
    waiting: int


class Outbox:
    """The answers waiting in a data folder (`root`) for the server."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER

    def waiting(self) -> list[Path]:
        """The files of the answers that wait, oldest first."""
        try:
            return sorted(self.folder.glob("answer-*.json"))
        except OSError:
            return []

    def keep(self, session_id: int, answer: Answer, facts: tuple[FactScore, ...]) -> Path:
        """Write one answer to the outbox (atomically, flushed); OSError when it cannot be."""
        body = {
            "format": FORMAT, "version": VERSION, "session": session_id,
            "question": answer.question_id, "type": answer.question_type,
            "response": response_to_dict(answer.response), "score": answer.grade.score,
            "seconds": answer.seconds, "answered_at": answer.answered_at.isoformat(),
            "facts": [[f.fact.record, f.fact.field, f.score] for f in facts],
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = answer.answered_at.strftime("%Y%m%dT%H%M%S%f")
        path = self.folder / f"answer-{stamp}-{session_id}-{len(self.waiting()):05d}.json"
        from gensec_quiz.bank.textfiles import write_text_atomically

        write_text_atomically(path, json.dumps(body, ensure_ascii=False) + "\n")
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        return path

    def send(self, store: Store) -> Sent:
        """Send what waits, oldest first, each exactly once; stops at the first answer the
        server cannot take (still unreachable), leaving it and the rest for later."""
        sent = 0
        files = self.waiting()
        for index, path in enumerate(files):
            try:
                session_id, answer, facts = _read(path)
            except (OSError, ValueError, GensecError) as error:
                _log.warning("outbox file %s set aside: %s", path.name, error)
                with contextlib.suppress(OSError):
                    path.replace(path.with_suffix(".unreadable"))
                continue
            try:
                if not store.has_answer(session_id, answer.question_id, answer.answered_at):
                    store.record_answer(session_id, answer, facts)
            except ServerUnreachable:
                return Sent(sent, len(files) - index)
            except GensecError as error:  # the server refuses it (a session gone): kept aside
                _log.warning("outbox answer %s refused by the server: %s", path.name, error)
                with contextlib.suppress(OSError):
                    path.replace(path.with_suffix(".refused"))
                continue
            with contextlib.suppress(OSError):
                path.unlink()
            sent += 1
        return Sent(sent, 0)


def _read(path: Path) -> tuple[int, Answer, tuple[FactScore, ...]]:
    data: Any = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT \
            or data.get("version") != VERSION:
        raise ValueError(f"{path.name} is not a version {VERSION} outbox answer")
    score = float(data["score"])
    grade = Grade(score=score, points=score, out_of=1.0, marks=(), summary="")
    answer = Answer(str(data["question"]), data["type"],
                    response_from_dict(data["response"], where=f"{path.name}: response"),
                    grade, float(data["seconds"]), datetime.fromisoformat(data["answered_at"]))
    facts = tuple(FactScore(BasisRef(str(r), str(f)), float(s)) for r, f, s in data["facts"])
    return int(data["session"]), answer, facts
