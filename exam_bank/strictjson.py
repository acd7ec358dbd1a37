"""The strict JSON every file and message of Ujikom is read with: a key twice in one
object, NaN or Infinity is an error, never a silent last-one-wins or a float that cannot
be hashed the same way twice. Events and wire frames also refuse fractions (`WHOLE`)."""

from __future__ import annotations

import json
from typing import Any, NoReturn


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}: it appears twice in one object")
        seen[key] = value
    return seen


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed")


def _no_fraction(text: str) -> NoReturn:
    raise ValueError(f"number {text} is not a whole number")


# One decoder each, made once: `json.loads` with hooks builds a new one per call.
STRICT = json.JSONDecoder(object_pairs_hook=no_duplicate_keys, parse_constant=_no_constant)
WHOLE = json.JSONDecoder(object_pairs_hook=no_duplicate_keys, parse_float=_no_fraction,
                         parse_constant=_no_fraction)
