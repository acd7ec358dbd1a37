"""What a candidate gives for one item, as the scorer takes it (docs/formats.md, "Responses")."""

from __future__ import annotations

from typing import TypeAlias

Response: TypeAlias = str | frozenset[str] | int | None
"""An option id (mc/sjt), a set of option ids (mr), the point chosen as shown, before
reverse keying (likert), or None for a blank. A makalah's text is graded elsewhere."""
