"""Building, checking, encoding and decoding a session's hash-chained event log.

`verify_chain` names every problem by sequence number: an event whose hash does not match
its content (edited), events out of order, duplicates, two different events claiming the
same place (a fork), missing events (a gap) and links that do not join. Cutting off the
*tail* of a log leaves a valid shorter chain; only a final hash kept elsewhere (the
proctor's last acknowledged hash) can reveal that, hence `expected_final_hash`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from itertools import pairwise
from typing import Any

from exam_bank.events.model import (
    EVENT_FIELDS,
    Event,
    EventType,
    canonical,
    check_data,
    genesis_hash,
)
from exam_bank.ids import ParticipantNo
from exam_bank.problems import InputError, Problem
from exam_bank.strictjson import WHOLE

MAX_EVENT_BYTES = 4 * 1024 * 1024  # a full makalah checkpoint is far smaller
WHERE = "event log"


class EventLog:
    """An append-only log being written (by the kiosk): each append links to the last."""

    def __init__(self, exam_id: str, participant_no: ParticipantNo, events: Iterable[Event] = ()):
        self.exam_id = exam_id
        self.participant_no = participant_no
        self.events: list[Event] = list(events)

    @property
    def last_hash(self) -> str:
        if self.events:
            return self.events[-1].hash
        return genesis_hash(self.exam_id, self.participant_no)

    def append(self, type: EventType | str, data: Mapping[str, Any] | None, wall: str,
               mono_ms: int, run: int) -> Event:
        """The new event, already linked and hashed; ValueError if its data is malformed,
        so a bad event never enters the log."""
        event_type = EventType(type)
        payload = dict(data or {})
        errors = check_data(event_type, payload)
        if errors:
            raise ValueError(f"{event_type}: "
                             + "; ".join(f"{name}: {message}" for name, message in errors))
        event = make_event(len(self.events) + 1, event_type, wall, mono_ms, run, payload,
                           self.last_hash)
        self.events.append(event)
        return event


def make_event(seq: int, type: EventType, wall: str, mono_ms: int, run: int,
               data: Mapping[str, Any], prev_hash: str) -> Event:
    unhashed = Event(seq, type, wall, mono_ms, run, dict(data), prev_hash, "")
    return Event(seq, type, wall, mono_ms, run, dict(data), prev_hash,
                 unhashed.computed_hash())


# -- verification --------------------------------------------------------------------------


def _problem(seq: int, message: str) -> Problem:
    return Problem(WHERE, message, field=f"seq {seq}")


def verify_chain(events: Sequence[Event], exam_id: str, participant_no: ParticipantNo,
                 expected_final_hash: str | None = None) -> list[Problem]:
    """Every way `events` differs from an intact chain for this exam and candidate."""
    problems = [_problem(e.seq, "edited: its hash does not match its content")
                for e in events if e.computed_hash() != e.hash]
    problems += _order_problems(events)
    by_seq: dict[int, Event] = {}
    for event in sorted(events, key=lambda e: e.seq):
        first = by_seq.get(event.seq)
        if first is None:
            by_seq[event.seq] = event
        else:
            problems.append(_problem(event.seq, "duplicate: the same event appears twice"
                                     if first.hash == event.hash else
                                     "fork: two different events claim this place"))
    problems += _link_problems([by_seq[s] for s in sorted(by_seq)],
                               genesis_hash(exam_id, participant_no))
    if expected_final_hash is not None:
        problems += _tail_problems(events, expected_final_hash)
    return problems


def _order_problems(events: Sequence[Event]) -> list[Problem]:
    return [_problem(later.seq, f"out of order: comes after seq {earlier.seq}")
            for earlier, later in pairwise(events)
            if later.seq < earlier.seq]


def _link_problems(unique: list[Event], genesis: str) -> list[Problem]:
    """Gaps and broken links, over one event per seq in seq order."""
    problems = []
    expected_seq, expected_prev = 1, genesis
    for event in unique:
        if event.seq != expected_seq:
            span = (f"seq {expected_seq}" if event.seq == expected_seq + 1
                    else f"seq {expected_seq} to {event.seq - 1}")
            problems.append(_problem(event.seq, f"gap: {span} missing before it"))
        elif event.prev_hash != expected_prev:
            problems.append(_problem(event.seq, "this log's genesis does not match: a log of "
                                     "another exam or candidate?" if event.seq == 1 else
                                     f"broken link: does not follow seq {event.seq - 1} "
                                     "(an earlier event was replaced, or a fork)"))
        expected_seq, expected_prev = event.seq + 1, event.hash
    return problems


def _tail_problems(events: Sequence[Event], expected: str) -> list[Problem]:
    if events and events[-1].hash == expected:
        return []
    last = max((e.seq for e in events), default=0)
    at = next((e.seq for e in events if e.hash == expected), None)
    if at is not None:
        message = f"the log should end at seq {at}, but goes on to seq {last}"
    else:
        message = ("the final hash is not the one recorded: the log was cut short or "
                   "its tail replaced")
    return [_problem(last, message)]


# -- encoding ------------------------------------------------------------------------------


def encode_event(event: Event) -> bytes:
    """Canonical JSON of every field, hash included: one line of a log file or one message."""
    return canonical({**event.body(), "hash": event.hash})


_HEX64 = re.compile(r"[0-9a-f]{64}\Z")


def log_end(log: bytes) -> tuple[int, str]:
    """(seq, hash) of the last event of a log of `encode_event` lines (each ending with a
    newline), read from its last line alone; (0, "") for an empty log. For logs already
    checked where they were stored: nothing else of the log is decoded."""
    if not log:
        return 0, ""
    last = json.loads(log[log.rfind(b"\n", 0, -1) + 1:])
    return int(last["seq"]), str(last["hash"])


def decode_event(raw: bytes | str, where: str = WHERE) -> Event:
    """An event from untrusted bytes; InputError naming each bad field. The hash is *not*
    checked here (that is `verify_chain`'s job, which also names the seq)."""

    def fail(message: str, field: str | None = None) -> InputError:
        return InputError([Problem(where, message, field=field)])

    if len(raw) > MAX_EVENT_BYTES:
        raise fail(f"an event is at most {MAX_EVENT_BYTES} bytes")
    try:
        text = raw if isinstance(raw, str) else raw.decode(_encoding(raw),
                                                           "surrogatepass")  # as json.loads
        obj = WHOLE.decode(text)
        if _may_hold_surrogates(raw):
            canonical(obj)  # rejects lone surrogates, which cannot be hashed as UTF-8
    except (ValueError, UnicodeError) as exc:
        raise fail(f"not valid event JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise fail("an event must be a JSON object")
    problems = [Problem(where, message, field=name) for name, message in _field_errors(obj)]
    if problems:
        raise InputError(problems)
    return Event(obj["seq"], _TYPES[obj["type"]], obj["wall"], obj["mono_ms"], obj["run"],
                 obj["data"], obj["prev_hash"], obj["hash"])


# Built once: decoding a 10,000-candidate import looks a type up for every event.
_TYPES: dict[str, EventType] = {t.value: t for t in EventType}


def _encoding(raw: bytes) -> str:
    """`json.detect_encoding(raw)`, without its BOM and NUL tests for an event line that
    starts with `{` and a non-NUL byte: those tests can only answer UTF-8 for it."""
    if raw[:1] == b"{" and raw[1:2] not in (b"", b"\x00"):
        return "utf-8"
    return json.detect_encoding(raw)


def _may_hold_surrogates(raw: bytes | str) -> bool:
    """Whether decoded JSON could hold a lone surrogate. In UTF-8 bytes (an event line
    starting with `{`, no NUL after it: what `json.detect_encoding` reads as UTF-8) only
    a `\\u` escape or (json decodes with 'surrogatepass') bytes encoding a surrogate,
    which start with 0xED, can produce one. Most lines have neither, so the second JSON
    encoding per event that checking takes is skipped for them."""
    if isinstance(raw, str) or raw[:1] != b"{" or raw[1:2] in (b"", b"\x00"):
        return True
    return b"\\u" in raw or b"\xed" in raw


def _field_errors(obj: dict[str, Any]) -> list[tuple[str, str]]:
    event_type = _well_formed(obj)
    if event_type is not None:
        return check_data(event_type, obj["data"])
    errors = [(k, "unknown field") for k in obj if k not in EVENT_FIELDS]
    errors += [(k, "missing") for k in EVENT_FIELDS if k not in obj]
    if errors:
        return errors

    def whole(name: str, low: int) -> None:
        value = obj[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            errors.append((name, f"must be a whole number, {low} or more"))

    whole("seq", 1)
    whole("mono_ms", 0)
    whole("run", 0)
    for name in ("prev_hash", "hash"):
        if not isinstance(obj[name], str) or not _HEX64.match(obj[name]):
            errors.append((name, "must be 64 lowercase hex digits (SHA-256)"))
    if not isinstance(obj["wall"], str) or not _is_iso(obj["wall"]):
        errors.append(("wall", "must be an ISO 8601 date and time"))
    event_type = _TYPES.get(obj["type"]) if isinstance(obj["type"], str) else None
    if event_type is None:
        errors.append(("type", f"unknown event type {obj['type']!r}"))
    else:
        errors += check_data(event_type, obj["data"])
    return errors


def _well_formed(obj: dict[str, Any]) -> EventType | None:
    """The event's type when every field but `data` is exactly right (what the checks
    below would pass), else None so they run and name what is wrong. Inline tests with
    exact types: decoding runs this for every event of every log."""
    seq, mono, run = obj.get("seq"), obj.get("mono_ms"), obj.get("run")
    prev, digest = obj.get("prev_hash"), obj.get("hash")
    wall, name = obj.get("wall"), obj.get("type")
    if not (len(obj) == len(EVENT_FIELDS) and "data" in obj
            and type(seq) is int and seq >= 1 and type(mono) is int and mono >= 0
            and type(run) is int and run >= 0 and type(prev) is str and _HEX64.match(prev)
            and type(digest) is str and _HEX64.match(digest) and type(name) is str
            and type(wall) is str and _is_iso(wall)):
        return None
    return _TYPES.get(name)


def _is_iso(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


