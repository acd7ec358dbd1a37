"""The preflight for people: a terminal listing in Indonesian (or English), and a printable
one-page PDF per PC, Indonesian only like every paper the lab files."""

from __future__ import annotations

import io
from typing import Any

from exam_bank.preflight import Report, Status

LABELS = {
    "disk": ("Ruang disk", "Disk space"),
    "write_speed": ("Kecepatan tulis", "Write speed"),
    "clock": ("Jam", "Clock"),
    "screens": ("Layar", "Screens"),
    "network": ("Jaringan", "Network"),
    "removable": ("Media lepas-pasang", "Removable drives"),
    "vm": ("Mesin virtual", "Virtual machine"),
    "remote_access": ("Akses jarak jauh", "Remote access"),
    "fonts": ("Huruf", "Fonts"),
    "opengl": ("OpenGL", "OpenGL"),
    "enrollment": ("Sertifikat & pendaftaran", "Certificate & enrollment"),
}
VERDICT = {Status.PASS: ("LULUS", "PASS"), Status.WARN: ("PERINGATAN", "WARN"),
           Status.FAIL: ("GAGAL", "FAIL")}


def label(check: str, lang: str) -> str:
    pair = LABELS.get(check, (check, check))
    return pair[1] if lang == "en" else pair[0]


def verdict(status: Status, lang: str) -> str:
    return VERDICT[status][1 if lang == "en" else 0]


def text(report: Report, lang: str = "id") -> str:
    en = lang == "en"
    head = [f"{'Ujikom preflight' if en else 'Pemeriksaan PC Ujikom'} — {report.host}"
            f" (kiosk {report.kiosk_id or '-'}, "
            f"{'seat' if en else 'kursi'} {report.seat or '-'}), {report.when}"]
    width = max(len(verdict(s, lang)) for s in Status)
    lines = [f"[{verdict(c.status, lang):<{width}}] {label(c.check, lang)}: {c.detail(lang)}"
             for c in report.checks]
    counts = {s: sum(c.status is s for c in report.checks) for s in Status}
    total = (f"{'Result' if en else 'Hasil'}: {verdict(report.status, lang)} — "
             f"{counts[Status.PASS]} {'pass' if en else 'lulus'}, "
             f"{counts[Status.WARN]} {'warn' if en else 'peringatan'}, "
             f"{counts[Status.FAIL]} {'fail' if en else 'gagal'}")
    return "\n".join([*head, "", *lines, "", total]) + "\n"


def pdf_bytes(report: Report) -> bytes:
    """One A4 page: the PC, every check with its verdict, and a line for the technician's
    signature. Indonesian only (an official paper)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from exam_bank.reports.pdfbase import esc, styles

    st = styles()
    fills = {Status.PASS: HexColor("#e7f5ec"), Status.WARN: HexColor("#fff4cc"),
             Status.FAIL: HexColor("#fdecec")}
    rows = [[Paragraph("Pemeriksaan", st.head), Paragraph("Hasil", st.head),
             Paragraph("Keterangan", st.head)]]
    rows += [[Paragraph(esc(label(c.check, "id")), st.cell_bold),
              Paragraph(verdict(c.status, "id"), st.cell_bold),
              Paragraph(esc(c.detail_id), st.cell)] for c in report.checks]
    table = Table(rows, colWidths=[42 * mm, 26 * mm, 110 * mm], repeatRows=1)
    style: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.4, HexColor("#b8c0cc")),
             ("BACKGROUND", (0, 0), (-1, 0), HexColor("#1f3a5f")),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    style += [("BACKGROUND", (1, i), (1, i), fills[c.status])
              for i, c in enumerate(report.checks, 1)]
    table.setStyle(TableStyle(style))
    ident = (f"Komputer <b>{esc(report.host)}</b> · kiosk {esc(report.kiosk_id or '-')} · "
             f"kursi {esc(report.seat or '-')}<br/>Diperiksa {esc(report.when)} dengan "
             f"Ujikom {esc(report.version)}")
    overall = f"Hasil keseluruhan: <b>{verdict(report.status, 'id')}</b>"
    sign = Table([["Teknisi lab", "", "Pengawas"],
                  ["", "", ""],
                  ["(nama dan tanda tangan)", "", "(nama dan tanda tangan)"]],
                 colWidths=[70 * mm, 38 * mm, 70 * mm], rowHeights=[6 * mm, 18 * mm, 6 * mm])
    sign.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), st.regular),
                              ("FONTSIZE", (0, 0), (-1, -1), 9),
                              ("LINEBELOW", (0, 1), (0, 1), 0.5, HexColor("#000000")),
                              ("LINEBELOW", (2, 1), (2, 1), 0.5, HexColor("#000000"))]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"Pemeriksaan PC {report.host}", author="Ujikom")
    doc.build([Paragraph("LAPORAN PEMERIKSAAN KOMPUTER UJIAN", st.title),
               Paragraph("pemeriksaan awal sebelum sesi ujian", st.subtitle), Spacer(1, 6 * mm),
               Paragraph(ident, st.body), Spacer(1, 3 * mm), Paragraph(overall, st.body),
               Spacer(1, 4 * mm), table, Spacer(1, 12 * mm), sign])
    return out.getvalue()
