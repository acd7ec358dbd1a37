"""One PIN check at the kiosk's login, against argon2-cffi's own default costs.

A candidate's login verifies their PIN against its argon2id hash (exam_bank.roster.pins);
the costs are chosen so that a check stays well under 100 ms on an old lab PC while
trying all million PINs offline takes CPU-hours. Default 20 checks; UJIKOM_BENCH_VERIFIES
to change. Baseline, same run: the same check with `argon2.PasswordHasher()`'s defaults
(RFC 9106's low-memory profile), what a developer gets without choosing, so the ratio says
how much of the library's recommended cost the PINs trade for a fast login.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from argon2 import PasswordHasher, extract_parameters

from benchmarks import Report, percentile
from exam_bank.roster.pins import hash_pin, verify_pin

DESCRIPTION = "one argon2id PIN check at login vs argon2-cffi's default costs"
TARGET_P99_MS = 100
PIN = "481390"


def _samples(check: Callable[[], bool], n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        if not check():
            raise AssertionError("the right PIN was refused")
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _summary(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(samples, 50), 3),
            "p99_ms": round(percentile(samples, 99), 3),
            "max_ms": round(max(samples), 3)}


def _costs(pin_hash: str) -> dict[str, int]:
    params = extract_parameters(pin_hash)
    return {"memory_kib": params.memory_cost, "time_cost": params.time_cost,
            "parallelism": params.parallelism}


def run() -> Report:
    n = int(os.environ.get("UJIKOM_BENCH_VERIFIES", "20"))
    ours_hash = hash_pin(PIN)
    ours = _summary(_samples(lambda: verify_pin(ours_hash, PIN), n))
    default = PasswordHasher()
    base_hash = default.hash(PIN)
    base = _summary(_samples(lambda: default.verify(base_hash, PIN), n))
    return Report(
        name="pin_verify",
        metrics={"verifies": n, **_costs(ours_hash), **ours, "target_p99_ms": TARGET_P99_MS,
                 "meets_target": ours["p99_ms"] < TARGET_P99_MS},
        baseline={"approach": "argon2.PasswordHasher() defaults", "verifies": n,
                  **_costs(base_hash), **base},
        ratio={key: round(ours[key] / base[key], 2) if base[key] else 0.0
               for key in ("p50_ms", "p99_ms")},
    )
