"""A 40-seat room (rows A-E, seats 1-8) with a two-section exam, and a kiosk that writes
real hash-chained logs, for the room model and console tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from exam_bank.blueprint.forms import Form, FormSection
from exam_bank.blueprint.model import Blueprint, ExamInfo, SectionSpec
from exam_bank.events.chain import EventLog
from exam_bank.events.model import Event, EventType
from exam_bank.examzone import exam_zone
from exam_bank.items.model import Item, ItemId, ItemType, Option, OptionId
from exam_bank.roster.model import Candidate, Position, Roster
from exam_bank.roster.model import Session as Sitting

EXAM = "SELTER-2026-01"
MIN = 60_000
DATE = dt.date(2026, 12, 8)
START = dt.time(8, 0)
NAMES = ("Ahmad Fauzi", "Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Rizky Pratama",
         "Nur Aini", "Agus Setiawan", "Putri Maharani", "Hendra Gunawan", "Wulan Sari")


def _mc(item_id: str) -> Item:
    options = tuple(Option(OptionId(c), f"opsi {c}", correct=c == "A") for c in "ABCD")
    return Item(ItemId(item_id), ItemType.MC, "Soal", "integritas", options=options)


ITEMS = {f"q{n}": _mc(f"q{n}") for n in range(1, 16)}
BLUEPRINT = Blueprint(ExamInfo(EXAM, "Seleksi Terbuka JPT Pratama", "Kementerian Contoh"), (
    SectionSpec("tkp", "Karakteristik Pribadi", "items", 30),
    SectionSpec("mjr", "Manajerial", "items", 20),
))
ABCD = ("A", "B", "C", "D")


def seat_of(n: int) -> str:
    return f"{'ABCDE'[n // 8]}{n % 8 + 1}"


def participant(n: int) -> str:
    return f"SLT-{n + 1:04d}"


def _form(no: str) -> Form:
    first = tuple(f"q{k}" for k in range(1, 11))
    second = tuple(f"q{k}" for k in range(11, 16))
    return Form(no, "seed", (FormSection("tkp", first, dict.fromkeys(first, ABCD)),
                             FormSection("mjr", second, dict.fromkeys(second, ABCD))))


@dataclass(frozen=True)
class Package:
    roster: Roster
    blueprint: Blueprint
    items: dict[str, Item]
    forms: dict[str, Form]


def package(seats: int = 40) -> Package:
    sitting = Sitting("S1", DATE, START, dt.time(10, 0), "Jakarta", "Lab CAT 2")
    other = Sitting("S2", DATE, dt.time(13, 0), None, "Jakarta", "Lab CAT 2")
    position = Position("JPT", "Kepala Biro", "Setjen", {"integritas": 3})
    candidates = tuple(
        Candidate(participant(n), f"{NAMES[n % 10]} {n + 1}", "", "JPT", "S1", seat_of(n),
                  None, None, "$argon2id$test")
        for n in range(seats))
    later = Candidate("SLT-9999", "Sesi Siang", "", "JPT", "S2", "A1", None, None,
                      "$argon2id$test")
    roster = Roster({"JPT": position}, {"S1": sitting, "S2": other}, (*candidates, later))
    forms = {c.participant_no: _form(c.participant_no) for c in roster.candidates}
    return Package(roster, BLUEPRINT, dict(ITEMS), forms)


class Kiosk:
    """Writes a candidate's log as their kiosk would: wall in UTC, starting at 08:00 local
    time on the session's day whatever this machine's time zone."""

    def __init__(self, participant_no: str):
        self.log = EventLog(EXAM, participant_no)
        self.no = participant_no
        self.mono = 0
        self.run = 1
        self.wall = dt.datetime.combine(DATE, START, exam_zone()).astimezone(dt.UTC)

    def do(self, type: EventType, after_ms: int = 1000, **data: Any) -> Event:
        self.mono += after_ms
        self.wall += dt.timedelta(milliseconds=after_ms)
        return self.log.append(type, data, self.wall.isoformat(), self.mono, self.run)

    def into_section(self) -> list[Event]:
        return [self.do(EventType.LOGIN, participant_no=self.no),
                self.do(EventType.IDENTITY_CONFIRMED),
                self.do(EventType.RULES_ACKNOWLEDGED),
                self.do(EventType.SECTION_STARTED, section="tkp")]
