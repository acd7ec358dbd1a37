"""A makalah as a PDF for the graders: the heading lines the caller chooses (exam, a
grading code rather than a name), the paper with its headings, emphasis, lists and
tables, its word count and the SHA-256 of the stored text, pages numbered "x dari N".

Rendering is deterministic (reportlab's invariant mode): the same text and heading give
the same bytes, so a sealed bundle can be rebuilt and compared.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from exam_bank.items.richtext import from_plain_text, looks_like_html
from exam_bank.makalah.doc import Heading, ListItem, Spans, parse
from exam_bank.makalah.doc import Table as TableBlock
from exam_bank.makalah.text import RangeStatus, document_words, range_status
from exam_bank.pdffonts import paper_fonts
from exam_bank.pdfpages import clip, numbered_canvas
from exam_bank.richpdf import RichStyles, rich_flowables

INK = HexColor("#1d2b3a")
GREY = HexColor("#5b6775")
RULE = HexColor("#c5ccd5")
HEAD_FILL = HexColor("#eef1f5")
MARGIN = 20 * mm
LIST_INDENT = 7 * mm


@dataclass(frozen=True)
class PdfMeta:
    heading: Sequence[str]  # lines on top of page one, e.g. exam, "Kode: K7Q-2F", item id
    title: str = ""  # the paper's assigned title (the item's stem)
    running: str = ""  # a short line atop every page (exam · code); heading[0] if empty
    min_words: int | None = None
    max_words: int | None = None
    # The prompt the candidate wrote to, printed after the paper as the kiosk showed it
    # (the bank's rich text; pictures from `media`): empty, no appendix.
    instructions: str = ""
    case_material: str = ""
    media: Mapping[str, bytes] = field(default_factory=dict)


def _styles() -> dict[str, ParagraphStyle]:
    f = paper_fonts()

    def style(name: str, size: float, font: str = f.regular, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size,
                              leading=kw.pop("leading", size * 1.4),
                              textColor=kw.pop("textColor", INK), **kw)

    return {
        "meta": style("meta", 9.5, textColor=GREY, leading=13),
        "meta_first": style("meta_first", 10.5, f.bold, leading=14),
        "title": style("title", 15, f.bold, spaceBefore=6, spaceAfter=4, leading=19),
        "count": style("count", 9, textColor=GREY),
        "body": style("body", 11, spaceAfter=6),
        "h1": style("h1", 15, f.bold, spaceBefore=10, spaceAfter=5),
        "h2": style("h2", 13, f.bold, spaceBefore=8, spaceAfter=4),
        "h3": style("h3", 11.5, f.bold, spaceBefore=6, spaceAfter=3),
        "item": style("item", 11, spaceAfter=2, bulletFontName=f.regular, bulletFontSize=11),
        "cell": style("cell", 9.5, leading=12.5),
        "end": style("end", 9, textColor=GREY, alignment=1, spaceBefore=10),
        "hash": style("hash", 8, f.mono, textColor=GREY, leading=10.5),
    }


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\t", "&nbsp;" * 4))


def inline_markup(spans: Spans) -> str:
    """Spans as reportlab paragraph markup (it reads <b>, <i>, <u>)."""
    out = []
    for span in spans:
        text = _esc(span.text)
        for on, tag in ((span.underline, "u"), (span.bold, "b"), (span.italic, "i")):
            if on:
                text = f"<{tag}>{text}</{tag}>"
        out.append(text)
    return "".join(out)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # Indonesian digit grouping: 1.500


def word_line(words: int, min_words: int | None, max_words: int | None) -> str:
    """"Jumlah kata: 1.834 (batas 1.500–3.000)"."""
    line = f"Jumlah kata: {_number(words)}"
    if min_words and max_words:
        line += f" (batas {_number(min_words)}–{_number(max_words)})"
    elif min_words:
        line += f" (paling sedikit {_number(min_words)})"
    elif max_words:
        line += f" (paling banyak {_number(max_words)})"
    status = range_status(words, min_words, max_words)
    if status is RangeStatus.UNDER:
        line += f", kurang {_number((min_words or 0) - words)} kata"
    elif status is RangeStatus.OVER:
        line += f", lebih {_number(words - (max_words or 0))} kata"
    return line


def text_sha256(text: str) -> str:
    """The hash printed on the paper; its first 16 digits are the event log's text_hash."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def story(text: str, meta: PdfMeta) -> list[Flowable]:
    """The flowables of the PDF, top to bottom (exposed so tests can read the structure)."""
    st = _styles()
    doc = parse(text)
    words = document_words(doc)
    parts: list[Flowable] = []
    for n, line in enumerate(meta.heading):
        parts.append(Paragraph(_esc(line), st["meta_first" if n == 0 else "meta"]))
    if meta.title:
        parts.append(Paragraph(_esc(meta.title), st["title"]))
    parts.append(Paragraph(_esc(word_line(words, meta.min_words, meta.max_words)),
                           st["count"]))
    parts.append(HRFlowable(width="100%", thickness=1, color=INK, spaceBefore=4,
                            spaceAfter=8))
    for block in doc:
        if isinstance(block, Heading):
            parts.append(Paragraph(inline_markup(block.spans), st[f"h{block.level}"]))
        elif isinstance(block, ListItem):
            marker = f"{block.number}." if block.ordered else "•"
            style = ParagraphStyle(f"item{block.depth}", parent=st["item"],
                                   leftIndent=LIST_INDENT * block.depth,
                                   bulletIndent=LIST_INDENT * (block.depth - 1) + 1 * mm)
            parts.append(Paragraph(inline_markup(block.spans), style, bulletText=marker))
        elif isinstance(block, TableBlock):
            parts.append(_table(block, st))
        elif block.spans:
            parts.append(Paragraph(inline_markup(block.spans), st["body"]))
        else:
            parts.append(Spacer(1, 11 * 0.7))
    parts.append(KeepTogether([
        Paragraph("— akhir makalah —", st["end"]),
        HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=6, spaceAfter=4),
        Paragraph(_esc(word_line(words, meta.min_words, meta.max_words)), st["count"]),
        Paragraph("Sidik teks (SHA-256): " + text_sha256(text), st["hash"]),
    ]))
    return parts + appendix(meta, st)


def appendix(meta: PdfMeta, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The instructions and case material on pages of their own after the paper, with
    their headings, tables and pictures, as the candidate read them in the case pane."""
    if not (meta.instructions.strip() or meta.case_material.strip()):
        return []
    width = A4[0] - 2 * MARGIN
    styles = RichStyles(st["body"], h3=st["h2"], h4=st["h3"], cell=st["cell"],
                        max_picture_height=120 * mm)
    parts: list[Flowable] = [PageBreak(), Paragraph("Lampiran: soal makalah", st["h1"]),
                             Paragraph("Petunjuk dan bahan kasus sebagaimana dibaca peserta "
                                       "di layar ujian.", st["count"])]
    for title, text in (("Petunjuk", meta.instructions), ("Bahan kasus", meta.case_material)):
        if text.strip():
            rich = text if looks_like_html(text) else from_plain_text(text)
            parts.append(Paragraph(title, st["h1"]))
            parts += rich_flowables(rich, meta.media, styles, width)
    return parts


def _table(block: TableBlock, st: dict[str, ParagraphStyle]) -> Table:
    rows = [[[Paragraph(inline_markup(line) or "&nbsp;", st["cell"]) for line in cell]
             for cell in row] for row in block.rows]
    table = Table(rows, repeatRows=1, hAlign="LEFT",
                  colWidths=[(A4[0] - 2 * MARGIN) / max(len(block.rows[0]), 1)]
                  * max(len(block.rows[0]), 1))
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),  # the first row heads the table
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    table.spaceAfter = 8
    return table


def render_pdf(text: str, meta: PdfMeta) -> bytes:
    """The PDF of a stored makalah text; A4, numbered pages, the same bytes every time."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN + 6 * mm, bottomMargin=MARGIN + 4 * mm,
                          title=meta.title or "Makalah", author="", creator="Ujikom",
                          invariant=1, pageCompression=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], pagesize=A4)])
    running = meta.running or (meta.heading[0] if meta.heading else "")
    doc.build(story(text, meta), canvasmaker=_numbered(running, text_sha256(text)[:16]))
    return buffer.getvalue()


def _numbered(running: str, short_hash: str) -> type[Canvas]:
    """The running line and "Halaman x dari N" on every page."""
    fonts = paper_fonts()

    def decorate(c: Canvas, number: int, total: int) -> None:
        width, height = c._pagesize  # type: ignore[attr-defined]  # set by Canvas()
        c.setFont(fonts.regular, 8)
        c.setFillColor(GREY)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        top = height - MARGIN + 2 * mm
        c.drawString(MARGIN, top, clip(running, fonts.regular, 8, width - 2 * MARGIN))
        c.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
        bottom = MARGIN - 2 * mm
        c.line(MARGIN, bottom + 5 * mm, width - MARGIN, bottom + 5 * mm)
        c.drawString(MARGIN, bottom + 1 * mm, f"Teks {short_hash}")
        c.setFillColor(INK)
        c.drawRightString(width - MARGIN, bottom + 1 * mm, f"Halaman {number} dari {total}")

    return numbered_canvas(decorate)

