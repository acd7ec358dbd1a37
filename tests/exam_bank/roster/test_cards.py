"""Exam cards: the PDF renders, carries what the door check and the login need, and no
text leaves its card or runs into the QR code or the PIN box, however long the name."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import segno
from PIL import Image

from exam_bank.problems import InputError
from exam_bank.roster import cards
from exam_bank.roster.cards import tanggal_indonesia, waktu_sesi, write_exam_cards
from exam_bank.roster.model import Roster
from exam_bank.roster.pins import register
from exam_bank.roster.read import CandidateEntry, RosterSheets

Registered = tuple[Roster, dict[str, str]]
TITLE = ("Seleksi Terbuka Jabatan Pimpinan Tinggi Pratama di Lingkungan Pemerintah Kota "
         "Contoh Tahun 2026")
AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Contoh"


def tool(name: str) -> str:
    """A poppler tool; missing is a failure, not a skip: the cards must be looked at."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: apt-get install -y poppler-utils")
    return path


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run([tool("pdftotext"), *args, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def write(out: Path, roster: Roster, pins: dict[str, str], **kw: object) -> int:
    return write_exam_cards(out, roster, pins, exam_title=TITLE, agency=AGENCY,
                            **kw)  # type: ignore[arg-type]


def test_indonesian_dates_and_times(registered: Registered) -> None:
    roster, _ = registered
    assert tanggal_indonesia(roster.sessions["S1"].date) == "Senin, 2 Maret 2026"
    assert tanggal_indonesia(roster.sessions["S2"].date) == "Selasa, 3 Maret 2026"
    assert waktu_sesi(roster.sessions["S1"]) == "08.00–12.00"
    assert waktu_sesi(roster.sessions["S2"]) == "13.00–selesai"


def test_the_page_renders_with_name_number_and_pin(tmp_path: Path,
                                                   registered: Registered) -> None:
    roster, pins = registered
    pdf = tmp_path / "kartu.pdf"
    assert write(pdf, roster, pins) == 1
    subprocess.run([tool("pdftoppm"), "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page-1.png") as image:
        assert abs(image.width - 579) <= 2 and abs(image.height - 819) <= 2  # A4 at 70 dpi
        grey = image.convert("L")
        for slot in range(8):  # six cards drawn, two slots left empty
            x, y, w, h = cards._slot(slot)
            left, top, right, bottom = (round(v * 70 / 72) for v in (
                x + 5, 842 - y - h + 5, x + w - 5, 842 - y - 5))
            dark_pixels = sum(grey.crop((left, top, right, bottom)).histogram()[:100])
            assert (dark_pixels > 0) == (slot < 6), slot  # cut lines are light grey
    text = " ".join(pdftotext(pdf).split())  # a long name wraps onto two lines
    for c in roster.candidates:
        assert c.name in text
        assert c.participant_no in text
        assert re.search(rf"(?<!\d){pins[c.participant_no]}(?!\d)", text)
    for words in ("KARTU PESERTA UJIAN", "Rahasiakan PIN Anda", "Senin, 2 Maret 2026",
                  "08.00–12.00", "Lab Komputer 1", "19800412 200501 2 003", "Kepala Dinas "
                  "Pendidikan", AGENCY, "Tanda tangan peserta"):
        assert words in text, words


def test_the_qr_code_holds_the_participant_number_only(
        tmp_path: Path, registered: Registered, monkeypatch: pytest.MonkeyPatch) -> None:
    roster, pins = registered
    encoded = []
    real_make = segno.make

    def spy(content: str, **kw: object) -> segno.QRCode:
        encoded.append(content)
        return real_make(content, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(cards.segno, "make", spy)
    write(tmp_path / "kartu.pdf", roster, pins)
    assert encoded == [c.participant_no for c in roster.candidates]


def test_the_pdf_is_private_and_replaced_whole(tmp_path: Path, registered: Registered) -> None:
    roster, pins = registered
    pdf = tmp_path / "kartu.pdf"
    write(pdf, roster, pins)
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600  # it holds every PIN
    before = pdf.read_bytes()
    with pytest.raises(InputError):
        write(pdf, roster, {"2026-0001": "000000"})  # a failing run leaves the old file
    assert pdf.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kartu.pdf"]


def test_pins_from_another_registration_are_refused(tmp_path: Path,
                                                    registered: Registered) -> None:
    roster, pins = registered
    stale = dict(pins, **{"2026-0004": "730164" if pins["2026-0004"] != "730164" else "481390"})
    with pytest.raises(InputError) as info:
        write(tmp_path / "kartu.pdf", roster, stale)
    (problem,) = info.value.problems
    assert "2026-0004" in problem.message and "not the one registered" in problem.message
    with pytest.raises(InputError, match="2026-0999 is not in the roster"):
        write(tmp_path / "kartu.pdf", roster, {**pins, "2026-0999": "481390"})
    with pytest.raises(InputError, match="nothing to print"):
        write(tmp_path / "kartu.pdf", roster, {})


def test_one_reissued_card(tmp_path: Path, registered: Registered) -> None:
    roster, pins = registered
    pdf = tmp_path / "kartu.pdf"
    write(pdf, roster, {"2026-0005": pins["2026-0005"]})
    text = pdftotext(pdf)
    assert "I Gusti Ngurah Agung Wirawan" in text and "Ni Luh" not in text


def test_photos_are_placed_when_given(tmp_path: Path, registered: Registered) -> None:
    roster, pins = registered
    photos = tmp_path / "foto"
    photos.mkdir()
    with pytest.raises(InputError, match="photo of 2026-0002 not found"):
        write(tmp_path / "kartu.pdf", roster, pins, photo_dir=photos)
    Image.new("RGB", (300, 400), (40, 90, 160)).save(photos / "maruf.jpg")
    write(tmp_path / "kartu.pdf", roster, pins, photo_dir=photos)
    subprocess.run([tool("pdftoppm"), "-png", "-r", "30", str(tmp_path / "kartu.pdf"),
                    str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page-1.png") as image:
        rgb = image.convert("RGB")
        colours = [colour for _, colour in rgb.getcolors(maxcolors=100_000) or []]
    assert any(isinstance(c, tuple) and abs(c[0] - 40) < 12 and abs(c[1] - 90) < 12
               and abs(c[2] - 160) < 12 for c in colours)  # the photo's blue


def test_many_cards_make_many_pages(tmp_path: Path, registered_54: Registered) -> None:
    roster, pins = registered_54
    assert write(tmp_path / "kartu.pdf", roster, pins) == 7  # 8 a page
    text = pdftotext(tmp_path / "kartu.pdf", "-f", "7", "-l", "7")
    assert "halaman 7 dari 7" in text
    assert roster.candidates[-1].name in text


# --- nothing overflows ----------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float  # in pdftotext's coordinates: points from the top-left corner

    def contains(self, other: Box, slack: float = 0.5) -> bool:
        return (other.left >= self.left - slack and other.right <= self.right + slack
                and other.top >= self.top - slack and other.bottom <= self.bottom + slack)

    def overlaps(self, other: Box) -> bool:
        return (other.left < self.right and other.right > self.left
                and other.top < self.bottom and other.bottom > self.top)


def _words(pdf: Path, page: int) -> list[tuple[str, Box]]:
    html = pdftotext(pdf, "-bbox", "-f", str(page), "-l", str(page))
    return [(m[5], Box(float(m[1]), float(m[2]), float(m[3]), float(m[4]))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html)]


def _flip(x: float, y: float, w: float, h: float) -> Box:
    """A reportlab rectangle (origin bottom-left) as a pdftotext box."""
    page_h = cards.A4[1]
    return Box(x, page_h - y - h, x + w, page_h - y)


def test_long_names_and_positions_stay_inside_their_card(
        tmp_path: Path, good_sheets: RosterSheets,
        many: Callable[[int], RosterSheets]) -> None:
    long_name = ("Prof. Dr. Hj. Andi Tenri Ajeng Batari Toja Daeng Mattola Karaeng "
                 "Bontolangkasa Sitti Aisyah Nurul Qalbi, S.H., M.H., M.Kn., M.Si.")
    long_post = ("Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian "
                 "Penduduk dan Keluarga Berencana")
    sheets = many(8)
    position = replace(sheets.positions["JPT-02"], name=long_post * 2)
    session = replace(sheets.sessions["S2"], site="Gedung Pusat Asesmen dan Pengembangan "
                      "Kompetensi Aparatur Sipil Negara Provinsi", room="Laboratorium "
                      "Computer Assisted Test Lantai Tiga Sayap Timur")
    entries = [replace(e, position="JPT-02", session="S2") for e in sheets.candidates]
    entries[0] = replace(entries[0], name=long_name)
    entries[1] = replace(entries[1], name=long_name * 3)
    entries[2] = replace(entries[2], name="Muhammad", participant_no="ABCDEFGHIJKLMNOP-"
                         "QRSTUVWXYZ-0123456789")
    entries[3] = replace(entries[3], name="Wiryawanputrasukmajayadiningratkusumaatmaja"
                         "hadiningrat Soeryadarmaningrat")
    roster, pins = register(RosterSheets(
        "test", {**sheets.positions, "JPT-02": position}, {**sheets.sessions, "S2": session},
        tuple(CandidateEntry(**vars(e)) for e in entries)))
    pdf = tmp_path / "kartu.pdf"
    write_exam_cards(pdf, roster, pins, exam_title=TITLE * 2, agency=AGENCY * 2)

    card = cards._Card
    words = _words(pdf, 1)
    assert words
    for slot in range(8):
        x, y, w, h = cards._slot(slot)
        outer = _flip(x, y, w, h)
        ix, iy, iw, ih = x + cards.PAD, y + cards.PAD, w - 2 * cards.PAD, h - 2 * cards.PAD
        qr = _flip(ix + iw - card.QR, iy + ih - card.QR, card.QR, card.QR)
        right_x = ix + card.LEFT_W + card.GUTTER
        pin_box = _flip(right_x, iy, ix + iw - right_x, card.PIN_H)
        inside = [(t, b) for t, b in words if outer.contains(b, slack=-cards.PAD + 0.5)]
        assert any(t == "KARTU" for t, _ in inside), f"card {slot} is empty"
        for text, box in words:
            if outer.overlaps(box):
                assert outer.contains(box, slack=-cards.PAD + 0.5), (slot, text)  # in padding
                assert not qr.overlaps(box), (slot, text)
                assert pin_box.contains(box) or not pin_box.overlaps(box), (slot, text)
    # What could not be wrapped or shrunk any further ends in an ellipsis, never off the card.
    text = " ".join(pdftotext(pdf).split())
    assert "…" in text
    assert long_name.split(",")[0] in text
