"""A proctor's command belongs to the candidate, not to a PC: sent while the candidate's
kiosk is dead (SIGKILL), it reaches their chain once when the kiosk comes back, or at the
spare PC they move to, even when the proctor's server was killed and restarted meanwhile;
the proctor shows it pending until then and applied after."""

from __future__ import annotations

import time
from typing import Any

import pytest

from exam_bank.events import EventType
from exam_bank.record.facts import Fact, candidate_record
from tests.e2e.conftest import Exam, Kiosks, Lines, Proctor, kiosk_events

pytestmark = pytest.mark.slow

BY = "Bu Sari"


def _send(proctor: Proctor, no: str, action: str, reason: str, **extra: Any) -> int:
    proctor.ask("send", action=action, reason=reason, by=BY, participants=[no], **extra)
    return max(line["id"] for line in proctor.ask("commands")["commands"])


def _status(proctor: Proctor, no: str) -> dict[int, str]:
    return {line["id"]: line["status"] for line in proctor.ask("commands")["commands"]
            if line["participant_no"] == no}


def _kill(lines: Lines) -> None:
    lines.proc.kill()  # SIGKILL: no goodbye
    lines.proc.wait(10)


def _wait_status(proctor: Proctor, no: str, wanted: dict[int, str]) -> None:
    deadline = time.monotonic() + 30
    while True:
        status = _status(proctor, no)
        if all(status.get(cid) == want for cid, want in wanted.items()):
            return
        assert time.monotonic() < deadline, f"commands still {status}, wanted {wanted}"
        time.sleep(0.2)


def _in_chain(proctor: Proctor, no: str) -> dict[int, list[EventType]]:
    """Command id -> the events of the candidate's chain at the proctor that name it."""
    out: dict[int, list[EventType]] = {}
    for event in proctor.events(no):
        if "command" in event.data:
            out.setdefault(int(event.data["command"]), []).append(event.type)
    return out


def test_every_control_sent_while_the_kiosk_is_dead_arrives_once_when_it_restarts(
        exam: Exam, proctor: Proctor, kiosks: Kiosks) -> None:
    no, moved = sorted(exam.pins)[:2]
    slow = {"pace_ms": 60, "hold_ms": 300}
    run = kiosks.run("PC-001", no, **slow)
    other = kiosks.run("PC-002", moved, **slow)
    for lines in (run, other):
        lines.until(lambda line: line["event"] == "answered" and line["answers"] >= 2, 90)

    # The candidate's PC dies; the proctor acts on them meanwhile.
    _kill(run)
    first = {
        _send(proctor, no, "pause", "listrik padam"): EventType.PAUSED,
        _send(proctor, no, "lock", "Ada HP di meja"): EventType.LOCKED,
        _send(proctor, no, "extend", "ganti waktu listrik padam", minutes=5):
            EventType.TIME_EXTENDED,
        _send(proctor, no, "message", "pengumuman", text="Tetap di tempat."):
            EventType.MESSAGE,
    }
    hand = _send(proctor, no, "answer_hand", "didatangi")  # no hand up: no effect
    assert set(_status(proctor, no).values()) == {"pending"}

    # A move meanwhile: the other candidate's PC dies, time is given, they go to a spare.
    _kill(other)
    given = _send(proctor, moved, "extend", "pindah PC", minutes=7)
    kiosks.configure("PC-009")
    proctor.ask("authorize_move", participant_no=moved, kiosk_id="PC-009", by=BY,
                reason="PC mati")
    spare = kiosks.run("PC-009", moved, **slow)

    run = kiosks.run("PC-001", no, **slow)  # the same PC, restarted
    assert run.until(lambda line: line["event"] == "login", 60)["reason"] == "resumed"
    _wait_status(proctor, no, {**dict.fromkeys(first, "applied"), hand: "no_effect"})
    assert _in_chain(proctor, no) == {cid: [kind] for cid, kind in first.items()}
    assert spare.until(lambda line: line["event"] == "login", 60)["reason"] == "resumed"
    _wait_status(proctor, moved, {given: "applied"})
    assert _in_chain(proctor, moved) == {given: [EventType.TIME_EXTENDED]}
    spare_log = kiosk_events(exam, kiosks.root / "PC-009", moved)
    assert [e.data["minutes"] for e in spare_log if e.type == EventType.TIME_EXTENDED] == [7]
    # the move's authorization is in the candidate's chain, hence in the documents
    move = next(e for e in candidate_record(proctor.events(moved)).entries
                if e.fact == Fact.MOVED)
    assert (move.from_pc, move.pc, move.by, move.reason) == ("PC-002", "PC-009", BY, "PC mati")

    # Paused and locked, the candidate waits; the PC dies again; resume and unlock.
    _kill(run)
    second = {_send(proctor, no, "resume", "listrik menyala"): EventType.RESUMED,
              _send(proctor, no, "unlock", "HP diamankan pengawas"): EventType.UNLOCKED}
    proctor.kill()  # the console dies too, with the commands on their way ...
    proctor.start()  # ... and comes back with them still pending
    assert {cid: _status(proctor, no)[cid] for cid in second} == dict.fromkeys(
        second, "pending")
    assert all(_status(proctor, no)[cid] == "applied" for cid in first)
    run = kiosks.run("PC-001", no, **slow)
    _wait_status(proctor, no, dict.fromkeys(second, "applied"))
    run.until(lambda line: line["event"] == "answered", 60)  # working again

    # Once more, and the proctor ends the candidate's exam.
    _kill(run)
    ended = _send(proctor, no, "force_submit", "waktu sesi habis")
    run = kiosks.run("PC-001", no, **slow)
    done = run.until(lambda line: line["event"] in ("synced", "unsynced", "error"), 90)
    assert done["event"] == "synced" and done["phase"] == "submitted", run.seen[-5:]
    _wait_status(proctor, no, {ended: "applied"})
    chain = _in_chain(proctor, no)
    assert chain == {**{cid: [kind] for cid, kind in {**first, **second}.items()},
                     ended: [EventType.EXAM_SUBMITTED]}
    submitted = next(e for e in proctor.events(no) if e.type == EventType.EXAM_SUBMITTED)
    assert submitted.data["reason"] == "proctor" and submitted.data["by"] == BY
    assert [e.hash for e in kiosk_events(exam, kiosks.root / "PC-001", no)] == [
        e.hash for e in proctor.events(no)]
    assert not {"chain_fork", "chain_gap", "protocol_error"} & set(proctor.incidents())
    _kill(spare)
