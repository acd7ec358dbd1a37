"""The kiosk-proctor link through a proxy that drops, delays, reorders and half-closes it:
nothing the kiosk confirmed is lost, and once the link is clean again the proctor's chain
is complete and identical to the kiosk's (the standing fault suite)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.certs import make_kiosk_cert
from exam_bank.wire.protocol import PROCTOR_NAME
from exam_bank.wire.tls import client_context
from kiosk.engine import SystemClock
from kiosk.link import LinkedKiosk, ProctorLink
from proctor.lab import Lab, init_lab
from proctor.replica import Replica
from proctor.server import ExamSession, LabServer
from proctor.service import NullRoom, ServerThread
from tests.faults.chaosproxy import ChaosProxy
from tests.kiosk.engine.kit import EXAM, PACKAGE, PINS

NUMBER = "P-0001"


@pytest.fixture
def lab_server(tmp_path: Path) -> Iterator[tuple[Lab, ServerThread, LabServer]]:
    lab = init_lab(tmp_path / "proctor", "Lab", "Pengawas", b"proctor-passphrase",
                   scrypt_n=2**10)
    replica = Replica.open(lab.replica_path, lab.replica_key, EXAM)
    exam = ExamSession(EXAM, "S1", "0" * 64, secrets.token_bytes(32))
    thread = ServerThread(lambda: LabServer(lab, replica, exam, NullRoom()), "127.0.0.1", 0,
                          None)
    server = thread.start()
    thread.call(server.open_session)
    yield lab, thread, server
    thread.stop()
    replica.close()


def run_chaos(lab: Lab, thread: ServerThread, server: LabServer, data: Path, *,
              answers: int, seed: int | None = None) -> dict[str, int]:
    """A kiosk answering through the chaos proxy; the figures of the run."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = make_kiosk_cert(lab.ca, "PC01", key.public_key())
    proxy = ChaosProxy(server.port, seed=seed).start()
    link = ProctorLink("127.0.0.1", proxy.port, client_context(lab.ca.cert, cert, key),
                       "PC01", "A01", server_hostname=PROCTOR_NAME)
    kiosk = LinkedKiosk(link, data, SystemClock())
    try:
        proxy.chaos = False
        status = kiosk.start(30)
        session = kiosk.open_session(PACKAGE, NUMBER)
        assert session.login(NUMBER, PINS[NUMBER], status.token or "", status.token or "").ok
        kiosk.use(session)
        session.confirm_identity()
        session.acknowledge_rules()
        session.start_section()
        proxy.chaos = True
        for n in range(answers):
            session.answer("mc1", "ABCD"[n % 4])  # confirmed: committed on the kiosk
            kiosk.notify_appended()
            time.sleep(0.01)
        confirmed = session.state.last_seq
        proxy.chaos = False  # the link is back
        kiosk.link.notify_appended()
        deadline = time.monotonic() + 60
        while thread.call(lambda: server.replica.last(NUMBER))[0] < confirmed:
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        kept = [e.hash for e in session._log.events] if session._log else []
        stored = [e.hash for e in thread.call(lambda: server.replica.events(NUMBER))]
        return {"confirmed": confirmed, "at_proctor": len(stored),
                "lost": sum(1 for a, b in zip(kept, stored, strict=False) if a != b)
                + max(0, confirmed - len(stored)), **proxy.stats}
    finally:
        kiosk.close()
        proxy.stop()


@pytest.mark.slow
def test_a_chaotic_link_loses_nothing_and_the_chain_is_complete_once_back(
        lab_server: tuple[Lab, ServerThread, LabServer], tmp_path: Path) -> None:
    lab, thread, server = lab_server
    figures = run_chaos(lab, thread, server, tmp_path / "kiosk", answers=150, seed=12)
    assert figures["lost"] == 0, figures
    assert figures["at_proctor"] == figures["confirmed"], figures
    assert sum(figures.get(k, 0) for k in ("dropped", "half_closed", "reordered")) > 0, figures
    assert figures["connections"] > 1, figures  # it did reconnect
