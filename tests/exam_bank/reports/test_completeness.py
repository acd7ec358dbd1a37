"""Reports say how complete their data is: sessions imported of
expected, present / absent / not yet imported, SEMENTARA on every page while incomplete,
absentees listed in the rankings (never ranked), a session run off its date flagged, the
one eligibility rule stated, and a paper never written scored 0 with a note."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from exam_bank.cli_report import NOT_WRITTEN, makalah_or_not_written
from exam_bank.reports.candidate_pdf import candidate_pdf
from exam_bank.reports.completeness import ABSENT, NOT_IMPORTED, completeness
from exam_bank.reports.ranking_pdf import ranking_pdf, top_three_pdf
from exam_bank.reports.summary import rankings
from exam_bank.reports.tables import ranking_sheet
from tests.exam_bank.reports.conftest import pdf_text
from tests.exam_bank.reports.sampledata import sample_package


def flat(text: str) -> str:
    return " ".join(text.split())


def s1_only(sample: Any) -> tuple[Any, list[Any], Any]:
    """The sample as if only session S1 were imported, with one of its candidates absent."""
    exam, candidates = sample
    package = sample_package()
    s1 = [c for c in package.roster.candidates if c.session == "S1"]
    absent = s1[0].participant_no
    rows = [{"participant_no": c.participant_no, "session_id": "S1",
             "status": "absent" if c.participant_no == absent else "submitted"} for c in s1]
    done, missing = completeness(package.roster, rows, {"S1": dt.date(2026, 12, 7)})
    exam = dataclasses.replace(exam, completeness=done, missing=missing)
    sat = [c for c in candidates if c.participant_no in {r["participant_no"] for r in rows}
           and c.participant_no != absent]
    return exam, sat, next(m for m in missing if m.participant_no == absent)


def test_completeness_counts_sessions_and_candidates(sample: Any) -> None:
    exam, sat, absent = s1_only(sample)
    c = exam.completeness
    assert c.sessions == ("S1", "S2", "S3") and c.imported == ("S1",) and not c.complete
    assert (c.present, c.absent, c.present + c.absent + c.not_imported) == (len(sat), 1, 54)
    assert absent.status == ABSENT
    assert {m.status for m in exam.missing if m.session_id != "S1"} == {NOT_IMPORTED}
    assert c.line().startswith("Kelengkapan data: 1 dari 3 sesi diimpor (S1); ")
    assert c.off_schedule == ("Sesi S1 dijadwalkan Selasa, 8 Desember 2026, tetapi "
                              "dilaksanakan Senin, 7 Desember 2026.",)


def test_rankings_from_one_session_of_three_say_sementara_and_list_absentees(sample: Any
                                                                             ) -> None:
    exam, sat, absent = s1_only(sample)
    code = absent.position_code
    ranked = rankings(exam, sat)
    by_no = {c.participant_no: c for c in sat}
    text = flat(pdf_text(ranking_pdf(exam, exam.positions[code], ranked[code], by_no)))
    assert "SEMENTARA" in text and "1 dari 3 sesi diimpor" in text
    assert "dilaksanakan Senin, 7 Desember 2026" in text
    assert absent.participant_no in text and "Tidak hadir (sesi S1)" in text
    assert "Belum diimpor" in text or all(m.position_code != code or m.session_id == "S1"
                                          for m in exam.missing)
    assert "Memenuhi syarat: kategori JPM Memenuhi Syarat atau Masih Memenuhi Syarat" in text
    assert "Usulan tiga besar: tiga peringkat teratas di antara peserta yang memenuhi" in text
    summary = flat(pdf_text(top_three_pdf(exam, ranked, by_no)))
    assert "SEMENTARA" in summary
    sheet = ranking_sheet(exam, ranked, by_no)
    absent_row = next(r for r in sheet.rows if r[3] == absent.participant_no)
    assert absent_row[2] is None and absent_row[-1] == "Tidak hadir"


def test_every_candidate_report_says_sementara_while_incomplete(sample: Any) -> None:
    exam, sat, _ = s1_only(sample)
    c = sat[0]
    ranking = rankings(exam, sat)[c.position_code]
    entry = next(e for e in ranking.entries if e.participant_no == c.participant_no)
    text = flat(pdf_text(candidate_pdf(exam, c, entry, len(ranking.ranked))))
    assert "SEMENTARA" in text and "Kelengkapan data: 1 dari 3 sesi diimpor" in text
    assert "Memenuhi syarat: kategori JPM" in text
    complete = dataclasses.replace(exam, completeness=dataclasses.replace(
        exam.completeness, imported=("S1", "S2", "S3")))
    text = flat(pdf_text(candidate_pdf(complete, c, entry, len(ranking.ranked))))
    assert "SEMENTARA" not in text and "3 dari 3 sesi diimpor" in text


def test_a_paper_never_written_scores_zero_with_a_note(sample: Any) -> None:
    row = {"makalah": {}, "status": "submitted"}
    grade = makalah_or_not_written(row, makalah_required=True)
    assert grade is not None and grade.final == 0.0 and grade.note == NOT_WRITTEN
    assert makalah_or_not_written({"makalah": {}, "status": "absent"}, True) is None
    exam, candidates = sample
    c = dataclasses.replace(candidates[5], makalah=grade)
    others = [x if x.participant_no != c.participant_no else c for x in candidates]
    ranking = rankings(exam, others)[c.position_code]
    entry = next(e for e in ranking.entries if e.participant_no == c.participant_no)
    assert entry.rank is not None  # ranked with 0, not "makalah belum dinilai" forever
    text = flat(pdf_text(candidate_pdf(exam, c, entry, len(ranking.ranked))))
    assert "Nilai akhir 0,00" in text and "Makalah tidak ditulis" in text
    assert "belum dinilai" not in text.lower()
