"""The lab protocol's framing and validation: every bad field named, nothing crashes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exam_bank.events.chain import EventLog
from exam_bank.events.fold import Phase
from exam_bank.events.model import canonical
from exam_bank.preflight import Check, Status
from exam_bank.wire import protocol as P
from exam_bank.wire.control import ControlAction, ControlCommand
from exam_bank.wire.quitcode import check_quit_code, hash_quit_code

QUIT_HASH = hash_quit_code("12345678", n=2**4)


def _events(n: int, pno: str = "P001") -> tuple:
    log = EventLog("EX1", pno)
    log.append("login", {"participant_no": pno}, "2026-11-23T08:00:00+00:00", 0, 1)
    for i in range(1, n):
        log.append("navigated", {"to": i}, "2026-11-23T08:00:01+00:00", i, 1)
    return tuple(log.events)


SAMPLES: list[P.Message] = [
    P.Hello(1, "pc-01", "A1", "0f" * 16, ("P001",)),
    P.Welcome(1, "0f" * 16, "EX1", "ab" * 32, "S1", True, "ABCDEF", bytes(32), QUIT_HASH, 4,
              {"P001": 7}),
    P.Welcome(1, "0f" * 16, "Seleksi JPT 2026 / Kota", "ab" * 32, "Sesi 1 pagi", False, None,
              None, QUIT_HASH, 0, {}),
    P.SessionUpdate(True, "QWERTY", bytes(range(32)), QUIT_HASH),
    P.Heartbeat("P001", Phase.IN_SECTION, "twk", 3, 12, 59_000, 40),
    P.Heartbeat(None),
    P.Events("P001", 1, _events(3)),
    P.Ack("P001", 3, "cd" * 32),
    P.Ack("P002", 0, None, "gap"),
    P.Control.of(5, ControlCommand(ControlAction.EXTEND, "listrik padam", "Budi", ("P001",),
                                   minutes=10)),
    P.ControlAck(5, "P001", P.Outcome.APPLIED, ""),
    P.ReplicaRequest("P001"),
    P.Replica("P001", 1, _events(2), True),
    P.Error(P.ErrorCode.REPLAY, "nonce used", fatal=True),
    P.Preflight("lab1-pc07", "2026-12-07T07:00:00+07:00", "0.1.0", (
        Check("disk", Status.PASS, "Ruang kosong 40.000 MB", "40,000 MB free"),
        Check("remote_access", Status.FAIL, "AnyDesk berjalan", "AnyDesk is running"))),
    P.Welcome(1, "0f" * 16, "EX1", "ab" * 32, "S1", False, None, None, QUIT_HASH, 0, {},
              1_796_626_800_000),
]


@pytest.mark.parametrize("message", SAMPLES, ids=lambda m: m.TYPE)
def test_every_message_round_trips_through_a_frame(message: P.Message) -> None:
    frame = P.encode_message(message)
    (length,) = struct.unpack(">I", frame[:4])
    assert length == len(frame) - 4
    assert P.decode_message(frame[4:]) == message


def _wire(message: P.Message) -> dict:
    return json.loads(P.encode_message(message)[4:])


def _error(obj: dict) -> P.ProtocolError:
    with pytest.raises(P.ProtocolError) as info:
        P.decode_message(canonical(obj))
    return info.value


@pytest.mark.parametrize(("base", "field", "value", "named"), [
    (0, "version", "1", "version"),
    (0, "version", True, "version"),
    (0, "kiosk_id", "", "kiosk_id"),
    (0, "kiosk_id", "pc 01; rm -rf", "kiosk_id"),
    (0, "seat", "x" * 33, "seat"),
    (0, "nonce", "zz" * 16, "nonce"),
    (0, "nonce", "0f" * 15, "nonce"),
    (0, "participants", ["P001", "P001"], "participants"),
    (0, "participants", ["P001", 7], "participants[1]"),
    (1, "token", "abcdef", "token"),
    (1, "exam_id", " EX1", "exam_id"),
    (1, "exam_id", "x" * 129, "exam_id"),
    (1, "session_id", "S\n1", "session_id"),
    (1, "token", "ABCDEFG", "token"),
    (1, "exam_key", "not base64!", "exam_key"),
    (1, "exam_key", "AAAA", "exam_key"),
    (1, "package_digest", "ab" * 31, "package_digest"),
    (1, "acked", {"P001": -1}, "acked.P001"),
    (1, "acked", [], "acked"),
    (1, "quit_code_hash", "plain1234", "quit_code_hash"),
    (1, "quit_code_hash", "scrypt$1048576$8$1$" + "a" * 32 + "$" + "b" * 64, "quit_code_hash"),
    (1, "session_open", 1, "session_open"),
    (4, "phase", "dancing", "phase"),
    (4, "answered", -1, "answered"),
    (4, "time_left_ms", 1.5, None),  # floats are refused by the JSON reader itself
    (6, "first_seq", 0, "first_seq"),
    (6, "events", [], "events"),
    (6, "events", "nope", "events"),
    (7, "hash", "XY" * 32, "hash"),
    (9, "action", "explode", "action"),
    (9, "command_id", 0, "command_id"),
    (10, "outcome", "maybe", "outcome"),
    (13, "fatal", "yes", "fatal"),
    (14, "checks", [{"check": "disk", "status": "ok", "detail_id": "", "detail_en": ""}],
     "checks[0].status"),
    (14, "checks", "all good", "checks"),
    (14, "when", "", "when"),
    (15, "wall_ms", -5, "wall_ms"),
])
def test_a_bad_field_is_named(base: int, field: str, value: object, named: str | None) -> None:
    obj = _wire(SAMPLES[base])
    obj[field] = value
    if isinstance(value, float):
        body = canonical({k: v for k, v in obj.items() if k != field})[:-1] + \
            f',"{field}":1.5}}'.encode()
        with pytest.raises(P.ProtocolError, match="whole number"):
            P.decode_message(body)
        return
    assert _error(obj).field == named


def test_a_bad_event_inside_a_batch_is_named_by_index_and_field() -> None:
    obj = _wire(SAMPLES[6])
    obj["events"][1]["seq"] = "two"
    assert _error(obj).field == "events[1].seq"
    obj = _wire(SAMPLES[6])
    obj["events"][2]["data"] = {"to": -3}
    assert _error(obj).field == "events[2].data.to"


def test_events_must_be_consecutive_from_first_seq() -> None:
    obj = _wire(SAMPLES[6])
    obj["first_seq"] = 2
    error = _error(obj)
    assert error.field == "events[0].seq" and "2" in error.message


def test_missing_and_unknown_fields_and_types() -> None:
    obj = _wire(SAMPLES[0])
    del obj["nonce"]
    assert (_error(obj).field, _error(obj).message) == ("nonce", "missing")
    obj = _wire(SAMPLES[0])
    obj["admin"] = True
    assert _error(obj).field == "admin"
    assert _error({"type": "shutdown"}).field == "type"
    assert _error({"kiosk_id": "x"}).field == "type"


def test_cross_field_rules() -> None:
    open_without_token = _wire(SAMPLES[1]) | {"token": None}
    assert _error(open_without_token).field == "token"
    key_while_closed = _wire(SAMPLES[2]) | {"exam_key": _wire(SAMPLES[1])["exam_key"]}
    assert _error(key_while_closed).field == "exam_key"
    ack = _wire(SAMPLES[7]) | {"hash": None}
    assert _error(ack).field == "hash"
    control = _wire(SAMPLES[9]) | {"minutes": 0}
    assert _error(control).field == "minutes"
    no_reason = _wire(SAMPLES[9]) | {"reason": " "}
    assert _error(no_reason).field == "reason"


@pytest.mark.parametrize("body", [
    b"", b"\xff\xfe", b"[1, 2]", b"null", b'{"type": "hello", "type": "hello"}',
    b'{"type": "heartbeat", "participant_no": null, "answered": NaN, "last_seq": 0}',
    b"{" * 10000, b"[" * 100_000, b'{"a":' * 100_000,
])
def test_garbage_bodies_are_protocol_errors(body: bytes) -> None:
    with pytest.raises(P.ProtocolError):
        P.decode_message(body)


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_anything_but_protocol_error(body: bytes) -> None:
    with contextlib.suppress(P.ProtocolError):
        P.decode_message(body)


def _read(data: bytes) -> P.Message:
    async def main() -> P.Message:
        reader = asyncio.StreamReader()
        reader.feed_data(data)
        reader.feed_eof()
        return await P.read_message(reader)
    return asyncio.run(main())


def test_reading_frames_from_a_stream() -> None:
    assert _read(P.encode_message(SAMPLES[0])) == SAMPLES[0]
    with pytest.raises(P.ConnectionClosed):
        _read(b"")
    with pytest.raises(P.ProtocolError, match="inside a frame header"):
        _read(b"\x00\x00")
    with pytest.raises(P.ProtocolError, match="inside a frame of 50 bytes"):
        _read(struct.pack(">I", 50) + b"{}")


def test_an_oversize_frame_is_refused_before_its_body_is_read() -> None:
    with pytest.raises(P.ProtocolError, match="exceeds the limit"):
        _read(struct.pack(">I", P.MAX_FRAME + 1))  # no body at all: never waited for


def test_encoding_refuses_a_message_over_the_cap() -> None:
    huge = P.Error(P.ErrorCode.INTERNAL, "x")
    object.__setattr__(huge, "message", "x" * (P.MAX_FRAME + 1))
    with pytest.raises(P.ProtocolError, match="exceeds"):
        P.encode_message(huge)


def test_chunks_keep_every_frame_under_the_cap_and_in_order() -> None:
    events = _events(50)
    chunks = list(P.chunk_events(events, limit=2000))
    assert len(chunks) > 1
    assert [e for c in chunks for e in c] == list(events)
    assert all(sum(P.event_size(e) for e in c) <= 2000 for c in chunks)
    for chunk in chunks:
        P.encode_message(P.Replica("P001", chunk[0].seq, chunk, False))


def test_quit_code_hash_checks_the_code() -> None:
    assert check_quit_code("12345678", QUIT_HASH)
    assert check_quit_code("1234-5678", QUIT_HASH)
    assert not check_quit_code("12345679", QUIT_HASH)
    assert not check_quit_code("12345678", "garbage")


# Each message's fields (and the closed value sets) as of the current PROTOCOL_VERSION.
# A change here without raising the version would let a peer of the last release refuse
# or misread a message; the version check at the hello exists to say so instead.
SHAPE_OF_VERSION = {2: {
    "hello": ["kiosk_id", "nonce", "participants", "seat", "version"],
    "welcome": ["acked", "exam_id", "exam_key", "last_command_id", "nonce", "package_digest",
                "quit_code_hash", "session_id", "session_open", "token", "version",
                "wall_ms"],
    "session": ["exam_key", "quit_code_hash", "session_open", "token"],
    "heartbeat": ["answered", "item_index", "last_seq", "participant_no", "phase", "section",
                  "time_left_ms"],
    "events": ["events", "first_seq", "participant_no"],
    "ack": ["hash", "participant_no", "refused", "seq"],
    "control": ["action", "by", "command_id", "minutes", "participants", "reason", "text"],
    "control_ack": ["command_id", "note", "outcome", "participant_no"],
    "replica_request": ["participant_no"],
    "replica": ["events", "final", "first_seq", "move_reason", "moved_by", "participant_no"],
    "preflight": ["checks", "host", "version", "when"],
    "error": ["code", "fatal", "message"],
    "action": ["answer_hand", "extend", "force_submit", "lock", "message", "pause",
               "read_aloud", "resume", "unlock"],
    "outcome": ["applied", "no_effect", "refused"],
    "code": ["bad_message", "identity", "internal", "not_authorized", "replay", "version",
             "session_closed"],
}}
# Version 3: a kiosk reports its lockdown's incidents while nobody is signed in at it.
SHAPE_OF_VERSION[3] = {**SHAPE_OF_VERSION[2], "kiosk_incident": ["evidence", "kind"],
                       "kiosk_incident_kind": [
                           "blocked_key", "close_refused", "extra_screen",
                           "forbidden_process", "new_network_interface", "quit_code_lockout",
                           "quit_code_refused", "removable_drive", "unlock_refused",
                           "virtual_machine"]}


def test_a_message_changes_only_with_a_new_protocol_version() -> None:
    shape = {kind: sorted(cls.FIELDS) for kind, cls in P.MESSAGES.items()}
    shape |= {"action": sorted(ControlAction), "outcome": sorted(P.Outcome),
              "code": sorted(P.ErrorCode), "kiosk_incident_kind": sorted(P.KioskIncidentKind)}
    recorded = {k: sorted(v) for k, v in SHAPE_OF_VERSION[P.PROTOCOL_VERSION].items()}
    assert shape == recorded, ("a message changed: raise PROTOCOL_VERSION, record its shape "
                               "here and say what changed in docs/protocol.md")
    doc = (Path(__file__).resolve().parents[3] / "docs" / "protocol.md").read_text("utf-8")
    assert f"`PROTOCOL_VERSION` is **{P.PROTOCOL_VERSION}**" in doc


def test_the_version_is_read_before_the_fields_and_a_refusal_names_both() -> None:
    hello = {**P.Hello(7, "pc-01", "A1", "0f" * 16).to_wire(), "from_the_future": True}
    body = canonical(hello)
    assert P.announced_version(body) == 7
    with pytest.raises(P.ProtocolError, match="not a field of hello"):
        P.decode_message(body)
    assert P.announced_version(canonical({"type": "hello", "version": "2"})) is None
    assert P.announced_version(canonical({"type": "heartbeat", "version": 2})) is None
    assert P.announced_version(b"not json") is None
    refusal = "10.0.0.7:5123: " + P.version_refusal(1, 2)
    assert refusal.endswith("protocol version 1; this proctor speaks 2")  # version 1's words
    assert P.refused_versions(refusal) == (1, 2)
    assert P.refused_versions("the proctor is busy") is None
