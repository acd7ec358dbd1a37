"""The look every selection report shares: A4, a title block naming agency, exam and
date, a running header, and a footer with the confidentiality line, the print time and
"Halaman x dari N". Same fonts and ink as the exam cards (`exam_bank.roster.cards`)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exam_bank.pdffonts import card_fonts  # the cards' family: one registration
from exam_bank.pdfpages import clip, numbered_canvas
from exam_bank.reports.model import ReportExam
from exam_bank.reports.summary import tanggal, waktu
from exam_bank.roster.cards import GREY, INK, RULE

TOP_FILL = HexColor("#fff4cc")  # the top three of a post: a pale gold band
ZEBRA = HexColor("#f4f6fa")
PENDING_FILL = HexColor("#fdecec")
OK_GREEN = HexColor("#1f7a4d")
SHORT_RED = HexColor("#b42318")
STANDARD_GREY = HexColor("#b8c0cc")

MARGIN = 16 * mm
HEADER_H = 11 * mm
FOOTER_H = 12 * mm
CONFIDENTIAL = "RAHASIA — hanya untuk Panitia Seleksi; dilarang menggandakan atau menyebarkan."


@dataclass(frozen=True)
class Styles:
    regular: str
    bold: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    head_right: ParagraphStyle


def styles() -> Styles:
    fonts = card_fonts()
    reg, bold = fonts.regular, fonts.bold

    def style(name: str, font: str, size: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size,
                              leading=kw.pop("leading", size * 1.25),
                              textColor=kw.pop("textColor", INK), **kw)

    return Styles(
        regular=reg, bold=bold,
        title=style("title", bold, 14, alignment=1, spaceAfter=2),
        subtitle=style("subtitle", reg, 10, alignment=1, textColor=GREY),
        heading=style("heading", bold, 11, spaceBefore=8, spaceAfter=4),
        body=style("body", reg, 9.5),
        small=style("small", reg, 8, textColor=GREY),
        cell=style("cell", reg, 8.5),
        cell_bold=style("cell_bold", bold, 8.5),
        cell_right=style("cell_right", reg, 8.5, alignment=2),
        head=style("head", bold, 8.5, textColor=white),
        head_right=style("head_right", bold, 8.5, textColor=white, alignment=2),
    )


def esc(text: str) -> str:
    """Text for a Paragraph, which reads a little XML: names like "A & B" stay intact."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def title_block(exam: ReportExam, st: Styles, title: str,
                lines: Sequence[str] = ()) -> list[Flowable]:
    """Agency, report title, exam, place and date, ruled off: the top of page one."""
    parts: list[Flowable] = [
        Paragraph(esc(exam.agency.upper()), st.subtitle),
        Spacer(1, 1 * mm),
        Paragraph(esc(title), st.title),
        Paragraph(esc(exam.title), st.subtitle),
    ]
    where = f"{exam.location} · " if exam.location else ""
    parts.append(Paragraph(esc(f"{where}{tanggal(exam.date)}"), st.subtitle))
    parts += [Paragraph(esc(line), st.subtitle) for line in lines]
    if exam.completeness is not None:
        c = exam.completeness
        if not c.complete:
            parts.append(Paragraph("<b>SEMENTARA</b> — data belum lengkap; laporan ini dapat "
                                   "berubah setelah semua sesi diimpor.", st.body))
        parts += [Paragraph(esc(line), st.small) for line in (c.line(), *c.off_schedule)]
    parts.append(_Rule())
    return parts


class _Rule(Flowable):
    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        return avail_w, 5 * mm

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(1)
        self.canv.line(0, 2.5 * mm, self.width, 2.5 * mm)


def table(rows: list[list[Any]], widths: Sequence[float], *, highlight: Sequence[int] = (),
          pending: Sequence[int] = (), align_right: Sequence[int] = (),
          repeat_header: bool = True) -> Table:
    """A report table: dark header row (repeated on every page), zebra rows, thin rules;
    `highlight`/`pending` are data-row indexes (0 = first row under the header)."""
    t = Table(rows, colWidths=list(widths), repeatRows=1 if repeat_header else 0)
    cmds: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in range(1, len(rows)):
        if r % 2 == 0:
            cmds.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    for r in highlight:
        cmds.append(("BACKGROUND", (0, r + 1), (-1, r + 1), TOP_FILL))
    for r in pending:
        cmds.append(("BACKGROUND", (0, r + 1), (-1, r + 1), PENDING_FILL))
    for c in align_right:
        cmds.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
    t.setStyle(TableStyle(cmds))
    return t


def render(flowables: list[Flowable], exam: ReportExam, report_title: str, *,
           wide: bool = False) -> bytes:
    """The PDF bytes: A4 (landscape when `wide`), header and numbered footer on every page."""
    st = styles()
    size = landscape(A4) if wide else A4
    printed = exam.local(exam.printed_at or dt.datetime.now().replace(microsecond=0))
    stamp = f"Dicetak {waktu(printed)} {exam.zone_label}".rstrip()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN + HEADER_H, bottomMargin=MARGIN + FOOTER_H,
                          title=f"{report_title} — {exam.title}", author=exam.agency,
                          creator="Ujikom", pageCompression=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], pagesize=size)])
    header = f"{exam.agency} · {exam.title}"
    doc.build(flowables, canvasmaker=_canvas_maker(st, header, report_title,
                                                   stamp,
                                                   exam.banner))
    return buffer.getvalue()


def _canvas_maker(st: Styles, header: str, report_title: str, printed: str,
                  banner: str = "") -> type[Canvas]:
    """The header, the confidentiality line and "Halaman x dari N" on every page, and
    the release check's `banner` while it is not done."""

    def decorate(c: Canvas, number: int, total: int) -> None:
        w, h = c._pagesize  # type: ignore[attr-defined]  # set by Canvas()
        c.setFont(st.regular, 7.5)
        c.setFillColor(GREY)
        top = h - MARGIN
        c.drawString(MARGIN, top, clip(header, st.regular, 7.5, w * 0.62))
        c.drawRightString(w - MARGIN, top, clip(report_title, st.regular, 7.5, w * 0.3))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN, top - 2.5 * mm, w - MARGIN, top - 2.5 * mm)
        bottom = MARGIN
        c.line(MARGIN, bottom + 6 * mm, w - MARGIN, bottom + 6 * mm)
        c.setFont(st.bold, 7)
        c.setFillColor(Color(0.55, 0.1, 0.1))
        c.drawString(MARGIN, bottom + 2.5 * mm, clip(CONFIDENTIAL, st.bold, 7,
                                                     w - 2 * MARGIN - 45 * mm))
        c.setFont(st.regular, 7.5)
        c.setFillColor(INK)
        c.drawRightString(w - MARGIN, bottom + 2.5 * mm, f"Halaman {number} dari {total}")
        c.setFillColor(GREY)
        c.setFont(st.regular, 6.5)
        c.drawString(MARGIN, bottom - 1 * mm, printed)
        if banner:
            c.setFont(st.bold, 8)
            c.setFillColor(SHORT_RED)
            c.drawCentredString(w / 2, top + 3.5 * mm, clip(banner, st.bold, 8, w * 0.8))

    return numbered_canvas(decorate)

