"""The lab link: what a kiosk and the proctor say to each other, and how it is framed.

The specification (transport, framing, every message, the replication rules) is
`docs/protocol.md`; `tests/exam_bank/wire/test_protocol.py` checks it.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import re
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import Any, ClassVar

from exam_bank.crypto.examkey import MAX_EXAM_ID
from exam_bank.events.chain import decode_event
from exam_bank.events.fold import Phase
from exam_bank.events.model import Event, canonical
from exam_bank.ids import KioskId, ParticipantNo, SessionId
from exam_bank.preflight import Check, PreflightError, check_to_json, checks_from_json
from exam_bank.problems import InputError
from exam_bank.strictjson import WHOLE
from exam_bank.wire.control import ControlAction, ControlCommand
from exam_bank.wire.quitcode import quit_hash_problem

# Raised whenever a message gains, loses or changes a field, or a field's meaning changes
# (docs/protocol.md, "Versions"): a strict peer of another version would refuse or misread
# it, so peers of different versions refuse each other at the hello instead, each naming
# both versions. The hello, the welcome's `version` and the `error` message keep their
# shape across versions so that any two versions can still say that much.
PROTOCOL_VERSION = 3
MAX_VERSION = 1000  # the highest version a hello or welcome may name
MAX_FRAME = 4 * 1024 * 1024
HEADER = struct.Struct(">I")
HEARTBEAT_S = 2.0
PROCTOR_NAME = "ujikom-proctor"  # the SAN every kiosk checks, whatever the proctor's address
MAX_EVENTS = 5000  # per message; chunk_events keeps batches well under MAX_FRAME
MAX_PARTICIPANTS = 256
TOKEN_LENGTH = 6
KEY_BYTES = 32


class ProtocolError(Exception):
    """A message that breaks this protocol; `field` names what is wrong."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


_VERSION_REFUSAL = re.compile(r"protocol version (\d+); this proctor speaks (\d+)")


def version_refusal(kiosk: int, proctor: int) -> str:
    """The `error` text (code `version`) refusing a kiosk of another version; its wording is
    version 1's, which kiosks of every version read (`refused_versions`)."""
    return f"protocol version {kiosk}; this proctor speaks {proctor}"


def refused_versions(text: str) -> tuple[int, int] | None:
    """(the kiosk's, the proctor's) protocol versions a `version_refusal` names."""
    found = _VERSION_REFUSAL.search(text)
    return (int(found[1]), int(found[2])) if found else None


def announced_version(body: bytes) -> int | None:
    """The `version` a hello or welcome frame announces, read before the message is checked
    field by field: a peer of another version may send fields this one does not know, and
    is then refused for its version, not for a bad message. None when it names none."""
    try:
        obj = parse_json(body)
    except ProtocolError:
        return None
    version = obj.get("version")
    if obj.get("type") not in (Hello.TYPE, Welcome.TYPE) or isinstance(version, bool) \
            or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        # Out of range is a bad message (the field check says so), not another version:
        # a 4,000-digit "version" is never echoed into a refusal and an incident.
        return None
    return version


class ConnectionClosed(Exception):
    """The other side closed the connection between two frames."""


# -- field checks: each converts a JSON value or raises _Bad ----------------------------


class _Bad(Exception):
    def __init__(self, message: str, sub: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.sub = sub  # a path below the field, e.g. "[3].seq"


Conv = Callable[[Any], Any]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
_HEX = re.compile(r"[0-9a-f]+\Z")
_TOKEN = re.compile(r"[A-Z]{6}\Z")


def _whole(low: int, high: int = 2**53) -> Conv:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _Bad(f"must be a whole number from {low} to {high}")
        return value
    return check


def _text(max_len: int, *, empty: bool = False) -> Conv:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise _Bad("must be a string")
        if not value and not empty:
            raise _Bad("must not be empty")
        if len(value) > max_len:
            raise _Bad(f"at most {max_len} characters")
        return value
    return check


def _ident(value: Any) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise _Bad("must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter "
                   "or digit")
    return value


def _label(max_len: int) -> Conv:
    """A name people chose (an exam or session id): printable, no surrounding spaces."""
    def check(value: Any) -> str:
        if (not isinstance(value, str) or not value or value != value.strip()
                or not value.isprintable() or len(value) > max_len):
            raise _Bad(f"must be 1 to {max_len} printable characters, no surrounding spaces")
        return value
    return check


def _hex(digits: int) -> Conv:
    def check(value: Any) -> str:
        if not isinstance(value, str) or len(value) != digits or not _HEX.match(value):
            raise _Bad(f"must be {digits} lowercase hex digits")
        return value
    return check


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("must be true or false")
    return value


def _token(value: Any) -> str:
    if not isinstance(value, str) or not _TOKEN.match(value):
        raise _Bad(f"must be {TOKEN_LENGTH} capital letters A-Z")
    return value


def _key(value: Any) -> bytes:
    try:
        if not isinstance(value, str):
            raise ValueError
        raw = base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        raise _Bad("must be base64 text") from None
    if len(raw) != KEY_BYTES:
        raise _Bad(f"must hold {KEY_BYTES} bytes, not {len(raw)}")
    return raw


def _quit_hash(value: Any) -> str:
    problem = quit_hash_problem(value) if isinstance(value, str) else "must be a string"
    if problem:
        raise _Bad(problem)
    return str(value)


def _choice(enum: type[StrEnum]) -> Conv:
    allowed = [str(member) for member in enum]

    def check(value: Any) -> Any:
        if value not in allowed:
            raise _Bad("must be one of " + ", ".join(allowed))
        return enum(value)
    return check


def _optional(conv: Conv) -> Conv:
    def check(value: Any) -> Any:
        return None if value is None else conv(value)
    return check


def _list(conv: Conv, max_items: int, *, unique: bool = False) -> Conv:
    def check(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _Bad("must be a list")
        if len(value) > max_items:
            raise _Bad(f"at most {max_items} entries")
        out = []
        for index, item in enumerate(value):
            try:
                out.append(conv(item))
            except _Bad as bad:
                raise _Bad(bad.message, f"[{index}]{bad.sub}") from None
        if unique and len(set(out)) != len(out):
            raise _Bad("has an entry twice")
        return tuple(out)
    return check


def _seq_map(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise _Bad("must be an object")
    if len(value) > MAX_PARTICIPANTS:
        raise _Bad(f"at most {MAX_PARTICIPANTS} entries")
    out = {}
    for key, seq in value.items():
        try:
            out[_ident(key)] = _whole(0)(seq)
        except _Bad as bad:
            raise _Bad(bad.message, f".{key}") from None
    return out


def _event(value: Any) -> Event:
    if not isinstance(value, dict):
        raise _Bad("must be an event object")
    try:
        return decode_event(canonical(value), where="event")
    except (InputError, ValueError, UnicodeError) as exc:
        problems = getattr(exc, "problems", None)
        if problems:
            first = problems[0]
            raise _Bad(first.message, f".{first.field}" if first.field else "") from None
        raise _Bad(str(exc)) from None


_events = _list(_event, MAX_EVENTS)


def _nonempty_events(value: Any) -> tuple[Event, ...]:
    events: tuple[Event, ...] = _events(value)
    if not events:
        raise _Bad("must hold at least one event")
    return events


# -- messages --------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """Base of every message; `TYPE` is its ``"type"`` on the wire."""

    TYPE: ClassVar[str] = ""
    FIELDS: ClassVar[dict[str, Conv]] = {}

    def to_wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.TYPE}
        for f in fields(self):
            out[f.name] = _to_json(getattr(self, f.name))
        return out

    def check(self) -> None:
        """Cross-field rules beyond each field's own check; ProtocolError when broken."""


def _to_json(value: Any) -> Any:
    if isinstance(value, Check):
        return check_to_json(value)
    if isinstance(value, Event):
        return {**value.body(), "hash": value.hash}
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _to_json(v) for k, v in value.items()}
    return value


def _check_consecutive(first_seq: int, events: Sequence[Event]) -> None:
    for index, event in enumerate(events):
        if event.seq != first_seq + index:
            raise ProtocolError(f"must be {first_seq + index} (consecutive from first_seq)",
                                f"events[{index}].seq")


_PNO = _ident
_OPT_PNO = _optional(_ident)


@dataclass(frozen=True)
class Hello(Message):
    TYPE: ClassVar[str] = "hello"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "version": _whole(1, MAX_VERSION), "kiosk_id": _ident, "seat": _text(32),
        "nonce": _hex(32), "participants": _list(_ident, MAX_PARTICIPANTS, unique=True)}
    version: int
    kiosk_id: KioskId
    seat: str
    nonce: str
    participants: tuple[ParticipantNo, ...] = ()


@dataclass(frozen=True)
class Welcome(Message):
    TYPE: ClassVar[str] = "welcome"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "version": _whole(1, MAX_VERSION), "nonce": _hex(32), "exam_id": _label(MAX_EXAM_ID),
        "package_digest": _hex(64), "session_id": _label(64), "session_open": _bool,
        "token": _optional(_token), "exam_key": _optional(_key),
        "quit_code_hash": _quit_hash, "last_command_id": _whole(0),
        "acked": _seq_map, "wall_ms": _optional(_whole(0))}
    version: int
    nonce: str
    exam_id: str
    package_digest: str
    session_id: SessionId
    session_open: bool
    token: str | None
    exam_key: bytes | None
    quit_code_hash: str
    last_command_id: int
    acked: Mapping[str, int] = field(default_factory=dict)
    wall_ms: int | None = None

    def check(self) -> None:
        _check_session(self.session_open, self.token, self.exam_key)


def _check_session(session_open: bool, token: str | None, exam_key: bytes | None) -> None:
    if session_open and token is None:
        raise ProtocolError("required while the session is open", "token")
    if not session_open and exam_key is not None:
        raise ProtocolError("must be null while the session is closed", "exam_key")


@dataclass(frozen=True)
class SessionUpdate(Message):
    TYPE: ClassVar[str] = "session"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "session_open": _bool, "token": _optional(_token), "exam_key": _optional(_key),
        "quit_code_hash": _quit_hash}
    session_open: bool
    token: str | None
    exam_key: bytes | None
    quit_code_hash: str

    def check(self) -> None:
        _check_session(self.session_open, self.token, self.exam_key)


@dataclass(frozen=True)
class Heartbeat(Message):
    TYPE: ClassVar[str] = "heartbeat"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "participant_no": _OPT_PNO, "phase": _optional(_choice(Phase)),
        "section": _optional(_text(64)), "item_index": _optional(_whole(0, 100_000)),
        "answered": _whole(0, 100_000), "time_left_ms": _optional(_whole(0)),
        "last_seq": _whole(0)}
    participant_no: ParticipantNo | None
    phase: Phase | None = None
    section: str | None = None
    item_index: int | None = None
    answered: int = 0
    time_left_ms: int | None = None
    last_seq: int = 0


@dataclass(frozen=True)
class Events(Message):
    TYPE: ClassVar[str] = "events"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "participant_no": _PNO, "first_seq": _whole(1), "events": _nonempty_events}
    participant_no: ParticipantNo
    first_seq: int
    events: tuple[Event, ...]

    def check(self) -> None:
        _check_consecutive(self.first_seq, self.events)


@dataclass(frozen=True)
class Ack(Message):
    TYPE: ClassVar[str] = "ack"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "participant_no": _PNO, "seq": _whole(0), "hash": _optional(_hex(64)),
        "refused": _optional(_text(500))}
    participant_no: ParticipantNo
    seq: int
    hash: str | None = None
    refused: str | None = None

    def check(self) -> None:
        if (self.seq == 0) != (self.hash is None):
            raise ProtocolError("must be given exactly when seq is above 0", "hash")


@dataclass(frozen=True)
class Control(Message):
    TYPE: ClassVar[str] = "control"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "command_id": _whole(1), "action": _choice(ControlAction), "reason": _text(500),
        "by": _text(120), "participants": _list(_ident, MAX_PARTICIPANTS, unique=True),
        "minutes": _optional(_whole(0, 10_000)), "text": _optional(_text(2000))}
    command_id: int
    action: ControlAction
    reason: str
    by: str
    participants: tuple[ParticipantNo, ...] = ()
    minutes: int | None = None
    text: str | None = None

    @classmethod
    def of(cls, command_id: int, command: ControlCommand) -> Control:
        return cls(command_id, command.action, command.reason, command.by,
                   tuple(command.participants), command.minutes, command.text)

    @property
    def command(self) -> ControlCommand:
        return ControlCommand(self.action, self.reason, self.by, self.participants,
                              self.minutes, self.text)

    def check(self) -> None:
        for name, message in self.command.problems():
            raise ProtocolError(message, name)


class Outcome(StrEnum):
    APPLIED = "applied"
    NO_EFFECT = "no_effect"
    REFUSED = "refused"


@dataclass(frozen=True)
class ControlAck(Message):
    TYPE: ClassVar[str] = "control_ack"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "command_id": _whole(1), "participant_no": _OPT_PNO, "outcome": _choice(Outcome),
        "note": _text(500, empty=True)}
    command_id: int
    participant_no: ParticipantNo | None
    outcome: Outcome
    note: str = ""


@dataclass(frozen=True)
class ReplicaRequest(Message):
    TYPE: ClassVar[str] = "replica_request"
    FIELDS: ClassVar[dict[str, Conv]] = {"participant_no": _PNO}
    participant_no: ParticipantNo


@dataclass(frozen=True)
class Replica(Message):
    TYPE: ClassVar[str] = "replica"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "participant_no": _PNO, "first_seq": _whole(1), "events": _events, "final": _bool,
        "moved_by": _text(200, empty=True), "move_reason": _text(500, empty=True)}
    participant_no: ParticipantNo
    first_seq: int
    events: tuple[Event, ...]
    final: bool
    # The move's authorization (who, why), so the spare PC writes it into the candidate's
    # chain with its `session_resumed`: the documents are derived from the chain alone.
    moved_by: str = ""
    move_reason: str = ""

    def check(self) -> None:
        _check_consecutive(self.first_seq, self.events)


def _checks(value: Any) -> tuple[Check, ...]:
    try:
        return checks_from_json(value)
    except PreflightError as exc:
        raise _Bad(str(exc).split(": ", 1)[1], exc.field.removeprefix("checks")) from None


@dataclass(frozen=True)
class Preflight(Message):
    TYPE: ClassVar[str] = "preflight"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "host": _text(64, empty=True), "when": _text(40), "version": _text(40),
        "checks": _checks}
    host: str
    when: str
    version: str
    checks: tuple[Check, ...]


class ErrorCode(StrEnum):
    BAD_MESSAGE = "bad_message"
    VERSION = "version"
    IDENTITY = "identity"  # hello's kiosk_id is not the certificate's
    REPLAY = "replay"
    NOT_AUTHORIZED = "not_authorized"
    SESSION_CLOSED = "session_closed"
    INTERNAL = "internal"


@dataclass(frozen=True)
class Error(Message):
    TYPE: ClassVar[str] = "error"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "code": _choice(ErrorCode), "message": _text(1000, empty=True), "fatal": _bool}
    code: ErrorCode
    message: str
    fatal: bool = False


class KioskIncidentKind(StrEnum):
    """What a kiosk's lockdown saw while nobody was signed in at it (`KioskIncident`)."""

    FORBIDDEN_PROCESS = "forbidden_process"
    EXTRA_SCREEN = "extra_screen"
    NEW_NETWORK_INTERFACE = "new_network_interface"
    REMOVABLE_DRIVE = "removable_drive"
    VIRTUAL_MACHINE = "virtual_machine"
    BLOCKED_KEY = "blocked_key"
    UNLOCK_REFUSED = "unlock_refused"
    CLOSE_REFUSED = "close_refused"
    QUIT_CODE_REFUSED = "quit_code_refused"
    QUIT_CODE_LOCKOUT = "quit_code_lockout"


@dataclass(frozen=True)
class KioskIncident(Message):
    """A lockdown incident at a kiosk nobody is signed in at (version 3): the room's fact
    for the proctor, never written into the next candidate's chain."""

    TYPE: ClassVar[str] = "kiosk_incident"
    FIELDS: ClassVar[dict[str, Conv]] = {"kind": _choice(KioskIncidentKind),
                                         "evidence": _text(500, empty=True)}
    kind: KioskIncidentKind
    evidence: str


MESSAGES: dict[str, type[Message]] = {cls.TYPE: cls for cls in (
    Hello, Welcome, SessionUpdate, Heartbeat, Events, Ack, Control, ControlAck,
    ReplicaRequest, Replica, Preflight, KioskIncident, Error)}
KIOSK_SENDS = frozenset({Hello, Heartbeat, Events, ControlAck, ReplicaRequest, Preflight,
                         KioskIncident, Error})
PROCTOR_SENDS = frozenset({Welcome, SessionUpdate, Ack, Control, Replica, Error})


# -- decoding and encoding -------------------------------------------------------------


def parse_json(body: bytes) -> dict[str, Any]:
    """A frame body as a JSON object: strict (no duplicate keys, floats, NaN)."""
    try:
        obj = WHOLE.decode(body.decode("utf-8"))
    except (ValueError, UnicodeError) as exc:
        raise ProtocolError(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise ProtocolError("not valid JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise ProtocolError("a message must be a JSON object")
    return obj


def message_from_wire(obj: Mapping[str, Any],
                      registry: Mapping[str, type[Message]] | None = None) -> Message:
    """A message from a parsed JSON object, every field checked; `registry` maps the
    types allowed (default: this protocol's `MESSAGES`)."""
    registry = MESSAGES if registry is None else registry
    kind = obj.get("type")
    cls = registry.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ProtocolError("unknown message type; expected one of "
                            + ", ".join(sorted(registry)), "type")
    for name in obj:
        if name != "type" and name not in cls.FIELDS:
            raise ProtocolError(f"not a field of {cls.TYPE}", name)
    defaults = {f.name for f in fields(cls)
                if f.default is not MISSING or f.default_factory is not MISSING}
    values: dict[str, Any] = {}
    for name, conv in cls.FIELDS.items():
        if name not in obj:
            if name in defaults:
                continue
            raise ProtocolError("missing", name)
        try:
            values[name] = conv(obj[name])
        except _Bad as bad:
            raise ProtocolError(bad.message, name + bad.sub) from None
    message = cls(**values)
    message.check()
    return message


def decode_message(body: bytes,
                   registry: Mapping[str, type[Message]] | None = None) -> Message:
    """A frame body (without the length) as a checked message; ProtocolError if bad."""
    if len(body) > MAX_FRAME:
        raise ProtocolError(f"a message is at most {MAX_FRAME} bytes")
    return message_from_wire(parse_json(body), registry)


def encode_message(message: Message) -> bytes:
    """One frame: the length header and the canonical JSON body."""
    body = canonical(message.to_wire())
    if len(body) > MAX_FRAME:
        raise ProtocolError(f"message of {len(body)} bytes exceeds {MAX_FRAME}; "
                            "split it (chunk_events)")
    return HEADER.pack(len(body)) + body


async def read_frame(reader: asyncio.StreamReader, *, max_frame: int = MAX_FRAME) -> bytes:
    """The next frame's body from `reader`, unchecked; a frame over `max_frame` bytes is
    refused from its header, before any of its body is read (a peer not yet authenticated
    gets a small `max_frame`).

    ConnectionClosed on a clean EOF between frames; ProtocolError for an oversize or
    truncated frame.
    """
    try:
        header = await reader.readexactly(HEADER.size)
    except asyncio.IncompleteReadError as exc:
        if not exc.partial:
            raise ConnectionClosed() from None
        raise ProtocolError("connection closed inside a frame header") from None
    (length,) = HEADER.unpack(header)
    limit = min(max_frame, MAX_FRAME)
    if length > limit:
        raise ProtocolError(f"frame of {length} bytes exceeds the limit of {limit}")
    try:
        return await reader.readexactly(length)
    except asyncio.IncompleteReadError:
        raise ProtocolError(f"connection closed inside a frame of {length} bytes") from None


def accepted_message(body: bytes, *, accept: Iterable[type[Message]] | None = None,
                     registry: Mapping[str, type[Message]] | None = None) -> Message:
    """A frame body as a checked message of a type in `accept`; ProtocolError if not."""
    message = decode_message(body, registry)
    if accept is not None and type(message) not in set(accept):
        raise ProtocolError(f"{message.TYPE} is not expected here", "type")
    return message


async def read_message(reader: asyncio.StreamReader, *,
                       accept: Iterable[type[Message]] | None = None,
                       registry: Mapping[str, type[Message]] | None = None,
                       max_frame: int = MAX_FRAME) -> Message:
    """The next message from `reader` (`read_frame`, then `accepted_message`).

    ConnectionClosed on a clean EOF between frames; ProtocolError for an oversize or
    truncated frame, bad JSON, a bad field, or a type not in `accept`.
    """
    return accepted_message(await read_frame(reader, max_frame=max_frame), accept=accept,
                            registry=registry)


async def write_message(writer: asyncio.StreamWriter, message: Message) -> None:
    writer.write(encode_message(message))
    await writer.drain()


def event_size(event: Event) -> int:
    return len(canonical(_to_json(event)))


def chunk_events(events: Sequence[Event], *, limit: int = MAX_FRAME // 2,
                 max_count: int = MAX_EVENTS) -> Iterator[tuple[Event, ...]]:
    """Consecutive runs of `events` whose encoding stays under `limit` bytes each (an
    event is at most 4 MiB minus slack in practice far less; one bigger than `limit`
    goes alone)."""
    batch: list[Event] = []
    size = 0
    for event in events:
        n = event_size(event) + 1
        if batch and (size + n > limit or len(batch) >= max_count):
            yield tuple(batch)
            batch, size = [], 0
        batch.append(event)
        size += n
    if batch:
        yield tuple(batch)
