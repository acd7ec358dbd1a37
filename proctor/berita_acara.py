"""The berita acara (official report of the sitting): a plain model the console's form
edits, checks (NIP of every signer), keeps as a draft file and prints as a PDF that looks
like an Indonesian official document. The document itself is always in Indonesian.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from exam_bank.fsutil import atomic_write
from exam_bank.problems import InputError, Problem
from exam_bank.roster.cards import BULAN, tanggal_indonesia
from exam_bank.roster.values import nip_spaced, parse_nip
from proctor.room import Attendance, RoomSnapshot

SIGNERS = ("proctor1", "proctor2", "head")
SIGNER_TITLES = {"proctor1": "Pengawas I", "proctor2": "Pengawas II", "head": "Kepala Ruang"}
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DRAFT_FORMAT = 1
DRAFT = "berita-acara-{session}.json"  # in the proctor's state folder
# The room's incident codes in the report's words; unknown codes (the server's) stay as is.
INCIDENT_WORDS = {"focus_lost": "meninggalkan jendela ujian",
                  "paste_refused": "mencoba menempel teks (ditolak)",
                  "unknown_participant": "data dari peserta yang tidak terdaftar di sesi ini",
                  "chain_fork": "log ditolak: peristiwa berbeda di urutan yang sudah tersimpan",
                  "chain_gap": "log ditolak: ada peristiwa yang hilang",
                  "chain_edited": "log ditolak: ada peristiwa yang diubah",
                  "chain_broken_link": "log ditolak: rantai peristiwa terputus",
                  "wrong_kiosk": "data dari PC yang bukan PC peserta",
                  "move_refused": "perpindahan PC ditolak",
                  "unknown_command": "kios menjawab perintah yang tidak pernah dikirim",
                  "protocol_error": "kios mengirim pesan yang rusak",
                  "tls_refused": "PC tanpa sertifikat lab mencoba terhubung",
                  "no_hello": "PC terhubung tanpa memperkenalkan diri",
                  "enroll_refused": "pendaftaran kios ditolak",
                  "internal": "galat pada PC pengawas",
                  "bad_first_event": "log pertama dari PC ditolak (bukan login peserta yang sah)",
                  "login_held": "login peserta di kursi/PC lain menunggu keputusan pengawas",
                  "login_approved": "pengawas menyetujui login peserta di kursi/PC lain",
                  "login_refused": "pengawas menolak login peserta di kursi/PC lain",
                  "log_accepted": "pengawas menerima log yang dipertanyakan",
                  "log_rejected": "pengawas menolak log yang dipertanyakan (dicatat tidak hadir)"}


def indonesian_date(day: dt.date, *, weekday: bool = True) -> str:
    """"Senin, 8 Desember 2026" (or without the day name)."""
    if weekday:
        return tanggal_indonesia(day)
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Signer:
    name: str = ""
    nip: str = ""


@dataclass(frozen=True)
class BeritaAcara:
    exam_title: str
    agency: str
    session_id: str
    site: str
    room: str
    date: dt.date
    start: str  # "HH:MM"
    end: str
    expected: int
    present: int
    absentees: tuple[str, ...]  # participant numbers
    incidents: str  # one per line
    notes: str = ""
    subject: str = ""  # the sections (materi) taken
    proctor1: Signer = field(default_factory=Signer)
    proctor2: Signer = field(default_factory=Signer)
    head: Signer = field(default_factory=Signer)

    @property
    def absent(self) -> int:
        return len(self.absentees)

    def signer(self, key: str) -> Signer:
        value = getattr(self, key)
        assert isinstance(value, Signer)
        return value

    def problems(self, today: dt.date | None = None) -> list[tuple[str, str]]:
        """(field, message) for everything that stops the report being printed."""
        errors: list[tuple[str, str]] = []
        for name in ("exam_title", "session_id", "room"):
            if not str(getattr(self, name)).strip():
                errors.append((name, "required"))
        for name in ("start", "end"):
            if not _HHMM.match(getattr(self, name)):
                errors.append((name, "must be a time HH:MM"))
        if not errors and self.end < self.start:  # HH:MM strings compare as times
            errors.append(("end", "is before the start"))
        if self.present + self.absent != self.expected:
            errors.append(("present", f"present {self.present} + absent {self.absent} is "
                                      f"not the {self.expected} expected"))
        for key in SIGNERS:
            signer = self.signer(key)
            if not signer.name.strip():
                errors.append((f"{key}.name", "required"))
            if not signer.nip.strip():
                errors.append((f"{key}.nip", "required"))
                continue
            try:
                parse_nip(signer.nip, today)
            except ValueError as exc:
                errors.append((f"{key}.nip", str(exc)))
        return errors


def from_snapshot(snap: RoomSnapshot, agency: str = "", end: dt.time | None = None
                  ) -> BeritaAcara:
    """A report filled in from the room: counts, absentees and incidents as they stand.
    Late candidates count as present; anyone whose identity is not confirmed when the
    report is written (absent, or "not yet" before the grace ends) counts as absent."""
    absentees = tuple(a.participant_no for a in snap.attendance
                      if a.status in (Attendance.ABSENT, Attendance.NOT_YET))
    incidents = "\n".join(
        f"{i.wall} {' '.join(x for x in (i.seat or '', i.participant_no or '') if x)}: "
        f"{INCIDENT_WORDS.get(i.kind, i.kind)}{' — ' + i.evidence if i.evidence else ''}"
        for i in snap.incidents)
    finish = end or snap.end
    return BeritaAcara(
        exam_title=snap.exam_title, subject=", ".join(snap.sections), agency=agency,
        session_id=snap.session_id, site=snap.site,
        room=snap.room, date=snap.date, start=snap.start.strftime("%H:%M"),
        end=finish.strftime("%H:%M") if finish else "", expected=len(snap.attendance),
        present=len(snap.attendance) - len(absentees), absentees=absentees,
        incidents=incidents)


def refreshed(report: BeritaAcara, snap: RoomSnapshot) -> BeritaAcara:
    """The report with counts and absentees taken again from the room (typed text kept)."""
    fresh = from_snapshot(snap)
    return replace(report, expected=fresh.expected, present=fresh.present,
                   absentees=fresh.absentees)


# -- the draft file --------------------------------------------------------------------------

def to_dict(report: BeritaAcara) -> dict[str, Any]:
    data = asdict(report)
    data["date"] = report.date.isoformat()
    data["absentees"] = list(report.absentees)
    return {"format": DRAFT_FORMAT, "berita_acara": data}


def from_dict(data: object, where: str) -> BeritaAcara:
    """A draft back; InputError naming the field when the file is not one."""
    try:
        if not isinstance(data, dict) or data.get("format") != DRAFT_FORMAT:
            raise ValueError(f"format must be {DRAFT_FORMAT}")
        body = data["berita_acara"]
        if not isinstance(body, dict):
            raise TypeError("berita_acara must be an object")
        signers = [Signer(str(body[k]["name"]), str(body[k]["nip"])) for k in SIGNERS]
        text: dict[str, str] = {}
        for k in ("exam_title", "agency", "session_id", "site", "room", "start", "end",
                  "incidents", "notes"):
            if not isinstance(body[k], str):
                raise TypeError(f"{k} must be text")
            text[k] = body[k]
        numbers = (body["expected"], body["present"])
        if not all(type(n) is int and n >= 0 for n in numbers):
            raise TypeError("expected/present must be whole numbers")
        absentees = body["absentees"]
        if not isinstance(absentees, list) or not all(isinstance(a, str) for a in absentees):
            raise TypeError("absentees must be a list of participant numbers")
        return BeritaAcara(
            exam_title=text["exam_title"], agency=text["agency"],
            session_id=text["session_id"], site=text["site"], room=text["room"],
            date=dt.date.fromisoformat(body["date"]), start=text["start"], end=text["end"],
            expected=numbers[0], present=numbers[1], absentees=tuple(absentees),
            incidents=text["incidents"], notes=text["notes"], proctor1=signers[0],
            proctor2=signers[1], head=signers[2], subject=str(body.get("subject", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError([Problem(where, f"not a berita acara draft ({exc})",
                                  field="berita_acara")]) from None


def save_draft(report: BeritaAcara, path: Path) -> None:
    text = json.dumps(to_dict(report), ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, text.encode("utf-8"), mode=0o600)


def load_draft(path: Path) -> BeritaAcara | None:
    """The saved draft, None when there is none; InputError when it is damaged."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError([Problem(str(path), f"cannot read: {exc.strerror}")]) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(str(path), f"not valid JSON: {exc}")]) from None
    return from_dict(data, str(path))


# -- the PDF ---------------------------------------------------------------------------------

def story(report: BeritaAcara) -> list[Any]:
    """The report's flowables: KOP, title, opening, numbered points, closing, signatures."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        HRFlowable,
        ListFlowable,
        ListItem,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    base = ParagraphStyle("base", fontName="Times-Roman", fontSize=12, leading=16,
                          alignment=TA_JUSTIFY)
    kop = ParagraphStyle("kop", parent=base, fontName="Times-Bold", fontSize=14,
                         alignment=TA_CENTER, leading=18)
    title = ParagraphStyle("title", parent=kop, fontSize=13, spaceBefore=10)
    center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(text, style)

    e = escape
    place = ", ".join(x for x in (report.room, report.site) if x)
    flow: list[Any] = []
    if report.agency:
        flow.append(p(e(report.agency.upper()), kop))
    flow.append(p(e(report.exam_title.upper()), kop))
    flow.append(HRFlowable(width="100%", thickness=2, color=colors.black, spaceBefore=4,
                           spaceAfter=1))
    flow.append(HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceAfter=8))
    flow.append(p("BERITA ACARA PELAKSANAAN UJIAN", title))
    flow.append(p(f"Sesi {e(report.session_id)}", center))
    flow.append(Spacer(1, 0.4 * cm))
    flow.append(p(
        f"Pada hari ini <b>{e(indonesian_date(report.date))}</b>, bertempat di "
        f"<b>{e(place)}</b>, telah dilaksanakan <b>{e(report.exam_title)}</b>"
        + (f" (materi: {e(report.subject)})" if report.subject.strip() else "") + " sesi "
        f"<b>{e(report.session_id)}</b> mulai pukul <b>{e(report.start)}</b> sampai dengan "
        f"pukul <b>{e(report.end)}</b>, dengan keterangan sebagai berikut:"))
    absent = (f"{report.absent} orang" + (", yaitu nomor peserta: "
                                          + e(", ".join(report.absentees))
                                          if report.absentees else ""))
    incidents = [line for line in report.incidents.splitlines() if line.strip()]
    # The ignores: types-reportlab's ListFlowable does not take the ListItems it accepts.
    incident_flow: Any = (ListFlowable([ListItem(p(e(line)), value="-")  # type: ignore[misc]
                                        for line in incidents],
                                       bulletType="bullet", start="-", leftIndent=12)
                          if incidents else p("Tidak ada kejadian."))
    points = [
        [p(f"Jumlah peserta yang seharusnya hadir: <b>{report.expected}</b> orang.")],
        [p(f"Jumlah peserta yang hadir: <b>{report.present}</b> orang.")],
        [p(f"Jumlah peserta yang tidak hadir: <b>{absent}</b>.")],
        [p("Kejadian selama pelaksanaan ujian:"), incident_flow],
        [p("Catatan: " + (e(report.notes).replace("\n", "<br/>") if report.notes.strip()
                          else "-"))],
    ]
    flow.append(Spacer(1, 0.2 * cm))
    flow.append(ListFlowable([ListItem(part) for part in points],  # type: ignore[misc]
                             bulletType="1",
                             bulletFormat="%s.", leftIndent=18, bulletFontName="Times-Roman",
                             bulletFontSize=12))
    flow.append(Spacer(1, 0.3 * cm))
    flow.append(p("Demikian berita acara ini dibuat dengan sebenarnya untuk dapat "
                  "dipergunakan sebagaimana mestinya."))
    flow.append(Spacer(1, 0.5 * cm))
    flow.append(p(f"{e(report.site or report.room)}, "
                  f"{e(indonesian_date(report.date, weekday=False))}",
                  ParagraphStyle("right", parent=base, alignment=2)))
    flow.append(Spacer(1, 0.3 * cm))
    cells: list[list[Any]] = [[p(SIGNER_TITLES[k], center) for k in SIGNERS],
             [Spacer(1, 2.0 * cm)] * 3,
             [p(f"<u>{e(report.signer(k).name) or '(.............................)'}</u>",
                center) for k in SIGNERS],
             [p(f"NIP {e(nip_spaced(report.signer(k).nip)) or '.....................'}", center)
              for k in SIGNERS]]
    table = Table(cells, colWidths=[5.5 * cm] * 3)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow.append(table)
    return flow


def pdf_bytes(report: BeritaAcara) -> bytes:
    """The report as an A4 PDF."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm,
                            title=f"Berita Acara {report.exam_title} {report.session_id}",
                            author="Ujikom")
    doc.build(story(report))
    return out.getvalue()


def render_pdf(report: BeritaAcara, path: Path) -> None:
    """Writes the report as an A4 PDF (through a temp file, so no half-written report)."""
    atomic_write(path, pdf_bytes(report))
