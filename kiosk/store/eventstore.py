"""The kiosk's local event log on SQLCipher: each event committed before the screen confirms.

Why SQLCipher: the log holds a candidate's answers and papers, and a lab PC is not ours to
trust, so the file must be unreadable without the key the proctor hands out. The key is
32 raw bytes applied as a raw key (``PRAGMA key = "x'..'"``), so no passphrase derivation
runs and nothing about the key is written to disk. WAL with ``synchronous=FULL`` makes a
commit durable when it returns, at ~1 ms, which is what lets the kiosk say "saved".

The store only ever extends the chain: `append` refuses an event that is not the next
seq or does not link to the stored last hash, and leaves the file as it was.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import sqlcipher3.dbapi2 as sqlcipher

from exam_bank.events.chain import decode_event, encode_event
from exam_bank.events.model import Event, genesis_hash
from exam_bank.fsutil import create_private
from exam_bank.ids import ParticipantNo
from exam_bank.problems import InputError

SCHEMA_VERSION = 1
KEY_BYTES = 32
KEY_CHECK = "ujikom-kiosk-store"  # readable only through the right key

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY, session TEXT NOT NULL, body BLOB NOT NULL);
"""


class StoreError(Exception):
    """The store cannot be opened or used as asked; the message names the file."""


class StoreKeyError(StoreError):
    """The key does not open this file (or the file is not a kiosk store)."""


class ChainRefused(StoreError):
    """An event that would not extend the stored chain; nothing was written."""


class StoreDamaged(StoreError):
    """The file opens with its key but its pages are damaged (a failing disk, a copy cut
    short): this PC cannot go on; the proctor moves the candidate to a spare PC, which
    continues from the proctor's replica."""


def _damaged(path: Path, exc: Exception) -> StoreDamaged:
    return StoreDamaged(f"{path}: the kiosk store is damaged ({exc}); move the candidate "
                        "to a spare PC (their log continues from the proctor's replica)")


class EventStore:
    """One candidate session's hash-chained events in an encrypted SQLite file."""

    def __init__(self, path: Path, conn: sqlcipher.Connection, exam_id: str | None,
                 participant_no: ParticipantNo | None) -> None:
        self.path = path
        self._conn = conn
        self.exam_id = exam_id
        self.participant_no = participant_no
        self._session = f"{exam_id or ''}:{participant_no or ''}"
        self._last: Event | None = None
        row = conn.execute("SELECT body FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        if row is not None:
            self._last = self._decode(row[0])

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, key: bytes, *, exam_id: str | None = None,
             participant_no: ParticipantNo | None = None) -> EventStore:
        """Open (or create) the store at `path` with a 32-byte raw key.

        `exam_id` and `participant_no` are recorded when the store is created, and checked
        against the recorded ones when given on reopening, so a store cannot silently take
        another candidate's events; knowing them also lets `append` check seq 1's genesis.
        """
        path = Path(path)
        if not isinstance(key, bytes) or len(key) != KEY_BYTES:
            raise StoreError(f"{path}: the store key must be {KEY_BYTES} raw bytes")
        existed = path.exists() and path.stat().st_size > 0
        create_private(path)  # owner-only, whatever the umask (its WAL follows suit)
        conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=True)
        try:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher.DatabaseError:
                raise StoreKeyError(f"{path}: this key does not open the kiosk store (wrong "
                                    "key, or not a kiosk store); the file was not changed"
                                    ) from None
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{path}: cannot switch the store to WAL (got {mode})")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            meta = _migrate(conn, path, existed, exam_id, participant_no)
            _check_meta(path, meta, exam_id, participant_no)
            return cls(path, conn, meta.get("exam_id") or None,
                       ParticipantNo(meta["participant_no"]) if meta.get("participant_no")
                       else None)
        except sqlcipher.DatabaseError as exc:
            conn.close()
            raise _damaged(path, exc) from None
        except BaseException:
            conn.close()
            raise

    # -- writing ---------------------------------------------------------------------------

    def append(self, event: Event) -> None:
        """Store `event` and commit: when this returns, it survives a crash or power cut.

        ChainRefused (store unchanged) unless `event` is seq last+1 and links to the last
        stored hash (or, for seq 1, to the genesis hash when the exam and candidate are
        known) and its own hash matches its content.
        """
        expected_seq = 1 if self._last is None else self._last.seq + 1
        if event.seq != expected_seq:
            raise ChainRefused(f"{self.path}: refused seq {event.seq}: the next event must "
                               f"be seq {expected_seq}")
        if self._last is not None:
            expected_prev: str | None = self._last.hash
        elif self.exam_id is not None and self.participant_no is not None:
            expected_prev = genesis_hash(self.exam_id, self.participant_no)
        else:
            expected_prev = None
        if expected_prev is not None and event.prev_hash != expected_prev:
            raise ChainRefused(f"{self.path}: refused seq {event.seq}: its prev_hash does not "
                               "match the stored chain (a fork or another candidate's log)")
        if event.computed_hash() != event.hash:
            raise ChainRefused(f"{self.path}: refused seq {event.seq}: its hash does not "
                               "match its content")
        body = encode_event(event)
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT INTO events (seq, session, body) VALUES (?, ?, ?)",
                         (event.seq, self._session, body))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._last = event

    # -- reading ---------------------------------------------------------------------------

    def events(self) -> list[Event]:
        """Every stored event, decoded, in seq order."""
        return self.events_since(0)

    def events_since(self, seq: int) -> list[Event]:
        """The events after `seq` (what the proctor has not acknowledged yet)."""
        try:
            rows = self._conn.execute("SELECT body FROM events WHERE seq > ? ORDER BY seq",
                                      (seq,)).fetchall()
            return [self._decode(body) for (body,) in rows]
        except (sqlcipher.DatabaseError, InputError) as exc:
            raise _damaged(self.path, exc) from None

    def last(self) -> Event | None:
        return self._last

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _decode(self, body: bytes) -> Event:
        return decode_event(bytes(body), where=str(self.path))


def _migrate(conn: sqlcipher.Connection, path: Path, existed: bool, exam_id: str | None,
             participant_no: ParticipantNo | None) -> dict[str, str]:
    """Bring the schema to SCHEMA_VERSION (creating it in a new file); the meta table."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: store schema {version} is newer than this kiosk "
                         f"understands ({SCHEMA_VERSION}); update the kiosk")
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if existed and tables:
            raise StoreError(f"{path}: not a kiosk store (tables but no schema version)")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Statement by statement: executescript would commit mid-transaction.
            for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                conn.execute(statement)
            conn.executemany("INSERT INTO meta (name, value) VALUES (?, ?)",
                             [("key_check", KEY_CHECK), ("exam_id", exam_id or ""),
                              ("participant_no", participant_no or "")])
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    # Later versions: `if version < 2: ...` steps here, each in its own transaction.
    return dict(conn.execute("SELECT name, value FROM meta").fetchall())


def _check_meta(path: Path, meta: dict[str, str], exam_id: str | None,
                participant_no: ParticipantNo | None) -> None:
    if meta.get("key_check") != KEY_CHECK:
        raise StoreKeyError(f"{path}: the key check failed: not this kiosk's store")
    for name, given in (("exam_id", exam_id), ("participant_no", participant_no)):
        stored = meta.get(name, "")
        if given is not None and stored and given != stored:
            raise StoreError(f"{path}: this store belongs to {name} {stored!r}, not {given!r}")
