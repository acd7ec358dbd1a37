"""What a candidate gives for one item, as the scorer takes it (docs/formats.md, "Responses")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

Response: TypeAlias = str | frozenset[str] | int | None
"""An option id (mc/sjt), a set of option ids (mr), the point chosen as shown, before
reverse keying (likert), or None for a blank. A makalah's text is graded elsewhere."""


def responses_of(state: Mapping[str, Any]) -> dict[str, Response]:
    """The answers as the results store keeps them (JSON: an mr answer as a list) back
    into the scorer's responses."""
    answers: dict[str, Response] = {}
    for item_id, value in (state.get("answers") or {}).items():
        answers[item_id] = frozenset(value) if isinstance(value, list) else value
    return answers
