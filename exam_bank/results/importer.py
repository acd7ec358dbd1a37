"""From sealed bundle files to stored, scored results.

`import_bundles` opens and checks each bundle (signature, addressing, logs), folds and
scores each candidate once and stores it, all in one transaction with one bundle in memory
at a time: any bundle refused means nothing from this run is stored (all-or-nothing, as
item import), and every refusal is reported.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from exam_bank.bundle.certs import common_name, fingerprint_sha256
from exam_bank.bundle.sealed import OpenedBundle, OpenedCandidate, open_bundle
from exam_bank.events.fold import SessionState, fold, section_limits, section_navigation
from exam_bank.events.model import Event, EventType, text_hash
from exam_bank.exam_package import ExamPackage, score_participant
from exam_bank.problems import InputError, Problem
from exam_bank.results.receipt import short_code
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
            package_sha256: str) -> StoredBundle:
    """Open, check and score one bundle; InputError naming `where` if it is refused."""
    opened = open_bundle(sealed, keys.admin_cert, keys.admin_key, keys.lab_cas, where=where)
    _check_addressing(opened, package, package_sha256, where)
    subs = [_score(opened, cand, package, where) for cand in opened.candidates.values()]
    manifest = opened.manifest
    return StoredBundle(
        digest=opened.digest, exam_id=opened.exam_id, session_id=opened.session,
        room=opened.room, sealing_seq=opened.sequence, supersedes=opened.supersedes,
        sealed_at=str(manifest["sealed_at"]), signer=common_name(opened.signer) or "",
        signer_fingerprint=fingerprint_sha256(opened.signer),
        package_digest=str(manifest["package_digest"]), proctors=list(manifest["proctors"]),
        sealed=sealed, berita_acara=opened.berita_acara, incidents=opened.incidents,
        submissions=subs, rubrics=_rubrics(package, subs))


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


def _check_addressing(opened: OpenedBundle, package: ExamPackage, package_sha256: str,
                      where: str) -> None:
    problems = []
    exam = package.header.exam_id
    if opened.exam_id != exam:
        problems.append(Problem(where, f"results of exam {opened.exam_id!r}, but the package "
                                f"is exam {exam!r}", field="manifest.json: exam_id"))
    elif opened.manifest["package_digest"] != package_sha256:
        problems.append(Problem(where, "the room ran another package file than the one "
                                "given (SHA-256 differs)", field="manifest.json: package_digest"))
    elif opened.session not in package.roster.sessions:
        problems.append(Problem(where, f"session {opened.session!r} is not on the roster",
                                field="manifest.json: session"))
    else:
        for p in opened.candidates:
            cand = package.roster.find(p)
            if cand is None:
                problems.append(Problem(where, f"{p} is not on the roster",
                                        field="manifest.json: candidates"))
            elif cand.session != opened.session:
                problems.append(Problem(where, f"{p} sits session {cand.session}, not "
                                        f"{opened.session}", field="manifest.json: candidates"))
    if problems:
        raise InputError(problems)


def fold_candidate(package: ExamPackage, cand: OpenedCandidate) -> SessionState:
    bp = package.blueprint
    return fold(cand.events, package.forms[cand.participant_no], package.items,
                section_limits(bp), section_navigation(bp))


def state_summary(state: SessionState, events: Sequence[Event] = ()) -> dict[str, Any]:
    """What the reports need later without folding again: counts, the answers as given
    (an mr answer as a sorted list), and the incidents with their time."""
    walls = {e.seq: e.wall for e in events}
    answers = {item: sorted(r) if isinstance(r, frozenset) else r
               for item, r in state.answers.items()}
    return {"phase": str(state.phase), "answered": len(state.answers),
            "answers": answers,
            "incident_list": [{"wall": walls.get(i.seq, ""), "kind": i.kind, "note": i.note}
                              for i in state.incidents],
            "items": sum(len(s.item_ids) for s in state.context.form.sections),
            "sections_submitted": {k: str(v) for k, v in state.submitted.items()},
            "runs": state.runs, "focus_losses": state.focus_losses,
            "pastes_refused": state.pastes_refused, "incidents": len(state.incidents),
            "problems": [str(p) for p in state.problems[:50]],
            "problem_count": len(state.problems)}


def _score(opened: OpenedBundle, cand: OpenedCandidate, package: ExamPackage,
           where: str) -> StoredSubmission:
    p = cand.participant_no
    name = package.roster.candidate(p).name
    state_doc: dict[str, Any] = {"phase": "absent"}
    score = None
    if cand.events:
        state = fold_candidate(package, cand)
        state_doc = state_summary(state, cand.events)
        try:
            score = score_participant(package, p, state.answers).to_dict()
        except ValueError as exc:
            raise InputError([Problem(where, f"{p}: cannot score: {exc}")]) from None
        if dict(state.makalah) != cand.makalah:
            raise InputError([Problem(where, f"{p}: the papers rebuilt by the fold differ "
                                      "from the bundle's", field=f"logs/{p}.jsonl")])
    submitted = next((e.wall for e in reversed(cand.events)
                      if e.type == EventType.EXAM_SUBMITTED), None)
    return StoredSubmission(
        participant_no=p, name=name, status=cand.status, final_hash=cand.final_hash,
        receipt_code=short_code(cand.final_hash) if cand.final_hash else "",
        event_count=len(cand.events), submitted_at=submitted,
        log=zlib.compress(cand.log, 6), state=state_doc, score=score,
        makalah={item: (text, text_hash(text), cand.makalah_pdf.get(item))
                 for item, text in cand.makalah.items()})


def import_bundles(store: ResultsStore, files: Sequence[Path], keys: Keys,
                   package: ExamPackage, package_sha256: str) -> list[tuple[Path, str]]:
    """Every bundle checked and stored in ONE transaction, one bundle in memory at a
    time; any refusal (every one is reported) rolls the whole run back. (file, outcome)
    per bundle."""
    outcomes: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    with store.db.transaction():
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as exc:
                problems.append(Problem(str(path), f"cannot read: {exc.strerror}"))
                continue
            try:
                bundle = prepare(data, str(path), keys, package, package_sha256)
                if not problems:  # after a refusal, only check: it will all roll back
                    outcomes.append((path, store.add_bundle(bundle, str(path))))
            except InputError as exc:
                problems += exc.problems
            del data
        if problems:
            raise InputError(problems)  # leaves the transaction: nothing is stored
    return outcomes
