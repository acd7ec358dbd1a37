"""Role attacks, as plain functions that build the attack so any suite
can replay them: a lab's every certificate, a results bundle forged from a room's genuine
results (an answer edited, the chain re-hashed, the manifest rebuilt, marked as superseding
the genuine sealing) and signed with whichever key of the lab the attacker holds.

Nothing here checks anything: the tests decide what must be refused."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.certs import (
    Issued,
    make_admin,
    make_kiosk_cert,
    make_lab_ca,
    make_proctor_tls,
    make_seal,
)
from exam_bank.bundle.cms import seal
from exam_bank.bundle.sealed import CandidateResult, SessionResults, bundle_zip
from exam_bank.events.chain import make_event
from exam_bank.events.model import Event, EventType
from exam_bank.wire.protocol import PROCTOR_NAME


@dataclass(frozen=True)
class LabKeys:
    """Every certificate (with its key) a lab CA issues, and an office admin's."""

    ca: Issued
    seal: Issued  # signs result bundles
    server: Issued  # the proctor's TLS server certificate
    kiosk: Issued  # an enrolled kiosk's TLS client certificate
    admin: Issued  # the office's recipient certificate (its own CA)

    def signers(self) -> dict[str, Issued]:
        """The lab's keys that are NOT the seal key, by role: each must fail to sign."""
        return {"kiosk": self.kiosk, "server": self.server}


def lab_keys(admin_bits: int = 2048) -> LabKeys:
    ca = make_lab_ca("Lab Uji Lab CA")
    kiosk_key = ec.generate_private_key(ec.SECP256R1())
    kiosk = Issued(make_kiosk_cert(ca, "pc-07", kiosk_key.public_key()), kiosk_key)
    admin = make_admin(make_lab_ca("Kantor BKPSDM"), "Admin BKPSDM", key_size=admin_bits)
    return LabKeys(ca, make_seal(ca, "Budi Santoso"),
                   make_proctor_tls(ca, [PROCTOR_NAME, "127.0.0.1"]), kiosk, admin)


def rehashed(events: Sequence[Event]) -> list[Event]:
    """`events` with every hash recomputed from the first prev_hash: what an attacker who
    edited an event does to make the chain whole again."""
    out: list[Event] = []
    prev = events[0].prev_hash if events else ""
    for e in events:
        out.append(make_event(e.seq, e.type, e.wall, e.mono_ms, e.run, e.data, prev))
        prev = out[-1].hash
    return out


def edit_first_answer(events: Sequence[Event], answer: object) -> list[Event]:
    """The log with its first answer changed to `answer`, the chain re-hashed."""
    edited = list(events)
    for n, e in enumerate(edited):
        if e.type == EventType.ANSWER_SET:
            edited[n] = dataclasses.replace(e, data={**e.data, "answer": answer})
            return rehashed(edited)
    raise ValueError("the log has no answer to edit")


def forged_reseal(genuine: SessionResults, victim: str, answer: object) -> SessionResults:
    """The genuine results with `victim`'s first answer changed, marked as sealing
    `genuine.sequence + 1`, superseding the genuine bundle."""
    cands = [dataclasses.replace(c, events=edit_first_answer(c.events, answer))
             if c.participant_no == victim else c for c in genuine.candidates]
    if not any(c.participant_no == victim for c in genuine.candidates):
        raise ValueError(f"{victim} is not in the results")
    return dataclasses.replace(genuine, candidates=cands, sequence=genuine.sequence + 1,
                               supersedes=hashlib.sha256(bundle_zip(genuine)).hexdigest())


def signed_by(results: SessionResults, signer: Issued, chain: Sequence[x509.Certificate],
              recipients: Sequence[x509.Certificate]) -> bytes:
    """`results` sealed with any EC key of the lab (no role check: an attacker's tool)."""
    key = signer.key
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise TypeError("the lab's keys are EC")
    return seal(bundle_zip(results), signer_cert=signer.cert, signer_key=key, chain=chain,
                recipients=recipients)


__all__ = ["CandidateResult", "LabKeys", "edit_first_answer", "forged_reseal", "lab_keys",
           "rehashed", "signed_by"]
