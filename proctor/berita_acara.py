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

from exam_bank.examzone import DEFAULT_ZONE, zone_label, zone_problem
from exam_bank.fsutil import atomic_write
from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.problems import InputError, Problem
from exam_bank.roster.cards import BULAN, tanggal_indonesia
from exam_bank.roster.values import nip_spaced, parse_nip
from proctor.day_record import CandidateFacts, DayRecord, Person
from proctor.room import Attendance, RoomSnapshot

SIGNERS = ("proctor1", "proctor2", "head", "witness")
SIGNER_TITLES = {"proctor1": "Pengawas I", "proctor2": "Pengawas II", "head": "Kepala Ruang",
                 "witness": "Saksi"}
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DRAFT_FORMAT = 2
# In the proctor's state folder, named by exam and session: one lab folder serves several
# exams, and two of them may each have a session "S1".
DRAFT = "berita-acara-{exam}-{session}.json"
PDF = "berita-acara-{exam}-{session}.pdf"
OLD_DRAFT = "berita-acara-{session}.json"  # before the exam was in the name


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
    """The report. The proctor types the kop (agency), the notes, extra incidents and the
    signers; everything about what happened (attendance, actual times, each candidate's
    proctor actions and incidents, the logs' digest) comes from the session's record
    (`with_record`) and is taken from it again when the session is sealed."""

    exam_title: str
    agency: str
    session_id: SessionId
    site: str
    room: str
    date: dt.date  # the day the session actually ran
    start: str  # "HH:MM", from the record (first sign-in)
    end: str  # "HH:MM", from the record (last event)
    expected: int
    present: int
    absentees: tuple[Person, ...]
    incidents: str  # what the proctor adds in their own words, one per line
    notes: str = ""
    subject: str = ""  # the sections (materi) taken
    proctor1: Signer = field(default_factory=Signer)
    proctor2: Signer = field(default_factory=Signer)
    head: Signer = field(default_factory=Signer)
    witness: Signer = field(default_factory=Signer)
    schedule_date: dt.date | None = None  # the roster's date and times for the session
    schedule_start: str = ""
    schedule_end: str = ""
    candidates: tuple[CandidateFacts, ...] = ()  # from the record
    room_facts: tuple[str, ...] = ()  # from the record
    logs_digest: str = ""  # from the record
    # The exam's zone (`exam_bank.examzone`): every time above is its wall time, printed
    # with its label (WIB/WITA/WIT); a draft saved before it was kept means Asia/Jakarta.
    timezone: str = DEFAULT_ZONE
    exam_id: str = ""  # whose draft this is ("" in a draft saved before it was kept)

    @property
    def absent(self) -> int:
        return len(self.absentees)

    @property
    def off_schedule(self) -> bool:
        """The session ran on another day than the roster's (flagged in the report; other
        hours on the right day are only shown beside the actual ones)."""
        return self.schedule_date is not None and self.schedule_date != self.date

    @property
    def schedule_hours(self) -> str:
        """"07:30–13:30": the roster's hours for the session ("" when none)."""
        return "–".join(x for x in (self.schedule_start, self.schedule_end) if x)

    def signer(self, key: str) -> Signer:
        value = getattr(self, key)
        assert isinstance(value, Signer)
        return value

    def problems(self, today: dt.date | None = None) -> list[tuple[str, str]]:
        """(field, message) for everything that stops the report being printed."""
        errors: list[tuple[str, str]] = []
        for name in ("agency", "exam_title", "session_id", "room"):
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


def from_snapshot(snap: RoomSnapshot, agency: str = "", end: dt.time | None = None,
                  record: DayRecord | None = None) -> BeritaAcara:
    """A report filled in from the room (and its record, when given): the exam, the
    place and the schedule; attendance, times and facts from the record."""
    people = {a.participant_no: a.name for a in snap.attendance}
    absentees = tuple(Person(a.participant_no, a.name, a.seat) for a in snap.attendance
                      if a.status in (Attendance.ABSENT, Attendance.NOT_YET))
    finish = end or snap.end
    report = BeritaAcara(
        exam_title=snap.exam_title, subject=", ".join(snap.sections), agency=agency,
        session_id=snap.session_id, site=snap.site,
        room=snap.room, date=snap.date, start=snap.start.strftime("%H:%M"),
        exam_id=snap.exam_id,
        end=finish.strftime("%H:%M") if finish else "", expected=len(people),
        present=len(people) - len(absentees), absentees=absentees, incidents="",
        schedule_date=snap.date, schedule_start=snap.start.strftime("%H:%M"),
        schedule_end=snap.end.strftime("%H:%M") if snap.end else "", timezone=snap.timezone)
    return with_record(report, record) if record is not None else report


def with_record(report: BeritaAcara, record: DayRecord) -> BeritaAcara:
    """The report with everything the record says put in (what was typed is kept): the
    attendance, each candidate's facts, the room's, the logs' digest, and the actual day
    and times (the typed ones stay only when nobody signed in)."""
    return replace(
        report, expected=record.expected, present=record.present,
        absentees=record.absentees, candidates=record.candidates, room_facts=record.room,
        logs_digest=record.logs_digest, date=record.date or report.date,
        start=record.start or report.start, end=record.end or report.end)


def refreshed(report: BeritaAcara, snap: RoomSnapshot,
              record: DayRecord | None = None) -> BeritaAcara:
    """The report with counts and absentees taken again from the room (typed text kept)."""
    if record is not None:
        return with_record(report, record)
    fresh = from_snapshot(snap)
    return replace(report, expected=fresh.expected, present=fresh.present,
                   absentees=fresh.absentees)


# -- the draft file --------------------------------------------------------------------------

def to_dict(report: BeritaAcara) -> dict[str, Any]:
    data = asdict(report)
    data["date"] = report.date.isoformat()
    data["schedule_date"] = report.schedule_date.isoformat() if report.schedule_date else None
    data["absentees"] = [{"participant_no": p.participant_no, "name": p.name, "seat": p.seat}
                         for p in report.absentees]
    data["candidates"] = [{**asdict(c), "lines": list(c.lines)} for c in report.candidates]
    data["room_facts"] = list(report.room_facts)
    return {"format": DRAFT_FORMAT, "berita_acara": data}


def _text(body: dict[str, Any], key: str, default: str | None = None) -> str:
    value = body.get(key, default) if default is not None else body[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} must be text")
    return value


def _zone(name: str) -> str:
    problem = zone_problem(name)
    if problem:
        raise ValueError(problem)
    return name


def _absentee(value: object) -> Person:
    """A participant number (format 1) or {participant_no, name, seat}."""
    if isinstance(value, str):
        return Person(ParticipantNo(value), "", "")
    if isinstance(value, dict) and isinstance(value.get("participant_no"), str):
        return Person(ParticipantNo(value["participant_no"]), str(value.get("name", "")),
                      str(value.get("seat", "")))
    raise TypeError("absentees must be a list of candidates")


def _facts(value: object) -> CandidateFacts:
    if not isinstance(value, dict) or not isinstance(value.get("lines"), list):
        raise TypeError("candidates must be a list of {participant_no, name, seat, lines}")
    return CandidateFacts(str(value["participant_no"]), str(value.get("name", "")),
                          str(value.get("seat", "")), tuple(str(x) for x in value["lines"]),
                          str(value.get("lost", "")))


def from_dict(data: object, where: str) -> BeritaAcara:
    """A draft back (format 1 or 2); InputError naming the field when it is not one."""
    try:
        if not isinstance(data, dict) or data.get("format") not in (1, DRAFT_FORMAT):
            raise ValueError(f"format must be {DRAFT_FORMAT}")
        body = data["berita_acara"]
        if not isinstance(body, dict):
            raise TypeError("berita_acara must be an object")
        empty = {"name": "", "nip": ""}
        signers = {k: Signer(str(body.get(k, empty)["name"]), str(body.get(k, empty)["nip"]))
                   for k in SIGNERS}
        text = {k: _text(body, k) for k in ("exam_title", "agency", "session_id", "site",
                                            "room", "start", "end", "incidents", "notes")}
        numbers = (body["expected"], body["present"])
        if not all(type(n) is int and n >= 0 for n in numbers):
            raise TypeError("expected/present must be whole numbers")
        absentees = body["absentees"]
        if not isinstance(absentees, list):
            raise TypeError("absentees must be a list of candidates")
        facts = body.get("candidates", [])
        if not isinstance(facts, list):
            raise TypeError("candidates must be a list")
        schedule = body.get("schedule_date")
        return BeritaAcara(
            exam_title=text["exam_title"], agency=text["agency"],
            session_id=SessionId(text["session_id"]), site=text["site"], room=text["room"],
            date=dt.date.fromisoformat(body["date"]), start=text["start"], end=text["end"],
            expected=numbers[0], present=numbers[1],
            absentees=tuple(_absentee(a) for a in absentees),
            incidents=text["incidents"], notes=text["notes"], subject=_text(body, "subject", ""),
            schedule_date=dt.date.fromisoformat(schedule) if schedule else None,
            schedule_start=_text(body, "schedule_start", ""),
            schedule_end=_text(body, "schedule_end", ""),
            candidates=tuple(_facts(c) for c in facts),
            room_facts=tuple(str(x) for x in body.get("room_facts", [])),
            logs_digest=_text(body, "logs_digest", ""), exam_id=_text(body, "exam_id", ""),
            timezone=_zone(_text(body, "timezone", DEFAULT_ZONE)),
            **signers)
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


def draft_file(folder: Path, exam_id: str, session_id: str) -> Path:
    """Where the session's berita acara draft is kept in the proctor's state folder."""
    return folder / DRAFT.format(exam=exam_id, session=session_id)


def pdf_file(folder: Path, exam_id: str, session_id: str) -> Path:
    """The default place of the session's berita acara PDF."""
    return folder / PDF.format(exam=exam_id, session=session_id)


def adopt_old_draft(folder: Path, exam_id: str, exam_title: str, session_id: str
                    ) -> Path | None:
    """Moves a draft saved under the old name (session only) to this exam's name when it
    is this exam's (its exam id, or for a draft older than that its exam title), so it is
    taken once and by one exam only. Returns the old-named draft when it was left alone
    (another exam's, or unreadable): it is never taken as this exam's berita acara."""
    new = draft_file(folder, exam_id, session_id)
    old = folder / OLD_DRAFT.format(session=session_id)
    if new.exists() or not old.exists():
        return None
    try:
        draft = load_draft(old)
    except InputError:
        return old
    if draft is None:
        return None
    if (draft.exam_id or draft.exam_title) != (exam_id if draft.exam_id else exam_title):
        return old
    old.replace(new)
    return None


def load_session_draft(folder: Path, exam_id: str, exam_title: str, session_id: str
                       ) -> tuple[BeritaAcara | None, str]:
    """This exam's session draft (None when there is none; InputError when it is damaged)
    and, when an old-named draft was left alone, a line saying so ("" otherwise)."""
    left = adopt_old_draft(folder, exam_id, exam_title, session_id)
    why = (f"{left}: ignored, it is another exam's berita acara draft or cannot be read; "
           f"this exam's draft is {draft_file(folder, exam_id, session_id).name}"
           if left is not None else "")
    return load_draft(draft_file(folder, exam_id, session_id)), why


# -- the PDF ---------------------------------------------------------------------------------

def grouped_digest(digest: str) -> str:
    """A SHA-256 in groups of eight, as people read it out and compare it."""
    return " ".join(digest[i:i + 8] for i in range(0, len(digest), 8))


def story(report: BeritaAcara) -> list[Any]:
    """The report's flowables: kop, title, opening, numbered points (attendance, every
    candidate's proctor actions and incidents, the room's, notes, the logs' digest),
    closing, signatures."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        HRFlowable,
        KeepTogether,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    base = ParagraphStyle("base", fontName="Times-Roman", fontSize=12, leading=16,
                          alignment=TA_JUSTIFY)
    small = ParagraphStyle("small", parent=base, fontSize=11, leading=14)
    kop = ParagraphStyle("kop", parent=base, fontName="Times-Bold", fontSize=14,
                         alignment=TA_CENTER, leading=18)
    title = ParagraphStyle("title", parent=kop, fontSize=13, spaceBefore=10)
    center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
    mono = ParagraphStyle("mono", parent=base, fontName="Courier", fontSize=10, leading=13)

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(text, style)

    numbered = ParagraphStyle("numbered", parent=base, leftIndent=18, bulletIndent=0,
                              bulletFontName="Times-Roman", bulletFontSize=12)
    indented = ParagraphStyle("indented", parent=small, leftIndent=18)
    dashed = ParagraphStyle("dashed", parent=small, leftIndent=30, bulletIndent=20,
                            bulletFontName="Times-Roman", bulletFontSize=11)

    def num(n: int, text: str) -> Paragraph:
        return Paragraph(text, numbered, bulletText=f"{n}.")

    def sub(text: str, style: ParagraphStyle = indented) -> Paragraph:
        return Paragraph(text, style)

    def dash(text: str) -> Paragraph:
        return Paragraph(text, dashed, bulletText="\u2013")

    e = escape
    place = ", ".join(x for x in (report.room, report.site) if x)
    zone = zone_label(report.timezone)
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
        f"<b>{e(report.session_id)}</b> mulai pukul <b>{e(_clock(report.start))} {zone}</b> "
        f"sampai dengan pukul <b>{e(_clock(report.end))} {zone}</b> (menurut catatan sistem "
        "ujian), dengan "
        "keterangan sebagai berikut:"))
    hours = _clock(report.schedule_hours)
    if report.off_schedule and report.schedule_date is not None:
        flow.append(Spacer(1, 0.15 * cm))
        flow.append(p(f"<b>Perhatian:</b> jadwal sesi ini adalah "
                      f"{e(indonesian_date(report.schedule_date))} pukul {e(hours)} {zone}; sesi "
                      "dilaksanakan di luar jadwal tersebut.", small))
    elif hours and report.schedule_start != report.start:
        flow.append(Spacer(1, 0.15 * cm))
        flow.append(p(f"Jadwal sesi ini: pukul {e(hours)} {zone}.", small))
    # The points are top-level flowables (not a ListFlowable): a candidate's lines are
    # kept together on a page, which reportlab cannot do inside a list item.
    points: list[list[Any]] = [
        [f"Jumlah peserta yang seharusnya hadir: <b>{report.expected}</b> orang."],
        [f"Jumlah peserta yang hadir: <b>{report.present}</b> orang."]]
    if report.absentees:
        rows = [[p(e(a.participant_no), small), p(e(a.name or "-"), small)]
                for a in report.absentees]
        absent_table = Table(rows, colWidths=[4 * cm, 11 * cm], hAlign="LEFT")
        absent_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 18),
                                          ("TOPPADDING", (0, 0), (-1, -1), 0),
                                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        points.append([f"Jumlah peserta yang tidak hadir: <b>{report.absent}</b> orang, "
                       "yaitu:", absent_table])
    else:
        points.append(["Jumlah peserta yang tidak hadir: <b>0</b> orang."])
    facts: list[Any] = ["Tindakan pengawas dan kejadian per peserta (dari log ujian dan "
                        f"catatan pengawas; waktu dalam {zone}):"]
    for c in report.candidates:
        who = " · ".join(x for x in (c.seat, c.participant_no, c.name) if x)
        lines = [dash(e(line)) for line in c.lines]
        if c.lost:
            lines.append(dash(f"<i>{e(c.lost)}.</i>"))
        facts.append(KeepTogether([sub(f"<b>{e(who)}</b>"), *lines]))
    if not report.candidates:
        facts.append(sub("Tidak ada tindakan pengawas maupun kejadian yang tercatat."))
    points.append(facts)
    if report.room_facts:
        points.append(["Tindakan pengawas dan kejadian di ruang ujian yang tidak terkait "
                       "peserta tertentu:",
                       *(dash(e(line)) for line in report.room_facts)])
    typed = [line for line in report.incidents.splitlines() if line.strip()]
    if typed:
        points.append(["Kejadian lain yang dicatat pengawas:",
                       *(dash(e(line)) for line in typed)])
    points.append(["Catatan: " + (e(report.notes).replace("\n", "<br/>")
                                  if report.notes.strip() else "-")])
    if report.logs_digest:
        points.append(["Sidik (SHA-256) log ujian seluruh peserta yang disegel bersama "
                       "berita acara ini:",
                       sub(e(grouped_digest(report.logs_digest)),
                           ParagraphStyle("digest", parent=mono, leftIndent=18)),
                       sub("Sidik berkas segel hasil tercantum pada tanda terima "
                           "penyegelan.")])
    flow.append(Spacer(1, 0.2 * cm))
    for n, (head, *rest) in enumerate(points, start=1):
        flow.append(num(n, head))
        flow.extend(rest)
    flow.append(Spacer(1, 0.3 * cm))
    # The closing sentence stays with the signatures: a page of signatures alone could
    # be put under any text.
    ending = p("Demikian berita acara ini dibuat dengan sebenarnya untuk dapat "
               "dipergunakan sebagaimana mestinya.")
    closing = p(f"{e(report.site or report.room)}, "
                f"{e(indonesian_date(report.date, weekday=False))}",
                ParagraphStyle("right", parent=base, alignment=2))

    def block(key: str) -> list[Any]:
        s = report.signer(key)
        return [p(SIGNER_TITLES[key], center), Spacer(1, 1.8 * cm),
                p(f"<u>{e(s.name) or '(.............................)'}</u>", center),
                p(f"NIP {e(nip_spaced(s.nip)) or '.....................'}", center)]

    cells = [[block("proctor1"), block("proctor2")], [block("head"), block("witness")]]
    table = Table(cells, colWidths=[8 * cm, 8 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 1), (-1, 1), 14)]))
    flow.append(KeepTogether([ending, Spacer(1, 0.5 * cm), closing, Spacer(1, 0.3 * cm),
                              table]))
    return flow


def _page_numbers(canvas: Any, number: int, total: int) -> None:
    from reportlab.lib.units import cm

    width = canvas._pagesize[0]
    canvas.setFont("Times-Roman", 10)
    canvas.drawCentredString(width / 2, 1.2 * cm, f"Halaman {number} dari {total}")


def pdf_bytes(report: BeritaAcara) -> bytes:
    """The report as an A4 PDF, "Halaman x dari y" at the foot of every page."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    from exam_bank.pdfpages import numbered_canvas

    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm,
                            title=f"Berita Acara {report.exam_title} {report.session_id}",
                            author=report.agency or "Ujikom")
    doc.build(story(report), canvasmaker=numbered_canvas(_page_numbers))
    return out.getvalue()


def _clock(hours: str) -> str:
    """"08:00–10:00" as Indonesian prints a time, "08.00–10.00", like every other time in
    the berita acara, the exam cards and the reports (the form keeps HH:MM for typing)."""
    return hours.replace(":", ".")


def render_pdf(report: BeritaAcara, path: Path) -> None:
    """Writes the report as an A4 PDF (through a temp file, so no half-written report)."""
    atomic_write(path, pdf_bytes(report))
