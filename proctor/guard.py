"""What the lab server lets an unauthenticated peer cost: connections, time, memory, records.

Anyone on the lab LAN can reach both listeners. Before a peer is authenticated (a kiosk's
hello checked against its certificate; an enrollment request's code) it may hold only a
few connections (`Limits.per_source`, `Limits.pending`), send only small frames
(`Limits.hello_frame`, `exam_bank.wire.enroll.MAX_ENROLL_FRAME`) and take only so long
(`Limits.handshake_s`, `Limits.hello_s`). Repeated refusals from one address become one
incident per address and kind with a count, first and last time (`RefusalLog`), written
once and then counted in memory and flushed at most once a second, so the 400th refused
handshake costs what the second did and the berita acara shows one line.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import gc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from exam_bank.wire.protocol import MAX_FRAME


@dataclass(frozen=True)
class Limits:
    """The lab server's bounds; tests shrink the times."""

    pending: int = 128  # unauthenticated connections at once, whole server
    per_source: int = 8  # unauthenticated connections at once from one address
    kiosks: int = 512  # authenticated kiosk connections at once
    hello_frame: int = 64 * 1024  # a hello of 256 participants is ~20 KiB
    frame: int = MAX_FRAME  # per message once authenticated
    send_buffer: int = 16 * 1024 * 1024  # unread output to one kiosk before it is dropped
    handshake_s: float = 10.0
    hello_s: float = 10.0
    idle_s: float = 30.0  # heartbeats come every 2 s: silence this long is a dead link
    flush_s: float = 1.0  # how often repeated refusals' counts reach the replica
    refusal_keys: int = 4096  # distinct (address, kind) pairs remembered


@dataclass
class Admission:
    """Counts unauthenticated connections per source address; `admit` says whether one
    more may start, `release` ends one (at authentication or close)."""

    limits: Limits
    _by_source: Counter[str] = field(default_factory=Counter)

    @property
    def pending(self) -> int:
        return sum(self._by_source.values())

    def admit(self, source: str) -> str | None:
        """None when `source` may open one more connection (counted); else why not."""
        if self._by_source[source] >= self.limits.per_source:
            return f"more than {self.limits.per_source} unauthenticated connections at once"
        if self.pending >= self.limits.pending:
            return (f"more than {self.limits.pending} unauthenticated connections at once "
                    "on the whole server")
        self._by_source[source] += 1
        return None

    def release(self, source: str) -> None:
        self._by_source[source] -= 1
        if self._by_source[source] <= 0:
            del self._by_source[source]


def _libc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


_TRIM = _libc_trim()


def release_memory() -> None:
    """Collect reference cycles and hand freed heap pages back to the system (glibc
    keeps them otherwise, pinned by one live object near the top of the heap)."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)


def source_of(peer: object) -> str:
    """The address part of a peer name (no port): what refusals are counted by."""
    if isinstance(peer, tuple) and peer:
        return str(peer[0])
    return str(peer)


def wall_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass
class Refusal:
    source: str
    kind: str
    evidence: str  # the first refusal's words
    first: str
    last: str
    count: int = 1
    row: int | None = None  # the replica's incident id
    seat: str | None = None  # an authenticated kiosk's seat
    participant_no: str | None = None


@dataclass
class RefusalLog:
    """One incident per (source, kind, seat). `record` stores the first refusal at once (via
    `store`, which returns its row id) and counts repeats in memory; `flush` hands the
    changed counts to `update` in one go. Past `max_keys` pairs the oldest are dropped
    from memory (their stored rows stay)."""

    store: Callable[[Refusal], int]
    update: Callable[[list[Refusal]], None]
    max_keys: int = 4096
    wall: Callable[[], str] = wall_now
    _seen: dict[tuple[str, str, str | None], Refusal] = field(default_factory=dict)
    _dirty: dict[tuple[str, str, str | None], Refusal] = field(default_factory=dict)

    def record(self, source: str, kind: str, evidence: str, seat: str | None = None,
               participant_no: str | None = None) -> Refusal:
        key = (source, kind, seat)
        now = self.wall()
        found = self._seen.get(key)
        if found is not None:
            found.count += 1
            found.last = now
            self._dirty[key] = found
            return found
        refusal = Refusal(source, kind, evidence, now, now, seat=seat,
                          participant_no=participant_no)
        refusal.row = self.store(refusal)
        self._seen[key] = refusal
        while len(self._seen) > self.max_keys:
            oldest = next(iter(self._seen))
            self._flush_one(oldest)
            del self._seen[oldest]
        return refusal

    def _flush_one(self, key: tuple[str, str, str | None]) -> None:
        refusal = self._dirty.pop(key, None)
        if refusal is not None:
            self.update([refusal])

    def flush(self) -> list[Refusal]:
        """Write the counts changed since the last flush; the refusals written."""
        changed, self._dirty = list(self._dirty.values()), {}
        if changed:
            self.update(changed)
        return changed

    def __len__(self) -> int:
        return len(self._seen)
