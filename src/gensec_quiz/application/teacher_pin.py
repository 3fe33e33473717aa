"""The teacher's PIN: kept as a salted scrypt hash, never the PIN itself; wrong tries slow the
next ones down; the Teacher area stays open for one visit (until Switch learner, a few idle
minutes, or the app closes).

    pin = TeacherPin(folder.teacher_pin_file, clock)
    pin.set("4821")                       # InputError: not a PIN (the sentence says why)
    match pin.check("1234"):
        case PinAccepted(): ...
        case PinRefused(sentence): ...    # wrong, or wait: the sentence says which
    access = TeacherAccess(pin, clock)    # one per window: the visit
    access.unlock("4821"); access.is_open(); access.lock()

Nothing here knows Qt. The file is written 0600 in the data folder (see docs/data.md for what
that does and does not protect).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.i18n import tr

Clock = Callable[[], datetime]

PIN_FILE_NAME = "teacher-pin.json"
MIN_LENGTH = 4
MAX_LENGTH = 32
# scrypt's cost: about 16 MiB and a few tens of milliseconds per try on a classroom PC
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
FREE_TRIES = 3  # wrong tries before the next ones must wait
FIRST_WAIT = timedelta(seconds=5)
LONGEST_WAIT = timedelta(minutes=5)
IDLE_LIMIT = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class PinAccepted:
    """The PIN is right."""


@dataclass(frozen=True, slots=True)
class PinRefused:
    """The PIN is wrong, or tries are paused for a while: `sentence` says which."""

    sentence: str
    wait: timedelta = timedelta(0)


PinResult = PinAccepted | PinRefused


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024,
                          dklen=32)


def pin_problem(pin: str) -> str | None:
    """Why this text cannot be a PIN, or None."""
    if not pin.strip():
        return tr("The PIN is empty.")
    if pin != pin.strip():
        return tr("The PIN cannot begin or end with a space.")
    if len(pin) < MIN_LENGTH:
        return tr("The PIN needs at least {n} characters.", n=MIN_LENGTH)
    if len(pin) > MAX_LENGTH:
        return tr("The PIN can have at most {n} characters.", n=MAX_LENGTH)
    return None


def wait_after(wrong: int) -> timedelta:
    """How long the next try waits after `wrong` wrong tries in a row: none for the first few,
    then 5 s, doubling, at most 5 minutes."""
    if wrong < FREE_TRIES:
        return timedelta(0)
    doubled: timedelta = FIRST_WAIT * (2 ** min(wrong - FREE_TRIES, 16))
    return min(LONGEST_WAIT, doubled)


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (0600), replacing it whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


class TeacherPin:
    """The PIN file in the data folder: the salted hash and the count of wrong tries (kept on
    disk, so closing the app does not reset the wait)."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self.clock = clock

    @classmethod
    def in_folder(cls, root: Path, clock: Clock) -> TeacherPin:
        return cls(root / PIN_FILE_NAME, clock)

    def _read(self) -> dict[str, object] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            raise InputError([Problem(str(self.path), tr(
                "the teacher PIN file cannot be read; a technician can set a new PIN with "
                "“gensec-quiz pin set”."))]) from None
        if not isinstance(data, dict) or not isinstance(data.get("hash"), str):
            raise InputError([Problem(str(self.path), tr(
                "the teacher PIN file is not one GenSec Quiz wrote; a technician can set a new "
                "PIN with “gensec-quiz pin set”."))])
        return data

    def _write(self, data: dict[str, object]) -> None:
        try:
            write_private(self.path, json.dumps(data, indent=2))
        except OSError as error:
            raise InputError([Problem(str(self.path), tr(
                "the teacher PIN could not be saved ({reason})",
                reason=error.strerror or error))]) from None

    def is_set(self) -> bool:
        """Whether a PIN is set (a damaged PIN file counts as set: it is not a way in)."""
        try:
            return self._read() is not None
        except InputError:
            return True

    def set(self, pin: str) -> None:
        """Keep the salted hash of a new PIN (InputError: not a PIN, or not saved)."""
        problem = pin_problem(pin)
        if problem is not None:
            raise InputError([Problem("PIN", problem)])
        salt = secrets.token_bytes(16)
        self._write({"scheme": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                     "salt": salt.hex(), "hash": _hash(pin, salt, SCRYPT_N, SCRYPT_R,
                                                       SCRYPT_P).hex(),
                     "wrong": 0, "last_wrong": None})

    def clear(self) -> bool:
        """Remove the PIN; True when there was one."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True

    def check(self, pin: str) -> PinResult:
        """Whether the PIN is right. After a few wrong tries in a row, a try made before the
        wait is over is refused without being checked."""
        data = self._read()
        if data is None:
            return PinAccepted()
        now = self.clock()
        wrong = int(str(data.get("wrong", 0) or 0))
        last = data.get("last_wrong")
        if isinstance(last, str):
            ready_at = datetime.fromisoformat(last) + wait_after(wrong)
            if now < ready_at:
                left = ready_at - now
                return PinRefused(tr("Too many wrong tries: wait {s} seconds and try again.",
                                     s=max(1, int(left.total_seconds() + 0.999))), left)
        try:
            salt = bytes.fromhex(str(data["salt"]))
            expected = bytes.fromhex(str(data["hash"]))
            found = _hash(pin, salt, int(str(data["n"])), int(str(data["r"])),
                          int(str(data["p"])))
        except (KeyError, ValueError):
            raise InputError([Problem(str(self.path), tr(
                "the teacher PIN file is damaged; a technician can set a new PIN with "
                "“gensec-quiz pin set”."))]) from None
        if hmac.compare_digest(found, expected):
            if wrong:
                self._write({**data, "wrong": 0, "last_wrong": None})
            return PinAccepted()
        wrong += 1
        self._write({**data, "wrong": wrong, "last_wrong": now.isoformat()})
        wait = wait_after(wrong)
        if wait:
            return PinRefused(tr("That PIN is not right. Too many wrong tries: wait {s} seconds "
                                 "before the next one.", s=int(wait.total_seconds())), wait)
        return PinRefused(tr("That PIN is not right."))


class TeacherAccess:
    """One teacher visit: opened by the PIN (or, with no PIN set, by choosing to go on without
    one), closed by `lock()` (Switch learner), by `idle` without `touch()`, or by the app
    closing (nothing is kept on disk)."""

    def __init__(self, pin: TeacherPin, clock: Clock, *, idle: timedelta = IDLE_LIMIT) -> None:
        self.pin = pin
        self.clock = clock
        self.idle = idle
        self._last_seen: datetime | None = None

    def is_open(self) -> bool:
        if self._last_seen is None:
            return False
        if self.clock() - self._last_seen >= self.idle:
            self._last_seen = None
            return False
        return True

    def touch(self) -> None:
        """The teacher did something: the idle time starts again."""
        if self.is_open():
            self._last_seen = self.clock()

    def unlock(self, pin: str) -> PinResult:
        result = self.pin.check(pin)
        if isinstance(result, PinAccepted):
            self._last_seen = self.clock()
        return result

    def go_on_without_pin(self) -> bool:
        """Open the visit when no PIN is set; False (still closed) when one is."""
        if self.pin.is_set():
            return False
        self._last_seen = self.clock()
        return True

    def lock(self) -> None:
        self._last_seen = None


def no_pin_warning() -> str:
    return tr("Without a PIN, anyone at this computer can open the Teacher area: see the "
              "answers, everyone's results, unlock exams and delete learners.")
