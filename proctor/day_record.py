"""What the session's record says, for the berita acara: who came and who did not, when
the session actually ran, every candidate's proctor actions, moves and incidents with
the time they lost, the room's own incidents, the proctor's actions outside the chains
(`exam_bank.record.actions`, kept in the replica) per candidate or for the room, and the
digest of the logs being sealed.

`day_record` is pure: the console builds it from its room (`Room.day_record`), sealing and the
headless `proctor berita-acara` from the replica (`proctor.seal.day_record_of`); the
berita acara takes it with `berita_acara.with_record`. Nothing in it is typed by anyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from exam_bank.bundle.sealed import logs_digest
from exam_bank.ids import ParticipantNo
from exam_bank.record.actions import ProctorAction
from exam_bank.record.facts import CandidateRecord, Fact, RecordEntry, wall_instant
from exam_bank.record.words import lines, lost_time


@dataclass(frozen=True)
class Person:
    """A candidate of the session as the berita acara names them."""

    participant_no: ParticipantNo
    name: str
    seat: str


@dataclass(frozen=True)
class CandidateFacts:
    """One candidate's part of the berita acara: a line per fact and the time lost."""

    participant_no: str
    name: str
    seat: str
    lines: tuple[str, ...]
    lost: str = ""  # "" when no time was lost


@dataclass(frozen=True)
class ServerFact:
    """Something the proctor's server saw (a refused connection, a rejected log)."""

    wall: str  # ISO 8601 (UTC, or naive local)
    seat: str | None
    participant_no: ParticipantNo | None
    kind: str
    count: int = 1  # a refusal repeated by one address: how often in all
    last: str = ""  # and when it last happened (same form as `wall`)

    def entries(self) -> list[RecordEntry]:
        """As the record's facts: once at `wall`, the repeats at `last`."""
        first = RecordEntry(self.wall, Fact.INCIDENT, kind=self.kind)
        again = RecordEntry(self.last or self.wall, Fact.INCIDENT, kind=self.kind)
        return [first, *[again] * (max(1, self.count) - 1)]


@dataclass(frozen=True)
class DayRecord:
    absentees: tuple[Person, ...]
    expected: int
    candidates: tuple[CandidateFacts, ...]  # only those with something to tell, seat order
    room: tuple[str, ...]  # the server's facts not tied to a candidate, one line each
    date: dt.date | None  # the day the session actually ran (first sign-in), local
    start: str  # "HH:MM" of the first sign-in; "" when nobody signed in
    end: str  # "HH:MM" of the last event of any candidate
    logs_digest: str  # SHA-256 of the sealed logs' chain ends (`sealed.logs_digest`)

    @property
    def present(self) -> int:
        return self.expected - len(self.absentees)


def _local(wall: str, tz: dt.tzinfo | None) -> dt.datetime:
    return wall_instant(wall).astimezone(tz)


def is_present(log_events: int) -> bool:
    """The one attendance rule (the console, the berita acara, the sealed results): a
    candidate is present when their log reached the proctor. The server stores a log only
    if it begins with the candidate's login at a kiosk, so signing in is what counts
    (confirming identity on screen is a later step, not attendance)."""
    return log_events > 0


def day_record(exam_id: str, session_id: str, people: Sequence[Person],
               records: Mapping[ParticipantNo, CandidateRecord], server: Sequence[ServerFact],
               chain_ends: Mapping[ParticipantNo, tuple[int, str]],
               spans: Mapping[ParticipantNo, tuple[str, str]],
               sections: Mapping[str, str] | None = None, tz: dt.tzinfo | None = None,
               actions: Sequence[ProctorAction] = ()) -> DayRecord:
    """The session's record. `records` and `chain_ends` hold the candidates with a log
    (anyone else is absent); `spans` their first and last event's wall time; `tz` the
    lab's clock (None: this computer's); `actions` the proctor's actions outside the
    chains (`exam_bank.record.actions`): a candidate's with theirs, the room's with the
    room's facts (one concerning a candidate of another session is not this one's)."""
    by_no = {p.participant_no: p for p in people}
    absent = tuple(p for p in people
                   if not is_present(chain_ends.get(p.participant_no, (0, ""))[0]))
    facts: list[CandidateFacts] = []
    loose: list[ServerFact] = []
    extra: dict[ParticipantNo, list[RecordEntry]] = {}
    for s in server:
        # At a seat of this session, but naming someone else (a candidate of another
        # session trying it here): the room's fact, not the seat's candidate's.
        who = s.participant_no if s.participant_no in by_no else None if s.participant_no \
            else next((p.participant_no for p in people if s.seat and p.seat == s.seat), None)
        if who is None:
            loose.append(s)
        else:
            extra.setdefault(who, []).extend(s.entries())
    room_actions: list[RecordEntry] = []
    for a in actions:
        if a.participant_no is None:
            room_actions.append(a.entry())
        elif a.participant_no in by_no:
            extra.setdefault(ParticipantNo(a.participant_no), []).append(a.entry())
    for p in people:
        record = records.get(p.participant_no, CandidateRecord())
        if p.participant_no in extra:
            record = record.with_entries(extra[p.participant_no])
        found = tuple(str(line) for line in lines(record.entries, sections, tz))
        if found:
            facts.append(CandidateFacts(p.participant_no, p.name, p.seat, found,
                                        lost_time(record)))
    # A repeated refusal's entries stay together (one counted line), in time order.
    groups = sorted([*((s.wall, s.entries()) for s in loose),
                     *((e.wall, [e]) for e in room_actions)],
                    key=lambda g: wall_instant(g[0]))
    room = tuple(str(line) for line in lines([e for _w, g in groups for e in g],
                                             sections, tz))
    firsts = [_local(first, tz) for first, _ in spans.values() if first]
    lasts = [_local(last, tz) for _, last in spans.values() if last]
    return DayRecord(
        absentees=absent, expected=len(people), candidates=tuple(facts), room=room,
        date=min(firsts).date() if firsts else None,
        start=min(firsts).strftime("%H:%M") if firsts else "",
        end=max(lasts).strftime("%H:%M") if lasts else "",
        logs_digest=logs_digest(exam_id, session_id, chain_ends))

