"""From sealed bundle files to stored, scored results.

`import_bundles` opens and checks each bundle (signature, files, manifest, addressing),
then checks each candidate's log, folds and scores it once (`candidate_scoring`: in a
process pool on every core) and stores it, all in one transaction with one bundle in
memory at a time: any bundle refused means nothing from this run is stored
(all-or-nothing, as item import), and every refusal is reported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from exam_bank.bundle.certs import common_name, fingerprint_sha256
from exam_bank.bundle.sealed import SealedBundle, unseal_bundle
from exam_bank.exam_package import ExamPackage
from exam_bank.ids import SessionId
from exam_bank.problems import InputError, Problem
from exam_bank.results.candidate_scoring import CandidateScorer
from exam_bank.results.prompts import prompt_blob
from exam_bank.results.store import ResultsStore, StoredBundle, StoredSubmission
from exam_bank.scoring.makalah_grading import rubric_or_default


@dataclass(frozen=True)
class Keys:
    admin_cert: x509.Certificate
    admin_key: rsa.RSAPrivateKey
    lab_cas: Sequence[x509.Certificate]


def package_digest(path: Path) -> str:
    """What a bundle's manifest names: SHA-256 of the exam package file as delivered."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def prepare(sealed: bytes, where: str, keys: Keys, package: ExamPackage,
            package_sha256: str, scorer: CandidateScorer | None = None) -> StoredBundle:
    """Open, check and score one bundle (its candidates on `scorer`'s pool, if given);
    InputError naming `where` if it is refused."""
    opened = unseal_bundle(sealed, keys.admin_cert, keys.admin_key, keys.lab_cas, where=where)
    _check_addressing(opened, package, package_sha256, where)
    if scorer is None:
        subs = CandidateScorer(package, workers=1).score(opened.exam_id, opened.candidates,
                                                         where)
    else:
        subs = scorer.score(opened.exam_id, opened.candidates, where)
    manifest = opened.manifest
    return StoredBundle(
        digest=opened.digest, exam_id=opened.exam_id, session_id=SessionId(opened.session),
        room=opened.room, sealing_seq=opened.sequence, supersedes=opened.supersedes,
        sealed_at=str(manifest["sealed_at"]), signer=common_name(opened.signer) or "",
        signer_fingerprint=fingerprint_sha256(opened.signer),
        package_digest=str(manifest["package_digest"]), proctors=list(manifest["proctors"]),
        sealed=sealed, berita_acara=opened.berita_acara, incidents=opened.incidents,
        submissions=subs, rubrics=_rubrics(package, subs),
        prompts={i: prompt_blob(package.items[i], package.media)
                 for i in sorted({i for s in subs for i in s.makalah})})


def _rubrics(package: ExamPackage, subs: Sequence[StoredSubmission]
             ) -> dict[str, list[dict[str, Any]]]:
    """The rubric of every makalah in the bundle, so grading needs no package."""
    out = {}
    for item_id in sorted({i for s in subs for i in s.makalah}):
        spec = package.items[item_id].makalah
        rubric = rubric_or_default(spec.rubric if spec else ())
        out[item_id] = [{"id": c.id, "title": c.title, "description": c.description,
                         "max_score": c.max_score, "weight": c.weight} for c in rubric]
    return out


def _check_addressing(opened: SealedBundle, package: ExamPackage, package_sha256: str,
                      where: str) -> None:
    problems = []
    session = opened.session
    exam = package.header.exam_id
    if opened.exam_id != exam:
        problems.append(Problem(where, f"results of exam {opened.exam_id!r}, but the package "
                                f"is exam {exam!r}", field="manifest.json: exam_id"))
    elif opened.manifest["package_digest"] != package_sha256:
        problems.append(Problem(where, "the room ran another package file than the one "
                                "given (SHA-256 differs)", field="manifest.json: package_digest"))
    elif session not in package.roster.sessions:
        problems.append(Problem(where, f"session {session!r} is not on the roster",
                                field="manifest.json: session"))
    else:
        for p in (c.participant_no for c in opened.candidates):
            cand = package.roster.find(p)
            if cand is None:
                problems.append(Problem(where, f"{p} is not on the roster",
                                        field="manifest.json: candidates"))
            elif cand.session != session:
                problems.append(Problem(where, f"{p} sits session {cand.session}, not "
                                        f"{session}", field="manifest.json: candidates"))
        # Every candidate of the session is accounted for (submitted, absent, or not
        # submitted with the reason): a bundle that leaves one out silently is refused, in
        # either format (format 1's proctors listed the whole session as well).
        listed = {c.participant_no for c in opened.candidates}
        for c in package.roster.candidates_in(SessionId(session)):
            if c.participant_no not in listed:
                problems.append(Problem(where, f"{c.participant_no} of session {session} is "
                                        "not accounted for: the manifest lists neither their "
                                        "results nor why there are none (absent, not "
                                        "submitted)", field="manifest.json: candidates"))
    if problems:
        raise InputError(problems)


def import_bundles(store: ResultsStore, files: Sequence[Path], keys: Keys,
                   package: ExamPackage, package_sha256: str,
                   workers: int | None = None) -> list[tuple[Path, str]]:
    """Every bundle checked and stored in ONE transaction, one bundle in memory at a
    time, its candidates checked, folded and scored on `workers` processes (default:
    every core; one pool for the whole run); any refusal (every one is reported) rolls
    the whole run back. (file, outcome) per bundle."""
    outcomes: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    with CandidateScorer(package, workers) as scorer, store.db.transaction():
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as exc:
                problems.append(Problem(str(path), f"cannot read: {exc.strerror}"))
                continue
            try:
                bundle = prepare(data, str(path), keys, package, package_sha256, scorer)
                if not problems:  # after a refusal, only check: it will all roll back
                    outcomes.append((path, store.add_bundle(bundle, str(path))))
            except InputError as exc:
                problems += exc.problems
            del data
        if problems:
            raise InputError(problems)  # leaves the transaction: nothing is stored
    return outcomes
