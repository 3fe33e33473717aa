"""The teacher PIN and the teacher's visit, with no window: hashing, wrong tries, idle time."""

from __future__ import annotations

import hashlib
import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from application_support import Clock
from gensec_quiz.application.teacher_pin import (
    PinAccepted,
    PinRefused,
    TeacherAccess,
    TeacherPin,
    wait_after,
)
from gensec_quiz.domain.errors import InputError


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def pin(tmp_path: Path, clock: Clock) -> TeacherPin:
    return TeacherPin.in_folder(tmp_path / "data", clock)


def test_the_pin_is_kept_as_a_salted_scrypt_hash_in_a_private_file(pin: TeacherPin) -> None:
    pin.set("4821")
    text = pin.path.read_text(encoding="utf-8")
    assert "4821" not in text
    data = json.loads(text)
    assert data["scheme"] == "scrypt" and len(bytes.fromhex(data["salt"])) == 16
    # the hash is the standard library's scrypt of the PIN under that salt, at a slow setting
    assert data["n"] >= 2**14
    assert data["hash"] == hashlib.scrypt(b"4821", salt=bytes.fromhex(data["salt"]),
                                          n=data["n"], r=data["r"], p=data["p"],
                                          maxmem=64 * 1024 * 1024, dklen=32).hex()
    assert stat.S_IMODE(pin.path.stat().st_mode) == 0o600
    first_hash = data["hash"]
    pin.set("4821")  # a new salt each time: the same PIN never gives the same hash
    assert json.loads(pin.path.read_text(encoding="utf-8"))["hash"] != first_hash


def test_the_right_pin_is_accepted_and_a_wrong_one_refused(pin: TeacherPin) -> None:
    pin.set("4821")
    assert pin.check("4821") == PinAccepted()
    refused = pin.check("1234")
    assert isinstance(refused, PinRefused) and refused.sentence == "That PIN is not right."


@pytest.mark.parametrize("bad, why", [("", "empty"), ("12", "at least 4"), (" 1234", "space")])
def test_a_pin_too_short_or_empty_is_refused_with_a_sentence(pin: TeacherPin, bad: str,
                                                             why: str) -> None:
    with pytest.raises(InputError) as raised:
        pin.set(bad)
    assert why in " ".join(raised.value.sentences())
    assert not pin.is_set()


def test_wrong_tries_make_the_next_ones_wait_even_after_a_restart(
    tmp_path: Path, pin: TeacherPin, clock: Clock
) -> None:
    pin.set("4821")
    for _ in range(3):
        assert isinstance(pin.check("0000"), PinRefused)
    # the app is closed and opened again: the count is on disk
    again = TeacherPin(pin.path, clock)
    waiting = again.check("4821")  # even the right PIN waits
    assert isinstance(waiting, PinRefused) and "wait 5 seconds" in waiting.sentence
    clock.advance(seconds=5)
    assert again.check("4821") == PinAccepted()
    assert again.check("0000") == PinRefused("That PIN is not right.")  # the count started over


def test_the_wait_doubles_and_stops_at_five_minutes() -> None:
    assert [wait_after(n).total_seconds() for n in (0, 2, 3, 4, 5)] == [0, 0, 5, 10, 20]
    assert wait_after(30) == timedelta(minutes=5)


def test_a_damaged_pin_file_is_not_a_way_in(pin: TeacherPin) -> None:
    pin.path.parent.mkdir(parents=True)
    pin.path.write_text("{not json", encoding="utf-8")
    assert pin.is_set()
    access = TeacherAccess(pin, pin.clock)
    assert not access.go_on_without_pin()
    with pytest.raises(InputError) as raised:
        access.unlock("anything")
    assert "gensec-quiz pin set" in raised.value.sentences()[0]


def test_a_visit_closes_when_locked_and_after_idle_minutes(pin: TeacherPin,
                                                           clock: Clock) -> None:
    pin.set("4821")
    access = TeacherAccess(pin, clock, idle=timedelta(minutes=5))
    assert not access.is_open()
    assert isinstance(access.unlock("1111"), PinRefused) and not access.is_open()
    assert access.unlock("4821") == PinAccepted() and access.is_open()
    clock.advance(minutes=4)
    access.touch()
    clock.advance(minutes=4)
    assert access.is_open()  # touched four minutes ago
    clock.advance(minutes=1)
    assert not access.is_open()
    access.unlock("4821")
    access.lock()
    assert not access.is_open()


def test_without_a_pin_the_teacher_may_go_on_and_a_new_visit_asks_again(
    pin: TeacherPin, clock: Clock
) -> None:
    access = TeacherAccess(pin, clock)
    assert access.go_on_without_pin() and access.is_open()
    access.lock()
    assert not access.is_open()
    pin.set("4821")
    assert not access.go_on_without_pin()
    assert pin.clear() and not pin.is_set() and not pin.clear()
