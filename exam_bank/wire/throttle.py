"""Throttles for what anyone on the LAN can try before they are authenticated.

`Backoff` slows one source address after repeated failures (exponential, capped), so a
machine guessing enrollment codes or failing TLS handshakes gets a few tries and then
waits longer and longer, while every other address goes on as before. `GuessBudget` caps
how fast the live codes can be guessed at in the whole room, counted only against
sources that already failed: a clean source (a real kiosk with the right code) is never
held back by someone else's guessing. Neither ever cancels a code: that let one attacker
stop the proctor enrolling the room.

Both are plain and clocked by an injectable monotonic clock (seconds), so tests need no
sleep.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

FREE_FAILURES = 3  # a person mistypes; after this many the source waits
MAX_BACKOFF_S = 300.0
FORGET_AFTER_S = 3600.0  # a source quiet this long starts afresh
MAX_SOURCES = 4096  # memory bound: the oldest-seen source is forgotten first
GUESSES_PER_MINUTE = 60  # at most this many guesses a minute from failed sources, room-wide


@dataclass
class _Record:
    failures: int
    last: float


@dataclass
class Backoff:
    """Per-source exponential backoff after `free` failures (1 s, 2 s, 4 s … up to
    `cap_s`). `wait(source)` is 0 when the source may try now."""

    free: int = FREE_FAILURES
    cap_s: float = MAX_BACKOFF_S
    clock: Callable[[], float] = time.monotonic
    max_sources: int = MAX_SOURCES
    _sources: OrderedDict[str, _Record] = field(default_factory=OrderedDict)

    def _delay(self, failures: int) -> float:
        over = failures - self.free
        return 0.0 if over < 0 else min(2.0 ** over, self.cap_s)

    def wait(self, source: str) -> float:
        """Seconds until `source` may try again (0: now)."""
        record = self._sources.get(source)
        if record is None:
            return 0.0
        now = self.clock()
        if now - record.last > FORGET_AFTER_S:
            del self._sources[source]
            return 0.0
        return max(0.0, record.last + self._delay(record.failures) - now)

    def failed(self, source: str) -> None:
        record = self._sources.pop(source, None) or _Record(0, 0.0)
        record.failures += 1
        record.last = self.clock()
        self._sources[source] = record  # most recent last: the oldest is forgotten first
        while len(self._sources) > self.max_sources:
            self._sources.popitem(last=False)

    def succeeded(self, source: str) -> None:
        self._sources.pop(source, None)

    def failures(self, source: str) -> int:
        record = self._sources.get(source)
        return record.failures if record else 0


@dataclass
class GuessBudget:
    """A token bucket: `per_minute` guesses a minute (burst of as many), spent only by
    sources that have failed before."""

    per_minute: int = GUESSES_PER_MINUTE
    clock: Callable[[], float] = time.monotonic
    _tokens: float = -1.0
    _stamp: float = 0.0

    def take(self) -> bool:
        now = self.clock()
        if self._tokens < 0:
            self._tokens, self._stamp = float(self.per_minute), now
        self._tokens = min(float(self.per_minute),
                           self._tokens + (now - self._stamp) * self.per_minute / 60.0)
        self._stamp = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True


@dataclass
class EnrollThrottle:
    """What the enrollment listener asks before it spends scrypt on a request."""

    backoff: Backoff = field(default_factory=Backoff)
    budget: GuessBudget = field(default_factory=GuessBudget)

    def refusal(self, source: str) -> str | None:
        """Why `source` may not try a code now, or None."""
        wait = self.backoff.wait(source)
        if wait > 0:
            return (f"too many wrong codes from this address: try again in {wait:.0f} s "
                    "(other PCs can still enroll)")
        if self.backoff.failures(source) and not self.budget.take():
            return "too many wrong codes in the room: try again in a minute"
        return None

    def failed(self, source: str) -> None:
        self.backoff.failed(source)

    def succeeded(self, source: str) -> None:
        self.backoff.succeeded(source)
