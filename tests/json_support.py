"""Helpers for the tests of the JSON readers."""

from __future__ import annotations

from typing import Any


def places(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (keys and list indexes), the value itself first."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += places(value, (*prefix, i))
    return found
