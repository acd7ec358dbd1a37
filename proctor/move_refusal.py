"""Why the lab server refuses to move a candidate to a PC, as a code with its facts: the
console words it through Qt Linguist, the shell and the log read its English."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class MoveProblem(StrEnum):
    NOT_ENROLLED = "not_enrolled"  # the PC is not enrolled in this lab
    IN_USE = "in_use"  # another candidate works at the PC


class MoveRefused(ValueError):
    """A move the server will not authorize; nothing is stored. `str()` is English."""

    def __init__(self, code: MoveProblem, kiosk_id: str, *, enrolled: Sequence[str] = (),
                 others: Sequence[str] = ()) -> None:
        self.code, self.kiosk_id = code, kiosk_id
        self.enrolled, self.others = tuple(enrolled), tuple(others)
        if code == MoveProblem.NOT_ENROLLED:
            text = (f"kiosk: {kiosk_id!r} is not enrolled in this lab (enrolled: "
                    f"{', '.join(self.enrolled) or 'none'})")
        else:
            text = f"kiosk: {kiosk_id} is in use by {', '.join(self.others)}; choose a free PC"
        super().__init__(text)
