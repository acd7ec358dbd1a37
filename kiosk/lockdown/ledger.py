"""Keeping the proctor informed without flooding the log.

`FindingLedger`: a standing fact (a program running, a USB stick) is reported once; if it
goes away and comes back, that is news again. `AttemptCounter`: repeated attempts (a
blocked key pressed ten times) make at most one incident per kind per minute, carrying
how many attempts it covers. `ScanPacer`: a slow process scan runs less often.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kiosk.lockdown.detectors import Finding


class FindingLedger:
    def __init__(self) -> None:
        self._standing: dict[str, set[str]] = {}  # kind -> keys seen in its last check

    def update(self, kind: str, findings: Iterable[Finding]) -> list[Finding]:
        """The findings of one check of `kind` that were not standing at the last check.

        Checks of a kind see the whole picture each time, so a key missing from
        `findings` has gone away and will be reported again if it returns.
        """
        now = {f.key: f for f in findings if f.kind == kind}
        before = self._standing.get(kind, set())
        self._standing[kind] = set(now)
        return [f for key, f in now.items() if key not in before]

    def add(self, finding: Finding) -> bool:
        """One fact seen outside a full check (a screen plugged in): True if it is news."""
        keys = self._standing.setdefault(finding.kind, set())
        if finding.key in keys:
            return False
        keys.add(finding.key)
        return True

    def standing(self, kind: str) -> set[str]:
        return set(self._standing.get(kind, set()))


@dataclass
class _Window:
    started: float
    count: int = 0
    details: list[str] = field(default_factory=list)


WINDOW_S = 60.0


class AttemptCounter:
    """Counts attempts per kind; `attempt` returns the evidence to report now, or None
    while this kind already reported within the last minute. Attempts held back are
    carried into the next report's count, so none go unrecorded for long."""

    def __init__(self, clock: Callable[[], float], window_s: float = WINDOW_S) -> None:
        self._clock = clock
        self._window_s = window_s
        self._last: dict[str, float] = {}
        self._held: dict[str, _Window] = {}
        self.totals: dict[str, int] = {}

    def attempt(self, kind: str, detail: str) -> str | None:
        now = self._clock()
        self.totals[kind] = self.totals.get(kind, 0) + 1
        held = self._held.setdefault(kind, _Window(now))
        held.count += 1
        if detail not in held.details:
            held.details.append(detail)
        last = self._last.get(kind)
        if last is not None and now - last < self._window_s:
            return None
        return self._report(kind, now)

    def flush(self) -> list[tuple[str, str]]:
        """Held-back attempts whose minute is over: (kind, evidence) to report now."""
        now = self._clock()
        due = [k for k, w in self._held.items()
               if w.count and now - self._last.get(k, -math.inf) >= self._window_s]
        return [(k, self._report(k, now)) for k in due]

    def _report(self, kind: str, now: float) -> str:
        held = self._held.pop(kind)
        self._last[kind] = now
        return f"attempts={held.count} total={self.totals[kind]} what={', '.join(held.details)}"


class ScanPacer:
    """Runs an expensive scan on every tick while it stays under `budget_s`; a slower
    scan is spaced out so it costs at most about `budget_s` per tick on average."""

    MAX_SKIP = 10

    def __init__(self, budget_s: float = 0.05) -> None:
        self.budget_s = budget_s
        self.every = 1
        self._ticks = 0

    def due(self) -> bool:
        self._ticks += 1
        if self._ticks >= self.every:
            self._ticks = 0
            return True
        return False

    def took(self, seconds: float) -> None:
        # rounded first: 0.2 s measured as 0.2000000001 is four budgets, not five
        self.every = max(1, min(self.MAX_SKIP, math.ceil(round(seconds / self.budget_s, 6))))
