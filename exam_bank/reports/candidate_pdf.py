"""The candidate report: identity, summary, competency profile against the post's
standard (chart and table), potential scales, makalah grades, incidents, receipt."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from exam_bank.pdfpages import clip
from exam_bank.record.facts import CandidateRecord
from exam_bank.record.words import lines, lost_time
from exam_bank.reports.model import ReportCandidate, ReportExam, pretty_key
from exam_bank.reports.pdfbase import (
    OK_GREEN,
    SHORT_RED,
    STANDARD_GREY,
    Styles,
    esc,
    render,
    styles,
    table,
    title_block,
)
from exam_bank.reports.ranking_pdf import eligibility_note
from exam_bank.reports.summary import STATUS_NOTES, angka, waktu
from exam_bank.roster.cards import GREY, INK, RULE
from exam_bank.roster.values import nip_spaced
from exam_bank.scoring.ninebox import nine_box_label
from exam_bank.scoring.ranking import RankedEntry

TITLE = "LAPORAN HASIL PENILAIAN KOMPETENSI PESERTA"


def candidate_pdf(exam: ReportExam, c: ReportCandidate, entry: RankedEntry | None,
                  ranked_count: int) -> bytes:
    """One candidate's report; `entry` is their line in the post's ranking."""
    st = styles()
    width = _frame_width()
    parts: list[Flowable] = title_block(exam, st, TITLE)
    parts += _identity(exam, c, st, width)
    parts += _summary(exam, c, entry, ranked_count, st, width)
    parts += _competencies(exam, c, st, width)
    parts += _scales(c, st, width)
    parts += _makalah(exam, c, st, width)
    parts += _incidents(exam, c, st, width)
    return render(parts, exam, f"Laporan peserta {c.participant_no}")


def _frame_width() -> float:
    from reportlab.lib.pagesizes import A4

    from exam_bank.reports.pdfbase import MARGIN
    return float(A4[0] - 2 * MARGIN)


def _pairs(rows: list[tuple[str, str]], st: Styles, width: float, label_w: float = 42 * mm
           ) -> Table:
    data = [[Paragraph(esc(k), st.small), Paragraph(esc(v), st.cell)] for k, v in rows]
    t = Table(data, colWidths=[label_w, width - label_w])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def _identity(exam: ReportExam, c: ReportCandidate, st: Styles, width: float
              ) -> list[Flowable]:
    position = exam.positions.get(c.position_code)
    rows = [
        ("Nomor peserta", c.participant_no),
        ("Nama", c.name),
        ("NIP", nip_spaced(c.nip)),
        ("Jabatan yang dilamar", c.position_name),
    ]
    if position is not None and position.unit:
        rows.append(("Unit kerja", position.unit))
    submitted = (f"{waktu(exam.local(c.submitted_at))} {exam.zone_label}".rstrip()
                 if c.submitted_at else "–")
    rows.append(("Waktu mengumpulkan", submitted))
    rows.append(("Kode tanda terima", c.receipt_code or "–"))
    return [Paragraph("Identitas Peserta", st.heading), _pairs(rows, st, width)]


def _summary(exam: ReportExam, c: ReportCandidate, entry: RankedEntry | None,
             ranked_count: int, st: Styles, width: float) -> list[Flowable]:
    s = c.score
    band = s.jpm_band.label if s.jpm_band else "–"
    meets = "–" if entry is None else ("Ya" if entry.meets_standard else "Tidak")
    if entry is None:
        rank = "–"
    elif entry.rank is None:
        rank = f"Belum diperingkat ({STATUS_NOTES[entry.status].lower()})"
    else:
        rank = f"{entry.rank} dari {ranked_count}" + (" (tiga besar)" if entry.top else "")
    box = (f"Kotak {s.nine_box} — {nine_box_label(s.nine_box)}" if s.nine_box is not None
           else "Belum dapat ditempatkan (data SKP belum ada)")
    rows = [
        ("Job Person Match (JPM)", f"{angka(s.jpm)} %" if s.jpm is not None else "–"),
        ("Kategori", band),
        ("Memenuhi syarat", meets),
        ("Peringkat pada jabatan", rank),
        ("Nilai SKP (kinerja)", angka(c.performance)),
        ("Potensi (sumbu 9-box)", angka(s.potential)),
        ("Posisi 9-box", box),
    ]
    return [Paragraph("Ringkasan Hasil", st.heading), _pairs(rows, st, width),
            Paragraph(esc(eligibility_note(exam)), st.small)]


def _competencies(exam: ReportExam, c: ReportCandidate, st: Styles, width: float
                  ) -> list[Flowable]:
    comps = c.score.competencies
    head = [Paragraph("Kompetensi", st.head)] + [
        Paragraph(h, st.head_right) for h in ("Standar", "Capaian", "Selisih", "Skor", "Persen")]
    rows: list[list[object]] = [[*head]]
    for k in comps:
        gap = "–" if k.gap is None else (f"+{k.gap}" if k.gap > 0 else str(k.gap))
        rows.append([Paragraph(esc(exam.competency_name(k.competency)), st.cell),
                     "–" if k.standard is None else str(k.standard), str(k.level), gap,
                     f"{angka(k.raw, 1)} / {angka(k.max, 1)}", f"{angka(k.percent, 1)} %"])
    cols = [width - 5 * 22 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm]
    t = table(rows, cols, align_right=(1, 2, 3, 4, 5))
    _font_cells(t, st, len(rows))
    shortfalls = [i for i, k in enumerate(comps) if k.gap is not None and k.gap < 0]
    for i in shortfalls:
        t.setStyle(TableStyle([("TEXTCOLOR", (3, i + 1), (3, i + 1), SHORT_RED)]))
    parts: list[Flowable] = [Paragraph("Profil Kompetensi terhadap Standar Jabatan", st.heading)]
    if comps:
        parts.append(_chart(exam, c, st, width))
        parts.append(Spacer(1, 2 * mm))
    # Kept whole (a page's worth at most) so no header is stranded with a row or two.
    block: list[Flowable] = [t]
    if c.score.not_assessed:
        names = ", ".join(exam.competency_name(k) for k in c.score.not_assessed)
        block.append(Paragraph(esc(f"Tidak diukur dalam ujian ini: {names}."), st.small))
    parts.append(KeepTogether(block))
    return parts


def _font_cells(t: Table, st: Styles, n_rows: int) -> None:
    t.setStyle(TableStyle([("FONTNAME", (0, 1), (-1, n_rows - 1), st.regular),
                           ("FONTSIZE", (0, 1), (-1, n_rows - 1), 8.5),
                           ("TEXTCOLOR", (0, 1), (-1, n_rows - 1), INK)]))


def _chart(exam: ReportExam, c: ReportCandidate, st: Styles, width: float) -> Drawing:
    """Horizontal bars per competency, first competency on top: the post's standard
    (grey) and the level attained (green when it reaches the standard, red below).

    Built from reportlab.graphics shapes rather than the chart widget: the widget costs
    ~0.1 s per drawing, a tenth of a whole 54-candidate report set's budget."""
    comps = c.score.competencies
    row_h, bar_h = 8.5 * mm, 3.2 * mm
    label_w, legend_h, axis_h = 62 * mm, 8 * mm, 10 * mm
    plot_x, plot_w = label_w, width - label_w - 6 * mm
    plot_h = len(comps) * row_h
    height = legend_h + plot_h + axis_h
    d = Drawing(width, height)
    top = axis_h + plot_h
    for level in range(6):
        x = plot_x + plot_w * level / 5
        d.add(Line(x, axis_h, x, top, strokeColor=RULE, strokeWidth=0.4 if level else 0.8))
        d.add(String(x, axis_h - 3.5 * mm, str(level), fontName=st.regular, fontSize=8,
                     fillColor=GREY, textAnchor="middle"))
    d.add(String(plot_x + plot_w / 2, 1 * mm, "Level (1–5)", fontName=st.regular,
                 fontSize=8, fillColor=GREY, textAnchor="middle"))
    for i, k in enumerate(comps):
        y = top - (i + 1) * row_h
        mid = y + row_h / 2
        d.add(String(plot_x - 2 * mm, mid - 2.8, clip(exam.competency_name(
            k.competency), st.regular, 8, label_w - 4 * mm), fontName=st.regular, fontSize=8,
                     fillColor=INK, textAnchor="end"))
        standard = k.standard or 0
        short = k.standard is not None and k.level < k.standard
        # The ignores below: types-reportlab types Rect's **kw without Unpack.
        d.add(Rect(plot_x, mid + 0.3 * mm, plot_w * k.level / 5, bar_h,
                   strokeColor=None, fillColor=SHORT_RED if short else OK_GREEN))  # type: ignore[arg-type]
        d.add(Rect(plot_x, mid - 0.3 * mm - bar_h, plot_w * standard / 5, bar_h,
                   strokeColor=None, fillColor=STANDARD_GREY))  # type: ignore[arg-type]
    keys = ((OK_GREEN, "Capaian memenuhi standar"), (SHORT_RED, "Capaian di bawah standar"),
            (STANDARD_GREY, "Standar jabatan"))
    steps = [5 * mm + stringWidth(text, st.regular, 8) for _, text in keys]
    x = plot_x + plot_w - sum(steps) - 6 * mm * (len(keys) - 1)  # ends where the plot ends
    for (color, text), step in zip(keys, steps, strict=True):
        d.add(Rect(x, height - 4 * mm, 3.5 * mm, 3.5 * mm, strokeColor=None, fillColor=color))  # type: ignore[arg-type]
        d.add(String(x + 5 * mm, height - 3.6 * mm, text, fontName=st.regular, fontSize=8,
                     fillColor=INK))
        x += step + 6 * mm
    return d




def _scales(c: ReportCandidate, st: Styles, width: float) -> list[Flowable]:
    if not c.score.scales:
        return []
    head = [Paragraph("Skala", st.head)] + [
        Paragraph(h, st.head_right) for h in ("Rata-rata (1–5)", "Persen", "Dijawab")]
    rows: list[list[object]] = [[*head]]
    for s in c.score.scales:
        rows.append([Paragraph(esc(pretty_key(s.scale)), st.cell), angka(s.mean),
                     f"{angka(s.percent, 1)} %" if s.percent is not None else "–",
                     f"{s.answered} dari {s.items}"])
    t = table(rows, [width - 3 * 30 * mm, 30 * mm, 30 * mm, 30 * mm], align_right=(1, 2, 3))
    _font_cells(t, st, len(rows))
    return [KeepTogether([Paragraph("Inventori Potensi (Skala Likert)", st.heading), t])]


def _makalah(exam: ReportExam, c: ReportCandidate, st: Styles, width: float
             ) -> list[Flowable]:
    if not exam.makalah_required and c.makalah is None:
        return []
    m = c.makalah
    if m is None:
        rows = [("Nilai akhir", "Belum dinilai")]
    else:
        rows = [(f"Penilai {i}", angka(g)) for i, g in enumerate(m.grades, start=1)]
        if m.needs_third and len(m.grades) < 3:
            rows.append(("Penilai 3", "Diperlukan: selisih dua penilai melebihi batas"))
        rows.append(("Nilai akhir", "Belum dinilai" if m.final is None else angka(m.final)))
        if m.note:
            rows.append(("Keterangan", m.note))
    return [KeepTogether([Paragraph("Makalah (Uji Gagasan)", st.heading),
                          _pairs(rows, st, width)])]


def _incidents(exam: ReportExam, c: ReportCandidate, st: Styles, width: float
               ) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("Catatan Kejadian selama Ujian", st.heading)]
    if c.record is not None:
        return parts + _record(exam, c.record, st, width)
    if not c.incidents:
        parts.append(Paragraph("Tidak ada kejadian yang dicatat.", st.body))
        return parts
    rows: list[list[object]] = [[Paragraph(h, st.head) for h in (_waktu(exam), "Jenis",
                                                                   "Keterangan")]]
    for inc in sorted(c.incidents, key=lambda i: i.time):
        rows.append([exam.local(inc.time).strftime("%H.%M.%S"), Paragraph(esc(inc.kind), st.cell),
                     Paragraph(esc(inc.note or "–"), st.cell)])
    t = table(rows, [22 * mm, 45 * mm, width - 67 * mm])
    _font_cells(t, st, len(rows))
    parts.append(t)
    return parts


def _waktu(exam: ReportExam) -> str:
    """The time column's head, with the exam's zone ("Waktu (WITA)")."""
    return f"Waktu ({exam.zone_label})" if exam.zone_label else "Waktu"


def _record(exam: ReportExam, record: CandidateRecord, st: Styles, width: float
            ) -> list[Flowable]:
    """The proctor's actions and the incidents from the sealed log, one line per fact,
    and the time the candidate lost (the same lines the berita acara prints)."""
    found = lines(record.entries, exam.sections, exam.timezone)
    if not found:
        return [Paragraph("Tidak ada tindakan pengawas maupun kejadian yang tercatat pada "
                          "log ujian peserta ini.", st.body)]
    rows: list[list[object]] = [[Paragraph(h, st.head) for h in (_waktu(exam), "Kejadian",
                                                                   "Tercatat")]]
    for line in found:
        count = f"{line.count} kali" if line.count > 1 else "1 kali"
        rows.append([line.when, Paragraph(esc(line.text), st.cell), count])
    t = table(rows, [24 * mm, width - 44 * mm, 20 * mm], align_right=(2,))
    _font_cells(t, st, len(rows))
    parts: list[Flowable] = [t]
    lost = lost_time(record)
    if lost:
        parts += [Spacer(1, 2 * mm), Paragraph(esc(lost + "."), st.body)]
    parts.append(Paragraph("Sumber: log ujian dan catatan pengawas yang disegel (setiap "
                           "tindakan pengawas tercatat dengan waktu, nama pengawas dan "
                           "alasannya).", st.small))
    return parts
