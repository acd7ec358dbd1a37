"""What goes wrong in a real lab: a kiosk dies, the network drops, the proctor restarts.
In every case the kiosk's log and the proctor's end identical and nothing confirmed is
lost."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from exam_bank.events import EventType, fold, section_limits, section_navigation
from tests.e2e.conftest import (
    Exam,
    Kiosks,
    Lines,
    Proctor,
    Proxy,
    kiosk_events,
    kiosk_log_hashes,
)

pytestmark = pytest.mark.slow


def _finished(lines: Lines) -> dict[str, Any]:
    done = lines.until(lambda line: line["event"] in ("synced", "unsynced", "error"), 90)
    assert done["event"] == "synced", lines.seen[-5:]
    return done


def _wait_stored(proctor: Proctor, no: str, seq: int) -> list[str]:
    deadline = time.monotonic() + 20
    while True:
        hashes = proctor.log(no)
        if len(hashes) >= seq:
            return hashes
        assert time.monotonic() < deadline, "the proctor never stored the events"
        time.sleep(0.1)


def test_a_killed_kiosk_candidate_resumes_on_a_spare_with_everything_confirmed(
        exam: Exam, proctor: Proctor, kiosks: Kiosks) -> None:
    no = sorted(exam.pins)[0]
    first = kiosks.run("PC-001", no, pace_ms=30, makalah_chunk=15,
                       makalah_text="Pelayanan publik yang jujur. " * 20)
    first.until(lambda line: line["event"] == "typed" and line["makalah_chars"] >= 45, 90)
    first.proc.kill()  # SIGKILL: no goodbye, mid-makalah
    first.proc.wait(10)
    time.sleep(0.5)  # anything still in flight lands before we read
    confirmed = proctor.log(no)
    local = kiosk_events(exam, kiosks.root / "PC-001", no)
    assert [e.hash for e in local[:len(confirmed)]] == confirmed
    form = exam.package.forms[no]
    blueprint = exam.package.blueprint
    expected = fold(local[:len(confirmed)], form, exam.package.items,
                    section_limits(blueprint), section_navigation(blueprint))
    section = expected.section
    assert section is not None and expected.makalah  # it died mid-makalah

    kiosks.configure("PC-009")
    proctor.ask("authorize_move", participant_no=no, kiosk_id="PC-009")
    spare = kiosks.run("PC-009", no)
    login = spare.until(lambda line: line["event"] == "login", 60)
    assert login["reason"] == "resumed"
    assert (login["section_index"], login["item_index"]) == (expected.section_index,
                                                             expected.item_index)
    assert login["answers"] == len(expected.answers)
    assert login["makalah_chars"] == sum(len(t) for t in expected.makalah.values())
    assert login["time_left_ms"] == expected.remaining_of(section.section_id)
    done = _finished(spare)
    final = proctor.log(no)
    assert final[:len(confirmed)] == confirmed
    assert final == kiosk_log_hashes(exam, kiosks.root / "PC-009", no)
    assert final[-1] == done["hash"]
    resumed = kiosk_events(exam, kiosks.root / "PC-009", no)[len(confirmed)]
    assert resumed.type == EventType.SESSION_RESUMED and resumed.data["pc"] == "PC-009"

    # The dead PC comes back with its old copy: it sees the log went on elsewhere and
    # says so instead of "synced"; the proctor's log does not change.
    ghost = kiosks.run("PC-001", no, sync_timeout_s=8)
    end = ghost.until(lambda line: line["event"] in ("synced", "unsynced", "forked"), 60)
    assert end["event"] == "forked" and "another kiosk" in end["why"]
    assert ghost.proc.wait(10) == 1
    assert proctor.log(no) == final


@pytest.fixture
def proxy(proctor: Proctor) -> Iterator[Proxy]:
    relay = Proxy(proctor.port)
    yield relay
    relay.close()


def test_the_network_drops_mid_section_and_the_log_catches_up(
        exam: Exam, proctor: Proctor, kiosks: Kiosks, proxy: Proxy) -> None:
    no = sorted(exam.pins)[1]
    lines = kiosks.run("PC-002", no, port=proxy.port, pace_ms=20)
    lines.until(lambda line: line["event"] == "answered" and line["answers"] >= 3, 60)
    proxy.cut()
    cut_at = lines.until(lambda line: line["event"] == "answered", 30)["seq"]
    time.sleep(1.5)  # the candidate keeps answering with the cable out
    assert len(proctor.log(no)) < cut_at
    proxy.restore()
    done = _finished(lines)
    final = proctor.log(no)
    assert final == kiosk_log_hashes(exam, kiosks.root / "PC-002", no)
    assert final[-1] == done["hash"] and proxy.connections >= 2


def test_the_proctor_is_killed_and_restarted_and_loses_nothing(
        exam: Exam, proctor: Proctor, kiosks: Kiosks) -> None:
    no = sorted(exam.pins)[2]
    lines = kiosks.run("PC-003", no, pace_ms=25)
    line = lines.until(lambda line: line["event"] == "answered" and line["answers"] >= 4, 60)
    before = _wait_stored(proctor, no, line["seq"])
    proctor.kill()
    time.sleep(1.0)
    proctor.start()  # same state folder and port
    done = _finished(lines)
    final = proctor.log(no)
    assert final[:len(before)] == before
    assert final == kiosk_log_hashes(exam, kiosks.root / "PC-003", no)
    assert final[-1] == done["hash"]
