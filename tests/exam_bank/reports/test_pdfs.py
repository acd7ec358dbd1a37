"""The PDFs read back (pdftotext/pdfinfo): what each must say, in order, on how many pages."""

from __future__ import annotations

import dataclasses
import re

import pytest

from exam_bank.reports.candidate_pdf import candidate_pdf
from exam_bank.reports.model import Incident, MakalahGrade, ReportCandidate, ReportExam
from exam_bank.reports.ninebox_pdf import ninebox_pdf
from exam_bank.reports.ranking_pdf import ranking_pdf, top_three_pdf
from exam_bank.reports.summary import angka, nine_box_grid, rankings
from exam_bank.roster.model import Position
from tests.exam_bank.reports.conftest import page_texts, pdf_pages, pdf_text

LONG_NAME = ("Prof. Dr. Ir. Hj. Raden Ajeng Kusumawardhani Sri Rejeki Setyaningrum "
             "Purwaningtyas Mangkubumi Hadiningrat, S.T., M.T., M.Sc., Ph.D., IPU")


def flat(text: str) -> str:
    """Whitespace collapsed, so a wrapped phrase reads as one line."""
    return " ".join(text.split())


def candidate_and_entry(sample, index: int = 0):  # type: ignore[no-untyped-def]
    exam, candidates = sample
    c = candidates[index]
    ranking = rankings(exam, candidates)[c.position_code]
    entry = next(e for e in ranking.entries if e.participant_no == c.participant_no)
    return exam, c, entry, len(ranking.ranked)


def test_candidate_report_says_everything_the_committee_needs(sample) -> None:
    exam, c, entry, count = candidate_and_entry(sample)
    data = candidate_pdf(exam, c, entry, count)
    text = flat(pdf_text(data))
    for expected in (
        "PEMERINTAH KOTA SUKAMAJU", "LAPORAN HASIL PENILAIAN KOMPETENSI PESERTA",
        exam.title, "Selasa, 8 Desember 2026", c.participant_no, c.name,
        "19730706 199703 2 001", "Kepala Dinas Pendidikan", c.receipt_code,
        "8 Desember 2026 pukul 12.31", f"{angka(c.score.jpm)} %",
        c.score.jpm_band.label if c.score.jpm_band else "?",
        "Profil Kompetensi terhadap Standar Jabatan", "Standar jabatan",
        "Capaian di bawah standar", "Pengembangan Diri dan Orang Lain", "Perekat Bangsa",
        "Inventori Potensi", "Kecerdasan Emosional",
        "Makalah (Uji Gagasan)", "Penilai 1 60,00", "Penilai 2 82,00",
        "Diperlukan: selisih dua penilai melebihi batas", "Nilai akhir Belum dinilai",
        "Belum diperingkat (makalah belum dinilai)",
        "Kiosk dimulai ulang", "09.12.05", "Listrik padam sesaat",
        "RAHASIA", "Dicetak 10 Desember 2026 pukul 09.30",
    ):
        assert expected in text, expected
    pages = pdf_pages(data)
    for n in range(1, pages + 1):
        assert f"Halaman {n} dari {pages}" in text


def test_candidate_report_lists_each_competency_with_standard_level_and_gap(sample) -> None:
    exam, c, entry, count = candidate_and_entry(sample, 5)
    text = pdf_text(candidate_pdf(exam, c, entry, count))
    for k in c.score.competencies:
        name = exam.competency_name(k.competency)
        gap = f"+{k.gap}" if k.gap and k.gap > 0 else str(k.gap)
        row = rf"{re.escape(name)}\s+{k.standard}\s+{k.level}\s+{re.escape(gap)}\s"
        assert re.search(row, text), row


def test_ranked_candidate_report_gives_rank_and_graded_makalah(sample) -> None:
    exam, candidates = sample
    ranking = rankings(exam, candidates)["DINKES"]
    top = ranking.entries[0]
    c = next(x for x in candidates if x.participant_no == top.participant_no)
    text = flat(pdf_text(candidate_pdf(exam, c, top, len(ranking.ranked))))
    assert f"1 dari {len(ranking.ranked)} (tiga besar)" in text
    assert c.makalah is not None and c.makalah.final is not None
    assert f"Nilai akhir {angka(c.makalah.final)}" in text
    assert "Tidak ada kejadian yang dicatat." in text


def test_long_name_wraps_instead_of_running_off_the_page(sample) -> None:
    exam, c, entry, count = candidate_and_entry(sample)
    long = dataclasses.replace(c, name=LONG_NAME)
    text = flat(pdf_text(candidate_pdf(exam, long, entry, count)))
    assert LONG_NAME in text  # every word printed, in order


def ranking_of(exam: ReportExam, candidates: list[ReportCandidate], code: str) -> bytes:
    by_no = {c.participant_no: c for c in candidates}
    return ranking_pdf(exam, exam.positions[code], rankings(exam, candidates)[code], by_no)


def test_ranking_pdf_lists_the_post_in_rank_order(sample) -> None:
    exam, candidates = sample
    ranking = rankings(exam, candidates)["DISDIK"]
    text = pdf_text(ranking_of(exam, candidates, "DISDIK"))
    flat_text = flat(text)
    assert "PERINGKAT HASIL PENILAIAN KOMPETENSI" in flat_text
    assert "Jabatan: Kepala Dinas Pendidikan" in flat_text
    assert "Standar kompetensi jabatan: Integritas 4" in flat_text
    where = [text.index(e.participant_no) for e in ranking.entries]
    assert where == sorted(where)
    assert text.count("Tiga besar") == 3
    assert text.count("Makalah belum dinilai") == len(ranking.unranked) > 0
    # Two unfinished DISDIK candidates could still enter the top three.
    assert ranking.provisional and "PERINGKAT SEMENTARA" in flat_text
    for e in ranking.ranked:
        line = next(ln for ln in text.splitlines() if e.participant_no in ln)
        assert line.split()[0] == str(e.rank)
        assert angka(e.jpm) in line and ("Ya" if e.meets_standard else "Tidak") in line


def test_final_ranking_has_no_provisional_warning(sample) -> None:
    exam, candidates = sample
    assert not rankings(exam, candidates)["DINKES"].provisional
    text = flat(pdf_text(ranking_of(exam, candidates, "DINKES")))
    assert "PERINGKAT SEMENTARA" not in text and "Halaman 1 dari 1" in text
    assert "Ketua Panitia Seleksi," in text and "NIP ....." in text  # where the chair signs


def test_54_candidates_for_one_post_paginate_with_the_header_on_every_page(sample) -> None:
    exam, candidates = sample
    one_post = [dataclasses.replace(c, position_code="DISDIK",
                                    position_name="Kepala Dinas Pendidikan")
                for c in candidates]
    one_post[7] = dataclasses.replace(one_post[7], name=LONG_NAME)
    data = ranking_of(exam, one_post, "DISDIK")
    pages = page_texts(data)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert "No. Peserta" in page  # the header row repeats
        assert f"Halaman {n} dari {len(pages)}" in page
    text = "\n".join(pages)
    for c in candidates:
        assert text.count(c.participant_no) == 1
    assert LONG_NAME in flat(pdf_text(data, layout=False))


def test_post_nobody_sat_for_says_so(sample) -> None:
    exam, _ = sample
    empty = {**exam.positions, "X": Position("X", "Kepala Dinas Baru", "", {"integritas": 4})}
    exam = dataclasses.replace(exam, positions=empty)
    text = flat(pdf_text(ranking_of(exam, [], "X")))
    assert "Tidak ada peserta yang mengikuti ujian untuk jabatan ini." in text


def test_ninebox_pdf_shows_counts_and_codes_per_box(sample) -> None:
    exam, candidates = sample
    grid = nine_box_grid(candidates)
    data = ninebox_pdf(exam, candidates)
    pages = page_texts(data)
    first = flat(pages[0])
    assert "PEMETAAN TALENTA (9-BOX): POTENSI × KINERJA" in first
    drawn = flat(pdf_text(data, layout=False))
    for label in ("Potensi Rendah", "Potensi Menengah", "Potensi Tinggi",
                  "Kinerja Di Atas Ekspektasi", "Kinerja Sesuai Ekspektasi",
                  "Kinerja Di Bawah Ekspektasi"):
        assert label in drawn
    for box, members in grid.boxes.items():
        assert f"Kotak {box} · {len(members)} orang" in first
    placed = sum(len(m) for m in grid.boxes.values())
    assert f"{placed} peserta ditempatkan; {len(grid.unplaced)} belum" in first
    rest = "\n".join(pages[1:])
    for c in candidates:
        assert c.participant_no in rest
    assert rest.count("Belum ada data SKP") == len(grid.unplaced)


def test_ninebox_grid_reads_top_row_high_performance(sample) -> None:
    exam, candidates = sample
    text = page_texts(ninebox_pdf(exam, candidates))[0]
    rows = [text.index(f"Kotak {b} ") for b in (4, 2, 1)]
    assert rows == sorted(rows)  # above expectation on top, below at the bottom
    line = next(ln for ln in text.splitlines() if "Kotak 4 " in ln)
    assert line.index("Kotak 4") < line.index("Kotak 7") < line.index("Kotak 9")


@pytest.mark.parametrize("grade, shown", [
    (MakalahGrade(81.25, (80.0, 82.5)), "Nilai akhir 81,25"),
    (MakalahGrade(70.0, (60.0, 85.0, 70.0), needs_third=True), "Penilai 3 70,00"),
])
def test_makalah_grades_as_graded(sample, grade: MakalahGrade, shown: str) -> None:
    exam, c, entry, count = candidate_and_entry(sample)
    c = dataclasses.replace(c, makalah=grade, incidents=(Incident(
        c.submitted_at or exam.printed_at, "Catatan <pengawas> & saksi"),))  # type: ignore[arg-type]
    text = flat(pdf_text(candidate_pdf(exam, c, entry, count)))
    assert shown in text
    assert "Diperlukan" not in text
    assert "Catatan <pengawas> & saksi" in text  # markup-like text printed as written


def test_top_three_summary_names_each_posts_three_in_order(sample) -> None:
    exam, candidates = sample
    ranked = rankings(exam, candidates)
    by_no = {c.participant_no: c for c in candidates}
    data = top_three_pdf(exam, ranked, by_no)
    text = pdf_text(data)
    drawn = flat(pdf_text(data, layout=False))
    assert "TIGA BESAR PER JABATAN" in text
    order = []
    for code, ranking in ranked.items():
        assert exam.positions[code].name in drawn
        assert len(ranking.top) == 3
        for e in ranking.top:
            line = next(ln for ln in text.splitlines() if e.participant_no in ln)
            assert f" {e.rank} " in f" {line} " and angka(e.jpm) in line
            order.append(text.index(e.participant_no))
        others = [e for e in ranking.entries if not e.top]
        assert all(e.participant_no not in text for e in others)
    assert order == sorted(order)  # posts in exam order, each 1, 2, 3
    provisional = sum(r.provisional for r in ranked.values())
    assert drawn.count("Sementara: ada makalah yang belum dinilai;") == provisional >= 1


def test_top_three_summary_says_when_a_post_has_fewer(sample) -> None:
    exam, candidates = sample
    two = [c for c in candidates if c.position_code == "DINKES"][:2]
    ranked = rankings(exam, two)
    drawn = flat(pdf_text(top_three_pdf(exam, ranked, {c.participant_no: c for c in two}),
                          layout=False))
    assert "Hanya 2 peserta yang dapat diperingkat." in drawn
    assert "Hanya 0 peserta yang dapat diperingkat." in drawn  # posts nobody sat for


def test_aware_times_are_printed_on_the_labs_clock(sample) -> None:
    import datetime as dt

    exam, c, entry, count = candidate_and_entry(sample)
    wib = dt.timezone(dt.timedelta(hours=7))
    exam = dataclasses.replace(exam, timezone=wib,
                               printed_at=dt.datetime(2026, 12, 10, 2, 30, tzinfo=dt.UTC))
    c = dataclasses.replace(
        c, submitted_at=dt.datetime(2026, 12, 8, 5, 31, tzinfo=dt.UTC),
        incidents=(Incident(dt.datetime(2026, 12, 8, 2, 12, 5, tzinfo=dt.UTC), "Restart"),))
    text = flat(pdf_text(candidate_pdf(exam, c, entry, count)))
    assert "8 Desember 2026 pukul 12.31" in text  # 05.31 UTC is 12.31 WIB
    assert "09.12.05 Restart" in text
    assert "Dicetak 10 Desember 2026 pukul 09.30" in text


def test_a_package_without_a_zone_prints_its_times_in_wib(sample) -> None:
    """The sample's blueprint names no zone (as every package made before it could):
    Asia/Jakarta, and every time the candidate's report prints says WIB."""
    import datetime as dt

    from exam_bank.reports.model import report_from_package
    from tests.exam_bank.reports.sampledata import sample_package

    package = sample_package()
    assert package.blueprint.exam.timezone == "Asia/Jakarta"
    exam, _ = report_from_package(package, {},
                                  printed_at=dt.datetime(2026, 12, 10, 2, 30, tzinfo=dt.UTC))
    _, c, entry, count = candidate_and_entry(sample)
    c = dataclasses.replace(c, submitted_at=dt.datetime(2026, 12, 8, 5, 31, tzinfo=dt.UTC),
                            incidents=(Incident(dt.datetime(2026, 12, 8, 2, 12, 5,
                                                            tzinfo=dt.UTC), "Restart"),))
    text = flat(pdf_text(candidate_pdf(exam, c, entry, count)))
    assert "8 Desember 2026 pukul 12.31 WIB" in text  # 05.31 UTC
    assert "Waktu (WIB)" in text and "09.12.05 Restart" in text
    assert "Dicetak 10 Desember 2026 pukul 09.30 WIB" in text
