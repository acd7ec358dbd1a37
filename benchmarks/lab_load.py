"""A full lab on loopback: 200 kiosks heartbeating and answering against one proctor.

The proctor is its own process, as in a lab: the real `proctor.server.LabServer` on its
SQLCipher replica in a server thread, and a Qt event loop on the main thread standing in
for the console, whose 10 ms timer's lateness says whether the UI stays responsive.
The kiosks are asyncio clients in this process (not 200 Pythons), each with its own lab
certificate, speaking the real protocol over mutual TLS 1.3: a heartbeat every 2 s and an
answer every few seconds (each event its own batch, as a kiosk sends right after a
commit). Measured: event-to-replica latency (send to the proctor's ack, which it sends
only after committing), proctor CPU and RSS (psutil), the Qt timer's lateness under load.

Baselines in the same run: the same number of events committed one by one to plain
sqlite3 (WAL+FULL, no network, no encryption) for latency, and the proctor's Qt timer
lateness while idle (connected kiosks, no load). UJIKOM_BENCH_KIOSKS (default 200) and
UJIKOM_BENCH_SECONDS (default 30) change the size; UJIKOM_BENCH_DIR where the replica
lives (the default temp folder is on the disk, like a lab's).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import secrets
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks import Report, percentile, plain_sqlite
from exam_bank.ids import KioskId, ParticipantNo, SessionId

DESCRIPTION = "200 kiosks on loopback: event-to-replica latency, proctor CPU/RSS, UI lateness"
TARGET_P99_MS = 1000
PASSPHRASE = "lab-load-benchmark"
EXAM = "BENCH-LAB"
WALL = "2026-11-23T08:00:00+00:00"
TIMER_MS = 10
IDLE_S = 2.0


# -- the proctor process ----------------------------------------------------------------


def proctor_main(state: Path) -> int:
    """Runs in the proctor process: server thread + Qt loop; commands on stdin."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from proctor.lab import init_lab
    from proctor.replica import Replica
    from proctor.server import ExamSession, LabServer
    from proctor.service import NullRoom, ServerThread

    lab = init_lab(state, "Bench", "Pengawas", PASSPHRASE.encode(), scrypt_n=2**10)
    replica = Replica.open(lab.replica_path, lab.replica_key, EXAM)
    exam = ExamSession(EXAM, SessionId("S1"), "0" * 64, secrets.token_bytes(32))
    thread = ServerThread(lambda: LabServer(lab, replica, exam, NullRoom()), "127.0.0.1", 0,
                          None)
    server = thread.start()
    thread.call(server.open_session)
    app = QCoreApplication([])
    lateness: dict[str, list[float]] = {"idle": [], "load": []}
    phase: dict[str, Any] = {"name": "idle", "quit": False}
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        lateness[str(phase["name"])].append(max(0.0, (now - last[0]) * 1000 - TIMER_MS))
        last[0] = now
        if phase["quit"]:
            app.quit()

    timer = QTimer()
    timer.setInterval(TIMER_MS)
    timer.timeout.connect(tick)
    timer.start()

    def commands() -> None:
        for line in sys.stdin:
            word = line.strip()
            if word == "load":
                phase["name"] = "load"
            elif word == "report":
                print(json.dumps({name: _spread(v) for name, v in lateness.items()}),
                      flush=True)
            elif word == "quit":
                break
        phase["quit"] = True

    threading.Thread(target=commands, daemon=True).start()
    print(json.dumps({"port": server.port}), flush=True)
    app.exec()
    thread.stop()
    replica.close()
    return 0


def _spread(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"samples": 0, "p50_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    return {"samples": len(samples), "p50_ms": round(percentile(samples, 50), 3),
            "p99_ms": round(percentile(samples, 99), 3), "max_ms": round(max(samples), 3)}


# -- the kiosks -------------------------------------------------------------------------


class Kiosk:
    """One simulated kiosk: its own certificate, heartbeats and an answer stream."""

    def __init__(self, index: int, context: ssl.SSLContext) -> None:
        from exam_bank.events import EventLog

        self.kiosk_id = KioskId(f"K{index:03d}")
        self.participant_no = ParticipantNo(f"P-{index:04d}")
        self.context = context
        self.log = EventLog(EXAM, self.participant_no)
        self.sent_at: dict[int, float] = {}
        self.latencies: list[float] = []
        self.errors = 0

    def next_event(self) -> Any:
        n = len(self.log.events)
        if n == 0:
            return self.log.append("login", {"participant_no": self.participant_no}, WALL,
                                   0, 1)
        return self.log.append("answer_set", {"item": f"Q{n % 60:03d}", "answer": "abcde"[n % 5]},
                               WALL, n * 1000, 1)

    async def run(self, port: int, ready: asyncio.Event, go: asyncio.Event,
                  stop: asyncio.Event, answer_every_s: float) -> None:
        from exam_bank.wire.protocol import (
            PROCTOR_NAME,
            PROTOCOL_VERSION,
            Ack,
            Events,
            Heartbeat,
            Hello,
            read_message,
            write_message,
        )

        reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=self.context,
                                                       server_hostname=PROCTOR_NAME)
        await write_message(writer, Hello(PROTOCOL_VERSION, self.kiosk_id, self.kiosk_id,
                                          secrets.token_hex(16)))
        await read_message(reader)  # welcome
        ready.set()

        async def receive() -> None:
            while True:
                message = await read_message(reader)
                if isinstance(message, Ack):
                    if message.refused:
                        self.errors += 1
                    sent = self.sent_at.pop(message.seq, None)
                    if sent is not None:
                        self.latencies.append((time.perf_counter() - sent) * 1000)

        async def beat() -> None:
            while True:
                await write_message(writer, Heartbeat(self.participant_no,
                                                      last_seq=len(self.log.events)))
                await asyncio.sleep(2.0)

        async def answer() -> None:
            await go.wait()
            await asyncio.sleep(random.uniform(0, answer_every_s))
            while True:
                event = self.next_event()
                self.sent_at[event.seq] = time.perf_counter()
                await write_message(writer, Events(self.participant_no, event.seq, (event,)))
                await asyncio.sleep(random.uniform(0.5, 1.5) * answer_every_s)

        tasks = [asyncio.ensure_future(c) for c in (receive(), beat(), answer())]
        await stop.wait()
        await asyncio.sleep(1.0)  # let the last acks in
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        writer.close()
        with contextlib.suppress(OSError, TimeoutError, ssl.SSLError):
            await asyncio.wait_for(writer.wait_closed(), 2)


def _contexts(state: Path, count: int) -> list[ssl.SSLContext]:
    from cryptography.hazmat.primitives.asymmetric import ec

    from exam_bank.bundle.certs import make_kiosk_cert
    from exam_bank.wire.tls import client_context
    from proctor.lab import open_lab

    lab = open_lab(state, PASSPHRASE.encode())
    out = []
    for index in range(count):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = make_kiosk_cert(lab.ca, KioskId(f"K{index:03d}"), key.public_key())
        out.append(client_context(lab.ca.cert, cert, key))
    return out


async def _drive(port: int, contexts: list[ssl.SSLContext], seconds: float,
                 proctor: subprocess.Popen[str], answer_every_s: float) -> list[Kiosk]:
    kiosks = [Kiosk(i, c) for i, c in enumerate(contexts)]
    go, stop = asyncio.Event(), asyncio.Event()
    readies = [asyncio.Event() for _ in kiosks]
    tasks = []
    for kiosk, ready in zip(kiosks, readies, strict=True):
        tasks.append(asyncio.ensure_future(kiosk.run(port, ready, go, stop, answer_every_s)))
        await asyncio.sleep(0.005)  # a lab powers up over seconds, not in one instant
    await asyncio.gather(*(r.wait() for r in readies))
    await asyncio.sleep(IDLE_S)  # idle: heartbeats only; the UI baseline
    assert proctor.stdin is not None
    proctor.stdin.write("load\n")
    proctor.stdin.flush()
    go.set()
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return kiosks


def _baseline(path: Path, n: int) -> list[float]:
    from exam_bank.events import EventLog, encode_event

    conn = plain_sqlite(path)
    conn.execute("CREATE TABLE events (participant_no TEXT, seq INTEGER, hash TEXT, "
                 "body BLOB, PRIMARY KEY (participant_no, seq))")
    log = EventLog(EXAM, ParticipantNo("P-0000"))
    samples = []
    for i in range(n):
        start = time.perf_counter()
        event = log.append("answer_set", {"item": f"Q{i % 60:03d}", "answer": "a"}, WALL, i, 1)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO events VALUES (?, ?, ?, ?)",
                     ("P-0000", event.seq, event.hash, encode_event(event)))
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - start) * 1000)
    conn.close()
    return samples


def run() -> Report:
    import psutil

    count = int(os.environ.get("UJIKOM_BENCH_KIOSKS", "200"))
    seconds = float(os.environ.get("UJIKOM_BENCH_SECONDS", "30"))
    answer_every_s = min(3.0, seconds / 4)  # a short run still sees answers
    root = Path(__file__).resolve().parents[1]
    # UJIKOM_BENCH_DIR puts the replica elsewhere (e.g. /dev/shm: is it the disk?).
    with tempfile.TemporaryDirectory(dir=os.environ.get("UJIKOM_BENCH_DIR")) as tmp:
        state = Path(tmp) / "proctor"
        proctor = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.lab_load", "--proctor", str(state)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root,
            env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
        try:
            assert proctor.stdout is not None and proctor.stdin is not None
            port = json.loads(proctor.stdout.readline())["port"]
            contexts = _contexts(state, count)
            ps = psutil.Process(proctor.pid)
            ps.cpu_percent(None)
            cpu_start = sum(ps.cpu_times()[:2])
            me = psutil.Process()
            clients_start = sum(me.cpu_times()[:2])
            wall_start = time.perf_counter()
            kiosks = asyncio.run(_drive(port, contexts, seconds, proctor, answer_every_s))
            wall = time.perf_counter() - wall_start
            cpu = sum(ps.cpu_times()[:2]) - cpu_start
            clients_cpu = sum(me.cpu_times()[:2]) - clients_start
            rss = ps.memory_info().rss
            proctor.stdin.write("report\n")
            proctor.stdin.flush()
            ui = json.loads(proctor.stdout.readline())
            proctor.stdin.write("quit\n")
            proctor.stdin.flush()
            proctor.wait(30)
        finally:
            if proctor.poll() is None:
                proctor.kill()
                proctor.wait(10)
        latencies = [x for k in kiosks for x in k.latencies]
        events = len(latencies)
        base = _baseline(Path(tmp) / "plain.db", max(events, 10))
    ours = _spread(latencies)
    plain = _spread(base)
    return Report(
        name="lab_load",
        metrics={"kiosks": count, "seconds": seconds, "events_acked": events,
                 "events_per_s": round(events / seconds, 1),
                 "refused": sum(k.errors for k in kiosks),
                 "latency_p50_ms": ours["p50_ms"], "latency_p99_ms": ours["p99_ms"],
                 "latency_max_ms": ours["max_ms"], "target_p99_ms": TARGET_P99_MS,
                 "meets_target": ours["p99_ms"] < TARGET_P99_MS,
                 "proctor_cpu_percent": round(100 * cpu / wall, 1),
                 "proctor_rss_mb": round(rss / 2**20, 1),
                 # The simulated kiosks share one process: if this nears 100 % they, not
                 # the proctor, are what delays the acks.
                 "kiosks_process_cpu_percent": round(100 * clients_cpu / wall, 1),
                 "machine_load_1min": round(os.getloadavg()[0], 2),
                 "ui_lateness_p99_ms": ui["load"]["p99_ms"],
                 "ui_lateness_max_ms": ui["load"]["max_ms"]},
        baseline={"approach": "same number of events committed one by one to plain sqlite3 "
                  "(WAL+FULL, no network, no encryption); UI lateness of the same proctor "
                  "process while idle (kiosks connected, heartbeats only)",
                  "events": len(base), "latency_p50_ms": plain["p50_ms"],
                  "latency_p99_ms": plain["p99_ms"],
                  "ui_lateness_p99_ms": ui["idle"]["p99_ms"],
                  "ui_lateness_max_ms": ui["idle"]["max_ms"]},
        ratio={"latency_p99": round(ours["p99_ms"] / plain["p99_ms"], 1)
               if plain["p99_ms"] else 0.0,
               "ui_lateness_max": round(ui["load"]["max_ms"] / ui["idle"]["max_ms"], 1)
               if ui["idle"]["max_ms"] else 0.0},
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--proctor":
        sys.exit(proctor_main(Path(sys.argv[2])))
    print("usage: python -m benchmarks lab_load", file=sys.stderr)
    sys.exit(2)
