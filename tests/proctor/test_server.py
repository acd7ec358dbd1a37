"""The lab server over real mutual TLS on 127.0.0.1: who gets in, replication, control,
moves, enrollment and restarts. In-process asyncio; H5b's e2e tests run real processes."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import struct
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.certs import cert_pem, make_kiosk_cert, make_lab_ca, make_proctor_tls
from exam_bank.events.chain import make_event
from exam_bank.events.model import Event, EventType, canonical
from exam_bank.wire import enroll
from exam_bank.wire import protocol as P
from exam_bank.wire.control import CommandStatus, ControlAction, ControlCommand
from exam_bank.wire.quitcode import check_quit_code
from exam_bank.wire.tls import client_context, enrollment_client_context, server_context
from proctor.lab import Lab
from proctor.server import LabServer
from tests.proctor.kit import (
    EXAM_KEY,
    SCRYPT_N,
    FakeKiosk,
    RecordingRoom,
    chain,
    connected,
    enrolled,
    exam_session,
    kiosk_identity,
    make_lab,
    run,
    serving,
)

PAUSE = ControlCommand(ControlAction.PAUSE, "mati listrik", "Budi")


@pytest.fixture(scope="module")
def lab_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lab") / "state"


@pytest.fixture
def lab(tmp_path: Path) -> Lab:
    return make_lab(tmp_path / "state")


async def _eventually(check: Callable[[], bool], timeout: float = 3.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


async def _refused_at_tls(port: int, context: ssl.SSLContext) -> bool:
    """True when the server will not talk over this TLS context."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=context,
                                                       server_hostname=P.PROCTOR_NAME)
    except (ssl.SSLError, ConnectionError):
        return True
    kiosk = FakeKiosk(reader, writer)
    try:
        await kiosk.send(P.Hello(1, "pc-01", "A1", "0f" * 16))
        await kiosk.recv()
    except (ssl.SSLError, ConnectionError, P.ConnectionClosed, P.ProtocolError):
        return True
    finally:
        await kiosk.close()
    return False


# -- who gets in ---------------------------------------------------------------------------


def test_a_kiosk_with_a_lab_certificate_is_welcomed(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            kiosk, welcome = await connected(server, lab, "pc-01", "B2")
            assert welcome.exam_id == "EX1" and welcome.session_id == "S1"
            assert not welcome.session_open and welcome.exam_key is None
            assert welcome.token is None
            assert kiosk.writer.get_extra_info("ssl_object").version() == "TLSv1.3"
            await _eventually(lambda: server.connected == {"pc-01": "B2"})
            await kiosk.close()
    run(main())


def test_a_client_without_a_certificate_is_refused_and_recorded(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            bare = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            bare.load_verify_locations(cadata=cert_pem(lab.ca.cert).decode())
            assert await _refused_at_tls(server.port, bare)
            await _eventually(lambda: "tls_refused" in room.kinds())
            assert server.connected == {}
    run(main())


def test_a_client_with_another_labs_certificate_is_refused(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        rogue_ca = make_lab_ca("Rogue CA")
        key = ec.generate_private_key(ec.SECP256R1())
        cert = make_kiosk_cert(rogue_ca, "pc-01", key.public_key())
        async with serving(lab, room) as server:
            # The rogue trusts our proctor (it copied ca.pem) but its own cert is foreign.
            context = client_context(lab.ca.cert, cert, key)
            assert await _refused_at_tls(server.port, context)
            await _eventually(lambda: "tls_refused" in room.kinds())
            assert server.connected == {}
    run(main())


def test_a_kiosk_refuses_a_proctor_with_a_foreign_certificate(lab: Lab) -> None:
    async def main() -> None:
        rogue_ca = make_lab_ca("Rogue CA")
        rogue = make_proctor_tls(rogue_ca, [P.PROCTOR_NAME, "127.0.0.1"])
        assert isinstance(rogue.key, ec.EllipticCurvePrivateKey)
        rogue_context = server_context(rogue_ca.cert, rogue.cert, rogue.key)
        heard: list[bytes] = []

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                heard.append(await reader.read(100))
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=rogue_context)
        port = server.sockets[0].getsockname()[1]
        cert, key = kiosk_identity(lab, "pc-01")
        with pytest.raises(ssl.SSLCertVerificationError):
            await asyncio.open_connection("127.0.0.1", port, ssl=client_context(
                lab.ca.cert, cert, key), server_hostname=P.PROCTOR_NAME)
        server.close()
        await server.wait_closed()
        assert not any(heard)  # the kiosk said nothing to the rogue
    run(main())


def test_a_kiosk_certificate_cannot_pose_as_the_proctor(lab: Lab) -> None:
    """Every kiosk holds a lab certificate; none of them may serve as the proctor."""
    async def main() -> None:
        impostor_key = ec.generate_private_key(ec.SECP256R1())
        impostor = make_kiosk_cert(lab.ca, P.PROCTOR_NAME, impostor_key.public_key())
        context = server_context(lab.ca.cert, impostor, impostor_key)
        server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0,
                                            ssl=context)
        port = server.sockets[0].getsockname()[1]
        cert, key = kiosk_identity(lab, "pc-01")
        with pytest.raises(ssl.SSLCertVerificationError):
            await asyncio.open_connection("127.0.0.1", port, ssl=client_context(
                lab.ca.cert, cert, key), server_hostname=P.PROCTOR_NAME)
        server.close()
        await server.wait_closed()
    run(main())


def test_a_hello_naming_another_kiosk_is_refused(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            cert, key = kiosk_identity(lab, "pc-01")
            kiosk = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
            reply = await kiosk.hello("pc-02")
            assert isinstance(reply, P.Error) and reply.code == P.ErrorCode.IDENTITY
            assert reply.fatal and await kiosk.closed()
            assert "identity" in room.kinds()
    run(main())


def test_a_replayed_hello_is_refused(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            cert, key = kiosk_identity(lab, "pc-01")
            first = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
            assert isinstance(await first.hello("pc-01", nonce="ab" * 16), P.Welcome)
            await first.close()
            again = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
            reply = await again.hello("pc-01", nonce="ab" * 16)
            assert isinstance(reply, P.Error) and reply.code == P.ErrorCode.REPLAY
            assert "replay" in room.kinds()
    run(main())


def test_a_bad_message_closes_only_that_connection(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            good, _w = await connected(server, lab, "pc-01", "A1")
            bad, _w = await connected(server, lab, "pc-02", "A2")
            await bad.send_raw(struct.pack(">I", P.MAX_FRAME + 1))
            reply = await bad.recv()
            assert isinstance(reply, P.Error) and reply.code == P.ErrorCode.BAD_MESSAGE
            assert "exceeds" in reply.message
            assert await bad.closed()
            assert ("A2", None, "protocol_error") in [i[:3] for i in room.incidents]
            await good.send(P.Events("P001", 1, tuple(chain("P001", 2))))
            ack = await good.recv()
            assert isinstance(ack, P.Ack) and ack.seq == 2
            bad2, _w = await connected(server, lab, "pc-03", "A3")
            await bad2.send_raw(P.HEADER.pack(30) + b'{"type":"heartbeat","bogus":1}')
            reply = await bad2.recv()
            assert isinstance(reply, P.Error) and "bogus" in reply.message
    run(main())


def test_a_kiosk_that_keeps_sending_bad_frames_is_one_incident_with_a_count(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            cert, key = kiosk_identity(lab, "pc-04")
            for _ in range(5):  # it reconnects after each refusal and does it again
                bad = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
                assert isinstance(await bad.hello("pc-04", "A4"), P.Welcome)
                await bad.send_raw(struct.pack(">I", P.MAX_FRAME + 1))
                assert await bad.closed()
            assert [i[:3] for i in room.incidents] == [("A4", None, "protocol_error")]
            assert [r.count for r in server.refusals.flush()] == [5]
    run(main())


# -- replication ---------------------------------------------------------------------------


def test_replication_rules_over_the_wire(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            kiosk, _w = await connected(server, lab)
            events = chain("P001", 8)

            async def send(first: int, batch: Sequence[Event]) -> P.Ack:
                await kiosk.send(P.Events("P001", first, tuple(batch)))
                ack = await kiosk.recv()
                assert isinstance(ack, P.Ack)
                return ack

            ack = await send(1, events[:3])
            assert (ack.seq, ack.hash, ack.refused) == (3, events[2].hash, None)
            ack = await send(2, events[1:5])  # resend after a lost ack, plus two new
            assert (ack.seq, ack.refused) == (5, None)
            ack = await send(7, events[6:])  # a gap
            assert ack.seq == 5 and "missing" in (ack.refused or "")
            forked = make_event(5, EventType.FLAG_SET, events[4].wall, 9, 1, {"item": "x"},
                                events[3].hash)
            ack = await send(5, [forked])
            assert ack.seq == 5 and ack.refused
            ack = await send(6, events[5:])  # the kiosk resends from the ack
            assert (ack.seq, ack.refused) == (8, None)
            assert room.stored["P001"] == events  # each stored event fed once, in order
            assert server.replica.events("P001") == events
            kinds = room.kinds()
            assert "chain_gap" in kinds and "chain_fork" in kinds
    run(main())


def test_events_for_someone_not_in_the_session_are_refused(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            kiosk, _w = await connected(server, lab)
            await kiosk.send(P.Events("P999", 1, tuple(chain("P999", 2))))
            ack = await kiosk.recv()
            assert isinstance(ack, P.Ack) and ack.seq == 0 and ack.refused
            assert server.replica.events("P999") == []
            assert "unknown_participant" in room.kinds()
    run(main())


def test_heartbeats_reach_the_room(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            kiosk, _w = await connected(server, lab, "pc-04", "C1")
            await kiosk.send(P.Heartbeat("P001", time_left_ms=61_000, last_seq=3))
            await _eventually(lambda: ("C1", "pc-04", "P001", 61_000) in room.heartbeats)
    run(main())


def test_a_restarted_server_keeps_the_replica_the_acks_and_the_session(lab: Lab) -> None:
    async def main() -> None:
        events = chain("P001", 5)
        async with serving(lab) as server:
            kiosk, _w = await connected(server, lab)
            await kiosk.send(P.Events("P001", 1, tuple(events[:4])))
            assert (await kiosk.recv()).seq == 4  # type: ignore[attr-defined]
            server.open_session()
            token = server.session.token
            assert server.send(PAUSE) == 1  # P001 is at work: it is for them
            await kiosk.close()
        room = RecordingRoom()
        async with serving(lab, room) as server:
            assert room.stored["P001"] == events[:4]  # the room is fed from the replica
            cert, key = kiosk_identity(lab, "pc-01")
            kiosk = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
            welcome = await kiosk.hello("pc-01", participants=("P001",))
            assert isinstance(welcome, P.Welcome)
            assert welcome.acked == {"P001": 4}
            assert welcome.session_open and welcome.token == token
            assert welcome.exam_key == EXAM_KEY and welcome.last_command_id == 1
            await kiosk.send(P.Heartbeat("P001"))  # P001 signs in: the pause follows
            resent = await kiosk.recv()
            assert isinstance(resent, P.Control) and resent.command_id == 1
            assert resent.participants == ("P001",)
            assert [(line.command_id, line.status) for line in room.command_lines] == [
                (1, CommandStatus.PENDING)]
            await kiosk.send(P.Events("P001", 4, tuple(events[3:])))
            assert (await kiosk.recv()).seq == 5  # type: ignore[attr-defined]
            assert server.send(PAUSE) == 2  # ids go on increasing
    run(main())


def test_a_submission_is_handed_to_the_preparer_once_stored_and_again_after_a_restart(
        lab: Lab) -> None:
    """Sealing is fast because the server has each candidate prepared as they submit; a
    restarted server hands over again whoever had submitted (the worker skips the done)."""
    async def main() -> None:
        submitted: list[str] = []
        events = chain("P001", 3)
        done = make_event(4, EventType.EXAM_SUBMITTED, events[-1].wall, 40, 1,
                          {"reason": "candidate"}, events[-1].hash)
        async with serving(lab, on_submitted=submitted.append) as server:
            kiosk, _w = await connected(server, lab)
            await kiosk.send(P.Events("P001", 1, tuple(events)))
            assert (await kiosk.recv()).seq == 3  # type: ignore[attr-defined]
            assert submitted == []  # still working
            await kiosk.send(P.Events("P001", 4, (done,)))
            assert (await kiosk.recv()).seq == 4  # type: ignore[attr-defined]
            assert submitted == ["P001"]
            await kiosk.send(P.Events("P002", 1, tuple(chain("P002", 2))))
            assert (await kiosk.recv()).seq == 2  # type: ignore[attr-defined]
        assert submitted == ["P001"]
        again: list[str] = []
        async with serving(lab, on_submitted=again.append):
            assert again == ["P001"]
    run(main())


# -- control -------------------------------------------------------------------------------


async def _signed_in(server: LabServer, lab: Lab, kiosk_id: str, seat: str, pno: str,
                     events: Sequence[Event]) -> FakeKiosk:
    """A kiosk where `pno` is signed in, their `events` stored at the proctor."""
    kiosk, _w = await connected(server, lab, kiosk_id, seat)
    await kiosk.send(P.Events(pno, events[0].seq, tuple(events)))
    assert (await kiosk.recv()).seq == events[-1].seq  # type: ignore[attr-defined]
    await kiosk.send(P.Heartbeat(pno))
    return kiosk


def _applied(events: Sequence[Event], command_id: int, kind: EventType = EventType.PAUSED,
             **data: object) -> Event:
    """The event a kiosk appends for command `command_id`, after `events`."""
    last = events[-1]
    return make_event(last.seq + 1, kind, last.wall, last.mono_ms + 10, last.run,
                      {"by": "Budi", "command": command_id, **data}, last.hash)


def _status(server: LabServer) -> list[tuple[int, str, str]]:
    return [(line.command_id, line.participant_no, str(line.status))
            for line in server.commands.lines()]


def test_commands_reach_the_kiosks_where_their_candidates_sit_with_increasing_ids(
        lab: Lab) -> None:
    async def main() -> None:
        async with serving(lab) as server:
            p1, p2 = chain("P001", 3), chain("P002", 2)
            one = await _signed_in(server, lab, "pc-01", "A1", "P001", p1)
            two = await _signed_in(server, lab, "pc-02", "A2", "P002", p2)
            await _eventually(lambda: {c.participant_no for c in server._conns.values()}
                              == {"P001", "P002"})
            server.send(PAUSE)  # the room: everyone at work
            server.send(ControlCommand(ControlAction.EXTEND, "PC mati 10 menit", "Budi",
                                       ("P001",), minutes=10))
            first, second = await one.recv(), await one.recv()
            assert isinstance(first, P.Control) and isinstance(second, P.Control)
            assert (first.command_id, second.command_id) == (1, 2)
            assert first.action == PAUSE.action and first.participants == ("P001",)
            assert second.minutes == 10 and second.participants == ("P001",)
            only = await two.recv()
            assert isinstance(only, P.Control) and only.participants == ("P002",)
            assert _status(server) == [(1, "P001", "pending"), (1, "P002", "pending"),
                                       (2, "P001", "pending")]
            # Applied means: the event naming the command is in the chain here.
            await one.send(P.ControlAck(1, "P001", P.Outcome.APPLIED, ""))
            await _eventually(lambda: server.replica.control_acks("S1") ==
                              [(1, "pc-01", "P001", "applied")])
            assert _status(server)[0] == (1, "P001", "pending")
            await one.send(P.Events("P001", 4, (_applied(p1, 1),)))
            assert (await one.recv()).seq == 4  # type: ignore[attr-defined]
            await two.send(P.ControlAck(1, "P002", P.Outcome.NO_EFFECT, "sudah dijeda"))
            await _eventually(lambda: _status(server) == [
                (1, "P001", "applied"), (1, "P002", "no_effect"), (2, "P001", "pending")])
            logged = [(i, c.action) for i, _wall, c in server.replica.commands("S1")]
            assert logged == [(1, ControlAction.PAUSE), (2, ControlAction.EXTEND)]
    run(main())


def test_a_kiosk_cannot_write_the_proctors_decisions_into_a_chain(lab: Lab) -> None:
    """A kiosk speaks for its candidate, never for the proctor: an enrolled kiosk that
    appends 60 minutes of extra time, an unlock or a forced submission no command gave
    (no command id, a made-up one, another candidate's, or another action's) is refused,
    nothing stored, an incident; the events of a command really sent are stored."""
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            p1, p2 = chain("P001", 2), chain("P002", 2)
            one = await _signed_in(server, lab, "pc-01", "A1", "P001", p1)
            await _signed_in(server, lab, "pc-02", "A2", "P002", p2)
            await _eventually(lambda: {c.participant_no for c in server._conns.values()}
                              == {"P001", "P002"})
            for_two = server.send(ControlCommand(ControlAction.EXTEND, "PC mati", "Budi",
                                                 ("P002",), minutes=60))
            lock = server.send(ControlCommand(ControlAction.LOCK, "HP", "Budi", ("P001",)))
            assert isinstance(await one.recv(), P.Control)
            extend = {"section": "S1", "minutes": 60, "note": "x"}
            forged = [
                _applied(p1, 99, EventType.TIME_EXTENDED, **extend),  # never sent
                _applied(p1, for_two, EventType.TIME_EXTENDED, **extend),  # P002's
                _applied(p1, lock, EventType.TIME_EXTENDED, **extend),  # a lock's
                _applied(p1, lock, EventType.UNLOCKED),
                _applied(p1, lock, EventType.LOCKED, by="Kepala Lab"),  # not the sender
                _applied(p1, lock, EventType.EXAM_SUBMITTED, reason="proctor"),
            ]
            unnamed = _applied(p1, 0, EventType.TIME_EXTENDED, **extend)
            forged.append(make_event(unnamed.seq, unnamed.type, unnamed.wall,
                                     unnamed.mono_ms, unnamed.run,
                                     {k: v for k, v in unnamed.data.items() if k != "command"},
                                     unnamed.prev_hash))
            for event in forged:
                await one.send(P.Events("P001", 3, (event,)))
                ack = await one.recv()
                assert isinstance(ack, P.Ack) and ack.seq == 2 and ack.refused, (event, ack)
                assert "only the proctor gives it" in ack.refused \
                    or "does not carry out command" in ack.refused, ack.refused
            assert server.replica.last("P001")[0] == 2
            assert room.kinds().count("forged_command") == len(forged)
            await one.send(P.Events("P001", 3, (_applied(p1, lock, EventType.LOCKED),)))
            assert (await one.recv()).seq == 3  # type: ignore[attr-defined]
    run(main())


def test_a_command_for_a_candidate_whose_pc_is_down_waits_and_follows_them(
        lab: Lab) -> None:
    """Sent while the candidate's kiosk is dead, a command stays pending and reaches the
    candidate where they sign in next (here a spare PC, after a move), once; a kiosk that
    may not write the candidate's log (the PC they left) never gets it."""
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            events = chain("P001", 3)
            kiosk = await _signed_in(server, lab, "pc-01", "A1", "P001", events)
            await kiosk.close()  # the PC dies ...
            await _eventually(lambda: "pc-01" not in server.connected)
            lock = ControlCommand(ControlAction.LOCK, "HP di meja", "Budi", ("P001",))
            assert server.send(lock) == 1  # ... and the proctor locks the candidate
            assert _status(server) == [(1, "P001", "pending")]
            assert [line.status for line in room.command_lines] == [CommandStatus.PENDING]
            enrolled(lab, "pc-09")
            server.authorize_move("P001", "pc-09", "Sari Dewi, S.Kom.", "PC mati")
            spare, _w = await connected(server, lab, "pc-09", "B9")
            await spare.send(P.ReplicaRequest("P001"))
            while not (chunk := await spare.recv()).final:  # type: ignore[attr-defined]
                pass
            # the authorization travels with the log, for the spare to write into the chain
            assert isinstance(chunk, P.Replica)
            assert (chunk.moved_by, chunk.move_reason) == ("Sari Dewi, S.Kom.", "PC mati")
            ghost, _w = await connected(server, lab, "pc-01", "A1")  # the old PC is back
            await ghost.send(P.Heartbeat("P001"))
            await spare.send(P.Heartbeat("P001"))
            control = await spare.recv()
            assert isinstance(control, P.Control) and control.command_id == 1
            assert control.action == ControlAction.LOCK and control.reason == "HP di meja"
            await spare.send(P.Events("P001", 4, (_applied(events, 1, EventType.LOCKED,
                                                           note="HP di meja"),)))
            assert (await spare.recv()).seq == 4  # type: ignore[attr-defined]
            assert _status(server) == [(1, "P001", "applied")]
            assert [line.status for line in room.command_lines] == [CommandStatus.APPLIED]
            await spare.send(P.Heartbeat(None))
            await spare.send(P.Heartbeat("P001"))  # signs in again: nothing is pending
            with pytest.raises(TimeoutError):
                await spare.recv(timeout=0.3)
            with pytest.raises(TimeoutError):
                await ghost.recv(timeout=0.1)
    run(main())


def test_commands_still_pending_for_a_submitted_candidate_are_settled(lab: Lab) -> None:
    async def main() -> None:
        async with serving(lab) as server:
            events = chain("P001", 3)
            kiosk = await _signed_in(server, lab, "pc-01", "A1", "P001", events)
            await kiosk.close()
            await _eventually(lambda: "pc-01" not in server.connected)
            server.send(PAUSE)
            done = make_event(4, EventType.EXAM_SUBMITTED, events[-1].wall, 40, 1,
                              {"reason": "candidate"}, events[-1].hash)
            await _signed_in(server, lab, "pc-01", "A1", "P001", [*events, done])
            await _eventually(lambda: _status(server) == [(1, "P001", "no_effect")])
            server.send(ControlCommand(ControlAction.EXTEND, "x", "Budi", ("P001",), 5))
            assert _status(server)[1] == (2, "P001", "no_effect")
            assert server.send(PAUSE) == 3 and len(_status(server)) == 2  # nobody at work
    run(main())


def test_an_incomplete_command_is_not_sent_or_logged(lab: Lab) -> None:
    async def main() -> None:
        async with serving(lab) as server:
            with pytest.raises(ValueError, match="reason"):
                server.send(ControlCommand(ControlAction.LOCK, "", "Budi"))
            assert server.replica.commands("S1") == []
    run(main())


def test_opening_the_session_releases_key_token_and_quit_code(lab: Lab) -> None:
    async def main() -> None:
        async with serving(lab) as server:
            kiosk, welcome = await connected(server, lab)
            server.open_session()
            update = await kiosk.recv()
            assert isinstance(update, P.SessionUpdate)
            assert update.session_open and update.exam_key == EXAM_KEY
            assert update.token == server.session.token
            token = server.new_token()
            assert (await kiosk.recv()).token == token  # type: ignore[attr-defined]
            assert check_quit_code(server.session.quit_code, welcome.quit_code_hash)
            server.close_session()
            closed = await kiosk.recv()
            assert isinstance(closed, P.SessionUpdate) and closed.exam_key is None
    run(main())


# -- moving a candidate --------------------------------------------------------------------


def test_a_replica_is_handed_over_only_after_the_proctor_authorizes_the_move(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            old, _w = await connected(server, lab, "pc-01", "A1")
            events = chain("P001", 6)
            await old.send(P.Events("P001", 1, tuple(events)))
            await old.recv()
            spare, _w = await connected(server, lab, "pc-09", "Z1")
            await spare.send(P.ReplicaRequest("P001"))
            refused = await spare.recv()
            assert isinstance(refused, P.Error) and refused.code == P.ErrorCode.NOT_AUTHORIZED
            assert "move_refused" in room.kinds()
            enrolled(lab, "pc-09")
            server.authorize_move("P001", "pc-09")
            await spare.send(P.ReplicaRequest("P001"))
            chunk = await spare.recv()
            assert isinstance(chunk, P.Replica) and chunk.final
            assert list(chunk.events) == events
            await spare.send(P.ReplicaRequest("P001"))  # the authorization was used up
            assert isinstance(await spare.recv(), P.Error)
    run(main())


# -- enrollment ----------------------------------------------------------------------------


async def _enroll(server_port: int, code: str, kiosk_id: str = "pc-20"
                  ) -> tuple[ec.EllipticCurvePrivateKey, enroll.EnrollRequest, P.Message]:
    key, request = enroll.make_request(kiosk_id, code, scrypt_n=SCRYPT_N)
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", server_port, ssl=enrollment_client_context(),
        server_hostname=P.PROCTOR_NAME)
    await P.write_message(writer, request)
    reply = await P.read_message(reader, registry=enroll.ENROLL_MESSAGES)
    writer.close()
    return key, request, reply


def test_an_enrolled_kiosk_gets_through_mutual_tls(lab: Lab) -> None:
    async def main() -> None:
        async with serving(lab) as server:
            code = server.issue_code()
            key, request, reply = await _enroll(server.enroll_port, code)
            assert isinstance(reply, enroll.EnrollReply)
            cert, ca = enroll.check_reply(code, request, reply, key, scrypt_n=SCRYPT_N)
            assert lab.enrolled() == ["pc-20"]
            kiosk = await FakeKiosk.connect(server.port, ca, cert, key)
            assert isinstance(await kiosk.hello("pc-20"), P.Welcome)
            await kiosk.close()
    run(main())


def test_enrollment_refuses_a_wrong_or_reused_code(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            code = server.issue_code()
            _k, _r, wrong = await _enroll(server.enroll_port, "00000-00000")
            assert isinstance(wrong, P.Error) and wrong.code == P.ErrorCode.NOT_AUTHORIZED
            _k, _r, first = await _enroll(server.enroll_port, code, "pc-21")
            assert isinstance(first, enroll.EnrollReply)
            _k, _r, reused = await _enroll(server.enroll_port, code, "pc-22")
            assert isinstance(reused, P.Error)
            assert lab.enrolled() == ["pc-21"]
            # one address, one kind: one incident, counted twice
            assert room.kinds().count("enroll_refused") == 1
            assert [r.count for r in server.refusals.flush()] == [2]
    run(main())


def test_an_expired_code_is_refused(tmp_path: Path) -> None:
    async def main() -> None:
        lab = make_lab(tmp_path / "state")
        from proctor.replica import Replica
        from proctor.server import LabServer

        replica = Replica.open(lab.replica_path, lab.replica_key, "EX1")
        server = LabServer(lab, replica, exam_session(), RecordingRoom(), scrypt_n=SCRYPT_N,
                           code_ttl_s=-1)
        await server.start("127.0.0.1", 0, 0)
        try:
            code = server.issue_code()
            _k, _r, reply = await _enroll(server.enroll_port, code)
            assert isinstance(reply, P.Error)
        finally:
            await server.stop()
            replica.close()
    run(main())


def test_the_server_announces_itself_with_its_labs_fingerprint(lab: Lab) -> None:
    from exam_bank.wire.discovery import find_proctor
    from proctor.replica import Replica
    from proctor.server import LabServer

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])

    async def main() -> None:
        replica = Replica.open(lab.replica_path, lab.replica_key, "EX1")
        server = LabServer(lab, replica, exam_session(), RecordingRoom(), scrypt_n=SCRYPT_N)
        listening = asyncio.ensure_future(find_proctor(
            ca_fingerprint=lab.info.ca_fingerprint, port=port, host="127.0.0.1", timeout=5))
        await asyncio.sleep(0.1)
        await server.start("127.0.0.1", 0, 0, beacon_to=("127.0.0.1", port))
        try:
            host, beacon = await listening
            assert host == "127.0.0.1"
            assert (beacon.port, beacon.enroll_port) == (server.port, server.enroll_port)
            assert beacon.lab == lab.info.lab_name
        finally:
            await server.stop()
            replica.close()
    run(main())


def test_after_a_move_only_the_new_pc_may_write_the_log(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            old, _w = await connected(server, lab, "pc-01", "A1")
            events = chain("P001", 4)
            await old.send(P.Events("P001", 1, tuple(events[:3])))
            assert (await old.recv()).seq == 3  # type: ignore[attr-defined]
            stranger, _w = await connected(server, lab, "pc-02", "A2")
            await stranger.send(P.Events("P001", 4, (events[3],)))
            refused = await stranger.recv()
            assert isinstance(refused, P.Ack) and refused.seq == 3 and refused.refused
            assert "wrong_kiosk" in room.kinds()
            enrolled(lab, "pc-09")
            server.authorize_move("P001", "pc-09")
            spare, _w = await connected(server, lab, "pc-09", "Z1")
            await spare.send(P.ReplicaRequest("P001"))
            assert isinstance(await spare.recv(), P.Replica)
            await old.send(P.Events("P001", 4, (events[3],)))  # the old PC came back
            late = await old.recv()
            assert isinstance(late, P.Ack) and late.refused and late.seq == 3
            await spare.send(P.Events("P001", 4, (events[3],)))
            assert (await spare.recv()).seq == 4  # type: ignore[attr-defined]
    run(main())


def test_an_answer_to_a_command_never_sent_is_an_incident(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            kiosk = await _signed_in(server, lab, "pc-01", "A1", "P001", chain("P001", 2))
            server.send(PAUSE)
            assert isinstance(await kiosk.recv(), P.Control)
            await kiosk.send(P.ControlAck(7, None, P.Outcome.APPLIED, ""))
            await kiosk.send(P.ControlAck(1, None, P.Outcome.NO_EFFECT, ""))
            await _eventually(lambda: len(server.replica.control_acks("S1")) == 1)
            assert "unknown_command" in room.kinds()
            _k, again = await connected(server, lab, "pc-02", "A2")
            assert again.last_command_id == 1
    run(main())


def test_a_kiosk_speaking_another_protocol_version_is_refused_naming_both(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            cert, key = kiosk_identity(lab, "pc-01")
            old = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
            await old.send(P.Hello(1, "pc-01", "A1", "0f" * 16))  # a kiosk of version 1
            reply = await old.recv()
            assert isinstance(reply, P.Error) and reply.code == P.ErrorCode.VERSION
            assert reply.fatal and await old.closed()
            assert P.refused_versions(reply.message) == (1, P.PROTOCOL_VERSION)
            assert "version" in room.kinds()
            assert any(f"protocol version 1; this proctor speaks {P.PROTOCOL_VERSION}"
                       in evidence
                       for _seat, _p, kind, evidence in room.incidents if kind == "version")
            # A later version's hello with a field this proctor does not know is refused
            # for its version, not as a malformed message.
            new = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
            later = P.PROTOCOL_VERSION + 1
            hello = {**P.Hello(later, "pc-01", "A1", "1f" * 16).to_wire(), "features": ["x"]}
            await new.send_raw(P.HEADER.pack(len(canonical(hello))) + canonical(hello))
            reply = await new.recv()
            assert isinstance(reply, P.Error) and reply.code == P.ErrorCode.VERSION
            assert P.refused_versions(reply.message) == (later, P.PROTOCOL_VERSION)
            _current, welcome = await connected(server, lab, "pc-01", "A1")
            assert isinstance(welcome, P.Welcome) and welcome.version == P.PROTOCOL_VERSION
    run(main())


def test_a_failed_commit_acks_nothing_and_the_kiosk_resends(lab: Lab,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            kiosk, _w = await connected(server, lab)
            events = chain("P001", 3)

            def disk_full(batches: object) -> list[object]:
                raise OSError(28, "No space left on device")

            monkeypatch.setattr(server.replica, "append_many", disk_full)
            await kiosk.send(P.Events("P001", 1, tuple(events)))
            assert await kiosk.closed()  # no ack, the link dropped
            assert "internal" in room.kinds()
            monkeypatch.undo()
            again, _w = await connected(server, lab, "pc-01", "A1")
            await again.send(P.Events("P001", 1, tuple(events)))
            ack = await again.recv()
            assert isinstance(ack, P.Ack) and ack.seq == 3 and ack.refused is None
    run(main())


def test_a_command_pending_when_the_server_restarts_still_reaches_the_candidate(
        lab: Lab) -> None:
    """The console restarted while a candidate's PC was dead: the command is still
    pending (kept in the replica) and follows the candidate when they sign in again."""
    async def main() -> None:
        events = chain("P001", 3)
        async with serving(lab) as server:
            kiosk = await _signed_in(server, lab, "pc-01", "A1", "P001", events)
            await kiosk.close()
            await _eventually(lambda: "pc-01" not in server.connected)
            extend = ControlCommand(ControlAction.EXTEND, "listrik padam", "Budi",
                                    ("P001",), minutes=5)
            assert server.send(extend) == 1
        room = RecordingRoom()
        async with serving(lab, room) as server:  # the restarted console
            assert [(c.command_id, c.status) for c in room.command_lines] == [
                (1, CommandStatus.PENDING)]
            back = await _signed_in(server, lab, "pc-01", "A1", "P001", events)
            control = await back.recv()
            assert isinstance(control, P.Control) and control.command_id == 1
            assert control.minutes == 5 and control.participants == ("P001",)
            await back.send(P.Events("P001", 4, (_applied(
                events, 1, EventType.TIME_EXTENDED, section="tkp", minutes=5,
                note="listrik padam"),)))
            assert (await back.recv()).seq == 4  # type: ignore[attr-defined]
            assert _status(server) == [(1, "P001", "applied")]
    run(main())


def test_a_move_goes_only_to_an_enrolled_pc_nobody_else_works_at(lab: Lab) -> None:
    """The console offers only free enrolled PCs; the same rule holds for every caller
    (`proctor control … move --kiosk`), and a refusal stores nothing."""
    async def main() -> None:
        async with serving(lab) as server:
            enrolled(lab, "pc-02")
            enrolled(lab, "pc-09")
            await _signed_in(server, lab, "pc-01", "A1", "P001", chain("P001", 3))
            await _signed_in(server, lab, "pc-02", "A2", "P002", chain("P002", 2))
            with pytest.raises(ValueError, match="'pc-77' is not enrolled in this lab"):
                server.authorize_move("P001", "pc-77", "Sari", "PC mati")
            with pytest.raises(ValueError, match="pc-02 is in use by P002"):
                server.authorize_move("P001", "pc-02", "Sari", "PC mati")
            assert server.replica.move_note("P001", "pc-02") == ("", "")
            assert not server.replica.take_move("P001", "pc-02")
            server.authorize_move("P001", "pc-09", "Sari", "PC mati")  # free and enrolled
            assert server.replica.move_note("P001", "pc-09") == ("Sari", "PC mati")
    run(main())
