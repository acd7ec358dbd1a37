"""The room as the proctor sees it: seats, who sits where, how far each candidate is, what
went wrong. Pure Python (no Qt): the lab server feeds it, the console renders snapshots.

Feeding (the server's asyncio thread)::

    room = Room(package, "S1")     # anything with .roster, .blueprint, .items, .forms
    room.heartbeat(seat, kiosk_id, participant_no_or_None, now_ms, time_left_ms=None)
    room.replicated(participant_no, events)      # verified, newly stored events, in order
    room.incident(seat_or_None, participant_no_or_None, kind, evidence)

Reading (the console's Qt thread)::

    snap = room.snapshot(now_ms)   # RoomSnapshot: frozen, safe to keep and render
    room.timeline(participant_no)  # a candidate's events as TimelineEntry lines

Every method takes one lock, so a snapshot is always one consistent moment.

Clocks. `now_ms` is the proctor's monotonic clock in milliseconds (use `monotonic_ms()`
on both sides); it only measures heartbeat age and time since the last event arrived.
Attendance compares the wall clock (local time, as the roster's session times are) with
the session's start: a candidate whose identity is confirmed is present, and late when
the confirmation's wall time is more than `late_after_min` after the start; someone not
confirmed by then is absent (before then: not yet).

Restart. The room keeps nothing the replica does not: after a proctor restart the server
feeds each participant's stored log once through `replicated()`; events at or below the
seq already folded are ignored, so feeding twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from exam_bank.blueprint.forms import Form
from exam_bank.blueprint.model import Blueprint
from exam_bank.events.fold import (
    Phase,
    SessionState,
    apply,
    initial_state,
    section_limits,
    section_navigation,
)
from exam_bank.events.model import Event, EventType
from exam_bank.examzone import DEFAULT_ZONE, exam_zone
from exam_bank.ids import KioskId, ParticipantNo, SessionId
from exam_bank.items.model import Item
from exam_bank.record.facts import EXIT_KIND, RECORD_TYPES, CandidateRecord, record_apply
from exam_bank.roster.model import Candidate, Roster, normalise_participant_no, seat_sort_key
from exam_bank.status_words import Progress, progress_of
from exam_bank.wire.control import CommandStatus

if TYPE_CHECKING:
    from proctor.commands import CommandLine
from exam_bank.record.actions import ProctorAction
from proctor.day_record import DayRecord, Person, ServerFact, day_record, is_present


class RoomFeed(Protocol):
    """What the lab server tells the room (`Room` implements it; the headless server
    gives `proctor.service.NullRoom`)."""

    def heartbeat(self, seat: str, kiosk_id: KioskId, participant_no: ParticipantNo | None,
                  now_ms: int, time_left_ms: int | None = None) -> None: ...

    def replicated(self, participant_no: ParticipantNo, events: Sequence[Event]) -> None: ...

    def incident(self, seat: str | None, participant_no: ParticipantNo | None, kind: str,
                 evidence: str, wall: str | None = None) -> None: ...

    def incident_repeated(self, kind: str, evidence: str, count: int, last: str) -> None: ...

    def commands(self, lines: Sequence[CommandLine]) -> None:
        """Every command per candidate and how far it got (all of them, each time)."""

    def action(self, action: ProctorAction) -> None:
        """One of the proctor's actions outside the chains, as the replica keeps it."""


LATE_MS = 5_000  # a heartbeat every 2 s: two missed and the tile turns amber
LOST_MS = 15_000
TIMELINE_MAX = 2_000  # per candidate; makalah keystrokes are folded into one line


def monotonic_ms() -> int:
    """The clock both the server and the console pass as `now_ms`."""
    return time.monotonic_ns() // 1_000_000


class SeatStatus(StrEnum):
    ONLINE = "online"
    LATE = "late"  # heartbeat older than 5 s
    LOST = "lost"  # heartbeat older than 15 s
    NOT_YET = "not_yet"  # no kiosk has reported for this seat yet
    ABSENT = "absent"  # nobody came, and the start plus the grace is past
    DONE = "done"  # the exam is submitted: the PC may be switched off, nothing is wrong
    # The proctor's exit code closed the kiosk (the chain's last event is that exit): the
    # PC may be off, nothing is wrong; the candidate signing in again ends it.
    EXITED = "exited"


class Attendance(StrEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    NOT_YET = "not_yet"


class PackageLike(Protocol):
    """What the room needs of an ExamPackage (tests pass a smaller object)."""

    @property
    def roster(self) -> Roster: ...
    @property
    def blueprint(self) -> Blueprint: ...
    @property
    def items(self) -> Mapping[str, Item]: ...
    @property
    def forms(self) -> Mapping[str, Form]: ...


@dataclass(frozen=True)
class IncidentEntry:
    """One line of the incident feed: from the server (a refused message, a fork) or from a
    candidate's log (incident, focus lost, paste refused)."""

    wall: str  # "HH:MM:SS" local time it happened (event wall time for logged ones)
    seat: str | None
    participant_no: ParticipantNo | None
    kind: str
    evidence: str
    source: str  # "server", "log" or "proctor" (an action, `Room.action`)
    count: int = 1  # a refusal repeated by one address: how often in all
    last: str = ""  # "HH:MM:SS" of the last repeat (count > 1)
    # The full ISO wall times behind `wall` and `last` (as stored with the fact): the
    # record dates the fact by them, never by the day the console happens to run.
    at: str = ""
    last_at: str = ""


@dataclass(frozen=True)
class SeatView:
    seat: str
    row: str  # the seat's letters ("D" of "D3"); "" when the seat has none
    col: int  # the seat's number (3 of "D3"); -1 when it has none
    participant_no: ParticipantNo | None
    name: str
    status: SeatStatus
    kiosk_id: KioskId | None
    kiosk_seat: str | None  # where the candidate's kiosk actually is (a spare PC after a move)
    phase: Phase | None  # None: no log yet
    section_id: str | None
    section_title: str
    answered: int
    total: int
    time_left_ms: int | None  # in the open section; None outside one
    paused: bool
    locked: bool
    hand_raised: bool
    incidents: int
    submitted: bool
    attendance: Attendance
    heartbeat_age_ms: int | None
    pending_commands: int = 0  # sent, not yet in the candidate's chain here

    @property
    def problem(self) -> bool:
        """Needs the proctor's eye: connection trouble (until the exam is submitted: PCs
        shut down after that), locked, incidents, hand up."""
        lost = self.status in (SeatStatus.LATE, SeatStatus.LOST) and not self.submitted
        return lost or self.locked or self.incidents > 0 or self.hand_raised


@dataclass(frozen=True)
class KioskView:
    kiosk_id: KioskId
    seat: str
    age_ms: int


@dataclass(frozen=True)
class AttendanceLine:
    participant_no: ParticipantNo
    name: str
    seat: str
    status: Attendance
    signed_in_at: str | None  # "HH:MM:SS" of their login (the log's first event), if any
    # Where they are, in the words the seat tile and the kiosk use (Selesai, ...); None
    # before their log begins.
    progress: Progress | None = None


@dataclass(frozen=True)
class RoomSnapshot:
    session_id: SessionId
    exam_id: str
    exam_title: str
    sections: tuple[str, ...]  # the exam's section titles, in order
    site: str
    room: str
    date: dt.date
    start: dt.time
    end: dt.time | None
    seats: tuple[SeatView, ...]  # seat order: rows by letter, columns by number
    incidents: tuple[IncidentEntry, ...]  # oldest first
    attendance: tuple[AttendanceLine, ...]
    free_kiosks: tuple[KioskView, ...]  # online kiosks nobody is signed in at
    commands: tuple[CommandLine, ...] = ()  # per candidate, by command id
    timezone: str = DEFAULT_ZONE  # the exam's zone: the times above are its wall times

    def seat(self, seat: str) -> SeatView:
        for view in self.seats:
            if view.seat == seat:
                return view
        raise KeyError(seat)

    def counts(self) -> dict[Attendance, int]:
        out = dict.fromkeys(Attendance, 0)
        for line in self.attendance:
            out[line.status] += 1
        return out


@dataclass(frozen=True)
class TimelineEntry:
    """A readable event: the console words it from `kind` and `params` (translated)."""

    seq: int
    wall: str  # "HH:MM:SS" local
    kind: str  # an EventType value, or "makalah_writing" for a run of revisions
    params: Mapping[str, Any] = field(default_factory=dict)


def seat_position(seat: str) -> tuple[str, int]:
    """("D", 3) for "D3": the row by letters, the column by number."""
    letters, number, _rest = seat_sort_key(seat)
    return letters, number


def wall_clock(wall: str, tz: dt.tzinfo | None = None) -> str:
    """An event's UTC ISO wall time as "HH:MM:SS" in `tz` (the exam's zone; None: this
    computer's)."""
    try:
        stamp = dt.datetime.fromisoformat(wall)
    except ValueError:
        return wall
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(tz)
    return stamp.strftime("%H:%M:%S")


def _local_naive(wall: str, tz: dt.tzinfo) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(wall)
    except ValueError:
        return None
    return stamp.astimezone(tz).replace(tzinfo=None) if stamp.tzinfo else stamp


@dataclass
class _Heartbeat:
    seat: str
    kiosk_id: KioskId
    participant_no: ParticipantNo | None
    at_ms: int
    time_left_ms: int | None


@dataclass
class _Candidate:
    candidate: Candidate
    state: SessionState | None
    last_event_ms: int | None = None  # proctor clock when the last event arrived
    timeline: list[TimelineEntry] = field(default_factory=list)
    log_incidents: int = 0
    record: CandidateRecord = field(default_factory=CandidateRecord)  # for the berita acara
    unrecorded: Event | None = None  # the last event, when the record has not needed it
    first_wall: str = ""  # the first and last event's wall time (the session's real hours)
    last_wall: str = ""
    exited: bool = False  # the last event is the kiosk's exit by the proctor's code


def _progress(state: SessionState | None) -> Progress | None:
    """Where a candidate is, as the seat tile and the kiosk word it; None before their log
    begins."""
    if state is None or not state.last_seq:
        return None
    return progress_of(state.phase, state.paused, state.locked)


_LOGGED_INCIDENTS = {EventType.INCIDENT, EventType.FOCUS_LOST, EventType.PASTE_REFUSED}


def _is_exit(event: Event) -> bool:
    return event.type == EventType.INCIDENT and event.data.get("kind") == EXIT_KIND


class Room:
    """The live room for one session of one exam package. Thread-safe."""

    def __init__(self, package: PackageLike, session_id: SessionId, *, late_after_min: int = 15,
                 wall: Callable[[], dt.datetime] = dt.datetime.now):
        roster = package.roster
        if session_id not in roster.sessions:
            raise ValueError(f"session {session_id!r} is not in the package's roster "
                             f"(it has {', '.join(sorted(roster.sessions)) or 'none'})")
        self._lock = threading.Lock()
        self._wall = wall  # stamps the server's incidents (local time)
        self._session = roster.sessions[session_id]
        self._blueprint = package.blueprint
        # The roster's times are the exam's wall times, whatever zone this PC is kept in.
        self._zone = exam_zone(package.blueprint.exam.timezone)
        self._titles = {s.id: s.title for s in package.blueprint.sections}
        self._late_after = dt.timedelta(minutes=late_after_min)
        limits = section_limits(package.blueprint)
        navigation = section_navigation(package.blueprint)
        self._people: dict[str, _Candidate] = {}
        for c in roster.candidates_in(session_id):
            form = package.forms.get(c.participant_no)
            state = (initial_state(form, package.items, limits, navigation)
                     if form is not None else None)
            self._people[normalise_participant_no(c.participant_no)] = _Candidate(c, state)
        self._by_seat = {p.candidate.seat: key for key, p in self._people.items()}
        self._kiosks: dict[str, _Heartbeat] = {}  # kiosk id -> last heartbeat
        self._incidents: list[IncidentEntry] = []
        self._commands: tuple[CommandLine, ...] = ()
        self._actions: list[ProctorAction] = []
        self._repeated: dict[tuple[str, str], int] = {}  # (kind, evidence) -> index

    # -- feeding (server thread) -----------------------------------------------------------

    def heartbeat(self, seat: str, kiosk_id: KioskId, participant_no: ParticipantNo | None,
                  now_ms: int, time_left_ms: int | None = None) -> None:
        """A kiosk is alive at `seat`, with `participant_no` signed in (None: nobody)."""
        with self._lock:
            self._kiosks[kiosk_id] = _Heartbeat(
                seat, kiosk_id, normalise_participant_no(participant_no) if participant_no
                else None, now_ms, time_left_ms)

    def replicated(self, participant_no: ParticipantNo, events: Sequence[Event],
                   now_ms: int | None = None) -> None:
        """Newly stored events of one candidate, in seq order (already verified)."""
        key = normalise_participant_no(participant_no)
        arrived = monotonic_ms() if now_ms is None else now_ms
        with self._lock:
            person = self._people.get(key)
            if person is None or person.state is None:
                if events:
                    at = events[0].wall  # the fact's own time, also when re-fed
                    self._incidents.append(IncidentEntry(
                        wall_clock(at, self._zone), None, participant_no, "unknown_participant",
                        f"{len(events)} event(s) for a participant not in this session "
                        "or without a form", "server", at=at))
                return
            for event in events:
                if event.seq <= person.state.last_seq:
                    continue  # already folded (a re-feed after a restart)
                person.state = apply(person.state, event)
                self._record(person, event)
                person.first_wall = person.first_wall or event.wall
                person.last_wall = event.wall
                person.last_event_ms = arrived
                person.exited = _is_exit(event)
                self._note(person, event)

    @staticmethod
    def _record(person: _Candidate, event: Event) -> None:
        """The record folds only the events it reads and the one before each of those
        (`exam_bank.record.facts`): a 4-hour paper's keystrokes cost nothing here."""
        if event.type not in RECORD_TYPES:
            person.unrecorded = event
            return
        if person.unrecorded is not None:
            person.record = record_apply(person.record, person.unrecorded)
            person.unrecorded = None
        person.record = record_apply(person.record, event)

    def incident(self, seat: str | None, participant_no: ParticipantNo | None, kind: str,
                 evidence: str, wall: str | None = None) -> None:
        """Something the server saw (a refused message, a fork): shown in the feed, at
        `wall` (ISO, when it was recorded: a restart re-feeds the stored ones) or now."""
        at = wall or self._now_iso()
        with self._lock:
            self._incidents.append(IncidentEntry(wall_clock(at, self._zone), seat,
                                                 participant_no, kind, evidence, "server",
                                                 at=at))

    def commands(self, lines: Sequence[CommandLine]) -> None:
        """Every command per candidate and how far it got (the whole list each time)."""
        with self._lock:
            self._commands = tuple(lines)
    def action(self, action: ProctorAction) -> None:
        """The proctor's action (from the replica: a restart re-feeds them with their own
        times): kept for the record and shown in the feed beside the incidents."""
        with self._lock:
            self._actions.append(action)
            self._incidents.append(IncidentEntry(
                wall_clock(action.wall, self._zone), action.seat if action.participant_no else None,
                ParticipantNo(action.participant_no) if action.participant_no else None,
                str(action.kind), ": ".join(x for x in (action.by, action.reason) if x),
                "proctor"))

    def incident_repeated(self, kind: str, evidence: str, count: int, last: str) -> None:
        """The server's incident (`kind`, `evidence`) has happened `count` times in all,
        the last at `last` (ISO time): its one line in the feed says so."""
        with self._lock:
            key = (kind, evidence)
            index = self._repeated.get(key)
            if index is None:
                index = next((i for i in range(len(self._incidents) - 1, -1, -1)
                              if self._incidents[i].source == "server"
                              and self._incidents[i].kind == kind
                              and self._incidents[i].evidence == evidence), -1)
                if index < 0:
                    return
                self._repeated[key] = index
            self._incidents[index] = replace(self._incidents[index], count=count,
                                             last=wall_clock(last, self._zone), last_at=last)

    def _now_iso(self) -> str:
        """Now, as a fact's stored wall time (UTC ISO, as `replica.wall_now`), from the
        room's clock: only for a fact seen live that came with no time of its own."""
        return self._wall().astimezone(dt.UTC).isoformat(timespec="milliseconds")

    def _note(self, person: _Candidate, event: Event) -> None:
        state = person.state
        assert state is not None
        clock = wall_clock(event.wall, self._zone)
        if event.type in _LOGGED_INCIDENTS:
            # The proctor's own exit is in the feed, but no problem to look at.
            person.log_incidents += 0 if _is_exit(event) else 1
            evidence = str(event.data.get("note", "")) if event.type == EventType.INCIDENT \
                else ", ".join(f"{k}={v}" for k, v in sorted(event.data.items()))
            kind = str(event.data["kind"]) if event.type == EventType.INCIDENT \
                else str(event.type)
            self._incidents.append(IncidentEntry(
                clock, person.candidate.seat, person.candidate.participant_no, kind,
                evidence, "log"))
        entry = TimelineEntry(event.seq, clock, str(event.type), self._params(state, event))
        timeline = person.timeline
        if event.type == EventType.MAKALAH_REVISION:
            last = timeline[-1] if timeline else None
            if last is not None and last.kind == "makalah_writing":
                timeline[-1] = TimelineEntry(last.seq, last.wall, last.kind, {
                    "revisions": int(last.params["revisions"]) + 1, "until": clock})
                return
            entry = TimelineEntry(event.seq, clock, "makalah_writing",
                                  {"revisions": 1, "until": clock})
        timeline.append(entry)
        if len(timeline) > TIMELINE_MAX:
            del timeline[: len(timeline) - TIMELINE_MAX]

    def _params(self, state: SessionState, event: Event) -> dict[str, Any]:
        """The event's data plus the item's number in its section, as people count."""
        params: dict[str, Any] = {k: v for k, v in event.data.items()
                                  if isinstance(v, str | int) and k != "full"}
        section = state.section
        item = event.data.get("item")
        if section is not None and isinstance(item, str) and item in section.item_ids:
            params["number"] = section.item_ids.index(item) + 1
        if event.type == EventType.NAVIGATED:
            params["number"] = int(event.data["to"]) + 1
        if "section" in params:
            params["section_title"] = self._titles.get(str(params["section"]),
                                                       str(params["section"]))
        return params

    # -- reading (console thread) ----------------------------------------------------------

    def now_wall(self) -> dt.datetime:
        """Now on the exam's clock (naive, as the roster's times): a proctor PC left on
        UTC still calls a candidate absent at the roster's hour."""
        return dt.datetime.now(self._zone).replace(tzinfo=None)

    def snapshot(self, now_ms: int, wall: dt.datetime | None = None) -> RoomSnapshot:
        """The room at this moment; `wall` (the exam's clock, naive) decides absent vs
        not yet."""
        now_wall = wall or self.now_wall()
        with self._lock:
            kiosk_of = self._kiosk_by_person()
            seats = [self._seat_view(seat, key, kiosk_of.get(key), now_ms, now_wall)
                     for seat, key in self._by_seat.items()]
            for hb in self._kiosks.values():
                # A spare PC shows as its own tile while free; once a moved candidate signs
                # in there, their own tile shows it (kiosk_seat).
                if hb.seat not in self._by_seat and hb.participant_no is None:
                    seats.append(self._empty_seat(hb, now_ms))
            seats.sort(key=lambda v: seat_sort_key(v.seat))
            free = tuple(KioskView(hb.kiosk_id, hb.seat, now_ms - hb.at_ms)
                         for hb in sorted(self._kiosks.values(), key=lambda h: h.kiosk_id)
                         if hb.participant_no is None and now_ms - hb.at_ms <= LOST_MS)
            attendance = tuple(
                AttendanceLine(p.candidate.participant_no, p.candidate.name, p.candidate.seat,
                               self._attendance(p, now_wall),
                               wall_clock(p.first_wall, self._zone) if p.first_wall else None,
                               _progress(p.state))
                for p in self._people.values())
            s = self._session
            return RoomSnapshot(
                s.id, self._blueprint.exam.id, self._blueprint.exam.title,
                tuple(self._titles.values()), s.site, s.room,
                s.date, s.start, s.end, tuple(seats), tuple(self._incidents), attendance,
                free, self._commands, self._blueprint.exam.timezone)

    @property
    def session_id(self) -> SessionId:
        return SessionId(self._session.id)

    @property
    def exam_id(self) -> str:
        return self._blueprint.exam.id

    @property
    def zone(self) -> dt.tzinfo:
        """The exam's zone: the clock the roster, the console and the documents read."""
        return self._zone

    @property
    def agency(self) -> str:
        """The agency the package names: the berita acara's letterhead."""
        return self._blueprint.exam.agency

    def day_record(self, tz: dt.tzinfo | None = None) -> DayRecord:
        """What the session's record says now, for the berita acara (`proctor.day_record`).
        Every fact keeps the wall time stored with it (a console restarted the next day
        still dates yesterday's incidents yesterday)."""
        with self._lock:
            people = [Person(p.candidate.participant_no, p.candidate.name, p.candidate.seat)
                      for p in self._people.values()]
            logged = [p for p in self._people.values() if p.state and p.state.last_seq]
            records = {p.candidate.participant_no: p.record if p.unrecorded is None
                       else record_apply(p.record, p.unrecorded) for p in logged}
            ends = {p.candidate.participant_no: (p.state.last_seq, p.state.final_hash)
                    for p in logged if p.state}
            spans = {p.candidate.participant_no: (p.first_wall, p.last_wall) for p in logged}
            server = [ServerFact(i.at, i.seat, i.participant_no, i.kind, i.count, i.last_at)
                      for i in self._incidents if i.source == "server"]
            titles = dict(self._titles)
            exam_id = self._blueprint.exam.id
            actions = tuple(self._actions)
        return day_record(exam_id, self._session.id, sorted(people, key=lambda p: seat_sort_key(
            p.seat)), records, server, ends, spans, titles, tz or self._zone, actions)

    def timeline(self, participant_no: ParticipantNo) -> tuple[TimelineEntry, ...]:
        with self._lock:
            person = self._people.get(normalise_participant_no(participant_no))
            return tuple(person.timeline) if person else ()

    def _kiosk_by_person(self) -> dict[str, _Heartbeat]:
        """Each candidate's most recent kiosk: where they are signed in, else their seat's."""
        out: dict[str, _Heartbeat] = {}
        for hb in self._kiosks.values():
            key = hb.participant_no if hb.participant_no in self._people else (
                self._by_seat.get(hb.seat) if hb.participant_no is None else None)
            if key is None:
                continue
            known = out.get(key)
            signed_in = hb.participant_no is not None
            known_signed_in = known is not None and known.participant_no is not None
            if (known is None or (signed_in and not known_signed_in)
                    or (signed_in == known_signed_in and hb.at_ms > known.at_ms)):
                out[key] = hb
        return out

    def _attendance(self, person: _Candidate, now_wall: dt.datetime) -> Attendance:
        start = dt.datetime.combine(self._session.date, self._session.start)
        if is_present(person.state.last_seq if person.state else 0):  # as the berita acara
            # Their login, the log's first event, on the exam's clock.
            arrived = _local_naive(person.first_wall, self._zone)
            if arrived is not None and arrived > start + self._late_after:
                return Attendance.LATE
            return Attendance.PRESENT
        return Attendance.ABSENT if now_wall > start + self._late_after else Attendance.NOT_YET

    def _seat_view(self, seat: str, key: str, hb: _Heartbeat | None, now_ms: int,
                   now_wall: dt.datetime) -> SeatView:
        person = self._people[key]
        c, state = person.candidate, person.state
        attendance = self._attendance(person, now_wall)
        age = None if hb is None else max(0, now_ms - hb.at_ms)
        silent = self._silence(person, now_ms) if hb is None else None
        if silent is not None:  # at work, but no PC has spoken for them since we started
            status = (SeatStatus.LOST if silent > LOST_MS else
                      SeatStatus.LATE if silent > LATE_MS else SeatStatus.ONLINE)
        elif age is None:
            status = SeatStatus.ABSENT if attendance == Attendance.ABSENT else SeatStatus.NOT_YET
        else:
            status = (SeatStatus.LOST if age > LOST_MS else
                      SeatStatus.LATE if age > LATE_MS else SeatStatus.ONLINE)
        if state is not None and state.phase == Phase.SUBMITTED:
            status = SeatStatus.DONE
        if person.exited:
            status = SeatStatus.EXITED
        row, col = seat_position(seat)
        started = state is not None and state.last_seq > 0
        section = state.section if state is not None else None
        total = len(state.context.form.item_ids) if state is not None else 0
        answered = 0 if state is None else len(state.answers) + sum(
            1 for text in state.makalah.values() if text.strip())
        return SeatView(
            seat=seat, row=row, col=col, participant_no=c.participant_no, name=c.name,
            status=status, kiosk_id=hb.kiosk_id if hb else None,
            kiosk_seat=hb.seat if hb else None,
            phase=state.phase if state is not None and started else None,
            section_id=section.section_id if section else None,
            section_title=self._titles.get(section.section_id, "") if section else "",
            answered=answered, total=total,
            time_left_ms=self._time_left(person, hb, now_ms),
            paused=bool(state and state.paused), locked=bool(state and state.locked),
            hand_raised=bool(state and state.hand_raised),
            incidents=person.log_incidents + sum(
                1 for i in self._incidents if i.source == "server" and (
                    i.seat == seat or (i.participant_no is not None and normalise_participant_no(
                        i.participant_no) == key))),
            submitted=bool(state and state.phase == Phase.SUBMITTED),
            attendance=attendance, heartbeat_age_ms=age,
            pending_commands=sum(1 for line in self._commands
                                 if line.status == CommandStatus.PENDING and
                                 normalise_participant_no(line.participant_no) == key))

    @staticmethod
    def _silence(person: _Candidate, now_ms: int) -> int | None:
        """How long a candidate whose log has begun has been silent when no kiosk of theirs
        has reported (a console restarted while their PC was dead): counted from their
        last event's arrival, which after a restart is when the replica was read, so a
        PC that died before the restart shows lost again, as it did before; None when
        their log has not begun."""
        if person.state is None or not person.state.last_seq or person.last_event_ms is None:
            return None
        return max(0, now_ms - person.last_event_ms)

    def _time_left(self, person: _Candidate, hb: _Heartbeat | None, now_ms: int) -> int | None:
        state = person.state
        if state is None or state.section is None:
            return None
        if hb is not None and hb.time_left_ms is not None and hb.participant_no is not None:
            # The kiosk's own count is fresher than our last event; age it by the beat's age.
            running = state.clock_running
            return max(0, hb.time_left_ms - (now_ms - hb.at_ms if running else 0))
        left = state.remaining_of(state.section.section_id)
        if state.clock_running and person.last_event_ms is not None:
            left -= max(0, now_ms - person.last_event_ms)
        return max(0, left)

    def _empty_seat(self, hb: _Heartbeat, now_ms: int) -> SeatView:
        """A spare PC (a seat no candidate is assigned to) with a kiosk on it."""
        age = max(0, now_ms - hb.at_ms)
        row, col = seat_position(hb.seat)
        status = (SeatStatus.LOST if age > LOST_MS else
                  SeatStatus.LATE if age > LATE_MS else SeatStatus.ONLINE)
        return SeatView(hb.seat, row, col, None, "", status, hb.kiosk_id, hb.seat, None, None,
                        "", 0, 0, None, False, False, False, 0, False, Attendance.NOT_YET, age)


