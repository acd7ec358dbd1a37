"""Each candidate's results made ready for sealing as soon as they submit.

Sealing a room must take seconds, but a 4-hour makalah log is ~6 MB in the replica and
its paper takes a quarter of a second to render. So when a candidate submits, the server
hands a job to a separate process (`Preparer`) that reads the log from the replica,
deflates it as the sealed zip will hold it (a 4-hour log shrinks ~4x), rebuilds each
paper from its last checkpoint, renders its PDF, and keeps all of it in
``STATE/prepared/<exam>/<participant>.bin``, encrypted and authenticated with AES-256-GCM
under a key derived (HKDF) from the replica key: nothing leaves the replica in the clear.

A prepared file names the chain end (seq and hash) it was made from. Sealing uses it
only when that is still the candidate's chain end in the replica; otherwise (an event
came after, the file is missing, damaged or from another key) it prepares the candidate
again from the replica. So a prepared file can make sealing faster, never different.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from exam_bank.bundle.ziparchive import Deflated, deflate
from exam_bank.events.chain import decode_event, log_end
from exam_bank.events.makalah import rebuild
from exam_bank.exam_package import ExamPackage
from exam_bank.fsutil import atomic_write
from exam_bank.ids import ParticipantNo
from exam_bank.items.media import all_media, case_shown
from exam_bank.makalah.pdf import PdfMeta, render_pdf
from exam_bank.record.facts import CandidateRecord, record_apply, relevant_events
from exam_bank.workers import available_cores, process_pool
from proctor.replica import Replica

log = logging.getLogger(__name__)

PREPARED_DIR = "prepared"
MAGIC = b"UJIKOM-PREPARED-1\n"
NONCE_BYTES = 12

# Canonical JSON (sorted keys, no spaces) writes the type exactly so, and a quote inside a
# string value is escaped, so a paper's text can never contain these bytes.
SUBMITTED = b'"type":"exam_submitted"'
_REVISION = b'"type":"makalah_revision"'


@dataclass(frozen=True)
class Prepared:
    """One candidate ready to seal: the stored log up to (seq, hash), deflated as the
    bundle's zip will hold it, and each paper as text and PDF."""

    participant_no: ParticipantNo
    seq: int  # the chain end, which is also the number of events (seq counts from 1)
    hash: str
    log: Deflated
    submitted: bool
    texts: dict[str, str]
    pdfs: dict[str, bytes]
    record: CandidateRecord = field(default_factory=CandidateRecord)  # for the berita acara
    span: tuple[str, str] = ("", "")  # the first and last event's wall time


def final_papers(log: bytes) -> dict[str, str]:
    """Each makalah's last text from a stored log, rebuilt from its last checkpoint: a
    4-hour paper's 14,000 revisions need only the last couple of hundred decoded. The
    replica accepted these events in order (the kiosk appends only what its fold allows),
    so the last revision is the paper."""
    tails: dict[str, list[dict[str, object]]] = {}
    done: list[bytes] = []  # '"item":"MK1"' of the papers already back at a checkpoint
    for line in reversed(log.splitlines()):
        if _REVISION not in line or any(marker in line for marker in done):
            continue
        data = json.loads(line)["data"]
        item = data["item"]
        tails.setdefault(item, []).append(data)
        if "full" in data:
            done.append(b'"item":' + json.dumps(item, ensure_ascii=False).encode("utf-8"))
    texts = {}
    for item, revisions in tails.items():
        text = ""
        for data in reversed(revisions):
            text = rebuild(text, data)
        texts[item] = text
    return texts


def paper_metas(package: ExamPackage, participant_no: ParticipantNo) -> dict[str, PdfMeta]:
    """How each makalah of the package is headed in this candidate's PDF."""
    exam = package.blueprint.exam
    metas = {}
    for item_id, item in package.items.items():
        spec = item.makalah
        if spec is None:
            continue
        metas[item_id] = PdfMeta(
            heading=[exam.title, f"Peserta {participant_no}", item_id], title=item.stem,
            running=f"{exam.id} · {participant_no}",
            min_words=spec.word_min or None, max_words=spec.word_max or None,
            instructions=spec.instructions, case_material=case_shown(item),
            media={m: package.media[m] for m in all_media(item) if m in package.media})
    return metas


def prepared_key(replica_key: bytes) -> bytes:
    """The prepared files' AES key: HKDF of the replica key, for this use only."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"ujikom proctor prepared results v1").derive(replica_key)


class PreparedStore:
    """The encrypted prepared files of one exam in the proctor's state folder."""

    def __init__(self, state: Path, exam_id: str, replica_key: bytes) -> None:
        self.folder = Path(state) / PREPARED_DIR / exam_id
        self.exam_id = exam_id
        self._aead = AESGCM(prepared_key(replica_key))

    def path(self, participant_no: ParticipantNo) -> Path:
        return self.folder / f"{participant_no}.bin"

    def _aad(self, participant_no: ParticipantNo) -> bytes:
        return MAGIC + f"{self.exam_id}/{participant_no}".encode()

    def save(self, prepared: Prepared) -> None:
        packed = prepared.log
        header = {"participant_no": prepared.participant_no, "seq": prepared.seq,
                  "hash": prepared.hash, "submitted": prepared.submitted,
                  "log": {"deflated": len(packed.data), "size": packed.size, "crc": packed.crc},
                  "papers": {item: {"text": text, "pdf": len(prepared.pdfs.get(item, b""))}
                             for item, text in sorted(prepared.texts.items())},
                  "record": prepared.record.to_dict(), "span": list(prepared.span)}
        plain = b"".join([json.dumps(header, sort_keys=True).encode(), b"\n", packed.data,
                          *(prepared.pdfs.get(item, b"") for item in sorted(prepared.texts))])
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plain, self._aad(prepared.participant_no))
        atomic_write(self.path(prepared.participant_no), [MAGIC, nonce, sealed], 0o600)

    def load(self, participant_no: ParticipantNo, seq: int, hash_: str) -> Prepared | None:
        """The prepared candidate if it was made from exactly this chain end; None when
        it is missing, out of date, or cannot be opened (then it is prepared again)."""
        path = self.path(participant_no)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("%s: cannot read (%s); preparing again", path, exc)
            return None
        start = len(MAGIC) + NONCE_BYTES
        if not data.startswith(MAGIC) or len(data) < start:
            log.warning("%s: not a prepared file; preparing again", path)
            return None
        try:
            plain = self._aead.decrypt(data[len(MAGIC):start], data[start:],
                                       self._aad(participant_no))
        except InvalidTag:
            log.warning("%s: fails authentication (damaged, or another key); preparing "
                        "again", path)
            return None
        cut = plain.index(b"\n")
        header = json.loads(plain[:cut])
        if (header["participant_no"], header["seq"], header["hash"]) != (participant_no,
                                                                         seq, hash_):
            return None
        if "record" not in header:  # prepared before the record was kept
            return None
        at, packed = cut + 1, header["log"]
        body = Deflated(plain[at:at + packed["deflated"]], packed["size"], packed["crc"])
        at += packed["deflated"]
        texts, pdfs = {}, {}
        for item, paper in sorted(header["papers"].items()):
            texts[item] = paper["text"]
            if paper["pdf"]:
                pdfs[item] = plain[at:at + paper["pdf"]]
                at += paper["pdf"]
        return Prepared(participant_no, seq, hash_, body, header["submitted"], texts, pdfs,
                        CandidateRecord.from_dict(header["record"]),
                        (str(header["span"][0]), str(header["span"][1])))


@dataclass(frozen=True)
class PrepareJob:
    """What a worker process needs to prepare one candidate (picklable)."""

    state: Path
    replica_path: Path
    replica_key: bytes
    exam_id: str
    participant_no: ParticipantNo
    metas: Mapping[str, PdfMeta]


def record_of(log: bytes) -> tuple[CandidateRecord, tuple[str, str]]:
    """The candidate's record and the wall times of their first and last event, reading
    only the events the record needs (a 4-hour log's keystrokes are not decoded)."""
    record = reduce(record_apply, relevant_events(log), CandidateRecord())
    first = decode_event(log[:log.index(b"\n")] if b"\n" in log else log)
    return record, (first.wall, record.last_wall)


def prepare(job: PrepareJob, log_bytes: bytes | None = None) -> Prepared | None:
    """Prepare one candidate from the replica (or from `log_bytes` already read) and
    keep it; the prepared candidate, or None when they have no log yet. Someone already
    prepared at this chain end (a resend, a restarted server) is only read back."""
    if log_bytes is None:
        log_bytes = _read_log(job)
    if not log_bytes:
        return None
    seq, hash_ = log_end(log_bytes)
    store = PreparedStore(job.state, job.exam_id, job.replica_key)
    fresh = store.load(job.participant_no, seq, hash_)
    if fresh is not None:
        return fresh
    texts = final_papers(log_bytes)
    pdfs = {item: render_pdf(text, job.metas[item]) for item, text in texts.items()
            if item in job.metas}
    prepared = Prepared(job.participant_no, seq, hash_, deflate(log_bytes),
                        SUBMITTED in log_bytes, texts, pdfs, *record_of(log_bytes))
    store.save(prepared)
    return prepared


def _prepare_quietly(job: PrepareJob) -> str:
    """The worker's entry point: prepare and return only the participant number (the
    prepared bytes stay in the file, they need not travel back through a pipe)."""
    prepare(job)
    return job.participant_no


_replicas: dict[tuple[Path, str], Replica] = {}  # a worker's connections, kept open


def _read_log(job: PrepareJob) -> bytes:
    """The candidate's stored log, through one replica connection per worker process."""
    key = (job.replica_path, job.exam_id)
    replica = _replicas.get(key)
    if replica is None:
        replica = _replicas[key] = Replica.open(job.replica_path, job.replica_key,
                                                job.exam_id)
    return replica.encoded_log(job.participant_no)


def prepare_many(jobs: Sequence[PrepareJob]) -> None:
    """Prepare several candidates in worker processes on every core (sealing a room
    nobody prepared)."""
    with process_pool(max(1, min(len(jobs), available_cores()))) as pool:
        for _done in pool.map(_prepare_quietly, jobs):
            pass


class Preparer:
    """The server's background preparer: one worker process, so rendering papers never
    holds up the lab link. `submitted` only queues; a failed job is logged, and sealing
    prepares that candidate itself."""

    def __init__(self, state: Path, replica_path: Path, replica_key: bytes,
                 package: ExamPackage) -> None:
        self._job: Callable[[ParticipantNo], PrepareJob] = lambda pno: PrepareJob(
            state, replica_path, replica_key, package.header.exam_id, pno,
            paper_metas(package, pno))
        self._pool: cf.ProcessPoolExecutor | None = None
        self._lock = threading.Condition()
        self._unfinished = 0  # jobs queued and not yet done (retries count as the same)
        self._closed = False

    def submitted(self, participant_no: ParticipantNo) -> None:
        """A candidate submitted: prepare them in the background."""
        self._queue(self._job(participant_no))

    def _queue(self, job: PrepareJob, retry: bool = True) -> None:
        """Never raises: the lab link calls this, and a preparer in trouble only means
        sealing does the work itself. A job whose worker died is tried once more, in a
        new worker."""
        with self._lock:
            future = None
            for _attempt in range(2):
                if self._pool is None:
                    self._pool = process_pool(1)
                try:
                    future = self._pool.submit(_prepare_quietly, job)
                    break
                except (BrokenProcessPool, RuntimeError, OSError) as exc:
                    # The worker died (killed, out of memory): start a new one, once.
                    log.warning("the preparing worker is gone (%s); starting another", exc)
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = None
            if future is None:
                log.warning("%s not prepared for sealing: no worker process could start; "
                            "sealing will prepare them", job.participant_no)
                return
            self._unfinished += 1

        def done(future: cf.Future[str]) -> None:
            exc = None if future.cancelled() else future.exception()
            if isinstance(exc, BrokenProcessPool) and retry and not self._closed:
                self._queue(job, retry=False)
            elif exc is not None:
                log.warning("preparing %s for sealing failed (%s); sealing will prepare "
                            "them itself", job.participant_no, exc)
            with self._lock:
                self._unfinished -= 1
                self._lock.notify_all()

        future.add_done_callback(done)

    def wait(self) -> None:
        """Block until every queued job is done, retries included (tests, benchmarks)."""
        with self._lock:
            self._lock.wait_for(lambda: self._unfinished == 0)

    def close(self, wait: bool = False) -> None:
        """Stop the worker; unfinished jobs are dropped unless `wait` (sealing prepares
        whatever is missing)."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._closed = True
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=not wait)
