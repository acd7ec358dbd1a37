"""Read-aloud as a reasonable accommodation, end to end: the proctor's server sends it to
one candidate, the (headless) kiosk applies it on the session's thread, the candidate's
state has read-aloud on, and the event reaches the proctor's replica and record."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.certs import make_kiosk_cert
from exam_bank.events import EventType
from exam_bank.record import Fact, candidate_record
from exam_bank.wire.control import CommandStatus, ControlAction, ControlCommand
from exam_bank.wire.protocol import PROCTOR_NAME, Outcome
from exam_bank.wire.tls import client_context
from kiosk.engine import SystemClock
from kiosk.link import LinkedKiosk, ProctorLink
from proctor.lab import Lab, init_lab
from proctor.replica import Replica
from proctor.server import ExamSession, LabServer
from proctor.service import NullRoom, ServerThread
from tests.kiosk.engine.kit import EXAM, PACKAGE, PINS

NUMBER = "P-0001"


@pytest.fixture
def lab_server(tmp_path: Path) -> Iterator[tuple[Lab, ServerThread, LabServer]]:
    lab = init_lab(tmp_path / "proctor", "Lab", "Pengawas", b"proctor-passphrase",
                   scrypt_n=2**10)
    replica = Replica.open(lab.replica_path, lab.replica_key, EXAM)
    # The blueprint's accommodation_extra_minutes = 15, as `ujikom proctor serve` passes it.
    exam = ExamSession(EXAM, "S1", "0" * 64, secrets.token_bytes(32),
                       accommodation_minutes=15)
    thread = ServerThread(lambda: LabServer(lab, replica, exam, NullRoom()), "127.0.0.1", 0,
                          None)
    server = thread.start()
    thread.call(server.open_session)
    yield lab, thread, server
    thread.stop()
    replica.close()


def _until(check: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_proctor_turns_read_aloud_on_with_the_blueprints_extra_time(
        lab_server: tuple[Lab, ServerThread, LabServer], tmp_path: Path) -> None:
    lab, thread, server = lab_server
    key = ec.generate_private_key(ec.SECP256R1())
    cert = make_kiosk_cert(lab.ca, "PC01", key.public_key())
    link = ProctorLink("127.0.0.1", server.port, client_context(lab.ca.cert, cert, key),
                       "PC01", "A01", server_hostname=PROCTOR_NAME)
    kiosk = LinkedKiosk(link, tmp_path / "kiosk", SystemClock())
    try:
        status = kiosk.start(30)
        session = kiosk.open_session(PACKAGE, NUMBER)
        assert session.login(NUMBER, PINS[NUMBER], status.token or "", status.token or "").ok
        kiosk.use(session)
        session.confirm_identity()
        session.acknowledge_rules()
        session.start_section()
        kiosk.notify_appended()
        _until(lambda: thread.call(lambda: server.replica.last(NUMBER))[0]
               >= session.state.last_seq)
        assert not session.state.read_aloud
        # No minutes typed: the blueprint's accommodation time goes with it.
        command = ControlCommand(ControlAction.READ_ALOUD, "Peserta low vision", "Sari",
                                 (NUMBER,))
        command_id = thread.call(lambda: server.send(command))
        _until(lambda: not kiosk.link.commands.empty())
        results = kiosk.drain()
        assert [(r.command_id, r.outcome) for r in results] == [(command_id, Outcome.APPLIED)]
        assert session.state.read_aloud
        assert session.state.extension_ms == {"tkp": 15 * 60_000}
        kiosk.notify_appended()

        def applied() -> bool:
            lines = thread.call(lambda: server.commands.lines())
            return [(x.command_id, x.status) for x in lines] == [
                (command_id, CommandStatus.APPLIED)]

        _until(applied)
        _until(lambda: thread.call(lambda: server.replica.last(NUMBER))[0]
               >= session.state.last_seq)
        record = candidate_record(thread.call(lambda: server.replica.events(NUMBER)))
        assert [(e.fact, e.by, e.reason) for e in record.proctor_actions] == [
            (Fact.READ_ALOUD, "Sari", "Peserta low vision"),
            (Fact.EXTENDED, "Sari", "Peserta low vision")]
        assert record.extra_minutes == 15
        stored = [e.type for e in thread.call(lambda: server.replica.events(NUMBER))]
        assert EventType.READ_ALOUD_ON in stored
    finally:
        kiosk.close()
