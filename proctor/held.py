"""Why the lab server holds a candidate's first login, as codes, not sentences.

The server says *why* with a `HoldCode` and the facts that go with it (the planned seat,
the candidates the PC already speaks for); each reader words it in its own language: the
console through Qt Linguist (`proctor.console.held_logins`), the shell in English
(`english`), and the incident log keeps the English detail (`HeldLogin.why`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from exam_bank.ids import KioskId, ParticipantNo


class HoldCode(StrEnum):
    OFF_PLAN = "off_plan"  # the seat plan puts the candidate at another seat
    KIOSK_BUSY = "kiosk_busy"  # the PC already speaks for someone who has not submitted


@dataclass(frozen=True)
class HoldReason:
    code: HoldCode
    planned: str = ""  # OFF_PLAN: the seat the plan gives the candidate
    seat: str = ""  # OFF_PLAN: the seat the kiosk is at
    others: tuple[ParticipantNo, ...] = ()  # KIOSK_BUSY: whom the PC speaks for

    def english(self, participant_no: str, kiosk_id: str) -> str:
        """The reason for a log or the shell."""
        if self.code == HoldCode.OFF_PLAN:
            return (f"the seat plan puts {participant_no} at {self.planned}, this kiosk is at "
                    f"{self.seat}")
        return (f"kiosk {kiosk_id} already speaks for {', '.join(self.others)}, who has not "
                "submitted")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": str(self.code)}
        if self.code == HoldCode.OFF_PLAN:
            out |= {"planned": self.planned, "seat": self.seat}
        else:
            out["others"] = list(self.others)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HoldReason:
        """One reason as `to_json` wrote it; ValueError naming what is wrong."""
        try:
            code = HoldCode(data["code"])
        except (KeyError, ValueError, TypeError):
            raise ValueError(f"reasons[].code: not one of {', '.join(HoldCode)}") from None
        return cls(code, str(data.get("planned", "")), str(data.get("seat", "")),
                   tuple(ParticipantNo(str(p)) for p in data.get("others", ())))


@dataclass(frozen=True)
class HeldLogin:
    """A candidate's first login that waits for the proctor: nothing of it is stored or
    claimed until they approve (`LabServer.decide_login`)."""

    participant_no: ParticipantNo
    kiosk_id: KioskId
    seat: str
    reasons: tuple[HoldReason, ...]

    @property
    def why(self) -> str:
        """The English detail, for the incident log and the shell."""
        return "; ".join(r.english(self.participant_no, self.kiosk_id) for r in self.reasons)

    def to_json(self) -> dict[str, Any]:
        """For the control socket (`held_logins`) and `proctor status --json`."""
        return {"participant_no": self.participant_no, "kiosk_id": self.kiosk_id,
                "seat": self.seat, "reasons": [r.to_json() for r in self.reasons],
                "why": self.why}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HeldLogin:
        return cls(ParticipantNo(str(data["participant_no"])), KioskId(str(data["kiosk_id"])),
                   str(data.get("seat", "")),
                   tuple(HoldReason.from_json(r) for r in data.get("reasons", ())))


def hold_reasons(participant_no: ParticipantNo, seat: str, planned: str | None,
                 others: Sequence[str]) -> tuple[HoldReason, ...]:
    """Why a verified first login at `seat` needs the proctor's approval (empty: it does
    not): `planned` is the seat plan's seat for the candidate (None or "": no plan);
    `others` the candidates this PC already speaks for who have not submitted."""
    reasons = []
    if planned and planned != seat:
        reasons.append(HoldReason(HoldCode.OFF_PLAN, planned=planned, seat=seat))
    # One PC, one candidate at a time: a second login while the first has not submitted
    # is a kiosk speaking for someone not sitting at it.
    if others:
        reasons.append(HoldReason(HoldCode.KIOSK_BUSY,
                                  others=tuple(ParticipantNo(p) for p in others)))
    return tuple(reasons)
