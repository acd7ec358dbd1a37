"""Ujikom's performance harness: each module here measures one thing users feel.

A benchmark module defines ``DESCRIPTION`` and ``run() -> Report``; the report holds
its figures and a baseline measured in the same run (plain SQLite, naive approach),
so the ratio means something on a noisy machine.
"""

from __future__ import annotations

import gc
import sqlite3
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Report:
    name: str
    metrics: dict[str, Any]
    baseline: dict[str, Any]
    ratio: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "metrics": self.metrics, "baseline": self.baseline,
                "ratio": self.ratio}


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of `fn` takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (0-100) of `samples`, by the inclusive method."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[round(p) - 1]


def plain_sqlite(path: Path) -> sqlite3.Connection:
    """The baselines' database: unencrypted, but as durable as the kiosk's store (WAL,
    synchronous=FULL), so a ratio measures encryption and chaining, not durability."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


class PeakRss:
    """Peak resident memory of a process (this one unless `pid` is given) while running,
    sampled every `every_s` seconds (psutil)."""

    def __init__(self, pid: int | None = None, every_s: float = 0.02) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.every_s = every_s
        self.base = self.proc.memory_info().rss
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self.peak = max(self.peak, self.proc.memory_info().rss)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.proc.memory_info().rss)

    @property
    def mb(self) -> float:
        return round((self.peak - self.base) / 2**20, 1)


def measured(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(seconds, peak extra resident MB, result) of one call of `fn`, after a collection."""
    gc.collect()
    with PeakRss() as rss:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    return seconds, rss.mb, result
