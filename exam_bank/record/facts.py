"""The proctor's actions and the incidents of one candidate, as a fold over their log.

The berita acara and the candidate's report both print "what happened to this candidate":
every proctor command that reached the candidate's chain (pause, resume, lock, unlock,
extra time, message, answering a raised hand, force-submit), every restart or move to
another PC, and every incident (lockdown findings, leaving the window, refused pastes),
each with its time, the proctor's name and reason. `candidate_record` derives it from the
events alone, the one implementation both documents use.

Lost time. Within one run of the kiosk, time while the session is paused or locked is
*stopped* time, measured on the run's monotonic clock as the fold does. Between the last
event of one run and the `session_resumed` of the next (a crash, a power cut, a move) the
monotonic clocks cannot be compared, so that *down* time is the difference of the two
events' wall times: for people to read, never charged to the candidate (the session fold
charges neither).

The fold depends only on the events it names (`RECORD_TYPES`), the event just before
each `session_resumed`, and the last event: `relevant_events` picks exactly those from a
stored log without decoding the rest, so sealing a room of 4-hour papers stays cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import reduce
from typing import Any, TypedDict

from exam_bank.events.chain import decode_event
from exam_bank.events.model import Event, EventType, SubmitReason


class Fact(StrEnum):
    PAUSED = "paused"
    RESUMED = "resumed"
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    EXTENDED = "extended"
    MESSAGE = "message"
    READ_ALOUD = "read_aloud"  # an accommodation: text-to-speech turned on
    HAND_RAISED = "hand_raised"
    HAND_ANSWERED = "hand_answered"
    MOVED = "moved"  # carried on at another PC than the last one
    RESTARTED = "restarted"  # carried on at the same (or an unknown) PC
    FORCE_SUBMITTED = "force_submitted"  # the proctor submitted the exam
    SECTION_FORCE_SUBMITTED = "section_force_submitted"
    INCIDENT = "incident"  # `kind` says which (lockdown findings, server findings, ...)
    FOCUS_LOST = "focus_lost"
    PASTE_REFUSED = "paste_refused"
    # A proctor's action that is no command to the candidate (a held login decided, a
    # move authorized, the session opened, ...): kept in the proctor's replica, not in the
    # chain; `kind` says which (`exam_bank.record.actions.ActionKind`).
    ACTION = "action"


PROCTOR_FACTS = frozenset({Fact.PAUSED, Fact.RESUMED, Fact.LOCKED, Fact.UNLOCKED,
                           Fact.EXTENDED, Fact.MESSAGE, Fact.READ_ALOUD, Fact.HAND_ANSWERED,
                           Fact.FORCE_SUBMITTED, Fact.SECTION_FORCE_SUBMITTED, Fact.ACTION})

# The event types the record reads (the others only move its clock).
RECORD_TYPES = frozenset({
    EventType.LOGIN, EventType.PAUSED, EventType.RESUMED, EventType.LOCKED,
    EventType.UNLOCKED, EventType.TIME_EXTENDED, EventType.MESSAGE, EventType.READ_ALOUD_ON,
    EventType.HAND_RAISED,
    EventType.HAND_ANSWERED, EventType.SESSION_RESUMED, EventType.SECTION_SUBMITTED,
    EventType.EXAM_SUBMITTED, EventType.INCIDENT, EventType.FOCUS_LOST,
    EventType.PASTE_REFUSED})


# The proctor's exit code closed the kiosk at the seat: an incident whose note is where
# (``seat=A07 pc=PC07``, `kiosk.link.LinkedKiosk.where`), read back into `seat` and `pc`.
EXIT_KIND = "kiosk_exit"


def _place(note: str) -> dict[str, str]:
    """``seat=A07 pc=PC07`` -> {"seat": "A07", "pc": "PC07"}; other words are ignored."""
    pairs = (word.partition("=") for word in note.split())
    return {k: v for k, eq, v in pairs if eq and k in ("seat", "pc") and v}


@dataclass(frozen=True)
class RecordEntry:
    """One fact of the candidate's day. `wall` is the event's (UTC ISO) or, for what the
    proctor's server saw, the time it saw it."""

    wall: str
    fact: Fact
    by: str = ""  # the proctor who did it ("" for what the candidate or the PC did)
    reason: str = ""  # the proctor's reason, or the message text
    kind: str = ""  # for INCIDENT: the incident's code
    minutes: int = 0  # for EXTENDED
    section: str = ""  # for EXTENDED / SECTION_FORCE_SUBMITTED: the section id
    pc: str = ""  # for MOVED / RESTARTED: where the session carried on
    from_pc: str = ""  # for MOVED: where it was before
    seq: int = 0  # the event's seq (0: not from the candidate's log)
    seat: str = ""  # for ACTION: the seat(s) concerned
    to_seat: str = ""  # for ACTION (a move): the spare PC's seat

    @property
    def by_proctor(self) -> bool:
        return self.fact in PROCTOR_FACTS or bool(self.by)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("wall", self.wall), ("fact", str(self.fact)),
                                  ("by", self.by), ("reason", self.reason),
                                  ("kind", self.kind), ("minutes", self.minutes),
                                  ("section", self.section), ("pc", self.pc),
                                  ("from_pc", self.from_pc), ("seq", self.seq),
                                  ("seat", self.seat), ("to_seat", self.to_seat)) if v}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RecordEntry:
        return cls(wall=str(data.get("wall", "")), fact=Fact(data["fact"]),
                   by=str(data.get("by", "")), reason=str(data.get("reason", "")),
                   kind=str(data.get("kind", "")), minutes=int(data.get("minutes", 0)),
                   section=str(data.get("section", "")), pc=str(data.get("pc", "")),
                   from_pc=str(data.get("from_pc", "")), seq=int(data.get("seq", 0)),
                   seat=str(data.get("seat", "")), to_seat=str(data.get("to_seat", "")))


@dataclass(frozen=True)
class CandidateRecord:
    """A candidate's facts, oldest first, and the time they lost (module docstring)."""

    entries: tuple[RecordEntry, ...] = ()
    stopped_ms: int = 0  # paused or locked, within kiosk runs
    down_ms: int = 0  # between kiosk runs (PC down, restarted or moved), by wall clock
    extra_minutes: int = 0  # time the proctor gave back, all sections
    # the fold's working state
    run: int | None = field(default=None, compare=False)
    last_mono: int = field(default=0, compare=False)
    last_wall: str = field(default="", compare=False)
    pc: str = field(default="", compare=False)
    paused: bool = field(default=False, compare=False)
    locked: bool = field(default=False, compare=False)

    @property
    def lost_ms(self) -> int:
        return self.stopped_ms + self.down_ms

    @property
    def proctor_actions(self) -> tuple[RecordEntry, ...]:
        return tuple(e for e in self.entries if e.by_proctor)

    def with_entries(self, more: Iterable[RecordEntry]) -> CandidateRecord:
        """The record with facts from elsewhere (the proctor's server) merged in time order."""
        merged = sorted((*self.entries, *more), key=lambda e: (wall_instant(e.wall), e.seq))
        return replace(self, entries=tuple(merged))

    def to_dict(self) -> dict[str, Any]:
        return {"entries": [e.to_dict() for e in self.entries], "stopped_ms": self.stopped_ms,
                "down_ms": self.down_ms, "extra_minutes": self.extra_minutes}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CandidateRecord:
        return cls(tuple(RecordEntry.from_dict(e) for e in data.get("entries", ())),
                   int(data.get("stopped_ms", 0)), int(data.get("down_ms", 0)),
                   int(data.get("extra_minutes", 0)))


def candidate_record(events: Iterable[Event]) -> CandidateRecord:
    """The candidate's record from their events, in seq order (only the events the
    record depends on are folded: a 4-hour log's keystrokes cost a type check each)."""
    every = list(events)
    picked = [e for n, e in enumerate(every)
              if e.type in RECORD_TYPES or n == len(every) - 1
              or (n + 1 < len(every) and every[n + 1].type == EventType.SESSION_RESUMED)]
    return reduce(record_apply, picked, CandidateRecord())


def record_apply(record: CandidateRecord, event: Event) -> CandidateRecord:
    """The record after one more event (the fold's step; the proctor's room applies it
    as events arrive)."""
    record = _clock(record, event)
    entry = _entry(record, event)
    changes: dict[str, Any] = {}
    match event.type:
        case EventType.PAUSED | EventType.RESUMED:
            changes["paused"] = event.type == EventType.PAUSED
        case EventType.LOCKED | EventType.UNLOCKED:
            changes["locked"] = event.type == EventType.LOCKED
        case EventType.TIME_EXTENDED:
            changes["extra_minutes"] = record.extra_minutes + int(event.data["minutes"])
        case EventType.LOGIN | EventType.SESSION_RESUMED if event.data.get("pc"):
            changes["pc"] = str(event.data["pc"])
    if entry is not None:
        changes["entries"] = (*record.entries, entry)
    return replace(record, **changes) if changes else record


def _clock(record: CandidateRecord, event: Event) -> CandidateRecord:
    """Moves the record's clock to this event: stopped time within a run, down time
    between runs."""
    stopped, down = record.stopped_ms, record.down_ms
    if record.run is not None and event.run == record.run:
        if record.paused or record.locked:
            stopped += max(0, event.mono_ms - record.last_mono)
    elif record.run is not None:
        gap = wall_instant(event.wall) - wall_instant(record.last_wall)
        down += max(0, int(gap.total_seconds() * 1000))
    return replace(record, stopped_ms=stopped, down_ms=down, run=event.run,
                   last_mono=event.mono_ms, last_wall=event.wall)


class _At(TypedDict):
    """When and by whom: the fields every entry made from an event shares."""

    wall: str
    seq: int
    by: str


def _entry(record: CandidateRecord, event: Event) -> RecordEntry | None:
    d = event.data
    by, note = str(d.get("by", "")), str(d.get("note", ""))

    def at(fact: Fact, **more: Any) -> RecordEntry:
        return RecordEntry(event.wall, fact, by=by, seq=event.seq, **more)

    match event.type:
        case EventType.PAUSED:
            return at(Fact.PAUSED, reason=note)
        case EventType.RESUMED:
            return at(Fact.RESUMED, reason=note)
        case EventType.LOCKED:
            return at(Fact.LOCKED, reason=note)
        case EventType.UNLOCKED:
            return at(Fact.UNLOCKED, reason=note)
        case EventType.TIME_EXTENDED:
            return at(Fact.EXTENDED, reason=note, minutes=int(d["minutes"]),
                      section=str(d["section"]))
        case EventType.MESSAGE:
            return at(Fact.MESSAGE, reason=str(d.get("text", "")))
        case EventType.READ_ALOUD_ON:
            return at(Fact.READ_ALOUD, reason=note)
        case EventType.HAND_RAISED:
            return at(Fact.HAND_RAISED, reason=note)
        case EventType.HAND_ANSWERED:
            return at(Fact.HAND_ANSWERED, reason=note)
        case EventType.SESSION_RESUMED:
            pc = str(d.get("pc", ""))
            moved = bool(pc and record.pc and pc != record.pc)
            return at(Fact.MOVED if moved else Fact.RESTARTED, reason=note, pc=pc,
                      from_pc=record.pc if moved else "")
        case EventType.EXAM_SUBMITTED if d.get("reason") == SubmitReason.PROCTOR:
            return at(Fact.FORCE_SUBMITTED, reason=note)
        case EventType.SECTION_SUBMITTED if d.get("reason") == SubmitReason.PROCTOR:
            return at(Fact.SECTION_FORCE_SUBMITTED, reason=note, section=str(d["section"]))
        case EventType.INCIDENT if d["kind"] == EXIT_KIND:
            return at(Fact.INCIDENT, kind=EXIT_KIND, **_place(note))
        case EventType.INCIDENT:
            return at(Fact.INCIDENT, kind=str(d["kind"]), reason=note)
        case EventType.FOCUS_LOST:
            return at(Fact.FOCUS_LOST)
        case EventType.PASTE_REFUSED:
            return at(Fact.PASTE_REFUSED)
    return None


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def wall_instant(wall: str) -> dt.datetime:
    """A wall time as an aware instant (naive: taken as local time); the epoch when it
    cannot be read, so a damaged time sorts first and adds no down time."""
    try:
        stamp = dt.datetime.fromisoformat(wall)
    except ValueError:
        return _EPOCH
    return stamp if stamp.tzinfo is not None else stamp.astimezone()


# -- from a stored log, without decoding it all ----------------------------------------------

_TYPE_NAMES = frozenset(t.value.encode() for t in RECORD_TYPES)
_TYPE_KEY = b'"type":"'


def _type_of(line: bytes) -> bytes:
    """An `encode_event` line's event type, read without decoding the line: canonical
    JSON sorts the keys, so the top-level "type" comes after "data" (searched from the
    end, it is the first found), and a quote inside a text is escaped, so a candidate's
    paper cannot hold these bytes."""
    at = line.rfind(_TYPE_KEY)
    if at < 0:
        return b""
    start = at + len(_TYPE_KEY)
    return line[start:line.find(b'"', start)]


def relevant_events(log: bytes, where: str = "event log") -> Iterator[Event]:
    """The events of a stored log (`encode_event` lines) that `candidate_record` needs:
    those of `RECORD_TYPES`, the one before each `session_resumed` and the last one."""
    lines = [line for line in log.splitlines() if line.strip()]
    types = [_type_of(line) for line in lines]
    resumed = EventType.SESSION_RESUMED.value.encode()
    for n, line in enumerate(lines):
        if (types[n] in _TYPE_NAMES or n == len(lines) - 1
                or (n + 1 < len(lines) and types[n + 1] == resumed)):
            yield decode_event(line, where)
