"""The role attacks of `tests/attacks/roles.py` replayed as one tally
for the fault suite and its benchmark: a genuine sealing's forged successor (an answer
edited, the chain re-hashed, marked as superseding) signed by each key of the lab that is
not the seal key, and opened by the office's importer."""

from __future__ import annotations

from tests.faults.attacks import Tally


def forged_reseals() -> Tally:
    from exam_bank.bundle.sealed import CandidateResult, SessionResults, open_bundle
    from exam_bank.problems import InputError
    from tests.attacks.roles import forged_reseal, lab_keys, signed_by
    from tests.exam_bank.results.sealkit import DIGEST, EXAM, events

    keys = lab_keys()
    genuine = SessionResults(EXAM, DIGEST, "S1", "Lab", ["Bu Rina"],
                             [CandidateResult("SLT-0001", events("SLT-0001", revisions=3))],
                             b"%PDF-1.4\n%%EOF\n", sealed_at="2026-12-08T10:05:00+00:00")
    forged = forged_reseal(genuine, "SLT-0001", "D")
    tally = Tally()
    for signer in keys.signers().values():
        tally.tried += 1
        data = signed_by(forged, signer, [keys.ca.cert], [keys.admin.cert])
        try:
            open_bundle(data, keys.admin.cert, keys.admin.key,  # type: ignore[arg-type]
                        [keys.ca.cert], where="forged.p7m")
            tally.accepted += 1
        except InputError:
            tally.refused += 1
    return tally
