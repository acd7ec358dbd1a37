"""A registered roster: positions with their standard levels, sessions, candidates.

This is what travels inside an exam package (`roster.json`) and what the kiosk checks a
login against, so a candidate carries only the argon2id hash of their PIN, never the PIN.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exam_bank.fsutil import atomic_write
from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.problems import InputError, Problem

ROSTER_FORMAT = 1
GROUP_KEYS = ("gender", "agency", "region")  # optional candidate groups (DIF analysis)
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def normalise_participant_no(value: str) -> ParticipantNo:
    """Participant numbers are codes typed at a kiosk: compare them trimmed, upper-case."""
    return ParticipantNo(value.strip().upper())


@dataclass(frozen=True)
class Position:
    """A post applied for; `standards` maps competency key -> required level 1-5."""

    code: str
    name: str
    unit: str
    standards: dict[str, int]


@dataclass(frozen=True)
class Session:
    """One sitting in one room; `end` is None when the sheet leaves it open."""

    id: SessionId
    date: dt.date
    start: dt.time
    end: dt.time | None
    site: str
    room: str


@dataclass(frozen=True)
class Candidate:
    """A registered candidate. `position`/`session` are codes into the roster."""

    participant_no: ParticipantNo
    name: str
    nip: str
    position: str
    session: str
    seat: str
    photo: str | None
    performance: float | None
    pin_hash: str
    groups: Mapping[str, str] = field(default_factory=dict)  # gender/agency/region: DIF


@dataclass(frozen=True)
class Roster:
    """Positions and sessions by code, candidates in sheet order.

    Construction checks that participant numbers are unique and every candidate's
    position and session exist, so a Roster in hand is always consistent.
    """

    positions: dict[str, Position]
    sessions: dict[str, Session]
    candidates: tuple[Candidate, ...]
    _by_no: dict[str, Candidate] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        problems = _consistency(self.positions, self.sessions, self.candidates)
        if problems:
            raise ValueError("; ".join(problems))
        by_no = {normalise_participant_no(c.participant_no): c for c in self.candidates}
        object.__setattr__(self, "_by_no", by_no)

    def candidate(self, participant_no: str) -> Candidate:
        """The candidate with this participant number (KeyError when unknown)."""
        return self._by_no[normalise_participant_no(participant_no)]

    def find(self, participant_no: str) -> Candidate | None:
        """Like `candidate`, but None when unknown (a login with a mistyped number)."""
        return self._by_no.get(normalise_participant_no(participant_no))

    def candidates_in(self, session_id: SessionId) -> tuple[Candidate, ...]:
        """A session's candidates in seat order (letters, then the number as a number)."""
        return tuple(sorted((c for c in self.candidates if c.session == session_id),
                            key=lambda c: seat_sort_key(c.seat)))

    def replace_candidate(self, candidate: Candidate) -> Roster:
        """A new roster with the candidate of the same participant number replaced."""
        key = normalise_participant_no(candidate.participant_no)
        if key not in self._by_no:
            raise KeyError(candidate.participant_no)
        return Roster(self.positions, self.sessions, tuple(
            candidate if normalise_participant_no(c.participant_no) == key else c
            for c in self.candidates))

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form, as stored in `roster.json` and inside exam packages."""
        return {
            "format": ROSTER_FORMAT,
            "positions": [{"code": p.code, "name": p.name, "unit": p.unit,
                           "standards": dict(p.standards)} for p in self.positions.values()],
            "sessions": [{"id": s.id, "date": s.date.isoformat(), "start": _hhmm(s.start),
                          "end": _hhmm(s.end) if s.end else None, "site": s.site,
                          "room": s.room} for s in self.sessions.values()],
            "candidates": [{"participant_no": c.participant_no, "name": c.name, "nip": c.nip,
                            "position": c.position, "session": c.session, "seat": c.seat,
                            "photo": c.photo, "performance": c.performance,
                            "pin_hash": c.pin_hash,
                            # only when given, so rosters without groups stay as they were
                            **({"groups": dict(c.groups)} if c.groups else {})}
                           for c in self.candidates],
        }


def seat_sort_key(seat: str) -> tuple[str, int, str]:
    """A2 before A10: letters, then the digits as a number."""
    m = re.match(r"^([A-Za-z]*)(\d*)(.*)$", seat)
    assert m is not None  # the pattern matches any string
    return (m.group(1).upper(), int(m.group(2)) if m.group(2) else -1, m.group(3))


def _hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def _consistency(positions: Mapping[str, Position], sessions: Mapping[str, Session],
                 candidates: Iterable[Candidate]) -> list[str]:
    problems = []
    for code, p in positions.items():
        if code != p.code:
            problems.append(f"position stored under {code!r} has code {p.code!r}")
    for sid, s in sessions.items():
        if sid != s.id:
            problems.append(f"session stored under {sid!r} has id {s.id!r}")
    seen: set[str] = set()
    for c in candidates:
        key = normalise_participant_no(c.participant_no)
        if key in seen:
            problems.append(f"participant number {c.participant_no} appears twice")
        seen.add(key)
        if c.position not in positions:
            problems.append(f"candidate {c.participant_no}: unknown position {c.position!r}")
        if c.session not in sessions:
            problems.append(f"candidate {c.participant_no}: unknown session {c.session!r}")
    return problems


# --- reading back (roster.json is untrusted: it comes out of a file or a package) ---------

class _Fields:
    """Typed access to one JSON object, recording a Problem per bad field."""

    def __init__(self, where: str, path: str, data: object, problems: list[Problem]):
        self.where, self.path, self.problems = where, path, problems
        self.data: Mapping[str, Any] = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.bad("", "must be an object")

    def bad(self, name: str, message: str) -> None:
        field_name = f"{self.path}.{name}" if name else self.path
        self.problems.append(Problem(self.where, message, field=field_name))

    def text(self, name: str, *, optional: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, str) or (not optional and not value.strip()):
            self.bad(name, "must be a non-empty string")
            return ""
        return value

    def date(self, name: str) -> dt.date:
        try:
            return dt.date.fromisoformat(self.data[name])
        except (KeyError, TypeError, ValueError):
            self.bad(name, "must be a date YYYY-MM-DD")
            return dt.date.min

    def time(self, name: str, *, optional: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and optional:
            return None
        if isinstance(value, str) and _TIME.match(value):
            return dt.time.fromisoformat(value)
        self.bad(name, "must be a time HH:MM")
        return dt.time.min


def roster_from_dict(data: object, where: str = "roster.json") -> Roster:
    """Read `Roster.to_dict()` output back; InputError names every bad field."""
    problems: list[Problem] = []
    top = _Fields(where, "roster", data, problems)
    if top.data.get("format") != ROSTER_FORMAT:
        top.bad("format", f"roster format {top.data.get('format')!r} is not supported "
                          f"(this Ujikom reads format {ROSTER_FORMAT})")
        raise InputError(problems)
    lists = {}
    for name in ("positions", "sessions", "candidates"):
        value = top.data.get(name)
        if not isinstance(value, list):
            top.bad(name, "must be a list")
            value = []
        lists[name] = value

    positions: dict[str, Position] = {}
    for n, raw in enumerate(lists["positions"]):
        f = _Fields(where, f"positions[{n}]", raw, problems)
        standards = f.data.get("standards")
        if not isinstance(standards, dict) or not all(
                isinstance(k, str) and type(v) is int and 1 <= v <= 5
                for k, v in standards.items()):
            f.bad("standards", "must map competency keys to levels 1-5")
            standards = {}
        p = Position(f.text("code"), f.text("name"), f.text("unit", optional=True) or "",
                     dict(standards))
        if p.code in positions:
            f.bad("code", f"position {p.code!r} appears twice")
        positions[p.code] = p

    sessions: dict[str, Session] = {}
    for n, raw in enumerate(lists["sessions"]):
        f = _Fields(where, f"sessions[{n}]", raw, problems)
        s = Session(f.text("id"), f.date("date"), f.time("start"),
                    f.time("end", optional=True), f.text("site", optional=True) or "",
                    f.text("room", optional=True) or "")
        if s.id in sessions:
            f.bad("id", f"session {s.id!r} appears twice")
        sessions[s.id] = s

    candidates = []
    for n, raw in enumerate(lists["candidates"]):
        f = _Fields(where, f"candidates[{n}]", raw, problems)
        performance = f.data.get("performance")
        if performance is not None and (isinstance(performance, bool) or not isinstance(
                performance, int | float) or not 0 <= performance <= 100):
            f.bad("performance", "must be a number 0-100 or null")
            performance = None
        pin_hash = f.text("pin_hash")
        if pin_hash and not pin_hash.startswith("$argon2id$"):
            f.bad("pin_hash", "must be an argon2id hash")
        candidates.append(Candidate(
            participant_no=f.text("participant_no"), name=f.text("name"), nip=f.text("nip"),
            position=f.text("position"), session=f.text("session"), seat=f.text("seat"),
            photo=f.text("photo", optional=True) or None,
            performance=None if performance is None else float(performance),
            pin_hash=pin_hash, groups=_groups(f)))

    if not problems:
        problems += [Problem(where, m, field="roster")
                     for m in _consistency(positions, sessions, candidates)]
    if problems:
        raise InputError(problems)
    return Roster(positions, sessions, tuple(candidates))


def _groups(f: _Fields) -> dict[str, str]:
    value = f.data.get("groups", {})
    if not isinstance(value, dict) or not all(
            k in GROUP_KEYS and isinstance(v, str) for k, v in value.items()):
        f.bad("groups", "must map gender, agency or region to text")
        return {}
    return dict(value)


def save_roster(roster: Roster, path: Path) -> None:
    """Write the roster as JSON through a temp file and an atomic rename.

    Owner-only permissions: it holds names, NIPs and PIN hashes.
    """
    data = json.dumps(roster.to_dict(), ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, data.encode("utf-8"), mode=0o600)


def load_roster(path: Path) -> Roster:
    """Read a roster written by `save_roster`; InputError when it is not one."""
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError([Problem(where, f"cannot read: {exc.strerror}")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError([Problem(where, f"not valid JSON: {exc}")]) from None
    return roster_from_dict(data, where)
