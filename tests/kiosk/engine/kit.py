"""A small exam package built in memory (three sections, three candidates) and helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from exam_bank.blueprint.forms import Form, FormSection
from exam_bank.blueprint.model import Blueprint, ExamInfo, SectionSpec
from exam_bank.exam_package import ExamPackage
from exam_bank.items.model import Item, ItemId, ItemType, LikertSpec, MakalahSpec, Option, OptionId
from exam_bank.roster.model import Candidate, Position, Roster
from exam_bank.roster.model import Session as Sitting
from exam_bank.roster.pins import hash_pin
from kiosk.engine import Session

EXAM = "SKB-2026-01"
PINS = {"P-0001": "482913", "P-0002": "615274", "P-0003": "730158"}
TOKEN = "QWERTY"
MIN = 60_000


def _choice(item_id: str, kind: ItemType) -> Item:
    options = tuple(Option(OptionId(c), f"opsi {c}", correct=c == "A") for c in "ABCD")
    return Item(ItemId(item_id), kind, "Soal", "integritas", options=options)


ITEMS: dict[str, Item] = {
    "mc1": _choice("mc1", ItemType.MC),
    "mr1": _choice("mr1", ItemType.MR),
    "lk1": Item(ItemId("lk1"), ItemType.LIKERT, "Saya tenang", "ke",
                likert=LikertSpec("ke", points=4)),
    "q1": _choice("q1", ItemType.MC),
    "q2": _choice("q2", ItemType.MC),
    "q3": _choice("q3", ItemType.MC),
    "m1": Item(ItemId("m1"), ItemType.MAKALAH, "Tulis makalah", "ad",
               makalah=MakalahSpec("Kasus", "Tulis")),
}
BLUEPRINT = Blueprint(ExamInfo(EXAM, "Seleksi Kompetensi"), (
    SectionSpec("tkp", "Karakteristik Pribadi", "items", 20),
    SectionSpec("fwd", "Maju Saja", "items", 10, navigation="forward_only"),
    SectionSpec("mk", "Makalah", "makalah", 30),
))


def _form(participant_no: str) -> Form:
    abcd = ("A", "B", "C", "D")
    return Form(participant_no, "seed", (
        FormSection("tkp", ("mc1", "mr1", "lk1"), {"mc1": abcd, "mr1": abcd}),
        FormSection("fwd", ("q1", "q2", "q3"), {q: abcd for q in ("q1", "q2", "q3")}),
        FormSection("mk", ("m1",)),
    ))


def _roster() -> Roster:
    sitting = Sitting("S1", dt.date(2026, 1, 5), dt.time(8, 0), None, "Jakarta", "R1")
    position = Position("ANL", "Analis", "Biro Umum", {"integritas": 3})
    candidates = tuple(
        Candidate(no, f"Peserta {no}", "", "ANL", "S1", str(n), None, None, hash_pin(pin))
        for n, (no, pin) in enumerate(PINS.items()))
    return Roster({"ANL": position}, {"S1": sitting}, candidates)


def _package() -> ExamPackage:
    header: Any = None  # the engine reads neither the container header nor scoring
    scoring: Any = None
    forms = {no: _form(no) for no in ("P-0001", "P-0002")}  # P-0003 has no form
    return ExamPackage(header, BLUEPRINT, scoring, dict(ITEMS), forms, _roster(), {})


PACKAGE = _package()


def login(session: Session, participant_no: str = "P-0001") -> None:
    result = session.login(participant_no, PINS[participant_no], TOKEN.lower(), TOKEN)
    assert result.ok, result.reason


def into_first_section(session: Session) -> None:
    login(session)
    session.confirm_identity()
    session.acknowledge_rules()
    session.start_section()
