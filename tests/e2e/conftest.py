"""The whole lab on 127.0.0.1: a real package, the proctor (`ujikom proctor serve`) and
headless kiosks (`python -m kiosk.headless`) as processes, enrolled with one-time codes."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from exam_bank.crypto.authority import load_authority_public
from exam_bank.crypto.examkey import ExamKey, read_exam_key
from exam_bank.exam_package import ExamPackage, open_exam_package
from kiosk.link.enroll import enroll
from tests.cli.labkit import build_lab
from ujikom.cli import main as ujikom

ROOT = Path(__file__).resolve().parents[2]
KEY_PASSPHRASE = "exam-key-e2e-passphrase"
PROCTOR_PASSPHRASE = "proctor-e2e-passphrase"
KIOSK_PASSPHRASE = "kiosk-e2e-passphrase"
SESSION = "S1"
CANDIDATES = 6  # of session S1, the one the proctor serves
ENV = {"UJIKOM_EXAM_KEY_PASSPHRASE": KEY_PASSPHRASE,
       "UJIKOM_PROCTOR_PASSPHRASE": PROCTOR_PASSPHRASE,
       "UJIKOM_KIOSK_KEY_PASSPHRASE": KIOSK_PASSPHRASE,
       "UJIKOM_AUTHORITY_PASSPHRASE": "authority-e2e-passphrase"}


@dataclass(frozen=True)
class Exam:
    package_path: Path
    key_path: Path
    trust: Path
    package: ExamPackage
    exam_key: ExamKey
    pins: dict[str, str]  # participant -> PIN, for the candidates with a form


@pytest.fixture(scope="session")
def exam(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exam]:
    mp = pytest.MonkeyPatch()
    for name, value in ENV.items():
        mp.setenv(name, value)
    lab, pins = build_lab(tmp_path_factory.mktemp("e2e-exam"), lambda roster: [
        c.participant_no for c in roster.candidates_in(SESSION)[:CANDIDATES]])
    package_path, key_path, trust = lab.package, lab.key, Path(lab.trust)
    key = read_exam_key(key_path, KEY_PASSPHRASE.encode())
    package = open_exam_package(package_path, [load_authority_public(trust)], key)
    pins = {no: pin for no, pin in pins.items() if no in package.forms}
    yield Exam(package_path, key_path, trust, package, key, pins)
    mp.undo()


class Lines:
    """A process's stdout as JSON lines, read by a thread so nothing blocks."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.seen: list[dict[str, Any]] = []
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def close(self) -> None:
        """After the process ended: let the reader finish, then close its pipes."""
        self._thread.join(10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                self._queue.put(json.loads(line))
            except json.JSONDecodeError:
                self._queue.put({"event": "text", "text": line.rstrip()})
        self._queue.put(None)

    def next(self, timeout: float = 30.0) -> dict[str, Any]:
        item = self._queue.get(timeout=timeout)
        if item is None:
            raise AssertionError(f"process ended ({self.proc.poll()}); saw {self.seen[-5:]}")
        self.seen.append(item)
        return item

    def until(self, test: Callable[[dict[str, Any]], bool],
              timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"not seen in time; last lines {self.seen[-5:]}")
            try:
                line = self.next(left)
            except queue.Empty:
                continue
            if test(line):
                return line


# `make package-check` runs the lab against the frozen application folder (UJIKOM_APP:
# its `ujikom` launcher) instead of this checkout's Python.
APP = os.environ.get("UJIKOM_APP")


def ujikom_command(*args: str) -> list[str]:
    return [APP, *args] if APP else [sys.executable, "-m", "ujikom.cli", *args]


def headless_command(config: Path, package: Path, trust: Path, script: Path) -> list[str]:
    if APP:
        return [APP, "kiosk", "--config", str(config), "--package", str(package), "--trust",
                str(trust), "scripted", "--script", str(script)]
    return [sys.executable, "-m", "kiosk.headless", "--config", str(config), "--package",
            str(package), "--trust", str(trust), "--script", str(script)]


def _env() -> dict[str, str]:
    return os.environ | ENV | {"PYTHONPATH": str(ROOT)}


@dataclass
class Proctor:
    """`ujikom proctor serve --control-stdin` as a process; `restart` keeps its state
    folder (replica) and port. Its logs are read from the replica file itself."""

    exam: Exam
    state: Path
    session: str = SESSION  # the next session of the exam runs on the same state folder
    port: int = 0
    enroll_port: int = 0
    proc: subprocess.Popen[str] | None = None
    lines: Lines | None = None
    _lab: Any = None

    def start(self) -> Proctor:
        if not (self.state / "lab.toml").exists():
            assert ujikom(["proctor", "init", "--dir", str(self.state), "--lab", "Lab E2E",
                           "--proctor", "Bu Sari", "--host", "127.0.0.1"]) == 0
        self.proc = subprocess.Popen(
            ujikom_command(
                "proctor", "serve", "--dir", str(self.state),
                "--package", str(self.exam.package_path), "--key", str(self.exam.key_path),
                "--trust", str(self.exam.trust), "--session", self.session, "--host",
                "127.0.0.1",
                "--port", str(self.port), "--enroll-port", str(self.enroll_port), "--open",
                "--control-stdin"),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
        self.lines = Lines(self.proc)
        first = self.lines.next(60)
        assert first.get("ready"), first
        self.port, self.enroll_port = first["port"], first["enroll_port"]
        return self

    def ask(self, do: str, **args: Any) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdin is not None and self.lines
        self.proc.stdin.write(json.dumps({"do": do, **args}) + "\n")
        self.proc.stdin.flush()
        answer = self.lines.until(lambda line: "ok" in line, 30)
        assert answer["ok"], answer
        return answer

    def _replica(self) -> Any:
        from proctor.lab import open_lab
        from proctor.replica import Replica

        if self._lab is None:  # unlocking costs a scrypt: once per test
            self._lab = open_lab(self.state, PROCTOR_PASSPHRASE.encode())
        return Replica.open(self._lab.replica_path, self._lab.replica_key,
                            self.exam.exam_key.exam_id)

    def log(self, participant_no: str) -> list[str]:
        """The hashes the proctor has stored (committed) for `participant_no`."""
        with self._replica() as replica:
            return [e.hash for e in replica.events(participant_no)]

    def events(self, participant_no: str) -> list[Any]:
        """The events the proctor has stored for `participant_no`."""
        with self._replica() as replica:
            return replica.events(participant_no)

    def incidents(self) -> list[str]:
        with self._replica() as replica:
            return [i.kind for i in replica.incidents()]

    def refusals(self, kind: str, at_least: int, timeout: float = 5.0) -> int:
        """How often `kind` was refused in all (repeats from one address are one incident
        with a count, stored within a second): waits until at least `at_least`."""
        deadline = time.monotonic() + timeout
        while True:
            with self._replica() as replica:
                count = sum(i.count for i in replica.incidents() if i.kind == kind)
            if count >= at_least or time.monotonic() > deadline:
                return count
            time.sleep(0.1)

    def kill(self) -> None:
        assert self.proc is not None and self.lines is not None
        self.proc.kill()
        self.proc.wait(10)
        self.lines.close()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill()
        elif self.lines is not None:
            self.lines.close()


@pytest.fixture
def proctor(exam: Exam, tmp_path: Path) -> Iterator[Proctor]:
    host = Proctor(exam, tmp_path / "proctor").start()
    yield host
    host.stop()


@dataclass
class Kiosks:
    """Enrolls kiosks with the proctor and runs headless candidates on them."""

    exam: Exam
    proctor: Proctor
    root: Path
    runs: list[Lines] = field(default_factory=list)

    def enroll(self, kiosk_id: str) -> Path:
        folder = self.root / kiosk_id
        code = self.proctor.ask("enroll_code")["code"]
        asyncio.run(enroll("127.0.0.1", self.proctor.enroll_port, code, kiosk_id, folder,
                           KIOSK_PASSPHRASE.encode()))
        return folder

    def configure(self, kiosk_id: str, port: int | None = None, seat: str | None = None
                  ) -> Path:
        folder = self.root / kiosk_id
        if not (folder / "kiosk.key").exists():
            self.enroll(kiosk_id)
        config = folder / "kiosk.toml"
        config.write_text(
            "[proctor]\n"
            f'address = "127.0.0.1:{port or self.proctor.port}"\n'
            f'kiosk_id = "{kiosk_id}"\nseat = "{seat or kiosk_id[-3:]}"\ndir = "."\n',
            "utf-8")
        return config

    def run(self, kiosk_id: str, participant_no: str, *, port: int | None = None,
            **script: Any) -> Lines:
        # The PC stands at the seat the roster plans for this candidate (the seat plan:
        # a first login elsewhere waits for the proctor).
        config = self.configure(kiosk_id, port,
                                self.exam.package.roster.candidate(participant_no).seat)
        script_path = config.parent / f"script-{participant_no}.json"
        script_path.write_text(json.dumps({
            "participant_no": participant_no, "pin": self.exam.pins[participant_no],
            "makalah_text": "Pelayanan publik yang jujur. " * 6, "makalah_chunk": 60,
            "pace_ms": 10, **script}), "utf-8")
        proc = subprocess.Popen(
            headless_command(config, self.exam.package_path, self.exam.trust, script_path),
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
            env=_env(), cwd=ROOT)
        lines = Lines(proc)
        self.runs.append(lines)
        return lines

    def stop(self) -> None:
        for lines in self.runs:
            if lines.proc.poll() is None:
                lines.proc.kill()
            lines.proc.wait(10)
            lines.close()


@pytest.fixture
def kiosks(exam: Exam, proctor: Proctor, tmp_path: Path) -> Iterator[Kiosks]:
    lab = Kiosks(exam, proctor, tmp_path / "kiosks")
    yield lab
    lab.stop()


def kiosk_log_hashes(exam: Exam, kiosk_dir: Path, participant_no: str) -> list[str]:
    """The kiosk's own store, opened the way the kiosk opens it."""
    from kiosk.keysource import StandaloneKeySource

    keys = StandaloneKeySource(exam.exam_key, kiosk_dir / "data")
    with keys.open_store(participant_no) as store:
        return [e.hash for e in store.events()]


def kiosk_events(exam: Exam, kiosk_dir: Path, participant_no: str) -> list[Any]:
    from kiosk.keysource import StandaloneKeySource

    keys = StandaloneKeySource(exam.exam_key, kiosk_dir / "data")
    with keys.open_store(participant_no) as store:
        return store.events()


class Proxy:
    """A TCP relay the test controls: `cut()` drops every connection and refuses new ones
    until `restore()`, like a pulled network cable."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.blocked = False
        self.connections = 0
        self._open: set[asyncio.StreamWriter] = set()
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._server = self._run(asyncio.start_server(self._relay, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]

    def _run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(10)

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.blocked:
            writer.transport.abort()
            return
        self.connections += 1
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._open.update((writer, up_writer))

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (OSError, ConnectionError):
                pass
            finally:
                dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._open.difference_update((writer, up_writer))

    def cut(self) -> None:
        async def cut() -> None:
            self.blocked = True
            for writer in list(self._open):
                writer.transport.abort()

        self._run(cut())

    def restore(self) -> None:
        self.blocked = False

    def close(self) -> None:
        async def close() -> None:
            self._server.close()
            for writer in list(self._open):
                writer.transport.abort()

        self._run(close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()
