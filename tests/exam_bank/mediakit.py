"""A small bank whose items show pictures (a stem, an option, a makalah's case material),
built into a real signed, encrypted package: what the media tests of the bank, the
package, the kiosk and the PDFs share."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from exam_bank.blueprint.model import Blueprint, ExamInfo, SectionSpec, SelectRule
from exam_bank.crypto.authority import AuthorityPublic
from exam_bank.crypto.examkey import ExamKey, new_exam_key
from exam_bank.exam_package import ExamPackage, build_exam_package, open_exam_package
from exam_bank.items.bank import Bank, add_items, init_bank, load_bank
from exam_bank.items.model import (
    Item,
    ItemId,
    ItemType,
    MakalahSpec,
    Option,
    OptionId,
    ReviewStatus,
)
from exam_bank.roster.model import Candidate, Position, Roster
from exam_bank.roster.model import Session as Sitting
from exam_bank.roster.pins import hash_pin

EXAM = "GAMBAR-2026"
NUMBER = "G-0001"
PIN = "482913"
RED, BLUE, GREEN = (220, 0, 0), (0, 0, 220), (0, 160, 0)
STEM_PICTURE = "IMG-MC/denah.png"
OPTION_PICTURE = "IMG-MC/grafik.png"
CASE_PICTURE = "IMG-MK/peta.png"
CASE = ("<h3>Latar belakang</h3><p>Dinas Perhubungan mencatat kemacetan di pusat kota.</p>"
        "<table><tr><th>Tahun</th><th>Kendaraan</th></tr>"
        "<tr><td>2024</td><td>12.000</td></tr><tr><td>2025</td><td>15.500</td></tr></table>"
        f'<p><img src="{CASE_PICTURE}" alt="Peta titik macet"></p>'
        "<p>Susun rencana penanganan.</p>")


def png(colour: tuple[int, int, int], size: tuple[int, int] = (240, 120)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def picture_items() -> list[Item]:
    mc = Item(ItemId("IMG-MC"), ItemType.MC,
              f'<p>Perhatikan denah berikut.</p><p><img src="{STEM_PICTURE}" '
              'alt="Denah kantor"></p><p>Ruang mana yang paling dekat dengan pintu?</p>',
              "integritas", review=ReviewStatus.APPROVED,
              media=(STEM_PICTURE, OPTION_PICTURE),
              options=(Option(OptionId("A"), f'Grafik ini <img src="{OPTION_PICTURE}" '
                              'alt="Grafik biru">', 1.0, True),
                       Option(OptionId("B"), "Ruang arsip"),
                       Option(OptionId("C"), "Ruang rapat")))
    mk = Item(ItemId("IMG-MK"), ItemType.MAKALAH, "", "integritas",
              review=ReviewStatus.APPROVED, media=(CASE_PICTURE,),
              makalah=MakalahSpec(CASE, "Tulis makalah tentang penanganan kemacetan.",
                                  time_limit_min=60))
    return [mc, mk]


def picture_media() -> dict[str, bytes]:
    return {STEM_PICTURE: png(RED), OPTION_PICTURE: png(BLUE, (120, 60)),
            CASE_PICTURE: png(GREEN)}


def picture_bank(root: Path) -> Bank:
    init_bank(root, "Bank bergambar")
    add_items(load_bank(root), picture_items(), picture_media(), "gambar.docx")
    return load_bank(root)


BLUEPRINT = Blueprint(ExamInfo(EXAM, "Ujian Bergambar"), (
    SectionSpec("pg", "Pilihan Ganda", "items", 20, rules=(SelectRule.fixed(["IMG-MC"]),)),
    SectionSpec("mk", "Makalah", "makalah", 60, rules=(SelectRule.fixed(["IMG-MK"]),)),
))


def roster() -> Roster:
    sitting = Sitting("S1", dt.date(2026, 1, 5), dt.time(8, 0), None, "Jakarta", "R1")
    position = Position("ANL", "Analis", "Biro Umum", {"integritas": 3})
    candidate = Candidate(NUMBER, "Peserta Gambar", "199001012020011001", "ANL", "S1", "1",
                          None, None, hash_pin(PIN))
    return Roster({"ANL": position}, {"S1": sitting}, (candidate,))


@dataclass
class Built:
    path: Path
    package: ExamPackage
    key: ExamKey
    trust: AuthorityPublic


def build(bank: Bank, out: Path) -> Built:
    signer = Ed25519PrivateKey.generate()
    trust = AuthorityPublic.of("BKN Uji", signer.public_key())
    key = ExamKey.of(EXAM, new_exam_key())
    build_exam_package(out, bank=bank, blueprint=BLUEPRINT, roster=roster(), signer=signer,
                       exam_key=key, exam_seed="seed")
    return Built(out, open_exam_package(out, [trust], key), key, trust)
