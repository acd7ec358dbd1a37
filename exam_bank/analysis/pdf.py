"""The item analysis as the committee reads it: an Indonesian PDF (landscape A4, the
selection reports' look), flagged items first, each with its reason in words and the
office's decision, then every item, the scales, rater agreement, DIF and definitions."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from exam_bank.analysis.classical import ItemStats
from exam_bank.analysis.flags import GROUP_NAMES
from exam_bank.analysis.likert import LikertItem
from exam_bank.analysis.release import ReleaseState
from exam_bank.analysis.run import Analysis, ItemReport
from exam_bank.analysis.tables import decision_text
from exam_bank.reports.model import ReportExam, pretty_key
from exam_bank.reports.pdfbase import MARGIN, Styles, esc, render, styles, table, title_block
from exam_bank.reports.summary import angka, waktu

TITLE = "TELAAH BUTIR SOAL"
TYPES = {"mc": "PG", "mr": "PG kompleks", "sjt": "SJT", "likert": "Likert"}
WIDTH = landscape(A4)[0] - 2 * MARGIN

DEFINITIONS = (
    ("p (tingkat kesukaran)", "rata-rata skor butir dibagi skor maksimumnya: untuk butir "
     "benar/salah, proporsi peserta yang menjawab benar; untuk SJT, rata-rata bobot opsi "
     "yang dipilih dibagi bobot tertinggi."),
    ("r butir–sisa", "korelasi skor butir dengan skor peserta pada butir lain di formnya "
     "(butir itu sendiri tidak ikut dihitung). Di bawah 0,20 daya bedanya lemah; negatif "
     "berarti peserta yang lebih kuat justru lebih rendah skornya pada butir ini."),
    ("r butir–total", "korelasi point-biserial skor butir dengan skor total (butir ikut "
     "dihitung)."),
    ("Indeks D", "rata-rata skor butir pada 27% peserta dengan skor total tertinggi "
     "dikurangi rata-ratanya pada 27% terendah."),
    ("Pengecoh", "opsi yang bukan kunci. Pengecoh yang lebih banyak dipilih kelompok atas "
     "daripada kelompok bawah menandakan opsi itu mungkin juga benar atau kuncinya keliru."),
    ("Kesesuaian kunci SJT", "korelasi bobot opsi dengan selisih proporsi pemilihnya di "
     "kelompok atas dan kelompok bawah; rendah atau negatif berarti pembobotan tidak sejalan "
     "dengan pilihan peserta terkuat."),
    ("Alpha Cronbach", "reliabilitas skala inventori; di bawah 0,60 dinilai rendah."),
    ("ICC", "koefisien korelasi intrakelas (Shrout & Fleiss 1979) antara penilaian makalah: "
     "1 berarti penilai sepenuhnya sepakat."),
    ("DIF Mantel–Haenszel", "perbedaan peluang menjawab benar antara dua kelompok peserta "
     "berkemampuan setara; kelas ETS A (dapat diabaikan), B (sedang), C (besar: butir "
     "ditandai)."),
)


def _r(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "–"
    return angka(0.0 if abs(value) < 0.005 else value, 2)  # never "-0,00"


def _p(st: Styles, text: str, bold: bool = False) -> Paragraph:
    return Paragraph(esc(text), st.cell_bold if bold else st.cell)


def _head(st: Styles, labels: Sequence[str]) -> list[object]:
    return [Paragraph(esc(label), st.head) for label in labels]


def _table(st: Styles, rows: list[list[object]], widths: Sequence[float],
           align_right: Sequence[int] = ()) -> Flowable:
    """`table` with plain-text cells set in the report's font, right-aligned where
    asked (reportlab would draw a bare string in its default Helvetica)."""
    def cell(value: object, column: int) -> object:
        if not isinstance(value, str):
            return value
        return Paragraph(esc(value), st.cell_right if column in align_right else st.cell)

    body = [rows[0], *([cell(v, c) for c, v in enumerate(row)] for row in rows[1:])]
    return table(body, widths, align_right=align_right)


def _status(st: Styles, state: ReleaseState | None) -> list[Flowable]:
    if state is None:
        return []
    banner = state.banner()
    if banner:
        text = (f"Status: {banner}. Peringkat dan kotak 9 (9-box) belum final sampai setiap "
                "butir yang ditandai diputuskan — dipertahankan atau dikeluarkan dari "
                "penilaian — dengan alasan tertulis dan nama yang memutuskan.")
    else:
        excluded = len(state.excluded)
        text = ("Status: telaah butir selesai; setiap butir yang ditandai telah diputuskan"
                + (f" ({excluded} butir dikeluarkan dari penilaian)." if excluded else "."))
    return [Paragraph(esc(text), st.body), Spacer(1, 2 * mm)]


def _flagged_table(st: Styles, items: Sequence[ItemReport], state: ReleaseState | None,
                   name: Callable[[str], str]) -> Flowable:
    rows: list[list[object]] = [_head(st, ["Butir", "Jenis", "Kompetensi / skala", "n",
                                           "p", "r butir–sisa", "Indeks D",
                                           "Alasan ditandai", "Keputusan"])]
    for r in items:
        s = r.stats
        difficulty = s.difficulty if isinstance(s, ItemStats) else None
        d_index = s.upper_lower if isinstance(s, ItemStats) else None
        rows.append([_p(st, r.item_id, True), _p(st, TYPES.get(r.type, r.type)),
                     _p(st, name(r.competency)), str(s.n), _r(difficulty), _r(s.r_item_rest),
                     _r(d_index), _p(st, " ".join(f.reason for f in r.flags)),
                     _p(st, decision_text(state, r.item_id))])
    widths = [24 * mm, 13 * mm, 32 * mm, 10 * mm, 12 * mm, 17 * mm, 14 * mm, 90 * mm]
    widths.append(WIDTH - sum(widths))
    return _table(st, rows, widths, align_right=(3, 4, 5, 6))


def _options_table(st: Styles, items: Sequence[ItemReport]) -> Flowable | None:
    rows: list[list[object]] = [_head(st, ["Butir", "Opsi", "Bobot", "Kunci",
                                           "Kelompok atas", "Kelompok bawah", "Semua"])]
    for r in items:
        if not isinstance(r.stats, ItemStats):
            continue
        for o in r.stats.options:
            rows.append([_p(st, r.item_id), o.option, angka(o.weight, 0),
                         "ya" if o.keyed else "", f"{o.upper * 100:.0f}%",
                         f"{o.lower * 100:.0f}%", f"{o.overall * 100:.0f}%"])
    if len(rows) == 1:
        return None
    return _table(st, rows, [30 * mm, 16 * mm, 16 * mm, 14 * mm, 26 * mm, 26 * mm, 20 * mm],
                 align_right=(2, 4, 5, 6))


def _all_choice(st: Styles, items: Sequence[ItemReport],
                name: Callable[[str], str]) -> Flowable:
    rows: list[list[object]] = [_head(st, ["Butir", "Jenis", "Kompetensi", "n", "p",
                                           "Rerata skor", "r butir–total", "r butir–sisa",
                                           "Indeks D", "Kunci SJT", "Ditandai"])]
    for r in sorted(items, key=lambda r: r.item_id):
        s = r.stats
        assert isinstance(s, ItemStats)
        rows.append([r.item_id, TYPES.get(r.type, r.type), _p(st, name(r.competency)), str(s.n),
                     _r(s.difficulty), _r(s.mean_raw), _r(s.r_item_total),
                     _r(s.r_item_rest), _r(s.upper_lower), _r(s.key_agreement),
                     "ya" if r.flagged else ""])
    widths = [30 * mm, 20 * mm, 50 * mm, 12 * mm, 20 * mm, 20 * mm, 22 * mm, 22 * mm,
              18 * mm, 20 * mm]
    widths.append(WIDTH - sum(widths))
    return _table(st, rows, widths, align_right=(3, 4, 5, 6, 7, 8, 9))


def _scales(st: Styles, analysis: Analysis) -> list[Flowable]:
    if not analysis.scales:
        return [Paragraph("Ujian ini tidak memuat skala inventori.", st.body)]
    rows: list[list[object]] = [_head(st, ["Skala", "Butir per form", "Peserta", "Alpha",
                                           "Catatan"])]
    for s in analysis.scales:
        rows.append([_p(st, pretty_key(s.scale)), angka(s.k, 0), str(s.candidates), _r(s.alpha),
                     _p(st, analysis.scale_notes.get(s.scale, ""))])
    parts: list[Flowable] = [_table(st, rows, [60 * mm, 28 * mm, 20 * mm, 20 * mm, 120 * mm],
                                   align_right=(1, 2, 3))]
    items = [r for r in analysis.items if isinstance(r.stats, LikertItem)]
    rows = [_head(st, ["Butir", "Skala", "Kunci terbalik", "n", "Rerata (dikunci)",
                       "r butir–sisa", "r sebelum dibalik", "Ditandai"])]
    for r in sorted(items, key=lambda r: (r.competency, r.item_id)):
        li = r.stats
        assert isinstance(li, LikertItem)
        rows.append([li.item_id, _p(st, pretty_key(li.scale)), "ya" if li.reverse else "",
                     str(li.n),
                     _r(li.mean_point), _r(li.r_item_rest),
                     _r(li.r_raw_rest) if li.reverse else "", "ya" if r.flagged else ""])
    parts += [Spacer(1, 3 * mm),
              _table(st, rows, [30 * mm, 60 * mm, 24 * mm, 14 * mm, 28 * mm, 26 * mm, 30 * mm,
                           20 * mm], align_right=(3, 4, 5, 6))]
    return parts


def _raters(st: Styles, analysis: Analysis) -> list[Flowable]:
    raters = analysis.raters
    if raters is None or raters.papers == 0:
        return [Paragraph("Belum ada makalah yang dinilai dua penilai.", st.body)]
    rows: list[list[object]] = [
        _head(st, ["Ukuran", "Nilai", "Keterangan"]),
        ["Makalah dengan dua penilaian", str(raters.papers), ""],
        ["ICC(1,1)", _r(raters.icc_1_1), _p(st, "penilai berbeda dari makalah ke makalah")],
        ["Selisih rata-rata dua penilaian pertama", _r(raters.mean_abs_difference), "poin"],
        ["Proporsi yang memerlukan penilai ketiga",
         "–" if raters.third_rate is None else f"{raters.third_rate * 100:.0f}%",
         _p(st, f"selisih lebih dari {angka(analysis.config.margin, 0)} poin")],
    ]
    rows += [[_p(st, f"ICC(2,1) {p.first} – {p.second}"), _r(p.icc_2_1),
              f"{p.papers} makalah"] for p in raters.pairs]
    rows += [[_p(st, f"Kemurahan {a}"), _r(v),
              _p(st, "rata-rata selisih dengan penilai lain pada makalah yang sama")]
             for a, v in raters.leniency.items()]
    return [_table(st, rows, [90 * mm, 30 * mm, 100 * mm], align_right=(1,))]


def _dif(st: Styles, analysis: Analysis) -> list[Flowable]:
    if not analysis.dif_fields:
        return [Paragraph("Tidak dihitung: daftar peserta tidak memuat kelompok (jenis "
                          "kelamin, instansi, atau wilayah).", st.body)]
    results = [d for r in analysis.items for d in r.dif]
    fields = ", ".join(GROUP_NAMES.get(f, f) for f in analysis.dif_fields)
    if not results:
        return [Paragraph(esc(f"Kelompok tersedia: {fields}. Tidak dihitung: setiap kelompok "
                              f"memerlukan sedikitnya {analysis.config.dif_min_group} "
                              "peserta."), st.body)]
    shown = [d for d in results if d.mh.ets_class in ("B", "C")]
    parts: list[Flowable] = [Paragraph(esc(
        f"Kelompok: {fields}. {len(results)} perbandingan butir dihitung; "
        f"{sum(d.mh.ets_class == 'C' for d in results)} berkelas C, "
        f"{sum(d.mh.ets_class == 'B' for d in results)} berkelas B, sisanya A."), st.body)]
    if shown:
        rows: list[list[object]] = [_head(st, ["Butir", "Kelompok", "Acuan", "Fokus",
                                               "n acuan", "n fokus", "Δ MH", "p", "Kelas"])]
        for d in sorted(shown, key=lambda d: (d.mh.ets_class != "C", d.item_id)):
            rows.append([d.item_id, GROUP_NAMES.get(d.field, d.field), _p(st, d.reference),
                         _p(st, d.focal), str(d.n_reference), str(d.n_focal), _r(d.mh.delta),
                         _r(d.mh.p_value), d.mh.ets_class])
        parts += [Spacer(1, 2 * mm),
                  _table(st, rows, [30 * mm, 26 * mm, 40 * mm, 40 * mm, 18 * mm, 18 * mm, 18 * mm,
                               18 * mm, 14 * mm], align_right=(4, 5, 6, 7))]
    return parts


def analysis_pdf(analysis: Analysis, exam: ReportExam, state: ReleaseState | None) -> bytes:
    st = styles()
    scope = f"Sesi {analysis.session}" if analysis.session else "Semua sesi"
    flagged = analysis.flagged
    choice = [r for r in analysis.items if isinstance(r.stats, ItemStats)]
    lines = [f"{scope} · {analysis.candidates} peserta · {len(analysis.items)} butir "
             f"dianalisis · {len(flagged)} butir ditandai"]
    few = analysis.too_few
    if few:
        lines.append(f"{len(few)} butir dijawab kurang dari {analysis.config.min_n} peserta: "
                     "statistiknya ditampilkan, tetapi tidak dapat ditandai")
    parts: list[Flowable] = title_block(exam, st, TITLE, lines)
    parts += _status(st, state if analysis.session is None else None)
    parts.append(Paragraph("A. Butir yang ditandai", st.heading))
    if flagged:
        parts.append(_flagged_table(st, flagged, state, exam.competency_name))
        options = _options_table(st, [r for r in flagged if r.type in ("mc", "sjt")])
        if options is not None:
            parts += [Paragraph("B. Sebaran pilihan pada butir yang ditandai", st.heading),
                      options]
    else:
        parts.append(Paragraph("Tidak ada butir yang ditandai.", st.body))
    parts += [Paragraph("C. Semua butir pilihan", st.heading),
              _all_choice(st, choice, exam.competency_name)]
    parts += [Paragraph("D. Skala inventori (Likert)", st.heading), *_scales(st, analysis)]
    parts += [Paragraph("E. Kesepakatan penilai makalah", st.heading),
              *_raters(st, analysis)]
    parts += [Paragraph("F. Keberfungsian butir antarkelompok (DIF)", st.heading),
              *_dif(st, analysis)]
    notes: list[Flowable] = [Paragraph("Keterangan", st.heading)]
    notes += [Paragraph(f"<b>{esc(term)}</b>: {esc(text)}", st.small)
              for term, text in DEFINITIONS]
    notes.append(Paragraph(esc(
        f"Butir pada kelompok kurang dari {analysis.config.min_n} peserta tidak ditandai. "
        "Penandaan adalah bahan pertimbangan panitia, bukan putusan."), st.small))
    if state is not None and state.analysed_at:
        notes.append(Paragraph(esc(f"Telaah butir terakhir dicatat {waktu_iso(state, exam)}."),
                               st.small))
    parts.append(KeepTogether(notes))
    return render(parts, exam, TITLE, wide=True)


def waktu_iso(state: ReleaseState, exam: ReportExam) -> str:
    import datetime as dt

    assert state.analysed_at is not None
    moment = exam.local(dt.datetime.fromisoformat(state.analysed_at))
    return f"{waktu(moment)} {exam.zone_label}".rstrip()
