"""Responses as JSON-able dicts (dates as ISO text), for the database and back."""

from __future__ import annotations

from typing import Any

from gensec_quiz.domain.dates import DateError, PartialDate
from gensec_quiz.domain.errors import InputError, Problem
from gensec_quiz.domain.questions import (
    DateResponse,
    MatchingResponse,
    OrderingResponse,
    Response,
)


def response_to_dict(response: Response) -> dict[str, Any]:
    """`{"type": "ordering", "order": [...], "moved": true}`, `{"type": "matching", "choices":
    [...]}` or `{"type": "date", "value": "1953-09" | null}`."""
    if isinstance(response, OrderingResponse):
        return {"type": "ordering", "order": list(response.order), "moved": response.moved}
    if isinstance(response, MatchingResponse):
        return {"type": "matching", "choices": list(response.choices)}
    if isinstance(response, DateResponse):
        value = None if response.value is None else response.value.iso()
        return {"type": "date", "value": value}
    raise TypeError(f"{type(response).__name__} is not a response")


def response_from_dict(data: Any, where: str = "response") -> Response:
    """Read what `response_to_dict` wrote; InputError naming every problem and its place."""
    if not isinstance(data, dict):
        raise InputError([Problem(where, "a response must be a JSON object")])
    kind = data.get("type")
    if kind == "ordering":
        return _ordering(data, where)
    if kind == "matching":
        return _matching(data, where)
    if kind == "date":
        return _date(data, where)
    raise InputError([Problem(f"{where}.type",
                              f"{kind!r} is not a response type (ordering, matching, date)")])


def _ordering(data: dict[str, Any], where: str) -> OrderingResponse:
    problems = []
    order = data.get("order")
    moved = data.get("moved", True)
    if not isinstance(order, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in order
    ):
        problems.append(Problem(f"{where}.order", "must be a list of item indexes"))
    elif sorted(order) != list(range(len(order))):
        problems.append(Problem(f"{where}.order",
                                f"must list each index 0..{len(order) - 1} once, got {order}"))
    if not isinstance(moved, bool):
        problems.append(Problem(f"{where}.moved", "must be true or false"))
    if problems:
        raise InputError(problems)
    assert isinstance(order, list) and isinstance(moved, bool)
    return OrderingResponse(tuple(order), moved)


def _matching(data: dict[str, Any], where: str) -> MatchingResponse:
    choices = data.get("choices")
    if not isinstance(choices, list):
        raise InputError([Problem(f"{where}.choices", "must be a list of texts or nulls")])
    problems = [
        Problem(f"{where}.choices[{i}]", "must be a text or null")
        for i, choice in enumerate(choices)
        if choice is not None and not isinstance(choice, str)
    ]
    if problems:
        raise InputError(problems)
    return MatchingResponse(tuple(choices))


def _date(data: dict[str, Any], where: str) -> DateResponse:
    value = data.get("value")
    if value is None:
        return DateResponse(None)
    if not isinstance(value, str):
        raise InputError([Problem(f"{where}.value", "must be an ISO date text or null")])
    try:
        return DateResponse(PartialDate.parse(value))
    except DateError as error:
        raise InputError([Problem(f"{where}.value", str(error))]) from None
