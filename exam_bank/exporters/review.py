"""The review document (lembar telaah soal): chosen items printed for a committee.

One block per item: its id and type, competency, level, topic, author, review status and
reviewer, source (bank file and line), the text with key or weights, and room for the
reviewer's notes and verdict. Written as Word (.docx, to annotate on screen) or PDF (to
print). Indonesian only, like every document Ujikom prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exam_bank.competencies import CompetencyCatalog
from exam_bank.items.media import case_shown, stem_shown
from exam_bank.items.model import Item, ItemType, MrScoring

TYPE_NAMES = {ItemType.MC: "Pilihan ganda", ItemType.MR: "Pilihan ganda kompleks",
              ItemType.SJT: "SJT (penilaian situasi)", ItemType.LIKERT: "Likert",
              ItemType.MAKALAH: "Makalah"}
STATUS_NAMES = {"draft": "draf (belum ditelaah)", "reviewed": "sudah ditelaah",
                "approved": "disetujui", "retired": "tidak dipakai"}
VERDICT = "Keputusan:  \u2610 layak   \u2610 perbaiki   \u2610 tolak"
SIGNATURE = "Penelaah: ______________________   Tanggal: ____________   Paraf: ______"


@dataclass(frozen=True)
class Entry:
    """One item as the review document shows it."""

    item: Item
    source: str  # "items/umum.toml:12"


def facts(entry: Entry, catalog: CompetencyCatalog) -> list[tuple[str, str]]:
    """The item's metadata rows, in the order a reviewer reads them."""
    item = entry.item
    competency = (catalog[item.competency].name if item.competency in catalog
                  else item.competency)
    rows = [("Kompetensi", f"{competency} ({item.competency})"), ("Level", str(item.level)),
            ("Topik", item.topic or "-"), ("Penyusun", item.author or "-"),
            ("Status telaah", STATUS_NAMES.get(str(item.review), str(item.review))),
            ("Ditelaah oleh", " ".join(filter(None, (
                item.reviewed_by, f"({_tanggal(item.reviewed_on)})" if item.reviewed_on
                else ""))) or "-"), ("Sumber", entry.source)]
    if item.tags:
        rows.insert(3, ("Tag", ", ".join(item.tags)))
    if item.likert is not None:
        rows.append(("Skala", f"{item.likert.scale}; skor "
                     f"{'terbalik' if item.likert.reverse else 'biasa'}"))
    if item.makalah is not None:
        m = item.makalah
        words = (f"{m.word_min}-{m.word_max} kata" if m.word_max else
                 f"min. {m.word_min} kata" if m.word_min else "jumlah kata bebas")
        rows.append(("Makalah", f"{m.time_limit_min} menit; {words}; "
                     f"{len(m.rubric)} kriteria rubrik"))
    if item.type == ItemType.MR:
        rows.append(("Penskoran", "sebagian (jumlah bobot)" if item.mr_scoring ==
                     MrScoring.PARTIAL else f"semua benar = {_num(item.points)} poin"))
    return rows


def _tanggal(iso: str) -> str:
    """A review date as the committee writes it: 20 November 2026."""
    import datetime as dt

    from exam_bank.roster.cards import tanggal_indonesia

    return tanggal_indonesia(dt.date.fromisoformat(iso))


def option_note(item: Item, index: int) -> str:
    """Key mark and weight of option `index`, as the reviewer checks them."""
    option = item.options[index]
    parts = []
    if option.correct:
        parts.append("KUNCI")
    if item.type == ItemType.SJT or any(o.weight not in (0.0, 1.0) for o in item.options) or (
            item.type == ItemType.MR and item.mr_scoring == MrScoring.PARTIAL):
        parts.append(f"bobot {_num(option.weight)}")
    return "; ".join(parts)


def _num(value: float) -> str:
    return (str(int(value)) if float(value).is_integer() else str(value)).replace(".", ",")


def write_review_docx(path: Path, entries: Sequence[Entry], media: Mapping[str, bytes],
                      catalog: CompetencyCatalog, bank_name: str) -> None:
    import docx
    from docx.shared import Cm, Pt

    from exam_bank.exporters.word import write_html

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading("Lembar Telaah Soal", level=1)
    document.add_paragraph(f"Bank soal: {bank_name}. Jumlah soal: {len(entries)}.")
    for number, entry in enumerate(entries, start=1):
        item = entry.item
        document.add_heading(f"{number}. {item.id} \u2014 {TYPE_NAMES[item.type]}", level=2)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in facts(entry, catalog):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
            cells[0].paragraphs[0].runs[0].bold = True
            cells[0].width, cells[1].width = Cm(3.5), Cm(13.5)
        _grid(table, (Cm(3.5), Cm(13.5)))
        _docx_text(document, "Soal" if item.type != ItemType.MAKALAH else "Petunjuk",
                   item.makalah.instructions if item.makalah else stem_shown(item), media,
                   write_html)
        if item.makalah is not None and case_shown(item):
            _docx_text(document, "Bahan kasus", case_shown(item), media, write_html)
        if item.options:
            options = document.add_table(rows=0, cols=3)
            options.style = "Table Grid"
            for index, option in enumerate(item.options):
                cells = options.add_row().cells
                cells[0].text = option.id
                write_html(cells[1], option.text, media)
                cells[2].text = option_note(item, index)
                if option.correct:
                    for run in cells[2].paragraphs[0].runs:
                        run.bold = True
                for cell, width in zip(cells, (Cm(1.0), Cm(12.5), Cm(3.5)), strict=True):
                    cell.width = width
            _grid(options, (Cm(1.0), Cm(12.5), Cm(3.5)))
        notes = document.add_table(rows=1, cols=1)
        notes.style = "Table Grid"
        cell = notes.rows[0].cells[0]
        cell.paragraphs[0].add_run("Catatan penelaah:").bold = True
        for _ in range(4):
            cell.add_paragraph("")
        cell.add_paragraph(VERDICT)
        cell.add_paragraph(SIGNATURE)
    document.save(str(path))


def _grid(table: Any, widths: Sequence[int]) -> None:
    """Column widths in the table grid too: LibreOffice follows the grid, Word the cells."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _docx_text(document: Any, label: str, text: str, media: Mapping[str, bytes],
               write_html: Any) -> None:
    document.add_paragraph().add_run(f"{label}:").bold = True
    write_html(document, text, media)


# ---------------------------------------------------------------- PDF


def write_review_pdf(path: Path, entries: Sequence[Entry], media: Mapping[str, bytes],
                     catalog: CompetencyCatalog, bank_name: str) -> None:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from exam_bank.pdffonts import paper_fonts
    from exam_bank.pdfpages import numbered_canvas

    fonts = paper_fonts()
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11)
    label = ParagraphStyle("label", parent=small, fontName=fonts.bold)
    title = ParagraphStyle("title", parent=body, fontName=fonts.bold, fontSize=15, leading=19,
                           spaceAfter=4)
    heading = ParagraphStyle("heading", parent=body, fontName=fonts.bold, fontSize=11.5,
                             leading=15, spaceBefore=10, spaceAfter=4,
                             textColor=HexColor("#1f3b63"))
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, HexColor("#8a94a3")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("BACKGROUND", (0, 0), (0, -1), HexColor("#eef2f7"))])
    width = A4[0] - 36 * mm
    story: list[Any] = [Paragraph("Lembar Telaah Soal", title),
                        Paragraph(f"Bank soal: {_esc(bank_name)}. Jumlah soal: "
                                  f"{len(entries)}.", body)]
    for number, entry in enumerate(entries, start=1):
        item = entry.item
        head = [Paragraph(f"{number}. {_esc(item.id)} \u2014 {TYPE_NAMES[item.type]}", heading)]
        meta = Table([[Paragraph(k, label), Paragraph(_esc(v), small)]
                      for k, v in facts(entry, catalog)], colWidths=[32 * mm, width - 32 * mm])
        meta.setStyle(grid)
        block: list[Any] = [*head, meta]  # one item on one page where it fits
        text = item.makalah.instructions if item.makalah else stem_shown(item)
        block.append(Spacer(1, 4))
        block.append(Paragraph("Petunjuk:" if item.makalah else "Soal:", label))
        block += _pdf_blocks(text, media, body, width)
        if item.makalah is not None and case_shown(item):
            block.append(Paragraph("Bahan kasus:", label))
            block += _pdf_blocks(case_shown(item), media, body, width)
        if item.options:
            rows = [[Paragraph(o.id, label), _pdf_blocks(o.text, media, body, width - 60 * mm),
                     Paragraph(option_note(item, n), label if o.correct else small)]
                    for n, o in enumerate(item.options)]
            options = Table(rows, colWidths=[10 * mm, width - 45 * mm, 35 * mm])
            options.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, HexColor("#8a94a3")),
                                         ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            block += [Spacer(1, 4), options]
        notes = Table([[Paragraph("Catatan penelaah:", label)], [Spacer(1, 34 * mm)],
                       [Paragraph(VERDICT, small)], [Paragraph(SIGNATURE, small)]],
                      colWidths=[width])
        notes.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, HexColor("#4b5563"))]))
        block += [Spacer(1, 6), notes]
        story.append(KeepTogether(block))

    def footer(canvas: Any, page: int, total: int) -> None:
        canvas.setFont(fonts.regular, 8)
        canvas.drawString(18 * mm, 10 * mm, f"Lembar telaah soal \u2014 {bank_name}"[:90])
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Halaman {page} dari {total}")

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=18 * mm,
                            title="Lembar Telaah Soal")
    doc.build(story, canvasmaker=numbered_canvas(footer))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pdf_blocks(text: str, media: Mapping[str, bytes], style: Any, width: float) -> list[Any]:
    """Subset HTML as flowables, pictures scaled to fit (the one renderer every PDF uses)."""
    from exam_bank.richpdf import RichStyles, rich_flowables

    return rich_flowables(text, media, RichStyles(style), width)
