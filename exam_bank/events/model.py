"""The events of a candidate's session, and how each is hashed.

Every candidate action (and every proctor command that concerns the candidate) is one
`Event` in a hash chain: each event carries the hash of the one before it, the first one
a *genesis* hash derived from the exam id and participant number, so a log can be neither
edited, reordered, cut short in the middle, nor moved to another candidate unnoticed.

Times. `mono_ms` is the kiosk's monotonic clock in milliseconds *within one run* of the
kiosk; a new run (after a crash, power cut or a move to another PC) starts with a
`session_resumed` event and restarts the clock, so `run` says which clock `mono_ms`
belongs to. `wall` (UTC ISO 8601) is for people reading the log; nothing computes with it,
so changing the system clock changes nothing.

Each type's `data` has a fixed shape, checked by `check_data` (see `DATA_SHAPES`); the
meaning (is the option in the item? is the section the next one?) is checked by the fold.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from exam_bank.ids import ParticipantNo

FORMAT = "ujikom-events-1"


class EventType(StrEnum):
    LOGIN = "login"
    IDENTITY_CONFIRMED = "identity_confirmed"
    RULES_ACKNOWLEDGED = "rules_acknowledged"
    SECTION_STARTED = "section_started"
    ANSWER_SET = "answer_set"
    ANSWER_CLEARED = "answer_cleared"
    FLAG_SET = "flag_set"
    FLAG_CLEARED = "flag_cleared"
    NAVIGATED = "navigated"
    MAKALAH_REVISION = "makalah_revision"
    PASTE_REFUSED = "paste_refused"
    FOCUS_LOST = "focus_lost"
    FOCUS_REGAINED = "focus_regained"
    INCIDENT = "incident"
    TIME_EXTENDED = "time_extended"
    PAUSED = "paused"
    RESUMED = "resumed"
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    MESSAGE = "message"
    # A reasonable accommodation: the proctor turns on read-aloud (text-to-speech).
    READ_ALOUD_ON = "read_aloud_on"
    HAND_RAISED = "hand_raised"  # the candidate asks for a proctor
    HAND_ANSWERED = "hand_answered"  # a proctor came (or replied)
    SESSION_RESUMED = "session_resumed"  # a new run of the kiosk: crash, power cut, move
    SECTION_SUBMITTED = "section_submitted"
    EXAM_SUBMITTED = "exam_submitted"


class SubmitReason(StrEnum):
    CANDIDATE = "candidate"
    TIME_UP = "time_up"
    PROCTOR = "proctor"


@dataclass(frozen=True)
class Event:
    seq: int  # 1, 2, 3, ... with no gaps
    type: EventType
    wall: str  # UTC ISO 8601; informational only
    mono_ms: int  # monotonic ms within this run
    run: int  # which kiosk run; a new run restarts mono_ms
    data: Mapping[str, Any]
    prev_hash: str
    hash: str

    def body(self) -> dict[str, Any]:
        """Every field but `hash`: what the hash covers."""
        return {
            "seq": self.seq,
            "type": str(self.type),
            "wall": self.wall,
            "mono_ms": self.mono_ms,
            "run": self.run,
            "data": dict(self.data),
            "prev_hash": self.prev_hash,
        }

    def computed_hash(self) -> str:
        return sha256_hex(canonical(self.body()))


EVENT_FIELDS = ("seq", "type", "wall", "mono_ms", "run", "data", "prev_hash", "hash")


def canonical(value: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8, no floats; equal data, equal bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def genesis_hash(exam_id: str, participant_no: ParticipantNo) -> str:
    """The first event's prev_hash: ties a log to one exam and one candidate."""
    return sha256_hex(canonical({"format": FORMAT, "exam_id": exam_id,
                                 "participant_no": participant_no}))


def text_hash(text: str) -> str:
    """A short check on a rebuilt makalah text (the chain itself guards against tampering,
    so 64 bits are plenty to catch a wrong rebuild)."""
    return sha256_hex(text.encode("utf-8"))[:16]


# -- data shapes ---------------------------------------------------------------------------

Check = Callable[[Any], str | None]  # an error message, or None when the value is fine


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


def _name(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return "must be a non-empty string"
    return None


def _count(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return "must be a whole number, 0 or more"
    return None


def _positive(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return "must be a whole number, 1 or more"
    return None


def _reason(value: Any) -> str | None:
    if value not in {r.value for r in SubmitReason}:
        return "must be one of " + ", ".join(r.value for r in SubmitReason)
    return None


_HEX16 = re.compile(r"[0-9a-f]{16}\Z")


def _hex16(value: Any) -> str | None:
    if not isinstance(value, str) or not _HEX16.match(value):
        return "must be 16 lowercase hex digits"
    return None


def _answer(value: Any) -> str | None:
    """An option id (mc, sjt), a list of distinct option ids (mr), or a point (likert)."""
    if isinstance(value, str) and value:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    if (isinstance(value, list) and value and all(isinstance(v, str) and v for v in value)
            and len(set(value)) == len(value)):
        return None
    return "must be an option id, a list of distinct option ids or a whole number"


# field -> (check, required)
Shape = dict[str, tuple[Check, bool]]
_BY: Shape = {"by": (_text, False)}  # who gave a proctor command
# A proctor command's event also names the command (its id in the proctor's log), so the
# chain itself says which commands reached the candidate: exactly once, wherever they sat.
_COMMAND: Shape = {**_BY, "command": (_positive, False)}
_ITEM: Shape = {"item": (_name, True)}

DATA_SHAPES: dict[EventType, Shape] = {
    # `pc`: the kiosk the session began at, so a later move shows where it came from.
    EventType.LOGIN: {"participant_no": (_name, True), "pc": (_text, False)},
    EventType.IDENTITY_CONFIRMED: {},
    EventType.RULES_ACKNOWLEDGED: {},
    EventType.SECTION_STARTED: {"section": (_name, True)},
    EventType.ANSWER_SET: {**_ITEM, "answer": (_answer, True)},
    EventType.ANSWER_CLEARED: _ITEM,
    EventType.FLAG_SET: _ITEM,
    EventType.FLAG_CLEARED: _ITEM,
    EventType.NAVIGATED: {"to": (_count, True)},
    # Either a splice {at, del, ins} or a checkpoint {full}; see `check_data`.
    EventType.MAKALAH_REVISION: {**_ITEM, "rev": (_positive, True),
                                 "text_hash": (_hex16, True), "at": (_count, False),
                                 "del": (_count, False), "ins": (_text, False),
                                 "full": (_text, False)},
    EventType.PASTE_REFUSED: {"item": (_name, False), "chars": (_count, False)},
    EventType.FOCUS_LOST: {},
    EventType.FOCUS_REGAINED: {},
    EventType.INCIDENT: {"kind": (_name, True), "note": (_text, False), **_BY},
    EventType.TIME_EXTENDED: {"section": (_name, True), "minutes": (_positive, True),
                              "note": (_text, False), **_COMMAND},
    EventType.PAUSED: {"note": (_text, False), **_COMMAND},
    EventType.RESUMED: {"note": (_text, False), **_COMMAND},
    EventType.LOCKED: {"note": (_text, False), **_COMMAND},
    EventType.UNLOCKED: {"note": (_text, False), **_COMMAND},
    EventType.MESSAGE: {"text": (_name, True), **_COMMAND},
    EventType.READ_ALOUD_ON: {"note": (_text, False), **_COMMAND},
    EventType.HAND_RAISED: {"note": (_text, False)},
    EventType.HAND_ANSWERED: {"note": (_text, False), **_COMMAND},
    EventType.SESSION_RESUMED: {"pc": (_text, False), "note": (_text, False), **_BY},
    EventType.SECTION_SUBMITTED: {"section": (_name, True), "reason": (_reason, True),
                                  "note": (_text, False), **_BY},
    EventType.EXAM_SUBMITTED: {"reason": (_reason, True), "note": (_text, False), **_COMMAND},
}

_SPLICE_KEYS = frozenset({"at", "del", "ins"})


def _fine_revision(data: dict[str, Any]) -> bool:
    """True only when `check_data` would find nothing wrong with this makalah revision.
    A 4-hour log is ~14,000 revisions, each checked when decoded and again when folded,
    and the generic loop below calls a check function per field; this tests the two
    well-formed shapes inline (exact types: anything unusual takes the full check)."""
    item, rev, digest = data.get("item"), data.get("rev"), data.get("text_hash")
    if not (type(item) is str and item and type(rev) is int and rev >= 1
            and type(digest) is str and _HEX16.match(digest)):
        return False
    if len(data) == 6:  # item, rev, text_hash, at, del, ins
        at, length, ins = data.get("at"), data.get("del"), data.get("ins")
        return (type(at) is int and at >= 0 and type(length) is int and length >= 0
                and type(ins) is str)
    return len(data) == 4 and type(data.get("full")) is str  # item, rev, text_hash, full


def check_data(event_type: EventType, data: Any) -> list[tuple[str, str]]:
    """Everything wrong with `data`'s shape for this type, as (field, message) pairs."""
    if (event_type is EventType.MAKALAH_REVISION and type(data) is dict
            and _fine_revision(data)):
        return []
    if not isinstance(data, Mapping):
        return [("data", "must be an object")]
    shape = DATA_SHAPES[event_type]
    errors = [(f"data.{key}", f"not a field of {event_type}") for key in data
              if key not in shape]
    for key, (check, required) in shape.items():
        if key not in data:
            if required:
                errors.append((f"data.{key}", "missing"))
            continue
        message = check(data[key])
        if message:
            errors.append((f"data.{key}", message))
    if event_type == EventType.MAKALAH_REVISION:
        present = _SPLICE_KEYS & data.keys()
        if "full" in data and present:
            errors.append(("data", "a revision is either a splice (at, del, ins) or a full "
                           "checkpoint, not both"))
        elif "full" not in data and present != _SPLICE_KEYS:
            missing = ", ".join(sorted(_SPLICE_KEYS - present))
            errors.append(("data", f"a splice needs at, del and ins (missing {missing})"))
    return errors
