"""Exam cards (kartu peserta ujian): an A4 PDF, eight cards a page, with cut lines.

Each card carries what the door check and the login need: participant number (also as
a QR code, which never holds the PIN), name, NIP, post applied for, session (day and
date in Indonesian), place and seat, a box for the photo and one for the signature,
and the login PIN set apart with the reminder to keep it secret.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Mapping
from pathlib import Path

import segno
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from exam_bank.fsutil import atomic_write
from exam_bank.pdffonts import PdfFonts, card_fonts
from exam_bank.problems import InputError, Problem
from exam_bank.roster.model import Candidate, Roster, Session
from exam_bank.roster.pins import verify_pin
from exam_bank.roster.values import nip_spaced

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")

COLUMNS, ROWS = 2, 4
PAGE_MARGIN: float = 8 * mm  # inside what office printers can reach
PAD: float = 3.5 * mm  # from the cut line to the card's content
INK = HexColor("#1a2b4c")
GREY = HexColor("#6b7280")
RULE = HexColor("#c7ccd6")
PIN_FILL = HexColor("#eef1f6")


def tanggal_indonesia(date: dt.date) -> str:
    """"Senin, 2 Maret 2026"."""
    return f"{HARI[date.weekday()]}, {date.day} {BULAN[date.month - 1]} {date.year}"


def waktu_sesi(session: Session) -> str:
    """"08.00–12.00", or "08.00–selesai" when no end is set."""
    end = session.end.strftime("%H.%M") if session.end else "selesai"
    return f"{session.start.strftime('%H.%M')}–{end}"


def write_exam_cards(out: Path, roster: Roster, pins: Mapping[str, str], *, exam_title: str,
                     agency: str, photo_dir: Path | None = None) -> int:
    """Write cards for the candidates in `pins` (all of `register()`'s, or the one of
    `reissue_pin()`), in roster order; returns the number of pages.

    Every PIN is checked against the roster's hash first, so cards from another
    registration can never be printed. With `photo_dir`, each candidate's photo file
    is placed on the card; without it, the box is left for a pasted photo.
    The PDF holds PINs: it is written owner-only, through a temp file.
    """
    candidates, problems = _checked(roster, pins, photo_dir)
    if problems:
        raise InputError(problems)
    fonts = card_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"Kartu Peserta — {exam_title}")
    canvas.setAuthor(agency)
    canvas.setCreator("Ujikom")
    per_page = COLUMNS * ROWS
    pages = max(1, -(-len(candidates) // per_page))
    for page in range(pages):
        _cut_lines(canvas)
        _footer(canvas, fonts, page + 1, pages)
        for slot, c in enumerate(candidates[page * per_page:(page + 1) * per_page]):
            x, y, w, h = _slot(slot)
            _Card(canvas, fonts, x + PAD, y + PAD, w - 2 * PAD, h - 2 * PAD).draw(
                c, roster, pins[c.participant_no], exam_title, agency,
                photo_dir / c.photo if photo_dir and c.photo else None)
        canvas.showPage()
    canvas.save()
    atomic_write(out, buffer.getvalue(), mode=0o600)
    return pages


def _checked(roster: Roster, pins: Mapping[str, str],
             photo_dir: Path | None) -> tuple[list[Candidate], list[Problem]]:
    problems = []
    wanted = set(pins)
    for no in sorted(wanted - {c.participant_no for c in roster.candidates}):
        problems.append(Problem("pins", f"participant number {no} is not in the roster"))
    candidates = [c for c in roster.candidates if c.participant_no in wanted]
    if not candidates and not problems:
        problems.append(Problem("pins", "no PINs given: nothing to print"))
    for c in candidates:
        if not verify_pin(c.pin_hash, pins[c.participant_no]):
            problems.append(Problem("pins", f"the PIN given for {c.participant_no} is not "
                                    "the one registered: are these PINs from another "
                                    "registration?"))
        if photo_dir and c.photo and not (photo_dir / c.photo).is_file():
            problems.append(Problem(str(photo_dir / c.photo),
                                    f"photo of {c.participant_no} not found"))
    return candidates, problems


def _slot(index: int) -> tuple[float, float, float, float]:
    """Bottom-left corner and size of card `index` (row by row from the top)."""
    page_w, page_h = A4
    w = (page_w - 2 * PAGE_MARGIN) / COLUMNS
    h = (page_h - 2 * PAGE_MARGIN) / ROWS
    col, row = index % COLUMNS, index // COLUMNS
    return PAGE_MARGIN + col * w, page_h - PAGE_MARGIN - (row + 1) * h, w, h


def _cut_lines(canvas: Canvas) -> None:
    page_w, page_h = A4
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.setDash(4, 3)
    for i in range(COLUMNS + 1):
        x = PAGE_MARGIN + i * (page_w - 2 * PAGE_MARGIN) / COLUMNS
        canvas.line(x, PAGE_MARGIN - 3 * mm, x, page_h - PAGE_MARGIN + 3 * mm)
    for j in range(ROWS + 1):
        y = PAGE_MARGIN + j * (page_h - 2 * PAGE_MARGIN) / ROWS
        canvas.line(PAGE_MARGIN - 3 * mm, y, page_w - PAGE_MARGIN + 3 * mm, y)
    canvas.restoreState()


def _footer(canvas: Canvas, fonts: PdfFonts, page: int, pages: int) -> None:
    canvas.setFont(fonts.regular, 6)
    canvas.setFillColor(GREY)
    canvas.drawCentredString(A4[0] / 2, 3.2 * mm, f"Gunting pada garis putus-putus  ·  "
                             f"halaman {page} dari {pages}")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Word-wrap, breaking a word that alone is wider than the line (a long code)."""
    lines = []
    for line in simpleSplit(text, font, size, width) or [""]:
        while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _ellipsize(lines: list[str], limit: int, font: str, size: float, width: float) -> list[str]:
    if len(lines) <= limit:
        return lines
    last = lines[limit - 1]
    while last and pdfmetrics.stringWidth(last + "…", font, size) > width:
        last = last[:-1]
    return [*lines[:limit - 1], last.rstrip() + "…"]


class _Card:
    """Draws one card inside the box (x, y, w, h), top to bottom."""

    LABEL_W: float = 13 * mm
    LEFT_W: float = 20 * mm  # the photo and signature column
    GUTTER: float = 3 * mm
    QR: float = 15 * mm
    PIN_H: float = 11 * mm

    def __init__(self, canvas: Canvas, fonts: PdfFonts, x: float, y: float, w: float,
                 h: float):
        self.c, self.f = canvas, fonts
        self.x, self.y, self.w, self.h = x, y, w, h

    def draw(self, cand: Candidate, roster: Roster, pin: str, exam_title: str, agency: str,
             photo: Path | None) -> None:
        top = self.y + self.h
        body_top = self._header(top, exam_title, agency, cand.participant_no)
        body_top -= 2 * mm
        pin_h = self.PIN_H
        right_x = self.x + self.LEFT_W + self.GUTTER
        right_w = self.x + self.w - right_x
        self._photo_and_signature(body_top, photo)
        self._pin(right_x, self.y, right_w, pin_h, pin)
        session = roster.sessions[cand.session]
        fields = [
            ("Nama", cand.name, True, 3),
            ("NIP", nip_spaced(cand.nip), False, 1),
            ("Jabatan", roster.positions[cand.position].name, False, 3),
            ("Jadwal", f"{tanggal_indonesia(session.date)}, {waktu_sesi(session)} "
                       f"(sesi {cand.session})", False, 2),
            ("Tempat", f"{session.room}, {session.site}", False, 2),
            ("Kursi", cand.seat, True, 1),
        ]
        y = self._number(right_x, body_top, right_w, cand.participant_no)
        self._fields(right_x, y - 1.2 * mm, right_w, self.y + pin_h + 1.5 * mm, fields)

    def _header(self, top: float, title: str, agency: str, number: str) -> float:
        c, f = self.c, self.f
        text_w = self.w - self.QR - 2 * mm
        c.setFillColor(INK)
        c.setFont(f.bold, 10)
        c.drawString(self.x, top - 9, "KARTU PESERTA UJIAN")
        y = top - 9 - 2
        size, lines = _fit(title, f.bold, text_w, 7.5, 5.5, 2)
        c.setFont(f.bold, size)
        for line in lines:
            y -= size * 1.15
            c.drawString(self.x, y, line)
        size, lines = _fit(agency, f.regular, text_w, 6.5, 5, 1)
        c.setFillColor(GREY)
        c.setFont(f.regular, size)
        y -= size * 1.2
        c.drawString(self.x, y, lines[0])
        _qr(c, number, self.x + self.w - self.QR, top - self.QR, self.QR)
        bottom = min(y - 2, top - self.QR) - 1
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.line(self.x, bottom, self.x + self.w, bottom)
        return bottom

    def _photo_and_signature(self, top: float, photo: Path | None) -> None:
        c, f = self.c, self.f
        photo_h = self.LEFT_W * 4 / 3  # a 3x4 pas foto
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.setDash()
        c.rect(self.x, top - photo_h, self.LEFT_W, photo_h)
        if photo is not None:
            c.drawImage(str(photo), self.x, top - photo_h, self.LEFT_W, photo_h,
                        preserveAspectRatio=True, anchor="c")
        else:
            c.setFillColor(GREY)
            c.setFont(f.regular, 6)
            c.drawCentredString(self.x + self.LEFT_W / 2, top - photo_h / 2 + 1, "Pas foto")
            c.drawCentredString(self.x + self.LEFT_W / 2, top - photo_h / 2 - 6, "3 × 4")
        sign_top = top - photo_h - 2 * mm
        sign_h = sign_top - self.y
        c.rect(self.x, self.y, self.LEFT_W, sign_h)
        c.setFillColor(GREY)
        c.setFont(f.regular, 5.5)
        c.drawCentredString(self.x + self.LEFT_W / 2, self.y + 1.5 * mm, "Tanda tangan peserta")

    def _number(self, x: float, top: float, w: float, number: str) -> float:
        c, f = self.c, self.f
        c.setFillColor(GREY)
        c.setFont(f.regular, 5.5)
        c.drawString(x, top - 5.5, "NOMOR PESERTA")
        size, lines = _fit(number, f.mono, w, 15, 8, 1)
        c.setFillColor(INK)
        c.setFont(f.mono, size)
        baseline = top - 6.5 - size * 0.9
        c.drawString(x, baseline, lines[0])
        return baseline - size * 0.25

    def _fields(self, x: float, top: float, w: float, bottom: float,
                fields: list[tuple[str, str, bool, int]]) -> None:
        """Label/value rows that always end above `bottom`: the font shrinks to a floor,
        then the longest value loses lines to an ellipsis (a name only as the last resort)."""
        c, f = self.c, self.f
        value_w = w - self.LABEL_W
        size, smallest = 7.5, 5.5
        limits = [limit for *_, limit in fields]
        while True:
            lead = size * 1.18
            laid = []
            for (label, value, bold, _), limit in zip(fields, limits, strict=True):
                font = f.bold if bold else f.regular
                lines = _ellipsize(_wrap(value, font, size, value_w), limit, font, size, value_w)
                laid.append((label, lines, font))
            height = sum(len(lines) for _, lines, _ in laid) * lead + 0.6 * len(laid)
            if top - height >= bottom:
                break
            if size > smallest:
                size -= 0.25
                continue
            # The name is what the door check reads against the e-KTP: it goes last.
            longest = max(range(len(laid)), key=lambda i: (i > 0, len(laid[i][1])))
            if len(laid[longest][1]) == 1:
                longest = 0
            if len(laid[longest][1]) == 1:
                break  # one line each and still too tall: cannot happen with six fields
            limits[longest] = len(laid[longest][1]) - 1
        y = top
        for label, lines, font in laid:
            y -= size
            c.setFillColor(GREY)
            c.setFont(f.regular, min(size, 6.5))
            c.drawString(x, y, label)
            c.setFillColor(INK)
            c.setFont(font, size)
            for i, line in enumerate(lines):
                c.drawString(x + self.LABEL_W, y - i * lead, line)
            y -= (len(lines) - 1) * lead + (lead - size) + 0.6

    def _pin(self, x: float, y: float, w: float, h: float, pin: str) -> None:
        c, f = self.c, self.f
        c.saveState()
        c.setFillColor(PIN_FILL)
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.setDash(3, 2)
        c.roundRect(x, y, w, h, 1.5 * mm, stroke=1, fill=1)
        c.restoreState()
        c.setFillColor(GREY)
        c.setFont(f.bold, 6)
        c.drawString(x + 2.5 * mm, y + h - 3.6 * mm, "PIN LOGIN")
        c.setFillColor(INK)
        size = 17
        # Character spacing is part of the PDF graphics state and would leak into every
        # later string on the page; saveState/restoreState confines it to the PIN.
        c.saveState()
        text = c.beginText(x + 2.5 * mm, y + 2 * mm)
        text.setFont(f.mono, size)
        text.setCharSpace(1.5)  # a gap that reads well but keeps the PIN one word
        text.textOut(pin)
        text.setCharSpace(0)
        c.drawText(text)
        c.restoreState()
        note_x = x + 2.5 * mm + pdfmetrics.stringWidth(pin, f.mono, size) + 6 * 1.5 + 3 * mm
        c.setFont(f.bold, 6.5)
        c.drawString(note_x, y + h / 2 + 0.5, "Rahasiakan PIN Anda.")
        c.setFont(f.regular, 5.5)
        c.setFillColor(GREY)
        c.drawString(note_x, y + h / 2 - 6.5, "Jangan berikan kepada siapa pun.")


def _fit(text: str, font: str, width: float, size: float, smallest: float,
         max_lines: int) -> tuple[float, list[str]]:
    """The largest size (down to `smallest`) at which `text` takes at most `max_lines`."""
    while True:
        lines = _wrap(text, font, size, width)
        if len(lines) <= max_lines:
            return size, lines
        if size <= smallest:
            return size, _ellipsize(lines, max_lines, font, size, width)
        size -= 0.25


def _qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """The participant number as a QR code, drawn as vector runs (sharp at any DPI)."""
    qr = segno.make(data, error="m", micro=False)
    border = 2  # the card around it is white, so a narrow quiet zone scans fine
    modules = len(qr.matrix) + 2 * border
    cell = size / modules
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(Color(0, 0, 0))
    for r, row in enumerate(qr.matrix):
        for start, length in _runs(row):
            canvas.rect(x + (start + border) * cell, y + size - (r + border + 1) * cell,
                        length * cell, cell, stroke=0, fill=1)
    canvas.restoreState()


def _runs(row: bytearray) -> Iterator[tuple[int, int]]:
    start = None
    for i, dark in enumerate([*row, 0]):
        if dark and start is None:
            start = i
        elif not dark and start is not None:
            yield start, i - start
            start = None
