"""The results store's schema as ordered migrations, shared by SQLite and PostgreSQL.

Each step is a list of statements; `{blob}` and `{real}` are the only dialect
differences. `schema_version` holds the last step applied; `migrate` applies the rest,
each step in its own transaction, and refuses a store newer than this code.

Events are kept per submission as one zlib-compressed JSON-lines blob, not a row per
event: 10,000 candidates with 4-hour makalah histories would be ~100 million rows, read
only to re-verify or re-fold a log, which needs the whole log anyway. The fold runs once at
import and its result (state summary and score) is cached beside the blob.
"""

from __future__ import annotations

from exam_bank.problems import InputError, Problem
from exam_bank.results.db import Db

DIALECT = {
    "sqlite": {"blob": "BLOB", "real": "REAL"},
    "postgres": {"blob": "BYTEA", "real": "DOUBLE PRECISION"},
}

STEPS: list[list[str]] = [
    [  # 1: bundles, submissions, makalah texts, incidents, rubrics, grades
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE bundles (
            digest TEXT PRIMARY KEY,
            exam_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            room TEXT NOT NULL,
            sealing_seq INTEGER NOT NULL,
            supersedes TEXT,
            is_current INTEGER NOT NULL,
            sealed_at TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            signer TEXT NOT NULL,
            signer_fingerprint TEXT NOT NULL,
            package_digest TEXT NOT NULL,
            proctors TEXT NOT NULL,
            sealed {blob} NOT NULL,
            berita_acara {blob} NOT NULL)""",
        "CREATE INDEX bundles_session ON bundles (exam_id, session_id)",
        """CREATE TABLE submissions (
            bundle_digest TEXT NOT NULL REFERENCES bundles (digest),
            participant_no TEXT NOT NULL,
            exam_id TEXT NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            final_hash TEXT NOT NULL,
            receipt_code TEXT NOT NULL,
            event_count INTEGER NOT NULL,
            submitted_at TEXT,
            log {blob} NOT NULL,
            state TEXT NOT NULL,
            score TEXT,
            PRIMARY KEY (bundle_digest, participant_no))""",
        "CREATE INDEX submissions_receipt ON submissions (receipt_code)",
        "CREATE INDEX submissions_candidate ON submissions (exam_id, participant_no)",
        """CREATE TABLE makalah_texts (
            bundle_digest TEXT NOT NULL REFERENCES bundles (digest),
            participant_no TEXT NOT NULL,
            item_id TEXT NOT NULL,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            pdf {blob},
            PRIMARY KEY (bundle_digest, participant_no, item_id))""",
        """CREATE TABLE incidents (
            bundle_digest TEXT NOT NULL REFERENCES bundles (digest),
            n INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (bundle_digest, n))""",
        """CREATE TABLE rubrics (
            exam_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            criteria TEXT NOT NULL,
            PRIMARY KEY (exam_id, item_id))""",
        """CREATE TABLE makalah_grades (
            exam_id TEXT NOT NULL,
            participant_no TEXT NOT NULL,
            item_id TEXT NOT NULL,
            assessor TEXT NOT NULL,
            criteria TEXT NOT NULL,
            percent {real} NOT NULL,
            graded_at TEXT NOT NULL,
            PRIMARY KEY (exam_id, participant_no, item_id, assessor))""",
    ],
    [  # 2: the item analysis' release check (exam_bank/analysis/release.py)
        """CREATE TABLE item_analyses (
            exam_id TEXT NOT NULL,
            n INTEGER NOT NULL,
            session_id TEXT,
            analysed_at TEXT NOT NULL,
            candidates INTEGER NOT NULL,
            summary TEXT NOT NULL,
            PRIMARY KEY (exam_id, n))""",
        """CREATE TABLE item_decisions (
            exam_id TEXT NOT NULL,
            n INTEGER NOT NULL,
            item_id TEXT NOT NULL,
            decision TEXT NOT NULL,
            reason TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (exam_id, n))""",
    ],
    [  # 3: the prompt each makalah answered, so the assessors' papers print it
        """CREATE TABLE makalah_prompts (
            exam_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            prompt {blob} NOT NULL,
            PRIMARY KEY (exam_id, item_id))""",
    ],
]


def current_version(db: Db) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.one("SELECT MAX(version) FROM schema_version")
    return int(row[0]) if row and row[0] is not None else 0


def migrate(db: Db) -> int:
    """Bring the store up to the newest schema; the version it is at now."""
    version = current_version(db)
    if version > len(STEPS):
        raise InputError([Problem(db.where, f"results store schema {version} is newer than "
                                  f"this Ujikom ({len(STEPS)}): upgrade Ujikom")])
    names = DIALECT[db.dialect]
    for number, step in enumerate(STEPS[version:], start=version + 1):
        with db.transaction():
            for statement in step:
                db.execute(statement.format(**names))
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    return len(STEPS)
