"""Sealing a session: every candidate's log from the replica, each makalah as text and PDF,
the berita acara and the incidents, in one bundle signed by the proctor's seal certificate
and enveloped for the admins (`exam_bank.bundle.sealed`).

A session may be sealed again (a late candidate finished after the first sealing): each
sealing is numbered, names the digest of the one it supersedes, and is recorded in
``STATE/sealed/<exam>-<session>.json``, so both bundles stay verifiable at the office and
the newer one wins there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.cms import seal_chunks
from exam_bank.bundle.sealed import CandidateResult, PackedLog, SessionResults, bundle_zip
from exam_bank.exam_package import ExamPackage
from exam_bank.examzone import exam_zone
from exam_bank.fsutil import atomic_write
from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.problems import InputError, Problem
from exam_bank.record.actions import ActionKind, ProctorAction
from exam_bank.roster.model import seat_sort_key
from exam_bank.workers import available_cores
from proctor import berita_acara
from proctor.day_record import DayRecord, Person, ServerFact, day_record
from proctor.lab import Lab
from proctor.prepared import (
    Prepared,
    PreparedStore,
    PrepareJob,
    paper_metas,
    prepare,
    prepare_many,
)
from proctor.questioned import LOG, Questioned, questioned_logs
from proctor.replica import Replica
from proctor.seal_receipt import SealReceipt, write_receipt

SEALED_DIR = "sealed"
POOL_FROM = 8  # unprepared candidates worth starting worker processes for (~1 s to start)


@dataclass(frozen=True)
class Sealed:
    path: Path
    sequence: int
    digest: str  # SHA-256 of the signed zip
    candidates: int
    submitted: int
    receipt: Path | None = None  # the printed sealing receipt (`seal_receipt`)


class SealRefusal(StrEnum):
    NO_MINUTES = "no_minutes"  # no berita acara draft yet
    MINUTES_INCOMPLETE = "minutes_incomplete"  # the draft lacks fields sealing needs
    LOGS_UNDECIDED = "logs_undecided"  # questioned logs wait for the proctor's decision


class SealRefused(InputError):
    """Sealing cannot go on yet: `code` says why (the console words it), `who` names the
    candidates concerned; the problems are the English detail for the shell."""

    def __init__(self, code: SealRefusal, problems: Iterable[Problem],
                 who: Sequence[ParticipantNo] = ()) -> None:
        super().__init__(problems)
        self.code, self.who = code, tuple(who)


def draft_path(lab: Lab, package: ExamPackage, session_id: SessionId) -> Path:
    """Where the console keeps this exam's session's berita acara draft."""
    return berita_acara.draft_file(lab.dir, package.blueprint.exam.id, session_id)


def load_minutes(lab: Lab, package: ExamPackage, session_id: SessionId
                 ) -> tuple[berita_acara.BeritaAcara | None, str]:
    """This exam's session's draft (`berita_acara.load_session_draft`): an old-named draft
    is taken only when it is this exam's."""
    exam = package.blueprint.exam
    report, ignored = berita_acara.load_session_draft(lab.dir, exam.id, exam.title, session_id)
    # The exam's zone, whatever the draft says (a draft saved before it was kept says WIB).
    return (replace(report, timezone=exam.timezone) if report else None), ignored


def read_minutes(lab: Lab, package: ExamPackage, session_id: SessionId,
                 record: DayRecord | None = None) -> berita_acara.BeritaAcara:
    """The berita acara to seal: it must exist and, with what the record says put in
    (`record`), be complete (agency, signers with NIPs)."""
    path = draft_path(lab, package, session_id)
    report, ignored = load_minutes(lab, package, session_id)
    if report is None:
        raise SealRefused(SealRefusal.NO_MINUTES, [Problem(
            str(path), "no berita acara yet: fill it in before sealing, on the console "
            "(Berita acara) or, without one, with `ujikom proctor berita-acara … --template` "
            "then `--from`" + (f" ({ignored})" if ignored else ""))])
    if record is not None:
        report = berita_acara.with_record(report, record)
    problems = report.problems()
    if problems:
        raise SealRefused(SealRefusal.MINUTES_INCOMPLETE,
                          [Problem(str(path), message, field=name)
                           for name, message in problems])
    return report


def candidate_results(lab: Lab, package: ExamPackage, replica: Replica,
                      session_id: SessionId) -> list[CandidateResult]:
    """Each candidate of the session as the replica holds them now; no log means absent."""
    return _results(package, session_id, prepared_candidates(lab, package, replica,
                                                             session_id))


def prepared_candidates(lab: Lab, package: ExamPackage, replica: Replica,
                        session_id: SessionId) -> dict[ParticipantNo, Prepared]:
    """Each candidate of the session with a log, prepared as the replica holds them now.
    Candidates the server prepared when they submitted are taken as prepared (if their
    chain has not moved since); the others are prepared here, on every core when many."""
    exam_id = package.header.exam_id
    store = PreparedStore(lab.dir, exam_id, lab.replica_key)
    people = [c.participant_no for c in package.roster.candidates_in(session_id)]
    ready: dict[ParticipantNo, Prepared] = {}
    missing: list[ParticipantNo] = []
    for pno in people:
        seq, hash_ = replica.chain_end(pno)
        if seq == 0:
            continue
        prepared = store.load(pno, seq, hash_)
        if prepared is None:
            missing.append(pno)
        else:
            ready[pno] = prepared
    jobs = {pno: PrepareJob(lab.dir, lab.replica_path, lab.replica_key, exam_id, pno,
                            paper_metas(package, pno)) for pno in missing}
    if len(jobs) >= POOL_FROM and available_cores() > 1:
        prepare_many(list(jobs.values()))
        for pno, job in jobs.items():
            again = store.load(pno, *replica.chain_end(pno))
            ready[pno] = again if again is not None else _prepare_here(replica, job)
    else:
        for pno, job in jobs.items():
            ready[pno] = _prepare_here(replica, job)
    return ready


def _results(package: ExamPackage, session_id: SessionId, ready: dict[ParticipantNo, Prepared]
             ) -> list[CandidateResult]:
    results = []
    for c in package.roster.candidates_in(session_id):
        pno = c.participant_no
        got = ready.get(pno)
        if got is None:
            results.append(CandidateResult(pno, status="absent",
                                           reason="no log reached the proctor"))
            continue
        # The stored lines as they are (deflated): sealing neither re-encodes the log nor
        # folds it (the office verifies and folds it anyway, and refuses a paper that
        # differs).
        results.append(CandidateResult(
            pno, status="submitted" if got.submitted else "incomplete",
            reason="" if got.submitted else f"did not submit: the log ends after {got.seq} "
            "events",
            makalah_pdf=got.pdfs, makalah=got.texts,
            packed_log=PackedLog(got.log, events=got.seq, final_hash=got.hash)))
    return results


def day_record_of(package: ExamPackage, session_id: SessionId, ready: dict[ParticipantNo, Prepared],
                  replica: Replica) -> DayRecord:
    """The session's record for the berita acara, from the prepared candidates and the
    server's incidents in the replica (see `prepared_candidates`)."""
    people = sorted((Person(c.participant_no, c.name, c.seat)
                     for c in package.roster.candidates_in(session_id)),
                    key=lambda p: seat_sort_key(p.seat))
    server = [ServerFact(i.wall, i.seat, i.participant_no, i.kind, i.count, i.last_wall or "")
              for i in replica.incidents(session_id)]
    return day_record(
        package.blueprint.exam.id, session_id, people,
        {pno: got.record for pno, got in ready.items()}, server,
        {pno: (got.seq, got.hash) for pno, got in ready.items()},
        {pno: got.span for pno, got in ready.items()},
        {s.id: s.title for s in package.blueprint.sections},
        exam_zone(package.blueprint.exam.timezone), actions=replica.actions(session_id))


def session_record(lab: Lab, package: ExamPackage, replica: Replica,
                   session_id: SessionId) -> DayRecord:
    """The session's record as the replica holds it now (the headless berita acara)."""
    return day_record_of(package, session_id,
                         prepared_candidates(lab, package, replica, session_id), replica)


def _prepare_here(replica: Replica, job: PrepareJob) -> Prepared:
    """One candidate prepared in this process from this replica connection (a chain
    still moving while the pool worked, or too few to start worker processes for)."""
    prepared = prepare(job, replica.encoded_log(job.participant_no))
    assert prepared is not None  # the candidate has a log: chain_end said so
    return prepared


def _record_path(lab: Lab, exam_id: str, session_id: SessionId) -> Path:
    return lab.dir / SEALED_DIR / f"{exam_id}-{session_id}.json"


def _sealings(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError([Problem(str(path), f"cannot read the sealing record: {exc}")]) \
            from None
    if not isinstance(data, list):
        raise InputError([Problem(str(path), "the sealing record must be a list")])
    return data


def seal_session(lab: Lab, replica: Replica, package: ExamPackage, package_digest: str,
                 session_id: SessionId, admin_certs: Sequence[x509.Certificate],
                 out: Path) -> Sealed:
    """Seals the session into `out`; InputError (nothing written) when it cannot be."""
    if not admin_certs:
        raise InputError([Problem("--admin-cert", "at least one admin certificate is needed "
                                  "(the office that will import the results)")])
    read_minutes(lab, package, session_id)  # refused before any work when there is none
    record = _record_path(lab, package.blueprint.exam.id, session_id)
    previous = _sealings(record)
    sitting = package.roster.sessions[session_id]
    zone = exam_zone(package.blueprint.exam.timezone)  # the receipt's clock, not this PC's
    ready = prepared_candidates(lab, package, replica, session_id)
    # The proctor's own word (the draft's absentees, before the record fills it in from
    # the logs) against the logs: a questioned log waits for a decision; a rejected one
    # is sealed as absent and counts as absent in the berita acara.
    draft, _ignored = load_minutes(lab, package, session_id)
    marked = [a.participant_no for a in draft.absentees] if draft is not None else []
    rejected = _decided_logs(replica, package, session_id, marked)
    ready = {pno: got for pno, got in ready.items() if pno not in rejected}
    candidates = [_why(c, marked, replica) for c in _results(package, session_id, ready)]
    # What happened is taken from the logs being sealed, whatever the draft said.
    report = read_minutes(lab, package, session_id, day_record_of(package, session_id, ready,
                                                         replica))
    # The proctor's actions travel with the incidents, with who and why, so the office's
    # candidate report prints them as the berita acara does (`ProctorAction.to_json`).
    incidents = [{"wall": i.wall, "seat": i.seat, "participant_no": i.participant_no,
                  "kind": i.kind, "evidence": i.evidence, "count": i.count,
                  "last": i.last_wall or i.wall} for i in replica.incidents(session_id)]
    incidents += [a.to_json() for a in replica.actions(session_id)]
    contents = SessionResults(
        exam_id=package.blueprint.exam.id, package_digest=package_digest,
        session=session_id, room=sitting.room or report.room,
        proctors=[s.name for s in (report.proctor1, report.proctor2) if s.name],
        candidates=candidates, berita_acara_pdf=berita_acara.pdf_bytes(report), incidents=incidents,
        sequence=len(previous) + 1,
        supersedes=previous[-1]["digest"] if previous else None,
        sealed_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        timezone=package.blueprint.exam.timezone)
    payload = bundle_zip(contents)
    # Streamed to the file: a room of 4-hour logs is over 1 GB, and one whole copy of
    # the sealed bytes in memory would cost seconds and as much memory again.
    if not isinstance(lab.seal.key, ec.EllipticCurvePrivateKey):
        raise ValueError("the lab's seal key is not an EC key")  # lab.py makes only EC keys
    sealed = seal_chunks(payload, signer_cert=lab.seal.cert, signer_key=lab.seal.key,
                         chain=[lab.ca.cert], recipients=list(admin_certs))
    atomic_write(out, sealed, 0o600)
    digest = hashlib.sha256(payload).hexdigest()
    entry = {"sequence": contents.sequence, "digest": digest, "file": str(out),
             "sealed_at": contents.sealed_at}
    atomic_write(record, json.dumps([*previous, entry], indent=1).encode() + b"\n", 0o600)
    submitted = sum(c.status == "submitted" for c in candidates)
    receipt = write_receipt(SealReceipt(
        report.agency, report.exam_title, session_id, contents.room, contents.sequence,
        dt.datetime.fromisoformat(contents.sealed_at).astimezone(zone), out.name, digest,
        report.logs_digest, contents.supersedes, len(candidates), submitted,
        report.proctor1.name, report.proctor1.nip), out)
    return Sealed(out, contents.sequence, digest, len(candidates), submitted, receipt)


def _why(result: CandidateResult, marked_absent: Sequence[ParticipantNo],
         replica: Replica) -> CandidateResult:
    """`result` with the reason the manifest gives for an absent candidate: the berita
    acara, or the proctor's rejection of their log."""
    if result.status != "absent":
        return result
    decision = replica.decision(result.participant_no, LOG)
    if decision is not None and not decision.accepted:
        return replace(result, reason=f"log rejected by the proctor: {decision.reason}")
    if result.participant_no in marked_absent:
        return replace(result, reason="absent per the berita acara")
    return result


def questioned(replica: Replica, package: ExamPackage, session_id: SessionId,
               absentees: Sequence[ParticipantNo]) -> list[Questioned]:
    """The session's logs the room did not vouch for (`proctor.questioned`)."""
    people = list(package.roster.candidates_in(session_id))
    logs = {c.participant_no: replica.chain_end(c.participant_no)[0] for c in people}
    bound = {p: b for p in logs if (b := replica.seat_of(p)) is not None}
    approved = {d.participant_no for d in replica.decisions()
                if d.accepted and d.subject.startswith("login on ")}
    plan = {c.participant_no: c.seat for c in people if c.seat}
    return questioned_logs(logs, absentees, plan, bound, approved)


def _decided_logs(replica: Replica, package: ExamPackage, session_id: SessionId,
                  absentees: Sequence[ParticipantNo]) -> set[ParticipantNo]:
    """The questioned logs the proctor rejected (sealed as absent); InputError naming
    every one still waiting for a decision, and how to decide."""
    rejected, waiting = set(), []
    for q in questioned(replica, package, session_id, absentees):
        decision = replica.decision(q.participant_no, LOG)
        if decision is None:
            waiting.append(Problem(q.participant_no, f"{q.why}: sealing waits for the "
                                   "proctor to accept this log (with a reason) or reject it "
                                   "— on the console, or `ujikom proctor decide --participant "
                                   f"{q.participant_no} --accept|--reject --reason …`"))
        elif not decision.accepted:
            rejected.add(q.participant_no)
    if waiting:
        raise SealRefused(SealRefusal.LOGS_UNDECIDED, waiting,
                          [ParticipantNo(p.where) for p in waiting])  # where: the number
    return rejected


def decide_log(replica: Replica, session_id: SessionId, participant_no: ParticipantNo,
               accepted: bool, reason: str, by: str, why: str = "") -> ProctorAction:
    """The proctor's decision on a questioned log, kept for sealing and as an action of
    the record (the berita acara, the bundle), which it returns; ValueError without a
    reason."""
    decision = replica.decide(participant_no, LOG, accepted, reason, by)
    seat = replica.seat_of(participant_no)
    verdict = "accepted" if accepted else "rejected: sealed as absent"
    return replica.add_action(session_id, ProctorAction(
        decision.wall, ActionKind.LOG_ACCEPTED if accepted else ActionKind.LOG_REJECTED,
        decision.by, decision.reason, participant_no, seat[1] if seat else "",
        seat[0] if seat else "", detail=f"{participant_no}'s log {verdict}"
        + (f" ({why})" if why else "")))


@dataclass(frozen=True)
class SessionSealer:
    """What the console's "Seal the results" needs: this session's sealings so far, and
    sealing it again for the office certificate the proctor chooses. Each sealing opens
    its own replica connection (the server keeps writing through its own)."""

    lab: Lab
    package: ExamPackage
    package_digest: str
    session_id: SessionId
    # Told each decision made here (the console's room, whose record the berita acara
    # form prints, is fed what this connection wrote to the replica).
    on_action: Callable[[ProctorAction], None] | None = None

    def sealings(self) -> list[dict[str, Any]]:
        """The earlier sealings of this session, oldest first (sequence, digest, file,
        sealed_at); InputError if the record cannot be read."""
        return _sealings(_record_path(self.lab, self.package.blueprint.exam.id,
                                      self.session_id))

    def waiting(self) -> list[Questioned]:
        """The questioned logs no decision covers yet: sealing refuses while any is left."""
        draft, _ignored = load_minutes(self.lab, self.package, self.session_id)
        marked = [a.participant_no for a in draft.absentees] if draft is not None else []
        with Replica.open(self.lab.replica_path, self.lab.replica_key,
                          self.package.header.exam_id) as replica:
            return [q for q in questioned(replica, self.package, self.session_id, marked)
                    if replica.decision(q.participant_no, LOG) is None]

    def decide(self, participant_no: ParticipantNo, accepted: bool, reason: str, by: str,
               why: str = "") -> None:
        """The console's twin of `ujikom proctor decide --accept|--reject` (`decide_log`);
        ValueError without a reason."""
        with Replica.open(self.lab.replica_path, self.lab.replica_key,
                          self.package.header.exam_id) as replica:
            action = decide_log(replica, self.session_id, participant_no, accepted, reason,
                                by, why)
        if self.on_action is not None:
            self.on_action(action)

    def seal(self, admin_cert: Path, out: Path) -> Sealed:
        from exam_bank.wire.tls import read_cert

        cert = read_cert(admin_cert)
        with Replica.open(self.lab.replica_path, self.lab.replica_key,
                          self.package.header.exam_id) as replica:
            return seal_session(self.lab, replica, self.package, self.package_digest,
                                self.session_id, [cert], out)
