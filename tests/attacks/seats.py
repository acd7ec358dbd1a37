"""Seat attacks, as plain functions that build what an enrolled kiosk
sends to take candidates it does not seat: one invalid first event per candidate of the
session, or a complete, valid-looking log for a candidate who never came."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from exam_bank.events.chain import EventLog
from exam_bank.events.model import Event
from exam_bank.wire.protocol import Events

WALL = "2026-11-23T08:00:00+00:00"


def invalid_first_events(exam_id: str, participants: Iterable[str]) -> list[Events]:
    """For each participant, one `events` message whose only event is their login with a
    hash that does not match it: before the fix, enough to claim them all."""
    out = []
    for pno in participants:
        login = EventLog(exam_id, pno).append("login", {"participant_no": pno}, WALL, 0, 1)
        forged = dataclasses.replace(login, hash="0" * 64)
        out.append(Events(pno, 1, (forged,)))
    return out


def fabricated_log(exam_id: str, participant_no: str, steps: int = 5, wall: str = WALL
                   ) -> list[Event]:
    """A complete, well-chained log (login to submission) for a candidate who never came:
    nothing in the events themselves gives it away."""
    log = EventLog(exam_id, participant_no)
    log.append("login", {"participant_no": participant_no}, wall, 0, 1)
    log.append("identity_confirmed", {}, wall, 1000, 1)
    log.append("rules_acknowledged", {}, wall, 2000, 1)
    for n in range(steps):
        log.append("navigated", {"to": n}, wall, 3000 + n * 1000, 1)
    log.append("exam_submitted", {"reason": "candidate"}, wall, 10_000 + steps * 1000, 1)
    return log.events
