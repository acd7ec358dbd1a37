"""The room's preflight: each kiosk's latest `ujikom doctor` report, as the lab server
received it (``preflight`` messages, `exam_bank.wire.protocol`). Pure Python; the
server's loop writes it, the console and `--control-stdin` read snapshots of it.

A failing seat blocks opening the session until the proctor gives a reason
(`LabServer.open_session`), which goes into the incident log and so the berita acara.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from exam_bank.preflight import Check, Status, check_to_json, worst
from exam_bank.roster.model import seat_sort_key
from exam_bank.wire.protocol import Preflight


@dataclass(frozen=True)
class SeatPreflight:
    kiosk_id: str
    seat: str
    host: str
    when: str  # the kiosk's own time of the check
    version: str
    checks: tuple[Check, ...]
    received: str  # the proctor's local time, HH:MM:SS

    @property
    def status(self) -> Status:
        return worst(c.status for c in self.checks)

    @property
    def where(self) -> str:
        return f"{self.seat or '?'} ({self.kiosk_id})"

    def problems(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is not Status.PASS)

    def to_json(self) -> dict[str, Any]:
        return {"kiosk_id": self.kiosk_id, "seat": self.seat, "host": self.host,
                "when": self.when, "version": self.version, "received": self.received,
                "status": str(self.status), "checks": [check_to_json(c) for c in self.checks]}


class PreflightRefused(Exception):
    """Opening the session while seats fail their preflight, without a reason."""

    def __init__(self, failing: Iterable[SeatPreflight]) -> None:
        self.failing = tuple(failing)
        super().__init__("preflight fails at " + ", ".join(f.where for f in self.failing)
                         + ": give a reason to open the session anyway")


@dataclass(frozen=True)
class PreflightSummary:
    passed: int
    warned: int
    failed: int
    missing: tuple[str, ...]  # connected kiosks that sent no report (an older kiosk)


class PreflightBoard:
    def __init__(self) -> None:
        self._reports: dict[str, SeatPreflight] = {}

    def received(self, kiosk_id: str, seat: str, message: Preflight,
                 now: dt.datetime | None = None) -> SeatPreflight:
        at = (now or dt.datetime.now()).strftime("%H:%M:%S")
        report = SeatPreflight(kiosk_id, seat, message.host, message.when, message.version,
                               message.checks, at)
        self._reports[kiosk_id] = report  # the latest wins: a fixed PC reports again
        return report

    def reports(self) -> tuple[SeatPreflight, ...]:
        return tuple(sorted(self._reports.values(),
                            key=lambda r: (seat_sort_key(r.seat), r.kiosk_id)))

    def failing(self) -> tuple[SeatPreflight, ...]:
        return tuple(r for r in self.reports() if r.status is Status.FAIL)

    def summary(self, connected: Iterable[str] = ()) -> PreflightSummary:
        reports = self.reports()
        count = {s: sum(r.status is s for r in reports) for s in Status}
        missing = tuple(sorted(k for k in connected if k not in self._reports))
        return PreflightSummary(count[Status.PASS], count[Status.WARN], count[Status.FAIL],
                                missing)
