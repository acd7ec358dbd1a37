"""Ujikom's performance harness: each module here measures one thing users feel.

A benchmark module defines ``DESCRIPTION`` and ``run() -> Report``; the report holds
its figures and a baseline measured in the same run (plain SQLite, naive approach),
so the ratio means something on a noisy machine.
"""

from __future__ import annotations

import sqlite3
import statistics
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
