"""The engine's only source of time, passed in so tests use a fake one and never sleep."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def mono_ms(self) -> int:
        """Monotonic milliseconds within this run of the kiosk: what time is charged by."""
        ...

    def wall_iso(self) -> str:
        """UTC ISO 8601, for people reading the log; never computed with."""
        ...


class SystemClock:
    """The real clocks: `time.monotonic_ns` and the UTC wall clock."""

    def mono_ms(self) -> int:
        return time.monotonic_ns() // 1_000_000

    def wall_iso(self) -> str:
        return datetime.now(UTC).isoformat(timespec="milliseconds")


class FakeClock:
    """A clock tests move by hand; a new one with `mono=0` stands for a restarted kiosk."""

    def __init__(self, mono: int = 0, wall: datetime | None = None):
        self.mono = mono
        self.wall = wall or datetime(2026, 1, 5, 1, 0, tzinfo=UTC)

    def advance(self, ms: int) -> None:
        """Both clocks move on together, as they would in real life."""
        self.mono += ms
        self.wall += timedelta(milliseconds=ms)

    def mono_ms(self) -> int:
        return self.mono

    def wall_iso(self) -> str:
        return self.wall.isoformat(timespec="milliseconds")
