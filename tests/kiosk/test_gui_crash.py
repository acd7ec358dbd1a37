"""The real kiosk (a subprocess running the Qt app offscreen on a package built by the
`ujikom` command line) is killed with SIGKILL while the candidate works, left down for a
few seconds and started again. After the candidate logs in again they land where they
were, with every answer and every makalah character the kiosk had confirmed as saved,
and the clock shows no charge for the time the kiosk was down.

The kill point is random; the seed is in every assertion message: UJIKOM_CRASH_SEED=<seed>
replays the same choice of kill point (the machine's timing still varies).
"""

from __future__ import annotations

import json
import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from exam_bank.events import SessionState
from exam_bank.makalah.text import plain_text
from kiosk.engine import FakeClock, Session
from kiosk.keysource import StandaloneKeySource
from tests.kiosk.conftest import KEY_PASSPHRASE, TOKEN, Built
from tests.kiosk.crash_driver import PAPER, RESUME_TAIL

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
DOWN_S = 3.0  # how long the kiosk stays dead before it is started again
LINE_TIMEOUT_S = 30.0  # a line the driver owes us; generous on a busy 2-core machine


class Kiosk:
    """One run of the kiosk under tests.kiosk.crash_driver; its stdout lines, parsed."""

    def __init__(self, built: Built, data: Path, mode: str, log: Path,
                 answers: int = 3, extra: tuple[str, ...] = ()) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "UJIKOM_EXAM_KEY_PASSPHRASE": KEY_PASSPHRASE}
        self.log = log
        self._stderr = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-W", "error", "-m", "tests.kiosk.crash_driver", mode,
             "--number", built.participant_no, "--pin", built.pin, "--answers", str(answers),
             "--package", str(built.package_path), "--key", str(built.key_path),
             "--trust", str(built.trust), "--token", TOKEN, "--data", str(data),
             "--windowed", *extra],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=self._stderr)
        self.lines: list[dict[str, Any]] = []
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        assert self.proc.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self.proc.stdout,),
                                        daemon=True)
        self._reader.start()
        self.killed_at_ms: int | None = None

    def _read(self, stream: IO[bytes]) -> None:
        for raw in stream:
            if raw.endswith(b"\n"):  # a line cut by the kill was never confirmed
                self._queue.put(json.loads(raw))
        self._queue.put(None)

    def next(self) -> dict[str, Any]:
        try:
            line = self._queue.get(timeout=LINE_TIMEOUT_S)
        except queue.Empty:
            self.proc.kill()
            raise AssertionError(f"the kiosk said nothing for {LINE_TIMEOUT_S} s\n"
                                 + self.errors()) from None
        if line is None:
            self.proc.wait()
            raise AssertionError(f"the kiosk ended (exit {self.proc.returncode})\n"
                                 + self.errors())
        self.lines.append(line)
        return line

    def until(self, event: str, **match: Any) -> dict[str, Any]:
        while True:
            line = self.next()
            if line["event"] == event and all(line.get(k) == v for k, v in match.items()):
                return line

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.killed_at_ms = time.monotonic_ns() // 1_000_000
        self.proc.wait(timeout=10)
        assert self.proc.returncode == -signal.SIGKILL, self.errors()
        self._drain()  # the lines written before the kill
        self.no_traceback()

    def finish(self) -> None:
        self.until("done")
        assert self.proc.wait(timeout=20) == 0, self.errors()
        self._drain()
        self.no_traceback()

    def no_traceback(self) -> None:
        # A Python error inside a Qt slot is printed and swallowed, the app going on:
        # the kiosk's log would be the only sign of it.
        assert "Traceback" not in self.errors(), self.errors()

    def _drain(self) -> None:
        while (line := self._queue.get(timeout=10)) is not None:
            self.lines.append(line)

    def close(self) -> None:
        """Whatever happened: no kiosk left running, no pipe left open."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self._reader.join(timeout=10)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        self._stderr.close()

    def errors(self) -> str:
        self._stderr.flush()
        return self.log.read_text("utf-8", "replace")[-3000:]

    def confirmed(self, phase: str) -> list[dict[str, Any]]:
        return [x for x in self.lines if x["event"] == "confirmed" and x["phase"] == phase]


def stored_state(built: Built, data: Path, confirmed: dict[str, Any] | None = None,
                 seed: int = 0) -> SessionState:
    """The candidate's log read straight from the SQLCipher store, as a restart reads it
    (the recovery refuses a broken chain); `confirmed`: a line whose event must be in it."""
    keys = StandaloneKeySource.from_file(built.key_path, KEY_PASSPHRASE.encode(), data)
    store = keys.open_store(built.participant_no)
    try:
        if confirmed is not None:  # that very event, not just one with the same effect
            events = store.events()
            assert len(events) >= confirmed["seq"], (seed, len(events), confirmed)
            assert events[confirmed["seq"] - 1].hash == confirmed["hash"], (seed, confirmed)
        return Session(built.package, store, FakeClock()).state
    finally:
        store.close()


def encrypted_files(data: Path) -> dict[str, bytes]:
    """The store as the kill left it: the database, its write-ahead log and index."""
    files = {p.name: p.read_bytes() for p in data.iterdir()}
    assert any(name.endswith("-wal") and content for name, content in files.items()), (
        {name: len(content) for name, content in files.items()})  # the recent commits
    return files


def section_left(state: SessionState) -> int:
    assert state.section is not None
    return state.remaining_of(state.section.section_id)


def check_time(seed: int, last: dict[str, Any], killed_at_ms: int, before: int,
               resumed: dict[str, Any]) -> None:
    """`before`: the time left the store held after the kill (as of its last event)."""
    # Only the work between the last confirmed event and the kill may have been charged
    # (the kiosk's clock is CLOCK_MONOTONIC, ours too).
    gap = killed_at_ms - last["event_mono_ms"]
    assert 0 <= gap < 5000, seed
    assert last["time_left_ms"] - gap <= before <= last["time_left_ms"], seed
    down = resumed["mono_ms"] - killed_at_ms
    assert down >= DOWN_S * 1000, seed
    # Logging in again resumes the clock from the log, whatever the downtime was ...
    assert resumed["resumed_left_ms"] == before, (seed, resumed, before)
    # ... and the live clock the candidate sees has moved by the moments since the login.
    assert before - 2000 <= resumed["time_left_ms"] <= before, (seed, resumed, before)
    assert last["time_left_ms"] - resumed["time_left_ms"] < down - 1000, (
        f"seed {seed}: the {down} ms the kiosk was down were charged")
    # What the candidate reads on the screen: that time, to the second.
    shown = clock_ms(resumed["clock"])
    assert before - 2000 <= shown <= before + 1000, (seed, resumed["clock"], before)


def clock_ms(text: str) -> int:
    """The time left a screen's clock shows ("Waktu tersisa 3:59:57", or "59:57")."""
    found = re.search(r"(?:(\d+):)?(\d\d):(\d\d)$", text)
    assert found, text
    hours, minutes, seconds = (int(g or 0) for g in found.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000


def as_json(value: object) -> Any:
    """As it comes through the driver's JSON lines (tuples become lists)."""
    return json.loads(json.dumps(value))


def shown_as_checked(answer: object) -> list[str]:
    if isinstance(answer, list):
        return sorted(str(a) for a in answer)
    return [] if answer is None else [str(answer)]


@pytest.fixture
def seed() -> int:
    given = os.environ.get("UJIKOM_CRASH_SEED")
    return int(given) if given else random.SystemRandom().randrange(1 << 30)


@pytest.fixture
def start(built: Built, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Starts a run of the kiosk on this test's data folder; every run is cleaned up."""
    runs: list[Kiosk] = []

    def run(mode: str, answers: int = 3) -> Kiosk:
        # the screen landed on is kept beside the logs, to look at after a failure
        shot = ("--shot", str(tmp_path / "resumed.png")) if mode == "resume" else ()
        kiosk = Kiosk(built, tmp_path / "data", mode, tmp_path / f"{mode}{len(runs)}.log",
                      answers, shot)
        runs.append(kiosk)
        return kiosk

    yield run
    for kiosk in runs:
        kiosk.close()


def test_sigkill_mid_section_keeps_every_confirmed_answer(
        built: Built, tmp_path: Path, seed: int, start: Callable[..., Kiosk]) -> None:
    rng = random.Random(seed)
    data = tmp_path / "data"
    kiosk = start("fresh", answers=5)
    for _ in range(rng.randint(2, 9)):  # an answer or a move to the next question each
        kiosk.until("confirmed", phase="answers")
    time.sleep(rng.uniform(0, 0.15))  # somewhere between two clicks, or during one
    kiosk.kill()
    assert not any(x["event"] == "makalah" for x in kiosk.lines), seed  # still answering
    last = kiosk.confirmed("answers")[-1]

    state = stored_state(built, data, last, seed)
    assert set(last["answered"]) <= set(state.answers), seed
    assert state.item_index >= last["item_index"], seed
    assert state.runs == 1, seed
    before = section_left(state)
    time.sleep(DOWN_S)

    again = start("resume")
    resumed = again.until("resumed")
    assert resumed["screen"] == "item", (seed, resumed)
    assert resumed["item_index"] == state.item_index, seed
    assert state.section is not None
    assert resumed["item_id"] == state.section.item_ids[state.item_index], seed
    assert resumed["answers"] == as_json(state.answers), seed
    # The screen shows the stored answer of the question, and ✓ on every answered one.
    assert resumed["checked"] == shown_as_checked(state.answers.get(resumed["item_id"])), seed
    assert sum("✓" in mark for mark in resumed["palette"]) == len(state.answers), seed
    check_time(seed, last, kiosk.killed_at_ms or 0, before, resumed)
    if state.item_index > 0:  # the question before was answered before moving on
        shown = again.until("shown")
        assert shown["item_id"] == state.section.item_ids[state.item_index - 1], seed
        assert shown["checked"] == shown_as_checked(state.answers[shown["item_id"]]), seed
    again.finish()
    assert stored_state(built, data).runs == 2, seed


def test_sigkill_mid_typing_keeps_every_confirmed_character(
        built: Built, tmp_path: Path, seed: int, start: Callable[..., Kiosk]) -> None:
    rng = random.Random(seed)
    data = tmp_path / "data"
    kiosk = start("fresh", answers=2)
    item_id = kiosk.until("makalah")["item_id"]
    for _ in range(rng.randint(2, 4)):
        kiosk.until("confirmed", phase="makalah")
    time.sleep(rng.uniform(0, 0.9))  # the editor saves about once a second: mid-typing
    kiosk.kill()
    assert not any(x["event"] == "done" for x in kiosk.lines), seed
    last = kiosk.confirmed("makalah")[-1]
    confirmed = last["confirmed_chars"]
    for name, content in encrypted_files(data).items():  # the crash left no plaintext
        assert PAPER[:40].encode() not in content, (seed, name)

    state = stored_state(built, data, last, seed)
    stored = state.makalah[item_id]
    paper = plain_text(stored).rstrip("\n")
    assert confirmed > 0 and paper[:confirmed] == PAPER[:confirmed], (seed, confirmed, paper)
    assert PAPER.startswith(paper), (seed, paper)  # nothing but what was typed, in order
    assert len(paper) < len(PAPER), seed  # killed mid-typing, not after
    assert len(state.answers) == 2, seed  # the answers of the first section stay too
    before = section_left(state)
    time.sleep(DOWN_S)

    again = start("resume")
    resumed = again.until("resumed")
    assert resumed["screen"] == "makalah", (seed, resumed)
    assert resumed["item_id"] == item_id, seed
    assert resumed["editor_text"] == stored, seed  # the same paper, formatting and all
    assert resumed["answers"] == as_json(state.answers), seed
    check_time(seed, last, kiosk.killed_at_ms or 0, before, resumed)
    # Typing goes on where the paper ended, and is saved as before.
    again.finish()
    assert again.confirmed("makalah")[-1]["confirmed_chars"] == len(paper + RESUME_TAIL), seed
    final = stored_state(built, data)
    assert plain_text(final.makalah[item_id]).rstrip("\n") == paper + RESUME_TAIL, seed
    assert final.runs == 2, seed
