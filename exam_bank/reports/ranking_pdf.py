"""The ranking of one position for the selection committee: who leads, by how much,
who meets the standard, the top three set apart, unfinished candidates listed last."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from exam_bank.reports.model import ReportCandidate, ReportExam
from exam_bank.reports.pdfbase import (
    MARGIN,
    PENDING_FILL,
    Styles,
    esc,
    render,
    styles,
    table,
    title_block,
)
from exam_bank.reports.summary import STATUS_NOTES, angka
from exam_bank.roster.cards import INK
from exam_bank.roster.model import Position
from exam_bank.roster.values import nip_spaced
from exam_bank.scoring.ranking import TOP, PositionRanking

TITLE = "PERINGKAT HASIL PENILAIAN KOMPETENSI"
TOP_NOTE = "Tiga besar"
ORDER_NOTE = ("Urutan peringkat: JPM tertinggi; bila sama, nilai makalah tertinggi; lalu "
              "kekurangan terdalam terhadap standar pada satu kompetensi; lalu jumlah "
              "kekurangan terhadap standar; lalu nomor peserta. Peserta yang hasilnya belum "
              "lengkap dicantumkan di bawah tanpa peringkat.")


def review_notes(exam: ReportExam, st: Styles) -> list[Flowable]:
    """The items excluded from scoring after the item analysis, each with who and why."""
    return [Paragraph(esc(note), st.small) for note in exam.review_notes]


def eligibility_note(exam: ReportExam) -> str:
    """The one rule for "memenuhi syarat" and the top three, as the page states it."""
    eligible = " atau ".join(b.label for b in exam.scoring.eligible_bands) or "(tidak ada)"
    return (f"Memenuhi syarat: kategori JPM {eligible}. Usulan tiga besar: tiga peringkat "
            "teratas di antara peserta yang memenuhi syarat; peserta yang tidak memenuhi "
            "syarat tetap diperingkat tetapi tidak diusulkan.")


def _signature(st: Styles, width: float) -> Flowable:
    """Where the committee chair signs the ranking before it goes to the appointing
    official; kept whole so the name line never leaves its title."""
    lines = ["Ketua Panitia Seleksi,", "", "", "", "(" + "." * 48 + ")", "NIP " + "." * 40]
    block = Table([["", Paragraph(esc(line) or "&nbsp;", st.body)] for line in lines],
                  colWidths=[width - 80 * mm, 80 * mm])
    block.setStyle([("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    return KeepTogether([Spacer(1, 8 * mm), block])


def ranking_pdf(exam: ReportExam, position: Position, ranking: PositionRanking,
                candidates: Mapping[str, ReportCandidate]) -> bytes:
    """`candidates` by participant number (at least everyone in `ranking`)."""
    st = styles()
    width = landscape(A4)[0] - 2 * MARGIN
    lines = [f"Jabatan: {position.name}"]
    parts: list[Flowable] = title_block(exam, st, TITLE, lines)
    standard = " · ".join(f"{exam.competency_name(k)} {v}"
                          for k, v in position.standards.items())
    parts.append(Paragraph(esc(f"Standar kompetensi jabatan: {standard}."), st.small))
    bands = "; ".join(f"{b.label} ≥ {angka(b.min, 0)}" if b.min > 0 else b.label
                      for b in exam.scoring.jpm_bands)
    parts.append(Paragraph(esc(f"Kategori JPM: {bands}."), st.small))
    parts.append(Paragraph(esc(eligibility_note(exam)), st.small))
    # Above the table, so it can never be left alone on a last page.
    parts.append(Paragraph(esc(ORDER_NOTE), st.small))
    parts += review_notes(exam, st)
    parts.append(Spacer(1, 3 * mm))
    if ranking.provisional:
        parts.append(Paragraph(
            "<b>PERINGKAT SEMENTARA</b> — ada peserta yang hasilnya belum lengkap dan masih "
            f"dapat masuk {TOP} besar; jangan usulkan nama sebelum semua makalah dinilai.",
            st.body))
        parts.append(Spacer(1, 2 * mm))

    head = ["Peringkat", "No. Peserta", "Nama / NIP", "JPM (%)", "Kategori",
            "Memenuhi syarat", "Makalah", "Keterangan"]
    rows: list[list[object]] = [[Paragraph(h, st.head) for h in head]]
    highlight, pending = [], []
    for i, e in enumerate(ranking.entries):
        c = candidates[e.participant_no]
        note = STATUS_NOTES[e.status]
        if e.top:
            note = TOP_NOTE
            highlight.append(i)
        elif e.rank is None:
            pending.append(i)
        rows.append([
            "–" if e.rank is None else str(e.rank),
            Paragraph(esc(e.participant_no), st.cell),
            Paragraph(f"<b>{esc(c.name)}</b><br/>"
                      f"<font size=7 color='#6b7280'>NIP {esc(nip_spaced(c.nip))}</font>",
                      st.cell),
            angka(e.jpm),
            Paragraph(esc(e.band.label if e.band else "–"), st.cell),
            "Ya" if e.meets_standard else "Tidak",
            angka(e.makalah),
            Paragraph(esc(note), st.cell_bold if e.top else st.cell),
        ])
    for m in (m for m in exam.missing if m.position_code == position.code):
        pending.append(len(rows) - 1)
        rows.append(["–", Paragraph(esc(m.participant_no), st.cell),
                     Paragraph(f"<b>{esc(m.name)}</b><br/><font size=7 color='#6b7280'>NIP "
                               f"{esc(nip_spaced(m.nip))}</font>", st.cell),
                     "–", "–", "–", "–", Paragraph(esc(f"{m.words} (sesi {m.session_id})"),
                                                  st.cell)])
    widths = [18 * mm, 30 * mm, 0.0, 18 * mm, 38 * mm, 24 * mm, 18 * mm, 42 * mm]
    widths[2] = width - sum(widths)
    t = table(rows, widths, highlight=highlight, pending=pending, align_right=(0, 3, 6))
    t.setStyle([("FONTNAME", (0, 1), (-1, -1), st.regular), ("FONTSIZE", (0, 1), (-1, -1), 8.5),
                ("ALIGN", (5, 1), (5, -1), "CENTER")])
    if len(rows) == 1:
        parts.append(Paragraph("Tidak ada peserta yang mengikuti ujian untuk jabatan ini.",
                               st.body))
    else:
        parts.append(t)
    parts.append(_signature(st, width))
    return render(parts, exam, f"Peringkat {position.code}", wide=True)


SUMMARY_TITLE = "TIGA BESAR PER JABATAN"


def top_three_pdf(exam: ReportExam, rankings: Mapping[str, PositionRanking],
                  candidates: Mapping[str, ReportCandidate]) -> bytes:
    """One document for the committee's proposal: each post's top three, with a note
    where the ranking is still provisional or has fewer than three ranked."""
    st = styles()
    width = landscape(A4)[0] - 2 * MARGIN
    parts: list[Flowable] = title_block(exam, st, SUMMARY_TITLE)
    parts.append(Paragraph(esc(ORDER_NOTE), st.small))
    parts.append(Paragraph(esc(eligibility_note(exam)), st.small))
    parts += review_notes(exam, st)
    parts.append(Spacer(1, 3 * mm))
    head = ["Jabatan", "Peringkat", "No. Peserta", "Nama / NIP", "JPM (%)", "Kategori",
            "Makalah"]
    rows: list[list[object]] = [[Paragraph(h, st.head) for h in head]]
    cmds: list[tuple[Any, ...]] = []
    for code, ranking in rankings.items():
        position = exam.positions[code]
        first = len(rows)
        for e in ranking.top or [None]:
            c = candidates[e.participant_no] if e else None
            rows.append([
                Paragraph(f"<b>{esc(position.name)}</b>", st.cell),
                "–" if e is None else str(e.rank),
                Paragraph(esc(e.participant_no if e else "–"), st.cell),
                Paragraph("–" if c is None else f"<b>{esc(c.name)}</b><br/><font size=7 "
                          f"color='#6b7280'>NIP {esc(nip_spaced(c.nip))}</font>", st.cell),
                angka(e.jpm if e else None),
                Paragraph(esc(e.band.label if e and e.band else "–"), st.cell),
                angka(e.makalah if e else None),
            ])
        # One post, one block: its name spans its rows, a note row closes it if needed.
        cmds += [("SPAN", (0, first), (0, len(rows) - 1)),
                 ("LINEABOVE", (0, first), (-1, first), 1.2, INK)]
        note = _summary_note(ranking)
        if note:
            rows.append([Paragraph(f"<i>{esc(note)}</i>", st.cell), "", "", "", "", "", ""])
            cmds += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                     ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), PENDING_FILL)]
    widths = [55 * mm, 18 * mm, 28 * mm, 0.0, 18 * mm, 40 * mm, 18 * mm]
    widths[3] = width - sum(widths)
    t = table(rows, widths, align_right=(1, 4, 6))
    t.setStyle([("FONTNAME", (0, 1), (-1, -1), st.regular), ("FONTSIZE", (0, 1), (-1, -1), 8.5),
                ("VALIGN", (0, 1), (0, -1), "TOP"), ("BACKGROUND", (0, 1), (-1, -1), white),
                *cmds])
    parts.append(t)
    parts.append(_signature(st, width))
    return render(parts, exam, "Tiga besar per jabatan", wide=True)


def _summary_note(ranking: PositionRanking) -> str:
    notes = []
    if ranking.provisional:
        notes.append("Sementara: ada makalah yang belum dinilai; peserta itu masih dapat "
                     "masuk tiga besar.")
    if len(ranking.ranked) < TOP:
        notes.append(f"Hanya {len(ranking.ranked)} peserta yang dapat diperingkat.")
    return " ".join(notes)
