"""What every item importer returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from exam_bank.items.model import Item
from exam_bank.problems import Problem


@dataclass
class ImportResult:
    """Items read from one source file, ready to be checked against the bank and stored.

    `media` maps each media name used by the items (their `media` field and the `src`
    of `<img>` in their text) to its bytes. `warnings` are things that were simplified
    but not lost (e.g. a colour that the text subset cannot hold); anything that would
    lose content is an error, not a warning.
    """

    source: str
    items: list[Item]
    media: dict[str, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
