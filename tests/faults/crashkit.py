"""Kill -9 and power-loss loops over the kiosk's engine and store, for the fault suite and
`python -m benchmarks faults`.

`kill_loop`: the engine driver (`tests.faults.engine_driver`) runs, is SIGKILLed at a
random moment, and the store it leaves must open and hold every event the driver had
confirmed, its chain intact; the next run resumes the same candidate. `power_loss`: while
the driver writes, it is frozen (SIGSTOP) at random instants and the database, its WAL
and shared-memory file are copied as they are on disk at that instant; every copy must
open and hold every event confirmed before the freeze.
"""

from __future__ import annotations

import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Tally:
    runs: int = 0
    kills: int = 0
    copies: int = 0
    confirmed: int = 0  # distinct events confirmed (the highest seq confirmed)
    checked: int = 0  # confirmed events verified present, summed over every kill or copy
    lost: int = 0  # confirmed events missing afterwards
    broken: list[str] = field(default_factory=list)  # stores that would not open or verify


class _Driver:
    def __init__(self, store: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.engine_driver", str(store)], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[tuple[int, str]] = queue.Queue()
        self.last: tuple[int, str] | None = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            seq, digest = line.split()
            self.lines.put((int(seq), digest))

    def drain(self) -> tuple[int, str] | None:
        """The last confirmed (seq, hash) read so far."""
        while True:
            try:
                self.last = self.lines.get_nowait()
            except queue.Empty:
                return self.last

    def wait_started(self, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while self.drain() is None:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(10)

    def close(self) -> str:
        if self.proc.poll() is None:
            self.kill()
        err = self.proc.stderr.read() if self.proc.stderr else ""
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return err


def check_store(path: Path, seq: int, digest: str, tally: Tally) -> None:
    """The store at `path` opens and holds a verified chain up to at least `seq`, with
    `digest` at `seq`; what is missing counts as lost."""
    from exam_bank.events.chain import verify_chain
    from kiosk.store import EventStore
    from tests.faults.engine_driver import KEY, NUMBER
    from tests.kiosk.engine.kit import EXAM

    tally.confirmed = max(tally.confirmed, seq)
    tally.checked += seq
    try:
        with EventStore.open(path, KEY, exam_id=EXAM, participant_no=NUMBER) as store:
            events = store.events()
    except Exception as exc:  # the point of the test: any failure here is a finding
        tally.broken.append(f"{path}: {type(exc).__name__}: {exc}")
        tally.lost += seq
        return
    problems = verify_chain(events, EXAM, NUMBER)  # type: ignore[arg-type]
    if problems:
        tally.broken.append(f"{path}: {problems[0]}")
    held = {e.seq: e.hash for e in events}
    if held.get(seq) != digest:
        tally.lost += sum(1 for s in range(1, seq + 1) if s not in held) or 1


def kill_loop(folder: Path, kills: int, *, seed: int | None = None,
              max_wait_s: float = 0.4) -> Tally:
    """`kills` runs of the driver on one store, each SIGKILLed after a random moment."""
    rng = random.Random(seed)
    store = folder / "kiosk.db"
    tally = Tally()
    for _ in range(kills):
        driver = _Driver(store)
        tally.runs += 1
        started = driver.wait_started()
        if started:
            time.sleep(rng.uniform(0, max_wait_s))
            driver.kill()
            tally.kills += 1
        err = driver.close()
        last = driver.drain()
        if not started or last is None:
            tally.broken.append(f"the driver did not start: {err.strip()[-500:]}")
            continue
        check_store(store, *last, tally)
    return tally


def power_loss(folder: Path, copies: int, *, seed: int | None = None,
               max_wait_s: float = 0.2) -> Tally:
    """`copies` snapshots of the store's files taken with the writer frozen at random
    instants; each must open and hold what was confirmed before the freeze."""
    rng = random.Random(seed)
    store = folder / "kiosk.db"
    tally = Tally(runs=1)
    driver = _Driver(store)
    try:
        if not driver.wait_started():
            tally.broken.append(f"the driver did not start: {driver.close().strip()[-500:]}")
            return tally
        snaps = []
        for n in range(copies):
            time.sleep(rng.uniform(0, max_wait_s))
            os.kill(driver.proc.pid, signal.SIGSTOP)
            try:
                time.sleep(0.005)  # let a line written just before the freeze arrive
                last = driver.drain()
                snap = folder / f"copy-{n:03d}"
                snap.mkdir()
                for suffix in ("", "-wal"):  # the -shm is memory, rebuilt on open
                    source = store.with_name(store.name + suffix)
                    if source.exists():
                        shutil.copyfile(source, snap / source.name)
            finally:
                os.kill(driver.proc.pid, signal.SIGCONT)
            assert last is not None
            snaps.append((snap / store.name, last))
            tally.copies += 1
    finally:
        driver.close()
    for path, (seq, digest) in snaps:
        check_store(path, seq, digest, tally)
    return tally
