"""A room's results as one sealed bundle: a deterministic zip, signed and enveloped by `cms`.

The signed content is ONE zip (`ziparchive`: fixed timestamps, sorted names, fixed
attributes; a log the proctor deflated as its candidate submitted goes in deflated, every
other member stored: sealing speed over size), so the same results always give the same
bytes and a user who ran `openssl cms -decrypt` and `openssl cms -verify` can open it with
any unzip tool:

- ``manifest.json``   format, exam id, package digest, session, room, proctors, sealed_at,
  sealing sequence and the digest of the bundle it supersedes (a re-seal after a late
  candidate), and per candidate: participant_no, final hash, event count, status, and
  per makalah item the text hash (and the PDF's SHA-256 when one is included)
- ``logs/<participant>.jsonl``          every event, one `encode_event` line each
- ``makalah/<participant>-<item>.txt``  the paper as rebuilt from the log (UTF-8)
- ``makalah/<participant>-<item>.pdf``  the paper as printed (bytes from the caller)
- ``berita-acara.pdf``                  the signed minutes of the session (from the caller)
- ``incidents.json``                    the room's incident list

A bundle's *digest* is the SHA-256 of that zip (not of the sealed file: enveloping draws
fresh keys, so the same results sealed twice differ outside, not inside).

`open_bundle` trusts nothing it has not checked: the CMS signature and chain (`cms`), then
the zip (names, sizes before and while reading — a zip bomb stops at the cap — no extra or
missing file), then every log's hash chain against the manifest's final hash and count, and
every makalah text against the text hash its last revision records (the chain vouches for
that hash; the importer's fold replays every revision once and compares its papers with
these). Each failure names the file and field. `unseal_bundle` stops before the logs and
`check_candidate` checks one candidate's, so the importer can check candidates in parallel.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from exam_bank.bundle.cms import seal, unseal
from exam_bank.bundle.ziparchive import Deflated, zip_parts
from exam_bank.events.chain import decode_event, encode_event, log_end, verify_chain
from exam_bank.events.makalah import rebuild
from exam_bank.events.model import Event, EventType, canonical, text_hash
from exam_bank.examzone import DEFAULT_ZONE, zone_problem
from exam_bank.ids import ParticipantNo
from exam_bank.problems import InputError, Problem
from exam_bank.safezip import BUNDLE, ZipRefused, open_zip

# 2: every candidate of the session is listed, each not submitted with the reason.
# 1 (no reasons) is still read: its proctors listed the whole session too.
FORMAT = "ujikom-results-2"
FORMATS_READ = ("ujikom-results-1", FORMAT)
MANIFEST, INCIDENTS, BERITA_ACARA = "manifest.json", "incidents.json", "berita-acara.pdf"
STATUSES = ("submitted", "incomplete", "absent", "disqualified")

# The zip's caps (members, sizes, ratio) are `exam_bank.safezip.BUNDLE`.
MAX_FILES = BUNDLE.members

_SAFE = r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}"
_SAFE_ID = re.compile(_SAFE + r"\Z")
_LOG = re.compile(r"logs/(" + _SAFE + r")\.jsonl\Z")
_PAPER = re.compile(r"makalah/(" + _SAFE + r")\.(txt|pdf)\Z")
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")


@dataclass(frozen=True)
class CandidateResult:
    """One candidate's part of a room's results, as the proctor holds it.

    Either `events`, or `log` (the JSON lines exactly as `encode_event` wrote them, as the
    proctor's replica keeps them) together with `makalah` (each paper's final text, from
    the proctor's fold): the second form seals a 4-hour log without re-encoding it; or
    `packed_log` with `makalah`: the same lines, deflated beforehand. The
    proctor's own data: `open_bundle` checks it all at the other end anyway."""

    participant_no: ParticipantNo
    events: Sequence[Event] = ()
    status: str = "submitted"
    makalah_pdf: Mapping[str, bytes] = field(default_factory=dict)  # item id -> PDF
    log: bytes | None = None
    makalah: Mapping[str, str] | None = None  # item id -> text
    packed_log: PackedLog | None = None  # instead of `log`: deflated ahead of time
    # Why a candidate who is not "submitted" did not submit (absent per the berita acara,
    # the session ended, a rejected log …): the manifest accounts for every candidate.
    reason: str = ""


@dataclass(frozen=True)
class PackedLog:
    """A candidate's log deflated ahead of time (the proctor does it in the background
    as the candidate submits), with what the manifest says about it."""

    deflated: Deflated
    events: int
    final_hash: str


@dataclass(frozen=True)
class SessionResults:
    """What a proctor seals at the end of a session (or again after a late candidate)."""

    exam_id: str
    package_digest: str  # SHA-256 hex of the exam package file the room ran
    session: str
    room: str
    proctors: Sequence[str]
    candidates: Sequence[CandidateResult]
    berita_acara_pdf: bytes
    incidents: Sequence[Mapping[str, Any]] = ()
    sequence: int = 1  # 1 for the first sealing of this session, then 2, 3 ...
    supersedes: str | None = None  # digest of the bundle this one replaces
    sealed_at: str = ""  # ISO 8601 UTC; default: now
    # The exam's zone (`exam_bank.examzone`); written only when not Asia/Jakarta, so a
    # WIB bundle stays what older readers accept, and a bundle without it means WIB.
    timezone: str = DEFAULT_ZONE


@dataclass(frozen=True)
class OpenedCandidate:
    participant_no: ParticipantNo
    status: str
    final_hash: str
    events: tuple[Event, ...]
    log: bytes  # the log file exactly as sealed (JSON lines)
    makalah: dict[str, str]  # item id -> text
    makalah_pdf: dict[str, bytes]


class _ManifestView:
    """What a bundle says about itself, read from its (checked) manifest."""

    manifest: dict[str, Any]

    @property
    def exam_id(self) -> str:
        return str(self.manifest["exam_id"])

    @property
    def session(self) -> str:
        return str(self.manifest["session"])

    @property
    def room(self) -> str:
        return str(self.manifest["room"])

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])

    @property
    def supersedes(self) -> str | None:
        value = self.manifest["supersedes"]
        return None if value is None else str(value)


@dataclass(frozen=True)
class OpenedBundle(_ManifestView):
    digest: str  # SHA-256 hex of the signed zip
    manifest: dict[str, Any]
    candidates: dict[ParticipantNo, OpenedCandidate]
    berita_acara: bytes
    incidents: list[Any]
    signer: x509.Certificate


# --- building ---------------------------------------------------------------------------


def build_bundle(contents: SessionResults, proctor_cert: x509.Certificate,
                 proctor_key: ec.EllipticCurvePrivateKey, chain: Sequence[x509.Certificate],
                 admin_certs: Sequence[x509.Certificate]) -> bytes:
    """The sealed bundle (DER CMS) for `contents`, signed by the proctor, for the admins."""
    return seal(bundle_zip(contents), signer_cert=proctor_cert, signer_key=proctor_key,
                chain=chain, recipients=admin_certs)


def bundle_zip(contents: SessionResults) -> bytes:
    """The deterministic zip that gets signed; ValueError for results that cannot be
    sealed (the proctor's own data, so a programming error rather than bad input)."""
    _check_results(contents)
    files: dict[str, bytes | Deflated] = {}
    entries = []
    for cand in sorted(contents.candidates, key=lambda c: c.participant_no):
        p = cand.participant_no
        log, count, final, texts = _log_of(cand)
        files[f"logs/{p}.jsonl"] = log
        makalah = {}
        for item, text in sorted(texts.items()):
            files[f"makalah/{p}-{item}.txt"] = text.encode("utf-8")
            pdf = cand.makalah_pdf.get(item)
            if pdf is not None:
                files[f"makalah/{p}-{item}.pdf"] = bytes(pdf)
            makalah[item] = {"text_hash": text_hash(text),
                             "pdf_sha256": None if pdf is None else _sha(pdf)}
        entries.append({"participant_no": p, "status": cand.status, "reason": cand.reason,
                        "final_hash": final, "events": count, "makalah": makalah})
    manifest = {
        "format": FORMAT, "exam_id": contents.exam_id,
        "package_digest": contents.package_digest, "session": contents.session,
        "room": contents.room, "proctors": list(contents.proctors),
        "sealed_at": contents.sealed_at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sequence": contents.sequence, "supersedes": contents.supersedes,
        "candidates": entries,
        **({"timezone": contents.timezone} if contents.timezone != DEFAULT_ZONE else {}),
    }
    files[MANIFEST] = _json(manifest)
    files[INCIDENTS] = _json(list(contents.incidents))
    files[BERITA_ACARA] = bytes(contents.berita_acara_pdf)
    return b"".join(zip_parts(files))


def _log_of(cand: CandidateResult) -> tuple[bytes | Deflated, int, str, dict[str, str]]:
    """(log member, event count, final hash, papers) of one candidate."""
    p = cand.participant_no
    try:
        if cand.packed_log is not None:
            if cand.makalah is None:
                raise ValueError(f"{p}: a packed log comes with its papers")
            packed = cand.packed_log
            return packed.deflated, packed.events, packed.final_hash, dict(cand.makalah)
        if cand.log is None:
            log = b"".join(encode_event(e) + b"\n" for e in cand.events)
            final = cand.events[-1].hash if cand.events else ""
            texts = replay_papers(cand.events, p)
            return log, len(cand.events), final, texts
        log = bytes(cand.log)
        if log and not log.endswith(b"\n"):
            raise ValueError(f"{p}: the log must end with a newline")
        count = log.count(b"\n")
        _seq, final = log_end(log)
        if cand.makalah is None:
            events = [decode_event(line) for line in log.splitlines()]
            return log, count, final, replay_papers(events, p)
        return log, count, final, dict(cand.makalah)
    except BundleRefused as exc:
        raise ValueError(f"{p}: {exc.field}: {exc.message}") from None


def _check_results(contents: SessionResults) -> None:
    seen: set[str] = set()
    for cand in contents.candidates:
        if not _SAFE_ID.match(cand.participant_no) or cand.participant_no in seen:
            raise ValueError(f"participant number {cand.participant_no!r} is unsafe or repeated")
        seen.add(cand.participant_no)
        if cand.status not in STATUSES:
            raise ValueError(f"{cand.participant_no}: status must be one of {STATUSES}")
        if cand.status != "submitted" and not cand.reason.strip():
            raise ValueError(f"{cand.participant_no}: {cand.status}, so the manifest needs "
                             "the reason")
        for item in cand.makalah_pdf:
            if not _SAFE_ID.match(item):
                raise ValueError(f"{cand.participant_no}: unsafe item id {item!r}")
    if contents.sequence < 1 or (contents.sequence == 1) != (contents.supersedes is None):
        raise ValueError("sequence 1 supersedes nothing; a later sealing names its predecessor")


def replay_papers(events: Sequence[Event], where: str) -> dict[str, str]:
    """Every makalah's latest text, replaying every revision in one pass over the log
    whatever the session's state; BundleRefused naming `where` and the seq of the first
    revision that does not rebuild."""
    texts: dict[str, str] = {}
    for event in events:
        if event.type == EventType.MAKALAH_REVISION:
            item = str(event.data["item"])
            if not _SAFE_ID.match(item):
                raise BundleRefused(where, f"seq {event.seq}", f"unsafe makalah item id {item!r}")
            try:
                texts[item] = rebuild(texts.get(item, ""), event.data)
            except ValueError as exc:
                raise BundleRefused(where, f"seq {event.seq}", str(exc)) from None
    return texts




def logs_digest(exam_id: str, session: str,
                chain_ends: Mapping[ParticipantNo, tuple[int, str]]) -> str:
    """SHA-256 of a session's logs as sealed: each candidate's event count and final
    hash (each final hash covers its whole chain). The berita acara prints it: the
    berita acara is inside the bundle, so it cannot carry the bundle's own digest, but
    the office recomputes this one from the manifest (`manifest_logs_digest`)."""
    ends = sorted([p, int(seq), str(h)] for p, (seq, h) in chain_ends.items())
    return hashlib.sha256(canonical({"format": "ujikom-logs-digest-1", "exam_id": exam_id,
                                     "session": session, "logs": ends})).hexdigest()


def manifest_logs_digest(manifest: Mapping[str, Any]) -> str:
    """`logs_digest` of a bundle, from its (checked) manifest."""
    ends = {ParticipantNo(str(c["participant_no"])): (int(c["events"]), str(c["final_hash"]))
            for c in manifest["candidates"] if int(c.get("events", 0)) > 0}
    return logs_digest(str(manifest["exam_id"]), str(manifest["session"]), ends)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- opening ----------------------------------------------------------------------------


class BundleRefused(Exception):
    """What is wrong inside a bundle: the `file` in it (empty: the zip itself), the `field`
    and why. Picklable, so a worker process checking one candidate can report it."""

    def __init__(self, file: str, field: str | None, message: str):
        super().__init__(file, field, message)
        self.file, self.field, self.message = file, field, message

    def problem(self, where: str) -> Problem:
        """The refusal as `open_bundle` reports it for the bundle file `where`."""
        return Problem(f"{where}: {self.file}" if self.file else where, self.message,
                       field=self.field)



@dataclass(frozen=True)
class SealedCandidate:
    """One candidate of a bundle whose signature, files and manifest are checked, but whose
    log is not decoded yet: plain bytes, cheap to send to another process, where
    `check_candidate` finishes the job."""

    participant_no: ParticipantNo
    entry: Mapping[str, Any]  # its manifest entry (shape already checked)
    path: str  # "candidates[n]": names the manifest field in a refusal
    log: bytes
    papers: Mapping[str, bytes]  # item id -> the makalah .txt file as sealed
    makalah_pdf: Mapping[str, bytes]  # item id -> PDF (its SHA-256 already checked)

    @property
    def log_name(self) -> str:
        return f"logs/{self.participant_no}.jsonl"


@dataclass(frozen=True)
class SealedBundle(_ManifestView):
    """A bundle opened and checked up to, not including, each candidate's log."""

    digest: str  # SHA-256 hex of the signed zip
    manifest: dict[str, Any]
    candidates: tuple[SealedCandidate, ...]
    berita_acara: bytes
    incidents: list[Any]
    signer: x509.Certificate


def open_bundle(data: bytes, admin_cert: x509.Certificate, admin_key: rsa.RSAPrivateKey,
                trusted_lab_cas: Sequence[x509.Certificate], *, where: str = "bundle",
                at: dt.datetime | None = None) -> OpenedBundle:
    """Decrypt, verify and check a sealed bundle; InputError naming `where`, the file
    inside and the field for anything that is not exactly what a trusted proctor sealed.
    Each paper is checked against the text hash of its last revision in the (verified)
    log; replaying every revision is the fold's job (the importer folds each log once)."""
    sealed = unseal_bundle(data, admin_cert, admin_key, trusted_lab_cas, where=where, at=at)
    try:
        candidates = {c.participant_no: check_candidate(c, sealed.exam_id)
                      for c in sealed.candidates}
    except BundleRefused as exc:
        raise InputError([exc.problem(where)]) from None
    return OpenedBundle(sealed.digest, sealed.manifest, candidates, sealed.berita_acara,
                        sealed.incidents, sealed.signer)


def unseal_bundle(data: bytes, admin_cert: x509.Certificate, admin_key: rsa.RSAPrivateKey,
                  trusted_lab_cas: Sequence[x509.Certificate], *, where: str = "bundle",
                  at: dt.datetime | None = None) -> SealedBundle:
    """`open_bundle` but for the logs: signature, zip, manifest, files and PDFs checked;
    each candidate still needs `check_candidate` (which can run in another process)."""
    unsealed = unseal(data, recipient_cert=admin_cert, recipient_key=admin_key,
                      trusted_roots=trusted_lab_cas, where=where, at=at)
    try:
        return _read(unsealed.payload, unsealed.signer)
    except BundleRefused as exc:
        raise InputError([exc.problem(where)]) from None


def _read(payload: bytes, signer: x509.Certificate) -> SealedBundle:
    files = _unzip(payload)
    manifest = _manifest(files)
    expected = {MANIFEST, INCIDENTS, BERITA_ACARA}
    seen: set[str] = set()
    for n, entry in enumerate(manifest["candidates"]):
        path = f"candidates[{n}]"
        _check_entry(entry, path, manifest["format"])
        p = entry["participant_no"]
        if p in seen:
            raise BundleRefused(MANIFEST, f"{path}.participant_no", f"{p} is listed twice")
        seen.add(p)
        log_name = f"logs/{p}.jsonl"
        if log_name not in files:
            raise BundleRefused(log_name, None, "listed by the manifest but missing")
        expected.add(log_name)
        for item, info in entry["makalah"].items():
            expected.add(f"makalah/{p}-{item}.txt")
            if info["pdf_sha256"] is not None:
                expected.add(f"makalah/{p}-{item}.pdf")
    extra = sorted(set(files) - expected)
    if extra:
        raise BundleRefused(extra[0], None, "a file the manifest does not list")
    missing = sorted(expected - set(files))
    if missing:
        raise BundleRefused(missing[0], None, "listed by the manifest but missing")
    try:
        incidents = json.loads(files[INCIDENTS])
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleRefused(INCIDENTS, None, f"not valid JSON: {exc}") from None
    if not isinstance(incidents, list):
        raise BundleRefused(INCIDENTS, None, "must be a JSON list")
    candidates = tuple(_sealed_candidate(files, entry, f"candidates[{n}]")
                       for n, entry in enumerate(manifest["candidates"]))
    return SealedBundle(_sha(payload), manifest, candidates, files[BERITA_ACARA], incidents,
                        signer)


def _unzip(payload: bytes) -> dict[str, bytes]:
    try:
        with open_zip(payload, BUNDLE) as archive:
            if len(archive.infos) > MAX_FILES:
                raise BundleRefused("", None, f"more than {MAX_FILES} files")
            for name in archive.names():
                if not _safe_name(name):
                    raise BundleRefused(name, None, "unsafe or unexpected file name")
            return archive.read_all()
    except ZipRefused as exc:
        raise BundleRefused(exc.member or "", None, exc.message) from None


def _safe_name(name: str) -> bool:
    return name in (MANIFEST, INCIDENTS, BERITA_ACARA) or bool(
        _LOG.match(name) or _PAPER.match(name))


def _manifest(files: Mapping[str, bytes]) -> dict[str, Any]:
    if MANIFEST not in files:
        raise BundleRefused(MANIFEST, None, "missing")
    try:
        manifest = json.loads(files[MANIFEST])
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleRefused(MANIFEST, None, f"not valid JSON: {exc}") from None
    if not isinstance(manifest, dict):
        raise BundleRefused(MANIFEST, None, "must be a JSON object")
    if manifest.get("format") not in FORMATS_READ:
        raise BundleRefused(MANIFEST, "format", f"{manifest.get('format')!r} is not one of "
                            f"{', '.join(FORMATS_READ)}")
    for key in ("exam_id", "session", "room", "sealed_at"):
        if not isinstance(manifest.get(key), str) or not manifest[key]:
            raise BundleRefused(MANIFEST, key, "must be a non-empty string")
    if not isinstance(manifest.get("package_digest"), str) or not _HEX64.match(
            manifest["package_digest"]):
        raise BundleRefused(MANIFEST, "package_digest", "must be 64 lowercase hex digits")
    proctors = manifest.get("proctors")
    if not isinstance(proctors, list) or not all(isinstance(p, str) for p in proctors):
        raise BundleRefused(MANIFEST, "proctors", "must be a list of names")
    seq = manifest.get("sequence")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise BundleRefused(MANIFEST, "sequence", "must be a whole number, 1 or more")
    sup = manifest.get("supersedes")
    if (seq == 1) != (sup is None) or (sup is not None and not (
            isinstance(sup, str) and _HEX64.match(sup))):
        raise BundleRefused(MANIFEST, "supersedes", "sealing 1 supersedes nothing; a later "
                            "sealing names its predecessor's digest (64 hex digits)")
    try:
        dt.datetime.fromisoformat(manifest["sealed_at"])
    except ValueError:
        raise BundleRefused(MANIFEST, "sealed_at", "must be an ISO 8601 date and time") from None
    if not isinstance(manifest.get("candidates"), list):
        raise BundleRefused(MANIFEST, "candidates", "must be a list")
    if "timezone" in manifest and zone_problem(manifest["timezone"]):
        raise BundleRefused(MANIFEST, "timezone", str(zone_problem(manifest["timezone"])))
    known = {"format", "exam_id", "package_digest", "session", "room", "proctors",
             "sealed_at", "sequence", "supersedes", "candidates", "timezone"}
    unknown = sorted(set(manifest) - known)
    if unknown:
        raise BundleRefused(MANIFEST, unknown[0], "unknown field")
    return manifest


def _check_entry(entry: Any, path: str, format: str) -> None:
    keys = {"participant_no", "status", "final_hash", "events", "makalah"}
    if format == FORMAT:
        keys.add("reason")
    if not isinstance(entry, dict) or set(entry) != keys:
        raise BundleRefused(MANIFEST, path, f"needs exactly {', '.join(sorted(keys))}")
    p = entry["participant_no"]
    if not isinstance(p, str) or not _SAFE_ID.match(p):
        raise BundleRefused(MANIFEST, f"{path}.participant_no", "not a safe participant number")
    if entry["status"] not in STATUSES:
        raise BundleRefused(MANIFEST, f"{path}.status", f"must be one of {', '.join(STATUSES)}")
    reason = entry.get("reason", "")
    if not isinstance(reason, str) or (format == FORMAT and entry["status"] != "submitted"
                                       and not reason.strip()):
        raise BundleRefused(MANIFEST, f"{path}.reason", f"{p} is {entry['status']}: the "
                            "manifest must say why")
    count = entry["events"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise BundleRefused(MANIFEST, f"{path}.events", "must be a whole number")
    makalah = entry["makalah"]
    if not isinstance(makalah, dict) or not all(
            isinstance(k, str) and _SAFE_ID.match(k) and isinstance(v, dict)
            and set(v) == {"text_hash", "pdf_sha256"} for k, v in makalah.items()):
        raise BundleRefused(MANIFEST, f"{path}.makalah", "must map item ids to "
                            "{text_hash, pdf_sha256}")


def _sealed_candidate(files: Mapping[str, bytes], entry: dict[str, Any],
                      path: str) -> SealedCandidate:
    """The candidate's files (all present: `_read` checked), each PDF against its hash."""
    p = entry["participant_no"]
    papers: dict[str, bytes] = {}
    pdfs: dict[str, bytes] = {}
    for item, info in entry["makalah"].items():
        papers[item] = files[f"makalah/{p}-{item}.txt"]
        if info["pdf_sha256"] is not None:
            pdf_name = f"makalah/{p}-{item}.pdf"
            if _sha(files[pdf_name]) != info["pdf_sha256"]:
                raise BundleRefused(pdf_name, None, "its SHA-256 differs from the manifest's")
            pdfs[item] = files[pdf_name]
    return SealedCandidate(p, entry, path, files[f"logs/{p}.jsonl"], papers, pdfs)


def check_candidate(cand: SealedCandidate, exam_id: str) -> OpenedCandidate:
    """Decode and verify one candidate's log against its manifest entry, and each paper
    against the text hash its last revision records (the chain authenticates that hash);
    BundleRefused naming the file and field."""
    entry, path, p, log_name = cand.entry, cand.path, cand.participant_no, cand.log_name
    events = _decode_log(cand.log, log_name)
    count = entry["events"]
    if len(events) != count:
        raise BundleRefused(MANIFEST, f"{path}.events",
                            f"says {count} events but {log_name} holds {len(events)}")
    final = entry["final_hash"]
    if count == 0:
        if final != "":
            raise BundleRefused(MANIFEST, f"{path}.final_hash", "an empty log has no final hash")
    else:
        problems = verify_chain(events, exam_id, p, expected_final_hash=final)
        if problems:
            first = problems[0]
            raise BundleRefused(log_name, first.field, first.message
                                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    last = _last_text_hashes(events, log_name)
    makalah = entry["makalah"]
    if set(last) != set(makalah):
        raise BundleRefused(MANIFEST, f"{path}.makalah",
                            f"lists {sorted(makalah)} but the log has papers {sorted(last)}")
    texts: dict[str, str] = {}
    for item, recorded in last.items():
        if makalah[item]["text_hash"] != recorded:
            raise BundleRefused(MANIFEST, f"{path}.makalah.{item}.text_hash",
                                "does not match the paper rebuilt from the log (the text hash of "
                                "its last revision)")
        txt_name = f"makalah/{p}-{item}.txt"
        try:
            text = cand.papers[item].decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is None or text_hash(text) != recorded:
            raise BundleRefused(txt_name, None, "differs from the paper rebuilt from the log")
        texts[item] = text
    return OpenedCandidate(p, entry["status"], final, tuple(events), cand.log, texts,
                           dict(cand.makalah_pdf))


def _last_text_hashes(events: Sequence[Event], where: str) -> dict[str, str]:
    """Each makalah's text hash as its last revision records it."""
    last: dict[str, str] = {}
    for event in events:
        if event.type == EventType.MAKALAH_REVISION:
            item = str(event.data["item"])
            if item not in last and not _SAFE_ID.match(item):
                raise BundleRefused(where, f"seq {event.seq}", f"unsafe makalah item id {item!r}")
            last[item] = str(event.data["text_hash"])
    return last


def _decode_log(raw: bytes, name: str) -> list[Event]:
    if raw and not raw.endswith(b"\n"):
        raise BundleRefused(name, None, "the last line is cut off")
    events = []
    for line_no, line in enumerate(raw.split(b"\n")[:-1] if raw else [], start=1):
        try:
            events.append(decode_event(line, where=name))
        except InputError as exc:
            first = exc.problems[0]
            field = f"line {line_no}" + (f", {first.field}" if first.field else "")
            raise BundleRefused(name, field, first.message) from None
    return events
