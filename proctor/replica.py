"""The proctor's replica: every candidate's events and the session's own record, encrypted.

SQLCipher with a raw 32-byte key (scrypt of the proctor passphrase, `proctor.lab`), WAL +
``synchronous=FULL`` like the kiosk's store: an ack goes out only after the events it
names are committed. Besides the events (one row per exam, participant and seq, with its
hash) it keeps what a restarted proctor needs to carry on exactly where it stopped: the
session (open?, token, quit code, command counter), the proctor's log of commands sent
(who, why, when) and what each kiosk answered, authorized moves, which kiosk served whom,
hello nonces already seen (replays), enrollment codes, and the incidents.

Replication rules (`append`): events must continue the stored chain; an exact resend of
stored events is acknowledged and ignored; a fork, a gap, an edited event or a broken
link refuses the whole batch and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import sqlcipher3.dbapi2 as sqlcipher

from exam_bank.events.chain import decode_event, encode_event
from exam_bank.events.model import Event, EventType, genesis_hash
from exam_bank.fsutil import create_private
from exam_bank.ids import KioskId, ParticipantNo, SessionId
from exam_bank.record.actions import ActionKind, ProctorAction
from exam_bank.wire.control import CommandStatus, ControlCommand
from exam_bank.wire.quitcode import hash_quit_code, new_quit_code

SCHEMA_VERSION = 6
KEY_CHECK = "ujikom-proctor-replica"

# Schema 2: each participant's chain end, kept with every append (opening a replica of
# 200 four-hour logs otherwise reads every event's index entry to find them).
_CHAIN_ENDS = """CREATE TABLE chain_ends (exam_id TEXT NOT NULL, participant_no TEXT NOT NULL,
    seq INTEGER NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (exam_id, participant_no))"""

# Schema 3: a refusal repeated by one address is one incident with a count and the time
# of the last repeat (400 refused handshakes are one line, not 400).
_REPEATS = ("ALTER TABLE incidents ADD COLUMN count INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE incidents ADD COLUMN last_wall TEXT")

# Schema 4: whom each command must reach and how far it got (pending until the event is
# in the candidate's chain here; or what the kiosk answered when it had no effect).
_COMMAND_TARGETS = """CREATE TABLE command_targets (exam_id TEXT NOT NULL,
    session_id TEXT NOT NULL, command_id INTEGER NOT NULL, participant_no TEXT NOT NULL,
    status TEXT NOT NULL, note TEXT NOT NULL, wall TEXT NOT NULL,
    PRIMARY KEY (exam_id, session_id, command_id, participant_no))"""

# Schema 5: the proctor's actions that are no command to a candidate (a held login or a
# questioned log decided, a move authorized, the quit code shown, the session opened or
# closed, a new token or enrollment code), each with its time, name and reason: one table
# for the class (`exam_bank.record.actions`). The berita acara prints them from here.
_ACTIONS = """CREATE TABLE proctor_actions (id INTEGER PRIMARY KEY AUTOINCREMENT,
    exam_id TEXT NOT NULL, session_id TEXT NOT NULL, wall TEXT NOT NULL, kind TEXT NOT NULL,
    participant_no TEXT, seat TEXT NOT NULL, pc TEXT NOT NULL, to_seat TEXT NOT NULL,
    by TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL)"""

# Schema 6: an incident belongs to the session whose server saw it, not to the exam: a lab
# runs one exam's sessions one after another (morning and afternoon, day 1 and day 2) on
# one replica, and the second session's record must not list the first one's refusals.
# An earlier replica's incidents get their session by `_incident_sessions`.
_INCIDENT_SESSION = "ALTER TABLE incidents ADD COLUMN session_id TEXT NOT NULL DEFAULT ''"

_SCHEMA = _CHAIN_ENDS + ";\n" + _COMMAND_TARGETS + ";\n" + _ACTIONS + """;
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (exam_id TEXT NOT NULL, participant_no TEXT NOT NULL,
    seq INTEGER NOT NULL, hash TEXT NOT NULL, body BLOB NOT NULL, stored TEXT NOT NULL,
    PRIMARY KEY (exam_id, participant_no, seq));
CREATE TABLE sessions (exam_id TEXT NOT NULL, session_id TEXT NOT NULL,
    package_digest TEXT NOT NULL, opened INTEGER NOT NULL, token TEXT NOT NULL,
    quit_code TEXT NOT NULL, quit_hash TEXT NOT NULL, last_command_id INTEGER NOT NULL,
    PRIMARY KEY (exam_id, session_id));
CREATE TABLE commands (exam_id TEXT NOT NULL, session_id TEXT NOT NULL, id INTEGER NOT NULL,
    wall TEXT NOT NULL, action TEXT NOT NULL, reason TEXT NOT NULL, by TEXT NOT NULL,
    participants TEXT NOT NULL, minutes INTEGER, text TEXT,
    PRIMARY KEY (exam_id, session_id, id));
CREATE TABLE command_acks (exam_id TEXT NOT NULL, session_id TEXT NOT NULL,
    command_id INTEGER NOT NULL, kiosk_id TEXT NOT NULL, participant_no TEXT,
    outcome TEXT NOT NULL, note TEXT NOT NULL, wall TEXT NOT NULL);
CREATE TABLE moves (exam_id TEXT NOT NULL, participant_no TEXT NOT NULL,
    kiosk_id TEXT NOT NULL, wall TEXT NOT NULL, used INTEGER NOT NULL,
    PRIMARY KEY (exam_id, participant_no, kiosk_id));
CREATE TABLE owners (exam_id TEXT NOT NULL, participant_no TEXT NOT NULL,
    kiosk_id TEXT NOT NULL, PRIMARY KEY (exam_id, participant_no));
CREATE TABLE served (exam_id TEXT NOT NULL, kiosk_id TEXT NOT NULL,
    participant_no TEXT NOT NULL, PRIMARY KEY (exam_id, kiosk_id, participant_no));
CREATE TABLE nonces (kiosk_id TEXT NOT NULL, nonce TEXT NOT NULL, wall TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, nonce));
CREATE TABLE enroll_codes (code TEXT PRIMARY KEY, expires REAL NOT NULL,
    used INTEGER NOT NULL);
CREATE TABLE incidents (id INTEGER PRIMARY KEY AUTOINCREMENT, exam_id TEXT NOT NULL,
    wall TEXT NOT NULL, seat TEXT, participant_no TEXT, kind TEXT NOT NULL,
    evidence TEXT NOT NULL);
""" + ";".join((*_REPEATS, _INCIDENT_SESSION)) + ";"

# Who a candidate's log is bound to (the seat and kiosk of their first verified login) and
# the proctor's decisions about it: made on every open, so replicas of any
# earlier schema version gain them without a migration step.
_TRUST = """
CREATE TABLE IF NOT EXISTS seats (exam_id TEXT NOT NULL, participant_no TEXT NOT NULL,
    kiosk_id TEXT NOT NULL, seat TEXT NOT NULL, wall TEXT NOT NULL,
    PRIMARY KEY (exam_id, participant_no));
CREATE TABLE IF NOT EXISTS decisions (exam_id TEXT NOT NULL, participant_no TEXT NOT NULL,
    subject TEXT NOT NULL, accepted INTEGER NOT NULL, reason TEXT NOT NULL, by TEXT NOT NULL,
    wall TEXT NOT NULL, PRIMARY KEY (exam_id, participant_no, subject));
CREATE TABLE IF NOT EXISTS move_notes (exam_id TEXT NOT NULL, participant_no TEXT NOT NULL,
    kiosk_id TEXT NOT NULL, by TEXT NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (exam_id, participant_no, kiosk_id))
"""

TOKEN_LETTERS = string.ascii_uppercase


class ReplicaError(Exception):
    """The replica cannot be opened (wrong passphrase, not a replica, newer schema)."""


@dataclass(frozen=True)
class Appended:
    """What `append` did: the newly stored events, the last stored (seq, hash), and why a
    batch was refused (`refused` / `kind`: fork, gap, edited, broken_link)."""

    stored: tuple[Event, ...]
    seq: int
    hash: str | None
    refused: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class SessionRecord:
    exam_id: str
    session_id: SessionId
    package_digest: str
    opened: bool
    token: str
    quit_code: str
    quit_hash: str
    last_command_id: int


@dataclass(frozen=True)
class Decision:
    """The proctor's word on something that waits for it: a login at a seat other than
    planned (`subject` "seat …"), or a log sealing must not take blindly ("log")."""

    participant_no: ParticipantNo
    subject: str
    accepted: bool
    reason: str
    by: str
    wall: str


@dataclass(frozen=True)
class CommandTarget:
    """A command as it concerns one candidate: still on its way, or how it ended."""

    command_id: int
    participant_no: ParticipantNo
    status: CommandStatus
    note: str
    wall: str  # UTC ISO: when it was sent, or when its status last changed


@dataclass(frozen=True)
class StoredIncident:
    wall: str
    seat: str | None
    participant_no: ParticipantNo | None
    kind: str
    evidence: str
    count: int = 1  # a refusal repeated by one address: how often
    last_wall: str | None = None  # and when it last happened


def new_token() -> str:
    """A session token: 6 capital letters (what candidates type at login)."""
    return "".join(secrets.choice(TOKEN_LETTERS) for _ in range(6))


def wall_now() -> str:
    """The replica's time stamp: UTC ISO 8601 to the millisecond."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


_wall = wall_now


class Replica:
    """The proctor's encrypted store for one exam. Not thread-safe: the server's event
    loop thread owns it."""

    def __init__(self, path: Path, conn: sqlcipher.Connection, exam_id: str) -> None:
        self.path = path
        self.exam_id = exam_id
        self._conn = conn
        self._last: dict[ParticipantNo, tuple[int, str]] = {
            pno: (seq, hash_) for pno, seq, hash_ in conn.execute(
                "SELECT participant_no, seq, hash FROM chain_ends WHERE exam_id = ?",
                (exam_id,))}
        self._owners: dict[str, str] = dict(conn.execute(
            "SELECT participant_no, kiosk_id FROM owners WHERE exam_id = ?", (exam_id,)))

    @classmethod
    def open(cls, path: Path, key: bytes, exam_id: str) -> Replica:
        path = Path(path)
        if len(key) != 32:
            raise ReplicaError(f"{path}: the replica key must be 32 bytes")
        create_private(path)  # owner-only, whatever the umask (its WAL follows suit)
        conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher.DatabaseError:
                raise ReplicaError(f"{path}: this passphrase does not open the replica "
                                   "(or the file is not one); nothing was changed") from None
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA busy_timeout = 5000")
            _migrate(conn, path)
            return cls(path, conn, exam_id)
        except sqlcipher.DatabaseError as exc:
            conn.close()
            raise ReplicaError(f"{path}: the replica is damaged ({exc}); nothing was changed "
                               "(keep the file for the record)") from None
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Replica:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- events ----------------------------------------------------------------------------

    def last(self, participant_no: ParticipantNo) -> tuple[int, str | None]:
        seq, hash_ = self._last.get(participant_no, (0, None))
        return seq, hash_

    def chain_end(self, participant_no: ParticipantNo) -> tuple[int, str]:
        """(seq, hash) of the participant's last stored event as the file holds it now,
        whoever wrote it (the server may be appending while `proctor seal` reads);
        (0, "") when there is none."""
        row = self._conn.execute(
            "SELECT seq, hash FROM chain_ends WHERE exam_id = ? AND participant_no = ?",
            (self.exam_id, participant_no)).fetchone()
        return (0, "") if row is None else (int(row[0]), str(row[1]))

    def participants(self) -> list[ParticipantNo]:
        return sorted(self._last)

    def append(self, participant_no: ParticipantNo, events: Sequence[Event]) -> Appended:
        """Store the part of `events` that continues the chain, committed; or refuse all."""
        return self.append_many([(participant_no, events)])[0]

    def append_many(self, batches: Sequence[tuple[ParticipantNo, Sequence[Event]]]
                    ) -> list[Appended]:
        """`append` for several batches (of any participants) in one transaction: one
        commit for everything a busy room sent meanwhile (group commit). Each batch is
        judged on its own, in order, against the chain as the batches before it leave it;
        when this returns, every accepted event is durable."""
        tips: dict[ParticipantNo, tuple[int, str | None]] = {}  # chain ends, this group included
        pending: dict[tuple[ParticipantNo, int], str] = {}  # (participant, seq) -> hash, unstored
        results: list[Appended] = []
        rows: list[tuple[str, str, int, str, bytes, str]] = []
        stored_at = _wall()
        for pno, events in batches:
            last_seq, last_hash = tips.get(pno) or self.last(pno)
            refused = self._check(pno, events, last_seq, last_hash, pending)
            if refused is not None:
                kind, why = refused
                results.append(Appended((), last_seq, last_hash, why, kind))
                continue
            fresh = [e for e in events if e.seq > last_seq]
            for e in fresh:
                pending[(pno, e.seq)] = e.hash
                rows.append((self.exam_id, pno, e.seq, e.hash, encode_event(e), stored_at))
            if fresh:
                last_seq, last_hash = fresh[-1].seq, fresh[-1].hash
                tips[pno] = (last_seq, last_hash)
            results.append(Appended(tuple(fresh), last_seq, last_hash))
        if rows:
            with self._transaction():
                self._conn.executemany(
                    "INSERT INTO events (exam_id, participant_no, seq, hash, body, stored) "
                    "VALUES (?, ?, ?, ?, ?, ?)", rows)
                self._conn.executemany(
                    "INSERT OR REPLACE INTO chain_ends VALUES (?, ?, ?, ?)",
                    [(self.exam_id, pno, seq, h) for pno, (seq, h) in tips.items()])
            self._last.update({pno: (seq, str(h)) for pno, (seq, h) in tips.items()})
        return results

    def _check(self, pno: ParticipantNo, events: Sequence[Event], last_seq: int,
               last_hash: str | None,
               pending: dict[tuple[ParticipantNo, int], str]) -> tuple[str, str] | None:
        """(kind, why) when `events` may not extend the chain ending at `last_seq`."""
        prev = last_hash or genesis_hash(self.exam_id, pno)
        expected = last_seq + 1
        for event in events:
            if event.computed_hash() != event.hash:
                return "edited", f"seq {event.seq}: its hash does not match its content"
            if event.seq < expected:
                stored = pending.get((pno, event.seq)) or self._hash_at(pno, event.seq)
                if stored == event.hash:
                    continue  # a resend after a lost ack
                return "fork", (f"seq {event.seq}: a different event than the one stored "
                                "at this place")
            if event.seq != expected:
                return "gap", f"seq {event.seq}: seq {expected} is missing before it"
            if event.prev_hash != prev:
                what = ("does not start this exam's log for this participant"
                        if event.seq == 1 else f"does not follow the stored seq {event.seq - 1}")
                return "broken_link", f"seq {event.seq}: {what}"
            prev, expected = event.hash, expected + 1
        return None

    def _hash_at(self, participant_no: ParticipantNo, seq: int) -> str | None:
        row = self._conn.execute(
            "SELECT hash FROM events WHERE exam_id = ? AND participant_no = ? AND seq = ?",
            (self.exam_id, participant_no, seq)).fetchone()
        return None if row is None else str(row[0])

    def events(self, participant_no: ParticipantNo, after: int = 0) -> list[Event]:
        rows = self._conn.execute(
            "SELECT body FROM events WHERE exam_id = ? AND participant_no = ? AND seq > ? "
            "ORDER BY seq", (self.exam_id, participant_no, after)).fetchall()
        return [decode_event(bytes(body), where=str(self.path)) for (body,) in rows]

    def encoded_log(self, participant_no: ParticipantNo) -> bytes:
        """The participant's log as stored: each event's `encode_event` line and a newline,
        in seq order; b"" when there is none. Sealing takes these bytes as they are, so a
        4-hour log is not decoded and encoded again only to be written out."""
        rows = self._conn.execute(
            "SELECT body FROM events WHERE exam_id = ? AND participant_no = ? ORDER BY seq",
            (self.exam_id, participant_no)).fetchall()
        return b"".join(bytes(body) + b"\n" for (body,) in rows)

    # -- session ---------------------------------------------------------------------------

    def session(self, session_id: SessionId, package_digest: str) -> SessionRecord:
        """The session's record, made (closed, fresh token and quit code) on first use."""
        row = self._conn.execute(
            "SELECT package_digest, opened, token, quit_code, quit_hash, last_command_id "
            "FROM sessions WHERE exam_id = ? AND session_id = ?",
            (self.exam_id, session_id)).fetchone()
        if row is None:
            code = new_quit_code()
            record = SessionRecord(self.exam_id, session_id, package_digest, False,
                                   new_token(), code, hash_quit_code(code), 0)
            with self._transaction():
                self._conn.execute(
                    "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (self.exam_id, session_id, package_digest, 0, record.token, code,
                     record.quit_hash, 0))
            return record
        if row[0] != package_digest:
            raise ReplicaError(f"{self.path}: session {session_id} of {self.exam_id} was "
                               "opened with another package file; use that one")
        return SessionRecord(self.exam_id, session_id, row[0], bool(row[1]), row[2], row[3],
                             row[4], row[5])

    def update_session(self, record: SessionRecord) -> None:
        with self._transaction():
            self._conn.execute(
                "UPDATE sessions SET opened = ?, token = ?, quit_code = ?, quit_hash = ? "
                "WHERE exam_id = ? AND session_id = ?",
                (int(record.opened), record.token, record.quit_code, record.quit_hash,
                 record.exam_id, record.session_id))

    def record_command(self, session_id: SessionId, command: ControlCommand,
                       targets: Sequence[ParticipantNo] = ()) -> int:
        """Log a command the proctor sends, pending for each of `targets` (the candidates
        it must reach), and return its id (one above the last)."""
        with self._transaction():
            (last,) = self._conn.execute(
                "SELECT last_command_id FROM sessions WHERE exam_id = ? AND session_id = ?",
                (self.exam_id, session_id)).fetchone()
            command_id = int(last) + 1
            self._conn.execute(
                "UPDATE sessions SET last_command_id = ? WHERE exam_id = ? AND session_id = ?",
                (command_id, self.exam_id, session_id))
            self._conn.execute(
                "INSERT INTO commands VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (self.exam_id, session_id, command_id, _wall(), str(command.action),
                 command.reason, command.by, json.dumps(list(command.participants)),
                 command.minutes, command.text))
            self._conn.executemany(
                "INSERT INTO command_targets VALUES (?, ?, ?, ?, ?, '', ?)",
                [(self.exam_id, session_id, command_id, pno, str(CommandStatus.PENDING),
                  _wall()) for pno in dict.fromkeys(targets)])
        return command_id

    def command_targets(self, session_id: SessionId) -> list[CommandTarget]:
        """Every (command, candidate) the session's commands had to reach, by command id."""
        rows = self._conn.execute(
            "SELECT command_id, participant_no, status, note, wall FROM command_targets "
            "WHERE exam_id = ? AND session_id = ? ORDER BY command_id, participant_no",
            (self.exam_id, session_id)).fetchall()
        return [CommandTarget(r[0], ParticipantNo(r[1]), CommandStatus(r[2]), r[3], r[4])
                for r in rows]

    def set_command_status(self, session_id: SessionId, command_id: int, participant_no: str,
                           status: CommandStatus, note: str = "") -> None:
        with self._transaction():
            self._conn.execute(
                "UPDATE command_targets SET status = ?, note = ?, wall = ? WHERE exam_id = ? "
                "AND session_id = ? AND command_id = ? AND participant_no = ?",
                (str(status), note, _wall(), self.exam_id, session_id, command_id,
                 participant_no))

    def owner(self, participant_no: ParticipantNo) -> KioskId | None:
        """The kiosk that writes this participant's log now (None: nobody yet)."""
        owner = self._owners.get(participant_no)
        return None if owner is None else KioskId(owner)

    def commands(self, session_id: SessionId) -> list[tuple[int, str, ControlCommand]]:
        """(id, wall time, command) of every command sent in the session, in order."""
        from exam_bank.wire.control import ControlAction

        rows = self._conn.execute(
            "SELECT id, wall, action, reason, by, participants, minutes, text FROM commands "
            "WHERE exam_id = ? AND session_id = ? ORDER BY id",
            (self.exam_id, session_id)).fetchall()
        return [(r[0], r[1], ControlCommand(ControlAction(r[2]), r[3], r[4],
                                            tuple(json.loads(r[5])), r[6], r[7]))
                for r in rows]

    def record_control_ack(self, session_id: SessionId, command_id: int, kiosk_id: KioskId,
                           participant_no: ParticipantNo | None, outcome: str, note: str) -> None:
        with self._transaction():
            self._conn.execute("INSERT INTO command_acks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               (self.exam_id, session_id, command_id, kiosk_id,
                                participant_no, outcome, note, _wall()))

    def control_acks(self, session_id: SessionId) -> list[tuple[int, str, str | None, str]]:
        rows = self._conn.execute(
            "SELECT command_id, kiosk_id, participant_no, outcome FROM command_acks "
            "WHERE exam_id = ? AND session_id = ? ORDER BY rowid",
            (self.exam_id, session_id)).fetchall()
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    # -- moves, kiosks, replays ------------------------------------------------------------

    def authorize_move(self, participant_no: ParticipantNo, kiosk_id: KioskId, *,
                       session_id: str = "", action: ProctorAction | None = None) -> None:
        """`kiosk_id` may take over `participant_no`'s log once. `action` is the
        authorization as session `session_id`'s record keeps it (who, why, from and to
        which seat, when), stored in the same commit: its name and reason go with the log
        to that kiosk (`move_note`), which writes them into the candidate's chain."""
        with self._transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO moves VALUES (?, ?, ?, ?, 0)",
                (self.exam_id, participant_no, kiosk_id, _wall()))
            if action is not None:
                self._insert_action(action, session_id)

    def move_note(self, participant_no: ParticipantNo, kiosk_id: KioskId) -> tuple[str, str]:
        """Who authorized moving `participant_no` to `kiosk_id` last, and why ("" if
        unknown): the record's action, or what an earlier replica kept in `move_notes`."""
        row = self._conn.execute(
            "SELECT by, reason FROM proctor_actions WHERE exam_id = ? AND kind = ? AND "
            "participant_no = ? AND pc = ? ORDER BY id DESC LIMIT 1",
            (self.exam_id, str(ActionKind.MOVE_AUTHORIZED), participant_no,
             kiosk_id)).fetchone() or self._conn.execute(
            "SELECT by, reason FROM move_notes WHERE exam_id = ? AND participant_no = ? "
            "AND kiosk_id = ?", (self.exam_id, participant_no, kiosk_id)).fetchone()
        return (str(row[0]), str(row[1])) if row else ("", "")

    def take_move(self, participant_no: ParticipantNo, kiosk_id: KioskId) -> bool:
        """True once per authorization: the kiosk may receive the participant's log, and
        from now on only it may add to that log (the PC left behind is refused)."""
        with self._transaction():
            cursor = self._conn.execute(
                "UPDATE moves SET used = 1 WHERE exam_id = ? AND participant_no = ? AND "
                "kiosk_id = ? AND used = 0", (self.exam_id, participant_no, kiosk_id))
            taken: bool = cursor.rowcount == 1
            if taken:
                self._conn.execute("INSERT OR REPLACE INTO owners VALUES (?, ?, ?)",
                                   (self.exam_id, participant_no, kiosk_id))
        if taken:
            self._owners[participant_no] = kiosk_id
        return taken

    def owned_by(self, kiosk_id: KioskId) -> list[str]:
        """The participants whose logs `kiosk_id` writes."""
        return sorted(p for p, k in self._owners.items() if k == kiosk_id)

    def claim(self, participant_no: ParticipantNo, kiosk_id: KioskId, seat: str = ""
              ) -> str | None:
        """Make `kiosk_id` (at `seat`) the writer of this participant's log if nobody is;
        the kiosk that is (None when it is `kiosk_id`). One log, one writer: a second PC
        writing the same candidate would fork the chain. Call it only once the events
        that claim are verified and stored (`first_problem`, `append_many`)."""
        owner = self._owners.get(participant_no)
        if owner is None:
            with self._transaction():
                self._conn.execute("INSERT OR IGNORE INTO owners VALUES (?, ?, ?)",
                                   (self.exam_id, participant_no, kiosk_id))
                self._conn.execute("INSERT OR IGNORE INTO seats VALUES (?, ?, ?, ?, ?)",
                                   (self.exam_id, participant_no, kiosk_id, seat, _wall()))
            self._owners[participant_no] = owner = kiosk_id
        return None if owner == kiosk_id else owner

    def seat_of(self, participant_no: ParticipantNo) -> tuple[str, str] | None:
        """(kiosk id, seat) where the participant's first verified login was, or None."""
        row = self._conn.execute(
            "SELECT kiosk_id, seat FROM seats WHERE exam_id = ? AND participant_no = ?",
            (self.exam_id, participant_no)).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def first_problem(self, participant_no: ParticipantNo, events: Sequence[Event]
                      ) -> str | None:
        """Why `events` cannot begin this participant's log, or None: they must start at
        seq 1 with the participant's own login and chain from this exam's genesis (what
        the kiosk writes once the PIN and token checked)."""
        if not events or events[0].seq != 1:
            return "the log must begin with the candidate's login (seq 1)"
        first = events[0]
        if first.type != EventType.LOGIN or first.data.get("participant_no") != participant_no:
            return f"seq 1 is not {participant_no}'s login"
        refused = self._check(participant_no, events, 0, None, {})
        return None if refused is None else refused[1]

    def decide(self, participant_no: ParticipantNo, subject: str, accepted: bool, reason: str,
               by: str) -> Decision:
        """Record the proctor's decision (a later one replaces it); ValueError without a
        reason: a decision goes into the berita acara."""
        if not reason.strip():
            raise ValueError("a decision needs a reason (it goes into the berita acara)")
        wall = _wall()
        with self._transaction():
            self._conn.execute("INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (self.exam_id, participant_no, subject, int(accepted),
                                reason.strip(), by.strip(), wall))
        return Decision(participant_no, subject, accepted, reason.strip(), by.strip(), wall)

    def decision(self, participant_no: ParticipantNo, subject: str) -> Decision | None:
        found = [d for d in self.decisions() if d.participant_no == participant_no
                 and d.subject == subject]
        return found[0] if found else None

    def decisions(self) -> list[Decision]:
        rows = self._conn.execute(
            "SELECT participant_no, subject, accepted, reason, by, wall FROM decisions "
            "WHERE exam_id = ? ORDER BY wall", (self.exam_id,)).fetchall()
        return [Decision(ParticipantNo(str(r[0])), str(r[1]), bool(r[2]), str(r[3]),
                         str(r[4]), str(r[5])) for r in rows]

    def note_served(self, kiosk_id: KioskId, participant_no: ParticipantNo) -> None:
        with self._transaction():
            self._conn.execute("INSERT OR IGNORE INTO served VALUES (?, ?, ?)",
                               (self.exam_id, kiosk_id, participant_no))

    def served(self, kiosk_id: KioskId) -> list[ParticipantNo]:
        rows = self._conn.execute(
            "SELECT participant_no FROM served WHERE exam_id = ? AND kiosk_id = ?",
            (self.exam_id, kiosk_id)).fetchall()
        return sorted(ParticipantNo(r[0]) for r in rows)

    def use_nonce(self, kiosk_id: KioskId, nonce: str) -> bool:
        """False when this kiosk's hello already used `nonce` (a replayed hello)."""
        with self._transaction():
            cursor = self._conn.execute("INSERT OR IGNORE INTO nonces VALUES (?, ?, ?)",
                                        (kiosk_id, nonce, _wall()))
            return bool(cursor.rowcount == 1)

    # -- enrollment codes ------------------------------------------------------------------

    def add_code(self, code: str, expires: float) -> None:
        with self._transaction():
            self._conn.execute("INSERT INTO enroll_codes VALUES (?, ?, 0)", (code, expires))

    def live_codes(self, now: float) -> list[str]:
        rows = self._conn.execute("SELECT code FROM enroll_codes WHERE used = 0 AND expires > ?",
                                  (now,)).fetchall()
        return [r[0] for r in rows]

    def use_code(self, code: str) -> bool:
        """Consume `code`; False if another enrollment took it first."""
        with self._transaction():
            cursor = self._conn.execute(
                "UPDATE enroll_codes SET used = 1 WHERE code = ? AND used = 0", (code,))
            return bool(cursor.rowcount == 1)

    def cancel_codes(self) -> None:
        with self._transaction():
            self._conn.execute("UPDATE enroll_codes SET used = 1 WHERE used = 0")

    # -- incidents -------------------------------------------------------------------------

    def add_incident(self, seat: str | None, participant_no: ParticipantNo | None, kind: str,
                     evidence: str, wall: str | None = None, *, session_id: str = "") -> int:
        """Store an incident seen while session `session_id` ran; its row id (for
        `count_repeats`). "" (no session) shows in every session of the exam."""
        with self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO incidents (exam_id, session_id, wall, seat, participant_no, kind, "
                "evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self.exam_id, session_id, wall or _wall(), seat, participant_no, kind,
                 evidence))
            return int(cursor.lastrowid or 0)

    def count_repeats(self, repeats: Sequence[tuple[int, int, str]]) -> None:
        """(row id, count, last wall) of incidents repeated since stored, in one commit."""
        with self._transaction():
            self._conn.executemany(
                "UPDATE incidents SET count = ?, last_wall = ? WHERE id = ? AND exam_id = ?",
                [(count, last, row, self.exam_id) for row, count, last in repeats])

    def incidents(self, session_id: str | None = None) -> list[StoredIncident]:
        """Session `session_id`'s incidents (with those kept without a session), in the
        order they were stored; None: every session's (a whole-exam diagnosis)."""
        where, args = "exam_id = ?", [self.exam_id]
        if session_id is not None:
            where, args = where + " AND session_id IN (?, '')", [*args, session_id]
        rows = self._conn.execute(
            "SELECT wall, seat, participant_no, kind, evidence, count, last_wall FROM incidents "
            f"WHERE {where} ORDER BY id", args).fetchall()
        return [StoredIncident(*r) for r in rows]

    # -- the proctor's actions -------------------------------------------------------------

    def add_action(self, session_id: SessionId, action: ProctorAction) -> ProctorAction:
        """Keep one of the proctor's actions (`exam_bank.record.actions`), committed."""
        with self._transaction():
            self._insert_action(action, session_id)
        return action

    def _insert_action(self, action: ProctorAction, session_id: str) -> None:
        self._conn.execute(
            "INSERT INTO proctor_actions (exam_id, session_id, wall, kind, participant_no, "
            "seat, pc, to_seat, by, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.exam_id, session_id, action.wall, str(action.kind), action.participant_no,
             action.seat, action.pc, action.to_seat, action.by, action.reason,
             action.detail))

    def actions(self, session_id: SessionId) -> list[ProctorAction]:
        """The session's actions in the order they were done (with those an earlier
        replica kept without their session: `_actions_from_earlier`)."""
        rows = self._conn.execute(
            "SELECT wall, kind, by, reason, participant_no, seat, pc, to_seat, detail FROM "
            "proctor_actions WHERE exam_id = ? AND session_id IN (?, '') ORDER BY id",
            (self.exam_id, session_id)).fetchall()
        return [ProctorAction(r[0], ActionKind(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8])
                for r in rows]

    # -- plumbing --------------------------------------------------------------------------

    def _transaction(self) -> _Tx:
        return _Tx(self._conn)


class _Tx:
    def __init__(self, conn: sqlcipher.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        elif self._conn.in_transaction:
            self._conn.execute("ROLLBACK")


def _migrate(conn: sqlcipher.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise ReplicaError(f"{path}: replica schema {version} is newer than this proctor "
                           f"understands ({SCHEMA_VERSION}); update Ujikom")
    if version == 0:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise ReplicaError(f"{path}: not a proctor replica (tables but no version)")
        with _Tx(conn):
            for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                conn.execute(statement)
            conn.execute("INSERT INTO meta VALUES ('key_check', ?)", (KEY_CHECK,))
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    if version == 1:
        with _Tx(conn):
            conn.execute(_CHAIN_ENDS)
            conn.execute(
                "INSERT INTO chain_ends SELECT exam_id, participant_no, seq, hash FROM "
                "events e WHERE seq = (SELECT max(seq) FROM events WHERE exam_id = "
                "e.exam_id AND participant_no = e.participant_no)")
            conn.execute("PRAGMA user_version = 2")
        version = 2
    if version == 2:
        with _Tx(conn):
            for statement in _REPEATS:
                conn.execute(statement)
            conn.execute("PRAGMA user_version = 3")
        version = 3
    if version == 3:  # commands sent before this have no targets: nothing waits for them
        with _Tx(conn):
            conn.execute(_COMMAND_TARGETS)
            conn.execute("PRAGMA user_version = 4")
        version = 4
    if version == 4:
        with _Tx(conn):
            conn.execute(_ACTIONS)
            _actions_from_earlier(conn)
            conn.execute("PRAGMA user_version = 5")
        version = 5
    if version == 5:
        with _Tx(conn):
            if "session_id" not in {r[1] for r in conn.execute("PRAGMA table_info(incidents)")}:
                conn.execute(_INCIDENT_SESSION)
            _incident_sessions(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    row = conn.execute("SELECT value FROM meta WHERE name = 'key_check'").fetchone()
    if row is None or row[0] != KEY_CHECK:
        raise ReplicaError(f"{path}: the key check failed: not this proctor's replica")
    with _Tx(conn):
        for statement in filter(None, (s.strip() for s in _TRUST.split(";"))):
            conn.execute(statement)


_OVERRIDE = re.compile(r"session opened by (.*?) over failing preflight at (.*?): (.*)\Z",
                       re.DOTALL)
_DECIDED = ("login_approved", "login_refused", "log_accepted", "log_rejected")


def _actions_from_earlier(conn: sqlcipher.Connection) -> None:
    """An earlier replica kept the proctor's decisions in `decisions` (who, why, when) and
    as incidents with English text, a move's who and why in `move_notes`, and an opening
    over a failing PC check as an incident: they become actions with their own time, name
    and reason (the incidents they were are dropped, or the berita acara would print each
    twice). Which session they were in was not kept: the exam's only session, or ""
    (every session of the exam)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    sessions: dict[str, list[str]] = {}
    for exam_id, session_id in conn.execute("SELECT exam_id, session_id FROM sessions"):
        sessions.setdefault(exam_id, []).append(session_id)

    def session_of(exam_id: str) -> str:
        found = sessions.get(exam_id, [])
        return found[0] if len(found) == 1 else ""
    rows: list[tuple[object, ...]] = []
    seats = {(e, p): (k, s) for e, p, k, s in conn.execute(
        "SELECT exam_id, participant_no, kiosk_id, seat FROM seats")} \
        if "seats" in tables else {}
    if "decisions" in tables:
        for exam_id, pno, subject, accepted, reason, by, wall in conn.execute(
                "SELECT exam_id, participant_no, subject, accepted, reason, by, wall "
                "FROM decisions ORDER BY wall").fetchall():
            kiosk, seat = seats.get((exam_id, pno), ("", ""))
            if str(subject).startswith("login on "):
                kind = "login_approved" if accepted else "login_refused"
                kiosk = str(subject)[len("login on "):]
                seat = seat if accepted else ""
            else:
                kind = "log_accepted" if accepted else "log_rejected"
            rows.append((exam_id, session_of(exam_id), wall, kind, pno, seat, kiosk, "", by,
                         reason, "from an earlier replica's decisions"))
        conn.execute(f"DELETE FROM incidents WHERE kind IN ({','.join('?' * len(_DECIDED))})",
                     _DECIDED)
    if "move_notes" in tables:  # moves authorized with who and why (their time: `moves`)
        for exam_id, pno, kiosk, by, reason, wall in conn.execute(
                "SELECT n.exam_id, n.participant_no, n.kiosk_id, n.by, n.reason, m.wall FROM "
                "move_notes n JOIN moves m USING (exam_id, participant_no, kiosk_id)"
                ).fetchall():
            rows.append((exam_id, session_of(exam_id), wall, "move_authorized", pno,
                         seats.get((exam_id, pno), ("", ""))[1], kiosk, "", by, reason,
                         "from an earlier replica's move notes"))
    for row_id, exam_id, wall, evidence in conn.execute(
            "SELECT id, exam_id, wall, evidence FROM incidents "
            "WHERE kind = 'preflight_override'").fetchall():
        match = _OVERRIDE.match(str(evidence))
        if match is None:
            continue  # kept as it was: an incident
        by = "" if match[1] == "the proctor" else match[1]
        rows.append((exam_id, session_of(exam_id), wall, "preflight_override", None,
                     match[2], "", "", by, match[3], str(evidence)))
        conn.execute("DELETE FROM incidents WHERE id = ?", (row_id,))
    conn.executemany(
        "INSERT INTO proctor_actions (exam_id, session_id, wall, kind, participant_no, seat, "
        "pc, to_seat, by, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        sorted(rows, key=lambda r: str(r[2])))


# Where an earlier replica stamped a session's time: its commands, what they reached, the
# kiosks' answers and the proctor's actions.
_SESSION_STAMPS = ("commands", "command_targets", "command_acks", "proctor_actions")


def _incident_sessions(conn: sqlcipher.Connection) -> None:
    """Give each incident an earlier replica kept per exam the session it belongs to (and
    each proctor action schema 5 migrated without one, `_actions_from_earlier`). The
    rule: an exam with one session: that session. Otherwise the candidate's own session
    when a record of a session names them (a command to them, an action about them);
    else the session running at the incident's time, i.e. the one that began last at or
    before it (a session begins at its first stamped record: `_SESSION_STAMPS`; a lab runs
    one exam's sessions one after another), or the first session for an incident before
    them all. An exam none of whose sessions stamped anything keeps "" (every session)."""
    from exam_bank.record.facts import wall_instant

    sessions: dict[str, list[str]] = {}
    for exam_id, session_id in conn.execute("SELECT exam_id, session_id FROM sessions"):
        sessions.setdefault(str(exam_id), []).append(str(session_id))
    first: dict[tuple[str, str], dt.datetime] = {}  # (exam, session) -> first stamp
    for table in _SESSION_STAMPS:
        for exam_id, session_id, wall in conn.execute(
                f"SELECT exam_id, session_id, min(wall) FROM {table} WHERE session_id != '' "
                "GROUP BY exam_id, session_id").fetchall():
            key, at = (str(exam_id), str(session_id)), wall_instant(str(wall))
            first[key] = min(at, first.get(key, at))
    starts: dict[str, list[tuple[dt.datetime, str]]] = {}
    for (exam_id, session_id), at in first.items():
        starts.setdefault(exam_id, []).append((at, session_id))
    people: dict[tuple[str, str], str] = {}
    for exam_id, session_id, pno in conn.execute(
            "SELECT exam_id, session_id, participant_no FROM command_targets UNION "
            "SELECT exam_id, session_id, participant_no FROM proctor_actions "
            "WHERE participant_no IS NOT NULL AND session_id != ''").fetchall():
        people[(str(exam_id), str(pno))] = str(session_id)

    def session_of(exam_id: str, wall: str, pno: str | None) -> str:
        known = sessions.get(exam_id, [])
        if len(known) == 1:
            return known[0]
        if pno is not None and (exam_id, pno) in people:
            return people[(exam_id, pno)]
        begun = sorted(starts.get(exam_id, []))
        if not begun:
            return ""
        at = wall_instant(wall)
        before = [sid for start, sid in begun if start <= at]
        return before[-1] if before else begun[0][1]
    # The incidents, and the actions schema 5 could not place (`_actions_from_earlier`).
    for table, which in (("incidents", ""), ("proctor_actions", " WHERE session_id = ''")):
        conn.executemany(f"UPDATE {table} SET session_id = ? WHERE id = ?", [
            (session_of(str(exam_id), str(wall), pno), row_id)
            for row_id, exam_id, wall, pno in conn.execute(
                f"SELECT id, exam_id, wall, participant_no FROM {table}{which}").fetchall()])
