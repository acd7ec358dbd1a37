"""The central results store: bundles as received, each candidate's log, cached fold and
score, makalah texts, incidents and assessors' grades, in SQLite or PostgreSQL.

One session (exam + session id) has at most one *current* bundle. A re-seal (higher
sealing sequence whose `supersedes` is the current digest) becomes current; the one it
replaces stays stored, still verifiable from its sealed bytes. Anything else for a session
that already has a current bundle is a conflict: reported, never merged.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.problems import InputError, Problem
from exam_bank.results.db import Db, connect, is_plain_sqlite
from exam_bank.results.migrations import migrate
from exam_bank.results.storekey import key_path, new_store_key, read_store_key


@dataclass(frozen=True)
class StoredSubmission:
    participant_no: ParticipantNo
    name: str
    status: str
    final_hash: str
    receipt_code: str
    event_count: int
    submitted_at: str | None
    log: bytes  # zlib-compressed JSON lines
    state: dict[str, Any]
    score: dict[str, Any] | None
    makalah: dict[str, tuple[str, str, bytes | None]]  # item -> (text, text_hash, pdf)


@dataclass(frozen=True)
class StoredBundle:
    digest: str
    exam_id: str
    session_id: SessionId
    room: str
    sealing_seq: int
    supersedes: str | None
    sealed_at: str
    signer: str
    signer_fingerprint: str
    package_digest: str
    proctors: Sequence[str]
    sealed: bytes
    berita_acara: bytes
    incidents: Sequence[Any]
    submissions: Sequence[StoredSubmission]
    rubrics: Mapping[str, Sequence[dict[str, Any]]] = field(default_factory=dict)  # item ->
    prompts: Mapping[str, bytes] = field(default_factory=dict)  # item -> results.prompts blob


@dataclass(frozen=True)
class ReceiptHit:
    participant_no: ParticipantNo
    name: str
    exam_id: str
    session_id: SessionId
    final_hash: str
    submitted_at: str | None
    bundle_digest: str
    current: bool


class ResultsStore:
    def __init__(self, db: Db):
        self.db = db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ResultsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- bundles -------------------------------------------------------------------------

    def add_bundle(self, bundle: StoredBundle, where: str) -> str:
        """Store `bundle` in one transaction; what happened, as a sentence. A conflict
        raises InputError and stores nothing."""
        with self.db.transaction():
            if self.db.one("SELECT 1 FROM bundles WHERE digest = ?", (bundle.digest,)):
                return f"already imported (bundle {bundle.digest[:12]})"
            current = self.db.one(
                "SELECT digest, sealing_seq, signer_fingerprint FROM bundles WHERE exam_id = ? "
                "AND session_id = ? AND is_current = 1", (bundle.exam_id, bundle.session_id))
            outcome = f"imported {len(bundle.submissions)} candidates"
            if current is not None:
                digest, seq, signer = current
                if bundle.supersedes == digest and bundle.signer_fingerprint != signer:
                    # Only the seal certificate that sealed a session may re-seal it: any
                    # other key of any lab would otherwise rewrite that room's results.
                    raise InputError([Problem(where, (
                        f"claims to supersede the stored bundle {digest[:12]} (sealing {seq}) "
                        f"for exam {bundle.exam_id} session {bundle.session_id}, but is signed "
                        f"by another seal certificate (SHA-256 {bundle.signer_fingerprint[:16]}"
                        f"…, the stored sealing's is {signer[:16]}…); not merged — a re-seal "
                        "comes from the lab that sealed the session"))])
                if bundle.supersedes != digest or bundle.sealing_seq <= seq:
                    raise InputError([Problem(where, (
                        f"conflicts with the stored bundle {digest[:12]} (sealing {seq}) for "
                        f"exam {bundle.exam_id} session {bundle.session_id}: this is sealing "
                        f"{bundle.sealing_seq}, superseding "
                        f"{(bundle.supersedes or 'nothing')[:12]}; not merged — ask the "
                        "room's proctor which sealing is final"))])
                self.db.execute("UPDATE bundles SET is_current = 0 WHERE digest = ?", (digest,))
                outcome += f", replacing sealing {seq} ({digest[:12]}), which stays stored"
            self._insert(bundle)
            return outcome

    def _insert(self, b: StoredBundle) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.db.execute(
            "INSERT INTO bundles (digest, exam_id, session_id, room, sealing_seq, supersedes, "
            "is_current, sealed_at, imported_at, signer, signer_fingerprint, package_digest, "
            "proctors, sealed, berita_acara) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
            (b.digest, b.exam_id, b.session_id, b.room, b.sealing_seq, b.supersedes,
             b.sealed_at, now, b.signer, b.signer_fingerprint, b.package_digest,
             json.dumps(list(b.proctors)), b.sealed, b.berita_acara))
        self.db.executemany(
            "INSERT INTO submissions (bundle_digest, participant_no, exam_id, name, status, "
            "final_hash, receipt_code, event_count, submitted_at, log, state, score) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(b.digest, s.participant_no, b.exam_id, s.name, s.status, s.final_hash,
              s.receipt_code, s.event_count, s.submitted_at, s.log, json.dumps(s.state),
              None if s.score is None else json.dumps(s.score)) for s in b.submissions])
        self.db.executemany(
            "INSERT INTO makalah_texts (bundle_digest, participant_no, item_id, text, "
            "text_hash, pdf) VALUES (?, ?, ?, ?, ?, ?)",
            [(b.digest, s.participant_no, item, text, h, pdf)
             for s in b.submissions for item, (text, h, pdf) in sorted(s.makalah.items())])
        for item, criteria in sorted(b.rubrics.items()):
            if not self.db.one("SELECT 1 FROM rubrics WHERE exam_id = ? AND item_id = ?",
                               (b.exam_id, item)):
                self.db.execute("INSERT INTO rubrics (exam_id, item_id, criteria) "
                                "VALUES (?, ?, ?)", (b.exam_id, item, json.dumps(criteria)))
        for item, prompt in sorted(b.prompts.items()):
            if not self.db.one("SELECT 1 FROM makalah_prompts WHERE exam_id = ? AND "
                               "item_id = ?", (b.exam_id, item)):
                self.db.execute("INSERT INTO makalah_prompts (exam_id, item_id, prompt) "
                                "VALUES (?, ?, ?)", (b.exam_id, item, prompt))
        self.db.executemany(
            "INSERT INTO incidents (bundle_digest, n, data) VALUES (?, ?, ?)",
            [(b.digest, n, json.dumps(i, ensure_ascii=False)) for n, i in enumerate(b.incidents)])

    def bundles(self) -> list[dict[str, Any]]:
        rows = self.db.all(
            "SELECT digest, exam_id, session_id, room, sealing_seq, supersedes, is_current, "
            "sealed_at, imported_at, signer FROM bundles ORDER BY exam_id, session_id, "
            "sealing_seq")
        keys = ("digest", "exam_id", "session_id", "room", "sealing_seq", "supersedes",
                "current", "sealed_at", "imported_at", "signer")
        return [{**dict(zip(keys, r, strict=True)), "current": bool(r[6])} for r in rows]

    def sealed_bytes(self, digest: str) -> bytes | None:
        row = self.db.one("SELECT sealed FROM bundles WHERE digest = ?", (digest,))
        return None if row is None else bytes(row[0])

    # --- candidates ----------------------------------------------------------------------

    def current_results(self, exam_id: str | None = None) -> list[dict[str, Any]]:
        """Each candidate's submission in their session's current bundle, with the
        cached state and score (never refolded)."""
        sql = ("SELECT s.exam_id, s.participant_no, s.name, s.status, s.final_hash, "
               "s.receipt_code, s.state, s.score, b.session_id, s.submitted_at "
               "FROM submissions s "
               "JOIN bundles b ON b.digest = s.bundle_digest WHERE b.is_current = 1")
        params: tuple[Any, ...] = ()
        if exam_id:
            sql += " AND s.exam_id = ?"
            params = (exam_id,)
        rows = self.db.all(sql + " ORDER BY s.exam_id, s.participant_no", params)
        return [{"exam_id": r[0], "participant_no": r[1], "name": r[2], "status": r[3],
                 "final_hash": r[4], "receipt_code": r[5], "state": json.loads(r[6]),
                 "score": None if r[7] is None else json.loads(r[7]), "session_id": r[8],
                 "submitted_at": r[9]}
                for r in rows]

    def current_incidents(self, exam_id: str | None = None, session_id: str | None = None
                          ) -> list[dict[str, Any]]:
        """What the proctor's server saw (the bundles' incidents.json) in each session's
        current bundle (or only `session_id`'s), in the order sealed."""
        sql = ("SELECT i.data FROM incidents i JOIN bundles b ON b.digest = i.bundle_digest "
               "WHERE b.is_current = 1")
        params: tuple[Any, ...] = ()
        if exam_id:
            sql += " AND b.exam_id = ?"
            params = (exam_id,)
        if session_id is not None:
            sql += " AND b.session_id = ?"
            params = (*params, session_id)
        out = []
        for (data,) in self.db.all(sql + " ORDER BY b.session_id, i.n", params):
            item = json.loads(data)
            if isinstance(item, dict):
                out.append(item)
        return out

    def receipt(self, code: str) -> list[ReceiptHit]:
        rows = self.db.all(
            "SELECT s.participant_no, s.name, s.exam_id, b.session_id, s.final_hash, "
            "s.submitted_at, b.digest, b.is_current FROM submissions s JOIN bundles b "
            "ON b.digest = s.bundle_digest WHERE s.receipt_code = ? "
            "ORDER BY b.is_current DESC, b.sealing_seq DESC", (code,))
        return [ReceiptHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("bundles", "submissions", "makalah_texts", "incidents", "makalah_grades"):
            row = self.db.one(f"SELECT COUNT(*) FROM {table}")  # fixed table names, no input
            out[table] = int(row[0]) if row else 0
        return out

    # --- makalah grading -----------------------------------------------------------------

    def grading_secret(self) -> bytes:
        """The store's secret for blind codes, made once: codes stay stable for the
        store's life and cannot be recomputed from participant numbers alone."""
        with self.db.transaction():
            row = self.db.one("SELECT value FROM meta WHERE key = 'grading_secret'")
            if row is None:
                value = secrets.token_hex(32)
                self.db.execute("INSERT INTO meta (key, value) VALUES ('grading_secret', ?)",
                                (value,))
                return bytes.fromhex(value)
            return bytes.fromhex(row[0])

    def current_papers(self) -> list[tuple[str, str, str, str]]:
        """(exam_id, participant_no, item_id, text) of every current makalah."""
        return [(r[0], r[1], r[2], r[3]) for r in self.db.all(
            "SELECT b.exam_id, m.participant_no, m.item_id, m.text FROM makalah_texts m "
            "JOIN bundles b ON b.digest = m.bundle_digest WHERE b.is_current = 1 "
            "ORDER BY b.exam_id, m.participant_no, m.item_id")]

    def paper_pdf(self, exam_id: str, participant_no: ParticipantNo, item_id: str) -> bytes | None:
        row = self.db.one(
            "SELECT m.pdf FROM makalah_texts m JOIN bundles b ON b.digest = m.bundle_digest "
            "WHERE b.is_current = 1 AND b.exam_id = ? AND m.participant_no = ? "
            "AND m.item_id = ?", (exam_id, participant_no, item_id))
        return None if row is None or row[0] is None else bytes(row[0])

    def paper_hash(self, exam_id: str, participant_no: ParticipantNo, item_id: str
                   ) -> tuple[str, str] | None:
        """(text, text_hash) of a current makalah: the paper as graded."""
        row = self.db.one(
            "SELECT m.text, m.text_hash FROM makalah_texts m JOIN bundles b "
            "ON b.digest = m.bundle_digest WHERE b.is_current = 1 AND b.exam_id = ? "
            "AND m.participant_no = ? AND m.item_id = ?", (exam_id, participant_no, item_id))
        return None if row is None else (str(row[0]), str(row[1]))

    def submission_log(self, exam_id: str, participant_no: ParticipantNo) -> bytes | None:
        """The candidate's whole log in their session's current bundle, as JSON lines."""
        row = self.db.one(
            "SELECT s.log FROM submissions s JOIN bundles b ON b.digest = s.bundle_digest "
            "WHERE b.is_current = 1 AND s.exam_id = ? AND s.participant_no = ?",
            (exam_id, participant_no))
        return None if row is None else zlib.decompress(bytes(row[0]))

    def makalah_prompt(self, exam_id: str, item_id: str) -> bytes | None:
        """The stored prompt of a makalah (`exam_bank.results.prompts`), if its bundle was
        imported with one."""
        row = self.db.one("SELECT prompt FROM makalah_prompts WHERE exam_id = ? AND "
                          "item_id = ?", (exam_id, item_id))
        return None if row is None else bytes(row[0])

    def rubrics(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        return {(e, i): json.loads(c) for e, i, c in
                self.db.all("SELECT exam_id, item_id, criteria FROM rubrics")}

    def add_grades(self, rows: Sequence[tuple[str, str, str, str, dict[str, float], float]]
                   ) -> None:
        """(exam, participant, item, assessor, criteria, percent) rows, all or none; a
        second sheet from the same assessor replaces their earlier grade."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.db.transaction():
            for exam, p, item, assessor, _criteria, _percent in rows:
                self.db.execute("DELETE FROM makalah_grades WHERE exam_id = ? AND "
                                "participant_no = ? AND item_id = ? AND assessor = ?",
                                (exam, p, item, assessor))
            self.db.executemany(
                "INSERT INTO makalah_grades (exam_id, participant_no, item_id, assessor, "
                "criteria, percent, graded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(e, p, i, a, json.dumps(c, sort_keys=True), pc, now)
                 for e, p, i, a, c, pc in rows])

    def grades(self) -> dict[tuple[str, str, str], dict[str, float]]:
        """{(exam, participant, item): {assessor: percent}}"""
        out: dict[tuple[str, str, str], dict[str, float]] = {}
        for e, p, i, a, pc in self.db.all(
                "SELECT exam_id, participant_no, item_id, assessor, percent "
                "FROM makalah_grades ORDER BY graded_at, assessor"):
            out.setdefault((e, p, i), {})[a] = float(pc)
        return out


def is_postgres(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def store_key(target: str | Path, passphrase: bytes | None, *,
              scrypt_n: int | None = None) -> bytes | None:
    """The SQLCipher key of the SQLite store at `target` (made for a new one); None for
    PostgreSQL or without a passphrase (`connect` then says what is missing)."""
    if is_postgres(target) or passphrase is None:
        return None
    path = Path(target)
    if key_path(path).exists():
        return read_store_key(path, passphrase)
    if path.exists() and path.stat().st_size > 0:
        if is_plain_sqlite(path):
            return None  # connect refuses it, naming the fix
        return read_store_key(path, passphrase)  # says the key file is missing
    if not path.parent.exists():
        return None  # connect names the missing folder
    return new_store_key(path, passphrase, scrypt_n=scrypt_n)


def open_store(target: str | Path, passphrase: bytes | None = None, *,
               scrypt_n: int | None = None) -> ResultsStore:
    """The store at a SQLite path or a `postgresql://` URL, migrated to the newest schema.
    A SQLite store is encrypted: `passphrase` unwraps its key (a new store gets a new key,
    `exam_bank.results.storekey`); PostgreSQL needs none."""
    db = connect(target, store_key(target, passphrase, scrypt_n=scrypt_n))
    try:
        migrate(db)
    except InputError:
        db.close()
        raise
    except Exception as exc:  # a file that is not a results store, a server refusing DDL
        db.close()
        raise InputError([Problem(db.where, f"cannot prepare the results store: {exc}")]) \
            from None
    return ResultsStore(db)
