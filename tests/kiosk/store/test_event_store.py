"""The kiosk's encrypted event store: durable appends, no plaintext on disk, a wrong key
refused clearly, and a chain that can only be extended — even across a SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from exam_bank.events import Event, EventLog, EventType, verify_chain
from exam_bank.events.chain import make_event
from kiosk.store import ChainRefused, EventStore, StoreError, StoreKeyError

ROOT = Path(__file__).resolve().parents[3]
EXAM, WHO = "SELTER-JPT-2026", "JPT-2026-00001"
WALL = "2026-11-23T08:00:00+00:00"
SECRET = "Jawaban-rahasia-ZQX-4417"


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


def answers(log: EventLog, n: int, answer: str = "b") -> list[Event]:
    return [log.append(EventType.ANSWER_SET, {"item": f"Q{i}", "answer": answer}, WALL, i, 1)
            for i in range(n)]


def files_of(path: Path, shm: bool = True) -> dict[str, bytes]:
    """The database and its WAL (and the -shm index, which readers touch, if `shm`)."""
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))
            if shm or not p.name.endswith("-shm")}


def test_round_trip_and_reopen(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "kiosk.db"
    log = EventLog(EXAM, WHO)
    written = answers(log, 5)
    with EventStore.open(path, key, exam_id=EXAM, participant_no=WHO) as store:
        assert store.last() is None and store.events() == []
        for event in written:
            store.append(event)
        assert store.events() == written
        assert store.last() == written[-1]
        assert store.events_since(3) == written[3:]
    with EventStore.open(path, key) as store:
        assert store.events() == written
        assert store.last() == written[-1]
        assert (store.exam_id, store.participant_no) == (EXAM, WHO)
        more = answers(EventLog(EXAM, WHO, written), 2)
        for event in more:
            store.append(event)
    with EventStore.open(path, key, exam_id=EXAM, participant_no=WHO) as store:
        assert not verify_chain(store.events(), EXAM, WHO)
        assert [e.seq for e in store.events()] == list(range(1, 8))


def test_no_plaintext_on_disk(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "kiosk.db"
    log = EventLog(EXAM, WHO)
    store = EventStore.open(path, key, exam_id=EXAM, participant_no=WHO)
    store.append(log.append(EventType.ANSWER_SET, {"item": "Q1", "answer": SECRET}, WALL, 1, 1))
    # Look at the WAL while it still holds the commit, then at the files after close.
    during = files_of(path)
    assert len(during[path.name + "-wal"]) > 0
    store.close()
    after = files_of(path)
    for contents in (*during.values(), *after.values()):
        for needle in (SECRET, EXAM, WHO, "answer_set", key.hex()):
            assert needle.encode() not in contents
        assert key not in contents
        assert b"SQLite format 3" not in contents


def test_wrong_key_is_a_clear_error_and_changes_nothing(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "kiosk.db"
    with EventStore.open(path, key, exam_id=EXAM, participant_no=WHO) as store:
        for event in answers(EventLog(EXAM, WHO), 3):
            store.append(event)
    before = files_of(path)
    with pytest.raises(StoreKeyError) as caught:
        EventStore.open(path, os.urandom(32))
    assert str(path) in str(caught.value)
    assert "key" in str(caught.value)
    assert files_of(path)[path.name] == before[path.name]
    with EventStore.open(path, key) as store:
        assert len(store.events()) == 3


def test_key_must_be_32_raw_bytes(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="32 raw bytes"):
        EventStore.open(tmp_path / "kiosk.db", b"a passphrase")  # a passphrase, not a key


def test_another_candidates_store_is_refused(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "kiosk.db"
    EventStore.open(path, key, exam_id=EXAM, participant_no=WHO).close()
    with pytest.raises(StoreError, match="JPT-2026-00002"):
        EventStore.open(path, key, exam_id=EXAM, participant_no="JPT-2026-00002")


def test_out_of_order_gap_fork_and_tamper_refused(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "kiosk.db"
    log = EventLog(EXAM, WHO)
    first = answers(log, 3)
    store = EventStore.open(path, key, exam_id=EXAM, participant_no=WHO)
    for event in first:
        store.append(event)
    nxt = answers(log, 2)  # seq 4 and 5
    fork = make_event(4, EventType.ANSWER_SET, WALL, 9, 1, {"item": "Q9", "answer": "c"},
                      first[1].hash)  # seq 4 linking to seq 2: a fork
    foreign = answers(EventLog(EXAM, "JPT-2026-00002"), 1)[0]
    tampered = Event(nxt[0].seq, nxt[0].type, nxt[0].wall, nxt[0].mono_ms, nxt[0].run,
                     {"item": "Q0", "answer": "d"}, nxt[0].prev_hash, nxt[0].hash)
    before = files_of(path, shm=False)
    for bad, message in ((nxt[1], "must be seq 4"), (first[2], "must be seq 4"),
                         (fork, "prev_hash"), (tampered, "hash does not match")):
        with pytest.raises(ChainRefused, match=message):
            store.append(bad)
    assert store.events() == first and store.last() == first[-1]
    assert files_of(path, shm=False) == before
    store.close()

    fresh = EventStore.open(tmp_path / "other.db", key, exam_id=EXAM, participant_no=WHO)
    with pytest.raises(ChainRefused, match="prev_hash"):
        fresh.append(foreign)  # right seq, another candidate's genesis
    assert fresh.events() == []
    fresh.close()

    with EventStore.open(path, key) as store:
        assert store.events() == first
        store.append(nxt[0])  # the right one still goes in
        assert store.last() == nxt[0]


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from exam_bank.events import EventLog, EventType
    from kiosk.store import EventStore
    path, key = Path(sys.argv[1]), bytes.fromhex(sys.argv[2])
    store = EventStore.open(path, key, exam_id=sys.argv[3], participant_no=sys.argv[4])
    log = EventLog(sys.argv[3], sys.argv[4], store.events())
    n = 0
    while True:
        n += 1
        store.append(log.append(EventType.ANSWER_SET, {"item": f"Q{n}", "answer": "a"},
                                "2026-11-23T08:00:00+00:00", n, 1))
        print(log.events[-1].seq, flush=True)
""")


def test_every_acknowledged_event_survives_sigkill(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "kiosk.db"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), key.hex(), EXAM, WHO],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None
    printed: list[int] = []
    try:
        for line in child.stdout:
            printed.append(int(line))
            if len(printed) >= 150:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
    printed += [int(s) for s in rest.split() if s.isdigit()]
    assert child.returncode == -signal.SIGKILL, err
    assert len(printed) >= 150, err
    with EventStore.open(path, key, exam_id=EXAM, participant_no=WHO) as store:
        stored = store.events()
    assert not verify_chain(stored, EXAM, WHO)
    assert set(printed) <= {e.seq for e in stored}
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))


def test_store_imports_without_qt() -> None:
    script = ("import sys, kiosk.store; print(','.join(sorted(m for m in sys.modules "
              "if m.split('.')[0] in ('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "", f"kiosk.store loaded Qt: {out.stdout}"
