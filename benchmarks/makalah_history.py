"""A 4-hour makalah typed into the kiosk store: history size on disk and save lag.

A seeded typist writes a ~3000-word paper over 4 hours, one save per second of typing
(the editor's debounce): mostly a few characters at the end, sometimes a deletion or a
word inserted earlier. Each save is a makalah_revision event (a splice, a full checkpoint
every 200) built through `EventLog` and appended to the SQLCipher `EventStore`, which
commits before returning. Default 14,400 revisions; UJIKOM_BENCH_REVISIONS to shrink it
(the typing rate stays the same, so the paper is shorter). Baseline, same run: the naive
way, a full copy of the text per revision into plain sqlite3 with the same commit per save.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks import Report, percentile, plain_sqlite
from exam_bank.ids import ParticipantNo

DESCRIPTION = "4 hours of makalah typing: history size on disk and save lag"
FULL_REVISIONS = 14_400  # 4 hours, one save per second
FULL_WORDS = 3000
TARGET_MB = 10
TARGET_LAG_P99_MS = 1000
EXAM, WHO, ITEM = "BENCH-EXAM", ParticipantNo("BENCH-0001"), "MAKALAH-1"
WALL = "2026-11-23T08:00:00+00:00"
WORDS = ("pelayanan", "publik", "kebijakan", "daerah", "reformasi", "birokrasi", "kinerja",
         "aparatur", "sipil", "negara", "transformasi", "digital", "integritas", "akuntabilitas",
         "masyarakat", "strategi", "pembangunan", "kolaborasi", "inovasi", "anggaran", "evaluasi",
         "program", "pemerintah", "koordinasi", "lintas", "sektor", "partisipasi", "transparansi",
         "regulasi", "kapasitas", "kelembagaan", "sumber", "daya", "manusia")


def _drafts(revisions: int, seed: int = 2026) -> Iterator[str]:
    """The paper's text at each save. Chars per save are set so that FULL_REVISIONS saves
    make ~FULL_WORDS words, net of deletions."""
    rng = random.Random(seed)
    text = ""
    stream = ""
    for _ in range(revisions):
        roll = rng.random()
        if roll < 0.06 and len(text) > 40:  # select and delete a span, or backspace
            at = rng.randrange(len(text) - 20)
            text = text[:at] + text[at + rng.randint(1, 20):]
        elif roll < 0.10 and len(text) > 40:  # go back and insert a word
            at = text.rfind(" ", 0, rng.randrange(len(text)))
            text = text[:at + 1] + rng.choice(WORDS) + " " + text[at + 1:]
        else:  # keep typing at the end
            while len(stream) < 8:
                word = rng.choice(WORDS)
                stream += word + (".\n\n" if rng.random() < 0.01 else
                                  ". " if rng.random() < 0.07 else " ")
            take = rng.randint(1, 4)
            text, stream = text + stream[:take], stream[take:]
        yield text


def _ours(path: Path, revisions: int) -> tuple[list[float], int, str, str]:
    from exam_bank.events import EventLog, EventType, revision_data, text_at
    from kiosk.store import EventStore

    key = os.urandom(32)
    store = EventStore.open(path, key, exam_id=EXAM, participant_no=WHO)
    log = EventLog(EXAM, WHO)
    lag, old, text = [], "", ""
    try:
        for rev, text in enumerate(_drafts(revisions), start=1):
            start = time.perf_counter()
            data = revision_data(ITEM, rev, old, text)
            store.append(log.append(EventType.MAKALAH_REVISION, data, WALL, rev * 1000, 1))
            lag.append((time.perf_counter() - start) * 1000)
            old = text
    finally:
        store.close()
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with EventStore.open(path, key) as again:  # the history must rebuild the final text
        rebuilt = text_at(again.events(), ITEM)
    return lag, size, text, rebuilt


def _naive(path: Path, revisions: int) -> tuple[list[float], int]:
    conn = plain_sqlite(path)
    conn.execute("CREATE TABLE revisions (rev INTEGER PRIMARY KEY, item TEXT, text TEXT)")
    lag = []
    try:
        for rev, text in enumerate(_drafts(revisions), start=1):
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO revisions VALUES (?, ?, ?)", (rev, ITEM, text))
            conn.execute("COMMIT")
            lag.append((time.perf_counter() - start) * 1000)
    finally:
        conn.close()
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return lag, size


def _mb(size: int) -> float:
    return round(size / 1_000_000, 3)


def run() -> Report:
    revisions = int(os.environ.get("UJIKOM_BENCH_REVISIONS", str(FULL_REVISIONS)))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lag, size, final, rebuilt = _ours(folder / "kiosk.db", revisions)
        naive_lag, naive_size = _naive(folder / "naive.db", revisions)
    lag_p99 = percentile(lag, 99)
    naive_p99 = percentile(naive_lag, 99)
    return Report(
        name="makalah_history",
        metrics={"revisions": revisions, "words": len(final.split()),
                 "chars": len(final), "db_mb": _mb(size), "target_mb": TARGET_MB,
                 "save_lag_p50_ms": round(percentile(lag, 50), 3),
                 "save_lag_p99_ms": round(lag_p99, 3), "save_lag_max_ms": round(max(lag), 3),
                 "target_lag_p99_ms": TARGET_LAG_P99_MS,
                 "meets_target": (size / 1_000_000 < TARGET_MB
                                  and lag_p99 < TARGET_LAG_P99_MS),
                 "rebuilds_final_text": rebuilt == final},
        baseline={"approach": "full text copy per revision into plain sqlite3, WAL + "
                  "synchronous=FULL commit per save, no encryption", "revisions": revisions,
                  "db_mb": _mb(naive_size),
                  "save_lag_p50_ms": round(percentile(naive_lag, 50), 3),
                  "save_lag_p99_ms": round(naive_p99, 3),
                  "save_lag_max_ms": round(max(naive_lag), 3)},
        ratio={"db_mb": round(size / naive_size, 3) if naive_size else 0.0,
               "save_lag_p99_ms": round(lag_p99 / naive_p99, 2) if naive_p99 else 0.0},
    )
