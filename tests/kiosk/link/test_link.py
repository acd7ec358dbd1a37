"""The kiosk's link against a proctor speaking the protocol: streaming, resends after a
drop, commands, heartbeats and a candidate moving to a spare kiosk."""

from __future__ import annotations

import socket
import time

import pytest

from exam_bank.events import EventType, Phase
from exam_bank.wire.control import ControlAction, ControlCommand
from exam_bank.wire.protocol import PROCTOR_NAME, PROTOCOL_VERSION, Outcome
from kiosk.engine import Session
from kiosk.link import LinkedKiosk, LinkError, MoveRefused, ProctorLink
from tests.kiosk.engine.kit import PACKAGE, PINS
from tests.kiosk.link.conftest import KioskFactory, wait_for
from tests.kiosk.link.fakeproctor import TOKEN, FakeProctor, Lab

NO = "P-0001"


def _logged_in(kiosk: LinkedKiosk, no: str = NO) -> Session:
    session = kiosk.open_session(PACKAGE, no)
    status = kiosk.status
    assert status.token == TOKEN
    result = session.login(no, PINS[no], status.token.lower(), status.token)
    assert result.ok, result.reason
    kiosk.use(session)
    return session


def _synced(proctor: FakeProctor, session: Session, no: str = NO) -> bool:
    return proctor.log(no) == session._sink.events()  # type: ignore[attr-defined]


def test_every_event_reaches_the_proctor_in_order(proctor: FakeProctor,
                                                 make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    status = kiosk.start(10)
    assert status.session_open and status.exam_key == proctor.exam_key
    session = _logged_in(kiosk)
    session.confirm_identity()
    session.acknowledge_rules()
    session.start_section()
    session.answer("mc1", "B")
    wait_for(lambda: _synced(proctor, session))
    assert [e.type for e in proctor.log(NO)][-1] == EventType.ANSWER_SET
    assert kiosk.status.acked[NO] == session.state.last_seq
    assert not proctor.refusals


def test_a_dropped_connection_resends_from_the_last_ack_without_gap_or_duplicate(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    kiosk.start(10)
    session = _logged_in(kiosk)
    session.confirm_identity()
    session.acknowledge_rules()
    session.start_section()
    wait_for(lambda: _synced(proctor, session))
    for round_ in range(3):
        proctor.drop_connections()
        # Appended while the link is down or reconnecting: must arrive after.
        session.answer("mc1", "ABCD"[round_])
        session.toggle_flag("mc1")
        wanted = round_ + 2
        wait_for(lambda: kiosk.status.connects >= wanted)  # noqa: B023 (read at once)
    wait_for(lambda: _synced(proctor, session))
    seqs = [e.seq for e in proctor.log(NO)]
    assert seqs == list(range(1, len(seqs) + 1))
    assert not proctor.refusals


def test_a_kiosk_that_restarts_resends_only_what_the_proctor_lacks(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    first = make_kiosk()
    first.start(10)
    session = _logged_in(first)
    session.confirm_identity()
    wait_for(lambda: _synced(proctor, session))
    first.close()  # the same kiosk id and data folder come back as a new process would
    again = make_kiosk()
    again.start(10)
    session = _logged_in(again)
    session.acknowledge_rules()
    wait_for(lambda: _synced(proctor, session))
    assert [e.type for e in proctor.log(NO)][-2:] == [EventType.SESSION_RESUMED,
                                                      EventType.RULES_ACKNOWLEDGED]
    assert not proctor.refusals


def test_commands_are_applied_on_the_sessions_thread_and_acknowledged(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    kiosk.start(10)
    session = _logged_in(kiosk)
    session.confirm_identity()
    session.acknowledge_rules()
    session.start_section()
    pause = ControlCommand(ControlAction.PAUSE, "listrik padam", "Bu Sari")
    cid = proctor.send(pause)
    wait_for(lambda: not kiosk.link.commands.empty())
    assert not session.state.paused  # nothing happens off the session's thread
    results = kiosk.drain()
    assert [(r.command_id, r.outcome) for r in results] == [(cid, Outcome.APPLIED)]
    assert session.state.paused
    proctor.send(pause)  # pausing a paused seat changes nothing
    wait_for(lambda: not kiosk.link.commands.empty())
    assert [r.outcome for r in kiosk.drain()] == [Outcome.NO_EFFECT]
    proctor.send(ControlCommand(ControlAction.RESUME, "pulih", "Bu Sari"), command_id=cid)
    # An old id again (sent again after a reconnect): the chain already holds that command,
    # so nothing is appended, whatever it says; a new one still is.
    proctor.send(ControlCommand(ControlAction.EXTEND, "gangguan", "Bu Sari", (NO,), 5))
    wait_for(lambda: kiosk.link.commands.qsize() == 2)
    results = kiosk.drain()
    assert [r.outcome for r in results] == [Outcome.NO_EFFECT, Outcome.APPLIED]
    assert results[0].note == "already in the candidate's log" and session.state.paused
    assert session.state.extension_ms["tkp"] == 5 * 60_000
    wait_for(lambda: len(proctor.control_acks) == 4 and _synced(proctor, session))
    assert [a.outcome for a in proctor.control_acks] == [
        Outcome.APPLIED, Outcome.NO_EFFECT, Outcome.NO_EFFECT, Outcome.APPLIED]
    logged = [e for e in proctor.log(NO) if "command" in e.data]
    assert [(e.type, e.data["command"]) for e in logged] == [
        (EventType.PAUSED, cid), (EventType.TIME_EXTENDED, cid + 2)]


def test_heartbeats_carry_the_seats_progress(proctor: FakeProctor,
                                             make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    kiosk.start(10)
    session = _logged_in(kiosk)
    session.confirm_identity()
    session.acknowledge_rules()
    session.start_section()
    session.answer("mc1", "A")
    kiosk.drain()
    wait_for(lambda: any(h.phase == Phase.IN_SECTION for h in proctor.heartbeats), 6)
    beat = [h for h in proctor.heartbeats if h.phase == Phase.IN_SECTION][-1]
    assert (beat.participant_no, beat.section, beat.answered) == (NO, "tkp", 1)
    assert beat.time_left_ms == 20 * 60_000 and beat.last_seq == session.state.last_seq


def test_a_candidate_moves_to_a_spare_kiosk_and_resumes_where_they_were(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    broken = make_kiosk("PC01")
    broken.start(10)
    session = _logged_in(broken)
    session.confirm_identity()
    session.acknowledge_rules()
    session.start_section()
    session.answer("mc1", "C")
    session.go_to(2)
    wait_for(lambda: _synced(proctor, session))
    before = session.state
    broken.close()

    spare = make_kiosk("PC09", "A09")
    spare.start(10)
    with pytest.raises(MoveRefused):  # the proctor has not authorized the move yet
        spare.open_session(PACKAGE, NO)
    proctor.authorized.add(NO)
    moved = _logged_in(spare)
    state = moved.state
    assert (state.section_index, state.item_index) == (before.section_index, before.item_index)
    assert state.answers == before.answers
    assert moved.remaining_ms() == before.remaining_of("tkp")
    resumed = moved._sink.events()[-1]  # type: ignore[attr-defined]
    assert resumed.type == EventType.SESSION_RESUMED and resumed.data["pc"] == "PC09"
    moved.answer("lk1", 3)
    wait_for(lambda: _synced(proctor, moved))
    assert not proctor.refusals


def test_a_log_the_proctor_keeps_refusing_is_reported_and_no_longer_sent(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    kiosk.start(10)
    proctor.refuse_all = "fork at seq 1"
    session = _logged_in(kiosk)
    # Nothing else is appended until the kiosk has given up: a new event sent while a
    # refused batch was in flight made a fourth refusal (seen once on a busy machine).
    wait_for(lambda: NO in kiosk.status.forked)
    assert kiosk.status.forked[NO] == "fork at seq 1"
    sent = len(proctor.refusals)
    session.confirm_identity()  # still stored locally, but no longer sent
    session.acknowledge_rules()
    kiosk.notify_appended()
    time.sleep(0.5)  # time enough to (wrongly) send it
    assert len(proctor.refusals) == sent == 3
    assert session.state.last_seq == 3 and proctor.log(NO) == []


def test_garbage_from_the_proctor_drops_that_connection_only(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    kiosk.start(10)
    session = _logged_in(kiosk)
    before = kiosk.status.connects
    proctor.send_raw(b"\x00\x00\x00\x05hello")  # a frame that is not JSON
    wait_for(lambda: kiosk.status.bad_messages == 1)
    wait_for(lambda: kiosk.status.connects == before + 1)  # and it came back
    session.confirm_identity()
    wait_for(lambda: _synced(proctor, session))
    assert not proctor.refusals


def test_no_proctor_is_a_clear_error_and_the_link_keeps_trying(lab: Lab) -> None:
    with socket.socket() as probe:  # a port where nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    link = ProctorLink("127.0.0.1", port, lab.client_context("PC01"), "PC01", "A01")
    link.start()
    try:
        with pytest.raises(LinkError, match=f"127.0.0.1:{port}"):
            link.wait_welcome(1.0)
        assert "ConnectionRefused" in (link.status.last_error or "")
        assert not link.status.connected and link.status.exam_key is None
    finally:
        link.stop()


def test_a_number_not_on_the_roster_makes_no_store_and_asks_no_proctor(
        proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    kiosk.start(10)
    connects = kiosk.status.connects
    session = kiosk.open_session(PACKAGE, "P-9999")
    result = session.login("P-9999", "123456", TOKEN, TOKEN)
    assert result.reason == "unknown_participant"
    assert kiosk.status.connects == connects  # no probe, no reconnect
    assert not kiosk.data_dir.exists() or not list(kiosk.data_dir.glob("*.db"))


def test_a_proctor_of_another_protocol_version_is_named_not_misread(
        lab: Lab, proctor: FakeProctor, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.kiosk.link import fakeproctor

    monkeypatch.setattr(fakeproctor, "PROTOCOL_VERSION", PROTOCOL_VERSION + 1)
    link = ProctorLink("127.0.0.1", proctor.port, lab.client_context("PC01"), "PC01", "A01",
                       server_hostname=PROCTOR_NAME)
    link.start()
    try:
        wait_for(lambda: link.status.fault is not None)
        fault = link.status.fault
        assert fault is not None
        assert (f"protokol versi {PROTOCOL_VERSION}, sedangkan PC pengawas memakai versi "
                f"{PROTOCOL_VERSION + 1}") in fault.idn
        assert f"version {PROTOCOL_VERSION}, the proctor version {PROTOCOL_VERSION + 1}" \
            in fault.en
        # Nothing of that welcome was taken: no key, no token, never connected.
        status = link.status
        assert status.connects == 0 and status.exam_key is None and status.token is None
    finally:
        link.stop()
