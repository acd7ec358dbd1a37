"""The proctor's actions that are no command to a candidate, as the record keeps them.

Commands (pause, lock, extend, ...) reach the candidate's chain and the record folds them
from there. Everything else the proctor does with a name and a reason happens on the
proctor's PC only: deciding a held login or a questioned log, authorizing a move,
showing the quit code, opening the session (over a failing PC check), closing it, a new
token or enrollment code. The proctor's replica keeps each as a `ProctorAction` (one
table for the class); the berita acara prints them with the record (per candidate when
one is concerned, else for the room) and the sealed bundle carries them in its
``incidents.json`` (`to_json`), so the office's candidate report prints them too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from exam_bank.record.facts import Fact, RecordEntry


class ActionKind(StrEnum):
    SESSION_OPENED = "session_opened"
    PREFLIGHT_OVERRIDE = "preflight_override"  # opened over a failing PC check
    SESSION_CLOSED = "session_closed"
    TOKEN_RENEWED = "token_renewed"
    ENROLL_CODE = "enroll_code"
    QUIT_CODE_SHOWN = "quit_code_shown"
    MOVE_AUTHORIZED = "move_authorized"
    LOGIN_APPROVED = "login_approved"
    LOGIN_REFUSED = "login_refused"
    LOG_ACCEPTED = "log_accepted"
    LOG_REJECTED = "log_rejected"


ACTION_KINDS = frozenset(str(k) for k in ActionKind)


@dataclass(frozen=True)
class ProctorAction:
    """One action: when, which, who and why, and where it concerned."""

    wall: str  # UTC ISO 8601, when it was done
    kind: ActionKind
    by: str
    reason: str = ""
    participant_no: str | None = None  # the candidate concerned (None: the room)
    seat: str = ""  # the candidate's seat; for an override, the failing PCs
    pc: str = ""  # the kiosk concerned (a held login's PC, a move's spare PC)
    to_seat: str = ""  # a move: the spare PC's seat
    detail: str = ""  # English, for the audit trail only (never printed)

    def entry(self) -> RecordEntry:
        return RecordEntry(self.wall, Fact.ACTION, by=self.by, reason=self.reason,
                           kind=str(self.kind), pc=self.pc, seat=self.seat,
                           to_seat=self.to_seat)

    def to_json(self) -> dict[str, Any]:
        """As a line of the sealed bundle's ``incidents.json`` (the incidents' keys, and
        who and why)."""
        return {"wall": self.wall, "seat": self.seat or None,
                "participant_no": self.participant_no, "kind": str(self.kind),
                "evidence": self.detail, "count": 1, "last": self.wall,
                "action": True, "by": self.by, "reason": self.reason, "pc": self.pc,
                "to_seat": self.to_seat}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ProctorAction | None:
        """The action of an ``incidents.json`` line; None for an incident or a line that
        cannot be read as an action."""
        kind, wall = data.get("kind"), data.get("wall")
        if data.get("action") is not True or kind not in ACTION_KINDS or \
                not isinstance(wall, str):
            return None
        who = data.get("participant_no")

        def text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""
        return cls(wall, ActionKind(kind), text("by"), text("reason"),
                   who if isinstance(who, str) else None, text("seat"), text("pc"),
                   text("to_seat"), text("evidence"))
