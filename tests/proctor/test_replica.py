"""The replica's chain rules, durability and the session record it keeps across restarts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank.events.chain import make_event
from exam_bank.events.model import EventType
from exam_bank.wire.control import ControlAction, ControlCommand
from proctor.replica import SCHEMA_VERSION, Replica, ReplicaError
from tests.proctor.kit import EXAM_ID, chain

KEY = bytes(range(32))


def _open(path: Path, key: bytes = KEY) -> Replica:
    return Replica.open(path, key, EXAM_ID)


@pytest.fixture
def replica(tmp_path: Path):
    with _open(tmp_path / "replica.db") as r:
        yield r


def test_events_in_order_are_stored_and_survive_reopening(tmp_path: Path) -> None:
    events = chain("P001", 6)
    with _open(tmp_path / "r.db") as replica:
        first = replica.append("P001", events[:2])
        second = replica.append("P001", events[2:])
        assert (first.seq, second.seq) == (2, 6)
        assert second.hash == events[-1].hash and second.refused is None
    with _open(tmp_path / "r.db") as again:
        assert again.events("P001") == events
        assert again.last("P001") == (6, events[-1].hash)


def test_a_resend_is_acknowledged_and_ignored(replica: Replica) -> None:
    events = chain("P001", 5)
    replica.append("P001", events[:3])
    result = replica.append("P001", events[1:5])  # 2 and 3 again, then 4 and 5 new
    assert [e.seq for e in result.stored] == [4, 5]
    assert result.seq == 5
    again = replica.append("P001", events[:5])
    assert again.stored == () and again.seq == 5 and again.refused is None
    assert replica.events("P001") == events


def _refused(replica: Replica, batch, kind: str) -> None:
    before = replica.events("P001")
    result = replica.append("P001", batch)
    assert result.kind == kind, result
    assert result.stored == ()
    assert replica.events("P001") == before  # nothing stored changed
    assert result.seq == (before[-1].seq if before else 0)


def test_a_gap_is_refused(replica: Replica) -> None:
    events = chain("P001", 6)
    replica.append("P001", events[:2])
    _refused(replica, events[3:], "gap")


def test_a_fork_is_refused(replica: Replica) -> None:
    events = chain("P001", 4)
    replica.append("P001", events)
    other = chain("P001", 4)
    forked = make_event(3, EventType.FLAG_SET, other[2].wall, 5, 1, {"item": "x"},
                        events[1].hash)
    _refused(replica, [forked], "fork")


def test_an_edited_event_is_refused(replica: Replica) -> None:
    events = chain("P001", 4)
    replica.append("P001", events[:2])
    edited = replace(events[2], data={"to": 99})
    _refused(replica, [edited, events[3]], "edited")
    edited_resend = replace(events[1], data={"to": 99})  # a stored seq, content changed
    _refused(replica, [edited_resend], "edited")


def test_a_broken_link_or_foreign_genesis_is_refused(replica: Replica) -> None:
    _refused(replica, chain("P001", 2, exam_id="OTHER"), "broken_link")
    _refused(replica, chain("P002", 2), "broken_link")  # P002's log offered as P001's
    events = chain("P001", 3)
    replica.append("P001", events[:1])
    relinked = make_event(2, EventType.NAVIGATED, events[1].wall, 1, 1, {"to": 1}, "0" * 64)
    _refused(replica, [relinked], "broken_link")


def test_a_bad_batch_stores_none_of_its_good_prefix(replica: Replica) -> None:
    events = chain("P001", 4)
    tampered = replace(events[3], mono_ms=1)
    _refused(replica, [*events[:3], tampered], "edited")
    assert replica.last("P001") == (0, None)


def test_participants_are_kept_apart(replica: Replica) -> None:
    replica.append("P001", chain("P001", 3))
    replica.append("P002", chain("P002", 2))
    assert replica.participants() == ["P001", "P002"]
    assert replica.last("P002")[0] == 2


def test_a_wrong_key_opens_nothing_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with _open(path) as replica:
        replica.append("P001", chain("P001", 2))
    before = path.read_bytes()
    with pytest.raises(ReplicaError, match="passphrase"):
        _open(path, bytes(32))
    assert path.read_bytes() == before


def test_no_plaintext_on_disk(tmp_path: Path) -> None:
    with _open(tmp_path / "r.db") as replica:
        replica.append("P001", chain("P001", 3))
        replica.session("S1", "ab" * 32)
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for needle in (b"P001", b"navigated", b"participant_no", b"ujikom"):
        assert needle not in data


def test_the_session_record_carries_on_after_a_restart(tmp_path: Path) -> None:
    with _open(tmp_path / "r.db") as replica:
        record = replica.session("S1", "ab" * 32)
        assert not record.opened and len(record.token) == 6 and record.token.isupper()
        replica.update_session(replace(record, opened=True))
        pause = ControlCommand(ControlAction.PAUSE, "mati listrik", "Budi")
        assert replica.record_command("S1", pause) == 1
        assert replica.record_command("S1", pause) == 2
        replica.authorize_move("P001", "pc-09")
    with _open(tmp_path / "r.db") as replica:
        again = replica.session("S1", "ab" * 32)
        assert again.opened and again.token == record.token
        assert again.quit_code == record.quit_code and again.last_command_id == 2
        assert [c for _id, _wall, c in replica.commands("S1")] == [pause, pause]
        assert replica.take_move("P001", "pc-09")
        assert not replica.take_move("P001", "pc-09")  # once per authorization


def test_a_session_refuses_another_package(replica: Replica) -> None:
    replica.session("S1", "ab" * 32)
    with pytest.raises(ReplicaError, match="another package"):
        replica.session("S1", "cd" * 32)


def test_hello_nonces_are_single_use(replica: Replica) -> None:
    assert replica.use_nonce("pc-01", "0f" * 16)
    assert not replica.use_nonce("pc-01", "0f" * 16)
    assert replica.use_nonce("pc-02", "0f" * 16)


def test_a_group_commit_judges_each_batch_against_the_ones_before_it(tmp_path: Path) -> None:
    p1, p2 = chain("P001", 6), chain("P002", 3)
    other = chain("P001", 6, exam_id="OTHER")
    with _open(tmp_path / "r.db") as replica:
        results = replica.append_many([
            ("P001", p1[:2]),
            ("P002", p2),
            ("P001", p1[1:4]),  # resends seq 2 (not yet committed) and adds 3, 4
            ("P001", [replace(p1[4], data={"to": 7})]),  # edited: refused alone
            ("P001", other[4:5]),  # seq 5 of another chain: a broken link, refused
            ("P001", p1[4:]),
        ])
        assert [r.seq for r in results] == [2, 3, 4, 4, 4, 6]
        assert [r.kind for r in results] == [None, None, None, "edited", "broken_link", None]
        assert [len(r.stored) for r in results] == [2, 3, 2, 0, 0, 2]
    with _open(tmp_path / "r.db") as replica:
        assert replica.events("P001") == p1 and replica.events("P002") == p2


def test_a_replica_from_the_previous_version_keeps_every_chain_end(tmp_path: Path) -> None:
    """Schema 2 keeps chain ends in their own table; a schema-1 replica (a lab that ran an
    earlier Ujikom) gets it filled from its events, and goes on from where it was."""
    path = tmp_path / "replica.db"
    one, two = chain("P001", 5), chain("P002", 3)
    with _open(path) as rep:
        rep.append("P001", one)
        rep.append("P002", two)
        rep.add_incident(None, None, "tls_refused", "10.0.0.9: no certificate")
        rep._conn.execute("DROP TABLE chain_ends")  # what schema 1 had
        rep._conn.execute("DROP TABLE command_targets")
        rep._conn.execute("DROP TABLE proctor_actions")  # and schema 4
        rep._conn.execute("ALTER TABLE incidents DROP COLUMN count")  # and schema 2
        rep._conn.execute("ALTER TABLE incidents DROP COLUMN last_wall")
        rep._conn.execute("PRAGMA user_version = 1")
    with _open(path) as rep:
        assert rep.last("P001") == (5, one[-1].hash)
        assert rep.chain_end("P002") == (3, two[-1].hash)
        assert rep.chain_end("P003") == (0, "")
        more = chain("P002", 4)
        assert rep.append("P002", more[3:]).seq == 4
        assert rep.chain_end("P002") == (4, more[-1].hash)
    with _open(path) as rep:
        assert rep._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert rep.command_targets("S1") == []  # schema 3's table is there, empty
        assert rep.last("P002") == (4, more[-1].hash)
        assert [(i.kind, i.count) for i in rep.incidents()] == [("tls_refused", 1)]


def test_a_repeated_refusal_is_one_incident_with_its_count(tmp_path: Path) -> None:
    with _open(tmp_path / "r.db") as rep:
        row = rep.add_incident(None, None, "tls_refused", "10.0.0.9: no certificate",
                               wall="2026-12-07T01:00:00.000+00:00")
        rep.count_repeats([(row, 400, "2026-12-07T01:02:00.000+00:00")])
        (only,) = rep.incidents()
        assert (only.count, only.wall, only.last_wall) == (
            400, "2026-12-07T01:00:00.000+00:00", "2026-12-07T01:02:00.000+00:00")


def test_a_damaged_replica_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with _open(path) as rep:
        for n in range(1, 4):
            rep.append(f"P00{n}", chain(f"P00{n}", 200))
    raw = bytearray(path.read_bytes())
    for offset in range(4096, len(raw)):  # every page after the first
        raw[offset] ^= 0x5A
    path.write_bytes(bytes(raw))
    with pytest.raises(ReplicaError, match="damaged"):
        _open(path)


def test_an_older_replica_keeps_its_decisions_as_actions_with_name_and_reason(
        tmp_path: Path) -> None:
    """Schema 4 kept a decision in `decisions` and again as an English incident, and an
    opening over a failing PC check as an incident: migrated, each is one action with its
    own time, name and reason (and prints so), and no incident is printed twice."""
    from exam_bank.record.words import sentence

    path = tmp_path / "replica.db"
    with _open(path) as rep:
        rep.session("S1", "ab" * 32)
        rep.append("P001", chain("P001", 2))
        rep.claim("P001", "pc-07", "B5")
        login = rep.decide("P001", "login on pc-07", True, "PC A1 rusak", "Budi")
        log = rep.decide("P002", "log", False, "bukan peserta", "Ani")
        rep.add_incident("B5", "P001", "login_approved", "Budi: P001 on kiosk pc-07: PC A1 rusak")
        rep.add_incident(None, "P002", "log_rejected", "Ani: P002's log rejected: bukan peserta")
        rep.add_incident(None, None, "preflight_override", "session opened by Sari over "
                         "failing preflight at A7 (pc-07): AnyDesk dihapus")
        rep.add_incident(None, None, "tls_refused", "10.0.0.9: no certificate")
        rep._conn.execute("INSERT INTO moves VALUES (?, 'P001', 'pc-09', "
                          "'2026-12-08T02:00:00+00:00', 0)", (EXAM_ID,))
        rep._conn.execute("INSERT INTO move_notes VALUES (?, 'P001', 'pc-09', 'Sari', "
                          "'PC mati')", (EXAM_ID,))
        rep._conn.execute("DROP TABLE proctor_actions")  # what schema 4 had
        rep._conn.execute("PRAGMA user_version = 4")
    with _open(path) as rep:
        assert rep._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [i.kind for i in rep.incidents()] == ["tls_refused"]
        actions = {a.kind: a for a in rep.actions("S1")}
        assert set(actions) == {"login_approved", "log_rejected", "preflight_override",
                                "move_authorized"}
        assert rep.move_note("P001", "pc-09") == ("Sari", "PC mati")  # for the spare PC
        assert sentence(actions["move_authorized"].entry()) == (
            "Pemindahan peserta dari kursi B5 ke pc-09 disetujui oleh Sari; alasan: PC "
            "mati")
        assert actions["move_authorized"].wall == "2026-12-08T02:00:00+00:00"
        approved = actions["login_approved"]
        assert (approved.wall, approved.participant_no, approved.seat, approved.pc) == (
            login.wall, "P001", "B5", "pc-07")
        assert actions["log_rejected"].wall == log.wall
        assert sentence(approved.entry()).endswith("disetujui oleh Budi; alasan: PC A1 rusak")
        assert sentence(actions["log_rejected"].entry()).startswith(
            "Log ujian peserta yang dipertanyakan ditolak oleh Ani; alasan: bukan peserta")
        assert sentence(actions["preflight_override"].entry()) == (
            "Sesi ujian dibuka walaupun pemeriksaan PC gagal di A7 (pc-07) oleh Sari; "
            "alasan: AnyDesk dihapus")


def test_an_older_replicas_incidents_get_the_session_they_happened_in(
        tmp_path: Path) -> None:
    """Schema 5 kept incidents per exam: after the migration each belongs to one session
    (the candidate's own when a session's record names them, else the session that had
    begun last at its time), so the afternoon's record no longer lists the morning's."""
    from exam_bank.record.actions import ActionKind, ProctorAction

    path = tmp_path / "replica.db"
    morning, afternoon = "2026-12-08T01:00:00.000+00:00", "2026-12-08T06:00:00.000+00:00"
    with _open(path) as rep:
        rep.session("S1", "ab" * 32)
        rep.session("S2", "ab" * 32)
        for session, wall in (("S1", morning), ("S2", afternoon)):
            rep.add_action(session, ProctorAction(wall, ActionKind.SESSION_OPENED, "Budi", ""))
        rep.record_command("S2", ControlCommand(ControlAction.PAUSE, "listrik", "Budi",
                                                ("P007",)), ["P007"])
        for table in ("commands", "command_targets"):  # sent in the afternoon
            rep._conn.execute(f"UPDATE {table} SET wall = ?", (afternoon,))
        rep.add_incident(None, None, "tls_refused", "10.0.0.9: no certificate",
                         "2026-12-08T02:00:00.000+00:00")
        rep.add_incident("A1", "P001", "chain_fork", "pc-01: fork",
                         "2026-12-08T03:00:00.000+00:00")
        rep.add_incident(None, None, "tls_refused", "10.0.0.7: no certificate",
                         "2026-12-08T07:00:00.000+00:00")
        # P007 sits S2 (a command of S2 names them): theirs, whatever the time.
        rep.add_incident("B3", "P007", "wrong_kiosk", "pc-03: refused",
                         "2026-12-08T02:30:00.000+00:00")
        rep.add_incident(None, None, "internal", "before any session began",
                         "2026-12-08T00:00:00.000+00:00")
        # Schema 5's migration kept an older decision without its session ("": all).
        rep._conn.execute(
            "INSERT INTO proctor_actions (exam_id, session_id, wall, kind, participant_no, "
            "seat, pc, to_seat, by, reason, detail) VALUES (?, '', ?, 'log_rejected', "
            "'P001', 'A1', '', '', 'Ani', 'bukan peserta', '')",
            (EXAM_ID, "2026-12-08T03:10:00.000+00:00"))
        rep._conn.execute("ALTER TABLE incidents DROP COLUMN session_id")  # what 5 had
        rep._conn.execute("PRAGMA user_version = 5")
        assert len(rep.incidents()) == 5  # schema 5: every one in every session
    with _open(path) as rep:
        assert rep._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [i.evidence for i in rep.incidents("S1")] == [
            "10.0.0.9: no certificate", "pc-01: fork", "before any session began"]
        assert [i.evidence for i in rep.incidents("S2")] == [
            "10.0.0.7: no certificate", "pc-03: refused"]
        assert len(rep.incidents()) == 5  # nothing lost
        assert [a.kind for a in rep.actions("S1")] == ["session_opened", "log_rejected"]
        assert [a.kind for a in rep.actions("S2")] == ["session_opened"]


def test_an_older_replica_of_one_session_gives_it_every_incident(tmp_path: Path) -> None:
    path = tmp_path / "replica.db"
    with _open(path) as rep:
        rep.session("S1", "ab" * 32)
        rep.add_incident(None, None, "tls_refused", "10.0.0.9: no certificate")
        rep._conn.execute("ALTER TABLE incidents DROP COLUMN session_id")
        rep._conn.execute("PRAGMA user_version = 5")
    with _open(path) as rep:
        rep.session("S2", "ab" * 32)  # a later session of the exam sees none of them
        assert [i.kind for i in rep.incidents("S1")] == ["tls_refused"]
        assert rep.incidents("S2") == []
