"""From a candidate's click to the answer being durable on the kiosk's disk.

Each sample builds a fresh answer_set event through `EventLog` (hashing included) and
appends it to the SQLCipher `EventStore`, which commits (WAL, synchronous=FULL) before it
returns: the time the kiosk waits before it may confirm on screen. Default 2000 answers;
UJIKOM_BENCH_ANSWERS to change. Baseline, same run: plain sqlite3, same schema, same WAL +
FULL commit per answer and the same event building, without encryption or the store's
chain checks, so the ratio is their price.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks import Report, percentile, plain_sqlite
from exam_bank.ids import ParticipantNo

DESCRIPTION = "click-to-durable latency of an answer in the encrypted kiosk store"
TARGET_P99_MS = 20
EXAM, WHO = "BENCH-EXAM", ParticipantNo("BENCH-0001")
WALL = "2026-11-23T08:00:00+00:00"


def _answer(n: int) -> tuple[str, dict[str, object]]:
    return "answer_set", {"item": f"Q{n % 120 + 1:03d}", "answer": "abcde"[n % 5]}


def _store_samples(path: Path, n: int) -> list[float]:
    from exam_bank.events import EventLog
    from kiosk.store import EventStore

    store = EventStore.open(path, os.urandom(32), exam_id=EXAM, participant_no=WHO)
    log = EventLog(EXAM, WHO)
    samples = []
    try:
        for i in range(n):
            kind, data = _answer(i)
            start = time.perf_counter()
            store.append(log.append(kind, data, WALL, i, 1))
            samples.append((time.perf_counter() - start) * 1000)
    finally:
        store.close()
    return samples


def _baseline_samples(path: Path, n: int) -> list[float]:
    from exam_bank.events import EventLog, encode_event

    conn = plain_sqlite(path)
    conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, session TEXT NOT NULL, "
                 "body BLOB NOT NULL)")
    log = EventLog(EXAM, WHO)
    samples = []
    try:
        for i in range(n):
            kind, data = _answer(i)
            start = time.perf_counter()
            event = log.append(kind, data, WALL, i, 1)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO events (seq, session, body) VALUES (?, ?, ?)",
                         (event.seq, f"{EXAM}:{WHO}", encode_event(event)))
            conn.execute("COMMIT")
            samples.append((time.perf_counter() - start) * 1000)
    finally:
        conn.close()
    return samples


def _summary(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(samples, 50), 3),
            "p99_ms": round(percentile(samples, 99), 3),
            "max_ms": round(max(samples), 3)}


def run() -> Report:
    n = int(os.environ.get("UJIKOM_BENCH_ANSWERS", "2000"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours = _summary(_store_samples(folder / "kiosk.db", n))
        base = _summary(_baseline_samples(folder / "plain.db", n))
    return Report(
        name="answer_latency",
        metrics={"answers": n, **ours, "target_p99_ms": TARGET_P99_MS,
                 "meets_target": ours["p99_ms"] < TARGET_P99_MS},
        baseline={"approach": "plain sqlite3, same schema, WAL + synchronous=FULL commit "
                  "per answer, same event building, no encryption or chain checks",
                  "answers": n, **base},
        ratio={key: round(ours[key] / base[key], 2) if base[key] else 0.0
               for key in ("p50_ms", "p99_ms")},
    )
