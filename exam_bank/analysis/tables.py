"""The item analysis as sheets for the analyst's workbook (`analisis-butir.xlsx`), built
with the report tables' `Sheet`/`xlsx_bytes` so formats match the other exports."""

from __future__ import annotations

import math

from exam_bank.analysis.classical import ItemStats
from exam_bank.analysis.likert import LikertItem
from exam_bank.analysis.release import ReleaseState
from exam_bank.analysis.run import Analysis, ItemReport
from exam_bank.reports.tables import Column, Sheet, Value, xlsx_bytes

ITEM_COLUMNS = (
    Column("butir", width=16), Column("jenis", width=8), Column("kompetensi_skala", width=24),
    Column("n", "int", 7), Column("tingkat_kesukaran", "number", 10),
    Column("rerata_skor", "number", 9), Column("r_butir_total", "number", 10),
    Column("r_butir_sisa", "number", 10), Column("indeks_d", "number", 9),
    Column("kesesuaian_kunci_sjt", "number", 12), Column("r_sebelum_dibalik", "number", 12),
    Column("ditandai", "bool", 9), Column("alasan", width=80), Column("keputusan", width=40),
)
OPTION_COLUMNS = (
    Column("butir", width=16), Column("opsi", width=8), Column("bobot", "number", 8),
    Column("kunci", "bool", 7), Column("kelompok_atas", "number", 12),
    Column("kelompok_bawah", "number", 12), Column("semua", "number", 9),
)
SCALE_COLUMNS = (
    Column("skala", width=26), Column("butir_per_form", "number", 12),
    Column("peserta", "int", 9), Column("alpha", "number", 9), Column("catatan", width=60),
)
DIF_COLUMNS = (
    Column("butir", width=16), Column("kelompok", width=14), Column("acuan", width=20),
    Column("fokus", width=20), Column("n_acuan", "int", 8), Column("n_fokus", "int", 8),
    Column("alpha_mh", "number", 9), Column("delta_mh", "number", 9),
    Column("se_delta", "number", 9), Column("chi_kuadrat", "number", 10),
    Column("p", "number", 8), Column("kelas_ets", width=9),
)
RATER_COLUMNS = (Column("ukuran", width=44), Column("nilai", "number", 12),
                 Column("keterangan", width=40))


def decision_text(state: ReleaseState | None, item_id: str) -> str:
    if state is None:
        return ""
    for d in state.decisions:
        if d.item_id == item_id:
            verb = "dikeluarkan" if d.decision == "exclude" else "dipertahankan"
            return f"{verb} ({d.by}): {d.reason}"
    return "belum diputuskan" if item_id in state.flagged else ""


def _item_row(r: ItemReport, state: ReleaseState | None) -> tuple[Value, ...]:
    s = r.stats
    reasons = " ".join(f.reason for f in r.flags)
    if isinstance(s, ItemStats):
        return (r.item_id, r.type, r.competency, s.n, s.difficulty, s.mean_raw,
                s.r_item_total, s.r_item_rest, s.upper_lower, s.key_agreement, None,
                r.flagged, reasons, decision_text(state, r.item_id))
    assert isinstance(s, LikertItem)
    return (r.item_id, r.type, r.competency, s.n, None, s.mean_point, None, s.r_item_rest,
            None, None, s.r_raw_rest if s.reverse else None, r.flagged, reasons,
            decision_text(state, r.item_id))


def analysis_sheets(analysis: Analysis, state: ReleaseState | None) -> list[Sheet]:
    items = Sheet("butir", ITEM_COLUMNS, tuple(_item_row(r, state) for r in analysis.items))
    options = Sheet("opsi", OPTION_COLUMNS, tuple(
        (r.item_id, o.option, o.weight, o.keyed, o.upper, o.lower, o.overall)
        for r in analysis.items if isinstance(r.stats, ItemStats) for o in r.stats.options))
    scales = Sheet("skala", SCALE_COLUMNS, tuple(
        (s.scale, s.k, s.candidates, s.alpha, analysis.scale_notes.get(s.scale, ""))
        for s in analysis.scales))
    dif = Sheet("dif", DIF_COLUMNS, tuple(
        (d.item_id, d.field, d.reference, d.focal, d.n_reference, d.n_focal, d.mh.alpha,
         d.mh.delta, d.mh.se_delta, d.mh.chi_square, d.mh.p_value, d.mh.ets_class)
        for r in analysis.items for d in r.dif))
    sheets = [items, options, scales, dif]
    raters = analysis.raters
    if raters is not None:
        rows: list[tuple[Value, ...]] = [
            ("makalah dengan dua penilaian", raters.papers, ""),
            ("ICC(1,1)", raters.icc_1_1, "penilai berbeda per makalah"),
            ("selisih rata-rata dua penilaian pertama", raters.mean_abs_difference, "poin"),
            ("proporsi perlu penilai ketiga", raters.third_rate, ""),
        ]
        rows += [(f"ICC(2,1) {p.first} – {p.second}", p.icc_2_1, f"{p.papers} makalah")
                 for p in raters.pairs]
        rows += [(f"kemurahan {a}", v, "rerata selisih dengan penilai lain")
                 for a, v in raters.leniency.items()]
        sheets.append(Sheet("penilai", RATER_COLUMNS, tuple(rows)))
    return sheets


def _finite(sheet: Sheet) -> Sheet:
    """NaN (a statistic with no data) as an empty cell."""
    return Sheet(sheet.title, sheet.columns, tuple(
        tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
        for row in sheet.rows))


def analysis_xlsx(analysis: Analysis, state: ReleaseState | None) -> bytes:
    return xlsx_bytes([_finite(s) for s in analysis_sheets(analysis, state)])
