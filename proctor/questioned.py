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

from exam_bank.ids import ParticipantNo

LOG = "log"  # the decision subject for a questioned log


@dataclass(frozen=True)
class Questioned:
    participant_no: ParticipantNo
    why: str  # in the proctor's words: what the room says against this log


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
        kiosk, seat = bound.get(pno, ("?", "?"))
        where = f"kiosk {kiosk} at seat {seat}" if pno in bound else "an unknown kiosk"
        if pno in absentees:
            out.append(Questioned(pno, f"the berita acara marks {pno} absent, but the "
                                  f"replica holds {count} events of theirs from {where}"))
        elif (pno in bound and plan.get(pno) and plan[pno] != seat
              and pno not in approved_logins):
            out.append(Questioned(pno, f"{pno}'s log began at seat {seat} ({where}), the "
                                  f"seat plan puts them at {plan[pno]}, and no approval "
                                  "of that login is on record"))
    return out
