"""The 9-box talent grid: potential (columns, low → high) × SKP performance (rows, high on
top), each box with its number, label, head count and participant numbers, followed by
the full placement list and those who cannot be placed yet."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from exam_bank.reports.model import ReportCandidate, ReportExam
from exam_bank.reports.pdfbase import MARGIN, esc, render, styles, table, title_block
from exam_bank.reports.summary import NineBoxGrid, angka, nine_box_grid
from exam_bank.roster.cards import INK, RULE
from exam_bank.scoring.ninebox import (
    PERFORMANCE_GROUPS,
    POTENTIAL_GROUPS,
    nine_box_groups,
    nine_box_label,
)

TITLE = "PEMETAAN TALENTA (9-BOX): POTENSI × KINERJA"
# Boxes tinted by how far up and right they sit (sum of the two groups 0..4).
_TINTS = ("#fbe3e1", "#fdf0dc", "#f7f4dc", "#e6f2e1", "#d3ead6")


def _row_height(grid: NineBoxGrid, perf: int, cell_w: float, font: str) -> float:
    """A square-ish box (the grid should look like a grid), taller when its codes need it."""
    need = 0.0
    for box in range(1, 10):
        if nine_box_groups(box)[1] != perf:
            continue
        text = ", ".join(c.participant_no for c in grid.boxes[box])
        lines = math.ceil(stringWidth(text, font, 8) / (cell_w - 8 * mm)) if text else 1
        need = max(need, 9 * mm + lines * 10)
    return float(max(30 * mm, need))


def ninebox_pdf(exam: ReportExam, candidates: Sequence[ReportCandidate]) -> bytes:
    st = styles()
    width = landscape(A4)[0] - 2 * MARGIN
    grid = nine_box_grid(candidates)
    cfg = exam.scoring
    source = "JPM" if cfg.potential_source == "jpm" else "rata-rata skala potensi"
    lines = [f"Potensi: {source}; kinerja: nilai SKP"]
    parts: list[Flowable] = title_block(exam, st, TITLE, lines)
    parts.append(Paragraph(esc(
        f"Batas potensi: rendah < {angka(cfg.potential_cuts[0], 0)} ≤ menengah < "
        f"{angka(cfg.potential_cuts[1], 0)} ≤ tinggi. Batas kinerja: di bawah ekspektasi < "
        f"{angka(cfg.performance_cuts[0], 0)} ≤ sesuai < {angka(cfg.performance_cuts[1], 0)}"
        " ≤ di atas ekspektasi. Nilai tepat pada batas masuk kelompok yang lebih tinggi."),
        st.small))
    parts.append(Spacer(1, 3 * mm))

    row_head_w = 38 * mm
    cell_w = (width - row_head_w) / 3
    data: list[list[object]] = [[Paragraph("Kinerja ↓ / Potensi →", st.head),
                                 *(Paragraph(esc(g), st.head) for g in POTENTIAL_GROUPS)]]
    cmds: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), INK), ("BACKGROUND", (0, 1), (0, -1), INK),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 1), (0, -1), "MIDDLE"),
    ]
    for r, perf in enumerate((2, 1, 0), start=1):
        row: list[object] = [Paragraph(esc(PERFORMANCE_GROUPS[perf]), st.head)]
        for pot in range(3):
            box = next(b for b in range(1, 10) if nine_box_groups(b) == (pot, perf))
            members = grid.boxes[box]
            codes = ", ".join(esc(c.participant_no) for c in members) or "–"
            row.append([
                Paragraph(f"<b>Kotak {box}</b> · {len(members)} orang", st.cell_bold),
                Paragraph(codes, st.small),
            ])
            cmds.append(("BACKGROUND", (pot + 1, r), (pot + 1, r), HexColor(_TINTS[pot + perf])))
        data.append(row)
    heights = [None] + [_row_height(grid, perf, cell_w, st.small.fontName) for perf in (2, 1, 0)]
    grid_table = Table(data, colWidths=[row_head_w] + [cell_w] * 3, rowHeights=heights)
    grid_table.setStyle(TableStyle(cmds))
    parts.append(grid_table)
    placed = sum(len(v) for v in grid.boxes.values())
    parts.append(Spacer(1, 2 * mm))
    parts.append(Paragraph(esc(f"{placed} peserta ditempatkan; {len(grid.unplaced)} belum "
                               "dapat ditempatkan karena data SKP atau potensi belum ada."),
                           st.body))

    parts.append(PageBreak())
    parts.append(Paragraph("Daftar Penempatan", st.heading))
    head = ["Kotak", "No. Peserta", "Nama", "Jabatan yang dilamar", "Potensi", "SKP",
            "Keterangan"]
    rows: list[list[object]] = [[Paragraph(h, st.head) for h in head]]
    ordered = [c for b in range(9, 0, -1) for c in grid.boxes[b]] + list(grid.unplaced)
    for c in ordered:
        placed_in = c.score.nine_box
        rows.append([
            "–" if placed_in is None else str(placed_in),
            Paragraph(esc(c.participant_no), st.cell),
            Paragraph(esc(c.name), st.cell),
            Paragraph(esc(c.position_name), st.cell),
            angka(c.score.potential), angka(c.performance),
            Paragraph(esc(nine_box_label(placed_in) if placed_in is not None
                          else "Belum ada data SKP"), st.cell),
        ])
    widths = [14 * mm, 28 * mm, 0.0, 58 * mm, 18 * mm, 16 * mm, 70 * mm]
    widths[2] = width - sum(widths)
    t = table(rows, widths, align_right=(0, 4, 5),
              pending=[i for i, c in enumerate(ordered) if c.score.nine_box is None])
    t.setStyle([("FONTNAME", (0, 1), (-1, -1), st.regular), ("FONTSIZE", (0, 1), (-1, -1), 8.5)])
    parts.append(t)
    return render(parts, exam, "Pemetaan 9-box", wide=True)
