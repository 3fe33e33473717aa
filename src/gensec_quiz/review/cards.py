"""One FSRS card per learner per fact (a basis entry: record + field), as plain data.

A `FactCard` knows nothing of the database: the store keeps its fields as columns (see
`to_dict` / `from_dict`), and `to_fsrs_dict` / `from_fsrs_dict` convert it to and from the
`fsrs` package's own `Card.to_dict()` form. Times are aware and in UTC.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import BasisRef
from gensec_quiz.i18n import tr

__all__ = [
    "CardState",
    "FactCard",
    "as_utc",
    "fact_key",
    "fact_ref",
    "fsrs_card_id",
]


class CardState(StrEnum):
    """Where a card is in FSRS: short learning steps, long reviews, or relearning after a lapse."""

    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"

    @property
    def fsrs_value(self) -> int:
        return _FSRS_STATE[self]

    @classmethod
    def from_fsrs(cls, value: int) -> CardState:
        return next(state for state, number in _FSRS_STATE.items() if number == value)


# The `fsrs.State` numbers (Learning = 1, Review = 2, Relearning = 3), fixed by the package.
_FSRS_STATE = {CardState.LEARNING: 1, CardState.REVIEW: 2, CardState.RELEARNING: 3}


def as_utc(moment: datetime, *, name: str = "time") -> datetime:
    """`moment` in UTC (`datetime.UTC`, as `fsrs` demands); a naive time is refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")
    return moment.astimezone(UTC)


def fact_ref(fact: BasisRef | str | Mapping[str, Any]) -> BasisRef:
    """A basis entry as a BasisRef, from a BasisRef, `"record.field"` or `{"record", "field"}`."""
    if isinstance(fact, BasisRef):
        return fact
    if isinstance(fact, str):
        record, dot, name = fact.rpartition(".")
        if dot and record and name:
            return BasisRef(record, name)
        raise ValueError(f"a fact is written 'record.field', got {fact!r}")
    record_id, field_name = fact.get("record"), fact.get("field")
    if isinstance(record_id, str) and isinstance(field_name, str) and record_id and field_name:
        return BasisRef(record_id, field_name)
    raise ValueError(f"a fact needs a 'record' and a 'field', got {dict(fact)!r}")


def fact_key(fact: BasisRef | str | Mapping[str, Any]) -> str:
    """The fact's key, `"record.field"`."""
    return fact_ref(fact).key()


def fsrs_card_id(learner_id: int, key: str) -> int:
    """A stable positive 56-bit id for `fsrs` (which wants an int), derived from our own id."""
    digest = hashlib.blake2b(f"{learner_id}\x1f{key}".encode(), digest_size=7).digest()
    return int.from_bytes(digest, "big")


@dataclass(frozen=True, slots=True)
class FactCard:
    """The FSRS memory state of one fact for one learner.

    `reps` counts every rated answer; `lapses` counts failures (Again) of a fact that had
    reached the review state, as Anki counts them.
    """

    learner_id: int
    record: str
    field: str
    due: datetime
    stability: float | None = None
    difficulty: float | None = None
    state: CardState = CardState.LEARNING
    step: int | None = 0
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "due", as_utc(self.due, name="due"))
        if self.last_review is not None:
            object.__setattr__(self, "last_review", as_utc(self.last_review, name="last_review"))
        object.__setattr__(self, "state", CardState(self.state))

    @property
    def key(self) -> str:
        return f"{self.record}.{self.field}"

    @property
    def id(self) -> str:
        """Our own card id: the learner and the fact, e.g. `"3:t-stalin.start"`."""
        return f"{self.learner_id}:{self.key}"

    @property
    def ref(self) -> BasisRef:
        return BasisRef(self.record, self.field)

    @classmethod
    def new(cls, *, learner_id: int, fact: BasisRef | str, at: datetime) -> FactCard:
        """A fact the learner has not been rated on yet, due at once."""
        ref = fact_ref(fact)
        return cls(learner_id=learner_id, record=ref.record, field=ref.field, due=at)

    def to_fsrs_dict(self) -> dict[str, Any]:
        """The `fsrs.Card.to_dict()` form of this card."""
        return {
            "card_id": fsrs_card_id(self.learner_id, self.key),
            "state": self.state.fsrs_value,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
        }

    @classmethod
    def from_fsrs_dict(cls, data: Mapping[str, Any], *, learner_id: int, fact: BasisRef | str,
                       reps: int = 0, lapses: int = 0) -> FactCard:
        """A card from `fsrs.Card.to_dict()` output, with our own id and counters."""
        ref = fact_ref(fact)
        last = data.get("last_review")
        return cls(
            learner_id=learner_id, record=ref.record, field=ref.field,
            due=datetime.fromisoformat(data["due"]),
            stability=_float_or_none(data.get("stability")),
            difficulty=_float_or_none(data.get("difficulty")),
            state=CardState.from_fsrs(int(data["state"])), step=data.get("step"),
            last_review=datetime.fromisoformat(last) if last else None,
            reps=reps, lapses=lapses,
        )

    def to_dict(self) -> dict[str, Any]:
        """Every field as JSON-able values (times in ISO 8601, UTC): one column per key."""
        return {
            "learner_id": self.learner_id, "record": self.record, "field": self.field,
            "due": self.due.isoformat(), "stability": self.stability,
            "difficulty": self.difficulty, "state": self.state.value, "step": self.step,
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps, "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "card") -> FactCard:
        """The inverse of `to_dict`; every problem found is reported at once (InputError)."""
        problems = _check_card_dict(data, where=where)
        if problems:
            raise InputError(problems)
        last = data.get("last_review")
        return cls(
            learner_id=int(data["learner_id"]), record=data["record"], field=data["field"],
            due=datetime.fromisoformat(data["due"]),
            stability=_float_or_none(data.get("stability")),
            difficulty=_float_or_none(data.get("difficulty")),
            state=CardState(data.get("state", "learning")), step=data.get("step"),
            last_review=datetime.fromisoformat(last) if last else None,
            reps=int(data.get("reps", 0)), lapses=int(data.get("lapses", 0)),
        )


def _float_or_none(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None



_TEXT_KEYS = ("record", "field")
_TIME_KEYS = ("due", "last_review")
_COUNT_KEYS = ("learner_id", "reps", "lapses")


def _check_card_dict(data: Mapping[str, Any], *, where: str) -> list[Problem]:
    problems: list[Problem] = []
    for key in _TEXT_KEYS:
        if not isinstance(data.get(key), str) or not data[key]:
            problems.append(Problem(f"{where}.{key}", tr("must be a non-empty text")))
    for key in _TIME_KEYS:
        value = data.get(key)
        if value is None and key == "last_review":
            continue
        if not _is_aware_iso(value):
            problems.append(Problem(f"{where}.{key}",
                                    tr("must be an ISO 8601 date and time with its UTC offset")))
    for key in _COUNT_KEYS:
        value = data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(Problem(f"{where}.{key}", tr("must be a whole number, 0 or more")))
    for key in ("stability", "difficulty"):
        value = data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or not math.isfinite(value) or value <= 0):
            problems.append(Problem(f"{where}.{key}", tr("must be a positive number or null")))
    if data.get("state", "learning") not in {state.value for state in CardState}:
        problems.append(Problem(f"{where}.state", tr("must be learning, review or relearning")))
    step = data.get("step")
    if step is not None and (isinstance(step, bool) or not isinstance(step, int) or step < 0):
        problems.append(Problem(f"{where}.step", tr("must be a whole number, 0 or more, or null")))
    return problems


def _is_aware_iso(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is not None
