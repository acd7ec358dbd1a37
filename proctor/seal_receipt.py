"""The printed sealing receipt (tanda terima penyegelan): the bundle's SHA-256 fingerprint
on paper, signed by the proctor and by whoever carries the bundle to the office.

The berita acara is inside the sealed bundle, so it cannot name the bundle's own digest;
it names the digest of the sealed logs instead (`exam_bank.bundle.sealed.logs_digest`),
and this receipt names both: the office compares the fingerprint of the file it receives
with the paper, and the logs' digest with the berita acara.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exam_bank.examzone import label_of
from exam_bank.fsutil import atomic_write
from exam_bank.roster.values import nip_spaced
from proctor.berita_acara import grouped_digest, indonesian_date


@dataclass(frozen=True)
class SealReceipt:
    agency: str
    exam_title: str
    session_id: str
    room: str
    sequence: int
    sealed_at: dt.datetime  # in the exam's zone (`exam_bank.examzone.exam_zone`)
    file_name: str
    bundle_digest: str
    logs_digest: str
    supersedes: str | None
    candidates: int
    submitted: int
    proctor: str
    proctor_nip: str = ""


def receipt_pdf(r: SealReceipt) -> bytes:
    """An A4 page: what was sealed, both digests in groups of eight, two signatures."""
    from io import BytesIO
    from xml.sax.saxutils import escape as e

    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    base = ParagraphStyle("base", fontName="Times-Roman", fontSize=12, leading=16)
    bold = ParagraphStyle("bold", parent=base, fontName="Times-Bold", fontSize=13,
                          alignment=TA_CENTER, leading=18)
    mono = ParagraphStyle("mono", parent=base, fontName="Courier-Bold", fontSize=11)
    center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)

    def row(label: str, value: Any, style: ParagraphStyle = base) -> list[Paragraph]:
        return [Paragraph(e(label), base), Paragraph(e(str(value)), style)]

    when = (f"{indonesian_date(r.sealed_at.date())} pukul {r.sealed_at.strftime('%H.%M')} "
            f"{label_of(r.sealed_at.tzinfo)}").rstrip()
    rows = [row("Ujian", r.exam_title), row("Sesi / ruang", f"{r.session_id} / {r.room}"),
            row("Penyegelan ke", r.sequence), row("Waktu penyegelan", when),
            row("Berkas", r.file_name),
            row("Peserta", f"{r.candidates} orang, {r.submitted} mengumpulkan jawaban"),
            row("Sidik hasil bersegel (SHA-256)", grouped_digest(r.bundle_digest), mono),
            row("Sidik log ujian (SHA-256), sama dengan pada berita acara",
                grouped_digest(r.logs_digest), mono)]
    if r.supersedes:
        rows.append(row("Menggantikan segel dengan sidik", grouped_digest(r.supersedes), mono))
    facts = Table(rows, colWidths=[5.5 * cm, 10.5 * cm])
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    signs = Table([[Paragraph("Pengawas yang menyegel", center),
                    Paragraph("Petugas penerima", center)],
                   [Spacer(1, 2 * cm), Spacer(1, 2 * cm)],
                   [Paragraph(f"<u>{e(r.proctor) or '(.........................)'}</u>", center),
                    Paragraph("(.........................)", center)],
                   [Paragraph(f"NIP {e(nip_spaced(r.proctor_nip)) or '.....................'}",
                              center),
                    Paragraph("NIP .....................", center)]],
                  colWidths=[8 * cm, 8 * cm])
    flow = [Paragraph(e(r.agency.upper()), bold),
            Paragraph("TANDA TERIMA PENYEGELAN HASIL UJIAN", bold), Spacer(1, 0.6 * cm),
            facts, Spacer(1, 0.4 * cm),
            Paragraph("Penerima mencocokkan sidik berkas yang diterima dengan sidik di atas "
                      "sebelum hasil diimpor; berkas dengan sidik lain tidak diterima.", base),
            Spacer(1, 0.8 * cm), signs]
    out = BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm,
                      topMargin=2 * cm, bottomMargin=2 * cm,
                      title=f"Tanda terima penyegelan {r.session_id}",
                      author=r.agency or "Ujikom").build(flow)
    return out.getvalue()


def receipt_path(bundle: Path) -> Path:
    """hasil-S1.p7m → hasil-S1-tanda-terima.pdf, beside the bundle."""
    return bundle.with_name(f"{bundle.stem}-tanda-terima.pdf")


def write_receipt(r: SealReceipt, bundle: Path) -> Path:
    path = receipt_path(bundle)
    atomic_write(path, receipt_pdf(r))
    return path
