"""The optional `classroom` key of a question set: the teacher's lock to a mode.

`{"mode": "exam", "time_limit_minutes": 20, "all_or_nothing": false}` makes the Home screen
start the set in that mode with those options, whatever the learner picks; a set without the
key is started as the learner chooses (and reads as before).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import tr

CLASSROOM_KEY = "classroom"


@dataclass(frozen=True, slots=True)
class ClassroomLock:
    """How every learner takes the set: the mode, a time limit (exam), all or nothing (exam)."""

    mode: str = "exam"
    time_limit_minutes: int | None = None
    all_or_nothing: bool = False


def classroom_to_dict(lock: ClassroomLock) -> dict[str, Any]:
    return {"mode": lock.mode, "time_limit_minutes": lock.time_limit_minutes,
            "all_or_nothing": lock.all_or_nothing}


def classroom_problems(data: Any) -> tuple[ClassroomLock | None, list[tuple[str, str]]]:
    """The lock, and every problem as (JSON path, message), checked by the format's model."""
    # The model (pydantic) is imported only when a set has a lock: Home asks every set for
    # its lock, and most sets have none.
    from gensec_quiz.bank.json_checks import Findings
    from gensec_quiz.bank.question_set_model import LOCK_EXAMPLE, ClassroomModel

    if not isinstance(data, dict):
        return None, [(CLASSROOM_KEY, tr("must be an object such as {example}",
                                         example=LOCK_EXAMPLE))]
    found = Findings()
    model = found.validate(ClassroomModel, data, CLASSROOM_KEY)
    if model is None:
        return None, [(p.where, p.message) for p in found.problems]
    return ClassroomLock(model.mode, model.time_limit_minutes, model.all_or_nothing), []


def read_classroom(data: Any, where: str = "") -> ClassroomLock | None:
    """The lock of a question set's JSON object (None without one); InputError when bad."""
    if not isinstance(data, dict) or data.get(CLASSROOM_KEY) is None:
        return None
    lock, problems = classroom_problems(data[CLASSROOM_KEY])
    if problems:
        raise InputError([Problem(f"{where}: {path}" if where else path, message)
                          for path, message in problems])
    return lock


def load_classroom(path: Path) -> ClassroomLock | None:
    """The lock kept in a question-set file; None when there is none or the file is unreadable
    (reading the set itself then reports what is wrong)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    try:
        return read_classroom(data, str(path))
    except InputError:
        return None


# Sealed locked sets -----------------------------------------------------------------------------
# A set locked by the teacher is kept sealed in the data folder: its id, title, size and lock in
# clear (for the lists), its questions compressed and scrambled with a key stream, and an HMAC
# over the whole under the folder's key (`classroom.key`). A text editor shows no answer key,
# and any edit (a question, an answer, the lock) breaks the HMAC, so the set is refused with a
# sentence. The scrambling does not depend on the folder's key, so a teacher whose key was lost
# can still unlock (or lock again) the set and keep its questions. None of this stops a
# determined reader who runs the code (docs/data.md says so).

LOCKED_FORMAT = "gensec-quiz/locked-question-set"
LOCKED_VERSION = 1
KEY_FILE_NAME = "classroom.key"
_NONCE_BYTES = 16
_SCRAMBLE = b"gensec-quiz/locked-question-set/1"


def classroom_key(root: Path, *, create: bool = False) -> bytes:
    """The data folder's classroom key (32 random bytes, hex in `classroom.key`, 0600); made
    when `create` and missing. OSError when it cannot be read (or made); ValueError when
    damaged."""
    path = root / KEY_FILE_NAME
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        if not create:
            raise
    else:
        if len(key) < 16:
            raise ValueError(f"{path}: the key is too short")
        return key
    import os
    import secrets

    key = secrets.token_bytes(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex())
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return key


def _stream(key: bytes, nonce: bytes, size: int) -> bytes:
    import hashlib

    blocks = []
    for counter in range((size + 31) // 32):
        blocks.append(hashlib.sha256(key + nonce + counter.to_bytes(8, "big")).digest())
    return b"".join(blocks)[:size]


def _mac(key: bytes, data: dict[str, Any]) -> str:
    import hashlib
    import hmac

    body = {k: v for k, v in data.items() if k != "hmac"}
    message = json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hmac.new(key, b"locked-set:" + message, hashlib.sha256).hexdigest()


def is_sealed(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == LOCKED_FORMAT


def seal_question_set(set_data: dict[str, Any], key: bytes) -> str:
    """The sealed file's text for a question set's JSON data (its lock included)."""
    import base64
    import os
    import zlib

    plain = zlib.compress(json.dumps(set_data, ensure_ascii=False).encode("utf-8"), 9)
    nonce = os.urandom(_NONCE_BYTES)
    cipher = bytes(a ^ b for a, b in zip(plain, _stream(_SCRAMBLE, nonce, len(plain)),
                                         strict=True))
    questions = set_data.get("questions")
    data: dict[str, Any] = {
        "format": LOCKED_FORMAT, "version": LOCKED_VERSION, "id": set_data.get("id"),
        "title": set_data.get("title"),
        "count": len(questions) if isinstance(questions, list) else 0,
        CLASSROOM_KEY: set_data.get(CLASSROOM_KEY),
        "sealed": base64.b64encode(nonce + cipher).decode("ascii"),
    }
    data["hmac"] = _mac(key, data)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def unseal_question_set(data: dict[str, Any], key: bytes | None, where: str) -> Any:
    """The question set's JSON data inside a sealed file; InputError with one sentence when the
    file was changed outside the app (or the key is not the one it was sealed with). Without a
    key (the teacher unlocking or locking again) the HMAC is not checked."""
    import base64
    import binascii
    import hmac
    import zlib

    changed = InputError([Problem(where, tr(
        "the locked set “{id}” was changed outside GenSec Quiz, so it cannot be used; ask "
        "your teacher to lock it again", id=data.get("id")))])
    mac = data.get("hmac")
    if key is not None and (not isinstance(mac, str)
                            or not hmac.compare_digest(mac, _mac(key, data))):
        raise changed
    try:
        raw = base64.b64decode(str(data.get("sealed", "")), validate=True)
        nonce, cipher = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
        plain = bytes(a ^ b for a, b in zip(cipher, _stream(_SCRAMBLE, nonce, len(cipher)),
                                            strict=True))
        inner = json.loads(zlib.decompress(plain).decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        raise changed from None
    if not isinstance(inner, dict) or (key is not None
                                       and inner.get(CLASSROOM_KEY) != data.get(CLASSROOM_KEY)):
        raise changed
    return inner
