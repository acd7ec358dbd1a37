"""Logs the room did not vouch for: sealing waits for the proctor's decision.

A kiosk speaks only for the candidate who sat at it; but an enrolled kiosk can still write
a complete, valid-looking log for someone who never came. The room can tell: the berita
acara marks that candidate absent, or the log began at a seat the seat plan does not give
them and nobody approved. Each such log is an incident for the berita acara and blocks
sealing until the proctor decides (`Replica.decide`, subject `LOG`): accepted (the log is
sealed, the reason on record) or rejected (the candidate is sealed as absent, without it).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from exam_bank.ids import ParticipantNo

LOG = "log"  # the decision subject for a questioned log


class QuestionCode(StrEnum):
    ABSENT = "absent"  # the berita acara marks the candidate absent
    OFF_PLAN = "off_plan"  # the log began at another seat than the plan's, unapproved


@dataclass(frozen=True)
class Questioned:
    """A log sealing waits on: why, as a code and its facts (the console words it through
    Qt Linguist); `why` is the English detail for the shell and the incident log."""

    participant_no: ParticipantNo
    code: QuestionCode
    events: int  # how many events of theirs the replica holds
    kiosk: str = ""  # where their first verified login came from ("" unknown)
    seat: str = ""
    planned: str = ""  # OFF_PLAN: the seat plan's seat for them

    @property
    def why(self) -> str:
        pno = self.participant_no
        where = f"kiosk {self.kiosk} at seat {self.seat}" if self.kiosk else "an unknown kiosk"
        if self.code == QuestionCode.ABSENT:
            return (f"the berita acara marks {pno} absent, but the replica holds "
                    f"{self.events} events of theirs from {where}")
        return (f"{pno}'s log began at seat {self.seat} ({where}), the seat plan puts them "
                f"at {self.planned}, and no approval of that login is on record")


def questioned_logs(logs: Mapping[ParticipantNo, int], absentees: Collection[ParticipantNo],
                    plan: Mapping[ParticipantNo, str],
                    bound: Mapping[ParticipantNo, tuple[str, str]],
                    approved_logins: Collection[ParticipantNo]) -> list[Questioned]:
    """The logs sealing may not take without a decision.

    `logs`: participant -> events held; `absentees`: the berita acara's; `plan`: the seat
    plan (participant -> seat); `bound`: participant -> (kiosk, seat) of their first
    verified login; `approved_logins`: participants whose login the proctor approved."""
    out = []
    for pno, count in sorted(logs.items()):
        if count <= 0:
            continue
        kiosk, seat = bound.get(pno, ("", ""))
        if pno in absentees:
            out.append(Questioned(pno, QuestionCode.ABSENT, count, kiosk, seat))
        elif (pno in bound and plan.get(pno) and plan[pno] != seat
              and pno not in approved_logins):
            out.append(Questioned(pno, QuestionCode.OFF_PLAN, count, kiosk, seat, plan[pno]))
    return out
