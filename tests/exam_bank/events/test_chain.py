"""The hash chain: building, verifying (every kind of tampering), encoding and decoding."""

from __future__ import annotations

import dataclasses
import json

import pytest

from exam_bank.events.chain import EventLog, decode_event, encode_event, verify_chain
from exam_bank.events.model import Event, EventType, genesis_hash
from exam_bank.problems import InputError

EXAM, WHO = "SKB-2025-01", "P-0001"
WALL = "2025-03-01T01:00:00+00:00"


def _log(n: int = 6) -> list[Event]:
    log = EventLog(EXAM, WHO)
    log.append(EventType.LOGIN, {"participant_no": WHO}, WALL, 0, 1)
    for k in range(1, n):
        log.append(EventType.MESSAGE, {"text": f"pesan {k}"}, WALL, k * 1000, 1)
    return log.events


def _fields(problems: list) -> list[str | None]:
    return [p.field for p in problems]


def test_an_intact_chain_verifies() -> None:
    events = _log()
    assert verify_chain(events, EXAM, WHO) == []
    assert verify_chain(events, EXAM, WHO, expected_final_hash=events[-1].hash) == []
    assert events[0].prev_hash == genesis_hash(EXAM, WHO)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]


def test_the_log_is_bound_to_its_exam_and_candidate() -> None:
    events = _log()
    for exam, who in ((EXAM, "P-0002"), ("SKB-2025-02", WHO)):
        problems = verify_chain(events, exam, who)
        assert _fields(problems) == ["seq 1"]
        assert "genesis" in problems[0].message


@pytest.mark.parametrize("field,value", [
    ("seq", 9), ("type", EventType.INCIDENT), ("wall", "2030-01-01T00:00:00+00:00"),
    ("mono_ms", 1), ("run", 2), ("data", {"text": "diubah"}), ("prev_hash", "0" * 64),
])
def test_editing_any_field_is_caught(field: str, value: object) -> None:
    events = _log()
    events[3] = dataclasses.replace(events[3], **{field: value})
    problems = verify_chain(events, EXAM, WHO)
    assert any(p.field == f"seq {events[3].seq}" and "edited" in p.message for p in problems)


def test_an_edited_event_with_a_recomputed_hash_breaks_the_next_link() -> None:
    events = _log()
    edited = dataclasses.replace(events[2], data={"text": "diubah"})
    events[2] = dataclasses.replace(edited, hash=edited.computed_hash())
    problems = verify_chain(events, EXAM, WHO)
    assert _fields(problems) == ["seq 4"]
    assert "broken link" in problems[0].message


def test_a_dropped_event_is_a_gap() -> None:
    events = _log()
    del events[2]
    problems = verify_chain(events, EXAM, WHO)
    assert [(p.field, "gap" in p.message) for p in problems] == [("seq 4", True)]
    assert "seq 3 missing" in problems[0].message


def test_dropping_the_first_events_is_caught() -> None:
    problems = verify_chain(_log()[2:], EXAM, WHO)
    assert "seq 1 to 2 missing" in problems[0].message


def test_a_duplicate_is_named() -> None:
    events = _log()
    events.insert(3, events[2])
    problems = verify_chain(events, EXAM, WHO)
    assert any(p.field == "seq 3" and "duplicate" in p.message for p in problems)


def test_a_swap_is_out_of_order() -> None:
    events = _log()
    events[2], events[3] = events[3], events[2]
    problems = verify_chain(events, EXAM, WHO)
    assert [(p.field, "out of order" in p.message) for p in problems] == [("seq 3", True)]


def test_a_fork_is_named() -> None:
    events = _log()
    other = EventLog(EXAM, WHO, events[:3])
    rival = other.append(EventType.MESSAGE, {"text": "cabang lain"}, WALL, 3500, 1)
    problems = verify_chain([*events, rival], EXAM, WHO)
    assert any(p.field == "seq 4" and "fork" in p.message for p in problems)


def test_a_cut_tail_shows_only_against_the_final_hash() -> None:
    events = _log()
    final = events[-1].hash
    short = events[:-2]
    assert verify_chain(short, EXAM, WHO) == []
    problems = verify_chain(short, EXAM, WHO, expected_final_hash=final)
    assert _fields(problems) == ["seq 4"]
    assert "cut short" in problems[0].message
    longer = verify_chain(events, EXAM, WHO, expected_final_hash=events[3].hash)
    assert "should end at seq 4" in longer[0].message


def test_append_refuses_malformed_data() -> None:
    log = EventLog(EXAM, WHO)
    with pytest.raises(ValueError, match=r"data\.participant_no: missing"):
        log.append(EventType.LOGIN, {}, WALL, 0, 1)
    with pytest.raises(ValueError, match=r"data\.extra: not a field"):
        log.append(EventType.FOCUS_LOST, {"extra": 1}, WALL, 0, 1)
    with pytest.raises(ValueError, match="either a splice"):
        log.append(EventType.MAKALAH_REVISION, {"item": "m", "rev": 1, "text_hash": "0" * 16,
                                                "full": "", "at": 0}, WALL, 0, 1)
    assert log.events == []


def test_encode_decode_round_trip_keeps_the_hash() -> None:
    for event in _log():
        raw = encode_event(event)
        assert b" " not in raw.replace(b"pesan ", b"")
        again = decode_event(raw)
        assert again == event
        assert again.computed_hash() == event.hash


def _raw(**changes: object) -> bytes:
    obj = json.loads(encode_event(_log(1)[0]))
    obj.update(changes)
    return json.dumps(obj).encode()


@pytest.mark.parametrize("raw,field,fragment", [
    (_raw(seq=0), "seq", "1 or more"),
    (_raw(seq=True), "seq", "whole number"),
    (_raw(mono_ms=-5), "mono_ms", "0 or more"),
    (_raw(run="1"), "run", "whole number"),
    (_raw(type="hack"), "type", "unknown event type"),
    (_raw(wall="kemarin"), "wall", "ISO 8601"),
    (_raw(hash="ABC"), "hash", "64 lowercase hex"),
    (_raw(data={"participant_no": 7}), "data.participant_no", "non-empty string"),
    (_raw(data=[]), "data", "must be an object"),
    (_raw(extra=1), "extra", "unknown field"),
])
def test_decode_names_the_bad_field(raw: bytes, field: str, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        decode_event(raw)
    assert any(p.field == field and fragment in p.message for p in err.value.problems)


@pytest.mark.parametrize("raw,fragment", [
    (b"not json", "not valid event JSON"),
    (b"[1]", "must be a JSON object"),
    (_raw().replace(b'"mono_ms": 0', b'"mono_ms": 0.5'), "not a whole number"),
    (_raw().replace(b'"run": 1', b'"run": NaN'), "not a whole number"),
    (b'{"seq": 1, "seq": 2}', "appears twice"),
    (_raw(wall="\ud800"), "not valid event JSON"),
])
def test_decode_refuses_bad_json(raw: bytes, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        decode_event(raw)


def _utf8_surrogate_line() -> bytes:
    """A line whose wall holds the surrogate U+D800 as raw UTF-8-style bytes (ED A0 80):
    json decodes bytes with 'surrogatepass', so this too must be refused."""
    return _raw(wall="2026-12-08T01:00:00X").replace(b"X", b"\xed\xa0\x80")


@pytest.mark.parametrize("raw", [
    _raw(wall="\ud800"),  # a \u escape
    _utf8_surrogate_line(),
    json.dumps({**json.loads(_raw()), "wall": "\ud800"}, ensure_ascii=False)
    .encode("utf-16-le", "surrogatepass"),  # UTF-16 bytes, no escape, no 0xED
    json.dumps({**json.loads(_raw()), "wall": "\ud800"}, ensure_ascii=False),  # a str
])
def test_a_lone_surrogate_is_refused_however_it_is_encoded(raw: bytes | str) -> None:
    """Skipping the re-encoding check for plain lines must not let one through: it could
    not be hashed, and verifying would crash instead of naming the line."""
    with pytest.raises(InputError, match="not valid event JSON"):
        decode_event(raw)


def test_a_plain_line_decodes_to_the_event_it_encodes() -> None:
    events = _log(3)
    assert [decode_event(encode_event(e)) for e in events] == events
    assert [decode_event(encode_event(e).decode()) for e in events] == events


def test_missing_fields_are_listed() -> None:
    with pytest.raises(InputError) as err:
        decode_event(b'{"seq": 1}')
    assert {p.field for p in err.value.problems} == {
        "type", "wall", "mono_ms", "run", "data", "prev_hash", "hash"}


_SPLICE = {"item": "mk1", "rev": 2, "text_hash": "0123456789abcdef", "at": 0, "del": 0,
           "ins": "kata"}
_FULL = {"item": "mk1", "rev": 1, "text_hash": "0123456789abcdef", "full": "kata"}


def _revision(data: dict[str, object]) -> bytes:
    return _raw(type="makalah_revision", data=data)


@pytest.mark.parametrize("data,field,fragment", [
    ({**_SPLICE, "rev": True}, "data.rev", "1 or more"),
    ({**_SPLICE, "rev": 0}, "data.rev", "1 or more"),
    ({**_FULL, "rev": "1"}, "data.rev", "1 or more"),
    ({**_SPLICE, "item": ""}, "data.item", "non-empty"),
    ({**_FULL, "item": 3}, "data.item", "non-empty"),
    ({**_SPLICE, "text_hash": "0123456789ABCDEF"}, "data.text_hash", "16 lowercase hex"),
    ({**_FULL, "text_hash": "0123"}, "data.text_hash", "16 lowercase hex"),
    ({**_SPLICE, "at": -1}, "data.at", "0 or more"),
    ({**_SPLICE, "del": False}, "data.del", "0 or more"),
    ({**_SPLICE, "ins": 5}, "data.ins", "string"),
    ({**_FULL, "full": None}, "data.full", "string"),
    ({**_SPLICE, "note": "x"}, "data.note", "not a field"),
    ({**_FULL, "at": 0, "del": 0, "ins": ""}, "data", "either a splice"),
    ({k: v for k, v in _SPLICE.items() if k != "ins"}, "data", "missing ins"),
    ({k: v for k, v in _FULL.items() if k != "rev"}, "data.rev", "missing"),
])
def test_every_malformed_revision_is_named_when_decoded(data: dict[str, object], field: str,
                                                        fragment: str) -> None:
    """A 4-hour log is mostly revisions, checked by a quick test of the two good shapes
    first: whatever that test does not recognise must still be refused, naming the field."""
    with pytest.raises(InputError) as err:
        decode_event(_revision(data))
    assert any(p.field == field and fragment in p.message for p in err.value.problems)


def test_both_good_revision_shapes_decode() -> None:
    for data in (_SPLICE, _FULL):
        assert decode_event(_revision(data)).data == data
