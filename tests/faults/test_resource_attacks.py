"""Nothing unauthenticated costs the proctor more than a little.

The lab server runs in its own process (`tests.faults.labproc`) so its memory is its own;
the attackers speak from other loopback addresses than the real kiosk.
"""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections.abc import Awaitable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from exam_bank.wire import enroll
from exam_bank.wire.tls import enrollment_client_context
from tests.faults import attacks
from tests.faults.attacks import Tally, attacker
from tests.faults.labproc import SCRYPT_N, LabProcess

MiB = 2**20
T = TypeVar("T")


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LabProcess]:
    with LabProcess(tmp_path / "lab") as process:
        yield process


class PeakOf:
    """Peak RSS of another process, sampled every 10 ms while in the `with`."""

    def __init__(self, lab: LabProcess) -> None:
        self.lab, self.peak, self._stop = lab, lab.rss(), threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, self.lab.rss())

    def __enter__(self) -> PeakOf:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _settled_rss(lab: LabProcess, below: int, seconds: float = 5.0) -> int:
    deadline = time.monotonic() + seconds
    while (rss := lab.rss()) > below and time.monotonic() < deadline:
        time.sleep(0.1)
    return rss


def _incidents(lab: LabProcess, kind: str) -> list[dict[str, object]]:
    return [i for i in lab.ask("incidents") if i["kind"] == kind]


def test_a_flood_of_oversized_frames_costs_little_and_a_kiosk_still_gets_in(
        lab: LabProcess) -> None:
    """60 connections each sending a 4 MiB frame (half on the enrollment port, half as an
    enrolled kiosk's oversized hello) once took the proctor past 1 GB, never returned."""
    kiosk = attacks.lab_kiosk(lab.state, "pc-01")
    rogue = attacks.lab_kiosk(lab.state, "pc-66")  # enrolled, but misbehaving
    base = lab.rss()

    async def flood() -> tuple[Tally, float]:
        jobs = [attacks.oversized_frame(lab.enroll_port, enrollment_client_context(),
                                        attacker(i // 2)) for i in range(30)]
        jobs += [attacks.oversized_frame(lab.port, rogue.context, attacker(15 + i // 2))
                 for i in range(30)]
        welcome = asyncio.ensure_future(_after(0.2, attacks.welcome_time(lab.port, kiosk)))
        tallies = await asyncio.gather(*jobs)
        total = Tally()
        for t in tallies:
            total.add(t)
        return total, await welcome

    with PeakOf(lab) as peak:
        tally, welcome_s = asyncio.run(flood())
    assert (tally.tried, tally.refused, tally.accepted) == (60, 60, 0)
    assert welcome_s < 5
    assert peak.peak - base < 48 * MiB, f"grew {(peak.peak - base) / MiB:.0f} MiB"
    after = _settled_rss(lab, base + 16 * MiB)
    assert after - base < 16 * MiB, f"still {(after - base) / MiB:.0f} MiB above baseline"


async def _after(seconds: float, coroutine: Awaitable[T]) -> T:
    await asyncio.sleep(seconds)
    return await coroutine


def test_connections_per_address_are_capped_and_silent_ones_dropped(lab: LabProcess) -> None:
    kiosk = attacks.lab_kiosk(lab.state, "pc-02")

    async def main() -> tuple[int, float]:
        held = asyncio.ensure_future(attacks.hold_open(lab.port, attacker(0), 30, 5.0))
        await asyncio.sleep(0.5)
        welcome = await attacks.welcome_time(lab.port, kiosk)
        return await held, welcome

    still_open, welcome_s = asyncio.run(main())
    assert still_open == 0  # turned away at once, or dropped at the handshake timeout
    assert welcome_s < 2
    (turned_away,) = _incidents(lab, "too_many_connections")
    assert turned_away["count"] >= 30 - 8  # past 8 at once from one address


def test_wrong_codes_from_one_address_cannot_stop_enrollment(lab: LabProcess) -> None:
    """25 wrong codes from any LAN client used to cancel every live code."""
    code = lab.ask("code")

    async def main() -> tuple[Tally, object]:
        tally = Tally()
        for _ in range(25):
            tally.add(await attacks.wrong_code(lab.enroll_port, attacker(0)))
        _key, request = enroll.make_request("pc-30", code, scrypt_n=SCRYPT_N)
        return tally, await attacks.enroll_once(lab.enroll_port, request)

    tally, reply = asyncio.run(main())
    assert (tally.tried, tally.refused) == (25, 25)
    assert isinstance(reply, enroll.EnrollReply), reply
    (refused,) = _incidents(lab, "enroll_refused")
    assert refused["count"] == 25


@pytest.mark.slow
def test_failed_handshakes_are_one_incident_per_address_and_a_welcome_stays_fast(
        lab: LabProcess) -> None:
    """400 failed handshakes once stored 400 incidents and slowed a welcome to 1.5 s."""
    kiosk = attacks.lab_kiosk(lab.state, "pc-03")
    quiet = asyncio.run(attacks.welcome_time(lab.port, kiosk))

    async def main() -> tuple[Tally, list[float]]:
        async def from_address(index: int) -> Tally:
            tally = Tally()
            for _ in range(100):
                tally.add(await attacks.failed_handshake(lab.port, attacker(index)))
            return tally

        flood = asyncio.ensure_future(asyncio.gather(*(from_address(i) for i in range(4))))
        welcomes = []
        while not flood.done():
            welcomes.append(await attacks.welcome_time(lab.port, kiosk))
            await asyncio.sleep(0.05)
        total = Tally()
        for t in await flood:
            total.add(t)
        return total, welcomes

    tally, welcomes = asyncio.run(main())
    assert (tally.tried, tally.accepted) == (400, 0)
    assert welcomes and statistics.median(welcomes) < max(0.3, 5 * quiet), welcomes
    lines = [i for i in lab.ask("incidents")
             if i["kind"] in ("tls_refused", "too_many_connections")]
    assert len(lines) <= 8  # one per address and kind
    assert sum(int(i["count"]) for i in lines) == 400
