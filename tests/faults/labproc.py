"""A proctor lab server in its own process, for attacks whose cost is measured on it.

Run as ``python -m tests.faults.labproc STATE`` (the lab is made in STATE when it is not
there yet, passphrase `PASS`). It prints one JSON line ``{"port", "enroll_port", "pid"}``
and then answers one JSON line per command read on stdin:
``code`` (a new enrollment code), ``incidents`` (the stored incidents, after the refusal
counts are flushed), ``trace`` / ``untrace`` (tracemalloc on, off), ``memory`` (Python
memory held now and at the most since the last ``memory``, and RSS, after a collection),
``quit``.
`LabProcess` drives it from a test or a benchmark.
"""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmarks import PeakRss

PASS = b"fault suite passphrase"
EXAM_ID = "FAULTS"
SCRYPT_N = 2**10
ROOT = Path(__file__).resolve().parents[2]


async def _serve(state: Path) -> None:
    logging.basicConfig(level=logging.ERROR)  # thousands of refusals: keep stderr quiet
    from proctor.guard import Limits
    from proctor.lab import init_lab, open_lab
    from proctor.replica import Replica
    from proctor.server import ExamSession, LabServer
    from proctor.service import NullRoom

    lab = (open_lab(state, PASS) if (state / "lab.toml").exists()
           else init_lab(state, "Lab Uji", "Pengawas", PASS, hosts=["127.0.0.1"],
                         scrypt_n=SCRYPT_N))
    replica = Replica.open(lab.replica_path, lab.replica_key, EXAM_ID)
    exam = ExamSession(EXAM_ID, "S1", "ab" * 32, bytes(range(32)))
    limits = Limits(handshake_s=3.0, hello_s=3.0, flush_s=0.2)
    server = LabServer(lab, replica, exam, NullRoom(), scrypt_n=SCRYPT_N, limits=limits)
    await server.start("127.0.0.1", 0, 0)
    server.open_session()
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str] = asyncio.Queue()

    def read_stdin() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line.strip())
        loop.call_soon_threadsafe(lines.put_nowait, "quit")

    threading.Thread(target=read_stdin, daemon=True).start()
    print(json.dumps({"port": server.port, "enroll_port": server.enroll_port}), flush=True)
    while (word := await lines.get()) != "quit":
        if word == "code":
            reply: Any = server.issue_code()
        elif word == "trace":
            tracemalloc.start()
            reply = "tracing"
        elif word == "untrace":
            tracemalloc.stop()
            reply = "not tracing"
        elif word == "memory":
            reply = _memory()
        elif word == "incidents":
            server.refusals.flush()
            reply = [{"kind": i.kind, "count": i.count, "evidence": i.evidence}
                     for i in replica.incidents()]
        else:
            reply = f"unknown command {word!r}"
        print(json.dumps(reply), flush=True)
    await server.stop()
    replica.close()


def _memory() -> dict[str, int]:
    """What the server holds now and held at the most since the last `memory` (tracemalloc:
    Python objects, the buffers a frame would be kept in), and its RSS after a collection."""
    import psutil

    from proctor.guard import release_memory

    release_memory()
    held, peak = tracemalloc.get_traced_memory() if tracemalloc.is_tracing() else (0, 0)
    tracemalloc.reset_peak()
    return {"held": held, "peak": peak, "rss": int(psutil.Process().memory_info().rss)}


class LabProcess:
    """The lab server subprocess: ports, its pid, and its commands."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.labproc", str(state)], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(10)
            raise RuntimeError("the lab server process did not start")
        ports = json.loads(line)
        self.port: int = ports["port"]
        self.enroll_port: int = ports["enroll_port"]

    @property
    def pid(self) -> int:
        return self.proc.pid

    def ask(self, word: str) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(word + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def rss(self) -> int:
        import psutil

        return int(psutil.Process(self.pid).memory_info().rss)

    def peak_rss(self) -> PeakRss:
        """A `with` block's peak RSS of the server, sampled every 10 ms."""
        from benchmarks import PeakRss

        return PeakRss(self.pid, every_s=0.01)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()  # the server reads EOF as quit
                self.proc.wait(10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def __enter__(self) -> LabProcess:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


if __name__ == "__main__":
    asyncio.run(_serve(Path(sys.argv[1])))
